// geobalance run [SCENARIO] [-o DIR] [--store PATH | --no-store] [--replicates N] [--seed N] [--threads N]
#include <csignal>
#include <unistd.h>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/atomic_file.h"
#include "geobalance/report/brief.h"
#include "geobalance/report/scenario.h"
#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/store/run_store.h"
#include "geobalance/store/sha256.h"

namespace geobalance::cli {
namespace {

namespace fs = std::filesystem;

CancelToken* g_cancel = nullptr;
extern "C" void on_sigint(int) {
  if (g_cancel) g_cancel->cancel();
}

// Writes the outputs into DIR.tmp-<pid>, then swaps it in for DIR: a failed or interrupted
// run leaves the previous DIR (or nothing) in place, never a half-written one.
void write_outputs(const std::string& dir, const scenario::ScenarioResult& r) {
  fs::path target(dir);
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    throw InputError(SourceLocation{}, "-o", fmt::format("'{}' is inside '{}', which is not a folder", dir, parent.string()));
  if (fs::exists(target, ec) && !fs::is_directory(target, ec))
    throw InputError(SourceLocation{}, "-o", fmt::format("'{}' exists and is not a folder", dir));
  fs::path tmp = target;
  tmp += fmt::format(".tmp-{}", ::getpid());
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp / "tables", ec);
  if (ec) throw InputError(SourceLocation{}, "-o", fmt::format("cannot create '{}': {}", tmp.string(), ec.message()));
  try {
    io::write_file_atomically((tmp / "results.json").string(), scenario::to_json(r).dump(1) + "\n");
    io::write_file_atomically((tmp / "brief.html").string(), report::render_brief_html(report::scenario_brief(r)));
    for (const auto& [stem, table] : report::scenario_tables(r)) {
      io::AtomicFile f((tmp / "tables" / (stem + ".csv")).string());
      report::render_csv(table, f.stream());
      f.commit();
    }
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  fs::path old = target;
  old += fmt::format(".old-{}", ::getpid());
  bool had_old = fs::exists(target, ec);
  if (had_old) fs::rename(target, old, ec);
  fs::rename(tmp, target, ec);
  if (ec) {
    if (had_old) fs::rename(old, target);
    fs::remove_all(tmp);
    throw InputError(SourceLocation{}, "-o", fmt::format("cannot write '{}': {}", dir, ec.message()));
  }
  if (had_old) fs::remove_all(old, ec);
}

// The run store's record of a run: provenance (every file the World read, with its hash)
// and results, all from the typed result.
store::RunRecord run_record(const std::string& path, const std::string& started, const scenario::ScenarioResult& r) {
  store::RunRecord rec;
  rec.started_at = started;
  rec.finished_at = store::utc_now_iso8601();
  rec.scenario_name = r.scenario_name;
  rec.scenario_path = fs::absolute(path).string();
  rec.scenario_hash = store::sha256_file(path);
  rec.data_hashes = nlohmann::json::object();
  for (const auto& d : r.datasets) rec.data_hashes[fs::absolute(d.path).lexically_normal().string()] = d.sha256;
  rec.program_version = r.program_version;
  rec.seed = r.seed;
  rec.threads = static_cast<int>(r.threads);
  rec.replicates = r.replicates_done;
  rec.options = {{"replicates", r.replicates}, {"replicates_done", r.replicates_done}, {"seed", r.seed},
                 {"threads", r.threads}, {"interval_level", r.interval_level},
                 {"history", {r.history_from, r.history_to}}, {"as_of", to_string(r.as_of)},
                 {"forecast_to", r.forecast_to}};
  rec.wall_seconds = r.wall_seconds;
  rec.summary = nlohmann::json::object();  // by question id: docs/store.md
  for (const auto& a : r.answers)
    rec.summary[a.id] = {{"module", a.module}, {"value", a.value}, {"interval", {a.low, a.high}}, {"unit", a.unit},
                         {"verdict", scenario::to_string(a.verdict)}, {"answer", report::answer_sentence(a, r)}};
  rec.results = scenario::to_json_unordered(r);
  return rec;
}

Registrar reg(90, [](CLI::App& app) {
  auto* c = app.add_subcommand("run", "Run a scenario (default: the NATO southern-flank scenario): answers, brief, store");
  struct Opts {
    std::string scenario, out = "geobalance-out", store;
    bool no_store = false, quiet = false;
    int replicates = 0;
    long long seed = -1;
    int threads = -1;
  };
  auto o = std::make_shared<Opts>();
  c->add_option("scenario", o->scenario, "Scenario TOML file (default: data/scenarios/nato-southern-flank.toml)");
  c->add_option("-o,--output", o->out, "Folder for brief.html, results.json and tables/")->capture_default_str();
  c->add_option("--store", o->store, "Run store (SQLite); default $XDG_DATA_HOME/geobalance/runs.sqlite");
  c->add_flag("--no-store", o->no_store, "Do not record the run in the store");
  c->add_option("--replicates", o->replicates, "Ensemble size (overrides the scenario)")->check(CLI::Range(1, 1000000));
  c->add_option("--seed", o->seed, "Seed (overrides the scenario)")->check(CLI::NonNegativeNumber);
  c->add_option("--threads", o->threads, "Threads, 0 = all cores (overrides the scenario)")->check(CLI::Range(0, 1024));
  c->add_flag("-q,--quiet", o->quiet, "No progress bar");
  c->callback([o] {
    std::string path = o->scenario.empty() ? scenario::default_scenario_path() : o->scenario;
    auto s = scenario::load_scenario(path);
    scenario::RunOptions ro;
    if (o->replicates > 0) ro.replicates = o->replicates;
    if (o->seed >= 0) ro.seed = static_cast<std::uint64_t>(o->seed);
    if (o->threads >= 0) ro.threads = static_cast<unsigned>(o->threads);
    ro.progress = !o->quiet;
    // Open the store before the long computation, so a bad --store fails fast.
    std::optional<store::RunStore> st;
    if (!o->no_store) st = store::RunStore::open(o->store.empty() ? store::default_store_path() : o->store);
    CancelToken cancel;
    g_cancel = &cancel;
    std::signal(SIGINT, on_sigint);
    const std::string started = store::utc_now_iso8601();
    auto r = scenario::run_scenario(s, ro, cancel);
    std::signal(SIGINT, SIG_DFL);
    g_cancel = nullptr;
    if (r.termination == scenario::RunTermination::kCancelled) {
      // Ctrl-C: nothing is written or stored; the conventional exit status 128 + SIGINT.
      std::cerr << fmt::format("interrupted after {} replicates; nothing written or stored\n", r.replicates_done);
      std::exit(130);
    }
    std::cout << fmt::format("{}\n{} replicates, seed {}, {:.1f} s\n\n", s.name, r.replicates_done, r.seed, r.wall_seconds);
    std::cout << report::scenario_summary(r);
    write_outputs(o->out, r);
    std::cout << fmt::format("\nbrief: {}/brief.html  results: {}/results.json  tables: {}/tables/\n", o->out, o->out, o->out);
    if (st) {
      auto id = st->save(run_record(path, started, r));
      std::cout << fmt::format("stored as run {} in {}\n", id, st->path());
    }
  });
});

}  // namespace
}  // namespace geobalance::cli
