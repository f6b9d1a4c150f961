#include "geobalance/alignment/portfolio.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::alignment {

namespace {

constexpr int kMaxCcode = 1000;  // COW codes are 1..999

// System members of year t (ascending, unique) from state spells.
std::vector<int> members_of(const std::vector<StateSpell>& system, int t) {
  std::vector<int> m;
  for (const auto& s : system)
    if (s.start.year <= t && t <= s.end.year) m.push_back(s.ccode);
  std::sort(m.begin(), m.end());
  m.erase(std::unique(m.begin(), m.end()), m.end());
  return m;
}

void check_range(int first, int last, const char* where) {
  if (first > last)
    throw InputError(SourceLocation{}, where,
                     fmt::format("year range {}:{} ends before it starts, expected first <= last", first, last));
}

}  // namespace

void PortfolioOptions::validate() const {
  if (open_end_year < 1000 || open_end_year > 2200)
    throw InputError(fmt::format("PortfolioOptions: open_end_year is {}, but must be in 1000..2200", open_end_year));
}

int cow_tie_value(bool defense, bool neutrality, bool nonaggression, bool entente) {
  if (defense) return 3;
  if (neutrality || nonaggression) return 2;
  if (entente) return 1;
  return 0;
}

PortfolioYear PortfolioYear::from_dense(int year, std::vector<int> members, const std::vector<std::uint8_t>& dense) {
  PortfolioYear y;
  y.year_ = year;
  y.members_ = std::move(members);
  const std::size_t n = y.members_.size();
  y.offsets_.assign(1, 0);
  y.offsets_.reserve(n + 1);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      const int v = a == b ? kMaxTie : dense[a * n + b];
      if (v != 0) y.ties_.push_back(Tie{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(v)});
    }
    y.offsets_.push_back(static_cast<std::uint32_t>(y.ties_.size()));
  }
  return y;
}

PortfolioYear PortfolioYear::make(int year, std::vector<int> members,
                                  const std::vector<std::tuple<int, int, int>>& ties) {
  std::sort(members.begin(), members.end());
  if (std::adjacent_find(members.begin(), members.end()) != members.end())
    throw InputError(fmt::format("PortfolioYear::make: members of {} list a ccode twice", year));
  const std::size_t n = members.size();
  std::vector<std::uint8_t> dense(n * n, 0);
  auto pos = [&](int c) {
    auto it = std::lower_bound(members.begin(), members.end(), c);
    if (it == members.end() || *it != c)
      throw InputError(fmt::format("PortfolioYear::make: tie names ccode {}, but it is not a member in {}", c, year));
    return static_cast<std::size_t>(it - members.begin());
  };
  for (const auto& [c1, c2, v] : ties) {
    if (c1 == c2) throw InputError(fmt::format("PortfolioYear::make: tie {}-{} is a self-tie (always 3)", c1, c2));
    if (v < 1 || v > kMaxTie)
      throw InputError(fmt::format("PortfolioYear::make: tie {}-{} has value {}, but must be in 1..3", c1, c2, v));
    const std::size_t a = pos(c1), b = pos(c2);
    auto& ab = dense[a * n + b];
    ab = std::max<std::uint8_t>(ab, static_cast<std::uint8_t>(v));
    dense[b * n + a] = ab;
  }
  return from_dense(year, std::move(members), dense);
}

int PortfolioYear::index_of(int ccode) const {
  auto it = std::lower_bound(members_.begin(), members_.end(), ccode);
  if (it == members_.end() || *it != ccode) return -1;
  return static_cast<int>(it - members_.begin());
}

int PortfolioYear::tie(std::size_t a, std::size_t b) const {
  auto r = row(a);
  auto it = std::lower_bound(r.begin(), r.end(), b, [](const Tie& t, std::size_t i) { return t.index < i; });
  return (it != r.end() && it->index == b) ? static_cast<int>(it->value) : 0;
}

std::vector<int> PortfolioYear::dense_row(std::size_t a) const {
  std::vector<int> v(size(), 0);
  for (const Tie& t : row(a)) v[t.index] = static_cast<int>(t.value);
  return v;
}

const PortfolioYear& Portfolios::year(int t) const {
  if (!has_year(t))
    throw InputError(SourceLocation{}, "year",
                     fmt::format("found {}, expected a year the portfolios cover ({}..{})", t, first_, last_year()));
  return years_[static_cast<std::size_t>(t - first_)];
}

Portfolios Portfolios::from_years(std::vector<PortfolioYear> years) {
  Portfolios p;
  if (years.empty()) throw InputError("Portfolios::from_years: no years given");
  for (std::size_t i = 1; i < years.size(); ++i)
    if (years[i].year() != years[0].year() + static_cast<int>(i))
      throw InputError(fmt::format("Portfolios::from_years: year {} follows {}, expected consecutive years",
                                   years[i].year(), years[i - 1].year()));
  p.first_ = years[0].year();
  p.years_ = std::move(years);
  return p;
}

