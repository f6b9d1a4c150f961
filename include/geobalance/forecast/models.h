// Forecasters. Each sees the series cut at the origin T (forecast::cut_at) and returns, for
// every state with an observation in year T, a point forecast and an ensemble for T+1..T+H.
// Positive series (milex, warheads, cinc) are modelled in logs, so no forecast or member is
// ever below zero; idealpoint is modelled in levels.
//
//   nochange    point = y_T. Ensemble: y_T combined with every past h-step change of the
//               state's own history through T, (log y_{t+h} - log y_t for positive series,
//               y_{t+h} - y_t otherwise), t + h <= T. One member (y_T) when there is none.
//   trend       least-squares line in log y (in y for idealpoint) on the last
//               ForecastOptions::trend_years years through T (at least 3 observations);
//               Gaussian predictive with the OLS prediction variance
//               s^2 (1 + 1/n + (t - tbar)^2 / Sxx), given as M quantile members
//               Phi^-1((m + 1/2) / M).
//   ar1         y_t = c + phi y_{t-1} + e (logs for positive series), OLS on the state's
//               contiguous history within the last `window` years; Gaussian h-step predictive
//               with variance s^2 sum_{j<h} phi^(2j), as M quantile members.
//   richardson  Richardson's action-reaction model in log-growth form, per state i:
//                 log x_i,t - log x_i,t-1 = g_i + k_i log R_i,t-1 - a_i log x_i,t-1 + e_i
//               with R_i = the sum of the other states' levels (the rivals). OLS per
//               equation on the common window; M simulated joint paths with Gaussian shocks of
//               each equation's residual s.d. (positive series only; needs >= 2 states).
//   var         VAR in log levels (levels for idealpoint) of all states with an observation
//               in T, over the common window; lag order by ForecastOptions::ic over
//               p = 1..min(var_max_lags, max_estimable_lags); M simulated paths with
//               N(0, sigma_u) shocks; point = the conditional mean path (exp of it for logs).
// Ensembles from simulations draw from geobalance::Rng(seed, stream), so results depend only on
// inputs, options and seed.
#ifndef GEOBALANCE_FORECAST_MODELS_H_
#define GEOBALANCE_FORECAST_MODELS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/forecast/series.h"
#include "geobalance/forecast/var.h"

namespace geobalance::forecast {

enum class ModelKind { kNoChange, kTrend, kAr1, kRichardson, kVar };
std::string to_string(ModelKind m);
std::optional<ModelKind> model_kind_from_string(std::string_view s);
std::string model_kind_names();
/// Whether a model applies to a series (richardson needs a positive series).
bool applies(ModelKind m, SeriesKind s);
/// Every model that applies to the series, baselines first.
std::vector<ModelKind> default_models(SeriesKind s);

struct ForecastOptions {
  int ensemble = 200;      ///< members M of simulated and quantile ensembles (>= 2)
  int trend_years = 10;    ///< years of the trend baseline (issue 13: the last 10 years)
  int window = 30;         ///< estimation window of ar1, richardson and var, years (0 = all)
  int var_max_lags = 2;    ///< largest VAR lag order considered (>= 1)
  InfoCriterion ic = InfoCriterion::kAic;  ///< VAR lag-order criterion
  std::uint64_t seed = 13;  ///< simulation seed
  void validate() const;
};

struct StateForecast {
  std::vector<double> point;                 ///< [h-1]
  std::vector<std::vector<double>> members;  ///< [h-1][m]
  std::string note;                          ///< e.g. the VAR's chosen lag order
};

/// Forecasts of `model` for every state of `seen` (which must already be cut at `origin`), for
/// h = 1..max_h. An entry is nullopt when the model cannot be fitted for that state at this
/// origin (no observation in `origin`, too short a history); `stream` selects the random stream.
std::vector<std::optional<StateForecast>> make_forecast(ModelKind model, const AnnualSeries& seen, int origin,
                                                        int max_h, const ForecastOptions& options,
                                                        std::uint64_t stream);

}  // namespace geobalance::forecast

#endif  // GEOBALANCE_FORECAST_MODELS_H_
