// The scenario's context (issue 15, item 5): reading [[context.conflict]] and
// [[context.rivalry]], and building the ContextSection (include/geobalance/scenario/context.h)
// from the World cut at the information date.
#ifndef GEOBALANCE_SRC_SCENARIO_CONTEXT_DETAIL_H_
#define GEOBALANCE_SRC_SCENARIO_CONTEXT_DETAIL_H_

#include <nlohmann/json.hpp>

#include "geobalance/power/builtin_data.h"
#include "geobalance/scenario/context.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"
#include "scenario/toml_reader.h"

namespace geobalance::scenario::detail {

/// Reads the top-level [context] table (after [data] and [horizon]): each
/// [[context.conflict]] has `label` (string), `sides` (two states) and/or `conflict_id`
/// (UCDP id > 0), optional `from`/`to` (years, default the history years); each
/// [[context.rivalry]] has `label` and `states` (two). A conflict entry needs [data]
/// conflicts, a rivalry entry [data] rivalries: when the key is missing the error names it;
/// an "optional:" key whose file is absent is allowed (the section says so).
void read_context(TableReader& top, Scenario& s, const power::BuiltinData& builtin);

/// The context as known at the information date: `world` is cut at history_to (no
/// conflict-year after it; rivalries that had not started are absent and later ends unknown).
ContextSection build_context(const Scenario& s, const World& world);

nlohmann::ordered_json context_json(const ContextSection& c);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_CONTEXT_DETAIL_H_
