#include "geobalance/forecast/var.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <boost/math/distributions/fisher_f.hpp>
#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::forecast {
namespace {

// ln det of a symmetric positive-definite matrix (via LDLT); -inf when singular.
double log_det_symmetric(const Eigen::MatrixXd& m) {
  Eigen::LDLT<Eigen::MatrixXd> ldlt(m);
  double ld = 0;
  const Eigen::VectorXd d = ldlt.vectorD();
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    if (!(d(i) > 0)) return -std::numeric_limits<double>::infinity();
    ld += std::log(d(i));
  }
  return ld;
}

}  // namespace

int max_estimable_lags(int t, int k) { return (t - k - 1) / (1 + k); }

VarFit fit_var(const Eigen::MatrixXd& y, int p, int offset) {
  const int t = static_cast<int>(y.rows()), k = static_cast<int>(y.cols());
  if (k < 1) throw InputError("fit_var: the series has no variables, but must have >= 1");
  if (p < 0 || offset < 0) throw InputError(fmt::format("fit_var: lag order {} and offset {}, but both must be >= 0", p, offset));
  if (!y.allFinite()) throw InputError("fit_var: the series has a non-finite value, but every value must be finite");
  const int nobs = t - p - offset, ncoef = 1 + k * p;
  if (nobs <= ncoef)
    throw InputError(fmt::format("fit_var: {} observations for a VAR({}) of {} variables, but it needs more than {}",
                                 nobs, p, k, ncoef));
  Eigen::MatrixXd z(nobs, ncoef), ys(nobs, k);
  for (int r = 0; r < nobs; ++r) {
    const int row = offset + p + r;  // the observation y_t
    z(r, 0) = 1.0;
    for (int l = 0; l < p; ++l) z.block(r, 1 + k * l, 1, k) = y.row(row - l - 1);
    ys.row(r) = y.row(row);
  }
  VarFit f;
  f.k = k;
  f.p = p;
  f.nobs = nobs;
  f.df_resid = nobs - ncoef;
  const Eigen::MatrixXd zz = z.transpose() * z;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(zz);
  if (!lu.isInvertible()) throw ComputationError(fmt::format("fit_var: Z'Z of the VAR({}) is singular", p));
  // Least squares by column-pivoting QR of Z (numerically better than the normal equations).
  f.params = z.colPivHouseholderQr().solve(ys);
  f.zz_inv = lu.inverse();
  f.resid = ys - z * f.params;
  const Eigen::MatrixXd sse = f.resid.transpose() * f.resid;
  f.sigma_u = sse / static_cast<double>(f.df_resid);
  f.sigma_u_mle = sse / static_cast<double>(nobs);
  const double ld = log_det_symmetric(f.sigma_u_mle);
  const double n = nobs, free = static_cast<double>(p) * k * k + k;
  f.aic = ld + 2.0 / n * free;
  f.bic = ld + std::log(n) / n * free;
  f.hqic = ld + 2.0 * std::log(std::log(n)) / n * free;
  return f;
}

int LagSelection::best(InfoCriterion c, int min_p) const {
  const std::vector<double>& v = c == InfoCriterion::kAic ? aic : c == InfoCriterion::kBic ? bic : hqic;
  int best_p = -1;
  for (int p = std::max(0, min_p); p < static_cast<int>(v.size()); ++p)
    if (best_p < 0 || v[std::size_t(p)] < v[std::size_t(best_p)]) best_p = p;
  return best_p;
}

LagSelection select_var_order(const Eigen::MatrixXd& y, int maxlags) {
  const int t = static_cast<int>(y.rows()), k = static_cast<int>(y.cols());
  if (maxlags < 0 || maxlags > max_estimable_lags(t, k))
    throw InputError(fmt::format("select_var_order: maxlags is {}, but must be in [0, {}] for {} observations of {} variables",
                                 maxlags, max_estimable_lags(t, k), t, k));
  LagSelection s;
  s.maxlags = maxlags;
  for (int p = 0; p <= maxlags; ++p) {
    VarFit f = fit_var(y, p, maxlags - p);
    s.aic.push_back(f.aic);
    s.bic.push_back(f.bic);
    s.hqic.push_back(f.hqic);
  }
  s.aic_order = s.best(InfoCriterion::kAic);
  s.bic_order = s.best(InfoCriterion::kBic);
  s.hqic_order = s.best(InfoCriterion::kHqic);
  return s;
}

GrangerTest granger_test(const VarFit& fit, const std::vector<int>& caused, const std::vector<int>& causing) {
  const int k = fit.k, p = fit.p;
  if (p < 1) throw InputError("granger_test: the VAR has 0 lags, but a Granger test needs >= 1");
  std::set<int> a(caused.begin(), caused.end()), b(causing.begin(), causing.end());
  if (caused.empty() || causing.empty() || a.size() != caused.size() || b.size() != causing.size())
    throw InputError("granger_test: caused and causing must be non-empty lists without repeats");
  for (int v : caused)
    if (v < 0 || v >= k || b.count(v)) throw InputError(fmt::format("granger_test: caused variable {} is out of range or also causing", v));
  for (int v : causing)
    if (v < 0 || v >= k) throw InputError(fmt::format("granger_test: causing variable {} is out of range", v));
  // Restricted coefficients B(r, i): equation i (caused), regressor r = 1 + k l + j (j causing).
  struct Coef {
    int r, i;
  };
  std::vector<Coef> sel;
  for (int l = 0; l < p; ++l)
    for (int j : causing)
      for (int i : caused) sel.push_back({1 + k * l + j, i});
  const int q = static_cast<int>(sel.size());
  Eigen::VectorXd cb(q);
  Eigen::MatrixXd mid(q, q);
  for (int u = 0; u < q; ++u) {
    cb(u) = fit.params(sel[std::size_t(u)].r, sel[std::size_t(u)].i);
    for (int v = 0; v < q; ++v)  // Cov(vec B') = (Z'Z)^-1 (x) sigma_u
      mid(u, v) = fit.zz_inv(sel[std::size_t(u)].r, sel[std::size_t(v)].r) * fit.sigma_u(sel[std::size_t(u)].i, sel[std::size_t(v)].i);
  }
  GrangerTest g;
  g.caused = caused;
  g.causing = causing;
  g.df_num = q;
  g.df_den = k * fit.df_resid;
  g.f = cb.dot(mid.ldlt().solve(cb)) / q;
  if (std::isfinite(g.f) && g.f >= 0) {
    boost::math::fisher_f dist(g.df_num, g.df_den);
    g.p_value = boost::math::cdf(boost::math::complement(dist, g.f));
  } else {
    g.p_value = std::numeric_limits<double>::quiet_NaN();
  }
  return g;
}

Eigen::MatrixXd var_forecast_mean(const VarFit& fit, const Eigen::MatrixXd& history, int h) {
  const int k = fit.k, p = fit.p;
  if (history.cols() != k || history.rows() < p)
    throw InputError(fmt::format("var_forecast_mean: history is {}x{}, but must have >= {} rows of {} variables",
                                 history.rows(), history.cols(), p, k));
  Eigen::MatrixXd path(p + h, k);
  if (p > 0) path.topRows(p) = history.bottomRows(p);
  for (int s = 0; s < h; ++s) {
    Eigen::RowVectorXd next = fit.params.row(0);
    for (int l = 0; l < p; ++l) next += path.row(p + s - l - 1) * fit.params.block(1 + k * l, 0, k, k);
    path.row(p + s) = next;
  }
  return path.bottomRows(h);
}

}  // namespace geobalance::forecast
