// Monte Carlo sensitivity of a bargaining forecast, for any model (SMP, BDM) through a
// callback that maps an issue to its final positions.
//
// Replicate r perturbs every actor from the stream Rng(seed, r), actor by actor in input
// order, drawing per actor: one standard normal Z_c, then per dimension k a Z_x and a Z_s:
//   capability  c' = c * exp(capability_sd * Z_c)                  (log-normal, median c)
//   position    x' = clamp(x + position_sd * (max - min) * Z_x, min, max)
//   salience    s' = clamp(s + salience_sd * Z_s, 0, 1); if the actor's s' sum to more than
//               1 they are divided by their sum; if they are all 0 the actor keeps s.
// The model runs on the perturbed issue; the replicate's forecast outcome on dimension k is
// the capability-times-salience weighted mean of the final positions (with the perturbed
// weights), Sum c'_i s'_ik y_ik / Sum c'_i s'_ik. Summaries: mean, sd, quantiles (type 7,
// linear interpolation between order statistics) and P(outcome > threshold) per dimension,
// and per actor and dimension the mean final position.
//
// Each replicate writes only its own slot, so results are identical for 1 and N threads.
// Cost: replicates x the model's cost, spread over `threads` threads.
#ifndef GEOBALANCE_BARGAINING_MONTECARLO_H_
#define GEOBALANCE_BARGAINING_MONTECARLO_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "geobalance/bargaining/issue.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/core/parallel.h"

namespace geobalance::bargaining {

/// A model: final positions of the issue's actors, actor-major (y[i * dims + k]), on the
/// issue's scale.
using BargainModel = std::function<std::vector<double>(const Issue&)>;
/// As BargainModel, also given the replicate index (for models with randomness of their own,
/// e.g. the SMP's stochastic transitions, which then draw from Rng(seed, replicate)).
using ReplicateModel = std::function<std::vector<double>(const Issue&, std::uint64_t replicate)>;

/// Most final positions (replicates x actors x dimensions) a Monte Carlo run keeps: 800 MB of
/// doubles. Beyond it run_monte_carlo* throw InputError naming --replicates before allocating.
inline constexpr std::size_t kMaxMonteCarloPositions = 100'000'000;

struct MonteCarloOptions {
  std::uint64_t seed = 1;
  std::size_t replicates = 1000;
  unsigned threads = 0;  ///< 0 = default_threads()
  /// Standard deviation of log capability (0.2: a one-sigma error of about +-20 %).
  double capability_sd = 0.2;
  /// Standard deviation of positions as a fraction of the scale width (0.05 = 5 points on
  /// a 0-100 scale).
  double position_sd = 0.05;
  /// Standard deviation of saliences on the [0, 1] scale (0.05 = 5 points of 100).
  double salience_sd = 0.05;
  /// Quantile levels reported, each in [0, 1].
  std::vector<double> quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
  /// P(outcome > threshold) is reported for each threshold (on the issue's scale).
  std::vector<double> thresholds = {50};
  /// Draw a progress bar on stderr when it is a terminal.
  bool progress = true;

  void validate() const;
};

struct MonteCarloSummary {
  std::size_t replicates = 0;
  std::size_t num_actors = 0;
  std::size_t num_dims = 0;
  bool cancelled = false;  ///< the token fired; summaries cover the finished replicates
  /// outcomes[r * num_dims + k]: replicate r's forecast outcome on dimension k.
  std::vector<double> outcomes;
  std::vector<double> mean;                      ///< per dimension
  std::vector<double> sd;                        ///< per dimension (n - 1 denominator)
  std::vector<std::vector<double>> quantiles;    ///< [dim][level], levels as in the options
  std::vector<std::vector<double>> p_above;      ///< [dim][threshold]
  std::vector<double> mean_final_position;       ///< [actor * num_dims + dim]
  std::vector<double> quantile_levels;
  std::vector<double> thresholds;
};

/// The perturbed issue of replicate `replicate` (the draws described above).
Issue perturb_issue(const Issue& issue, const MonteCarloOptions& options, std::uint64_t replicate);

/// Capability-times-salience weighted mean of final positions y (actor-major) per dimension.
std::vector<double> weighted_outcome(const Issue& issue, const std::vector<double>& y);

/// Runs the ensemble. Throws InputError for invalid options or a model result of the wrong
/// size; the first exception thrown by the model is rethrown.
MonteCarloSummary run_monte_carlo(const Issue& issue, const BargainModel& model,
                                  const MonteCarloOptions& options,
                                  const CancelToken& cancel = CancelToken{});
MonteCarloSummary run_monte_carlo_replicates(const Issue& issue, const ReplicateModel& model,
                                             const MonteCarloOptions& options,
                                             const CancelToken& cancel = CancelToken{});

/// The SMP as a Monte Carlo model: run_smp(issue, options) with options.stream = replicate
/// (matters only for stochastic transitions); returns the final positions.
ReplicateModel smp_model(SmpOptions options);

/// Type-7 quantile of a sample (sorted internally); nan for an empty sample.
double sample_quantile(std::vector<double> xs, double level);

}  // namespace geobalance::bargaining

#endif  // GEOBALANCE_BARGAINING_MONTECARLO_H_
