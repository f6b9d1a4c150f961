// The S-400 crisis template: a three-player perfect-information game whose payoffs are
// computed from numbers other modules produce (capability ratios from `power`, alliance-
// portfolio similarity from `alignment`, expected utilities from `bargaining`). The scenario
// engine fills S400Inputs; everything here is a pure function of it.
//
// Tree (18 terminal nodes):  Türkiye chooses  Shelve | Keep unactivated | Activate;
//   the US observes it and chooses  Tolerate | Targeted sanctions | Broad sanctions + F-35 exclusion;
//   Russia observes both and chooses  Support | No support.
//
// Notation: k = T's move severity (Shelve 0, Keep 0.5, Activate 1); r = US response level
// (Tolerate 0, Targeted 1, Broad 2); s = 1 if Russia supports; c = us_ru_capability_ratio,
// sU = tr_us_similarity, sR = tr_ru_similarity, w = c / (1 + c) (the US share of US+Russian
// capability), active = 1 if k > 0.
//
//   Türkiye  u_T = k * (1 + eu_tr_activate + (1 - sU) / 2)            value of operating the system
//                - (0, 1, 2.5)[r] * (1 + sU) * w * sanction_weight      cost of the US response
//                + s * active * 0.5 * (1 + sR) * (1 - 0.3 * [r == 2])    Russian backing (worth less
//                  * 1.4 / (1 + tr_ru_capability_ratio)                 once broad sanctions bite, and
//                                                                       more to a weaker Türkiye)
//   US       u_U = - k * (1 + sU)                                       cohesion loss from the move
//                - (0, 0.3, 1.0)[r] * (1 + sU) * (1 - k / 2)            friction of sanctioning an ally
//                + (0, 0.5, 1.0)[r] * k * 2 * w * (1 + eu_us_sanction)  deterrence / credibility gain
//                - s * [r == 2] * 0.5 * (1 + sR)                         pushing Türkiye towards Russia
//   Russia   u_R = k * (1 + eu_ru_support) * (1 - sU / 2)              wedge in NATO
//                + [r == 2] * 0.5                                       a US-Türkiye rift
//                + s * active * 0.5 * (1 + sR) * (1 + eu_ru_support)    gain from backing a partner
//                - s * (1 + r) * 0.4 * w                                cost of backing against the US
//
// Payoffs are rounded to 6 decimals and held as exact rationals, so the SPE are exact. The
// weights (0.3, 0.5, 2.5, ...) are the template's authored structure; sanction_weight is exposed.
#ifndef GEOBALANCE_GAMES_S400_H_
#define GEOBALANCE_GAMES_S400_H_

#include <string>
#include <string_view>
#include <vector>

#include "geobalance/games/equilibrium.h"
#include "geobalance/games/game.h"

namespace geobalance::games {

/// Inputs of the template. Defaults are expert-judgement placeholders (labelled as such in
/// docs/games.md; data/games/s400_default.efg is the game they produce) until the scenario
/// engine supplies the measured values.
struct S400Inputs {
  /// US CINC / Russian CINC (power module). Default 3.0: COW NMC 6.0 puts the US at about
  /// 0.14 and Russia near 0.04-0.05 in the late 2010s. Must be > 0.
  double us_ru_capability_ratio = 3.0;
  /// Türkiye CINC / Russian CINC (power module). Default 0.4 (about 0.016 vs 0.04). > 0.
  double tr_ru_capability_ratio = 0.4;
  /// Alliance-portfolio similarity S of Türkiye and the US (alignment module), in [-1, 1].
  /// Default 0.55 (NATO co-members with diverging regional alignments; expert judgement).
  double tr_us_similarity = 0.55;
  /// Alliance-portfolio similarity S of Türkiye and Russia, in [-1, 1]. Default 0.15.
  double tr_ru_similarity = 0.15;
  /// Türkiye's BDM expected utility of insisting on the S-400 against the US (bargaining
  /// module), in [-1, 1]. Default 0.25.
  double eu_tr_activate = 0.25;
  /// The US's BDM expected utility of confronting Türkiye over it, in [-1, 1]. Default 0.1.
  double eu_us_sanction = 0.1;
  /// Russia's BDM expected utility of backing Türkiye, in [-1, 1]. Default 0.2.
  double eu_ru_support = 0.2;
  /// Multiplier on the harm US sanctions do to Türkiye, >= 0. Default 1.
  double sanction_weight = 1.0;

  /// Throws InputError "S400Inputs: tr_us_similarity is 1.5, but must be in [-1, 1]".
  void validate() const;
};

/// One tunable field of S400Inputs (for the CLI, the sweep and the docs).
struct S400Field {
  std::string name;  ///< e.g. "tr_us_similarity" (CLI flag: --tr-us-similarity)
  std::string help;
  double S400Inputs::*member;
  double lo, hi;     ///< allowed range (inclusive); infinity where unbounded
};
const std::vector<S400Field>& s400_fields();
/// The field with this name (underscores or dashes); throws InputError listing the names.
const S400Field& s400_field(std::string_view name);

/// The game tree with payoffs from the formulas above. Players: "Türkiye", "United States",
/// "Russia".
ExtensiveFormGame build_s400_game(const S400Inputs& in);

/// The equilibrium path of one SPE: the three moves and the resulting payoffs.
struct S400Path {
  std::string turkiye, us, russia;
  std::vector<double> payoffs;  ///< Türkiye, US, Russia
  /// "Türkiye: Activate; United States: Targeted sanctions; Russia: Support".
  std::string text() const;
};

/// What the scenario brief shows.
struct S400Result {
  S400Inputs inputs;
  ExtensiveFormGame game;
  SolveResult spe;              ///< all pure subgame-perfect equilibria (exact)
  std::vector<S400Path> paths;  ///< equilibrium path of each SPE, distinct paths once each
  /// One paragraph: the equilibrium path(s) and payoffs.
  std::string summary() const;
};

S400Result solve_s400(const S400Inputs& in);

struct S400SweepPoint {
  double value = 0;
  std::vector<S400Path> paths;
  bool changed = false;  ///< the set of equilibrium paths differs from the previous point
};
struct S400Sweep {
  std::string parameter;
  std::vector<S400SweepPoint> points;
  /// Values (midpoints between neighbouring grid points) where the equilibrium path changes.
  std::vector<double> change_points;
};
/// Solves the template at `steps` evenly spaced values of one field from `from` to `to`
/// (inclusive), the other fields as in `base`. steps >= 2; the range must lie in the field's
/// allowed range.
S400Sweep sweep_s400(const S400Inputs& base, std::string_view parameter, double from, double to, int steps);

}  // namespace geobalance::games

#endif  // GEOBALANCE_GAMES_S400_H_
