#include "scenario/similarity_bridge.h"

#include <cmath>
#include <map>

#include "geobalance/alignment/similarity.h"
#include "geobalance/error.h"

namespace geobalance::scenario::detail {

IdealPointDrift drift_from_idealpoints(const std::vector<IdealPoint>& ip, const power::BuiltinData& builtin,
                                       const std::string& state) {
  IdealPointDrift d;
  d.state = state;
  auto cc = builtin.index.resolve(state);
  if (!cc) throw InputError("alignment drift: unknown state '" + state + "'");
  const int usa = *builtin.index.resolve("USA"), rus = *builtin.index.resolve("RUS");
  std::map<int, std::map<int, double>> by;  // year -> ccode -> ip
  for (const auto& p : ip) by[p.year][p.ccode] = p.ideal_point;
  for (const auto& [year, m] : by) {
    auto a = m.find(*cc), u = m.find(usa), r = m.find(rus);
    if (a == m.end() || u == m.end() || r == m.end()) continue;
    d.years.push_back(year);
    d.dist_usa.push_back(std::fabs(a->second - u->second));
    d.dist_rus.push_back(std::fabs(a->second - r->second));
  }
  if (d.years.empty()) throw InputError("alignment drift: no year has ideal points for " + state + ", USA and RUS");
  d.first_year = d.years.front();
  d.last_year = d.years.back();
  d.gap_first = d.dist_rus.front() - d.dist_usa.front();
  d.gap_last = d.dist_rus.back() - d.dist_usa.back();
  return d;
}

CurrentSimilarity current_similarity(const Portfolio& p, const power::BuiltinData& builtin) {
  CurrentSimilarity c;
  c.system_size = static_cast<int>(p.ccodes.size());
  int tur = p.index(*builtin.index.resolve("TUR")), usa = p.index(*builtin.index.resolve("USA")),
      rus = p.index(*builtin.index.resolve("RUS"));
  auto s = [&](int i, int j) {
    return alignment::measures_dense(p.tie[static_cast<std::size_t>(i)], p.tie[static_cast<std::size_t>(j)], {}).s_unw_abs;
  };
  c.s_tur_usa = s(tur, usa);
  c.s_tur_rus = s(tur, rus);
  return c;
}

}  // namespace geobalance::scenario::detail
