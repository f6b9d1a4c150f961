// KTAB-compatible Spatial Model of Politics (SMP), written from ../shared/models/smp-ktab.md
// (the KAPSARC Toolkit for Behavioral Analysis, version of 2019, default parameters).
//
// Each turn: every actor i picks the target j whose challenge it expects to gain most from
// (a probabilistic Condorcet election, PCE, among third parties weighted by power times total
// salience), proposes a bargain interpolated between the two positions, and every actor
// chooses among its status quo, its own proposal and the proposals aimed at it by a PCE over
// all actors' valuations. Ideal points follow positions (accommodation matrix = identity).
// The run stops when the step between the last two states is small against the first step.
//
// With default options the position history reproduces KTAB's `smpc` on its CSV examples
// exactly (every turn, actor and dimension; tested against ../shared/ktab/expected to 1e-6
// on the 0-100 scale).
//
// Cost per turn: O(N^3 + N^2 D) time and O(N^2) memory in N actors and D dimensions (KTAB's
// own implementation additionally does O(N^4) logging work per turn).
#ifndef GEOBALANCE_BARGAINING_SMP_H_
#define GEOBALANCE_BARGAINING_SMP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/bargaining/issue.h"
#include "geobalance/core/parallel.h"

namespace geobalance::bargaining {

/// How tallied votes for a against b become a probability that a beats b (KTAB
/// VictoryProbModel). Linear: C_ab / (C_ab + C_ba); the others raise both tallies to a power.
enum class SmpVictoryModel { kLinear, kSquare, kQuartic, kOctic };
/// Range of the risk attitudes derived from positions' win probabilities (KTAB BigRRange):
/// Min [0, 1], Mid [-1/2, 1], Max [-1, 1].
enum class SmpRiskRange { kMin, kMid, kMax };
/// How far an estimator h moves its belief about i's risk attitude from its own R_h toward
/// R_i (KTAB BigRAdjust): None 0, OneThird 1/3, Half 1/2, TwoThirds 2/3, Full 1.
enum class SmpRiskAdjust { kNone, kOneThird, kHalf, kTwoThirds, kFull };
/// Weights of the bargain interpolation (KTAB InterVecBrgn): S2P2 uses salience^2 * p^2,
/// S1P1 salience * p.
enum class SmpBargainWeights { kS2P2, kS1P1 };
/// Deterministic: each actor takes its most probable option (first on ties). Stochastic: it
/// draws one with the PCE probabilities from Rng(seed, stream), one uniform per actor per
/// turn in actor order.
enum class SmpTransitions { kDeterministic, kStochastic };

enum class SmpTermination {
  kConverged,  ///< the stopping rule on the step ratio fired
  kMaxTurns,   ///< max_turns states were created without the rule firing
  kCancelled,  ///< the cancel token fired; the history holds the states made so far
  /// Deterministic transitions only: the last state repeats the state cycle_length >= 2 turns
  /// earlier, so the positions go round that cycle for ever; whether the step-ratio rule or
  /// max_turns ended the run, it did not converge. (A state equal to the one just before it is
  /// a fixed point and stays kConverged.) The history is the one the rules produce, unchanged.
  kCycle,
};

std::string to_string(SmpVictoryModel v);
std::string to_string(SmpRiskRange v);
std::string to_string(SmpRiskAdjust v);
std::string to_string(SmpBargainWeights v);
std::string to_string(SmpTransitions v);
std::string to_string(SmpTermination v);
/// Parse the names printed by to_string ("linear", "one-third", ...); throw InputError.
SmpVictoryModel smp_victory_model_from_string(std::string_view s);
SmpRiskRange smp_risk_range_from_string(std::string_view s);
SmpRiskAdjust smp_risk_adjust_from_string(std::string_view s);
SmpBargainWeights smp_bargain_weights_from_string(std::string_view s);
SmpTransitions smp_transitions_from_string(std::string_view s);

/// Options of run_smp. Every default is KTAB's (smp-ktab.md §4, "Default model parameters").
struct SmpOptions {
  /// Stop after this many turns at the latest (KTAB maxIter = 100).
  int max_turns = 100;
  /// The ratio test is applied from this turn on (KTAB minIter = 2).
  int min_turns = 2;
  /// Stop when Dist(t-1, t) / (Dist(0, 1) + min_sig_delta) < min_delta_ratio, where Dist sums
  /// the actors' Euclidean moves on the 0-1 scale (KTAB minDeltaRatio = 0.02).
  double min_delta_ratio = 0.02;
  /// Guard added to the first step in the ratio (KTAB minSigDelta = 1e-4).
  double min_sig_delta = 1e-4;
  SmpVictoryModel victory_model = SmpVictoryModel::kLinear;  ///< KTAB default Linear
  SmpRiskRange risk_range = SmpRiskRange::kMid;              ///< KTAB default Mid
  SmpRiskAdjust risk_adjust = SmpRiskAdjust::kOneThird;      ///< KTAB default OneThird
  SmpBargainWeights bargain_weights = SmpBargainWeights::kS2P2;  ///< KTAB default S2P2
  SmpTransitions transitions = SmpTransitions::kDeterministic;   ///< KTAB default
  /// Seed and stream of the stochastic transitions (unused when deterministic).
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;
  /// Also compute KTAB's reported per-state "winning probabilities" (§4.9; O(N^3) a state).
  bool record_win_probabilities = false;

