// Enum <-> string conversions of the SMP's option family (one place, used by the CLI, the
// scenario parser and the bindings).
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "geobalance/bargaining/smp.h"
#include "geobalance/error.h"

namespace geobalance::bargaining {
namespace {

template <typename E, std::size_t N>
std::string name_of(const std::array<std::pair<E, const char*>, N>& table, E v) {
  for (const auto& [e, s] : table)
    if (e == v) return s;
  return "unknown";
}

template <typename E, std::size_t N>
E parse(const std::array<std::pair<E, const char*>, N>& table, std::string_view s,
        std::string_view what) {
  std::string allowed;
  for (const auto& [e, name] : table) {
    if (s == name) return e;
    allowed += allowed.empty() ? "" : ", ";
    allowed += name;
  }
  throw InputError(SourceLocation{}, std::string(what),
                   fmt::format("found '{}', expected one of {}", s, allowed));
}

constexpr std::array<std::pair<SmpVictoryModel, const char*>, 4> kVictory{{
    {SmpVictoryModel::kLinear, "linear"},
    {SmpVictoryModel::kSquare, "square"},
    {SmpVictoryModel::kQuartic, "quartic"},
    {SmpVictoryModel::kOctic, "octic"},
}};
constexpr std::array<std::pair<SmpRiskRange, const char*>, 3> kRange{{
    {SmpRiskRange::kMin, "min"},
    {SmpRiskRange::kMid, "mid"},
    {SmpRiskRange::kMax, "max"},
}};
constexpr std::array<std::pair<SmpRiskAdjust, const char*>, 5> kAdjust{{
    {SmpRiskAdjust::kNone, "none"},
    {SmpRiskAdjust::kOneThird, "one-third"},
    {SmpRiskAdjust::kHalf, "half"},
    {SmpRiskAdjust::kTwoThirds, "two-thirds"},
    {SmpRiskAdjust::kFull, "full"},
}};
constexpr std::array<std::pair<SmpBargainWeights, const char*>, 2> kWeights{{
    {SmpBargainWeights::kS2P2, "s2p2"},
    {SmpBargainWeights::kS1P1, "s1p1"},
}};
constexpr std::array<std::pair<SmpTransitions, const char*>, 2> kTransitions{{
    {SmpTransitions::kDeterministic, "deterministic"},
    {SmpTransitions::kStochastic, "stochastic"},
}};
constexpr std::array<std::pair<SmpTermination, const char*>, 4> kTermination{{
    {SmpTermination::kConverged, "converged"},
    {SmpTermination::kMaxTurns, "max-turns"},
    {SmpTermination::kCancelled, "cancelled"},
    {SmpTermination::kCycle, "cycle"},
}};

}  // namespace

std::string to_string(SmpVictoryModel v) { return name_of(kVictory, v); }
std::string to_string(SmpRiskRange v) { return name_of(kRange, v); }
std::string to_string(SmpRiskAdjust v) { return name_of(kAdjust, v); }
std::string to_string(SmpBargainWeights v) { return name_of(kWeights, v); }
std::string to_string(SmpTransitions v) { return name_of(kTransitions, v); }
std::string to_string(SmpTermination v) { return name_of(kTermination, v); }

SmpVictoryModel smp_victory_model_from_string(std::string_view s) {
  return parse(kVictory, s, "victory model");
}
SmpRiskRange smp_risk_range_from_string(std::string_view s) { return parse(kRange, s, "risk range"); }
SmpRiskAdjust smp_risk_adjust_from_string(std::string_view s) {
  return parse(kAdjust, s, "risk adjustment");
}
SmpBargainWeights smp_bargain_weights_from_string(std::string_view s) {
  return parse(kWeights, s, "bargain weights");
}
SmpTransitions smp_transitions_from_string(std::string_view s) {
  return parse(kTransitions, s, "transitions");
}

}  // namespace geobalance::bargaining
