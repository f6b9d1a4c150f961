// Feeds the S-400 crisis game (the rebuilt tree, games/s400_tree.h; and the old template,
// games/s400.h) from a scenario evaluation: the players' capability shares, their current
// alliance similarity and the first BDM round on the issues the games question names, plus the
// scenario's overrides.
#ifndef GEOBALANCE_SRC_SCENARIO_GAME_BRIDGE_H_
#define GEOBALANCE_SRC_SCENARIO_GAME_BRIDGE_H_

#include <map>
#include <string>
#include <vector>

#include "geobalance/bargaining/issue.h"
#include "geobalance/error.h"
#include "geobalance/games/s400_tree.h"
#include "geobalance/scenario/result.h"
#include "geobalance/scenario/scenario.h"
#include "scenario/inputs.h"

namespace geobalance::scenario::detail {

struct GameFeed {
  int year = 0;
  GamePlayers players;
  /// Composite capability shares (last history year) of the three players; NaN when absent.
  double cap_turkiye = 0, cap_us = 0, cap_russia = 0;
  /// S of the current portfolio: turkiye-us and turkiye-russia (NaN when absent).
  double s_turkiye_us = 0, s_turkiye_russia = 0;
  std::string ties_source;
  const bargaining::Issue* activate_issue = nullptr;
  const bargaining::Issue* response_issue = nullptr;
  bool with_sweeps = false;  ///< the baseline adds parameter sweeps for the brief
  std::map<std::string, double> overrides;  ///< S-400 template inputs by name
};

struct GameOutcome {
  std::string outcome;  ///< the equilibrium path(s), sorted, " | "-joined
  ClampLog clamps;      ///< inputs held at the template's bounds ("game.<input>")
  GameSeries detail;    ///< inputs, paths, sweeps (sweeps only with_sweeps)
};

/// The old template (games/s400.h): maps the feed to games::S400Inputs, holding out-of-range
/// values at the template's bounds (logged), applies overrides, and solves for all
/// subgame-perfect equilibria. No longer called by run.cc (issue 14 item 5: the scenario answers
/// with solve_crisis_tree); kept for the template's own tests and comparisons.
GameOutcome solve_crisis_game(const GameFeed& feed);

/// A derived or overridden game input outside its documented range (an InputError naming
/// "game.<key>"), with the numbers the run reports when a replicate hits it.
class GameInputOutOfRange : public InputError {
 public:
  GameInputOutOfRange(std::string key_, double raw_, double lo_, double hi_, std::string what)
      : InputError(SourceLocation{}, "game." + key_, std::move(what)), key(std::move(key_)), raw(raw_), lo(lo_), hi(hi_) {}
  std::string key;
  double raw, lo, hi;
};

/// The rebuilt S-400 game (games/s400_tree.h, issue 14) on the same feed; run.cc answers the
/// games question with it (baseline and every replicate).
struct TreeFeedOutcome {
  games::S400TreeInputs inputs;
  std::map<std::string, std::string> source;              ///< per input key: where it came from
  std::vector<std::string> overrides_not_applicable;      ///< template-only overrides (ignored, listed)
  games::S400TreeResult result;
  std::string modal_path;  ///< of the logit limit (games::modal_path)
  double modal_probability = 0;
};
/// Maps the feed to games::S400TreeInputs with no clamping: a derived or overridden value
/// outside the input's documented range is an InputError naming "game.<key>". lambda and
/// congress_pressure come from a calibration (calibrate_s400_tree) or the defaults.
TreeFeedOutcome solve_crisis_tree(const GameFeed& feed, double lambda, double congress_pressure);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_GAME_BRIDGE_H_
