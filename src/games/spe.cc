// Subgame-perfect equilibria of perfect-information trees by backward induction (Kuhn 1953;
// Selten 1965). Every node keeps the list of equilibria of its subtree; a decision node
// combines one equilibrium of each child subtree and keeps every action that maximises the
// mover's continuation payoff, so ties yield every pure SPE.
#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"

namespace geobalance::games {

namespace {

struct Alt {
  std::vector<Rational> u;     // payoffs of the subtree's equilibrium (outcomes from here down)
  int action = -1;             // choice at this node (player nodes)
  std::vector<int> child_alt;  // chosen equilibrium of each child subtree
};

}  // namespace

SolveResult spe(const ExtensiveFormGame& g, const SpeOptions& options) {
  options.validate();
  g.validate();
  for (const auto& h : g.infosets)
    if (h.player >= 0 && h.nodes.size() > 1)
      throw InputError(SourceLocation{}, "game",
                       fmt::format("information set {} of player {} holds {} nodes; spe needs perfect information "
                                   "(use enumpure, enummixed, lcp or logit on its strategic form)",
                                   h.number, h.player + 1, h.nodes.size()));
  const std::size_t np = static_cast<std::size_t>(g.num_players());
  const std::size_t cap = options.max_equilibria ? options.max_equilibria : static_cast<std::size_t>(-1);
  SolveResult res;
  res.method = Method::kSpe;
  res.layout = behavior_layout(g);
  bool truncated = false;
  std::vector<std::vector<Alt>> alts(g.nodes.size());
  // Children are always created after their parent, so reverse index order is bottom-up.
  for (std::size_t vi = g.nodes.size(); vi-- > 0;) {
    const Node& node = g.nodes[vi];
    std::vector<Rational> own(np, Rational(0));
    if (node.outcome >= 0) own = g.outcomes[static_cast<std::size_t>(node.outcome)].payoffs;
    auto& out = alts[vi];
    if (node.kind == NodeKind::kTerminal) {
      out.push_back(Alt{own, -1, {}});
      continue;
    }
    const Infoset& h = g.infosets[static_cast<std::size_t>(node.infoset)];
    const std::size_t k = node.children.size();
    std::vector<int> combo(k, 0);
    while (true) {
      if (node.kind == NodeKind::kChance) {
        Alt a{own, -1, combo};
        for (std::size_t c = 0; c < k; ++c) {
          const Alt& ca = alts[static_cast<std::size_t>(node.children[c])][static_cast<std::size_t>(combo[c])];
          for (std::size_t p = 0; p < np; ++p) a.u[p] += h.probabilities[c] * ca.u[p];
        }
        out.push_back(std::move(a));
      } else {
        const std::size_t mover = static_cast<std::size_t>(h.player);
        Rational best;
        for (std::size_t c = 0; c < k; ++c) {
          const Rational& v = alts[static_cast<std::size_t>(node.children[c])][static_cast<std::size_t>(combo[c])].u[mover];
          if (c == 0 || v > best) best = v;
        }
        for (std::size_t c = 0; c < k; ++c) {
          const Alt& ca = alts[static_cast<std::size_t>(node.children[c])][static_cast<std::size_t>(combo[c])];
          if (ca.u[mover] != best) continue;
          Alt a{own, static_cast<int>(c), combo};
          for (std::size_t p = 0; p < np; ++p) a.u[p] += ca.u[p];
          out.push_back(std::move(a));
        }
      }
      if (out.size() >= cap) {
        if (out.size() > cap) out.resize(cap);
        truncated = true;
        break;
      }
      std::size_t c = 0;
      for (; c < k; ++c) {
        if (++combo[c] < static_cast<int>(alts[static_cast<std::size_t>(node.children[c])].size())) break;
        combo[c] = 0;
      }
      if (c == k) break;
    }
  }
  // Block index of each player infoset in the layout order.
  std::vector<int> block_of(g.infosets.size(), -1);
  {
    int b = 0;
    for (int p = 0; p < g.num_players(); ++p)
      for (int h : g.player_infosets(p)) block_of[static_cast<std::size_t>(h)] = b++;
  }
  for (std::size_t r = 0; r < alts[0].size(); ++r) {
    // Unfold the choices.
    std::vector<int> choice(g.nodes.size(), -1);
    std::vector<std::pair<int, int>> stack{{0, static_cast<int>(r)}};
    while (!stack.empty()) {
      auto [v, ai] = stack.back();
      stack.pop_back();
      const Alt& a = alts[static_cast<std::size_t>(v)][static_cast<std::size_t>(ai)];
      choice[static_cast<std::size_t>(v)] = a.action;
      const Node& node = g.nodes[static_cast<std::size_t>(v)];
      for (std::size_t c = 0; c < node.children.size(); ++c) stack.emplace_back(node.children[c], a.child_alt[c]);
    }
    // Verify: continuation values under the profile, and no profitable one-node deviation.
    std::vector<std::vector<Rational>> val(g.nodes.size());
    for (std::size_t vi = g.nodes.size(); vi-- > 0;) {
      const Node& node = g.nodes[vi];
      std::vector<Rational> u(np, Rational(0));
      if (node.outcome >= 0) u = g.outcomes[static_cast<std::size_t>(node.outcome)].payoffs;
      if (node.kind == NodeKind::kChance) {
        const Infoset& h = g.infosets[static_cast<std::size_t>(node.infoset)];
        for (std::size_t c = 0; c < node.children.size(); ++c)
          for (std::size_t p = 0; p < np; ++p) u[p] += h.probabilities[c] * val[static_cast<std::size_t>(node.children[c])][p];
      } else if (node.kind == NodeKind::kPlayer) {
        const std::size_t mover = static_cast<std::size_t>(g.infosets[static_cast<std::size_t>(node.infoset)].player);
        const auto& chosen = val[static_cast<std::size_t>(node.children[static_cast<std::size_t>(choice[vi])])];
        for (int c : node.children)
          if (val[static_cast<std::size_t>(c)][mover] > chosen[mover])
            throw ComputationError("internal: backward induction produced a profile that is not subgame-perfect");
        for (std::size_t p = 0; p < np; ++p) u[p] += chosen[p];
      }
      val[vi] = std::move(u);
    }
    Equilibrium e;
    e.probs.resize(res.layout.labels.size());
    for (std::size_t b = 0; b < e.probs.size(); ++b) e.probs[b].assign(res.layout.labels[b].size(), Rational(0));
    for (std::size_t vi = 0; vi < g.nodes.size(); ++vi)
      if (g.nodes[vi].kind == NodeKind::kPlayer)
        e.probs[static_cast<std::size_t>(block_of[static_cast<std::size_t>(g.nodes[vi].infoset)])]
               [static_cast<std::size_t>(choice[vi])] = 1;
    for (const auto& b : e.probs) {
      std::vector<double> d;
      for (const auto& x : b) d.push_back(x.get_d());
      e.approx.push_back(std::move(d));
    }
    e.payoffs = val[0];
    for (const auto& u : e.payoffs) e.payoffs_approx.push_back(u.get_d());
    res.equilibria.push_back(std::move(e));
  }
  if (truncated) {
    res.termination = Termination::kTruncated;
    res.message = fmt::format("ties produce more than {} subgame-perfect equilibria; the first {} are listed",
                              cap, res.equilibria.size());
  }
  return res;
}

}  // namespace geobalance::games
