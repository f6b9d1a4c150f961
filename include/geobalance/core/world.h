// World: the immutable, validated bundle of everything geobalance knows about states and
// years: identity (COW ccode and stateabb are the keys; ISO3 codes and names map to them),
// state-system membership, capability components, alliance ties, spending, warheads and UN
// ideal points. Build one with io::load_world() or World::Builder; once built it never changes,
// so models can share it across threads.
#ifndef GEOBALANCE_CORE_WORLD_H_
#define GEOBALANCE_CORE_WORLD_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geobalance/core/records.h"

namespace geobalance {

struct Country {
  int ccode = 0;
  std::string abb;   ///< COW state abbreviation, e.g. "TUR"
  std::string name;  ///< COW name
  std::string iso3;  ///< ISO 3166 alpha-3 where known, e.g. "TUR"
};

/// Identity of states: lookups by ccode, COW abbreviation, ISO3 code or name.
class CountryIndex {
 public:
  /// Adds or completes an entry (later calls fill empty fields; conflicting non-empty
  /// abbreviations for one ccode are a caller bug and keep the first).
  void add(int ccode, std::string_view abb, std::string_view name, std::string_view iso3 = {});
  const Country* find(int ccode) const;
  /// Resolves "TUR", "640", "Turkey"/"Türkiye" (case-insensitive name), or an ISO3 code.
  std::optional<int> resolve(std::string_view key) const;
  std::vector<int> ccodes() const;
  std::size_t size() const { return by_ccode_.size(); }

 private:
  std::map<int, Country> by_ccode_;
  std::unordered_map<std::string, int> by_key_;  // upper-cased abb, iso3 and name
};

/// Names the file each dataset came from, for messages and run provenance.
struct WorldSources {
  std::string states, country_codes, nmc, alliance_dyads, alliance_members, atop, sipri, warheads, idealpoints;
};

class World {
 public:
  class Builder;

  const CountryIndex& countries() const { return countries_; }
  const WorldSources& sources() const { return sources_; }
  const std::vector<StateSpell>& states() const { return states_; }
  const std::vector<NmcRecord>& nmc() const { return nmc_; }
  const std::vector<AllianceDyad>& alliance_dyads() const { return alliance_dyads_; }
  const std::vector<AllianceMember>& alliance_members() const { return alliance_members_; }
  const std::vector<AtopStateYear>& atop() const { return atop_; }
  const std::vector<SipriMilex>& sipri() const { return sipri_; }
  const std::vector<WarheadStock>& warheads() const { return warheads_; }
  const std::vector<IdealPoint>& idealpoints() const { return idealpoints_; }

  /// True when ccode is a system member at any time in `year` (states2016 spells).
  bool in_system(int ccode, int year) const;
  /// System members in `year`, ascending ccode. Empty when no state list was loaded.
  std::vector<int> system_members(int year) const;
  /// First and last year of the state list (0, 0 when none).
  std::pair<int, int> system_years() const;

 private:
  CountryIndex countries_;
  WorldSources sources_;
  std::vector<StateSpell> states_;
  std::vector<NmcRecord> nmc_;
  std::vector<AllianceDyad> alliance_dyads_;
  std::vector<AllianceMember> alliance_members_;
  std::vector<AtopStateYear> atop_;
  std::vector<SipriMilex> sipri_;
  std::vector<WarheadStock> warheads_;
  std::vector<IdealPoint> idealpoints_;
};

/// Collects datasets, then validates them against each other in build(): every ccode used by
/// capabilities, alliances and ATOP must belong to the state list (when one is given), and
/// NMC state-years must fall inside membership spells. Errors name the offending file:line.
class World::Builder {
 public:
  Builder& states(std::vector<StateSpell> v, std::string source);
  Builder& country_codes(const std::vector<CountryCode>& v, std::string source);
  Builder& nmc(std::vector<NmcRecord> v, std::string source);
  Builder& alliance_dyads(std::vector<AllianceDyad> v, std::string source);
  Builder& alliance_members(std::vector<AllianceMember> v, std::string source);
  Builder& atop(std::vector<AtopStateYear> v, std::string source);
  Builder& sipri(std::vector<SipriMilex> v, std::string source);
  Builder& warheads(std::vector<WarheadStock> v, std::string source);
  Builder& idealpoints(std::vector<IdealPoint> v, std::string source);
  /// Adds an identity entry (e.g. from the built-in data/countries.csv).
  Builder& country(int ccode, std::string_view abb, std::string_view name, std::string_view iso3);
  World build();

 private:
  World w_;
};

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_WORLD_H_
