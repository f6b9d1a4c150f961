// The drift answer (issue 12, item 7): one ideal-point series, posterior intervals, the NATO
// median, and the verdict rule on the gap's interval (docs/alignment.md, "The scenario's drift answer").
// Expectations are hand computations written out below, or the dataset's own columns.
#include "scenario/drift.h"

#include <cmath>
#include <algorithm>
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "geobalance/scenario/idealpoints.h"
#include "test_util.h"

namespace geobalance::scenario::detail {
namespace {

using namespace geobalance::testing;

// A point estimate with no uncertainty: every quantile at the value.
IdealPointEstimate exact(int cc, int year, double v, int votes = 100) {
  IdealPointEstimate e;
  e.ccode = cc, e.year = year, e.value = v, e.votes = votes;
  e.q = {v, v, v, v, v, v, v};
  return e;
}

// Uniform on [lo, hi]: the quantile at p is lo + p (hi - lo), so the published quantiles
// (0, 5, 10, 50, 90, 95, 100%) lie on that line and the linear quantile function is exact.
IdealPointEstimate uniform(int cc, int year, double lo, double hi, int votes = 100) {
  IdealPointEstimate e;
  e.ccode = cc, e.year = year, e.value = (lo + hi) / 2, e.votes = votes;
  for (std::size_t k = 0; k < 7; ++k) e.q[k] = lo + kIdealPointQuantileLevels[k] * (hi - lo);
  return e;
}

DriftRequest request(int year_from, int year_to) {
  DriftRequest r;
  r.focal = 640, r.first = 2, r.second = 365;
  r.from_year = year_from, r.to_year = year_to;
  r.level = 0.9;
  r.seed = 7;
  return r;
}

TEST(CloserVerdict, EachSideOfZero) {
  EXPECT_EQ(closer_verdict(0.05, 1.85), Verdict::kCloserToFirst);
  EXPECT_EQ(closer_verdict(-2.4, -0.6), Verdict::kCloserToSecond);
  EXPECT_EQ(closer_verdict(-0.05, 1.75), Verdict::kNoMeasurableDifference);
  EXPECT_EQ(closer_verdict(-1.0, 0.0), Verdict::kNoMeasurableDifference);  // touching 0 is not excluding it
  EXPECT_EQ(closer_verdict(0.0, 1.0), Verdict::kNoMeasurableDifference);
  EXPECT_EQ(closer_verdict(std::nan(""), std::nan("")), Verdict::kNoMeasurableDifference);  // no interval, no call
}

TEST(IdealPointEstimate, QuantileIsLinearBetweenThePublishedQuantiles) {
  IdealPointEstimate e;
  e.q = {-1, 0, 0.2, 1, 1.8, 2, 3};
  EXPECT_DOUBLE_EQ(e.quantile(0.05), 0);
  EXPECT_DOUBLE_EQ(e.quantile(0.025), -0.5);  // half way from q0 = -1 to q5 = 0
  EXPECT_DOUBLE_EQ(e.quantile(0.3), 0.6);     // half way from q10 = 0.2 to q50 = 1
  EXPECT_DOUBLE_EQ(e.quantile(1), 3);
  EXPECT_TRUE(std::isnan(IdealPointEstimate{}.quantile(0.5)));
}

// Focal 0 (exact), first comparator uniform on [1, 3], second exact at r < 0:
// gap = |0 - r| - |0 - u| = -r - u, uniform on [-r - 3, -r - 1]; its 5th and 95th
// percentiles are -r - 2.9 and -r - 1.1.
TEST(ComputeDrift, GapIntervalFromThePosteriorsAndTheVerdictOnEachSide) {
  for (double r : {-2.95, -2.85, -0.5}) {
    const std::vector<IdealPointEstimate> s{exact(640, 2020, 0), uniform(2, 2020, 1, 3), exact(365, 2020, r)};
    auto d = compute_drift(s, request(2000, 2024), "test");
    ASSERT_EQ(d.years, std::vector<int>{2020});
    EXPECT_NEAR(d.gap[0], -r - 2, 1e-12);  // point values: |0 - r| - |0 - 2|
    // 4,000 draws: the 5th percentile's Monte Carlo sd is sqrt(.05 * .95 / 4000) / 0.5 = 0.007.
    EXPECT_NEAR(d.gap_low[0], -r - 2.9, 0.025) << r;
    EXPECT_NEAR(d.gap_high[0], -r - 1.1, 0.025) << r;
    // the comparators' own intervals are exact: u's 5th and 95th percentiles 1.1 and 2.9
    EXPECT_DOUBLE_EQ(d.first.low[0], 1.1);
    EXPECT_DOUBLE_EQ(d.first.high[0], 2.9);
    const Verdict v = closer_verdict(d.gap_low[0], d.gap_high[0]);
    if (r == -2.95) EXPECT_EQ(v, Verdict::kCloserToFirst);          // [0.05, 1.85]
    if (r == -2.85) EXPECT_EQ(v, Verdict::kNoMeasurableDifference); // [-0.05, 1.75]
    if (r == -0.5) EXPECT_EQ(v, Verdict::kCloserToSecond);          // [-2.4, -0.6]
  }
}

TEST(ComputeDrift, NoQuantilesMeansNoIntervalAndNoCall) {
  std::vector<IdealPointEstimate> s{exact(640, 2020, 0), exact(2, 2020, 1), exact(365, 2020, -3)};
  for (auto& e : s) e.q.fill(std::nan(""));
  auto d = compute_drift(s, request(2000, 2024), "test");
  EXPECT_FALSE(d.has_intervals);
  EXPECT_TRUE(std::isnan(d.gap_low[0]));
  EXPECT_EQ(closer_verdict(d.gap_low[0], d.gap_high[0]), Verdict::kNoMeasurableDifference);
}

TEST(ComputeDrift, NatoMedianOfTheMembersOnThirtyFirstDecember) {
  std::vector<power::NatoMember> nato(3);
  nato[0].ccode = 2, nato[0].accession = {1949, 8, 24};
  nato[1].ccode = 640, nato[1].accession = {1952, 2, 18};
  nato[2].ccode = 375, nato[2].accession = {2023, 4, 4};  // FIN: a member from 2023
  std::vector<IdealPointEstimate> s{exact(640, 2022, 0.5), exact(2, 2022, 2), exact(365, 2022, -1), exact(375, 2022, 1.5),
                                    exact(640, 2023, 0.5), exact(2, 2023, 2), exact(365, 2023, -1), exact(375, 2023, 1.5)};
  auto req = request(2000, 2024);
  req.nato = &nato;
  auto d = compute_drift(s, req, "test");
  ASSERT_EQ(d.years, (std::vector<int>{2022, 2023}));
  EXPECT_EQ(d.reference_members, (std::vector<int>{2, 3}));
  EXPECT_DOUBLE_EQ(d.reference[0], 1.25);  // median of {0.5, 2}
  EXPECT_DOUBLE_EQ(d.reference[1], 1.5);   // median of {0.5, 1.5, 2}
  EXPECT_DOUBLE_EQ(d.reference_low[1], 1.5);  // exact estimates: a zero-width interval
}

TEST(ComputeDrift, EndsAtTheSeriesLastYearAndSaysWhichYearThatIs) {
  std::vector<IdealPointEstimate> s;
  for (int y = 2020; y <= 2023; ++y)
    for (auto e : {exact(640, y, 0.5), exact(2, y, 2), exact(365, y, -1)}) s.push_back(e);
  s.push_back(exact(640, 2024, 0.5));  // 2024: the focal state only
  auto d = compute_drift(s, request(2021, 2024), "test");
  EXPECT_EQ(d.years, (std::vector<int>{2021, 2022, 2023}));
  EXPECT_EQ(d.series_last_year, 2023);
  EXPECT_THROW(compute_drift(s, request(2024, 2024), "test"), InputError);
}

// A file with both series: the all-votes series ends in 2023 and nothing of the
// final-passage series is taken for 2024 (no splicing).
TEST(LoadIdealpointSeries, EachSeriesOnItsOwn) {
  TempDir dir;
  const std::string path = dir.file("ip.csv");
  std::ofstream(path) << "ccode,iso3c,year,idealpointall,nvotesall,qoall,q5all,q10all,q50all,q90all,q95all,q100all,"
                         "idealpointfp,nvotesfp,qofp,q5fp,q10fp,q50fp,q90fp,q95fp,q100fp\n"
                         "640,TUR,2023,0.45,226,0.28,0.36,0.38,0.45,0.52,0.54,0.63,0.60,85,0.4,0.47,0.5,0.6,0.7,0.74,0.8\n"
                         "640,TUR,2024,,,,,,,,,,0.53,7,-0.24,0.18,0.27,0.52,0.80,0.87,1.27\n";
  auto all = load_idealpoint_series(path, IdealPointSeries::kAllVotes);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].year, 2023);
  EXPECT_EQ(all[0].votes, 226);
  EXPECT_DOUBLE_EQ(all[0].quantile(0.05), 0.36);
  auto fp = load_idealpoint_series(path, IdealPointSeries::kFinalPassage);
  ASSERT_EQ(fp.size(), 2u);
  EXPECT_EQ(fp[1].year, 2024);
  EXPECT_EQ(fp[1].votes, 7);
  EXPECT_DOUBLE_EQ(fp[1].quantile(0.95), 0.87);
}

