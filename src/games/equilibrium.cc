#include "geobalance/games/equilibrium.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::games {

std::string to_string(Method m) {
  switch (m) {
    case Method::kEnumPure: return "enumpure";
    case Method::kEnumMixed: return "enummixed";
    case Method::kLcp: return "lcp";
    case Method::kSpe: return "spe";
    case Method::kLogit: return "logit";
    case Method::kLp: return "lp";
  }
  return "?";
}

Method method_from_string(std::string_view s) {
  for (Method m : {Method::kEnumPure, Method::kEnumMixed, Method::kLcp, Method::kSpe, Method::kLogit, Method::kLp})
    if (s == to_string(m)) return m;
  throw InputError(SourceLocation{}, "method",
                   fmt::format("found '{}', expected one of enumpure, enummixed, lcp, spe, logit, lp", s));
}

std::string to_string(Termination t) {
  switch (t) {
    case Termination::kComplete: return "complete";
    case Termination::kTruncated: return "truncated";
    case Termination::kNoLimit: return "no_limit";
  }
  return "?";
}

Coverage coverage_of(Method m) {
  switch (m) {
    case Method::kEnumPure: return {true, "every pure equilibrium"};
    case Method::kEnumMixed: return {true, "every extreme equilibrium (all equilibria of a nondegenerate game)"};
    case Method::kSpe: return {true, "every pure subgame-perfect equilibrium"};
    case Method::kLcp: return {false, "the equilibria its Lemke paths reach, not necessarily all"};
    case Method::kLogit: return {false, "one equilibrium, the limit of the principal logit branch, not all"};
    case Method::kLp: return {false, "one optimal profile and the value, not every equilibrium"};
  }
  return {false, "?"};
}

std::string SolveResult::brief_report() const {
  // The run's termination and, separately, what the method guarantees: "complete" alone read
  // as "all equilibria" for methods that find one (issue 16, item 6).
  std::string s = fmt::format("{}: {} equilibri{} (run {}; finds {})", to_string(method), equilibria.size(),
                              equilibria.size() == 1 ? "um" : "a", to_string(termination), coverage_of(method).text);
  if (value) s += "; value of the game for player 1: " + value->get_str();
  if (!message.empty()) s += "; " + message;
  return s;
}

ProfileLayout mixed_layout(const NormalFormGame& g) {
  ProfileLayout l;
  l.player_names = g.player_names;
  for (int p = 0; p < g.num_players(); ++p) {
    l.block_player.push_back(p);
    l.block_names.push_back(g.player_names[static_cast<std::size_t>(p)]);
    l.labels.push_back(g.strategy_names[static_cast<std::size_t>(p)]);
  }
  return l;
}

ProfileLayout behavior_layout(const ExtensiveFormGame& g) {
  ProfileLayout l;
  l.behavior = true;
  l.player_names = g.player_names;
  for (int p = 0; p < g.num_players(); ++p)
    for (int h : g.player_infosets(p)) {
      const Infoset& hs = g.infosets[static_cast<std::size_t>(h)];
      l.block_player.push_back(p);
      l.block_names.push_back(fmt::format("{}: {}", g.player_names[static_cast<std::size_t>(p)],
                                          hs.name.empty() ? fmt::format("infoset {}", hs.number) : hs.name));
      l.labels.push_back(hs.actions);
    }
  return l;
}

namespace {

template <class T>
std::vector<std::vector<T>> values_impl(const NormalFormGame& g, const std::vector<std::vector<T>>& prof) {
  const int n = g.num_players();
  std::vector<std::vector<T>> out(static_cast<std::size_t>(n));
  for (int p = 0; p < n; ++p) out[static_cast<std::size_t>(p)].assign(static_cast<std::size_t>(g.num_strategies(p)), T(0));
  std::vector<int> s(static_cast<std::size_t>(n), 0);
  T w;
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    for (int p = 0; p < n; ++p) {
      w = 1;
      bool zero = false;
      for (int q = 0; q < n && !zero; ++q) {
        if (q == p) continue;
        const T& pr = prof[static_cast<std::size_t>(q)][static_cast<std::size_t>(s[static_cast<std::size_t>(q)])];
        if (pr == 0) zero = true;
        else w *= pr;
      }
      if (zero) continue;
      if constexpr (std::is_same_v<T, double>)
        out[static_cast<std::size_t>(p)][static_cast<std::size_t>(s[static_cast<std::size_t>(p)])] += w * g.payoff_double(k, p);
      else
        out[static_cast<std::size_t>(p)][static_cast<std::size_t>(s[static_cast<std::size_t>(p)])] += w * g.payoff(k, p);
    }
    for (int p = 0; p < n; ++p) {  // next profile, player 0 fastest
      if (++s[static_cast<std::size_t>(p)] < g.num_strategies(p)) break;
      s[static_cast<std::size_t>(p)] = 0;
    }
  }
  return out;
}

