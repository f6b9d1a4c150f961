// Estimation: exact recovery from noiseless data, recovery with CIs from noisy simulated data,
// diagnostics against hand computations, determinism, and the real series.
#include "geobalance/armsrace/estimate.h"

#include <cmath>

#include "geobalance/armsrace/series_file.h"
#include "geobalance/core/random.h"
#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::armsrace {
namespace {

// Generates x[t+1] = x[t] + K x[t] - a x[t] + g + noise[t] (noise sd per actor) from a seed.
Series generate(const Model& truth, int years, const std::vector<double>& sd, std::uint64_t seed) {
  Series s;
  s.actors = truth.actors;
  s.source = "simulated";
  std::vector<double> x = truth.x0, f;
  Rng rng(seed, 0);
  for (int t = 0; t < years; ++t) {
    s.years.push_back(1950 + t);
    s.values.push_back(x);
    drift(truth, 0, x, f);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] += f[i] + sd[i] * rng.normal();
  }
  return s;
}

Model truth2() {
  Model m;
  m.actors = {"USA", "RUS"};
  m.x0 = {300, 200};
  m.fatigue = {0.3, 0.25};
  m.grievance = {40, 30};
  m.defence = {{0, 0.15}, {0.2, 0}};
  return m;
}

TEST(Fit, RecoversParametersExactlyFromNoiselessData) {
  Series s = generate(truth2(), 15, {0, 0}, 1);
  FitOptions o;
  o.bootstrap_replicates = 0;
  FitResult r = fit(s, o);
  ASSERT_EQ(r.equations.size(), 2u);
  const Model& m = r.model;
  EXPECT_NEAR(m.defence[0][1], 0.15, 1e-8);
  EXPECT_NEAR(m.defence[1][0], 0.2, 1e-8);
  EXPECT_NEAR(m.fatigue[0], 0.3, 1e-8);
  EXPECT_NEAR(m.fatigue[1], 0.25, 1e-8);
  EXPECT_NEAR(m.grievance[0], 40, 1e-6);
  EXPECT_NEAR(m.grievance[1], 30, 1e-6);
  EXPECT_EQ(m.time, TimeMode::kDiscrete);
  EXPECT_EQ(m.x0, s.values.back());
  EXPECT_NEAR(r.equations[0].r_squared, 1, 1e-9);
  EXPECT_EQ(r.equations[0].coefficients[0].name, "k[USA,RUS]");
  EXPECT_EQ(r.equations[1].coefficients[0].name, "k[RUS,USA]");
}

TEST(Fit, TrueValuesLieInsideBootstrapIntervalsOnNoisyData) {
  Model t = truth2();
  Series s = generate(t, 60, {4, 3}, 20240205);
  FitOptions o;
  o.bootstrap_replicates = 999;
  o.seed = 7;
  o.level = 0.99;
  FitResult r = fit(s, o);
  const double want[2][3] = {{0.15, 0.3, 40}, {0.2, 0.25, 30}};  // k, fatigue, grievance
  for (int i = 0; i < 2; ++i)
    for (int c = 0; c < 3; ++c) {
      const Coefficient& k = r.equations[i].coefficients[c];
      EXPECT_LE(k.ci_low, want[i][c]) << r.equations[i].actor << " " << k.name;
      EXPECT_GE(k.ci_high, want[i][c]) << r.equations[i].actor << " " << k.name;
      EXPECT_LT(std::fabs(k.estimate - want[i][c]), 4 * k.std_error) << k.name;
      EXPECT_LT(k.ci_low, k.estimate);
      EXPECT_GT(k.ci_high, k.estimate);
    }
  // The residual sd estimates the noise sd.
  EXPECT_NEAR(r.equations[0].residual_sd, 4, 1.2);
  EXPECT_NEAR(r.equations[1].residual_sd, 3, 0.9);
  EXPECT_EQ(r.draws.size(), 999u);
}

TEST(Fit, BootstrapIsDeterministicAndThreadCountFree) {
  Series s = generate(truth2(), 30, {4, 3}, 3);
  FitOptions o;
  o.bootstrap_replicates = 200;
  o.seed = 11;
  o.threads = 1;
  FitResult a = fit(s, o);
  o.threads = 2;
  FitResult b = fit(s, o);
  EXPECT_EQ(a.draws, b.draws);
  EXPECT_EQ(a.equations[1].coefficients[2].ci_low, b.equations[1].coefficients[2].ci_low);
  o.seed = 12;
  FitResult c = fit(s, o);
  EXPECT_NE(a.draws, c.draws);
}

