// Equilibrium and stability of a Richardson model's linear part J = K - diag(a).
//
// Equilibrium: x* solves J x* = -g (Eigen FullPivLU); when J is singular (numerical rank
// below N, or reciprocal condition below 1e-12) there is no unique equilibrium and the
// report says so. Stability: continuous time is stable iff every eigenvalue of J has a
// negative real part; discrete time iff every eigenvalue of I + period*J lies inside the
// unit circle. For two actors with positive reactions the continuous condition is
// Richardson's classical a1*a2 > k12*k21.
//
// Regime (the fate of the race started at x0):
//  - kStableEquilibrium: stable; levels converge to x*.
//  - kRunawayRace / kDisarmamentSpiral: unstable with a real dominant mode whose eigenvector
//    has one sign (all actors move together); the sign of w.f(x0) (w the dominant left
//    eigenvector, f the drift at x0) says whether the race runs up or collapses.
//  - kSaddle: unstable, but the start lies on the stable manifold (w.f(x0) = 0) or the
//    dominant mode moves actors in opposite directions (one arms while another disarms).
//  - kOscillatory: unstable with complex (or, in discrete time, negative) dominant modes:
//    swings of growing amplitude.
// For the ceiling variants the analysis is of the linear part: "runaway" then means the
// race runs up to the ceilings rather than without bound.
// Cost: O(N^3).
#ifndef GEOBALANCE_ARMSRACE_STABILITY_H_
#define GEOBALANCE_ARMSRACE_STABILITY_H_

#include <complex>
#include <optional>
#include <string>
#include <vector>

#include "geobalance/armsrace/model.h"

namespace geobalance::armsrace {

enum class Regime { kStableEquilibrium, kRunawayRace, kDisarmamentSpiral, kSaddle, kOscillatory };

struct StabilityReport {
  bool equilibrium_exists = false;
  std::vector<double> equilibrium;  ///< x*, when it exists
  /// Eigenvalues of J = K - diag(a), largest real part first.
  std::vector<std::complex<double>> eigenvalues;
  /// Discrete time: eigenvalues of I + period*J, largest modulus first (empty otherwise).
  std::vector<std::complex<double>> multipliers;
  /// Largest real part of the eigenvalues of J (continuous time) or largest modulus of the
  /// multipliers (discrete time).
  double growth_rate = 0;
  bool stable = false;
  Regime regime = Regime::kStableEquilibrium;
  /// Two actors only: a1*a2 and k12*k21 (Richardson's condition is the first > the second).
  std::optional<double> fatigue_product;
  std::optional<double> reaction_product;
  std::string verdict;  ///< one sentence, e.g. "stable: converges to x* (a1*a2 = ... > ...)"
};

/// Throws InputError when the model is invalid.
StabilityReport analyse_stability(const Model& m);

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_STABILITY_H_
