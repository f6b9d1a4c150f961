// Axis arithmetic and text helpers of the SVG charts, against hand-worked values.
#include "report/svg_chart.h"

#include <vector>

#include "test_util.h"

namespace geobalance::report::detail {
namespace {

using ::testing::ElementsAre;
using ::testing::DoubleEq;

TEST(NiceScale, ZeroToPointNineThreeUsesStepPointTwo) {
  // Range 0.93 in at most 6 intervals: step 0.1 needs 10, step 0.2 needs ceil(0.93/0.2) = 5.
  NiceScale s = nice_scale(0, 0.93);
  EXPECT_DOUBLE_EQ(s.step, 0.2);
  EXPECT_THAT(s.ticks, ElementsAre(0.0, 0.2, 0.4, 0.6, 0.8, 1.0));  // exact decimals, no 0.6000000000000001
  EXPECT_EQ(s.lo, 0.0);
  EXPECT_EQ(s.hi, 1.0);
}

TEST(NiceScale, NegativeToPositiveRange) {
  // -3.7..12.2: step 1 needs -4..13 = 17 intervals, 2 needs -2..7 = 9, 5 needs -1..3 = 4.
  NiceScale s = nice_scale(-3.7, 12.2);
  EXPECT_DOUBLE_EQ(s.step, 5);
  EXPECT_THAT(s.ticks, ElementsAre(-5.0, 0.0, 5.0, 10.0, 15.0));
}

TEST(NiceScale, AllNegativeRangeAndSwappedBounds) {
  EXPECT_THAT(nice_scale(0, -0.93).ticks, ElementsAre(-1.0, -0.8, -0.6, -0.4, -0.2, 0.0));
}

TEST(NiceScale, ConstantValueIsWidenedByTenPercent) {
  // 5 -> [4.5, 5.5]; step 0.1 needs 10 intervals, step 0.2 needs floor(22.5)=22..ceil(27.5)=28 = 6.
  NiceScale s = nice_scale(5, 5);
  EXPECT_DOUBLE_EQ(s.step, 0.2);
  EXPECT_THAT(s.ticks, ElementsAre(4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6));
}

TEST(NiceScale, AllZeroBecomesZeroToOne) {
  EXPECT_THAT(nice_scale(0, 0).ticks, ElementsAre(0.0, 0.2, 0.4, 0.6, 0.8, 1.0));
}

TEST(NiceScale, VeryLargeMagnitudes) {
  // 0..2.4e9: 2e8 needs 12 intervals, 5e8 needs 5.
  NiceScale s = nice_scale(0, 2.4e9);
  EXPECT_DOUBLE_EQ(s.step, 5e8);
  EXPECT_THAT(s.ticks, ElementsAre(0.0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9));
}

TEST(NiceScale, VerySmallMagnitudes) {
  // 1e-6..4.5e-6: 5e-7 needs 2..9 = 7 intervals (> 6), 1e-6 needs 1..5 = 4.
  NiceScale s = nice_scale(1e-6, 4.5e-6);
  EXPECT_DOUBLE_EQ(s.step, 1e-6);
  EXPECT_THAT(s.ticks, ElementsAre(DoubleEq(1e-6), DoubleEq(2e-6), DoubleEq(3e-6), DoubleEq(4e-6), DoubleEq(5e-6)));
}

TEST(NiceScale, YearsWithMoreIntervals) {
  EXPECT_THAT(nice_scale(2000, 2035, 8).ticks,
              ElementsAre(2000.0, 2005.0, 2010.0, 2015.0, 2020.0, 2025.0, 2030.0, 2035.0));
}

TEST(LinearMap, MapsKnownPoints) {
  LinearMap x{0, 10, 100, 300};
  EXPECT_DOUBLE_EQ(x(2.5), 150);  // a quarter of the way from 100 to 300
  LinearMap y{0, 1, 380, 20};     // y axes run upwards: larger values, smaller pixel y
  EXPECT_DOUBLE_EQ(y(0.25), 290); // 380 - 0.25 * 360
  EXPECT_DOUBLE_EQ(y(1), 20);
}

TEST(FormatTick, DecimalsFollowTheStep) {
  EXPECT_EQ(format_tick(0.6000000000000001, 0.2), "0.6");
  EXPECT_EQ(format_tick(1, 0.2), "1.0");
  EXPECT_EQ(format_tick(0.05, 0.05), "0.05");
  EXPECT_EQ(format_tick(-0.4, 0.2), "−0.4");
  EXPECT_EQ(format_tick(1e-17, 0.2), "0");
  EXPECT_EQ(format_tick(15, 5), "15");
}

TEST(FormatTick, GroupingAndSuffixes) {
  EXPECT_EQ(format_tick(5000, 1000), "5,000");
  EXPECT_EQ(format_tick(2035, 5, TickStyle::kPlain), "2035");
  EXPECT_EQ(format_tick(1.5e9, 5e8), "1.5bn");
  EXPECT_EQ(format_tick(2e9, 5e8), "2.0bn");
  EXPECT_EQ(format_tick(3e6, 1e6), "3M");
  EXPECT_EQ(format_tick(4e12, 1e12), "4tn");
  EXPECT_EQ(format_tick(2e-6, 1e-6), "2×10⁻⁶");
  EXPECT_EQ(format_tick(3e17, 1e17), "3×10¹⁷");
}

TEST(FormatNumber, AboutFourSignificantFigures) {
  EXPECT_EQ(format_number(0.31), "0.31");
  EXPECT_EQ(format_number(0.041), "0.041");
  EXPECT_EQ(format_number(-0.21), "−0.21");
  EXPECT_EQ(format_number(2509), "2509");
  EXPECT_EQ(format_number(12345.6), "12,346");
  EXPECT_EQ(format_number(3.14159), "3.142");
  EXPECT_EQ(format_number(1.5e7), "15M");
  EXPECT_EQ(format_number(8.43e11), "843bn");
  EXPECT_EQ(format_number(1.234e-5), "1.23×10⁻⁵");
  EXPECT_EQ(format_number(0), "0");
}

TEST(FormatFixed, LabelsOfOneChartShareTheirDecimals) {
  // 1 -> "1", 0.71 -> "0.71", 0.5 -> "0.5": the most decimals any needs is 2.
  EXPECT_EQ(common_decimals({1, 0.71, 0.5}), 2);
  EXPECT_EQ(format_fixed(1, 2), "1.00");
  EXPECT_EQ(format_fixed(-0.001, 2), "0.00");  // no "−0.00"
  EXPECT_EQ(format_fixed(-2.4, 1), "−2.4");
  EXPECT_EQ(format_fixed(25000, 0), "25,000");
  EXPECT_EQ(common_decimals({3, 12, 250}), 0);
  EXPECT_EQ(common_decimals({0.12345}), 3);  // capped
}

TEST(EscapeHtml, EscapesMarkupAndKeepsUtf8) {
  EXPECT_EQ(escape_html("<b>\"Tom\" & 'Jerry'</b> Türkiye"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt; Türkiye");
  EXPECT_EQ(escape_html(std::string("a\x01" "b\tc", 5)), "ab\tc");  // control characters XML forbids
}

TEST(FmtCoord, TwoDecimalsAtMost) {
  EXPECT_EQ(fmt_coord(12.5), "12.5");
  EXPECT_EQ(fmt_coord(80), "80");
  EXPECT_EQ(fmt_coord(1.0 / 3), "0.33");
  EXPECT_EQ(fmt_coord(-0.001), "0");
}

}  // namespace
}  // namespace geobalance::report::detail
