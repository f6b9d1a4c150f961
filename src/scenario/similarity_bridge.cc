#include "scenario/similarity_bridge.h"

#include <algorithm>
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

SystemPortfolio system_portfolio(const World& world, const Date& as_of) {
  SystemPortfolio p;
  if (world.cow_states.empty() || world.cow_dyads.empty()) {
    p.unavailable = "the COW state-system and alliance files are not in this run (scenario keys data.states and "
                    "data.alliances; ../shared/data/cow_states and cow_alliance_v4.1)";
    return p;
  }
  const alignment::PortfolioOptions opt;  // COW v4.1: open spells run to 2012, the data's last year
  int system_last = 0;
  for (const auto& s : world.cow_states) system_last = std::max(system_last, s.end.year);
  p.year = std::min({as_of.year, opt.open_end_year, system_last});
  auto ports = alignment::Portfolios::from_cow(world.cow_states, world.cow_dyads, p.year, p.year, opt);
  p.portfolio.push_back(ports.year(p.year));
  p.states = static_cast<int>(p.portfolio.front().size());
  auto file = [&](const std::string& role) {
    const std::string path = world.path_of(role);
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
  };
  p.system = fmt::format("the full COW state system in {} ({} states, {}) with the COW formal alliances in force that "
                         "year ({})",
                         p.year, p.states, file("cow_states"), file("cow_alliances"));
  p.available = true;
  return p;
}

double system_similarity(const SystemPortfolio& p, int a, int b) {
  if (!p.available) return std::nan("");
  const auto& y = p.portfolio.front();
  if (y.index_of(a) < 0 || y.index_of(b) < 0) return std::nan("");
  const alignment::CapabilityWeights none;
  return alignment::dyad_similarity(y, none, a, b).m.s_unw_abs;
}

}  // namespace geobalance::scenario::detail
