// Baselines, the origin cut and the rolling-origin runner on short constructed series, with
// every expected value worked out by hand in the comments.
#include "geobalance/forecast/backtest.h"

#include <cmath>
#include <limits>

#include "geobalance/forecast/scores.h"
#include "test_util.h"

namespace geobalance::forecast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

AnnualSeries make(SeriesKind kind, int first, std::vector<std::vector<double>> values,
                  std::vector<std::string> states = {"A"}) {
  AnnualSeries s;
  s.kind = kind;
  s.source = "constructed";
  s.states = std::move(states);
  s.first_year = first;
  s.last_year = first + int(values[0].size()) - 1;
  s.values = std::move(values);
  return s;
}

// idealpoint (levels): 2000..2004 = 0, 1, 3, 2, 3.
AnnualSeries small() { return make(SeriesKind::kIdealPoint, 2000, {{0, 1, 3, 2, 3}}); }

const ScoreRow* find_row(const BacktestResult& r, const std::string& state, const std::string& model, int h) {
  for (const auto& row : r.rows)
    if (row.state == state && row.model == model && row.horizon == h) return &row;
  return nullptr;
}

TEST(CutAt, DropsEveryLaterYear) {
  AnnualSeries s = cut_at(small(), 2002);
  EXPECT_EQ(s.last_year, 2002);
  ASSERT_EQ(s.values[0].size(), 3u);
  EXPECT_TRUE(std::isnan(s.at(0, 2003)));
  EXPECT_EQ(cut_at(small(), 1990).num_years(), 0u);
  struct Row {
    int year;
  };
  std::vector<Row> rows = {{1999}, {2003}, {2001}};
  EXPECT_EQ(rows_through(rows, 2001).size(), 2u);
}

TEST(NoChange, EnsembleOfPastChangesByHand) {
  // Origin 2002: y_T = 3, past 1-step changes 1 - 0 = 1 and 3 - 1 = 2 -> members {4, 5};
  // 2-step change 3 - 0 = 3 -> members {6}.
  auto f = make_forecast(ModelKind::kNoChange, cut_at(small(), 2002), 2002, 2, {}, 0);
  ASSERT_TRUE(f[0]);
  EXPECT_EQ(f[0]->point, (std::vector<double>{3, 3}));
  EXPECT_EQ(f[0]->members[0], (std::vector<double>{4, 5}));
  EXPECT_EQ(f[0]->members[1], (std::vector<double>{6}));
}

TEST(NoChange, PositiveSeriesUsesRatios) {
  // milex 100, 200, 150: origin 2002, 1-step ratios 2 and 0.75 -> members {300, 112.5}.
  AnnualSeries s = make(SeriesKind::kMilex, 2000, {{100, 200, 150}});
  auto f = make_forecast(ModelKind::kNoChange, s, 2002, 1, {}, 0);
  ASSERT_TRUE(f[0]);
  EXPECT_DOUBLE_EQ(f[0]->members[0][0], 300);
  EXPECT_DOUBLE_EQ(f[0]->members[0][1], 112.5);
}

TEST(Trend, LogLinearSeriesIsExtrapolatedExactly) {
  // Analytic: y = 100 * 1.05^(t - 2000) is a line in logs; the fit is exact (s = 0), so the point
  // and every member at 2014 + h equal 100 * 1.05^(14 + h). Only the last 10 years are used: an
  // outlier in 2000-2004 changes nothing.
  std::vector<double> v;
  for (int t = 2000; t <= 2014; ++t) v.push_back(100 * std::pow(1.05, t - 2000));
  v[2] = 1;  // 2002, outside the 10-year window 2005-2014
  AnnualSeries s = make(SeriesKind::kMilex, 2000, {v});
  auto f = make_forecast(ModelKind::kTrend, s, 2014, 3, {}, 0);
  ASSERT_TRUE(f[0]);
  for (int h = 1; h <= 3; ++h) {
    const double want = 100 * std::pow(1.05, 14 + h);
    EXPECT_NEAR(f[0]->point[std::size_t(h - 1)], want, 1e-8 * want);
    EXPECT_NEAR(f[0]->members[std::size_t(h - 1)].front(), want, 1e-8 * want);
    EXPECT_NEAR(f[0]->members[std::size_t(h - 1)].back(), want, 1e-8 * want);
  }
}

