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
using ::testing::Not;

ScenarioResult names() {
  ScenarioResult r;
  r.state_names = {{"USA", "United States"}, {"RUS", "Russia"}, {"POL", "Poland"}};
  r.interval_level = 0.9;
  return r;
}

TEST(ScenarioText, PowerSaysUpOrDownAndNamesTheSingleState) {
  auto r = names();
  Answer a;
  a.value = 1.2, a.low = 1.1, a.high = 1.3, a.baseline = 1.21;
  a.power = scenario::PowerAnswer{"NATO", "RUS+BLR", 2000, 2024, 1.5, "RUS", 6.0};
  a.verdict = Verdict::kRatioDown;
  EXPECT_EQ(answer_sentence(a, r),
            "NATO holds 1.2x the capability of RUS+BLR in 2024 (ensemble median; 90% interval 1.1-1.3; baseline run "
            "1.21), down from 1.5x in 2000; against Russia alone it would be 6x");
  a.verdict = Verdict::kRatioUp;
  a.power->single_state.clear();
  EXPECT_EQ(answer_sentence(a, r),
            "NATO holds 1.2x the capability of RUS+BLR in 2024 (ensemble median; 90% interval 1.1-1.3; baseline run "
            "1.21), up from 1.5x in 2000");
  a.verdict = Verdict::kRatioSteady;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("no measurable change from 1.5x in 2000"));
  EXPECT_THAT(answer_sentence(a, r), Not(HasSubstr("by one indicator alone")));
  a.power->by_indicator = {{"milex", 3.114}, {"tpop", 0.6129}};
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("in 2000; by one indicator alone: milex 3.11, tpop 0.613"));
}

// The power verdict's rule, on each side of both ends of the interval [1.1, 1.3].
TEST(ScenarioVerdict, PowerChangesOnlyWhenTheFirstYearLiesOutsideTheInterval) {
  EXPECT_EQ(scenario::power_verdict(1.09, 1.1, 1.3), Verdict::kRatioUp);
  EXPECT_EQ(scenario::power_verdict(1.1, 1.1, 1.3), Verdict::kRatioSteady);
  EXPECT_EQ(scenario::power_verdict(1.3, 1.1, 1.3), Verdict::kRatioSteady);
  EXPECT_EQ(scenario::power_verdict(1.31, 1.1, 1.3), Verdict::kRatioDown);
  EXPECT_EQ(scenario::power_verdict(std::nan(""), 1.1, 1.3), Verdict::kRatioSteady);
}

// Wilson (1927) score interval, by hand: centre (p + z^2/2n) / (1 + z^2/n), half-width
// z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2).
TEST(ScenarioVerdict, WilsonIntervalMatchesHandComputation) {
  // 0 of 200 at 90%: z = 1.6448536, z^2 = 2.7055434; low 0, high = (z^2/n) / (1 + z^2/n)
  // = 0.0135277 / 1.0135277 = 0.0133472 (not "P = 0").
  auto p = scenario::wilson(0, 200, 0.9);
  EXPECT_EQ(p.k, 0);
  EXPECT_EQ(p.n, 200);
  EXPECT_NEAR(p.low, 0.0, 1e-12);
  EXPECT_NEAR(p.high, 0.0133472, 1e-6);
  // 5 of 10 at 95%: z = 1.959964, the textbook [0.2366, 0.7634].
  p = scenario::wilson(5, 10, 0.95);
  EXPECT_NEAR(p.low, 0.2366, 1e-4);
  EXPECT_NEAR(p.high, 0.7634, 1e-4);
  // 200 of 200 mirrors 0 of 200.
  p = scenario::wilson(200, 200, 0.9);
  EXPECT_NEAR(p.low, 1 - 0.0133472, 1e-6);
  EXPECT_NEAR(p.high, 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(scenario::wilson(0, 0, 0.9).low));
}

