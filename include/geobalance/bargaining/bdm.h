// Bueno de Mesquita's expected-utility ("predictioneer") model, round by round, as specified
// in ../shared/models/bdm.md (Scholz, Calbert & Smith 2011, J. Theoretical Politics 23(4):
// 510-531; Bueno de Mesquita 1994, "Political forecasting: an expected utility method").
//
// One issue dimension; actor i has capability c_i, position x_i and salience s_i in [0, 1];
// w_i = c_i s_i; Delta = max x - min x of the input (fixed for the whole run). A round:
//   1. risk pass: all r = 1; probabilities P; EU_j(i) for every ordered pair; the danger
//      S_i = sum_{j != i} EU_j(i); R_i = (2 S_i - S_max - S_min) / (S_max - S_min);
//      r_i = (1 - R_i/3) / (1 + R_i/3), in [0.5, 2];
//   2. offer pass: P again with these r; for every receiver i and sender j != i the pair
//      (a, b) = (EU_i(j), EU_j(i)) as the perception switch says; j has an offer for i when
//      b > 0 (the offer-source switch says whose b); the offer is classified on i's quadrant
//      chart: b > a > 0 confrontation (i moves to x_j), a >= b > 0 conflict that i wins (no
//      move), b > 0 > a and |a| < b compromise (x_i + (x_j - x_i)|a/b|), b > 0 > a and
//      |a| > b capitulation (x_j), anything else "other" (no move);
//   3. each receiver accepts one offer (the offer-choice switch); all moves are applied
//      simultaneously (offers carry the sender's position at the start of the round).
// EU_i(j) = s_j [P_i(j) U_s + (1 - P_i(j)) U_f] + (1 - s_j) U_s - Q U_sq - (1 - Q)[T U_b + (1 - T) U_w]
// with U_s = 2 - 4(0.5 - 0.5 d)^r, U_f = 2 - 4(0.5 + 0.5 d)^r, U_sq = 2 - 4 (0.5)^r,
// U_b / U_w = 2 - 4(0.5 -/+ 0.25(|x_i - mu| + |x_i - x_j|)/Delta)^r, d = |x_i - x_j| / Delta,
// mu the weighted mean. Every published reading uses Q = T = 1.
//
// Presets: scholz2011 (default; reproduces Scholz et al.'s code and the published figures),
// gdm (the GroupDecisionModel replication), bdm1994 (the text's plain reading). Each point
// where they differ is a field of BdmOptions of its own (see the table in bdm.md).
//
// Cost: O(N^3) time and O(N^2) memory a round, N actors. The public replications recompute
// the probability P (itself an O(N^3) all-pairs sum under scholz2011) inside every EU,
// inside every danger level: O(N^6). Here each pass builds the voter-utility table
// u_k(a) = (|x_k - x_a| / Delta)^{r_k} once (N^2 powers), then one sweep over unordered pairs
// {i, j} and voters k accumulates the positive and negative vote mass of that pair; both
// P_i(j) and P_j(i), the clipped signed sum and |votes| come out of it, and the scholz2011
// all-pairs normaliser is the sum of all those pair totals (times 2 for ordered pairs), so
// the whole P matrix costs N^2 (N - 1) / 2 multiply-adds. EUs, dangers, offers and choices
// are O(N^2); the median O(N^2) (condorcet_scan) or O(N^3) (largest_margin). Two passes a
// round.
//
// Numbers: scholz2011 and gdm reproduce ../shared/bdm/expected (10 rounds of the EU
// emission-standards example) to 1e-9; the operations are ordered as in the model text.
#ifndef GEOBALANCE_BARGAINING_BDM_H_
#define GEOBALANCE_BARGAINING_BDM_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/bargaining/issue.h"

