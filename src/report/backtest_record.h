// The arms-race parts of the brief that live outside scenario_text.cc (docs/scenario.md):
// the "Track record: forecasts scored by backtest" section (issue 13, item 4), the panel of
// deployed strategic warheads under the counterfactual limit (issue 13, item 3), the faint
// illustration of a forecast that is not credible (issue 12, item 5) and the rule that says
// which forecasts are credible. Internal to the report module.
#ifndef GEOBALANCE_SRC_REPORT_BACKTEST_RECORD_H_
#define GEOBALANCE_SRC_REPORT_BACKTEST_RECORD_H_

#include <string>

#include <nlohmann/json.hpp>

#include "geobalance/scenario/result.h"

namespace geobalance::report::detail {

/// The fitted race's forecast is credible when the system is stable, beats no change out of
/// sample (holdout MAPE), never goes below zero, and the backtest's Richardson rel. MAE is
/// below 1 (when the backtest ran). `negative` (optional) says whether it went below zero.
bool race_forecast_credible(const scenario::RaceSeries& x, bool* negative = nullptr);

/// "not credible: rel. MAE 1.01 vs no change" (or the reason when the backtest did not run).
std::string noncredible_label(const scenario::RaceSeries& x);

/// Appends to the arms-race section, per race: the deployed strategic warheads with and
/// without the counterfactual limit (when the race has them), and, when the scenario says
/// show_noncredible = "faint", a separate panel with the non-credible forecast alone (its
/// own axis, low opacity, labelled).
void add_race_panels(nlohmann::json& section, const scenario::ScenarioResult& r);

/// The section {"id": "backtest", "title": "Track record: forecasts scored by backtest"}: per
/// arms-race answer with a track record, each model's pooled rel. MAE by horizon (no change
/// at 1) and a table of rel. MAE and CRPS; null when no answer has one.
nlohmann::json backtest_section(const scenario::ScenarioResult& r);

/// The answer's clause on the counterfactual deployed limit at forecast_to.
std::string deployed_cap_clause(const scenario::DeployedCapAnswer& d, int forecast_to);

}  // namespace geobalance::report::detail

#endif  // GEOBALANCE_SRC_REPORT_BACKTEST_RECORD_H_
