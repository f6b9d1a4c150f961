#include "geobalance/power/concentration.h"

#include <cmath>
#include <limits>

#include "geobalance/check.h"

namespace geobalance::power {

Concentration concentration(std::span<const double> capabilities) {
  check_nonnegative("concentration", "capabilities", capabilities);
  double total = 0;
  for (double c : capabilities) total += c;
  if (capabilities.empty() || total <= 0)
    throw InputError("concentration: capabilities sum to 0, but must have a positive total");
  Concentration r;
  r.n = static_cast<int>(capabilities.size());
  for (double c : capabilities) r.hhi += (c / total) * (c / total);
  r.effective_poles = 1.0 / r.hhi;
  if (r.n < 2) {
    r.con = std::numeric_limits<double>::quiet_NaN();
  } else {
    const double inv = 1.0 / r.n;
    r.con = std::sqrt(std::max(0.0, (r.hhi - inv) / (1.0 - inv)));
  }
  return r;
}

}  // namespace geobalance::power
