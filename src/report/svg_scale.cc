// Axis arithmetic and text helpers for the SVG charts: nice ticks, number formats, escaping.
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "svg_chart.h"

namespace geobalance::report::detail {
namespace {

/// m * 10^k computed so that decimal fractions come out correctly rounded (0.6, not
/// 0.6000000000000001).
double decimal(double m, int k) { return k >= 0 ? m * std::pow(10.0, k) : m / std::pow(10.0, -k); }

std::string superscript(int e) {
  static const char* const kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = e < 0 ? "⁻" : "";
  for (char c : std::to_string(std::abs(e))) out += kDigits[c - '0'];
  return out;
}

/// "1234567.5" -> "1,234,567.5" (grouping the integer part only).
std::string group_thousands(const std::string& s) {
  std::size_t start = (s[0] == '-') ? 1 : 0;
  std::size_t dot = s.find('.');
  std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::string out = s.substr(0, start);
  std::size_t digits = int_end - start;
  for (std::size_t i = 0; i < digits; ++i) {
    if (i > 0 && (digits - i) % 3 == 0) out += ',';
    out += s[start + i];
  }
  out += s.substr(int_end);
  return out;
}

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string minus_sign(std::string s) {
  // A typographic minus reads better than a hyphen in charts and tables.
  if (!s.empty() && s[0] == '-') return "−" + s.substr(1);
  return s;
}

std::string scientific(double v, int mantissa_decimals, int exponent) {
  double m = v / std::pow(10.0, exponent);
  return minus_sign(trim_zeros(fmt::format("{:.{}f}", m, mantissa_decimals))) + "×10" +
         superscript(exponent);
}

}  // namespace

NiceScale nice_scale(double lo, double hi, int max_intervals) {
  if (lo > hi) std::swap(lo, hi);
  max_intervals = std::max(max_intervals, 1);
  const double mag = std::max(std::abs(lo), std::abs(hi));
  if (hi - lo <= mag * 1e-12) {
    if (mag == 0) {
      lo = 0;
      hi = 1;
    } else {
      lo -= mag * 0.1;
      hi += mag * 0.1;
    }
  }
  const int e = static_cast<int>(std::floor(std::log10((hi - lo) / max_intervals)));
  NiceScale s;
  for (int k = e - 1; k <= e + 2; ++k) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double step = decimal(m, k);
      const double first = std::floor(lo / step + 1e-9);
      const double last = std::ceil(hi / step - 1e-9);
      if (last - first > max_intervals) continue;
      s.step = step;
      for (double i = first; i <= last; i += 1) {
        double t = decimal(i * m, k);
        s.ticks.push_back(t == 0 ? 0.0 : t);  // no "-0"
      }
      s.lo = s.ticks.front();
      s.hi = s.ticks.back();
      return s;
    }
  }
  // Unreachable for finite input: a step of 10^(e+2) always fits.
  s.lo = lo;
  s.hi = hi;
  s.step = hi - lo;
  s.ticks = {lo, hi};
  return s;
}

std::string format_tick(double v, double step, TickStyle style) {
  if (std::abs(v) < step * 1e-9) return "0";
  const int step_exp = static_cast<int>(std::floor(std::log10(step) + 1e-9));
  if (step_exp < -4 || step_exp >= 15) return scientific(v, 0, step_exp);
  if (step >= 1e5) {
    double unit = 1e6;
    const char* suffix = "M";
    if (step >= 1e11) unit = 1e12, suffix = "tn";
    else if (step >= 1e8) unit = 1e9, suffix = "bn";
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step / unit) + 1e-9)));
    return minus_sign(fmt::format("{:.{}f}", v / unit, decimals)) + suffix;
  }
  const int decimals = std::max(0, -step_exp);
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (style == TickStyle::kGrouped && std::abs(v) >= 1000) s = group_thousands(s);
  return minus_sign(s);
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return "–";
  if (v == 0) return "0";
  const double a = std::abs(v);
  const int e = static_cast<int>(std::floor(std::log10(a)));
  if (e < -4 || e >= 15) return scientific(v, 2, e);
  if (a >= 1e7) {
    double unit = 1e6;
    const char* suffix = "M";
    if (a >= 1e12) unit = 1e12, suffix = "tn";
    else if (a >= 1e9) unit = 1e9, suffix = "bn";
    const int int_digits = static_cast<int>(std::floor(std::log10(a / unit))) + 1;
    return minus_sign(trim_zeros(fmt::format("{:.{}f}", v / unit, std::max(0, 3 - int_digits)))) +
           suffix;
  }
  const bool integral = v == std::round(v);
  const int decimals = integral ? 0 : std::clamp(3 - e, 0, 6);
  std::string s = trim_zeros(fmt::format("{:.{}f}", v, decimals));
  if (a >= 10000) s = group_thousands(s);
  return minus_sign(s);
}

