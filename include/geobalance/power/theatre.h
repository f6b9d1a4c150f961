// Theatre balances: each state's capability discounted by the distance from its capital to a
// theatre with Bueno de Mesquita's loss-of-strength gradient (The War Trap, 1981, ch. 5; the
// form EUGene implements, Bennett & Stam 2000):
//
//   adjusted = capability ^ log10( miles / miles_per_day + (10 − e) )
//
// with great-circle miles between capital and theatre centroid and e = 2.71828… . For
// capabilities below 1 (CINC shares) the exponent grows with distance, so far-away power is
// discounted. At zero distance the exponent is log10(10 − e) ≈ 0.862 (BdM's constant), not 1:
// compare adjusted values with each other, not with the raw index. miles_per_day is BdM's
// transport speed: 250 for the post-1945 era (his modern value), an option here.
#ifndef GEOBALANCE_POWER_THEATRE_H_
#define GEOBALANCE_POWER_THEATRE_H_

#include <map>
#include <string>
#include <vector>

namespace geobalance::power {

struct GeoPoint {
  double lat = 0;  ///< degrees north, [-90, 90]
  double lon = 0;  ///< degrees east, [-180, 180]
};

/// Great-circle distance in statute miles (haversine, mean Earth radius 3958.8 mi).
double great_circle_miles(GeoPoint a, GeoPoint b);

struct LossOfStrengthOptions {
  /// Miles a state can project power per day (BdM 1981: 250 for the modern era).
  double miles_per_day = 250.0;
  void validate() const;
};

/// The exponent log10(miles / miles_per_day + 10 − e).
double lsg_exponent(double miles, const LossOfStrengthOptions& options = {});
/// capability ^ lsg_exponent(miles); capability in [0, 1].
double discounted_capability(double capability, double miles, const LossOfStrengthOptions& options = {});

struct TheatreActor {
  int ccode = 0;
  std::string abb;
  double capability = 0;  ///< an index share in [0, 1] (CINC or a composite)
  GeoPoint capital;
};

struct TheatreContribution {
  int ccode = 0;
  std::string abb;
  double capability = 0;
  double miles = 0;
  double exponent = 0;
  double adjusted = 0;
};

struct TheatreBalance {
  std::string theatre;
  std::vector<TheatreContribution> actors;
  /// Sum of adjusted capabilities of each coalition's members present among the actors.
  std::map<std::string, double> coalition_totals;
};

/// Coalitions map a name to member ccodes; members absent from `actors` are ignored.
TheatreBalance theatre_balance(const std::string& theatre, GeoPoint centroid,
                               const std::vector<TheatreActor>& actors,
                               const std::map<std::string, std::vector<int>>& coalitions,
                               const LossOfStrengthOptions& options = {});

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_THEATRE_H_
