// COW NMC 7.0 (1816-2022) through the existing loader: CINC recomputed for every state-year
// against COW's own cinc column.
#include <cmath>
#include <iostream>

#include "geobalance/io/loaders.h"
#include "geobalance/power/cinc.h"
#include "test_util.h"

namespace geobalance::power {
namespace {

// SOURCES.md §1b: 17,121 state-years, 1816-2022; COW's missing rule reproduces every cinc to
// 2.41e-8 (rounding of the published 8 significant digits). 2022 published values: USA
// 0.12356574, CHN 0.23409663, RUS 0.038196992, TUR 0.012496565, UKR 0.0085589373.
TEST(Nmc7, CincMatchesCowsColumnForAll17121StateYears) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/nmc/NMC-70-abridged.csv");
  auto rows = io::load_nmc(path);
  ASSERT_EQ(rows.size(), 17121u);
  auto v = compute_cinc(rows);
  ASSERT_EQ(v.size(), rows.size());
  double worst = 0;
  int lo = 9999, hi = 0;
  for (const auto& x : v) {
    ASSERT_FALSE(std::isnan(x.published_cinc)) << x.abb << " " << x.year;
    worst = std::max(worst, std::fabs(x.cinc - x.published_cinc));
    EXPECT_NEAR(x.cinc, x.published_cinc, 1e-7) << x.abb << " " << x.year;
    lo = std::min(lo, x.year);
    hi = std::max(hi, x.year);
  }
  EXPECT_EQ(lo, 1816);
  EXPECT_EQ(hi, 2022);
  std::cout << "NMC 7.0: max |cinc - COW cinc| = " << worst << " over " << v.size() << " state-years\n";
  int seen = 0;
  for (const auto& x : v) {
    if (x.year != 2022) continue;
    if (x.abb == "USA") {
      EXPECT_NEAR(x.cinc, 0.12356574, 1e-8);
      ++seen;
    }
    if (x.abb == "CHN") {
      EXPECT_NEAR(x.cinc, 0.23409663, 1e-8);
      ++seen;
    }
    if (x.abb == "RUS") {
      EXPECT_NEAR(x.cinc, 0.038196992, 1e-8);
      ++seen;
    }
    if (x.abb == "TUR") {
      EXPECT_NEAR(x.cinc, 0.012496565, 1e-8);
      ++seen;
    }
    if (x.abb == "UKR") {
      EXPECT_NEAR(x.cinc, 0.0085589373, 1e-8);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 5);
}

}  // namespace
}  // namespace geobalance::power
