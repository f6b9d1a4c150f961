// report::sig3 (issue 12, item 9): every expectation written by hand from the rule in
// report/number.h (three significant digits, correct decimal rounding, trailing zeros dropped,
// thousands separators, million/billion/trillion, n/a).
#include "geobalance/report/number.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

namespace geobalance::report {
namespace {

TEST(Sig3, SmallNumbersKeepThreeSignificantDigits) {
  EXPECT_EQ(sig3(0.000123456), "0.000123");
  EXPECT_EQ(sig3(0.0452), "0.0452");
  EXPECT_EQ(sig3(0.04526), "0.0453");
  EXPECT_EQ(sig3(0.0001), "0.0001");
  EXPECT_EQ(sig3(0.0000123456), "1.23e-05");  // below 0.0001: scientific
}

TEST(Sig3, RatiosAndRoundingUpToTheNextPowerOfTen) {
  EXPECT_EQ(sig3(1.63), "1.63");
  EXPECT_EQ(sig3(1.634), "1.63");
  EXPECT_EQ(sig3(1.5), "1.5");        // trailing zeros dropped
  EXPECT_EQ(sig3(99.95), "100");      // 99.95 is 99.950000000000003 as a double: rounds up
  EXPECT_EQ(sig3(999.6), "1,000");    // rounds up into the thousands
  EXPECT_EQ(sig3(12.0), "12");
  EXPECT_EQ(sig3(0), "0");
}

TEST(Sig3, ThousandsMillionsBillions) {
  EXPECT_EQ(sig3(7800), "7,800");
  EXPECT_EQ(sig3(7834), "7,830");
  EXPECT_EQ(sig3(123456), "123,000");
  EXPECT_EQ(sig3(1234567), "1.23 million");
  EXPECT_EQ(sig3(1230000), "1.23 million");
  EXPECT_EQ(sig3(999999), "1 million");   // 1.00e+06 after rounding
  EXPECT_EQ(sig3(45600000), "45.6 million");
  EXPECT_EQ(sig3(2.718e9), "2.72 billion");
  EXPECT_EQ(sig3(1.2e12), "1.2 trillion");
  EXPECT_EQ(sig3(1.234e15), "1.23e+15");
}

TEST(Sig3, NegativeValues) {
  EXPECT_EQ(sig3(-0.0024), "-0.0024");
  EXPECT_EQ(sig3(-1.634), "-1.63");
  EXPECT_EQ(sig3(-789135), "-789,000");
  EXPECT_EQ(sig3(-1234567), "-1.23 million");
}

TEST(Sig3, NotANumberAndInfinities) {
  EXPECT_EQ(sig3(std::numeric_limits<double>::quiet_NaN()), "n/a");
  EXPECT_EQ(sig3(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(sig3(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(SigDigits, OtherDigitCountsAndBadArguments) {
  EXPECT_EQ(sig_digits(0.0123456, 2), "0.012");
  EXPECT_EQ(sig_digits(1234, 2), "1,200");
  EXPECT_EQ(sig_digits(3.14159, 5), "3.1416");
  EXPECT_THROW(sig_digits(1, 0), std::invalid_argument);
  EXPECT_THROW(sig_digits(1, 16), std::invalid_argument);
}

}  // namespace
}  // namespace geobalance::report
