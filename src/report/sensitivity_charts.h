// The brief's sensitivity charts (issue 12, item 6), as chart JSON for scenario_brief():
// the power ratio by index (single indicators, CINC, the scenario's weights with its
// interval) and one tornado per bargaining answer. Internal to the report module.
#ifndef GEOBALANCE_SRC_REPORT_SENSITIVITY_CHARTS_H_
#define GEOBALANCE_SRC_REPORT_SENSITIVITY_CHARTS_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/scenario/result.h"

namespace geobalance::report::detail {

/// "CINC (NMC 7.0, 2022, the last year it covers)", "CINC (NMC 7.0, 2024)", or
/// "CINC (not available: no NMC file in the scenario)".
std::string cinc_label(const scenario::PowerAnswer& p);

/// A "tornado" chart with parity (1) as the reference: the scenario's weights (baseline run,
/// whiskers = the answer's interval), CINC where available, then each indicator alone.
nlohmann::json power_index_chart(const scenario::Answer& a, const scenario::ScenarioResult& r);

/// Each bargaining answer's tornado chart (the first `max_rows` bars, largest effect first)
/// and one note per chart saying what was moved, by how much and where each spread comes from.
void add_tornado_charts(const scenario::ScenarioResult& r, nlohmann::json& charts, std::vector<std::string>& notes,
                        std::size_t max_rows = 16);

/// "TUR position ±5", "TUR capability ×/÷1.5", "TUR dropped".
std::string tornado_row_label(const scenario::TornadoBar& b);

}  // namespace geobalance::report::detail

#endif  // GEOBALANCE_SRC_REPORT_SENSITIVITY_CHARTS_H_
