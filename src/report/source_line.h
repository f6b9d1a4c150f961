// Internal: the source line under a brief section ("every figure names its sources", issue 12
// item 8), shared by every section builder of the report module.
#ifndef GEOBALANCE_SRC_REPORT_SOURCE_LINE_H_
#define GEOBALANCE_SRC_REPORT_SOURCE_LINE_H_

#include <functional>
#include <string>
#include <string_view>

#include "geobalance/scenario/result.h"

namespace geobalance::report::detail {

/// "Source: <title>, version <v> (<file>) [bibtex keys]; ..." for the run's datasets whose
/// World role `uses` accepts, in the run's order (a file the registry does not list: its file
/// name only); "" when none is used.
std::string source_line(const scenario::ScenarioResult& r, const std::function<bool(std::string_view role)>& uses);

}  // namespace geobalance::report::detail

#endif  // GEOBALANCE_SRC_REPORT_SOURCE_LINE_H_
