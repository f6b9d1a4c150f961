// Equilibria, solver results and the solvers themselves.
//
// Every solver verifies what it returns: profiles found in exact arithmetic are checked to
// have zero regret in rationals (no player gains anything by a unilateral deviation);
// floating-point profiles (logit QRE) are checked to have regret <= 1e-9 times the payoff
// range (the agent QRE on a tree: <= 1e-6 times the largest absolute payoff). The equilibria
// of the floating-point pivoting solvers (enummixed, lcp, and lp on trees) are recomputed
// exactly from their final bases and checked in rationals; when that check fails, or the
// floating-point pass meets a tie it cannot resolve safely, the solver runs again in exact
// rational arithmetic (SolveResult::exact_rerun says so).
//
// Solvers (cost in the header of each entry below):
//   enumpure   all pure-strategy Nash equilibria of an n-player game
//   enummixed  all extreme Nash equilibria of a 2-player game (vertex enumeration of both
//              best-response polytopes; degenerate games included)
//   lcp        Lemke-Howson from the artificial equilibrium with every starting label and,
//              by default, from every equilibrium found with every label (as gambit-lcp)
//   spe        all pure subgame-perfect equilibria of a perfect-information tree
//   logit      logit quantal-response path from lambda = 0, with the limiting Nash equilibrium
//
// On a tree (ExtensiveFormGame), lcp and logit work on the tree itself in behaviour strategies
// (sequence_lcp, agent_logit below), and lp solves two-player constant-sum trees; the other
// methods solve the reduced strategic form.
#ifndef GEOBALANCE_GAMES_EQUILIBRIUM_H_
#define GEOBALANCE_GAMES_EQUILIBRIUM_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/games/game.h"

