// Tests of the BDM expected-utility model. Expected values: the reference outputs of two
// readings in ../shared/bdm/expected, the hand-worked round-1 table and the published
// probabilities / risk exponents in ../shared/models/bdm.md, and hand computations written
// out below (bdm1994 round 1 on the EU example; a 3-actor issue).
#include "geobalance/bargaining/bdm.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "geobalance/bargaining/bdm_io.h"
#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

constexpr double kRefTol = 1e-9;

Issue make_issue(const std::vector<std::tuple<std::string, double, double, double>>& rows) {
  Issue issue;
  issue.name = "test";
  issue.dimensions = {"x"};
  for (const auto& [name, c, x, s] : rows) {
    Actor a;
    a.name = name;
    a.capability = c;
    a.position = {x};
    a.salience = {s};
    issue.actors.push_back(a);
  }
  return issue;
}

int index_of(const BdmResult& r, const std::string& name) {
  for (std::size_t i = 0; i < r.actors.size(); ++i)
    if (r.actors[i] == name) return static_cast<int>(i);
  ADD_FAILURE() << "no actor " << name;
  return -1;
}

const BdmOffer& offer(const BdmRound& round, int receiver, int sender) {
  for (const BdmOffer& o : round.offers)
    if (o.receiver == receiver && o.sender == sender) return o;
  static BdmOffer none;
  ADD_FAILURE() << "no offer " << receiver << " <- " << sender;
  return none;
}

struct Deviation {
  double positions = 0, risk = 0, eu = 0, new_position = 0;
  int rows = 0;
};

// Compares a run with the three reference files of one preset. Kinds and the chosen flag
// must agree exactly; numbers to 1e-9. One documented mapping: the gdm code has no
// same-position test in its EU, so two actors at exactly the same position (round 3,
// Luxembourg and Netherlands/Germany, both at 4.0) get a rounding-noise EU of 2.8e-17 and
// the reference labels the pair "other"; geobalance treats equal positions as "same_position"
// (EUs 0, no offer), which changes no number by more than 1e-16 and no choice.
Deviation compare_with_reference(const BdmResult& res, const std::string& stem) {
  Deviation dev;
  auto pos = io::CsvTable::read_file(stem + ".csv");
  auto risk = io::CsvTable::read_file(stem + ".risk.csv");
  auto offers = io::CsvTable::read_file(stem + ".offers.csv");
  EXPECT_EQ(res.rounds_run, 10);
  EXPECT_EQ(pos.num_rows(), 11 * res.actors.size());
  for (std::size_t row = 0; row < pos.num_rows(); ++row) {
    int round = static_cast<int>(pos.get_int(row, pos.require_column("round")));
    int a = index_of(res, std::string(pos.get_string(row, pos.require_column("actor"))));
    double want = pos.get_double(row, pos.require_column("position"));
    double got = round == 0 ? res.initial_positions[a] : res.rounds.at(round - 1).positions[a];
    EXPECT_NEAR(got, want, kRefTol) << "round " << round << " actor " << res.actors[a];
    dev.positions = std::max(dev.positions, std::abs(got - want));
  }
  EXPECT_EQ(risk.num_rows(), 10 * res.actors.size());
  for (std::size_t row = 0; row < risk.num_rows(); ++row) {
    int round = static_cast<int>(risk.get_int(row, risk.require_column("round")));
    int a = index_of(res, std::string(risk.get_string(row, risk.require_column("actor"))));
    double want = risk.get_double(row, risk.require_column("r"));
    double got = res.rounds.at(round - 1).risk[a];
    EXPECT_NEAR(got, want, kRefTol) << "round " << round << " actor " << res.actors[a];
    dev.risk = std::max(dev.risk, std::abs(got - want));
  }
  const std::size_t n = res.actors.size();
  EXPECT_EQ(offers.num_rows(), 10 * n * (n - 1));
  auto col = [&](const char* name) { return offers.require_column(name); };
  for (std::size_t row = 0; row < offers.num_rows(); ++row) {
    int round = static_cast<int>(offers.get_int(row, col("round")));
    int i = index_of(res, std::string(offers.get_string(row, col("receiver"))));
    int j = index_of(res, std::string(offers.get_string(row, col("sender"))));
    const BdmOffer& o = offer(res.rounds.at(round - 1), i, j);
    std::string where = "round " + std::to_string(round) + " " + res.actors[i] + " <- " + res.actors[j];
    double xr = offers.get_double(row, col("x_receiver")), xs = offers.get_double(row, col("x_sender"));
    double a = offers.get_double(row, col("eu_receiver")), b = offers.get_double(row, col("eu_sender"));
    std::string kind(offers.get_string(row, col("kind")));
    if (kind == "other" && xr == xs && std::abs(a) < 1e-15 && std::abs(b) < 1e-15) kind = "same_position";
    EXPECT_NEAR(o.x_receiver, xr, kRefTol) << where;
    EXPECT_NEAR(o.x_sender, xs, kRefTol) << where;
    EXPECT_NEAR(o.eu_receiver, a, kRefTol) << where;
    EXPECT_NEAR(o.eu_sender, b, kRefTol) << where;
    dev.eu = std::max({dev.eu, std::abs(o.eu_receiver - a), std::abs(o.eu_sender - b),
                       std::abs(o.x_receiver - xr), std::abs(o.x_sender - xs)});
    EXPECT_EQ(to_string(o.kind), kind) << where;
    auto np = offers.get_double(row, col("new_position"), io::Missing::kBlankOrNA);
    EXPECT_EQ(o.has_new_position, np.has_value()) << where;
    if (np && o.has_new_position) {
      EXPECT_NEAR(o.new_position, *np, kRefTol) << where;
      dev.new_position = std::max(dev.new_position, std::abs(o.new_position - *np));
    }
    EXPECT_EQ(o.chosen, offers.get_int(row, col("chosen")) == 1) << where;
    ++dev.rows;
  }
  std::printf("[ bdm ref ] %s: %d offer rows; max |dev| positions %.3g, risk %.3g, EU/x %.3g, new positions %.3g\n",
              stem.c_str(), dev.rows, dev.positions, dev.risk, dev.eu, dev.new_position);
  return dev;
}

