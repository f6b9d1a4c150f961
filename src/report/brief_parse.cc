// Validation of the results document against the brief contract. Every error names the
// JSON pointer (RFC 6901) of the offending value and what was expected there.
#include <cmath>
#include <map>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "brief_model.h"
#include "geobalance/error.h"
#include "geobalance/report/brief.h"

namespace geobalance::report {
namespace detail {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& pointer, const std::string& what) {
  throw InputError(SourceLocation{}, fmt::format("results JSON at \"{}\"", pointer), what);
}

std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

/// "a string (\"abc\")", "a number (3)", "an array", ...: what was found, for messages.
std::string describe(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return fmt::format("an array of {} element{}", j.size(), j.size() == 1 ? "" : "s");
    case json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      std::string shown = s.size() > 40 ? s.substr(0, 37) + "..." : s;
      return fmt::format("a string (\"{}\")", shown);
    }
    case json::value_t::boolean: return fmt::format("a boolean ({})", j.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return fmt::format("a number ({})", j.dump());
    default: return "a binary value";
  }
}

[[noreturn]] void wrong_type(const json& j, const std::string& pointer, std::string_view expected) {
  fail(pointer, fmt::format("found {}, expected {}", describe(j), expected));
}

const json& as_object(const json& j, const std::string& pointer) {
  if (!j.is_object()) wrong_type(j, pointer, "an object");
  return j;
}

const json& as_array(const json& j, const std::string& pointer) {
  if (!j.is_array()) wrong_type(j, pointer, "an array");
  return j;
}

/// Rejects keys outside `allowed` (catches typos such as "lowr" that would silently drop a
/// band).
void check_keys(const json& obj, const std::string& pointer,
                std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : obj.items()) {
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (known) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "\"" : ", \"") + std::string(a) + "\"";
    fail(child(pointer, key), fmt::format("unknown key, expected one of {}", list));
  }
}

const json& require(const json& obj, const std::string& pointer, const char* key,
                    std::string_view expected) {
  auto it = obj.find(key);
  if (it == obj.end()) fail(child(pointer, key), fmt::format("missing, expected {}", expected));
  return *it;
}

std::string string_at(const json& j, const std::string& pointer) {
  if (!j.is_string()) wrong_type(j, pointer, "a string");
  return j.get<std::string>();
}

std::string get_string(const json& obj, const std::string& pointer, const char* key) {
  return string_at(require(obj, pointer, key, "a string"), child(pointer, key));
}

std::string get_optional_string(const json& obj, const std::string& pointer, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  return string_at(*it, child(pointer, key));
}

double number_at(const json& j, const std::string& pointer) {
  if (!j.is_number()) wrong_type(j, pointer, "a number");
  double v = j.get<double>();
  if (!std::isfinite(v)) fail(pointer, fmt::format("found {}, expected a finite number", v));
  return v;
}

MaybeNumber number_or_null_at(const json& j, const std::string& pointer) {
  if (j.is_null()) return std::nullopt;
  if (!j.is_number()) wrong_type(j, pointer, "a number or null");
  return number_at(j, pointer);
}

std::vector<std::string> string_list(const json& j, const std::string& pointer) {
  as_array(j, pointer);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(string_at(j[i], child(pointer, i)));
  return out;
}

std::vector<MaybeNumber> number_or_null_list(const json& j, const std::string& pointer) {
  as_array(j, pointer);
  std::vector<MaybeNumber> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(number_or_null_at(j[i], child(pointer, i)));
  return out;
}

void check_length(std::size_t found, std::size_t expected, const std::string& pointer,
                  std::string_view of_what) {
  if (found != expected)
    fail(pointer, fmt::format("has {} element{}, expected {} ({})", found, found == 1 ? "" : "s", expected, of_what));
}

void check_nonempty(const json& arr, const std::string& pointer, std::string_view what) {
  if (arr.empty()) fail(pointer, fmt::format("is empty, expected at least one {}", what));
}