template <class T>
void check_shape(const NormalFormGame& g, const std::vector<std::vector<T>>& prof) {
  bool ok = static_cast<int>(prof.size()) == g.num_players();
  for (int p = 0; ok && p < g.num_players(); ++p)
    ok = static_cast<int>(prof[static_cast<std::size_t>(p)].size()) == g.num_strategies(p);
  if (!ok) throw InputError("profile: its shape does not match the game's strategies");
}

}  // namespace

std::vector<std::vector<double>> strategy_values(const NormalFormGame& g, const std::vector<std::vector<double>>& profile) {
  check_shape(g, profile);
  return values_impl(g, profile);
}

Rational max_regret(const NormalFormGame& g, const std::vector<std::vector<Rational>>& profile) {
  check_shape(g, profile);
  auto v = values_impl(g, profile);
  Rational worst = 0;
  for (int p = 0; p < g.num_players(); ++p) {
    const auto& vp = v[static_cast<std::size_t>(p)];
    Rational mean = 0;
    for (std::size_t s = 0; s < vp.size(); ++s) mean += profile[static_cast<std::size_t>(p)][s] * vp[s];
    Rational best = *std::max_element(vp.begin(), vp.end());
    if (best - mean > worst) worst = best - mean;
  }
  return worst;
}

double max_regret(const NormalFormGame& g, const std::vector<std::vector<double>>& profile) {
  check_shape(g, profile);
  auto v = values_impl(g, profile);
  double worst = 0;
  for (int p = 0; p < g.num_players(); ++p) {
    const auto& vp = v[static_cast<std::size_t>(p)];
    double mean = 0;
    for (std::size_t s = 0; s < vp.size(); ++s) mean += profile[static_cast<std::size_t>(p)][s] * vp[s];
    double best = *std::max_element(vp.begin(), vp.end());
    worst = std::max(worst, best - mean);
  }
  return worst;
}

std::vector<Rational> expected_payoffs(const NormalFormGame& g, const std::vector<std::vector<Rational>>& profile) {
  check_shape(g, profile);
  auto v = values_impl(g, profile);
  std::vector<Rational> u(static_cast<std::size_t>(g.num_players()), Rational(0));
  for (std::size_t p = 0; p < u.size(); ++p)
    for (std::size_t s = 0; s < v[p].size(); ++s) u[p] += profile[p][s] * v[p][s];
  return u;
}

std::vector<double> expected_payoffs(const NormalFormGame& g, const std::vector<std::vector<double>>& profile) {
  check_shape(g, profile);
  auto v = values_impl(g, profile);
  std::vector<double> u(static_cast<std::size_t>(g.num_players()), 0.0);
  for (std::size_t p = 0; p < u.size(); ++p)
    for (std::size_t s = 0; s < v[p].size(); ++s) u[p] += profile[p][s] * v[p][s];
  return u;
}

Equilibrium make_verified(const NormalFormGame& g, std::vector<std::vector<Rational>> probs) {
  check_shape(g, probs);
  for (const auto& block : probs) {
    Rational sum = 0;
    for (const auto& x : block) {
      if (x < 0) throw ComputationError("internal: a computed equilibrium has a negative probability");
      sum += x;
    }
    if (sum != 1) throw ComputationError("internal: a computed equilibrium's probabilities do not sum to 1");
  }
  Rational r = max_regret(g, probs);
  if (r != 0)
    throw ComputationError(fmt::format("internal: a computed profile has regret {}, not 0", r.get_str()));
  Equilibrium e;
  e.payoffs = expected_payoffs(g, probs);
  for (const auto& u : e.payoffs) e.payoffs_approx.push_back(u.get_d());
  for (const auto& block : probs) {
    std::vector<double> d;
    for (const auto& x : block) d.push_back(x.get_d());
    e.approx.push_back(std::move(d));
  }
  e.probs = std::move(probs);
  e.exact = true;
  e.max_regret = 0;
  return e;
}

// ---------------------------------------------------------------- enumpure

