#include "geobalance/forecast/backtest.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geobalance/core/parallel.h"
#include "geobalance/error.h"
#include "geobalance/forecast/scores.h"

namespace geobalance::forecast {
namespace {

std::vector<ModelKind> models_to_run(const AnnualSeries& series, const BacktestOptions& o) {
  std::vector<ModelKind> out = {ModelKind::kNoChange, ModelKind::kTrend};
  for (ModelKind m : o.models.empty() ? default_models(series.kind) : o.models)
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  return out;
}

struct Sums {
  int n = 0;
  double abs_err = 0, nochange_abs_err = 0, crps = 0;
  int in50 = 0, in90 = 0;
  void add(const ScoredForecast& s) {
    ++n;
    abs_err += std::abs(s.point - s.observed);
    nochange_abs_err += s.nochange_abs_error;
    crps += s.crps;
    in50 += s.in50;
    in90 += s.in90;
  }
};

ScoreRow make_row(const std::string& series, const std::string& state, ModelKind m, int h, const Sums& s) {
  ScoreRow r;
  r.series = series;
  r.state = state;
  r.model = to_string(m);
  r.horizon = h;
  r.n = s.n;
  const double n = s.n;
  r.mae = s.abs_err / n;
  r.rel_mae = s.nochange_abs_err > 0 ? s.abs_err / s.nochange_abs_err : std::numeric_limits<double>::quiet_NaN();
  r.crps = s.crps / n;
  r.cover50 = s.in50 / n;
  r.cover90 = s.in90 / n;
  return r;
}

}  // namespace

void BacktestOptions::validate(const AnnualSeries& series) const {
  forecast.validate();
  if (first_origin > last_origin)
    throw InputError(SourceLocation{}, "--origins", fmt::format("found {}:{}, expected first <= last", first_origin, last_origin));
  if (first_origin < series.first_year + 1 || last_origin > series.last_year - 1)
    throw InputError(SourceLocation{}, "--origins",
                     fmt::format("found {}:{}, expected origins within {}:{} ({} data run {}-{}; an origin needs one "
                                 "earlier year and one later year)",
                                 first_origin, last_origin, series.first_year + 1, series.last_year - 1,
                                 to_string(series.kind), series.first_year, series.last_year));
  if (min_horizon < 1 || max_horizon < min_horizon)
    throw InputError(SourceLocation{}, "--horizons",
                     fmt::format("found {}:{}, expected horizons 1 <= first <= last", min_horizon, max_horizon));
  if (max_horizon > 100)
    throw InputError(SourceLocation{}, "--horizons", fmt::format("found {}, expected at most 100 years", max_horizon));
  for (ModelKind m : models)
    if (!applies(m, series.kind))
      throw InputError(SourceLocation{}, "--models",
                       fmt::format("found '{}', expected a model for {} (richardson needs a positive series, regime "
                                   "the warheads series)",
                                   to_string(m), to_string(series.kind)));
}

BacktestResult run_backtest(const AnnualSeries& series, const BacktestOptions& o) {
  o.validate(series);
  BacktestResult res;
  res.series = series.kind;
  res.states = series.states;
  res.models = models_to_run(series, o);
  res.first_origin = o.first_origin;
  res.last_origin = o.last_origin;
  res.min_horizon = o.min_horizon;
  res.max_horizon = o.max_horizon;
  const std::size_t n_origins = std::size_t(o.last_origin - o.first_origin + 1), n_models = res.models.size();
  std::vector<std::vector<ScoredForecast>> slots(n_origins * n_models);
  parallel_for(n_origins, o.threads, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t oi = b; oi < e; ++oi) {
      const int origin = o.first_origin + int(oi);
      const AnnualSeries seen = cut_at(series, origin);
      for (std::size_t mi = 0; mi < n_models; ++mi) {
        const std::uint64_t stream = std::uint64_t(origin) * 64 + std::uint64_t(res.models[mi]);  // same draws whatever --models lists
        auto fc = make_forecast(res.models[mi], seen, origin, o.max_horizon, o.forecast, stream);
        auto& out = slots[oi * n_models + mi];
        for (std::size_t st = 0; st < series.states.size(); ++st) {
          if (!fc[st]) continue;
          const double yt = series.at(st, origin);
          for (int h = o.min_horizon; h <= o.max_horizon; ++h) {
            const double y = series.at(st, origin + h);
            if (std::isnan(y)) continue;
            const auto& members = fc[st]->members[std::size_t(h - 1)];
            ScoredForecast s;
            s.state = st;
            s.model = res.models[mi];
            s.origin = origin;
            s.horizon = h;
            s.point = fc[st]->point[std::size_t(h - 1)];
            s.observed = y;
            s.crps = crps_ensemble(members, y);
            s.in50 = covered(members, 0.5, y);
            s.in90 = covered(members, 0.9, y);
            s.nochange_abs_error = std::abs(yt - y);
            out.push_back(s);
          }
        }
      }
    }
  });
  for (auto& v : slots) res.scored.insert(res.scored.end(), v.begin(), v.end());

  const std::string name = to_string(series.kind);
  const std::size_t n_h = std::size_t(o.max_horizon - o.min_horizon + 1), n_st = series.states.size();
  // sums[(state or n_st for all) ][model][h]
  std::vector<Sums> sums((n_st + 1) * n_models * n_h);
  auto at = [&](std::size_t st, std::size_t mi, int h) -> Sums& {
    return sums[(st * n_models + mi) * n_h + std::size_t(h - o.min_horizon)];
  };
  for (const ScoredForecast& s : res.scored) {
    const std::size_t mi = std::size_t(std::find(res.models.begin(), res.models.end(), s.model) - res.models.begin());
    at(s.state, mi, s.horizon).add(s);
    at(n_st, mi, s.horizon).add(s);
  }
  for (std::size_t st = 0; st <= n_st; ++st)
    for (std::size_t mi = 0; mi < n_models; ++mi)
      for (int h = o.min_horizon; h <= o.max_horizon; ++h) {
        const Sums& s = at(st, mi, h);
        if (s.n == 0) continue;
        res.rows.push_back(make_row(name, st < n_st ? series.states[st] : "all", res.models[mi], h, s));
      }
  return res;
}

