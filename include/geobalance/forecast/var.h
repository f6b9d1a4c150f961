// Vector autoregression with a constant, fitted equation by equation by least squares, in the
// layout and with the statistics of statsmodels' VAR (statsmodels.tsa.vector_ar.var_model),
// against which tests/forecast/var_test.cc checks it on stored data:
//
//   y_t = c + A_1 y_{t-1} + ... + A_p y_{t-p} + u_t,   t = p+1..T   (y_t has K components)
//
//   params   (1 + K p) x K: row 0 = c, row 1 + K l + j = coefficient of y_{t-l-1}[j]; column i
//            is the equation of variable i (statsmodels' VARResults.params)
//   sigma_u  residual covariance SSE / (nobs - (K p + 1))   (statsmodels' sigma_u)
//   sigma_u_mle = SSE / nobs
//
// Lag order (Luetkepohl 2005, sec. 4.3; statsmodels' select_order): for p = 0..maxlags each
// VAR(p) is fitted on the same sample, the last T - maxlags observations, and
//   AIC = ln det sigma_u_mle + 2 f / n,  BIC = ln det + ln(n) f / n,  HQIC = ln det + 2 ln ln(n) f / n
// with n = T - maxlags and f = p K^2 + K free parameters.
//
// Granger causality (statsmodels' test_causality(kind="f")): H0 = every lag coefficient of the
// causing variables in the caused variables' equations is zero. With C selecting those q
// coefficients of vec(B') and Cov = (Z'Z)^-1 (x) sigma_u,
//   F = (C b)' (C Cov C')^-1 (C b) / q,   F ~ F(q, K (nobs - K p - 1)) under H0.
#ifndef GEOBALANCE_FORECAST_VAR_H_
#define GEOBALANCE_FORECAST_VAR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

namespace geobalance::forecast {

struct VarFit {
  int k = 0;           ///< variables
  int p = 0;           ///< lag order
  int nobs = 0;        ///< observations used (T - p - offset)
  int df_resid = 0;    ///< nobs - (K p + 1)
  Eigen::MatrixXd params;   ///< (1 + K p) x K
  Eigen::MatrixXd sigma_u;  ///< K x K, SSE / df_resid
  Eigen::MatrixXd sigma_u_mle;  ///< K x K, SSE / nobs
  Eigen::MatrixXd zz_inv;   ///< (Z'Z)^-1, (1 + K p) square
  Eigen::MatrixXd resid;    ///< nobs x K
  double aic = 0, bic = 0, hqic = 0;
};

/// Fits a VAR(p) with a constant to y (T rows of K variables), skipping the first `offset`
/// rows. Throws InputError when the data cannot identify the model (nobs <= K p + 1, non-finite
/// values) and ComputationError when Z'Z is singular.
VarFit fit_var(const Eigen::MatrixXd& y, int p, int offset = 0);

/// The largest lag order statsmodels can estimate on T observations of K variables:
/// (T - K - 1) / (1 + K), rounded down.
int max_estimable_lags(int t, int k);

enum class InfoCriterion { kAic, kBic, kHqic };
std::string to_string(InfoCriterion c);
std::optional<InfoCriterion> info_criterion_from_string(std::string_view s);

struct LagSelection {
  int maxlags = 0;
  std::vector<double> aic, bic, hqic;  ///< indexed by p = 0..maxlags
  int aic_order = 0, bic_order = 0, hqic_order = 0;  ///< argmin over p = 0..maxlags
  /// argmin of a criterion over p = min_p..maxlags.
  int best(InfoCriterion c, int min_p = 0) const;
};
/// Lag order selection as statsmodels' VAR.select_order(maxlags, trend="c"). Throws
/// InputError when maxlags < 0 or maxlags > max_estimable_lags(T, K).
LagSelection select_var_order(const Eigen::MatrixXd& y, int maxlags);

struct GrangerTest {
  std::vector<int> caused, causing;
  double f = 0;        ///< F statistic
  int df_num = 0;      ///< q
  int df_den = 0;      ///< K (nobs - K p - 1)
  double p_value = 0;  ///< upper tail of F(df_num, df_den)
};
/// Granger causality F test of `causing` -> `caused` (variable indices; disjoint, non-empty).
GrangerTest granger_test(const VarFit& fit, const std::vector<int>& caused, const std::vector<int>& causing);

/// The conditional-mean forecasts y_{T+1..T+h} given the last p rows of `history` (h x K).
Eigen::MatrixXd var_forecast_mean(const VarFit& fit, const Eigen::MatrixXd& history, int h);

}  // namespace geobalance::forecast

#endif  // GEOBALANCE_FORECAST_VAR_H_
