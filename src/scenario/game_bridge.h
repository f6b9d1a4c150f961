// Feeds the S-400 crisis game (games module) from a scenario evaluation: capability shares,
// current alliance similarity and the bargaining forecasts, plus the scenario's overrides.
#ifndef GEOBALANCE_SRC_SCENARIO_GAME_BRIDGE_H_
#define GEOBALANCE_SRC_SCENARIO_GAME_BRIDGE_H_

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "geobalance/bargaining/issue.h"
#include "scenario/similarity_bridge.h"

namespace geobalance::scenario::detail {

struct GameFeed {
  int year = 0;
  std::map<std::string, double> capability;      ///< COW abb -> composite share (last history year)
  std::map<std::string, double> issue_forecast;  ///< issue id -> forecast on its scale
  /// The (perturbed) issues by scenario id; the game reads "s400" and "us_response".
  std::map<std::string, const bargaining::Issue*> issues;
  bool with_sweeps = false;  ///< the baseline adds parameter sweeps for the brief
  CurrentSimilarity similarity;
  std::map<std::string, double> overrides;       ///< S-400 template inputs by name
};

struct GameOutcome {
  std::string outcome;          ///< the equilibrium path in words, e.g. "TUR keep unactivated / USA targeted"
  nlohmann::ordered_json json;  ///< inputs, equilibria, sweep; may carry "charts" and "text" for the brief
};

/// Maps the feed to games::S400Inputs (documented in docs/scenario.md), applies overrides,
/// and solves for all subgame-perfect equilibria.
GameOutcome solve_crisis_game(const GameFeed& feed);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_GAME_BRIDGE_H_
