// The input of every bargaining model: actors with a capability and, per dimension, a
// position and a salience. Positions are on the issue's own scale [scale_min, scale_max]
// (0-100 for KTAB and geobalance's own format; the BDM CSV keeps its own scale). Saliences
// are stored in [0, 1] whatever the input format (KTAB's 0-100 is divided by 100).
#ifndef GEOBALANCE_BARGAINING_ISSUE_H_
#define GEOBALANCE_BARGAINING_ISSUE_H_

#include <string>
#include <vector>

namespace geobalance::bargaining {

struct Actor {
  std::string name;
  std::string description;
  double capability = 0;           ///< > 0
  std::vector<double> position;    ///< one per dimension, on the issue's scale
  std::vector<double> salience;    ///< one per dimension, in [0, 1]
};

struct Issue {
  std::string name;
  std::vector<std::string> dimensions;  ///< at least one
  std::vector<Actor> actors;            ///< at least three
  double scale_min = 0;
  double scale_max = 100;
  std::string source;                   ///< file it was read from (for messages and provenance)
};

/// The issue with every capability multiplied by one power of two, chosen so the largest is
/// in [0.5, 1), when the largest lies outside [2^-64, 2^64]; otherwise the issue unchanged.
/// Every model (SMP, BDM, the weighted outcome) uses capabilities only relative to each other,
/// so the results are the same; the power of two makes the scaling exact, and sums of
/// capability x salience (or their powers in the SMP's victory models) can then neither
/// overflow (two capabilities of 1e308 made the totals inf and the outcome NaN) nor underflow.
/// Capabilities below 2^-1074 of the largest become 0 (they carry no weight beside it).
Issue with_normalised_capabilities(const Issue& issue);

}  // namespace geobalance::bargaining

#endif  // GEOBALANCE_BARGAINING_ISSUE_H_
