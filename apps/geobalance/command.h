// The CLI's plumbing. Each *_cmd.cc file registers its subcommands through a static
// Registrar, so adding a command family touches no other file. Commands only parse flags,
// call the library and render; no model logic lives in apps/.
#ifndef GEOBALANCE_APPS_COMMAND_H_
#define GEOBALANCE_APPS_COMMAND_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "geobalance/report/table.h"

namespace geobalance::cli {

using Setup = std::function<void(CLI::App& root)>;

/// Registers a command family; `order` sorts them in --help.
struct Registrar {
  Registrar(int order, Setup setup);
};

std::vector<std::pair<int, Setup>>& registry();

/// Adds --format table|csv|json (default table) to a subcommand.
void add_format_option(CLI::App* app, std::string* format, const std::string& def = "table");

/// Writes a table to `out_path` atomically, or to stdout when the path is empty or "-".
void emit(const report::Table& table, const std::string& format, const std::string& out_path);

/// Writes text to `out_path` atomically, or to stdout when the path is empty or "-".
void emit_text(const std::string& text, const std::string& out_path);

/// Parses "A:B" (or a single year "A") into an inclusive year range; throws InputError naming
/// the flag otherwise.
std::pair<int, int> parse_year_range(const std::string& flag, const std::string& text);

/// Splits "A,B,C" into trimmed non-empty parts.
std::vector<std::string> split_list(const std::string& text);

}  // namespace geobalance::cli

#endif  // GEOBALANCE_APPS_COMMAND_H_
