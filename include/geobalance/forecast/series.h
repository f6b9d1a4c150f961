// Annual series for forecasting: one value per state and year (NaN = no observation), built
// from the records the io/ and power/ loaders return, and cut at a forecast origin.
//
// Series names and what they hold (state keys are COW abbreviations, e.g. USA, RUS, CHN):
//   milex       military expenditure, US$ m constant 2023 prices (data/capabilities.csv's
//               milex_const2023_usd_m, or a SIPRI extract)             positive: modelled in logs
//   warheads    nuclear warhead stockpile (FAS via OWID, or capabilities.csv's warheads)
//                                                                      positive: modelled in logs
//   cinc        COW's own CINC column of a National Material Capabilities file
//                                                                      positive: modelled in logs
//   idealpoint  UN General Assembly ideal point (Bailey, Strezhnev & Voeten)
//                                                                      any sign: modelled in levels
#ifndef GEOBALANCE_FORECAST_SERIES_H_
#define GEOBALANCE_FORECAST_SERIES_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/core/records.h"
#include "geobalance/power/composite.h"

namespace geobalance::forecast {

enum class SeriesKind { kMilex, kWarheads, kCinc, kIdealPoint };
std::string to_string(SeriesKind k);
std::optional<SeriesKind> series_kind_from_string(std::string_view s);
/// Every name series_kind_from_string accepts, comma-separated (for messages).
std::string series_kind_names();
/// Whether the series is positive (modelled in logs; log-scale models apply).
bool is_positive(SeriesKind k);

/// A wide annual panel: values[s][year - first_year].
struct AnnualSeries {
  SeriesKind kind = SeriesKind::kMilex;
  std::string source;                       ///< where it was read from (for reports)
  std::vector<std::string> states;
  int first_year = 0;
  int last_year = -1;                       ///< last_year < first_year: no years
  std::vector<std::vector<double>> values;  ///< NaN = missing

  std::size_t num_years() const { return last_year >= first_year ? std::size_t(last_year - first_year + 1) : 0; }
  /// The value of state s in `year`, NaN when missing or out of range.
  double at(std::size_t s, int year) const;
  bool positive() const { return is_positive(kind); }
};

/// The series as seen at origin `year`: every year after it dropped (years before the data's
/// first year leave an empty series). This is the only view a forecaster gets.
AnnualSeries cut_at(const AnnualSeries& series, int year);

/// The same cut for any loader's records (anything with a `year` member): the rows with
/// row.year <= year, in their order.
template <class Row>
std::vector<Row> rows_through(const std::vector<Row>& rows, int year) {
  std::vector<Row> out;
  for (const Row& r : rows)
    if (r.year <= year) out.push_back(r);
  return out;
}

// ---- Builders. `states` empty = every state of the source with an observation; otherwise each
// listed state must occur in the source, or InputError names `flag` ("--states").

/// One indicator of a power::Panel (e.g. data/capabilities.csv's "milex" or "warheads").
AnnualSeries series_from_panel(SeriesKind kind, const power::Panel& panel, const std::string& indicator,
                               const std::vector<std::string>& states, const std::string& source,
                               const std::string& flag = "--states");
/// A SIPRI extract's constant-dollar column (milex).
AnnualSeries series_from_sipri(const std::vector<SipriMilex>& rows, const std::vector<std::string>& states,
                               const std::string& source, const std::string& flag = "--states");
/// OWID/FAS stockpiles (warheads). `abb_of_iso3` maps OWID's ISO3 codes to COW abbreviations
/// (codes it lacks keep their ISO3 code); aggregates without a code (World) are left out.
AnnualSeries series_from_owid(const std::vector<WarheadStock>& rows,
                              const std::map<std::string, std::string>& abb_of_iso3,
                              const std::vector<std::string>& states, const std::string& source,
                              const std::string& flag = "--states");
/// COW's own cinc column of an NMC file (cinc). Years where COW's cinc is missing stay NaN.
AnnualSeries series_from_nmc_cinc(const std::vector<NmcRecord>& rows, const std::vector<std::string>& states,
                                  const std::string& source, const std::string& flag = "--states");
/// UN ideal points (idealpoint). `abb_of_ccode` maps COW codes to abbreviations (codes it lacks
/// are keyed by the file's ISO3 code, or by the COW code when that is empty too).
AnnualSeries series_from_idealpoints(const std::vector<IdealPoint>& rows, const std::map<int, std::string>& abb_of_ccode,
                                     const std::vector<std::string>& states, const std::string& source,
                                     const std::string& flag = "--states");

}  // namespace geobalance::forecast

#endif  // GEOBALANCE_FORECAST_SERIES_H_
