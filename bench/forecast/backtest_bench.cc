// Timings of the forecast module (issue 13, "done means" 6):
//   BM_BacktestDefaultScenario  the full backtest of every series the default scenario forecasts
//                               (milex and warheads of USA, RUS, CHN from data/capabilities.csv;
//                               all models, origins 2005-2019, horizons 1-5), on 1 and 2 threads.
//                               Target: under 10 s on 2 cores.
//   BM_BacktestSharedSeries     the same for cinc (NMC 7.0) and idealpoint (UN votes, July 2025)
//                               with the CLI's default states, when ../shared is present.
//   BM_VarFitsOfBacktest        only the VAR lag selection + fit the milex backtest does at its 15
//                               origins; bench/forecast/compare_statsmodels.py times the same fits
//                               in statsmodels and prints the ratio.
// Run by hand: ./build/bench/forecast_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "geobalance/core/paths.h"
#include "geobalance/forecast/backtest.h"
#include "geobalance/forecast/var.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/builtin_data.h"

namespace fc = geobalance::forecast;

namespace {

const std::vector<std::string> kTriad = {"USA", "RUS", "CHN"};

fc::AnnualSeries builtin(fc::SeriesKind kind) {
  static const geobalance::power::Panel panel =
      geobalance::power::load_capability_table(geobalance::data_path("capabilities.csv"));
  return fc::series_from_panel(kind, panel, fc::to_string(kind), kTriad, "capabilities.csv");
}

std::string shared(const std::string& rel) {
  return std::string(GEOBALANCE_SHARED_DIR_DEFAULT) + "/" + rel;
}

void BM_BacktestDefaultScenario(benchmark::State& st) {
  const fc::AnnualSeries milex = builtin(fc::SeriesKind::kMilex), warheads = builtin(fc::SeriesKind::kWarheads);
  fc::BacktestOptions o;
  o.threads = static_cast<unsigned>(st.range(0));
  for (auto _ : st) {
    auto a = fc::run_backtest(milex, o);
    auto b = fc::run_backtest(warheads, o);
    benchmark::DoNotOptimize(a.rows.data());
    benchmark::DoNotOptimize(b.rows.data());
  }
}
BENCHMARK(BM_BacktestDefaultScenario)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BacktestSharedSeries(benchmark::State& st) {
  const std::string nmc = shared("data/nmc/NMC-70-abridged.csv");
  const std::string ip = shared("data/unga_idealpoints/IdealpointsJuly2025.csv");
  if (!std::filesystem::exists(nmc) || !std::filesystem::exists(ip)) {
    st.SkipWithError("../shared is absent");
    return;
  }
  const auto cinc = fc::series_from_nmc_cinc(geobalance::io::load_nmc(nmc), {"USA", "RUS", "CHN", "IND", "JPN", "GMY"}, nmc);
  const auto countries = geobalance::power::load_countries(geobalance::data_path("countries.csv"));
  std::map<int, std::string> abb;
  for (const auto& c : countries) abb[c.ccode] = c.abb;
  const auto idp = fc::series_from_idealpoints(geobalance::io::load_unga_idealpoints(ip), abb,
                                               {"USA", "RUS", "CHN", "IND", "UKG", "FRN", "TUR"}, ip);
  fc::BacktestOptions o;
  o.threads = static_cast<unsigned>(st.range(0));
  for (auto _ : st) {
    auto a = fc::run_backtest(cinc, o);
    auto b = fc::run_backtest(idp, o);
    benchmark::DoNotOptimize(a.rows.data());
    benchmark::DoNotOptimize(b.rows.data());
  }
}
BENCHMARK(BM_BacktestSharedSeries)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The VAR work of the milex backtest: at each origin T = 2005..2019, the logs of USA, RUS, CHN
// from max(1995, T - 29) to T, maxlags = min(2, max_estimable_lags), select_order, then the fit at
// the AIC order over p >= 1 (ForecastOptions defaults).
void BM_VarFitsOfBacktest(benchmark::State& st) {
  const fc::AnnualSeries milex = builtin(fc::SeriesKind::kMilex);
  std::vector<Eigen::MatrixXd> windows;
  for (int t = 2005; t <= 2019; ++t) {
    const int start = std::max(milex.first_year, t - 29), n = t - start + 1;
    Eigen::MatrixXd y(n, 3);
    for (int r = 0; r < n; ++r)
      for (int j = 0; j < 3; ++j) y(r, j) = std::log(milex.at(std::size_t(j), start + r));
    windows.push_back(y);
  }
  for (auto _ : st) {
    for (const auto& y : windows) {
      const int maxlags = std::min(2, fc::max_estimable_lags(int(y.rows()), 3));
      const int p = fc::select_var_order(y, maxlags).best(fc::InfoCriterion::kAic, 1);
      fc::VarFit f = fc::fit_var(y, p);
      benchmark::DoNotOptimize(f.params.data());
    }
  }
  st.counters["fits"] = double(windows.size());
}
BENCHMARK(BM_VarFitsOfBacktest)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
