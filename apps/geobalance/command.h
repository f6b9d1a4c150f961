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

/// CLI11 checks with messages that name the flag and what was typed, e.g.
/// "--threads: found '5000', expected an integer from 0 to 1024". Count-like flags get an
/// upper bound from docs/limits.md ("Command-line bounds") so no count runs for days or
/// allocates without limit.
CLI::Validator integer_in(long long lo, long long hi);
/// A finite real with lo < x (lo_open) or lo <= x, and x < hi (hi_open) or x <= hi; NaN and
/// infinities are refused.
CLI::Validator real_in(double lo, double hi, bool lo_open, bool hi_open);
/// Any finite real.
CLI::Validator finite_real();

/// Threads flags (--threads) take 0 (all cores) to this many.
inline constexpr long long kMaxThreadsFlag = 1024;

/// As parse_year_range, for calendar years: both ends from 1000 to 2200 ("--years -5:-1" was
/// accepted). Message: "--years: found '-5:-1', expected a year range A:B with A <= B, both
/// from 1000 to 2200 (e.g. 1995:2024)".
std::pair<int, int> parse_calendar_years(const std::string& flag, const std::string& text);

/// Levenshtein distance (insertions, deletions, substitutions of bytes).
std::size_t edit_distance(const std::string& a, const std::string& b);

/// After a parse error: walks the arguments through the registered commands and, at the first
/// unknown subcommand or flag, returns a message naming it, the command it was given to and the
/// nearest registered name (edit distance at most max(2, length / 3)), e.g.
/// "unknown subcommand 'bargin' of 'geobalance'; did you mean 'bargain'?". Empty when every
/// subcommand and flag is known (the parse error is about something else).
std::string unknown_name_message(CLI::App& root, const std::vector<std::string>& args);

/// Splits "A,B,C" into trimmed non-empty parts.
std::vector<std::string> split_list(const std::string& text);

}  // namespace geobalance::cli

#endif  // GEOBALANCE_APPS_COMMAND_H_
