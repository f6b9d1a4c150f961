#include "report/context_section.h"

#include <fmt/format.h>

namespace geobalance::report {

using nlohmann::json;

namespace {

const char* intensity_word(int i) { return i == 2 ? "war" : i == 1 ? "minor" : "unknown"; }

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

// "Source: <title>, version <v> (<file>) [keys]." for the dataset read under `role`; the file
// name alone when the registry does not list it.
std::string source_of(const scenario::ScenarioResult& r, const std::string& role) {
  for (const auto& d : r.datasets) {
    if (d.role != role) continue;
    const auto slash = d.path.find_last_of('/');
    const std::string file = slash == std::string::npos ? d.path : d.path.substr(slash + 1);
    std::string item = d.title.empty() ? file : fmt::format("{}, version {} ({})", d.title, d.version, file);
    if (!d.bibtex_keys.empty()) item += " [" + joined(d.bibtex_keys, "; ") + "]";
    return "Source: " + item + ".";
  }
  return {};
}

}  // namespace

std::string intensity_runs(const std::vector<std::pair<int, int>>& by_year) {
  std::string out;
  std::size_t i = 0;
  while (i < by_year.size()) {
    std::size_t j = i;
    while (j + 1 < by_year.size() && by_year[j + 1].first == by_year[j].first + 1 && by_year[j + 1].second == by_year[i].second) ++j;
    const std::string years = i == j ? std::to_string(by_year[i].first)
                                     : fmt::format("{}-{}", by_year[i].first, by_year[j].first);
    out += (out.empty() ? "" : ", ") + years + " " + intensity_word(by_year[i].second);
    i = j + 1;
  }
  return out;
}

json context_section(const scenario::ScenarioResult& r) {
  if (!r.context) return nullptr;
  const scenario::ContextSection& c = *r.context;
  json sec{{"id", "context"}, {"title", "Context"}, {"charts", json::array()}, {"notes", json::array()}};
  sec["text"] = fmt::format("Armed conflicts and strategic rivalries the scenario names, as recorded in the data up to "
                            "{} (its information year; later years are not shown). Context only: no model reads them.",
                            c.information_year);
  if (!c.conflicts.empty()) {
    json tab{{"id", "context-conflicts"}, {"type", "table"}, {"title", "Armed conflicts (UCDP/PRIO)"},
             {"columns", {"conflict", "UCDP id", "side A", "side B", "type", "incompatibility", "intensity by year"}},
             {"rows", json::array()}};
    for (const auto& x : c.conflicts)
      tab["rows"].push_back({x.label, std::to_string(x.conflict_id), joined(x.side_a, ", "), joined(x.side_b, ", "), x.type,
                             x.incompatibility, intensity_runs(x.intensity_by_year)});
    sec["charts"].push_back(tab);
    if (auto s = source_of(r, "conflicts"); !s.empty()) sec["notes"].push_back(s + " Intensity: minor = 25-999 battle deaths in the year, war = 1,000 or more.");
  }
  if (!c.rivalries.empty()) {
    json tab{{"id", "context-rivalries"}, {"type", "table"}, {"title", "Strategic rivalries (Thompson, Sakuwa & Suhas 2021)"},
             {"columns", {"rivalry", "states", "type", "start", "end"}}, {"rows", json::array()}};
    for (const auto& x : c.rivalries) {
      std::string type = x.types.empty() ? "not coded" : joined(x.types, ", ");
      if (x.principal) type += " (principal)";
      const std::string end = x.ongoing ? fmt::format("ongoing at {} (the last year known)", x.known_to) : std::to_string(x.end);
      tab["rows"].push_back({x.name, x.a + "-" + x.b, type, std::to_string(x.start), end});
    }
    sec["charts"].push_back(tab);
    if (auto s = source_of(r, "rivalries"); !s.empty()) sec["notes"].push_back(s);
  }
  for (const auto& n : c.notes) sec["notes"].push_back(n);
  return sec;
}

}  // namespace geobalance::report
