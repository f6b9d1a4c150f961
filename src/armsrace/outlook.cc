#include "geobalance/armsrace/outlook.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geobalance/armsrace/series_file.h"
#include "geobalance/check.h"
#include "geobalance/error.h"

namespace geobalance::armsrace {

void OutlookOptions::validate() const {
  constexpr std::string_view w = "OutlookOptions";
  if (holdout_last_fit_year <= fit_from)
    throw InputError(fmt::format("{}: holdout_last_fit_year is {}, but must be > fit_from ({})", w,
                                 holdout_last_fit_year, fit_from));
  check_finite(w, "cap_from", cap_from);
  check_positive(w, "cap_fraction", cap_fraction);
  check_positive(w, "deployed_limit", deployed_limit);
  check_at_least(w, "bootstrap_replicates", bootstrap_replicates, 0);
  if (!(level > 0 && level < 1))
    throw InputError(fmt::format("{}: level is {}, but must be in (0, 1)", w, format_value(level)));
  if (!(band_level > 0 && band_level < 1))
    throw InputError(fmt::format("{}: band_level is {}, but must be in (0, 1)", w, format_value(band_level)));
}

namespace {

RaceOutlook run_race(std::string name, std::string title, const Series& series, const OutlookOptions& o,
                     std::uint64_t seed, bool freeze_cap) {
  RaceOutlook r;
  r.name = std::move(name);
  r.title = std::move(title);
  series.validate();
  const int first = std::max(o.fit_from, series.years.front());
  const int last = series.years.back();
  if (o.forecast_to <= last)
    throw InputError(SourceLocation{}, "forecast_to",
                     fmt::format("found {}, expected a year after the last observed year ({})", o.forecast_to, last));
  r.data = series.slice(first, last);
  FitOptions fo;
  fo.bootstrap_replicates = o.bootstrap_replicates;
  fo.seed = seed;
  fo.level = o.level;
  fo.threads = o.threads;
  r.fit = fit(r.data, fo);
  r.holdout = holdout_check(r.data, o.holdout_last_fit_year, fo);
  r.stability = analyse_stability(r.fit.model);

  Model free = r.fit.model;  // x0 = last observed levels, discrete, period 1
  Model capped = free;
  for (std::size_t i = 0; freeze_cap && i < free.size(); ++i) {
    Cap c;
    c.actor = i;
    c.level = o.cap_fraction * free.x0[i];
    c.from = o.cap_from;
    c.label = fmt::format("judgement: {} at {:g}x the {} level", o.cap_fraction == 1 ? "freeze" : "cap",
                          o.cap_fraction, last);
    capped.caps.push_back(c);
  }
  r.caps = capped.caps;
  const double t0 = last, t1 = o.forecast_to;
  r.no_cap = simulate(free, t0, t1, 1.0);
  r.no_cap_band = forecast_band(r.fit, free, t0, t1, o.band_level, o.threads);
  // Without a cap on the fitted quantity the "with cap" run is the no-cap run.
  r.with_cap = freeze_cap ? simulate(capped, t0, t1, 1.0) : r.no_cap;
  r.with_cap_band = freeze_cap ? forecast_band(r.fit, capped, t0, t1, o.band_level, o.threads) : r.no_cap_band;
  return r;
}

}  // namespace

Outlook default_actor_analysis(const Series& milex, const Series& warheads, const OutlookOptions& options,
                               const Series* deployed) {
  options.validate();
  Outlook out;
  out.milex = run_race("milex", "US-Russia-China military expenditure", milex, options, options.seed, true);
  // No treaty limited total stockpiles: the warhead race's cap acts on deployed strategic
  // warheads (deployed_cap.h), and the total runs on unchanged.
  out.warheads = run_race("warheads", "US-Russia nuclear warhead stockpiles", warheads, options, options.seed + 1, false);
  if (deployed) {
    DeployedCapOptions dco;
    dco.limit = options.deployed_limit;
    dco.from = options.cap_from;
    out.warheads.deployed_cap =
        deployed_cap(out.warheads.data, *deployed, out.warheads.no_cap, out.warheads.no_cap_band, dco);
  }
  return out;
}

}  // namespace geobalance::armsrace
