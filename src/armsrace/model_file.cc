#include "geobalance/io/text_file.h"
#include "geobalance/armsrace/model_file.h"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "geobalance/armsrace/names.h"
#include "geobalance/check.h"
#include "geobalance/error.h"
#include "io/toml_number.h"

namespace geobalance::armsrace {

double decimal_year(int year, int month, int day) {
  static constexpr int kCum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int doy = kCum[month - 1] + day + (leap && month > 2 ? 1 : 0);
  return year + (doy - 1) / (leap ? 366.0 : 365.0);
}

namespace {

const std::vector<std::string> kTopKeys = {"name",      "units",  "actors", "x0",      "fatigue",
                                           "grievance", "defence", "variant", "time",   "period",
                                           "ceiling",   "gdp",    "gdp_growth", "max_share", "gdp_year",
                                           "cap"};
const std::vector<std::string> kCapKeys = {"actor", "actors", "level", "from", "until", "label"};

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation loc(const toml::node& n) const {
    const auto& b = n.source().begin;
    return SourceLocation{file_, static_cast<int>(b.line), static_cast<int>(b.column)};
  }
  SourceLocation loc(const toml::source_region& r) const {
    return SourceLocation{file_, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
  }

  [[noreturn]] void fail(const SourceLocation& where, const std::string& key, const std::string& found,
                         const std::string& expected) const {
    throw InputError(where, fmt::format("key '{}'", key), fmt::format("found {}, expected {}", found, expected));
  }
  [[noreturn]] void fail(const toml::node& n, const std::string& key, const std::string& expected) const {
    fail(loc(n), key, describe(n), expected);
  }

  static std::string describe(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string: return fmt::format("the string \"{}\"", n.as_string()->get());
      case toml::node_type::integer: return std::to_string(n.as_integer()->get());
      case toml::node_type::floating_point: return format_value(n.as_floating_point()->get());
      case toml::node_type::boolean: return n.as_boolean()->get() ? "true" : "false";
      case toml::node_type::array: {
        std::size_t k = n.as_array()->size();
        return fmt::format("an array of {} element{}", k, k == 1 ? "" : "s");
      }
      case toml::node_type::table: return "a table";
      case toml::node_type::date: return "a date";
      case toml::node_type::time: return "a time";
      case toml::node_type::date_time: return "a date-time";
      default: return "a value";
    }
  }

  /// A finite number (integer or float).
  double number(const toml::node& n, const std::string& key, const std::string& expected = "a finite number") const {
    const std::optional<double> x = io::toml_number(n);
    if (!x || !std::isfinite(*x)) fail(n, key, expected);
    return *x;
  }

  std::string string(const toml::node& n, const std::string& key, const std::string& expected) const {
    if (!n.is_string() || n.as_string()->get().empty()) fail(n, key, expected);
    return n.as_string()->get();
  }

  /// An array of exactly `len` finite numbers; `check(i, x)` returns an error text or "".
  template <class Check>
  std::vector<double> numbers(const toml::node& n, const std::string& key, std::size_t len,
                              const std::string& what, Check check) const {
    const toml::array* arr = n.as_array();
    std::string expected = fmt::format("an array of {} {} (one per actor)", len, what);
    if (!arr || arr->size() != len) fail(n, key, expected);
    std::vector<double> out;
    for (std::size_t i = 0; i < len; ++i) {
      const toml::node& e = (*arr)[i];
      std::string ek = fmt::format("{}[{}]", key, i);
      double x = number(e, ek, fmt::format("a finite number{}", check(std::nan(""))));
      if (std::string c = check(x); !c.empty()) fail(e, ek, "a finite number" + c);
      out.push_back(x);
    }
    return out;
  }

  double date_or_year(const toml::node& n, const std::string& key) const {
    if (n.is_date()) {
      auto d = n.as_date()->get();
      return decimal_year(d.year, d.month, d.day);
    }
    return number(n, key, "a date (YYYY-MM-DD) or a finite decimal year");
  }

