// Plain records of the published datasets geobalance reads. Loaders in io/ produce them
// (validated: every value in range, every key unique); World bundles them.
// Missing numeric values are NaN in double fields (COW's -9, SIPRI's ". .", empty cells).
#ifndef GEOBALANCE_CORE_RECORDS_H_
#define GEOBALANCE_CORE_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geobalance {

/// A calendar date; fields 0 when unknown.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Parses "YYYY-MM-DD" (a real calendar date, leap years included); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view s);
/// "YYYY-MM-DD".
std::string to_string(const Date& d);

/// One spell of state-system membership (COW states2016).
struct StateSpell {
  int ccode = 0;
  std::string abb;
  std::string name;
  Date start;
  Date end;
  int line = 0;  ///< line in the source file (for cross-file messages)
};

/// One row of COW-country-codes.csv (a row per membership spell; codes repeat).
struct CountryCode {
  int ccode = 0;
  std::string abb;
  std::string name;
};

/// The six NMC components, in COW's order.
enum class Component : int { kMilex = 0, kMilper, kIrst, kPec, kTpop, kUpop };
inline constexpr int kNumComponents = 6;
/// COW's column names: "milex", "milper", "irst", "pec", "tpop", "upop".
const char* component_name(Component c);
std::optional<Component> component_from_string(std::string_view s);

/// One NMC state-year. component[c] is NaN where COW has -9.
struct NmcRecord {
  int ccode = 0;
  std::string abb;
  int year = 0;
  std::array<double, kNumComponents> component{};
  double published_cinc = 0;  ///< COW's own cinc column (NaN when absent)
  int line = 0;
};

/// A COW alliance dyad spell (by_dyad or by_directed). end_year empty = open (to the data's end).
struct AllianceDyad {
  int id = 0;  ///< version4id
  int ccode1 = 0;
  int ccode2 = 0;
  Date start;
  std::optional<Date> end;
  bool defense = false;
  bool neutrality = false;
  bool nonaggression = false;
  bool entente = false;
  int line = 0;
};

/// A COW alliance membership spell (by_member); for by_member_yearly, year is set.
struct AllianceMember {
  int id = 0;
  int ccode = 0;
  std::string ss_type;
  Date start;
  std::optional<Date> end;
  int year = 0;  ///< only for the yearly file
  bool defense = false;
  bool neutrality = false;
  bool nonaggression = false;
  bool entente = false;
  int line = 0;
};

/// ATOP state-year: the ATOP ids of every alliance the state belongs to that year.
struct AtopStateYear {
  int ccode = 0;
  int year = 0;
  bool defense = false, offense = false, neutral = false, nonagg = false, consul = false;
  std::vector<int> atopids;
  int line = 0;
};

/// SIPRI military expenditure (extract) for one country-year.
struct SipriMilex {
  std::string country;
  int ccode = 0;
  std::string abb;
  int year = 0;
  double const_usd_m = 0;   ///< constant 2023 US$ millions (NaN if unavailable)
  double share_gdp = 0;     ///< fraction of GDP (NaN if unavailable)
  double current_usd_m = 0; ///< current US$ millions (NaN if unavailable)
  bool estimate = false;    ///< SIPRI flags the constant-dollar value as an estimate
  int line = 0;
};

/// OWID/FAS nuclear warhead stockpile for one entity-year.
struct WarheadStock {
  std::string entity;
  std::string iso3;  ///< empty for aggregates (World)
  int year = 0;
  double stockpile = 0;
  int line = 0;
};

/// Bailey-Strezhnev-Voeten UN ideal point for one state-year.
struct IdealPoint {
  int ccode = 0;
  std::string iso3;
  int year = 0;
  double ideal_point = 0;  ///< all-votes estimate where present, else final-passage
  int votes = 0;
  int line = 0;
};

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_RECORDS_H_
