#include "geobalance/power/cinc.h"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace geobalance::power {

std::vector<CincValue> compute_cinc(const std::vector<NmcRecord>& rows) {
  // World totals per year and component; plain arrays indexed by year offset keep this to
  // two linear passes.
  int ymin = std::numeric_limits<int>::max(), ymax = std::numeric_limits<int>::min();
  for (const auto& r : rows) {
    ymin = std::min(ymin, r.year);
    ymax = std::max(ymax, r.year);
  }
  std::vector<CincValue> out;
  out.reserve(rows.size());
  if (rows.empty()) return out;
  const std::size_t nyears = static_cast<std::size_t>(ymax - ymin + 1);
  std::vector<std::array<double, kNumComponents>> total(nyears);
  for (auto& t : total) t.fill(0.0);
  for (const auto& r : rows) {
    auto& t = total[static_cast<std::size_t>(r.year - ymin)];
    for (int c = 0; c < kNumComponents; ++c)
      if (!std::isnan(r.component[c])) t[c] += r.component[c];
  }
  for (const auto& r : rows) {
    const auto& t = total[static_cast<std::size_t>(r.year - ymin)];
    double sum = 0;
    int n = 0;
    for (int c = 0; c < kNumComponents; ++c) {
      if (std::isnan(r.component[c]) || t[c] <= 0) continue;
      sum += r.component[c] / t[c];
      ++n;
    }
    CincValue v;
    v.ccode = r.ccode;
    v.abb = r.abb;
    v.year = r.year;
    v.cinc = n ? sum / n : std::numeric_limits<double>::quiet_NaN();
    v.components = n;
    v.published_cinc = r.published_cinc;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace geobalance::power
