#include "geobalance/forecast/models.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/core/random.h"
#include "geobalance/error.h"

namespace geobalance::forecast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Forecasts = std::vector<std::optional<StateForecast>>;

// Usable for a model: observed, and > 0 when the series is modelled in logs.
bool usable(const AnnualSeries& s, double v) { return !std::isnan(v) && (!s.positive() || v > 0); }
double to_model(const AnnualSeries& s, double v) { return s.positive() ? std::log(v) : v; }
double from_model(const AnnualSeries& s, double z) { return s.positive() ? std::exp(z) : z; }

// First year of the run of usable values ending at `origin`, no earlier than the window allows;
// origin + 1 when the origin itself is not usable.
int tail_start(const AnnualSeries& s, std::size_t st, int origin, int window) {
  int lo = window > 0 ? std::max(s.first_year, origin - window + 1) : s.first_year;
  int y = origin;
  while (y >= lo && usable(s, s.at(st, y))) --y;
  return y + 1;
}

// M members z_m = mean + sd * Phi^-1((m + 1/2) / M), mapped back from the model scale.
std::vector<double> gaussian_members(const AnnualSeries& s, double mean, double sd, int m) {
  std::vector<double> out(std::size_t(m), from_model(s, mean));
  if (!(sd > 0)) return out;
  boost::math::normal n01;
  for (int i = 0; i < m; ++i)
    out[std::size_t(i)] = from_model(s, mean + sd * boost::math::quantile(n01, (i + 0.5) / m));
  return out;
}

Forecasts nochange(const AnnualSeries& s, int origin, int max_h, const ForecastOptions& o) {
  Forecasts out(s.states.size());
  for (std::size_t st = 0; st < s.states.size(); ++st) {
    const double yt = s.at(st, origin);
    if (std::isnan(yt)) continue;
    StateForecast f;
    for (int h = 1; h <= max_h; ++h) {
      f.point.push_back(yt);
      std::vector<double> m;
      const int first = o.window > 0 ? std::max(s.first_year, origin - o.window + 1) : s.first_year;
      for (int t = first; t + h <= origin; ++t) {
        const double a = s.at(st, t), b = s.at(st, t + h);
        if (std::isnan(a) || std::isnan(b)) continue;
        if (s.positive()) {
          if (a > 0 && b > 0) m.push_back(yt * (b / a));
        } else {
          m.push_back(yt + (b - a));
        }
      }
      if (m.empty()) m.push_back(yt);
      f.members.push_back(std::move(m));
    }
    out[st] = std::move(f);
  }
  return out;
}

Forecasts trend(const AnnualSeries& s, int origin, int max_h, const ForecastOptions& o) {
  Forecasts out(s.states.size());
  for (std::size_t st = 0; st < s.states.size(); ++st) {
    if (std::isnan(s.at(st, origin))) continue;
    std::vector<double> xs, zs;
    for (int y = origin - o.trend_years + 1; y <= origin; ++y)
      if (usable(s, s.at(st, y))) xs.push_back(y), zs.push_back(to_model(s, s.at(st, y)));
    const std::size_t n = xs.size();
    if (n < 3) continue;
    double xbar = 0, zbar = 0;
    for (std::size_t i = 0; i < n; ++i) xbar += xs[i], zbar += zs[i];
    xbar /= double(n), zbar /= double(n);
    double sxx = 0, sxz = 0;
    for (std::size_t i = 0; i < n; ++i) sxx += (xs[i] - xbar) * (xs[i] - xbar), sxz += (xs[i] - xbar) * (zs[i] - zbar);
    const double b = sxz / sxx, a = zbar - b * xbar;
    double rss = 0;
    for (std::size_t i = 0; i < n; ++i) rss += std::pow(zs[i] - a - b * xs[i], 2);
    const double s2 = rss / double(n - 2);
    StateForecast f;
    for (int h = 1; h <= max_h; ++h) {
      const double x = origin + h, mean = a + b * x;
      const double sd = std::sqrt(s2 * (1 + 1.0 / double(n) + (x - xbar) * (x - xbar) / sxx));
      f.point.push_back(from_model(s, mean));
      f.members.push_back(gaussian_members(s, mean, sd, o.ensemble));
    }
    out[st] = std::move(f);
  }
  return out;
}

