// COW's Composite Index of National Capability, exactly as COW computes it.
//
// For each year and component c (milex, milper, irst, pec, tpop, upop), the world total
// T_c is the sum of x_ic over the states with a value (COW's -9 is left out). A state's CINC
// is the mean of x_ic / T_c over that state's available components only: the divisor is the
// number of components it has, not 6. A value of 0 is data and stays in the mean. A component
// whose world total is 0 in a year carries no information and is skipped for everyone.
// Checked against COW's own cinc column for all 15,951 NMC v6 and all 17,121 NMC 7.0
// state-years (tests/power; largest difference 2.41e-8, the rounding of the published values).
//
// Cost: O(rows) time and memory.
#ifndef GEOBALANCE_POWER_CINC_H_
#define GEOBALANCE_POWER_CINC_H_

#include <vector>

#include "geobalance/core/records.h"

namespace geobalance::power {

struct CincValue {
  int ccode = 0;
  std::string abb;
  int year = 0;
  double cinc = 0;            ///< NaN when the state has no component that year
  int components = 0;         ///< components that entered this state's mean
  double published_cinc = 0;  ///< COW's own value from the input (NaN when absent)
};

/// CINC for every row of an NMC file, in the input's order.
std::vector<CincValue> compute_cinc(const std::vector<NmcRecord>& rows);

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_CINC_H_
