// The types of a hindcast: outcome statements, how a scenario run covers each of them, and
// the scores (docs/hindcast.md). scenario/hindcast.h reads the outcome file, maps a
// ScenarioResult onto the statements and scores them; report/track_record.h turns a
// HindcastReport into the brief's "Track record" section.
//
// This header depends on core only (ScenarioResult holds HindcastReports; the report module
// reads them without linking the models).
#ifndef GEOBALANCE_SCENARIO_TRACK_RECORD_H_
#define GEOBALANCE_SCENARIO_TRACK_RECORD_H_

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "geobalance/core/records.h"

namespace geobalance::scenario {

/// One row of an outcome file (data/outcomes/README.md, docs/hindcast.md).
struct OutcomeStatement {
  std::string id, question, statement;
  Date resolves_by{}, resolved_on{};
  int outcome = 0;          ///< 1 came true by resolves_by, 0 did not
  std::string maps_to;      ///< prose
  std::string quantity;     ///< machine-readable quantity (docs/hindcast.md grammar) or "none"
  std::string reference;    ///< reference class for the base rate, "" when none exists
  std::string source;
  int line = 0;             ///< line of the row in the file
};

/// What the run says about one statement.
struct StatementScore {
  OutcomeStatement statement;
  bool covered = false;
  std::string reason;  ///< why not covered ("" when covered)
  /// k of n: replicates (bootstrap draws, forecaster members) in which the quantity holds.
  int k = 0, n = 0;
  std::string basis;   ///< "replicates" | "bootstrap draws" | ...
  std::string answer;  ///< the question id whose ensemble gave k of n
  /// The forecast scored: (k + 1/2) / (n + 1) (docs/hindcast.md); NaN when not covered.
  double p = std::numeric_limits<double>::quiet_NaN();
  double brier = std::numeric_limits<double>::quiet_NaN();
  double log = std::numeric_limits<double>::quiet_NaN();  ///< -ln p(what happened), nats
  /// Base rate of the reference class (rows known on the scenario's as_of), when one exists.
  bool has_base = false;
  int base_k = 0, base_n = 0;
  double base_p = std::numeric_limits<double>::quiet_NaN();
  double base_brier = std::numeric_limits<double>::quiet_NaN();
  double base_log = std::numeric_limits<double>::quiet_NaN();
  std::string base_note;  ///< the class and its rule, or why none exists
};

/// Mean scores over a set of scored statements.
struct PooledScore {
  int n = 0;
  double brier = std::numeric_limits<double>::quiet_NaN();
  double log = std::numeric_limits<double>::quiet_NaN();
};

/// One bin of the reliability table: forecasts p with lo <= p < hi (the last bin includes 1).
struct ReliabilityBin {
  double lo = 0, hi = 0;
  int count = 0;
  double mean_forecast = std::numeric_limits<double>::quiet_NaN();
  double observed = std::numeric_limits<double>::quiet_NaN();  ///< share that came true
};

struct HindcastReport {
  std::string scenario_name, scenario_path, outcomes_path, reference_class_path;
  Date as_of{};
  int replicates = 0;
  std::string run_id;
  std::vector<StatementScore> rows;
  PooledScore model;         ///< every scored statement
  PooledScore even;          ///< 50/50 on the same statements (Brier 0.25, log ln 2)
  PooledScore model_on_base; ///< the model on the statements with a reference class
  PooledScore base;          ///< the base rate on those statements
  std::vector<ReliabilityBin> reliability;
  int covered() const {
    int c = 0;
    for (const auto& r : rows) c += r.covered;
    return c;
  }
};

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_TRACK_RECORD_H_