TEST(Fit, DiagnosticsMatchHandComputations) {
  // One actor, y = dx = g - a x + e: a simple regression of y on [x, 1].
  // Hand-built series: x = 10, 12, 11, 14, 12, 15.
  Series s;
  s.actors = {"A"};
  s.years = {2000, 2001, 2002, 2003, 2004, 2005};
  s.values = {{10}, {12}, {11}, {14}, {12}, {15}};
  FitOptions o;
  o.bootstrap_replicates = 0;
  FitResult r = fit(s, o);
  // OLS of y = (2, -1, 3, -2, 3) on [x, 1] with x = (10, 12, 11, 14, 12):
  // xbar = 11.8, ybar = 1, x - xbar = (-1.8, 0.2, -0.8, 2.2, 0.2), Sxx = 3.24 + 0.04 + 0.64 + 4.84
  // + 0.04 = 8.8, Sxy = sum (x - xbar) y = -3.6 - 0.2 - 2.4 - 4.4 + 0.6 = -10.
  // slope = -10 / 8.8, so fatigue = 10 / 8.8 and intercept = ybar - slope * xbar.
  const double slope = -10 / 8.8;
  EXPECT_NEAR(r.model.fatigue[0], -slope, 1e-12);
  EXPECT_NEAR(r.model.grievance[0], 1 - slope * 11.8, 1e-10);
  const auto& e = r.equations[0];
  // Residuals, R^2 = 1 - RSS/TSS, DW = sum (e_t - e_{t-1})^2 / RSS, computed from the formulas.
  const double x[5] = {10, 12, 11, 14, 12}, y[5] = {2, -1, 3, -2, 3};
  double res[5], rss = 0, tss = 0, dw = 0;
  for (int t = 0; t < 5; ++t) {
    res[t] = y[t] - (r.model.grievance[0] - r.model.fatigue[0] * x[t]);
    rss += res[t] * res[t];
    tss += (y[t] - 1) * (y[t] - 1);
    if (t) dw += (res[t] - res[t - 1]) * (res[t] - res[t - 1]);
  }
  EXPECT_NEAR(e.r_squared, 1 - rss / tss, 1e-12);
  EXPECT_NEAR(e.durbin_watson, dw / rss, 1e-12);
  EXPECT_NEAR(e.residual_sd, std::sqrt(rss / 3), 1e-12);
  // Standard error of the slope: s / sqrt(Sxx).
  EXPECT_NEAR(e.coefficients[0].std_error, std::sqrt(rss / 3) / std::sqrt(8.8), 1e-12);
  // Normal-theory interval with no bootstrap: estimate +- 1.959964 se.
  EXPECT_NEAR(e.coefficients[0].ci_high - e.coefficients[0].estimate, 1.959963984540054 * e.coefficients[0].std_error, 1e-9);
  EXPECT_GE(e.ljung_box_p, 0);
  EXPECT_LE(e.ljung_box_p, 1);
  EXPECT_GE(e.jarque_bera_p, 0);
}

TEST(Fit, RejectsShortAndDegenerateSeries) {
  Series s = generate(truth2(), 4, {1, 1}, 1);
  EXPECT_THROW_MSG(fit(s), InputError, "simulated: series: found 4 years (1950-1953), expected at least 5 (N + 3 for 2 actors)");
  Series c;
  c.actors = {"A", "B"};
  c.source = "const.csv";
  for (int t = 0; t < 8; ++t) {
    c.years.push_back(2000 + t);
    c.values.push_back({5, 7});
  }
  EXPECT_THROW_MSG(fit(c), ComputationError, "const.csv: the regressors of the Richardson fit are collinear");
  FitOptions o;
  o.level = 1.5;
  EXPECT_THROW_MSG(fit(generate(truth2(), 10, {1, 1}, 1), o), InputError, "FitOptions: level is 1.5, but must be in (0, 1)");
  s.years[2] = 1960;
  EXPECT_THROW_MSG(fit(s), InputError, "Series: years[2] is 1960, but must be 1952 (consecutive years)");
}

