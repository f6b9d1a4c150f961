// The chart renderers: line (with uncertainty bands, gaps and markers), grouped bar, heatmap
// and table. Everything is laid out in a fixed viewBox and scales with the page.
#include "svg_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>

namespace geobalance::report::detail {
namespace {

constexpr double kTickFont = 12;
constexpr double kLegendFont = 13;
constexpr double kLegendRow = 22;
constexpr double kPad = 12;

std::string svg_open(const std::string& kind, const std::string& id, const std::string& title,
                     double w, double h) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-{}\" data-chart-id=\"{}\" "
      "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "preserveAspectRatio=\"xMidYMid meet\"><title>{}</title>\n",
      kind, escape_html(id), fmt_coord(w), fmt_coord(h), fmt_coord(w), fmt_coord(h),
      escape_html(title));
}

std::string text(double x, double y, std::string_view s, std::string_view cls,
                 std::string_view anchor = "start", std::string_view extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" class=\"{}\" text-anchor=\"{}\"{}>{}</text>", fmt_coord(x),
                     fmt_coord(y), cls, anchor, extra, escape_html(s));
}

/// Splits a label into at most max_lines lines no wider than `width` (word wrap; a last
/// line that still overflows is kept whole: better long than lost).
std::vector<std::string> wrap(const std::string& s, double width, double font, int max_lines) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t sp = s.find(' ', start);
    if (sp == std::string::npos) sp = s.size();
    if (sp > start) words.push_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  std::vector<std::string> lines;
  for (const auto& w : words) {
    if (!lines.empty() && text_width(lines.back() + " " + w, font) <= width) {
      lines.back() += " " + w;
    } else if (static_cast<int>(lines.size()) < max_lines) {
      lines.push_back(w);
    } else {
      lines.back() += " " + w;
    }
  }
  if (lines.empty()) lines.push_back("");
  return lines;
}

enum class Swatch { kLine, kDashedLine, kBandLine, kBandDashedLine, kSquare };

struct LegendItem {
  std::string name;
  std::string colour;
  Swatch swatch;
};

/// Lays the legend out in rows from the left edge; returns the SVG and sets `height`.
std::string legend(const std::vector<LegendItem>& items, double x0, double y0, double max_x,
                   double& height) {
  std::string out = "<g class=\"legend\">";
  double x = x0, y = y0;
  int rows = 1;
  for (const auto& it : items) {
    const double w = 28 + text_width(it.name, kLegendFont) + 22;
    if (x > x0 && x + w > max_x) {
      x = x0;
      y += kLegendRow;
      ++rows;
    }
    const double cy = y + kLegendRow / 2;
    const bool band = it.swatch == Swatch::kBandLine || it.swatch == Swatch::kBandDashedLine;
    const bool dashed = it.swatch == Swatch::kDashedLine || it.swatch == Swatch::kBandDashedLine;
    if (it.swatch == Swatch::kSquare) {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"13\" height=\"13\" rx=\"2\" fill=\"{}\"/>",
                         fmt_coord(x + 4), fmt_coord(cy - 6.5), it.colour);
      out += text(x + 23, cy, it.name, "legend-text", "start", " dy=\"0.35em\"");
    } else {
      if (band)
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"12\" fill=\"{}\" "
                           "fill-opacity=\"0.2\"/>",
                           fmt_coord(x), fmt_coord(cy - 6), it.colour);
      out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" "
                         "stroke-width=\"2.5\"{}/>",
                         fmt_coord(x), fmt_coord(cy), fmt_coord(x + 22), fmt_coord(cy), it.colour,
                         dashed ? " stroke-dasharray=\"5 3\"" : "");
      out += text(x + 28, cy, it.name, "legend-text", "start", " dy=\"0.35em\"");
    }
    x += w;
  }
  out += "</g>\n";
  height = rows * kLegendRow;
  return out;
}

double max_label_width(const std::vector<std::string>& labels, double font) {
  double w = 0;
  for (const auto& l : labels) w = std::max(w, text_width(l, font));
  return w;
}

