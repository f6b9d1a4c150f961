// Building blocks of the SMP (smp-ktab.md §4.1-4.5), exposed for the hand-worked tests.
// All positions and saliences here are on the 0-1 scale.
#ifndef GEOBALANCE_SRC_BARGAINING_SMP_DETAIL_H_
#define GEOBALANCE_SRC_BARGAINING_SMP_DETAIL_H_

#include <cstddef>
#include <vector>

#include "geobalance/bargaining/smp.h"

namespace geobalance::bargaining::detail {

/// U(d, R) = (1 - d)(1 + d R) for d <= 1, (1 - d)(1 + R) beyond.
inline double smp_utility(double d, double r) {
  return d <= 1.0 ? (1.0 - d) * (1.0 + d * r) : (1.0 - d) * (1.0 + r);
}

/// Probabilistic Condorcet election (§4.1), conditional model. `weights` has one entry per
/// voter; util[k * num_options + m] is voter k's utility of option m. Returns the normalised
/// probabilities of the options.
std::vector<double> pce(const std::vector<double>& weights, const std::vector<double>& util,
                        std::size_t num_options, SmpVictoryModel model = SmpVictoryModel::kLinear);

/// Risk attitudes from the PCE over actors' positions (§4.2 step 3). dist[i * n + j] = d_ij.
std::vector<double> risk_attitudes(const std::vector<double>& capability,
                                   const std::vector<double>& dist, SmpRiskRange range,
                                   SmpVictoryModel model = SmpVictoryModel::kLinear);

/// What estimator h believes actor i's risk attitude to be (§4.2 step 4).
double believed_risk(double r_h, double r_i, SmpRiskAdjust adjust);

/// h's estimate E(h, k = i, i, j) of (pi, Delta) when i challenges j (§4.3). u is h's
/// perspective matrix u[a * n + b]; w_total[a] = total salience * capability of a.
struct Challenge {
  double win_probability;
  double gain;
};
Challenge evaluate_challenge(const std::vector<double>& u, std::size_t n,
                             const std::vector<double>& sal_total,
                             const std::vector<double>& capability, std::size_t i,
                             std::size_t j);
/// The same on the transposed matrix ut[b * n + a] = u[a * n + b], with w[a] = sal_total[a] *
/// capability[a] (what the engine uses).
Challenge evaluate_challenge_t(const double* ut, std::size_t n, const double* w,
                               const double* sal_total, std::size_t i, std::size_t j);

/// KTAB's rounding of bargain points: int(0.5 + 1e4 z) / 1e4.
inline double round4(double z) { return static_cast<double>(static_cast<long long>(0.5 + 1e4 * z)) / 1e4; }

/// The bargain points (b_i, b_j) on one dimension (§4.5) for win probability p of i.
void bargain_point(double x_i, double x_j, double s_i, double s_j, double p,
                   SmpBargainWeights weights, double* b_i, double* b_j);

}  // namespace geobalance::bargaining::detail

#endif  // GEOBALANCE_SRC_BARGAINING_SMP_DETAIL_H_