Forecasts ar1(const AnnualSeries& s, int origin, int max_h, const ForecastOptions& o) {
  Forecasts out(s.states.size());
  for (std::size_t st = 0; st < s.states.size(); ++st) {
    const int start = tail_start(s, st, origin, o.window);
    const int n = origin - start;  // pairs (z_{t-1}, z_t)
    if (n < 5) continue;
    Eigen::MatrixXd x(n, 2);
    Eigen::VectorXd z(n);
    for (int r = 0; r < n; ++r) {
      x(r, 0) = 1;
      x(r, 1) = to_model(s, s.at(st, start + r));
      z(r) = to_model(s, s.at(st, start + r + 1));
    }
    auto qr = x.colPivHouseholderQr();
    if (qr.rank() < 2) continue;
    const Eigen::VectorXd beta = qr.solve(z);
    const double s2 = (z - x * beta).squaredNorm() / double(n - 2);
    const double c = beta(0), phi = beta(1);
    StateForecast f;
    f.note = fmt::format("phi {:.3f}", phi);
    double mean = to_model(s, s.at(st, origin)), var = 0, pw = 1;
    for (int h = 1; h <= max_h; ++h) {
      mean = c + phi * mean;
      var += s2 * pw;
      pw *= phi * phi;
      f.point.push_back(from_model(s, mean));
      f.members.push_back(gaussian_members(s, mean, std::sqrt(var), o.ensemble));
    }
    out[st] = std::move(f);
  }
  return out;
}

// The states with a usable origin value and the common first year of their usable runs.
std::vector<std::size_t> system_states(const AnnualSeries& s, int origin, int window, int* start) {
  std::vector<std::size_t> sys;
  *start = std::numeric_limits<int>::min();
  for (std::size_t st = 0; st < s.states.size(); ++st) {
    int t0 = tail_start(s, st, origin, window);
    if (t0 > origin) continue;
    sys.push_back(st);
    *start = std::max(*start, t0);
  }
  return sys;
}

Forecasts richardson(const AnnualSeries& s, int origin, int max_h, const ForecastOptions& o, std::uint64_t stream) {
  Forecasts out(s.states.size());
  int start = 0;
  const std::vector<std::size_t> sys = system_states(s, origin, o.window, &start);
  const int k = static_cast<int>(sys.size()), n = origin - start;  // n yearly changes
  if (k < 2 || n < 6) return out;
  // Levels on the window, [year][i].
  Eigen::MatrixXd lv(n + 1, k);
  for (int r = 0; r <= n; ++r)
    for (int i = 0; i < k; ++i) lv(r, i) = s.at(sys[std::size_t(i)], start + r);
  auto rival = [&](const Eigen::RowVectorXd& x, int i) { return x.sum() - x(i); };
  std::vector<Eigen::Vector3d> coef(static_cast<std::size_t>(k));
  std::vector<double> sd(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) {
    Eigen::MatrixXd x(n, 3);
    Eigen::VectorXd d(n);
    for (int r = 0; r < n; ++r) {
      x(r, 0) = 1;
      x(r, 1) = std::log(rival(lv.row(r), i));
      x(r, 2) = std::log(lv(r, i));
      d(r) = std::log(lv(r + 1, i)) - std::log(lv(r, i));
    }
    auto qr = x.colPivHouseholderQr();
    if (qr.rank() < 3) return out;
    coef[std::size_t(i)] = qr.solve(d);
    sd[std::size_t(i)] = std::sqrt((d - x * coef[std::size_t(i)]).squaredNorm() / double(n - 3));
  }
  auto step = [&](const Eigen::RowVectorXd& x, Rng* rng) {
    Eigen::RowVectorXd next(k);
    for (int i = 0; i < k; ++i) {
      const Eigen::Vector3d& c = coef[std::size_t(i)];
      double growth = c(0) + c(1) * std::log(rival(x, i)) + c(2) * std::log(x(i));
      if (rng) growth += sd[std::size_t(i)] * rng->normal();
      next(i) = x(i) * std::exp(growth);
    }
    return next;
  };
  std::vector<StateForecast> f(static_cast<std::size_t>(k));
  Eigen::RowVectorXd x = lv.row(n);
  for (int h = 1; h <= max_h; ++h) {
    x = step(x, nullptr);
    for (int i = 0; i < k; ++i) {
      f[std::size_t(i)].point.push_back(x(i));
      f[std::size_t(i)].members.emplace_back(static_cast<std::size_t>(o.ensemble));
    }
  }
  Rng rng(o.seed, stream);
  for (int m = 0; m < o.ensemble; ++m) {
    Eigen::RowVectorXd xm = lv.row(n);
    for (int h = 1; h <= max_h; ++h) {
      xm = step(xm, &rng);
      for (int i = 0; i < k; ++i) f[std::size_t(i)].members[std::size_t(h - 1)][std::size_t(m)] = xm(i);
    }
  }
  for (int i = 0; i < k; ++i) {
    const Eigen::Vector3d& c = coef[std::size_t(i)];
    f[std::size_t(i)].note = fmt::format("reaction {:.3f}, fatigue {:.3f}", c(1), -c(2));
    out[sys[std::size_t(i)]] = std::move(f[std::size_t(i)]);
  }
  return out;
}

