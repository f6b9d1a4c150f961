#include "geobalance/games/game.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/games/sequence_form.h"

namespace geobalance::games {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Rational pow10(long e) {
  mpz_class p;
  mpz_ui_pow_ui(p.get_mpz_t(), 10, static_cast<unsigned long>(e < 0 ? -e : e));
  if (e >= 0) return Rational(p);
  Rational q(mpz_class(1), p);
  q.canonicalize();
  return q;
}

}  // namespace

std::optional<Rational> parse_rational(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool neg = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body.empty()) return std::nullopt;
  if (auto slash = body.find('/'); slash != std::string_view::npos) {
    auto num = body.substr(0, slash), den = body.substr(slash + 1);
    if (!all_digits(num) || !all_digits(den)) return std::nullopt;
    mpz_class n(std::string(num), 10), d(std::string(den), 10);
    if (d == 0) return std::nullopt;
    Rational q(n, d);
    q.canonicalize();
    if (neg) q = -q;
    return q;
  }
  // decimal: digits [. digits] [e[+-]digits]
  std::string_view mant = body, expo;
  if (auto e = body.find_first_of("eE"); e != std::string_view::npos) {
    mant = body.substr(0, e);
    expo = body.substr(e + 1);
    if (expo.empty()) return std::nullopt;
  }
  std::string_view ip = mant, fp;
  if (auto dot = mant.find('.'); dot != std::string_view::npos) {
    ip = mant.substr(0, dot);
    fp = mant.substr(dot + 1);
    if (!fp.empty() && !all_digits(fp)) return std::nullopt;
  }
  if (!ip.empty() && !all_digits(ip)) return std::nullopt;
  if (ip.empty() && fp.empty()) return std::nullopt;
  long ex = 0;
  if (!expo.empty()) {
    bool eneg = false;
    if (expo[0] == '+' || expo[0] == '-') {
      eneg = expo[0] == '-';
      expo.remove_prefix(1);
    }
    // Payoffs are finite quantities: |exponent| <= 400 covers every double, and keeps one
    // token from expanding into a megabyte-sized integer (docs/limits.md).
    if (!all_digits(expo) || expo.size() > 3) return std::nullopt;
    ex = std::stol(std::string(expo));
    if (ex > 400) return std::nullopt;
    if (eneg) ex = -ex;
  }
  if (ip.size() + fp.size() > 1000) return std::nullopt;
  std::string digits = std::string(ip) + std::string(fp);
  mpz_class n(digits.empty() ? std::string("0") : digits, 10);
  Rational q(n);
  q *= pow10(ex - static_cast<long>(fp.size()));
  q.canonicalize();
  if (neg) q = -q;
  return q;
}

std::string format_rational(const Rational& q) { return q.get_str(); }

// ---------------------------------------------------------------- NormalFormGame

NormalFormGame::NormalFormGame(std::vector<int> num_strategies) : shape_(std::move(num_strategies)) {
  if (shape_.empty()) throw InputError("NormalFormGame: a game needs at least one player");
  num_profiles_ = 1;
  stride_.resize(shape_.size());
  for (std::size_t p = 0; p < shape_.size(); ++p) {
    if (shape_[p] < 1)
      throw InputError(fmt::format("NormalFormGame: player {} has {} strategies, but must have at least 1",
                                   p + 1, shape_[p]));
    stride_[p] = num_profiles_;
    num_profiles_ *= static_cast<std::size_t>(shape_[p]);
  }
  payoffs_.assign(num_profiles_ * shape_.size(), Rational(0));
  payoffs_d_.assign(num_profiles_ * shape_.size(), 0.0);
  for (std::size_t p = 0; p < shape_.size(); ++p) {
    player_names.push_back(fmt::format("Player {}", p + 1));
    std::vector<std::string> names;
    for (int s = 0; s < shape_[p]; ++s) names.push_back(std::to_string(s + 1));
    strategy_names.push_back(std::move(names));
  }
}

