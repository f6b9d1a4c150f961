// The alignment quantities of a scenario: a focal state's drift between two comparators
// measured by UN ideal-point distances, and alliance-portfolio similarity in the current
// portfolio.
#ifndef GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_
#define GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_

#include <string>
#include <vector>

#include "geobalance/core/records.h"
#include "geobalance/alignment/portfolio.h"
#include "geobalance/core/world.h"
#include "geobalance/scenario/world.h"
#include "scenario/inputs.h"

namespace geobalance::scenario::detail {

struct IdealPointDrift {
  std::string focal, first, second;
  std::vector<int> years;
  std::vector<double> dist_first;   ///< |ip(focal) - ip(first)|
  std::vector<double> dist_second;  ///< |ip(focal) - ip(second)|
  int first_year = 0, last_year = 0;
  double gap_first = 0, gap_last = 0;  ///< dist_second - dist_first (positive: closer to first)
};

/// Years where the three states all have an estimate. InputError naming `key` when a state
/// is unknown or no year has all three.
IdealPointDrift drift_from_idealpoints(const std::vector<IdealPoint>& ip, const CountryIndex& index,
                                       const std::string& focal, const std::string& first,
                                       const std::string& second, const std::string& key);

/// S (Signorino-Ritter, unweighted, absolute) between two states in the portfolio; NaN when
/// either is not in its system.
double portfolio_similarity(const Portfolio& p, int a, int b);

/// Alliance-portfolio S over the full state system of the alliance data (issue 12, item 7):
/// the COW state system with the COW alliance spells in force in `year`, named in `system`.
struct SystemPortfolio {
  bool available = false;
  std::string system;       ///< "the COW state system in 2012 (195 states, states2016.csv) ..."
  std::string unavailable;  ///< why not available (when !available)
  int year = 0, states = 0;
  std::vector<alignment::PortfolioYear> portfolio;  ///< one year when available
};

/// The year is the latest the alliance data and the system both cover, on or before as_of
/// (COW v4.1: 2012). Not available (and says why) when the World lacks the COW files.
SystemPortfolio system_portfolio(const World& world, const Date& as_of);

/// S (Signorino-Ritter, unweighted, absolute) over the system; NaN when not available or
/// either state is not a member that year.
double system_similarity(const SystemPortfolio& p, int a, int b);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_SIMILARITY_BRIDGE_H_
