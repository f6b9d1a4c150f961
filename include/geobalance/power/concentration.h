// Concentration and polarity of a distribution of capabilities.
//
// Shares s_i = c_i / Σ c (the inputs need not sum to 1; CINC over a subset never does).
//  - HHI = Σ s_i² (Herfindahl-Hirschman).
//  - CON (Ray & Singer 1973, "Measuring the concentration of power in the international
//    system", Sociological Methods & Research 1(4)) = sqrt((HHI − 1/N) / (1 − 1/N)), in [0, 1]:
//    0 when power is spread equally, 1 when one state holds all of it. Undefined for N < 2.
//  - Effective number of poles (Laakso & Taagepera 1979) = 1 / HHI.
#ifndef GEOBALANCE_POWER_CONCENTRATION_H_
#define GEOBALANCE_POWER_CONCENTRATION_H_

#include <span>

namespace geobalance::power {

struct Concentration {
  int n = 0;
  double hhi = 0;
  double con = 0;  ///< NaN when n < 2
  double effective_poles = 0;
};

/// Throws InputError for negative or non-finite capabilities or an all-zero input.
Concentration concentration(std::span<const double> capabilities);

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_CONCENTRATION_H_
