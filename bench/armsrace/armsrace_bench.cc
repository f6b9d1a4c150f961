// Timings of the armsrace module: continuous integration (N actors, with and without a cap),
// discrete simulation, and the bootstrap fit. Run by hand: ./build/bench/armsrace_bench
#include <benchmark/benchmark.h>

#include "geobalance/armsrace/estimate.h"
#include "geobalance/armsrace/simulate.h"
#include "geobalance/core/random.h"

namespace ar = geobalance::armsrace;

namespace {

ar::Model ring(int n, bool cap) {
  ar::Model m;
  for (int i = 0; i < n; ++i) {
    m.actors.push_back("A" + std::to_string(i));
    m.x0.push_back(100 + i);
    m.fatigue.push_back(0.3);
    m.grievance.push_back(5);
    m.defence.emplace_back(n, 0.2 / n);
    m.defence.back()[i] = 0;
  }
  if (cap) m.caps.push_back(ar::Cap{0, 110, 10, 40, ""});
  return m;
}

void BM_SimulateContinuous(benchmark::State& st) {
  ar::Model m = ring(static_cast<int>(st.range(0)), st.range(1) != 0);
  for (auto _ : st) {
    ar::Trajectory t = ar::simulate(m, 0, 50, 1);
    benchmark::DoNotOptimize(t.values.back().front());
  }
}
BENCHMARK(BM_SimulateContinuous)->Args({2, 0})->Args({2, 1})->Args({3, 0})->Args({10, 0})->Args({50, 0});

void BM_SimulateDiscrete(benchmark::State& st) {
  ar::Model m = ring(static_cast<int>(st.range(0)), false);
  m.time = ar::TimeMode::kDiscrete;
  for (auto _ : st) {
    ar::Trajectory t = ar::simulate(m, 0, 50, 1);
    benchmark::DoNotOptimize(t.values.back().front());
  }
}
BENCHMARK(BM_SimulateDiscrete)->Arg(3)->Arg(50);

void BM_Fit(benchmark::State& st) {
  ar::Model truth = ring(3, false);
  truth.time = ar::TimeMode::kDiscrete;
  ar::Series s;
  s.actors = truth.actors;
  std::vector<double> x = truth.x0, f;
  geobalance::Rng rng(1, 0);
  for (int t = 0; t < 30; ++t) {
    s.years.push_back(1995 + t);
    s.values.push_back(x);
    ar::drift(truth, 0, x, f);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] += f[i] + rng.normal();
  }
  ar::FitOptions o;
  o.bootstrap_replicates = static_cast<int>(st.range(0));
  o.threads = 1;
  for (auto _ : st) {
    ar::FitResult r = ar::fit(s, o);
    benchmark::DoNotOptimize(r.model.fatigue[0]);
  }
}
BENCHMARK(BM_Fit)->Arg(0)->Arg(999);

}  // namespace

BENCHMARK_MAIN();
