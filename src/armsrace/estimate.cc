#include "geobalance/armsrace/estimate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/core/parallel.h"
#include "geobalance/core/random.h"
#include "geobalance/error.h"

namespace geobalance::armsrace {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Quantile of sorted data (linear interpolation between order statistics, Hyndman & Fan type 7).
double quantile_sorted(const std::vector<double>& s, double q) {
  if (s.empty()) return kNaN;
  double h = (static_cast<double>(s.size()) - 1) * q;
  auto lo = static_cast<std::size_t>(std::floor(h));
  std::size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

double chi2_upper(double x, double dof) {
  if (!(x >= 0) || !(dof > 0)) return kNaN;
  boost::math::chi_squared d(dof);
  return boost::math::cdf(boost::math::complement(d, x));
}
}  // namespace

void Series::validate() const {
  constexpr std::string_view w = "Series";
  if (actors.empty()) throw InputError(fmt::format("{}: actors is empty, but must name at least one actor", w));
  check_same_size(w, "years", years.size(), "values", values.size());
  for (std::size_t t = 0; t < years.size(); ++t) {
    if (t > 0 && years[t] != years[t - 1] + 1)
      throw InputError(fmt::format("{}: years[{}] is {}, but must be {} (consecutive years)", w, t, years[t],
                                   years[t - 1] + 1));
    check_same_size(w, fmt::format("values[{}]", t), values[t].size(), "actors", actors.size());
    check_finite(w, fmt::format("values[{}]", t), values[t]);
  }
}

std::size_t Series::row_of(int year) const {
  for (std::size_t t = 0; t < years.size(); ++t)
    if (years[t] == year) return t;
  throw InputError(SourceLocation{source}, fmt::format("year {}", year),
                   fmt::format("not in the series, which covers {}-{}", years.empty() ? 0 : years.front(),
                               years.empty() ? 0 : years.back()));
}

Series Series::slice(int first, int last) const {
  Series s;
  s.actors = actors;
  s.units = units;
  s.source = source;
  if (first > last) throw InputError(fmt::format("Series: years {}-{} are not a range (first > last)", first, last));
  std::size_t a = row_of(first), b = row_of(last);
  for (std::size_t t = a; t <= b; ++t) {
    s.years.push_back(years[t]);
    s.values.push_back(values[t]);
  }
  return s;
}

void FitOptions::validate() const {
  constexpr std::string_view w = "FitOptions";
  check_at_least(w, "bootstrap_replicates", bootstrap_replicates, 0);
  if (!(level > 0 && level < 1))
    throw InputError(fmt::format("{}: level is {}, but must be in (0, 1)", w, format_value(level)));
  check_at_least(w, "ljung_box_lags", ljung_box_lags, 0);
}

std::string FitResult::brief_report() const {
  std::string s = fmt::format("Richardson fit {}-{} ({} bootstrap replicates)\n", first_year, last_year,
                              bootstrap_replicates);
  for (const auto& e : equations) {
    s += fmt::format("  {}: R2 {:.3f}, DW {:.2f}, Ljung-Box p {:.3f}, Jarque-Bera p {:.3f}\n", e.actor, e.r_squared,
                     e.durbin_watson, e.ljung_box_p, e.jarque_bera_p);
    for (const auto& c : e.coefficients)
      s += fmt::format("    {:<14} {:>12.6g} (se {:.3g}) [{:.6g}, {:.6g}]\n", c.name, c.estimate, c.std_error,
                       c.ci_low, c.ci_high);
  }
  return s;
}

FitResult fit(const Series& series, const FitOptions& options) {
  series.validate();
  options.validate();
  const int N = static_cast<int>(series.actors.size());
  const int T = static_cast<int>(series.years.size());
  const int p = N + 1;
  // Memory: every bootstrap draw keeps N^2 + 2N coefficients. Refuse beyond 1e8 doubles (800
  // MB) before allocating, naming the flag (docs/limits.md).
  const double draw_doubles = static_cast<double>(options.bootstrap_replicates) * (N * N + 2.0 * N);
  if (draw_doubles > 1e8)
    throw InputError(SourceLocation{}, "--bootstrap",
                     fmt::format("found {}: {} replicates x {} coefficients = {:.3g} numbers, more than the bootstrap "
                                 "limit of 1e8 (800 MB; docs/limits.md); expected at most {} replicates for {} actors",
                                 options.bootstrap_replicates, options.bootstrap_replicates, N * N + 2 * N,
                                 draw_doubles, static_cast<long long>(1e8 / (N * N + 2.0 * N)), N));
  if (T < N + 3)
    throw InputError(SourceLocation{series.source}, "series",
                     fmt::format("found {} years ({}-{}), expected at least {} (N + 3 for {} actors)", T,
                                 T ? series.years.front() : 0, T ? series.years.back() : 0, N + 3, N));
  const int n = T - 1;
  // The fit runs on levels scaled by a power of two, 2^-e, chosen so the largest |level| is
  // in [0.5, 1). The model is linear in x, so k and a do not depend on the scale and g, its
  // standard error and interval, the residuals and residual_sd scale with it; a power of two
  // makes the scaling exact, so levels of ordinary size give bit-for-bit the unscaled
  // arithmetic, while levels of 1e-300 (whose squares underflow to 0, which made the design
  // look collinear) or 1e300 (whose squares overflow) are fitted as well as levels of 1.
  double vmax = 0;
  for (const auto& row : series.values)
    for (double v : row) vmax = std::max(vmax, std::fabs(v));
  int scale_exp = 0;
  if (vmax > 0) std::frexp(vmax, &scale_exp);
  auto unscale = [scale_exp](double v) { return std::ldexp(v, scale_exp); };
  // Design X = [x_1 .. x_N, 1], responses Y = yearly changes. One design serves every equation:
  // the coefficient of x_i in equation i is -a_i, of x_j (j != i) is k_ij, of 1 is g_i.
  Eigen::MatrixXd X(n, p), Y(n, N);
  for (int t = 0; t < n; ++t) {
    for (int j = 0; j < N; ++j) {
      X(t, j) = std::ldexp(series.values[t][j], -scale_exp);
      Y(t, j) = std::ldexp(series.values[t + 1][j], -scale_exp) - X(t, j);
    }
    X(t, N) = 1.0;
  }
  // Column scaling for conditioning (levels of 1e6 beside an intercept of 1).
  Eigen::VectorXd D(p);
  for (int c = 0; c < p; ++c) {
    double rms = X.col(c).norm() / std::sqrt(static_cast<double>(n));
    D(c) = rms > 0 ? rms : 1.0;
  }
  Eigen::MatrixXd Xs = X * D.cwiseInverse().asDiagonal();
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(Xs);
  qr.setThreshold(1e-10);
  if (qr.rank() < p)
    throw ComputationError(fmt::format("{}: the regressors of the Richardson fit are collinear (rank {} of {}); "
                                       "a constant or proportional series cannot identify the reactions",
                                       series.source.empty() ? "fit" : series.source, qr.rank(), p));
  Eigen::MatrixXd B = D.cwiseInverse().asDiagonal() * qr.solve(Y);
  Eigen::MatrixXd E = Y - X * B;
  // (Xs'Xs)^-1 = P R^-1 R^-T P'.
  Eigen::MatrixXd R = qr.matrixR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
  Eigen::MatrixXd Rinv = R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
  Eigen::MatrixXd XtXs_inv = qr.colsPermutation() * (Rinv * Rinv.transpose()) * qr.colsPermutation().transpose();
  Eigen::MatrixXd XtX_inv = D.cwiseInverse().asDiagonal() * XtXs_inv * D.cwiseInverse().asDiagonal();

  FitResult res;
  res.first_year = series.years.front();
  res.last_year = series.years.back();
  res.bootstrap_replicates = options.bootstrap_replicates;

  // Bootstrap: y* = X B + E[resampled rows]; draws[b] = {K row-major, a, g}.
  const int reps = options.bootstrap_replicates;
  res.draws.assign(reps, std::vector<double>());
  if (reps > 0) {
    Eigen::MatrixXd fitted = X * B;
    parallel_for(static_cast<std::size_t>(reps), options.threads, 16, [&](std::size_t lo, std::size_t hi) {
      Eigen::MatrixXd Ys(n, N);
      for (std::size_t b = lo; b < hi; ++b) {
        Rng rng(options.seed, b);
        for (int t = 0; t < n; ++t) {
          int src = static_cast<int>(rng.below(static_cast<std::uint64_t>(n)));
          Ys.row(t) = fitted.row(t) + E.row(src);
        }
        Eigen::MatrixXd Bb = D.cwiseInverse().asDiagonal() * qr.solve(Ys);
        std::vector<double> d(static_cast<std::size_t>(N * N + 2 * N));
        for (int i = 0; i < N; ++i) {
          for (int j = 0; j < N; ++j) d[i * N + j] = i == j ? 0.0 : Bb(j, i);
          d[N * N + i] = -Bb(i, i);
          d[N * N + N + i] = unscale(Bb(N, i));
        }
        res.draws[b] = std::move(d);
      }
    });
  }
  const double alpha = 1 - options.level;
  const double z = boost::math::quantile(boost::math::normal(), 1 - alpha / 2);
  auto ci = [&](std::size_t draw_index, double est, double se, Coefficient& c) {
    c.estimate = est;
    c.std_error = se;
    if (reps == 0) {
      c.ci_low = est - z * se;
      c.ci_high = est + z * se;
      return;
    }
    std::vector<double> v;
    v.reserve(reps);
    for (const auto& d : res.draws) v.push_back(d[draw_index]);
    std::sort(v.begin(), v.end());
    c.ci_low = quantile_sorted(v, alpha / 2);
    c.ci_high = quantile_sorted(v, 1 - alpha / 2);
  };

  Model& m = res.model;
  m.actors = series.actors;
  m.time = TimeMode::kDiscrete;
  m.period = 1;
  m.x0 = series.values.back();
  m.fatigue.assign(N, 0);
  m.grievance.assign(N, 0);
  m.defence.assign(N, std::vector<double>(N, 0.0));
  m.units = series.units;
  m.name = fmt::format("Richardson fit {}-{}", res.first_year, res.last_year);

  const double dof = n - p;
  for (int i = 0; i < N; ++i) {
    EquationFit eq;
    eq.actor = series.actors[i];
    eq.observations = n;
    Eigen::VectorXd e = E.col(i);
    const double rss = e.squaredNorm();
    const double s2 = rss / dof;
    auto se = [&](int c) { return std::sqrt(std::max(0.0, s2 * XtX_inv(c, c))); };
    for (int j = 0; j < N; ++j) {
      if (j == i) continue;
      Coefficient c;
      c.name = fmt::format("k[{},{}]", series.actors[i], series.actors[j]);
      ci(static_cast<std::size_t>(i * N + j), B(j, i), se(j), c);
      m.defence[i][j] = B(j, i);
      eq.coefficients.push_back(c);
    }
    Coefficient fa;
    fa.name = "fatigue";
    ci(static_cast<std::size_t>(N * N + i), -B(i, i), se(i), fa);
    m.fatigue[i] = -B(i, i);
    eq.coefficients.push_back(fa);
    Coefficient gr;
    gr.name = "grievance";
    ci(static_cast<std::size_t>(N * N + N + i), unscale(B(N, i)), unscale(se(N)), gr);
    m.grievance[i] = unscale(B(N, i));
    eq.coefficients.push_back(gr);

    Eigen::VectorXd y = Y.col(i);
    const double tss = (y.array() - y.mean()).square().sum();
    eq.r_squared = tss > 0 ? 1 - rss / tss : kNaN;
    eq.adjusted_r_squared = tss > 0 ? 1 - (1 - eq.r_squared) * (n - 1) / dof : kNaN;
    eq.residual_sd = unscale(std::sqrt(s2));
    double num = 0;
    for (int t = 1; t < n; ++t) num += (e(t) - e(t - 1)) * (e(t) - e(t - 1));
    eq.durbin_watson = rss > 0 ? num / rss : kNaN;
    const double mean = e.mean();
    Eigen::VectorXd ec = e.array() - mean;
    const double c0 = ec.squaredNorm();
    auto acf = [&](int k) {
      double s = 0;
      for (int t = k; t < n; ++t) s += ec(t) * ec(t - k);
      return c0 > 0 ? s / c0 : kNaN;
    };
    eq.lag1_autocorrelation = acf(1);
    int h = options.ljung_box_lags > 0 ? options.ljung_box_lags : std::max(1, std::min(4, n / 4));
    h = std::min(h, n - 1);
    eq.ljung_box_lags = h;
    double q = 0;
    for (int k = 1; k <= h; ++k) q += acf(k) * acf(k) / (n - k);
    eq.ljung_box_q = n * (n + 2.0) * q;
    eq.ljung_box_p = chi2_upper(eq.ljung_box_q, h);
    const double m2 = c0 / n;
    const double m3 = ec.array().cube().sum() / n;
    const double m4 = ec.array().square().square().sum() / n;
    if (m2 > 0) {
      const double skew = m3 / std::pow(m2, 1.5);
      const double kurt = m4 / (m2 * m2);
      eq.jarque_bera = n / 6.0 * (skew * skew + (kurt - 3) * (kurt - 3) / 4);
      eq.jarque_bera_p = chi2_upper(eq.jarque_bera, 2);
    } else {
      eq.jarque_bera = eq.jarque_bera_p = kNaN;
    }
    eq.residuals.resize(static_cast<std::size_t>(n));
    for (int t = 0; t < n; ++t) eq.residuals[static_cast<std::size_t>(t)] = unscale(e(t));
    res.equations.push_back(std::move(eq));
  }
  return res;
}

HoldoutResult holdout_check(const Series& series, int last_fit_year, const FitOptions& options) {
  series.validate();
  if (series.years.empty() || last_fit_year >= series.years.back() || last_fit_year < series.years.front())
    throw InputError(SourceLocation{series.source}, "holdout year",
                     fmt::format("found {}, expected a year in {}-{} that leaves at least one year to forecast",
                                 last_fit_year, series.years.empty() ? 0 : series.years.front(),
                                 series.years.empty() ? 0 : series.years.back() - 1));
  HoldoutResult h;
  h.fit = fit(series.slice(series.years.front(), last_fit_year), options);
  const int last = series.years.back();
  Trajectory tr = simulate(h.fit.model, last_fit_year, last, 1.0);
  const std::size_t N = series.actors.size();
  const std::vector<double>& base = series.values[series.row_of(last_fit_year)];
  h.mape.assign(N, 0);
  h.naive_mape.assign(N, 0);
  for (int y = last_fit_year + 1; y <= last; ++y) {
    h.years.push_back(y);
    const std::size_t k = static_cast<std::size_t>(y - last_fit_year);
    h.forecast.push_back(k < tr.values.size() ? tr.values[k] : std::vector<double>(N, kNaN));
    h.observed.push_back(series.values[series.row_of(y)]);
  }
  const double H = static_cast<double>(h.years.size());
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t t = 0; t < h.years.size(); ++t) {
      const double o = h.observed[t][i];
      h.mape[i] += 100.0 * std::fabs(h.forecast[t][i] - o) / std::fabs(o) / H;
      h.naive_mape[i] += 100.0 * std::fabs(base[i] - o) / std::fabs(o) / H;
    }
    h.mape_overall += h.mape[i] / static_cast<double>(N);
    h.naive_mape_overall += h.naive_mape[i] / static_cast<double>(N);
  }
  return h;
}

