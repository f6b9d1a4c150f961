#ifndef GEOBALANCE_SRC_SCENARIO_BRIEF_DOC_H_
#define GEOBALANCE_SRC_SCENARIO_BRIEF_DOC_H_

#include <nlohmann/json.hpp>

#include "geobalance/scenario/run.h"

namespace geobalance::scenario::detail {

/// The HTML brief's document (report/brief.h contract) built from a run's results.
nlohmann::ordered_json brief_document(const Scenario& s, const ScenarioResult& r, const std::vector<int>& years);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_BRIEF_DOC_H_