LineChart parse_line(const json& c, const std::string& p) {
  check_keys(c, p, {"id", "type", "title", "x_label", "y_label", "series", "markers"});
  LineChart chart;
  chart.id = get_string(c, p, "id");
  chart.title = get_string(c, p, "title");
  chart.x_label = get_string(c, p, "x_label");
  chart.y_label = get_string(c, p, "y_label");
  const std::string sp = child(p, "series");
  const json& series = as_array(require(c, p, "series", "an array of series"), sp);
  check_nonempty(series, sp, "series");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string q = child(sp, i);
    const json& s = as_object(series[i], q);
    check_keys(s, q, {"name", "x", "y", "lower", "upper", "style"});
    LineSeries ls;
    ls.name = get_string(s, q, "name");
    const json& x = as_array(require(s, q, "x", "an array of numbers"), child(q, "x"));
    check_nonempty(x, child(q, "x"), "number");
    for (std::size_t k = 0; k < x.size(); ++k) ls.x.push_back(number_at(x[k], child(child(q, "x"), k)));
    ls.y = number_or_null_list(require(s, q, "y", "an array of numbers or nulls"), child(q, "y"));
    check_length(ls.y.size(), ls.x.size(), child(q, "y"), "the length of x");
    for (const char* band : {"lower", "upper"}) {
      auto it = s.find(band);
      if (it == s.end() || it->is_null()) continue;
      auto values = number_or_null_list(*it, child(q, band));
      check_length(values.size(), ls.x.size(), child(q, band), "the length of x");
      (std::string_view(band) == "lower" ? ls.lower : ls.upper) = std::move(values);
    }
    if (ls.lower.empty() != ls.upper.empty()) {
      const char* missing = ls.lower.empty() ? "lower" : "upper";
      fail(child(q, missing), fmt::format("missing, expected an array of numbers or nulls "
                                          "(a band needs both lower and upper)"));
    }
    for (std::size_t k = 0; k < ls.lower.size(); ++k)
      if (ls.lower[k] && ls.upper[k] && *ls.lower[k] > *ls.upper[k])
        fail(child(child(q, "lower"), k),
             fmt::format("found {}, expected a value <= upper[{}] ({})", s["lower"][k].dump(), k,
                         s["upper"][k].dump()));
    const std::string style = get_optional_string(s, q, "style");
    if (!style.empty() && style != "solid" && style != "dashed" && style != "faint")
      fail(child(q, "style"), fmt::format("found \"{}\", expected \"solid\", \"dashed\" or \"faint\"", style));
    ls.dashed = style == "dashed";
    ls.faint = style == "faint";
    chart.series.push_back(std::move(ls));
  }
  if (auto it = c.find("markers"); it != c.end() && !it->is_null()) {
    const std::string mp = child(p, "markers");
    as_array(*it, mp);
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string q = child(mp, i);
      const json& m = as_object((*it)[i], q);
      check_keys(m, q, {"x", "label"});
      chart.markers.push_back(
          {number_at(require(m, q, "x", "a number"), child(q, "x")), get_string(m, q, "label")});
    }
  }
  return chart;
}

BarChart parse_bar(const json& c, const std::string& p) {
  check_keys(c, p, {"id", "type", "title", "y_label", "categories", "series"});
  BarChart chart;
  chart.id = get_string(c, p, "id");
  chart.title = get_string(c, p, "title");
  chart.y_label = get_string(c, p, "y_label");
  const std::string cp = child(p, "categories");
  chart.categories = string_list(require(c, p, "categories", "an array of strings"), cp);
  if (chart.categories.empty()) fail(cp, "is empty, expected at least one category");
  const std::string sp = child(p, "series");
  const json& series = as_array(require(c, p, "series", "an array of series"), sp);
  check_nonempty(series, sp, "series");
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string q = child(sp, i);
    const json& s = as_object(series[i], q);
    check_keys(s, q, {"name", "values"});
    BarSeries bs;
    bs.name = get_string(s, q, "name");
    bs.values = number_or_null_list(require(s, q, "values", "an array of numbers or nulls"),
                                    child(q, "values"));
    check_length(bs.values.size(), chart.categories.size(), child(q, "values"),
                 "the number of categories");
    chart.series.push_back(std::move(bs));
  }
  return chart;
}

