// Alignment series the scenario engine calls: the cohesion of an alliance per year (NATO by
// default) and a state's drift between two others (Türkiye between the USA and Russia).
#ifndef GEOBALANCE_ALIGNMENT_SERIES_H_
#define GEOBALANCE_ALIGNMENT_SERIES_H_

#include <optional>
#include <string>
#include <vector>

#include "geobalance/alignment/portfolio.h"
#include "geobalance/alignment/similarity.h"
#include "geobalance/core/records.h"

namespace geobalance::alignment {

/// One row of a membership table such as data/nato_members.csv
/// (ccode, stateabb, name, accession_date YYYY-MM-DD, optional exit_date, source).
struct MembershipSpell {
  int ccode = 0;
  std::string abb;
  Date accession;
  std::optional<Date> exit;
  int line = 0;
  /// Member on 31 December of `year`: accession on or before that day, no exit before it.
  bool member_at_end_of(int year) const;
};

/// Reads a membership table by column name; InputError (file:line:col) for a bad date, an exit
/// before accession or a ccode listed twice with overlapping dates.
std::vector<MembershipSpell> load_membership_table(const std::string& path);

struct CohesionOptions {
  /// Pairwise measure averaged (default S unweighted, absolute distance).
  Measure measure = Measure::kSUnwAbs;
  SimilarityOptions similarity;
  void validate() const;
};

struct CohesionPoint {
  int year = 0;
  int members = 0;       ///< members as of 31 December that are system members this year
  int pairs = 0;         ///< members * (members - 1) / 2
  double mean = 0;       ///< mean pairwise measure over the pairs with a value (NaN if none)
  double min = 0;        ///< smallest pairwise measure (NaN if none)
  int min_ccode1 = 0;    ///< the pair attaining min (lower ccode first)
  int min_ccode2 = 0;
};

struct CohesionSeries {
  Measure measure = Measure::kSUnwAbs;
  std::vector<CohesionPoint> points;  ///< one per year in range with at least one member
};

/// Cohesion of the alliance whose membership is `members`, per year in first..last.
/// Cost: O(years * members^2 * ties).
CohesionSeries cohesion(const Portfolios& p, const CapabilityWeights& weights,
                        const std::vector<MembershipSpell>& members, int first, int last,
                        const CohesionOptions& options = {});

struct DriftOptions {
  /// Alliance measure for S to each side (default S unweighted, absolute distance).
  Measure measure = Measure::kSUnwAbs;
  /// Years in the trailing least-squares slope that defines a gap's trend (>= 2).
  int trend_window = 5;
  /// |slope| below this (gap units per year) counts as flat.
  double trend_tolerance = 0.005;
  SimilarityOptions similarity;
  void validate() const;
};

struct DriftPoint {
  int year = 0;
  double s_a = 0, s_b = 0;      ///< alliance similarity of focal to a and to b (NaN: no data)
  double s_gap = 0;             ///< s_a - s_b: > 0 closer to a
  double ip_dist_a = 0, ip_dist_b = 0;  ///< |ideal point focal - ideal point of a / b|
  double ip_gap = 0;            ///< ip_dist_b - ip_dist_a: > 0 closer to a
  int s_trend = 0, ip_trend = 0;  ///< sign of the trailing slope (-1, 0 flat, +1; 0 if unknown)
  bool s_sign_change = false, ip_sign_change = false;    ///< gap's sign differs from last year's
  bool s_trend_change = false, ip_trend_change = false;  ///< trend differs from last year's
};

struct DriftSeries {
  int focal = 0, a = 0, b = 0;
  Measure measure = Measure::kSUnwAbs;
  std::vector<DriftPoint> points;  ///< every year in first..last
  std::vector<int> s_sign_changes, s_trend_changes, ip_sign_changes, ip_trend_changes;
};

/// How `focal` sits between `a` and `b` per year: alliance similarity from `p` (NaN for years
/// outside p or when a state is not a member), and UN ideal-point distances from `ideal`
/// (NaN where a state has no estimate).
DriftSeries drift(const Portfolios& p, const CapabilityWeights& weights, const std::vector<IdealPoint>& ideal,
                  int focal, int a, int b, int first, int last, const DriftOptions& options = {});

}  // namespace geobalance::alignment

#endif  // GEOBALANCE_ALIGNMENT_SERIES_H_
