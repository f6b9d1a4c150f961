#include "geobalance/io/text_file.h"
#include "geobalance/bargaining/issue_io.h"

#include "geobalance/bargaining/bdm_io.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "geobalance/check.h"
#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/io/utf8.h"
#include "io/toml_number.h"


namespace geobalance::bargaining {
namespace {

std::string read_whole_file(const std::string& path) { return io::read_text_file(path, std::size_t{16} << 20); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ---------------------------------------------------------------------------------------
// KTAB CSV

struct Field {
  std::string text;  // trimmed, quotes stripped
  int column;        // 1-based column where the field's text starts
};

struct Line {
  std::string_view text;
  int number;  // 1-based
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t pos = 0;
  int number = 1;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({text.substr(pos, end - pos), number++});
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
    pos = end + 1;
  }
  return lines;
}

// Splits on commas; a field whose first non-blank character is a double quote runs to the
// closing quote (so it may hold commas). Surrounding blanks and quotes are removed.
std::vector<Field> split_fields(std::string_view line) {
  std::vector<Field> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t start = pos;
    while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
    std::size_t end;
    Field f;
    if (start < line.size() && line[start] == '"') {
      std::size_t close = line.find('"', start + 1);
      if (close == std::string_view::npos) close = line.size();
      f.text = std::string(line.substr(start + 1, close - start - 1));
      end = line.find(',', close);
      if (end == std::string_view::npos) end = line.size();
    } else {
      end = line.find(',', pos);
      if (end == std::string_view::npos) end = line.size();
      f.text = std::string(trim(line.substr(pos, end - pos)));
    }
    f.column = static_cast<int>(std::min(start, end)) + 1;
    out.push_back(std::move(f));
    if (end >= line.size()) break;
    pos = end + 1;
  }
  return out;
}

[[noreturn]] void fail_at(const std::string& source, int line, int column, std::string subject,
                          std::string what) {
  throw InputError(SourceLocation{source, line, column}, std::move(subject), std::move(what));
}

long long ktab_int(const std::string& source, const Line& line, const Field& f,
                   const char* name, long long lo, long long hi) {
  auto v = io::parse_int(f.text);
  if (!v || *v < lo || *v > hi) {
    std::string range = hi == std::numeric_limits<long long>::max() ? fmt::format(">= {}", lo)
                                                                    : fmt::format("in [{}, {}]", lo, hi);
    fail_at(source, line.number, f.column, fmt::format("field '{}'", name),
            fmt::format("found '{}', expected an integer {}", f.text, range));
  }
  return *v;
}

}  // namespace

std::string to_string(IssueFormat f) {
  switch (f) {
    case IssueFormat::kKtabCsv: return "ktab-csv";
    case IssueFormat::kToml: return "toml";
    case IssueFormat::kCsv: return "csv";
    case IssueFormat::kBdmCsv: return "bdm-csv";
  }
  return "unknown";
}

