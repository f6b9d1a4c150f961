// Reading annual arms series from CSV (geobalance::io::CsvTable), long format: one row per
// actor-year. The columns are found by name; with no explicit names the layout is
// recognised from the header:
//   SIPRI extract:  stateabb, year, milex_const2023_usd_m     (US$ m, constant 2023 prices)
//   OWID/FAS:       Code, Year, nuclear_weapons_stockpile      (warheads)
//   generic:        actor, year, value
// The built-in files data/armsrace/*.csv use the first two layouts plus a source column.
#ifndef GEOBALANCE_ARMSRACE_SERIES_FILE_H_
#define GEOBALANCE_ARMSRACE_SERIES_FILE_H_

#include <string>
#include <vector>

#include "geobalance/armsrace/estimate.h"

namespace geobalance::armsrace {

struct SeriesColumns {
  std::string actor;  ///< empty = recognise from the header
  std::string year;
  std::string value;
};

/// Reads `actors` over [first_year, last_year] (inclusive; last_year = 0 means the latest
/// year every actor has). Throws InputError at the cell
/// for a bad value or a duplicate actor-year, and naming the actor and year when a needed
/// value is absent.
Series read_series_csv(const std::string& path, const std::vector<std::string>& actors,
                       int first_year, int last_year, const SeriesColumns& columns = {});

/// Built-in file names under geobalance::data_path().
inline constexpr const char* kBuiltinMilexFile = "armsrace/milex_usa_rus_chn_1995_2024.csv";
inline constexpr const char* kBuiltinWarheadsFile = "armsrace/warheads_usa_rus_1985_2023.csv";

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_SERIES_FILE_H_