TEST(BdmModel, Scholz2011ReproducesReferenceOutputs) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(input, "bdm/data/eu-emissions.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(expected, "bdm/expected/scholz2011-eu-emissions.csv");
  auto res = run_bdm(read_bdm_csv(input), bdm_preset(BdmPreset::kScholz2011));
  EXPECT_EQ(res.termination, BdmTermination::kMaxRounds);
  auto dev = compare_with_reference(res, expected.substr(0, expected.size() - 4));
  EXPECT_EQ(dev.rows, 900);
}

TEST(BdmModel, GdmReproducesReferenceOutputs) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(input, "bdm/data/eu-emissions.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(expected, "bdm/expected/gdm-eu-emissions.csv");
  auto res = run_bdm(read_bdm_csv(input), bdm_preset(BdmPreset::kGdm));
  EXPECT_EQ(res.termination, BdmTermination::kMaxRounds);
  auto dev = compare_with_reference(res, expected.substr(0, expected.size() - 4));
  EXPECT_EQ(dev.rows, 900);
}

TEST(BdmModel, DefaultOptionsAreTheScholz2011Preset) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(input, "bdm/data/eu-emissions.csv");
  Issue issue = read_bdm_csv(input);
  auto a = run_bdm(issue);
  auto b = run_bdm(issue, bdm_preset(BdmPreset::kScholz2011));
  EXPECT_EQ(a.final_positions, b.final_positions);
}

// The EU emission-standards example (BdM 1994 Table 1 as in Scholz et al. 2011), written out
// so the hand-worked tests below do not depend on ../shared.
Issue eu_emissions() {
  return make_issue({{"Netherlands", 0.08, 4, 0.8}, {"Belgium", 0.08, 7, 0.4},
                     {"Luxembourg", 0.03, 4, 0.2}, {"Germany", 0.16, 4, 0.8},
                     {"France", 0.16, 10, 0.6},    {"Italy", 0.16, 10, 0.6},
                     {"UK", 0.16, 10, 0.9},        {"Ireland", 0.05, 7, 0.1},
                     {"Denmark", 0.05, 4, 1.0},    {"Greece", 0.08, 7, 0.7}});
}

// bdm.md, "Round 1 under scholz2011 (a hand-checkable test)": every row of the table.
TEST(BdmModel, Scholz2011RoundOneMatchesTheHandWorkedTableInBdmMd) {
  auto res = run_bdm(eu_emissions(), bdm_preset(BdmPreset::kScholz2011));
  ASSERT_GE(res.rounds.size(), 1u);
  const BdmRound& r1 = res.rounds[0];
  const std::map<std::string, double> r = {{"Netherlands", 1.4057}, {"Belgium", 0.7542},
                                           {"Luxembourg", 0.5089},  {"Germany", 1.4057},
                                           {"France", 1.0465},      {"Italy", 1.0465},
                                           {"UK", 1.9649},          {"Ireland", 0.5000},
                                           {"Denmark", 2.0000},     {"Greece", 1.1121}};
  for (const auto& [name, want] : r) EXPECT_NEAR(r1.risk[index_of(res, name)], want, 5e-5) << name;

  struct Row {
    const char* receiver;
    const char* sender;
    double a, b;
    BdmOfferKind kind;
    double new_x;  // NaN when the kind does not move the receiver
    bool chosen;
  };
  const double none = std::nan("");
  using K = BdmOfferKind;
  const std::vector<Row> table = {
      {"Belgium", "Netherlands", -0.472514, 0.242256, K::kCapitulationDropped, none, false},
      {"Belgium", "Luxembourg", 0.605993, 0.242256, K::kReceiverWins, none, false},
      {"Belgium", "Germany", -0.472514, 0.242256, K::kCapitulationDropped, none, false},
      {"Belgium", "France", -0.114831, 0.243297, K::kCompromise, 8.415932, true},
      {"Belgium", "Italy", -0.114831, 0.243297, K::kCompromise, 8.415932, false},
      {"Belgium", "UK", -0.654994, 0.243297, K::kCapitulationDropped, none, false},
      {"Belgium", "Denmark", -0.832017, 0.242256, K::kCapitulationDropped, none, false},
      {"Luxembourg", "Belgium", 0.245509, 0.542246, K::kConfrontation, 7, true},
      {"Luxembourg", "France", 0.432110, 2.020590, K::kConfrontation, 10, false},
      {"Luxembourg", "Italy", 0.432110, 2.020590, K::kConfrontation, 10, false},
      {"Luxembourg", "UK", -0.757387, 2.020590, K::kCompromise, 6.249007, false},
      {"Luxembourg", "Ireland", 0.688023, 0.542246, K::kReceiverWins, none, false},
      {"Luxembourg", "Greece", -0.197005, 0.542246, K::kCompromise, 5.089938, false},
      {"Ireland", "Netherlands", -0.332330, 0.682478, K::kCompromise, 5.539160, false},
      {"Ireland", "Luxembourg", 0.538238, 0.682478, K::kConfrontation, 4, true},
      {"Ireland", "Germany", -0.332330, 0.682478, K::kCompromise, 5.539160, false},
      {"Ireland", "France", -0.043609, 0.682688, K::kCompromise, 7.191635, false},
      {"Ireland", "Italy", -0.043609, 0.682688, K::kCompromise, 7.191635, false},
      {"Ireland", "UK", -0.479627, 0.682688, K::kCompromise, 9.107670, false},
      {"Ireland", "Denmark", -0.622520, 0.682478, K::kCompromise, 4.263561, false},
  };
  for (const Row& row : table) {
    const BdmOffer& o = offer(r1, index_of(res, row.receiver), index_of(res, row.sender));
    std::string where = std::string(row.receiver) + " <- " + row.sender;
    EXPECT_NEAR(o.eu_receiver, row.a, 5e-7) << where;
    EXPECT_NEAR(o.eu_sender, row.b, 5e-7) << where;
    EXPECT_EQ(o.kind, row.kind) << where;
    EXPECT_EQ(o.has_new_position, !std::isnan(row.new_x)) << where;
    if (!std::isnan(row.new_x)) EXPECT_NEAR(o.new_position, row.new_x, 5e-7) << where;
    EXPECT_EQ(o.chosen, row.chosen) << where;
  }
  // "No offers: Netherlands, Germany, France, Italy, UK, Denmark, Greece."
  for (const char* name : {"Netherlands", "Germany", "France", "Italy", "UK", "Denmark", "Greece"}) {
    int i = index_of(res, name);
    for (const BdmOffer& o : r1.offers)
      if (o.receiver == i)
        EXPECT_TRUE(o.kind == K::kNoOffer || o.kind == K::kSamePosition) << name;
  }
  // Round-1 result: BE 7 -> 8.415932, LU 4 -> 7, IE 7 -> 4, mu_1 = 7.461314378277189.
  const std::vector<double> after = {4, 8.415932, 7, 4, 10, 10, 10, 4, 4, 7};
  for (std::size_t i = 0; i < after.size(); ++i) EXPECT_NEAR(r1.positions[i], after[i], 5e-7);
  EXPECT_NEAR(r1.mean, 7.461314378277189, 1e-12);
  EXPECT_EQ(r1.moves, 3);
  // bdm.md: the scholz2011 means of rounds 1..10.
  const double means[] = {7.461, 7.553, 7.590, 7.358, 7.349, 7.415, 7.510, 7.572, 7.325, 7.242};
  ASSERT_EQ(res.rounds.size(), 10u);
  for (int t = 0; t < 10; ++t) EXPECT_NEAR(res.rounds[t].mean, means[t], 5e-4) << "round " << t + 1;
}