Forecasts var(const AnnualSeries& s, int origin, int max_h, const ForecastOptions& o, std::uint64_t stream) {
  Forecasts out(s.states.size());
  int start = 0;
  const std::vector<std::size_t> sys = system_states(s, origin, o.window, &start);
  const int k = static_cast<int>(sys.size()), t = origin - start + 1;
  if (k < 1) return out;
  const int maxlags = std::min(o.var_max_lags, max_estimable_lags(t, k));
  if (maxlags < 1) return out;
  Eigen::MatrixXd y(t, k);
  for (int r = 0; r < t; ++r)
    for (int i = 0; i < k; ++i) y(r, i) = to_model(s, s.at(sys[std::size_t(i)], start + r));
  VarFit fit;
  try {
    const int p = select_var_order(y, maxlags).best(o.ic, 1);
    fit = fit_var(y, p);
  } catch (const ComputationError&) {
    return out;  // collinear window: no VAR at this origin
  }
  const int p = fit.p;
  const Eigen::MatrixXd mean = var_forecast_mean(fit, y, max_h);
  // Shocks: sigma_u = L L' (LDLT with a zero pivot clipped when sigma_u is only semi-definite).
  Eigen::LDLT<Eigen::MatrixXd> ldlt(fit.sigma_u);
  Eigen::MatrixXd lmat = ldlt.transpositionsP().transpose() * Eigen::MatrixXd(ldlt.matrixL()) *
                         ldlt.vectorD().cwiseMax(0.0).cwiseSqrt().asDiagonal();
  std::vector<StateForecast> f(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) {
    f[std::size_t(i)].note = fmt::format("VAR({}) of {} states by {}", p, k, to_string(o.ic));
    for (int h = 1; h <= max_h; ++h) {
      f[std::size_t(i)].point.push_back(from_model(s, mean(h - 1, i)));
      f[std::size_t(i)].members.emplace_back(static_cast<std::size_t>(o.ensemble));
    }
  }
  Rng rng(o.seed, stream);
  Eigen::MatrixXd path(p + max_h, k);
  Eigen::VectorXd e(k);
  for (int m = 0; m < o.ensemble; ++m) {
    path.topRows(p) = y.bottomRows(p);
    for (int h = 0; h < max_h; ++h) {
      Eigen::RowVectorXd next = fit.params.row(0);
      for (int l = 0; l < p; ++l) next += path.row(p + h - l - 1) * fit.params.block(1 + k * l, 0, k, k);
      for (int i = 0; i < k; ++i) e(i) = rng.normal();
      next += (lmat * e).transpose();
      path.row(p + h) = next;
      for (int i = 0; i < k; ++i) f[std::size_t(i)].members[std::size_t(h)][std::size_t(m)] = from_model(s, next(i));
    }
  }
  for (int i = 0; i < k; ++i) out[sys[std::size_t(i)]] = std::move(f[std::size_t(i)]);
  return out;
}

Forecasts regime(const AnnualSeries& s, int origin, int max_h, const ForecastOptions& o) {
  Forecasts out(s.states.size());
  for (std::size_t st = 0; st < s.states.size(); ++st) {
    const std::string& name = s.states[st];
    const int start = tail_start(s, st, origin, o.window);
    if (start > origin) continue;
    const TreatyRegime r = treaty_regime(name, origin, o.treaty_parties);
    std::vector<double> d;
    for (int y = start + 1; y <= origin; ++y)
      if (treaty_regime(name, y, o.treaty_parties) == r && treaty_regime(name, y - 1, o.treaty_parties) == r)
        d.push_back(std::log(s.at(st, y)) - std::log(s.at(st, y - 1)));
    const std::size_t n = d.size();
    if (n < 2) continue;
    double m = 0, ss = 0;
    for (double x : d) m += x;
    m /= double(n);
    for (double x : d) ss += (x - m) * (x - m);
    const double s2 = ss / double(n - 1);
    StateForecast f;
    f.note = fmt::format("{}: drift {:.4f} a year from {} changes", to_string(r), m, n);
    const double z = std::log(s.at(st, origin));
    for (int h = 1; h <= max_h; ++h) {
      const double mean = z + h * m, sd = std::sqrt(h * s2 + double(h) * h * s2 / double(n));
      f.point.push_back(std::exp(mean));
      f.members.push_back(gaussian_members(s, mean, sd, o.ensemble));
    }
    out[st] = std::move(f);
  }
  return out;
}

}  // namespace

