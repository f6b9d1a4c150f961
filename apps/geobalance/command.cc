#include "command.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/atomic_file.h"
#include "geobalance/io/csv.h"

namespace geobalance::cli {

std::vector<std::pair<int, Setup>>& registry() {
  static std::vector<std::pair<int, Setup>> r;
  return r;
}

Registrar::Registrar(int order, Setup setup) { registry().emplace_back(order, std::move(setup)); }

void add_format_option(CLI::App* app, std::string* format, const std::string& def) {
  *format = def;
  app->add_option("--format", *format, "Output format: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
}

void emit(const report::Table& table, const std::string& format, const std::string& out_path) {
  report::Format f = report::format_from_string(format);
  if (out_path.empty() || out_path == "-") {
    report::render(table, f, std::cout);
    return;
  }
  io::AtomicFile file(out_path);
  report::render(table, f, file.stream());
  file.commit();
}

void emit_text(const std::string& text, const std::string& out_path) {
  if (out_path.empty() || out_path == "-") {
    std::cout << text;
    return;
  }
  io::write_file_atomically(out_path, text);
}

std::pair<int, int> parse_year_range(const std::string& flag, const std::string& text) {
  auto bad = [&] {
    return InputError(SourceLocation{}, flag,
                      fmt::format("found '{}', expected a year range A:B with A <= B (e.g. 1995:2024)", text));
  };
  auto colon = text.find(':');
  std::string a = colon == std::string::npos ? text : text.substr(0, colon);
  std::string b = colon == std::string::npos ? text : text.substr(colon + 1);
  auto ya = io::parse_int(a), yb = io::parse_int(b);
  if (!ya || !yb || *ya > *yb || *ya < -10000 || *yb > 10000) throw bad();
  return {static_cast<int>(*ya), static_cast<int>(*yb)};
}

std::pair<int, int> parse_calendar_years(const std::string& flag, const std::string& text) {
  auto bad = [&] {
    return InputError(SourceLocation{}, flag,
                      fmt::format("found '{}', expected a year range A:B with A <= B, both from 1000 to 2200 (e.g. "
                                  "1995:2024)",
                                  text));
  };
  std::pair<int, int> r;
  try {
    r = parse_year_range(flag, text);
  } catch (const InputError&) {
    throw bad();
  }
  if (r.first < 1000 || r.second > 2200) throw bad();
  return r;
}

CLI::Validator integer_in(long long lo, long long hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        auto v = io::parse_int(text);
        if (!v || text.find_first_of(".eE") != std::string::npos || *v < lo || *v > hi)
          return fmt::format("found '{}', expected an integer from {} to {}", text, lo, hi);
        return {};
      },
      fmt::format("INT in [{} - {}]", lo, hi));
}

CLI::Validator real_in(double lo, double hi, bool lo_open, bool hi_open) {
  const std::string expected =
      fmt::format("a finite number {} {}{}", lo_open ? ">" : ">=", report::format_real(lo),
                  std::isfinite(hi) ? fmt::format(" and {} {}", hi_open ? "<" : "<=", report::format_real(hi)) : "");
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        auto v = io::parse_double(text);
        if (!v || (lo_open ? !(*v > lo) : !(*v >= lo)) || (hi_open ? !(*v < hi) : !(*v <= hi)))
          return fmt::format("found '{}', expected {}", text, expected);
        return {};
      },
      "NUMBER");
}

CLI::Validator finite_real() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (!io::parse_double(text)) return fmt::format("found '{}', expected a finite number", text);
        return {};
      },
      "NUMBER");
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

// The nearest candidate within max(2, |typed| / 3) edits, or "" when none is that close.
std::string nearest(const std::string& typed, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, typed.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(typed, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string command_path(const CLI::App* app) {
  std::string path;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent())
    path = a->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

}  // namespace

std::string unknown_name_message(CLI::App& root, const std::vector<std::string>& args) {
  CLI::App* cur = &root;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.size() > 1 && a[0] == '-') {
      const std::string name = a.substr(0, a.find('='));
      const CLI::Option* opt = nullptr;
      for (const CLI::App* app = cur; app != nullptr && opt == nullptr; app = app->get_parent())
        opt = app->get_option_no_throw(name);
      if (opt == nullptr) {
        if (name == "-h" || name == "--help" || name == "--help-all" || name == "--version") return {};
        std::vector<std::string> flags;
        for (const CLI::Option* o : cur->get_options()) {
          for (const auto& l : o->get_lnames()) flags.push_back("--" + l);
          for (const auto& s : o->get_snames()) flags.push_back("-" + s);
        }
        const std::string near = nearest(name, flags);
        return fmt::format("unknown flag '{}' for '{}'{}", name, command_path(cur),
                           near.empty() ? "; see --help for its flags" : fmt::format("; did you mean '{}'?", near));
      }
      if (opt->get_type_size_min() > 0 && a.find('=') == std::string::npos) ++i;  // its value
      continue;
    }
    std::vector<std::string> names;
    for (const CLI::App* sub : cur->get_subcommands({})) names.push_back(sub->get_name());
    if (names.empty()) continue;  // a positional value; CLI11's own message covers it
    CLI::App* match = nullptr;
    for (CLI::App* sub : cur->get_subcommands({}))
      if (sub->check_name(a)) match = sub;
    if (match != nullptr) {
      cur = match;
      continue;
    }
    const std::string near = nearest(a, names);
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return fmt::format("unknown subcommand '{}' of '{}'{} (valid: {})", a, command_path(cur),
                       near.empty() ? "" : fmt::format("; did you mean '{}'?", near), list);
  }
  return {};
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    auto b = part.find_first_not_of(" \t");
    auto e = part.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
  }
  return out;
}

}  // namespace geobalance::cli
