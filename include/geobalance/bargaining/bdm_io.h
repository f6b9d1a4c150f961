// The common BDM CSV format, as the public BdM replications read it (../shared/bdm/data):
//
//   Actor,Capability,Position,Salience
//   Netherlands,0.08,4,0.8
//
// Columns are found by name (any order; extra columns are ignored). Capability > 0 (relative
// power; need not sum to 1), Position any finite number on the issue's own scale, Salience in
// [0, 1]. The issue has one dimension, named "Position"; scale_min / scale_max are the
// smallest and largest position in the file (the format carries no scale of its own), the
// issue name is the file name without folder and extension, and source is the path.
// Every error names file:line:col and the column: a missing column, a non-finite or
// unparsable number (including NaN), a capability <= 0, a salience outside [0, 1], an empty
// or duplicate actor name, fewer than 3 actors.
#ifndef GEOBALANCE_BARGAINING_BDM_IO_H_
#define GEOBALANCE_BARGAINING_BDM_IO_H_

#include <string>

#include "geobalance/bargaining/issue.h"

namespace geobalance::bargaining {

/// Reads a BDM CSV file. Throws InputError on any bad input; nothing is half-loaded.
Issue read_bdm_csv(const std::string& path);

}  // namespace geobalance::bargaining

#endif  // GEOBALANCE_BARGAINING_BDM_IO_H_
