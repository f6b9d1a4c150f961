#include "source_line.h"

#include <fmt/format.h>

namespace geobalance::report::detail {

std::string source_line(const scenario::ScenarioResult& r, const std::function<bool(std::string_view role)>& uses) {
  std::string out;
  for (const auto& d : r.datasets) {
    if (!uses(d.role)) continue;
    const auto slash = d.path.find_last_of('/');
    const std::string file = slash == std::string::npos ? d.path : d.path.substr(slash + 1);
    std::string item = d.title.empty() ? file : fmt::format("{}, version {} ({})", d.title, d.version, file);
    if (!d.bibtex_keys.empty()) {
      item += " [";
      for (std::size_t i = 0; i < d.bibtex_keys.size(); ++i) item += (i ? "; " : "") + d.bibtex_keys[i];
      item += "]";
    }
    out += (out.empty() ? "" : "; ") + item;
  }
  return out.empty() ? std::string() : "Source: " + out + ".";
}

}  // namespace geobalance::report::detail
