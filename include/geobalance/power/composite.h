// User-weighted composite capability indices over any indicators (the six NMC components,
// military expenditure, GDP, population, warheads, ...).
//
// Normalisation (the CINC rule generalised): for each year and indicator k, a state's share is
// x_ik / Σ_j x_jk over the states of the panel with a value that year. The index is the
// weighted mean of the state's available shares, the weights renormalised over the indicators
// it has: I_i = Σ_k w_k s_ik / Σ_k w_k (k available for i). With the six NMC components and
// equal weights over a full NMC year this is exactly COW's CINC (a test checks it against COW's
// column). Shares are of the panel's states: over a subset of states (the built-in data's 14
// actors) the index measures each actor's share of that group, not of the world.
#ifndef GEOBALANCE_POWER_COMPOSITE_H_
#define GEOBALANCE_POWER_COMPOSITE_H_

#include <string>
#include <vector>

#include "geobalance/core/records.h"

namespace geobalance::power {

/// State-year values of named indicators; NaN = missing.
struct Panel {
  std::vector<std::string> indicators;
  struct Row {
    int ccode = 0;
    std::string abb;
    int year = 0;
    std::vector<double> values;  ///< one per indicator
    int line = 0;                ///< line in the file it was read from (0 = not from a file)
    /// One per indicator when the source gives uncertainties (data/capabilities.csv's
    /// *_sd_k columns): the standard deviation of a NOWCAST value, NaN for a measured or
    /// cited one. Empty when the source has none (NMC panels).
    std::vector<double> sd;
  };
  std::vector<Row> rows;
  /// Index of an indicator by name, or -1.
  int indicator(std::string_view name) const;
};

/// The six NMC components as a panel (indicators "milex" ... "upop").
Panel panel_from_nmc(const std::vector<NmcRecord>& rows);

struct CompositeOptions {
  /// One weight per panel indicator (>= 0, not all 0). Empty = equal weights.
  std::vector<double> weights;
  void validate(std::size_t indicators) const;
};

struct IndexValue {
  int ccode = 0;
  std::string abb;
  int year = 0;
  double index = 0;  ///< NaN when no weighted indicator is available
  int available = 0; ///< indicators with positive weight that entered the mean
};

/// The composite index for every panel row, in the panel's order.
std::vector<IndexValue> composite_index(const Panel& panel, const CompositeOptions& options = {});

/// The composite's default weights (the CLI's `power` commands and a scenario that gives none):
/// equal on spending, economy, personnel and population.
inline constexpr const char* kDefaultWeights = "milex=1,gdp=1,milper=1,tpop=1";

/// Parses "milex=2,gdp=1" against a panel's indicators (unnamed indicators get weight 0);
/// throws InputError naming the flag for unknown names, duplicates, negative or NaN weights.
CompositeOptions weights_from_string(const Panel& panel, const std::string& spec,
                                     const std::string& flag = "--weights");

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_COMPOSITE_H_