/// Horizontal gridlines and y tick labels over the plot area.
std::string y_axis(const PlotArea& a, const LinearMap& y, const NiceScale& s, TickStyle style) {
  std::string out = "<g class=\"axis axis-y\">";
  for (double t : s.ticks) {
    const double py = y(t);
    const bool zero = t == 0 && s.lo < 0 && s.hi > 0;
    out += fmt::format("<line class=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", zero ? "zero" : "grid",
                       fmt_coord(a.left), fmt_coord(a.right), fmt_coord(py), fmt_coord(py));
    out += text(a.left - 8, py, format_tick(t, s.step, style), "tick", "end", " dy=\"0.32em\"");
  }
  out += "</g>\n";
  return out;
}

bool has_band(const LineSeries& s) { return !s.lower.empty(); }

}  // namespace

// ---------------------------------------------------------------------------------------
// Line charts

LineLayout line_layout(const LineChart& c) {
  double ylo = std::numeric_limits<double>::infinity(), yhi = -ylo;
  double xlo = ylo, xhi = -ylo;
  auto take_y = [&](const MaybeNumber& v) {
    if (v) ylo = std::min(ylo, *v), yhi = std::max(yhi, *v);
  };
  for (const auto& s : c.series) {
    for (std::size_t k = 0; k < s.x.size(); ++k) {
      xlo = std::min(xlo, s.x[k]);
      xhi = std::max(xhi, s.x[k]);
      take_y(s.y[k]);
      if (has_band(s)) take_y(s.lower[k]), take_y(s.upper[k]);
    }
  }
  for (const auto& m : c.markers) xlo = std::min(xlo, m.x), xhi = std::max(xhi, m.x);
  if (!(ylo <= yhi)) ylo = 0, yhi = 1;  // every value null: an empty frame

  LineLayout L;
  L.y_scale = nice_scale(ylo, yhi, 6);
  std::vector<std::string> ylabels;
  for (double t : L.y_scale.ticks) ylabels.push_back(format_tick(t, L.y_scale.step, TickStyle::kGrouped));

  NiceScale xs = nice_scale(xlo, xhi, 8);
  double dx0 = xlo, dx1 = xhi;
  if (xhi - xlo <= std::max(std::abs(xlo), std::abs(xhi)) * 1e-12) dx0 = xs.lo, dx1 = xs.hi;
  const double eps = (dx1 - dx0) * 1e-9;
  for (double t : xs.ticks)
    if (t >= dx0 - eps && t <= dx1 + eps) L.x_ticks.push_back(t);

  // Legend rows are counted here so the plot starts below them (same arithmetic as legend()).
  double x = kPad;
  int rows = 1;
  for (const auto& s : c.series) {
    const double w = 28 + text_width(s.name, kLegendFont) + 22;
    if (x > kPad && x + w > kChartWidth - kPad) x = kPad, ++rows;
    x += w;
  }
  L.area.top = 6 + rows * kLegendRow + (c.y_label.empty() ? 8 : 28);
  L.area.left = kPad + max_label_width(ylabels, kTickFont) + 10;
  double last_half = L.x_ticks.empty()
                         ? 0
                         : text_width(format_tick(L.x_ticks.back(), xs.step, TickStyle::kPlain), kTickFont) / 2;
  L.area.right = kChartWidth - std::max(kPad + 8, last_half + 4);
  L.area.bottom = kChartHeight - (c.x_label.empty() ? 30 : 52);
  L.x = LinearMap{dx0, dx1, L.area.left, L.area.right};
  L.y = LinearMap{L.y_scale.lo, L.y_scale.hi, L.area.bottom, L.area.top};
  return L;
}

