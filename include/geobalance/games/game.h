// Game representations: n-player normal-form (strategic) games and extensive-form trees with
// chance nodes, information sets and outcomes. Payoffs are exact rationals (GMP's mpq_class);
// a double copy of every normal-form payoff is kept for the floating-point solvers.
//
// Conventions follow Gambit's file formats (https://gambitproject.readthedocs.io, "Game
// representation formats"): pure-strategy profiles of a normal-form game are numbered with
// player 1's strategy varying fastest; an extensive-form tree is stored in prefix order with
// node 0 the root; the payoff at a terminal node is the sum of the outcomes attached to the
// nodes on the path from the root (outcomes may sit on non-terminal nodes).
//
// Cost: a normal-form game stores prod(strategies) * players payoffs twice (rational, double).
#ifndef GEOBALANCE_GAMES_GAME_H_
#define GEOBALANCE_GAMES_GAME_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gmpxx.h>

namespace geobalance::games {

using Rational = mpq_class;

/// Parses "3", "-1/2", "0.25", ".5", "1e-3", "2.5E+2" exactly; nullopt otherwise (and for a
/// zero denominator).
std::optional<Rational> parse_rational(std::string_view s);
/// Canonical text: "3", "-1/2".
std::string format_rational(const Rational& q);

/// An outcome: a name and one payoff per player.
struct Outcome {
  std::string name;
  std::vector<Rational> payoffs;
};

/// An n-player game in strategic form.
class NormalFormGame {
 public:
  NormalFormGame() = default;
  /// All payoffs zero; players named "Player 1", ...; strategies "1", "2", ...
  /// Throws InputError when a player has no strategy or there are fewer than one player.
  explicit NormalFormGame(std::vector<int> num_strategies);

  std::string title;
  std::string comment;
  std::vector<std::string> player_names;                 ///< one per player
  std::vector<std::vector<std::string>> strategy_names;  ///< per player, one per strategy

  int num_players() const { return static_cast<int>(shape_.size()); }
  int num_strategies(int player) const { return shape_[static_cast<std::size_t>(player)]; }
  const std::vector<int>& shape() const { return shape_; }
  std::size_t num_profiles() const { return num_profiles_; }
  /// Step of player p's strategy in the profile index (player 0 has step 1).
  std::size_t stride(int player) const { return stride_[static_cast<std::size_t>(player)]; }
  /// Index of a pure profile (one 0-based strategy per player).
  std::size_t profile_index(std::span<const int> strategies) const;
  /// Inverse of profile_index.
  std::vector<int> profile_strategies(std::size_t index) const;

  const Rational& payoff(std::size_t profile, int player) const {
    return payoffs_[profile * shape_.size() + static_cast<std::size_t>(player)];
  }
  double payoff_double(std::size_t profile, int player) const {
    return payoffs_d_[profile * shape_.size() + static_cast<std::size_t>(player)];
  }
  /// Sets a payoff directly (clears any outcome structure).
  void set_payoff(std::size_t profile, int player, const Rational& v);

  /// Outcome structure (the outcome version of .nfg). Empty when payoffs were set directly.
  /// profile_outcome[k] is 0 for the null outcome (all payoffs zero) or j for outcomes[j-1].
  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  const std::vector<int>& profile_outcomes() const { return profile_outcome_; }
  bool has_outcomes() const { return !profile_outcome_.empty(); }
  /// Installs outcomes and the profile->outcome map, recomputing every payoff.
  /// Throws InputError on size mismatches or out-of-range outcome numbers.
  void set_outcomes(std::vector<Outcome> outcomes, std::vector<int> profile_outcome);

  /// Smallest and largest payoff over all players and profiles (0, 0 for an empty game).
  std::pair<Rational, Rational> payoff_range() const;

 private:
  std::vector<int> shape_;
  std::vector<std::size_t> stride_;
  std::size_t num_profiles_ = 0;
  std::vector<Rational> payoffs_;
  std::vector<double> payoffs_d_;
  std::vector<Outcome> outcomes_;
  std::vector<int> profile_outcome_;
};

/// A bimatrix game: A[i][j], B[i][j] are the row and column players' payoffs.
NormalFormGame make_bimatrix(const std::vector<std::vector<Rational>>& a,
                             const std::vector<std::vector<Rational>>& b);

enum class NodeKind { kTerminal, kChance, kPlayer };

/// An information set. Player -1 is chance.
struct Infoset {
  int player = -1;
  int number = 0;                       ///< 1-based number within its player (as in .efg)
  std::string name;
  std::vector<std::string> actions;
  std::vector<Rational> probabilities;  ///< chance infosets only; sum to 1
  std::vector<int> nodes;               ///< member nodes
};

struct Node {
  NodeKind kind = NodeKind::kTerminal;
  std::string name;
  int infoset = -1;            ///< index into infosets (chance and player nodes)
  int outcome = -1;            ///< index into outcomes, -1 for none
  int parent = -1;
  int parent_action = -1;      ///< which action of the parent leads here
  std::vector<int> children;   ///< one per action of the infoset
};

/// A finite extensive-form game. Node 0 is the root.
class ExtensiveFormGame {
 public:
  std::string title;
  std::string comment;
  std::vector<std::string> player_names;
  std::vector<Node> nodes;
  std::vector<Infoset> infosets;
  std::vector<Outcome> outcomes;

  int num_players() const { return static_cast<int>(player_names.size()); }

  // Builders (the parser and the S-400 template use these). The first node added is the root.
  /// A new information set for `player` (-1 = chance); its number is the next free one.
  int add_infoset(int player, std::string name, std::vector<std::string> actions,
                  std::vector<Rational> probabilities = {});
  int add_outcome(std::string name, std::vector<Rational> payoffs);
  /// A decision (or chance) node in `infoset`, attached as child `action` of `parent`
  /// (parent -1 for the root). Returns the node index.
  int add_decision(int parent, int action, int infoset, std::string name = "", int outcome = -1);
  int add_terminal(int parent, int action, int outcome, std::string name = "");

  /// Payoffs at a terminal node: sum of outcomes on the root path.
  std::vector<Rational> terminal_payoffs(int node) const;
  /// Indices of a player's infosets ordered by number.
  std::vector<int> player_infosets(int player) const;
  /// Every information set of a player is a singleton.
  bool perfect_information() const;
  /// Structural checks (every child set, probabilities sum to one, payoff sizes). Throws
  /// InputError with `source` as the subject prefix.
  void validate(const std::string& source = "game") const;
};

/// The reduced strategic form of an extensive game: for each player, strategies that differ
/// only at information sets their own earlier choices make unreachable are merged (the
/// unreachable choices print as '*', as in Gambit). plans[p][s][k] is the action at the k-th
/// infoset of player p (player_infosets order) or -1 for '*'.
struct ReducedNormalForm {
  NormalFormGame game;
  std::vector<std::vector<std::vector<int>>> plans;
};

/// Builds the reduced strategic form. Cost: O(prod(strategies) * nodes).
/// Throws InputError when the form would exceed `max_profiles` profiles.
ReducedNormalForm to_reduced_normal_form(const ExtensiveFormGame& g,
                                         std::size_t max_profiles = 5'000'000);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_GAME_H_
