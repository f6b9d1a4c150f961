#include "geobalance/power/balance.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::power {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}
}  // namespace

CoalitionSpec parse_coalition(std::string_view text, const CoalitionContext& ctx, const std::string& what) {
  CoalitionSpec c;
  std::string_view body = trim(text);
  if (auto eq = body.find('='); eq != std::string_view::npos) {
    c.label = std::string(trim(body.substr(0, eq)));
    body = trim(body.substr(eq + 1));
  }
  auto fail = [&](const std::string& msg) { throw InputError(SourceLocation{}, what, msg); };
  if (body.empty()) fail(fmt::format("found '{}', expected a coalition such as NATO, RUS+CHN, cow:227 or atop:3180", text));
  if (c.label.empty()) c.label = std::string(body);
  if (body == "NATO") {
    if (ctx.nato.empty()) fail("coalition 'NATO' needs the NATO membership table (data/nato_members.csv)");
    c.kind = CoalitionSpec::Kind::kNato;
    return c;
  }
  for (auto [prefix, kind] : {std::pair{"cow:", CoalitionSpec::Kind::kCowAlliance}, std::pair{"atop:", CoalitionSpec::Kind::kAtopAlliance}}) {
    std::string_view p(prefix);
    if (body.substr(0, p.size()) == p) {
      auto id = io::parse_int(body.substr(p.size()));
      if (!id || *id < 1) fail(fmt::format("found '{}', expected {}ID with a positive alliance id", body, p));
      c.kind = kind;
      c.alliance_id = static_cast<int>(*id);
      if (kind == CoalitionSpec::Kind::kCowAlliance && ctx.cow_members.empty())
        fail(fmt::format("coalition '{}' needs COW alliance members (--alliances)", body));
      if (kind == CoalitionSpec::Kind::kAtopAlliance && ctx.atop.empty())
        fail(fmt::format("coalition '{}' needs the ATOP state-year file (--atop)", body));
      return c;
    }
  }
  std::set<int> seen;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    auto plus = body.find('+', pos);
    std::string_view part = trim(body.substr(pos, plus == std::string_view::npos ? std::string_view::npos : plus - pos));
    pos = plus == std::string_view::npos ? body.size() + 1 : plus + 1;
    std::optional<int> cc = ctx.countries ? ctx.countries->resolve(part) : std::nullopt;
    if (!cc) fail(fmt::format("found unknown state '{}' in '{}', expected COW abbreviations, ISO3 codes or ccodes joined by '+'", part, body));
    if (!seen.insert(*cc).second) fail(fmt::format("state '{}' appears twice in '{}'", part, body));
    c.ccodes.push_back(*cc);
  }
  return c;
}

std::vector<int> coalition_members(const CoalitionSpec& spec, int year, const CoalitionContext& ctx) {
  std::set<int> m;
  switch (spec.kind) {
    case CoalitionSpec::Kind::kStates: m.insert(spec.ccodes.begin(), spec.ccodes.end()); break;
    case CoalitionSpec::Kind::kNato: {
      auto v = nato_members_on(ctx.nato, Date{year, 12, 31});
      m.insert(v.begin(), v.end());
      break;
    }
    case CoalitionSpec::Kind::kCowAlliance:
      for (const auto& a : ctx.cow_members) {
        if (a.id != spec.alliance_id) continue;
        bool in = a.year ? a.year == year : (a.start.year <= year && (!a.end || year <= a.end->year));
        if (in) m.insert(a.ccode);
      }
      break;
    case CoalitionSpec::Kind::kAtopAlliance:
      for (const auto& a : ctx.atop)
        if (a.year == year && std::find(a.atopids.begin(), a.atopids.end(), spec.alliance_id) != a.atopids.end())
          m.insert(a.ccode);
      break;
  }
  return {m.begin(), m.end()};
}

Balance capability_balance(const Panel& panel, const CompositeOptions& weights,
                           const std::vector<CoalitionSpec>& coalitions, const CoalitionContext& ctx,
                           int from, int to) {
  if (from > to) throw InputError(fmt::format("capability_balance: from is {} and to is {}, but from must be <= to", from, to));
  Panel sub;
  sub.indicators = panel.indicators;
  for (const auto& r : panel.rows)
    if (r.year >= from && r.year <= to) sub.rows.push_back(r);
  auto idx = composite_index(sub, weights);
  Balance b;
  b.indicators = panel.indicators;
  b.weights = weights.weights.empty() ? std::vector<double>(panel.indicators.size(), 1.0) : weights.weights;
  for (const auto& c : coalitions) b.coalition_labels.push_back(c.label);
  std::map<int, BalanceYear> years;
  for (const auto& v : idx) {
    if (std::isnan(v.index)) continue;
    auto& y = years[v.year];
    y.year = v.year;
    y.index[v.ccode] = v.index;
  }
  for (auto& [year, y] : years) {
    for (const auto& c : coalitions) {
      double s = 0;
      for (int m : coalition_members(c, year, ctx))
        if (auto it = y.index.find(m); it != y.index.end()) s += it->second;
      y.coalition_totals.push_back(s);
    }
    std::vector<double> caps;
    double total = 0;
    for (const auto& [cc, v] : y.index) {
      caps.push_back(v);
      total += v;
    }
    // Name the year and the data, not the internal function (issue 16 item 5).
    if (!(total > 0))
      throw InputError(SourceLocation{}, fmt::format("year {}", year),
                       "every state's capability index is 0 in the input data, so shares and concentration are "
                       "undefined; expected at least one state with a positive value that year");
    y.concentration = concentration(caps);
    b.years.push_back(std::move(y));
  }
  return b;
}

}  // namespace geobalance::power
