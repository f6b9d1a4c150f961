#include "geobalance/power/theatre.h"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "geobalance/check.h"

namespace geobalance::power {

namespace {
constexpr double kEarthRadiusMiles = 3958.8;
double radians(double deg) { return deg * std::numbers::pi / 180.0; }
void check_point(const char* name, GeoPoint p) {
  check_in_range("great_circle_miles", fmt::format("{}.lat", name), p.lat, -90, 90);
  check_in_range("great_circle_miles", fmt::format("{}.lon", name), p.lon, -180, 180);
}
}  // namespace

double great_circle_miles(GeoPoint a, GeoPoint b) {
  check_point("a", a);
  check_point("b", b);
  const double dlat = radians(b.lat - a.lat), dlon = radians(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusMiles * std::asin(std::min(1.0, std::sqrt(h)));
}

void LossOfStrengthOptions::validate() const {
  check_positive("LossOfStrengthOptions", "miles_per_day", miles_per_day);
}

double lsg_exponent(double miles, const LossOfStrengthOptions& options) {
  options.validate();
  check_nonnegative("lsg_exponent", "miles", miles);
  return std::log10(miles / options.miles_per_day + (10.0 - std::numbers::e));
}

double discounted_capability(double capability, double miles, const LossOfStrengthOptions& options) {
  check_in_range("discounted_capability", "capability", capability, 0, 1);
  return std::pow(capability, lsg_exponent(miles, options));
}

TheatreBalance theatre_balance(const std::string& theatre, GeoPoint centroid,
                               const std::vector<TheatreActor>& actors,
                               const std::map<std::string, std::vector<int>>& coalitions,
                               const LossOfStrengthOptions& options) {
  options.validate();
  TheatreBalance b;
  b.theatre = theatre;
  std::map<int, double> adjusted;
  for (const auto& a : actors) {
    TheatreContribution c;
    c.ccode = a.ccode;
    c.abb = a.abb;
    c.capability = a.capability;
    c.miles = great_circle_miles(a.capital, centroid);
    c.exponent = lsg_exponent(c.miles, options);
    c.adjusted = discounted_capability(a.capability, c.miles, options);
    adjusted[a.ccode] = c.adjusted;
    b.actors.push_back(std::move(c));
  }
  for (const auto& [name, members] : coalitions) {
    double s = 0;
    for (int m : members)
      if (auto it = adjusted.find(m); it != adjusted.end()) s += it->second;
    b.coalition_totals[name] = s;
  }
  return b;
}

}  // namespace geobalance::power