TEST(Holdout, NoiselessSeriesForecastsExactlyAndMapeIsByHand) {
  Series s = generate(truth2(), 25, {0, 0}, 1);
  FitOptions o;
  o.bootstrap_replicates = 0;
  HoldoutResult h = holdout_check(s, 1965, o);
  ASSERT_EQ(h.years.size(), 9u);  // 1966-1974
  EXPECT_EQ(h.years.front(), 1966);
  EXPECT_LT(h.mape_overall, 1e-6);
  // Naive: level of 1965 held; MAPE = mean |x1965 - x_t| / x_t * 100.
  double want = 0;
  const std::size_t base = s.row_of(1965);
  for (int y = 1966; y <= 1974; ++y) want += 100 * std::fabs(s.values[base][0] - s.values[s.row_of(y)][0]) / s.values[s.row_of(y)][0];
  EXPECT_NEAR(h.naive_mape[0], want / 9, 1e-9);
  EXPECT_THROW_MSG(holdout_check(s, 1974, o), InputError, "holdout year: found 1974, expected a year in 1950-1973");
}

TEST(ForecastBand, ContainsTheCentralForecast) {
  Series s = generate(truth2(), 40, {4, 3}, 5);
  FitOptions o;
  o.bootstrap_replicates = 300;
  FitResult r = fit(s, o);
  ForecastBand b = forecast_band(r, r.model, 1989, 2000, 0.9);
  Trajectory c = simulate(r.model, 1989, 2000, 1);
  ASSERT_EQ(b.times.size(), 12u);
  EXPECT_EQ(b.low[0][0], s.values.back()[0]);  // all draws start from the same observed level
  for (std::size_t k = 1; k < b.times.size(); ++k)
    for (int i = 0; i < 2; ++i) {
      EXPECT_LE(b.low[k][i], c.values[k][i]);
      EXPECT_GE(b.high[k][i], c.values[k][i]);
    }
}

TEST(SeriesFile, BuiltInMilexMatchesTheSharedSipriExtract) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/sipri_milex/sipri_milex_subset_1995_2024.csv");
  Series shared = read_series_csv(path, {"USA", "RUS", "CHN"}, 1995, 2024);
  Series builtin = read_series_csv(testing::source_dir() + "/data/" + kBuiltinMilexFile, {"USA", "RUS", "CHN"}, 1995, 0);
  EXPECT_EQ(builtin.years.back(), 2024);
  EXPECT_EQ(builtin.values, shared.values);
  EXPECT_EQ(shared.values[shared.row_of(2024)][1], 150533.997);  // SIPRI: Russia 2024, US$ m 2023 prices
}

TEST(SeriesFile, BuiltInWarheadsMatchTheSharedOwidFile) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/nuclear_warheads/owid_nuclear-warhead-stockpiles_1945_2023.csv");
  Series shared = read_series_csv(path, {"USA", "RUS"}, 1985, 2023);
  Series builtin = read_series_csv(testing::source_dir() + "/data/" + kBuiltinWarheadsFile, {"USA", "RUS"}, 1985, 0);
  EXPECT_EQ(builtin.values, shared.values);
  EXPECT_EQ(shared.values.back()[0], 3708);  // FAS: USA stockpile 2023
  EXPECT_EQ(shared.values.back()[1], 4489);
}

TEST(SeriesFile, ReportsBadCellsDuplicatesAndGaps) {
  testing::TempDir d;
  testing::write_text(d.file("a.csv"), "actor,year,value\nUSA,2000,1\nUSA,2001,x\n");
  EXPECT_THROW_MSG(read_series_csv(d.file("a.csv"), {"USA"}, 2000, 2001), InputError,
                   d.file("a.csv") + ":3:10: column 'value': found 'x'");
  testing::write_text(d.file("b.csv"), "actor,year,value\nUSA,2000,1\nUSA,2000,2\n");
  EXPECT_THROW_MSG(read_series_csv(d.file("b.csv"), {"USA"}, 2000, 2000), InputError,
                   d.file("b.csv") + ":3:1: actor 'USA' year 2000: found a second value, expected one per actor-year (the first is on line 2)");
  testing::write_text(d.file("c.csv"), "actor,year,value\nUSA,2000,1\nUSA,2002,2\n");
  EXPECT_THROW_MSG(read_series_csv(d.file("c.csv"), {"USA"}, 2000, 2002), InputError,
                   d.file("c.csv") + ": actor 'USA': found no value for 2001, expected one for every year 2000-2002");
  testing::write_text(d.file("d.csv"), "who,when,what\nUSA,2000,1\n");
  EXPECT_THROW_MSG(read_series_csv(d.file("d.csv"), {"USA"}, 2000, 2000), InputError,
                   d.file("d.csv") + ":1:1: header: found columns who, when, what, expected a SIPRI");
  Series ok = read_series_csv(d.file("d.csv"), {"USA"}, 2000, 2000, SeriesColumns{"who", "when", "what"});
  EXPECT_EQ(ok.values[0][0], 1);
}

}  // namespace
}  // namespace geobalance::armsrace