ForecastBand forecast_band(const FitResult& fit, const Model& model, double t0, double t1, double level,
                           unsigned threads) {
  if (!(level > 0 && level < 1))
    throw InputError(fmt::format("forecast_band: level is {}, but must be in (0, 1)", format_value(level)));
  model.validate();
  const std::size_t N = model.size();
  const double step = model.time == TimeMode::kDiscrete ? model.period : 1.0;
  Trajectory central = simulate(model, t0, t1, step);
  ForecastBand band;
  band.times = central.times;
  const std::size_t K = band.times.size();
  const std::size_t B = fit.draws.size();
  // runs[b][k][i]; NaN where a draw could not be run to time k.
  std::vector<std::vector<std::vector<double>>> runs(B);
  parallel_for(B, threads, 8, [&](std::size_t lo, std::size_t hi) {
    for (std::size_t b = lo; b < hi; ++b) {
      const auto& d = fit.draws[b];
      Model mb = model;
      for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < N; ++j) mb.defence[i][j] = d[i * N + j];
        mb.fatigue[i] = d[N * N + i];
        mb.grievance[i] = d[N * N + N + i];
      }
      runs[b].assign(K, std::vector<double>(N, kNaN));
      try {
        Trajectory tr = simulate(mb, t0, t1, step);
        for (std::size_t k = 0; k < std::min(K, tr.values.size()); ++k) runs[b][k] = tr.values[k];
      } catch (const InputError&) {
        // A draw outside the variant's domain (e.g. negative fatigue with a ceiling): skipped.
      }
    }
  });
  const double alpha = 1 - level;
  band.low.assign(K, std::vector<double>(N, kNaN));
  band.median = band.high = band.low;
  std::vector<double> v;
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t i = 0; i < N; ++i) {
      v.clear();
      for (std::size_t b = 0; b < B; ++b)
        if (std::isfinite(runs[b][k][i])) v.push_back(runs[b][k][i]);
      if (v.empty()) {
        band.median[k][i] = central.values.size() > k ? central.values[k][i] : kNaN;
        continue;
      }
      std::sort(v.begin(), v.end());
      band.low[k][i] = quantile_sorted(v, alpha / 2);
      band.median[k][i] = quantile_sorted(v, 0.5);
      band.high[k][i] = quantile_sorted(v, 1 - alpha / 2);
    }
  return band;
}

}  // namespace geobalance::armsrace
