// The capability table's nowcast cells in a scenario (issue 15, item 2): the declaration
// [[uncertainty]] target = "nowcasts" (distribution "lognormal", a rationale required), one
// replicate's draw of those cells, and the record and caveat that results.json carries
// whether or not the scenario draws them (docs/scenario.md, "Nowcasts").
#ifndef GEOBALANCE_SRC_SCENARIO_NOWCASTS_H_
#define GEOBALANCE_SRC_SCENARIO_NOWCASTS_H_

#include "geobalance/core/random.h"
#include "geobalance/core/records.h"
#include "geobalance/power/composite.h"
#include "geobalance/scenario/result.h"
#include "geobalance/scenario/scenario.h"
#include "scenario/toml_reader.h"

namespace geobalance::scenario::detail {

/// True for the target of the nowcast declaration.
inline bool is_nowcasts_target(const std::string& target) { return target == "nowcasts"; }

/// Reads the rest of a [[uncertainty]] whose target is "nowcasts": distribution must be
/// "lognormal" (the spread comes from each row's sd column, so sd, low, mode and high are
/// refused as unknown keys) and rationale a non-empty string.
void read_nowcasts_uncertainty(TableReader& r, Uncertainty& u);
/// At most one nowcasts declaration: a second is an InputError at its [[uncertainty]].
void check_one_nowcasts(const std::vector<Uncertainty>& us);

/// One replicate's draw: every cell of `reference` (the cut World's capability table) with a
/// finite sd > 0 and a value > 0 multiplies the same cell of `panel` (the table with the
/// shocks applied, same rows) by power::nowcast_factor(sd / value): with no shock on the cell
/// the drawn value is lognormal with the row's value as mean and its sd as sd. One normal
/// draw per such cell, in row then indicator order.
void draw_nowcast_cells(const power::Panel& reference, Rng& rng, power::Panel& panel);

/// The run's nowcast record (declared or not, cells, those held at their point value) and
/// the caveat every answer that uses the capability table carries when there are cells.
NowcastRecord describe_nowcasts(const Scenario& s, const power::Panel& reference);
std::string nowcast_caveat(const NowcastRecord& n);

nlohmann::ordered_json nowcasts_json(const NowcastRecord& n);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_NOWCASTS_H_
