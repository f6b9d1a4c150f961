// UN General Assembly ideal points (Bailey, Strezhnev & Voeten 2017) as the scenario's drift
// answer reads them: ONE series for every year, never spliced, with the release's posterior
// quantiles and vote counts (docs/alignment.md, "The scenario's drift answer").
//
// The July 2025 release (and data/alignment/idealpoints.csv, its extract) carries two series
// side by side: all votes (idealpointall, nvotesall, qoall ... q100all; ends in 2023) and
// final-passage votes only (idealpointfp, nvotesfp, qofp ... q100fp; to 2024). The July 2023
// session release carries all votes only (IdealPointAll, NVotesAll, QO%All ... Q100%All).
#ifndef GEOBALANCE_SCENARIO_IDEALPOINTS_H_
#define GEOBALANCE_SCENARIO_IDEALPOINTS_H_

#include <array>
#include <limits>
#include <string>
#include <vector>

namespace geobalance::scenario {

enum class IdealPointSeries { kAllVotes, kFinalPassage };
/// "all" | "final_passage" (the scenario key's values).
const char* to_string(IdealPointSeries s);
/// "all-votes ideal points (idealpointall)" | "final-passage ideal points (idealpointfp)".
std::string series_title(IdealPointSeries s);

/// Posterior quantile levels the release publishes, in its order (qo = 0%).
inline constexpr std::array<double, 7> kIdealPointQuantileLevels{0.0, 0.05, 0.10, 0.50, 0.90, 0.95, 1.0};

struct IdealPointEstimate {
  int ccode = 0;
  int year = 0;
  double value = 0;  ///< the release's point estimate
  int votes = -1;    ///< votes behind it (the series' own count); -1 when the file gives none
  /// The release's posterior quantiles at kIdealPointQuantileLevels; NaN when absent.
  std::array<double, 7> q{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::quiet_NaN()};
  int line = 0;
  bool has_quantiles() const;
  /// The posterior quantile at level p in [0, 1]: linear between the published quantiles
  /// (NaN without quantiles).
  double quantile(double p) const;
};

/// One series of an ideal-point file (either release's format). Rows without that series'
/// estimate are skipped (a state-year with no votes); nothing is taken from the other series.
/// A row's seven quantiles are all numbers or all empty (that estimate has no interval).
/// Returns an empty vector when the file does not carry the series at all. InputError
/// (file:line:col) for malformed, negative vote counts, NaN, decreasing quantiles or a
/// duplicate state-year.
std::vector<IdealPointEstimate> load_idealpoint_series(const std::string& path, IdealPointSeries series);

}  // namespace geobalance::scenario

#endif  // GEOBALANCE_SCENARIO_IDEALPOINTS_H_
