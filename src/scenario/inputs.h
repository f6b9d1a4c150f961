// The scenario's inputs prepared from the (cut) World: the capability panel with shocks
// applied, coalitions, bargaining issues with shocks applied and the current alliance
// portfolio with tie shocks applied; and the per-replicate perturbation of them.
#ifndef GEOBALANCE_SRC_SCENARIO_INPUTS_H_
#define GEOBALANCE_SRC_SCENARIO_INPUTS_H_

#include <map>
#include <string>
#include <vector>

#include "geobalance/bargaining/issue.h"
#include "geobalance/core/random.h"
#include "geobalance/core/records.h"
#include "geobalance/power/balance.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"

namespace geobalance::scenario::detail {

/// Current valued alliance ties among the built-in states (Häge coding 0-3).
struct Portfolio {
  std::vector<int> ccodes;                 ///< the system, ascending
  std::vector<std::vector<int>> tie;       ///< tie[i][j], symmetric, tie[i][i] = 3
  int index(int ccode) const;
};

/// Inputs held at a documented bound in one evaluation: input name -> the bound (text) and
/// the most extreme raw value seen. Every hold is reported as a caveat (docs/scenario.md,
/// "Bounds and caveats"); nothing is clipped without an entry here.
struct ClampHit {
  std::string bound;
  double raw_min = 0, raw_max = 0;
};
using ClampLog = std::map<std::string, ClampHit>;
/// x held in [lo, hi]; a value outside is logged under `input` (log may be null: not logged).
double hold(ClampLog* log, const std::string& input, double x, double lo, double hi, const std::string& bound);

struct Inputs {
  const World* world = nullptr;  ///< the cut World (outlives the Inputs)
  const power::BuiltinData* builtin = nullptr;
  power::Panel panel;  ///< shocks applied
  power::CompositeOptions weights;
  std::vector<power::CoalitionSpec> coalitions;
  power::CoalitionContext ctx;
  std::vector<bargaining::Issue> issues;  ///< one per scenario issue, shocks applied
  Portfolio portfolio;  ///< ties as of the scenario date, tie shocks applied (empty without ties)
  std::vector<std::string> notes;  ///< what was used or skipped, for provenance
  ClampLog clamps;  ///< shock effects held at a bound (they hold in every run)
};

/// Prepares the inputs from a cut World and applies the shocks (capability effects from the
/// shock's year on, position effects to the issue inputs, tie effects to the current portfolio).
Inputs prepare_inputs(const Scenario& s, const World& world);

/// Draws the scenario's declared uncertainties for one replicate and applies them to copies
/// of the inputs. Game parameters drawn are added to `game_offsets` by name.
void perturb(const Scenario& s, const Inputs& base, Rng& rng, power::Panel& panel,
             std::vector<bargaining::Issue>& issues, std::map<std::string, double>& game_offsets,
             ClampLog* clamps = nullptr);

/// The portfolio over the built-in states (less `excludes`) from the ties rows in force on
/// `as_of` (NATO rows: NATO's members on that date).
Portfolio build_portfolio(const std::vector<TieRow>& ties, const power::BuiltinData& builtin, const Date& as_of,
                          const std::vector<int>& excludes);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_INPUTS_H_