namespace geobalance::bargaining {

/// The three readings of bdm.md.
enum class BdmPreset { kScholz2011, kGdm, kBdm1994 };

/// How voter k values x_a against x_b when computing P.
enum class BdmVoteUtility {
  kVoterRisk,  ///< w_k[(|x_k-x_b|/D)^{r_k} - (|x_k-x_a|/D)^{r_k}], the voter's own r (scholz2011)
  kLinear,     ///< w_k(|x_k-x_b| - |x_k-x_a|)/D (gdm, bdm1994)
};

/// Numerator of P_i(j).
enum class BdmProbabilityNumerator {
  kPositiveVotes,     ///< sum_k max(0, v_k) (scholz2011, bdm1994)
  kClippedSignedSum,  ///< max(0, sum_k v_k): the vote loser gets exactly 0 (gdm)
};

/// Denominator of P_i(j).
enum class BdmProbabilityDenominator {
  kAllPairs,   ///< sum_k sum_a sum_b |v_k(x_a, x_b)| over all ordered actor pairs (scholz2011)
  kPairVotes,  ///< sum_k |v_k(x_i, x_j)| for the pair itself (gdm, bdm1994)
};

/// Whose risk exponent enters U_s, U_f, U_sq (and U_b, U_w) of each EU in the offer pass.
enum class BdmPerception {
  kPerceiver,   ///< receiver i uses r_i for EU_i(j) and for its estimate of EU_j(i) (scholz2011, bdm1994)
  kChallenger,  ///< EU_a(b) always with r_a: i's own EU against j's own EU (gdm)
};

/// Which value of EU_j(i) decides whether j has an offer for i.
enum class BdmOfferSource {
  kReceiverEstimate,  ///< i's estimate, with r_i (scholz2011, bdm1994)
  kSenderOwn,         ///< j's own, with r_j (gdm)
};

/// Which offer receiver i accepts.
enum class BdmOfferChoice {
  /// Confrontations first (smallest |move|); else compromises, picking the lowest
  /// (|a| x_i + |b| x_j)/(|a| + |b|); else capitulations (smallest |move|). Scholz's code.
  kScholzOrder,
  /// The offer with the largest sender EU b (ties: nearest x_j, then input order), then
  /// classified; if it is a conflict i wins, i stays even if other offers would move it (gdm).
  kLargestSenderEu,
  /// Of the offers that move i, the smallest |move|; ties: first sender in input order (bdm1994).
  kSmallestMove,
};

/// What happens when every actor has the same danger (S_max = S_min, R undefined).
enum class BdmFlatDanger {
  kStop,     ///< end the run, termination kFlatDanger (the Python readings raise ZeroDivisionError)
  kNeutral,  ///< R_i = 0, so r_i = 1 (bdm1994)
};

/// The reported weighted median (it never affects the dynamics).
enum class BdmMedianRule {
  kCondorcetScan,  ///< king-of-the-hill over the distinct positions in input order (scholz2011, bdm1994)
  kLargestMargin,  ///< first position of the pair with the largest pairwise vote margin (gdm)
};

/// Classification of one ordered pair (receiver i, sender j), from i's side.
enum class BdmOfferKind {
  kSamePosition,         ///< |x_i - x_j| <= same_position_tolerance * Delta: no offer, EUs reported 0
  kNoOffer,              ///< b <= 0 under the offer-source rule
  kConfrontation,        ///< b > a > 0: i expects to lose and moves to x_j
  kReceiverWins,         ///< a >= b > 0: i expects to win, no move
  kCompromise,           ///< b > 0 > a, |a| < b: x_i + (x_j - x_i)|a/b|
  kCapitulation,         ///< b > 0 > a, |a| > b: x_j
  kCapitulationDropped,  ///< a capitulation when take_capitulations is false (scholz2011)
  kOther,                ///< an offer no quadrant rule classifies (a = 0, |a| = b, or b <= 0 perceived)
};

enum class BdmTermination {
  kMaxRounds,   ///< max_rounds were run
  kConverged,   ///< a round moved no actor by more than convergence_tolerance * Delta
  kFlatDanger,  ///< S_max = S_min under BdmFlatDanger::kStop
};

/// Most actors run_bdm accepts (a round is O(n^3)), as the SMP.
inline constexpr std::size_t kBdmMaxActors = 1000;

/// Options of run_bdm. In-class defaults are the scholz2011 preset.
struct BdmOptions {
  /// Rounds to run at most (the reference outputs and the published figures use 10).
  int max_rounds = 10;
  /// Stop after a round in which no position moved by more than convergence_tolerance * Delta
  /// (0 = stop only when no position changed at all). Further rounds would repeat it.
  bool stop_when_stable = true;
  double convergence_tolerance = 0;
  /// Which dimension of the issue to run (BDM is one-dimensional; run each separately).
  int dimension = 0;

  /// Q, probability that the status quo holds if i does not challenge (bdm.md §5; all
  /// readings 1). T, probability that things get better then (all readings 1).
  double status_quo_probability = 1;
  double improve_probability = 1;

  BdmVoteUtility vote_utility = BdmVoteUtility::kVoterRisk;
  BdmProbabilityNumerator probability_numerator = BdmProbabilityNumerator::kPositiveVotes;
  BdmProbabilityDenominator probability_denominator = BdmProbabilityDenominator::kAllPairs;
  BdmPerception perception = BdmPerception::kPerceiver;
  BdmOfferSource offer_source = BdmOfferSource::kReceiverEstimate;
  BdmOfferChoice offer_choice = BdmOfferChoice::kScholzOrder;
  /// Capitulations move i to x_j when true; Scholz's code never takes them (its test is
  /// `eu_ji < abs(eu_ji)`), so scholz2011 reports them as kCapitulationDropped.
  bool take_capitulations = false;
  BdmFlatDanger flat_danger = BdmFlatDanger::kStop;
  BdmMedianRule median_rule = BdmMedianRule::kCondorcetScan;
  /// Two actors share a position when |x_i - x_j| <= same_position_tolerance * Delta.
  /// 0 = exact equality, as the Python readings; bdm1994 uses 1e-9 (bdm.md: in gdm round 3
  /// positions equal to the last bits become a zero-EU offer pair under a plain ==).
  double same_position_tolerance = 0;
  /// Keep every ordered pair's offer record in the result (N(N-1) a round). Monte Carlo
  /// callers that only need positions set this to false.
  bool record_offers = true;

