// Timings of enummixed and lcp on the random games Gambit was timed on
// (../shared/peers/games/randNN.nfg; times in ../shared/peers/gambit.md). Run through
// compare_gambit.py for ratios. Each benchmark reports the equilibria it found as a counter.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>

#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"

namespace {

using namespace geobalance::games;

std::string game_path(int n) {
  std::string dir = GEOBALANCE_SHARED_DIR_DEFAULT;
  if (const char* env = std::getenv("GEOBALANCE_SHARED_DIR"); env && *env) dir = env;
  char name[32];
  std::snprintf(name, sizeof name, "rand%02d.nfg", n);
  return dir + "/peers/games/" + name;
}

template <class Solve>
void run(benchmark::State& state, Solve solve) {
  const int n = static_cast<int>(state.range(0));
  std::string path = game_path(n);
  if (!std::filesystem::exists(path)) {
    state.SkipWithError((path + " is absent; these benchmarks need ../shared/peers/games").c_str());
    return;
  }
  NormalFormGame g = read_nfg(path);
  std::size_t found = 0;
  for (auto _ : state) {
    SolveResult r = solve(g);
    found = r.equilibria.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["equilibria"] = static_cast<double>(found);
}

void BM_EnumMixed(benchmark::State& state) { run(state, [](const NormalFormGame& g) { return enummixed(g); }); }
void BM_Lcp(benchmark::State& state) { run(state, [](const NormalFormGame& g) { return lcp(g); }); }
void BM_LcpArtificialOnly(benchmark::State& state) {
  run(state, [](const NormalFormGame& g) { return lcp(g, {.traverse = false}); });
}

BENCHMARK(BM_EnumMixed)->Arg(4)->Arg(6)->Arg(8)->Arg(10)->Arg(12)->Arg(14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EnumMixed)->Arg(16)->Arg(20)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lcp)->Arg(4)->Arg(6)->Arg(8)->Arg(10)->Arg(12)->Arg(14)->Arg(16)->Arg(20)->Arg(25)->Arg(30)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LcpArtificialOnly)->Arg(10)->Arg(20)->Arg(30)->Arg(40)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
