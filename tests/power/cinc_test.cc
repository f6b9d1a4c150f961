#include "geobalance/power/cinc.h"

#include <cmath>

#include "geobalance/io/loaders.h"
#include "geobalance/power/composite.h"
#include "test_util.h"

namespace geobalance::power {
namespace {

NmcRecord rec(int ccode, int year, std::array<double, 6> c) {
  NmcRecord r;
  r.ccode = ccode;
  r.year = year;
  r.component = c;
  return r;
}

TEST(Cinc, HandComputedThreeStatesWithMissingComponent) {
  const double M = std::nan("");
  // Year 2000, three states; state 3 lacks milex (COW -9).
  //   milex : 100, 300,  -    total 400  -> shares .25, .75
  //   milper: 10, 10, 20      total 40   -> .25, .25, .5
  //   irst, pec, tpop, upop: all 1,1,2 -> .25, .25, .5
  // CINC1 = (.25*6)/6 = .25 ; CINC2 = (.75 + .25*5)/6 = 2/6 = .333333 ;
  // CINC3 = (.5*5)/5 = .5  (divided by its 5 available components, not 6).
  std::vector<NmcRecord> rows{rec(1, 2000, {100, 10, 1, 1, 1, 1}), rec(2, 2000, {300, 10, 1, 1, 1, 1}),
                              rec(3, 2000, {M, 20, 2, 2, 2, 2})};
  auto v = compute_cinc(rows);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_DOUBLE_EQ(v[0].cinc, 0.25);
  EXPECT_DOUBLE_EQ(v[1].cinc, 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(v[2].cinc, 0.5);
  EXPECT_EQ(v[2].components, 5);
}

// Issue 16 item 4: two milex of 1.7e308 overflow the plain world total to inf, which made every
// milex share 0 and the year's CINCs sum to 0.83. By hand: milex shares 1.7e308 / 3.4e308 = .5
// each, every other component 1 / 2 = .5, so each CINC is .5 and the year sums to 1.
TEST(Cinc, ATotalThatOverflowsIsComputedInScaledForm) {
  std::vector<NmcRecord> rows{rec(1, 2000, {1.7e308, 1, 1, 1, 1, 1}), rec(2, 2000, {1.7e308, 1, 1, 1, 1, 1}),
                              rec(1, 2001, {3, 1, 1, 1, 1, 1}), rec(2, 2001, {1, 1, 1, 1, 1, 1})};
  auto v = compute_cinc(rows);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_DOUBLE_EQ(v[0].cinc, 0.5);
  EXPECT_DOUBLE_EQ(v[1].cinc, 0.5);
  EXPECT_DOUBLE_EQ(v[0].cinc + v[1].cinc, 1.0);
  // 2001 does not overflow: milex 3/4 and 1/4, the rest .5 -> (.75 + 2.5) / 6 and (.25 + 2.5) / 6.
  EXPECT_DOUBLE_EQ(v[2].cinc, 3.25 / 6);
  EXPECT_DOUBLE_EQ(v[3].cinc, 2.75 / 6);
  // Unequal huge values: 1.5e308 and 0.5e308 (sum 2e308 > DBL_MAX) -> milex shares .75 and .25.
  auto w = compute_cinc({rec(1, 1990, {1.5e308, 1, 1, 1, 1, 1}), rec(2, 1990, {0.5e308, 1, 1, 1, 1, 1})});
  EXPECT_NEAR(w[0].cinc, 3.25 / 6, 1e-15);
  EXPECT_NEAR(w[1].cinc, 2.75 / 6, 1e-15);
}

TEST(Cinc, ZeroIsDataAndAllMissingIsNan) {
  const double M = std::nan("");
  // milex 0 for state 1 stays in its mean: shares milex 0/10 = 0 and others .5 -> (0 + .5*5)/6.
  std::vector<NmcRecord> rows{rec(1, 1900, {0, 1, 1, 1, 1, 1}), rec(2, 1900, {10, 1, 1, 1, 1, 1}),
                              rec(3, 1900, {M, M, M, M, M, M})};
  auto v = compute_cinc(rows);
  EXPECT_DOUBLE_EQ(v[0].cinc, 2.5 / 6.0);
  EXPECT_TRUE(std::isnan(v[2].cinc));
  EXPECT_EQ(v[2].components, 0);
}

// The oracle: every one of NMC v6's 15,951 state-years against COW's published cinc column.
// SOURCES.md reports the largest rounding difference of the published values as 2.4e-8.
TEST(Cinc, MatchesCowPublishedColumnForEveryStateYear) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/nmc/NMC-60-abridged.csv");
  auto rows = io::load_nmc(path);
  ASSERT_EQ(rows.size(), 15951u);
  auto v = compute_cinc(rows);
  double worst = 0;
  std::size_t worst_i = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    ASSERT_FALSE(std::isnan(v[i].published_cinc));
    double d = std::fabs(v[i].cinc - v[i].published_cinc);
    if (d > worst) worst = d, worst_i = i;
    EXPECT_NEAR(v[i].cinc, v[i].published_cinc, 1e-7) << v[i].abb << " " << v[i].year;
  }
  RecordProperty("max_abs_difference", std::to_string(worst));
  std::cout << "max |cinc - COW cinc| = " << worst << " (" << v[worst_i].abb << " " << v[worst_i].year << ")\n";
  // Spot values quoted in SOURCES.md for 2016 (published): USA 0.13305758, CHN 0.23061772.
  for (const auto& x : v) {
    if (x.year == 2016 && x.abb == "USA") EXPECT_NEAR(x.cinc, 0.13305758, 1e-8);
    if (x.year == 2016 && x.abb == "CHN") EXPECT_NEAR(x.cinc, 0.23061772, 1e-8);
  }
}

TEST(Composite, EqualWeightsOverNmcComponentsReproduceCowCinc) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/nmc/NMC-60-abridged.csv");
  auto rows = io::load_nmc(path);
  auto idx = composite_index(panel_from_nmc(rows));
  for (std::size_t i = 0; i < rows.size(); ++i)
    ASSERT_NEAR(idx[i].index, rows[i].published_cinc, 1e-7) << rows[i].abb << " " << rows[i].year;
}

