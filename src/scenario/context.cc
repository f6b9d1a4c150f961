#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geobalance/io/loaders.h"
#include "scenario/context_detail.h"

namespace geobalance::scenario::detail {

namespace {

std::vector<std::string> two_states(TableReader& r, std::string_view key, const power::BuiltinData& b) {
  std::vector<std::string> out;
  for (const auto& a : r.str_list(key, true)) {
    auto cc = b.index.resolve(a);
    if (!cc) r.fail(key, fmt::format("found unknown state '{}', expected a COW abbreviation listed in data/countries.csv", a));
    out.push_back(b.index.find(*cc)->abb);
  }
  if (out.size() != 2) r.fail(key, fmt::format("has {} states, expected 2", out.size()));
  if (out[0] == out[1]) r.fail(key, fmt::format("names '{}' twice, expected two different states", out[0]));
  return out;
}

void need_file(TableReader& top, const Scenario& s, const std::string& path, const std::string& written,
               const char* key, const char* section, const char* what) {
  if (!path.empty() || !written.empty()) return;  // read, or "optional:" and absent (the section says so)
  (void)s;
  throw InputError(top.where(), fmt::format("key 'data.{}'", key),
                   fmt::format("is missing, but [[context.{}]] names {}; expected the path of {} in [data] (e.g. "
                               "\"optional:../../../shared/data/{}\" to skip them where that file is absent)",
                               section, what, what,
                               std::string(key) == "conflicts" ? "ucdp_acd/ucdp_acd_v25_1.csv"
                                                               : "rivalries/tss_rivalries_2021.csv"));
}

std::string abb_of(const power::BuiltinData& b, int ccode, int gw) {
  if (ccode == 0) return fmt::format("GW {} (no COW state)", gw);
  if (const auto* c = b.country(ccode)) return c->abb;
  return fmt::format("COW {}", ccode);
}

void add_unique(std::vector<std::string>& v, const std::string& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

void read_context(TableReader& top, Scenario& s, const power::BuiltinData& builtin) {
  const toml::table* t = top.opt_table("context");
  if (!t) return;
  TableReader r(*t, top.file(), "context");
  std::set<std::string> labels;
  for (const toml::table* e : r.table_array("conflict")) {
    TableReader er(*e, top.file(), "context.conflict");
    ContextConflict c;
    c.where = er.where();
    c.label = er.str("label");
    if (c.label.empty()) er.fail("label", "is empty; expected a label");
    if (!labels.insert(c.label).second) er.fail("label", fmt::format("'{}' is given twice; expected unique context labels", c.label));
    if (er.has("sides")) c.sides = two_states(er, "sides", builtin);
    c.conflict_id = static_cast<int>(er.opt_integer("conflict_id", 1, 99999999).value_or(0));
    if (c.sides.empty() && c.conflict_id == 0)
      er.fail_missing("sides", "two states on opposite sides (sides = [\"RUS\", \"UKR\"]) and/or a UCDP conflict_id");
    c.from = static_cast<int>(er.opt_integer("from", 1946, 2100).value_or(s.history_from));
    c.to = static_cast<int>(er.opt_integer("to", c.from, 2100).value_or(std::max(c.from, s.history_to)));
    er.finish();
    s.context_conflicts.push_back(c);
  }
  for (const toml::table* e : r.table_array("rivalry")) {
    TableReader er(*e, top.file(), "context.rivalry");
    ContextRivalry c;
    c.where = er.where();
    c.label = er.str("label");
    if (c.label.empty()) er.fail("label", "is empty; expected a label");
    if (!labels.insert(c.label).second) er.fail("label", fmt::format("'{}' is given twice; expected unique context labels", c.label));
    c.states = two_states(er, "states", builtin);
    er.finish();
    s.context_rivalries.push_back(c);
  }
  r.finish();
  if (!s.context_conflicts.empty())
    need_file(top, s, s.conflicts, s.conflicts_key, "conflicts", "conflict", "the UCDP/PRIO Armed Conflict Dataset");
  if (!s.context_rivalries.empty())
    need_file(top, s, s.rivalries, s.rivalries_key, "rivalries", "rivalry", "the strategic rivalries file");
}

ContextSection build_context(const Scenario& s, const World& w) {
  ContextSection out;
  const int last = w.cut ? w.last_year : s.history_to;
  out.information_year = last;
  const power::BuiltinData& b = w.builtin;
  const bool have_conflicts = w.has("conflicts"), have_rivalries = w.has("rivalries");
  for (const auto& cc : s.context_conflicts) {
    if (!have_conflicts) {
      out.notes.push_back(fmt::format("conflict '{}': not shown: [data] conflicts ('{}') names no file on this machine",
                                      cc.label, s.conflicts_key));
      continue;
    }
    const int from = cc.from, to = std::min(cc.to, last);
    if (from > to) {
      out.notes.push_back(fmt::format("conflict '{}': its years {}-{} lie after the information year {}: not shown",
                                      cc.label, cc.from, cc.to, last));
      continue;
    }
    int a = 0, bb = 0;
    if (cc.sides.size() == 2) a = *b.index.resolve(cc.sides[0]), bb = *b.index.resolve(cc.sides[1]);
    std::map<int, ConflictContext> by_id;
    std::map<int, int> first_year;
    for (const auto& row : w.conflicts) {
      if (row.year < from || row.year > to) continue;
      if (cc.conflict_id && row.conflict_id != cc.conflict_id) continue;
      if (a && !((has(row.side_a, a) && has(row.side_b, bb)) || (has(row.side_a, bb) && has(row.side_b, a)))) continue;
      ConflictContext& x = by_id[row.conflict_id];
      x.label = cc.label;
      x.conflict_id = row.conflict_id;
      x.type = row.type;  // rows come in year order per conflict in UCDP; the latest year's wins below
      x.incompatibility = row.incompatibility;
      for (std::size_t i = 0; i < row.side_a.size(); ++i) add_unique(x.side_a, abb_of(b, row.side_a[i], row.side_a_gw[i]));
      for (std::size_t i = 0; i < row.side_b.size(); ++i) add_unique(x.side_b, abb_of(b, row.side_b[i], row.side_b_gw[i]));
      x.intensity_by_year.emplace_back(row.year, row.intensity);
      x.from = from, x.to = to;
      auto [it, fresh] = first_year.try_emplace(row.conflict_id, row.year);
      if (!fresh) it->second = std::min(it->second, row.year);
    }
    if (by_id.empty()) {
      out.notes.push_back(fmt::format("conflict '{}': no UCDP/PRIO conflict-year{}{} in {}-{}", cc.label,
                                      cc.sides.size() == 2 ? fmt::format(" with {} and {} on opposite sides", cc.sides[0], cc.sides[1]) : "",
                                      cc.conflict_id ? fmt::format(" of conflict {}", cc.conflict_id) : "", from, to));
      continue;
    }
    std::vector<std::pair<int, int>> order;  // (first year, id)
    for (const auto& [id, y] : first_year) order.emplace_back(y, id);
    std::sort(order.begin(), order.end());
    for (const auto& [y, id] : order) {
      ConflictContext x = by_id[id];
      std::sort(x.intensity_by_year.begin(), x.intensity_by_year.end());
      out.conflicts.push_back(std::move(x));
    }
  }
  for (const auto& cr : s.context_rivalries) {
    if (!have_rivalries) {
      out.notes.push_back(fmt::format("rivalry '{}': not shown: [data] rivalries ('{}') names no file on this machine",
                                      cr.label, s.rivalries_key));
      continue;
    }
    const int a = *b.index.resolve(cr.states[0]), bb = *b.index.resolve(cr.states[1]);
    const auto found = io::rivalries_between(w.rivalries, a, bb, s.history_from, last);
    if (found.empty()) {
      out.notes.push_back(fmt::format("rivalry '{}': no strategic rivalry between {} and {} in {}-{}", cr.label,
                                      cr.states[0], cr.states[1], s.history_from, last));
      continue;
    }
    for (const auto& r : found) {
      RivalryContext x;
      x.label = cr.label;
      x.id = r.id;
      x.name = r.name;
      x.a = abb_of(b, r.ccode1, r.ccode1);
      x.b = abb_of(b, r.ccode2, r.ccode2);
      x.start = r.start;
      x.end = r.end;
      x.known_to = w.rivalries_last_year;
      x.ongoing = r.end >= w.rivalries_last_year;
      if (r.positional) x.types.push_back("positional");
      if (r.spatial) x.types.push_back("spatial");
      if (r.ideological) x.types.push_back("ideological");
      if (r.interventionary) x.types.push_back("interventionary");
      x.principal = r.principal;
      out.rivalries.push_back(std::move(x));
    }
  }
  return out;
}

nlohmann::ordered_json context_json(const ContextSection& c) {
  using J = nlohmann::ordered_json;
  J j;
  j["information_year"] = c.information_year;
  J conflicts = J::array();
  for (const auto& x : c.conflicts) {
    J years = J::array();
    for (const auto& [y, i] : x.intensity_by_year)
      years.push_back({{"year", y}, {"intensity", i}, {"name", io::intensity_name(i)}});
    conflicts.push_back({{"label", x.label}, {"conflict_id", x.conflict_id}, {"type", x.type},
                         {"incompatibility", x.incompatibility}, {"side_a", x.side_a}, {"side_b", x.side_b},
                         {"from", x.from}, {"to", x.to}, {"intensity_by_year", years}});
  }
  j["conflicts"] = conflicts;
  J rivalries = J::array();
  for (const auto& x : c.rivalries)
    rivalries.push_back({{"label", x.label}, {"id", x.id}, {"name", x.name}, {"states", {x.a, x.b}}, {"start", x.start},
                         {"end", x.end}, {"ongoing", x.ongoing}, {"known_to", x.known_to}, {"types", x.types},
                         {"principal", x.principal}});
  j["rivalries"] = rivalries;
  j["notes"] = c.notes;
  return j;
}

}  // namespace geobalance::scenario::detail