Selection select_from(const BacktestResult& r) {
  // No-change CRPS per (state, origin, horizon), to compare each model on its own pairs.
  std::map<std::tuple<std::size_t, int, int>, double> base;
  for (const auto& s : r.scored)
    if (s.model == ModelKind::kNoChange) base[{s.state, s.origin, s.horizon}] = s.crps;
  Selection sel;
  sel.first_origin = r.first_origin;
  sel.last_origin = r.last_origin;
  struct Agg {
    int n = 0;
    double crps = 0, base_crps = 0, abs_err = 0, base_abs_err = 0;
    int in50 = 0, in90 = 0;
  };
  std::vector<Agg> agg(r.models.size());
  for (const auto& s : r.scored) {
    auto it = base.find({s.state, s.origin, s.horizon});
    if (it == base.end()) continue;
    Agg& a = agg[std::size_t(std::find(r.models.begin(), r.models.end(), s.model) - r.models.begin())];
    ++a.n;
    a.crps += s.crps;
    a.base_crps += it->second;
    a.abs_err += std::abs(s.point - s.observed);
    a.base_abs_err += s.nochange_abs_error;
    a.in50 += s.in50;
    a.in90 += s.in90;
  }
  std::size_t best = std::size_t(std::find(r.models.begin(), r.models.end(), ModelKind::kNoChange) - r.models.begin());
  double best_rel = 1;
  for (std::size_t mi = 0; mi < r.models.size(); ++mi) {
    const Agg& a = agg[mi];
    const double rel = a.n > 0 && a.base_crps > 0 ? a.crps / a.base_crps : std::numeric_limits<double>::quiet_NaN();
    sel.candidates.emplace_back(r.models[mi], rel);
    if (r.models[mi] != ModelKind::kNoChange && rel < best_rel) best = mi, best_rel = rel;
  }
  if (best >= r.models.size()) {  // no no-change run: nothing to compare against
    sel.reason = "no forecasts were scored, so no-change is kept";
    return sel;
  }
  const Agg& a = agg[best];
  sel.model = r.models[best];
  sel.n = a.n;
  sel.rel_crps = a.base_crps > 0 ? a.crps / a.base_crps : 1;
  sel.rel_mae = a.base_abs_err > 0 ? a.abs_err / a.base_abs_err : 1;
  sel.cover50 = a.n ? double(a.in50) / a.n : 0;
  sel.cover90 = a.n ? double(a.in90) / a.n : 0;
  if (a.n == 0)
    sel.reason = "no forecasts were scored, so no-change is kept";
  else if (sel.model == ModelKind::kNoChange)
    sel.reason = fmt::format("no model had a lower CRPS than no-change over {} scored forecasts ({}-{} origins), so "
                             "no-change is kept",
                             a.n, r.first_origin, r.last_origin);
  else
    sel.reason = fmt::format("{} had the lowest CRPS, {:.2f} times no-change's over the same {} forecasts "
                             "(rel. MAE {:.2f}, 90% interval held {:.0f}% of the time, {}-{} origins)",
                             to_string(sel.model), sel.rel_crps, a.n, sel.rel_mae, 100 * sel.cover90, r.first_origin,
                             r.last_origin);
  return sel;
}

namespace {
nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }
}  // namespace

std::string score_line(const Selection& s) {
  if (s.n == 0) return "no forecasts were scored";
  return fmt::format("rel. MAE {:.2f}, 90% interval held {:.0f}% of the time, {}-{} origins", s.rel_mae,
                     100 * s.cover90, s.first_origin, s.last_origin);
}

nlohmann::json to_json(const Selection& s) {
  nlohmann::json c = nlohmann::json::array();
  for (const auto& [m, rel] : s.candidates) c.push_back({{"model", to_string(m)}, {"rel_crps", number(rel)}});
  return {{"model", to_string(s.model)}, {"n", s.n},
          {"rel_crps", number(s.rel_crps)}, {"rel_mae", number(s.rel_mae)},
          {"cover50", number(s.cover50)}, {"cover90", number(s.cover90)},
          {"first_origin", s.first_origin}, {"last_origin", s.last_origin},
          {"reason", s.reason}, {"score_line", score_line(s)}, {"candidates", c}};
}

nlohmann::json to_json(const BacktestResult& r) {
  nlohmann::json rows = nlohmann::json::array(), models = nlohmann::json::array();
  for (ModelKind m : r.models) models.push_back(to_string(m));
  for (const auto& x : r.rows)
    rows.push_back({{"series", x.series}, {"state", x.state}, {"model", x.model}, {"horizon", x.horizon}, {"n", x.n},
                    {"mae", number(x.mae)}, {"rel_mae", number(x.rel_mae)}, {"crps", number(x.crps)},
                    {"cover50", number(x.cover50)}, {"cover90", number(x.cover90)}});
  return {{"series", to_string(r.series)}, {"states", r.states}, {"models", models},
          {"origins", {r.first_origin, r.last_origin}}, {"horizons", {r.min_horizon, r.max_horizon}}, {"rows", rows}};
}

Selection select_forecaster(const AnnualSeries& series, const BacktestOptions& options) {
  return select_from(run_backtest(series, options));
}

}  // namespace geobalance::forecast
