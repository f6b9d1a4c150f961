// The S-400 crisis game rebuilt (issue 14, items 2-4): the real options, incomplete
// information, and a logit (quantal-response) calibration on the CAATSA reference class.
//
// Tree (120 leaves). Nature draws two independent types with priors from the inputs:
//   the US Congress's resolve to sanction (High with prior_congress_high, else Low), seen by the
//   US only; Ankara's use for the system (Activation with prior_ankara_activation, else
//   Bargaining chip), seen by Türkiye only.
// Türkiye (knows its type) chooses  Keep stored | Activate and integrate | Return or transfer.
// The United States (knows its type and Türkiye's move, not Türkiye's type) chooses
//   Tolerate | F-35 exclusion | Targeted CAATSA (on the defence-industry agency) |
//   F-35 exclusion + targeted CAATSA | Broad sanctions (which include F-35 exclusion).
// Russia (sees both moves; its payoff does not depend on the types) chooses Support | Stay out.
//
// Payoffs (every term and its source in docs/games.md, "The S-400 crisis game"). Notation:
// a = Türkiye's move, r = the US response with components f (F-35 exclusion), c (targeted
// CAATSA), b (broad); s = 1 if Russia supports; w = q / (1 + q) with q = us_ru_capability_ratio;
// sU, sR = alliance-portfolio similarity of Türkiye with the US, Russia; m = (1 + sU) / 2;
// eT, eU, eR = BDM expected utilities / 4 (so each lies in [-1, 1] over its range [-4, 4]);
// kept = 1 unless a is Return; D(a, type) = 1 (Activate), 0.75 (Stored, Activation type),
// 0.25 (Stored, chip type), 0 (Return).
//   Türkiye   V(a, type)                          system value: Activation type 1 + eT | 0.5 | 0;
//                                                 chip type 0.25 | 0.75 + eT | 0.25
//             - m * w * (1.0 f + 0.5 c + 2.0 b)   harm of the US response
//             + s * kept * (1 + sR) / 4           Russian backing
//   US        - m * D(a, type)                    cohesion loss (type-dependent: a stored system
//                                                 is a latent threat only in the hands of an
//                                                 Activation type)
//             - m * (0.3 f + 0.2 c + 1.0 b)       friction of punishing an ally
//             + w * (1 + eU) * D(a, type) * (0.4 f + 0.3 c + 0.8 b)   deterrence gain
//             - congress_pressure * [High] * kept * [c = 0 and b = 0]  CAATSA s.231 left unapplied
//             - s * b * (1 + sR) / 4              broad sanctions push Türkiye towards Russia
//   Russia    0.5 * (1 + eR) * (1, 0.5, -0.5)[a]  wedge in NATO
//             + 0.3 f + 0.2 c + 0.5 b             a US-Türkiye rift
//             + s * kept * (1 + sR) / 4 * (1 + eR) gain from backing a partner
//             - s * 0.3 * w * (1 + f + c + 2 b)   cost of backing against the US
// Payoffs are rounded to 1e-6 and held as exact rationals in the tree.
//
// Solution. (1) The agent logit QRE (McKelvey and Palfrey 1998) at precision `lambda` (payoff
// units), computed here by damped fixed-point iteration on Türkiye's behaviour along a lambda
// homotopy (Russia's and the US's logit responses follow in closed form given Türkiye's, the US
// forming beliefs by Bayes' rule, which is always defined since logit play is interior). This
// is the calibrated forecast. (2) The same at lambda = 1e5 as the approximate logit limit (limit
// points of the agent QRE are sequential equilibria, McKelvey and Palfrey 1998, Theorem 6).
// (3) An exact Nash equilibrium in behaviour strategies of the two-player core (Russia's move
// replaced by its best response, which is sequentially rational at every belief because its
// payoff is type-free and nobody moves after it) by Lemke's algorithm on the sequence form.
//
// Cost: one QRE is O(iterations * 120); the homotopy uses at most 60 lambda steps.
#ifndef GEOBALANCE_GAMES_S400_TREE_H_
#define GEOBALANCE_GAMES_S400_TREE_H_

#include <array>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/games/equilibrium.h"
#include "geobalance/games/game.h"
#include "geobalance/games/reference_class.h"