TEST(Composite, WeightedMeanOfSharesHandComputed) {
  // Two states, indicators x (10, 30) and y (3, 1): shares x .25/.75, y .75/.25.
  // Weights x=3, y=1: I1 = (3*.25 + 1*.75)/4 = .375 ; I2 = (3*.75 + .25)/4 = .625.
  Panel p;
  p.indicators = {"x", "y"};
  p.rows = {{1, "A", 2020, {10, 3}}, {2, "B", 2020, {30, 1}}};
  auto idx = composite_index(p, weights_from_string(p, "x=3,y=1"));
  EXPECT_DOUBLE_EQ(idx[0].index, 0.375);
  EXPECT_DOUBLE_EQ(idx[1].index, 0.625);
}

TEST(Composite, RejectsBadWeightSpecs) {
  Panel p;
  p.indicators = {"milex", "gdp"};
  EXPECT_THROW_MSG(weights_from_string(p, "milex=1,foo=2"), InputError,
                   "--weights: found unknown indicator 'foo', expected one of: milex, gdp");
  EXPECT_THROW_MSG(weights_from_string(p, "milex=-1"), InputError, "weight of 'milex' is '-1'");
  EXPECT_THROW_MSG(weights_from_string(p, "milex=nan"), InputError, "weight of 'milex' is 'nan'");
  EXPECT_THROW_MSG(weights_from_string(p, "milex=1,milex=2"), InputError, "indicator 'milex' is given twice");
  EXPECT_THROW_MSG(weights_from_string(p, "milex=0"), InputError, "expected at least one positive weight");
}

}  // namespace
}  // namespace geobalance::power
