// The cost of the bargaining tornadoes (issue 12, item 6): 7 model runs per actor per issue on
// the default scenario's baseline inputs, per issue and for all three, on 1 and 2 threads;
// beside it the whole default run (200 replicates, which includes the tornadoes), so the
// share the tornadoes add can be read off: tornado_all / (default_run - tornado_all).
// Linked into scenario_bench with ensemble_bench.cc (which holds BENCHMARK_MAIN):
//   build/bench/scenario_bench --benchmark_filter='Tornado|DefaultRun'
#include <benchmark/benchmark.h>

#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"
#include "scenario/inputs.h"
#include "scenario/sensitivity.h"

namespace {

using namespace geobalance::scenario;

struct Fixture {
  Scenario s = load_scenario(default_scenario_path());
  World w = cut_at(*s.world, s.history_to, s.as_of);
  detail::Inputs in = detail::prepare_inputs(s, w);
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// range(0): issue index (-1 = every issue); range(1): threads.
void BM_Tornado(benchmark::State& state) {
  auto& f = fixture();
  const auto threads = static_cast<unsigned>(state.range(1));
  std::size_t bars = 0;
  for (auto _ : state) {
    bars = 0;
    for (std::size_t k = 0; k < f.s.issues.size(); ++k) {
      if (state.range(0) >= 0 && k != static_cast<std::size_t>(state.range(0))) continue;
      auto t = detail::issue_tornado(f.s, f.s.issues[k], f.in.issues[k], threads);
      bars += t.size();
      benchmark::DoNotOptimize(t.data());
    }
  }
  state.counters["bars"] = static_cast<double>(bars);
}
BENCHMARK(BM_Tornado)
    ->Args({0, 1})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Args({-1, 1})
    ->Args({-1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_DefaultRun(benchmark::State& state) {
  auto& f = fixture();
  RunOptions o;
  o.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    auto r = run_scenario(f.s, *f.s.world, o);
    benchmark::DoNotOptimize(r.answers.data());
  }
}
BENCHMARK(BM_DefaultRun)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