std::size_t NormalFormGame::profile_index(std::span<const int> strategies) const {
  std::size_t k = 0;
  for (std::size_t p = 0; p < shape_.size(); ++p) k += stride_[p] * static_cast<std::size_t>(strategies[p]);
  return k;
}

std::vector<int> NormalFormGame::profile_strategies(std::size_t index) const {
  std::vector<int> s(shape_.size());
  for (std::size_t p = 0; p < shape_.size(); ++p) {
    s[p] = static_cast<int>(index % static_cast<std::size_t>(shape_[p]));
    index /= static_cast<std::size_t>(shape_[p]);
  }
  return s;
}

void NormalFormGame::set_payoff(std::size_t profile, int player, const Rational& v) {
  outcomes_.clear();
  profile_outcome_.clear();
  std::size_t k = profile * shape_.size() + static_cast<std::size_t>(player);
  payoffs_[k] = v;
  payoffs_d_[k] = v.get_d();
}

void NormalFormGame::set_outcomes(std::vector<Outcome> outcomes, std::vector<int> profile_outcome) {
  if (profile_outcome.size() != num_profiles_)
    throw InputError(fmt::format("NormalFormGame: {} profile outcomes given, but the game has {} profiles",
                                 profile_outcome.size(), num_profiles_));
  for (const auto& o : outcomes)
    if (o.payoffs.size() != shape_.size())
      throw InputError(fmt::format("NormalFormGame: outcome '{}' has {} payoffs, but the game has {} players",
                                   o.name, o.payoffs.size(), shape_.size()));
  for (std::size_t k = 0; k < num_profiles_; ++k) {
    int j = profile_outcome[k];
    if (j < 0 || j > static_cast<int>(outcomes.size()))
      throw InputError(fmt::format("NormalFormGame: profile {} refers to outcome {}, but there are {} outcomes",
                                   k + 1, j, outcomes.size()));
    for (std::size_t p = 0; p < shape_.size(); ++p) {
      Rational v = j == 0 ? Rational(0) : outcomes[static_cast<std::size_t>(j - 1)].payoffs[p];
      payoffs_[k * shape_.size() + p] = v;
      payoffs_d_[k * shape_.size() + p] = v.get_d();
    }
  }
  outcomes_ = std::move(outcomes);
  profile_outcome_ = std::move(profile_outcome);
}

std::pair<Rational, Rational> NormalFormGame::payoff_range() const {
  if (payoffs_.empty()) return {Rational(0), Rational(0)};
  auto [lo, hi] = std::minmax_element(payoffs_.begin(), payoffs_.end());
  return {*lo, *hi};
}

