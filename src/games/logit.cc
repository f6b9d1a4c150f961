// Logit quantal-response equilibrium path (McKelvey and Palfrey 1995; path following as in
// Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal response equilibrium
// correspondence", Games and Economic Behavior 51:243-263).
//
// Unknowns w = (v, lambda), v the log-probabilities of every strategy. For each player p:
//   sum_s exp(v_ps) - 1 = 0
//   v_ps - v_p0 - lambda * (u_ps(pi) - u_p0(pi)) = 0        (s = 1 .. m_p - 1)
// with payoffs divided by their largest absolute value. The branch starting at the centroid
// (lambda = 0) is followed by arc-length predictor-corrector continuation (Allgower and Georg,
// "Introduction to Numerical Continuation Methods", ch. 2): Euler predictor along the tangent
// (the null vector of the Jacobian, from a QR factorisation of its transpose), Gauss-Newton
// corrector with the minimum-norm step, step-size adaptation.
#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "qre_trace.h"

namespace geobalance::games {

namespace {

struct Evaluator {
  const NormalFormGame& g;
  double scale = 1;
  int n = 0, N = 0;
  std::vector<int> off;

  explicit Evaluator(const NormalFormGame& game) : g(game) {
    n = g.num_players();
    for (int p = 0; p < n; ++p) {
      off.push_back(N);
      N += g.num_strategies(p);
    }
    auto [lo, hi] = g.payoff_range();
    scale = std::max({std::fabs(lo.get_d()), std::fabs(hi.get_d()), 1e-300});
    if (lo == 0 && hi == 0) scale = 1;
  }

  // u[(p,s)] values and cross[(p,s),(q,t)] derivatives at pi (normalised payoffs).
  void values(const std::vector<double>& pi, std::vector<double>& u, Eigen::MatrixXd& cross) const {
    u.assign(static_cast<std::size_t>(N), 0.0);
    cross.setZero(N, N);
    std::vector<int> s(static_cast<std::size_t>(n), 0);
    std::vector<double> pr(static_cast<std::size_t>(n));
    for (std::size_t k = 0; k < g.num_profiles(); ++k) {
      for (int r = 0; r < n; ++r) pr[static_cast<std::size_t>(r)] = pi[static_cast<std::size_t>(off[static_cast<std::size_t>(r)] + s[static_cast<std::size_t>(r)])];
      for (int p = 0; p < n; ++p) {
        double pay = g.payoff_double(k, p) / scale;
        if (pay == 0) continue;
        int ip = off[static_cast<std::size_t>(p)] + s[static_cast<std::size_t>(p)];
        double w = 1;
        for (int r = 0; r < n; ++r)
          if (r != p) w *= pr[static_cast<std::size_t>(r)];
        u[static_cast<std::size_t>(ip)] += pay * w;
        for (int q = 0; q < n; ++q) {
          if (q == p) continue;
          double wq = 1;
          for (int r = 0; r < n; ++r)
            if (r != p && r != q) wq *= pr[static_cast<std::size_t>(r)];
          cross(ip, off[static_cast<std::size_t>(q)] + s[static_cast<std::size_t>(q)]) += pay * wq;
        }
      }
      for (int p = 0; p < n; ++p) {
        if (++s[static_cast<std::size_t>(p)] < g.num_strategies(p)) break;
        s[static_cast<std::size_t>(p)] = 0;
      }
    }
  }

  // H(w) and its Jacobian (N x N+1).
  void eval(const Eigen::VectorXd& w, Eigen::VectorXd& H, Eigen::MatrixXd& J) const {
    const double lambda = w(N);
    std::vector<double> pi(static_cast<std::size_t>(N));
    for (int i = 0; i < N; ++i) pi[static_cast<std::size_t>(i)] = std::exp(w(i));
    std::vector<double> u;
    Eigen::MatrixXd cross;
    values(pi, u, cross);
    H.setZero(N);
    J.setZero(N, N + 1);
    for (int p = 0; p < n; ++p) {
      int o = off[static_cast<std::size_t>(p)], m = g.num_strategies(p);
      double sum = 0;
      for (int t = 0; t < m; ++t) {
        sum += pi[static_cast<std::size_t>(o + t)];
        J(o, o + t) = pi[static_cast<std::size_t>(o + t)];
      }
      H(o) = sum - 1;
      for (int s = 1; s < m; ++s) {
        int row = o + s;
        double du = u[static_cast<std::size_t>(o + s)] - u[static_cast<std::size_t>(o)];
        H(row) = w(o + s) - w(o) - lambda * du;
        J(row, o + s) += 1;
        J(row, o) -= 1;
        J(row, N) = -du;
        for (int q = 0; q < n; ++q) {
          if (q == p) continue;
          int oq = off[static_cast<std::size_t>(q)];
          for (int t = 0; t < g.num_strategies(q); ++t)
            J(row, oq + t) = -lambda * (cross(o + s, oq + t) - cross(o, oq + t)) * pi[static_cast<std::size_t>(oq + t)];
        }
      }
    }
  }

