// Building annual series from loader records: keys, years, gaps, and every bad input.
#include "geobalance/forecast/series.h"

#include <cmath>
#include <limits>

#include "test_util.h"

namespace geobalance::forecast {
namespace {

WarheadStock w(std::string entity, std::string iso3, int year, double v, int line) {
  WarheadStock x;
  x.entity = std::move(entity);
  x.iso3 = std::move(iso3);
  x.year = year;
  x.stockpile = v;
  x.line = line;
  return x;
}

TEST(SeriesFromOwid, MapsIsoCodesAndLeavesAggregatesOut) {
  std::vector<WarheadStock> rows = {w("United Kingdom", "GBR", 2000, 280, 2), w("United Kingdom", "GBR", 2002, 250, 3),
                                    w("World", "OWID_WRL", 2000, 21000, 4), w("China", "CHN", 2001, 230, 5)};
  AnnualSeries s = series_from_owid(rows, {{"GBR", "UKG"}}, {}, "owid.csv");
  EXPECT_EQ(s.states, (std::vector<std::string>{"UKG", "CHN"}));
  EXPECT_EQ(s.first_year, 2000);
  EXPECT_EQ(s.last_year, 2002);
  EXPECT_EQ(s.at(0, 2000), 280);
  EXPECT_TRUE(std::isnan(s.at(0, 2001)));  // a gap stays a gap
  EXPECT_EQ(s.at(1, 2001), 230);
  EXPECT_TRUE(std::isnan(s.at(1, 1999)));  // out of range
}

TEST(SeriesFromOwid, StatesAreCheckedAgainstTheSource) {
  std::vector<WarheadStock> rows = {w("China", "CHN", 2001, 230, 5)};
  EXPECT_THROW_MSG(series_from_owid(rows, {}, {"CHN", "XYZ"}, "owid.csv"), InputError,
                   "--states: found 'XYZ', expected a state with warheads data in owid.csv");
  EXPECT_THROW_MSG(series_from_owid(rows, {}, {"CHN", "CHN"}, "owid.csv"), InputError, "--states: found 'CHN' twice");
}

TEST(SeriesFromOwid, DuplicatesAfterMappingAreErrors) {
  // Two ISO codes mapped to one abbreviation give a second value for one state-year.
  std::vector<WarheadStock> rows = {w("A", "AAA", 2000, 1, 2), w("B", "BBB", 2000, 2, 3)};
  EXPECT_THROW_MSG(series_from_owid(rows, {{"AAA", "X"}, {"BBB", "X"}}, {}, "owid.csv"), InputError,
                   "owid.csv:3: warheads: found a second value for X in 2000");
}

TEST(SeriesFromPanel, NegativeValuesOfAPositiveSeriesAreErrors) {
  power::Panel p;
  p.indicators = {"milex"};
  p.rows.push_back({2, "USA", 2000, {-1.0}, 7});
  EXPECT_THROW_MSG(series_from_panel(SeriesKind::kMilex, p, "milex", {}, "cap.csv"), InputError,
                   "cap.csv:7: milex: found -1 for USA in 2000, expected a finite non-negative value");
  EXPECT_THROW_MSG(series_from_panel(SeriesKind::kMilex, p, "gdp", {}, "cap.csv"), InputError, "found no 'gdp'");
}

TEST(SeriesFromIdealPoints, NegativeValuesAreFineAndCodesMap) {
  IdealPoint a;
  a.ccode = 365;
  a.iso3 = "RUS";
  a.year = 2000;
  a.ideal_point = -1.5;
  IdealPoint b = a;
  b.ccode = 999;
  b.iso3 = "ZZZ";
  AnnualSeries s = series_from_idealpoints({a, b}, {{365, "RUS"}}, {}, "ip.csv");
  EXPECT_EQ(s.states, (std::vector<std::string>{"RUS", "ZZZ"}));
  EXPECT_EQ(s.at(0, 2000), -1.5);
}

TEST(SeriesFromNmc, MissingCincStaysMissing) {
  NmcRecord r;
  r.abb = "USA";
  r.year = 1816;
  r.published_cinc = 0.04;
  NmcRecord gap = r;
  gap.year = 1817;
  gap.published_cinc = std::numeric_limits<double>::quiet_NaN();
  AnnualSeries s = series_from_nmc_cinc({r, gap}, {"USA"}, "nmc.csv");
  EXPECT_EQ(s.last_year, 1816);  // the year with no value does not extend the series
  EXPECT_THROW_MSG(series_from_nmc_cinc({gap}, {}, "nmc.csv"), InputError, "nmc.csv: cinc: found no observations");
}

}  // namespace
}  // namespace geobalance::forecast
