// Load + CINC over all of COW NMC v6 (15,951 state-years). Reads ../shared; skips when absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "geobalance/io/csv.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/cinc.h"
#include "geobalance/power/concentration.h"

namespace {

std::string nmc_path() {
  std::string d = GEOBALANCE_SHARED_DIR_DEFAULT;
  if (const char* e = std::getenv("GEOBALANCE_SHARED_DIR")) d = e;
  return d + "/data/nmc/NMC-60-abridged.csv";
}

void BM_CsvParseNmc(benchmark::State& state) {
  if (!std::filesystem::exists(nmc_path())) return state.SkipWithError("../shared/data/nmc absent");
  for (auto _ : state) benchmark::DoNotOptimize(geobalance::io::CsvTable::read_file(nmc_path()).num_rows());
}
BENCHMARK(BM_CsvParseNmc)->Unit(benchmark::kMillisecond);

void BM_LoadNmcAndCinc(benchmark::State& state) {
  if (!std::filesystem::exists(nmc_path())) return state.SkipWithError("../shared/data/nmc absent");
  for (auto _ : state) {
    auto rows = geobalance::io::load_nmc(nmc_path());
    auto v = geobalance::power::compute_cinc(rows);
    benchmark::DoNotOptimize(v.data());
  }
  state.SetItemsProcessed(state.iterations() * 15951);
}
BENCHMARK(BM_LoadNmcAndCinc)->Unit(benchmark::kMillisecond);

void BM_CincOnly(benchmark::State& state) {
  if (!std::filesystem::exists(nmc_path())) return state.SkipWithError("../shared/data/nmc absent");
  auto rows = geobalance::io::load_nmc(nmc_path());
  for (auto _ : state) benchmark::DoNotOptimize(geobalance::power::compute_cinc(rows).data());
  state.SetItemsProcessed(state.iterations() * static_cast<long>(rows.size()));
}
BENCHMARK(BM_CincOnly)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
