// Timings of the BDM expected-utility model (scholz2011 preset, the default). Compare with
// the public replications through bench/bargaining/bdm_ratios.py:
//   BM_BdmMonteCarlo20    10,000 replicates x 10 rounds of a 20-actor issue (target <= 5 s
//                         on 2 cores); replicate i perturbs the inputs from Rng(seed, i)
//   BM_BdmRun/20, /200    one 10-round run with every offer recorded (public replication:
//                         0.11 s for 20 actors, 39 s for 200 actors)
//   BM_BdmRound/N         one round for N = 10..200 (the fitted exponent shows the cubic)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "geobalance/bargaining/bdm.h"
#include "geobalance/bargaining/issue.h"
#include "geobalance/core/parallel.h"
#include "geobalance/core/random.h"

namespace {

using geobalance::bargaining::Actor;
using geobalance::bargaining::BdmOptions;
using geobalance::bargaining::Issue;
using geobalance::bargaining::run_bdm;

// A synthetic issue: capability U(0.1, 1), position U(0, 100), salience U(0.1, 1).
Issue synthetic_issue(int n, std::uint64_t seed) {
  geobalance::Rng rng(seed, 0);
  Issue issue;
  issue.name = "synthetic";
  issue.dimensions = {"x"};
  for (int i = 0; i < n; ++i) {
    Actor a;
    a.name = "a" + std::to_string(i);
    a.capability = rng.uniform(0.1, 1);
    a.position = {rng.uniform(0, 100)};
    a.salience = {rng.uniform(0.1, 1)};
    issue.actors.push_back(a);
  }
  return issue;
}

// Replicate i of the sensitivity ensemble: capability x exp(N(0, 0.1)), salience + N(0, 0.05)
// clipped to [0, 1], position + N(0, 5) clipped to [0, 100].
Issue perturbed(const Issue& base, std::uint64_t seed, std::uint64_t i) {
  geobalance::Rng rng(seed, i);
  Issue issue = base;
  for (Actor& a : issue.actors) {
    a.capability *= std::exp(rng.normal(0, 0.1));
    a.salience[0] = std::clamp(a.salience[0] + rng.normal(0, 0.05), 0.0, 1.0);
    a.position[0] = std::clamp(a.position[0] + rng.normal(0, 5), 0.0, 100.0);
  }
  return issue;
}

void BM_BdmMonteCarlo20(benchmark::State& state) {
  const std::size_t replicates = 10000;
  const Issue base = synthetic_issue(20, 42);
  BdmOptions o;
  o.max_rounds = 10;
  o.stop_when_stable = false;  // always 10 rounds
  o.record_offers = false;
  std::vector<double> outcome(replicates);
  for (auto _ : state) {
    geobalance::parallel_for(replicates, 2, 64, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i)
        outcome[i] = run_bdm(perturbed(base, 7, i), o).final_median;
    });
    benchmark::DoNotOptimize(outcome.data());
  }
  state.counters["replicates"] = static_cast<double>(replicates);
}
BENCHMARK(BM_BdmMonteCarlo20)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(3);

void BM_BdmRun(benchmark::State& state) {
  const Issue issue = synthetic_issue(static_cast<int>(state.range(0)), 42);
  BdmOptions o;
  o.max_rounds = 10;
  o.stop_when_stable = false;
  for (auto _ : state) {
    auto res = run_bdm(issue, o);
    benchmark::DoNotOptimize(res.final_positions.data());
  }
}
BENCHMARK(BM_BdmRun)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);

void BM_BdmRound(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Issue issue = synthetic_issue(n, 42);
  BdmOptions o;
  o.max_rounds = 1;
  o.stop_when_stable = false;
  for (auto _ : state) {
    auto res = run_bdm(issue, o);
    benchmark::DoNotOptimize(res.final_positions.data());
  }
  state.SetComplexityN(n);
}
BENCHMARK(BM_BdmRound)
    ->DenseRange(10, 200, 10)
    ->Unit(benchmark::kMicrosecond)
    ->Complexity(benchmark::oNCubed);

}  // namespace

BENCHMARK_MAIN();
