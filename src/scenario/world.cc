#include "geobalance/scenario/world.h"

#include <algorithm>

#include <fmt/format.h>

#include "geobalance/armsrace/series_file.h"
#include "geobalance/bargaining/issue_io.h"
#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/io/loaders.h"
#include "geobalance/store/sha256.h"

namespace geobalance::scenario {

bool World::has(const std::string& role) const {
  for (const auto& f : files)
    if (f.role == role) return true;
  return false;
}

std::string World::path_of(const std::string& role) const {
  for (const auto& f : files)
    if (f.role == role) return f.path;
  return {};
}

namespace {

void record(World& w, std::string role, const std::string& path) {
  w.files.push_back({std::move(role), path, store::sha256_file(path)});
}

std::vector<TieRow> load_ties(const std::string& path, const power::BuiltinData& builtin) {
  std::vector<TieRow> out;
  auto t = io::CsvTable::read_file(path);
  const auto c_kind = t.require_column("kind"), c_name = t.require_column("name"), c_mem = t.require_column("members"),
             c_val = t.require_column("value"), c_since = t.require_column("since"), c_src = t.require_column("source");
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    TieRow row;
    row.kind = std::string(t.get_string(r, c_kind));
    if (row.kind != "group" && row.kind != "pair") t.fail_cell(r, c_kind, "group or pair");
    row.name = std::string(t.get_string(r, c_name));
    t.get_string(r, c_src);
    long long v = t.get_int(r, c_val);
    if (v < 0 || v > 3) t.fail_cell(r, c_val, "a tie value 0-3 (Häge coding)");
    row.value = static_cast<int>(v);
    auto since = parse_iso_date(t.get_string(r, c_since));
    if (!since) t.fail_cell(r, c_since, "a date YYYY-MM-DD");
    row.since = *since;
    row.line = t.line_of_row(r);
    std::string_view spec = t.get_string(r, c_mem);
    if (spec == "NATO") {
      row.nato = true;
    } else {
      std::size_t b = 0;
      while (b <= spec.size()) {
        auto e = spec.find('+', b);
        std::string_view part = spec.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
        auto cc = builtin.index.resolve(part);
        if (!cc) t.fail_cell(r, c_mem, fmt::format("states of countries.csv joined by '+' (unknown '{}')", part));
        row.members.push_back(*cc);
        if (e == std::string_view::npos) break;
        b = e + 1;
      }
      if (row.kind == "pair" && row.members.size() != 2) t.fail_cell(r, c_mem, "exactly two states A+B for a pair");
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

namespace detail {

World load_builtin_tables(const DataSpec& spec) {
  World w;
  auto& b = w.builtin;
  const std::string dir = spec.builtin_dir;
  const std::string countries = dir + "/countries.csv", nato = dir + "/nato_members.csv", theatres = dir + "/theatres.csv";
  const std::string caps = spec.capabilities.empty() ? dir + "/capabilities.csv" : spec.capabilities;
  b.countries = power::load_countries(countries);
  record(w, "countries", countries);
  for (const auto& c : b.countries) b.index.add(c.ccode, c.abb, c.name, c.iso3);
  b.nato = power::load_nato_members(nato);
  record(w, "nato_members", nato);
  b.theatres = power::load_theatres(theatres);
  record(w, "theatres", theatres);
  b.capabilities = power::load_capability_table(caps);
  record(w, "capabilities", caps);
  // Every NATO and capability row must name a state of countries.csv, with its abbreviation.
  auto check = [&](const std::string& file, int line, int ccode, const std::string& abb) {
    const power::CountryInfo* c = b.country(ccode);
    if (!c)
      throw InputError(SourceLocation{file, line}, "column 'ccode'",
                       fmt::format("found '{}' ({}), expected a state listed in {}", ccode, abb, countries));
    if (c->abb != abb)
      throw InputError(SourceLocation{file, line}, "column 'stateabb'",
                       fmt::format("ccode {} is '{}' here but '{}' in {}", ccode, abb, c->abb, countries));
  };
  for (const auto& m : b.nato) check(nato, m.line, m.ccode, m.abb);
  for (const auto& r : b.capabilities.rows) check(caps, r.line, r.ccode, r.abb);
  return w;
}

void load_remaining(World& w, const DataSpec& spec) {
  if (!spec.ties.empty()) {
    w.ties = load_ties(spec.ties, w.builtin);
    record(w, "ties", spec.ties);
  }
  if (!spec.idealpoints.empty()) {
    w.idealpoints = io::load_unga_idealpoints(spec.idealpoints);
    w.idealpoints_all = load_idealpoint_series(spec.idealpoints, IdealPointSeries::kAllVotes);
    w.idealpoints_fp = load_idealpoint_series(spec.idealpoints, IdealPointSeries::kFinalPassage);
    record(w, "idealpoints", spec.idealpoints);
  }
  if (!spec.alliances.empty()) {
    w.cow_states = io::load_cow_states(spec.states);
    record(w, "cow_states", spec.states);
    w.cow_dyads = io::load_cow_alliance_dyads(spec.alliances);
    record(w, "cow_alliances", spec.alliances);
  }
  if (!spec.nmc.empty()) {
    w.nmc = io::load_nmc(spec.nmc);
    record(w, "nmc", spec.nmc);
  }
  if (!spec.conflicts.empty()) {
    w.conflicts = io::load_ucdp_acd(spec.conflicts);
    record(w, "conflicts", spec.conflicts);
  }
  if (!spec.rivalries.empty()) {
    w.rivalries = io::load_rivalries(spec.rivalries);
    for (const auto& r : w.rivalries) w.rivalries_last_year = std::max(w.rivalries_last_year, r.end);
    record(w, "rivalries", spec.rivalries);
  }
  for (const auto& sp : spec.series) {
    w.series[sp.name] = armsrace::read_series_csv(sp.path, sp.actors, sp.first_year, 0);
    record(w, "series:" + sp.name, sp.path);
  }
  for (const auto& [id, file] : spec.issues) {
    w.issues[id] = bargaining::load_issue(file);
    record(w, "issue:" + id, file);
  }
}

}  // namespace detail

World load_world(const DataSpec& spec) {
  World w = detail::load_builtin_tables(spec);
  detail::load_remaining(w, spec);
  return w;
}

World cut_at(const World& world, int last_year, const Date& as_of) {
  World w = world;
  w.last_year = last_year;
  w.as_of = as_of;
  w.cut = true;
  auto& rows = w.builtin.capabilities.rows;
  rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const auto& r) { return r.year > last_year; }), rows.end());
  auto& nmc = w.nmc;
  nmc.erase(std::remove_if(nmc.begin(), nmc.end(), [&](const NmcRecord& r) { return r.year > last_year; }), nmc.end());
  auto& cy = w.conflicts;
  cy.erase(std::remove_if(cy.begin(), cy.end(), [&](const io::ConflictYear& r) { return r.year > last_year; }), cy.end());
  auto& rv = w.rivalries;
  rv.erase(std::remove_if(rv.begin(), rv.end(), [&](const io::Rivalry& r) { return r.start > last_year; }), rv.end());
  for (auto& r : rv) r.end = std::min(r.end, last_year);
  w.rivalries_last_year = std::min(w.rivalries_last_year, last_year);
  auto& ip = w.idealpoints;
  ip.erase(std::remove_if(ip.begin(), ip.end(), [&](const IdealPoint& p) { return p.year > last_year; }), ip.end());
  for (auto* v : {&w.idealpoints_all, &w.idealpoints_fp})
    v->erase(std::remove_if(v->begin(), v->end(), [&](const IdealPointEstimate& p) { return p.year > last_year; }), v->end());
  for (auto& [name, s] : w.series) {
    if (s.years.empty() || s.years.front() > last_year)
      throw InputError(fmt::format("series '{}' ({}): no year on or before {}, the scenario's history_to", name, s.source,
                                   last_year));
    if (s.years.back() > last_year) s = s.slice(s.years.front(), last_year);
  }
  auto& ties = w.ties;
  ties.erase(std::remove_if(ties.begin(), ties.end(), [&](const TieRow& t) { return as_of < t.since; }), ties.end());
  auto& nato = w.builtin.nato;
  nato.erase(std::remove_if(nato.begin(), nato.end(), [&](const auto& m) { return as_of < m.accession; }), nato.end());
  for (auto& m : nato)
    if (m.exit && as_of < *m.exit) m.exit.reset();
  auto& dyads = w.cow_dyads;
  dyads.erase(std::remove_if(dyads.begin(), dyads.end(), [&](const AllianceDyad& d) { return as_of < d.start; }),
              dyads.end());
  for (auto& d : dyads)
    if (d.end && as_of < *d.end) d.end.reset();
  return w;
}

}  // namespace geobalance::scenario
