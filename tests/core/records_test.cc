#include "geobalance/core/records.h"

#include "test_util.h"

namespace geobalance {
namespace {

TEST(ParseIsoDate, AcceptsCalendarDatesOnly) {
  auto d = parse_iso_date("2024-02-29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 2);
  EXPECT_EQ(d->day, 29);
  EXPECT_FALSE(parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("1949-13-01").has_value());
  EXPECT_FALSE(parse_iso_date("1949-8-24").has_value());
}

// Regression (issue 8 bad-input corpus, tests/data/bad/nato_negative_year.csv): a sign in any
// field used to pass, so "-949-08-24" read as the year -949.
TEST(ParseIsoDate, RejectsSignsInAnyField) {
  EXPECT_FALSE(parse_iso_date("-949-08-24").has_value());
  EXPECT_FALSE(parse_iso_date("+949-08-24").has_value());
  EXPECT_FALSE(parse_iso_date("1949-+8-24").has_value());
  EXPECT_FALSE(parse_iso_date("1949-08--4").has_value());
  EXPECT_FALSE(parse_iso_date("1949-08- 4").has_value());
}

}  // namespace
}  // namespace geobalance
