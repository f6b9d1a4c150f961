// TEMPORARY: replaced by the games module's S-400 template once it lands.
#include "scenario/game_bridge.h"

namespace geobalance::scenario::detail {

GameOutcome solve_crisis_game(const GameFeed&) {
  GameOutcome g;
  g.outcome = "not computed";
  g.json = {{"status", "not computed"}};
  return g;
}

}  // namespace geobalance::scenario::detail