Issue parse_ktab_csv(std::string_view text, const std::string& source) {
  io::check_utf8(text, source);  // names go to JSON output: invalid UTF-8 is an input error here
  const std::vector<Line> lines = split_lines(text);
  if (lines.empty()) fail_at(source, 1, 1, "scenario line", "found an empty file, expected `name, description, numActors, numDims`");
  const std::vector<Field> head = split_fields(lines[0].text);
  if (head.size() < 4)
    fail_at(source, 1, 1, "scenario line",
            fmt::format("found {} field{}, expected at least 4 (name, description, numActors, numDims)",
                        head.size(), head.size() == 1 ? "" : "s"));
  const long long num_actors = ktab_int(source, lines[0], head[2], "numActors", 3, 250);
  const long long num_dims =
      ktab_int(source, lines[0], head[3], "numDims", 1, 100);  // docs/limits.md: at most 100 dimensions
  const std::size_t need = 3 + 2 * static_cast<std::size_t>(num_dims);

  if (lines.size() < 2) fail_at(source, 2, 1, "header line", "missing, expected `Actor, Description, Power, <position>, <salience>, ...`");
  const std::vector<Field> header = split_fields(lines[1].text);
  if (header.size() < need)
    fail_at(source, 2, 1, "header line",
            fmt::format("found {} fields, expected at least {} (Actor, Description, Power and {} "
                        "position/salience pair{} for numDims = {})",
                        header.size(), need, num_dims, num_dims == 1 ? "" : "s", num_dims));
  auto column_name = [&](std::size_t c) {
    return header[c].text.empty() ? fmt::format("column {}", c + 1)
                                  : fmt::format("column '{}'", header[c].text);
  };

  Issue issue;
  issue.name = head[0].text;
  issue.source = source;
  issue.scale_min = 0;
  issue.scale_max = 100;
  for (long long k = 0; k < num_dims; ++k) issue.dimensions.push_back(header[3 + 2 * k].text);

  std::map<std::string, int> seen;
  for (long long a = 0; a < num_actors; ++a) {
    const std::size_t li = 2 + static_cast<std::size_t>(a);
    if (li >= lines.size()) {
      const int at = lines.empty() ? 1 : lines.back().number + 1;
      fail_at(source, at, 1, "actor lines",
              fmt::format("found {} actor line{}, expected {} (numActors on line 1)", a,
                          a == 1 ? "" : "s", num_actors));
    }
    const Line& line = lines[li];
    const std::vector<Field> f = split_fields(line.text);
    if (f.size() < need)
      fail_at(source, line.number, static_cast<int>(line.text.size()) + 1, "actor line",
              fmt::format("found {} field{}, expected at least {} (Actor, Description, Power and "
                          "{} position/salience pair{})",
                          f.size(), f.size() == 1 ? "" : "s", need, num_dims, num_dims == 1 ? "" : "s"));
    Actor actor;
    actor.name = f[0].text;
    if (actor.name.empty() || io::utf8_length(actor.name) > 25)  // characters, not bytes
      fail_at(source, line.number, f[0].column, column_name(0),
              fmt::format("found '{}', expected an actor name of 1 to 25 characters", actor.name));
    if (auto it = seen.find(actor.name); it != seen.end())
      fail_at(source, line.number, f[0].column, column_name(0),
              fmt::format("found '{}' again (first on line {}), expected unique actor names",
                          actor.name, it->second));
    seen.emplace(actor.name, line.number);
    actor.description = f[1].text;
    if (io::utf8_length(actor.description) > 256)
      fail_at(source, line.number, f[1].column, column_name(1),
              fmt::format("found {} characters, expected at most 256", io::utf8_length(actor.description)));
    auto number = [&](std::size_t c, double lo, double hi, bool open_lo, const char* what) {
      auto v = io::parse_double(f[c].text);
      if (!v || (open_lo ? !(*v > lo) : !(*v >= lo)) || !(*v <= hi))
        fail_at(source, line.number, f[c].column, column_name(c),
                fmt::format("found '{}', expected {}", f[c].text, what));
      return *v;
    };
    actor.capability = number(2, 0, 1e8, true, "a power > 0 and <= 1e8");
    double total = 0;
    for (long long k = 0; k < num_dims; ++k) {
      const std::size_t pc = 3 + 2 * static_cast<std::size_t>(k), sc = pc + 1;
      actor.position.push_back(number(pc, 0, 100, false, "a position in [0, 100]"));
      const double s = number(sc, 0, 100, false, "a salience in [0, 100]");
      total += s;
      actor.salience.push_back(s / 100.0);
    }
    if (total > 100 + 1e-9)
      fail_at(source, line.number, f[4].column, fmt::format("actor '{}'", actor.name),
              fmt::format("saliences sum to {}, expected at most 100", format_value(total)));
    if (total <= 0)
      fail_at(source, line.number, f[4].column, fmt::format("actor '{}'", actor.name),
              "saliences are all 0, expected at least one > 0");
    issue.actors.push_back(std::move(actor));
  }
  return issue;
}

