// The arms-race answer's additions (src/scenario/race_extras.h) worked out by hand, the
// [armsrace] keys deployed_limit and show_noncredible, and the default scenario's warhead answer
// (the counterfactual limit on deployed strategic warheads, issue 13 item 3).
#include "scenario/race_extras.h"

#include <cmath>

#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

namespace fc = geobalance::forecast;
using testing::source_dir;
using testing::TempDir;

fc::ScoredForecast scored(fc::ModelKind m, double point, double observed, double nochange_err) {
  fc::ScoredForecast s;
  s.model = m;
  s.point = point;
  s.observed = observed;
  s.nochange_abs_error = nochange_err;
  return s;
}

// Richardson's pairs: |110 - 100| = 10 against no change's 20, and |95 - 100| = 5 against 5, so
// its rel. MAE is (10 + 5) / (20 + 5) = 0.6. The trend pair (error 50) does not count. Only the
// pooled rows (state "all") go into the track record.
TEST(RaceExtras, TrackRecordByHand) {
  fc::BacktestResult bt;
  bt.first_origin = 2005;
  bt.last_origin = 2019;
  bt.scored = {scored(fc::ModelKind::kRichardson, 110, 100, 20), scored(fc::ModelKind::kRichardson, 95, 100, 5),
               scored(fc::ModelKind::kTrend, 150, 100, 5)};
  fc::ScoreRow usa{"warheads", "USA", "richardson", 1, 1, 10, 0.5, 8, 0.5, 1};
  fc::ScoreRow all{"warheads", "all", "richardson", 1, 2, 7.5, 0.6, 6, 0.5, 1};
  bt.rows = {usa, all};
  ArmsraceAnswer a;
  detail::add_track_record(bt, a);
  EXPECT_DOUBLE_EQ(a.richardson_rel_mae, 0.6);
  ASSERT_EQ(a.track.size(), 1u);
  EXPECT_EQ(a.track[0].model, "richardson");
  EXPECT_EQ(a.track[0].n, 2);
  EXPECT_EQ(a.track[0].rel_mae, 0.6);
  EXPECT_EQ(a.track_first_origin, 2005);
  EXPECT_EQ(a.track_last_origin, 2019);

  ArmsraceAnswer none;  // no Richardson pairs: NaN, so the rule falls back to the other checks
  bt.scored.resize(2);
  bt.scored[0].model = bt.scored[1].model = fc::ModelKind::kTrend;
  detail::add_track_record(bt, none);
  EXPECT_TRUE(std::isnan(none.richardson_rel_mae));
}

TEST(RaceExtras, ArmsraceKeysAreRead) {
  TempDir d;
  std::string text = testing::read_text(source_dir() + "/tests/data/scenario/minimal.toml");
  testing::write_text(d.file("ok.toml"), text + "\n[armsrace]\ndeployed_limit = 1000\nshow_noncredible = \"faint\"\n");
  const Scenario s = load_scenario(d.file("ok.toml"));
  EXPECT_EQ(s.deployed_limit, 1000);
  EXPECT_EQ(s.show_noncredible, "faint");
  EXPECT_EQ(load_scenario(source_dir() + "/tests/data/scenario/minimal.toml").show_noncredible, "omit");
  testing::write_text(d.file("bad.toml"), text + "\n[armsrace]\nshow_noncredible = \"sometimes\"\n");
  EXPECT_THROW_MSG(load_scenario(d.file("bad.toml")), InputError, "show_noncredible");
  EXPECT_THROW_MSG(load_scenario(d.file("bad.toml")), InputError, "found 'sometimes', expected omit or faint");
  testing::write_text(d.file("neg.toml"), text + "\n[armsrace]\ndeployed_limit = -5\n");
  EXPECT_THROW_MSG(load_scenario(d.file("neg.toml")), InputError, "deployed_limit");
}

// The default scenario's warhead answer (built-in data, 2035): the limit acts on deployed
// strategic warheads, share x stockpile with the 2023 shares 1,670/3,708 and 1,674/4,489
// (FAS via OWID; ../shared/data/FACTS.md section 5), 1,550 per side; the stockpile is unchanged.
TEST(RaceExtras, DefaultScenarioWarheadCapIsOnDeployedWarheads) {
  Scenario s = load_scenario(source_dir() + "/data/scenarios/nato-southern-flank.toml");
  RunOptions o;
  o.replicates = 4;
  const ScenarioResult r = run_scenario(s, o);
  const Answer* q3 = nullptr;
  for (const auto& a : r.answers)
    if (a.armsrace && a.armsrace->race == "warheads") q3 = &a;
  ASSERT_NE(q3, nullptr);
  ASSERT_TRUE(q3->armsrace->deployed);
  const DeployedCapAnswer& d = *q3->armsrace->deployed;
  EXPECT_EQ(d.share_year, 2023);
  EXPECT_DOUBLE_EQ(d.share[0], 1670.0 / 3708.0);
  EXPECT_DOUBLE_EQ(d.share[1], 1674.0 / 4489.0);
  const RaceSeries* w = nullptr;
  for (const auto& x : r.races)
    if (x.name == "warheads") w = &x;
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->with_cap, w->no_cap);  // no cap on the stockpile
  const auto& last = w->no_cap.back();
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_DOUBLE_EQ(d.deployed[i], d.share[i] * last[i]);
    EXPECT_DOUBLE_EQ(d.capped[i], std::min(d.deployed[i], 1550.0));
    EXPECT_DOUBLE_EQ(d.moved[i], d.deployed[i] - d.capped[i]);
  }
  EXPECT_NE(d.label.find("counterfactual"), std::string::npos);
  bool recorded = false;
  for (const auto& ds : r.datasets) recorded = recorded || ds.role == "series:deployed_strategic";
  EXPECT_TRUE(recorded);
  // The verdict follows the rule on all four checks (docs/scenario.md): stable, beats no change
  // out of sample, and the backtest's Richardson rel. MAE below 1 (here 1.01 on the built-in data).
  const ArmsraceAnswer& x = *q3->armsrace;
  EXPECT_EQ(q3->verdict == Verdict::kForecastUsable,
            x.stable && x.holdout_mape < x.naive_mape && x.richardson_rel_mae < 1);
  EXPECT_EQ(w->backtest_rel_mae, x.richardson_rel_mae);
  // The backtest's track record is carried, with no change at 1 at every horizon.
  ASSERT_FALSE(q3->armsrace->track.empty());
  for (const auto& t : q3->armsrace->track)
    if (t.model == "nochange") EXPECT_DOUBLE_EQ(t.rel_mae, 1.0);
}

}  // namespace
}  // namespace geobalance::scenario