TEST(LoadIdealpointSeries, RefusesBadRowsWithFileLineAndColumn) {
  TempDir dir;
  const std::string head = "ccode,year,idealpointall,nvotesall,qoall,q5all,q10all,q50all,q90all,q95all,q100all\n";
  auto expect_error = [&](const std::string& row, const std::string& needle) {
    const std::string path = dir.file("bad.csv");
    std::ofstream(path) << head << row;
    try {
      load_idealpoint_series(path, IdealPointSeries::kAllVotes);
      ADD_FAILURE() << "no error for " << row;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("bad.csv:2:"), std::string::npos) << e.what();
    }
  };
  expect_error("640,2023,0.45,226,0.3,0.36,0.38,0.45,0.52,0.50,0.63\n", "q95all");  // decreasing quantiles
  expect_error("640,2023,0.45,-3,0.3,0.36,0.38,0.45,0.52,0.54,0.63\n", "nvotesall");
  expect_error("640,2023,nan,226,0.3,0.36,0.38,0.45,0.52,0.54,0.63\n", "idealpointall");
  expect_error("640,2023,0.45,226,0.3,,0.38,0.45,0.52,0.54,0.63\n", "q5all");
  {  // an empty vote count is "not given" (-1), not zero votes
    const std::string path = dir.file("novotes.csv");
    std::ofstream(path) << head << "640,2023,0.45,,0.3,0.36,0.38,0.45,0.52,0.54,0.63\n";
    EXPECT_EQ(load_idealpoint_series(path, IdealPointSeries::kAllVotes).at(0).votes, -1);
  }
  const std::string path = dir.file("dup.csv");
  std::ofstream(path) << head << "640,2023,0.45,226,0.3,0.36,0.38,0.45,0.52,0.54,0.63\n"
                      << "640,2023,0.45,226,0.3,0.36,0.38,0.45,0.52,0.54,0.63\n";
  EXPECT_THROW(load_idealpoint_series(path, IdealPointSeries::kAllVotes), InputError);
}