Issue read_ktab_csv(const std::string& path) { return parse_ktab_csv(read_whole_file(path), path); }

// ---------------------------------------------------------------------------------------
// geobalance CSV

Issue parse_issue_csv(std::string text, const std::string& source) {
  const io::CsvTable t = io::CsvTable::parse(std::move(text), source);
  const std::size_t c_actor = t.require_column("actor");
  const std::size_t c_cap = t.require_column("capability");
  const std::optional<std::size_t> c_desc = t.find_column("description");
  std::vector<std::pair<std::size_t, std::size_t>> dims;  // (position col, salience col)
  Issue issue;
  issue.source = source;
  issue.scale_min = 0;
  issue.scale_max = 100;
  const auto& h = t.header();
  auto bad_header = [&](std::size_t c, std::string what) {
    throw InputError(SourceLocation{source, 1, 0}, fmt::format("column '{}'", h[c]), std::move(what));
  };
  if (auto p = t.find_column("position")) {
    auto s = t.find_column("salience");
    if (!s) t.require_column("salience");
    dims.emplace_back(*p, *s);
    issue.dimensions.push_back("position");
  }
  for (std::size_t c = 0; c < h.size(); ++c) {
    const std::string name(trim(h[c]));
    if (name.rfind("position:", 0) == 0) {
      if (!dims.empty() && issue.dimensions.front() == "position" && t.find_column("position"))
        bad_header(c, "found both 'position' and 'position:NAME' columns, expected one form");
      const std::string dim = name.substr(9);
      if (dim.empty()) bad_header(c, "found an empty dimension name, expected 'position:NAME'");
      auto s = t.find_column("salience:" + dim);
      if (!s) t.require_column("salience:" + dim);
      dims.emplace_back(c, *s);
      issue.dimensions.push_back(dim);
    } else if (name == "actor" || name == "capability" || name == "description" ||
               name == "position" || name == "salience" || name.rfind("salience:", 0) == 0 ||
               name.rfind("rationale", 0) == 0 || name.rfind("source", 0) == 0 ||
               name.rfind("note", 0) == 0) {
      continue;
    } else {
      bad_header(c, "unknown column, expected actor, description, capability, position, salience, "
                    "position:NAME/salience:NAME pairs, or rationale*/source*/note* columns");
    }
  }
  for (std::size_t c = 0; c < h.size(); ++c) {
    const std::string name(trim(h[c]));
    if (name.rfind("salience:", 0) == 0 && !t.find_column("position:" + name.substr(9)))
      bad_header(c, fmt::format("found no matching 'position:{}' column", name.substr(9)));
  }
  if (dims.empty())
    throw InputError(SourceLocation{source, 1, 1}, "header",
                     "found no position column, expected 'position' and 'salience' or "
                     "'position:NAME' and 'salience:NAME' pairs");
  std::map<std::string, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    Actor a;
    a.name = std::string(t.get_string(r, c_actor));
    if (auto it = seen.find(a.name); it != seen.end())
      t.fail_cell(r, c_actor, fmt::format("unique actor names (first on line {})", it->second));
    seen.emplace(a.name, t.line_of_row(r));
    if (c_desc) a.description = std::string(t.get_string(r, *c_desc, true));
    a.capability = t.get_double(r, c_cap);
    if (!(a.capability > 0)) t.fail_cell(r, c_cap, "a capability > 0");
    double total = 0;
    for (auto [pc, sc] : dims) {
      const double p = t.get_double(r, pc);
      if (!(p >= 0 && p <= 100)) t.fail_cell(r, pc, "a position in [0, 100]");
      const double s = t.get_double(r, sc);
      if (!(s >= 0 && s <= 100)) t.fail_cell(r, sc, "a salience in [0, 100]");
      total += s;
      a.position.push_back(p);
      a.salience.push_back(s / 100.0);
    }
    if (total > 100 + 1e-9)
      t.fail_row(r, fmt::format("actor '{}'", a.name),
                 fmt::format("saliences sum to {}, expected at most 100", format_value(total)));
    if (total <= 0)
      t.fail_row(r, fmt::format("actor '{}'", a.name), "saliences are all 0, expected at least one > 0");
    issue.actors.push_back(std::move(a));
  }
  if (issue.actors.size() < 3)
    throw InputError(SourceLocation{source, 0, 0}, "actors",
                     fmt::format("found {}, expected at least 3", issue.actors.size()));
  issue.name = source;
  return issue;
}