int common_decimals(const std::vector<double>& values) {
  int d = 0;
  for (double v : values) {
    if (!std::isfinite(v) || std::abs(v) >= 1e7) continue;
    const std::string s = format_number(v);
    if (s.find("×") != std::string::npos) continue;
    const std::size_t dot = s.find('.');
    if (dot != std::string::npos) d = std::max(d, static_cast<int>(s.size() - dot - 1));
  }
  return std::min(d, 3);
}

std::string format_fixed(double v, int decimals) {
  if (!std::isfinite(v) || std::abs(v) >= 1e7 || (v != 0 && std::abs(v) < 1e-4)) return format_number(v);
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (std::abs(v) >= 10000) s = group_thousands(s);
  if (s.find_first_not_of("-0.,") == std::string::npos) s = s.substr(s[0] == '-' ? 1 : 0);  // no "-0.00"
  return minus_sign(s);
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) break;  // not XML
        out += ch;
    }
  }
  return out;
}

std::string fmt_coord(double v) {
  std::string s = trim_zeros(fmt::format("{:.2f}", v));
  return s == "-0" ? "0" : s;
}

const char* series_colour(std::size_t i) { return kPalette[i % kPalette.size()]; }

namespace {
thread_local const ColourKey* t_colour_key = nullptr;
}  // namespace

void ColourKey::add_chart(const std::vector<std::string>& names) {
  std::vector<bool> taken(kPalette.size(), false);
  for (const auto& n : names)
    if (auto it = index.find(n); it != index.end()) taken[it->second] = true;
  for (const auto& n : names) {
    if (index.count(n)) continue;
    std::size_t slot = 0;
    while (slot < kPalette.size() && taken[slot]) ++slot;
    if (slot == kPalette.size()) slot = index.size() % kPalette.size();  // more than eight: a repeat
    taken[slot] = true;
    index.emplace(n, slot);
  }
}

ColourKeyScope::ColourKeyScope(const ColourKey& key) : previous_(t_colour_key) { t_colour_key = &key; }
ColourKeyScope::~ColourKeyScope() { t_colour_key = previous_; }

std::vector<const char*> series_colours(const std::vector<std::string>& names) {
  std::vector<const char*> out;
  if (t_colour_key) {
    std::vector<bool> used(kPalette.size(), false);
    for (const auto& n : names) {
      auto it = t_colour_key->index.find(n);
      if (it == t_colour_key->index.end() || used[it->second % kPalette.size()]) break;
      used[it->second % kPalette.size()] = true;
      out.push_back(kPalette[it->second % kPalette.size()]);
    }
    if (out.size() == names.size()) return out;
    out.clear();
  }
  for (std::size_t i = 0; i < names.size(); ++i) out.push_back(series_colour(i));
  return out;
}

double text_width(std::string_view s, double font_size) {
  double w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (c == ' ') w += 0.28;
    else if (std::string_view("iljtf.,:;'|!()[]").find(static_cast<char>(c)) != std::string_view::npos) w += 0.3;
    else if (c >= 'A' && c <= 'Z') w += 0.66;
    else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') w += 0.82;
    else w += 0.55;
  }
  return w * font_size;
}

}  // namespace geobalance::report::detail
