// Monte Carlo sensitivity: the draws, the summaries, and identical results for 1 and N threads.
#include "geobalance/bargaining/montecarlo.h"

#include <cmath>

#include <gtest/gtest.h>

#include "geobalance/bargaining/issue_io.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/core/random.h"
#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

Issue small_issue() {
  Issue is;
  is.name = "small";
  is.dimensions = {"x", "y"};
  is.actors = {{"A", "", 1, {10, 90}, {0.5, 0.3}},
               {"B", "", 2, {50, 40}, {0.4, 0.4}},
               {"C", "", 3, {90, 0}, {0.2, 0.8}},
               {"D", "", 1.5, {30, 60}, {0.6, 0.1}}};
  return is;
}

TEST(MonteCarlo, PerturbationDrawsAreTheStatedOnes) {
  const Issue is = small_issue();
  MonteCarloOptions o;
  o.seed = 7;
  const Issue p = perturb_issue(is, o, 3);
  // Replay the stream by hand: per actor Z_c, then per dimension Z_x, Z_s.
  Rng rng(7, 3);
  for (std::size_t i = 0; i < is.actors.size(); ++i) {
    EXPECT_DOUBLE_EQ(p.actors[i].capability, is.actors[i].capability * std::exp(0.2 * rng.normal()));
    double s[2], total = 0;
    for (int k = 0; k < 2; ++k) {
      const double x = std::clamp(is.actors[i].position[k] + 0.05 * 100 * rng.normal(), 0.0, 100.0);
      EXPECT_DOUBLE_EQ(p.actors[i].position[k], x);
      s[k] = std::clamp(is.actors[i].salience[k] + 0.05 * rng.normal(), 0.0, 1.0);
      total += s[k];
    }
    for (int k = 0; k < 2; ++k)
      EXPECT_DOUBLE_EQ(p.actors[i].salience[k], total > 1 ? s[k] / total : s[k]);
  }
}

TEST(MonteCarlo, ZeroSpreadReproducesTheBaseline) {
  const Issue is = small_issue();
  MonteCarloOptions o;
  o.replicates = 5;
  o.capability_sd = o.position_sd = o.salience_sd = 0;
  o.thresholds = {40, 60};
  o.progress = false;
  const SmpResult base = run_smp(is);
  const std::vector<double> want = weighted_outcome(is, base.final_positions());
  const MonteCarloSummary s = run_monte_carlo_replicates(is, smp_model({}), o);
  ASSERT_EQ(s.replicates, 5u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_DOUBLE_EQ(s.mean[k], want[k]);
    EXPECT_NEAR(s.sd[k], 0, 1e-12);
    for (double q : s.quantiles[k]) EXPECT_DOUBLE_EQ(q, want[k]);
    EXPECT_EQ(s.p_above[k][0], want[k] > 40 ? 1.0 : 0.0);
    EXPECT_EQ(s.p_above[k][1], want[k] > 60 ? 1.0 : 0.0);
  }
}

TEST(MonteCarlo, WeightedOutcomeByHand) {
  // Dimension x: weights c s = (0.5, 0.8, 0.6, 0.9); positions (0, 100, 100, 0):
  // (80 + 60) / 2.8 = 50.
  Issue is = small_issue();
  const std::vector<double> y = {0, 0, 100, 0, 100, 0, 0, 0};
  EXPECT_DOUBLE_EQ(weighted_outcome(is, y)[0], 140.0 / 2.8);
}

TEST(MonteCarlo, QuantilesAreType7) {
  // Sorted (1, 2, 3, 4): h = 3 * 0.25 = 0.75 -> 1 + 0.75 = 1.75; median 2.5.
  EXPECT_DOUBLE_EQ(sample_quantile({4, 1, 3, 2}, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(sample_quantile({4, 1, 3, 2}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(sample_quantile({4, 1, 3, 2}, 1), 4);
}

TEST(MonteCarlo, IdenticalForOneAndManyThreads) {
  Issue is = small_issue();
  GEOBALANCE_SHARED_FILE_OR_SKIP(soe, "ktab/data/SOE-Pol-Comp.csv");
  is = read_ktab_csv(soe);
  MonteCarloOptions o;
  o.replicates = 40;
  o.seed = 2024;
  o.progress = false;
  o.threads = 1;
  const MonteCarloSummary one = run_monte_carlo_replicates(is, smp_model({}), o);
  o.threads = 4;
  const MonteCarloSummary four = run_monte_carlo_replicates(is, smp_model({}), o);
  EXPECT_EQ(one.outcomes, four.outcomes);
  EXPECT_EQ(one.mean, four.mean);
  EXPECT_EQ(one.quantiles, four.quantiles);
  EXPECT_EQ(one.p_above, four.p_above);
  EXPECT_EQ(one.mean_final_position, four.mean_final_position);
  // And the replicates do differ from one another.
  EXPECT_GT(one.sd[0], 0);
}

TEST(MonteCarlo, StochasticSmpUsesTheReplicateStream) {
  const Issue is = small_issue();
  SmpOptions smp;
  smp.transitions = SmpTransitions::kStochastic;
  smp.seed = 5;
  MonteCarloOptions o;
  o.replicates = 8;
  o.progress = false;
  o.threads = 1;
  const auto a = run_monte_carlo_replicates(is, smp_model(smp), o);
  o.threads = 3;
  const auto b = run_monte_carlo_replicates(is, smp_model(smp), o);
  EXPECT_EQ(a.outcomes, b.outcomes);
}

TEST(MonteCarlo, PlainModelCallbackPlugsIn) {
  // A model that leaves everyone where they are: the outcome is the weighted mean of the
  // perturbed input.
  const Issue is = small_issue();
  MonteCarloOptions o;
  o.replicates = 3;
  o.progress = false;
  const BargainModel stay = [](const Issue& p) {
    std::vector<double> y;
    for (const auto& a : p.actors) y.insert(y.end(), a.position.begin(), a.position.end());
    return y;
  };
  const MonteCarloSummary s = run_monte_carlo(is, stay, o);
  const Issue p0 = perturb_issue(is, o, 0);
  std::vector<double> y0;
  for (const auto& a : p0.actors) y0.insert(y0.end(), a.position.begin(), a.position.end());
  EXPECT_DOUBLE_EQ(s.outcomes[0], weighted_outcome(p0, y0)[0]);
}

TEST(MonteCarlo, RejectsBadOptionsAndModels) {
  MonteCarloOptions o;
  o.replicates = 0;
  EXPECT_THROW_MSG(o.validate(), InputError, "MonteCarloOptions: replicates is 0, but must be >= 1");
  o = {};
  o.position_sd = -0.1;
  EXPECT_THROW_MSG(o.validate(), InputError, "MonteCarloOptions: position_sd is -0.1, but must be finite and >= 0");
  o = {};
  o.quantiles = {1.5};
  EXPECT_THROW_MSG(o.validate(), InputError, "MonteCarloOptions: quantiles[0] is 1.5, but must be in [0, 1]");
  o = {};
  o.replicates = 2;
  o.progress = false;
  const BargainModel wrong = [](const Issue&) { return std::vector<double>{1}; };
  EXPECT_THROW_MSG(run_monte_carlo(small_issue(), wrong, o), InputError,
                   "run_monte_carlo: the model returned 1 positions, but must return actors x dimensions = 8");
}

}  // namespace
}  // namespace geobalance::bargaining