TEST(Richardson, NoiselessLogRecursionIsRecovered) {
  // Analytic: two states following dlog x_i = g_i + k_i log x_j - a_i log x_i exactly are fitted
  // exactly, so the point forecast continues the recursion and all members equal it.
  const double g[2] = {1.0, 0.4}, k[2] = {0.05, 0.1}, a[2] = {0.12, 0.08};
  std::vector<std::vector<double>> v(2);
  double x[2] = {100, 40};
  for (int t = 0; t < 20; ++t) {
    v[0].push_back(x[0]);
    v[1].push_back(x[1]);
    const double n0 = x[0] * std::exp(g[0] + k[0] * std::log(x[1]) - a[0] * std::log(x[0]));
    const double n1 = x[1] * std::exp(g[1] + k[1] * std::log(x[0]) - a[1] * std::log(x[1]));
    x[0] = n0, x[1] = n1;
  }
  AnnualSeries s = make(SeriesKind::kMilex, 2000, v, {"A", "B"});
  auto f = make_forecast(ModelKind::kRichardson, s, 2019, 1, {}, 7);
  ASSERT_TRUE(f[0] && f[1]);
  EXPECT_NEAR(f[0]->point[0], x[0], 1e-6 * x[0]);
  EXPECT_NEAR(f[1]->point[0], x[1], 1e-6 * x[1]);
  EXPECT_NEAR(f[1]->members[0][5], x[1], 1e-6 * x[1]);
}

TEST(Ar1, NoiselessProcessIsContinued) {
  // Analytic: ideal points (levels) following y_t = 2 + 0.5 y_{t-1} exactly from y = 10 are fitted
  // exactly; the forecast continues the recursion (10, 7, 5.5, 4.75, ... -> 4.375, 4.1875 next)
  // with zero spread.
  std::vector<double> v = {10};
  for (int t = 1; t < 8; ++t) v.push_back(2 + 0.5 * v.back());
  AnnualSeries s = make(SeriesKind::kIdealPoint, 2000, {v});
  auto f = make_forecast(ModelKind::kAr1, s, 2007, 2, {}, 0);
  ASSERT_TRUE(f[0]);
  const double y1 = 2 + 0.5 * v.back(), y2 = 2 + 0.5 * y1;
  EXPECT_NEAR(f[0]->point[0], y1, 1e-9);
  EXPECT_NEAR(f[0]->point[1], y2, 1e-9);
  EXPECT_NEAR(f[0]->members[1].front(), y2, 1e-9);
  EXPECT_NEAR(f[0]->members[1].back(), y2, 1e-9);
}

TEST(VarForecaster, NoiselessSystemIsContinuedInLevels) {
  // Analytic: two ideal-point series following the VAR(1) c = (1, 0), A = [[0.5, 0.1], [0.2, 0.3]]
  // exactly. With --max-lags 1 the forecaster fits the VAR(1), which reproduces the recursion;
  // with no noise sigma_u = 0 and every simulated member equals the point.
  std::vector<std::vector<double>> v(2);
  double x0 = 10, x1 = -5;
  for (int t = 0; t < 14; ++t) {
    v[0].push_back(x0);
    v[1].push_back(x1);
    const double n0 = 1 + 0.5 * x0 + 0.1 * x1, n1 = 0.2 * x0 + 0.3 * x1;
    x0 = n0, x1 = n1;
  }
  AnnualSeries s = make(SeriesKind::kIdealPoint, 2000, v, {"A", "B"});
  ForecastOptions o;
  o.var_max_lags = 1;  // the noiseless process makes higher orders collinear
  auto f = make_forecast(ModelKind::kVar, s, 2013, 1, o, 5);
  ASSERT_TRUE(f[0] && f[1]);
  EXPECT_NEAR(f[0]->point[0], x0, 1e-7);
  EXPECT_NEAR(f[1]->point[0], x1, 1e-7);
  EXPECT_NEAR(f[1]->members[0][17], x1, 1e-6);
}