TEST(ScenarioText, ProbabilitiesAreKOfNWithAWilsonInterval) {
  auto r = names();
  Answer a;
  a.value = 47.5, a.low = 40, a.high = 52, a.baseline = 43.9;
  scenario::BargainingAnswer b;
  b.title = "US response", b.model = "smp", b.scale_min = 0, b.scale_max = 100, b.low_label = "tolerate",
  b.high_label = "sanction", b.threshold = 50;
  b.above = scenario::wilson(0, 200, 0.9);
  a.bargaining = b;
  EXPECT_EQ(answer_sentence(a, r),
            "SMP forecast 47.5 on US response (ensemble median; 90% interval 40-52; baseline run 43.9), on a scale from "
            "0 (tolerate) to 100 (sanction); above 50 in 0 of 200 replicates (90% Wilson interval 0-1.33%)");
}

// Rule: the models agree when each median lies inside the other's interval; the answer's
// interval spans both models' intervals either way.
TEST(ScenarioText, BothModelsAreShownAndTheirAgreementFollowsTheRule) {
  auto r = names();
  Answer a;
  a.value = 43.9, a.low = 38, a.high = 61, a.baseline = 43.9;
  scenario::BargainingAnswer b;
  b.title = "US response", b.model = "smp", b.scale_min = 0, b.scale_max = 100, b.low_label = "none",
  b.high_label = "full", b.threshold = 50;
  b.above = scenario::wilson(10, 100, 0.9);
  b.model_low = 38, b.model_high = 50;
  b.other = scenario::ModelForecast{"bdm", 49, 40, 61, 48};
  a.bargaining = b;
  // 49 lies in SMP's [38, 50] and 43.9 in BDM's [40, 61]: agree.
  auto s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("(ensemble median; 90% interval 38-50; baseline run 43.9)"));
  EXPECT_THAT(s, HasSubstr("; BDM on the same inputs gives 49 (90% interval 40-61); the models agree, so the answer is 38-61"));
  a.bargaining->other->median = 60;  // outside SMP's [38, 50]: disagree
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("the models disagree, so the answer is 38-61"));
  a.bargaining->other->median = 49, a.bargaining->other->low = 44;  // 43.9 outside BDM's [44, 61]
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("the models disagree"));
  a.bargaining->other->median = std::nan("");
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("; BDM does not solve these inputs"));
}

// Three significant digits; from 1,000 up in full with separators (no "7.8e+03").
TEST(ScenarioText, LargeNumbersAreRoundedNotScientific) {
  auto r = names();
  Answer a;
  scenario::ArmsraceAnswer x;
  x.regime = "stable equilibrium";
  x.forecast_to = 2035;
  x.total_no_cap = 7834.2, x.total_low = 6281, x.total_high = 9194.6, x.total_cap_high = 8200, x.total_last_observed = 8200;
  x.total_draws = 499;
  a.value = 7799.6;
  a.armsrace = x;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("the total reaches 7,800 by 2035 (bootstrap median of 499 draws; 90% "
                                               "interval 6,280-9,190; point estimate 7,830)"));
}

// The backtested forecaster is named with its score only when the run chose one.
TEST(ScenarioText, BacktestedForecasterIsShownWithItsScore) {
  auto r = names();
  Answer a;
  scenario::ArmsraceAnswer x;
  x.regime = "stable equilibrium";
  x.forecast_to = 2035;
  x.total_no_cap = 10, x.total_low = 9, x.total_high = 12, x.total_cap_high = 11, x.total_last_observed = 10;
  a.value = 10;
  a.armsrace = x;
  EXPECT_THAT(answer_sentence(a, r), Not(HasSubstr("by backtest")));
  a.armsrace->forecaster = "nochange";
  a.armsrace->forecaster_score = "rel. MAE 1.00, 90% interval held 68% of the time, 2005-2019 origins";
  a.armsrace->forecaster_median = 2270000, a.armsrace->forecaster_low = 1710000, a.armsrace->forecaster_high = 3360000;
  EXPECT_THAT(answer_sentence(a, r),
              HasSubstr("; by backtest the forecaster is nochange (rel. MAE 1.00, 90% interval held 68% of the time, "
                        "2005-2019 origins), its total for 2035 2.27 million (90% interval 1.71 million-3.36 million)"));
}

