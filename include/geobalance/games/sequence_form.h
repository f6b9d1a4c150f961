// The sequence form of an extensive game with perfect recall (Koller, Megiddo and von Stengel
// 1996, "Efficient computation of equilibria for extensive two-person games", Games and
// Economic Behavior 14:247-259; von Stengel 1996, GEB 14:220-246), and exact evaluation of
// behaviour profiles on the tree.
//
// A sequence of player i is the list of i's own (information set, action) pairs on the path
// to a node; with perfect recall every node of an information set has the same one, so a
// sequence is named by its last pair (or is the empty sequence 0). A realization plan x gives
// each sequence the probability that i's own moves follow it: x_0 = 1 and, at every
// information set h with parent sequence sigma(h), sum_a x_{sigma(h)a} = x_{sigma(h)}
// ("E x = e"; row 0 is the root, row 1 + k the k-th information set in number order).
// Two-player payoffs are the sparse matrices A, B over sequence pairs: each leaf adds its
// chance probability times its payoff at (player 1's sequence, player 2's sequence).
//
// Cost: building is O(nodes * players); the matrices have at most one entry per leaf.
#ifndef GEOBALANCE_GAMES_SEQUENCE_FORM_H_
#define GEOBALANCE_GAMES_SEQUENCE_FORM_H_

#include <vector>

#include "geobalance/games/game.h"

namespace geobalance::games {

struct PlayerSequences {
  std::vector<int> infosets;                    ///< the player's infosets in number order
  std::vector<int> parent_seq;                  ///< per infoset (position): its parent sequence
  std::vector<std::vector<int>> action_seq;     ///< per infoset (position), per action: sequence
  std::vector<int> seq_infoset;                 ///< per sequence: infoset position of its last move (-1 for 0)
  std::vector<int> seq_action;                  ///< per sequence: that move's action (-1 for 0)
  int num_sequences() const { return static_cast<int>(seq_infoset.size()); }
  /// Rows of E: 1 + number of infosets.
  int num_constraints() const { return 1 + static_cast<int>(infosets.size()); }
};

struct SequenceEntry {
  int s1 = 0, s2 = 0;          ///< player 1's and player 2's sequence
  std::vector<Rational> u;     ///< per player: sum over leaves of chance probability * payoff
  Rational chance;             ///< sum of the chance probabilities of those leaves
};

struct SequenceForm {
  std::vector<PlayerSequences> players;
  std::vector<int> infoset_pos;      ///< per game infoset: position within its player's list (-1 chance)
  /// Two-player games only: the nonzero sequence-pair entries, sorted by (s1, s2).
  std::vector<SequenceEntry> entries;
  /// Every leaf's payoffs add up to the same total (two players: a constant-sum game).
  bool constant_sum = false;
  Rational total;                    ///< that total when constant_sum
  std::vector<Rational> max_leaf;    ///< per player: largest payoff at a leaf
};

/// Builds the sequence form. Throws InputError when an information set's nodes are reached by
/// different own earlier moves (imperfect recall), naming the set.
SequenceForm build_sequence_form(const ExtensiveFormGame& g);

/// Number of each player's reduced pure strategies (= pure realization plans: a sequence's
/// count is the product over the information sets that follow it of the sum of their actions'
/// counts). In doubles: exact below 2^53, and large counts only need comparing with limits.
std::vector<double> reduced_strategy_counts(const SequenceForm& sf);

/// A behaviour profile in behavior_layout order: one block per player information set
/// (player 1's by number, then player 2's, ...), one probability per action.
template <class T>
using Behavior = std::vector<std::vector<T>>;

/// Expected payoff of each player. Cost O(nodes * players).
std::vector<Rational> behavior_payoffs(const ExtensiveFormGame& g, const Behavior<Rational>& b);
std::vector<double> behavior_payoffs(const ExtensiveFormGame& g, const Behavior<double>& b);

/// Largest gain any player gets by switching to a best response against the others' behaviour
/// (the best response is found by induction over the player's own sequences, so it is exact
/// for games with perfect recall). 0 exactly for a Nash equilibrium. Throws InputError when
/// the profile's shape does not match the game.
Rational behavior_regret(const ExtensiveFormGame& g, const Behavior<Rational>& b);
double behavior_regret(const ExtensiveFormGame& g, const Behavior<double>& b);

/// Behaviour profile from realization plans x[player][sequence]: at an information set the
/// player's own moves reach (x of its parent sequence > 0), x_{sigma a} / x_{sigma}; at one they
/// cut off, the first best response against the other players' behaviour (so the profile is
/// still a best response there, given the others' moves).
Behavior<Rational> behavior_from_plans(const ExtensiveFormGame& g, const SequenceForm& sf,
                                       const std::vector<std::vector<Rational>>& plans);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_SEQUENCE_FORM_H_
