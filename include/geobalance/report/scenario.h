// The words of a scenario run: every sentence geobalance writes about a ScenarioResult, the
// brief document (report/brief.h's contract), the CSV tables and the summary printed by
// `geobalance run`. Each sentence follows from the result's numbers and verdicts by the rules
// in docs/scenario.md ("Answers"); the models never write prose.
#ifndef GEOBALANCE_REPORT_SCENARIO_H_
#define GEOBALANCE_REPORT_SCENARIO_H_

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/report/table.h"
#include "geobalance/scenario/result.h"

namespace geobalance::report {

/// One answer as one line of prose.
std::string answer_sentence(const scenario::Answer& a, const scenario::ScenarioResult& r);

/// "id  sentence" per answer, one per line (what `geobalance run` prints).
std::string scenario_summary(const scenario::ScenarioResult& r);

/// The brief document rendered by render_brief_html().
nlohmann::json scenario_brief(const scenario::ScenarioResult& r);

/// The CSV tables by file stem (written to DIR/tables/<stem>.csv): power_balance, answers,
/// bargaining_<issue>, ensemble.
std::vector<std::pair<std::string, Table>> scenario_tables(const scenario::ScenarioResult& r);

}  // namespace geobalance::report

#endif  // GEOBALANCE_REPORT_SCENARIO_H_
