// Hand-worked 3-actor cases for the SMP's building blocks (smp-ktab.md §4.1-4.5), with the
// arithmetic written out, plus options, validation and determinism.
#include "geobalance/bargaining/smp.h"

#include <cmath>

#include <gtest/gtest.h>

#include "bargaining/smp_detail.h"
#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

TEST(SmpPce, ThreeOptionsThreeVotersByHand) {
  // Voters (weight; utilities of options 0, 1, 2):
  //   k0 (1; 1, 0, 0.5)   k1 (2; 0, 1, 0.5)   k2 (1; 0.5, 0.5, 1)
  // Pair (1,0): votes 1(0-1) = -1 -> C01 = 1; 2(1-0) = 2 -> C10 = 2; 0.  V10 = 2/3, V01 = 1/3
  // Pair (2,0): -0.5 -> C02 = 0.5; 2(0.5) = 1 and 0.5 -> C20 = 1.5.    V20 = 3/4, V02 = 1/4
  // Pair (2,1): 0.5 -> C21; 2(-0.5) = -1 -> C12 = 1; 0.5 -> C21 = 1.   V21 = V12 = 1/2
  // (each tally also starts at 1e-8). Conditional PCE: P_a = prod_b V_ab with V_aa = 1/2:
  //   P0 = 1/2 * 1/3 * 1/4 = 1/24, P1 = 2/3 * 1/2 * 1/2 = 1/6, P2 = 3/4 * 1/2 * 1/2 = 3/16;
  //   sum = 9.5/24, so P = (2/19, 8/19, 9/19).
  const std::vector<double> w = {1, 2, 1};
  const std::vector<double> u = {1, 0, 0.5, 0, 1, 0.5, 0.5, 0.5, 1};
  const std::vector<double> p = detail::pce(w, u, 3);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_NEAR(p[0], 2.0 / 19, 1e-8);
  EXPECT_NEAR(p[1], 8.0 / 19, 1e-8);
  EXPECT_NEAR(p[2], 9.0 / 19, 1e-8);
}

TEST(SmpUtility, RiskAttitudesShapeUtility) {
  // U(d, R) = (1 - d)(1 + d R): U(0.5, 1) = 0.5 * 1.5 = 0.75 (risk averse, 1 - d^2),
  // U(0.5, 0) = 0.5, U(0.5, -0.5) = 0.5 * 0.75 = 0.375 (risk seeking).
  EXPECT_DOUBLE_EQ(detail::smp_utility(0.5, 1), 0.75);
  EXPECT_DOUBLE_EQ(detail::smp_utility(0.5, 0), 0.5);
  EXPECT_DOUBLE_EQ(detail::smp_utility(0.5, -0.5), 0.375);
  EXPECT_DOUBLE_EQ(detail::smp_utility(0, 0.3), 1);
  EXPECT_DOUBLE_EQ(detail::smp_utility(1, 0.3), 0);
}

// Three actors on one dimension, salience 1 each: x = (0, 0.5, 1), c = (1, 1, 2), so
// d_ij = |x_i - x_j|.
const std::vector<double> kCap = {1, 1, 2};
const std::vector<double> kDist = {0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0};

TEST(SmpRisk, ThreeActorsByHand) {
  // rho = 1 - d = [[1, .5, 0], [.5, 1, .5], [0, .5, 1]]; PCE over the three positions with
  // weights c:
  //   (1,0): 1(.5-1) = -.5, 1(1-.5) = .5, 2(.5-0) = 1  -> C10 = 1.5, C01 = .5: V10 = 3/4
  //   (2,0): 1(0-1) = -1, 1(.5-.5) = 0, 2(1-0) = 2     -> C20 = 2, C02 = 1:   V20 = 2/3
  //   (2,1): 1(0-.5) = -.5, 1(.5-1) = -.5, 2(1-.5) = 1 -> C21 = 1, C12 = 1:   V21 = 1/2
  //   P0 = 1/2 * 1/4 * 1/3 = 1/24, P1 = 3/4 * 1/2 * 1/2 = 3/16, P2 = 2/3 * 1/2 * 1/2 = 1/6
  //   normalised: P = (2/19, 9/19, 8/19); Pmin = 2/19, Pmax = 9/19.
  // Mid range: R = (3P - (Pmax + 2 Pmin)) / (2 (Pmax - Pmin)) = (3P*19 - 13) / 14:
  //   R0 = (6 - 13)/14 = -1/2, R1 = (27 - 13)/14 = 1, R2 = (24 - 13)/14 = 11/14.
  const std::vector<double> r = detail::risk_attitudes(kCap, kDist, SmpRiskRange::kMid);
  EXPECT_NEAR(r[0], -0.5, 1e-7);
  EXPECT_NEAR(r[1], 1.0, 1e-7);
  EXPECT_NEAR(r[2], 11.0 / 14, 1e-7);
  // Min range: (P - Pmin) / (Pmax - Pmin) = (0, 1, 6/7).
  const std::vector<double> rmin = detail::risk_attitudes(kCap, kDist, SmpRiskRange::kMin);
  EXPECT_NEAR(rmin[0], 0, 1e-7);
  EXPECT_NEAR(rmin[2], 6.0 / 7, 1e-7);
  // OneThird adjustment: h believes i's attitude is (2 R_h + R_i) / 3.
  EXPECT_DOUBLE_EQ(detail::believed_risk(1, -0.5, SmpRiskAdjust::kOneThird), 0.5);
  EXPECT_DOUBLE_EQ(detail::believed_risk(1, -0.5, SmpRiskAdjust::kNone), 1);
  EXPECT_DOUBLE_EQ(detail::believed_risk(1, -0.5, SmpRiskAdjust::kFull), -0.5);
}

