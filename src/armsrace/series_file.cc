#include "geobalance/armsrace/series_file.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::armsrace {

Series read_series_csv(const std::string& path, const std::vector<std::string>& actors, int first_year,
                       int last_year, const SeriesColumns& columns) {
  if (actors.empty()) throw InputError(SourceLocation{path}, "actors", "found none, expected at least one actor");
  io::CsvTable t = io::CsvTable::read_file(path);
  SeriesColumns c = columns;
  std::string units;
  if (c.actor.empty() && c.year.empty() && c.value.empty()) {
    if (t.find_column("milex_const2023_usd_m")) {
      c = {"stateabb", "year", "milex_const2023_usd_m"};
      units = "US$ m, constant 2023 prices";
    } else if (t.find_column("nuclear_weapons_stockpile")) {
      c = {"Code", "Year", "nuclear_weapons_stockpile"};
      units = "nuclear warheads (stockpile)";
    } else if (t.find_column("actor") && t.find_column("year") && t.find_column("value")) {
      c = {"actor", "year", "value"};
    } else {
      std::string hdr;
      for (const auto& h : t.header()) hdr += (hdr.empty() ? "" : ", ") + h;
      throw InputError(SourceLocation{path, 1, 1}, "header",
                       fmt::format("found columns {}, expected a SIPRI (stateabb, year, milex_const2023_usd_m), "
                                   "OWID (Code, Year, nuclear_weapons_stockpile) or generic (actor, year, value) layout",
                                   hdr));
    }
  } else if (c.actor.empty() || c.year.empty() || c.value.empty()) {
    throw InputError(SourceLocation{path}, "columns",
                     "found only some of the actor, year and value column names, expected all three or none");
  }
  const std::size_t ac = t.require_column(c.actor), yc = t.require_column(c.year), vc = t.require_column(c.value);

  // (actor index, year) -> value, and the row it came from.
  std::map<std::pair<std::size_t, int>, std::pair<double, std::size_t>> cells;
  std::vector<int> latest(actors.size(), std::numeric_limits<int>::min());
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    std::string_view a = t.get_string(r, ac, true);
    auto it = std::find(actors.begin(), actors.end(), a);
    if (it == actors.end()) continue;
    const std::size_t i = static_cast<std::size_t>(it - actors.begin());
    const long long y = t.get_int(r, yc);
    if (y < first_year || (last_year != 0 && y > last_year)) continue;
    std::optional<double> v = t.get_double(r, vc, io::Missing::kBlankOrNA, true);
    if (!v) continue;
    auto key = std::make_pair(i, static_cast<int>(y));
    if (auto prev = cells.find(key); prev != cells.end())
      t.fail_row(r, fmt::format("actor '{}' year {}", a, y),
                 fmt::format("found a second value, expected one per actor-year (the first is on line {})",
                             t.line_of_row(prev->second.second)));
    cells[key] = {*v, r};
    latest[i] = std::max(latest[i], static_cast<int>(y));
  }
  int last = last_year;
  if (last == 0) {
    last = *std::min_element(latest.begin(), latest.end());
    if (last == std::numeric_limits<int>::min()) {
      std::size_t i = static_cast<std::size_t>(std::min_element(latest.begin(), latest.end()) - latest.begin());
      throw InputError(SourceLocation{path}, fmt::format("actor '{}'", actors[i]),
                       fmt::format("found no values from {} on, expected a series", first_year));
    }
  }
  if (last < first_year)
    throw InputError(SourceLocation{path}, "years",
                     fmt::format("found the range {}-{}, expected first <= last", first_year, last));
  Series s;
  s.actors = actors;
  s.units = units;
  s.source = path;
  for (int y = first_year; y <= last; ++y) {
    std::vector<double> row;
    for (std::size_t i = 0; i < actors.size(); ++i) {
      auto f = cells.find({i, y});
      if (f == cells.end())
        throw InputError(SourceLocation{path}, fmt::format("actor '{}'", actors[i]),
                         fmt::format("found no value for {}, expected one for every year {}-{}", y, first_year, last));
      row.push_back(f->second.first);
    }
    s.years.push_back(y);
    s.values.push_back(std::move(row));
  }
  return s;
}

}  // namespace geobalance::armsrace
