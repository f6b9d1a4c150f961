// The brief's "Context" section (issue 15, item 5): the armed conflicts and strategic
// rivalries a scenario names, as known at its information date, each table with the
// dataset's source line (title, version, file, BibTeX keys from the registry).
#ifndef GEOBALANCE_SRC_REPORT_CONTEXT_SECTION_H_
#define GEOBALANCE_SRC_REPORT_CONTEXT_SECTION_H_

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/scenario/result.h"

namespace geobalance::report {

/// "2014 war, 2015-2016 minor": the years of one conflict grouped into runs of one intensity
/// (1 minor, 2 war; a gap in the years starts a new run).
std::string intensity_runs(const std::vector<std::pair<int, int>>& by_year);

/// The section (brief document schema, report/brief.h); null when the run has no context.
nlohmann::json context_section(const scenario::ScenarioResult& r);

}  // namespace geobalance::report

#endif  // GEOBALANCE_SRC_REPORT_CONTEXT_SECTION_H_