// The games answer's sentence (docs/scenario.md, "The games answer"), from a hand-built answer.
scenario::GameAnswer game_answer_fixture() {
  scenario::GameAnswer g;
  g.outcome = "Türkiye: Keep stored; United States: Targeted CAATSA; Russia: Stay out";
  g.paths = {{g.outcome, scenario::wilson(143, 200, 0.9)},
             {"Türkiye: Activate and integrate; United States: F-35 exclusion; Russia: Stay out", scenario::wilson(57, 200, 0.9)}};
  g.most_frequent = g.outcome;
  g.holds = g.paths[0].share;
  const char* names[] = {"Tolerate", "F-35 exclusion", "Targeted CAATSA", "F-35 exclusion + targeted CAATSA", "Broad sanctions"};
  const double med[] = {0.1, 0.62, 0.2, 0.0799999, 1e-36};
  for (int k = 0; k < 5; ++k) g.us_responses.push_back({names[k], med[k], med[k], med[k] * 0.9, med[k] * 1.1, scenario::wilson(k == 1 ? 200 : 0, 200, 0.9)});
  g.us_responses[1].low = 0.55, g.us_responses[1].high = 0.7;
  g.any_measure = {"any measure", 0.9, 0.9, 0.85, 0.95, scenario::wilson(200, 200, 0.9)};
  g.calibration_as_of = "2026-11-24";
  g.calibration_cases = {"a", "b", "c", "d", "e", "f"};
  g.calibrated = true;
  g.loo_brier_game = 0.757, g.loo_brier_base = 0.642, g.loo_log_game = 1.525, g.loo_log_base = 1.393;
  g.bargaining_issue = "us_response";
  g.threshold = 50;
  g.bargaining.push_back({"smp", 47.5, 38.9, 58.6, 43.9, scenario::wilson(67, 200, 0.9), "disagree"});
  g.replicates_used = 200;
  return g;
}

TEST(ScenarioText, GameSentenceFromTheNumbers) {
  auto r = names();
  Answer a;
  a.game = game_answer_fixture();
  a.value = 0.9, a.low = 0.283, a.high = 0.95;
  const std::string s = answer_sentence(a, r);
  // Wilson (1927), 143 of 200 at 90% (z = 1.6448536, p = 0.715): centre (p + z²/2n)/(1 + z²/n) =
  // 0.712130, half-width z/(1 + z²/n) sqrt(p(1-p)/n + z²/4n²) = 0.052231: 0.660 to 0.764.
  EXPECT_THAT(s, HasSubstr("in 143 of 200 replicates (90% Wilson interval 0.660 to 0.764) the modal equilibrium path is "
                           "Türkiye: Keep stored; United States: Targeted CAATSA; Russia: Stay out"));
  EXPECT_THAT(s, HasSubstr("(next: Türkiye: Activate and integrate; United States: F-35 exclusion; Russia: Stay out in 57 of 200)"));
  EXPECT_THAT(s, HasSubstr("the calibrated probability that the US answers with F-35 exclusion is 0.620 (90%: 0.550 to 0.700), "
                           "modal in 200 of 200 replicates"));
  EXPECT_THAT(s, HasSubstr("Broad sanctions <0.001"));  // 1e-36 is not printed as an exponent
  // A QRE probability that rounds to exactly 1 or 0 in a double is not printed as certainty.
  a.game->us_responses[0].median = a.game->us_responses[0].low = a.game->us_responses[0].high = 1.0;
  a.game->us_responses[0].modal = scenario::wilson(200, 200, 0.9);
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("answers with Tolerate is >0.999 (90%: >0.999 to >0.999)"));
  a.game->any_measure.median = a.game->any_measure.low = 0.0;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("any US measure (F-35 exclusion, CAATSA or broad): <0.001 (90%: <0.001 to 0.950)"));
  a.game = game_answer_fixture();
  // Rule: Brier 0.757 > 0.642 -> "loses to the base rate".
  EXPECT_THAT(s, HasSubstr("the game loses to the base rate out of sample (leave-one-out Brier 0.757 against 0.642"));
  EXPECT_THAT(s, HasSubstr("SMP on us_response forecasts 47.5 on its scale (90%: 38.9-58.6), above 50 in 67 of 200 replicates"));
  EXPECT_THAT(s, HasSubstr(": it and the game disagree"));
  EXPECT_THAT(s, HasSubstr("so the probability of a US measure is 0.283 to 0.950 across the models"));
  EXPECT_THAT(s, Not(HasSubstr("1 of replicates")));
  EXPECT_THAT(s, Not(HasSubstr("100%")));
  // The other side of the score rule, and agreement.
  a.game->loo_brier_game = 0.5;
  a.game->bargaining[0].agreement = "agree";
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("the game beats the base rate out of sample (leave-one-out Brier 0.5 against 0.642"));
  EXPECT_THAT(answer_sentence(a, r), HasSubstr(": it and the game agree"));
  a.game->loo_brier_game = 0.642;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("ties with the base rate"));
  // Not calibrated: said, no score.
  a.game->calibrated = false;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("uncalibrated (6 reference cases known on 2026-11-24): default parameters"));
  // Inputs held elsewhere are still counted.
  a.clamps.push_back({"issue:us_response position of TUR", "[0, 100]", -12.45, -0.02, false, 111});
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("; 1 input held at a documented bound"));
}

