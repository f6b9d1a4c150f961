// Text forms of solver results: Gambit's "NE,p1,p2,..." lines and JSON. (Tables are built by
// the CLI from the same SolveResult fields.)
#ifndef GEOBALANCE_GAMES_RENDER_H_
#define GEOBALANCE_GAMES_RENDER_H_

#include <string>

#include <nlohmann/json.hpp>

#include "geobalance/games/equilibrium.h"

namespace geobalance::games {

/// One "NE,..." line per equilibrium, probabilities in layout order (player 1's strategies
/// first; for behaviour profiles player 1's infosets by number first), exact rationals as
/// "p/q" like gambit-enummixed, inexact ones in shortest round-trip decimal.
std::string to_gambit(const SolveResult& r);

/// A probability as text: exact "1/3" when known, else shortest round-trip decimal.
std::string probability_text(const Equilibrium& e, std::size_t block, std::size_t entry);
/// A player's expected payoff as text.
std::string payoff_text(const Equilibrium& e, std::size_t player);

/// {"method", "termination", "message", "exact_rerun", "equilibria": [{"exact", "max_regret",
///  "payoffs": {player: text}, "profile": [{"block", "player", "probabilities": {label: text}}]}],
///  "qre_path": [{"lambda", "profile": [[...]]}]}  (qre_path only for logit), and "value"
///  (player 1's value of a constant-sum tree, as "p/q") when the result has one
nlohmann::json to_json(const SolveResult& r);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_RENDER_H_
