// Proper scores for probabilistic forecasts given as an ensemble of M members x_1..x_M.
//
//   absolute error    |point - y|
//   CRPS (energy form, Gneiting & Raftery 2007, eq. 21):
//       CRPS = (1/M) sum_i |x_i - y|  -  1/(2 M^2) sum_i sum_j |x_i - x_j|
//     (the second mean runs over all M^2 ordered pairs, i = j included). It is in the units
//     of the series, lower is better, and for a one-member ensemble it equals |x_1 - y|.
//     Computed in O(M log M): sum_i sum_j |x_i - x_j| = 2 sum_k (2k - M - 1) x_(k), k = 1..M
//     over the sorted members.
//   central interval at level L: the empirical quantiles at (1-L)/2 and (1+L)/2, linear
//     interpolation between order statistics (Hyndman & Fan 1996 type 7, numpy's default):
//     q(p) = x_(f+1) + (h - f)(x_(f+2) - x_(f+1)), h = (M-1)p, f = floor(h), 0-based x_(.).
//     y is covered when lo <= y <= hi.
#ifndef GEOBALANCE_FORECAST_SCORES_H_
#define GEOBALANCE_FORECAST_SCORES_H_

#include <span>
#include <utility>
#include <vector>

namespace geobalance::forecast {

/// CRPS of an ensemble (any order) for the observation y. Throws InputError for an empty
/// ensemble or non-finite members.
double crps_ensemble(std::span<const double> members, double y);

/// Type-7 empirical quantile of a sorted, non-empty sample, p in [0, 1].
double quantile_sorted(std::span<const double> sorted, double p);

/// Central interval {lo, hi} at `level` (0 < level < 1) of an ensemble (any order).
std::pair<double, double> central_interval(std::span<const double> members, double level);

/// Whether y lies in the central interval at `level`.
bool covered(std::span<const double> members, double level, double y);

}  // namespace geobalance::forecast

#endif  // GEOBALANCE_FORECAST_SCORES_H_
