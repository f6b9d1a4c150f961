// geobalance runs: the run store (docs/store.md). Subcommands:
//   list     every stored run, provenance only
//   show     one run: provenance and the one-line answers (json: the whole run)
//   diff     what differs between two runs: provenance, options, summary and result values
//   export   one run as JSON, to stdout or a file written atomically
// Parses flags, opens the store, renders; the store logic lives in geobalance::store.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "geobalance/error.h"
#include "geobalance/report/table.h"
#include "geobalance/store/run_store.h"

namespace geobalance::cli {
namespace {

namespace st = geobalance::store;
using nlohmann::json;
using report::Table;
using report::Value;

std::string store_path(const std::string& flag) { return flag.empty() ? st::default_store_path() : flag; }

void add_store_flag(CLI::App* app, std::string* path) {
  app->add_option("--store", *path,
                  "Run store (default $XDG_DATA_HOME/geobalance/runs.sqlite, i.e. ~/.local/share/geobalance/runs.sqlite)");
}

// A JSON leaf as a table cell: numbers stay numbers, everything else is text.
Value cell(const json& j) {
  switch (j.type()) {
    case json::value_t::number_integer:
      return static_cast<long long>(j.get<std::int64_t>());
    case json::value_t::number_unsigned:
      if (j.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<long long>(j.get<std::uint64_t>());
      return std::to_string(j.get<std::uint64_t>());
    case json::value_t::number_float:
      return j.get<double>();
    case json::value_t::string:
      return j.get<std::string>();
    default:
      return j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

// ---------------------------------------------------------------- list
struct ListFlags {
  std::string store, format, output;
};

void run_list(const ListFlags& f) {
  st::RunStore store = st::RunStore::open_existing(store_path(f.store));
  std::vector<st::RunRecord> runs = store.list();
  if (f.format == "csv") return emit_text(st::export_csv(runs), f.output);
  if (f.format == "json") {
    json arr = json::array();
    for (const auto& r : runs) arr.push_back(st::to_json(r, false));
    return emit_text(arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n", f.output);
  }
  Table t({report::Column{"id"}, report::Column{"started_at"}, report::Column{"scenario"}, report::Column{"seed"},
           report::Column{"replicates"}, report::Column{"threads"}, report::Column{"wall_s", 4},
           report::Column{"version"}, report::Column{"scenario_hash"}});
  t.title = fmt::format("{} run{} in {}", runs.size(), runs.size() == 1 ? "" : "s", store.path());
  for (const auto& r : runs)
    t.add_row({static_cast<long long>(r.id), r.started_at, r.scenario_name, cell(json(r.seed)),
               static_cast<long long>(r.replicates), static_cast<long long>(r.threads), r.wall_seconds,
               r.program_version, r.scenario_hash.substr(0, 12)});
  emit(t, "table", f.output);
}

// ---------------------------------------------------------------- show
struct ShowFlags {
  std::string store, format, output;
  std::int64_t id = 0;
};

void run_show(const ShowFlags& f) {
  st::RunStore store = st::RunStore::open_existing(store_path(f.store));
  st::RunRecord r = store.require(f.id);
  if (f.format == "json") return emit_text(st::export_json(r), f.output);
  Table t({report::Column{"field"}, report::Column{"value", 8}});
  t.title = fmt::format("run {} in {}", r.id, store.path());
  json j = st::to_json(r, false);
  for (const char* key : {"id", "started_at", "finished_at", "status", "scenario_name", "scenario_path",
                          "scenario_hash", "program_version", "seed", "threads", "replicates", "wall_seconds"})
    t.add_row({std::string(key), cell(j[key])});
  for (const char* key : {"data_hashes", "options", "summary"}) {
    const json flat = j[key].flatten();  // JSON pointer -> leaf
    for (const auto& [pointer, leaf] : flat.items()) t.add_row({fmt::format("/{}{}", key, pointer), cell(leaf)});
  }
  std::size_t n = r.results.is_structured() ? r.results.flatten().size() : 1;
  t.add_row({std::string("results"), fmt::format("{} values (geobalance runs export {} shows them)", n, r.id)});
  emit(t, "table", f.output);
}

// ---------------------------------------------------------------- diff
struct DiffFlags {
  std::string store, format, output, only;
  std::int64_t a = 0, b = 0;
  double tolerance = 0, rel_tolerance = 0;
};

// The part of a run a difference belongs to, for --only: provenance (the top-level fields),
// data (data_hashes), options, answers (summary) or results.
std::string part_of(const std::string& path) {
  if (path.empty() || path[0] != '/') return "provenance";
  if (path.rfind("/data_hashes", 0) == 0) return "data";
  if (path.rfind("/options", 0) == 0) return "options";
  if (path.rfind("/summary", 0) == 0) return "answers";
  return "results";
}

void run_diff(const DiffFlags& f) {
  const std::vector<std::string> parts{"provenance", "data", "options", "answers", "results"};
  std::vector<std::string> only = split_list(f.only);
  for (const auto& p : only)
    if (std::find(parts.begin(), parts.end(), p) == parts.end())
      throw InputError(SourceLocation{}, "--only",
                       fmt::format("found '{}', expected a comma-separated list of provenance, data, options, "
                                   "answers, results",
                                   p));
  st::RunStore store = st::RunStore::open_existing(store_path(f.store));
  std::vector<st::Difference> all = store.diff(f.a, f.b);
  // A numeric difference within max(--tolerance, --rel-tolerance * max(|a|, |b|)) is no
  // difference; differences outside --only are left out. The title counts both.
  std::vector<st::Difference> d;
  std::size_t within = 0, other_parts = 0;
  for (auto& x : all) {
    if (!only.empty() && std::find(only.begin(), only.end(), part_of(x.path)) == only.end()) {
      ++other_parts;
      continue;
    }
    if (x.delta && x.a && x.b && x.a->is_number() && x.b->is_number()) {
      const double scale = std::max(std::fabs(x.a->get<double>()), std::fabs(x.b->get<double>()));
      if (std::fabs(*x.delta) <= std::max(f.tolerance, f.rel_tolerance * scale)) {
        ++within;
        continue;
      }
    }
    d.push_back(std::move(x));
  }
  Table t({report::Column{"path"}, report::Column{"a", 8}, report::Column{"b", 8}, report::Column{"delta", 6}});
  std::string left_out;
  if (other_parts) left_out += fmt::format("; {} outside --only {} not shown", other_parts, f.only);
  if (within) left_out += fmt::format("; {} numeric within the tolerance not shown", within);
  t.title = d.empty() ? fmt::format("runs {} and {} do not differ{}", f.a, f.b, left_out)
                      : fmt::format("run {} (a) vs run {} (b): {} difference{}{}", f.a, f.b, d.size(),
                                    d.size() == 1 ? "" : "s", left_out);
  for (const auto& x : d)
    t.add_row({x.path, x.a ? cell(*x.a) : Value(), x.b ? cell(*x.b) : Value(), x.delta ? Value(*x.delta) : Value()});
  emit(t, f.format, f.output);
}

// ---------------------------------------------------------------- export
struct ExportFlags {
  std::string store, output;
  std::int64_t id = 0;
};

void run_export(const ExportFlags& f) {
  st::RunStore store = st::RunStore::open_existing(store_path(f.store));
  st::RunRecord r = store.require(f.id);
  emit_text(st::export_json(r), f.output);  // a file goes through io::AtomicFile
}

const Registrar kRegistrar(80, [](CLI::App& root) {
  CLI::App* runs = root.add_subcommand("runs", "The run store: list, show, diff and export stored runs (docs/store.md)");
  runs->require_subcommand(1);
  {
    auto f = std::make_shared<ListFlags>();
    CLI::App* app = runs->add_subcommand("list", "Every stored run with its provenance, by increasing id");
    add_store_flag(app, &f->store);
    add_format_option(app, &f->format);
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_list(*f); });
  }
  {
    auto f = std::make_shared<ShowFlags>();
    CLI::App* app = runs->add_subcommand("show", "One run: provenance and summary (--format json: the whole run)");
    app->add_option("id", f->id, "Run id (see runs list)")->required();
    add_store_flag(app, &f->store);
    f->format = "table";
    app->add_option("--format", f->format, "Output format: table or json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_show(*f); });
  }
  {
    auto f = std::make_shared<DiffFlags>();
    CLI::App* app = runs->add_subcommand(
        "diff", "Differences between runs A and B: provenance fields, then every differing value of options, "
                "summary and results by JSON pointer, with b - a for numbers");
    app->add_option("a", f->a, "Run id A")->required();
    app->add_option("b", f->b, "Run id B")->required();
    add_store_flag(app, &f->store);
    add_format_option(app, &f->format);
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->add_option("--only", f->only,
                    "Show only these parts (comma-separated): provenance, data, options, answers, results");
    app->add_option("--tolerance", f->tolerance, "Numbers differing by at most this much are equal (default 0)")
        ->check(real_in(0, 1e308, false, false));
    app->add_option("--rel-tolerance", f->rel_tolerance,
                    "Numbers differing by at most this fraction of the larger magnitude are equal (default 0)")
        ->check(real_in(0, 1, false, false));
    app->callback([f] { run_diff(*f); });
  }
  {
    auto f = std::make_shared<ExportFlags>();
    CLI::App* app = runs->add_subcommand("export", "One whole run as JSON (provenance and all results)");
    app->add_option("id", f->id, "Run id (see runs list)")->required();
    add_store_flag(app, &f->store);
    app->add_option("-o,--output", f->output, "Write the JSON here (atomically) instead of stdout");
    app->callback([f] { run_export(*f); });
  }
});

}  // namespace
}  // namespace geobalance::cli
