// Estimating a Richardson model from annual series.
//
// The discretised model, one equation per actor i, fitted by ordinary least squares
// (column-pivoting Householder QR, Eigen):
//
//   x_i[t+1] - x_i[t] = sum_{j != i} k_ij x_j[t] - a_i x_i[t] + g_i + e_i[t]
//
// so k_ij, a_i and g_i are per-year rates, and the fitted model is a discrete-time Model with
// period 1 whose forecasts are exactly the fitted recursion. Standard errors are the usual
// OLS ones, sqrt(s^2 (X'X)^-1), with s^2 = RSS / (n - p).
//
// Confidence intervals: a seeded residual bootstrap (Efron & Tibshirani 1993, ch. 9). Replicate
// b draws from geobalance::Rng(seed, b), resamples whole residual vectors e[t] (all actors of
// one year together, keeping their cross-correlation), rebuilds y* = X beta + e*, refits and
// records the coefficients; intervals are percentiles of the replicates. Replicates run on
// parallel_for and land in their own slots, so 1 and N threads agree.
//
// Residual diagnostics per equation: R^2 (of the yearly changes, not of the levels), the
// Durbin-Watson statistic, lag-1 autocorrelation, the Ljung-Box Q test (Ljung & Box 1978) and
// the Jarque-Bera normality test (Jarque & Bera 1987), with p-values (Boost.Math chi-squared).
//
// Cost: O(T N^3) for the fit, O(B T N^2) for B bootstrap replicates.
#ifndef GEOBALANCE_ARMSRACE_ESTIMATE_H_
#define GEOBALANCE_ARMSRACE_ESTIMATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "geobalance/armsrace/model.h"
#include "geobalance/armsrace/simulate.h"

namespace geobalance::armsrace {

/// Annual levels of N actors over consecutive years.
struct Series {
  std::vector<std::string> actors;
  std::vector<int> years;                   ///< consecutive, increasing
  std::vector<std::vector<double>> values;  ///< values[t][i]: actor i in years[t]
  std::string units;
  std::string source;  ///< where it was read from
  /// The years first..last (inclusive); throws InputError when they are not all present.
  Series slice(int first, int last) const;
  /// Row of a year; throws InputError when absent.
  std::size_t row_of(int year) const;
  /// Throws InputError unless the shape is consistent, years consecutive and values finite.
  void validate() const;
};

struct FitOptions {
  /// Bootstrap replicates for the confidence intervals (0 = none; intervals are then
  /// estimate +- z * std_error). >= 0.
  int bootstrap_replicates = 999;
  /// Seed of the bootstrap streams.
  std::uint64_t seed = 1;
  /// Confidence level of the intervals, in (0, 1).
  double level = 0.95;
  /// Lags of the Ljung-Box test (0 = min(4, n/4), at least 1). >= 0.
  int ljung_box_lags = 0;
  /// Threads for the bootstrap (0 = default_threads()).
  unsigned threads = 0;
  void validate() const;
};

/// One estimated parameter of one equation.
struct Coefficient {
  std::string name;       ///< "k[USA,RUS]" (USA's response to RUS), "fatigue", "grievance"
  double estimate = 0;
  double std_error = 0;
  double ci_low = 0;
  double ci_high = 0;
};

struct EquationFit {
  std::string actor;
  std::vector<Coefficient> coefficients;  ///< k[i,j] for j != i in actor order, fatigue, grievance
  int observations = 0;
  double r_squared = 0;
  double adjusted_r_squared = 0;
  double residual_sd = 0;
  double durbin_watson = 0;
  double lag1_autocorrelation = 0;
  int ljung_box_lags = 0;
  double ljung_box_q = 0;
  double ljung_box_p = 0;
  double jarque_bera = 0;
  double jarque_bera_p = 0;
  std::vector<double> residuals;  ///< one per transition year
};

struct FitResult {
  /// The fitted model: discrete time, period 1, x0 = the last observed levels.
  Model model;
  std::vector<EquationFit> equations;
  int first_year = 0;
  int last_year = 0;
  int bootstrap_replicates = 0;
  /// Bootstrap draws: draws[b] = {K (row-major, N*N), a (N), g (N)} of replicate b.
  std::vector<std::vector<double>> draws;
  std::string brief_report() const;
};

/// Fits the model to the whole series (at least N + 3 years). Throws InputError for a bad
/// series or options; a rank-deficient design (e.g. a constant series) throws
/// ComputationError naming the equation.
FitResult fit(const Series& series, const FitOptions& options = {});

/// Fit on the years up to `last_fit_year`, then a dynamic (multi-step) forecast from that
/// year's observed levels to the end of the series, compared with what happened.
struct HoldoutResult {
  FitResult fit;
  std::vector<int> years;                      ///< forecast years
  std::vector<std::vector<double>> forecast;   ///< forecast[t][i]
  std::vector<std::vector<double>> observed;   ///< observed[t][i]
  std::vector<double> mape;                    ///< per actor, in percent
  double mape_overall = 0;                     ///< mean over actors and years, percent
  /// The same for the no-change forecast (last in-sample level held): the yardstick.
  std::vector<double> naive_mape;
  double naive_mape_overall = 0;
};

/// Throws InputError when last_fit_year leaves fewer than N + 3 fit years or no holdout year.
HoldoutResult holdout_check(const Series& series, int last_fit_year,
                            const FitOptions& options = {});

/// Percentile band of forecasts over the bootstrap draws (parameter uncertainty only).
struct ForecastBand {
  std::vector<double> times;
  std::vector<std::vector<double>> low, median, high;  ///< [k][i]
};

/// Runs `model` (typically FitResult::model, with caps added) from t0 to t1 once per
/// bootstrap draw of `fit` and returns the pointwise percentile band at `level`.
ForecastBand forecast_band(const FitResult& fit, const Model& model, double t0, double t1,
                           double level = 0.9, unsigned threads = 0);

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_ESTIMATE_H_
