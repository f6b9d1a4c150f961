// The rebuilt S-400 game (issue 14, items 2-4): payoffs follow the documented formulas, hand-
// worked equilibria on small settings, the logit QRE against the library's agent logit, inputs
// outside their documented ranges are InputErrors naming the key, and the calibration's
// base-rate arithmetic and likelihood.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/reference_class.h"
#include "geobalance/games/s400_tree.h"
#include "geobalance/games/sequence_form.h"
#include "test_util.h"

namespace geobalance::games {
namespace {

Rational exact(const char* text) {
  Rational q(text);
  q.canonicalize();
  return q;
}

// Defaults: q = 3 so w = 3/4; sU = 0.55 so m = 0.775; sR = 0.15 so (1 + sR)/4 = 0.2875;
// eT = 0.25/4 = 0.0625, eU = 0.1/4 = 0.025, eR = 0.2/4 = 0.05; congress_pressure = 1.
// Leaf (High US, Activation type, Activate, F-35 exclusion + targeted CAATSA, Support):
//   u_T = (1 + 0.0625) - 0.775 * 0.75 * (1 + 0.5) + 0.2875 = 1.0625 - 0.871875 + 0.2875 = 0.478125
//   u_U = -0.775 * 1 - 0.775 * (0.3 + 0.2) + 0.75 * 1.025 * 1 * (0.4 + 0.3) - 0 (CAATSA applied)
//       = -0.775 - 0.3875 + 0.538125 = -0.624375
//   u_R = 0.5 * 1.05 * 1 + 0.3 + 0.2 + 0.2875 * 1.05 - 0.3 * 0.75 * 3
//       = 0.525 + 0.5 + 0.301875 - 0.675 = 0.651875
// Leaf (Low US, chip type, Return, Tolerate, Stay out): u_T = 0.25, u_U = 0,
//   u_R = 0.5 * 1.05 * (-0.5) = -0.2625 = -21/80.
TEST(GamesS400Tree, PayoffsFollowTheDocumentedFormulas) {
  ExtensiveFormGame g = build_s400_tree(S400TreeInputs{});
  EXPECT_EQ(g.num_players(), 3);
  EXPECT_EQ(g.nodes.size(), 1u + 2u + 4u + 12u + 60u + 120u);
  auto child = [&](int n, int a) { return g.nodes[static_cast<std::size_t>(n)].children[static_cast<std::size_t>(a)]; };
  int leaf = child(child(child(child(child(0, 0), 0), 1), 3), 0);
  EXPECT_EQ(g.terminal_payoffs(leaf), (std::vector<Rational>{exact("478125/1000000"), exact("-624375/1000000"),
                                                              exact("651875/1000000")}));
  int leaf2 = child(child(child(child(child(0, 1), 1), 2), 0), 1);
  EXPECT_EQ(g.terminal_payoffs(leaf2), (std::vector<Rational>{exact("1/4"), 0, exact("-21/80")}));
  // Information: each US set holds both of Türkiye's types, each Türkiye set both US types.
  EXPECT_EQ(g.player_infosets(0).size(), 2u);
  EXPECT_EQ(g.player_infosets(1).size(), 6u);
  EXPECT_EQ(g.player_infosets(2).size(), 15u);
  for (int h : g.player_infosets(1)) EXPECT_EQ(g.infosets[static_cast<std::size_t>(h)].nodes.size(), 2u);
  for (int h : g.player_infosets(0)) EXPECT_EQ(g.infosets[static_cast<std::size_t>(h)].nodes.size(), 2u);
  EXPECT_FALSE(g.perfect_information());
}

// At lambda = 0 every agent mixes uniformly: P(each Türkiye move) = 1/3, P(each US response)
// = 1/5, so P(F-35 exclusion in the response) = 3/5, P(targeted CAATSA) = 2/5, P(broad) = 1/5.
TEST(GamesS400Tree, UniformPlayAtLambdaZero) {
  S400TreeInputs in;
  in.lambda = 0;
  S400TreeForecast f = forecast_of(in, s400_tree_qre(in));
  for (double x : f.turkiye) EXPECT_NEAR(x, 1.0 / 3, 1e-12);
  for (double x : f.us) EXPECT_NEAR(x, 0.2, 1e-12);
  EXPECT_NEAR(f.us_f35, 0.6, 1e-12);
  EXPECT_NEAR(f.us_caatsa, 0.4, 1e-12);
  EXPECT_NEAR(f.us_broad, 0.2, 1e-12);
  EXPECT_NEAR(f.russia_support, 0.5, 1e-12);
  EXPECT_NEAR(f.p_kept, 2.0 / 3, 1e-12);
}

// Degenerate priors (a High-resolve US, an Activation-type Türkiye: complete information), the
// other inputs at their defaults, solved by hand backwards:
//   Russia supports only after a kept system and Tolerate: 0.2875 * 1.05 = 0.301875 against a
//   cost 0.3 * 0.75 * (1 + f + c + 2b) = 0.225 (Tolerate), >= 0.45 otherwise.
//   US after Activate (D = 1; -m D common): Tolerate -1 (Congress), F-35 -0.2325 + 0.3075 - 1 =
//   -0.925, CAATSA -0.155 + 0.230625 = 0.075625, F-35 + CAATSA -0.3875 + 0.538125 = 0.150625,
//   broad -0.775 + 0.615 = -0.16: F-35 exclusion + targeted CAATSA.
//   US after Keep stored (D = 0.75): CAATSA -0.155 + 0.172969 = 0.017969 beats F-35 + CAATSA
//   -0.3875 + 0.403594 = 0.016094 (Tolerate -1, F-35 -1.001875, broad -0.31375).
//   US after Return (D = 0, no Congress term): Tolerate 0 beats every sanction (friction only).
//   Türkiye: Activate 1.0625 - 0.871875 = 0.190625; Keep stored 0.5 - 0.775 * 0.75 * 0.5 =
//   0.209375; Return 0. So the sequential equilibrium path is Keep stored / targeted CAATSA /
//   Russia stays out, and the logit limit must find it.
TEST(GamesS400Tree, CompleteInformationLimitMatchesBackwardInduction) {
  S400TreeInputs in;
  in.prior_congress_high = 1;
  in.prior_ankara_activation = 1;
  S400TreeResult r = solve_s400_tree(in);
  EXPECT_NEAR(r.limit_forecast.turkiye[0], 1, 1e-6);
  EXPECT_NEAR(r.limit_forecast.us[2], 1, 1e-6);
  EXPECT_NEAR(r.limit_forecast.russia_support, 0, 1e-6);
  EXPECT_NEAR(r.limit.us[0][1][3], 1, 1e-6);  // after Activate: F-35 exclusion + CAATSA
  EXPECT_NEAR(r.limit.us[0][2][0], 1, 1e-6);  // after Return: Tolerate
  EXPECT_LT(r.limit_regret, 1e-6);
}

// The modal path of the hand-worked complete-information limit above, and of uniform play
// (lambda 0: every one of the 30 paths has probability 1/30; ties go to the first).
TEST(GamesS400Tree, ModalPath) {
  S400TreeInputs in;
  in.prior_congress_high = 1;
  in.prior_ankara_activation = 1;
  S400TreeResult r = solve_s400_tree(in);
  auto [text, p] = modal_path(in, r.limit);
  EXPECT_EQ(text, "Türkiye: Keep stored; United States: Targeted CAATSA; Russia: Stay out");
  EXPECT_NEAR(p, 1, 1e-6);
  S400TreeInputs u;
  u.lambda = 0;
  auto [t0, p0] = modal_path(u, s400_tree_qre(u));
  EXPECT_EQ(t0, "Türkiye: Keep stored; United States: Tolerate; Russia: Support");
  EXPECT_NEAR(p0, 1.0 / 30, 1e-12);
}

// The core's Lemke equilibrium is a Nash equilibrium by an independent check (exact regret on
// the core tree), and its sequential-rationality flag agrees with the hand-worked US choice:
// in the complete-information setting above the US after Activate must play F-35 + CAATSA.
TEST(GamesS400Tree, CoreEquilibriumIsVerified) {
  S400TreeInputs in;
  in.prior_congress_high = 1;
  in.prior_ankara_activation = 1;
  S400TreeResult r = solve_s400_tree(in);
  ASSERT_EQ(r.core_lcp.equilibria.size(), 1u);
  const auto& e = r.core_lcp.equilibria.front();
  ASSERT_TRUE(e.exact);
  EXPECT_EQ(behavior_regret(build_s400_core(in), e.probs), 0);
  const auto& after_activate = e.approx[2 + 1];  // US High, after Activate
  bool plays_hand_answer = after_activate[3] == 1;
  if (!plays_hand_answer) EXPECT_FALSE(r.core_sequential);
}

// Agent logit QRE: the model's own solver against the library's path-following agent_logit on
// the same tree (McKelvey-Palfrey, an independent implementation) at points of its path.
TEST(GamesS400Tree, QreAgreesWithTheLibrarysAgentLogit) {
  S400TreeInputs in;
  ExtensiveFormGame g = build_s400_tree(in);
  LogitOptions opt;
  opt.max_lambda = 20;  // in units of payoff / max |payoff|
  SolveResult lib = agent_logit(g, opt);
  int compared = 0;
  for (const auto& pt : lib.qre_path) {
    if (pt.lambda < 0.5 || pt.lambda > 8) continue;
    S400TreeInputs at = in;
    at.lambda = pt.lambda;
    S400TreeProfile p = s400_tree_qre(at);
    for (int tt = 0; tt < 2; ++tt)
      for (int a = 0; a < 3; ++a) EXPECT_NEAR(p.tr[tt][a], pt.profile[static_cast<std::size_t>(tt)][static_cast<std::size_t>(a)], 1e-4);
    for (int ut = 0; ut < 2; ++ut)
      for (int a = 0; a < 3; ++a)
        for (int r = 0; r < 5; ++r)
          EXPECT_NEAR(p.us[ut][a][r], pt.profile[static_cast<std::size_t>(2 + 3 * ut + a)][static_cast<std::size_t>(r)], 1e-4);
    ++compared;
  }
  EXPECT_GE(compared, 3);
}

TEST(GamesS400Tree, InputsOutsideTheirRangesAreErrorsNamingTheKey) {
  auto fails_with = [](S400TreeInputs in, const char* key) {
    try {
      build_s400_tree(in);
      ADD_FAILURE() << key << " accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  };
  S400TreeInputs in;
  in.eu_us_sanction = -4.5;
  fails_with(in, "eu_us_sanction");
  in = {};
  in.prior_congress_high = 1.2;
  fails_with(in, "prior_congress_high");
  in = {};
  in.lambda = std::numeric_limits<double>::quiet_NaN();
  fails_with(in, "lambda");
  in = {};
  in.tr_us_similarity = -1.01;
  fails_with(in, "tr_us_similarity");
  in = {};
  in.us_ru_capability_ratio = 0;
  fails_with(in, "us_ru_capability_ratio");
  in = {};
  in.congress_pressure = 11;
  fails_with(in, "congress_pressure");
  EXPECT_THROW(s400_tree_field("no_such_key"), InputError);
  // The value the old template clipped to -1 is inside the range and is used as it is:
  // the deterrence term at the leaf of the first test becomes 0.75 * (1 - 1.114/4) * 0.7.
  in = {};
  in.eu_us_sanction = -1.114;
  ExtensiveFormGame g = build_s400_tree(in);
  auto child = [&](int n, int a) { return g.nodes[static_cast<std::size_t>(n)].children[static_cast<std::size_t>(a)]; };
  int leaf = child(child(child(child(child(0, 0), 0), 1), 3), 0);
  // -0.775 - 0.3875 + 0.75 * 0.7215 * 0.7 = -1.1625 + 0.3787875 = -0.7837125 -> rounded 1e-6
  EXPECT_EQ(g.terminal_payoffs(leaf)[1], exact("-783713/1000000"));
}

TEST(GamesS400Tree, ReferenceCasesMapToTheGamesMoves) {
  auto cases = read_reference_class(testing::source_dir() + "/data/games/caatsa_reference_class.csv");
  auto all = s400_case_observations(cases);
  ASSERT_EQ(all.size(), 6u);
  // From the CSV's own columns: China targeted CAATSA, delivered; Türkiye exclusion + targeted;
  // India none; Egypt threatened only, shelved; Indonesia abandoned; Saudi not concluded.
  EXPECT_EQ(all[0].us_response, 2);
  EXPECT_TRUE(all[0].kept);
  EXPECT_EQ(all[1].us_response, 3);
  EXPECT_EQ(all[2].us_response, 0);
  EXPECT_FALSE(all[3].kept);
  EXPECT_EQ(all[3].us_response, 0);
  EXPECT_FALSE(all[4].kept);
  EXPECT_FALSE(all[5].kept);
  EXPECT_DOUBLE_EQ(all[1].tr_us_similarity, 0.55);
  EXPECT_DOUBLE_EQ(all[0].tr_us_similarity, -0.3);
  // As known on 2018-12-31: Türkiye's responses (2019, 2020) not yet; Egypt's and Indonesia's
  // deals still standing (ended 2022 and 2021); Saudi Arabia's undated end leaves it out.
  auto then = s400_case_observations(cases, "2018-12-31");
  ASSERT_EQ(then.size(), 5u);
  EXPECT_EQ(then[0].us_response, 2);  // China, 2018-09-20
  EXPECT_EQ(then[1].id, "turkiye_s400");
  EXPECT_EQ(then[1].us_response, 0);
  EXPECT_TRUE(then[3].kept);
  EXPECT_TRUE(then[4].kept);
}

// Base rate by hand for Egypt (Return, Tolerate) left out: the other cases with a returned deal
// are Indonesia and Saudi Arabia, both Tolerate, so with +1/2 per category the base rate is
// (2.5, 0.5, 0.5, 0.5, 0.5) / 4.5 and its Brier score (2.5/4.5 - 1)^2 + 4 (0.5/4.5)^2 = 20/81.
// The fit maximises the likelihood: no default or perturbed parameter pair scores higher.
TEST(GamesS400Tree, CalibrationBaseRateAndLikelihood) {
  auto cases = read_reference_class(testing::source_dir() + "/data/games/caatsa_reference_class.csv");
  auto obs = s400_case_observations(cases);
  S400Calibration cal = calibrate_s400_tree(S400TreeInputs{}, obs);
  ASSERT_EQ(cal.loo.size(), 6u);
  const auto& egypt = cal.loo[3];
  EXPECT_EQ(egypt.id, "egypt_su35");
  EXPECT_NEAR(egypt.base[0], 2.5 / 4.5, 1e-12);
  EXPECT_NEAR(egypt.brier_base, 20.0 / 81, 1e-12);
  EXPECT_NEAR(egypt.log_base, -std::log(2.5 / 4.5), 1e-12);
  double mean = 0;
  for (const auto& l : cal.loo) {
    mean += l.brier_game / 6;
    EXPECT_GE(l.brier_game, 0);
    EXPECT_LE(l.brier_game, 2);
    double sum = 0;
    for (double x : l.game) sum += x;
    EXPECT_NEAR(sum, 1, 1e-9);
  }
  EXPECT_NEAR(cal.brier_game, mean, 1e-12);
  auto loglik = [&](double lambda, double pressure) {
    double ll = 0;
    for (const auto& c : obs) {
      S400TreeInputs in;
      in.tr_us_similarity = c.tr_us_similarity;
      in.lambda = lambda;
      in.congress_pressure = pressure;
      S400TreeProfile p = s400_tree_qre(in);
      S400TreeForecast f = forecast_of(in, p);
      double pr = c.kept ? f.p_kept * f.us_given_kept[static_cast<std::size_t>(c.us_response)]
                         : (1 - f.p_kept) * (0.5 * p.us[0][2][c.us_response] + 0.5 * p.us[1][2][c.us_response]);
      ll += std::log(pr);
    }
    return ll;
  };
  EXPECT_NEAR(loglik(cal.lambda, cal.congress_pressure), cal.log_likelihood, 1e-9);
  EXPECT_GE(cal.log_likelihood, loglik(5, 1) - 1e-9);
  EXPECT_GE(cal.log_likelihood, loglik(cal.lambda * 1.1, cal.congress_pressure) - 1e-6);
  EXPECT_GE(cal.log_likelihood, loglik(cal.lambda * 0.9, cal.congress_pressure) - 1e-6);
  EXPECT_GE(cal.log_likelihood, loglik(cal.lambda, std::min(10.0, cal.congress_pressure * 1.2)) - 1e-6);
  EXPECT_THROW(calibrate_s400_tree(S400TreeInputs{}, {obs[0]}), InputError);
}

}  // namespace
}  // namespace geobalance::games