namespace geobalance::games {

inline constexpr int kTreeTrMoves = 3;   ///< Keep stored, Activate, Return
inline constexpr int kTreeUsMoves = 5;   ///< Tolerate, F-35, CAATSA, F-35 + CAATSA, Broad
inline constexpr int kTreeRuMoves = 2;   ///< Support, Stay out
extern const std::array<const char*, kTreeTrMoves> kTreeTrNames;
extern const std::array<const char*, kTreeUsMoves> kTreeUsNames;
extern const std::array<const char*, kTreeRuMoves> kTreeRuNames;

struct S400TreeInputs {
  /// Prior that the US Congress is highly resolved to sanction (scenario), in [0, 1].
  double prior_congress_high = 0.5;
  /// Prior that Ankara values the system for activation rather than as a bargaining chip, [0, 1].
  double prior_ankara_activation = 0.5;
  /// US CINC / Russian CINC (power module), > 0 and finite.
  double us_ru_capability_ratio = 3.0;
  /// Alliance-portfolio similarity of Türkiye with the US and with Russia (alignment), [-1, 1].
  double tr_us_similarity = 0.55;
  double tr_ru_similarity = 0.15;
  /// BDM expected utilities (bargaining module), each in [-4, 4] (differences of utilities in
  /// [-2, 2]); no clamping: a value outside is an InputError naming the key.
  double eu_tr_activate = 0.25;
  double eu_us_sanction = 0.1;
  double eu_ru_support = 0.2;
  /// Free parameter: cost to a High-resolve US of leaving CAATSA unapplied to a partner that
  /// kept the system, [0, 10]. Calibrated on the reference class.
  double congress_pressure = 1.0;
  /// Free parameter: logit precision in payoff units, [0, 1000]. Calibrated.
  double lambda = 5.0;

