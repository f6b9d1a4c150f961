// The alignment answer in words and its brief chart (issue 12, item 7), by the rules in
// docs/alignment.md, "The scenario's drift answer": the verdict on the gap's interval, the movement since
// the first year on the change's interval, the ideal points beside the NATO median with their
// intervals and vote counts, and alliance-portfolio S with the system it is computed over.
#ifndef GEOBALANCE_SRC_REPORT_ALIGNMENT_TEXT_H_
#define GEOBALANCE_SRC_REPORT_ALIGNMENT_TEXT_H_

#include <string>

#include <nlohmann/json.hpp>

#include "geobalance/scenario/result.h"

namespace geobalance::report::detail {

std::string alignment_answer_text(const scenario::Answer& a, const scenario::ScenarioResult& r);

/// The drift chart: ideal points of the focal state, its comparators and the NATO median per
/// year with their posterior bands (brief document schema, a "line" chart).
nlohmann::json drift_chart(const scenario::DriftSeries& d, const scenario::ScenarioResult& r, const std::string& id);

}  // namespace geobalance::report::detail

#endif  // GEOBALANCE_SRC_REPORT_ALIGNMENT_TEXT_H_
