// Numbers in sentences: the one rule for every headline number, interval and sentence the
// brief and the `geobalance run` summary write (issue 12, item 9). Data tables that reproduce
// a dataset's values do not use it.
//
// sig3(x): x rounded to three significant digits (correct decimal rounding of the double, so
// 99.95 -> "100"), trailing zeros dropped (1.50 -> "1.5"), written
//   |x| < 0.0001          1.23e-05 (scientific)
//   0.0001 <= |x| < 1000  0.000123, 0.0452, 1.63, 99.9
//   1000 <= |x| < 10^6    7,800 / 123,000 (thousands separators)
//   10^6 .. 10^15         1.23 million, 45.6 billion, 1.2 trillion
//   |x| >= 10^15          1.23e+15
// with "-" before a negative value, "0" for zero, "n/a" for NaN and "inf" / "-inf".
// sig_digits(x, d) is the same rule with d significant digits (1 <= d <= 15).
#ifndef GEOBALANCE_REPORT_NUMBER_H_
#define GEOBALANCE_REPORT_NUMBER_H_

#include <string>

namespace geobalance::report {

std::string sig_digits(double x, int digits);
inline std::string sig3(double x) { return sig_digits(x, 3); }

}  // namespace geobalance::report

#endif  // GEOBALANCE_REPORT_NUMBER_H_