TEST(Regime, TreatyYearsByTheRule) {
  // START I governed 1995-2002, SORT 2003-2010, New START 2011-2025, none from 2026 (5 Feb 2026).
  EXPECT_EQ(treaty_regime(1994), TreatyRegime::kNone);
  EXPECT_EQ(treaty_regime(1995), TreatyRegime::kStartI);
  EXPECT_EQ(treaty_regime(2002), TreatyRegime::kStartI);
  EXPECT_EQ(treaty_regime(2003), TreatyRegime::kSort);
  EXPECT_EQ(treaty_regime(2010), TreatyRegime::kSort);
  EXPECT_EQ(treaty_regime(2011), TreatyRegime::kNewStart);
  EXPECT_EQ(treaty_regime(2025), TreatyRegime::kNewStart);
  EXPECT_EQ(treaty_regime(2026), TreatyRegime::kNone);
  const std::vector<std::string> parties = ForecastOptions{}.treaty_parties;  // USA, RUS
  EXPECT_EQ(treaty_regime("RUS", 2015, parties), TreatyRegime::kNewStart);
  EXPECT_EQ(treaty_regime("CHN", 2015, parties), TreatyRegime::kNone);  // never a party
}

TEST(Regime, DriftFromTheCurrentRegimeOnlyByHand) {
  // USA warheads, logs: START I years 2000-2002 jump wildly (1000, 5000, 50) and must not count;
  // the 2002 -> 2003 change crosses a break and must not count; SORT changes 2004-2006 are
  // -0.1, -0.3, -0.2: mean m = -0.2, deviations 0.1, -0.1, 0, s^2 = 0.02 / 2 = 0.01, n = 3.
  // Origin 2006, h = 1: point = y_2006 e^-0.2; log s.d. = sqrt(0.01 + 0.01 / 3) = 0.1154701.
  const double y2003 = 400, y2006 = y2003 * std::exp(-0.6);
  AnnualSeries s = make(SeriesKind::kWarheads, 2000,
                        {{1000, 5000, 50, y2003, y2003 * std::exp(-0.1), y2003 * std::exp(-0.4), y2006}}, {"USA"});
  ForecastOptions o;
  o.ensemble = 2;  // quantile members at Phi^-1(0.25) and Phi^-1(0.75) = -/+ 0.6744898
  auto f = make_forecast(ModelKind::kRegime, s, 2006, 1, o, 0);
  ASSERT_TRUE(f[0]);
  EXPECT_NEAR(f[0]->point[0], y2006 * std::exp(-0.2), 1e-9);
  EXPECT_NEAR(f[0]->members[0][1], y2006 * std::exp(-0.2 + 0.6744898 * 0.1154701), 1e-5);
  EXPECT_NEAR(f[0]->members[0][0], y2006 * std::exp(-0.2 - 0.6744898 * 0.1154701), 1e-5);
  EXPECT_EQ(f[0]->note, "SORT: drift -0.2000 a year from 3 changes");
  // One SORT change only (origin 2004): too few to estimate a drift, no forecast.
  EXPECT_FALSE(make_forecast(ModelKind::kRegime, cut_at(s, 2004), 2004, 1, o, 0)[0]);
}

TEST(Models, PositiveSeriesForecastsAreNeverBelowZero) {
  // A falling, noisy positive series: every member of every log-scale model stays > 0.
  std::vector<std::vector<double>> v(2);
  for (int t = 0; t < 25; ++t) {
    v[0].push_back(1000 * std::exp(-0.3 * t) * (1 + 0.3 * ((t * 7) % 5 - 2) / 2.0));
    v[1].push_back(500 * std::exp(-0.2 * t) * (1 + 0.2 * ((t * 3) % 4 - 1.5)));
  }
  AnnualSeries s = make(SeriesKind::kWarheads, 2000, v, {"A", "B"});
  for (ModelKind m : default_models(SeriesKind::kWarheads)) {
    auto f = make_forecast(m, s, 2024, 10, {}, 1);
    for (const auto& sf : f) {
      ASSERT_TRUE(sf) << to_string(m);
      for (const auto& hm : sf->members)
        for (double x : hm) EXPECT_GT(x, 0) << to_string(m);
    }
  }
}

