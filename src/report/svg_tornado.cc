// Tornado charts: one row per input, a bar from the reference value to the value with the
// input lowered (left part) and raised (right part), or one bar for a single change; rows in
// the order given (the producer sorts them, largest effect first). Also used for "the ratio
// by index" with parity as the reference and the scenario weights' interval as whiskers.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "svg_chart.h"

namespace geobalance::report::detail {
namespace {

constexpr double kFont = 12;
constexpr double kRow = 26;
constexpr double kPad = 12;
constexpr const char* kLowColour = "#0072B2";     // Okabe-Ito blue
constexpr const char* kHighColour = "#E69F00";    // Okabe-Ito orange
constexpr const char* kSingleColour = "#009E73";  // Okabe-Ito green

std::string label(double x, double y, std::string_view s, std::string_view cls, std::string_view anchor) {
  return fmt::format("<text x=\"{}\" y=\"{}\" class=\"{}\" text-anchor=\"{}\" dy=\"0.32em\">{}</text>", fmt_coord(x),
                     fmt_coord(y), cls, anchor, escape_html(s));
}

std::string swatch(double x, double y, const char* colour, const std::string& name) {
  return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"13\" height=\"13\" rx=\"2\" fill=\"{}\"/>", fmt_coord(x),
                     fmt_coord(y - 6.5), colour) +
         label(x + 19, y, name, "legend-text", "start");
}

}  // namespace

