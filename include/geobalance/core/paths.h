// Where geobalance finds its built-in data (data/ in the source tree, or the installed copy).
#ifndef GEOBALANCE_CORE_PATHS_H_
#define GEOBALANCE_CORE_PATHS_H_

#include <string>

namespace geobalance {

/// $GEOBALANCE_DATA_DIR if set; else the folder given to set_data_dir(); else
/// <folder of the running executable>/../share/geobalance when it holds the data (an
/// installed CLI); else the source tree's data/ recorded at build time; else the configured
/// install location (<prefix>/share/geobalance).
std::string data_dir();
/// Makes data_dir() answer `dir` (unless $GEOBALANCE_DATA_DIR is set); "" undoes it. For
/// programs that ship the data elsewhere, e.g. the Python module's package folder.
void set_data_dir(const std::string& dir);
/// data_dir() + "/" + relative.
std::string data_path(const std::string& relative);
/// Program version, e.g. "0.1.0".
std::string version();

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_PATHS_H_
