// Hindcast: a scenario's answers, as of its information date, scored against what happened
// since (issue 20; docs/hindcast.md). An outcome file (data/outcomes/hindcast-2019.csv)
// holds dated statements; each names a scenario quantity in a small grammar:
//
//   bargaining:ISSUE:p_above          forecast > the threshold (the answer's k of N)
//   bargaining:ISSUE:forecast>X       forecast > X   (also forecast<X)
//   power:ratio_last<first            last-year ratio below the first-year ratio (also >)
//   armsrace:RACE:ACTOR>X@YEAR        an actor's (or `total`) level above X in YEAR (also <)
//   game:us_response:EVENT            EVENT: tolerate | f35 | caatsa | broad
//   game:turkiye:MOVE                 MOVE: keep | activate | return
//   none | none: REASON               the scenario produces nothing for it (listed, not scored)
//
// The probability is always a share of the run's own replicates (or bootstrap draws) in
// which that quantity holds, k of N, scored as (k + 1/2) / (N + 1). Nothing here sets a
// probability by hand. A quantity the run does not produce (an issue it lacks, a field its
// result does not carry yet) leaves the statement "not covered", with the reason.
#ifndef GEOBALANCE_SCENARIO_HINDCAST_H_
#define GEOBALANCE_SCENARIO_HINDCAST_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/scenario/result.h"
#include "geobalance/scenario/track_record.h"

namespace geobalance::scenario {

/// Reads an outcome file. Columns (by name): id, question, statement, resolves_by, outcome,
/// resolved_on, maps_to, quantity, reference, source. Every bad cell is an InputError
/// "file:line:col: column 'x': found 'y', expected ...": an unknown or malformed quantity or
/// reference, a date that is not YYYY-MM-DD, an outcome other than 0 or 1, a duplicate id,
/// an empty statement or source.
std::vector<OutcomeStatement> read_outcomes(const std::string& path);
std::vector<OutcomeStatement> parse_outcomes(std::string text, const std::string& source);

/// Checks a quantity against the grammar above; returns "" when valid, else what was expected.
std::string quantity_error(const std::string& quantity);
/// Checks a reference cell ("" or caatsa:EVENT[:except=ID], EVENT one of f35, caatsa, broad,
/// tolerate, return); returns "" when valid.
std::string reference_error(const std::string& reference);

/// How a run covers one quantity: k of n and the answer behind it, or the reason it does not.
struct Coverage {
  bool covered = false;
  int k = 0, n = 0;
  std::string basis, answer, reason;
};
Coverage cover(const std::string& quantity, const ScenarioResult& r);

// ---- scores (docs/hindcast.md) ----

/// The forecast scored for k of n: (k + 1/2) / (n + 1) (Krichevsky-Trofimov), never 0 or 1.
double kt_probability(int k, int n);
/// (p - o)^2.
double brier_score(double p, int outcome);
/// -ln p for an outcome of 1, -ln(1 - p) for 0 (nats; lower is better).
double log_score(double p, int outcome);
/// Five bins [0, 0.2), [0.2, 0.4), ..., [0.8, 1] of (forecast, outcome) pairs.
std::vector<ReliabilityBin> reliability_table(const std::vector<std::pair<double, int>>& pairs);

/// A reference-class base rate as of a date: k of n cases in which the event holds.
struct BaseRate {
  int k = 0, n = 0;
  std::string note;
};
/// The CAATSA reference class (data/games/caatsa_reference_class.csv format) as known on
/// `as_of` (the games module's as-of rule, docs/games.md), for a reference cell.
BaseRate caatsa_base_rate(const std::string& reference, const std::string& class_path, const Date& as_of);

/// Maps and scores every statement. `reference_class_path` is the CAATSA reference class
/// read for rows whose reference is caatsa:... (may be "" when none has one).
HindcastReport score_hindcast(const ScenarioResult& r, const std::vector<OutcomeStatement>& statements,
                              const std::string& outcomes_path, const std::string& reference_class_path);

/// The hindcast `geobalance run` adds to the default scenario's brief (docs/hindcast.md): the
/// 2019 scenario (data/scenarios/nato-southern-flank-2019.toml), its outcome file
/// (data/outcomes/hindcast-2019.csv) and the CAATSA reference class.
std::string default_hindcast_scenario_path();
std::string default_outcomes_path();
std::string default_reference_class_path();

/// True when some statement names a reference class (so the class file is read).
bool needs_reference_class(const std::vector<OutcomeStatement>& statements);

/// The report as JSON (results.json "hindcasts" entries; `geobalance hindcast --format json`).
nlohmann::ordered_json to_json(const HindcastReport& h);

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_HINDCAST_H_
