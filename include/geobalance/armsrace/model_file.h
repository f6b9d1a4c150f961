// The armsrace model file (TOML, read with toml++):
//
//   name = "US-Russia strategic forces"        # optional
//   units = "warheads"                         # optional
//   actors = ["USA", "RUS"]
//   x0 = [3708, 4489]                          # levels at the start time
//   fatigue = [0.12, 0.10]                     # a_i
//   grievance = [300.0, 450.0]                 # g_i
//   defence = [[0, 0.08], [0.09, 0]]           # k_ij: response of i to j; zero diagonal
//   variant = "linear"                         # optional: linear | logistic | budget_share
//   time = "continuous"                        # optional: continuous | discrete
//   period = 1.0                               # optional, discrete time only
//   ceiling = [6000, 6000]                     # logistic only
//   gdp = [..], gdp_growth = [..], max_share = [..], gdp_year = 2024   # budget_share only
//
//   [[cap]]                                    # optional, any number
//   actor = "USA"                              # or actors = ["USA", "RUS"]
//   level = 1550
//   from = 2011-02-05                          # a TOML date or a decimal year
//   until = 2026-02-05                         # optional; absent = never lapses
//   label = "New START"                        # optional
//
// Every error reads "file:line:col: key 'x': found ..., expected ..." (InputError), at the
// offending value; unknown keys, wrong shapes, NaN and infinities, a non-zero diagonal,
// negative fatigue in the ceiling variants, and keys of another variant are all rejected.
// Dates convert to decimal years as year + (day of year - 1) / days in year.
#ifndef GEOBALANCE_ARMSRACE_MODEL_FILE_H_
#define GEOBALANCE_ARMSRACE_MODEL_FILE_H_

#include <string>
#include <string_view>

#include "geobalance/armsrace/model.h"

namespace geobalance::armsrace {

/// Reads and validates a model file. Throws InputError.
Model read_model_file(const std::string& path);
/// Parses model text; `source` names it in messages.
Model parse_model(std::string_view text, const std::string& source);
/// Renders a model as a model file that parse_model reads back to the same model.
/// `header` is emitted as leading comment lines.
std::string to_toml(const Model& m, const std::string& header = "");

/// Decimal year of a calendar date: year + (day of year - 1) / (days in year).
double decimal_year(int year, int month, int day);

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_MODEL_FILE_H_
