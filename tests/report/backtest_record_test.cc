// The arms-race brief parts of report/backtest_record.h: the credibility rule on both sides of
// each threshold, the faint illustration (issue 12, item 5), the deployed-limit panel and
// clause (issue 13, item 3) and the "Track record" section (issue 13, item 4), from hand-built
// typed results.
#include "report/backtest_record.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "geobalance/report/brief.h"
#include "geobalance/report/scenario.h"
#include "report/brief_model.h"
#include "report/svg_chart.h"
#include "test_util.h"

namespace geobalance::report {
namespace {

using nlohmann::json;
using scenario::RaceSeries;
using scenario::ScenarioResult;
using ::testing::HasSubstr;
using ::testing::Not;

// A stable race that beats no change out of sample, never below zero; backtest not run.
RaceSeries race() {
  RaceSeries x;
  x.name = "milex";
  x.actors = {"USA", "RUS"};
  x.years = {2023, 2024};
  x.observed = {{100, 10}, {110, 12}};
  x.stable = true;
  x.holdout_mape = 5;
  x.naive_mape = 10;
  x.forecast_times = {2024, 2025, 2026};
  x.no_cap = {{110, 12}, {120, 13}, {130, 14}};
  x.with_cap = x.no_cap;
  x.no_cap_low = {{110, 12}, {115, 12}, {120, 13}};
  x.no_cap_high = {{110, 12}, {125, 14}, {140, 15}};
  return x;
}

TEST(BacktestRecord, CredibleOnlyWhenEveryCheckPasses) {
  RaceSeries x = race();
  EXPECT_TRUE(detail::race_forecast_credible(x));  // backtest not run (NaN): the other checks decide
  x.backtest_rel_mae = 0.99;
  EXPECT_TRUE(detail::race_forecast_credible(x));
  x.backtest_rel_mae = 1.0;  // no better than no change
  EXPECT_FALSE(detail::race_forecast_credible(x));
  x.backtest_rel_mae = 0.5;
  x.holdout_mape = 10;  // equal to no change out of sample
  EXPECT_FALSE(detail::race_forecast_credible(x));
  x.holdout_mape = 5;
  x.stable = false;
  EXPECT_FALSE(detail::race_forecast_credible(x));
  x.stable = true;
  x.no_cap_low[2][1] = -0.01;  // the band reaches below zero
  bool negative = false;
  EXPECT_FALSE(detail::race_forecast_credible(x, &negative));
  EXPECT_TRUE(negative);
}

TEST(BacktestRecord, NonCredibleLabelCarriesTheScore) {
  RaceSeries x = race();
  x.backtest_rel_mae = 1.0137;
  EXPECT_EQ(detail::noncredible_label(x), "not credible: rel. MAE 1.01 vs no change");
  x.backtest_rel_mae = std::nan("");
  x.holdout_mape = 36.9;
  x.naive_mape = 16.3;
  EXPECT_EQ(detail::noncredible_label(x), "not credible: out-of-sample MAPE 36.9% vs 16.3% for no change");
}

TEST(BacktestRecord, FaintIllustrationOnlyWhenAskedAndNotCredible) {
  ScenarioResult r;
  r.races = {race()};
  r.races[0].backtest_rel_mae = 1.48;
  json sec{{"charts", json::array()}};
  detail::add_race_panels(sec, r);  // default "omit": nothing drawn
  EXPECT_TRUE(sec["charts"].empty());

  r.races[0].show_noncredible = "faint";
  detail::add_race_panels(sec, r);
  ASSERT_EQ(sec["charts"].size(), 1u);
  const json& ch = sec["charts"][0];
  EXPECT_EQ(ch["id"], "armsrace-milex-illustration");
  EXPECT_THAT(ch["title"].get<std::string>(), HasSubstr("not credible: rel. MAE 1.48 vs no change"));
  EXPECT_THAT(ch["y_label"].get<std::string>(), HasSubstr("own scale"));
  // Only the model's path, never the data: the panel's axis is its own.
  ASSERT_EQ(ch["series"].size(), 2u);
  for (const auto& s : ch["series"]) {
    EXPECT_EQ(s["style"], "faint");
    EXPECT_THAT(s["name"].get<std::string>(), HasSubstr("not credible"));
    EXPECT_EQ(s["x"], json({2024, 2025, 2026}));
  }
  EXPECT_EQ(ch["series"][0]["y"], json({110.0, 120.0, 130.0}));

  // A path below zero is not drawn even faintly; the notes say why.
  r.races[0].no_cap[2][1] = -1;
  json sec3{{"charts", json::array()}};
  detail::add_race_panels(sec3, r);
  EXPECT_TRUE(sec3["charts"].empty());
  EXPECT_THAT(sec3["notes"][0].get<std::string>(), HasSubstr("goes below zero"));
  r.races[0].no_cap[2][1] = 14;

  // A credible forecast is drawn with the data (scenario_text.cc), not as an illustration.
  r.races[0].backtest_rel_mae = 0.9;
  json sec2{{"charts", json::array()}};
  detail::add_race_panels(sec2, r);
  EXPECT_TRUE(sec2["charts"].empty());
}

TEST(BacktestRecord, FaintStyleIsParsedAndDrawnAtLowOpacity) {
  detail::LineChart c;
  c.id = "x";
  c.title = "t";
  detail::LineSeries s;
  s.name = "a";
  s.x = {2024, 2025};
  s.y = {1.0, 2.0};
  s.faint = true;
  c.series.push_back(s);
  EXPECT_THAT(detail::render_line_chart(c), HasSubstr("stroke-opacity=\"0.35\""));
  c.series[0].faint = false;
  EXPECT_THAT(detail::render_line_chart(c), Not(HasSubstr("stroke-opacity=\"0.35\"")));
}

TEST(BacktestRecord, DeployedPanelAndClause) {
  ScenarioResult r;
  RaceSeries x = race();
  x.name = "warheads";
  x.deployed = {{1600, 1500}, {1650, 1540}, {1700, 1580}};
  x.deployed_capped = {{1600, 1500}, {1550, 1540}, {1550, 1550}};
  x.deployed_limit = 1550;
  x.deployed_label = "counterfactual: a New START-like limit";
  r.races = {x};
  json sec{{"charts", json::array()}};
  detail::add_race_panels(sec, r);
  ASSERT_EQ(sec["charts"].size(), 1u);
  EXPECT_EQ(sec["charts"][0]["id"], "armsrace-warheads-deployed");
  EXPECT_EQ(sec["charts"][0]["series"][1]["y"], json({1600.0, 1550.0, 1550.0}));
  EXPECT_EQ(sec["charts"][0]["series"][1]["style"], "dashed");
  EXPECT_THAT(sec["notes"][0].get<std::string>(), HasSubstr("one warhead per deployed heavy bomber"));

  // USA 1,700 deployed (share 0.5) -> 150 moved; RUS 1,500 (0.3) below the limit; CHN not a party.
  scenario::DeployedCapAnswer d;
  d.limit = 1550;
  d.share_year = 2023;
  d.actors = {"USA", "RUS", "CHN"};
  d.party = {true, true, false};
  d.share = {0.5, 0.3, 0.0};
  d.deployed = {1700, 1500, 0};
  d.capped = {1550, 1500, 0};
  d.moved = {150, 0, 0};
  const std::string s = detail::deployed_cap_clause(d, 2035);
  EXPECT_THAT(s, HasSubstr("if a New START-like limit of 1,550 deployed strategic warheads per side were restored "
                           "(a counterfactual: New START expired on 5 February 2026"));
  EXPECT_THAT(s, HasSubstr("it would bind in 2035 on the forecast deployed warheads of USA 1,700 (50% of its "
                           "stockpile, as in 2023) and move 150 of them to reserve; below the limit: RUS 1,500 (30%"));
  EXPECT_THAT(s, HasSubstr("the stockpile totals are unchanged by it"));
  EXPECT_THAT(s, Not(HasSubstr("CHN")));
  d.deployed = {1500, 1400, 0};
  d.moved = {0, 0, 0};
  EXPECT_THAT(detail::deployed_cap_clause(d, 2035), HasSubstr("it would not bind in 2035 (below the limit: USA 1,500"));
}

// The warhead answer's cap clause: the deployed limit when the data carry it, "no cap
// scenario" without (never a freeze of the stockpile); the spending race keeps its freeze.
TEST(BacktestRecord, WarheadAnswerNeverFreezesTheStockpile) {
  ScenarioResult r;
  r.interval_level = 0.9;
  scenario::Answer a;
  a.verdict = scenario::Verdict::kForecastNotUsable;
  scenario::ArmsraceAnswer x;
  x.race = "warheads";
  x.forecast_to = 2035;
  x.total_no_cap = 7830, x.total_low = 6280, x.total_high = 9190, x.total_cap_high = 9190, x.total_last_observed = 8197;
  x.richardson_rel_mae = 1.0137;
  a.armsrace = x;
  const std::string none = answer_sentence(a, r);
  EXPECT_THAT(none, HasSubstr("there is no cap scenario: no treaty limited total stockpiles"));
  EXPECT_THAT(none, Not(HasSubstr("freeze")));
  EXPECT_THAT(none, HasSubstr("not credible and are not used (no stable race that beats no change out of sample and "
                              "in the backtest, whose rel. MAE is 1.01)"));
  scenario::DeployedCapAnswer d;
  d.limit = 1550, d.share_year = 2023, d.actors = {"USA"}, d.party = {true}, d.share = {0.45};
  d.deployed = {1591}, d.capped = {1550}, d.moved = {41};
  a.armsrace->deployed = d;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("if a New START-like limit of 1,550 deployed strategic warheads"));
  a.armsrace->deployed.reset();
  a.armsrace->race = "milex";
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("a freeze at the last observed total (8,200)"));
}