Issue read_issue_csv(const std::string& path) { return parse_issue_csv(read_whole_file(path), path); }

// ---------------------------------------------------------------------------------------
// geobalance TOML

namespace {

SourceLocation where_of(const std::string& source, const toml::node& n) {
  return SourceLocation{source, static_cast<int>(n.source().begin.line),
                        static_cast<int>(n.source().begin.column)};
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

class TomlReader {
 public:
  TomlReader(const std::string& source) : source_(source) {}

  void check_keys(const toml::table& t, std::string_view subject, std::set<std::string> allowed) {
    for (auto&& [k, v] : t) {
      if (!allowed.count(std::string(k.str()))) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        throw InputError(where_of(source_, v), fmt::format("{}key '{}'", subject, k.str()),
                         fmt::format("unknown key, expected one of {}", list));
      }
    }
  }

  std::optional<std::string> string(const toml::table& t, std::string_view key, std::string_view subject) {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string())
      throw InputError(where_of(source_, *n), fmt::format("{}key '{}'", subject, key),
                       fmt::format("found {}, expected a string", type_name(*n)));
    return n->as_string()->get();
  }

  double number(const toml::node& n, std::string_view subject, std::string_view expected) {
    const std::optional<double> v = io::toml_number(n);
    if (!v)
      throw InputError(where_of(source_, n), std::string(subject),
                       fmt::format("found {}, expected {}", type_name(n), expected));
    return *v;
  }

  // A number or an array of numbers with one entry per dimension.
  std::vector<std::pair<double, const toml::node*>> numbers(const toml::node& n, std::size_t dims,
                                                            std::string_view subject,
                                                            std::string_view expected) {
    std::vector<std::pair<double, const toml::node*>> out;
    if (const toml::array* arr = n.as_array()) {
      if (arr->size() != dims)
        throw InputError(where_of(source_, n), std::string(subject),
                         fmt::format("found an array of {}, expected {} (one per dimension)",
                                     arr->size(), dims));
      for (std::size_t k = 0; k < arr->size(); ++k)
        out.emplace_back(number(*arr->get(k), fmt::format("{}[{}]", subject, k), expected),
                         arr->get(k));
    } else {
      if (dims != 1)
        throw InputError(where_of(source_, n), std::string(subject),
                         fmt::format("found {}, expected an array of {} (one per dimension)",
                                     type_name(n), dims));
      out.emplace_back(number(n, subject, expected), &n);
    }
    return out;
  }

  const std::string& source_;
};

}  // namespace