TEST(Backtest, ScoresByHand) {
  // Series 0, 1, 3, 2, 3 (2000-2004), origins 2002:2003, horizon 1.
  // nochange, origin 2002: point 3, members {4, 5}, y = 2: |e| = 1,
  //   CRPS = (2 + 3)/2 - (0 + 1 + 1 + 0)/4 / 2 = 2.25, 50% [4.25, 4.75] and 90% [4.05, 4.95] miss.
  // nochange, origin 2003: point 2, members {3, 4, 1}, y = 3: |e| = 1, CRPS = 1 - 2/3 = 1/3,
  //   50% [2, 3.5] and 90% [1.2, 3.9] hold.
  // => n 2, MAE 1, rel_mae 1, CRPS (2.25 + 1/3)/2 = 31/24, cover50 = cover90 = 0.5.
  // trend, origin 2002: line through (2000,0), (2001,1), (2002,3): slope 3/2, mean 4/3 at 2001,
  //   so 4/3 + 2 * 3/2 = 13/3 at 2003, |e| = 7/3.
  // trend, origin 2003: (2000..2003: 0,1,3,2): slope Sxz/Sxx = 4/5, mean 1.5 at 2001.5, so
  //   1.5 + 2.5 * 0.8 = 3.5 at 2004, |e| = 0.5.
  // => MAE (7/3 + 1/2)/2 = 17/12, rel_mae (7/3 + 1/2)/(1 + 1) = 17/12.
  BacktestOptions o;
  o.first_origin = 2002;
  o.last_origin = 2003;
  o.min_horizon = o.max_horizon = 1;
  o.models = {ModelKind::kNoChange, ModelKind::kTrend};
  o.threads = 1;
  BacktestResult r = run_backtest(small(), o);
  const ScoreRow* nc = find_row(r, "A", "nochange", 1);
  ASSERT_NE(nc, nullptr);
  EXPECT_EQ(nc->n, 2);
  EXPECT_DOUBLE_EQ(nc->mae, 1.0);
  EXPECT_DOUBLE_EQ(nc->rel_mae, 1.0);
  EXPECT_DOUBLE_EQ(nc->crps, 31.0 / 24.0);
  EXPECT_DOUBLE_EQ(nc->cover50, 0.5);
  EXPECT_DOUBLE_EQ(nc->cover90, 0.5);
  const ScoreRow* tr = find_row(r, "A", "trend", 1);
  ASSERT_NE(tr, nullptr);
  EXPECT_EQ(tr->n, 2);
  EXPECT_NEAR(tr->mae, 17.0 / 12.0, 1e-12);
  EXPECT_NEAR(tr->rel_mae, 17.0 / 12.0, 1e-12);
  // The pooled row of a one-state run equals the state's row.
  const ScoreRow* all = find_row(r, "all", "trend", 1);
  ASSERT_NE(all, nullptr);
  EXPECT_DOUBLE_EQ(all->mae, tr->mae);
}

TEST(Backtest, TrendEnsembleCrpsMatchesGaussianClosedForm) {
  // Trend at origin 2002 (above): residuals 1/6, -1/3, 1/6, RSS 1/6, s^2 = 1/6 / (3 - 2) = 1/6;
  // prediction s.d. at 2003 = sqrt(1/6 * (1 + 1/3 + (2003 - 2001)^2 / 2)) = sqrt(5/9) = 0.745356.
  // CRPS of N(13/3, 5/9) at y = 2 (Gneiting & Raftery 2007, eq. 5): z = (2 - 13/3)/0.745356 =
  // -3.130495, Phi(z) = 0.000872515, phi(z) = 0.00298766:
  // s [z (2 Phi - 1) + 2 phi - 1/sqrt(pi)] = 0.745356 * (3.125032 + 0.005975 - 0.564190) = 1.913195.
  BacktestOptions o;
  o.first_origin = o.last_origin = 2002;
  o.min_horizon = o.max_horizon = 1;
  o.models = {ModelKind::kTrend};
  o.forecast.ensemble = 4000;
  BacktestResult r = run_backtest(small(), o);
  const ScoreRow* tr = find_row(r, "A", "trend", 1);
  ASSERT_NE(tr, nullptr);
  EXPECT_NEAR(tr->crps, 1.913195, 2e-3);
}

