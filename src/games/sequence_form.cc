#include "geobalance/games/sequence_form.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::games {

namespace {

std::size_t U(int i) { return static_cast<std::size_t>(i); }

// Per node: each player's own sequence on the path to it (node order is prefix order, so a
// parent always comes before its children).
struct NodeSeqs {
  std::vector<int> seq;  // nodes * players
  int players = 0;
  int at(int node, int p) const { return seq[U(node) * U(players) + U(p)]; }
};

// With `build`, also creates the sequences and checks perfect recall; without, reads the
// sequences of a finished SequenceForm.
NodeSeqs node_sequences(const ExtensiveFormGame& g, SequenceForm& sf, bool build) {
  const int n = g.num_players();
  NodeSeqs ns;
  ns.players = n;
  ns.seq.assign(g.nodes.size() * U(n), 0);
  std::vector<char> seen(g.infosets.size(), 0);
  for (std::size_t v = 0; v < g.nodes.size(); ++v) {
    const Node& node = g.nodes[v];
    if (node.parent >= 0) {
      for (int p = 0; p < n; ++p) ns.seq[v * U(n) + U(p)] = ns.at(node.parent, p);
      const Node& par = g.nodes[U(node.parent)];
      if (par.kind == NodeKind::kPlayer) {
        int h = par.infoset, p = g.infosets[U(h)].player;
        ns.seq[v * U(n) + U(p)] = sf.players[U(p)].action_seq[U(sf.infoset_pos[U(h)])][U(node.parent_action)];
      }
    }
    if (node.kind != NodeKind::kPlayer || !build) continue;
    int h = node.infoset, p = g.infosets[U(h)].player, k = sf.infoset_pos[U(h)];
    PlayerSequences& ps = sf.players[U(p)];
    int own = ns.at(static_cast<int>(v), p);
    if (!seen[U(h)]) {
      seen[U(h)] = 1;
      ps.parent_seq[U(k)] = own;
      for (std::size_t a = 0; a < g.infosets[U(h)].actions.size(); ++a) {
        ps.action_seq[U(k)].push_back(ps.num_sequences());
        ps.seq_infoset.push_back(k);
        ps.seq_action.push_back(static_cast<int>(a));
      }
    } else if (ps.parent_seq[U(k)] != own) {
      throw InputError(SourceLocation{}, "game",
                       fmt::format("information set {} of player {} is reached by different earlier moves of "
                                   "that player (imperfect recall); the sequence form needs perfect recall (--strategic solves "
                                   "the reduced strategic form instead)",
                                   g.infosets[U(h)].number, p + 1));
    }
  }
  return ns;
}

template <class T>
T convert(const Rational& q) {
  if constexpr (std::is_same_v<T, double>) return q.get_d();
  else return q;
}

template <class T>
std::vector<int> block_index(const ExtensiveFormGame& g, const Behavior<T>& b) {
  std::vector<int> block_of(g.infosets.size(), -1);
  int k = 0;
  for (int p = 0; p < g.num_players(); ++p)
    for (int h : g.player_infosets(p)) {
      if (U(k) >= b.size() || b[U(k)].size() != g.infosets[U(h)].actions.size())
        throw InputError("behaviour profile: its shape does not match the game's information sets");
      block_of[U(h)] = k++;
    }
  if (U(k) != b.size()) throw InputError("behaviour profile: its shape does not match the game's information sets");
  return block_of;
}

// Probability of taking the edge into node v from its parent (1 at the root).
template <class T>
T edge_prob(const ExtensiveFormGame& g, const Behavior<T>& b, const std::vector<int>& block_of, int v) {
  const Node& node = g.nodes[U(v)];
  const Node& par = g.nodes[U(node.parent)];
  const Infoset& h = g.infosets[U(par.infoset)];
  if (par.kind == NodeKind::kChance) return convert<T>(h.probabilities[U(node.parent_action)]);
  return b[U(block_of[U(par.infoset)])][U(node.parent_action)];
}

template <class T>
std::vector<T> payoffs_impl(const ExtensiveFormGame& g, const Behavior<T>& b) {
  auto block_of = block_index(g, b);
  const std::size_t np = U(g.num_players());
  std::vector<std::vector<T>> val(g.nodes.size());
  for (std::size_t vi = g.nodes.size(); vi-- > 0;) {
    const Node& node = g.nodes[vi];
    std::vector<T> u(np, T(0));
    if (node.kind == NodeKind::kTerminal) {
      auto r = g.terminal_payoffs(static_cast<int>(vi));
      for (std::size_t p = 0; p < np; ++p) u[p] = convert<T>(r[p]);
    } else {
      for (int c : node.children) {
        T w = edge_prob(g, b, block_of, c);
        if (w == 0) continue;
        for (std::size_t p = 0; p < np; ++p) u[p] += w * val[U(c)][p];
      }
    }
    val[vi] = std::move(u);
    for (int c : node.children) std::vector<T>().swap(val[U(c)]);
  }
  return val[0];
}

// Best-response values of player p against b: for each of p's sequences, the largest expected
// payoff (weighted by the others' and chance's reach) p can collect below it. Returns the value
// of the empty sequence; `choice` gets a best action per infoset position.
template <class T>
T best_response(const ExtensiveFormGame& g, const SequenceForm& sf, const NodeSeqs& ns, const Behavior<T>& b,
                const std::vector<int>& block_of, int p, std::vector<int>* choice) {
  const PlayerSequences& ps = sf.players[U(p)];
  std::vector<T> reach(g.nodes.size(), T(0));
  std::vector<T> S(U(ps.num_sequences()), T(0));
  reach[0] = 1;
  for (std::size_t v = 0; v < g.nodes.size(); ++v) {
    const Node& node = g.nodes[v];
    if (v > 0) {
      const Node& par = g.nodes[U(node.parent)];
      T r = reach[U(node.parent)];
      if (r != 0 && !(par.kind == NodeKind::kPlayer && g.infosets[U(par.infoset)].player == p))
        r *= edge_prob(g, b, block_of, static_cast<int>(v));
      reach[v] = r;
    }
    if (node.kind == NodeKind::kTerminal && reach[v] != 0) {
      auto u = g.terminal_payoffs(static_cast<int>(v));
      S[U(ns.at(static_cast<int>(v), p))] += reach[v] * convert<T>(u[U(p)]);
    }
  }
  // Sequences are numbered so that a sequence's continuations come after it: fold from the end.
  std::vector<T> V = S;
  if (choice) choice->assign(ps.infosets.size(), 0);
  // Group infosets by parent sequence; process infosets in decreasing order of their first
  // sequence id (children before parents).
  std::vector<int> order(ps.infosets.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::sort(order.begin(), order.end(),
            [&](int a, int c) { return ps.action_seq[U(a)][0] > ps.action_seq[U(c)][0]; });
  for (int k : order) {
    const auto& seqs = ps.action_seq[U(k)];
    std::size_t best = 0;
    for (std::size_t a = 1; a < seqs.size(); ++a)
      if (V[U(seqs[a])] > V[U(seqs[best])]) best = a;
    if (choice) (*choice)[U(k)] = static_cast<int>(best);
    V[U(ps.parent_seq[U(k)])] += V[U(seqs[best])];
  }
  return V[0];
}

template <class T>
T regret_impl(const ExtensiveFormGame& g, const Behavior<T>& b) {
  auto block_of = block_index(g, b);
  SequenceForm sf = build_sequence_form(g);
  NodeSeqs ns = node_sequences(g, sf, false);
  auto u = payoffs_impl(g, b);
  T worst = 0;
  for (int p = 0; p < g.num_players(); ++p) {
    T br = best_response(g, sf, ns, b, block_of, p, nullptr);
    if (br - u[U(p)] > worst) worst = br - u[U(p)];
  }
  return worst;
}

}  // namespace

SequenceForm build_sequence_form(const ExtensiveFormGame& g) {
  g.validate();
  const int n = g.num_players();
  SequenceForm sf;
  sf.players.resize(U(n));
  sf.infoset_pos.assign(g.infosets.size(), -1);
  for (int p = 0; p < n; ++p) {
    PlayerSequences& ps = sf.players[U(p)];
    ps.infosets = g.player_infosets(p);
    for (std::size_t k = 0; k < ps.infosets.size(); ++k) sf.infoset_pos[U(ps.infosets[k])] = static_cast<int>(k);
    ps.parent_seq.assign(ps.infosets.size(), -1);
    ps.action_seq.assign(ps.infosets.size(), {});
    ps.seq_infoset.push_back(-1);
    ps.seq_action.push_back(-1);
  }
  NodeSeqs ns = node_sequences(g, sf, true);
  // Infosets no node reaches cannot exist (every infoset has a node), so every parent_seq is set.
  std::vector<Rational> chance(g.nodes.size());
  chance[0] = 1;
  std::map<std::pair<int, int>, std::pair<std::vector<Rational>, Rational>> acc;
  bool first = true;
  sf.constant_sum = true;
  for (std::size_t v = 0; v < g.nodes.size(); ++v) {
    const Node& node = g.nodes[v];
    if (v > 0) {
      const Node& par = g.nodes[U(node.parent)];
      chance[v] = chance[U(node.parent)];
      if (par.kind == NodeKind::kChance)
        chance[v] *= g.infosets[U(par.infoset)].probabilities[U(node.parent_action)];
    }
    if (node.kind != NodeKind::kTerminal) continue;
    auto u = g.terminal_payoffs(static_cast<int>(v));
    Rational sum = 0;
    for (const auto& x : u) sum += x;
    if (first) {
      sf.total = sum;
      sf.max_leaf = u;
    } else {
      if (sum != sf.total) sf.constant_sum = false;
      for (int p = 0; p < n; ++p)
        if (u[U(p)] > sf.max_leaf[U(p)]) sf.max_leaf[U(p)] = u[U(p)];
    }
    first = false;
    if (n != 2 || chance[v] == 0) continue;
    auto key = std::make_pair(ns.at(static_cast<int>(v), 0), ns.at(static_cast<int>(v), 1));
    auto& e = acc[key];
    if (e.first.empty()) e.first.assign(2, Rational(0));
    for (int p = 0; p < 2; ++p) e.first[U(p)] += chance[v] * u[U(p)];
    e.second += chance[v];
  }
  if (!sf.constant_sum) sf.total = 0;
  for (auto& [key, u] : acc)
    sf.entries.push_back(SequenceEntry{key.first, key.second, std::move(u.first), std::move(u.second)});
  return sf;
}

std::vector<double> reduced_strategy_counts(const SequenceForm& sf) {
  std::vector<double> out;
  for (const auto& ps : sf.players) {
    std::vector<double> count(U(ps.num_sequences()), 1.0);
    // Children before parents: infosets in decreasing order of their first sequence.
    std::vector<int> order(ps.infosets.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
    std::sort(order.begin(), order.end(),
              [&](int a, int c) { return ps.action_seq[U(a)][0] > ps.action_seq[U(c)][0]; });
    for (int k : order) {
      double sum = 0;
      for (int s : ps.action_seq[U(k)]) sum += count[U(s)];
      count[U(ps.parent_seq[U(k)])] *= sum;
    }
    out.push_back(count[0]);
  }
  return out;
}

std::vector<Rational> behavior_payoffs(const ExtensiveFormGame& g, const Behavior<Rational>& b) {
  return payoffs_impl(g, b);
}
std::vector<double> behavior_payoffs(const ExtensiveFormGame& g, const Behavior<double>& b) {
  return payoffs_impl(g, b);
}
Rational behavior_regret(const ExtensiveFormGame& g, const Behavior<Rational>& b) { return regret_impl(g, b); }
double behavior_regret(const ExtensiveFormGame& g, const Behavior<double>& b) { return regret_impl(g, b); }

Behavior<Rational> behavior_from_plans(const ExtensiveFormGame& g, const SequenceForm& sf,
                                       const std::vector<std::vector<Rational>>& plans) {
  Behavior<Rational> b;
  std::vector<std::pair<int, int>> cut;  // (player, infoset position) cut off by own moves
  for (int p = 0; p < g.num_players(); ++p) {
    const PlayerSequences& ps = sf.players[U(p)];
    const auto& x = plans[U(p)];
    for (std::size_t k = 0; k < ps.infosets.size(); ++k) {
      const auto& seqs = ps.action_seq[k];
      const Rational& parent = x[U(ps.parent_seq[k])];
      std::vector<Rational> probs(seqs.size(), Rational(0));
      if (sgn(parent) > 0) {
        for (std::size_t a = 0; a < seqs.size(); ++a) probs[a] = x[U(seqs[a])] / parent;
      } else {
        probs[0] = 1;  // placeholder; replaced by a best response below
        cut.emplace_back(p, static_cast<int>(k));
      }
      b.push_back(std::move(probs));
    }
  }
  if (cut.empty()) return b;
  // The others' reach into a cut-off set of player p never passes through another player's
  // cut-off set with positive probability (that player's own earlier move has probability 0),
  // so the placeholders above do not affect the best responses computed here.
  SequenceForm copy = sf;
  NodeSeqs ns = node_sequences(g, copy, false);
  auto block_of = block_index(g, b);
  std::vector<int> offset(U(g.num_players()) + 1, 0);
  for (int p = 0; p < g.num_players(); ++p)
    offset[U(p) + 1] = offset[U(p)] + static_cast<int>(sf.players[U(p)].infosets.size());
  std::vector<std::vector<int>> choice(U(g.num_players()));
  std::vector<char> done(U(g.num_players()), 0);
  for (auto [p, k] : cut) {
    if (!done[U(p)]) {
      best_response(g, sf, ns, b, block_of, p, &choice[U(p)]);
      done[U(p)] = 1;
    }
    auto& probs = b[U(offset[U(p)] + k)];
    std::fill(probs.begin(), probs.end(), Rational(0));
    probs[U(choice[U(p)][U(k)])] = 1;
  }
  return b;
}

}  // namespace geobalance::games
