// The VAR against statsmodels 0.13.5 (Debian python3-statsmodels) on stored data:
// tests/data/forecast/milex_usa_rus_chn.csv (SIPRI milex of USA, RUS, CHN 1995-2024, taken from
// data/capabilities.csv) and tests/data/forecast/var_expected.json, both written by
// tests/data/forecast/make_var_expected.py (VAR(np.log(levels)).select_order(2), .fit(1),
// .fit(2), .test_causality(caused, [causing], kind="f")).
#include "geobalance/forecast/var.h"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::forecast {
namespace {

Eigen::MatrixXd log_milex() {
  auto t = io::CsvTable::read_file(testing::source_dir() + "/tests/data/forecast/milex_usa_rus_chn.csv");
  Eigen::MatrixXd y(static_cast<Eigen::Index>(t.num_rows()), 3);
  const char* cols[] = {"USA", "RUS", "CHN"};
  for (std::size_t r = 0; r < t.num_rows(); ++r)
    for (int j = 0; j < 3; ++j) y(Eigen::Index(r), j) = std::log(t.get_double(r, t.require_column(cols[j]), true));
  return y;
}

nlohmann::json expected() {
  std::ifstream in(testing::source_dir() + "/tests/data/forecast/var_expected.json");
  return nlohmann::json::parse(in);
}

// Relative agreement to 1e-7 (statsmodels solves by lstsq/SVD, we by pivoted QR).
void expect_close(double got, double want, const std::string& what) {
  EXPECT_NEAR(got, want, 1e-7 * std::max(1.0, std::abs(want))) << what;
}

TEST(Var, StoredDataIsThirtyYears) {
  Eigen::MatrixXd y = log_milex();
  ASSERT_EQ(y.rows(), 30);  // 1995-2024
  // First row as stored (capabilities.csv): USA 591579.836, RUS 25863.251, CHN 26111.849.
  EXPECT_DOUBLE_EQ(y(0, 0), std::log(591579.836));
  EXPECT_DOUBLE_EQ(y(0, 2), std::log(26111.849));
}

TEST(Var, LagOrderSelectionMatchesStatsmodels) {
  const auto e = expected();
  LagSelection s = select_var_order(log_milex(), e["select_order_maxlags"].get<int>());
  for (int p = 0; p <= 2; ++p) {
    expect_close(s.aic[std::size_t(p)], e["ics"]["aic"][p].get<double>(), "aic p=" + std::to_string(p));
    expect_close(s.bic[std::size_t(p)], e["ics"]["bic"][p].get<double>(), "bic p=" + std::to_string(p));
    expect_close(s.hqic[std::size_t(p)], e["ics"]["hqic"][p].get<double>(), "hqic p=" + std::to_string(p));
  }
  EXPECT_EQ(s.aic_order, e["selected"]["aic"].get<int>());
  EXPECT_EQ(s.bic_order, e["selected"]["bic"].get<int>());
  EXPECT_EQ(s.hqic_order, e["selected"]["hqic"].get<int>());
}

TEST(Var, CoefficientsCovarianceAndGrangerMatchStatsmodels) {
  const auto e = expected();
  const Eigen::MatrixXd y = log_milex();
  for (const auto& fe : e["fits"]) {
    const int p = fe["p"].get<int>();
    VarFit f = fit_var(y, p);
    EXPECT_EQ(f.nobs, fe["nobs"].get<int>());
    const auto& params = fe["params"];
    ASSERT_EQ(f.params.rows(), static_cast<Eigen::Index>(params.size()));
    for (Eigen::Index r = 0; r < f.params.rows(); ++r)
      for (Eigen::Index c = 0; c < 3; ++c)
        expect_close(f.params(r, c), params[std::size_t(r)][std::size_t(c)].get<double>(),
                     "params p=" + std::to_string(p));
    for (Eigen::Index r = 0; r < 3; ++r)
      for (Eigen::Index c = 0; c < 3; ++c)
        expect_close(f.sigma_u(r, c), fe["sigma_u"][std::size_t(r)][std::size_t(c)].get<double>(), "sigma_u");
    expect_close(f.aic, fe["aic"].get<double>(), "aic");
    expect_close(f.bic, fe["bic"].get<double>(), "bic");
    expect_close(f.hqic, fe["hqic"].get<double>(), "hqic");
    for (const auto& g : fe["granger"]) {
      GrangerTest t = granger_test(f, {g["caused"].get<int>()}, {g["causing"].get<int>()});
      expect_close(t.f, g["f"].get<double>(), "granger F");
      EXPECT_EQ(t.df_num, g["df_num"].get<int>());
      EXPECT_EQ(t.df_den, g["df_den"].get<int>());
      EXPECT_NEAR(t.p_value, g["p_value"].get<double>(), 1e-7);
    }
  }
}

TEST(Var, ForecastOfAKnownProcess) {
  // Analytic: a noiseless VAR(1) y_t = c + A y_{t-1} with c = (1, 0), A = [[0.5, 0.1], [0.2, 0.3]]
  // is recovered exactly (the design is full rank once the path has not converged), and its
  // forecast continues the recursion: from y = (2, 1), y' = (1 + 1 + 0.1, 0.4 + 0.3) = (2.1, 0.7).
  Eigen::Matrix2d a;
  a << 0.5, 0.1, 0.2, 0.3;
  Eigen::Vector2d c(1, 0), x(10, -5);
  Eigen::MatrixXd y(8, 2);
  for (int t = 0; t < 8; ++t) {
    y.row(t) = x.transpose();
    x = c + a * x;
  }
  VarFit f = fit_var(y, 1);
  EXPECT_NEAR(f.params(0, 0), 1.0, 1e-9);
  EXPECT_NEAR(f.params(1, 0), 0.5, 1e-9);  // row 1 + j: coefficient of y_{t-1}[j]; column = equation
  EXPECT_NEAR(f.params(2, 0), 0.1, 1e-9);
  EXPECT_NEAR(f.params(1, 1), 0.2, 1e-9);
  Eigen::MatrixXd hist(1, 2);
  hist << 2, 1;
  Eigen::MatrixXd m = var_forecast_mean(f, hist, 1);
  EXPECT_NEAR(m(0, 0), 2.1, 1e-9);
  EXPECT_NEAR(m(0, 1), 0.7, 1e-9);
}

TEST(Var, BadInput) {
  Eigen::MatrixXd y = log_milex();
  EXPECT_THROW_MSG(select_var_order(y, 7), InputError, "maxlags is 7, but must be in [0, 6]");
  EXPECT_THROW_MSG(fit_var(y.topRows(4), 1), InputError, "3 observations for a VAR(1) of 3 variables");
  VarFit f = fit_var(y, 1);
  EXPECT_THROW_MSG(granger_test(f, {0}, {0}), InputError, "also causing");
  Eigen::MatrixXd bad = y;
  bad(3, 1) = std::nan("");
  EXPECT_THROW_MSG(fit_var(bad, 1), InputError, "non-finite");
}

}  // namespace
}  // namespace geobalance::forecast
