// The default-actor analysis on the built-in data (item 6 of issue 5): structure and invariants,
// not printed numbers.
#include "geobalance/armsrace/outlook.h"

#include <cmath>

#include "geobalance/armsrace/series_file.h"
#include "test_util.h"

namespace geobalance::armsrace {
namespace {

TEST(Outlook, FitsBothRacesAndForecastsTo2035WithAndWithoutACap) {
  OutlookOptions o;
  o.bootstrap_replicates = 99;
  Series milex = read_series_csv(testing::source_dir() + "/data/" + kBuiltinMilexFile, {"USA", "RUS", "CHN"}, 1995, 0);
  Series war = read_series_csv(testing::source_dir() + "/data/" + kBuiltinWarheadsFile, {"USA", "RUS"}, 1995, 0);
  Outlook out = default_actor_analysis(milex, war, o);
  for (const RaceOutlook* r : {&out.milex, &out.warheads}) {
    SCOPED_TRACE(r->name);
    const std::size_t n = r->data.actors.size();
    EXPECT_EQ(r->fit.first_year, 1995);
    EXPECT_EQ(r->fit.equations.size(), n);
    EXPECT_EQ(r->holdout.fit.last_year, 2015);
    EXPECT_EQ(r->holdout.years.front(), 2016);
    EXPECT_TRUE(std::isfinite(r->holdout.mape_overall));
    EXPECT_FALSE(r->stability.verdict.empty());
    ASSERT_EQ(r->no_cap.termination, Termination::kCompleted);
    EXPECT_EQ(r->no_cap.times.back(), 2035);
    EXPECT_EQ(r->with_cap.times.back(), 2035);
    // Both start from the last observation; the capped run never exceeds the cap once it binds
    // (2027 is the first grid year after 5 February 2026). Warheads: no treaty limited total
    // stockpiles, so the total has no cap and its "with cap" run is the no-cap run.
    EXPECT_EQ(r->no_cap.values.front(), r->data.values.back());
    for (std::size_t k = 0; k < r->with_cap.times.size(); ++k)
      for (std::size_t i = 0; i < n; ++i) {
        if (r->with_cap.times[k] >= 2027) EXPECT_LE(r->with_cap.values[k][i], r->data.values.back()[i]);
        if (r->with_cap.times[k] < 2027 || r == &out.warheads)
          EXPECT_EQ(r->with_cap.values[k][i], r->no_cap.values[k][i]);
      }
    EXPECT_EQ(r->caps.size(), r == &out.milex ? n : 0u);
    EXPECT_EQ(r->no_cap_band.times.size(), r->no_cap.times.size());
  }
  EXPECT_EQ(out.milex.data.years.back(), 2024);
  EXPECT_EQ(out.warheads.data.years.back(), 2023);
  EXPECT_FALSE(out.warheads.deployed_cap);  // no deployed data given: no warhead cap scenario
}

// With the built-in deployed strategic warheads the warhead race's cap is the New START-like
// limit on them: shares from 2023 (FAS via OWID, ../shared/data/FACTS.md section 5: USA 1,670
// deployed of 3,708, RUS 1,674 of 4,489), 1,550 per side from 2027 on the yearly grid.
TEST(Outlook, WarheadCapActsOnDeployedStrategicWarheads) {
  OutlookOptions o;
  o.bootstrap_replicates = 49;
  const Series milex = read_series_csv(testing::source_dir() + "/data/" + kBuiltinMilexFile, {"USA", "RUS", "CHN"}, 1995, 0);
  const Series war = read_series_csv(testing::source_dir() + "/data/" + kBuiltinWarheadsFile, {"USA", "RUS"}, 1995, 0);
  const Series dep = read_deployed_strategic(testing::source_dir() + "/data/" + kBuiltinDeployedFile, {"USA", "RUS"});
  Outlook out = default_actor_analysis(milex, war, o, &dep);
  ASSERT_TRUE(out.warheads.deployed_cap);
  const DeployedCap& d = *out.warheads.deployed_cap;
  EXPECT_EQ(d.share_year, 2023);
  EXPECT_DOUBLE_EQ(d.share[0], 1670.0 / 3708.0);
  EXPECT_DOUBLE_EQ(d.share[1], 1674.0 / 4489.0);
  EXPECT_EQ(d.limit, 1550);
  ASSERT_EQ(d.times, out.warheads.no_cap.times);
  for (std::size_t k = 0; k < d.times.size(); ++k)
    for (std::size_t i = 0; i < 2; ++i) {
      const double x = d.share[i] * out.warheads.no_cap.values[k][i];
      EXPECT_DOUBLE_EQ(d.deployed[k][i], x);
      EXPECT_DOUBLE_EQ(d.capped[k][i], d.times[k] >= 2027 ? std::min(x, 1550.0) : x);
      EXPECT_DOUBLE_EQ(d.above[k][i], d.deployed[k][i] - d.capped[k][i]);
    }
  EXPECT_FALSE(out.milex.deployed_cap);
  o.deployed_limit = -1;
  EXPECT_THROW_MSG(default_actor_analysis(milex, war, o, &dep), InputError,
                   "OutlookOptions: deployed_limit is -1, but must be finite and > 0");
}

TEST(Outlook, RejectsBadOptions) {
  const Series milex = read_series_csv(testing::source_dir() + "/data/" + kBuiltinMilexFile, {"USA", "RUS", "CHN"}, 1995, 0);
  const Series war = read_series_csv(testing::source_dir() + "/data/" + kBuiltinWarheadsFile, {"USA", "RUS"}, 1995, 0);
  OutlookOptions o;
  o.cap_fraction = 0;
  EXPECT_THROW_MSG(default_actor_analysis(milex, war, o), InputError, "OutlookOptions: cap_fraction is 0, but must be finite and > 0");
  o = OutlookOptions{};
  o.holdout_last_fit_year = 1990;
  EXPECT_THROW_MSG(default_actor_analysis(milex, war, o), InputError, "OutlookOptions: holdout_last_fit_year is 1990, but must be > fit_from (1995)");
}

}  // namespace
}  // namespace geobalance::armsrace
