#include "geobalance/core/world.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance {

namespace {
std::string upper(std::string_view s) {
  std::string u(s);
  for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}
}  // namespace

void CountryIndex::add(int ccode, std::string_view abb, std::string_view name, std::string_view iso3) {
  Country& c = by_ccode_[ccode];
  c.ccode = ccode;
  if (c.abb.empty()) c.abb = std::string(abb);
  if (c.name.empty()) c.name = std::string(name);
  if (c.iso3.empty()) c.iso3 = std::string(iso3);
  for (std::string_view k : {abb, name, iso3})
    if (!k.empty()) by_key_.emplace(upper(k), ccode);
}

const Country* CountryIndex::find(int ccode) const {
  auto it = by_ccode_.find(ccode);
  return it == by_ccode_.end() ? nullptr : &it->second;
}

std::optional<int> CountryIndex::resolve(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  if (std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    int v = 0;
    for (char c : key) v = v * 10 + (c - '0');
    if (key.size() <= 4 && by_ccode_.count(v)) return v;
    return std::nullopt;
  }
  auto it = by_key_.find(upper(key));
  if (it != by_key_.end()) return it->second;
  return std::nullopt;
}

std::vector<int> CountryIndex::ccodes() const {
  std::vector<int> v;
  for (const auto& [k, c] : by_ccode_) v.push_back(k);
  return v;
}

bool World::in_system(int ccode, int year) const {
  for (const auto& s : states_)
    if (s.ccode == ccode && s.start.year <= year && year <= s.end.year) return true;
  return false;
}

std::vector<int> World::system_members(int year) const {
  std::set<int> m;
  for (const auto& s : states_)
    if (s.start.year <= year && year <= s.end.year) m.insert(s.ccode);
  return {m.begin(), m.end()};
}

std::pair<int, int> World::system_years() const {
  if (states_.empty()) return {0, 0};
  int a = states_.front().start.year, b = states_.front().end.year;
  for (const auto& s : states_) {
    a = std::min(a, s.start.year);
    b = std::max(b, s.end.year);
  }
  return {a, b};
}

World::Builder& World::Builder::states(std::vector<StateSpell> v, std::string source) {
  w_.states_ = std::move(v);
  w_.sources_.states = std::move(source);
  for (const auto& s : w_.states_) w_.countries_.add(s.ccode, s.abb, s.name);
  return *this;
}
World::Builder& World::Builder::country_codes(const std::vector<CountryCode>& v, std::string source) {
  w_.sources_.country_codes = std::move(source);
  for (const auto& c : v) w_.countries_.add(c.ccode, c.abb, c.name);
  return *this;
}
World::Builder& World::Builder::nmc(std::vector<NmcRecord> v, std::string source) {
  w_.nmc_ = std::move(v);
  w_.sources_.nmc = std::move(source);
  return *this;
}
World::Builder& World::Builder::alliance_dyads(std::vector<AllianceDyad> v, std::string source) {
  w_.alliance_dyads_ = std::move(v);
  w_.sources_.alliance_dyads = std::move(source);
  return *this;
}
World::Builder& World::Builder::alliance_members(std::vector<AllianceMember> v, std::string source) {
  w_.alliance_members_ = std::move(v);
  w_.sources_.alliance_members = std::move(source);
  return *this;
}
World::Builder& World::Builder::atop(std::vector<AtopStateYear> v, std::string source) {
  w_.atop_ = std::move(v);
  w_.sources_.atop = std::move(source);
  return *this;
}
World::Builder& World::Builder::sipri(std::vector<SipriMilex> v, std::string source) {
  w_.sipri_ = std::move(v);
  w_.sources_.sipri = std::move(source);
  for (const auto& m : w_.sipri_) w_.countries_.add(m.ccode, m.abb, m.country);
  return *this;
}
World::Builder& World::Builder::warheads(std::vector<WarheadStock> v, std::string source) {
  w_.warheads_ = std::move(v);
  w_.sources_.warheads = std::move(source);
  return *this;
}
World::Builder& World::Builder::idealpoints(std::vector<IdealPoint> v, std::string source) {
  w_.idealpoints_ = std::move(v);
  w_.sources_.idealpoints = std::move(source);
  return *this;
}
World::Builder& World::Builder::country(int ccode, std::string_view abb, std::string_view name, std::string_view iso3) {
  w_.countries_.add(ccode, abb, name, iso3);
  return *this;
}

World World::Builder::build() {
  // Cross-file checks run only against a loaded state list.
  if (!w_.states_.empty()) {
    std::set<int> known;
    for (const auto& s : w_.states_) known.insert(s.ccode);
    auto unknown = [&](const std::string& file, int line, const char* column, int ccode) {
      throw InputError(SourceLocation{file, line}, fmt::format("column '{}'", column),
                       fmt::format("found '{}', expected a ccode of the state system in {}", ccode,
                                   w_.sources_.states));
    };
    for (const auto& r : w_.nmc_) {
      if (!known.count(r.ccode)) unknown(w_.sources_.nmc, r.line, "ccode", r.ccode);
    }
    for (const auto& d : w_.alliance_dyads_) {
      if (!known.count(d.ccode1)) unknown(w_.sources_.alliance_dyads, d.line, "ccode1", d.ccode1);
      if (!known.count(d.ccode2)) unknown(w_.sources_.alliance_dyads, d.line, "ccode2", d.ccode2);
    }
    for (const auto& m : w_.alliance_members_)
      if (!known.count(m.ccode)) unknown(w_.sources_.alliance_members, m.line, "ccode", m.ccode);
    for (const auto& a : w_.atop_)
      if (!known.count(a.ccode)) unknown(w_.sources_.atop, a.line, "state", a.ccode);
    // NMC covers exactly the system's state-years.
    std::map<int, std::vector<std::pair<int, int>>> spells;
    for (const auto& s : w_.states_) spells[s.ccode].push_back({s.start.year, s.end.year});
    for (const auto& r : w_.nmc_) {
      bool inside = false;
      for (auto [a, b] : spells[r.ccode]) inside |= (a <= r.year && r.year <= b);
      if (!inside)
        throw InputError(SourceLocation{w_.sources_.nmc, r.line}, "column 'year'",
                         fmt::format("found '{}' for ccode {}, expected a year in which the state is a system member "
                                     "according to {}",
                                     r.year, r.ccode, w_.sources_.states));
    }
  }
  return std::move(w_);
}

}  // namespace geobalance
