#include "geobalance/forecast/series.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::forecast {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Obs {
  std::string key;
  int year;
  double value;
  int line;
};

// Builds the wide panel from long observations; `states` empty = all keys in first-seen order.
AnnualSeries build(SeriesKind kind, const std::vector<Obs>& obs, const std::vector<std::string>& states,
                   const std::string& source, const std::string& flag) {
  AnnualSeries s;
  s.kind = kind;
  s.source = source;
  std::set<std::string> seen_keys, wanted_set;
  std::vector<std::string> order;
  for (const Obs& o : obs)
    if (!std::isnan(o.value) && seen_keys.insert(o.key).second) order.push_back(o.key);
  if (states.empty()) {
    s.states = order;
  } else {
    for (const std::string& st : states) {
      if (!wanted_set.insert(st).second)
        throw InputError(SourceLocation{}, flag, fmt::format("found '{}' twice, expected each state once", st));
      if (!seen_keys.count(st))
        throw InputError(SourceLocation{}, flag,
                         fmt::format("found '{}', expected a state with {} data in {}", st, to_string(kind), source));
    }
    s.states = states;
  }
  if (s.states.empty())
    throw InputError(SourceLocation{source}, to_string(kind), "found no observations, expected at least one");
  int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < s.states.size(); ++i) index[s.states[i]] = i;
  for (const Obs& o : obs)
    if (index.count(o.key) && !std::isnan(o.value)) lo = std::min(lo, o.year), hi = std::max(hi, o.year);
  s.first_year = lo;
  s.last_year = hi;
  s.values.assign(s.states.size(), std::vector<double>(s.num_years(), kNaN));
  for (const Obs& o : obs) {
    auto it = index.find(o.key);
    if (it == index.end() || std::isnan(o.value)) continue;
    if (!std::isfinite(o.value) || (is_positive(kind) && o.value < 0))
      throw InputError(SourceLocation{source, o.line, 0}, to_string(kind),
                       fmt::format("found {} for {} in {}, expected a finite{} value", o.value, o.key, o.year,
                                   is_positive(kind) ? " non-negative" : ""));
    double& slot = s.values[it->second][std::size_t(o.year - lo)];
    if (!std::isnan(slot))
      throw InputError(SourceLocation{source, o.line, 0}, to_string(kind),
                       fmt::format("found a second value for {} in {}, expected one per state and year", o.key, o.year));
    slot = o.value;
  }
  return s;
}

}  // namespace

bool is_positive(SeriesKind k) { return k != SeriesKind::kIdealPoint; }

double AnnualSeries::at(std::size_t s, int year) const {
  if (s >= values.size() || year < first_year || year > last_year) return kNaN;
  return values[s][std::size_t(year - first_year)];
}

AnnualSeries cut_at(const AnnualSeries& series, int year) {
  AnnualSeries out = series;
  if (year >= series.last_year) return out;
  if (year < series.first_year) {
    out.last_year = series.first_year - 1;
    for (auto& v : out.values) v.clear();
    return out;
  }
  out.last_year = year;
  for (auto& v : out.values) v.resize(out.num_years());
  return out;
}

AnnualSeries series_from_panel(SeriesKind kind, const power::Panel& panel, const std::string& indicator,
                               const std::vector<std::string>& states, const std::string& source,
                               const std::string& flag) {
  int k = panel.indicator(indicator);
  if (k < 0)
    throw InputError(SourceLocation{source}, "indicator", fmt::format("found no '{}', expected it in the panel", indicator));
  std::vector<Obs> obs;
  obs.reserve(panel.rows.size());
  for (const auto& r : panel.rows) obs.push_back({r.abb, r.year, r.values[std::size_t(k)], r.line});
  return build(kind, obs, states, source, flag);
}

AnnualSeries series_from_sipri(const std::vector<SipriMilex>& rows, const std::vector<std::string>& states,
                               const std::string& source, const std::string& flag) {
  std::vector<Obs> obs;
  for (const auto& r : rows) obs.push_back({r.abb, r.year, r.const_usd_m, r.line});
  return build(SeriesKind::kMilex, obs, states, source, flag);
}

AnnualSeries series_from_owid(const std::vector<WarheadStock>& rows,
                              const std::map<std::string, std::string>& abb_of_iso3,
                              const std::vector<std::string>& states, const std::string& source,
                              const std::string& flag) {
  std::vector<Obs> obs;
  for (const auto& r : rows) {
    if (r.iso3.empty() || r.iso3.rfind("OWID", 0) == 0) continue;  // aggregates
    auto it = abb_of_iso3.find(r.iso3);
    obs.push_back({it != abb_of_iso3.end() ? it->second : r.iso3, r.year, r.stockpile, r.line});
  }
  return build(SeriesKind::kWarheads, obs, states, source, flag);
}

AnnualSeries series_from_nmc_cinc(const std::vector<NmcRecord>& rows, const std::vector<std::string>& states,
                                  const std::string& source, const std::string& flag) {
  std::vector<Obs> obs;
  for (const auto& r : rows) obs.push_back({r.abb, r.year, r.published_cinc, r.line});
  return build(SeriesKind::kCinc, obs, states, source, flag);
}

AnnualSeries series_from_idealpoints(const std::vector<IdealPoint>& rows, const std::map<int, std::string>& abb_of_ccode,
                                     const std::vector<std::string>& states, const std::string& source,
                                     const std::string& flag) {
  std::vector<Obs> obs;
  for (const auto& r : rows) {
    auto it = abb_of_ccode.find(r.ccode);
    std::string key = it != abb_of_ccode.end() ? it->second : r.iso3;
    if (key.empty()) key = std::to_string(r.ccode);  // no abbreviation and no ISO3 code: the COW code
    obs.push_back({key, r.year, r.ideal_point, r.line});
  }
  return build(SeriesKind::kIdealPoint, obs, states, source, flag);
}

}  // namespace geobalance::forecast
