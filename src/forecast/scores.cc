#include "geobalance/forecast/scores.h"

#include <algorithm>
#include <cmath>

#include "geobalance/check.h"
#include "geobalance/error.h"

namespace geobalance::forecast {
namespace {

std::vector<double> sorted_members(std::span<const double> members, const char* where) {
  if (members.empty()) throw InputError(std::string(where) + ": the ensemble is empty, but must have >= 1 member");
  check_finite(where, "members", members);
  std::vector<double> v(members.begin(), members.end());
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

double crps_ensemble(std::span<const double> members, double y) {
  check_finite("crps_ensemble", "y", y);
  std::vector<double> x = sorted_members(members, "crps_ensemble");
  const double m = static_cast<double>(x.size());
  double to_obs = 0, spread = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    to_obs += std::abs(x[k] - y);
    spread += (2.0 * static_cast<double>(k + 1) - m - 1.0) * x[k];  // half the sum over ordered pairs
  }
  // (1/M) sum |x - y| - 1/(2 M^2) * (2 * spread)
  return to_obs / m - spread / (m * m);
}

double quantile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) throw InputError("quantile_sorted: the sample is empty, but must have >= 1 value");
  check_probability("quantile_sorted", "p", p);
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto f = static_cast<std::size_t>(std::floor(h));
  if (f + 1 >= sorted.size()) return sorted.back();
  return sorted[f] + (h - static_cast<double>(f)) * (sorted[f + 1] - sorted[f]);
}

std::pair<double, double> central_interval(std::span<const double> members, double level) {
  if (!(level > 0 && level < 1))
    throw InputError("central_interval: level is " + format_value(level) + ", but must be in (0, 1)");
  std::vector<double> x = sorted_members(members, "central_interval");
  return {quantile_sorted(x, (1 - level) / 2), quantile_sorted(x, (1 + level) / 2)};
}

bool covered(std::span<const double> members, double level, double y) {
  auto [lo, hi] = central_interval(members, level);
  return lo <= y && y <= hi;
}

}  // namespace geobalance::forecast
