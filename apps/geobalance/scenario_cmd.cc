// (Family file of the scenario module: compiled whenever geobalance_scenario is built.)
// geobalance cite RUN|SCENARIO|RESULTS: the BibTeX of every dataset a run used (issue 12,
// item 8). RUN is a run id in the run store; SCENARIO a scenario file (the datasets its World
// reads); RESULTS a results.json (or the folder holding one). Citations come from the dataset
// registry (data/datasets.csv, data/references.bib); a file the registry does not list is
// named in a BibTeX comment, never dropped silently.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/registry.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"
#include "geobalance/store/run_store.h"

namespace geobalance::cli {
namespace {

namespace fs = std::filesystem;

struct CiteOpts {
  std::string target, store, data_dir, out;
};

bool all_digits(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// (role, path) of every dataset a results.json lists.
std::vector<std::pair<std::string, std::string>> datasets_of(const nlohmann::json& results, const std::string& where) {
  std::vector<std::pair<std::string, std::string>> out;
  auto it = results.find("datasets");
  if (it == results.end() || !it->is_array())
    throw InputError(fmt::format("{}: datasets: found none, expected the array of datasets results.json holds", where));
  for (const auto& d : *it) {
    if (!d.is_object() || !d.contains("path") || !d["path"].is_string())
      throw InputError(fmt::format("{}: datasets: found {}, expected objects with a path", where, d.dump()));
    out.emplace_back(d.value("role", std::string()), d["path"].get<std::string>());
  }
  return out;
}

std::string cite_all(const io::Registry& reg, const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& what) {
  std::string out = fmt::format("% Datasets used by {} (geobalance {})\n", what, version());
  std::set<std::string> printed;
  for (const auto& [role, path] : files) {
    const io::DatasetEntry* e = reg.for_path(path);
    if (!e) {
      out += fmt::format("% {}: {} is not in the dataset registry (no citation recorded)\n", role, path);
      continue;
    }
    if (e->bibtex_keys.empty()) out += fmt::format("% {} ({}): no publication to cite; source: {}\n", e->name, role, e->source);
    for (const auto& k : e->bibtex_keys) {
      if (!printed.insert(k).second) continue;
      auto it = reg.bibtex.find(k);
      if (it != reg.bibtex.end()) out += "\n" + it->second + "\n";
    }
  }
  return out;
}

Registrar reg(46, [](CLI::App& app) {
  auto* c = app.add_subcommand("cite", "BibTeX of every dataset a run used (RUN id, scenario file or results.json)");
  auto o = std::make_shared<CiteOpts>();
  c->add_option("RUN|SCENARIO", o->target, "A run id in the store, a scenario TOML file, or a results.json (or its folder)")
      ->required();
  c->add_option("--store", o->store, "Run store (SQLite); default $XDG_DATA_HOME/geobalance/runs.sqlite");
  c->add_option("--data", o->data_dir, "Folder of geobalance's built-in tables (default: the installed data/)");
  c->add_option("-o,--output", o->out, "Write to this file (atomically) instead of stdout");
  c->callback([o] {
    const io::Registry registry = io::load_registry(o->data_dir.empty() ? data_dir() : o->data_dir);
    std::vector<std::pair<std::string, std::string>> files;
    std::string what;
    fs::path p(o->target);
    if (fs::is_directory(p)) p /= "results.json";
    if (all_digits(o->target) && !fs::exists(p)) {
      auto st = store::RunStore::open_existing(o->store.empty() ? store::default_store_path() : o->store);
      auto rec = st.require(std::stoll(o->target));
      files = datasets_of(rec.results, fmt::format("run {}", rec.id));
      what = fmt::format("run {} ({})", rec.id, rec.scenario_name);
    } else if (fs::is_regular_file(p) && p.extension() == ".toml") {
      auto s = scenario::load_scenario(p.string());
      if (s.world)
        for (const auto& f : s.world->files) files.emplace_back(f.role, f.path);
      what = fmt::format("scenario {}", p.string());
    } else if (fs::is_regular_file(p) && p.extension() == ".json") {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
      if (j.is_discarded()) throw InputError(fmt::format("{}: found text that is not JSON, expected a results.json", p.string()));
      files = datasets_of(j, p.string());
      what = fmt::format("results {}", p.string());
    } else {
      throw InputError(fmt::format("RUN|SCENARIO: found '{}', expected a run id in the store, a scenario .toml file, or a "
                                   "results.json (or its folder)",
                                   o->target));
    }
    emit_text(cite_all(registry, files, what), o->out);
  });
});

}  // namespace
}  // namespace geobalance::cli
