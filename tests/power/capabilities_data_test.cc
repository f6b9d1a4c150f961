// data/capabilities.csv after issue 15: NMC 7.0 to 2022, no silently repeated values, every
// 2023-2024 personnel/population value a labelled NOWCAST with an sd or a cited PUBLIC FIGURE,
// FAS 2024 warheads; and draw_nowcasts, which carries the sd into an ensemble.
#include <cmath>
#include <map>

#include "geobalance/io/csv.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/builtin_data.h"
#include "test_util.h"

namespace geobalance::power {
namespace {

using testing::source_dir;

const std::string kTable = source_dir() + "/data/capabilities.csv";

TEST(CapabilityTable, PersonnelAndPopulationEqualNmc7Through2022) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/nmc/NMC-70-abridged.csv");
  std::map<std::pair<int, int>, NmcRecord> nmc;
  for (auto& r : io::load_nmc(path)) nmc[{r.ccode, r.year}] = r;
  auto p = load_capability_table(kTable);
  const int mp = p.indicator("milper"), tp = p.indicator("tpop");
  int compared = 0;
  for (const auto& r : p.rows) {
    if (r.year > 2022) continue;
    auto it = nmc.find({r.ccode, r.year});
    if (it == nmc.end()) {
      EXPECT_TRUE(std::isnan(r.values[mp])) << r.abb << " " << r.year;
      continue;
    }
    const auto& c = it->second.component;
    auto same = [&](double table, double cow) {
      if (std::isnan(cow)) EXPECT_TRUE(std::isnan(table)) << r.abb << " " << r.year;
      else {
        EXPECT_EQ(table, cow) << r.abb << " " << r.year;
        ++compared;
      }
    };
    same(r.values[mp], c[static_cast<int>(Component::kMilper)]);
    same(r.values[tp], c[static_cast<int>(Component::kTpop)]);
  }
  EXPECT_GT(compared, 2000);
  // The example: Ukraine's 2022 personnel in NMC 7.0 is 688 thousand (SOURCES.md §1b).
  for (const auto& r : p.rows)
    if (r.abb == "UKR" && r.year == 2022) EXPECT_EQ(r.values[mp], 688);
}

// No value may repeat an earlier year's without the row saying so: every 2023-2024 personnel
// and population cell is a NOWCAST (its source says so and it carries an sd) or a PUBLIC
// FIGURE with its source; nothing says "carried forward".
TEST(CapabilityTable, RecentYearsAreNowcastsWithSdOrCitedFigures) {
  auto t = io::CsvTable::read_file(kTable);
  const auto c_year = t.require_column("year");
  int nowcasts = 0, public_figures = 0;
  for (const char* ind : {"milper", "tpop"}) {
    const auto c_val = t.require_column(std::string(ind) + "_k"), c_src = t.require_column(std::string(ind) + "_source"),
               c_sd = t.require_column(std::string(ind) + "_sd_k");
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      std::string src(t.cell(r, c_src));
      EXPECT_EQ(src.find("carried forward"), std::string::npos) << "line " << t.line_of_row(r);
      if (t.get_int(r, c_year) <= 2022) {
        EXPECT_TRUE(t.cell(r, c_sd).empty()) << "line " << t.line_of_row(r);
        continue;
      }
      if (t.cell(r, c_val).empty()) continue;
      if (src.rfind("NOWCAST", 0) == 0) {
        ++nowcasts;
        auto sd = io::parse_double(t.cell(r, c_sd));
        ASSERT_TRUE(sd) << "line " << t.line_of_row(r);
        EXPECT_GE(*sd, 0);
      } else {
        ASSERT_EQ(src.rfind("PUBLIC FIGURE", 0), 0u) << "line " << t.line_of_row(r) << ": " << src;
        ++public_figures;
      }
    }
  }
  EXPECT_GT(nowcasts, 100);
  EXPECT_GE(public_figures, 2);
}

