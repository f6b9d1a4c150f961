// Readers for geobalance's own built-in tables in data/ (each row carries a source column):
// NATO membership with accession dates, capitals, theatre centroids, and the yearly
// capability figures 1995-2024 (data/capabilities.csv, see tools/make_capabilities.py).
#ifndef GEOBALANCE_POWER_BUILTIN_DATA_H_
#define GEOBALANCE_POWER_BUILTIN_DATA_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "geobalance/core/random.h"
#include "geobalance/core/records.h"
#include "geobalance/core/world.h"
#include "geobalance/power/composite.h"
#include "geobalance/power/theatre.h"

namespace geobalance::power {

struct NatoMember {
  int ccode = 0;
  std::string abb;
  std::string name;
  Date accession;
  std::optional<Date> exit;  ///< GFR's membership passed to GMY on 1990-10-03
  std::string source;
  int line = 0;  ///< line in nato_members.csv (for messages)
};

/// data/nato_members.csv: ccode, stateabb, name, accession_date, exit_date, source.
std::vector<NatoMember> load_nato_members(const std::string& path);
/// Members on a date (accession <= date, and no exit before it), ascending ccode.
std::vector<int> nato_members_on(const std::vector<NatoMember>& members, const Date& date);

struct CountryInfo {
  int ccode = 0;
  std::string abb;
  std::string iso3;
  std::string name;
  std::string capital;
  GeoPoint location;
};

/// data/countries.csv: ccode, stateabb, iso3, name, capital, lat, lon, source.
std::vector<CountryInfo> load_countries(const std::string& path);

struct TheatreInfo {
  std::string name;
  GeoPoint centroid;
};

/// data/theatres.csv: theatre, lat, lon, basis, source.
std::vector<TheatreInfo> load_theatres(const std::string& path);

/// data/capabilities.csv as a panel with indicators milex, gdp, milper, tpop, warheads.
/// The optional columns milper_sd_k and tpop_sd_k (standard deviations of the 2023-2024
/// NOWCAST values, see docs/data.md) fill Row::sd; a row with an sd must have a value, and an
/// sd must be a finite number >= 0.
Panel load_capability_table(const std::string& path);

/// A multiplicative factor r > 0 with mean 1 and standard deviation `cv` (>= 0): lognormal,
/// r = exp(mu + s z) with s^2 = ln(1 + cv^2), mu = -s^2 / 2, z standard normal from `rng`
/// (one normal draw). So value * r has mean `value` and sd `value * cv` and is never negative:
/// no clipping is needed. cv = 0 gives 1 (the draw is still taken, keeping streams aligned).
double nowcast_factor(double cv, Rng& rng);

/// One ensemble replicate's draw of a panel's nowcast cells: every value > 0 with a finite
/// sd > 0 becomes value * nowcast_factor(sd / value) (lognormal with the row's value as mean
/// and its sd as standard deviation; one draw per such cell, in row then indicator order).
/// A cell whose value is 0 has no lognormal with mean 0 and a spread: it keeps its point
/// value (nowcast_cells counts it in held_at_point, for the caller's caveat). Every other
/// value is unchanged. This is how a scenario's ensemble carries the nowcast uncertainty (the
/// scenario declares that it does, with its rationale: docs/scenario.md).
Panel draw_nowcasts(const Panel& panel, Rng& rng);

/// The nowcast cells of a panel (a finite sd > 0): how many, and which of them keep their
/// point value in every draw ("LUX 2023 milper": value 0).
struct NowcastCells {
  int drawn = 0;
  std::vector<std::string> held_at_point;
};
NowcastCells nowcast_cells(const Panel& panel);

/// Years [first, last] that a panel covers (every row counted); nullopt for an empty panel.
std::optional<std::pair<int, int>> year_span(const Panel& panel);

/// Everything in data/ the power module uses, loaded and cross-checked (every NATO member,
/// capability row and theatre actor must be in countries.csv with the same abbreviation).
struct BuiltinData {
  std::vector<CountryInfo> countries;
  CountryIndex index;
  std::vector<NatoMember> nato;
  std::vector<TheatreInfo> theatres;
  Panel capabilities;
  const CountryInfo* country(int ccode) const;
};
BuiltinData load_builtin_data(const std::string& dir);

}  // namespace geobalance::power

#endif  // GEOBALANCE_POWER_BUILTIN_DATA_H_
