// geobalance run [SCENARIO] [-o DIR] [--store PATH | --no-store] [--replicates N] [--seed N] [--threads N]
#include <csignal>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <limits>
#include <sstream>

#include <signal.h>
#include <unistd.h>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/output_folder.h"
#include "geobalance/io/registry.h"
#include "geobalance/report/brief.h"
#include "geobalance/report/scenario.h"
#include "geobalance/report/track_record.h"
#include "geobalance/scenario/hindcast.h"
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

bool process_alive(long pid) {
  if (pid <= 0 || pid > std::numeric_limits<pid_t>::max()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// The process id at the end of `name` after `prefix` ("out.tmp-" + "123"), or -1.
long pid_suffix(const std::string& name, const std::string& prefix) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return -1;
  long pid = 0;
  for (std::size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || pid > 1'000'000'000) return -1;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid;
}

// True when `folder` holds only what an earlier geobalance wrote into its staging folders
// (brief.html, results.json, tables/ with .csv files): the only folders it may remove.
bool only_geobalance_outputs(const fs::path& folder) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    const std::string n = e.path().filename().string();
    if (n == "brief.html" || n == "results.json") continue;
    if (n == "tables" && e.is_directory(ec)) {
      for (const auto& t : fs::directory_iterator(e.path(), ec))
        if (t.path().extension() != ".csv" || !t.is_regular_file(ec)) return false;
      continue;
    }
    return false;
  }
  return !ec;
}

// Earlier geobalance versions staged outputs in "DIR.tmp-PID" (beside DIR; "DIR/.tmp-PID" for
// `-o DIR/`, "..tmp-PID" for `-o .`) and swapped DIR out to "DIR.old-PID". A run killed in
// between left those folders behind. They are removed when their process is gone and they
// hold nothing but geobalance's outputs; a "DIR.old-PID" is moved back when DIR is missing.
void clean_legacy_leftovers(const fs::path& dir) {
  std::error_code ec;
  const fs::path parent = dir.parent_path();
  const std::string name = dir.filename().string();
  std::vector<std::pair<fs::path, long>> found;
  auto scan = [&](const fs::path& where, const std::vector<std::string>& prefixes) {
    for (const auto& e : fs::directory_iterator(where, ec)) {
      const std::string n = e.path().filename().string();
      for (const auto& p : prefixes)
        if (long pid = pid_suffix(n, p); pid > 0 && e.is_directory(ec) && !process_alive(pid)) found.push_back({e.path(), pid});
    }
  };
  if (fs::is_directory(parent, ec)) scan(parent, {name + ".tmp-", name + ".old-"});
  if (fs::is_directory(dir, ec)) scan(dir, {".tmp-", "..tmp-"});
  for (const auto& [p, pid] : found) {
    if (!only_geobalance_outputs(p)) continue;
    const std::string n = p.filename().string();
    if (n.rfind(name + ".old-", 0) == 0 && !fs::exists(dir, ec)) {
      fs::rename(p, dir, ec);
      if (!ec) std::cerr << fmt::format("geobalance: note: moved '{}' back to '{}' (a killed run, process {}, had set it aside)\n", p.string(), dir.string(), pid);
      continue;
    }
    fs::remove_all(p, ec);
    if (!ec) std::cerr << fmt::format("geobalance: note: removed '{}', left by a killed run (process {})\n", p.string(), pid);
  }
}

// The outputs of a run: DIR/results.json, DIR/brief.html and DIR/tables/NAME.csv, each
// written atomically through io::OutputFolder (which never replaces a file geobalance did not
// write there). DIR is created only when the outputs are written, so a run that fails or is
// interrupted creates nothing; check() finds every problem it can before the computation.
class RunOutputs {
 public:
  explicit RunOutputs(const std::string& typed)
      : typed_(typed), dir_(fs::absolute(typed.empty() ? std::string(".") : typed).lexically_normal()) {
    std::string d = dir_.string();
    while (d.size() > 1 && d.back() == '/') d.pop_back();
    dir_ = d;
  }

  // Before the computation: leftovers of killed runs are removed; DIR (when it exists) is a
  // writable folder with a readable manifest in which brief.html and results.json may be
  // written, and DIR/tables likewise; when DIR does not exist, its nearest existing ancestor
  // is a writable folder.
  void check() {
    std::error_code ec;
    clean_legacy_leftovers(dir_);
    if (fs::exists(dir_, ec)) {
      main_.preflight();
      main_.check_writable({"results.json", "brief.html"});
      const fs::path tables = dir_ / "tables";
      if (fs::exists(tables, ec)) tables_.preflight();
      return;
    }
    fs::path up = dir_.parent_path();
    while (!up.empty() && !fs::exists(up, ec) && up != up.parent_path()) up = up.parent_path();
    if (!fs::is_directory(up, ec))
      throw InputError(SourceLocation{}, "-o",
                       fmt::format("found '{}', but '{}' is not a folder; expected a folder for the outputs", typed_,
                                   up.string()));
    if (::access(up.c_str(), W_OK | X_OK) != 0)
      throw InputError(SourceLocation{}, "-o",
                       fmt::format("found '{}', which would be created in '{}', but that folder is not writable ({})",
                                   typed_, up.string(), std::strerror(errno)));
  }