Issue parse_issue_toml(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(SourceLocation{source, static_cast<int>(e.source().begin.line),
                                    static_cast<int>(e.source().begin.column)},
                     "TOML", std::string(e.description()));
  }
  TomlReader r(source);
  r.check_keys(root, "", {"name", "title", "description", "judgement", "sources", "scale",
                          "dimensions", "actors"});
  Issue issue;
  issue.source = source;
  issue.name = r.string(root, "name", "").value_or(source);
  if (const toml::node* s = root.get("scale")) {
    const toml::table* st = s->as_table();
    if (!st)
      throw InputError(where_of(source, *s), "key 'scale'",
                       fmt::format("found {}, expected a table {{min, max, low, high}}", type_name(*s)));
    r.check_keys(*st, "scale: ", {"min", "max", "low", "high"});
    if (const toml::node* n = st->get("min")) issue.scale_min = r.number(*n, "scale: key 'min'", "a number");
    if (const toml::node* n = st->get("max")) issue.scale_max = r.number(*n, "scale: key 'max'", "a number");
    r.string(*st, "low", "scale: ");
    r.string(*st, "high", "scale: ");
    if (!(std::isfinite(issue.scale_min) && std::isfinite(issue.scale_max) &&
          issue.scale_min < issue.scale_max))
      throw InputError(where_of(source, *s), "key 'scale'",
                       fmt::format("found min = {} and max = {}, expected finite numbers with min < max",
                                   format_value(issue.scale_min), format_value(issue.scale_max)));
  }
  if (const toml::node* d = root.get("dimensions")) {
    const toml::array* arr = d->as_array();
    if (!arr || arr->empty())
      throw InputError(where_of(source, *d), "key 'dimensions'",
                       fmt::format("found {}, expected a non-empty array of names",
                                   arr ? "an empty array" : type_name(*d)));
    for (std::size_t k = 0; k < arr->size(); ++k) {
      const toml::node& e = *arr->get(k);
      if (!e.is_string())
        throw InputError(where_of(source, e), fmt::format("key 'dimensions[{}]'", k),
                         fmt::format("found {}, expected a string", type_name(e)));
      issue.dimensions.push_back(e.as_string()->get());
    }
  } else {
    issue.dimensions.push_back("position");
  }
  r.string(root, "title", "");
  r.string(root, "description", "");
  r.string(root, "judgement", "");
  if (const toml::node* s = root.get("sources"); s && !s->is_array() && !s->is_string())
    throw InputError(where_of(source, *s), "key 'sources'",
                     fmt::format("found {}, expected a string or an array of strings", type_name(*s)));

  const toml::node* an = root.get("actors");
  if (!an) throw InputError(SourceLocation{source, 1, 1}, "key 'actors'", "missing, expected [[actors]] tables");
  const toml::array* actors = an->as_array();
  if (!actors || !actors->is_array_of_tables())
    throw InputError(where_of(source, *an), "key 'actors'",
                     fmt::format("found {}, expected [[actors]] tables", type_name(*an)));
  const std::size_t dims = issue.dimensions.size();
  const std::string scale_text =
      fmt::format("a position in [{}, {}]", format_value(issue.scale_min), format_value(issue.scale_max));
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < actors->size(); ++i) {
    const toml::table& t = *actors->get(i)->as_table();
    const SourceLocation at = where_of(source, t);
    std::string subject = fmt::format("actors[{}]: ", i);
    r.check_keys(t, subject,
                 {"name", "description", "stateabb", "capability", "capability_source",
                  "position", "position_rationale", "salience", "salience_rationale", "notes"});
    Actor a;
    auto name = r.string(t, "name", subject);
    if (!name || name->empty())
      throw InputError(at, subject + "key 'name'", name ? "found '', expected a non-empty name" : "missing, expected a non-empty name");
    a.name = *name;
    if (auto it = seen.find(a.name); it != seen.end())
      throw InputError(where_of(source, *t.get("name")), subject + "key 'name'",
                       fmt::format("found '{}' again (first on line {}), expected unique actor names",
                                   a.name, it->second));
    seen.emplace(a.name, where_of(source, *t.get("name")).line);
    subject = fmt::format("actors[{}] '{}': ", i, a.name);
    a.description = r.string(t, "description", subject).value_or("");
    r.string(t, "stateabb", subject);
    r.string(t, "capability_source", subject);
    r.string(t, "position_rationale", subject);
    r.string(t, "salience_rationale", subject);
    r.string(t, "notes", subject);
    auto require = [&](const char* key, const std::string& expected) -> const toml::node& {
      const toml::node* n = t.get(key);
      if (!n) throw InputError(at, subject + "key '" + key + "'", "missing, expected " + expected);
      return *n;
    };
    const toml::node& cn = require("capability", "a number > 0");
    a.capability = r.number(cn, subject + "key 'capability'", "a number > 0");
    if (!(std::isfinite(a.capability) && a.capability > 0))
      throw InputError(where_of(source, cn), subject + "key 'capability'",
                       fmt::format("found {}, expected a number > 0", io::toml_number_text(cn, a.capability)));
    for (auto [p, node] : r.numbers(require("position", scale_text), dims, subject + "key 'position'", scale_text)) {
      if (!(p >= issue.scale_min && p <= issue.scale_max))
        throw InputError(where_of(source, *node), subject + "key 'position'",
                         fmt::format("found {}, expected {}", io::toml_number_text(*node, p), scale_text));
      a.position.push_back(p);
    }
    double total = 0;
    const toml::node& sn = require("salience", "a salience in [0, 100]");
    for (auto [s, node] : r.numbers(sn, dims, subject + "key 'salience'", "a salience in [0, 100]")) {
      if (!(s >= 0 && s <= 100))
        throw InputError(where_of(source, *node), subject + "key 'salience'",
                         fmt::format("found {}, expected a salience in [0, 100]", io::toml_number_text(*node, s)));
      total += s;
      a.salience.push_back(s / 100.0);
    }
    if (total > 100 + 1e-9)
      throw InputError(where_of(source, sn), subject + "key 'salience'",
                       fmt::format("saliences sum to {}, expected at most 100", format_value(total)));
    if (total <= 0)
      throw InputError(where_of(source, sn), subject + "key 'salience'",
                       "saliences are all 0, expected at least one > 0");
    issue.actors.push_back(std::move(a));
  }
  if (issue.actors.size() < 3)
    throw InputError(where_of(source, *an), "key 'actors'",
                     fmt::format("found {} actor{}, expected at least 3", issue.actors.size(),
                                 issue.actors.size() == 1 ? "" : "s"));
  return issue;
}

