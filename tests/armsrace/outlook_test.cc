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
    // (2027 is the first grid year after 5 February 2026).
    EXPECT_EQ(r->no_cap.values.front(), r->data.values.back());
    for (std::size_t k = 0; k < r->with_cap.times.size(); ++k)
      for (std::size_t i = 0; i < n; ++i) {
        if (r->with_cap.times[k] >= 2027) EXPECT_LE(r->with_cap.values[k][i], r->data.values.back()[i]);
        if (r->with_cap.times[k] < 2027) EXPECT_EQ(r->with_cap.values[k][i], r->no_cap.values[k][i]);
      }
    EXPECT_EQ(r->caps.size(), n);
    EXPECT_EQ(r->no_cap_band.times.size(), r->no_cap.times.size());
  }
  EXPECT_EQ(out.milex.data.years.back(), 2024);
  EXPECT_EQ(out.warheads.data.years.back(), 2023);
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
