// The scenario's inputs once loaded: built-in tables, the capability panel with shocks
// applied, coalitions, bargaining issues with shocks applied, ideal points and the current
// alliance portfolio; and the per-replicate perturbation of them.
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

namespace geobalance::scenario::detail {

/// Current-year valued alliance ties among the built-in states (Häge coding 0-3).
struct Portfolio {
  std::vector<int> ccodes;                 ///< the system, ascending
  std::vector<std::vector<int>> tie;       ///< tie[i][j], symmetric, tie[i][i] = 3
  int index(int ccode) const;
};

struct Inputs {
  power::BuiltinData builtin;
  power::Panel panel;  ///< shocks applied
  power::CompositeOptions weights;
  std::vector<power::CoalitionSpec> coalitions;
  power::CoalitionContext ctx;
  std::vector<bargaining::Issue> issues;  ///< one per scenario issue, shocks applied
  std::vector<IdealPoint> idealpoints;
  Portfolio portfolio;  ///< ties as of the scenario date, tie shocks applied
  std::vector<std::string> notes;  ///< what was used or skipped, for provenance
};

/// Loads everything and applies the shocks (capability effects from the shock's year on,
/// position effects to the issue inputs, tie effects to the current portfolio).
Inputs load_inputs(const Scenario& s);

/// Draws the scenario's declared uncertainties for one replicate and applies them to copies
/// of the inputs. Game parameters drawn are added to `game_offsets` by name.
void perturb(const Scenario& s, const Inputs& base, Rng& rng, power::Panel& panel,
             std::vector<bargaining::Issue>& issues, std::map<std::string, double>& game_offsets);

/// Loads data/alignment/ties_2026.csv-style tables into a portfolio over `ccodes` as of a date.
Portfolio load_portfolio(const std::string& path, const power::BuiltinData& builtin, const Date& as_of);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_INPUTS_H_
