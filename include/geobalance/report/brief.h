// The HTML brief: one self-contained HTML page (inline CSS and SVG, no scripts, no network
// fetches) rendered from a scenario run's results document. The renderer only reads the
// JSON; it knows nothing about the models that produced it. The document's contract is
// described in docs/report.md; in short:
//
//   { "title", "subtitle"?, "generated", "provenance": {key: string|number},
//     "answers":  [ {"id", "question", "answer", "value"?, "interval"?, "unit"?,
//                    "interval_label"?} ],
//     "sections": [ {"id", "title", "text"?, "charts": [CHART...], "notes"?} ] }
//
// where CHART is a "line", "bar", "table" or "heatmap" object. Keys other than these are
// allowed only at the top level (the results document may carry raw results too).
#ifndef GEOBALANCE_REPORT_BRIEF_H_
#define GEOBALANCE_REPORT_BRIEF_H_

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace geobalance::report {

/// Checks `results` against the brief contract without rendering. Throws InputError whose
/// message names the JSON pointer and what was expected, e.g.
/// `results JSON at "/sections/0/charts/1/type": found "pie", expected one of "line",
/// "bar", "table", "heatmap"`.
void validate_brief_json(const nlohmann::json& results);

/// Renders the brief as one HTML document (UTF-8). Validates first (see above); never
/// writes files. Each chart is an `<svg class="chart" data-chart-id="ID">` (a "table" chart
/// is a `<table class="chart-table" data-chart-id="ID">`), and each drawn series carries
/// `data-series="NAME"`.
std::string render_brief_html(const nlohmann::json& results);

}  // namespace geobalance::report

#endif  // GEOBALANCE_REPORT_BRIEF_H_