  /// Throws InputError naming the field, its value and the constraint.
  void validate() const;
};

/// The options of a preset (scholz2011 = the in-class defaults).
BdmOptions bdm_preset(BdmPreset preset);

/// One ordered pair of one round: receiver i, sender j.
struct BdmOffer {
  int receiver = 0;  ///< index in input order
  int sender = 0;
  double x_receiver = 0;  ///< positions at the start of the round
  double x_sender = 0;
  double eu_receiver = 0;  ///< a = EU_i(j) (with r_i)
  double eu_sender = 0;    ///< b = EU_j(i) as perceived (perceiver: r_i; challenger: r_j)
  double p_receiver = 0;   ///< P_i(j): probability that i beats j (offer pass)
  double p_sender = 0;     ///< P_j(i)
  BdmOfferKind kind = BdmOfferKind::kNoOffer;
  bool has_new_position = false;  ///< the kind moves i (confrontation, compromise, capitulation)
  double new_position = 0;        ///< where i would move if it accepted this offer
  bool chosen = false;            ///< the offer i accepted this round
};

struct BdmRound {
  int round = 0;                 ///< 1-based
  std::vector<double> danger;    ///< S_i of the risk pass (r = 1)
  std::vector<double> risk;      ///< r_i used in the offer pass
  std::vector<BdmOffer> offers;  ///< receiver-major, senders in input order (if record_offers)
  std::vector<double> positions; ///< after the round
  double mean = 0;               ///< weighted mean of the positions after the round
  double median = 0;             ///< weighted (Condorcet) median after the round
  int moves = 0;                 ///< actors whose position changed
};

struct BdmResult {
  std::vector<std::string> actors;        ///< names, input order
  std::vector<double> initial_positions;  ///< round 0
  double initial_mean = 0;
  double initial_median = 0;
  std::vector<BdmRound> rounds;           ///< rounds actually run
  std::vector<double> final_positions;
  double final_mean = 0;
  double final_median = 0;                ///< BdM's forecast
  int rounds_run = 0;
  BdmTermination termination = BdmTermination::kMaxRounds;
  std::string message;

  /// One line: termination, rounds, final mean and median.
  std::string brief_report() const;
};

/// Runs the model on one dimension of an issue. Throws InputError for invalid options or an
/// issue the model cannot take (fewer than 3 actors, a non-finite position, a salience
/// outside [0, 1], a negative or non-finite capability, no actor with c s > 0). An issue whose
/// actors all share one position ends at once with kConverged.
BdmResult run_bdm(const Issue& issue, const BdmOptions& options = {});

/// Weighted mean sum w x / sum w of positions with weights w = c s.
double bdm_weighted_mean(const std::vector<double>& x, const std::vector<double>& w);
/// Weighted median by the given rule (linear pairwise votes with weights w).
double bdm_weighted_median(const std::vector<double>& x, const std::vector<double>& w,
                           BdmMedianRule rule);

// Names (bdm_names.cc). *_from_string throws InputError listing the valid names.
std::string to_string(BdmPreset x);
std::string to_string(BdmVoteUtility x);
std::string to_string(BdmProbabilityNumerator x);
std::string to_string(BdmProbabilityDenominator x);
std::string to_string(BdmPerception x);
std::string to_string(BdmOfferSource x);
std::string to_string(BdmOfferChoice x);
std::string to_string(BdmFlatDanger x);
std::string to_string(BdmMedianRule x);
std::string to_string(BdmOfferKind x);
std::string to_string(BdmTermination x);
BdmPreset bdm_preset_from_string(std::string_view s);
BdmVoteUtility bdm_vote_utility_from_string(std::string_view s);
BdmProbabilityNumerator bdm_probability_numerator_from_string(std::string_view s);
BdmProbabilityDenominator bdm_probability_denominator_from_string(std::string_view s);
BdmPerception bdm_perception_from_string(std::string_view s);
BdmOfferSource bdm_offer_source_from_string(std::string_view s);
BdmOfferChoice bdm_offer_choice_from_string(std::string_view s);
BdmFlatDanger bdm_flat_danger_from_string(std::string_view s);
BdmMedianRule bdm_median_rule_from_string(std::string_view s);
BdmOfferKind bdm_offer_kind_from_string(std::string_view s);
BdmTermination bdm_termination_from_string(std::string_view s);

}  // namespace geobalance::bargaining

#endif  // GEOBALANCE_BARGAINING_BDM_H_
