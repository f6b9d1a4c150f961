// geobalance data list | cite NAME: the dataset registry (data/datasets.csv and
// data/references.bib, see include/geobalance/io/registry.h and docs/data.md).
#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/io/registry.h"

namespace geobalance::cli {
namespace {

using report::Table;
using report::Value;

struct DataOpts {
  std::string data_dir;
  std::string format = "table";
  std::string out;
  std::string name;
};

void register_list(CLI::App* data) {
  auto* c = data->add_subcommand("list", "Every dataset geobalance reads: version, years, units, citation keys, terms");
  auto o = std::make_shared<DataOpts>();
  c->add_option("--data", o->data_dir, "Folder of geobalance's built-in tables (default: the installed data/)");
  add_format_option(c, &o->format);
  c->add_option("-o,--output", o->out, "Write to this file (atomically) instead of stdout");
  c->callback([o] {
    auto reg = io::load_registry(o->data_dir.empty() ? data_dir() : o->data_dir);
    Table t({"name", "title", "version", "first_year", "last_year", "units", "location", "bibtex", "terms"});
    t.title = "Datasets geobalance reads (data/datasets.csv; BibTeX: geobalance data cite NAME)";
    for (const auto& e : reg.entries) {
      std::string keys;
      for (const auto& k : e.bibtex_keys) keys += (keys.empty() ? "" : ";") + k;
      t.add_row({e.name, e.title, e.version, e.first_year ? Value{static_cast<long long>(*e.first_year)} : Value{},
                 e.last_year ? Value{static_cast<long long>(*e.last_year)} : Value{}, e.units, e.location, keys,
                 e.terms});
    }
    emit(t, o->format, o->out);
  });
}

void register_cite(CLI::App* data) {
  auto* c = data->add_subcommand("cite", "BibTeX of one dataset, as its publisher asks to be cited");
  auto o = std::make_shared<DataOpts>();
  c->add_option("NAME", o->name, "Dataset name (see geobalance data list)")->required();
  c->add_option("--data", o->data_dir, "Folder of geobalance's built-in tables (default: the installed data/)");
  c->add_option("-o,--output", o->out, "Write to this file (atomically) instead of stdout");
  c->callback([o] {
    auto reg = io::load_registry(o->data_dir.empty() ? data_dir() : o->data_dir);
    std::string text = reg.cite(o->name, "NAME");
    if (text.empty()) {
      const auto* e = reg.find(o->name);
      text = fmt::format("% {}: no publication to cite; source: {}\n", e->name, e->source);
    }
    emit_text(text, o->out);
  });
}

Registrar reg(5, [](CLI::App& app) {
  auto* data = app.add_subcommand("data", "The dataset registry: list every dataset, print a dataset's BibTeX");
  data->require_subcommand(1);
  register_list(data);
  register_cite(data);
});

}  // namespace
}  // namespace geobalance::cli
