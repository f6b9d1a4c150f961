// Running a scenario: every module the scenario asks for, with a Monte Carlo ensemble over
// the declared uncertainties, on the scenario's World cut at history_to and as_of (no model
// sees a row, event or shock dated after them). Replicate i draws from Rng(seed, i), so
// results are identical for any thread count. Replicates 0..N-1 are perturbed; the baseline
// (unperturbed) run gives the point values, the ensemble gives the intervals.
#ifndef GEOBALANCE_SCENARIO_RUN_H_
#define GEOBALANCE_SCENARIO_RUN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "geobalance/core/parallel.h"
#include "geobalance/scenario/result.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"

namespace geobalance::scenario {

struct RunOptions {
  std::optional<int> replicates;          ///< overrides the scenario's ensemble size
  std::optional<std::uint64_t> seed;      ///< overrides the scenario's seed
  std::optional<unsigned> threads;        ///< overrides; 0 = all cores
  bool progress = false;                  ///< draw a progress bar on a terminal
  /// Interval level: [ (1-level)/2, (1+level)/2 ] quantiles of the ensemble.
  double interval_level = 0.9;
  void validate() const;
};

/// Runs the scenario on `world` (uncut; it is cut here at the scenario's history_to and
/// as_of). Throws InputError for inputs that cannot be run (e.g. an issue file the model
/// rejects, a question's actor absent from the data); cancellation is a result
/// (termination kCancelled).
ScenarioResult run_scenario(const Scenario& scenario, const World& world, const RunOptions& options = {},
                            const CancelToken& cancel = CancelToken{});

/// As above, on the World load_scenario() loaded (scenario.world).
ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options = {},
                            const CancelToken& cancel = CancelToken{});

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_RUN_H_