// FAS's early-2024 military stockpiles are deployed + stored warheads as the SIPRI Yearbook
// 2024 chapter by the same authors gives them: USA 1,770 + 1,938, RUS 1,710 + 2,670; CHN 500
// (24 + 476), UK 225 (120 + 105), France 290 (280 + 10).
TEST(CapabilityTable, Warheads2024AreFas2024NotA2023Repeat) {
  auto p = load_capability_table(kTable);
  const int w = p.indicator("warheads");
  std::map<std::string, double> want{{"USA", 1770 + 1938}, {"RUS", 1710 + 2670}, {"CHN", 24 + 476},
                                     {"UKG", 120 + 105},   {"FRN", 280 + 10}};
  int seen = 0;
  for (const auto& r : p.rows)
    if (r.year == 2024 && want.count(r.abb)) {
      EXPECT_EQ(r.values[w], want[r.abb]) << r.abb;
      ++seen;
    }
  EXPECT_EQ(seen, 5);
  auto t = io::CsvTable::read_file(kTable);
  const auto c_year = t.require_column("year"), c_src = t.require_column("warheads_source"),
             c_abb = t.require_column("stateabb");
  for (std::size_t r = 0; r < t.num_rows(); ++r)
    if (t.get_int(r, c_year) == 2024 && want.count(std::string(t.cell(r, c_abb))))
      EXPECT_THAT(std::string(t.cell(r, c_src)), ::testing::HasSubstr("Status of World Nuclear Forces 2024"));
}

TEST(CapabilityTable, SdColumnsLoadIntoTheRows) {
  auto p = load_capability_table(kTable);
  const int mp = p.indicator("milper"), tp = p.indicator("tpop"), mx = p.indicator("milex");
  for (const auto& r : p.rows) {
    ASSERT_EQ(r.sd.size(), p.indicators.size());
    EXPECT_TRUE(std::isnan(r.sd[mx]));
    if (r.year <= 2022) EXPECT_TRUE(std::isnan(r.sd[mp]) && std::isnan(r.sd[tp])) << r.abb << r.year;
    if (r.abb == "USA" && r.year == 2024) EXPECT_GT(r.sd[tp], 0);
  }
}

TEST(CapabilityTable, AnSdWithoutAValueIsAnError) {
  testing::TempDir d;
  testing::write_text(d.file("c.csv"),
                      "ccode,stateabb,year,milex_const2023_usd_m,milex_source,gdp_const2023_usd_m,gdp_source,milper_k,"
                      "milper_source,tpop_k,tpop_source,warheads,warheads_source,milper_sd_k,tpop_sd_k\n"
                      "2,USA,2024,1,s,1,s,,s,1,s,0,s,3,\n");
  EXPECT_THROW_MSG(load_capability_table(d.file("c.csv")), InputError,
                   "c.csv:2:31: column 'milper_sd_k': found '3', expected empty, since the row has no value for milper");
  testing::write_text(d.file("c.csv"),
                      "ccode,stateabb,year,milex_const2023_usd_m,milex_source,gdp_const2023_usd_m,gdp_source,milper_k,"
                      "milper_source,tpop_k,tpop_source,warheads,warheads_source,milper_sd_k,tpop_sd_k\n"
                      "2,USA,2024,1,s,1,s,5,s,1,s,0,s,-3,\n");
  EXPECT_THROW_MSG(load_capability_table(d.file("c.csv")), InputError, "column 'milper_sd_k': found '-3'");
}

