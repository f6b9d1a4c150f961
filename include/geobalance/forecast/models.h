// Forecasters. Each sees the series cut at the origin T (forecast::cut_at) and returns, for
// every state with an observation in year T, a point forecast and an ensemble for T+1..T+H.
// Positive series (milex, warheads, cinc) are modelled in logs, so no forecast or member is
// ever below zero; idealpoint is modelled in levels.
//
//   nochange    point = y_T. Ensemble: y_T combined with every past h-step change of the
//               state's own history within the window (years T - window + 1 .. T, all years
//               when window = 0): y_T y_{t+h} / y_t for positive series (t with y_t > 0),
//               y_T + y_{t+h} - y_t otherwise. One member (y_T) when there is none.
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
//   regime      warheads only: a random walk with drift in log stockpiles whose drift and spread
//               come only from the years of the treaty regime in force at the origin (a break at
//               each regime change): mean m and s.d. s of the n within-regime yearly log changes
//               (within the window, at least 2), forecast log y_T + h m with variance
//               h s^2 + h^2 s^2 / n, as M quantile members. Regimes bind the parties (USA, RUS);
//               other states (CHN) are always under "none" (ForecastOptions::treaty_parties). The regime at the origin is assumed
//               to continue: the model uses nothing a forecaster could not know at T.
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

enum class ModelKind { kNoChange, kTrend, kAr1, kRichardson, kVar, kRegime };

/// Arms-control regimes limiting US and Russian strategic nuclear forces, by the calendar year
/// they governed for most of: START I 1995-2002 (in force 5 December 1994), SORT 2003-2010 (in
/// force 1 June 2003), New START 2011-2025 (in force 5 February 2011, expired 5 February 2026),
/// none before 1995 and from 2026.
enum class TreatyRegime { kNone, kStartI, kSort, kNewStart };
std::string to_string(TreatyRegime r);
TreatyRegime treaty_regime(int year);
/// The regime binding a state in a year: treaty_regime(year) for the listed treaty parties,
/// kNone for everyone else.
TreatyRegime treaty_regime(const std::string& state, int year, const std::vector<std::string>& parties);
std::string to_string(ModelKind m);
std::optional<ModelKind> model_kind_from_string(std::string_view s);
std::string model_kind_names();
/// Whether a model applies to a series (richardson needs a positive series, regime warheads).
bool applies(ModelKind m, SeriesKind s);
/// Every model that applies to the series, baselines first.
std::vector<ModelKind> default_models(SeriesKind s);

struct ForecastOptions {
  int ensemble = 200;      ///< members M of simulated and quantile ensembles (>= 2)
  int trend_years = 10;    ///< years of the trend baseline (issue 13: the last 10 years)
  int window = 30;         ///< years of history every model but trend uses (0 = all)
  int var_max_lags = 2;    ///< largest VAR lag order considered (>= 1)
  InfoCriterion ic = InfoCriterion::kAic;  ///< VAR lag-order criterion
  std::uint64_t seed = 13;  ///< simulation seed
  /// States bound by START I, SORT and New START (COW abbreviations): the United States and
  /// Russia, the treaties' only parties. Used by the `regime` model.
  std::vector<std::string> treaty_parties = {"USA", "RUS"};
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

/// The VAR the `var` forecaster fits at `origin`, with Granger-causality F tests of every
/// ordered pair of its states (does state j's past help predict state i beyond i's own past?).
struct VarSystem {
  std::vector<std::string> states;  ///< the system (states usable at the origin)
  int first_year = 0, last_year = 0;
  LagSelection selection;
  VarFit fit;
  struct Pair {
    std::string caused, causing;
    GrangerTest test;
  };
  std::vector<Pair> granger;
};
/// Throws InputError when no VAR can be fitted at the origin (fewer than 2 usable states, or too
/// short a common history for one lag).
VarSystem var_system(const AnnualSeries& seen, int origin, const ForecastOptions& options);

}  // namespace geobalance::forecast

#endif  // GEOBALANCE_FORECAST_MODELS_H_
