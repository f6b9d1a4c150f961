// Rolling-origin backtests (Tashman 2000): for each origin T in [first_origin, last_origin] every
// model sees the series cut at T (cut_at) and forecasts T+h for each horizon h; a pair (T, h) is
// scored for a state when T+h has an observation. Scores per (state, model, horizon), and
// pooled over states (state "all"):
//   n        scored pairs
//   mae      mean |point - y|
//   rel_mae  the model's summed |point - y| over the no-change model's, both over the model's
//            own pairs (so < 1 means the model beat no-change on the same (T, h) pairs; NaN
//            when no-change made no error at all)
//   crps     mean ensemble CRPS (scores.h), in the series' units
//   cover50, cover90  shares of y inside the central 50% / 90% ensemble intervals
// Pooled rows sum over states, so large states weigh most in mae and crps.
#ifndef GEOBALANCE_FORECAST_BACKTEST_H_
#define GEOBALANCE_FORECAST_BACKTEST_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/forecast/models.h"
#include "geobalance/forecast/series.h"

namespace geobalance::forecast {

struct BacktestOptions {
  /// Models to run; empty = default_models(series). nochange and trend are always added.
  std::vector<ModelKind> models;
  int first_origin = 2005;
  int last_origin = 2019;
  int min_horizon = 1;
  int max_horizon = 5;
  ForecastOptions forecast;
  unsigned threads = 0;  ///< 0 = default_threads(); results do not depend on it
  /// Throws InputError naming the CLI flag (--origins, --horizons, --models) for an empty or
  /// reversed range, horizons <= 0, a model that does not apply to the series, or origins
  /// outside [series.first_year + 1, series.last_year - 1].
  void validate(const AnnualSeries& series) const;
};

struct ScoredForecast {
  std::size_t state = 0;  ///< index into the series' states
  ModelKind model = ModelKind::kNoChange;
  int origin = 0, horizon = 0;
  double point = 0, observed = 0, crps = 0;
  bool in50 = false, in90 = false;
  double nochange_abs_error = 0;  ///< |y_T - y_{T+h}| of the same state and pair
};

struct ScoreRow {
  std::string series, state, model;
  int horizon = 0;
  int n = 0;
  double mae = 0, rel_mae = 0, crps = 0, cover50 = 0, cover90 = 0;
};

struct BacktestResult {
  SeriesKind series = SeriesKind::kMilex;
  std::vector<std::string> states;
  std::vector<ModelKind> models;
  int first_origin = 0, last_origin = 0, min_horizon = 0, max_horizon = 0;
  std::vector<ScoredForecast> scored;  ///< by origin, model, state, horizon
  std::vector<ScoreRow> rows;          ///< by state (states in order, then "all"), model, horizon
};

BacktestResult run_backtest(const AnnualSeries& series, const BacktestOptions& options);

/// The model a forecast should use, chosen from a backtest by a stated rule: over all pooled
/// (state, T, h) pairs a model scored, rel_crps = its summed CRPS / no-change's summed CRPS on
/// the same pairs; the model with the lowest rel_crps below 1 wins (ties: the earlier model in
/// the run's order), otherwise no-change is kept.
struct Selection {
  ModelKind model = ModelKind::kNoChange;
  int n = 0;               ///< pairs the chosen model was scored on
  double rel_crps = 1, rel_mae = 1, cover50 = 0, cover90 = 0;
  int first_origin = 0, last_origin = 0;
  std::string reason;      ///< one sentence, e.g. for a brief
  /// Every model's rel_crps over its own pairs (same order as BacktestResult::models).
  std::vector<std::pair<ModelKind, double>> candidates;
};
Selection select_from(const BacktestResult& result);
/// run_backtest + select_from: what a scenario calls for each forecast question.
Selection select_forecaster(const AnnualSeries& series, const BacktestOptions& options);

/// The score to print beside a forecast, e.g. "rel. MAE 0.82, 90% interval held 88% of the
/// time, 2005-2019 origins" (for no-change: its own coverage and the origins).
std::string score_line(const Selection& s);

/// {"model", "n", "rel_crps", "rel_mae", "cover50", "cover90", "first_origin", "last_origin",
///  "reason", "score_line", "candidates": [{"model", "rel_crps"}]} (NaN as null).
nlohmann::json to_json(const Selection& s);
/// {"series", "states", "models", "origins": [first, last], "horizons": [min, max],
///  "rows": [{series, state, model, horizon, n, mae, rel_mae, crps, cover50, cover90}]}: what a
/// "Track record" chart needs (the pooled rows have state "all").
nlohmann::json to_json(const BacktestResult& r);

}  // namespace geobalance::forecast

#endif  // GEOBALANCE_FORECAST_BACKTEST_H_
