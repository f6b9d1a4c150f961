#include "race_extras.h"

#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "geobalance/armsrace/deployed_cap.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/registry.h"
#include "geobalance/store/sha256.h"

namespace geobalance::scenario::detail {

std::optional<armsrace::Series> load_deployed_strategic(const std::vector<std::string>& actors, int last_year,
                                                        std::vector<DatasetRecord>& datasets,
                                                        std::vector<std::string>& notes) {
  const std::string path = data_path(armsrace::kBuiltinDeployedFile);
  armsrace::Series s = armsrace::read_deployed_strategic(path, actors);
  if (s.years.front() > last_year) {
    notes.push_back(fmt::format("warheads race: no deployed strategic warheads on or before {} ({} starts in {}), so "
                                "no cap scenario",
                                last_year, path, s.years.front()));
    return std::nullopt;
  }
  if (s.years.back() > last_year) s = s.slice(s.years.front(), last_year);
  DatasetRecord d{"series:deployed_strategic", path, store::sha256_file(path), "", "", "", {}};
  try {
    const io::Registry reg = io::load_registry(data_dir());
    if (const io::DatasetEntry* e = reg.for_path(path))
      d.name = e->name, d.title = e->title, d.version = e->version, d.bibtex_keys = e->bibtex_keys;
  } catch (const InputError&) {
    // run() already notes an unreadable registry; the record keeps its path and hash.
  }
  datasets.push_back(std::move(d));
  return s;
}

void add_deployed_cap(const armsrace::RaceOutlook& race, int forecast_to, ArmsraceAnswer& a, RaceSeries* x) {
  if (!race.deployed_cap) return;
  const armsrace::DeployedCap& d = *race.deployed_cap;
  if (x) {
    x->deployed = d.deployed;
    x->deployed_capped = d.capped;
    x->deployed_limit = d.limit;
    x->deployed_label = d.label;
  }
  std::size_t k = d.times.size();
  for (std::size_t j = 0; j < d.times.size(); ++j)
    if (std::lround(d.times[j]) == forecast_to) k = j;
  if (k == d.times.size()) return;
  DeployedCapAnswer c;
  c.label = d.label;
  c.limit = d.limit;
  c.share_year = d.share_year;
  c.actors = d.actors;
  c.party = d.party;
  c.share = d.share;
  c.observed = d.observed_deployed;
  c.deployed = d.deployed[k];
  c.capped = d.capped[k];
  c.moved = d.above[k];
  if (k < d.deployed_low.size()) c.deployed_low = d.deployed_low[k], c.deployed_high = d.deployed_high[k];
  a.deployed = std::move(c);
}

void add_track_record(const forecast::BacktestResult& bt, ArmsraceAnswer& a) {
  a.track.clear();
  a.track_first_origin = bt.first_origin;
  a.track_last_origin = bt.last_origin;
  for (const auto& row : bt.rows)
    if (row.state == "all")
      a.track.push_back({row.model, row.horizon, row.n, row.mae, row.rel_mae, row.crps, row.cover90});
  double err = 0, base = 0;
  bool any = false;
  for (const auto& s : bt.scored)
    if (s.model == forecast::ModelKind::kRichardson) {
      err += std::abs(s.point - s.observed);
      base += s.nochange_abs_error;
      any = true;
    }
  if (any && base > 0) a.richardson_rel_mae = err / base;
}

}  // namespace geobalance::scenario::detail
