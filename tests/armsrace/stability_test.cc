// Equilibrium and stability against Richardson's two-actor algebra, written out here.
#include "geobalance/armsrace/stability.h"

#include <cmath>

#include "geobalance/armsrace/names.h"
#include "geobalance/armsrace/simulate.h"
#include "test_util.h"

namespace geobalance::armsrace {
namespace {

Model two_actor(double a1, double a2, double k12, double k21, double g1, double g2, double x1, double x2) {
  Model m;
  m.actors = {"USA", "RUS"};
  m.x0 = {x1, x2};
  m.fatigue = {a1, a2};
  m.grievance = {g1, g2};
  m.defence = {{0, k12}, {k21, 0}};
  return m;
}

TEST(Stability, ClassicalConditionA1A2GreaterThanK12K21) {
  // Richardson: with positive coefficients the two-actor race is stable iff a1 a2 > k12 k21.
  const double vals[] = {0.05, 0.2, 0.5, 1.3};
  int stable = 0, unstable = 0;
  for (double a1 : vals)
    for (double a2 : vals)
      for (double k12 : vals)
        for (double k21 : vals) {
          if (std::fabs(a1 * a2 - k12 * k21) < 1e-12) continue;  // the singular boundary
          StabilityReport r = analyse_stability(two_actor(a1, a2, k12, k21, 1, 1, 0, 0));
          const bool want = a1 * a2 > k12 * k21;
          EXPECT_EQ(r.stable, want) << a1 << " " << a2 << " " << k12 << " " << k21;
          (want ? stable : unstable)++;
          ASSERT_TRUE(r.fatigue_product && r.reaction_product);
          EXPECT_DOUBLE_EQ(*r.fatigue_product, a1 * a2);
          EXPECT_DOUBLE_EQ(*r.reaction_product, k12 * k21);
        }
  EXPECT_GT(stable, 50);
  EXPECT_GT(unstable, 50);
}

TEST(Stability, EquilibriumMatchesCramersRule) {
  // x1* = (a2 g1 + k12 g2) / (a1 a2 - k12 k21), x2* = (a1 g2 + k21 g1) / (a1 a2 - k12 k21).
  const double a1 = 0.4, a2 = 0.3, k12 = 0.1, k21 = 0.2, g1 = 12, g2 = 7;
  StabilityReport r = analyse_stability(two_actor(a1, a2, k12, k21, g1, g2, 1, 1));
  const double det = a1 * a2 - k12 * k21;
  ASSERT_TRUE(r.equilibrium_exists);
  EXPECT_NEAR(r.equilibrium[0], (a2 * g1 + k12 * g2) / det, 1e-12);
  EXPECT_NEAR(r.equilibrium[1], (a1 * g2 + k21 * g1) / det, 1e-12);
  EXPECT_EQ(r.regime, Regime::kStableEquilibrium);
  // Eigenvalues: -(a1+a2)/2 +- sqrt(((a1-a2)/2)^2 + k12 k21).
  const double disc = std::sqrt((a1 - a2) * (a1 - a2) / 4 + k12 * k21);
  EXPECT_NEAR(r.eigenvalues[0].real(), -(a1 + a2) / 2 + disc, 1e-12);
  EXPECT_NEAR(r.eigenvalues[1].real(), -(a1 + a2) / 2 - disc, 1e-12);
  EXPECT_NEAR(r.growth_rate, -(a1 + a2) / 2 + disc, 1e-12);
  EXPECT_THAT(r.verdict, ::testing::HasSubstr("stable"));
}

TEST(Stability, UnstableRaceRunsAwayAboveAndSpiralsDownBelowTheEquilibrium) {
  // a1 a2 = 0.01 < k12 k21 = 0.04, grievances negative (goodwill): x* = (g... ) is positive here.
  const double a1 = 0.1, a2 = 0.1, k12 = 0.2, k21 = 0.2, g1 = -10, g2 = -10;
  // x* = -(J^-1) g: det = 0.01 - 0.04 = -0.03; x1* = (a2 g1 + k12 g2)/det = (-1 - 2)/-0.03 = 100.
  StabilityReport above = analyse_stability(two_actor(a1, a2, k12, k21, g1, g2, 120, 110));
  ASSERT_TRUE(above.equilibrium_exists);
  EXPECT_NEAR(above.equilibrium[0], 100, 1e-9);
  EXPECT_FALSE(above.stable);
  EXPECT_EQ(above.regime, Regime::kRunawayRace);
  StabilityReport below = analyse_stability(two_actor(a1, a2, k12, k21, g1, g2, 80, 90));
  EXPECT_EQ(below.regime, Regime::kDisarmamentSpiral);
  // The simulation agrees with the verdicts.
  Trajectory up = simulate(two_actor(a1, a2, k12, k21, g1, g2, 120, 110), 0, 30, 30);
  EXPECT_GT(up.values.back()[0], 120);
  Trajectory down = simulate(two_actor(a1, a2, k12, k21, g1, g2, 80, 90), 0, 30, 30);
  EXPECT_LT(down.values.back()[0], 80);
  // Started on the stable manifold (x - x* along (1, -1)): a saddle, balanced on the knife edge.
  StabilityReport knife = analyse_stability(two_actor(a1, a2, k12, k21, g1, g2, 110, 90));
  EXPECT_EQ(knife.regime, Regime::kSaddle);
}

TEST(Stability, OppositeReactionsGiveASaddleAndComplexModesOscillate) {
  // k12 = k21 = -1: J = [[-0.1, -1], [-1, -0.1]], eigenvalues 0.9 (vector (1, -1)) and -1.1.
  StabilityReport s = analyse_stability(two_actor(0.1, 0.1, -1, -1, 1, 1, 5, 5));
  EXPECT_FALSE(s.stable);
  EXPECT_EQ(s.regime, Regime::kSaddle);
  EXPECT_NEAR(s.growth_rate, 0.9, 1e-12);
  // J = [[0.05, -1], [1, 0.05]]: eigenvalues 0.05 +- i: growing oscillation.
  StabilityReport o = analyse_stability(two_actor(-0.05, -0.05, -1, 1, 0, 0, 1, 1));
  EXPECT_EQ(o.regime, Regime::kOscillatory);
  EXPECT_NEAR(o.eigenvalues[0].real(), 0.05, 1e-12);
  EXPECT_NEAR(std::fabs(o.eigenvalues[0].imag()), 1, 1e-12);
}

TEST(Stability, SingularSystemHasNoUniqueEquilibrium) {
  // a1 a2 = k12 k21 = 0.04.
  StabilityReport r = analyse_stability(two_actor(0.2, 0.2, 0.1, 0.4, 1, 1, 1, 1));
  EXPECT_FALSE(r.equilibrium_exists);
  EXPECT_TRUE(r.equilibrium.empty());
  EXPECT_FALSE(r.stable);  // a zero eigenvalue
  EXPECT_EQ(r.regime, Regime::kRunawayRace);  // w.g > 0: levels drift upward together
}

TEST(Stability, DiscreteTimeUsesMultipliersOfIPlusJ) {
  // Continuous-stable but with a1 = 2.5 the discrete map overshoots: multiplier 1 - 2.5 = -1.5.
  Model m = two_actor(2.5, 0.5, 0, 0, 1, 1, 1, 1);
  m.time = TimeMode::kDiscrete;
  StabilityReport r = analyse_stability(m);
  ASSERT_EQ(r.multipliers.size(), 2u);
  EXPECT_NEAR(r.multipliers[0].real(), -1.5, 1e-12);
  EXPECT_NEAR(r.growth_rate, 1.5, 1e-12);
  EXPECT_FALSE(r.stable);
  EXPECT_EQ(r.regime, Regime::kOscillatory);
  m.fatigue = {0.5, 0.5};
  EXPECT_TRUE(analyse_stability(m).stable);
  m.time = TimeMode::kContinuous;
  m.fatigue = {2.5, 0.5};
  EXPECT_TRUE(analyse_stability(m).stable);
}

TEST(Stability, ThreeActorsStableWhenFatigueDominatesReactions) {
  Model m;
  m.actors = {"USA", "RUS", "CHN"};
  m.x0 = {1, 1, 1};
  m.fatigue = {0.5, 0.5, 0.5};
  m.grievance = {1, 1, 1};
  m.defence = {{0, 0.1, 0.1}, {0.1, 0, 0.1}, {0.1, 0.1, 0}};
  // Eigenvalues of -0.5 I + 0.1 (ones - I): -0.5 + 0.2 = -0.3 and -0.5 - 0.1 = -0.6 (twice).
  StabilityReport r = analyse_stability(m);
  EXPECT_TRUE(r.stable);
  EXPECT_NEAR(r.eigenvalues[0].real(), -0.3, 1e-12);
  EXPECT_NEAR(r.eigenvalues[2].real(), -0.6, 1e-12);
  // x* solves (0.5 I - 0.1 (ones - I)) x = 1: x = 1 / 0.3 each.
  for (double x : r.equilibrium) EXPECT_NEAR(x, 1 / 0.3, 1e-12);
  EXPECT_FALSE(r.fatigue_product.has_value());
  m.defence = {{0, 0.4, 0.4}, {0.4, 0, 0.4}, {0.4, 0.4, 0}};  // -0.5 + 0.8 = 0.3 > 0
  EXPECT_EQ(analyse_stability(m).regime, Regime::kRunawayRace);
}

}  // namespace
}  // namespace geobalance::armsrace