TEST(SmpChallenge, ThreeActorsByHand) {
  // Actor 1 (R = 1) weighs challenging actor 0, with the risk attitudes above. Its beliefs
  // r_1a = (2 R_1 + R_a)/3 are (0.5, 1, 13/14), so its perspective matrix u^1 is
  //   row 0 (r = .5):    U(0) = 1, U(.5) = .5 * 1.25 = .625, U(1) = 0
  //   row 1 (r = 1):     .75, 1, .75
  //   row 2 (r = 13/14): 0, .5 (1 + 13/28) = 41/56, 1
  // SQ = u11 + u10 = 1.75, W = 2 u11 = 2, L = 2 u10 = 1.5.
  // a_i = 1*1*(u11 - u10) = .25; a_j = 1*1*(u01 - u00) = -.375: A+ = .25, A- = .375.
  // Third party 2, weight 2: v0 = 2 (41/56 - 0) = 41/28;
  //   p = (7/28 + 41/28) / (48/28 + 10.5/28) = 48/58.5 = 32/39, q = 7/39;
  //   J_i = p (2 * 41/56 + 1) + q * 0 = p * 69/28; J_j = p * 123/56 + q * 1;
  //   J_i - J_j = p * 15/56 - q = 480/2184 - 392/2184 = 11/273; v = 22/273 > 0.
  // C+ = 1/4 + 22/273 = 361/1092, C- = 3/8 = 409.5/1092: pi = 361/770.5 = 722/1541.
  // sigma_0 = 1, so EU_chal = EU_contest = 2 pi + 1.5 (1 - pi) = 1.5 + pi/2;
  // Delta = 1.5 + pi/2 - 1.75 = 361/1541 - 1/4 = -97/6164 (no challenge).
  const double r = 13.0 / 14;
  const std::vector<double> u = {1, 0.625, 0, 0.75, 1, 0.75, 0, 0.5 * (1 + 0.5 * r), 1};
  const std::vector<double> sal = {1, 1, 1};
  const detail::Challenge c = detail::evaluate_challenge(u, 3, sal, kCap, 1, 0);
  EXPECT_NEAR(c.win_probability, 722.0 / 1541, 1e-9);
  EXPECT_NEAR(c.gain, -97.0 / 6164, 1e-9);
}

TEST(SmpBargain, InterpolationByHand) {
  // i at 0.5 with salience 1, j at 0 with salience 0.6, p = 0.8 (q = 0.2):
  //   w_i = 1^2 * 0.8^2 = 0.64, w_j = 0.6^2 * 0.2^2 = 0.0144, eps = 1e-6;
  //   b_i = ((0.64 + 1e-6) * 0.5 + 0.0144 * 0) / 0.654401 = 0.3200005 / 0.654401 = 0.48899...
  //   b_j = (0.64 * 0.5) / 0.654401 = 0.48899...; both round (half up, to 1e-4) to 0.489.
  double bi = 0, bj = 0;
  detail::bargain_point(0.5, 0, 1, 0.6, 0.8, SmpBargainWeights::kS2P2, &bi, &bj);
  EXPECT_DOUBLE_EQ(bi, 0.489);
  EXPECT_DOUBLE_EQ(bj, 0.489);
  // S1P1: w_i = 0.8, w_j = 0.6 * 0.2 = 0.12: b = 0.4 / 0.920001 = 0.43478... -> 0.4348.
  detail::bargain_point(0.5, 0, 1, 0.6, 0.8, SmpBargainWeights::kS1P1, &bi, &bj);
  EXPECT_DOUBLE_EQ(bi, 0.4348);
  EXPECT_DOUBLE_EQ(detail::round4(0.12345), 0.1235);
  EXPECT_DOUBLE_EQ(detail::round4(0.12344999), 0.1234);
}

Issue three_actor_issue() {
  Issue is;
  is.name = "three";
  is.dimensions = {"x"};
  is.actors = {{"A", "", 1, {0}, {1}}, {"B", "", 1, {50}, {1}}, {"C", "", 2, {100}, {1}}};
  return is;
}