// The built-in extract against the shared release: the same values in the same columns.
TEST(BuiltinExtract, MatchesTheReleaseAndIsNotSpliced) {
  const std::string builtin = source_dir() + "/data/alignment/idealpoints.csv";
  auto all = load_idealpoint_series(builtin, IdealPointSeries::kAllVotes);
  int last_all = 0;
  for (const auto& e : all) last_all = std::max(last_all, e.year);
  EXPECT_EQ(last_all, 2023);  // the all-votes series ends in 2023 in the July 2025 release
  auto shared = shared_file("data/unga_idealpoints/IdealpointsJuly2025.csv");
  if (!shared) GTEST_SKIP() << "../shared is absent: the extract's values are not compared with the release";
  auto rel = load_idealpoint_series(*shared, IdealPointSeries::kAllVotes);
  std::map<std::pair<int, int>, const IdealPointEstimate*> by;
  for (const auto& e : rel) by[{e.ccode, e.year}] = &e;
  for (const auto& e : all) {
    auto it = by.find({e.ccode, e.year});
    ASSERT_NE(it, by.end()) << e.ccode << " " << e.year;
    EXPECT_EQ(e.value, it->second->value);
    EXPECT_EQ(e.votes, it->second->votes);
    EXPECT_EQ(e.q, it->second->q);
  }
}

}  // namespace
}  // namespace geobalance::scenario::detail