std::string render_line_chart(const LineChart& c) {
  const LineLayout L = line_layout(c);
  const PlotArea& a = L.area;
  std::string out = svg_open("line", c.id, c.title, kChartWidth, kChartHeight);

  std::vector<std::string> names;
  for (const auto& s : c.series) names.push_back(s.name);
  const std::vector<const char*> colours = series_colours(names);
  std::vector<LegendItem> items;
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const auto& s = c.series[i];
    Swatch sw = has_band(s) ? (s.dashed ? Swatch::kBandDashedLine : Swatch::kBandLine)
                            : (s.dashed ? Swatch::kDashedLine : Swatch::kLine);
    items.push_back({s.name, colours[i], sw});
  }
  double legend_h = 0;
  out += legend(items, kPad, 6, kChartWidth - kPad, legend_h);
  if (!c.y_label.empty()) out += text(kPad, a.top - 12, c.y_label, "axis-label");

  out += y_axis(a, L.y, L.y_scale, TickStyle::kGrouped);

  // x axis: baseline, tick marks and labels.
  const double x_step = L.x_ticks.size() >= 2 ? L.x_ticks[1] - L.x_ticks[0]
                                              : nice_scale(L.x.d0, L.x.d1, 8).step;
  out += "<g class=\"axis axis-x\">";
  out += fmt::format("<line class=\"baseline\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", fmt_coord(a.left),
                     fmt_coord(a.right), fmt_coord(a.bottom), fmt_coord(a.bottom));
  for (double t : L.x_ticks) {
    const double px = L.x(t);
    out += fmt::format("<line class=\"tickmark\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", fmt_coord(px),
                       fmt_coord(a.bottom), fmt_coord(a.bottom + 5));
    out += text(px, a.bottom + 20, format_tick(t, x_step, TickStyle::kPlain), "tick", "middle");
  }
  out += "</g>\n";
  if (!c.x_label.empty()) out += text((a.left + a.right) / 2, kChartHeight - 10, c.x_label, "axis-label", "middle");

  // Event markers: a dashed rule and a label, staggered when labels would collide.
  if (!c.markers.empty()) {
    std::vector<const Marker*> ms;
    for (const auto& m : c.markers) ms.push_back(&m);
    std::stable_sort(ms.begin(), ms.end(), [](auto* p, auto* q) { return p->x < q->x; });
    out += "<g class=\"markers\">";
    for (const Marker* m : ms)
      out += fmt::format("<line class=\"marker-rule\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                         fmt_coord(L.x(m->x)), fmt_coord(a.top), fmt_coord(a.bottom));
    std::vector<double> row_end;  // right edge of the last label in each row
    for (const Marker* m : ms) {
      const double px = L.x(m->x);
      const double w = text_width(m->label, 11);
      const bool flip = px + 4 + w > kChartWidth - 4;  // label to the left of the rule
      const double l0 = flip ? px - 4 - w : px + 4, l1 = l0 + w;
      std::size_t row = 0;
      while (row < row_end.size() && row_end[row] > l0 - 6) ++row;
      if (row == row_end.size()) row_end.push_back(l1);
      else row_end[row] = l1;
      out += text(flip ? px - 4 : px + 4, a.top + 12 + 14 * static_cast<double>(row), m->label,
                  "marker-label", flip ? "end" : "start");
    }
    out += "</g>\n";
  }

  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const auto& s = c.series[i];
    const char* col = colours[i];
    out += fmt::format("<g class=\"series\" data-series=\"{}\">", escape_html(s.name));
    const std::size_t n = s.x.size();
    if (has_band(s)) {
      std::size_t k = 0;
      while (k < n) {
        if (!s.lower[k] || !s.upper[k]) {
          ++k;
          continue;
        }
        std::size_t e = k;
        while (e < n && s.lower[e] && s.upper[e]) ++e;
        if (e - k == 1) {  // a lone interval: an error bar
          out += fmt::format("<line class=\"band\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" "
                             "stroke=\"{3}\" stroke-opacity=\"0.45\" stroke-width=\"6\"/>",
                             fmt_coord(L.x(s.x[k])), fmt_coord(L.y(*s.lower[k])), fmt_coord(L.y(*s.upper[k])), col);
        } else {
          std::string d;
          for (std::size_t j = k; j < e; ++j)
            d += fmt::format("{}{},{}", j == k ? "M" : "L", fmt_coord(L.x(s.x[j])), fmt_coord(L.y(*s.upper[j])));
          for (std::size_t j = e; j-- > k;)
            d += fmt::format("L{},{}", fmt_coord(L.x(s.x[j])), fmt_coord(L.y(*s.lower[j])));
          out += fmt::format("<path class=\"band\" d=\"{}Z\" fill=\"{}\" fill-opacity=\"{}\"/>", d, col,
                             s.faint ? "0.07" : "0.18");
        }
        k = e;
      }
    }
    std::size_t k = 0;
    std::size_t last = n;
    while (k < n) {
      if (!s.y[k]) {
        ++k;
        continue;
      }
      std::size_t e = k;
      while (e < n && s.y[e]) ++e;
      if (e - k == 1) {
        out += fmt::format("<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"/>",
                           fmt_coord(L.x(s.x[k])), fmt_coord(L.y(*s.y[k])), col);
      } else {
        std::string d;
        for (std::size_t j = k; j < e; ++j)
          d += fmt::format("{}{},{}", j == k ? "M" : "L", fmt_coord(L.x(s.x[j])), fmt_coord(L.y(*s.y[j])));
        out += fmt::format("<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.25\" "
                           "stroke-linejoin=\"round\" stroke-linecap=\"round\"{}{}/>",
                           d, col, s.dashed ? " stroke-dasharray=\"7 4\"" : "",
                           s.faint ? " stroke-opacity=\"0.35\"" : "");
      }
      last = e - 1;
      k = e;
    }
    if (last < n && last > 0 && s.y[last - 1])  // end-of-line dot for lines (not lone points)
      out += fmt::format("<circle class=\"end\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\"/>",
                         fmt_coord(L.x(s.x[last])), fmt_coord(L.y(*s.y[last])), col);
    out += "</g>\n";
  }
  out += "</svg>";
  return out;
}

