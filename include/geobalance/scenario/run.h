// Running a scenario: every module the scenario asks for, with a Monte Carlo ensemble over
// the declared uncertainties. Replicate i draws from Rng(seed, i), so results are identical
// for any thread count. Replicate 0..N-1 are perturbed; the baseline (unperturbed) run gives
// the point values, the ensemble gives the intervals (5th-95th percentiles).
#ifndef GEOBALANCE_SCENARIO_RUN_H_
#define GEOBALANCE_SCENARIO_RUN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/core/parallel.h"
#include "geobalance/report/table.h"
#include "geobalance/scenario/scenario.h"

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

enum class RunTermination { kCompleted, kCancelled };

/// One question's answer: a sentence, a number and its interval.
struct Answer {
  std::string id;
  std::string question;
  std::string module;
  std::string answer;  ///< one line
  double value = 0;
  double low = 0;
  double high = 0;
  std::string unit;
};

struct ScenarioResult {
  RunTermination termination = RunTermination::kCompleted;
  int replicates_done = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;
  std::vector<Answer> answers;
  /// Everything: inputs used, series, ensembles, provenance (results.json).
  nlohmann::ordered_json results;
  /// The document the HTML brief renders (see report/brief.h).
  nlohmann::ordered_json brief;
  /// CSV tables by file stem (written to DIR/tables/<stem>.csv).
  std::vector<std::pair<std::string, report::Table>> tables;
  double wall_seconds = 0;
};

/// Runs the scenario. Throws InputError for inputs that cannot be run (e.g. an issue file
/// the model rejects); cancellation is a result (termination kCancelled).
ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options = {},
                            const CancelToken& cancel = CancelToken{});

/// The one-line summary printed by `geobalance run`: "id  answer".
std::string summary_text(const ScenarioResult& r);

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_RUN_H_
