// Where geobalance finds its built-in data (data/ in the source tree, or the installed copy).
#ifndef GEOBALANCE_CORE_PATHS_H_
#define GEOBALANCE_CORE_PATHS_H_

#include <string>

namespace geobalance {

/// $GEOBALANCE_DATA_DIR if set, else the data/ folder recorded at build time.
std::string data_dir();
/// data_dir() + "/" + relative.
std::string data_path(const std::string& relative);
/// Program version, e.g. "0.1.0".
std::string version();

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_PATHS_H_
