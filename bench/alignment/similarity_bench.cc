// Alliance-portfolio similarity for every directed dyad-year of COW v4.1 (1816-2012, ~1.76 M
// rows x 7 measures): the computation alone (no output), on 1 and 2 threads, plus the
// portfolio build. Needs ../shared; skips with a message when absent.
// Run: build/bench/alignment_bench [--benchmark_filter=AllDyads]
// Compared with NumPy by bench/alignment/compare_numpy.py.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "geobalance/alignment/portfolio.h"
#include "geobalance/alignment/similarity.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/cinc.h"

namespace {

using namespace geobalance;

std::string shared_file(const std::string& rel) {
  const char* env = std::getenv("GEOBALANCE_SHARED_DIR");
  std::string dir = env ? env : GEOBALANCE_SHARED_DIR_DEFAULT;
  return dir + "/" + rel;
}

struct Data {
  std::vector<StateSpell> states;
  std::vector<AllianceDyad> dyads;
  alignment::CapabilityWeights weights;
};

const Data* data() {
  static std::optional<Data> d;
  static bool tried = false;
  if (!tried) {
    tried = true;
    const std::string s = shared_file("data/cow_states/states2016.csv"),
                      a = shared_file("data/cow_alliance_v4.1/alliance_v4.1_by_dyad.csv"),
                      n = shared_file("data/nmc/NMC-60-abridged.csv");
    if (std::filesystem::exists(s) && std::filesystem::exists(a) && std::filesystem::exists(n))
      d = Data{io::load_cow_states(s), io::load_cow_alliance_dyads(a),
               alignment::CapabilityWeights(power::compute_cinc(io::load_nmc(n)))};
  }
  return d ? &*d : nullptr;
}

int first_year() { return std::getenv("ALIGN_FIRST") ? std::atoi(std::getenv("ALIGN_FIRST")) : 1816; }
int last_year() { return std::getenv("ALIGN_LAST") ? std::atoi(std::getenv("ALIGN_LAST")) : 2012; }

void BM_BuildPortfolios(benchmark::State& state) {
  const Data* d = data();
  if (!d) {
    state.SkipWithError("../shared/data is absent; this benchmark needs the shared datasets");
    return;
  }
  for (auto _ : state) {
    auto p = alignment::Portfolios::from_cow(d->states, d->dyads, first_year(), last_year());
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_BuildPortfolios)->Unit(benchmark::kMillisecond);

void BM_AllDyads(benchmark::State& state) {
  const Data* d = data();
  if (!d) {
    state.SkipWithError("../shared/data is absent; this benchmark needs the shared datasets");
    return;
  }
  const auto p = alignment::Portfolios::from_cow(d->states, d->dyads, first_year(), last_year());
  alignment::SimilarityOptions o;
  o.threads = static_cast<unsigned>(state.range(0));
  std::size_t rows = 0;
  double checksum = 0;
  for (auto _ : state) {
    rows = 0;
    alignment::all_dyads(p, d->weights, first_year(), last_year(), o,
                         [&](int, std::span<const alignment::DyadSimilarity> r) {
                           rows += r.size();
                           checksum += r.empty() ? 0 : r.back().m.s_unw_abs;
                         });
  }
  benchmark::DoNotOptimize(checksum);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_AllDyads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
