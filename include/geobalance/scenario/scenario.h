// A scenario: one TOML file (schema documented in docs/scenario.md) naming the data, actors,
// coalitions, theatres, horizon, dated shocks with their modelled effects, per-module
// options, the questions to answer, declared uncertainties and the ensemble. load_scenario()
// validates every key: unknown keys, wrong types and out-of-range values fail with
// file:line:col. Relative paths resolve against the scenario file's folder; "builtin:NAME"
// names a file in geobalance's data/ folder.
#ifndef GEOBALANCE_SCENARIO_SCENARIO_H_
#define GEOBALANCE_SCENARIO_SCENARIO_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geobalance/armsrace/outlook.h"
#include "geobalance/core/records.h"
#include "geobalance/error.h"
#include "geobalance/power/composite.h"
#include "geobalance/power/theatre.h"

namespace geobalance::scenario {

inline constexpr int kSchemaVersion = 1;

/// The composite's weights when a scenario gives none (defined once, in power/composite.h).
inline constexpr const char* kDefaultWeights = power::kDefaultWeights;

/// Multiplies (factor) and/or adds to one capability indicator of one state, from the shock's
/// year on, in the built-in capability table (indicators: milex, gdp, milper, tpop, warheads).
struct CapabilityEffect {
  std::string state;
  std::string indicator;
  double factor = 1.0;
  double add = 0.0;
  SourceLocation where;
};

/// Moves an actor on a bargaining issue: set or shift its position (issue scale) and/or set
/// its salience (0-1), from the shock's date on.
struct PositionEffect {
  std::string issue;
  std::string actor;
  int dimension = 0;
  std::optional<double> set;
  double shift = 0.0;
  std::optional<double> salience;
  SourceLocation where;
};

/// Sets the valued alliance tie (Häge coding 0-3) between two states in the current-year
/// portfolio used for the crisis game's alignment inputs.
struct TieEffect {
  std::string a;
  std::string b;
  int value = 0;
  SourceLocation where;
};

struct Shock {
  Date date;
  std::string label;
  std::string rationale;
  /// The event is already in the observed data (e.g. sanctions reflected in SIPRI's
  /// figures): it is recorded and shown, and needs no modelled effect.
  bool in_data = false;
  std::vector<CapabilityEffect> capabilities;
  std::vector<PositionEffect> positions;
  std::vector<TieEffect> ties;
  SourceLocation where;
};

/// kLognormal: only for target "nowcasts" (each cell from its row's value and sd, docs/scenario.md).
enum class Distribution { kNormal, kUniform, kTriangular, kLognormal };

/// A declared uncertainty on an input. target is one of
///   "capability.STATE.INDICATOR"  relative: the value is multiplied by (1 + draw)
///   "position.ISSUE.ACTOR"        absolute on the issue's scale, clipped to the scale
///   "salience.ISSUE.ACTOR"        absolute, clipped to [0, 1]
///   "capability_power.ISSUE.ACTOR" relative, on the bargaining capability
///   "game.PARAMETER"              absolute, on an S-400 game input
///   "nowcasts"                    every capability cell with an sd (the 2023-2024 NOWCAST
///                                 rows), lognormal with the row's value and sd as mean and
///                                 sd (power::draw_nowcasts); rationale required
/// The draw is normal(0, sd), uniform(low, high) or triangular(low, mode, high).
struct Uncertainty {
  std::string target;
  Distribution distribution = Distribution::kNormal;
  double sd = 0;
  double low = 0, mode = 0, high = 0;
  std::string rationale;
  SourceLocation where;
};

struct IssueSpec {
  std::string id;
  std::string title;
  std::string file;          ///< resolved path of the issue file (any format bargaining reads)
  std::string model = "smp"; ///< "smp" or "bdm"
  std::string preset;        ///< BDM preset name when model = "bdm"
  double threshold = 50;     ///< report P(forecast > threshold)
  std::string low_label;     ///< meaning of the scale's low end
  std::string high_label;    ///< meaning of the scale's high end
  SourceLocation where;
};

/// The players of the S-400 crisis game template (games/s400.h), by role, and the issues
/// whose first BDM round feeds its expected-utility inputs (empty: the template default).
struct GamePlayers {
  std::string turkiye, us, russia;  ///< COW abbreviations
  std::string activate_issue;       ///< eu_tr_activate = EU_turkiye(us) on this issue
  std::string response_issue;       ///< eu_us_sanction = EU_us(turkiye), eu_ru_support = EU_russia(us)
};

struct Question {
  std::string id;
  std::string text;
  std::string module;  ///< power | alignment | armsrace | bargaining | games
  std::string target;  ///< alignment: the focal state; armsrace: milex | warheads; bargaining: issue id; games: s400
  /// power: the two coalitions compared (labels of [[actors.coalition]]); default the first two.
  std::vector<std::string> coalitions;
  /// alignment: the two states the focal state is placed between.
  std::vector<std::string> comparators;
  /// armsrace: the actors of the race (columns of its series).
  std::vector<std::string> actors;
  /// armsrace: optional pair (A, B): the answer is the reaction coefficient k[A,B].
  std::vector<std::string> reaction;
  /// games: the template's players and feeding issues.
  GamePlayers players;
  /// The models that answer the question (key `models`, docs/scenario.md "Models per
  /// question"): bargaining: "smp" and/or "bdm" (must include the issue's own model; default
  /// both); games: "game" plus optionally "smp" and/or "bdm" on the response issue (default
  /// all three when response_issue is set, else "game" alone). Empty for other modules.
  std::vector<std::string> models;
  SourceLocation where;
};

/// [[context.conflict]]: a UCDP/PRIO armed conflict the brief's context section shows: the
/// conflict-years with `sides` (two states, one on each side) and/or `conflict_id`, within
/// [from, to] (default the scenario's history years) and up to history_to.
struct ContextConflict {
  std::string label;
  int conflict_id = 0;             ///< 0: any conflict between the sides
  std::vector<std::string> sides;  ///< COW abbreviations (empty or two)
  int from = 0, to = 0;
  SourceLocation where;
};

/// [[context.rivalry]]: the strategic rivalries (Thompson et al.) between two states.
struct ContextRivalry {
  std::string label;
  std::vector<std::string> states;  ///< two COW abbreviations
  SourceLocation where;
};

struct World;

struct Scenario {
  std::string path;         ///< the file read
  std::string name;
  std::string description;
  Date as_of;

