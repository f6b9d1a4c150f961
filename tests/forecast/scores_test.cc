// Scores recomputed by hand (issue 13, "done means" 5). Every expected value is worked out in
// the comment above its assertion from the definitions in include/geobalance/forecast/scores.h.
#include "geobalance/forecast/scores.h"

#include <cmath>
#include <limits>
#include <vector>

#include "test_util.h"

namespace geobalance::forecast {
namespace {

TEST(Crps, TwoMemberEnsembleByHand) {
  // Members {1, 3}, y = 2: mean|X - y| = (1 + 1) / 2 = 1; the four ordered pairs give
  // |X - X'| = 0, 2, 2, 0, mean 1; CRPS = 1 - 1/2 * 1 = 0.5.
  std::vector<double> x = {3, 1};
  EXPECT_DOUBLE_EQ(crps_ensemble(x, 2), 0.5);
  // y = 5: mean|X - y| = (4 + 2) / 2 = 3; CRPS = 3 - 0.5 = 2.5.
  EXPECT_DOUBLE_EQ(crps_ensemble(x, 5), 2.5);
}

TEST(Crps, ThreeMemberEnsembleByHand) {
  // Members {1, 3, 4}, y = 4: mean|X - y| = (3 + 1 + 0) / 3 = 4/3; ordered pairs
  // 2 * (|1-3| + |1-4| + |3-4|) = 12 over 9 pairs = 4/3; CRPS = 4/3 - 2/3 = 2/3.
  std::vector<double> x = {4, 1, 3};
  EXPECT_DOUBLE_EQ(crps_ensemble(x, 4), 2.0 / 3.0);
  // y = 3: mean|X - y| = (2 + 0 + 1) / 3 = 1; CRPS = 1 - 2/3 = 1/3.
  EXPECT_DOUBLE_EQ(crps_ensemble(x, 3), 1.0 / 3.0);
}

TEST(Crps, OneMemberIsAbsoluteError) {
  // A point forecast: the spread term is 0, CRPS = |x - y| = |4 - 1| = 3.
  std::vector<double> x = {4};
  EXPECT_DOUBLE_EQ(crps_ensemble(x, 1), 3.0);
}

TEST(Crps, GaussianQuantileEnsembleMatchesClosedForm) {
  // Analytic check (Gneiting & Raftery 2007, eq. 5): for N(mu, s^2),
  // CRPS = s [z (2 Phi(z) - 1) + 2 phi(z) - 1/sqrt(pi)], z = (y - mu) / s. With mu = 0, s = 1,
  // y = 1: Phi(1) = 0.841344746, phi(1) = 0.241970725, 1/sqrt(pi) = 0.564189584, so
  // CRPS = (2 * 0.841344746 - 1) + 2 * 0.241970725 - 0.564189584 = 0.602441358.
  const int m = 4000;
  std::vector<double> x;
  // Members at the normal quantiles x_i = Phi^-1((i + 1/2) / M), found by bisection on erfc.
  for (int i = 0; i < m; ++i) {
    const double p = (i + 0.5) / m;
    double lo = -10, hi = 10;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (lo + hi);
      (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
    }
    x.push_back(0.5 * (lo + hi));
  }
  EXPECT_NEAR(crps_ensemble(x, 1.0), 0.602441358, 2e-4);
}

TEST(Quantile, Type7ByHand) {
  // Sorted {1, 2, 3, 4, 5}: h = 4p. p = 0.25 -> h = 1 -> 2; p = 0.75 -> 4;
  // p = 0.05 -> h = 0.2 -> 1 + 0.2 * (2 - 1) = 1.2; p = 0.95 -> h = 3.8 -> 4 + 0.8 = 4.8.
  std::vector<double> x = {1, 2, 3, 4, 5};
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.25), 2);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.75), 4);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.05), 1.2);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0.95), 4.8);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 0), 1);
  EXPECT_DOUBLE_EQ(quantile_sorted(x, 1), 5);
}

TEST(Coverage, CentralIntervalsByHand) {
  // {5, 1, 4, 2, 3}: the 90% interval is [1.2, 4.8] and the 50% interval [2, 4] (above).
  std::vector<double> x = {5, 1, 4, 2, 3};
  auto [lo, hi] = central_interval(x, 0.9);
  EXPECT_DOUBLE_EQ(lo, 1.2);
  EXPECT_DOUBLE_EQ(hi, 4.8);
  EXPECT_TRUE(covered(x, 0.9, 4.8));   // the bounds are inside
  EXPECT_FALSE(covered(x, 0.9, 4.9));
  EXPECT_TRUE(covered(x, 0.5, 2.0));
  EXPECT_FALSE(covered(x, 0.5, 1.9));
  // Two members {4, 5}: 50% = [4.25, 4.75] (h = 0.25, 0.75), so 4.5 is in and 4.8 is out.
  std::vector<double> two = {4, 5};
  EXPECT_TRUE(covered(two, 0.5, 4.5));
  EXPECT_FALSE(covered(two, 0.5, 4.8));
}

TEST(Scores, BadInput) {
  std::vector<double> empty;
  EXPECT_THROW_MSG(crps_ensemble(empty, 1), InputError, "ensemble is empty");
  std::vector<double> nan = {1, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW_MSG(crps_ensemble(nan, 1), InputError, "members[1] is nan");
  std::vector<double> ok = {1, 2};
  EXPECT_THROW_MSG(crps_ensemble(ok, std::numeric_limits<double>::infinity()), InputError, "y is inf");
  EXPECT_THROW_MSG(central_interval(ok, 1.0), InputError, "level is 1");
}

}  // namespace
}  // namespace geobalance::forecast