VarSystem var_system(const AnnualSeries& s, int origin, const ForecastOptions& o) {
  o.validate();
  const AnnualSeries seen = cut_at(s, origin);
  int start = 0;
  const std::vector<std::size_t> sys = system_states(seen, origin, o.window, &start);
  const int k = static_cast<int>(sys.size()), t = origin - start + 1;
  if (k < 2)
    throw InputError(fmt::format("var_system: {} state(s) have {} data in {}, but a Granger test needs >= 2", k,
                                 to_string(s.kind), origin));
  const int maxlags = std::min(o.var_max_lags, max_estimable_lags(t, k));
  if (maxlags < 1)
    throw InputError(fmt::format("var_system: {} common years ({}-{}) of {} states, but one VAR lag needs >= {}", t, start,
                                 origin, k, 2 * k + 2));
  VarSystem v;
  v.first_year = start;
  v.last_year = origin;
  Eigen::MatrixXd y(t, k);
  for (int i = 0; i < k; ++i) {
    v.states.push_back(s.states[sys[std::size_t(i)]]);
    for (int r = 0; r < t; ++r) y(r, i) = to_model(seen, seen.at(sys[std::size_t(i)], start + r));
  }
  v.selection = select_var_order(y, maxlags);
  v.fit = fit_var(y, v.selection.best(o.ic, 1));
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j)
      if (i != j) v.granger.push_back({v.states[std::size_t(i)], v.states[std::size_t(j)], granger_test(v.fit, {i}, {j})});
  return v;
}

TreatyRegime treaty_regime(int year) {
  if (year >= 1995 && year <= 2002) return TreatyRegime::kStartI;
  if (year >= 2003 && year <= 2010) return TreatyRegime::kSort;
  if (year >= 2011 && year <= 2025) return TreatyRegime::kNewStart;
  return TreatyRegime::kNone;
}

TreatyRegime treaty_regime(const std::string& state, int year, const std::vector<std::string>& parties) {
  return std::find(parties.begin(), parties.end(), state) != parties.end() ? treaty_regime(year) : TreatyRegime::kNone;
}

bool applies(ModelKind m, SeriesKind s) {
  if (m == ModelKind::kRichardson) return is_positive(s);
  if (m == ModelKind::kRegime) return s == SeriesKind::kWarheads;
  return true;
}

std::vector<ModelKind> default_models(SeriesKind s) {
  std::vector<ModelKind> out;
  for (ModelKind m : {ModelKind::kNoChange, ModelKind::kTrend, ModelKind::kAr1, ModelKind::kRichardson, ModelKind::kVar,
                      ModelKind::kRegime})
    if (applies(m, s)) out.push_back(m);
  return out;
}

void ForecastOptions::validate() const {
  check_in_range("ForecastOptions", "ensemble", ensemble, 2, 100000);
  check_at_least("ForecastOptions", "trend_years", trend_years, 3);
  check_at_least("ForecastOptions", "window", window, 0);
  check_at_least("ForecastOptions", "var_max_lags", var_max_lags, 1);
}

std::vector<std::optional<StateForecast>> make_forecast(ModelKind model, const AnnualSeries& seen, int origin,
                                                        int max_h, const ForecastOptions& options,
                                                        std::uint64_t stream) {
  options.validate();
  if (max_h < 1) throw InputError(fmt::format("make_forecast: max_h is {}, but must be >= 1", max_h));
  if (seen.last_year > origin)
    throw InputError(fmt::format("make_forecast: the series runs to {}, but must be cut at the origin {}", seen.last_year, origin));
  if (!applies(model, seen.kind))
    throw InputError(fmt::format("make_forecast: {} does not apply to {}", to_string(model), to_string(seen.kind)));
  switch (model) {
    case ModelKind::kNoChange: return nochange(seen, origin, max_h, options);
    case ModelKind::kTrend: return trend(seen, origin, max_h, options);
    case ModelKind::kAr1: return ar1(seen, origin, max_h, options);
    case ModelKind::kRichardson: return richardson(seen, origin, max_h, options, stream);
    case ModelKind::kVar: return var(seen, origin, max_h, options, stream);
    case ModelKind::kRegime: return regime(seen, origin, max_h, options);
  }
  return {};
}

}  // namespace geobalance::forecast