TEST(BacktestRecord, TrackRecordSectionChartsRelMaeByHorizon) {
  ScenarioResult r;
  EXPECT_TRUE(detail::backtest_section(r).is_null());  // no arms-race answer
  scenario::Answer a;
  a.id = "q3";
  scenario::ArmsraceAnswer x;
  x.race = "warheads";
  x.forecaster = "regime";
  x.forecaster_reason = "regime had the lowest CRPS";
  x.track_first_origin = 2005;
  x.track_last_origin = 2019;
  // nochange's rel. MAE is 1 by definition; richardson 0.99 and 1.01, regime 0.85 and 0.84.
  x.track = {{"nochange", 1, 45, 168, 1, 121, 0.76}, {"nochange", 2, 45, 316, 1, 235, 0.47},
             {"richardson", 1, 45, 166, 0.99, 129, 0.8}, {"richardson", 2, 45, 320, 1.01, 253, 0.6},
             {"regime", 1, 41, 150, 0.85, 113, 0.63}, {"regime", 2, 41, 277, 0.84, 192, 0.56},
             {"var", 1, 45, 400, 2.9, 300, 0.5}, {"var", 2, 45, 5000, 23, 4000, 0.3}};  // var: off the scale (> 3)
  a.armsrace = x;
  r.answers.push_back(a);
  r.datasets.push_back({"series:warheads", "/d/armsrace/w.csv", "abc", "w", "Warheads", "2026-11", {"fas"}});
  r.datasets.push_back({"capabilities", "/d/capabilities.csv", "abc", "", "", "", {}});
  const json sec = detail::backtest_section(r);
  EXPECT_EQ(sec["id"], "backtest");
  EXPECT_EQ(sec["title"], "Track record: forecasts scored by backtest");
  ASSERT_EQ(sec["charts"].size(), 2u);
  const json& ch = sec["charts"][0];
  EXPECT_EQ(ch["type"], "line");
  ASSERT_EQ(ch["series"].size(), 3u);
  EXPECT_EQ(ch["series"][0]["name"], "no change (= 1)");
  EXPECT_EQ(ch["series"][0]["y"], json({1.0, 1.0}));
  EXPECT_EQ(ch["series"][1]["name"], "richardson");
  EXPECT_EQ(ch["series"][1]["x"], json({1, 2}));
  EXPECT_EQ(ch["series"][1]["y"], json({0.99, 1.01}));
  const json& tab = sec["charts"][1];
  EXPECT_EQ(tab["columns"], json({"model", "score", "h = 1", "h = 2"}));
  EXPECT_EQ(tab["rows"][5], json({"regime", "CRPS", 113.0, 192.0}));
  EXPECT_THAT(sec["text"].get<std::string>(), HasSubstr("q3 (nuclear warhead stockpiles): the forecaster used is regime"));
  EXPECT_EQ(tab["rows"][6], json({"var", "rel. MAE", 2.9, 23.0}));  // the table keeps it
  ASSERT_EQ(sec["notes"].size(), 2u);
  EXPECT_EQ(sec["notes"][0], "Not drawn, off the charts' scale (rel. MAE above 3), shown in the tables: q3 var (rel. MAE up to 23).");
  EXPECT_EQ(sec["notes"][1], "Source: Warheads, version 2026-11 (w.csv) [fas].");
  // The brief validates and renders it.
  json brief{{"title", "t"}, {"subtitle", ""}, {"generated", "g"}, {"provenance", json::object()},
             {"answers", json::array()}, {"sections", json::array({sec})}};
  EXPECT_THAT(render_brief_html(brief), HasSubstr("Track record: forecasts scored by backtest"));
}

}  // namespace
}  // namespace geobalance::report