namespace geobalance::armsrace {
namespace {

// Issue 16 item 4: the same noiseless series at a 1e-300 (or 1e300) scale was called
// collinear, because the columns' squared norms underflowed to 0. The Richardson model is
// linear in the levels, so at scale s the truth is k and a unchanged and g x s: recovered
// exactly, as at scale 1 (Fit.RecoversParametersExactlyFromNoiselessData).
TEST(Fit, ExtremeScalesRecoverTheSameReactionsAndAScaledGrievance) {
  const Series base = generate(truth2(), 15, {0, 0}, 1);
  for (double scale : {1e-300, 1e300}) {
    Series s = base;
    for (auto& row : s.values)
      for (double& v : row) v *= scale;
    FitOptions o;
    o.bootstrap_replicates = 0;
    const FitResult r = fit(s, o);
    const Model& m = r.model;
    EXPECT_NEAR(m.defence[0][1], 0.15, 1e-8) << scale;
    EXPECT_NEAR(m.defence[1][0], 0.2, 1e-8) << scale;
    EXPECT_NEAR(m.fatigue[0], 0.3, 1e-8) << scale;
    EXPECT_NEAR(m.fatigue[1], 0.25, 1e-8) << scale;
    EXPECT_NEAR(m.grievance[0] / scale, 40, 1e-6) << scale;
    EXPECT_NEAR(m.grievance[1] / scale, 30, 1e-6) << scale;
    EXPECT_NEAR(r.equations[0].r_squared, 1, 1e-9) << scale;
  }
  // With noise: every scale-free statistic agrees with the fit at scale 1, and g, its
  // standard error and the residual sd scale with the data.
  const Series noisy = generate(truth2(), 30, {3, 2}, 7);
  FitOptions o;
  o.bootstrap_replicates = 0;
  const FitResult r1 = fit(noisy, o);
  Series tiny = noisy;
  for (auto& row : tiny.values)
    for (double& v : row) v *= 1e-300;
  const FitResult r2 = fit(tiny, o);
  for (std::size_t e = 0; e < 2; ++e) {
    EXPECT_NEAR(r2.equations[e].r_squared, r1.equations[e].r_squared, 1e-9);
    EXPECT_NEAR(r2.equations[e].durbin_watson, r1.equations[e].durbin_watson, 1e-9);
    EXPECT_NEAR(r2.equations[e].residual_sd / 1e-300, r1.equations[e].residual_sd, 1e-9 * r1.equations[e].residual_sd);
    const auto& g1 = r1.equations[e].coefficients.back();
    const auto& g2 = r2.equations[e].coefficients.back();
    ASSERT_EQ(g1.name, "grievance");
    EXPECT_NEAR(g2.std_error / 1e-300, g1.std_error, 1e-9 * g1.std_error);
  }
}

}  // namespace
}  // namespace geobalance::armsrace

namespace geobalance::armsrace {
namespace {

// Issue 16 item 3: resource limits before the allocation. 10 actors keep 10^2 + 2 x 10 = 120
// coefficients a draw; 1,000,000 draws are 1.2e8 numbers, over the 1e8 limit.
TEST(Fit, BootstrapDrawsBeyondTheMemoryLimitAreRefusedNamingTheFlag) {
  Series s;
  s.source = "wide.csv";
  for (int i = 0; i < 10; ++i) s.actors.push_back("A" + std::to_string(i));
  s.years = {2000};
  s.values = {std::vector<double>(10, 1.0)};
  FitOptions o;
  o.bootstrap_replicates = 1'000'000;
  EXPECT_THROW_MSG(fit(s, o), InputError,
                   "--bootstrap: found 1000000: 1000000 replicates x 120 coefficients = 1.2e+08 numbers, more than the "
                   "bootstrap limit of 1e8");
}

}  // namespace
}  // namespace geobalance::armsrace
