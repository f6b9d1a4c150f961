// The alignment quantities the scenario needs on a bare machine: Türkiye's drift measured
// by UN ideal-point distances, and alliance-portfolio similarity in the current year.
#ifndef GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_
#define GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_

#include <string>
#include <vector>

#include "geobalance/core/records.h"
#include "geobalance/power/builtin_data.h"
#include "scenario/inputs.h"

namespace geobalance::scenario::detail {

struct IdealPointDrift {
  std::string state;
  std::vector<int> years;
  std::vector<double> dist_usa;  ///< |ip(state) - ip(USA)|
  std::vector<double> dist_rus;  ///< |ip(state) - ip(RUS)|
  int first_year = 0, last_year = 0;
  double gap_first = 0, gap_last = 0;  ///< dist_rus - dist_usa (positive: closer to the US)
};

/// Years where the state, USA and RUS all have an estimate.
IdealPointDrift drift_from_idealpoints(const std::vector<IdealPoint>& ip, const power::BuiltinData& builtin,
                                       const std::string& state);

struct CurrentSimilarity {
  double s_tur_usa = 0;  ///< S (Signorino-Ritter, unweighted, absolute), scaled to [-1, 1]
  double s_tur_rus = 0;
  int system_size = 0;
};

CurrentSimilarity current_similarity(const Portfolio& p, const power::BuiltinData& builtin);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_
