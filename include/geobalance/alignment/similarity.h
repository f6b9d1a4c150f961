// Foreign-policy similarity of two states' alliance portfolios, per dyad-year.
//
// For a dyad (i, j) in year t, x_k and y_k are i's and j's ties to each state k in scope (the
// whole system by default, see Scope), values in 0..3 divided by 3 so every distance is in
// [0, 1]. Let n be the number of states in scope (i and j included).
//
//  S (Signorino & Ritter 1999, ISQ 43:115-44):  S = 1 - 2 * sum_k w_k d(x_k, y_k) / sum_k w_k
//    d = |x_k - y_k| (abs) or (x_k - y_k)^2 (sq); w_k = 1 (unweighted) or k's CINC in year t
//    (weighted; a state without CINC weighs 0). S is in [-1, 1]; S(i, i) = 1. Weighted S is NaN
//    when no weights were given or they sum to 0 over the scope.
//  Cohen's kappa and Scott's pi (Häge 2011, Political Analysis 19:287-305), absolute distance:
//    1 - D_obs / D_exp, D_obs = (1/n) sum_k |x_k - y_k|;
//    kappa: D_exp = sum_a sum_b p_i(a) p_j(b) |a - b|, p_i = i's own distribution of values;
//    pi:    D_exp = sum_a sum_b p(a) p(b) |a - b|,     p = (p_i + p_j) / 2 (pooled).
//    NaN when D_exp = 0 (both portfolios constant and equal: nothing to correct for).
//  Kendall's tau-b (Bueno de Mesquita 1975) of the two raw vectors over the n(n-1)/2 pairs of
//    states: (C - D) / sqrt((n0 - T_x)(n0 - T_y)), n0 = n(n-1)/2, T = pairs tied in one vector.
//    NaN when either vector is constant.
//
// Values lie in {0,1,2,3}, so every measure is a function of the 4x4 contingency table of
// (x_k, y_k) (plus a weighted table for weighted S). Portfolios are sparse: the table starts
// as n states at (0, 0) and only the union of i's and j's nonzero ties moves entries, so a
// dyad costs O(ties_i + ties_j), not O(n). All measures are symmetric in i and j.
#ifndef GEOBALANCE_ALIGNMENT_SIMILARITY_H_
#define GEOBALANCE_ALIGNMENT_SIMILARITY_H_

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "geobalance/alignment/portfolio.h"
#include "geobalance/power/cinc.h"

namespace geobalance::alignment {

/// Which states the portfolios are compared over.
enum class Scope {
  kGlobal,    ///< every system member (the default, as in EUGene and Häge 2011)
  kRegional,  ///< members of the COW region of ccode1 plus those of the region of ccode2
};

/// COW regions by ccode block (the COW state-system codebook numbers states by region):
/// Americas 2-199 (used: 2-165), Europe 200-399 (200-395), Africa 400-629 (402-626, North
/// Africa included, Egypt excepted), Middle East 630-699 (630-698, Egypt 651 and Turkey 640
/// included), Asia 700-899 (700-860), Oceania 900-999 (900-990).
enum class Region { kAmericas, kEurope, kAfrica, kMiddleEast, kAsia, kOceania };
Region region_of(int ccode);

/// The seven measures (also the CSV column names).
enum class Measure { kSUnwAbs, kSUnwSq, kSWAbs, kSWSq, kKappaAbs, kPiAbs, kTauB };

std::string to_string(Scope s);
std::string to_string(Region r);
/// "s_unw_abs", "s_unw_sq", "s_w_abs", "s_w_sq", "kappa_abs", "pi_abs", "taub".
std::string to_string(Measure m);
/// Throw InputError naming the accepted values.
Scope scope_from_string(std::string_view s);
Measure measure_from_string(std::string_view s);

struct Measures {
  double s_unw_abs = 0, s_unw_sq = 0, s_w_abs = 0, s_w_sq = 0, kappa_abs = 0, pi_abs = 0, taub = 0;
  double get(Measure m) const;
};

/// Reference implementation straight from the definitions, O(n^2) (tau-b over all pairs):
/// x, y values in 0..max_value, w weights (empty = weighted S NaN). For tests and one-offs.
Measures measures_dense(std::span<const int> x, std::span<const int> y, std::span<const double> w,
                        int max_value = kMaxTie);

struct SimilarityOptions {
  Scope scope = Scope::kGlobal;
  /// Threads for the all-dyads computation (0 = all cores, see default_threads()).
  unsigned threads = 0;
  void validate() const;
};

/// CINC weights by state-year (w_k of weighted S). Missing or NaN CINC weighs 0.
class CapabilityWeights {
 public:
  CapabilityWeights() = default;  ///< no weights: weighted S is NaN
  explicit CapabilityWeights(const std::vector<power::CincValue>& cinc);
  bool empty() const { return w_.empty(); }
  double weight(int ccode, int year) const;
  /// Weights of a year's members, in members() order.
  std::vector<double> for_year(const PortfolioYear& y) const;

 private:
  std::unordered_map<long long, double> w_;
};

struct DyadSimilarity {
  int ccode1 = 0;
  int ccode2 = 0;
  int year = 0;
  int n_system = 0;  ///< states in scope
  Measures m;
};

/// One dyad-year; throws InputError when either state is not a member that year.
DyadSimilarity dyad_similarity(const PortfolioYear& year, const CapabilityWeights& weights, int ccode1,
                               int ccode2, const SimilarityOptions& options = {});

/// Receives one year's rows; called once per year in ascending order, from the calling thread.
using YearSink = std::function<void(int year, std::span<const DyadSimilarity> rows)>;

/// Every directed dyad (i != j) of every year in first..last, rows ordered by (ccode1, ccode2)
/// within a year. Only one year's rows are in memory at a time. Each unordered pair is computed
/// once on options.threads threads, each into its own slot: output is identical for any count.
/// Cost: O(sum over dyads of (ties_i + ties_j)).
void all_dyads(const Portfolios& p, const CapabilityWeights& weights, int first, int last,
               const SimilarityOptions& options, const YearSink& sink);

/// The given directed dyads (ccode pairs) for every year in first..last in which both states
/// are members (others are skipped); rows in the order given.
void selected_dyads(const Portfolios& p, const CapabilityWeights& weights,
                    std::span<const std::pair<int, int>> dyads, int first, int last,
                    const SimilarityOptions& options, const YearSink& sink);

}  // namespace geobalance::alignment

#endif  // GEOBALANCE_ALIGNMENT_SIMILARITY_H_
