// The warhead cap scenario on the quantity a treaty limited (issue 13, item 3). New START
// (Article II) limited each party to 1,550 DEPLOYED STRATEGIC warheads (with one warhead
// attributed to each deployed heavy bomber); no treaty ever limited total stockpiles, and New
// START expired on 5 February 2026 (no limit since). So the cap scenario is a counterfactual,
// "if a New START-like limit were restored", and it acts on deployed strategic warheads only:
//
//   share_i        = deployed strategic_i / total stockpile_i in the latest year both are
//                    observed (FAS; 2023 in the built-in data: USA 1,670 / 3,708, RUS 1,674 / 4,489)
//   deployed_i(t)  = share_i x total_i(t)               (the no-cap forecast; judgement: the
//                                                        share stays at its last observed value)
//   capped_i(t)    = min(deployed_i(t), limit)          for parties, once t >= from
//   above_i(t)     = deployed_i(t) - capped_i(t)        warheads the limit moves to reserve
//   total_i(t)     = unchanged                          (a limit on deployment does not remove
//                                                        warheads from the stockpile)
//
// The min() is the scenario's stated assumption, not a clamp of data. Bands: share x and
// min(., limit) are non-decreasing, so each per-actor percentile maps to the same percentile
// of the deployed and capped quantities. The FAS counts deployed bomber weapons, New START
// counted one per bomber, so the FAS figures the limit is applied to are not the treaty's
// counts (the FAS count of the same forces is the larger); docs/armsrace.md says so.
#ifndef GEOBALANCE_ARMSRACE_DEPLOYED_CAP_H_
#define GEOBALANCE_ARMSRACE_DEPLOYED_CAP_H_

#include <string>
#include <vector>

#include "geobalance/armsrace/estimate.h"
#include "geobalance/armsrace/simulate.h"

namespace geobalance::armsrace {

/// New START, Article II: 1,550 deployed strategic warheads per party.
inline constexpr double kNewStartDeployedLimit = 1550;
/// Built-in FAS deployed strategic warheads (USA, RUS, 2022-2023), under geobalance::data_path().
inline constexpr const char* kBuiltinDeployedFile = "armsrace/deployed_strategic_usa_rus_2022_2023.csv";

/// Reads deployed strategic warheads: the OWID inventories layout (Code, Year,
/// nuclear_weapons_depl_strat) or generic (actor, year, value), every year the file has for
/// all `actors` (from the first year every actor has). Errors as read_series_csv.
Series read_deployed_strategic(const std::string& path, const std::vector<std::string>& actors);

struct DeployedCapOptions {
  double limit = kNewStartDeployedLimit;  ///< per party, > 0
  double from = 2026.0 + 35.0 / 365.0;    ///< when the restored limit binds (yearly grid: from the next whole year)
  std::vector<std::string> parties{"USA", "RUS"};  ///< actors the limit binds (China was never a party)
  /// Throws InputError for a non-positive or non-finite limit or a non-finite date.
  void validate() const;
};

struct DeployedCap {
  std::string label;  ///< "counterfactual: a New START-like limit of 1,550 deployed strategic warheads restored from 2026.096"
  double limit = kNewStartDeployedLimit;
  double from = 0;
  int share_year = 0;  ///< the year the shares come from
  std::vector<std::string> actors;
  std::vector<bool> party;
  std::vector<double> share;            ///< deployed / total stockpile in share_year
  std::vector<double> observed_deployed;  ///< in share_year
  std::vector<double> times;
  /// [k][i] at times[k]: the no-cap deployed forecast, with the limit, and the difference.
  std::vector<std::vector<double>> deployed, capped, above;
  /// The same for the no-cap band's low and high ends (empty when no band was given).
  std::vector<std::vector<double>> deployed_low, deployed_high, capped_low, capped_high;
};

/// The cap scenario for a warhead race: `totals` are the stockpiles the race was fitted on,
/// `deployed` the deployed strategic series (same actors; a year in common with `totals`),
/// `no_cap` and `band` the race's no-cap forecast and its band (band may be empty).
/// Throws InputError when the series share no year, an actor is missing, or a share is
/// outside [0, 1] (deployed above the stockpile).
DeployedCap deployed_cap(const Series& totals, const Series& deployed, const Trajectory& no_cap,
                         const ForecastBand& band, const DeployedCapOptions& options = {});

}  // namespace geobalance::armsrace

#endif  // GEOBALANCE_ARMSRACE_DEPLOYED_CAP_H_
