#include "geobalance/bargaining/issue.h"

#include <algorithm>
#include <cmath>

namespace geobalance::bargaining {

Issue with_normalised_capabilities(const Issue& issue) {
  double cmax = 0;
  for (const Actor& a : issue.actors)
    if (std::isfinite(a.capability)) cmax = std::max(cmax, std::fabs(a.capability));
  if (!(cmax > 0)) return issue;  // nothing to scale; the models' own checks report it
  constexpr double kLow = 0x1p-64, kHigh = 0x1p64;
  if (cmax >= kLow && cmax <= kHigh) return issue;
  int e = 0;
  std::frexp(cmax, &e);
  Issue out = issue;
  for (Actor& a : out.actors) a.capability = std::ldexp(a.capability, -e);
  return out;
}

}  // namespace geobalance::bargaining
