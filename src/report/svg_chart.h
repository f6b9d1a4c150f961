// Hand-written SVG charts for the HTML brief: nice axis ticks, linear coordinate maps, number
// formatting, escaping and one renderer per chart type. Internal to the report module.
#ifndef GEOBALANCE_SRC_REPORT_SVG_CHART_H_
#define GEOBALANCE_SRC_REPORT_SVG_CHART_H_

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "brief_model.h"

namespace geobalance::report::detail {

/// An axis range widened to multiples of a 1-2-5 step, with its ticks.
struct NiceScale {
  double lo = 0, hi = 1, step = 0.2;
  std::vector<double> ticks;  ///< lo, lo + step, ..., hi (exact multiples of step)
};

/// The smallest step in {1, 2, 5} x 10^k whose multiples cover [lo, hi] in at most
/// max_intervals intervals. A degenerate range (lo == hi) is widened first: 0 -> [0, 1],
/// v -> v +- 10% of |v|. Inputs must be finite; lo > hi is swapped.
NiceScale nice_scale(double lo, double hi, int max_intervals = 6);

/// Maps a domain [d0, d1] linearly onto a range [r0, r1] (r1 < r0 for a y axis).
struct LinearMap {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

/// How tick labels are written. kGrouped: "5,000", "2.5M", "1.2bn"; kPlain: no grouping
/// below 1e6 (years on an x axis read "2035", not "2,035").
enum class TickStyle { kGrouped, kPlain };

/// A tick label for v on an axis whose step is `step`: just enough decimals for the step,
/// k/M/bn/tn-free below a million, M/bn/tn above, "2×10⁻⁵" for tiny magnitudes.
std::string format_tick(double v, double step, TickStyle style = TickStyle::kGrouped);

/// A number for tables, answers and bar labels: about four significant figures, grouped
/// thousands, integers without decimals, scientific for tiny or huge magnitudes.
std::string format_number(double v);

/// Decimals that let every value in `values` be written alike (the most format_number would
/// use for any of them, at most 3), so that a column of labels reads 1.00, 0.71, 0.62.
int common_decimals(const std::vector<double>& values);
/// v with exactly `decimals` decimals (grouped from 10,000; format_number beyond 1e7).
std::string format_fixed(double v, int decimals);

/// Escapes &, <, >, " and ' for HTML text and attribute values, and drops control
/// characters that XML forbids. UTF-8 passes through unchanged.
std::string escape_html(std::string_view s);

/// A coordinate with at most two decimals and no trailing zeros ("12.5", "80").
std::string fmt_coord(double v);

/// Okabe & Ito (2008) colour-blind-safe categorical palette, ordered for contrast on white.
inline constexpr std::array<const char*, 8> kPalette = {
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#C9B400"};
const char* series_colour(std::size_t i);

/// Colours tied to names across a whole brief (issue 12, item 9): while a ColourKeyScope is
/// alive on this thread, a series named like one seen earlier in the brief (an actor such as
/// "USA", a coalition, a model) keeps that series' colour in every figure. The key is built
/// chart by chart in document order: a new name takes the first palette slot that no other
/// name of the same chart holds, so names share a colour only if no chart shows both. A chart
/// whose keyed colours would still repeat (more than eight series) uses the palette in series
/// order instead.
struct ColourKey {
  std::map<std::string, std::size_t, std::less<>> index;  ///< name -> palette slot
  void add_chart(const std::vector<std::string>& names);
};
class ColourKeyScope {
 public:
  explicit ColourKeyScope(const ColourKey& key);
  ~ColourKeyScope();
  ColourKeyScope(const ColourKeyScope&) = delete;
  ColourKeyScope& operator=(const ColourKeyScope&) = delete;

 private:
  const ColourKey* previous_;
};
/// One colour per name, in the order given (see ColourKey).
std::vector<const char*> series_colours(const std::vector<std::string>& names);

/// Approximate rendered width of text in the page's sans-serif font (for layout only).
double text_width(std::string_view s, double font_size);

/// Geometry shared by the x-y charts (viewBox units).
inline constexpr double kChartWidth = 960;
inline constexpr double kChartHeight = 420;

/// The plot area of a line or bar chart, after legend and labels are laid out.
struct PlotArea {
  double left = 0, top = 0, right = 0, bottom = 0;  ///< edges in viewBox units
};

std::string render_line_chart(const LineChart& c);
std::string render_bar_chart(const BarChart& c);
std::string render_heatmap(const Heatmap& c);
/// Horizontal bars left/right of the reference, rows in the given order (svg_tornado.cc).
std::string render_tornado_chart(const TornadoChart& c);
/// An HTML table (not SVG): text stays selectable and wraps.
std::string render_table(const TableChart& c);
std::string render_chart(const Chart& c);

/// The plot area and scales a line chart is drawn with (exposed for tests).
struct LineLayout {
  PlotArea area;
  LinearMap x, y;
  std::vector<double> x_ticks;
  NiceScale y_scale;
};
LineLayout line_layout(const LineChart& c);

}  // namespace geobalance::report::detail

#endif  // GEOBALANCE_SRC_REPORT_SVG_CHART_H_
