// String forms of the alignment enums (the CLI, the scenario parser and the bindings use them).
#include <fmt/format.h>

#include "geobalance/alignment/similarity.h"
#include "geobalance/error.h"

namespace geobalance::alignment {

namespace {
constexpr Measure kMeasures[] = {Measure::kSUnwAbs, Measure::kSUnwSq,   Measure::kSWAbs, Measure::kSWSq,
                                 Measure::kKappaAbs, Measure::kPiAbs, Measure::kTauB};
}

std::string to_string(Scope s) { return s == Scope::kGlobal ? "global" : "regional"; }

std::string to_string(Region r) {
  switch (r) {
    case Region::kAmericas: return "americas";
    case Region::kEurope: return "europe";
    case Region::kAfrica: return "africa";
    case Region::kMiddleEast: return "middle_east";
    case Region::kAsia: return "asia";
    case Region::kOceania: return "oceania";
  }
  return "?";
}

std::string to_string(Measure m) {
  switch (m) {
    case Measure::kSUnwAbs: return "s_unw_abs";
    case Measure::kSUnwSq: return "s_unw_sq";
    case Measure::kSWAbs: return "s_w_abs";
    case Measure::kSWSq: return "s_w_sq";
    case Measure::kKappaAbs: return "kappa_abs";
    case Measure::kPiAbs: return "pi_abs";
    case Measure::kTauB: return "taub";
  }
  return "?";
}

Scope scope_from_string(std::string_view s) {
  if (s == "global") return Scope::kGlobal;
  if (s == "regional") return Scope::kRegional;
  throw InputError(SourceLocation{}, "scope", fmt::format("found '{}', expected global or regional", s));
}

Measure measure_from_string(std::string_view s) {
  for (Measure m : kMeasures)
    if (to_string(m) == s) return m;
  throw InputError(SourceLocation{}, "measure",
                   fmt::format("found '{}', expected one of s_unw_abs, s_unw_sq, s_w_abs, s_w_sq, kappa_abs, "
                               "pi_abs, taub",
                               s));
}

}  // namespace geobalance::alignment