// bdm.md's "consequence" row: P at r = 1. Under scholz2011 the r = 1 probabilities are those
// of linear votes, so they show in the offer pass when only vote_utility is switched.
TEST(BdmModel, ProbabilitiesOfEachReadingMatchBdmMd) {
  Issue issue = eu_emissions();
  const int fr = 4, be = 1, nl = 0;
  BdmOptions scholz_linear = bdm_preset(BdmPreset::kScholz2011);
  scholz_linear.vote_utility = BdmVoteUtility::kLinear;
  scholz_linear.max_rounds = 1;
  auto s = run_bdm(issue, scholz_linear);
  EXPECT_NEAR(offer(s.rounds[0], fr, be).p_receiver, 0.00595, 5e-6);
  EXPECT_NEAR(offer(s.rounds[0], fr, be).p_sender, 0.00604, 5e-6);

  BdmOptions gdm = bdm_preset(BdmPreset::kGdm);
  gdm.max_rounds = 1;
  auto g = run_bdm(issue, gdm);
  EXPECT_NEAR(offer(g.rounds[0], be, fr).p_receiver, 0.00739, 5e-6);
  EXPECT_EQ(offer(g.rounds[0], fr, be).p_receiver, 0.0);
  EXPECT_NEAR(offer(g.rounds[0], fr, nl).p_receiver, 0.1507, 5e-5);
  EXPECT_EQ(offer(g.rounds[0], nl, fr).p_receiver, 0.0);
  EXPECT_NEAR(g.rounds[0].risk[nl], 1.1272, 5e-5);
  EXPECT_NEAR(g.rounds[0].risk[be], 0.7809, 5e-5);

  BdmOptions b94 = bdm_preset(BdmPreset::kBdm1994);
  b94.max_rounds = 1;
  auto b = run_bdm(issue, b94);
  EXPECT_NEAR(offer(b.rounds[0], fr, be).p_receiver, 0.4963, 5e-5);
  EXPECT_NEAR(offer(b.rounds[0], be, fr).p_receiver, 0.5037, 5e-5);
  EXPECT_NEAR(b.rounds[0].risk[nl], 1.1172, 5e-5);
  EXPECT_NEAR(b.rounds[0].risk[be], 1.0044, 5e-5);
}

