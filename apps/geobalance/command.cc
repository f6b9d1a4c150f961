#include "command.h"

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
