#include "geobalance/power/cinc.h"

#include <algorithm>
#include <array>
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
  // World total T_c per year and component. When the plain sum overflows (two milex of
  // 1.7e308 make T = inf, and every share x / inf = 0), the shares are computed in a scaled
  // form: with M_c = the largest x_ic of the year, x_ic / T_c = (x_ic / M_c) / sum_j (x_jc / M_c),
  // where every scaled term is <= 1, so the scaled total is at most the number of states.
  // The plain form is kept otherwise, so ordinary data give exactly COW's arithmetic.
  std::vector<std::array<double, kNumComponents>> total(nyears), scale(nyears);
  for (auto& t : total) t.fill(0.0);
  for (auto& m : scale) m.fill(0.0);
  for (const auto& r : rows) {
    const std::size_t y = static_cast<std::size_t>(r.year - ymin);
    for (int c = 0; c < kNumComponents; ++c)
      if (!std::isnan(r.component[c])) {
        total[y][c] += r.component[c];
        scale[y][c] = std::max(scale[y][c], r.component[c]);
      }
  }
  bool overflow = false;
  for (std::size_t y = 0; y < nyears; ++y)
    for (int c = 0; c < kNumComponents; ++c)
      if (!std::isfinite(total[y][c])) {
        overflow = true;
        total[y][c] = 0;  // recomputed below as the scaled total
      } else {
        scale[y][c] = 1.0;  // plain form
      }
  if (overflow)
    for (const auto& r : rows) {
      const std::size_t y = static_cast<std::size_t>(r.year - ymin);
      for (int c = 0; c < kNumComponents; ++c)
        if (!std::isnan(r.component[c]) && scale[y][c] != 1.0) total[y][c] += r.component[c] / scale[y][c];
    }
  for (const auto& r : rows) {
    const auto& t = total[static_cast<std::size_t>(r.year - ymin)];
    const auto& m = scale[static_cast<std::size_t>(r.year - ymin)];
    double sum = 0;
    int n = 0;
    for (int c = 0; c < kNumComponents; ++c) {
      if (std::isnan(r.component[c]) || t[c] <= 0) continue;
      sum += (m[c] == 1.0 ? r.component[c] : r.component[c] / m[c]) / t[c];
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
