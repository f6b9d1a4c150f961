// The scenario's World: every dataset a scenario names, read once by load_world() into one
// immutable bundle that the models receive (they never open files), with the SHA-256 of
// every file read (run provenance). cut_at() removes everything dated after an information
// date, so no model sees the future: the scenario engine cuts at history_to (yearly rows)
// and as_of (dated facts); a backtest cuts at each origin.
//
// What each dataset is and which scenario key names it: docs/scenario.md ([data]).
#ifndef GEOBALANCE_SCENARIO_WORLD_H_
#define GEOBALANCE_SCENARIO_WORLD_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "geobalance/armsrace/estimate.h"
#include "geobalance/bargaining/issue.h"
#include "geobalance/core/records.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/scenario/idealpoints.h"

namespace geobalance::scenario {

/// One arms-race series to read: its name (the armsrace question's target), file and actors.
struct SeriesSpec {
  std::string name;  ///< "milex" | "warheads"
  std::string path;
  std::vector<std::string> actors;
  int first_year = 0;  ///< read from this year (the scenario's history_from)
};

/// Which files make the World. Empty paths are not read.
struct DataSpec {
  std::string builtin_dir;   ///< countries.csv, nato_members.csv, theatres.csv (and capabilities.csv)
  std::string capabilities;  ///< replaces builtin_dir/capabilities.csv when not empty
  std::string ties;          ///< current alliance ties (data/alignment/ties_2026.csv format)
  std::string idealpoints;   ///< UN ideal points (io::load_unga_idealpoints)
  std::string alliances;     ///< COW alliance by_dyad (needs states)
  std::string states;        ///< COW states2016
  std::string conflicts;     ///< UCDP/PRIO Armed Conflict Dataset (io::load_ucdp_acd): the scenario's context
  std::string rivalries;     ///< strategic rivalries (io::load_rivalries): the scenario's context
  std::string nmc;           ///< COW NMC (io::load_nmc): CINC beside the capability index
  std::vector<SeriesSpec> series;
  std::vector<std::pair<std::string, std::string>> issues;  ///< issue id -> file
};

/// One row of the ties table: a group or pair tie with the date it holds from.
struct TieRow {
  std::string kind;          ///< "group" | "pair"
  std::string name;
  bool nato = false;         ///< members: NATO's members on the date the portfolio is built
  std::vector<int> members;  ///< ccodes (when not nato)
  int value = 0;             ///< Häge coding 0-3
  Date since;
  int line = 0;
};

/// A file the World read, for provenance.
struct LoadedFile {
  std::string role;    ///< "countries", "capabilities", "issue:s400", "series:milex", ...
  std::string path;
  std::string sha256;  ///< hex SHA-256 of the file's bytes
};

struct World {
  power::BuiltinData builtin;  ///< countries, NATO membership, theatres, capability panel
  std::vector<TieRow> ties;
  std::vector<IdealPoint> idealpoints;
  /// The same file's two series, each on its own (never spliced; scenario/idealpoints.h):
  /// all votes and final-passage votes, with posterior quantiles and vote counts.
  std::vector<IdealPointEstimate> idealpoints_all, idealpoints_fp;
  std::map<std::string, armsrace::Series> series;  ///< by SeriesSpec::name
  std::vector<StateSpell> cow_states;
  std::vector<AllianceDyad> cow_dyads;
  std::vector<io::ConflictYear> conflicts;  ///< UCDP/PRIO conflict-years (role "conflicts")
  std::vector<io::Rivalry> rivalries;       ///< strategic rivalries (role "rivalries")
  int rivalries_last_year = 0;  ///< the last year the rivalry file covers (its latest end; cut_at: at most last_year)
  std::vector<NmcRecord> nmc;  ///< COW NMC state-years (empty when the scenario names none)
  std::map<std::string, bargaining::Issue> issues;  ///< by issue id
  std::vector<LoadedFile> files;  ///< every file read, in reading order
  /// Set by cut_at(): the last year of yearly data and the last date of dated facts.
  int last_year = 0;
  Date as_of{};
  bool cut = false;

  bool has(const std::string& role) const;
  /// The path read for a role ("" when none).
  std::string path_of(const std::string& role) const;
};

/// Reads every file the spec names, once, checks them against each other (every capability
/// and NATO row's ccode and abbreviation must be in countries.csv) and hashes each.
/// InputError (file:line:col) for any bad row.
World load_world(const DataSpec& spec);

/// The World as known at the information date: capability and NMC rows, ideal points and arms-race
/// series, UCDP/PRIO conflict-years and rivalries starting after `last_year` (later rivalry
/// ends become last_year: unknown then); ties rows, NATO accessions (and exits) and COW alliance spells
/// starting after `as_of` are removed (an exit or alliance end after as_of is unknown then:
/// cleared). Throws InputError when a series has no year on or before last_year.
World cut_at(const World& world, int last_year, const Date& as_of);

namespace detail {
/// load_world() in two steps, for load_scenario(), which checks state names against the
/// built-in tables before it knows the issues and series.
World load_builtin_tables(const DataSpec& spec);
void load_remaining(World& w, const DataSpec& spec);
}  // namespace detail

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_WORLD_H_
