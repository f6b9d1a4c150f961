#include "geobalance/armsrace/deployed_cap.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "geobalance/armsrace/series_file.h"
#include "geobalance/check.h"
#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::armsrace {

Series read_deployed_strategic(const std::string& path, const std::vector<std::string>& actors) {
  if (actors.empty()) throw InputError(SourceLocation{path}, "actors", "found none, expected at least one actor");
  io::CsvTable t = io::CsvTable::read_file(path);
  SeriesColumns c{"actor", "year", "value"};
  if (t.find_column("nuclear_weapons_depl_strat")) c = {"Code", "Year", "nuclear_weapons_depl_strat"};
  const std::size_t ac = t.require_column(c.actor), yc = t.require_column(c.year);
  // The first year every actor has (read_series_csv then requires every year from it on).
  std::vector<int> first(actors.size(), std::numeric_limits<int>::max());
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    auto it = std::find(actors.begin(), actors.end(), t.get_string(r, ac, true));
    if (it == actors.end()) continue;
    auto& f = first[static_cast<std::size_t>(it - actors.begin())];
    f = std::min(f, static_cast<int>(t.get_int(r, yc)));
  }
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (first[i] == std::numeric_limits<int>::max())
      throw InputError(SourceLocation{path}, fmt::format("actor '{}'", actors[i]),
                       "found no deployed strategic warheads, expected at least one year");
  Series s = read_series_csv(path, actors, *std::max_element(first.begin(), first.end()), 0, c);
  s.units = "deployed strategic warheads (FAS)";
  return s;
}

void DeployedCapOptions::validate() const {
  constexpr std::string_view w = "DeployedCapOptions";
  check_positive(w, "limit", limit);
  check_finite(w, "from", from);
}

DeployedCap deployed_cap(const Series& totals, const Series& deployed, const Trajectory& no_cap,
                         const ForecastBand& band, const DeployedCapOptions& o) {
  o.validate();
  DeployedCap d;
  d.limit = o.limit;
  d.from = o.from;
  d.actors = totals.actors;
  // The latest year both series hold.
  for (int y : deployed.years)
    if (std::find(totals.years.begin(), totals.years.end(), y) != totals.years.end()) d.share_year = std::max(d.share_year, y);
  if (d.share_year == 0)
    throw InputError(SourceLocation{deployed.source}, "years",
                     fmt::format("found no year in common with the stockpile series ({}-{}), expected one to take "
                                 "the deployed share from",
                                 totals.years.empty() ? 0 : totals.years.front(), totals.years.empty() ? 0 : totals.years.back()));
  const auto& trow = totals.values[totals.row_of(d.share_year)];
  const auto& drow = deployed.values[deployed.row_of(d.share_year)];
  for (std::size_t i = 0; i < d.actors.size(); ++i) {
    auto it = std::find(deployed.actors.begin(), deployed.actors.end(), d.actors[i]);
    if (it == deployed.actors.end())
      throw InputError(SourceLocation{deployed.source}, fmt::format("actor '{}'", d.actors[i]),
                       "found no deployed strategic warheads, expected a value for every actor of the race");
    const double dep = drow[static_cast<std::size_t>(it - deployed.actors.begin())];
    const double s = dep / trow[i];
    if (!(s >= 0 && s <= 1))
      throw InputError(SourceLocation{deployed.source}, fmt::format("actor '{}' year {}", d.actors[i], d.share_year),
                       fmt::format("found {} deployed strategic warheads against a stockpile of {}, expected 0 to the "
                                   "stockpile",
                                   dep, trow[i]));
    d.share.push_back(s);
    d.observed_deployed.push_back(dep);
    d.party.push_back(std::find(o.parties.begin(), o.parties.end(), d.actors[i]) != o.parties.end());
  }
  d.label = fmt::format(
      "counterfactual: a New START-like limit of {:g} deployed strategic warheads per party restored from {:.3f} "
      "(New START expired on 5 February 2026)",
      o.limit, o.from);
  d.times = no_cap.times;
  // On the yearly grid a limit dated between grid points binds from the next one.
  auto binds = [&](double t) { return t >= o.from; };
  auto map = [&](const std::vector<std::vector<double>>& in, std::vector<std::vector<double>>& dep,
                 std::vector<std::vector<double>>* cap, std::vector<std::vector<double>>* above) {
    for (std::size_t k = 0; k < in.size(); ++k) {
      std::vector<double> drow_, crow, arow;
      for (std::size_t i = 0; i < d.actors.size() && i < in[k].size(); ++i) {
        const double x = d.share[i] * in[k][i];
        const double c = d.party[i] && binds(d.times[k]) ? std::min(x, o.limit) : x;
        drow_.push_back(x), crow.push_back(c), arow.push_back(x - c);
      }
      dep.push_back(std::move(drow_));
      if (cap) cap->push_back(std::move(crow));
      if (above) above->push_back(std::move(arow));
    }
  };
  map(no_cap.values, d.deployed, &d.capped, &d.above);
  if (band.low.size() == d.times.size() && band.high.size() == d.times.size()) {
    map(band.low, d.deployed_low, &d.capped_low, nullptr);
    map(band.high, d.deployed_high, &d.capped_high, nullptr);
  }
  return d;
}

}  // namespace geobalance::armsrace
