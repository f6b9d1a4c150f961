#include "geobalance/core/paths.h"

#include <cstdlib>

#ifndef GEOBALANCE_DATA_DIR_DEFAULT
#define GEOBALANCE_DATA_DIR_DEFAULT "data"
#endif

namespace geobalance {

std::string data_dir() {
  if (const char* env = std::getenv("GEOBALANCE_DATA_DIR"); env && *env) return env;
  return GEOBALANCE_DATA_DIR_DEFAULT;
}

std::string data_path(const std::string& relative) { return data_dir() + "/" + relative; }

std::string version() { return GEOBALANCE_VERSION; }

}  // namespace geobalance