  std::vector<std::vector<double>> profile(const Eigen::VectorXd& w) const {
    std::vector<std::vector<double>> prof(static_cast<std::size_t>(n));
    for (int p = 0; p < n; ++p)
      for (int t = 0; t < g.num_strategies(p); ++t) prof[static_cast<std::size_t>(p)].push_back(std::exp(w(off[static_cast<std::size_t>(p)] + t)));
    return prof;
  }
};


// Exact Nash equilibrium of a bimatrix game with the given supports, if the indifference
// system has a unique solution that checks out.
bool exact_on_support(const NormalFormGame& g, const std::vector<std::vector<int>>& supp,
                      std::vector<std::vector<Rational>>& out) {
  // Player p's mixture makes the other player indifferent over the other's support.
  out.assign(2, {});
  for (int p = 0; p < 2; ++p) {
    int q = 1 - p;
    const auto& sp = supp[static_cast<std::size_t>(p)];
    const auto& sq = supp[static_cast<std::size_t>(q)];
    std::size_t k = sp.size();
    // unknowns: x_s (s in sp), v; equations: for t in sq: sum_s x_s u_q(s,t) - v = 0; sum x = 1
    std::size_t rows = sq.size() + 1, cols = k + 1;
    std::vector<std::vector<Rational>> M(rows, std::vector<Rational>(cols + 1, Rational(0)));
    for (std::size_t r = 0; r < sq.size(); ++r) {
      for (std::size_t c = 0; c < k; ++c) {
        std::vector<int> prof(2);
        prof[static_cast<std::size_t>(p)] = sp[c];
        prof[static_cast<std::size_t>(q)] = sq[r];
        M[r][c] = g.payoff(g.profile_index(prof), q);
      }
      M[r][k] = -1;
    }
    for (std::size_t c = 0; c < k; ++c) M[sq.size()][c] = 1;
    M[sq.size()][cols] = 1;
    // Gauss-Jordan
    std::size_t prow = 0;
    std::vector<int> pivcol;
    for (std::size_t c = 0; c < cols && prow < rows; ++c) {
      std::size_t piv = prow;
      while (piv < rows && sgn(M[piv][c]) == 0) ++piv;
      if (piv == rows) continue;
      std::swap(M[piv], M[prow]);
      Rational inv = 1 / M[prow][c];
      for (auto& x : M[prow]) x *= inv;
      for (std::size_t r = 0; r < rows; ++r) {
        if (r == prow || sgn(M[r][c]) == 0) continue;
        Rational f = M[r][c];
        for (std::size_t j = 0; j <= cols; ++j) M[r][j] -= f * M[prow][j];
      }
      pivcol.push_back(static_cast<int>(c));
      ++prow;
    }
    if (pivcol.size() != cols) return false;  // not unique
    for (std::size_t r = prow; r < rows; ++r)
      if (sgn(M[r][cols]) != 0) return false;  // inconsistent
    std::vector<Rational> x(static_cast<std::size_t>(g.num_strategies(p)), Rational(0));
    for (std::size_t r = 0; r < cols; ++r)
      if (pivcol[r] < static_cast<int>(k)) x[static_cast<std::size_t>(sp[static_cast<std::size_t>(pivcol[r])])] = M[r][cols];
    for (const auto& v : x)
      if (sgn(v) < 0) return false;
    out[static_cast<std::size_t>(p)] = std::move(x);
  }
  return max_regret(g, out) == 0;
}

// Newton's method on the support indifference system (n players), in doubles.
bool newton_on_support(const Evaluator& ev, const std::vector<std::vector<int>>& supp, std::vector<double>& pi) {
  const int N = ev.N;
  for (int it = 0; it < 60; ++it) {
    std::vector<double> u;
    Eigen::MatrixXd cross;
    ev.values(pi, u, cross);
    // equations per player: sum_{s in S} pi = 1; u_s - u_s0 = 0 for s in S \ s0; pi_t = 0 off S
    Eigen::VectorXd F = Eigen::VectorXd::Zero(N);
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(N, N);
    for (int p = 0; p < ev.n; ++p) {
      int o = ev.off[static_cast<std::size_t>(p)];
      const auto& S = supp[static_cast<std::size_t>(p)];
      std::vector<char> in(static_cast<std::size_t>(ev.g.num_strategies(p)), 0);
      for (int s : S) in[static_cast<std::size_t>(s)] = 1;
      int s0 = S[0];
      F(o + s0) = -1;
      for (int s : S) {
        F(o + s0) += pi[static_cast<std::size_t>(o + s)];
        J(o + s0, o + s) = 1;
      }
      for (int t = 0; t < ev.g.num_strategies(p); ++t) {
        if (t == s0) continue;
        int row = o + t;
        if (!in[static_cast<std::size_t>(t)]) {
          F(row) = pi[static_cast<std::size_t>(row)];
          J(row, row) = 1;
          continue;
        }
        F(row) = u[static_cast<std::size_t>(o + t)] - u[static_cast<std::size_t>(o + s0)];
        for (int q = 0; q < ev.n; ++q) {
          if (q == p) continue;
          int oq = ev.off[static_cast<std::size_t>(q)];
          for (int r = 0; r < ev.g.num_strategies(q); ++r) J(row, oq + r) = cross(o + t, oq + r) - cross(o + s0, oq + r);
        }
      }
    }
    if (F.lpNorm<Eigen::Infinity>() < 1e-15) return true;
    Eigen::VectorXd d = J.colPivHouseholderQr().solve(-F);
    if (!d.allFinite()) return false;
    for (int i = 0; i < N; ++i) pi[static_cast<std::size_t>(i)] += d(i);
    if (d.lpNorm<Eigen::Infinity>() < 1e-16) return true;
  }
  return true;
}

}  // namespace

SolveResult logit(const NormalFormGame& g, const LogitOptions& options) {
  options.validate();
  SolveResult res;
  res.method = Method::kLogit;
  res.layout = mixed_layout(g);
  Evaluator ev(g);
  const int N = ev.N;
  Eigen::VectorXd w(N + 1);
  for (int p = 0; p < ev.n; ++p)
    for (int t = 0; t < g.num_strategies(p); ++t) w(ev.off[static_cast<std::size_t>(p)] + t) = -std::log(static_cast<double>(g.num_strategies(p)));
  w(N) = 0;
  w = detail::trace_qre_path(ev, std::move(w), options, res);
  // Limiting Nash equilibrium from the support of the last point.
  auto prof = ev.profile(w);
  std::vector<std::vector<int>> supp(static_cast<std::size_t>(ev.n));
  for (int p = 0; p < ev.n; ++p) {
    double mx = *std::max_element(prof[static_cast<std::size_t>(p)].begin(), prof[static_cast<std::size_t>(p)].end());
    for (int s = 0; s < g.num_strategies(p); ++s)
      if (prof[static_cast<std::size_t>(p)][static_cast<std::size_t>(s)] > 1e-8 * mx) supp[static_cast<std::size_t>(p)].push_back(s);
  }
  bool pure = std::all_of(supp.begin(), supp.end(), [](const auto& s) { return s.size() == 1; });
  std::vector<std::vector<Rational>> exact;
  bool have_exact = false;
  if (pure) {
    exact.resize(static_cast<std::size_t>(ev.n));
    for (int p = 0; p < ev.n; ++p) {
      exact[static_cast<std::size_t>(p)].assign(static_cast<std::size_t>(g.num_strategies(p)), Rational(0));
      exact[static_cast<std::size_t>(p)][static_cast<std::size_t>(supp[static_cast<std::size_t>(p)][0])] = 1;
    }
    have_exact = max_regret(g, exact) == 0;
  } else if (ev.n == 2) {
    have_exact = exact_on_support(g, supp, exact);
  }
  if (have_exact) {
    res.equilibria.push_back(make_verified(g, std::move(exact)));
    return res;
  }
  std::vector<double> pi;
  for (const auto& b : prof)
    for (double x : b) pi.push_back(x);
  newton_on_support(ev, supp, pi);
  std::vector<std::vector<double>> approx(static_cast<std::size_t>(ev.n));
  for (int p = 0; p < ev.n; ++p) {
    double sum = 0;
    for (int s = 0; s < g.num_strategies(p); ++s) {
      double x = std::max(0.0, pi[static_cast<std::size_t>(ev.off[static_cast<std::size_t>(p)] + s)]);
      approx[static_cast<std::size_t>(p)].push_back(x);
      sum += x;
    }
    for (auto& x : approx[static_cast<std::size_t>(p)]) x /= sum;
  }
  double regret = max_regret(g, approx);
  if (regret <= 1e-9 * ev.scale) {
    Equilibrium e;
    e.exact = false;
    e.approx = approx;
    e.payoffs_approx = expected_payoffs(g, approx);
    e.max_regret = regret;
    res.equilibria.push_back(std::move(e));
  } else if (res.termination == Termination::kComplete) {
    res.termination = Termination::kNoLimit;
    res.message = fmt::format("no verified Nash equilibrium at the end of the path (regret {:.3g})", regret);
  }
  return res;
}

}  // namespace geobalance::games
