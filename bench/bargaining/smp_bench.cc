// SMP speed: time per turn against N actors (the cubic should be visible: doubling N costs
// about 8x), and KTAB's dummyData-a080 example run to the end (KTAB -O2 took 61 s for it on
// the reference machine; smp_ratio.sh prints the ratio).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "geobalance/bargaining/issue_io.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/core/random.h"

namespace {

using namespace geobalance;
using namespace geobalance::bargaining;

// A random one-dimensional issue in KTAB's dummy-data style: power in [1, 10], position in
// [0, 100], salience in [10, 90] (fixed seed, so every run times the same issue).
Issue random_issue(int n) {
  Rng rng(20240601, static_cast<std::uint64_t>(n));
  Issue is;
  is.name = "random";
  is.dimensions = {"x"};
  for (int i = 0; i < n; ++i)
    is.actors.push_back({"a" + std::to_string(i), "", rng.uniform(1, 10), {rng.uniform(0, 100)},
                         {rng.uniform(0.1, 0.9)}});
  return is;
}

// One turn (plus the set-up of the initial state) per iteration.
void BM_SmpTurn(benchmark::State& state) {
  const Issue is = random_issue(static_cast<int>(state.range(0)));
  SmpOptions opt;
  opt.max_turns = 1;
  for (auto _ : state) benchmark::DoNotOptimize(run_smp(is, opt));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_SmpTurn)->Arg(10)->Arg(20)->Arg(40)->Arg(80)->Arg(100)->Arg(160)->Arg(200)
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oNCubed);

std::string shared_file(const std::string& rel) {
  std::string d = GEOBALANCE_SHARED_DIR_DEFAULT;
  if (const char* env = std::getenv("GEOBALANCE_SHARED_DIR"); env && *env) d = env;
  return d + "/" + rel;
}

void BM_SmpKtabA080FullRun(benchmark::State& state) {
  Issue is;
  try {
    is = read_ktab_csv(shared_file("ktab/data/dummyData-a080.csv"));
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  int turns = 0;
  for (auto _ : state) {
    const SmpResult r = run_smp(is);
    turns = r.turns();
    benchmark::DoNotOptimize(r);
  }
  state.counters["turns"] = turns;
  state.counters["ktab_s"] = 61.0;
}
BENCHMARK(BM_SmpKtabA080FullRun)->Unit(benchmark::kMillisecond);

}  // namespace

// No BENCHMARK_MAIN here: bench/bargaining/*_bench.cc form one executable, bargaining_bench,
// whose main() is in bdm_bench.cc.