TEST(ScenarioText, GameSectionHasPathsResponsesScoreAndBargaining) {
  auto r = names();
  Answer a;
  a.id = "q5_game";
  a.game = game_answer_fixture();
  r.answers.push_back(a);
  scenario::GameSeries gs;
  gs.players = {{"turkiye", "TUR"}, {"us", "USA"}, {"russia", "RUS"}};
  gs.outcome_frequency = {{a.game->paths[0].path, 143}, {a.game->paths[1].path, 57}};
  r.game = gs;
  auto b = scenario_brief(r);
  nlohmann::json games;
  for (const auto& sec : b["sections"])
    if (sec["id"] == "games") games = sec;
  ASSERT_FALSE(games.is_null());
  std::map<std::string, nlohmann::json> charts;
  for (const auto& c : games["charts"]) charts[c["id"].get<std::string>()] = c;
  ASSERT_TRUE(charts.count("games-outcomes"));
  EXPECT_EQ(charts["games-outcomes"]["series"][0]["values"], nlohmann::json({143, 57}));
  ASSERT_TRUE(charts.count("games-us-responses"));
  EXPECT_EQ(charts["games-us-responses"]["rows"].size(), 6u);  // five responses and "any measure"
  EXPECT_EQ(charts["games-us-responses"]["rows"][1][1], "0.620");
  ASSERT_TRUE(charts.count("games-score"));
  EXPECT_EQ(charts["games-score"]["rows"][0][3], "loses to the base rate");
  ASSERT_TRUE(charts.count("games-vs-bargaining"));
  EXPECT_EQ(charts["games-vs-bargaining"]["rows"][1][4], "disagree");
}

