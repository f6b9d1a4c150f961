// Power transition between two states or coalitions (Organski 1958; Organski & Kugler 1980):
// the ratio series r_t = A_t / B_t, the years in which the pair is at parity (r inside a band,
// [0.8, 1.25] by default, symmetric in log terms), entries into and exits from parity, and the
// years in which one side overtakes the other (r crosses 1).
#ifndef GEOBALANCE_POWER_TRANSITION_H_
#define GEOBALANCE_POWER_TRANSITION_H_

#include <string>
#include <vector>

namespace geobalance::power {

struct TransitionOptions {
  /// Parity band on A/B (Organski & Kugler use "within 20%": 0.8 .. 1.25 = 1/0.8).
  double parity_low = 0.8;
  double parity_high = 1.25;
  void validate() const;
};

struct TransitionPoint {
  int year = 0;
  double value_a = 0;
  double value_b = 0;
  double ratio = 0;  ///< A / B
  bool parity = false;
};

struct Transition {
  std::vector<TransitionPoint> series;
  std::vector<int> parity_entries;  ///< first year of each parity spell (incl. a spell open at the start)
  std::vector<int> parity_exits;    ///< first year after each parity spell that closes
  /// Years in which the leader changed: the first year with the other side strictly ahead.
  std::vector<int> overtaking_years;
  /// "A" or "B" for each overtaking year: the side that moved ahead.
  std::vector<std::string> overtaker;
};

/// years, a and b must be the same length, years strictly increasing, values finite and
/// non-negative, b > 0 (InputError otherwise).
Transition power_transition(const std::vector<int>& years, const std::vector<double>& a,
                            const std::vector<double>& b, const TransitionOptions& options = {});

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_TRANSITION_H_
