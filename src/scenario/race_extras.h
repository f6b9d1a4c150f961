// The arms-race answer's additions that live outside run.cc: the counterfactual limit on
// deployed strategic warheads (armsrace/deployed_cap.h) and the backtest's track record by
// horizon (forecast/backtest.h). Internal to the scenario module.
#ifndef GEOBALANCE_SRC_SCENARIO_RACE_EXTRAS_H_
#define GEOBALANCE_SRC_SCENARIO_RACE_EXTRAS_H_

#include <optional>
#include <string>
#include <vector>

#include "geobalance/armsrace/outlook.h"
#include "geobalance/forecast/backtest.h"
#include "geobalance/scenario/result.h"

namespace geobalance::scenario::detail {

/// The built-in deployed strategic warheads (data/armsrace/deployed_strategic_usa_rus_2022_2023.csv)
/// for `actors`, cut at `last_year`. The file is recorded in `datasets` (role
/// "series:deployed_strategic", registry title when listed) when read. std::nullopt, with a
/// note, when the file has no year on or before last_year (a hindcast before 2022): the
/// warhead race then has no cap scenario.
std::optional<armsrace::Series> load_deployed_strategic(const std::vector<std::string>& actors, int last_year,
                                                        std::vector<DatasetRecord>& datasets,
                                                        std::vector<std::string>& notes);

/// The deployed cap at forecast_to (the outlook's point run and band, mapped) into a.deployed,
/// and the race's deployed series into x; nothing when the race has no deployed cap.
void add_deployed_cap(const armsrace::RaceOutlook& race, int forecast_to, ArmsraceAnswer& a, RaceSeries* x);

/// The pooled rows of a backtest into a.track, and the Richardson model's rel. MAE over all its
/// pooled (state, origin, horizon) pairs into a.richardson_rel_mae.
void add_track_record(const forecast::BacktestResult& bt, ArmsraceAnswer& a);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_RACE_EXTRAS_H_