TableChart parse_table(const json& c, const std::string& p) {
  check_keys(c, p, {"id", "type", "title", "columns", "rows"});
  TableChart chart;
  chart.id = get_string(c, p, "id");
  chart.title = get_string(c, p, "title");
  const std::string cp = child(p, "columns");
  chart.columns = string_list(require(c, p, "columns", "an array of strings"), cp);
  if (chart.columns.empty()) fail(cp, "is empty, expected at least one column");
  const std::string rp = child(p, "rows");
  const json& rows = as_array(require(c, p, "rows", "an array of rows"), rp);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string q = child(rp, i);
    as_array(rows[i], q);
    check_length(rows[i].size(), chart.columns.size(), q, "the number of columns");
    std::vector<Cell> row;
    for (std::size_t k = 0; k < rows[i].size(); ++k) {
      const json& v = rows[i][k];
      if (v.is_null()) row.emplace_back(std::monostate{});
      else if (v.is_string()) row.emplace_back(v.get<std::string>());
      else if (v.is_number()) row.emplace_back(number_at(v, child(q, k)));
      else wrong_type(v, child(q, k), "a string, a number or null");
    }
    chart.rows.push_back(std::move(row));
  }
  return chart;
}

Heatmap parse_heatmap(const json& c, const std::string& p) {
  check_keys(c, p, {"id", "type", "title", "x_labels", "y_labels", "values", "value_label"});
  Heatmap chart;
  chart.id = get_string(c, p, "id");
  chart.title = get_string(c, p, "title");
  chart.x_labels = string_list(require(c, p, "x_labels", "an array of strings"), child(p, "x_labels"));
  if (chart.x_labels.empty()) fail(child(p, "x_labels"), "is empty, expected at least one label");
  chart.y_labels = string_list(require(c, p, "y_labels", "an array of strings"), child(p, "y_labels"));
  if (chart.y_labels.empty()) fail(child(p, "y_labels"), "is empty, expected at least one label");
  const std::string vp = child(p, "values");
  const json& values = as_array(require(c, p, "values", "an array of rows"), vp);
  check_length(values.size(), chart.y_labels.size(), vp, "one row per y label");
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto row = number_or_null_list(values[i], child(vp, i));
    check_length(row.size(), chart.x_labels.size(), child(vp, i), "one value per x label");
    chart.values.push_back(std::move(row));
  }
  chart.value_label = get_optional_string(c, p, "value_label");
  return chart;
}

TornadoChart parse_tornado(const json& c, const std::string& p) {
  check_keys(c, p, {"id", "type", "title", "x_label", "reference", "reference_label", "low_name", "high_name", "single_name", "rows"});
  TornadoChart chart;
  chart.id = get_string(c, p, "id");
  chart.title = get_string(c, p, "title");
  chart.x_label = get_string(c, p, "x_label");
  chart.reference = number_at(require(c, p, "reference", "a number"), child(p, "reference"));
  chart.reference_label = get_string(c, p, "reference_label");
  chart.low_name = get_string(c, p, "low_name");
  chart.high_name = get_string(c, p, "high_name");
  chart.single_name = get_optional_string(c, p, "single_name");
  const std::string rp = child(p, "rows");
  const json& rows = as_array(require(c, p, "rows", "an array of rows"), rp);
  check_nonempty(rows, rp, "rows");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string q = child(rp, i);
    const json& r = as_object(rows[i], q);
    check_keys(r, q, {"label", "low", "high", "interval"});
    TornadoRow row;
    row.label = get_string(r, q, "label");
    row.low = number_or_null_at(require(r, q, "low", "a number or null"), child(q, "low"));
    row.high = number_or_null_at(require(r, q, "high", "a number or null"), child(q, "high"));
    if (auto it = r.find("interval"); it != r.end() && !it->is_null()) {
      const std::string ip = child(q, "interval");
      if (!it->is_array() || it->size() != 2) wrong_type(*it, ip, "an array [lo, hi] of two numbers");
      row.interval = std::pair{number_at((*it)[0], child(ip, 0)), number_at((*it)[1], child(ip, 1))};
    }
    chart.rows.push_back(std::move(row));
  }
  return chart;
}

Chart parse_chart(const json& c, const std::string& p) {
  as_object(c, p);
  const std::string type = get_string(c, p, "type");
  if (type == "line") return parse_line(c, p);
  if (type == "bar") return parse_bar(c, p);
  if (type == "table") return parse_table(c, p);
  if (type == "heatmap") return parse_heatmap(c, p);
  if (type == "tornado") return parse_tornado(c, p);
  fail(child(p, "type"),
       fmt::format("found \"{}\", expected one of \"line\", \"bar\", \"table\", \"heatmap\", \"tornado\"", type));
}

