// Internal (not installed): a TOML number (integer or float) as a double, the one conversion
// every TOML reader in src/ uses.
//
// toml++'s node::value<double>() returns an empty optional for an integer that a double
// cannot hold exactly (any |n| > 2^53, e.g. `position = 66666666666666666`), so a reader that
// dereferences it crashes on valid TOML (issue 19). Here an integer converts with
// static_cast (to the nearest double); range checks are the caller's, and report the value.
#ifndef GEOBALANCE_IO_TOML_NUMBER_H_
#define GEOBALANCE_IO_TOML_NUMBER_H_

#include <optional>
#include <string>

#include <toml++/toml.h>

#include "geobalance/check.h"

namespace geobalance::io {

/// The node's value if it is an integer or a floating-point number (possibly inf or NaN:
/// callers check finiteness and range); std::nullopt for any other type.
inline std::optional<double> toml_number(const toml::node& n) {
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

/// The number as the user wrote it, for messages: an integer's own digits (a double would
/// print 66666666666666666 as 66666666666666664), otherwise the shortest form of `v`.
inline std::string toml_number_text(const toml::node& n, double v) {
  if (const auto* i = n.as_integer()) return std::to_string(i->get());
  return format_value(v);
}

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_TOML_NUMBER_H_
