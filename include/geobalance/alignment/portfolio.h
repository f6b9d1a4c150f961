// Alliance portfolios: for every year, the valued alliance tie of every pair of state-system
// members, the input of every similarity measure in alignment/similarity.h.
//
// COW coding (Häge 2011, following Bueno de Mesquita 1975 and Signorino & Ritter 1999):
//   defence pact 3, neutrality or non-aggression pact 2, entente 1, no alliance 0;
//   a state's tie to itself is 3; where several alliances link a pair, the strongest counts.
// A COW v4.1 by_dyad (or by_directed) spell ties its pair in year t when
// dyad_st_year <= t <= dyad_end_year; an empty dyad_end_year means the data's last year
// (PortfolioOptions::open_end_year, 2012 for v4.1). The system in year t is every state whose
// states2016 spell covers t (styear <= t <= endyear).
//
// ATOP coding (binary): ATOP's state-year file lists, per state and year, the ids of the
// alliances it belongs to, but not which obligation binds which pair, so a valued coding is
// not recoverable from it. Two states sharing an atopid in year t are coded "allied" = 3, all
// other pairs 0, and the self-tie 3; after the division by 3 in every measure this is the 0/1
// coding.
//
// A tie whose partner is not a system member in that year (alliance and system files disagree
// at a spell's edge) is dropped and counted in dropped_ties(); a ccode that never appears in
// the system is an InputError naming the alliance file's line.
//
// Cost: O(system state-years + tie-years) time; memory O(nonzero ties) (portfolios are sparse).
#ifndef GEOBALANCE_ALIGNMENT_PORTFOLIO_H_
#define GEOBALANCE_ALIGNMENT_PORTFOLIO_H_

#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "geobalance/core/records.h"

namespace geobalance::alignment {

/// Largest tie value (a defence pact and the self-tie); measures divide by it.
inline constexpr int kMaxTie = 3;

/// Where a set of portfolios came from.
enum class TieCoding { kCowValued, kAtopBinary, kExplicit };

struct PortfolioOptions {
  /// Last year of an open-ended COW dyad spell (empty dyad_end_year). COW v4.1 ends in 2012
  /// (Gibler 2009, v4.1 codebook: coverage 1816-2012).
  int open_end_year = 2012;
  /// Name of the alliance file, used in error messages.
  std::string source;
  void validate() const;
};

/// A nonzero tie in a sparse portfolio row: the partner's position in members() and the value.
struct Tie {
  std::uint32_t index = 0;
  std::uint32_t value = 0;
};

/// One year's portfolios. Immutable; safe to share across threads.
class PortfolioYear {
 public:
  /// Builds a year from explicit members and ties (ccode_a, ccode_b, value in 1..3); used by
  /// tests and scenarios. Several ties for a pair keep the strongest. Throws InputError for a
  /// ccode that is not a member, a self-tie or a value outside 1..3.
  static PortfolioYear make(int year, std::vector<int> members,
                            const std::vector<std::tuple<int, int, int>>& ties);

  int year() const { return year_; }
  std::size_t size() const { return members_.size(); }
  /// System members, ascending ccode.
  const std::vector<int>& members() const { return members_; }
  /// Position of ccode in members(), or -1 when it is not a member this year.
  int index_of(int ccode) const;
  /// Tie between positions a and b (kMaxTie on the diagonal). O(log row length).
  int tie(std::size_t a, std::size_t b) const;
  /// Nonzero ties of position a, ascending partner position, including the self-tie.
  std::span<const Tie> row(std::size_t a) const {
    return {ties_.data() + offsets_[a], ties_.data() + offsets_[a + 1]};
  }
  /// The full portfolio vector of position a (size() values in 0..3).
  std::vector<int> dense_row(std::size_t a) const;

 private:
  friend class Portfolios;
  static PortfolioYear from_dense(int year, std::vector<int> members, const std::vector<std::uint8_t>& dense);

  int year_ = 0;
  std::vector<int> members_;
  std::vector<std::uint32_t> offsets_{0};
  std::vector<Tie> ties_;
};

/// Portfolios for a contiguous range of years.
class Portfolios {
 public:
  /// From COW v4.1 dyad spells (by_dyad or by_directed) and the states2016 system, for the
  /// years first..last (inclusive; first <= last).
  static Portfolios from_cow(const std::vector<StateSpell>& system, const std::vector<AllianceDyad>& dyads,
                             int first, int last, const PortfolioOptions& options = {});
  /// From ATOP 5.1 state-year rows (binary coding, see above) and the states2016 system.
  static Portfolios from_atop(const std::vector<StateSpell>& system, const std::vector<AtopStateYear>& rows,
                              int first, int last, const std::string& source = {});
  /// From explicit years (consecutive, ascending).
  static Portfolios from_years(std::vector<PortfolioYear> years);

  TieCoding coding() const { return coding_; }
  int first_year() const { return first_; }
  int last_year() const { return first_ + static_cast<int>(years_.size()) - 1; }
  bool has_year(int t) const { return t >= first_ && t <= last_year(); }
  /// The year's portfolios; throws InputError when t is outside first_year()..last_year().
  const PortfolioYear& year(int t) const;
  /// Alliance ties dropped because one side was not a system member that year.
  std::size_t dropped_ties() const { return dropped_; }

 private:
  TieCoding coding_ = TieCoding::kExplicit;
  int first_ = 0;
  std::vector<PortfolioYear> years_;
  std::size_t dropped_ = 0;
};

/// Tie value of a COW alliance record under Häge's coding (3, 2, 1, or 0 with no type flag).
int cow_tie_value(bool defense, bool neutrality, bool nonaggression, bool entente);

}  // namespace geobalance::alignment

#endif  // GEOBALANCE_ALIGNMENT_PORTFOLIO_H_
