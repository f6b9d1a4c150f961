// The default scenario's ensemble: issue 7's target is 1,000 replicates in <= 60 s on this
// 2-core machine. Reports the time of a 1,000-replicate run on 1 and on all threads, and the
// ratio to the 60 s budget.
#include <benchmark/benchmark.h>

#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"

namespace {

void BM_DefaultScenarioEnsemble(benchmark::State& state) {
  auto s = geobalance::scenario::load_scenario(geobalance::scenario::default_scenario_path());
  geobalance::scenario::RunOptions o;
  o.replicates = static_cast<int>(state.range(0));
  o.threads = static_cast<unsigned>(state.range(1));
  double wall = 0;
  for (auto _ : state) {
    auto r = geobalance::scenario::run_scenario(s, o);
    benchmark::DoNotOptimize(r.answers.data());
    wall = r.wall_seconds;
  }
  state.counters["replicates"] = static_cast<double>(state.range(0));
  state.counters["budget_ratio"] = 60.0 / wall;  // > 1: inside the 60 s target
}
BENCHMARK(BM_DefaultScenarioEnsemble)
    ->Args({1000, 1})
    ->Args({1000, 0})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
