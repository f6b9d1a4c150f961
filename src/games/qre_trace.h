// Internal: the arc-length predictor-corrector that traces the principal branch of a logit
// QRE correspondence, shared by the strategic-form solver (logit.cc) and the agent QRE on
// trees (sequence_solvers.cc). The two differ only in the system H(w) = 0 they follow, so
// the tracer is a template on that system.
//
// The unknowns are w = (log-probabilities..., lambda * scale); H has one row fewer than w,
// so its Jacobian J (N x (N+1)) has a one-dimensional null space: the path's tangent. Each
// step predicts along the tangent and corrects by minimum-norm Newton steps (Allgower &
// Georg 1990, ch. 2; the same scheme as Gambit's gambit-logit). A corrector that does not
// contract (norm not halved, or a step longer than half the predictor) halves the step.
#ifndef GEOBALANCE_SRC_GAMES_QRE_TRACE_H_
#define GEOBALANCE_SRC_GAMES_QRE_TRACE_H_

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "geobalance/games/equilibrium.h"

namespace geobalance::games::detail {

/// Tangent (unit null vector of J) and the minimum-norm solver of J d = rhs.
struct NullSpaceFactor {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr;
  Eigen::MatrixXd Q;
  int N;
  explicit NullSpaceFactor(const Eigen::MatrixXd& J) : qr(J.transpose()), N(static_cast<int>(J.rows())) {
    Q = qr.householderQ();
  }
  Eigen::VectorXd tangent() const { return Q.col(N); }
  Eigen::VectorXd solve(const Eigen::VectorXd& rhs) const {
    Eigen::MatrixXd R = qr.matrixQR().topLeftCorner(N, N);
    Eigen::VectorXd z = R.transpose().triangularView<Eigen::Lower>().solve(rhs);
    return Q.leftCols(N) * z;
  }
};

/// Follows the path from w (lambda = 0; w(N) must be 0) until lambda * scale reaches
/// options.max_lambda, the step budget runs out, or the step underflows. System must offer
///   int N; double scale;
///   void eval(const Eigen::VectorXd& w, Eigen::VectorXd& H, Eigen::MatrixXd& J);
///   std::vector<std::vector<double>> profile(const Eigen::VectorXd& w);
/// Records path points in res.qre_path (every options.record_every-th, and both ends) and sets
/// res.termination / res.message when the path stops short. Returns the last point.
template <class System>
Eigen::VectorXd trace_qre_path(System& sys, Eigen::VectorXd w, const LogitOptions& options, SolveResult& res) {
  const int N = sys.N;
  Eigen::VectorXd H;
  Eigen::MatrixXd J;
  sys.eval(w, H, J);
  Eigen::VectorXd t = NullSpaceFactor(J).tangent();
  if (t(N) < 0) t = -t;
  double h = options.first_step;
  auto record = [&](const Eigen::VectorXd& x) { res.qre_path.push_back(QrePoint{x(N) / sys.scale, sys.profile(x)}); };
  record(w);
  int steps = 0;
  bool reached = false;
  while (steps < options.max_steps) {
    ++steps;
    bool accepted = false;
    Eigen::VectorXd x;
    int iters = 0;
    while (!accepted) {
      x = w + h * t;
      bool ok = true;
      double prev = std::numeric_limits<double>::infinity();
      for (iters = 0; iters < 10; ++iters) {
        sys.eval(x, H, J);
        const double norm = H.template lpNorm<Eigen::Infinity>();
        if (!std::isfinite(norm)) {
          ok = false;
          break;
        }
        if (norm < 1e-10 * (1 + std::fabs(x(N)))) break;
        if (iters > 0 && norm > 0.5 * prev) {
          ok = false;
          break;
        }
        prev = norm;
        Eigen::VectorXd dx = NullSpaceFactor(J).solve(-H);
        if (dx.norm() > 0.5 * h + 1e-9) {
          ok = false;
          break;
        }
        x += dx;
      }
      if (ok && iters < 10) {
        accepted = true;
      } else {
        h *= 0.5;
        if (h < 1e-12) {
          res.termination = Termination::kNoLimit;
          res.message = fmt::format("the path could not be continued at lambda = {:.6g}", w(N) / sys.scale);
          break;
        }
      }
    }
    if (!accepted) break;
    Eigen::VectorXd tn = NullSpaceFactor(J).tangent();
    if (tn.dot(t) < 0) tn = -tn;
    w = x;
    t = tn;
    if (options.record_every > 0 && steps % options.record_every == 0) record(w);
    if (w(N) >= options.max_lambda) {
      reached = true;
      break;
    }
    if (iters <= 3) h = std::min(h * 2, options.max_step);
  }
  if (res.qre_path.empty() || res.qre_path.back().lambda != w(N) / sys.scale) record(w);
  if (!reached && res.termination == Termination::kComplete) {
    res.termination = Termination::kTruncated;
    res.message = fmt::format("stopped after {} steps at lambda = {:.6g}", steps, w(N) / sys.scale);
  }
  return w;
}

}  // namespace geobalance::games::detail

#endif  // GEOBALANCE_SRC_GAMES_QRE_TRACE_H_
