// Enum <-> string conversions of the armsrace module (one place for the CLI, model files,
// the scenario parser and the bindings). *_from_string throws InputError listing the choices.
#ifndef GEOBALANCE_ARMSRACE_NAMES_H_
#define GEOBALANCE_ARMSRACE_NAMES_H_

#include <string>
#include <string_view>

#include "geobalance/armsrace/model.h"
#include "geobalance/armsrace/simulate.h"
#include "geobalance/armsrace/stability.h"

namespace geobalance::armsrace {

std::string to_string(Variant v);      ///< "linear" | "logistic" | "budget_share"
std::string to_string(TimeMode t);     ///< "continuous" | "discrete"
std::string to_string(Termination t);  ///< "completed" | "max_steps" | "step_size_underflow" | "blow_up"
std::string to_string(EventKind k);    ///< "cap_start" | "cap_end" | "cap_reached" | "cap_released" | "threshold"
std::string to_string(Regime r);       ///< "stable equilibrium" | "runaway race" | ...

Variant variant_from_string(std::string_view s);
TimeMode time_mode_from_string(std::string_view s);

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_NAMES_H_