// Rule (docs/alignment.md, "The scenario's drift answer"): "closer" only when the gap's interval excludes
// 0, else "no measurably different distance"; the movement since the first year by the same
// rule on the change's interval; S beside the system it is computed over.
TEST(ScenarioText, AlignmentCallsCloserOnlyWhenTheGapIntervalExcludesZero) {
  auto r = names();
  r.history_to = 2024;
  Answer a;
  scenario::AlignmentAnswer x{"POL", "USA", "RUS", 2000, 2023, 0.9, 1.8, -0.5, 0.9, 0.8, -0.4};
  x.series = "all";
  x.series_last_year = 2023;
  x.change = 1.4, x.change_low = 0.2, x.change_high = 2.5;
  x.movement = Verdict::kCloserToFirst;
  x.portfolio_year = 2012, x.portfolio_states = 195;
  a.alignment = x;
  a.value = 0.9, a.low = 0.05, a.high = 1.7;
  a.verdict = Verdict::kCloserToFirst;
  auto s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("on all UN votes Poland stood closer to United States than to Russia in 2023 "
                           "(gap 0.9, 90% interval 0.05 to 1.7)"));
  EXPECT_THAT(s, HasSubstr("since 2000 it has moved toward United States (change in the gap 1.4; 90% interval 0.2 to 2.5)"));
  EXPECT_THAT(s, HasSubstr("(the series ends in 2023; no other series is spliced on)"));
  EXPECT_THAT(s, HasSubstr("in alliance portfolios (full COW state system in 2012, 195 states) it stands closer to "
                           "United States (S to United States 0.8, to Russia -0.4)"));
  // The same gap with an interval that covers 0: no call.
  a.low = -0.1;
  a.verdict = Verdict::kNoMeasurableDifference;
  a.alignment->movement = Verdict::kNoMeasurableDifference;
  a.alignment->change_low = -0.2;
  s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("Poland stood at no measurably different distance from United States and Russia in 2023 "
                           "(gap 0.9, 90% interval -0.1 to 1.7, which covers 0)"));
  EXPECT_THAT(s, HasSubstr("since 2000 there is no measurable movement"));
  a.verdict = Verdict::kCloserToSecond;
  a.value = -0.9, a.low = -1.7, a.high = -0.05;
  a.alignment->s_first = -0.4, a.alignment->s_second = 0.8;
  a.alignment->portfolio_hand_made = true;
  s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("stood closer to Russia than to United States in 2023"));
  EXPECT_THAT(s, HasSubstr("(hand-made ties table in 2012, 195 states, as the scenario asks) it stands closer to Russia"));
  a.alignment->s_first = 0.5, a.alignment->s_second = 0.5;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("it is equally close to both"));
  a.alignment->s_first = std::nan("");
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("its alliance-portfolio S is unavailable"));
}

// Rule: measurable when the interval excludes 0; "no measurable" only when it covers 0 and
// the fit beats no change out of sample; otherwise "the data cannot tell".
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
  EXPECT_THAT(s, HasSubstr("the data cannot tell whether RUS reacts to USA (the fit does not beat no change): "
                           "k[RUS,USA] = 0.1 (90% interval -0.02 to 0.3)"));
  EXPECT_THAT(s, HasSubstr("so its forecasts are not credible and are not used"));
  // The same interval with a fit that beats no change (9.9% < 10%): no measurable reaction.
  a.armsrace->holdout_mape = 9.9;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("no measurable reaction of RUS to USA: k[RUS,USA]"));
  // At the threshold (10% = 10%) the fit does not beat no change.
  a.armsrace->holdout_mape = 10;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("the data cannot tell whether RUS reacts to USA"));
  a.armsrace->reaction->low = 0.01;  // the interval [0.01, 0.3] excludes 0
  a.verdict = Verdict::kForecastUsable;
  s = answer_sentence(a, r);
  EXPECT_THAT(s, HasSubstr("a measurable reaction of RUS to USA"));
  EXPECT_THAT(s, HasSubstr("so its forecasts are usable"));
  a.armsrace->reaction->low = 0;  // [0, 0.3] covers 0
  EXPECT_THAT(answer_sentence(a, r), Not(HasSubstr("a measurable reaction")));
}

TEST(ScenarioText, TotalBelowZeroIsNotCredible) {
  auto r = names();
  Answer a;
  scenario::ArmsraceAnswer x;
  x.regime = "unstable";
  x.forecast_to = 2035;
  x.total_no_cap = 10, x.total_low = -0.5, x.total_high = 20, x.total_cap_high = 15, x.total_last_observed = 9;
  a.value = 11;
  a.armsrace = x;
  EXPECT_THAT(answer_sentence(a, r), HasSubstr("reaches below zero, which a stockpile or budget cannot"));
  a.armsrace->total_low = 0;
  EXPECT_THAT(answer_sentence(a, r), Not(HasSubstr("below zero")));
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