// ---------------------------------------------------------------------------------------
// Grouped bar charts

std::string render_bar_chart(const BarChart& c) {
  double lo = 0, hi = 0;
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  const NiceScale ys = nice_scale(lo, hi, 6);
  std::vector<std::string> ylabels;
  for (double t : ys.ticks) ylabels.push_back(format_tick(t, ys.step, TickStyle::kGrouped));

  std::vector<std::string> names;
  for (const auto& s : c.series) names.push_back(s.name);
  const std::vector<const char*> colours = series_colours(names);
  std::vector<LegendItem> items;
  for (std::size_t i = 0; i < c.series.size(); ++i) items.push_back({c.series[i].name, colours[i], Swatch::kSquare});
  double legend_h = 0;
  std::string legend_svg = legend(items, kPad, 6, kChartWidth - kPad, legend_h);

  PlotArea a;
  a.top = 6 + legend_h + (c.y_label.empty() ? 8 : 28);
  a.left = kPad + max_label_width(ylabels, kTickFont) + 10;
  a.right = kChartWidth - kPad - 8;
  const std::size_t nc = c.categories.size(), ns = c.series.size();
  const double slot = (a.right - a.left) / static_cast<double>(nc);
  std::vector<std::vector<std::string>> cat_lines;
  std::size_t max_lines = 1;
  for (const auto& cat : c.categories) {
    cat_lines.push_back(wrap(cat, slot - 8, kTickFont, 3));
    max_lines = std::max(max_lines, cat_lines.back().size());
  }
  const double height = std::max(kChartHeight, a.top + 220 + 24 + 15.0 * static_cast<double>(max_lines));
  a.bottom = height - (14 + 15.0 * static_cast<double>(max_lines));
  const LinearMap y{ys.lo, ys.hi, a.bottom, a.top};

  std::string out = svg_open("bar", c.id, c.title, kChartWidth, height);
  out += legend_svg;
  if (!c.y_label.empty()) out += text(kPad, a.top - 12, c.y_label, "axis-label");
  out += y_axis(a, y, ys, TickStyle::kGrouped);

  const double y0 = y(0);
  out += "<g class=\"axis axis-x\">";
  for (std::size_t k = 0; k < nc; ++k) {
    const double cx = a.left + slot * (static_cast<double>(k) + 0.5);
    for (std::size_t l = 0; l < cat_lines[k].size(); ++l)
      out += text(cx, a.bottom + 18 + 15.0 * static_cast<double>(l), cat_lines[k][l], "tick category", "middle");
  }
  out += "</g>\n";

  const double group = slot * (ns == 1 ? 0.6 : 0.78);
  const double bar_w = group / static_cast<double>(ns);
  const double gap = bar_w > 8 ? 2 : 0;
  const bool labels = bar_w >= 26 && nc * ns <= 48;
  std::vector<double> all;
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v) all.push_back(*v);
  const int decimals = common_decimals(all);
  for (std::size_t i = 0; i < ns; ++i) {
    const auto& s = c.series[i];
    out += fmt::format("<g class=\"series\" data-series=\"{}\" fill=\"{}\">", escape_html(s.name), colours[i]);
    for (std::size_t k = 0; k < nc; ++k) {
      const double bx = a.left + slot * static_cast<double>(k) + (slot - group) / 2 + bar_w * static_cast<double>(i);
      if (!s.values[k]) {
        out += text(bx + bar_w / 2, y0 - 4, "n/a", "missing", "middle");
        continue;
      }
      const double v = *s.values[k];
      const double top = y(std::max(v, 0.0)), bot = y(std::min(v, 0.0));
      out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title></rect>",
                         fmt_coord(bx + gap / 2), fmt_coord(top), fmt_coord(std::max(bar_w - gap, 1.0)),
                         fmt_coord(std::max(bot - top, 0.5)), escape_html(s.name + ", " + c.categories[k]),
                         escape_html(format_number(v)));
      if (labels)
        out += text(bx + bar_w / 2, v >= 0 ? top - 5 : bot + 14, format_fixed(v, decimals), "bar-label", "middle");
    }
    out += "</g>\n";
  }
  out += fmt::format("<line class=\"baseline\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n", fmt_coord(a.left),
                     fmt_coord(a.right), fmt_coord(y0), fmt_coord(y0));
  out += "</svg>";
  return out;
}

