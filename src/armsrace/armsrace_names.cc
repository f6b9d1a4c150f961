#include <fmt/format.h>

#include "geobalance/armsrace/names.h"
#include "geobalance/error.h"

namespace geobalance::armsrace {

std::string to_string(Variant v) {
  switch (v) {
    case Variant::kLinear: return "linear";
    case Variant::kLogistic: return "logistic";
    case Variant::kBudgetShare: return "budget_share";
  }
  return "?";
}

std::string to_string(TimeMode t) { return t == TimeMode::kContinuous ? "continuous" : "discrete"; }

std::string to_string(Termination t) {
  switch (t) {
    case Termination::kCompleted: return "completed";
    case Termination::kMaxSteps: return "max_steps";
    case Termination::kStepSizeUnderflow: return "step_size_underflow";
    case Termination::kBlowUp: return "blow_up";
  }
  return "?";
}

std::string to_string(EventKind k) {
  switch (k) {
    case EventKind::kCapStart: return "cap_start";
    case EventKind::kCapEnd: return "cap_end";
    case EventKind::kCapReached: return "cap_reached";
    case EventKind::kCapReleased: return "cap_released";
    case EventKind::kThreshold: return "threshold";
  }
  return "?";
}

std::string to_string(Regime r) {
  switch (r) {
    case Regime::kStableEquilibrium: return "stable equilibrium";
    case Regime::kRunawayRace: return "runaway race";
    case Regime::kDisarmamentSpiral: return "disarmament spiral";
    case Regime::kSaddle: return "saddle";
    case Regime::kOscillatory: return "oscillatory";
  }
  return "?";
}

Variant variant_from_string(std::string_view s) {
  if (s == "linear") return Variant::kLinear;
  if (s == "logistic") return Variant::kLogistic;
  if (s == "budget_share") return Variant::kBudgetShare;
  throw InputError(SourceLocation{}, "variant",
                   fmt::format("found '{}', expected one of linear, logistic, budget_share", s));
}

TimeMode time_mode_from_string(std::string_view s) {
  if (s == "continuous") return TimeMode::kContinuous;
  if (s == "discrete") return TimeMode::kDiscrete;
  throw InputError(SourceLocation{}, "time", fmt::format("found '{}', expected continuous or discrete", s));
}

}  // namespace geobalance::armsrace