  // After the computation, before the store save: every name may be written.
  void check_names(const std::vector<std::string>& tables) {
    main_.check_writable({"results.json", "brief.html"});
    std::error_code ec;
    if (fs::exists(dir_ / "tables", ec)) tables_.check_writable(tables);
  }

  void write(const std::string& results, const std::string& brief,
             const std::vector<std::pair<std::string, std::string>>& tables) {
    main_.write("results.json", results);
    main_.write("brief.html", brief);
    for (const auto& [name, text] : tables) tables_.write(name, text);
  }

 private:
  std::string typed_;
  fs::path dir_;
  io::OutputFolder main_{dir_.string()};
  io::OutputFolder tables_{(dir_ / "tables").string()};
};

// The run store's record of a run: provenance (every file the World read, with its hash)
// and results, all from the typed result.
store::RunRecord run_record(const std::string& path, const std::string& started, const scenario::ScenarioResult& r,
                            const io::Registry& registry) {
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
  // The registry entry of every file the World read (issue 15, item 3): which dataset,
  // version and coverage, and how to cite it. A file the registry does not know (a user's own
  // table) is listed with dataset "" so the gap is visible.
  nlohmann::json used = nlohmann::json::array();
  for (const auto& d : r.datasets) {
    const fs::path abs = fs::absolute(d.path).lexically_normal();
    const io::DatasetEntry* e = registry.for_path(abs.string());
    // A built-in entry names one file, data_dir()/FILE; a file elsewhere with the same name
    // (a scenario's own world, a test fixture) is not that dataset.
    if (e && e->location.rfind("builtin:", 0) == 0) {
      std::error_code ec;
      if (!fs::equivalent(abs, fs::path(data_dir()) / e->location.substr(8), ec)) e = nullptr;
    }
    nlohmann::json row = {{"path", abs.string()}, {"role", d.role}};
    if (e) {
      row["dataset"] = e->name;
      row["version"] = e->version;
      row["coverage"] = e->coverage();
      row["citation"] = e->bibtex_keys;
    } else {
      row["dataset"] = "";
    }
    used.push_back(row);
  }
  rec.options["datasets"] = used;
  return rec;
}

