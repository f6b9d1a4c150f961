// The drift answer (issue 12, item 7): a focal state's UN ideal point beside two comparators
// and a named reference (the NATO members' median, members as of 31 December of each year),
// on ONE ideal-point series for every year, with each year's posterior interval and vote
// count, and the distance gap's interval. Rule for the verdict: docs/alignment.md, "The scenario's drift
// answer".
#ifndef GEOBALANCE_SRC_SCENARIO_DRIFT_H_
#define GEOBALANCE_SRC_SCENARIO_DRIFT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "geobalance/power/builtin_data.h"
#include "geobalance/scenario/idealpoints.h"
#include "geobalance/scenario/result.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"
#include "scenario/inputs.h"
#include "scenario/similarity_bridge.h"

namespace geobalance::scenario::detail {

struct DriftRequest {
  int focal = 0, first = 0, second = 0;  ///< ccodes
  int from_year = 0, to_year = 0;        ///< the scenario's history years
  double level = 0.9;                    ///< interval level
  std::uint64_t seed = 1;
  int draws = 4000;  ///< Monte Carlo draws per year for the gap's and the median's intervals
  const std::vector<power::NatoMember>* nato = nullptr;  ///< the reference's membership (null: none)
  std::string names = "the three states";  ///< for messages: "JPN, USA and RUS"
};

struct EstimateTrack {
  std::vector<double> value, low, high;  ///< point and posterior interval at the level
  std::vector<int> votes;
};

struct DriftComputation {
  std::vector<int> years;  ///< years in from..to where all three states have an estimate
  EstimateTrack focal, first, second;
  std::vector<double> reference, reference_low, reference_high;  ///< NATO median (NaN: no member)
  std::vector<int> reference_members;  ///< members with an estimate that year
  std::vector<double> dist_first, dist_second;  ///< |ip(focal) - ip(comparator)|
  std::vector<double> gap, gap_low, gap_high;   ///< dist_second - dist_first (> 0: closer to first)
  double change = 0, change_low = 0, change_high = 0;  ///< gap(last) - gap(first year)
  bool has_intervals = false;  ///< every estimate used carries the release's quantiles
  int series_last_year = 0;    ///< the series' last year with all three states (any year)
};

/// Draws each state's ideal point independently from its posterior (the release's quantile
/// function, linear between the published quantiles: inverse-CDF sampling) `draws` times per
/// year, and takes the gap's and the median's percentiles at the level. Throws InputError
/// (naming `key`) when no year in range has all three states.
DriftComputation compute_drift(const std::vector<IdealPointEstimate>& series, const DriftRequest& req,
                               const std::string& key);

/// The verdict on an interval of the gap dist_second - dist_first (docs/alignment.md): closer
/// to the first comparator only when the whole interval lies above 0, to the second only
/// when below 0; otherwise (0 inside, or no interval) no measurable difference.
Verdict closer_verdict(double low, double high);

/// One alignment question's drift on the scenario's chosen series.
struct DriftQuestion {
  std::string focal, first, second;
  IdealPointSeries series = IdealPointSeries::kAllVotes;
  int history_to = 0;
  int draws = 0;
  DriftComputation c;
};
/// From the cut World's series named by [alignment] idealpoint_series, history_from to
/// history_to, NATO median as the reference. InputError naming the key when the file lacks
/// the series or no year has the three states.
DriftQuestion drift_for_question(const World& world, const Scenario& s, const Question& q, double level);
/// The brief's and results.json's series.
DriftSeries drift_series(const DriftQuestion& d);

/// What S is computed over in this run: the full system (default) or, when the scenario asks
/// ([alignment] portfolio = "ties_table"), the hand-made ties table, labelled.
struct SimilaritySource {
  bool hand_made = false;
  const Portfolio* table = nullptr;  ///< the hand-made portfolio (hand_made)
  SystemPortfolio system;            ///< the full system (!hand_made)
  std::string name;                  ///< named in the answer ("" with S unavailable)
  std::string unavailable;           ///< why S is unavailable ("" when available)
  int year = 0, states = 0;
};
SimilaritySource similarity_source(const World& world, const Scenario& s, const Portfolio& table);
double similarity(const SimilaritySource& src, int a, int b);

/// Fills an alignment answer (value, interval, verdict, caveats, AlignmentAnswer) by the rules
/// in docs/alignment.md, "The scenario's drift answer".
void fill_alignment_answer(Answer& a, const DriftQuestion& d, const SimilaritySource& src, const World& world,
                           double level);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_DRIFT_H_
