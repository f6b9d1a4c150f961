// The default scenario's drift answer end to end (issue 12, item 7), against the dataset's own
// columns and the independent S computation (tests/data/alignment/s_cow_expected.py); and the
// [alignment] keys refused with their name.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using namespace geobalance::testing;

const Answer& drift_answer(const ScenarioResult& r) {
  for (const auto& a : r.answers)
    if (a.id == "drift") return a;
  throw std::runtime_error("no drift answer");
}

TEST(DriftScenario, DefaultScenarioUsesOneSeriesWithIntervalsAndTheNatoMedian) {
  auto s = load_scenario(default_scenario_path());
  RunOptions o;
  o.replicates = 2;
  o.threads = 1;
  const auto r = run_scenario(s, o);
  const Answer& a = drift_answer(r);
  ASSERT_TRUE(a.alignment);
  const auto& x = *a.alignment;
  EXPECT_EQ(x.series, "all");
  // The all-votes series ends in 2023 in the July 2025 release: the answer ends there.
  EXPECT_EQ(x.last_year, 2023);
  EXPECT_EQ(x.series_last_year, 2023);
  // The release's own columns (IdealpointsJuly2025.csv, TUR 2023: idealpointall 0.452911198,
  // nvotesall 226; USA 1.98683596; RUS -1.27241397).
  EXPECT_DOUBLE_EQ(x.ip_focal, 0.452911198);
  EXPECT_EQ(x.votes_focal, 226);
  EXPECT_NEAR(x.gap_last_year, std::fabs(0.452911198 + 1.27241397) - std::fabs(0.452911198 - 1.98683596), 1e-12);
  // A posterior interval, not a point; the verdict by the rule on it.
  EXPECT_LT(a.low, a.value);
  EXPECT_GT(a.high, a.value);
  EXPECT_EQ(a.interval_source, "posterior");
  EXPECT_EQ(a.verdict, a.low > 0 ? Verdict::kCloserToFirst : a.high < 0 ? Verdict::kCloserToSecond
                                                                        : Verdict::kNoMeasurableDifference);
  // NATO on 31 Dec 2023: 31 members (Finland from April 2023; Sweden from March 2024).
  EXPECT_EQ(x.reference, "NATO median");
  EXPECT_EQ(x.reference_members, 31);
  // S over the full COW system when ../shared is there (the default scenario names it as
  // optional), else unavailable and said so.
  if (shared_file("data/cow_states/states2016.csv")) {
    EXPECT_FALSE(x.portfolio_hand_made);
    EXPECT_EQ(x.portfolio_year, 2012);
    EXPECT_EQ(x.portfolio_states, 195);
    EXPECT_NEAR(x.s_first, 0.572649572650, 1e-9);   // s_cow_expected.csv: 640, 2
    EXPECT_NEAR(x.s_second, 0.685470085470, 1e-9);  // 640, 365
  } else {
    EXPECT_TRUE(std::isnan(x.s_first));
    bool said = false;
    for (const auto& c : a.caveats) said = said || c.find("S is unavailable") != std::string::npos;
    EXPECT_TRUE(said);
  }
}

// A copy of the default scenario with one line added to [alignment]; paths made absolute.
std::string scenario_with(const TempDir& d, const std::string& alignment_line) {
  std::ifstream in(default_scenario_path());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str(), out, line;
  std::istringstream lines(text);
  const std::string dir = source_dir() + "/data/scenarios/";
  while (std::getline(lines, line)) {
    if (line.rfind("file = \"", 0) == 0) line = "file = \"" + dir + line.substr(8);
    if (auto k = line.find("optional:../../../"); k != std::string::npos)  // relative to data/scenarios/
      line = line.substr(0, k) + "optional:" + source_dir() + "/../" + line.substr(k + 18);
    out += line + "\n";
    if (line == "[alignment]") out += alignment_line + "\n";
  }
  const std::string path = d.file("s.toml");
  std::ofstream(path) << out;
  return path;
}

TEST(DriftScenario, AlignmentKeysAreValidatedByName) {
  TempDir d;
  for (const auto& [line, key] : {std::pair<std::string, std::string>{"idealpoint_series = \"monthly\"", "idealpoint_series"},
                                  {"portfolio = \"guess\"", "portfolio"},
                                  {"idealpoint_series = 3", "idealpoint_series"}}) {
    try {
      load_scenario(scenario_with(d, line));
      ADD_FAILURE() << "accepted " << line;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("s.toml:"), std::string::npos) << e.what();
    }
  }
  // The hand-made table, asked for and labelled.
  auto s = load_scenario(scenario_with(d, "portfolio = \"ties_table\""));
  EXPECT_EQ(s.portfolio, "ties_table");
  RunOptions o;
  o.replicates = 2;
  o.threads = 1;
  const auto r = run_scenario(s, o);
  const auto& x = *drift_answer(r).alignment;
  EXPECT_TRUE(x.portfolio_hand_made);
  EXPECT_NE(x.portfolio_system.find("hand-made ties table"), std::string::npos) << x.portfolio_system;
  // final-passage: the answer reaches 2024, where TUR's estimate rests on 7 votes (the
  // release's nvotesfp).
  auto fp = load_scenario(scenario_with(d, "idealpoint_series = \"final_passage\""));
  const auto rf = run_scenario(fp, o);
  const auto& y = *drift_answer(rf).alignment;
  EXPECT_EQ(y.series, "final_passage");
  EXPECT_EQ(y.last_year, 2024);
  EXPECT_EQ(y.votes_focal, 7);
  EXPECT_DOUBLE_EQ(y.ip_focal, 0.528467298);
}

}  // namespace
}  // namespace geobalance::scenario