TEST(Backtest, RelMaePoolsOverStatesAndSkipsMissingTargets) {
  // Two states, origin 2001, h = 1..2. A: 1, 2, 4, 8 -> nochange |e| = 2 (h1), 6 (h2).
  // B: 10, 10, 7, NaN -> nochange |e| = 3 (h1); h2 has no observation and is not scored.
  // Pooled nochange h1: MAE (2 + 3)/2 = 2.5, n 2; h2: n 1, MAE 6.
  AnnualSeries s = make(SeriesKind::kMilex, 2000, {{1, 2, 4, 8}, {10, 10, 7, kNaN}}, {"A", "B"});
  BacktestOptions o;
  o.first_origin = o.last_origin = 2001;
  o.min_horizon = 1;
  o.max_horizon = 2;
  o.models = {ModelKind::kNoChange};
  BacktestResult r = run_backtest(s, o);
  const ScoreRow* h1 = find_row(r, "all", "nochange", 1);
  const ScoreRow* h2 = find_row(r, "all", "nochange", 2);
  ASSERT_TRUE(h1 && h2);
  EXPECT_EQ(h1->n, 2);
  EXPECT_DOUBLE_EQ(h1->mae, 2.5);
  EXPECT_EQ(h2->n, 1);
  EXPECT_DOUBLE_EQ(h2->mae, 6);
  EXPECT_EQ(find_row(r, "B", "nochange", 2), nullptr);
}

TEST(Backtest, OriginSeesNothingAfterIt) {
  // Changing every value after the last origin + 0 years changes no forecast (only the scores).
  std::vector<double> v;
  for (int t = 0; t < 30; ++t) v.push_back(100 + 3 * t + (t % 4));
  AnnualSeries a = make(SeriesKind::kMilex, 1990, {v, std::vector<double>(v.rbegin(), v.rend())}, {"A", "B"});
  AnnualSeries b = a;
  for (auto& st : b.values)
    for (int y = 2011; y <= 2019; ++y) st[std::size_t(y - 1990)] *= 3;
  for (ModelKind m : default_models(SeriesKind::kMilex)) {
    auto fa = make_forecast(m, cut_at(a, 2010), 2010, 5, {}, 3);
    auto fb = make_forecast(m, cut_at(b, 2010), 2010, 5, {}, 3);
    for (std::size_t st = 0; st < 2; ++st) {
      ASSERT_EQ(bool(fa[st]), bool(fb[st]));
      if (fa[st]) EXPECT_EQ(fa[st]->members, fb[st]->members) << to_string(m);
    }
  }
  EXPECT_THROW_MSG(make_forecast(ModelKind::kTrend, a, 2010, 1, {}, 0), InputError, "must be cut at the origin 2010");
}

TEST(Backtest, ThreadCountDoesNotChangeResults) {
  std::vector<double> v;
  for (int t = 0; t < 30; ++t) v.push_back(100 + 3 * t + 7 * std::sin(t));
  AnnualSeries s = make(SeriesKind::kMilex, 1990, {v, std::vector<double>(v.rbegin(), v.rend())}, {"A", "B"});
  BacktestOptions o;
  o.last_origin = 2015;
  o.threads = 1;
  BacktestResult one = run_backtest(s, o);
  o.threads = 2;
  BacktestResult two = run_backtest(s, o);
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (std::size_t i = 0; i < one.rows.size(); ++i) EXPECT_EQ(one.rows[i].crps, two.rows[i].crps);
}

TEST(Backtest, ModelListDoesNotChangeAModelsDraws) {
  // The VAR's simulated ensemble comes from a stream fixed by (seed, origin, model), so its rows
  // are the same whether it runs alone or beside every other model.
  std::vector<double> v;
  for (int t = 0; t < 30; ++t) v.push_back(100 + 3 * t + 7 * std::sin(t));
  AnnualSeries s = make(SeriesKind::kMilex, 1990, {v, std::vector<double>(v.rbegin(), v.rend())}, {"A", "B"});
  BacktestOptions o;
  o.last_origin = 2015;
  BacktestResult all = run_backtest(s, o);
  o.models = {ModelKind::kVar};
  BacktestResult alone = run_backtest(s, o);
  int compared = 0;
  for (const auto& a : alone.rows)
    for (const auto& b : all.rows)
      if (a.model == "var" && b.model == "var" && a.state == b.state && a.horizon == b.horizon) {
        EXPECT_EQ(a.crps, b.crps);
        ++compared;
      }
  EXPECT_EQ(compared, 15);  // A, B, all x 5 horizons
}

