#include "geobalance/scenario/run.h"

#include <cmath>

#include "geobalance/report/scenario.h"
#include "scenario/game_bridge.h"
#include "scenario/inputs.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using testing::source_dir;

std::string tiny() { return source_dir() + "/tests/data/scenario/tiny.toml"; }

// The four-state world (tests/data/scenario/world): military expenditure USA 100, RUS 20,
// TUR 20, CHN 60 in 2019-2021; weights milex only. The shock doubles RUS from 2020:
//   2019: total 200; NATO (USA+TUR) 120/200 = .6, RUS+CHN 80/200 = .4, ratio 1.5
//   2021: total 220; NATO 120/220 = .545454..., RUS+CHN (40+60)/220 = .454545..., ratio 1.2
TEST(ScenarioRun, ShockAppliesFromItsYearAndFlowsIntoTheAnswer) {
  auto s = load_scenario(tiny());
  const World w = cut_at(*s.world, s.history_to, s.as_of);
  auto in = detail::prepare_inputs(s, w);
  for (const auto& r : in.panel.rows) {
    if (r.ccode != 365) continue;
    EXPECT_EQ(r.values[0], r.year >= 2020 ? 40.0 : 20.0) << r.year;
  }
  auto res = run_scenario(s);
  ASSERT_EQ(res.answers.size(), 1u);
  EXPECT_NEAR(res.answers[0].value, 1.2, 1e-12);
  // No declared uncertainty: every replicate equals the baseline.
  EXPECT_NEAR(res.answers[0].low, 1.2, 1e-12);
  EXPECT_NEAR(res.answers[0].high, 1.2, 1e-12);
  EXPECT_EQ(res.answers[0].ensemble_size, 3);
  // 1.2 < 1.5 (2019): the ratio fell.
  EXPECT_EQ(res.answers[0].verdict, Verdict::kRatioDown);
  // Sensitivity: milex alone gives the same 2021 ratio, (100 + 20) / (40 + 60) = 1.2.
  bool milex_alone = false;
  for (const auto& [k, v] : res.answers[0].power->by_indicator)
    if (k == "milex") {
      milex_alone = true;
      EXPECT_NEAR(v, 1.2, 1e-12);
    }
  EXPECT_TRUE(milex_alone);
  ASSERT_TRUE(res.power);
  const auto& nato = res.power->coalitions[0];
  EXPECT_EQ(nato.label, "NATO");
  EXPECT_NEAR(nato.total[0], 0.6, 1e-12);
  EXPECT_NEAR(nato.total[2], 120.0 / 220.0, 1e-12);
  EXPECT_EQ(res.power->shares[1].first, "RUS");
  EXPECT_NEAR(res.power->shares[1].second[2], 40.0 / 220.0, 1e-12);
  // results.json is the struct.
  auto j = to_json(res);
  EXPECT_NEAR(j["power"]["coalitions"]["NATO"]["total"][2].get<double>(), 120.0 / 220.0, 1e-12);
  EXPECT_EQ(j["answers"][0]["verdict"], "ratio_down");
  // The sentence is written from the struct by report/.
  EXPECT_THAT(report::answer_sentence(res.answers[0], res),
              ::testing::HasSubstr("NATO holds 1.2x the capability of RUS+CHN in 2021 (ensemble median; 90% interval "
                                                   "1.2-1.2; baseline run 1.2), down from 1.5x in 2019"));
}

TEST(ScenarioRun, CurrentPortfolioFollowsTheTiesTable) {
  auto s = load_scenario(tiny());
  const World w = cut_at(*s.world, s.history_to, s.as_of);
  auto in = detail::prepare_inputs(s, w);
  // System: USA, RUS, TUR, CHN (ccodes 2, 365, 640, 710). NATO ties USA-TUR 3; RUS-CHN 1.
  const auto& p = in.portfolio;
  ASSERT_EQ(p.ccodes, (std::vector<int>{2, 365, 640, 710}));
  EXPECT_EQ(p.tie[0][2], 3);
  EXPECT_EQ(p.tie[1][3], 1);
  EXPECT_EQ(p.tie[0][1], 0);
  EXPECT_EQ(p.tie[1][1], 3);
}

TEST(ScenarioRun, IdenticalResultsForOneAndTwoThreads) {
  // The default scenario's uncertainties make every replicate differ; 1 and 2 threads must
  // agree bit for bit on every stored number.
  auto s = load_scenario(default_scenario_path());
  RunOptions a, b;
  a.replicates = b.replicates = 8;
  a.threads = 1;
  b.threads = 2;
  auto ra = run_scenario(s, a), rb = run_scenario(s, b);
  auto strip = [](nlohmann::ordered_json j) {
    j["run"].erase("threads");
    j["run"].erase("wall_seconds");
    return j.dump();
  };
  EXPECT_EQ(strip(to_json(ra)), strip(to_json(rb)));
  for (std::size_t i = 0; i < ra.answers.size(); ++i) {
    EXPECT_EQ(ra.answers[i].value, rb.answers[i].value) << ra.answers[i].id;
    EXPECT_EQ(ra.answers[i].low, rb.answers[i].low) << ra.answers[i].id;
  }
}

// No silent clamping: a value beyond its bound is held there and logged with its raw value.
TEST(ScenarioRun, HoldLogsEveryValueBeyondItsBound) {
  detail::ClampLog log;
  EXPECT_EQ(detail::hold(&log, "x", 0.5, -1, 1, "[-1, 1]"), 0.5);
  EXPECT_EQ(detail::hold(&log, "x", 1, -1, 1, "[-1, 1]"), 1);  // at the bound: not held
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(detail::hold(&log, "x", -1.114, -1, 1, "[-1, 1]"), -1);
  EXPECT_EQ(detail::hold(&log, "x", 1.5, -1, 1, "[-1, 1]"), 1);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log["x"].raw_min, -1.114);
  EXPECT_EQ(log["x"].raw_max, 1.5);
  EXPECT_EQ(log["x"].bound, "[-1, 1]");
}

// The example: a BDM expected utility of -1.114 for eu_us_sanction (template range
// [-1, 1], games/s400.h) is held at -1 and logged, not clipped silently.
TEST(ScenarioRun, CrisisGameInputBeyondItsRangeIsLogged) {
  detail::GameFeed feed;
  feed.cap_us = feed.cap_russia = feed.cap_turkiye = std::nan("");
  feed.s_turkiye_us = feed.s_turkiye_russia = std::nan("");
  feed.overrides = {{"eu_us_sanction", -1.114}};
  auto g = detail::solve_crisis_game(feed);
  ASSERT_EQ(g.clamps.count("game.eu_us_sanction"), 1u);
  EXPECT_EQ(g.clamps["game.eu_us_sanction"].raw_min, -1.114);
  EXPECT_THAT(g.clamps["game.eu_us_sanction"].bound, ::testing::HasSubstr("[-1, 1]"));
  feed.overrides = {{"eu_us_sanction", -0.5}};
  EXPECT_TRUE(detail::solve_crisis_game(feed).clamps.empty());
}

TEST(ScenarioRun, OptionsAreValidated) {
  RunOptions o;
  o.replicates = 0;
  EXPECT_THROW_MSG(o.validate(), InputError, "RunOptions: replicates is 0, but must be >= 1");
  o.replicates = 1;
  o.interval_level = 1.5;
  EXPECT_THROW_MSG(o.validate(), InputError, "interval_level is 1.5");
}

}  // namespace
}  // namespace geobalance::scenario