Registrar reg(90, [](CLI::App& app) {
  auto* c = app.add_subcommand("run", "Run a scenario (default: the NATO southern-flank scenario): answers, brief, store");
  struct Opts {
    std::string scenario, out = "geobalance-out", store, format;
    bool no_store = false, quiet = false, no_hindcast = false;
    std::string outcomes, hindcast_scenario;
    int replicates = 0;
    long long seed = -1;
    int threads = -1;
  };
  auto o = std::make_shared<Opts>();
  c->add_option("scenario", o->scenario, "Scenario TOML file (default: data/scenarios/nato-southern-flank.toml)");
  c->add_option("-o,--output", o->out,
                "Folder for brief.html, results.json and tables/ (created when written; other files in it are "
                "left alone)")
      ->capture_default_str();
  c->add_option("--store", o->store, "Run store (SQLite); default $XDG_DATA_HOME/geobalance/runs.sqlite");
  c->add_flag("--no-store", o->no_store, "Do not record the run in the store");
  c->add_option("--replicates", o->replicates, "Ensemble size (overrides the scenario)")->check(CLI::Range(1, 1000000));
  c->add_option("--seed", o->seed, "Seed (overrides the scenario)")->check(CLI::NonNegativeNumber);
  c->add_option("--threads", o->threads, "Threads, 0 = all cores (overrides the scenario)")->check(CLI::Range(0, 1024));
  c->add_flag("-q,--quiet", o->quiet, "No progress bar");
  c->add_option("--outcomes", o->outcomes,
                "Outcome file: add a 'Track record' section scoring the run (or --hindcast-scenario's run) against it "
                "(docs/hindcast.md)");
  c->add_option("--hindcast-scenario", o->hindcast_scenario,
                "Scenario whose own run is scored against --outcomes (default with no SCENARIO: the 2019 scenario)");
  c->add_flag("--no-hindcast", o->no_hindcast, "The default scenario's run without its 2019 hindcast");
  add_format_option(c, &o->format);
  c->footer("--format: table prints the answers as sentences; csv the answers table; json results.json. With csv "
            "or json, the lines naming the outputs and the stored run go to stderr.");
  c->callback([o] {
    // Everything that can be checked is checked before the computation (issue 16, item 2):
    // the scenario and its inputs, the store (its schema, and that it can be written), the
    // output folder, and the dataset registry the store records.
    std::string path = o->scenario.empty() ? scenario::default_scenario_path() : o->scenario;
    auto s = scenario::load_scenario(path);
    scenario::RunOptions ro;
    if (o->replicates > 0) ro.replicates = o->replicates;
    if (o->seed >= 0) ro.seed = static_cast<std::uint64_t>(o->seed);
    if (o->threads >= 0) ro.threads = static_cast<unsigned>(o->threads);
    ro.progress = !o->quiet;
    // The hindcast (docs/hindcast.md): the default run shows the 2019 scenario's own run scored
    // against data/outcomes/hindcast-2019.csv. Each run is cut at its own information date;
    // the outcome file is read here only to check it and used only after both runs.
    if (!o->hindcast_scenario.empty() && o->outcomes.empty())
      throw InputError(SourceLocation{}, "--hindcast-scenario",
                       fmt::format("found '{}' without --outcomes; expected both", o->hindcast_scenario));
    if (o->no_hindcast && !o->outcomes.empty())
      throw InputError(SourceLocation{}, "--no-hindcast", "found with --outcomes; expected one of them");
    if (o->scenario.empty() && o->outcomes.empty() && !o->no_hindcast) {
      o->hindcast_scenario = scenario::default_hindcast_scenario_path();
      o->outcomes = scenario::default_outcomes_path();
    }
    std::optional<scenario::Scenario> hs;
    std::vector<scenario::OutcomeStatement> statements;
    std::string reference;
    if (!o->outcomes.empty()) {
      statements = scenario::read_outcomes(o->outcomes);
      if (!o->hindcast_scenario.empty()) hs = scenario::load_scenario(o->hindcast_scenario);
      if (scenario::needs_reference_class(statements)) {
        reference = scenario::default_reference_class_path();
        (void)scenario::caatsa_base_rate("caatsa:f35", reference, hs ? hs->as_of : s.as_of);
      }
    }
    // The output folder is checked before the store is opened (which creates a new store), so
    // a refused folder leaves no new file anywhere.
    const io::Registry registry = io::load_registry(data_dir());
    RunOutputs outputs(o->out);
    outputs.check();
    std::optional<store::RunStore> st;
    if (!o->no_store) {
      st = store::RunStore::open(o->store.empty() ? store::default_store_path() : o->store);
      st->check_writable();
    }

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

    std::vector<scenario::HindcastReport> hindcasts;
    if (!o->outcomes.empty()) {
      if (hs) {
        scenario::RunOptions hro;
        hro.threads = ro.threads;
        CancelToken hc;
        const auto hr = scenario::run_scenario(*hs, hro, hc);
        hindcasts.push_back(scenario::score_hindcast(hr, statements, o->outcomes, reference));
      } else {
        hindcasts.push_back(scenario::score_hindcast(r, statements, o->outcomes, reference));
      }
    }

    // Everything in memory first; then the names are checked, the run stored, and only then
    // the files written: a store that refuses the run leaves the folder as it was.
    auto results_json = scenario::to_json(r);
    if (!hindcasts.empty()) {
      results_json["hindcasts"] = nlohmann::ordered_json::array();
      for (const auto& h : hindcasts) results_json["hindcasts"].push_back(scenario::to_json(h));
    }
    const std::string results = results_json.dump(1) + "\n";
    nlohmann::json brief_doc = report::scenario_brief(r);
    report::add_track_records(brief_doc, hindcasts);
    const std::string brief = report::render_brief_html(brief_doc);
    std::vector<std::pair<std::string, std::string>> tables;
    std::vector<std::string> table_names;
    std::string answers_csv;
    for (const auto& [stem, table] : report::scenario_tables(r)) {
      std::ostringstream os;
      report::render_csv(table, os);
      tables.emplace_back(stem + ".csv", os.str());
      table_names.push_back(stem + ".csv");
      if (stem == "answers") answers_csv = os.str();
    }
    outputs.check_names(table_names);
    std::optional<std::int64_t> id;
    if (st) id = st->save(run_record(path, started, r, registry));
    outputs.write(results, brief, tables);

    std::ostream& info = o->format == "table" ? std::cout : std::cerr;
    if (o->format == "table") {
      std::cout << fmt::format("{}\n{} replicates, seed {}, {:.1f} s\n\n", s.name, r.replicates_done, r.seed, r.wall_seconds);
      std::cout << report::scenario_summary(r);
      // The track record beside today's answers: the pooled lines of each hindcast (the
      // brief's "Track record" section has the statements).
      for (const auto& h : hindcasts) {
        std::cout << fmt::format("hindcast   {} (as of {}):", h.scenario_name, to_string(h.as_of));
        for (const auto& line : report::track_record_summary(h)) std::cout << ' ' << line;
        std::cout << '\n';
      }
    } else if (o->format == "json") {
      std::cout << results;
    } else {
      std::cout << answers_csv;
    }
    std::string shown = o->out;  // "out/" is shown as "out"
    while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
    info << fmt::format("\nbrief: {}/brief.html  results: {}/results.json  tables: {}/tables/\n", shown, shown, shown);
    if (id) info << fmt::format("stored as run {} in {}\n", *id, st->path());
  });
});

}  // namespace
}  // namespace geobalance::cli