std::string render_tornado_chart(const TornadoChart& c) {
  double lo = c.reference, hi = c.reference;
  auto widen = [&](double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  bool any_single = false, any_pair = false;
  for (const auto& r : c.rows) {
    if (r.low) widen(*r.low);
    if (r.high) widen(*r.high);
    if (r.interval) widen(r.interval->first), widen(r.interval->second);
    if (r.low && r.high && *r.low == *r.high) any_single = true;
    else if (r.low || r.high) any_pair = true;
  }
  // Room for the value labels beside the bars: 12% of the range on each side.
  const double pad = (hi - lo) * 0.12;
  const NiceScale xs = nice_scale(lo - (lo < c.reference ? pad : 0), hi + (hi > c.reference ? pad : 0), 6);

  // Legend (one line) and the reference label above the plot.
  std::string legend = "<g class=\"legend\">";
  double lx = kPad;
  const double ly = 6 + 11;
  auto add = [&](const char* colour, const std::string& name) {
    if (name.empty()) return;
    legend += swatch(lx, ly, colour, name);
    lx += 19 + 1.1 * text_width(name, 13) + 24;
  };
  if (any_pair) add(kLowColour, c.low_name), add(kHighColour, c.high_name);
  if (any_single) add(kSingleColour, c.single_name);
  legend += "</g>\n";

  double label_w = 0;
  for (const auto& r : c.rows) label_w = std::max(label_w, 1.1 * text_width(r.label, kFont));
  PlotArea a;
  a.top = 6 + 22 + 30;
  a.left = kPad + std::min(label_w, 420.0) + 12;
  a.right = kChartWidth - kPad - 16;
  a.bottom = a.top + kRow * static_cast<double>(c.rows.size());
  const double height = a.bottom + 52;
  const LinearMap x{xs.lo, xs.hi, a.left, a.right};

  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-tornado\" data-chart-id=\"{}\" "
      "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\">"
      "<title>{}</title>\n",
      escape_html(c.id), fmt_coord(kChartWidth), fmt_coord(height), fmt_coord(kChartWidth), fmt_coord(height),
      escape_html(c.title));
  out += legend;
  // Vertical gridlines and the x axis.
  out += "<g class=\"axis axis-x\">";
  for (double t : xs.ticks) {
    const double px = x(t);
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", fmt_coord(px), fmt_coord(px),
                       fmt_coord(a.top), fmt_coord(a.bottom));
    out += label(px, a.bottom + 14, format_tick(t, xs.step, TickStyle::kGrouped), "tick", "middle");
  }
  out += "</g>\n";
  if (!c.x_label.empty()) out += label((a.left + a.right) / 2, a.bottom + 36, c.x_label, "axis-label", "middle");

  const double x0 = x(c.reference);
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const auto& r = c.rows[i];
    const double top = a.top + kRow * static_cast<double>(i) + 4, h = kRow - 8, cy = top + h / 2;
    out += fmt::format("<g class=\"tornado-row\" data-rank=\"{}\" data-label=\"{}\">", i + 1, escape_html(r.label));
    out += label(a.left - 8, cy, r.label, "tick category", "end");
    if (!r.low && !r.high) {
      out += label(x0 + 6, cy, "n/a", "missing", "start");
      out += "</g>\n";
      continue;
    }
    auto bar = [&](double v, const char* colour, const char* cls, const std::string& what) {
      const double px = x(v);
      const double left = std::min(px, x0), width = std::max(std::fabs(px - x0), 1.0);
      out += fmt::format("<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}</title></rect>",
                         cls, fmt_coord(left), fmt_coord(top), fmt_coord(width), fmt_coord(h), colour,
                         escape_html(r.label + ", " + what), escape_html(format_number(v)));
    };
    const bool single = r.low && r.high && *r.low == *r.high;
    if (single) {
      bar(*r.low, kSingleColour, "bar-single", c.single_name);
    } else {
      // On the same side of the reference the longer bar goes first, so the shorter stays visible.
      const bool low_first = !r.low || !r.high || std::fabs(*r.low - c.reference) >= std::fabs(*r.high - c.reference);
      if (low_first && r.low) bar(*r.low, kLowColour, "bar-low", c.low_name);
      if (r.high) bar(*r.high, kHighColour, "bar-high", c.high_name);
      if (!low_first && r.low) bar(*r.low, kLowColour, "bar-low", c.low_name);
    }
    if (r.interval) {
      const double p1 = x(r.interval->first), p2 = x(r.interval->second);
      out += fmt::format("<path class=\"whisker\" d=\"M{} {}H{}M{} {}V{}M{} {}V{}\" stroke=\"#2b3036\" stroke-width=\"1.5\" fill=\"none\"/>",
                         fmt_coord(p1), fmt_coord(cy), fmt_coord(p2), fmt_coord(p1), fmt_coord(cy - 5), fmt_coord(cy + 5),
                         fmt_coord(p2), fmt_coord(cy - 5), fmt_coord(cy + 5));
    }
    // Value labels beyond the bar ends on each side of the reference, each in its bar's colour,
    // nearest the reference first ("48.4 / 49.1").
    struct Val {
      double v;
      const char* colour;
    };
    std::vector<Val> left, right;
    if (single) {
      (*r.low < c.reference ? left : right).push_back({*r.low, kSingleColour});
    } else {
      if (r.low && *r.low != c.reference) (*r.low < c.reference ? left : right).push_back({*r.low, kLowColour});
      if (r.high && *r.high != c.reference) (*r.high < c.reference ? left : right).push_back({*r.high, kHighColour});
    }
    auto value_label = [&](std::vector<Val> vs, bool on_right) {
      if (vs.empty()) return;
      std::sort(vs.begin(), vs.end(), [](const Val& p, const Val& q) { return p.v < q.v; });  // left to right
      double edge = on_right ? vs.back().v : vs.front().v;
      if (r.interval) edge = on_right ? std::max(edge, r.interval->second) : std::min(edge, r.interval->first);
      std::string spans;
      for (std::size_t k = 0; k < vs.size(); ++k)
        spans += fmt::format("{}<tspan fill=\"{}\">{}</tspan>", k ? " / " : "", vs[k].colour,
                             escape_html(fmt::format("{:.3g}", vs[k].v)));
      out += fmt::format("<text x=\"{}\" y=\"{}\" class=\"bar-label\" text-anchor=\"{}\" dy=\"0.32em\">{}</text>",
                         fmt_coord(x(edge) + (on_right ? 4 : -4)), fmt_coord(cy), on_right ? "start" : "end", spans);
    };
    value_label(left, false);
    value_label(right, true);
    out += "</g>\n";
  }
  out += fmt::format("<line class=\"baseline reference\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", fmt_coord(x0),
                     fmt_coord(x0), fmt_coord(a.top - 6), fmt_coord(a.bottom));
  out += label(x0, a.top - 14, c.reference_label, "axis-label", "middle");
  out += "</svg>";
  return out;
}

}  // namespace geobalance::report::detail
