#include "geobalance/core/records.h"

#include <charconv>
#include <cstdio>

namespace geobalance {

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  // Digits only: from_chars alone would read "-949" as a year and "+1" nowhere, but a sign has
  // no place in YYYY-MM-DD.
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  auto num = [&](std::size_t b, std::size_t n, int& out) {
    auto r = std::from_chars(s.data() + b, s.data() + b + n, out);
    return r.ec == std::errc() && r.ptr == s.data() + b + n;
  };
  Date d;
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  int dim = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  if (d.day > dim) return std::nullopt;
  return d;
}

std::string to_string(const Date& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

const char* component_name(Component c) {
  static const char* names[] = {"milex", "milper", "irst", "pec", "tpop", "upop"};
  return names[static_cast<int>(c)];
}

std::optional<Component> component_from_string(std::string_view s) {
  for (int i = 0; i < kNumComponents; ++i)
    if (s == component_name(static_cast<Component>(i))) return static_cast<Component>(i);
  return std::nullopt;
}

}  // namespace geobalance
