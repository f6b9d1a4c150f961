#include "scenario/inputs.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "scenario/nowcasts.h"


namespace geobalance::scenario::detail {

constexpr double kInf = std::numeric_limits<double>::infinity();

double hold(ClampLog* log, const std::string& input, double x, double lo, double hi, const std::string& bound) {
  if (!(x < lo) && !(x > hi)) return x;  // NaN passes through: the models refuse it by name
  if (log) {
    auto [it, fresh] = log->try_emplace(input, ClampHit{bound, x, x});
    if (!fresh) it->second.raw_min = std::min(it->second.raw_min, x), it->second.raw_max = std::max(it->second.raw_max, x);
  }
  return x < lo ? lo : hi;
}

int Portfolio::index(int ccode) const {
  auto it = std::lower_bound(ccodes.begin(), ccodes.end(), ccode);
  return (it != ccodes.end() && *it == ccode) ? static_cast<int>(it - ccodes.begin()) : -1;
}

Portfolio build_portfolio(const std::vector<TieRow>& ties, const power::BuiltinData& builtin, const Date& as_of,
                          const std::vector<int>& excludes) {
  Portfolio p;
  for (const auto& c : builtin.countries)
    if (std::find(excludes.begin(), excludes.end(), c.ccode) == excludes.end()) p.ccodes.push_back(c.ccode);
  std::sort(p.ccodes.begin(), p.ccodes.end());
  const std::size_t n = p.ccodes.size();
  p.tie.assign(n, std::vector<int>(n, 0));
  for (std::size_t i = 0; i < n; ++i) p.tie[i][i] = 3;
  for (const auto& row : ties) {
    if (as_of < row.since) continue;
    const std::vector<int> members = row.nato ? power::nato_members_on(builtin.nato, as_of) : row.members;
    for (int a : members)
      for (int b : members) {
        int i = p.index(a), j = p.index(b);
        if (i < 0 || j < 0 || i == j) continue;
        p.tie[i][j] = std::max(p.tie[i][j], row.value);
      }
  }
  return p;
}

namespace {

// A state the scenario names, in the World's countries table; an InputError naming `key`
// when it is absent (load_scenario checks this against the World it loads; a caller may pass
// another World to run_scenario).
int ccode_of(const power::BuiltinData& b, const std::string& abb, const SourceLocation& where, const std::string& key) {
  auto cc = b.index.resolve(abb);
  if (!cc) throw InputError(where, "key '" + key + "'", fmt::format("found '{}', which the World's countries table lacks", abb));
  return *cc;
}

bargaining::Actor* find_actor(bargaining::Issue& is, const std::string& name) {
  for (auto& a : is.actors)
    if (a.name == name) return &a;
  return nullptr;
}

void clamp_issue(bargaining::Issue& is, double salience_floor, const std::string& id, ClampLog* log) {
  for (auto& a : is.actors) {
    for (auto& x : a.position)
      x = hold(log, fmt::format("issue:{} position of {}", id, a.name), x, is.scale_min, is.scale_max,
               fmt::format("[{}, {}] (the issue's scale)", format_value(is.scale_min), format_value(is.scale_max)));
    // Perturbation uses a floor of 0.01 so every actor keeps some stake (the SMP needs one);
    // shocks use 0, so a shock that zeroes an actor's stake is reported by the model.
    double total = 0;
    for (auto& s : a.salience)
      total += (s = hold(log, fmt::format("issue:{} salience of {}", id, a.name), s, salience_floor, 1.0,
                         fmt::format("[{}, 1]", format_value(salience_floor))));
    if (total > 1)
      for (auto& s : a.salience) s /= total;
  }
}

double draw(const Uncertainty& u, Rng& rng) {
  switch (u.distribution) {
    case Distribution::kNormal: return rng.normal(0, u.sd);
    case Distribution::kLognormal: return 0;  // only target "nowcasts", drawn by draw_nowcast_cells
    case Distribution::kUniform: return rng.uniform(u.low, u.high);
    case Distribution::kTriangular: {
      // Inverse CDF of the triangular distribution.
      const double a = u.low, b = u.high, c = u.mode, x = rng.uniform();
      if (b <= a) return a;
      const double f = (c - a) / (b - a);
      return x < f ? a + std::sqrt(x * (b - a) * (c - a)) : b - std::sqrt((1 - x) * (b - a) * (b - c));
    }
  }
  return 0;
}

std::vector<std::string> split3(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t b = 0;
  for (;;) {
    auto e = s.find('.', b);
    parts.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return parts;
}

}  // namespace

Inputs prepare_inputs(const Scenario& s, const World& world) {
  Inputs in;
  in.world = &world;
  in.builtin = &world.builtin;
  in.panel = world.builtin.capabilities;
  // Weights.
  std::string spec;
  for (const auto& [k, v] : s.weights) spec += (spec.empty() ? "" : ",") + k + "=" + fmt::format("{}", v);
  in.weights = power::weights_from_string(in.panel, spec.empty() ? kDefaultWeights : spec, "power.weights");
  in.ctx.countries = &world.builtin.index;
  in.ctx.nato = world.builtin.nato;
  for (const auto& [label, sp] : s.coalitions)
    in.coalitions.push_back(power::parse_coalition(label + "=" + sp, in.ctx, "actors.coalition"));

  // Issues, in the scenario's order.
  for (const auto& is : s.issues) {
    auto it = world.issues.find(is.id);
    if (it == world.issues.end())
      throw InputError(is.where, "key 'bargaining.issues.id'", fmt::format("issue '{}' is not in the World (its file was not loaded)", is.id));
    in.issues.push_back(it->second);
  }

  // Shocks in date order.
  std::vector<const Shock*> shocks;
  for (const auto& sh : s.shocks) shocks.push_back(&sh);
  std::stable_sort(shocks.begin(), shocks.end(), [](const Shock* a, const Shock* b) { return a->date < b->date; });
  for (const Shock* sh : shocks) {
    for (const auto& ce : sh->capabilities) {
      int cc = ccode_of(world.builtin, ce.state, ce.where, "shocks.capability.state");
      int k = in.panel.indicator(ce.indicator);
      for (auto& row : in.panel.rows)
        if (row.ccode == cc && row.year >= sh->date.year && !std::isnan(row.values[k]))
          row.values[k] = hold(&in.clamps, fmt::format("capability:{}:{}", ce.state, ce.indicator),
                               row.values[k] * ce.factor + ce.add, 0.0, kInf, ">= 0");
    }
    for (const auto& pe : sh->positions) {
      std::size_t idx = 0;
      while (s.issues[idx].id != pe.issue) ++idx;
      auto& issue = in.issues[idx];
      bargaining::Actor* a = find_actor(issue, pe.actor);
      if (!a) throw InputError(pe.where, "key 'actor'", fmt::format("found '{}', expected an actor of issue '{}' ({})", pe.actor, pe.issue, issue.source));
      if (pe.dimension >= static_cast<int>(a->position.size()))
        throw InputError(pe.where, "key 'dimension'", fmt::format("found {}, but issue '{}' has {} dimension(s)", pe.dimension, pe.issue, a->position.size()));
      if (pe.set) a->position[pe.dimension] = *pe.set;
      a->position[pe.dimension] += pe.shift;
      if (pe.salience) a->salience[pe.dimension] = *pe.salience;
      clamp_issue(issue, 0.0, pe.issue, &in.clamps);
    }
  }

  // Current portfolio, then the tie shocks (all dated on or before as_of: load_scenario
  // refuses later ones).
  if (world.has("ties")) {
    std::vector<int> excludes;
    for (const auto& abb : s.system_excludes) excludes.push_back(ccode_of(world.builtin, abb, SourceLocation{s.path}, "alignment.system_excludes"));
    in.portfolio = build_portfolio(world.ties, world.builtin, s.as_of, excludes);
    in.notes.push_back("alliance ties: " + world.path_of("ties"));
    for (const Shock* sh : shocks)
      for (const auto& te : sh->ties) {
        int i = in.portfolio.index(ccode_of(world.builtin, te.a, te.where, "shocks.tie.a")),
            j = in.portfolio.index(ccode_of(world.builtin, te.b, te.where, "shocks.tie.b"));
        if (i >= 0 && j >= 0) in.portfolio.tie[i][j] = in.portfolio.tie[j][i] = te.value;
      }
  }
  if (world.has("idealpoints")) in.notes.push_back("UN ideal points: " + world.path_of("idealpoints"));
  return in;
}

void perturb(const Scenario& s, const Inputs& base, Rng& rng, power::Panel& panel,
             std::vector<bargaining::Issue>& issues, std::map<std::string, double>& game_offsets,
             ClampLog* clamps) {
  for (const auto& u : s.uncertainties) {
    if (is_nowcasts_target(u.target)) {  // each nowcast cell from its row's sd (scenario/nowcasts.h)
      draw_nowcast_cells(base.world->builtin.capabilities, rng, panel);
      continue;
    }
    auto parts = split3(u.target);
    const std::string& kind = parts[0];
    if (kind == "capability") {
      int cc = ccode_of(*base.builtin, parts[1], u.where, "uncertainty.target");
      int k = panel.indicator(parts[2]);
      double f = 1 + draw(u, rng);
      for (auto& row : panel.rows)
        if (row.ccode == cc && !std::isnan(row.values[k]))
          row.values[k] = hold(clamps, fmt::format("capability:{}:{}", parts[1], parts[2]), row.values[k] * f, 0.0, kInf, ">= 0");
    } else if (kind == "game") {
      game_offsets[parts[1]] += draw(u, rng);
    } else {
      for (std::size_t i = 0; i < issues.size(); ++i) {
        if (parts[1] != "*" && s.issues[i].id != parts[1]) continue;
        auto& is = issues[i];
        for (auto& a : is.actors) {
          if (parts[2] != "*" && a.name != parts[2]) continue;
          if (kind == "position") {
            for (auto& x : a.position) x += draw(u, rng);
          } else if (kind == "salience") {
            for (auto& sv : a.salience) sv += draw(u, rng);
          } else if (kind == "capability_power") {
            a.capability = hold(clamps, fmt::format("issue:{} capability of {}", s.issues[i].id, a.name),
                                a.capability * (1 + draw(u, rng)), 1e-9, kInf, ">= 1e-9");
          }
        }
        clamp_issue(is, 0.01, s.issues[i].id, clamps);
      }
    }
  }
}

}  // namespace geobalance::scenario::detail
