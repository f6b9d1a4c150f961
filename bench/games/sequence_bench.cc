// Timings of the sequence-form solvers on the stored trees in tests/data/games (Kuhn poker
// with 3 and 13 cards from bench/games/make_kuhn.py, beer-quiche), and, where the reduced
// strategic form fits (3-card Kuhn: 27 x 64), the strategic-form route side by side: building
// the reduced form plus Lemke-Howson for one equilibrium (BM_StrategicLcpOne) and for the
// LH-graph component (BM_StrategicLcpAll, what `--strategic --method lcp` runs).
// compare_sequence.py prints the ratios (and lrsnash's time on the same strategic form when
// lrsnash is installed). Each benchmark labels its line with player 1's equilibrium payoff.
#include <cstdio>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>

#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"

namespace {

using namespace geobalance::games;

std::string tree_path(const std::string& name) {
  return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "tests" / "data" / "games" / name)
      .string();
}

const char* const kTrees[] = {"kuhn3.efg", "kuhn13.efg", "beer_quiche.efg"};

template <class Solve>
void run(benchmark::State& state, Solve solve) {
  std::string path = tree_path(kTrees[state.range(0)]);
  if (!std::filesystem::exists(path)) {
    state.SkipWithError((path + " is absent").c_str());
    return;
  }
  ExtensiveFormGame g = read_efg(path);
  double u1 = 0;
  for (auto _ : state) {
    SolveResult r = solve(g);
    benchmark::DoNotOptimize(r.equilibria.data());
    u1 = r.equilibria.empty() ? 0 : r.equilibria[0].payoffs_approx[0];
  }
  char label[96];
  std::snprintf(label, sizeof label, "%s u1=%.6f", kTrees[state.range(0)], u1);
  state.SetLabel(label);
}

void BM_SequenceLcp(benchmark::State& state) { run(state, [](const ExtensiveFormGame& g) { return sequence_lcp(g); }); }
void BM_SequenceLcpExact(benchmark::State& state) {
  run(state, [](const ExtensiveFormGame& g) { return sequence_lcp(g, {.exact_only = true}); });
}
void BM_SequenceLp(benchmark::State& state) { run(state, [](const ExtensiveFormGame& g) { return sequence_lp(g); }); }
void BM_AgentLogit(benchmark::State& state) { run(state, [](const ExtensiveFormGame& g) { return agent_logit(g); }); }
void BM_StrategicLcpOne(benchmark::State& state) {
  run(state, [](const ExtensiveFormGame& g) {
    return lcp(to_reduced_normal_form(g).game, {.traverse = false, .max_equilibria = 1});
  });
}
void BM_StrategicLcpAll(benchmark::State& state) {
  run(state, [](const ExtensiveFormGame& g) { return lcp(to_reduced_normal_form(g).game); });
}

BENCHMARK(BM_SequenceLcp)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SequenceLcpExact)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SequenceLp)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AgentLogit)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StrategicLcpOne)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StrategicLcpAll)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
