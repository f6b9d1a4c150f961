#include "scenario/toml_reader.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "io/toml_number.h"

namespace geobalance::scenario::detail {

SourceLocation location_of(const std::string& file, const toml::node& n) {
  const auto& s = n.source();
  return {file, static_cast<int>(s.begin.line), static_cast<int>(s.begin.column)};
}

std::string describe(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return fmt::format("a string '{}'", n.as_string()->get().substr(0, 60));
    case toml::node_type::integer: return fmt::format("an integer {}", n.as_integer()->get());
    case toml::node_type::floating_point: return fmt::format("a number {}", format_value(n.as_floating_point()->get()));
    case toml::node_type::boolean: return n.as_boolean()->get() ? "true" : "false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

TableReader::TableReader(const toml::table& t, std::string file, std::string prefix)
    : table_(t), file_(std::move(file)), prefix_(std::move(prefix)) {}

std::string TableReader::name(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

bool TableReader::has(std::string_view key) const { return table_.contains(key); }

const toml::node* TableReader::node(std::string_view key) {
  used_.insert(std::string(key));
  return table_.get(key);
}

void TableReader::fail(std::string_view key, const std::string& what) const {
  const toml::node* n = table_.get(key);
  throw InputError(n ? location_of(file_, *n) : location_of(file_, table_), fmt::format("key '{}'", name(key)), what);
}

void TableReader::fail_missing(std::string_view key, const std::string& expected) const {
  throw InputError(location_of(file_, table_), fmt::format("key '{}'", name(key)), "is missing; expected " + expected);
}

std::string TableReader::str(std::string_view key) {
  auto v = opt_str(key);
  if (!v) fail_missing(key, "a string");
  return *v;
}

std::optional<std::string> TableReader::opt_str(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) fail(key, fmt::format("found {}, expected a string", describe(*n)));
  return n->as_string()->get();
}

double as_number(const toml::node& n, const std::string& file, const std::string& name, double lo, double hi) {
  const std::optional<double> num = io::toml_number(n);
  if (!num) throw InputError(location_of(file, n), fmt::format("key '{}'", name), fmt::format("found {}, expected a number", describe(n)));
  const double v = *num;
  if (!std::isfinite(v) || v < lo || v > hi)
    throw InputError(location_of(file, n), fmt::format("key '{}'", name),
                     fmt::format("found {}, expected a number in [{}, {}]", format_value(v), format_value(lo), format_value(hi)));
  return v;
}

double TableReader::num(std::string_view key, double lo, double hi) {
  auto v = opt_num(key, lo, hi);
  if (!v) fail_missing(key, fmt::format("a number in [{}, {}]", format_value(lo), format_value(hi)));
  return *v;
}

std::optional<double> TableReader::opt_num(std::string_view key, double lo, double hi) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  return as_number(*n, file_, name(key), lo, hi);
}

long long TableReader::integer(std::string_view key, long long lo, long long hi) {
  auto v = opt_integer(key, lo, hi);
  if (!v) fail_missing(key, fmt::format("an integer in [{}, {}]", lo, hi));
  return *v;
}

std::optional<long long> TableReader::opt_integer(std::string_view key, long long lo, long long hi) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_integer()) fail(key, fmt::format("found {}, expected an integer in [{}, {}]", describe(*n), lo, hi));
  long long v = n->as_integer()->get();
  if (v < lo || v > hi) fail(key, fmt::format("found {}, expected an integer in [{}, {}]", v, lo, hi));
  return v;
}

std::optional<bool> TableReader::opt_bool(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_boolean()) fail(key, fmt::format("found {}, expected true or false", describe(*n)));
  return n->as_boolean()->get();
}

std::vector<std::string> TableReader::str_list(std::string_view key, bool required, bool unique) {
  const toml::node* n = node(key);
  if (!n) {
    if (required) fail_missing(key, "an array of strings");
    return {};
  }
  const toml::array* a = n->as_array();
  if (!a) fail(key, fmt::format("found {}, expected an array of strings", describe(*n)));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_string())
      throw InputError(location_of(file_, e), fmt::format("key '{}[{}]'", name(key), i),
                       fmt::format("found {}, expected a string", describe(e)));
    std::string s = e.as_string()->get();
    if (unique && std::find(out.begin(), out.end(), s) != out.end())
      throw InputError(location_of(file_, e), fmt::format("key '{}[{}]'", name(key), i),
                       fmt::format("'{}' is given twice; expected each once", s));
    out.push_back(std::move(s));
  }
  return out;
}

const toml::table* TableReader::opt_table(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return nullptr;
  if (!n->is_table()) fail(key, fmt::format("found {}, expected a table", describe(*n)));
  return n->as_table();
}

const toml::table& TableReader::table(std::string_view key) {
  const toml::table* t = opt_table(key);
  if (!t) fail_missing(key, "a table");
  return *t;
}

std::vector<const toml::table*> TableReader::table_array(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) return {};
  const toml::array* a = n->as_array();
  if (!a) fail(key, fmt::format("found {}, expected an array of tables ([[{}]])", describe(*n), name(key)));
  std::vector<const toml::table*> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_table())
      throw InputError(location_of(file_, e), fmt::format("key '{}[{}]'", name(key), i),
                       fmt::format("found {}, expected a table", describe(e)));
    out.push_back(e.as_table());
  }
  return out;
}

void TableReader::finish() const {
  const toml::node* first = nullptr;
  std::string first_key;
  for (const auto& [k, v] : table_) {
    if (used_.count(k.str())) continue;
    if (!first || v.source().begin.line < first->source().begin.line) {
      first = &v;
      first_key = std::string(k.str());
    }
  }
  if (!first) return;
  std::string known;
  for (const auto& u : used_) known += (known.empty() ? "" : ", ") + u;
  throw InputError(location_of(file_, *first), fmt::format("key '{}'", name(first_key)),
                   fmt::format("is not part of the schema here; expected one of: {}", known.empty() ? "(none)" : known));
}

}  // namespace geobalance::scenario::detail
