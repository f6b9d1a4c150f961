#include <cmath>
#include <numbers>

#include "geobalance/power/concentration.h"
#include "geobalance/power/theatre.h"
#include "geobalance/power/transition.h"
#include "test_util.h"

namespace geobalance::power {
namespace {

TEST(Concentration, HandComputedCases) {
  // Shares .5, .3, .2: HHI = .25 + .09 + .04 = .38 ; CON = sqrt((.38 - 1/3)/(1 - 1/3))
  //   = sqrt(.046667/.666667) = sqrt(.07) = .264575 ; poles = 1/.38 = 2.631579.
  std::vector<double> c{5, 3, 2};
  auto r = concentration(c);
  EXPECT_NEAR(r.hhi, 0.38, 1e-15);
  EXPECT_NEAR(r.con, std::sqrt(0.07), 1e-12);
  EXPECT_NEAR(r.effective_poles, 1 / 0.38, 1e-12);
  // Equal shares: CON 0, poles = N. Monopoly: CON 1, poles 1.
  std::vector<double> eq{1, 1, 1, 1};
  EXPECT_NEAR(concentration(eq).con, 0.0, 1e-12);
  EXPECT_NEAR(concentration(eq).effective_poles, 4.0, 1e-12);
  std::vector<double> mono{7, 0, 0};
  EXPECT_NEAR(concentration(mono).con, 1.0, 1e-12);
  EXPECT_NEAR(concentration(mono).effective_poles, 1.0, 1e-12);
}

TEST(Concentration, RejectsNegativeNanAndZeroTotal) {
  std::vector<double> neg{1, -1};
  EXPECT_THROW_MSG(concentration(neg), InputError, "concentration: capabilities[1] is -1, but must be finite and >= 0");
  std::vector<double> nan{1, NAN};
  EXPECT_THROW_MSG(concentration(nan), InputError, "capabilities[1] is nan");
  std::vector<double> zero{0, 0};
  EXPECT_THROW_MSG(concentration(zero), InputError, "sum to 0");
}

TEST(Transition, DetectsParitySpellsAndOvertakingOnConstructedSeries) {
  // A rises 1..6 against a constant B = 4. Ratios .25 .5 .75 1 1.25 1.5.
  // Parity band [.8, 1.25]: years 2003 (1.0) and 2004 (1.25) -> entry 2003, exit 2005.
  // A first strictly ahead in 2004 -> overtaking year 2004 by A (2003 is a tie).
  std::vector<int> years{2000, 2001, 2002, 2003, 2004, 2005};
  std::vector<double> a{1, 2, 3, 4, 5, 6}, b(6, 4.0);
  auto t = power_transition(years, a, b);
  ASSERT_EQ(t.series.size(), 6u);
  EXPECT_EQ(t.parity_entries, std::vector<int>{2003});
  EXPECT_EQ(t.parity_exits, std::vector<int>{2005});
  EXPECT_EQ(t.overtaking_years, std::vector<int>{2004});
  EXPECT_EQ(t.overtaker, std::vector<std::string>{"A"});
  EXPECT_DOUBLE_EQ(t.series[1].ratio, 0.5);
}

TEST(Transition, RejectsBadInput) {
  EXPECT_THROW_MSG(power_transition({2000, 2000}, {1, 1}, {1, 1}), InputError, "strictly increasing");
  EXPECT_THROW_MSG(power_transition({2000}, {1}, {0}), InputError, "b[0] is 0, but must be > 0");
  EXPECT_THROW_MSG(power_transition({2000}, {1, 2}, {1}), InputError, "years has 1 elements and a has 2");
  TransitionOptions o;
  o.parity_low = 1.1;
  EXPECT_THROW_MSG(power_transition({2000}, {1}, {1}, o), InputError, "must contain 1");
}

TEST(Theatre, GreatCircleHandComputed) {
  // One degree of longitude along the equator = 2*pi*3958.8/360 = 69.0941 miles.
  EXPECT_NEAR(great_circle_miles({0, 0}, {0, 1}), 2 * std::numbers::pi * 3958.8 / 360, 1e-9);
  // Pole to pole: pi * R.
  EXPECT_NEAR(great_circle_miles({90, 0}, {-90, 0}), std::numbers::pi * 3958.8, 1e-6);
  EXPECT_THROW_MSG(great_circle_miles({91, 0}, {0, 0}), InputError, "a.lat is 91, but must be in [-90, 90]");
}

TEST(Theatre, LossOfStrengthGradientHandComputed) {
  // 500 miles at 250 miles/day: exponent = log10(2 + 10 - e) = log10(9.281718) = 0.967628.
  const double e = std::numbers::e;
  EXPECT_NEAR(lsg_exponent(500), std::log10(12 - e), 1e-14);
  EXPECT_NEAR(lsg_exponent(500), 0.9676, 1e-4);
  // Capability .04 there: .04^0.967628 = exp(0.967628 * ln .04) = exp(-3.11467) = 0.044386.
  EXPECT_NEAR(discounted_capability(0.04, 500), std::exp(std::log10(12 - e) * std::log(0.04)), 1e-15);
  EXPECT_NEAR(discounted_capability(0.04, 500), 0.04439, 1e-5);
  // Zero distance: BdM's constant exponent log10(10 - e) = log10(7.281718) = 0.862234.
  EXPECT_NEAR(lsg_exponent(0), 0.862234, 1e-6);  // log10(7.281718)
  LossOfStrengthOptions bad;
  bad.miles_per_day = 0;
  EXPECT_THROW_MSG(lsg_exponent(1, bad), InputError, "miles_per_day is 0, but must be finite and > 0");
  EXPECT_THROW_MSG(discounted_capability(1.5, 1), InputError, "capability is 1.5, but must be in [0, 1]");
}

TEST(Theatre, CoalitionTotalsSumAdjustedMembers) {
  // Two actors at the theatre centroid (0 miles): adjusted = c^0.862234.
  std::vector<TheatreActor> actors{{1, "A", 0.1, {10, 10}}, {2, "B", 0.2, {10, 10}}};
  auto b = theatre_balance("T", {10, 10}, actors, {{"AB", {1, 2}}, {"B", {2, 99}}});
  const double k = std::log10(10 - std::numbers::e);
  EXPECT_NEAR(b.coalition_totals["AB"], std::pow(0.1, k) + std::pow(0.2, k), 1e-12);
  EXPECT_NEAR(b.coalition_totals["B"], std::pow(0.2, k), 1e-12);
}

}  // namespace
}  // namespace geobalance::power