Issue read_issue_toml(const std::string& path) { return parse_issue_toml(read_whole_file(path), path); }

// ---------------------------------------------------------------------------------------
// Dispatch

IssueFormat detect_issue_format(const std::string& path) {
  std::string ext;
  if (auto dot = path.find_last_of('.'); dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  }
  if (ext == "toml") return IssueFormat::kToml;
  if (ext == "xml")
    throw InputError(SourceLocation{path, 0, 0}, "",
                     "KTAB XML input is not supported, expected KTAB CSV, geobalance TOML or CSV, or BDM CSV");
  const std::string text = read_whole_file(path);
  const std::vector<Line> lines = split_lines(text);
  if (lines.empty()) throw InputError(SourceLocation{path, 1, 1}, "", "found an empty file, expected an issue");
  const std::vector<Field> f = split_fields(lines[0].text);
  std::vector<std::string> names;
  for (const auto& x : f) names.push_back(x.text);
  while (!names.empty() && names.back().empty()) names.pop_back();
  if (names == std::vector<std::string>{"Actor", "Capability", "Position", "Salience"})
    return IssueFormat::kBdmCsv;
  if (!names.empty() && names[0] == "actor") return IssueFormat::kCsv;
  return IssueFormat::kKtabCsv;
}

Issue load_issue(const std::string& path) {
  switch (detect_issue_format(path)) {
    case IssueFormat::kToml: return read_issue_toml(path);
    case IssueFormat::kCsv: return read_issue_csv(path);
    case IssueFormat::kKtabCsv: return read_ktab_csv(path);
    case IssueFormat::kBdmCsv: return read_bdm_csv(path);
  }
  throw InputError(SourceLocation{path, 0, 0}, "", "unknown issue format");
}

}  // namespace geobalance::bargaining
