// All extreme equilibria of a bimatrix game by vertex enumeration of both best-response
// polytopes (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash equilibria
// for two-player games", Economic Theory 42:9-37, section 3): an equilibrium is a pair of
// vertices (x, y) != (0, 0) whose label sets together cover every label.
//
// Vertices are found by a depth-first walk over the feasible bases of each polytope, following
// every tied leaving variable, so degenerate vertices (more tight constraints than the
// dimension) are reached through all their bases. The fast pass runs in doubles and stops at
// the first tie; the exact pass runs in rationals.
#include <unordered_map>
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

struct VertexSet {
  std::vector<Mask> labels;                   ///< label set of each vertex
  std::vector<Mask> basis;                    ///< one nonbasic set reaching it
  std::vector<std::vector<Rational>> coords;  ///< exact pass only: z coordinates
  bool simple = true;                         ///< every vertex has exactly `dim` labels
};

// Returns false when the floating-point pass meets a tie or a zero basic variable.
template <class T>
bool enumerate_vertices(Dictionary<T> D, VertexSet& out) {
  const int dim = D.cols();
  const auto& zl = D.z_labels();
  detail::MaskSet visited(D.rows() + D.cols());
  std::unordered_map<Mask, int, MaskHash> seen;
  auto record = [&]() -> bool {
    Mask L = D.point_labels();
    if (L.count() != dim) {
      if constexpr (!Num<T>::kExact) return false;
      out.simple = false;
    }
    bool origin = true;
    for (int l : zl)
      if (!L.test(l)) {
        origin = false;
        break;
      }
    if (origin) return true;
    // The fast pass stops at any degeneracy, so there every basis is a distinct vertex.
    if (!Num<T>::kExact || seen.emplace(L, static_cast<int>(out.labels.size())).second) {
      out.labels.push_back(L);
      out.basis.push_back(D.nonbasic_mask());
      if constexpr (Num<T>::kExact) {
        std::vector<Rational> z;
        for (int l : zl) z.push_back(D.value(l));
        out.coords.push_back(std::move(z));
      }
    }
    return true;
  };
  struct Frame {
    int col;
    std::vector<int> rows;
    std::size_t ri;
    int in_r, in_c;
  };
  std::vector<Frame> stack;
  visited.insert(D.nonbasic_mask());
  if (!record()) return false;
  stack.push_back(Frame{-1, {}, 0, -1, -1});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.ri < f.rows.size()) {
      int r = f.rows[f.ri++];
      int c = f.col;
      if constexpr (!Num<T>::kExact)
        if (c == f.in_c) continue;  // back to the parent basis (nondegenerate: the only row)
      Mask nb = D.nonbasic_mask();
      nb.reset(D.nonbasic(c));
      nb.set(D.basic(r));
      if (visited.insert(nb)) {
        D.pivot(r, c);
        if (!record()) return false;
        stack.push_back(Frame{-1, {}, 0, r, c});
      }
      continue;
    }
    if (++f.col < D.cols()) {
      D.ratio_rows(f.col, f.rows);
      f.ri = 0;
      if (!Num<T>::kExact && f.rows.size() > 1) return false;
      continue;
    }
    int r = f.in_r, c = f.in_c;
    stack.pop_back();
    if (r >= 0) D.pivot(r, c);
  }
  return true;
}

// Matches completely labelled pairs. Returns false (double pass) when a match fails the exact
// check; throws in the exact pass, where that would be a bug.
template <class T>
bool match(const NormalFormGame& g, const detail::Bimatrix& bm, const VertexSet& P, const VertexSet& Q,
           const EnumMixedOptions& opt, SolveResult& res) {
  const int m = bm.m, n = bm.n;
  Mask full;
  for (int l = 0; l < m + n; ++l) full.set(l);
  std::vector<std::pair<int, int>> pairs;
  if (P.simple && Q.simple) {
    std::unordered_map<Mask, int, MaskHash> qidx;
    qidx.reserve(Q.labels.size());
    for (std::size_t i = 0; i < Q.labels.size(); ++i) qidx.emplace(Q.labels[i], static_cast<int>(i));
    for (std::size_t i = 0; i < P.labels.size(); ++i) {
      auto it = qidx.find(full ^ P.labels[i]);
      if (it != qidx.end()) pairs.emplace_back(static_cast<int>(i), it->second);
    }
  } else {
    for (std::size_t i = 0; i < P.labels.size(); ++i)
      for (std::size_t j = 0; j < Q.labels.size(); ++j)
        if ((P.labels[i] | Q.labels[j]) == full) pairs.emplace_back(static_cast<int>(i), static_cast<int>(j));
  }
  std::vector<Rational> pm, qm;
  if constexpr (!Num<T>::kExact) {
    pm = detail::p_matrix(bm);
    qm = detail::q_matrix(bm);
  }
  const auto pz = [&] {
    std::vector<int> v;
    for (int i = 0; i < m; ++i) v.push_back(i);
    return v;
  }();
  std::vector<int> pw, qz, qw;
  for (int j = 0; j < n; ++j) pw.push_back(m + j), qz.push_back(m + j);
  for (int i = 0; i < m; ++i) qw.push_back(i);
  for (auto [i, j] : pairs) {
    if (opt.max_equilibria && res.equilibria.size() >= opt.max_equilibria) {
      res.termination = Termination::kTruncated;
      res.message = "stopped at max_equilibria";
      break;
    }
    std::vector<Rational> x, y;
    if constexpr (Num<T>::kExact) {
      x = P.coords[static_cast<std::size_t>(i)];
      y = Q.coords[static_cast<std::size_t>(j)];
    } else {
      if (!detail::exact_vertex(pm, n, m, pz, pw, P.basis[static_cast<std::size_t>(i)], x)) return false;
      if (!detail::exact_vertex(qm, m, n, qz, qw, Q.basis[static_cast<std::size_t>(j)], y)) return false;
    }
    Equilibrium e;
    if (!detail::equilibrium_from_vertices(g, x, y, e)) {
      if constexpr (Num<T>::kExact)
        throw ComputationError("internal: enummixed found a completely labelled pair that is not an equilibrium");
      return false;
    }
    res.equilibria.push_back(std::move(e));
  }
  // A nondegenerate game has an odd number of equilibria; anything else means the double pass
  // misread the polytopes.
  if constexpr (!Num<T>::kExact)
    if (res.termination == Termination::kComplete && res.equilibria.size() % 2 == 0) return false;
  return true;
}

template <class T>
bool run(const NormalFormGame& g, const detail::Bimatrix& bm, const EnumMixedOptions& opt, SolveResult& res) {
  VertexSet P, Q;
  if (!enumerate_vertices(bm.make_p<T>(), P)) return false;
  if (!enumerate_vertices(bm.make_q<T>(), Q)) return false;
  return match<T>(g, bm, P, Q, opt, res);
}

}  // namespace

SolveResult enummixed(const NormalFormGame& g, const EnumMixedOptions& options) {
  return detail::solve_bimatrix(g, options, Method::kEnumMixed, "enummixed", [&](auto zero, const detail::Bimatrix& bm, SolveResult& res) {
    return run<decltype(zero)>(g, bm, options, res);
  });
}

}  // namespace geobalance::games