Answer parse_answer(const json& a, const std::string& p) {
  as_object(a, p);
  check_keys(a, p, {"id", "question", "answer", "value", "interval", "unit", "interval_label", "caveats"});
  Answer out;
  out.id = get_string(a, p, "id");
  out.question = get_string(a, p, "question");
  out.answer = get_string(a, p, "answer");
  if (auto it = a.find("value"); it != a.end()) out.value = number_or_null_at(*it, child(p, "value"));
  if (auto it = a.find("interval"); it != a.end() && !it->is_null()) {
    const std::string ip = child(p, "interval");
    if (!it->is_array() || it->size() != 2) wrong_type(*it, ip, "an array [lo, hi] of two numbers");
    double lo = number_at((*it)[0], child(ip, 0));
    double hi = number_at((*it)[1], child(ip, 1));
    if (lo > hi) fail(ip, fmt::format("found [{}, {}], expected lo <= hi", (*it)[0].dump(), (*it)[1].dump()));
    out.interval = {lo, hi};
  }
  out.unit = get_optional_string(a, p, "unit");
  out.interval_label = get_optional_string(a, p, "interval_label");
  if (auto it = a.find("caveats"); it != a.end() && !it->is_null()) out.caveats = string_list(*it, child(p, "caveats"));
  return out;
}

}  // namespace

Brief parse_brief(const json& results) {
  const std::string root;
  as_object(results, root);
  Brief b;
  b.title = get_string(results, root, "title");
  b.subtitle = get_optional_string(results, root, "subtitle");
  b.generated = get_string(results, root, "generated");

  const json& prov = as_object(require(results, root, "provenance", "an object"), "/provenance");
  for (const auto& [key, value] : prov.items()) {
    if (value.is_string()) b.provenance.emplace_back(key, value.get<std::string>());
    else if (value.is_number()) b.provenance.emplace_back(key, value.dump());
    else wrong_type(value, child("/provenance", key), "a string or a number");
  }

  const json& answers = as_array(require(results, root, "answers", "an array"), "/answers");
  std::map<std::string, std::string> answer_ids;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string p = child("/answers", i);
    b.answers.push_back(parse_answer(answers[i], p));
    auto [it, fresh] = answer_ids.emplace(b.answers.back().id, p);
    if (!fresh)
      fail(child(p, "id"), fmt::format("found \"{}\", already used at \"{}\"; expected a unique id",
                                       it->first, it->second));
  }

  const json& sections = as_array(require(results, root, "sections", "an array"), "/sections");
  std::map<std::string, std::string> section_ids, chart_ids;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const std::string p = child("/sections", i);
    const json& s = as_object(sections[i], p);
    check_keys(s, p, {"id", "title", "text", "charts", "notes"});
    Section sec;
    sec.id = get_string(s, p, "id");
    if (auto [it, fresh] = section_ids.emplace(sec.id, p); !fresh)
      fail(child(p, "id"), fmt::format("found \"{}\", already used at \"{}\"; expected a unique id",
                                       it->first, it->second));
    sec.title = get_string(s, p, "title");
    sec.text = get_optional_string(s, p, "text");
    const std::string cp = child(p, "charts");
    const json& charts = as_array(require(s, p, "charts", "an array of charts"), cp);
    for (std::size_t k = 0; k < charts.size(); ++k) {
      const std::string q = child(cp, k);
      sec.charts.push_back(parse_chart(charts[k], q));
      const std::string& id = std::visit([](const auto& c) -> const std::string& { return c.id; },
                                         sec.charts.back());
      if (auto [it, fresh] = chart_ids.emplace(id, q); !fresh)
        fail(child(q, "id"), fmt::format("found \"{}\", already used at \"{}\"; expected a unique id",
                                         it->first, it->second));
    }
    if (auto it = s.find("notes"); it != s.end() && !it->is_null())
      sec.notes = string_list(*it, child(p, "notes"));
    b.sections.push_back(std::move(sec));
  }
  return b;
}

}  // namespace detail

void validate_brief_json(const nlohmann::json& results) { (void)detail::parse_brief(results); }

}  // namespace report
