// The scenario's prose (report/scenario.h) follows the documented rules of docs/scenario.md
// ("Answers and verdicts"), on both sides of each rule, from hand-built typed results.
#include "geobalance/report/scenario.h"

#include <cmath>

#include "test_util.h"

namespace geobalance::report {
namespace {

using scenario::Answer;
using scenario::ScenarioResult;
using scenario::Verdict;
using ::testing::HasSubstr;

ScenarioResult names() {
  ScenarioResult r;
  r.state_names = {{"USA", "United States"}, {"RUS", "Russia"}, {"POL", "Poland"}};
  r.interval_level = 0.9;
  return r;
}

TEST(ScenarioText, PowerSaysUpOrDownAndNamesTheSingleState) {
  auto r = names();
  Answer a;
  a.value = 1.2, a.low = 1.1, a.high = 1.3;
  a.power = scenario::PowerAnswer{"NATO", "RUS+BLR", 2000, 2024, 1.5, "RUS", 6.0};
  a.verdict = Verdict::kRatioDown;
  EXPECT_EQ(answer_sentence(a, r),
            "NATO holds 1.2x the capability of RUS+BLR in 2024 [1.1-1.3], down from 1.5x in 2000; against Russia alone "
            "it would be 6x");
  a.verdict = Verdict::kRatioUp;
  a.power->single_state.clear();
  EXPECT_EQ(answer_sentence(a, r), "NATO holds 1.2x the capability of RUS+BLR in 2024 [1.1-1.3], up from 1.5x in 2000");
}

TEST(ScenarioText, AlignmentNamesTheCloserComparatorInVotesAndAlliances) {
  auto r = names();
  Answer a;
  a.alignment = scenario::AlignmentAnswer{"POL", "USA", "RUS", 2000, 2024, 0.9, 1.8, -0.5, 0.9, 0.8, -0.4};
  a.verdict = Verdict::kCloserToFirst;
  auto s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("in UN votes POL stood closer to United States in 2024"));
  EXPECT_THAT(s, HasSubstr("in alliances it stands closer to United States (portfolio S to USA 0.8 vs RUS -0.4)"));
  a.verdict = Verdict::kCloserToSecond;
  a.alignment->s_first = -0.4, a.alignment->s_second = 0.8;
  s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("stood closer to Russia"));
  EXPECT_THAT(s, HasSubstr("in alliances it stands closer to Russia"));
  a.alignment->s_first = 0.5, a.alignment->s_second = 0.5;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("in alliances it is equally close to both"));
}

TEST(ScenarioText, ReactionIsMeasurableOnlyWhenItsIntervalExcludesZero) {
  auto r = names();
  Answer a;
  scenario::ArmsraceAnswer x;
  x.actors = 2;
  x.regime = "saddle";
  x.holdout_mape = 40, x.naive_mape = 10;
  x.reaction = scenario::Coefficient{"k[RUS,USA]", 0.1, -0.02, 0.3};
  a.armsrace = x;
  a.verdict = Verdict::kForecastNotUsable;
  auto s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("no measurable reaction of RUS to USA: k[RUS,USA] = 0.1 [-0.02, 0.3]"));
  EXPECT_THAT(s, HasSubstr("so its forecasts are not used"));
  a.armsrace->reaction->low = 0.01;  // the interval [0.01, 0.3] excludes 0
  a.verdict = Verdict::kForecastUsable;
  s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("a measurable reaction of RUS to USA"));
  EXPECT_THAT(s, HasSubstr("so its forecasts are usable"));
}

TEST(ScenarioText, CapSentenceStatesTheCapAndThePercentile) {
  auto r = names();  // level 0.9: the band's upper end is the 95th percentile
  Answer a;
  scenario::ArmsraceAnswer x;
  x.regime = "stable equilibrium";
  x.forecast_to = 2035;
  x.total_no_cap = 100, x.total_low = 90, x.total_high = 120, x.total_cap_high = 105, x.total_last_observed = 95;
  a.armsrace = x;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("a freeze at the last observed total (95) cuts the 95th percentile from "
                                               "120 to 105 (15 fewer)"));
  a.armsrace->cap_fraction = 0.5;
  r.interval_level = 0.8;  // upper end: 90th percentile
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("a cap at 0.5x the last observed total (95) cuts the 90th percentile"));
}

}  // namespace
}  // namespace geobalance::report
