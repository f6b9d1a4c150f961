// Loaders for the published formats geobalance reads (see ../shared/data/SOURCES.md). Each
// reads one file with io::CsvTable, finds columns by name, validates every cell and key, and
// either returns the whole file's records or throws InputError naming file:line:col and the
// column; nothing is half-loaded. Cross-file checks (unknown ccodes) are World's job.
#ifndef GEOBALANCE_IO_LOADERS_H_
#define GEOBALANCE_IO_LOADERS_H_

#include <string>
#include <vector>

#include "geobalance/core/records.h"

namespace geobalance::io {

/// COW State System Membership (states2016.csv): stateabb, ccode, statenme, styear, stmonth,
/// stday, endyear, endmonth, endday. Rejects end before start and overlapping spells of one ccode.
std::vector<StateSpell> load_cow_states(const std::string& path);

/// COW-country-codes.csv (StateAbb, CCode, StateNme; CR-only line endings as shipped).
std::vector<CountryCode> load_cow_country_codes(const std::string& path);

/// COW NMC v5 or v6 (stateabb, ccode, year, milex, milper, irst, pec, tpop, upop[, cinc]).
/// -9 = missing (NaN); any other negative value, a non-number or a NaN is an error, and so
/// is a second row for the same ccode-year.
std::vector<NmcRecord> load_nmc(const std::string& path);

/// COW alliances v4.1 by_dyad or by_directed. An empty type cell (defense, neutrality,
/// nonaggression, entente) is an uncoded obligation and reads as 0, as in COW's own files.
std::vector<AllianceDyad> load_cow_alliance_dyads(const std::string& path);
/// COW alliances v4.1 by_member (spells) or by_member_yearly (one row per year; `year` set).
std::vector<AllianceMember> load_cow_alliance_members(const std::string& path);

/// ATOP 5.1 state-year (state, year, defense, offense, neutral, nonagg, consul, atopid1..N).
std::vector<AtopStateYear> load_atop_state_year(const std::string& path);

/// SIPRI military-expenditure extract (sipri_country, ccode, stateabb, year,
/// milex_const2023_usd_m, flag_const, milex_share_gdp, milex_current_usd_m).
std::vector<SipriMilex> load_sipri_milex(const std::string& path);

/// OWID nuclear warhead stockpiles (Entity, Code, Year, nuclear_weapons_stockpile).
std::vector<WarheadStock> load_owid_warheads(const std::string& path);

/// UN General Assembly ideal points: the July 2025 calendar-year release (ccode, year,
/// idealpointall, idealpointfp, nvotesall) or the July 2023 session release (ccode, session,
/// IdealPointAll, NVotesAll; year = session + 1945).
std::vector<IdealPoint> load_unga_idealpoints(const std::string& path);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_LOADERS_H_