namespace geobalance::games {

enum class Method { kEnumPure, kEnumMixed, kLcp, kSpe, kLogit, kLp };
/// "enumpure" | "enummixed" | "lcp" | "spe" | "logit" | "lp".
std::string to_string(Method m);
/// Throws InputError "method: found 'x', expected one of enumpure, enummixed, lcp, spe, logit, lp".
Method method_from_string(std::string_view s);

enum class Termination {
  kComplete,   ///< the method ran to its end
  kTruncated,  ///< stopped at a limit (max_equilibria, step limit); results are valid but partial
  kNoLimit,    ///< logit: the path was traced but no verified limiting Nash equilibrium was found
};
std::string to_string(Termination t);

/// Whether a method guarantees to find every equilibrium of the kind it computes, and which:
/// enumpure (every pure equilibrium), enummixed (every extreme equilibrium: all equilibria of a
/// nondegenerate game), spe (every pure subgame-perfect equilibrium of a perfect-information
/// tree) do; lcp (Lemke-Howson / Lemke: the equilibria its paths reach), logit (the limit of
/// the principal QRE branch) and lp (one optimal profile with the game's value) do not.
struct Coverage {
  bool finds_all = false;
  std::string text;  ///< e.g. "every pure equilibrium", "some equilibria, not necessarily all"
};
Coverage coverage_of(Method m);

/// How the entries of a profile are grouped: per player over strategies (a mixed profile of a
/// strategic game) or per information set over actions (a behaviour profile of a tree).
struct ProfileLayout {
  bool behavior = false;
  std::vector<std::string> player_names;
  std::vector<int> block_player;               ///< owner of each block (0-based)
  std::vector<std::string> block_names;        ///< player name, or "player: infoset"
  std::vector<std::vector<std::string>> labels;  ///< per block, per entry (strategy/action)
};

/// Layout of mixed profiles of a strategic game.
ProfileLayout mixed_layout(const NormalFormGame& g);
/// Layout of behaviour profiles of a tree: blocks are player 1's infosets by number, then
/// player 2's, ... (Gambit's order).
ProfileLayout behavior_layout(const ExtensiveFormGame& g);

struct Equilibrium {
  /// Exact probabilities per block (empty when the equilibrium is only known in doubles).
  std::vector<std::vector<Rational>> probs;
  /// Probabilities per block in doubles (always filled).
  std::vector<std::vector<double>> approx;
  /// Expected payoff of each player.
  std::vector<Rational> payoffs;       ///< exact (empty when not exact)
  std::vector<double> payoffs_approx;  ///< always filled
  bool exact = true;
  /// Largest gain any player gets from a unilateral deviation (0 for exact equilibria).
  double max_regret = 0;
};

/// A point on the logit QRE path.
struct QrePoint {
  double lambda = 0;
  std::vector<std::vector<double>> profile;
};

struct SolveResult {
  Method method = Method::kEnumPure;
  ProfileLayout layout;
  std::vector<Equilibrium> equilibria;
  Termination termination = Termination::kComplete;
  std::string message;
  bool exact_rerun = false;        ///< a floating-point pass was redone in rationals
  std::vector<QrePoint> qre_path;  ///< logit only (subsampled; the last point is the end)
  /// Two-player constant-sum trees (lp, and lcp on a tree): player 1's value of the game,
  /// from the sequence-form linear program.
  std::optional<Rational> value;
  /// One line: "3 equilibria (complete)".
  std::string brief_report() const;
};

// ---------------------------------------------------------------- verification

/// Exact regret of a mixed profile: max over players of (best pure payoff - profile payoff).
Rational max_regret(const NormalFormGame& g, const std::vector<std::vector<Rational>>& profile);
/// Regret in doubles.
double max_regret(const NormalFormGame& g, const std::vector<std::vector<double>>& profile);
/// Expected payoffs of a mixed profile.
std::vector<Rational> expected_payoffs(const NormalFormGame& g, const std::vector<std::vector<Rational>>& profile);
std::vector<double> expected_payoffs(const NormalFormGame& g, const std::vector<std::vector<double>>& profile);
/// Expected payoff of each pure strategy of each player against the others' mixed strategies:
/// out[p][s]. Cost O(profiles * players).
std::vector<std::vector<double>> strategy_values(const NormalFormGame& g, const std::vector<std::vector<double>>& profile);

/// Builds an exact Equilibrium (payoffs, doubles) from exact probabilities after checking zero
/// regret; throws ComputationError if the profile is not a Nash equilibrium.
Equilibrium make_verified(const NormalFormGame& g, std::vector<std::vector<Rational>> probs);

// ---------------------------------------------------------------- solvers

/// All pure-strategy Nash equilibria. Cost O(profiles * sum(strategies)) rational comparisons.
SolveResult enumpure(const NormalFormGame& g);

struct EnumMixedOptions {
  /// Skip the floating-point pass and enumerate in rationals from the start.
  bool exact_only = false;
  /// Stop after this many equilibria (0 = all). Result is then kTruncated.
  std::size_t max_equilibria = 0;
  void validate() const {}
};
/// All extreme Nash equilibria of a 2-player game, found as the completely labelled vertex
/// pairs of the best-response polytopes P = {x >= 0 : B'x <= 1} and Q = {y >= 0 : A'y <= 1}
/// (A', B' the payoffs shifted to be positive). Both polytopes' vertices are enumerated by a
/// depth-first walk over feasible bases (ties followed, so degenerate vertices are complete),
/// then matched by label sets. Cost O(V * (m + n)^2) for V bases; at most 128 strategies in all.
/// Throws InputError for games that are not 2-player.
SolveResult enummixed(const NormalFormGame& g, const EnumMixedOptions& options = {});

struct LcpOptions {
  /// Also start from every equilibrium found, with every label (the Lemke-Howson graph
  /// component of the artificial equilibrium, as gambit-lcp does). false = only the m + n
  /// paths from the artificial equilibrium.
  bool traverse = true;
  /// Skip the floating-point pass.
  bool exact_only = false;
  /// Stop after this many equilibria (0 = no limit).
  std::size_t max_equilibria = 0;
  /// Pivot limit per path (a safeguard; lexicographic pivoting always terminates).
  long max_pivots = 1'000'000;
  void validate() const;
};
/// Lemke-Howson with lexicographic degeneracy resolution. Cost per path: O(L * m * n) for L
/// pivots. Throws InputError for games that are not 2-player.
SolveResult lcp(const NormalFormGame& g, const LcpOptions& options = {});

struct SpeOptions {
  /// Stop after this many subgame-perfect equilibria (ties multiply them). 0 = no limit.
  std::size_t max_equilibria = 10'000;
  void validate() const {}
};
/// All pure subgame-perfect equilibria of a perfect-information tree (chance nodes allowed)
/// by backward induction, branching on every tie. Each is returned as a behaviour profile
/// (layout behavior_layout) with exact expected payoffs, and checked: no player gains by
/// changing the action at any single node. Cost O(nodes * equilibria).
/// Throws InputError when an information set holds more than one node.
SolveResult spe(const ExtensiveFormGame& g, const SpeOptions& options = {});

struct LogitOptions {
  /// Largest lambda traced, in units of the payoffs divided by their largest absolute value
  /// (so 1e6 here means exp(-1e6 * gap / max|u|) odds against a worse strategy).
  double max_lambda = 1e6;
  /// First arc-length step (Gambit's default is 0.03).
  double first_step = 0.03;
  /// Largest arc-length step.
  double max_step = 1e4;
  /// Largest number of predictor-corrector steps.
  int max_steps = 20'000;
  /// Record every k-th path point (the first and last are always kept). 0 = only the ends.
  int record_every = 1;
  void validate() const;
};
/// Traces the principal branch of the logit QRE correspondence from the centroid (lambda = 0)
/// by arc-length predictor-corrector continuation in log-probabilities, then finds the
/// limiting Nash equilibrium: the support of the last point, solved exactly for 2-player games
/// (indifference equations in rationals), by Newton's method for n players, and verified.
/// Cost per step O(profiles * players^2) plus a dense solve in the number of strategies.
SolveResult logit(const NormalFormGame& g, const LogitOptions& options = {});

// ---------------------------------------------------------------- trees (sequence form)

/// Builds an exact behaviour Equilibrium after checking zero regret on the tree (regret from
/// behavior_regret in sequence_form.h); throws ComputationError if it is not a Nash equilibrium.
Equilibrium make_verified_behavior(const ExtensiveFormGame& g, std::vector<std::vector<Rational>> probs);

struct SequenceLcpOptions {
  /// Skip the floating-point pass and pivot in rationals from the start.
  bool exact_only = false;
  /// Pivot limit (a safeguard; the lexicographic rule always terminates).
  long max_pivots = 1'000'000;
  void validate() const;
};
/// One Nash equilibrium of a two-player tree with perfect recall (chance moves and information
/// sets allowed), in behaviour strategies: Lemke's algorithm with covering vector 1 and the
/// lexicographic rule on the sequence-form LCP of Koller, Megiddo and von Stengel (1996) with
/// the free dual variables split into nonnegative parts and payoffs shifted below zero (then
/// the LCP matrix is copositive and Lemke's algorithm cannot end on a secondary ray; proof in
/// docs/games.md). Pivots in doubles, recomputes the final basis exactly in rationals and
/// verifies zero regret; reruns in rationals when that fails. For constant-sum games the
/// result also carries the game value from sequence_lp, and the equilibrium's payoff is
/// checked against it. Cost per pivot O(L^2), L = sequences + 2 * (information sets + 1) of
/// both players. Throws InputError for other than 2 players or imperfect recall.
SolveResult sequence_lcp(const ExtensiveFormGame& g, const SequenceLcpOptions& options = {});

struct SequenceLpOptions {
  /// Skip the floating-point simplex and pivot in rationals from the start.
  bool exact_only = false;
  void validate() const {}
};
/// The sequence-form linear program of a two-player constant-sum tree (Koller, Megiddo and
/// von Stengel 1996; von Stengel 1996): max f'q subject to F'q - A'x <= 0, Ex = e, x >= 0,
/// by the two-phase simplex method (Dantzig's rule, Bland's after 50 degenerate pivots in a
/// row). The simplex runs in doubles; its final basis is accepted only if it is optimal in
/// exact arithmetic (primal values and reduced costs recomputed in rationals), otherwise the
/// simplex reruns in rationals (exact_rerun). Player 2's plan is the dual solution. Returns the
/// equilibrium (verified) and the value. Cost: simplex pivots of O(rows * columns), both about
/// the number of sequences. Throws InputError when the game is not two-player constant-sum or
/// lacks perfect recall.
SolveResult sequence_lp(const ExtensiveFormGame& g, const SequenceLpOptions& options = {});

/// Agent logit QRE on the tree for any number of players (McKelvey and Palfrey 1998): at
/// every information set, log-probabilities differ by lambda times the differences of the
/// action values conditional on reaching the set (beliefs by Bayes' rule from the profile).
/// The principal branch from the centroid is traced by arc-length continuation in the
/// log-probabilities with a finite-difference Jacobian; the end point is reported as an
/// inexact equilibrium when its regret on the tree is <= 1e-6 times the largest absolute
/// payoff (kNoLimit otherwise). Cost per step O(actions * nodes * players).
SolveResult agent_logit(const ExtensiveFormGame& g, const LogitOptions& options = {});

/// Convenience for any loaded game: spe and lp need a tree; on a tree lcp and logit use
/// sequence_lcp and agent_logit (behaviour strategies) unless `strategic` is set; every other
/// method solves a strategic form (for trees, the reduced strategic form, whose strategy names
/// are the actions at the player's infosets joined by '/').
struct SolveOptions {
  /// Trees: solve lcp and logit on the reduced strategic form instead of the tree.
  bool strategic = false;
  SequenceLcpOptions sequence;
  EnumMixedOptions enummixed;
  LcpOptions lcp;
  SpeOptions spe;
  LogitOptions logit;
};
SolveResult solve(const NormalFormGame& g, Method m, const SolveOptions& options = {});
SolveResult solve(const ExtensiveFormGame& g, Method m, const SolveOptions& options = {});

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_EQUILIBRIUM_H_