 private:
  std::string file_;
};

void check_keys(const Reader& rd, const toml::table& t, const std::vector<std::string>& allowed,
                const std::string& prefix) {
  for (auto&& [k, v] : t) {
    std::string name(k.str());
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == name;
    if (!ok) rd.fail(rd.loc(k.source()), prefix + name, "an unknown key", "one of " + join(allowed));
  }
}

}  // namespace

Model parse_model(std::string_view text, const std::string& source) {
  Reader rd(source);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(rd.loc(e.source()), "TOML syntax", std::string(e.description()));
  }
  check_keys(rd, root, kTopKeys, "");
  const SourceLocation top{source, 1, 1};
  auto require = [&](const char* key, const std::string& expected) -> const toml::node& {
    const toml::node* n = root.get(key);
    if (!n) rd.fail(top, key, "nothing (the key is missing)", expected);
    return *n;
  };

  Model m;
  if (auto* n = root.get("name")) m.name = rd.string(*n, "name", "a non-empty string");
  if (auto* n = root.get("units")) m.units = rd.string(*n, "units", "a non-empty string");

  // actors
  {
    const toml::node& n = require("actors", "an array of distinct actor names");
    const toml::array* arr = n.as_array();
    if (!arr || arr->empty()) rd.fail(n, "actors", "a non-empty array of distinct actor names");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string key = fmt::format("actors[{}]", i);
      std::string name = rd.string((*arr)[i], key, "a non-empty string");
      if (!seen.insert(name).second) rd.fail((*arr)[i], key, "a distinct actor name");
      m.actors.push_back(name);
    }
  }
  const std::size_t n = m.actors.size();

  if (auto* v = root.get("variant")) {
    std::string s = rd.string(*v, "variant", "one of \"linear\", \"logistic\", \"budget_share\"");
    if (s == "linear") m.variant = Variant::kLinear;
    else if (s == "logistic") m.variant = Variant::kLogistic;
    else if (s == "budget_share") m.variant = Variant::kBudgetShare;
    else rd.fail(*v, "variant", "one of \"linear\", \"logistic\", \"budget_share\"");
  }
  if (auto* v = root.get("time")) {
    std::string s = rd.string(*v, "time", "\"continuous\" or \"discrete\"");
    if (s == "continuous") m.time = TimeMode::kContinuous;
    else if (s == "discrete") m.time = TimeMode::kDiscrete;
    else rd.fail(*v, "time", "\"continuous\" or \"discrete\"");
  }
  if (auto* v = root.get("period")) {
    if (m.time != TimeMode::kDiscrete) rd.fail(rd.loc(*v), "period", "a value", "no 'period' unless time = \"discrete\"");
    m.period = rd.number(*v, "period", "a finite number > 0");
    if (!(m.period > 0)) rd.fail(*v, "period", "a finite number > 0");
  }

  auto any = [](double) { return std::string(); };
  m.x0 = rd.numbers(require("x0", fmt::format("an array of {} numbers (one per actor)", n)), "x0", n, "numbers", any);
  const bool bounded = m.variant != Variant::kLinear;
  std::string fatigue_rule = fmt::format(" >= 0 (variant '{}' forbids negative fatigue)", to_string(m.variant));
  m.fatigue = rd.numbers(require("fatigue", fmt::format("an array of {} numbers (one per actor)", n)), "fatigue", n,
                         "numbers", [&](double x) {
                           if (!bounded) return std::string();
                           return std::isnan(x) || x < 0 ? fatigue_rule : std::string();
                         });
  m.grievance =
      rd.numbers(require("grievance", fmt::format("an array of {} numbers (one per actor)", n)), "grievance", n, "numbers", any);

  // defence: N x N, zero diagonal.
  {
    std::string expected = fmt::format("an array of {} arrays of {} numbers (an {} x {} matrix)", n, n, n, n);
    const toml::node& d = require("defence", expected);
    const toml::array* rows = d.as_array();
    if (!rows || rows->size() != n) rd.fail(d, "defence", expected);
    for (std::size_t i = 0; i < n; ++i) {
      const toml::node& rn = (*rows)[i];
      std::string rk = fmt::format("defence[{}]", i);
      const toml::array* row = rn.as_array();
      if (!row || row->size() != n) rd.fail(rn, rk, fmt::format("an array of {} numbers (row {} of an {} x {} matrix)", n, i, n, n));
      std::vector<double> r;
      for (std::size_t j = 0; j < n; ++j) {
        const toml::node& e = (*row)[j];
        std::string ek = fmt::format("defence[{}][{}]", i, j);
        double x = rd.number(e, ek, i == j ? "0 (an actor does not react to itself)" : "a finite number");
        if (i == j && x != 0) rd.fail(e, ek, "0 (an actor does not react to itself)");
        r.push_back(x);
      }
      m.defence.push_back(std::move(r));
    }
  }

  // Variant-specific keys.
  auto only_for = [&](const char* key, Variant v) -> const toml::node* {
    const toml::node* node = root.get(key);
    if (node && m.variant != v)
      rd.fail(rd.loc(*node), key, "a value", fmt::format("no '{}' unless variant = \"{}\"", key, to_string(v)));
    return node;
  };
  auto positive = [](double x) { return std::isnan(x) || x <= 0 ? std::string(" > 0") : std::string(); };
  only_for("ceiling", Variant::kLogistic);
  for (const char* k : {"gdp", "gdp_growth", "max_share", "gdp_year"}) only_for(k, Variant::kBudgetShare);
  if (m.variant == Variant::kLogistic) {
    m.ceiling = rd.numbers(require("ceiling", fmt::format("an array of {} numbers > 0 (one per actor)", n)), "ceiling", n,
                           "numbers > 0", positive);
  }
  if (m.variant == Variant::kBudgetShare) {
    m.gdp = rd.numbers(require("gdp", fmt::format("an array of {} numbers > 0 (one per actor)", n)), "gdp", n, "numbers > 0",
                       positive);
    m.gdp_growth = rd.numbers(require("gdp_growth", fmt::format("an array of {} numbers (one per actor)", n)), "gdp_growth",
                              n, "numbers", any);
    m.max_share = rd.numbers(require("max_share", fmt::format("an array of {} numbers in (0, 1] (one per actor)", n)),
                             "max_share", n, "numbers in (0, 1]", [](double x) {
                               return std::isnan(x) || x <= 0 || x > 1 ? std::string(" in (0, 1]") : std::string();
                             });
    m.gdp_year = rd.date_or_year(require("gdp_year", "a date (YYYY-MM-DD) or a finite decimal year"), "gdp_year");
  }

  // [[cap]] tables.
  if (const toml::node* caps = root.get("cap")) {
    const toml::array* arr = caps->as_array();
    if (!arr || !arr->is_array_of_tables())
      rd.fail(*caps, "cap", "an array of tables ([[cap]] sections)");
    for (std::size_t c = 0; c < arr->size(); ++c) {
      const toml::table& t = *(*arr)[c].as_table();
      const std::string p = fmt::format("cap[{}].", c);
      check_keys(rd, t, kCapKeys, p);
      auto need = [&](const char* key, const std::string& expected) -> const toml::node& {
        const toml::node* node = t.get(key);
        if (!node) rd.fail(rd.loc(t.source()), p + key, "nothing (the key is missing)", expected);
        return *node;
      };
      auto actor_of = [&](const toml::node& node, const std::string& key) {
        std::string name = rd.string(node, key, "one of the actors (" + join(m.actors) + ")");
        for (std::size_t i = 0; i < n; ++i)
          if (m.actors[i] == name) return i;
        rd.fail(node, key, "one of the actors (" + join(m.actors) + ")");
      };
      std::vector<std::size_t> who;
      const toml::node* one = t.get("actor");
      const toml::node* many = t.get("actors");
      if (one && many) rd.fail(rd.loc(*many), p + "actors", "a value", "either 'actor' or 'actors', not both");
      if (one) {
        who.push_back(actor_of(*one, p + "actor"));
      } else if (many) {
        const toml::array* a = many->as_array();
        if (!a || a->empty()) rd.fail(*many, p + "actors", "a non-empty array of actor names");
        for (std::size_t i = 0; i < a->size(); ++i) who.push_back(actor_of((*a)[i], fmt::format("{}actors[{}]", p, i)));
      } else {
        rd.fail(rd.loc(t.source()), p + "actor", "nothing (the key is missing)", "the capped actor's name");
      }
      const toml::node& ln = need("level", "a finite number >= 0");
      double level = rd.number(ln, p + "level", "a finite number >= 0");
      if (level < 0) rd.fail(ln, p + "level", "a finite number >= 0");
      double from = rd.date_or_year(need("from", "a date (YYYY-MM-DD) or a decimal year"), p + "from");
      double until = std::numeric_limits<double>::infinity();
      if (const toml::node* u = t.get("until")) {
        until = rd.date_or_year(*u, p + "until");
        if (!(until > from)) rd.fail(*u, p + "until", fmt::format("a time after 'from' ({})", format_value(from)));
      }
      std::string label;
      if (const toml::node* l = t.get("label")) label = rd.string(*l, p + "label", "a non-empty string");
      for (std::size_t a : who) m.caps.push_back(Cap{a, level, from, until, label});
    }
  }

  try {
    m.validate();
  } catch (const InputError& e) {
    throw InputError(top, "model", e.what());
  }
  return m;
}

