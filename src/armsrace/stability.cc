#include "geobalance/armsrace/stability.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "geobalance/armsrace/names.h"
#include "geobalance/check.h"

namespace geobalance::armsrace {

namespace {

std::string fmt_num(double x) { return fmt::format("{:.6g}", x); }

std::string fmt_complex(std::complex<double> z) {
  if (z.imag() == 0) return fmt_num(z.real());
  return fmt::format("{}{}{}i", fmt_num(z.real()), z.imag() < 0 ? "-" : "+", fmt_num(std::fabs(z.imag())));
}

}  // namespace

StabilityReport analyse_stability(const Model& m) {
  m.validate();
  const int n = static_cast<int>(m.size());
  Eigen::MatrixXd J(n, n);
  Eigen::VectorXd g(n), x0(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) J(i, j) = m.defence[i][j];
    J(i, i) = -m.fatigue[i];
    g(i) = m.grievance[i];
    x0(i) = m.x0[i];
  }
  StabilityReport rep;

  // Equilibrium: J x* = -g.
  Eigen::FullPivLU<Eigen::MatrixXd> lu(J);
  const double scale = J.cwiseAbs().maxCoeff();
  lu.setThreshold(1e-12);
  double rcond = 0;
  if (scale > 0 && lu.isInvertible()) rcond = lu.rcond();
  if (rcond > 1e-12) {
    Eigen::VectorXd xs = lu.solve(-g);
    rep.equilibrium_exists = true;
    rep.equilibrium.assign(xs.data(), xs.data() + n);
  }

  // Eigen-decomposition of J (and its transpose for left eigenvectors).
  Eigen::EigenSolver<Eigen::MatrixXd> es(J, true);
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  const bool discrete = m.time == TimeMode::kDiscrete;
  auto mult = [&](std::complex<double> lam) { return 1.0 + m.period * lam; };
  if (discrete) {
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return std::abs(mult(es.eigenvalues()(a))) > std::abs(mult(es.eigenvalues()(b)));
    });
  } else {
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return es.eigenvalues()(a).real() > es.eigenvalues()(b).real(); });
  }
  for (int k : order) {
    rep.eigenvalues.push_back(es.eigenvalues()(k));
    if (discrete) rep.multipliers.push_back(mult(es.eigenvalues()(k)));
  }
  if (!discrete) {
    std::sort(rep.eigenvalues.begin(), rep.eigenvalues.end(),
              [](auto a, auto b) { return a.real() > b.real(); });
  }
  rep.growth_rate = discrete ? std::abs(rep.multipliers.front()) : rep.eigenvalues.front().real();
  // A zero (or unit-modulus) mode within rounding of the matrix entries is not stable.
  const double tol = 1e-12 * std::max(1.0, scale * (discrete ? m.period : 1.0));
  rep.stable = discrete ? rep.growth_rate < 1 - tol : rep.growth_rate < -tol;

  if (n == 2) {
    rep.fatigue_product = m.fatigue[0] * m.fatigue[1];
    rep.reaction_product = m.defence[0][1] * m.defence[1][0];
  }
  std::string classical;
  if (n == 2)
    classical = fmt::format(" (a1*a2 = {} {} k12*k21 = {})", fmt_num(*rep.fatigue_product),
                            *rep.fatigue_product > *rep.reaction_product ? ">" : "<=", fmt_num(*rep.reaction_product));

  if (rep.stable) {
    rep.regime = Regime::kStableEquilibrium;
    std::string target = "an equilibrium";
    if (rep.equilibrium_exists) {
      target = "x* = (";
      for (int i = 0; i < n; ++i) target += (i ? ", " : "") + m.actors[i] + " " + fmt_num(rep.equilibrium[i]);
      target += ")";
    }
    rep.verdict = fmt::format("stable: levels converge to {}; {} {}{}", target,
                              discrete ? "largest multiplier modulus" : "largest eigenvalue real part",
                              fmt_num(rep.growth_rate), classical);
    return rep;
  }

  // Unstable: the dominant mode decides the fate.
  const int d = order.front();
  const std::complex<double> lam = es.eigenvalues()(d);
  const bool real_mode = std::fabs(lam.imag()) <= 1e-12 * std::max(1.0, std::abs(lam));
  const bool negative_multiplier = discrete && real_mode && mult(lam).real() < 0;
  if (!real_mode || negative_multiplier) {
    rep.regime = Regime::kOscillatory;
    rep.verdict = fmt::format("unstable: swings of growing amplitude (dominant {} {}){}",
                              discrete ? "multiplier" : "eigenvalue",
                              fmt_complex(discrete ? mult(lam) : lam), classical);
    return rep;
  }
  Eigen::VectorXd v = es.eigenvectors().col(d).real();
  // Left eigenvector: null vector of (J - lam I)^T.
  Eigen::MatrixXd A = (J - lam.real() * Eigen::MatrixXd::Identity(n, n)).transpose();
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeFullV);
  Eigen::VectorXd w = svd.matrixV().col(n - 1);
  const double vmax = v.cwiseAbs().maxCoeff();
  bool all_pos = true, all_neg = true;
  for (int i = 0; i < n; ++i) {
    if (v(i) < -1e-9 * vmax) all_pos = false;
    if (v(i) > 1e-9 * vmax) all_neg = false;
  }
  if (all_neg) {
    v = -v;
    std::swap(all_pos, all_neg);
  }
  if (w.dot(v) < 0) w = -w;
  std::string mode = discrete ? fmt::format("multiplier {}", fmt_num(mult(lam).real()))
                              : fmt::format("eigenvalue {}", fmt_num(lam.real()));
  if (!all_pos) {
    rep.regime = Regime::kSaddle;
    rep.verdict = fmt::format("unstable saddle: the growing mode ({}) moves actors in opposite directions{}", mode,
                              classical);
    return rep;
  }
  // Projection of the initial drift on the dominant mode (w.f(x0) has the sign of
  // w.(x0 - x*) when lam > 0).
  Eigen::VectorXd fx0 = J * x0 + g;
  const double c = w.dot(fx0);
  const double cscale = w.cwiseAbs().dot(((J.cwiseAbs() * x0.cwiseAbs()) + g.cwiseAbs()));
  if (std::fabs(c) <= 1e-12 * cscale) {
    rep.regime = Regime::kSaddle;
    rep.verdict = fmt::format("unstable saddle: the start lies on the stable manifold ({}){}", mode, classical);
  } else if (c > 0) {
    rep.regime = Regime::kRunawayRace;
    rep.verdict = fmt::format("unstable: runaway race, levels grow together ({}){}", mode, classical);
  } else {
    rep.regime = Regime::kDisarmamentSpiral;
    rep.verdict = fmt::format("unstable: disarmament spiral, levels fall together ({}){}", mode, classical);
  }
  if (m.variant != Variant::kLinear && rep.regime == Regime::kRunawayRace)
    rep.verdict += "; bounded by the ceilings";
  return rep;
}

}  // namespace geobalance::armsrace