  /// Throws InputError "S400TreeInputs: <key> is X, but must be in [lo, hi]".
  void validate() const;
};

struct S400TreeField {
  std::string name;
  std::string help;
  double S400TreeInputs::*member;
  double lo, hi;  ///< documented range, inclusive
};
const std::vector<S400TreeField>& s400_tree_fields();
/// Throws InputError listing the names.
const S400TreeField& s400_tree_field(std::string_view name);

/// The tree (players "Türkiye", "United States", "Russia"; chance first: US type, then
/// Türkiye's type). Player infosets: Türkiye 1-2 by type (Activation, chip); US 1-6 by
/// (type High/Low, Türkiye's move); Russia 1-15 by (Türkiye's move, US response).
ExtensiveFormGame build_s400_tree(const S400TreeInputs& in);
/// The two-player core: Russia's move replaced by its best response (ties: Stay out).
ExtensiveFormGame build_s400_core(const S400TreeInputs& in);

/// A behaviour profile of the tree in the model's own indexing.
struct S400TreeProfile {
  double tr[2][kTreeTrMoves] = {};              ///< [Türkiye type: 0 Activation, 1 chip][move]
  double us[2][kTreeTrMoves][kTreeUsMoves] = {};  ///< [US type: 0 High, 1 Low][T move][response]
  double ru[kTreeTrMoves][kTreeUsMoves][kTreeRuMoves] = {};
};

/// Probabilities of the real outcomes under a profile and the priors.
struct S400TreeForecast {
  std::array<double, kTreeTrMoves> turkiye{};  ///< P(Türkiye's move)
  std::array<double, kTreeUsMoves> us{};       ///< P(US response), over all paths
  double us_f35 = 0, us_caatsa = 0, us_broad = 0;  ///< P(response includes ...)
  double russia_support = 0;
  /// P(US response | Türkiye kept the system: Stored or Activate), the reference-class event.
  std::array<double, kTreeUsMoves> us_given_kept{};
  double p_kept = 0;
};
S400TreeForecast forecast_of(const S400TreeInputs& in, const S400TreeProfile& p);

/// The agent logit QRE at in.lambda. Throws ComputationError when the iteration does not
/// converge to 1e-10.
S400TreeProfile s400_tree_qre(const S400TreeInputs& in);

struct S400TreeResult {
  S400TreeInputs inputs;
  S400TreeProfile qre;            ///< at inputs.lambda
  S400TreeForecast forecast;      ///< from qre
  S400TreeProfile limit;          ///< at lambda = 1e5 (approximate sequential equilibrium)
  S400TreeForecast limit_forecast;
  double limit_regret = 0;        ///< regret of `limit` on the tree (behavior_regret)
  /// lambda the limit reached: 1e5, or less where the principal branch turns back in lambda
  /// (then `limit` is the last point reached, and its regret says how far from equilibrium).
  double limit_lambda = 0;
  SolveResult core_lcp;           ///< exact NE of the two-player core (sequence form, Lemke)
  S400TreeForecast core_forecast; ///< its outcome probabilities
  /// The core equilibrium's US moves are best responses at every US set (beliefs by Bayes'
  /// rule where reached, the prior elsewhere): false flags a Nash equilibrium resting on a
  /// threat the US would not carry out.
  bool core_sequential = false;
  std::string summary() const;
};
S400TreeResult solve_s400_tree(const S400TreeInputs& in);

/// The most probable path (Türkiye's move, the US response, Russia's move; types summed out)
/// under a profile, e.g. "Türkiye: Keep stored; United States: Targeted CAATSA; Russia: Stay
/// out" (ties: the first in move order), and its probability.
std::pair<std::string, double> modal_path(const S400TreeInputs& in, const S400TreeProfile& p);

// ------------------------------------------------------------------ calibration (item 4)

/// A reference case as the game sees it: the buyer's move (kept the system or the deal: 1;
/// shelved, abandoned or not concluded: 0 = Return), the US response category (0-4 as
/// kTreeUsNames; a threat alone counts as Tolerate) and the case's alliance-portfolio
/// similarity proxy from us_relationship (table in docs/games.md).
struct S400CaseObs {
  std::string id;
  bool kept = false;
  int us_response = 0;
  double tr_us_similarity = 0;
};
/// Maps the reference class as known on `as_of` (YYYY-MM-DD; empty = the whole record): a case
/// contracted after as_of is left out; a response dated after it counts as Tolerate; an outcome
/// dated after it leaves the deal kept; a not-concluded case with no outcome date is left out
/// of an as-of view (its end cannot be dated). Year or month dates count from their first day
/// for `contracted` and their last day for responses and outcomes. Throws InputError naming the
/// case for an unknown us_relationship.
std::vector<S400CaseObs> s400_case_observations(const std::vector<ReferenceCase>& cases,
                                                const std::string& as_of = "");

struct S400Calibration {
  std::vector<std::string> fit_ids;     ///< cases in the fit
  double lambda = 0, congress_pressure = 0;
  double log_likelihood = 0;
  struct Loo {
    std::string id;
    std::array<double, kTreeUsMoves> game{}, base{};  ///< predicted P(US response | kept or not)
    double p_kept_game = 0, p_kept_base = 0;
    double brier_game = 0, brier_base = 0, log_game = 0, log_base = 0;  ///< US response only
  };
  std::vector<Loo> loo;
  double brier_game = 0, brier_base = 0, log_game = 0, log_base = 0;  ///< means over loo
};
/// Maximum-likelihood fit (Nelder-Mead on lambda = 1000 / (1 + e^-x), congress_pressure =
/// 10 / (1 + e^-y), so both stay inside their ranges without clipping) of
/// P(buyer's move) * P(US response | move) over the cases, other inputs from `base` with each
/// case's similarity; then leave-one-out. Base rate: the fit cases' response frequencies
/// (Laplace-smoothed, +1/2 per category) given the move.
S400Calibration calibrate_s400_tree(const S400TreeInputs& base, const std::vector<S400CaseObs>& cases);

/// The Brier score (sum over the five responses of (p - o)^2, 0 best, 2 worst) and the log score
/// (-ln p of what happened) of a forecast of the US response given the buyer's observed move.
struct S400CaseScore {
  std::array<double, kTreeUsMoves> p{};
  double brier = 0, log = 0;
};
S400CaseScore score_case(const S400TreeInputs& in, const S400CaseObs& actual);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_S400_TREE_H_