TEST(Smp, ThreeActorRunStaysOnScaleAndIsDeterministic) {
  const Issue is = three_actor_issue();
  const SmpResult a = run_smp(is), b = run_smp(is);
  ASSERT_GE(a.turns(), 1);
  EXPECT_EQ(a.history, b.history);
  EXPECT_EQ(a.history[0], (std::vector<double>{0, 50, 100}));
  // Risk attitudes of state 0 are the hand-worked ones above.
  EXPECT_NEAR(a.risk[0][0], -0.5, 1e-7);
  EXPECT_NEAR(a.risk[0][2], 11.0 / 14, 1e-7);
  for (const auto& s : a.history)
    for (double x : s) EXPECT_TRUE(x >= 0 && x <= 100);
}

TEST(Smp, StochasticTransitionsAreSeeded) {
  Issue is = three_actor_issue();
  SmpOptions o;
  o.transitions = SmpTransitions::kStochastic;
  o.seed = 42;
  const SmpResult a = run_smp(is, o), b = run_smp(is, o);
  EXPECT_EQ(a.history, b.history);
}

TEST(Smp, MaxTurnsStopsTheRun) {
  SmpOptions o;
  o.max_turns = 1;
  const SmpResult r = run_smp(three_actor_issue(), o);
  EXPECT_EQ(r.turns(), 1);
  EXPECT_EQ(r.termination, SmpTermination::kMaxTurns);
}

TEST(Smp, RejectsBadOptionsAndIssues) {
  SmpOptions o;
  o.max_turns = 0;
  EXPECT_THROW_MSG(o.validate(), InputError, "SmpOptions: max_turns is 0, but must be >= 1");
  o = {};
  o.min_delta_ratio = -1;
  EXPECT_THROW_MSG(o.validate(), InputError,
                   "SmpOptions: min_delta_ratio is -1, but must be finite and >= 0");
  Issue is = three_actor_issue();
  is.actors.pop_back();
  EXPECT_THROW_MSG(run_smp(is), InputError, "issue: has 2 actors, but the SMP needs at least 3");
  is = three_actor_issue();
  is.actors[1].capability = 0;
  EXPECT_THROW_MSG(run_smp(is), InputError, "issue: actor 1 'B': capability is 0, but must be finite and > 0");
  is = three_actor_issue();
  is.actors[2].position[0] = 101;
  EXPECT_THROW_MSG(run_smp(is), InputError, "issue: actor 2 'C': position[0] is 101, but must be in [0, 100]");
  is = three_actor_issue();
  is.actors[0].salience[0] = 0;
  EXPECT_THROW_MSG(run_smp(is), InputError, "issue: actor 0 'A': saliences are all 0, but at least one must be > 0");
  is = three_actor_issue();
  is.actors[0].salience[0] = NAN;
  EXPECT_THROW_MSG(run_smp(is), InputError, "issue: actor 0 'A': salience[0] is nan, but must be in [0, 1]");
}

TEST(SmpNames, RoundTrip) {
  EXPECT_EQ(smp_risk_adjust_from_string(to_string(SmpRiskAdjust::kTwoThirds)), SmpRiskAdjust::kTwoThirds);
  EXPECT_EQ(smp_transitions_from_string("stochastic"), SmpTransitions::kStochastic);
  EXPECT_THROW_MSG(smp_victory_model_from_string("cubic"), InputError,
                   "victory model: found 'cubic', expected one of linear, square, quartic, octic");
}

}  // namespace
}  // namespace geobalance::bargaining

#include "geobalance/bargaining/issue_io.h"

namespace geobalance::bargaining {
namespace {

// Issue 16 item 6: an SMP run that alternates between two states was reported as converged or
// as a turn limit. The fixture (tests/data/bargaining/smp_cycle.csv) alternates from turn 4 on.
// The expectation is checked against the definition on the history itself: every state from
// turn 4 on equals the one two turns back and differs from the one just before.
TEST(SmpCycle, AnAlternatingRunIsReportedAsACycleOfLengthTwo) {
  const Issue issue = load_issue(testing::source_dir() + "/tests/data/bargaining/smp_cycle.csv");
  const SmpResult r = run_smp(issue);
  ASSERT_GE(r.history.size(), 8u);
  for (std::size_t t = 6; t < r.history.size(); ++t) {
    EXPECT_EQ(r.history[t], r.history[t - 2]) << t;
    EXPECT_NE(r.history[t], r.history[t - 1]) << t;
  }
  EXPECT_NE(r.history[5], r.history[3]);  // the cycle starts at turn 4, not before
  EXPECT_EQ(r.history[6], r.history[4]);
  EXPECT_EQ(r.termination, SmpTermination::kCycle);
  EXPECT_EQ(r.cycle_length, 2);
  EXPECT_EQ(r.cycle_start, 4);
  EXPECT_EQ(to_string(r.termination), "cycle");
  EXPECT_THAT(r.brief_report(), ::testing::HasSubstr("cycle of length 2: from turn 4 on"));
  // Stochastic transitions: a repeated state is no cycle, so the label stays a rule's.
  SmpOptions o;
  o.transitions = SmpTransitions::kStochastic;
  o.seed = 5;
  EXPECT_NE(run_smp(issue, o).termination, SmpTermination::kCycle);
}

}  // namespace
}  // namespace geobalance::bargaining
