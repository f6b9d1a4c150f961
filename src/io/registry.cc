#include "geobalance/io/registry.h"

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/io/text_file.h"

namespace geobalance::io {

std::string DatasetEntry::coverage() const {
  if (!first_year) return "";
  return fmt::format("{}-{}", *first_year, *last_year);
}

const DatasetEntry* Registry::find(const std::string& name) const {
  for (const auto& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

const DatasetEntry* Registry::for_path(const std::string& path) const {
  for (const auto& e : entries) {
    auto colon = e.location.find(':');
    std::string rel = e.location.substr(colon + 1);
    if (path.size() >= rel.size() && path.compare(path.size() - rel.size(), rel.size(), rel) == 0 &&
        (path.size() == rel.size() || path[path.size() - rel.size() - 1] == '/'))
      return &e;
  }
  return nullptr;
}

std::string Registry::cite(const std::string& name, const std::string& flag) const {
  const DatasetEntry* e = find(name);
  if (!e) {
    std::string names;
    for (const auto& x : entries) names += (names.empty() ? "" : ", ") + x.name;
    throw InputError(SourceLocation{}, flag, fmt::format("found unknown dataset '{}', expected one of: {}", name, names));
  }
  std::string out;
  for (const auto& k : e->bibtex_keys) out += bibtex.at(k) + "\n";
  return out;
}

std::map<std::string, std::string> parse_bibtex(const std::string& text, const std::string& source) {
  std::map<std::string, std::string> out;
  std::map<std::string, int> line_of;
  std::size_t i = 0;
  int line = 1;
  auto fail = [&](int at, const std::string& what) {
    throw InputError(SourceLocation{source, at}, "BibTeX", what);
  };
  while (i < text.size()) {
    char ch = text[i];
    if (ch == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (ch == '%') {  // comment to the end of the line
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (ch != '@') {
      if (ch != ' ' && ch != '\t' && ch != '\r') fail(line, fmt::format("found '{}' outside an entry, expected '@type{{key, ...}}'", ch));
      ++i;
      continue;
    }
    const int start_line = line;
    std::size_t open = text.find('{', i);
    if (open == std::string::npos) fail(start_line, "an entry without '{'");
    std::size_t comma = text.find(',', open);
    if (comma == std::string::npos) fail(start_line, "an entry without a key");
    std::string key = text.substr(open + 1, comma - open - 1);
    while (!key.empty() && (key.back() == ' ')) key.pop_back();
    if (key.empty() || key.find_first_of(" {}\n\t") != std::string::npos)
      fail(start_line, fmt::format("found key '{}', expected a key without spaces or braces", key));
    int depth = 0;
    std::size_t j = open;
    for (; j < text.size(); ++j) {
      if (text[j] == '\n') ++line;
      if (text[j] == '{') ++depth;
      if (text[j] == '}' && --depth == 0) break;
    }
    if (j >= text.size()) fail(start_line, fmt::format("entry '{}' has unbalanced braces", key));
    if (auto [it, fresh] = line_of.emplace(key, start_line); !fresh)
      fail(start_line, fmt::format("key '{}' is defined twice (first on line {})", key, it->second));
    out[key] = text.substr(i, j + 1 - i);
    i = j + 1;
  }
  return out;
}

Registry load_registry(const std::string& data_dir) {
  Registry reg;
  const std::string bib_path = data_dir + "/references.bib";
  reg.bibtex = parse_bibtex(read_text_file(bib_path), bib_path);
  CsvTable t = CsvTable::read_file(data_dir + "/datasets.csv");
  const auto c_name = t.require_column("name"), c_title = t.require_column("title"),
             c_ver = t.require_column("version"), c_first = t.require_column("first_year"),
             c_last = t.require_column("last_year"), c_units = t.require_column("units"),
             c_loc = t.require_column("location"), c_bib = t.require_column("bibtex"),
             c_terms = t.require_column("terms"), c_src = t.require_column("source");
  std::map<std::string, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    DatasetEntry e;
    e.name = std::string(t.get_string(r, c_name));
    if (e.name.find_first_of(" ,") != std::string::npos) t.fail_cell(r, c_name, "a name without spaces or commas");
    e.title = std::string(t.get_string(r, c_title));
    e.version = std::string(t.get_string(r, c_ver));
    auto first = t.get_int(r, c_first, Missing::kBlankOrNA);
    auto last = t.get_int(r, c_last, Missing::kBlankOrNA);
    if (first.has_value() != last.has_value())
      t.fail_cell(r, first ? c_last : c_first, "both first_year and last_year, or neither");
    if (first) {
      if (*first < 1000 || *first > 2200) t.fail_cell(r, c_first, "a year between 1000 and 2200");
      if (*last < *first || *last > 2200) t.fail_cell(r, c_last, fmt::format("a year from first_year ({}) to 2200", *first));
      e.first_year = static_cast<int>(*first);
      e.last_year = static_cast<int>(*last);
    }
    e.units = std::string(t.get_string(r, c_units));
    e.location = std::string(t.get_string(r, c_loc));
    if ((e.location.rfind("builtin:", 0) != 0 && e.location.rfind("shared:", 0) != 0) ||
        e.location.back() == ':')
      t.fail_cell(r, c_loc, "builtin:FILE (under data/) or shared:PATH (under ../shared)");
    std::string keys(t.get_string(r, c_bib, true));
    std::size_t pos = 0;
    while (!keys.empty() && pos <= keys.size()) {
      std::size_t semi = keys.find(';', pos);
      std::string k = keys.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
      if (!reg.bibtex.count(k)) t.fail_cell(r, c_bib, fmt::format("BibTeX keys of {} separated by ';' (no entry '{}')", bib_path, k));
      e.bibtex_keys.push_back(k);
      if (semi == std::string::npos) break;
      pos = semi + 1;
    }
    e.terms = std::string(t.get_string(r, c_terms));
    e.source = std::string(t.get_string(r, c_src));
    e.line = t.line_of_row(r);
    if (auto [it, fresh] = seen.emplace(e.name, e.line); !fresh)
      t.fail_row(r, "row", fmt::format("duplicate dataset name '{}' (first given on line {})", e.name, it->second));
    reg.entries.push_back(std::move(e));
  }
  return reg;
}

YearCut cut_to_coverage(const std::string& dataset, int first, int last, int from, int to, const std::string& flag) {
  const std::string asked = from == to ? std::to_string(from) : fmt::format("{}:{}", from, to);
  if (to < first || from > last)
    throw InputError(SourceLocation{}, flag,
                     fmt::format("found '{}', but {} covers {}-{} only; expected years within {}:{}", asked, dataset,
                                 first, last, first, last));
  YearCut c{std::max(from, first), std::min(to, last), ""};
  std::string dropped;
  auto range = [](int a, int b) { return a == b ? std::to_string(a) : fmt::format("{}-{}", a, b); };
  if (from < first) dropped = range(from, first - 1);
  if (to > last) dropped += (dropped.empty() ? "" : " and ") + range(last + 1, to);
  if (!dropped.empty())
    c.note = fmt::format("{} {}: {} covers {}-{}; years {} dropped (outside the dataset); output covers {}", flag,
                         asked, dataset, first, last, dropped, range(c.from, c.to));
  return c;
}

}  // namespace geobalance::io