  /// Throws InputError naming the field, its value and the violated constraint.
  void validate() const;
};

/// One proposal of a turn: initiator i offers target j the points b_i (for i) and b_j (for j).
struct SmpBargain {
  int initiator = -1;
  int target = -1;
  double win_probability = 0;  ///< i's estimate that it would beat j
  std::vector<double> initiator_position;  ///< b_i, on the issue's scale
  std::vector<double> target_position;     ///< b_j, on the issue's scale
};

struct SmpResult {
  std::size_t num_actors = 0;
  std::size_t num_dims = 0;
  double scale_min = 0;
  double scale_max = 100;
  /// history[t][i * num_dims + k]: actor i's position on dimension k in state t (t = 0 is the
  /// input), on the issue's scale.
  std::vector<std::vector<double>> history;
  /// risk[t][i]: actor i's risk attitude R_i in state t.
  std::vector<std::vector<double>> risk;
  /// win_probabilities[t][i] (§4.9), only when options.record_win_probabilities.
  std::vector<std::vector<double>> win_probabilities;
  /// bargains[t]: the proposals made in turn t+1 (from state t), by initiator.
  std::vector<std::vector<SmpBargain>> bargains;
  /// chosen[t][k]: initiator of the bargain actor k accepted in turn t+1, or -1 (status quo).
  std::vector<std::vector<int>> chosen;
  SmpTermination termination = SmpTermination::kMaxTurns;
  /// kCycle: the length of the cycle (the number of distinct states in it); otherwise 0.
  int cycle_length = 0;
  /// kCycle: the first turn whose state is part of the cycle; otherwise 0.
  int cycle_start = 0;
  std::string message;

  /// Number of turns = number of states - 1.
  int turns() const { return static_cast<int>(history.size()) - 1; }
  double position(std::size_t turn, std::size_t actor, std::size_t dim) const {
    return history[turn][actor * num_dims + dim];
  }
  /// The last state (final positions), actor-major.
  const std::vector<double>& final_positions() const { return history.back(); }
  /// One line: termination, turns and message.
  std::string brief_report() const;
};

/// Runs the SMP on an issue. Checks the issue (>= 3 actors, capability > 0 and <= 1e30,
/// positions in [scale_min, scale_max], saliences in [0, 1] summing to <= 1 and not all zero
/// per actor) and the options, throwing InputError. Deterministic for (issue, options).
SmpResult run_smp(const Issue& issue, const SmpOptions& options = {},
                  const CancelToken& cancel = CancelToken{});

/// Largest capability the SMP accepts (validate_for_smp): see smp.cc for the overflow bound.
inline constexpr double kSmpMaxCapability = 1e30;
/// Smallest largest-capability the SMP accepts: KTAB's tallies add 1e-10 (see smp.cc).
inline constexpr double kSmpMinLargestCapability = 1e-6;

/// Throws InputError when an issue cannot be run by the SMP (see run_smp).
void validate_for_smp(const Issue& issue);

}  // namespace geobalance::bargaining

#endif  // GEOBALANCE_BARGAINING_SMP_H_
