#include "scenario/similarity_bridge.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "geobalance/alignment/similarity.h"
#include "geobalance/error.h"

namespace geobalance::scenario::detail {

IdealPointDrift drift_from_idealpoints(const std::vector<IdealPoint>& ip, const CountryIndex& index,
                                       const std::string& focal, const std::string& first,
                                       const std::string& second, const std::string& key) {
  IdealPointDrift d;
  d.focal = focal;
  d.first = first;
  d.second = second;
  auto resolve = [&](const std::string& abb) {
    auto cc = index.resolve(abb);
    if (!cc) throw InputError(fmt::format("{}: unknown state '{}'", key, abb));
    return *cc;
  };
  const int f = resolve(focal), a = resolve(first), b = resolve(second);
  std::map<int, std::map<int, double>> by;  // year -> ccode -> ip
  for (const auto& p : ip) by[p.year][p.ccode] = p.ideal_point;
  for (const auto& [year, m] : by) {
    auto x = m.find(f), u = m.find(a), r = m.find(b);
    if (x == m.end() || u == m.end() || r == m.end()) continue;
    d.years.push_back(year);
    d.dist_first.push_back(std::fabs(x->second - u->second));
    d.dist_second.push_back(std::fabs(x->second - r->second));
  }
  if (d.years.empty())
    throw InputError(fmt::format("{}: no year up to history_to has UN ideal points for all of {}, {} and {}", key, focal,
                                 first, second));
  d.first_year = d.years.front();
  d.last_year = d.years.back();
  d.gap_first = d.dist_second.front() - d.dist_first.front();
  d.gap_last = d.dist_second.back() - d.dist_first.back();
  return d;
}

double portfolio_similarity(const Portfolio& p, int a, int b) {
  const int i = p.index(a), j = p.index(b);
  if (i < 0 || j < 0) return std::nan("");
  return alignment::measures_dense(p.tie[static_cast<std::size_t>(i)], p.tie[static_cast<std::size_t>(j)], {}).s_unw_abs;
}

}  // namespace geobalance::scenario::detail