// ---------------------------------------------------------------------------------------
// Heatmaps

namespace {

struct Rgb {
  double r, g, b;
};

Rgb hex(const char* h) {
  auto v = std::stoul(std::string(h + 1), nullptr, 16);
  return {static_cast<double>((v >> 16) & 0xff), static_cast<double>((v >> 8) & 0xff),
          static_cast<double>(v & 0xff)};
}

Rgb ramp(const std::vector<const char*>& stops, double t) {
  t = std::clamp(t, 0.0, 1.0) * static_cast<double>(stops.size() - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(t), stops.size() - 2);
  const double f = t - static_cast<double>(i);
  const Rgb a = hex(stops[i]), b = hex(stops[i + 1]);
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

std::string css(const Rgb& c) {
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(c.r)), static_cast<int>(std::lround(c.g)),
                     static_cast<int>(std::lround(c.b)));
}

double luminance(const Rgb& c) { return (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255.0; }

// ColorBrewer RdBu (diverging: negative red, positive blue) and Blues (sequential); both
// are safe for the common colour-vision deficiencies.
const std::vector<const char*> kDiverging = {"#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7",
                                             "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"};
const std::vector<const char*> kSequential = {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6",
                                              "#4292c6", "#2171b5", "#084594"};

}  // namespace

std::string render_heatmap(const Heatmap& c) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& row : c.values)
    for (const auto& v : row)
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  const bool any = lo <= hi;
  const bool diverging = any && lo < 0 && hi > 0;
  const double maxabs = std::max(std::abs(lo), std::abs(hi));
  auto colour_of = [&](double v) {
    if (diverging) return ramp(kDiverging, 0.5 + 0.5 * v / maxabs);
    if (hi > lo) return ramp(kSequential, (v - lo) / (hi - lo));
    return ramp(kSequential, 0.5);
  };

  const std::size_t nx = c.x_labels.size(), ny = c.y_labels.size();
  const double left = kPad + std::min(max_label_width(c.y_labels, 13), 300.0) + 12;
  const double cell_w = std::min((kChartWidth - kPad - left) / static_cast<double>(nx), 170.0);
  const double cell_h = ny > 12 ? 30 : 42;
  std::vector<std::vector<std::string>> xl;
  std::size_t lines = 1;
  for (const auto& l : c.x_labels) {
    xl.push_back(wrap(l, cell_w - 6, 12.5, 3));
    lines = std::max(lines, xl.back().size());
  }
  const double top = 10 + 16.0 * static_cast<double>(lines);
  const double grid_h = cell_h * static_cast<double>(ny);
  const double height = top + grid_h + 64;
  std::string out = svg_open("heatmap", c.id, c.title, kChartWidth, height);

  out += "<g class=\"axis\">";
  for (std::size_t k = 0; k < nx; ++k) {
    const double cx = left + cell_w * (static_cast<double>(k) + 0.5);
    const double y0 = top - 8 - 16.0 * static_cast<double>(xl[k].size() - 1);
    for (std::size_t l = 0; l < xl[k].size(); ++l)
      out += text(cx, y0 + 16.0 * static_cast<double>(l), xl[k][l], "heat-label", "middle");
  }
  out += "</g>\n";

  const bool show_values = cell_w >= 34;
  std::vector<double> all;
  for (const auto& row : c.values)
    for (const auto& v : row)
      if (v) all.push_back(*v);
  const int decimals = common_decimals(all);
  for (std::size_t r = 0; r < ny; ++r) {
    const double y = top + cell_h * static_cast<double>(r);
    out += fmt::format("<g class=\"series\" data-series=\"{}\">", escape_html(c.y_labels[r]));
    out += text(left - 10, y + cell_h / 2, c.y_labels[r], "heat-label", "end", " dy=\"0.35em\"");
    for (std::size_t k = 0; k < nx; ++k) {
      const double x = left + cell_w * static_cast<double>(k);
      const auto& v = c.values[r][k];
      if (!v) {
        out += fmt::format("<rect class=\"cell missing-cell\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                           fmt_coord(x + 1), fmt_coord(y + 1), fmt_coord(cell_w - 2), fmt_coord(cell_h - 2));
        if (show_values) out += text(x + cell_w / 2, y + cell_h / 2, "n/a", "missing", "middle", " dy=\"0.35em\"");
        continue;
      }
      const Rgb col = colour_of(*v);
      out += fmt::format("<rect class=\"cell\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
                         fmt_coord(x + 1), fmt_coord(y + 1), fmt_coord(cell_w - 2), fmt_coord(cell_h - 2), css(col),
                         escape_html(c.y_labels[r] + " × " + c.x_labels[k] + ": " + format_number(*v)));
      if (show_values)
        out += text(x + cell_w / 2, y + cell_h / 2, format_fixed(*v, decimals), "cell-value", "middle",
                    fmt::format(" dy=\"0.35em\" style=\"fill:{}\"", luminance(col) < 0.45 ? "#ffffff" : "#1a1a1a"));
    }
    out += "</g>\n";
  }

  // Colour key: a strip of swatches with its end values and the value label.
  if (any) {
    const double kx = left, ky = top + grid_h + 22, kw = 240, kh = 12;
    const int n = 48;
    out += "<g class=\"colour-key\">";
    for (int i = 0; i < n; ++i) {
      const double t = (i + 0.5) / n;
      const double v = diverging ? -maxabs + 2 * maxabs * t : lo + (hi - lo) * t;
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                         fmt_coord(kx + kw * i / n), fmt_coord(ky), fmt_coord(kw / n + 0.4), fmt_coord(kh),
                         css(colour_of(v)));
    }
    const double v0 = diverging ? -maxabs : lo, v1 = diverging ? maxabs : hi;
    out += text(kx, ky + kh + 15, format_number(v0), "tick", "start");
    if (diverging) out += text(kx + kw / 2, ky + kh + 15, "0", "tick", "middle");
    out += text(kx + kw, ky + kh + 15, format_number(v1), "tick", "end");
    if (!c.value_label.empty()) out += text(kx + kw + 14, ky + kh - 1, c.value_label, "axis-label");
    out += "</g>\n";
  }
  out += "</svg>";
  return out;
}