SolveResult enumpure(const NormalFormGame& g) {
  SolveResult res;
  res.method = Method::kEnumPure;
  res.layout = mixed_layout(g);
  const int n = g.num_players();
  std::vector<int> s(static_cast<std::size_t>(n), 0);
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    bool nash = true;
    for (int p = 0; p < n && nash; ++p) {
      const Rational& u = g.payoff(k, p);
      std::size_t base = k - static_cast<std::size_t>(s[static_cast<std::size_t>(p)]) * g.stride(p);
      for (int t = 0; t < g.num_strategies(p); ++t)
        if (g.payoff(base + static_cast<std::size_t>(t) * g.stride(p), p) > u) {
          nash = false;
          break;
        }
    }
    if (nash) {
      std::vector<std::vector<Rational>> probs(static_cast<std::size_t>(n));
      for (int p = 0; p < n; ++p) {
        probs[static_cast<std::size_t>(p)].assign(static_cast<std::size_t>(g.num_strategies(p)), Rational(0));
        probs[static_cast<std::size_t>(p)][static_cast<std::size_t>(s[static_cast<std::size_t>(p)])] = 1;
      }
      // Verified above by comparing every unilateral deviation exactly.
      Equilibrium e;
      for (int p = 0; p < n; ++p) {
        e.payoffs.push_back(g.payoff(k, p));
        e.payoffs_approx.push_back(g.payoff_double(k, p));
        std::vector<double> d(static_cast<std::size_t>(g.num_strategies(p)), 0.0);
        d[static_cast<std::size_t>(s[static_cast<std::size_t>(p)])] = 1;
        e.approx.push_back(std::move(d));
      }
      e.probs = std::move(probs);
      res.equilibria.push_back(std::move(e));
    }
    for (int p = 0; p < n; ++p) {
      if (++s[static_cast<std::size_t>(p)] < g.num_strategies(p)) break;
      s[static_cast<std::size_t>(p)] = 0;
    }
  }
  return res;
}

void LcpOptions::validate() const {
  if (max_pivots < 1)
    throw InputError(fmt::format("LcpOptions: max_pivots is {}, but must be >= 1", max_pivots));
}

void SequenceLcpOptions::validate() const {
  if (max_pivots < 1)
    throw InputError(fmt::format("SequenceLcpOptions: max_pivots is {}, but must be >= 1", max_pivots));
}

void LogitOptions::validate() const {
  auto bad = [](const char* name, double v, const char* c) {
    throw InputError(fmt::format("LogitOptions: {} is {}, but must be {}", name, v, c));
  };
  if (!(max_lambda > 0 && std::isfinite(max_lambda))) bad("max_lambda", max_lambda, "finite and > 0");
  if (!(first_step > 0 && std::isfinite(first_step))) bad("first_step", first_step, "finite and > 0");
  if (!(max_step >= first_step && std::isfinite(max_step))) bad("max_step", max_step, "finite and >= first_step");
  if (max_steps < 1) bad("max_steps", max_steps, ">= 1");
  if (record_every < 0) bad("record_every", record_every, ">= 0");
}

// ---------------------------------------------------------------- dispatch

SolveResult solve(const NormalFormGame& g, Method m, const SolveOptions& o) {
  switch (m) {
    case Method::kEnumPure: return enumpure(g);
    case Method::kEnumMixed: return enummixed(g, o.enummixed);
    case Method::kLcp: return lcp(g, o.lcp);
    case Method::kLogit: return logit(g, o.logit);
    case Method::kSpe:
      throw InputError(SourceLocation{}, "method",
                       "spe needs an extensive-form game (.efg); a strategic form has no subgames");
    case Method::kLp:
      throw InputError(SourceLocation{}, "method",
                       "lp needs a two-player constant-sum extensive-form game (.efg); use enummixed or lcp on a "
                       "strategic form");
  }
  throw InputError("solve: unknown method");
}

SolveResult solve(const ExtensiveFormGame& g, Method m, const SolveOptions& o) {
  if (m == Method::kSpe) return spe(g, o.spe);
  if (m == Method::kLp) return sequence_lp(g, {.exact_only = o.sequence.exact_only});
  if (!o.strategic && m == Method::kLcp) return sequence_lcp(g, o.sequence);
  if (!o.strategic && m == Method::kLogit) return agent_logit(g, o.logit);
  ReducedNormalForm rnf = to_reduced_normal_form(g);
  return solve(rnf.game, m, o);
}

}  // namespace geobalance::games