  // data
  std::string data_dir;      ///< built-in tables (countries, NATO, theatres, capabilities)
  std::string capabilities;  ///< optional: replaces data_dir/capabilities.csv (same columns)
  std::string alliances;     ///< optional: COW alliance by_dyad (NATO cohesion series)
  std::string states;        ///< optional: COW states2016 (system membership for those portfolios)
  std::string idealpoints;   ///< optional: UN ideal points; empty = the built-in extract
  std::string ties;          ///< current alliance ties table; required by alignment and games questions
  std::string milex_series;  ///< optional: the "milex" race's series; empty = the built-in file
  std::string warhead_series;  ///< optional: the "warheads" race's series; empty = the built-in file
  std::string conflicts;     ///< optional: UCDP/PRIO Armed Conflict Dataset (context); "" = none or optional and absent
  std::string rivalries;     ///< optional: strategic rivalries (context); "" = none or optional and absent
  /// The [data] values as written, for the context's caveat when an optional: file is absent.
  std::string conflicts_key, rivalries_key;
  std::string nmc;             ///< optional: COW NMC (v5-7.0): the power answers' ratio under CINC

  // actors
  std::vector<std::string> focus;  ///< COW abbreviations shown in tables and charts
  std::vector<std::pair<std::string, std::string>> coalitions;  ///< label -> spec
  std::vector<std::string> theatres;

  // horizon
  int history_from = 1995;
  int history_to = 2024;
  int forecast_to = 2035;

  std::vector<Shock> shocks;

  /// Built-in states not in today's state system, left out of the current alliance
  /// portfolio ([alignment] system_excludes; e.g. GFR, which ended in 1990).
  std::vector<std::string> system_excludes;
  /// The drift answer's UN ideal-point series, one for every year ([alignment]
  /// idealpoint_series = "all" (default) | "final_passage"; docs/alignment.md).
  std::string idealpoint_series = "all";
  /// What alliance-portfolio S is computed over ([alignment] portfolio): "alliance_data" (the
  /// default: the full COW state system with the COW alliance data) or "ties_table" (the
  /// hand-made ties table over the built-in states, labelled as such).
  std::string portfolio = "alliance_data";

  // power
  std::map<std::string, double> weights;  ///< indicator -> weight (empty: kDefaultWeights)
  double miles_per_day = power::LossOfStrengthOptions{}.miles_per_day;
  /// Optional state compared alone with the first coalition, and shown alone in each theatre.
  std::string single_state;

  // armsrace
  double cap_fraction = 1.0;     ///< milex race only (no treaty limits budgets)
  double deployed_limit = 1550;  ///< warheads: counterfactual limit on deployed strategic warheads per party
  std::string show_noncredible = "omit";  ///< "omit" | "faint" (docs/scenario.md)
  int bootstrap_replicates = 499;
  int holdout_last_fit_year = armsrace::OutlookOptions{}.holdout_last_fit_year;

  // bargaining
  std::vector<IssueSpec> issues;
  int max_turns = 100;

  // games: overrides of S-400 game inputs (games/s400_tree.h), by name
  std::map<std::string, double> game_inputs;
  /// [games] reference_class: the CAATSA reference class the game is calibrated on (once per
  /// run, cases as known on as_of); default builtin:games/caatsa_reference_class.csv.
  std::string reference_class;

  std::vector<Question> questions;
  std::vector<Uncertainty> uncertainties;

  // context ([[context.conflict]], [[context.rivalry]]): shown in the brief, not modelled
  std::vector<ContextConflict> context_conflicts;
  std::vector<ContextRivalry> context_rivalries;

  // ensemble
  int replicates = 200;
  std::uint64_t seed = 1;
  unsigned threads = 0;

  /// Every dataset the scenario names, loaded once by load_scenario() (uncut: run_scenario
  /// cuts it at history_to and as_of). Shared, immutable.
  std::shared_ptr<const World> world;
};

/// Reads and validates a scenario file (InputError with file:line:col otherwise). Checks
/// that referenced files exist, that every state abbreviation is known to the built-in
/// countries table, and that uncertainties and questions refer to declared issues. Reads
/// the countries, NATO and theatre tables for those checks; the data themselves are loaded
/// once by load_world() (scenario/world.h).
Scenario load_scenario(const std::string& path);

/// data/scenarios/nato-southern-flank.toml in the installed data folder.
std::string default_scenario_path();

const char* to_string(Distribution d);

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_SCENARIO_H_