// ---------------------------------------------------------------------------------------
// Tables

std::string render_table(const TableChart& c) {
  std::vector<bool> numeric(c.columns.size(), true);
  for (const auto& row : c.rows)
    for (std::size_t k = 0; k < row.size(); ++k)
      if (std::holds_alternative<std::string>(row[k])) numeric[k] = false;
  std::string out = fmt::format("<div class=\"table-wrap\"><table class=\"chart-table\" data-chart-id=\"{}\">"
                                "<thead><tr>",
                                escape_html(c.id));
  for (std::size_t k = 0; k < c.columns.size(); ++k)
    out += fmt::format("<th{}>{}</th>", numeric[k] ? " class=\"num\"" : "", escape_html(c.columns[k]));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : c.rows) {
    out += "<tr>";
    for (std::size_t k = 0; k < row.size(); ++k) {
      const auto& cell = row[k];
      if (std::holds_alternative<std::monostate>(cell))
        out += numeric[k] ? "<td class=\"num missing\">–</td>" : "<td class=\"missing\">–</td>";
      else if (const auto* s = std::get_if<std::string>(&cell))
        out += fmt::format("<td>{}</td>", escape_html(*s));
      else
        out += fmt::format("<td class=\"num\">{}</td>", escape_html(format_number(std::get<double>(cell))));
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>";
  return out;
}

std::string render_chart(const Chart& c) {
  if (const auto* p = std::get_if<LineChart>(&c)) return render_line_chart(*p);
  if (const auto* p = std::get_if<BarChart>(&c)) return render_bar_chart(*p);
  if (const auto* p = std::get_if<Heatmap>(&c)) return render_heatmap(*p);
  if (const auto* p = std::get_if<TornadoChart>(&c)) return render_tornado_chart(*p);
  return render_table(std::get<TableChart>(c));
}

}  // namespace geobalance::report::detail
