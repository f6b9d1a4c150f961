// The words and tables of a hindcast (docs/hindcast.md): the statements table, the reliability
// table, the pooled-score lines, and the brief's "Track record" section (id "hindcast"). Every
// comparison sentence follows one rule: a lower mean score is better; equal to 3 decimals is
// "the same as".
#ifndef GEOBALANCE_REPORT_TRACK_RECORD_H_
#define GEOBALANCE_REPORT_TRACK_RECORD_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/report/table.h"
#include "geobalance/scenario/track_record.h"

namespace geobalance::report {

/// One row per statement: id, question, outcome, k, n, p, brier, log, base rate, base Brier,
/// base log, status (scored / "not covered: reason").
Table track_record_table(const scenario::HindcastReport& h);
/// The reliability bins: bin, count, mean forecast, observed frequency.
Table reliability_table(const scenario::HindcastReport& h);
/// The pooled scores against the baselines, one sentence per line.
std::vector<std::string> track_record_summary(const scenario::HindcastReport& h);
/// The brief section {"id": "hindcast", "title": "Track record: the <year> hindcast", ...}.
nlohmann::json track_record_section(const scenario::HindcastReport& h);
/// The brief with a track-record section per report, inserted before "Events and
/// assumptions" and "References" (or at the end).
void add_track_records(nlohmann::json& brief, const std::vector<scenario::HindcastReport>& reports);

}  // namespace geobalance::report

#endif  // GEOBALANCE_REPORT_TRACK_RECORD_H_