NormalFormGame make_bimatrix(const std::vector<std::vector<Rational>>& a,
                             const std::vector<std::vector<Rational>>& b) {
  int m = static_cast<int>(a.size());
  int n = m > 0 ? static_cast<int>(a[0].size()) : 0;
  if (m == 0 || n == 0 || b.size() != a.size())
    throw InputError("make_bimatrix: A and B must be non-empty and of the same size");
  NormalFormGame g({m, n});
  for (int i = 0; i < m; ++i) {
    if (static_cast<int>(a[static_cast<std::size_t>(i)].size()) != n ||
        static_cast<int>(b[static_cast<std::size_t>(i)].size()) != n)
      throw InputError("make_bimatrix: every row of A and B must have the same length");
    for (int j = 0; j < n; ++j) {
      std::size_t k = static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * static_cast<std::size_t>(m);
      g.set_payoff(k, 0, a[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
      g.set_payoff(k, 1, b[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
    }
  }
  return g;
}

// ---------------------------------------------------------------- ExtensiveFormGame

int ExtensiveFormGame::add_infoset(int player, std::string name, std::vector<std::string> actions,
                                   std::vector<Rational> probabilities) {
  int number = 1;
  for (const auto& h : infosets)
    if (h.player == player) number = std::max(number, h.number + 1);
  Infoset h;
  h.player = player;
  h.number = number;
  h.name = std::move(name);
  h.actions = std::move(actions);
  h.probabilities = std::move(probabilities);
  infosets.push_back(std::move(h));
  return static_cast<int>(infosets.size()) - 1;
}

int ExtensiveFormGame::add_outcome(std::string name, std::vector<Rational> payoffs) {
  outcomes.push_back(Outcome{std::move(name), std::move(payoffs)});
  return static_cast<int>(outcomes.size()) - 1;
}

namespace {
void attach(ExtensiveFormGame& g, int parent, int action, int child) {
  if (parent < 0) return;
  auto& p = g.nodes[static_cast<std::size_t>(parent)];
  if (action < 0 || action >= static_cast<int>(p.children.size()))
    throw InputError(fmt::format("ExtensiveFormGame: node {} has no action {}", parent, action));
  p.children[static_cast<std::size_t>(action)] = child;
  g.nodes[static_cast<std::size_t>(child)].parent = parent;
  g.nodes[static_cast<std::size_t>(child)].parent_action = action;
}
}  // namespace

int ExtensiveFormGame::add_decision(int parent, int action, int infoset, std::string name, int outcome) {
  Node n;
  const Infoset& h = infosets.at(static_cast<std::size_t>(infoset));
  n.kind = h.player < 0 ? NodeKind::kChance : NodeKind::kPlayer;
  n.name = std::move(name);
  n.infoset = infoset;
  n.outcome = outcome;
  n.children.assign(h.actions.size(), -1);
  nodes.push_back(std::move(n));
  int id = static_cast<int>(nodes.size()) - 1;
  infosets[static_cast<std::size_t>(infoset)].nodes.push_back(id);
  attach(*this, parent, action, id);
  return id;
}

int ExtensiveFormGame::add_terminal(int parent, int action, int outcome, std::string name) {
  Node n;
  n.kind = NodeKind::kTerminal;
  n.name = std::move(name);
  n.outcome = outcome;
  nodes.push_back(std::move(n));
  int id = static_cast<int>(nodes.size()) - 1;
  attach(*this, parent, action, id);
  return id;
}

std::vector<Rational> ExtensiveFormGame::terminal_payoffs(int node) const {
  std::vector<Rational> u(player_names.size(), Rational(0));
  for (int v = node; v >= 0; v = nodes[static_cast<std::size_t>(v)].parent) {
    int o = nodes[static_cast<std::size_t>(v)].outcome;
    if (o < 0) continue;
    const auto& pay = outcomes[static_cast<std::size_t>(o)].payoffs;
    for (std::size_t p = 0; p < u.size() && p < pay.size(); ++p) u[p] += pay[p];
  }
  return u;
}

std::vector<int> ExtensiveFormGame::player_infosets(int player) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < infosets.size(); ++i)
    if (infosets[i].player == player) out.push_back(static_cast<int>(i));
  std::sort(out.begin(), out.end(), [&](int a, int b) {
    return infosets[static_cast<std::size_t>(a)].number < infosets[static_cast<std::size_t>(b)].number;
  });
  return out;
}

bool ExtensiveFormGame::perfect_information() const {
  for (const auto& h : infosets)
    if (h.player >= 0 && h.nodes.size() > 1) return false;
  return true;
}

void ExtensiveFormGame::validate(const std::string& source) const {
  if (nodes.empty()) throw InputError(source + ": the game tree has no nodes");
  if (player_names.empty()) throw InputError(source + ": the game has no players");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (int c : nodes[i].children)
      if (c < 0) throw InputError(fmt::format("{}: node {} has an action with no successor", source, i));
  }
  for (const auto& h : infosets) {
    if (h.actions.empty())
      throw InputError(fmt::format("{}: information set {} of {} has no actions", source, h.number,
                                   h.player < 0 ? std::string("chance") : fmt::format("player {}", h.player + 1)));
    if (h.player >= num_players())
      throw InputError(fmt::format("{}: information set {} belongs to player {}, but the game has {} players",
                                   source, h.number, h.player + 1, num_players()));
    if (h.player < 0) {
      Rational sum = 0;
      for (const auto& p : h.probabilities) {
        if (p < 0) throw InputError(fmt::format("{}: chance information set {} has a negative probability", source, h.number));
        sum += p;
      }
      if (h.probabilities.size() != h.actions.size() || sum != 1)
        throw InputError(fmt::format("{}: the probabilities of chance information set {} sum to {}, but must sum to 1",
                                     source, h.number, sum.get_str()));
    }
  }
  for (const auto& o : outcomes)
    if (o.payoffs.size() != player_names.size())
      throw InputError(fmt::format("{}: outcome '{}' has {} payoffs, but the game has {} players", source, o.name,
                                   o.payoffs.size(), player_names.size()));
}

// ---------------------------------------------------------------- reduced normal form

namespace {

// Is infoset h relevant for player p under `plan` (indexed by position of the infoset in the
// player's list, pos_of)? True when some member node's root path follows the plan at every
// node of p.
bool relevant(const ExtensiveFormGame& g, int h, const std::vector<int>& plan, const std::vector<int>& pos_of) {
  for (int n : g.infosets[static_cast<std::size_t>(h)].nodes) {
    bool ok = true;
    for (int v = n; ok && g.nodes[static_cast<std::size_t>(v)].parent >= 0;) {
      int par = g.nodes[static_cast<std::size_t>(v)].parent;
      const Node& pn = g.nodes[static_cast<std::size_t>(par)];
      if (pn.kind == NodeKind::kPlayer &&
          g.infosets[static_cast<std::size_t>(pn.infoset)].player == g.infosets[static_cast<std::size_t>(h)].player) {
        int k = pos_of[static_cast<std::size_t>(pn.infoset)];
        if (plan[static_cast<std::size_t>(k)] != g.nodes[static_cast<std::size_t>(v)].parent_action) ok = false;
      }
      v = par;
    }
    if (ok) return true;
  }
  return false;
}

}  // namespace

ReducedNormalForm to_reduced_normal_form(const ExtensiveFormGame& g, std::size_t max_profiles) {
  g.validate();
  // With perfect recall the sizes are known before enumerating: fail at once on a form that
  // cannot be built (13-card Kuhn poker took 8 s to reach the limit by enumeration).
  std::vector<double> counts;
  try {
    counts = reduced_strategy_counts(build_sequence_form(g));
  } catch (const InputError&) {
    counts.clear();  // imperfect recall: the enumeration below applies its limits
  }
  double product = 1;
  for (std::size_t p = 0; p < counts.size(); ++p) {
    if (counts[p] > static_cast<double>(max_profiles))
      throw InputError(fmt::format("reduced strategic form: player {} has more than {} pure strategies", p + 1,
                                   max_profiles));
    product *= counts[p];
  }
  if (product > static_cast<double>(max_profiles))
    throw InputError(fmt::format("reduced strategic form: more than {} pure-strategy profiles", max_profiles));
  int n = g.num_players();
  std::vector<int> pos_of(g.infosets.size(), -1);
  std::vector<std::vector<int>> owned(static_cast<std::size_t>(n));
  for (int p = 0; p < n; ++p) {
    owned[static_cast<std::size_t>(p)] = g.player_infosets(p);
    for (std::size_t k = 0; k < owned[static_cast<std::size_t>(p)].size(); ++k)
      pos_of[static_cast<std::size_t>(owned[static_cast<std::size_t>(p)][k])] = static_cast<int>(k);
  }
  ReducedNormalForm out;
  out.plans.resize(static_cast<std::size_t>(n));
  for (int p = 0; p < n; ++p) {
    const auto& hs = owned[static_cast<std::size_t>(p)];
    std::set<std::vector<int>> seen;
    std::vector<int> plan(hs.size(), 0);
    std::size_t count = 0;
    while (true) {
      if (++count > max_profiles)
        throw InputError(fmt::format("reduced strategic form: player {} has more than {} pure strategies",
                                     p + 1, max_profiles));
      std::vector<int> reduced = plan;
      for (std::size_t k = 0; k < hs.size(); ++k)
        if (!relevant(g, hs[k], plan, pos_of)) reduced[k] = -1;
      if (seen.insert(reduced).second) out.plans[static_cast<std::size_t>(p)].push_back(reduced);
      std::size_t k = 0;
      for (; k < hs.size(); ++k) {
        if (++plan[k] < static_cast<int>(g.infosets[static_cast<std::size_t>(hs[k])].actions.size())) break;
        plan[k] = 0;
      }
      if (k == hs.size()) break;
    }
  }
  std::vector<int> shape;
  std::size_t total = 1;
  for (int p = 0; p < n; ++p) {
    shape.push_back(static_cast<int>(out.plans[static_cast<std::size_t>(p)].size()));
    total *= out.plans[static_cast<std::size_t>(p)].size();
    if (total > max_profiles)
      throw InputError(fmt::format("reduced strategic form: more than {} pure-strategy profiles", max_profiles));
  }
  NormalFormGame nf(shape);
  nf.title = g.title;
  nf.comment = g.comment;
  nf.player_names = g.player_names;
  for (int p = 0; p < n; ++p) {
    const auto& hs = owned[static_cast<std::size_t>(p)];
    for (std::size_t s = 0; s < out.plans[static_cast<std::size_t>(p)].size(); ++s) {
      std::string label;
      const auto& plan = out.plans[static_cast<std::size_t>(p)][s];
      for (std::size_t k = 0; k < hs.size(); ++k) {
        if (k) label += '/';
        label += plan[k] < 0 ? std::string("*")
                             : g.infosets[static_cast<std::size_t>(hs[k])].actions[static_cast<std::size_t>(plan[k])];
      }
      if (hs.empty()) label = "-";
      nf.strategy_names[static_cast<std::size_t>(p)][s] = label;
    }
  }
  // Payoffs by traversal of the tree for each profile.
  std::vector<Rational> acc(static_cast<std::size_t>(n));
  std::vector<int> prof;
  std::function<void(int, const Rational&)> walk = [&](int v, const Rational& w) {
    const Node& node = g.nodes[static_cast<std::size_t>(v)];
    if (node.outcome >= 0)
      for (int p = 0; p < n; ++p)
        acc[static_cast<std::size_t>(p)] += w * g.outcomes[static_cast<std::size_t>(node.outcome)].payoffs[static_cast<std::size_t>(p)];
    if (node.kind == NodeKind::kTerminal) return;
    const Infoset& h = g.infosets[static_cast<std::size_t>(node.infoset)];
    if (node.kind == NodeKind::kChance) {
      for (std::size_t a = 0; a < node.children.size(); ++a)
        if (h.probabilities[a] != 0) walk(node.children[a], w * h.probabilities[a]);
      return;
    }
    int p = h.player;
    int a = out.plans[static_cast<std::size_t>(p)][static_cast<std::size_t>(prof[static_cast<std::size_t>(p)])]
                     [static_cast<std::size_t>(pos_of[static_cast<std::size_t>(node.infoset)])];
    walk(node.children[static_cast<std::size_t>(a)], w);
  };
  for (std::size_t k = 0; k < nf.num_profiles(); ++k) {
    prof = nf.profile_strategies(k);
    for (auto& x : acc) x = 0;
    walk(0, Rational(1));
    for (int p = 0; p < n; ++p) nf.set_payoff(k, p, acc[static_cast<std::size_t>(p)]);
  }
  out.game = std::move(nf);
  return out;
}

}  // namespace geobalance::games
