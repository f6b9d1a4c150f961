#include "geobalance/core/paths.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

#ifndef GEOBALANCE_DATA_DIR_DEFAULT
#define GEOBALANCE_DATA_DIR_DEFAULT "data"
#endif
#ifndef GEOBALANCE_DATA_DIR_RELATIVE
#define GEOBALANCE_DATA_DIR_RELATIVE "share/geobalance"
#endif
#ifndef GEOBALANCE_DATA_DIR_INSTALLED
#define GEOBALANCE_DATA_DIR_INSTALLED GEOBALANCE_DATA_DIR_DEFAULT
#endif

namespace geobalance {
namespace {

namespace fs = std::filesystem;

// A folder holds the built-in data when it has the country list every command reads.
bool holds_data(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "countries.csv", ec);
}

std::mutex& override_mutex() {
  static std::mutex m;
  return m;
}
std::string& override_dir() {
  static std::string dir;
  return dir;
}

// <folder of the running executable>/../share/geobalance (the installed layout), else the
// source tree's data/ recorded at build time, else the configured install location.
std::string located_data_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) {
    const fs::path installed = exe.parent_path().parent_path() / GEOBALANCE_DATA_DIR_RELATIVE;
    if (holds_data(installed)) return installed.lexically_normal().string();
  }
  if (holds_data(GEOBALANCE_DATA_DIR_DEFAULT)) return GEOBALANCE_DATA_DIR_DEFAULT;
  if (holds_data(GEOBALANCE_DATA_DIR_INSTALLED)) return GEOBALANCE_DATA_DIR_INSTALLED;
  return GEOBALANCE_DATA_DIR_DEFAULT;  // the error then names the folder the build recorded
}

}  // namespace

std::string data_dir() {
  if (const char* env = std::getenv("GEOBALANCE_DATA_DIR"); env && *env) return env;
  {
    std::lock_guard lock(override_mutex());
    if (!override_dir().empty()) return override_dir();
  }
  static const std::string located = located_data_dir();
  return located;
}

void set_data_dir(const std::string& dir) {
  std::lock_guard lock(override_mutex());
  override_dir() = dir;
}

std::string data_path(const std::string& relative) { return data_dir() + "/" + relative; }

std::string version() { return GEOBALANCE_VERSION; }

}  // namespace geobalance