Model read_model_file(const std::string& path) {
  return parse_model(io::read_text_file(path, std::size_t{16} << 20), path);
}

namespace {
// A double as a TOML float that reads back to the same value. Shortest round-trip text can
// be a bare digit string ("1111111222221111164928" for 1.1e21), which TOML reads as an
// integer and rejects past 64 bits: such text gets ".0" (found by the armsrace fuzzer).
std::string toml_number(double x) {
  std::string t = format_value(x);
  if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
  return t;
}

std::string num_list(const std::vector<double>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + toml_number(v[i]);
  return s + "]";
}
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string to_toml(const Model& m, const std::string& header) {
  std::string s;
  if (!header.empty()) {
    std::stringstream hs(header);
    std::string line;
    while (std::getline(hs, line)) s += "# " + line + "\n";
  }
  if (!m.name.empty()) s += "name = " + quoted(m.name) + "\n";
  if (!m.units.empty()) s += "units = " + quoted(m.units) + "\n";
  s += "actors = [";
  for (std::size_t i = 0; i < m.actors.size(); ++i) s += (i ? ", " : "") + quoted(m.actors[i]);
  s += "]\n";
  s += "variant = " + quoted(to_string(m.variant)) + "\n";
  s += "time = " + quoted(to_string(m.time)) + "\n";
  if (m.time == TimeMode::kDiscrete) s += "period = " + toml_number(m.period) + "\n";
  s += "x0 = " + num_list(m.x0) + "\n";
  s += "fatigue = " + num_list(m.fatigue) + "\n";
  s += "grievance = " + num_list(m.grievance) + "\n";
  s += "defence = [";
  for (std::size_t i = 0; i < m.defence.size(); ++i) s += (i ? ", " : "") + num_list(m.defence[i]);
  s += "]\n";
  if (m.variant == Variant::kLogistic) s += "ceiling = " + num_list(m.ceiling) + "\n";
  if (m.variant == Variant::kBudgetShare) {
    s += "gdp = " + num_list(m.gdp) + "\n";
    s += "gdp_growth = " + num_list(m.gdp_growth) + "\n";
    s += "max_share = " + num_list(m.max_share) + "\n";
    s += "gdp_year = " + toml_number(m.gdp_year) + "\n";
  }
  for (const Cap& c : m.caps) {
    s += "\n[[cap]]\nactor = " + quoted(m.actors.at(c.actor)) + "\nlevel = " + toml_number(c.level) +
         "\nfrom = " + toml_number(c.from) + "\n";
    if (std::isfinite(c.until)) s += "until = " + toml_number(c.until) + "\n";
    if (!c.label.empty()) s += "label = " + quoted(c.label) + "\n";
  }
  return s;
}

}  // namespace geobalance::armsrace
