#include "geobalance/check.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace geobalance {

std::string format_value(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

namespace {
[[noreturn]] void fail(std::string_view where, std::string_view name, std::string_view value,
                       std::string_view constraint) {
  throw InputError(fmt::format("{}: {} is {}, but must be {}", where, name, value, constraint));
}
}  // namespace

void check_finite(std::string_view where, std::string_view name, double x) {
  if (!std::isfinite(x)) fail(where, name, format_value(x), "finite");
}

void check_nonnegative(std::string_view where, std::string_view name, double x) {
  if (!std::isfinite(x) || x < 0) fail(where, name, format_value(x), "finite and >= 0");
}

void check_positive(std::string_view where, std::string_view name, double x) {
  if (!std::isfinite(x) || x <= 0) fail(where, name, format_value(x), "finite and > 0");
}

void check_probability(std::string_view where, std::string_view name, double x) {
  if (!(x >= 0 && x <= 1)) fail(where, name, format_value(x), "in [0, 1]");
}

void check_in_range(std::string_view where, std::string_view name, double x, double lo,
                    double hi) {
  if (!(x >= lo && x <= hi))
    fail(where, name, format_value(x), fmt::format("in [{}, {}]", format_value(lo), format_value(hi)));
}

void check_at_least(std::string_view where, std::string_view name, long long x, long long lo) {
  if (x < lo) fail(where, name, std::to_string(x), fmt::format(">= {}", lo));
}

void check_finite(std::string_view where, std::string_view name, std::span<const double> xs) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (!std::isfinite(xs[i])) fail(where, fmt::format("{}[{}]", name, i), format_value(xs[i]), "finite");
}

void check_nonnegative(std::string_view where, std::string_view name,
                       std::span<const double> xs) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (!std::isfinite(xs[i]) || xs[i] < 0)
      fail(where, fmt::format("{}[{}]", name, i), format_value(xs[i]), "finite and >= 0");
}

void check_same_size(std::string_view where, std::string_view name_a, std::size_t a,
                     std::string_view name_b, std::size_t b) {
  if (a != b)
    throw InputError(fmt::format("{}: {} has {} elements and {} has {}, but they must be the same size",
                                 where, name_a, a, name_b, b));
}

}  // namespace geobalance
