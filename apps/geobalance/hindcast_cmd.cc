// geobalance hindcast SCENARIO --outcomes FILE [--reference-class FILE] [-o DIR]
//     [--format table|csv|json] [--replicates N] [--seed N] [--threads N]
// Runs the scenario as of its information date and scores its answers against what happened
// since (docs/hindcast.md).
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/output_folder.h"
#include "geobalance/report/table.h"
#include "geobalance/report/track_record.h"
#include "geobalance/scenario/hindcast.h"
#include "geobalance/scenario/run.h"
#include "geobalance/scenario/scenario.h"

namespace geobalance::cli {
namespace {

namespace fs = std::filesystem;

std::string csv_of(const report::Table& t) {
  std::ostringstream os;
  report::render_csv(t, os);
  return os.str();
}

Registrar reg(92, [](CLI::App& app) {
  auto* c = app.add_subcommand("hindcast",
                               "Run a scenario as of its information date and score its answers against dated outcomes");
  struct Opts {
    std::string scenario, outcomes, reference, out, format;
    int replicates = 0;
    long long seed = -1;
    int threads = -1;
  };
  auto o = std::make_shared<Opts>();
  c->add_option("scenario", o->scenario, "Scenario TOML file (e.g. data/scenarios/nato-southern-flank-2019.toml)")
      ->required();
  c->add_option("--outcomes", o->outcomes, "Outcome file (data/outcomes/hindcast-2019.csv format)")->required();
  c->add_option("--reference-class", o->reference,
                "CAATSA reference class for base rates (default: data/games/caatsa_reference_class.csv)");
  c->add_option("-o,--output", o->out,
                "Folder for hindcast.json, statements.csv and reliability.csv (created when written)");
  c->add_option("--replicates", o->replicates, "Ensemble size (overrides the scenario)")->check(integer_in(1, 1000000));
  c->add_option("--seed", o->seed, "Seed (overrides the scenario)")->check(integer_in(0, 9223372036854775807LL));
  c->add_option("--threads", o->threads, "Threads, 0 = all cores (overrides the scenario)")
      ->check(integer_in(0, kMaxThreadsFlag));
  add_format_option(c, &o->format);
  c->footer("Every probability is k of N replicates of the quantity the outcome file names, scored as "
            "(k + 1/2) / (N + 1); statements the scenario does not cover are listed, never scored. docs/hindcast.md.");
  c->callback([o] {
    // Everything is read and checked before the computation: the scenario, the outcome
    // file, the reference class, and the output folder.
    auto s = scenario::load_scenario(o->scenario);
    const auto statements = scenario::read_outcomes(o->outcomes);
    const std::string ref = o->reference.empty() ? (fs::path(data_dir()) / "games" / "caatsa_reference_class.csv").string()
                                                 : o->reference;
    bool needs_ref = false;
    for (const auto& st : statements) needs_ref = needs_ref || !st.reference.empty();
    if (needs_ref) (void)scenario::caatsa_base_rate("caatsa:f35", ref, s.as_of);  // reads and validates the class
    std::optional<io::OutputFolder> folder;
    if (!o->out.empty()) {
      folder.emplace(o->out);
      std::error_code ec;
      if (fs::exists(o->out, ec)) {
        folder->preflight();
        folder->check_writable({"hindcast.json", "statements.csv", "reliability.csv"});
      } else {
        fs::path up = fs::absolute(o->out).parent_path();
        while (!up.empty() && !fs::exists(up, ec) && up != up.parent_path()) up = up.parent_path();
        if (!fs::is_directory(up, ec))
          throw InputError(SourceLocation{}, "-o", fmt::format("found '{}', but '{}' is not a folder; expected a folder", o->out, up.string()));
      }
    }
    scenario::RunOptions ro;
    if (o->replicates > 0) ro.replicates = o->replicates;
    if (o->seed >= 0) ro.seed = static_cast<std::uint64_t>(o->seed);
    if (o->threads >= 0) ro.threads = static_cast<unsigned>(o->threads);
    ro.progress = false;
    CancelToken cancel;
    auto r = scenario::run_scenario(s, ro, cancel);
    const auto h = scenario::score_hindcast(r, statements, o->outcomes, needs_ref ? ref : "");

    const std::string json = scenario::to_json(h).dump(1) + "\n";
    const report::Table rows = report::track_record_table(h), rel = report::reliability_table(h);
    if (folder) {
      folder->write("hindcast.json", json);
      folder->write("statements.csv", csv_of(rows));
      folder->write("reliability.csv", csv_of(rel));
    }
    if (o->format == "json") {
      std::cout << json;
    } else if (o->format == "csv") {
      std::cout << csv_of(rows);
    } else {
      std::cout << fmt::format("{} (as of {}), {} replicates, seed {}; outcomes: {}\n\n", r.scenario_name,
                               to_string(r.as_of), r.replicates_done, r.seed, o->outcomes);
      report::render(rows, report::Format::kTable, std::cout);
      std::cout << "\n";
      for (const auto& line : report::track_record_summary(h)) std::cout << line << "\n";
      std::cout << "\nReliability (scored statements):\n";
      report::render(rel, report::Format::kTable, std::cout);
    }
    if (folder) (o->format == "table" ? std::cout : std::cerr) << fmt::format("\nwritten: {}/hindcast.json, statements.csv, reliability.csv\n", o->out);
  });
});

}  // namespace
}  // namespace geobalance::cli
