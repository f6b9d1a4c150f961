// The scenario's context (issue 15, item 5): the armed conflicts (UCDP/PRIO) and strategic
// rivalries (Thompson, Sakuwa & Suhas 2021) a scenario names under [[context.conflict]] and
// [[context.rivalry]], as known at its information date. Shown in the brief's "Context"
// section and carried by results.json; no model reads them. Depends on core only.
#ifndef GEOBALANCE_SCENARIO_CONTEXT_H_
#define GEOBALANCE_SCENARIO_CONTEXT_H_

#include <string>
#include <utility>
#include <vector>

namespace geobalance::scenario {

/// One UCDP/PRIO conflict in the years a [[context.conflict]] asks for.
struct ConflictContext {
  std::string label;                      ///< the scenario's label
  int conflict_id = 0;                    ///< UCDP conflict_id
  std::string type;                       ///< "interstate", "intrastate", ...
  std::string incompatibility;            ///< "territory", "government", "both"
  std::vector<std::string> side_a, side_b;  ///< COW abbreviations of every party in those years
                                            ///< ("GW n" for a party COW does not code)
  std::vector<std::pair<int, int>> intensity_by_year;  ///< (year, 1 minor | 2 war), ascending
  int from = 0, to = 0;                   ///< the years asked for, cut at history_to
};

/// One strategic rivalry between the two states a [[context.rivalry]] names.
struct RivalryContext {
  std::string label;
  int id = 0;                    ///< tssr_id
  std::string name;              ///< the source's name, e.g. "Russia-United States"
  std::string a, b;              ///< COW abbreviations (ccode order)
  int start = 0, end = 0;        ///< years; end cut at history_to
  bool ongoing = false;          ///< not ended by the data's last year (or by history_to)
  int known_to = 0;              ///< the last year the source (cut at history_to) covers
  std::vector<std::string> types;  ///< "positional", "spatial", "ideological", "interventionary"
  bool principal = false;
};

struct ContextSection {
  std::vector<ConflictContext> conflicts;
  std::vector<RivalryContext> rivalries;
  /// Per [[context.*]] entry that found nothing, or whose data file was absent: what and why.
  std::vector<std::string> notes;
  int information_year = 0;  ///< history_to: no conflict-year or rivalry year after it is shown
};

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_CONTEXT_H_
