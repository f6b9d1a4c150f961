#include "geobalance/report/number.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

namespace geobalance::report {

namespace {

// "1.500" -> "1.5", "100.0" -> "100", "7" -> "7".
std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string thousands(long long v) {
  std::string d = std::to_string(v), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

}  // namespace

std::string sig_digits(double x, int digits) {
  if (digits < 1 || digits > 15) throw std::invalid_argument(fmt::format("sig_digits: digits {} not in 1..15", digits));
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == 0) return "0";
  const std::string sign = x < 0 ? "-" : "";
  const double ax = std::fabs(x);
  // Correctly rounded to `digits` significant digits by the formatter; the exponent is read
  // from its output, so a value that rounds up to the next power of ten (99.95) moves up.
  const std::string e = fmt::format("{:.{}e}", ax, digits - 1);
  const auto epos = e.find('e');
  const int exp10 = std::atoi(e.c_str() + epos + 1);
  const double r = std::strtod(e.c_str(), nullptr);
  if (exp10 < -4 || exp10 >= 15) return sign + trim_zeros(e.substr(0, epos)) + e.substr(epos);
  if (exp10 < 3) return sign + trim_zeros(fmt::format("{:.{}f}", r, std::max(0, digits - 1 - exp10)));
  if (exp10 < 6) return sign + thousands(std::llround(r));
  static const char* const kNames[] = {"million", "billion", "trillion"};
  const int group = (exp10 - 6) / 3;  // 0 million, 1 billion, 2 trillion
  const double scaled = r / std::pow(10.0, 6 + 3 * group);
  const int decimals = std::max(0, digits - 1 - (exp10 - 6 - 3 * group));
  return sign + trim_zeros(fmt::format("{:.{}f}", scaled, decimals)) + " " + kNames[group];
}

}  // namespace geobalance::report
