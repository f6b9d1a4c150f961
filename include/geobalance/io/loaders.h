// Loaders for the published formats geobalance reads (see ../shared/data/SOURCES.md). Each
// reads one file with io::CsvTable, finds columns by name, validates every cell and key, and
// either returns the whole file's records or throws InputError naming file:line:col and the
// column; nothing is half-loaded. Cross-file checks (unknown ccodes) are World's job.
#ifndef GEOBALANCE_IO_LOADERS_H_
#define GEOBALANCE_IO_LOADERS_H_

#include <optional>
#include <string>
#include <vector>

#include "geobalance/core/records.h"

namespace geobalance::io {

/// COW State System Membership (states2016.csv): stateabb, ccode, statenme, styear, stmonth,
/// stday, endyear, endmonth, endday. Rejects end before start and overlapping spells of one ccode.
std::vector<StateSpell> load_cow_states(const std::string& path);

/// COW-country-codes.csv (StateAbb, CCode, StateNme; CR-only line endings as shipped).
std::vector<CountryCode> load_cow_country_codes(const std::string& path);

/// COW NMC v5, v6 or 7.0 (stateabb, ccode, year, milex, milper, irst, pec, tpop, upop[, cinc]).
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

/// Which ideal-point series of the release: estimated from all votes (idealpointall, with
/// nvotesall) or from final-passage votes only (idealpointfp, with nvotesfp). They are
/// different measures: one is never filled in from the other (issue 12, item 7).
enum class IdealPointSeries { kAllVotes, kFinalPassage };

/// UN General Assembly ideal points, one series: the July 2025 calendar-year release (ccode,
/// year, idealpointall/nvotesall or idealpointfp/nvotesfp) or the July 2023 session release
/// (ccode, session, IdealPointAll, NVotesAll; all votes only; year = session + 1945). A
/// state-year without an estimate in that series is absent. A file without the series'
/// column is an InputError naming it.
std::vector<IdealPoint> load_unga_idealpoints(const std::string& path,
                                              IdealPointSeries series = IdealPointSeries::kAllVotes);

// ---- Events: UCDP/PRIO armed conflicts and strategic rivalries -------------------------

/// Maps a Gleditsch-Ward state code to the COW ccode of the same state in `year`, or 0 when
/// COW has no such state. The two lists use the same number for most states; the documented
/// exceptions (Gleditsch & Ward 1999, International Interactions 25: 393-413; peacesciencer's
/// cow_gw_years notes the same cases) are:
///  - Germany: GW keeps 260 after unification (West Germany absorbed the GDR); COW codes
///    unified Germany 255. GW 260 -> COW 260 (GFR) to 1990, 255 (GMY) from 1991. 1990 maps to
///    260: COW's GFR spell runs to 2 October 1990, most of that year.
///  - Yemen: GW keeps 678 for unified Yemen; COW codes the Yemen Arab Republic 678 to 1990-05-21
///    and Yemen 679 from 1990-05-22. GW 678 -> 678 to 1989, 679 from 1990 (most of that year).
///  - Serbia: GW codes Serbia from 2006 as 340 and Yugoslavia as 345; COW keeps 345 for
///    Yugoslavia and its successor Serbia. GW 340 -> 345.
///  - No COW state: GW 396 (Abkhazia), 397 (South Ossetia), 711 (Tibet, to 1950) -> 0.
/// Any other code in 1..999 maps to itself.
int gw_to_cow(int gwno, int year);

/// One conflict-year of the UCDP/PRIO Armed Conflict Dataset.
struct ConflictYear {
  int conflict_id = 0;
  int year = 0;
  /// Gleditsch-Ward codes of each side: the primary party first, then the secondary
  /// (*_2nd) parties. Side B is empty when it is a non-state actor.
  std::vector<int> side_a_gw, side_b_gw;
  /// The same parties as COW ccodes (gw_to_cow; 0 where COW has no such state).
  std::vector<int> side_a, side_b;
  std::string incompatibility;  ///< "territory", "government" or "both"
  int intensity = 0;            ///< 1 = minor (25-999 battle deaths), 2 = war (1,000 or more)
  std::string type;             ///< "extrasystemic", "interstate", "intrastate", "internationalized intrastate"
  Date start;                   ///< start of the conflict (start_date)
  Date start2;                  ///< start of the current episode (start_date2)
  std::optional<Date> episode_end;  ///< ep_end_date when the episode ended this year
  int line = 0;
};

/// UCDP/PRIO Armed Conflict Dataset (conflict_id, year, gwno_a, gwno_a_2nd, gwno_b,
/// gwno_b_2nd, incompatibility, intensity_level, type_of_conflict, start_date, start_date2,
/// ep_end, ep_end_date), as UCDP ships it or as peacesciencer's selection (the file in
/// ../shared). incompatibility and type_of_conflict may be UCDP's numeric codes (1-3, 1-4)
/// or their names ("II" = internationalized intrastate); party cells hold one code or several
/// separated by ", ". peacesciencer's selection repeats a conflict-year once per listed party
/// (5,652 rows for 2,752 conflict-years in v25.1): such rows must agree on every other field
/// and their parties are merged; a row repeating an earlier row's parties is a duplicate
/// (an error). UCDP codes a few states as parties on both sides (v25.1: 5 conflict-years,
/// e.g. Vietnam in conflict 300 in 1979); that is data, not an error.
std::vector<ConflictYear> load_ucdp_acd(const std::string& path);

/// A run of consecutive years of one conflict between two states with one intensity: "the
/// Russia-Ukraine interstate conflict, intensity war, 2022-2024".
struct ConflictSpell {
  int conflict_id = 0;
  std::string type;
  std::string incompatibility;
  int intensity = 0;
  int first_year = 0;
  int last_year = 0;
};
/// Spells of conflicts in [from, to] with COW state `a` on one side and `b` on the other
/// (primary or secondary parties), ordered by first year then conflict id.
std::vector<ConflictSpell> conflict_spells(const std::vector<ConflictYear>& rows, int a, int b, int from, int to);
/// "war" for intensity 2, "minor" for 1.
const char* intensity_name(int intensity);

/// One strategic rivalry (Thompson, Sakuwa & Suhas 2021).
struct Rivalry {
  int id = 0;
  std::string name;
  int ccode1 = 0, ccode2 = 0;  ///< COW ccodes, lower first
  int start = 0, end = 0;      ///< years; rivalries ongoing in the source end at its last year (2020)
  bool positional = false, spatial = false, ideological = false, interventionary = false;
  bool principal = false, asymmetric_principal = false;
  int line = 0;
};

/// Strategic rivalries (tssr_id, rivalry, ccode1, ccode2, start, end, positional, spatial,
/// ideological, interventionary, principal, aprin; flags 1 or empty). A pair given twice
/// with overlapping years, a pair of one state with itself, or end before start is an error.
std::vector<Rivalry> load_rivalries(const std::string& path);

/// Rivalries between states a and b (either order) that overlap [from, to].
std::vector<Rivalry> rivalries_between(const std::vector<Rivalry>& rows, int a, int b, int from, int to);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_LOADERS_H_
