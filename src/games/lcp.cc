// Lemke-Howson (Lemke and Howson 1964; von Stengel 2002, "Computing equilibria for two-person
// games", Handbook of Game Theory 3, ch. 45) on the best-response polytopes P and Q, with the
// lexicographic minimum-ratio rule so degenerate games terminate. From the artificial
// equilibrium (0, 0) a path is followed for every label; with `traverse`, paths are also
// started from every equilibrium found, with every label, which enumerates the component of
// the Lemke-Howson graph that holds the artificial equilibrium (what gambit-lcp reports).
#include <deque>
#include <map>
#include <unordered_set>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "tableau.h"

namespace geobalance::games {

namespace {

using detail::Dictionary;
using detail::Mask;
using detail::MaskHash;
using detail::Num;

template <class T>
struct State {
  Dictionary<T> p, q;
};

struct PairHash {
  std::size_t operator()(const std::pair<Mask, Mask>& k) const {
    return MaskHash{}(k.first) * 31 + MaskHash{}(k.second);
  }
};
struct PairEq {
  bool operator()(const std::pair<Mask, Mask>& a, const std::pair<Mask, Mask>& b) const {
    return a.first == b.first && a.second == b.second;
  }
};

enum class PathEnd { kOk, kTie, kLimit };

// Follows the path that drops label k. The state ends at an equilibrium (maybe artificial).
template <class T>
PathEnd follow(State<T>& s, int k, long max_pivots) {
  bool in_p = s.p.col_of(k) >= 0;
  int entering = k;
  for (long step = 0; step < max_pivots; ++step) {
    Dictionary<T>& X = in_p ? s.p : s.q;
    int c = X.col_of(entering);
    // Ties (integer payoffs repeat, so they do occur) are broken by the lexicographic rule in
    // both passes; in doubles the final basis is then checked exactly like any other.
    int r = X.lex_ratio_row(c, nullptr);
    if (r < 0) {
      if constexpr (!Num<T>::kExact) return PathEnd::kTie;
      throw ComputationError("internal: Lemke-Howson met an unbounded ray on a bounded polytope");
    }
    int leaving = X.basic(r);
    X.pivot(r, c);
    if (leaving == k) return PathEnd::kOk;
    entering = leaving;
    in_p = !in_p;
  }
  return PathEnd::kLimit;
}

template <class T>
bool artificial(const State<T>& s, int m) {
  for (int i = 0; i < m; ++i)
    if (s.p.col_of(i) < 0 && !Num<T>::zero(s.p.value(i))) return false;
  return true;
}

// Returns false when the floating-point pass cannot be trusted (tie, failed exact check).
template <class T>
bool run(const NormalFormGame& g, const detail::Bimatrix& bm, const LcpOptions& opt, SolveResult& res) {
  const int m = bm.m, n = bm.n, L = m + n;
  std::deque<State<T>> queue;
  queue.push_back(State<T>{bm.make_p<T>(), bm.make_q<T>()});
  std::unordered_set<std::pair<Mask, Mask>, PairHash, PairEq> seen_basis;
  std::map<std::vector<std::vector<Rational>>, int> seen_profile;
  std::vector<Rational> pm = detail::p_matrix(bm), qm = detail::q_matrix(bm);
  std::vector<int> pz, pw, qz, qw;
  for (int i = 0; i < m; ++i) pz.push_back(i), qw.push_back(i);
  for (int j = 0; j < n; ++j) pw.push_back(m + j), qz.push_back(m + j);
  bool first = true;
  while (!queue.empty()) {
    State<T> base = std::move(queue.front());
    queue.pop_front();
    for (int k = 0; k < L; ++k) {
      State<T> s = base;
      PathEnd end = follow(s, k, opt.max_pivots);
      if (end == PathEnd::kTie) return false;
      if (end == PathEnd::kLimit) {
        if constexpr (!Num<T>::kExact) return false;
        res.termination = Termination::kTruncated;
        res.message = "a path reached max_pivots";
        continue;
      }
      if (artificial(s, m)) continue;
      auto key = std::make_pair(s.p.nonbasic_mask(), s.q.nonbasic_mask());
      if (!seen_basis.insert(key).second) continue;
      std::vector<Rational> x, y;
      if constexpr (Num<T>::kExact) {
        for (int i = 0; i < m; ++i) x.push_back(s.p.value(i));
        for (int j = 0; j < n; ++j) y.push_back(s.q.value(m + j));
      } else {
        if (!detail::exact_vertex(pm, n, m, pz, pw, key.first, x)) return false;
        if (!detail::exact_vertex(qm, m, n, qz, qw, key.second, y)) return false;
      }
      Equilibrium e;
      if (!detail::equilibrium_from_vertices(g, x, y, e)) {
        if constexpr (Num<T>::kExact)
          throw ComputationError("internal: Lemke-Howson ended at a profile that is not an equilibrium");
        return false;
      }
      if (!seen_profile.emplace(e.probs, static_cast<int>(res.equilibria.size())).second) continue;
      res.equilibria.push_back(std::move(e));
      if (opt.max_equilibria && res.equilibria.size() >= opt.max_equilibria) {
        res.termination = Termination::kTruncated;
        res.message = "stopped at max_equilibria";
        return true;
      }
      if (opt.traverse) queue.push_back(std::move(s));
    }
    if (first && !opt.traverse) break;
    first = false;
  }
  return true;
}

}  // namespace

SolveResult lcp(const NormalFormGame& g, const LcpOptions& options) {
  return detail::solve_bimatrix(g, options, Method::kLcp, "lcp", [&](auto zero, const detail::Bimatrix& bm, SolveResult& res) {
    return run<decltype(zero)>(g, bm, options, res);
  });
}

}  // namespace geobalance::games