namespace {

// Shared builder: per year, a list of (ccode_a, ccode_b, value) candidate ties.
struct YearTies {
  std::vector<std::tuple<int, int, int>> ties;
};

void build_years(const std::vector<StateSpell>& system, int first,
                 std::vector<YearTies>& per_year, std::vector<PortfolioYear>& years, std::size_t& dropped,
                 const std::function<PortfolioYear(int, std::vector<int>, const std::vector<std::uint8_t>&)>& make) {
  std::array<int, kMaxCcode> index{};
  for (std::size_t yi = 0; yi < per_year.size(); ++yi) {
    const int t = first + static_cast<int>(yi);
    std::vector<int> members = members_of(system, t);
    index.fill(-1);
    for (std::size_t k = 0; k < members.size(); ++k) index[members[k]] = static_cast<int>(k);
    const std::size_t n = members.size();
    std::vector<std::uint8_t> dense(n * n, 0);
    for (const auto& [c1, c2, v] : per_year[yi].ties) {
      const int a = index[c1], b = index[c2];
      if (a < 0 || b < 0) {
        ++dropped;
        continue;
      }
      auto& ab = dense[static_cast<std::size_t>(a) * n + b];
      ab = std::max<std::uint8_t>(ab, static_cast<std::uint8_t>(v));
      dense[static_cast<std::size_t>(b) * n + a] = ab;
    }
    per_year[yi].ties.clear();
    per_year[yi].ties.shrink_to_fit();
    years.push_back(make(t, std::move(members), dense));
  }
}

std::set<int> known_ccodes(const std::vector<StateSpell>& system) {
  std::set<int> k;
  for (const auto& s : system) k.insert(s.ccode);
  return k;
}

}  // namespace

Portfolios Portfolios::from_cow(const std::vector<StateSpell>& system, const std::vector<AllianceDyad>& dyads,
                                int first, int last, const PortfolioOptions& options) {
  options.validate();
  check_range(first, last, "Portfolios::from_cow");
  const std::set<int> known = known_ccodes(system);
  std::vector<YearTies> per_year(static_cast<std::size_t>(last - first + 1));
  for (const auto& d : dyads) {
    for (auto [c, col] : {std::pair{d.ccode1, "ccode1"}, std::pair{d.ccode2, "ccode2"}})
      if (!known.count(c))
        throw InputError(SourceLocation{options.source, d.line}, fmt::format("column '{}'", col),
                         fmt::format("found '{}', expected a ccode of the state system", c));
    const int v = cow_tie_value(d.defense, d.neutrality, d.nonaggression, d.entente);
    if (v == 0) continue;
    const int end = d.end ? d.end->year : options.open_end_year;
    for (int t = std::max(first, d.start.year); t <= std::min(last, end); ++t)
      per_year[static_cast<std::size_t>(t - first)].ties.emplace_back(d.ccode1, d.ccode2, v);
  }
  Portfolios p;
  p.coding_ = TieCoding::kCowValued;
  p.first_ = first;
  build_years(system, first, per_year, p.years_, p.dropped_, &PortfolioYear::from_dense);
  return p;
}

Portfolios Portfolios::from_atop(const std::vector<StateSpell>& system, const std::vector<AtopStateYear>& rows,
                                 int first, int last, const std::string& source) {
  check_range(first, last, "Portfolios::from_atop");
  const std::set<int> known = known_ccodes(system);
  // year -> atopid -> member ccodes
  std::vector<std::map<int, std::vector<int>>> groups(static_cast<std::size_t>(last - first + 1));
  for (const auto& r : rows) {
    if (!known.count(r.ccode))
      throw InputError(SourceLocation{source, r.line}, "column 'state'",
                       fmt::format("found '{}', expected a ccode of the state system", r.ccode));
    if (r.year < first || r.year > last) continue;
    for (int id : r.atopids) groups[static_cast<std::size_t>(r.year - first)][id].push_back(r.ccode);
  }
  std::vector<YearTies> per_year(groups.size());
  for (std::size_t yi = 0; yi < groups.size(); ++yi)
    for (const auto& [id, cc] : groups[yi])
      for (std::size_t a = 0; a < cc.size(); ++a)
        for (std::size_t b = a + 1; b < cc.size(); ++b)
          if (cc[a] != cc[b]) per_year[yi].ties.emplace_back(cc[a], cc[b], kMaxTie);
  Portfolios p;
  p.coding_ = TieCoding::kAtopBinary;
  p.first_ = first;
  build_years(system, first, per_year, p.years_, p.dropped_, &PortfolioYear::from_dense);
  return p;
}

}  // namespace geobalance::alignment
