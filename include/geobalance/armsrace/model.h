// The N-actor Richardson arms-race model (Richardson 1960, "Arms and Insecurity"):
//
//   dx/dt = K x - diag(a) x + g                                   (continuous time)
//   x[n+1] = x[n] + period * (K x[n] - diag(a) x[n] + g)          (discrete time)
//
// x_i is actor i's armament level (military expenditure, warheads, ...); K is the defence
// (reaction) matrix with zero diagonal, k_ij = how strongly i responds to j's level; a_i is
// fatigue (the cost of keeping arms up); g_i is grievance (the drive to arm with no rival).
// Rates are per year when t is in years.
//
// Variants (Variant):
//  - kLinear: the model above. Fatigue may be negative here (self-stimulation, bureaucratic
//    momentum: estimation from data can produce it).
//  - kLogistic: the drive terms are damped by a carrying capacity C_i (Intriligator 1964,
//    "Some Simple Models of Arms Races"; the logistic ceiling of Ward 1984):
//      dx_i/dt = (sum_j k_ij x_j + g_i) (1 - x_i / C_i) - a_i x_i
//    Fatigue must be >= 0 (with negative fatigue the ceiling no longer bounds the race).
//  - kBudgetShare: as kLogistic, but the ceiling is a share of a growing economy,
//      C_i(t) = max_share_i * gdp_i * exp(gdp_growth_i * (t - gdp_year))
//    (spending cannot exceed a politically bearable share of GDP). Fatigue must be >= 0.
//
// Treaty caps (Cap) are dated events: from `from` until `until` the capped actor's level is
// held at or below `level`. At `from` a level above the cap is cut to the cap (the treaty's
// reductions are taken as done on entry into force); while the cap binds, the actor's level
// cannot rise above it (it stays on the cap while its drive is upward and leaves it as soon
// as the drive turns downward). At `until` the cap lapses.
#ifndef GEOBALANCE_ARMSRACE_MODEL_H_
#define GEOBALANCE_ARMSRACE_MODEL_H_

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace geobalance::armsrace {

enum class Variant { kLinear, kLogistic, kBudgetShare };
enum class TimeMode { kContinuous, kDiscrete };

/// A treaty limit on one actor: binds on [from, until).
struct Cap {
  std::size_t actor = 0;   ///< index into Model::actors
  double level = 0;        ///< the limit, in the units of x; finite, >= 0
  double from = 0;         ///< when the cap starts to bind (decimal year)
  double until = std::numeric_limits<double>::infinity();  ///< when it lapses (> from)
  std::string label;       ///< e.g. "New START central limit"
};

struct Model {
  std::vector<std::string> actors;           ///< N >= 1 distinct names
  std::vector<double> x0;                    ///< initial levels, finite
  std::vector<double> fatigue;               ///< a; finite; >= 0 unless kLinear
  std::vector<double> grievance;             ///< g; finite
  std::vector<std::vector<double>> defence;  ///< K, N x N, zero diagonal, finite
  Variant variant = Variant::kLinear;
  TimeMode time = TimeMode::kContinuous;
  /// Length of one discrete period (kDiscrete only), in the units of t. > 0.
  double period = 1;
  /// kLogistic: carrying capacity per actor, finite and > 0.
  std::vector<double> ceiling;
  /// kBudgetShare: economy size at gdp_year (> 0), its growth rate per unit time (finite),
  /// and the largest bearable share of it spent on arms (in (0, 1]).
  std::vector<double> gdp;
  std::vector<double> gdp_growth;
  std::vector<double> max_share;
  double gdp_year = 0;
  std::vector<Cap> caps;
  std::string name;   ///< optional description, for reports
  std::string units;  ///< optional units of x, for reports

  std::size_t size() const { return actors.size(); }
  /// Throws InputError naming the field, value and constraint, e.g.
  /// "Model: fatigue[1] is -0.2, but must be finite and >= 0 (variant 'logistic')".
  void validate() const;
  /// Index of an actor by name; throws InputError when absent.
  std::size_t actor_index(const std::string& name) const;
};

/// The drift f(t, x) of the model with no caps (the right-hand side in continuous time, the
/// per-period increment divided by `period` in discrete time). `out` is resized.
void drift(const Model& m, double t, const std::vector<double>& x, std::vector<double>& out);

/// The ceiling of actor i at time t (kLogistic, kBudgetShare); +inf for kLinear.
double ceiling_at(const Model& m, std::size_t i, double t);

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_MODEL_H_
