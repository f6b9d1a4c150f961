// Helpers shared by the brief tests: the fixture, and pulling one chart out of the HTML.
#ifndef GEOBALANCE_TESTS_REPORT_REPORT_TEST_UTIL_H_
#define GEOBALANCE_TESTS_REPORT_REPORT_TEST_UTIL_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace geobalance::report::testing {

inline nlohmann::json load_fixture() {
  return nlohmann::json::parse(
      ::geobalance::testing::read_text(::geobalance::testing::source_dir() + "/tests/data/report/brief_fixture.json"));
}

/// The markup of the element carrying data-chart-id="id", up to its closing </svg> or
/// </table>; empty when absent.
inline std::string chart_markup(const std::string& html, const std::string& id) {
  const std::string key = "data-chart-id=\"" + id + "\"";
  const std::size_t at = html.find(key);
  if (at == std::string::npos) return {};
  const std::size_t open = html.rfind('<', at);
  const bool svg = html.compare(open, 4, "<svg") == 0;
  const std::string close = svg ? "</svg>" : "</table>";
  const std::size_t end = html.find(close, at);
  if (end == std::string::npos) return {};
  return html.substr(open, end + close.size() - open);
}

inline int count(std::string_view hay, std::string_view needle) {
  int n = 0;
  for (std::size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

}  // namespace geobalance::report::testing

#endif  // GEOBALANCE_TESTS_REPORT_REPORT_TEST_UTIL_H_