TEST(Selection, KeepsNoChangeUnlessBeaten) {
  // The rule on hand-made scores. Pairs (state 0, origin 2010, h 1) and (state 0, 2011, h 1):
  //   nochange CRPS 2 and 4 (sum 6), |e| 3 and 1 (sum 4);
  //   trend    CRPS 1 and 2 (sum 3): rel_crps 3/6 = 0.5; |e| 1 and 1: rel_mae 2/4 = 0.5;
  //            in90 on one pair of two: 50%;
  //   ar1      only the first pair, CRPS 3 against no-change's 2 there: rel_crps 1.5.
  // => trend is chosen with rel_crps 0.5.
  BacktestResult r;
  r.models = {ModelKind::kNoChange, ModelKind::kTrend, ModelKind::kAr1};
  r.first_origin = 2010;
  r.last_origin = 2011;
  auto add = [&](ModelKind m, int origin, double crps, double point, bool in90) {
    ScoredForecast f;
    f.model = m;
    f.origin = origin;
    f.horizon = 1;
    f.crps = crps;
    f.point = point;
    f.observed = 10;
    f.in90 = in90;
    f.nochange_abs_error = origin == 2010 ? 3 : 1;
    r.scored.push_back(f);
  };
  add(ModelKind::kNoChange, 2010, 2, 13, false);
  add(ModelKind::kNoChange, 2011, 4, 9, false);
  add(ModelKind::kTrend, 2010, 1, 11, true);
  add(ModelKind::kTrend, 2011, 2, 9, false);
  add(ModelKind::kAr1, 2010, 3, 10, true);
  Selection sel = select_from(r);
  EXPECT_EQ(sel.model, ModelKind::kTrend);
  EXPECT_EQ(sel.n, 2);
  EXPECT_DOUBLE_EQ(sel.rel_crps, 0.5);
  EXPECT_DOUBLE_EQ(sel.rel_mae, 0.5);
  EXPECT_DOUBLE_EQ(sel.cover90, 0.5);
  ASSERT_EQ(sel.candidates.size(), 3u);
  EXPECT_DOUBLE_EQ(sel.candidates[2].second, 1.5);
  EXPECT_THAT(sel.reason, ::testing::HasSubstr("trend had the lowest CRPS, 0.50 times no-change's over the same 2"));
  // The line printed beside a forecast, and the JSON a scenario stores.
  EXPECT_EQ(score_line(sel), "rel. MAE 0.50, 90% interval held 50% of the time, 2010-2011 origins");
  const nlohmann::json j = to_json(sel);
  EXPECT_EQ(j["model"], "trend");
  EXPECT_EQ(j["candidates"][2]["model"], "ar1");
  EXPECT_DOUBLE_EQ(j["candidates"][2]["rel_crps"].get<double>(), 1.5);
  BacktestOptions o;
  o.last_origin = 2015;
  o.models = {ModelKind::kTrend};
  // A constant series: no-change is exact and nothing can beat it.
  AnnualSeries flat = make(SeriesKind::kMilex, 1990, {std::vector<double>(30, 5.0)});
  Selection keep = select_forecaster(flat, o);
  EXPECT_EQ(keep.model, ModelKind::kNoChange);
  EXPECT_THAT(keep.reason, ::testing::HasSubstr("no-change is kept"));
}

TEST(Backtest, BadOptionsNameTheFlag) {
  BacktestOptions o;
  o.first_origin = 1990;
  o.last_origin = 2003;
  EXPECT_THROW_MSG(run_backtest(small(), o), InputError, "--origins: found 1990:2003, expected origins within 2001:2003");
  o.first_origin = 2002;
  o.min_horizon = 0;
  EXPECT_THROW_MSG(run_backtest(small(), o), InputError, "--horizons: found 0:5");
  o.min_horizon = 1;
  o.models = {ModelKind::kRichardson};
  EXPECT_THROW_MSG(run_backtest(small(), o), InputError, "--models: found 'richardson'");
}

}  // namespace
}  // namespace geobalance::forecast
