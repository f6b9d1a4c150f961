// The alignment quantities of a scenario: a focal state's drift between two comparators
// measured by UN ideal-point distances, and alliance-portfolio similarity in the current
// portfolio.
#ifndef GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_
#define GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_

#include <string>
#include <vector>

#include "geobalance/core/records.h"
#include "geobalance/core/world.h"
#include "scenario/inputs.h"

namespace geobalance::scenario::detail {

struct IdealPointDrift {
  std::string focal, first, second;
  std::vector<int> years;
  std::vector<double> dist_first;   ///< |ip(focal) - ip(first)|
  std::vector<double> dist_second;  ///< |ip(focal) - ip(second)|
  int first_year = 0, last_year = 0;
  double gap_first = 0, gap_last = 0;  ///< dist_second - dist_first (positive: closer to first)
};

/// Years where the three states all have an estimate. InputError naming `key` when a state
/// is unknown or no year has all three.
IdealPointDrift drift_from_idealpoints(const std::vector<IdealPoint>& ip, const CountryIndex& index,
                                       const std::string& focal, const std::string& first,
                                       const std::string& second, const std::string& key);

/// S (Signorino-Ritter, unweighted, absolute) between two states in the portfolio; NaN when
/// either is not in its system.
double portfolio_similarity(const Portfolio& p, int a, int b);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_