// bdm1994, round 1 of the EU example, by hand.
//
// Weights w = c s: NL .064, BE .032, LU .006, DE .128, FR .096, IT .096, UK .144, IE .005,
// DK .05, GR .056. The positions are 4, 7 and 10 only; the weight at each:
//   W4 = .064 + .006 + .128 + .05 = .248, W7 = .032 + .005 + .056 = .093,
//   W10 = .096 + .096 + .144 = .336.
// Linear votes, P_a(b) = sum of positive votes / sum of |votes| (the 1/Delta cancels):
//   4 vs 7:  voters at 4 give +3, at 7 give -3, at 10 give -3 (|10-7| - |10-4|):
//            P(4 beats 7) = 3 W4 / 3(W4 + W7 + W10) = .248/.677,  P(7 beats 4) = .429/.677
//   4 vs 10: at 4 +6, at 7 0, at 10 -6: P(4 beats 10) = .248/.584, P(10 beats 4) = .336/.584
//   7 vs 10: at 4 +3, at 7 +3, at 10 -3: P(7 beats 10) = .341/.677, P(10 beats 7) = .336/.677
// Risk pass (r = 1): U_s = 2d, U_f = -2d, U_sq = 0, so EU_j(i) = 2d (1 - 2 s_i (1 - P_j(i))),
// d = |x_i - x_j| / 6. E.g. Netherlands (4, s = .8): three challengers at 7 (d = .5) give
// 1 - 1.6 (.248/.677) = .413885 each, three at 10 (d = 1) give 2 (1 - 1.6 (.248/.584)) =
// .641096 each, the three at 4 give 0: S_NL = 3.164942.
TEST(BdmModel, Bdm1994RoundOneWorkedByHand) {
  const double w4 = .248, w7 = .093, w10 = .336;
  auto P = [&](double a, double b) {  // probability that position a beats position b
    if (a == b) return 0.0;
    if (a == 4 && b == 7) return w4 / (w4 + w7 + w10);
    if (a == 7 && b == 4) return (w7 + w10) / (w4 + w7 + w10);
    if (a == 4 && b == 10) return w4 / (w4 + w10);
    if (a == 10 && b == 4) return w10 / (w4 + w10);
    if (a == 7 && b == 10) return (w4 + w7) / (w4 + w7 + w10);
    return w10 / (w4 + w7 + w10);  // 10 beats 7
  };
  const std::vector<double> x = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
  const std::vector<double> s = {.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7};
  const std::size_t n = x.size();
  // Dangers: S_i = sum_j 2 d (1 - 2 s_i (1 - P(x_j beats x_i))).
  std::vector<double> S(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      double d = std::abs(x[i] - x[j]) / 6;
      S[i] += 2 * d * (1 - 2 * s[i] * (1 - P(x[j], x[i])));
    }
  EXPECT_NEAR(S[0], 3.164942, 1e-6);
  // S_max = S_LU = 7.541236, S_min = S_UK = 0.035009; R_i = (2 S_i - S_max - S_min) / range.
  const double smax = S[2], smin = S[6];
  EXPECT_NEAR(smax, 7.541236, 1e-6);
  EXPECT_NEAR(smin, 0.035009, 1e-6);
  std::vector<double> r(n);
  for (std::size_t i = 0; i < n; ++i) {
    double R = (2 * S[i] - smax - smin) / (smax - smin);
    r[i] = (1 - R / 3) / (1 + R / 3);
  }
  EXPECT_NEAR(r[2], 0.5, 1e-12);  // Luxembourg is the most attractive target
  EXPECT_NEAR(r[6], 2.0, 1e-12);  // UK the least

  // Offer pass: EU_a(b) = s_b [P U_s + (1-P) U_f] + (1 - s_b) U_s - U_sq with the
  // receiver's r for both a = EU_i(j) and b = EU_j(i).
  auto eu = [&](std::size_t from, std::size_t to, double rr) {
    double d = std::abs(x[from] - x[to]) / 6;
    double us = 2 - 4 * std::pow(0.5 - 0.5 * d, rr), uf = 2 - 4 * std::pow(0.5 + 0.5 * d, rr);
    double usq = 2 - 4 * std::pow(0.5, rr);
    double p = P(x[from], x[to]);
    return s[to] * (p * us + (1 - p) * uf) + (1 - s[to]) * us - usq;
  };
  auto res = run_bdm(eu_emissions(), bdm_preset(BdmPreset::kBdm1994));
  ASSERT_GE(res.rounds.size(), 1u);
  const BdmRound& r1 = res.rounds[0];
  for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(r1.risk[i], r[i], 1e-12) << i;
  std::vector<double> expected_x = x;
  for (std::size_t i = 0; i < n; ++i) {
    double best_move = 1e300;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      const BdmOffer& o = offer(r1, static_cast<int>(i), static_cast<int>(j));
      if (x[i] == x[j]) {
        EXPECT_EQ(o.kind, BdmOfferKind::kSamePosition);
        continue;
      }
      double a = eu(i, j, r[i]), b = eu(j, i, r[i]);
      EXPECT_NEAR(o.eu_receiver, a, 1e-12);
      EXPECT_NEAR(o.eu_sender, b, 1e-12);
      // The quadrant rules, with capitulation taken; the smallest move wins, first on ties.
      double target = std::nan("");
      if (b <= 0) EXPECT_EQ(o.kind, BdmOfferKind::kNoOffer);
      else if (a > 0 && b > a) target = x[j];
      else if (a > 0) EXPECT_EQ(o.kind, BdmOfferKind::kReceiverWins);
      else if (-a < b) target = x[i] + (x[j] - x[i]) * (-a / b);
      else target = x[j];
      if (!std::isnan(target)) {
        EXPECT_NEAR(o.new_position, target, 1e-12) << i << " <- " << j;
        if (std::abs(target - x[i]) < best_move) {
          best_move = std::abs(target - x[i]);
          expected_x[i] = target;
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(r1.positions[i], expected_x[i], 1e-12) << i;
  // bdm.md's tie: Belgium at 7 loses confrontations to 4 (Netherlands, Germany, Denmark)
  // and to 10 (France, Italy, UK), all moves of 3; the first sender in input order,
  // Netherlands, wins the tie, so Belgium moves to 4.
  const int be = 1;
  EXPECT_EQ(offer(r1, be, 0).kind, BdmOfferKind::kConfrontation);
  EXPECT_EQ(offer(r1, be, 4).kind, BdmOfferKind::kConfrontation);
  EXPECT_TRUE(offer(r1, be, 0).chosen);
  EXPECT_EQ(r1.positions[be], 4);
}

// A 3-actor issue under bdm1994, every number by hand.
//   A: c 2, x 0, s .5 (w 1);  B: c 1, x 25, s 1 (w 1);  C: c 4, x 100, s .5 (w 2); Delta 100.
// Linear votes (in units of 1/Delta):
//   A vs B: A +25, B -25, C (75 - 100) = -25 x 2: P_A(B) = 25/100 = .25, P_B(A) = .75
//   A vs C: A +100, B (75 - 25) = +50, C -100 x 2: P_A(C) = 150/350 = 3/7, P_C(A) = 4/7
//   B vs C: A (100 - 25) = +75, B +75, C -75 x 2: P_B(C) = 150/300 = .5, P_C(B) = .5
// Risk pass, EU_j(i) = 2d (1 - 2 s_i (1 - P_j(i))):
//   S_A = EU_B(A) + EU_C(A) = .5 (1 - .25) + 2 (1 - 3/7) = 3/8 + 8/7 = 85/56
//   S_B = EU_A(B) + EU_C(B) = .5 (1 - 2 (.75)) + 1.5 (1 - 2 (.5)) = -1/4 = -14/56
//   S_C = EU_A(C) + EU_B(C) = 2 (1 - 4/7) + 1.5 (1 - .5) = 6/7 + 3/4 = 90/56
//   R_A = (170 - 90 + 14)/104 = 47/52, r_A = (1 - 47/156)/(1 + 47/156) = 109/203;
//   R_B = -1, r_B = 2; R_C = 1, r_C = 1/2.
// Offer pass for receiver B (r = 2): U_s = 2 - 4 (.375)^2 = 1.4375 at d = .25,
// U_f = 2 - 4 (.625)^2 = .4375, U_sq = 1:
//   EU_B(A) = .5 (.75 x 1.4375 + .25 x .4375) + .5 x 1.4375 - 1 = .3125,
//   B's estimate of EU_A(B) = 1 (.25 x 1.4375 + .75 x .4375) - 1 = -.3125 -> no offer;
//   at d = .75: U_s = 2 - 4 (.125)^2 = 1.9375, U_f = 2 - 4 (.875)^2 = -1.0625:
//   EU_B(C) = .5 (.5 x 1.9375 + .5 x -1.0625) + .5 x 1.9375 - 1 = .1875,
//   estimate of EU_C(B) = 1 (.5 x 1.9375 - .5 x 1.0625) - 1 = -.5625 -> no offer. B stays.
// Receiver C (r = 1/2), from B (d = .75): U_s = 2 - 4 sqrt(.125), U_f = 2 - 4 sqrt(.875),
//   U_sq = 2 - 4 sqrt(.5); a = EU_C(B) = 1 (.5 U_s + .5 U_f) - U_sq = .250492,
//   b = EU_B(C) = .5 (.5 U_s + .5 U_f) + .5 U_s - U_sq = .832353: b > a > 0, confrontation,
//   C moves to 25. From A (d = 1): U_s = 2, U_f = 2 - 4 = -2: a = EU_C(A) = .5 (4/7 x 2 -
//   3/7 x 2) + .5 x 2 - U_sq = 1/7 + 1 - 2 + 4 sqrt(.5) = 1.971284, b = EU_A(C) =
//   .5 (3/7 x 2 - 4/7 x 2) + 1 - U_sq = 1.685570: a > b > 0, C wins that conflict.
// Receiver A (r = 109/203): from B a compromise, from C a confrontation (move 100); the
//   smaller move is the compromise 0 + 25 |a/b|.
TEST(BdmModel, ThreeActorsWorkedByHand) {
  Issue issue = make_issue({{"A", 2, 0, .5}, {"B", 1, 25, 1}, {"C", 4, 100, .5}});
  BdmOptions o = bdm_preset(BdmPreset::kBdm1994);
  o.max_rounds = 1;
  auto res = run_bdm(issue, o);
  ASSERT_EQ(res.rounds.size(), 1u);
  const BdmRound& r1 = res.rounds[0];
  EXPECT_NEAR(r1.danger[0], 85.0 / 56, 1e-14);
  EXPECT_NEAR(r1.danger[1], -14.0 / 56, 1e-14);
  EXPECT_NEAR(r1.danger[2], 90.0 / 56, 1e-14);
  EXPECT_NEAR(r1.risk[0], 109.0 / 203, 1e-14);
  EXPECT_NEAR(r1.risk[1], 2.0, 1e-14);
  EXPECT_NEAR(r1.risk[2], 0.5, 1e-14);
  EXPECT_NEAR(offer(r1, 0, 1).p_receiver, 0.25, 1e-15);
  EXPECT_NEAR(offer(r1, 0, 2).p_receiver, 3.0 / 7, 1e-15);
  EXPECT_NEAR(offer(r1, 2, 0).p_receiver, 4.0 / 7, 1e-15);
  EXPECT_NEAR(offer(r1, 1, 2).p_receiver, 0.5, 1e-15);

  EXPECT_NEAR(offer(r1, 1, 0).eu_receiver, 0.3125, 1e-14);
  EXPECT_NEAR(offer(r1, 1, 0).eu_sender, -0.3125, 1e-14);
  EXPECT_EQ(offer(r1, 1, 0).kind, BdmOfferKind::kNoOffer);
  EXPECT_NEAR(offer(r1, 1, 2).eu_receiver, 0.1875, 1e-14);
  EXPECT_NEAR(offer(r1, 1, 2).eu_sender, -0.5625, 1e-14);
  EXPECT_EQ(offer(r1, 1, 2).kind, BdmOfferKind::kNoOffer);

  const double us = 2 - 4 * std::sqrt(.125), uf = 2 - 4 * std::sqrt(.875), usq = 2 - 4 * std::sqrt(.5);
  EXPECT_NEAR(offer(r1, 2, 1).eu_receiver, (.5 * us + .5 * uf) - usq, 1e-14);
  EXPECT_NEAR(offer(r1, 2, 1).eu_receiver, 0.250492, 1e-6);
  EXPECT_NEAR(offer(r1, 2, 1).eu_sender, .5 * (.5 * us + .5 * uf) + .5 * us - usq, 1e-14);
  EXPECT_NEAR(offer(r1, 2, 1).eu_sender, 0.832353, 1e-6);
  EXPECT_EQ(offer(r1, 2, 1).kind, BdmOfferKind::kConfrontation);
  EXPECT_NEAR(offer(r1, 2, 0).eu_receiver, 1.0 / 7 + 1 - usq, 1e-14);
  EXPECT_NEAR(offer(r1, 2, 0).eu_sender, -1.0 / 7 + 1 - usq, 1e-14);
  EXPECT_EQ(offer(r1, 2, 0).kind, BdmOfferKind::kReceiverWins);

  // Receiver A, r = 109/203, d = .25 against B.
  const double ra = 109.0 / 203;
  const double as = 2 - 4 * std::pow(.375, ra), af = 2 - 4 * std::pow(.625, ra), asq = 2 - 4 * std::pow(.5, ra);
  const double a = 1 * (.25 * as + .75 * af) - asq;         // EU_A(B), s_B = 1
  const double b = .5 * (.75 * as + .25 * af) + .5 * as - asq;  // A's estimate of EU_B(A)
  EXPECT_NEAR(a, -0.164545, 1e-6);
  EXPECT_NEAR(b, 0.301408, 1e-6);
  EXPECT_NEAR(offer(r1, 0, 1).eu_receiver, a, 1e-14);
  EXPECT_NEAR(offer(r1, 0, 1).eu_sender, b, 1e-14);
  EXPECT_EQ(offer(r1, 0, 1).kind, BdmOfferKind::kCompromise);
  EXPECT_EQ(offer(r1, 0, 2).kind, BdmOfferKind::kConfrontation);
  EXPECT_TRUE(offer(r1, 0, 1).chosen);
  EXPECT_FALSE(offer(r1, 0, 2).chosen);
  EXPECT_NEAR(r1.positions[0], 25 * (-a / b), 1e-12);
  EXPECT_NEAR(r1.positions[0], 13.648, 1e-3);
  EXPECT_EQ(r1.positions[1], 25);
  EXPECT_EQ(r1.positions[2], 25);
  // Weighted mean (0 + 25 + 200)/4; median: sum w|x - p| is 225 at 0, 175 at 25 and at 100,
  // so the scan moves from 0 to 25 and 100 does not beat 25.
  EXPECT_DOUBLE_EQ(res.initial_mean, 56.25);
  EXPECT_EQ(res.initial_median, 25);
  EXPECT_EQ(r1.median, 25);
}

TEST(BdmModel, EverySwitchOfThePresetsIsItsOwnField) {
  BdmOptions d;
  BdmOptions s = bdm_preset(BdmPreset::kScholz2011);
  EXPECT_EQ(d.vote_utility, s.vote_utility);
  EXPECT_EQ(d.offer_choice, s.offer_choice);
  EXPECT_EQ(d.take_capitulations, s.take_capitulations);
  BdmOptions g = bdm_preset(BdmPreset::kGdm);
  EXPECT_EQ(g.probability_numerator, BdmProbabilityNumerator::kClippedSignedSum);
  EXPECT_EQ(g.perception, BdmPerception::kChallenger);
  EXPECT_EQ(g.offer_source, BdmOfferSource::kSenderOwn);
  EXPECT_EQ(g.offer_choice, BdmOfferChoice::kLargestSenderEu);
  BdmOptions b = bdm_preset(BdmPreset::kBdm1994);
  EXPECT_EQ(b.flat_danger, BdmFlatDanger::kNeutral);
  EXPECT_EQ(b.offer_choice, BdmOfferChoice::kSmallestMove);
  EXPECT_GT(b.same_position_tolerance, 0);
  // Switching scholz2011's capitulation rule alone: Belgium's four dropped capitulation
  // demands of round 1 (bdm.md's table) become capitulations.
  BdmOptions cap = s;
  cap.take_capitulations = true;
  cap.max_rounds = 1;
  auto res = run_bdm(eu_emissions(), cap);
  EXPECT_EQ(offer(res.rounds[0], 1, 0).kind, BdmOfferKind::kCapitulation);
}

TEST(BdmModel, StopsWhenStableAndReportsTermination) {
  // Everyone at one position: nothing to bargain over.
  auto same = run_bdm(make_issue({{"a", 1, 5, .5}, {"b", 1, 5, .5}, {"c", 1, 5, .5}}));
  EXPECT_EQ(same.termination, BdmTermination::kConverged);
  EXPECT_EQ(same.rounds_run, 0);
  EXPECT_EQ(same.final_positions, (std::vector<double>{5, 5, 5}));
  // A symmetric issue: all dangers equal. scholz2011 stops; bdm1994 takes r = 1.
  Issue sym = make_issue({{"a", 1, 0, .5}, {"b", 1, 10, .5}, {"c", 1, 20, .5}, {"d", 1, 30, .5}});
  Issue flat = make_issue({{"a", 1, 0, .5}, {"b", 1, 10, .5}, {"c", 1, 10, .5}, {"d", 1, 0, .5}});
  auto stop = run_bdm(flat);
  EXPECT_EQ(stop.termination, BdmTermination::kFlatDanger);
  EXPECT_THAT(stop.message, ::testing::HasSubstr("round 1: every actor has the same danger"));
  EXPECT_EQ(stop.rounds_run, 0);
  auto neutral = run_bdm(flat, bdm_preset(BdmPreset::kBdm1994));
  ASSERT_GE(neutral.rounds.size(), 1u);
  EXPECT_EQ(neutral.rounds[0].risk, (std::vector<double>{1, 1, 1, 1}));
  EXPECT_NE(neutral.termination, BdmTermination::kFlatDanger);
  auto once = run_bdm(sym, [] { BdmOptions o; o.max_rounds = 3; return o; }());
  EXPECT_LE(once.rounds_run, 3);
  EXPECT_THAT(once.brief_report(), ::testing::HasSubstr("BDM: "));
}

TEST(BdmModel, IsDeterministicAndRecordOffersDoesNotChangePositions) {
  BdmOptions a = bdm_preset(BdmPreset::kGdm);
  BdmOptions b = a;
  b.record_offers = false;
  auto ra = run_bdm(eu_emissions(), a);
  auto rb = run_bdm(eu_emissions(), b);
  EXPECT_EQ(ra.final_positions, rb.final_positions);
  EXPECT_TRUE(rb.rounds[0].offers.empty());
  EXPECT_EQ(ra.rounds[0].offers.size(), 90u);
  EXPECT_EQ(run_bdm(eu_emissions(), a).final_positions, ra.final_positions);
}

TEST(BdmModel, RejectsBadOptionsAndIssues) {
  BdmOptions o;
  o.max_rounds = -1;
  EXPECT_THROW_MSG(o.validate(), InputError, "BdmOptions: max_rounds is -1, but must be >= 0");
  o = {};
  o.status_quo_probability = 1.5;
  EXPECT_THROW_MSG(o.validate(), InputError,
                   "BdmOptions: status_quo_probability is 1.5, but must be in [0, 1]");
  o = {};
  o.improve_probability = -0.1;
  EXPECT_THROW_MSG(o.validate(), InputError,
                   "BdmOptions: improve_probability is -0.1, but must be in [0, 1]");
  o = {};
  o.same_position_tolerance = -1e-9;
  EXPECT_THROW_MSG(o.validate(), InputError,
                   "BdmOptions: same_position_tolerance is -1e-09, but must be finite and >= 0");
  o = {};
  o.convergence_tolerance = std::nan("");
  EXPECT_THROW_MSG(o.validate(), InputError,
                   "BdmOptions: convergence_tolerance is nan, but must be finite and >= 0");
  o = {};
  o.dimension = 1;
  EXPECT_THROW_MSG(run_bdm(eu_emissions(), o), InputError,
                   "run_bdm: actor 'Netherlands' has 1 positions and 1 saliences, but dimension 1 was asked");

  EXPECT_THROW_MSG(run_bdm(make_issue({{"a", 1, 0, .5}, {"b", 1, 1, .5}})), InputError,
                   "run_bdm: number of actors is 2, but must be >= 3");
  EXPECT_THROW_MSG(run_bdm(make_issue({{"a", -1, 0, .5}, {"b", 1, 1, .5}, {"c", 1, 2, .5}})),
                   InputError, "run_bdm: actor 'a' capability is -1, but must be finite and >= 0");
  EXPECT_THROW_MSG(run_bdm(make_issue({{"a", 1, 0, 1.5}, {"b", 1, 1, .5}, {"c", 1, 2, .5}})),
                   InputError, "run_bdm: actor 'a' salience[0] is 1.5, but must be in [0, 1]");
  EXPECT_THROW_MSG(
      run_bdm(make_issue({{"a", 1, std::nan(""), .5}, {"b", 1, 1, .5}, {"c", 1, 2, .5}})),
      InputError, "run_bdm: actor 'a' position[0] is nan, but must be finite");
  EXPECT_THROW_MSG(run_bdm(make_issue({{"a", 1, 0, 0}, {"b", 1, 1, 0}, {"c", 1, 2, 0}})),
                   InputError, "dimension 'x': every actor has salience 0 (or capability 0) on it, so no one bargains over it");
}

TEST(BdmNames, RoundTripAndRejectUnknownNames) {
  for (auto p : {BdmPreset::kScholz2011, BdmPreset::kGdm, BdmPreset::kBdm1994})
    EXPECT_EQ(bdm_preset_from_string(to_string(p)), p);
  EXPECT_EQ(to_string(BdmPreset::kScholz2011), "scholz2011");
  EXPECT_THROW_MSG(bdm_preset_from_string("scholz"), InputError,
                   "BDM preset: found 'scholz', expected one of scholz2011, gdm, bdm1994");
  EXPECT_EQ(bdm_offer_choice_from_string("largest_sender_eu"), BdmOfferChoice::kLargestSenderEu);
  EXPECT_EQ(bdm_offer_kind_from_string("conflict_receiver_wins"), BdmOfferKind::kReceiverWins);
  EXPECT_EQ(to_string(BdmTermination::kFlatDanger), "flat_danger");
  EXPECT_THROW_MSG(bdm_median_rule_from_string("mean"), InputError,
                   "BDM median rule: found 'mean', expected one of condorcet_scan, largest_margin");
}

}  // namespace
}  // namespace geobalance::bargaining

namespace geobalance::bargaining {
namespace {

// Issue 16 item 4: capabilities near DBL_MAX overflowed capability x salience sums. The BDM
// and the weighted outcome are homogeneous of degree 0 in the capabilities (only ratios enter),
// so capabilities (3, 2, 1) x 1e300 must give the run of (3, 2, 1): an analytic identity, not a
// stored output. The SMP is not scale-free (KTAB adds an absolute 1e-10 to its tallies), so it
// refuses capabilities beyond 1e30 instead.
Issue scaled_issue(double scale) {
  Issue is;
  is.name = "scale";
  is.dimensions = {"x"};
  const double caps[] = {3, 2, 1}, pos[] = {10, 60, 90}, sal[] = {0.9, 0.5, 0.7};
  for (int i = 0; i < 3; ++i) {
    Actor a;
    a.name = std::string(1, static_cast<char>('A' + i));
    a.capability = caps[i] * scale;
    a.position = {pos[i]};
    a.salience = {sal[i]};
    is.actors.push_back(a);
  }
  return is;
}

TEST(CapabilityScale, HugeCapabilitiesGiveTheBdmRunOfTheirRatios) {
  const BdmResult a = run_bdm(scaled_issue(1));
  const std::vector<double> y = {20, 40, 80};
  // By hand: weights c*s = 2.7, 1, 0.7 -> (2.7*20 + 40 + 0.7*80) / 4.4 = 150 / 4.4.
  EXPECT_NEAR(weighted_outcome(scaled_issue(1), y)[0], 150 / 4.4, 1e-12);
  for (double scale : {1e300, 1.7e308 / 3, 1e-300}) {
    const BdmResult b = run_bdm(scaled_issue(scale));
    ASSERT_EQ(a.final_positions.size(), b.final_positions.size());
    for (std::size_t i = 0; i < a.final_positions.size(); ++i)
      EXPECT_NEAR(b.final_positions[i], a.final_positions[i], 1e-9) << "BDM, scale " << scale;
    EXPECT_NEAR(b.final_mean, a.final_mean, 1e-9);
    EXPECT_NEAR(weighted_outcome(scaled_issue(scale), y)[0], 150 / 4.4, 1e-12) << scale;
  }
}

TEST(CapabilityScale, TheSmpRefusesCapabilitiesBeyondItsOverflowBound) {
  EXPECT_NO_THROW(run_smp(scaled_issue(1e29 / 3)));
  EXPECT_THROW_MSG(run_smp(scaled_issue(1e300)), InputError,
                   "actor 0 'A': capability is 3e+300, but the SMP takes at most 1e+30");
  // Tiny (here denormal) capabilities: KTAB's constant 1e-10 in the tallies would decide.
  EXPECT_THROW_MSG(run_smp(scaled_issue(1e-310)), InputError,
                   "but the SMP needs at least one of 1e-06 or more (its vote tallies add a constant 1e-10)");
  EXPECT_NO_THROW(run_smp(scaled_issue(1e-6)));
}

TEST(CapabilityScale, MonteCarloOfHugeCapabilitiesStaysFinite) {
  MonteCarloOptions mc;
  mc.replicates = 20;
  mc.threads = 1;
  mc.progress = false;
  BdmOptions o;
  ReplicateModel model = [&o](const Issue& p, std::uint64_t) { return run_bdm(p, o).final_positions; };
  const MonteCarloSummary s = run_monte_carlo_replicates(scaled_issue(1.7e308 / 3), model, mc);
  const MonteCarloSummary r = run_monte_carlo_replicates(scaled_issue(1), model, mc);
  EXPECT_TRUE(std::isfinite(s.mean[0]));
  EXPECT_NEAR(s.mean[0], r.mean[0], 1e-6);
}

TEST(BdmLimits, MoreThanAThousandActorsAreRefused) {
  Issue big = scaled_issue(1);
  while (big.actors.size() < 1001) big.actors.push_back(big.actors[big.actors.size() % 3]);
  for (std::size_t i = 0; i < big.actors.size(); ++i) big.actors[i].name = "a" + std::to_string(i);
  big.source = "big.csv";
  EXPECT_THROW_MSG(run_bdm(big), InputError, "big.csv: actors: found 1001, expected at most 1000 for the BDM");
}

TEST(MonteCarloLimits, ReplicatesBeyondTheMemoryLimitAreRefusedBeforeAllocating) {
  MonteCarloOptions mc;
  mc.replicates = 10'000'000;
  mc.progress = false;
  ReplicateModel model = [](const Issue&, std::uint64_t) -> std::vector<double> {
    ADD_FAILURE() << "no replicate may run";
    return {};
  };
  Issue big = scaled_issue(1);
  big.dimensions = {"x", "y", "z", "w"};  // 10e6 x 3 x 4 = 1.2e8 > 1e8 positions
  for (auto& a : big.actors) {
    a.position.assign(4, 50);
    a.salience.assign(4, 0.2);
  }
  EXPECT_THROW_MSG(run_monte_carlo_replicates(big, model, mc), InputError,
                   "--replicates: found 10000000: 10000000 replicates x 3 actors x 4 dimensions");
}

}  // namespace
}  // namespace geobalance::bargaining