// draw_nowcasts: cells without an sd are untouched; a cell with value m and sd s is drawn as
// m * r with r lognormal, mean 1, sd s/m: E = m and SD = s exactly, never below 0.
// Tolerances from the sample size n = 4,000 (written out):
//  - sample mean: its standard error is s / sqrt(n) = 50 / 63.2 = 0.79; allowed 4 SE = 3.16.
//  - sample sd: for a distribution with kurtosis K the standard error of the sample sd is
//    about s * sqrt((K - 1) / (4 n)). Lognormal with sigma^2 = ln(1 + (s/m)^2) = ln(1.0025)
//    = 0.0024969 has excess kurtosis e^{4 sigma^2} + 2 e^{3 sigma^2} + 3 e^{2 sigma^2} - 6
//    = 0.0401, so K = 3.0401 and SE = 50 * sqrt(2.0401 / 16000) = 0.565; allowed 4 SE = 2.26.
// A cell with value 0 keeps it (no lognormal has mean 0 and a spread): nowcast_cells names it.
TEST(DrawNowcasts, DrawsNowcastCellsLognormalWithTheRowsMeanAndSd) {
  Panel p;
  p.indicators = {"milex", "tpop"};
  const double nan = std::nan("");
  p.rows.push_back({2, "USA", 2024, {100.0, 1000.0}, 0, {nan, 50.0}});
  p.rows.push_back({365, "RUS", 2022, {80.0, 500.0}, 0, {nan, nan}});
  p.rows.push_back({212, "LUX", 2023, {10.0, 0.0}, 0, {nan, 0.2}});
  Rng rng(42);
  double sum = 0, sum2 = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    Panel d = draw_nowcasts(p, rng);
    EXPECT_EQ(d.rows[0].values[0], 100.0);
    EXPECT_EQ(d.rows[1].values[1], 500.0);
    EXPECT_EQ(d.rows[2].values[1], 0.0);
    sum += d.rows[0].values[1];
    sum2 += d.rows[0].values[1] * d.rows[0].values[1];
  }
  const double mean = sum / n, sd = std::sqrt((sum2 - n * mean * mean) / (n - 1));
  EXPECT_NEAR(mean, 1000.0, 4 * 50.0 / std::sqrt(n));
  const double s2 = std::log(1.0025), excess = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 6;
  EXPECT_NEAR(excess, 0.0401, 0.0001);
  EXPECT_NEAR(sd, 50.0, 4 * 50.0 * std::sqrt((2 + excess) / (4.0 * n)));
  Rng a(7), b(7);
  EXPECT_EQ(draw_nowcasts(p, a).rows[0].values[1], draw_nowcasts(p, b).rows[0].values[1]);  // same stream, same draw
  const NowcastCells cells = nowcast_cells(p);
  EXPECT_EQ(cells.drawn, 1);
  EXPECT_THAT(cells.held_at_point, ::testing::ElementsAre("LUX 2023 tpop"));
}

// A spread larger than the value (Croatia's 2023 personnel nowcast: 17 thousand, sd 47.5)
// stays positive, and on the log scale it is exactly normal: ln r ~ N(-sigma^2/2, sigma^2)
// with sigma^2 = ln(1 + (47.5/17)^2) = ln(8.808) = 2.1756. Over n = 4,000 draws the mean of
// ln r lies within 4 sigma / sqrt(n) = 0.093 of -1.0878, and the sd of ln r within
// 4 sigma / sqrt(2 (n - 1)) = 0.066 of sigma = 1.4750 (normal sample sd).
TEST(DrawNowcasts, WideSpreadStaysPositiveAndLognormal) {
  const double cv = 47.5 / 17, s2 = std::log1p(cv * cv), sigma = std::sqrt(s2);
  EXPECT_NEAR(s2, 2.1756, 1e-4);
  Rng rng(3);
  const int n = 4000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double r = nowcast_factor(cv, rng);
    ASSERT_GT(r, 0);
    sum += std::log(r), sum2 += std::log(r) * std::log(r);
  }
  const double mean = sum / n, sd = std::sqrt((sum2 - n * mean * mean) / (n - 1));
  EXPECT_NEAR(mean, -s2 / 2, 4 * sigma / std::sqrt(n));
  EXPECT_NEAR(sd, sigma, 4 * sigma / std::sqrt(2.0 * (n - 1)));
}

TEST(YearSpan, OfTheBuiltinTable) {
  auto span = year_span(load_capability_table(kTable));
  ASSERT_TRUE(span);
  EXPECT_EQ(span->first, 1995);
  EXPECT_EQ(span->second, 2024);
  EXPECT_FALSE(year_span(Panel{}));
}

}  // namespace
}  // namespace geobalance::power
