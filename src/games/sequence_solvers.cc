// Solvers on the sequence form of a tree: Lemke's algorithm on the sequence-form LCP
// (sequence_lcp), the zero-sum sequence-form LP (sequence_lp) and the agent logit QRE
// (agent_logit). References and the termination argument are in equilibrium.h and
// docs/games.md ("Trees in behaviour strategies").
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "qre_trace.h"
#include "geobalance/games/sequence_form.h"

namespace geobalance::games {

namespace {

std::size_t U(int i) { return static_cast<std::size_t>(i); }

void require_two_players(const ExtensiveFormGame& g, const char* method) {
  if (g.num_players() != 2)
    throw InputError(SourceLocation{}, "game",
                     fmt::format("found {} players, expected a 2-player tree for {}", g.num_players(), method));
}

// Sparse E (or F): (row, sequence, coefficient).
struct Coef {
  int row, seq, c;
};
std::vector<Coef> constraint_matrix(const PlayerSequences& ps) {
  std::vector<Coef> out{{0, 0, 1}};
  for (std::size_t k = 0; k < ps.infosets.size(); ++k) {
    int row = static_cast<int>(k) + 1;
    out.push_back({row, ps.parent_seq[k], -1});
    for (int s : ps.action_seq[k]) out.push_back({row, s, 1});
  }
  return out;
}

// ---------------------------------------------------------------- Lemke

struct LcpData {
  int n1 = 0, n2 = 0, m1 = 0, m2 = 0, N = 0;
  int ox = 0, oy = 0, oup = 0, oum = 0, ovp = 0, ovm = 0;
  std::vector<std::tuple<int, int, Rational>> M;  // w = q + M z
  std::vector<Rational> q;
};

LcpData make_lcp(const SequenceForm& sf) {
  LcpData d;
  const auto &p1 = sf.players[0], &p2 = sf.players[1];
  d.n1 = p1.num_sequences();
  d.n2 = p2.num_sequences();
  d.m1 = p1.num_constraints();
  d.m2 = p2.num_constraints();
  d.ox = 0;
  d.oy = d.n1;
  d.oup = d.oy + d.n2;
  d.oum = d.oup + d.m1;
  d.ovp = d.oum + d.m1;
  d.ovm = d.ovp + d.m2;
  d.N = d.ovm + d.m2;
  // Payoffs shifted below zero at every leaf (each leaf adds chance * (u - max - 1) < 0), then
  // divided by the largest magnitude; a positive affine change of a player's payoffs changes
  // no best response, so the equilibria are those of the game.
  std::vector<Rational> a, b;
  Rational amax = 0, bmax = 0;
  for (const auto& e : sf.entries) {
    a.push_back(-(e.u[0] - (sf.max_leaf[0] + 1) * e.chance));  // -A' > 0
    b.push_back(-(e.u[1] - (sf.max_leaf[1] + 1) * e.chance));
    amax = std::max(amax, a.back());
    bmax = std::max(bmax, b.back());
  }
  for (std::size_t i = 0; i < sf.entries.size(); ++i) {
    const auto& e = sf.entries[i];
    if (sgn(a[i]) != 0) d.M.emplace_back(d.ox + e.s1, d.oy + e.s2, a[i] / amax);
    if (sgn(b[i]) != 0) d.M.emplace_back(d.oy + e.s2, d.ox + e.s1, b[i] / bmax);
  }
  for (const auto& c : constraint_matrix(p1)) {
    d.M.emplace_back(d.ox + c.seq, d.oup + c.row, Rational(c.c));
    d.M.emplace_back(d.ox + c.seq, d.oum + c.row, Rational(-c.c));
    d.M.emplace_back(d.oup + c.row, d.ox + c.seq, Rational(-c.c));
    d.M.emplace_back(d.oum + c.row, d.ox + c.seq, Rational(c.c));
  }
  for (const auto& c : constraint_matrix(p2)) {
    d.M.emplace_back(d.oy + c.seq, d.ovp + c.row, Rational(c.c));
    d.M.emplace_back(d.oy + c.seq, d.ovm + c.row, Rational(-c.c));
    d.M.emplace_back(d.ovp + c.row, d.oy + c.seq, Rational(-c.c));
    d.M.emplace_back(d.ovm + c.row, d.oy + c.seq, Rational(c.c));
  }
  d.q.assign(U(d.N), Rational(0));
  d.q[U(d.oup)] = 1;
  d.q[U(d.oum)] = -1;
  d.q[U(d.ovp)] = 1;
  d.q[U(d.ovm)] = -1;
  return d;
}

template <class T>
bool tpos(const T& v) {
  if constexpr (std::is_same_v<T, double>) return v > 1e-9;
  else return sgn(v) > 0;
}
template <class T>
bool tsame(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, double>) return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
  else return a == b;
}

// Full tableau of w - M z - 1 z0 = q: columns w (0..N-1), z (N..2N-1), z0 (2N), rhs (2N+1).
template <class T>
struct Lemke {
  int N, W;
  std::vector<T> t;
  std::vector<int> basis;
  long pivots = 0;

  explicit Lemke(const LcpData& d) : N(d.N), W(2 * d.N + 2), t(U(d.N) * U(2 * d.N + 2), T(0)), basis(U(d.N)) {
    for (int r = 0; r < N; ++r) {
      at(r, r) = 1;
      at(r, 2 * N) = -1;
      at(r, 2 * N + 1) = to(d.q[U(r)]);
      basis[U(r)] = r;
    }
    for (const auto& [r, c, v] : d.M) at(r, N + c) -= to(v);
  }
  static T to(const Rational& q) {
    if constexpr (std::is_same_v<T, double>) return q.get_d();
    else return q;
  }
  T& at(int r, int c) { return t[U(r) * U(W) + U(c)]; }
  const T& at(int r, int c) const { return t[U(r) * U(W) + U(c)]; }

  void pivot(int r, int c) {
    T inv = T(1) / at(r, c);
    for (int j = 0; j < W; ++j) at(r, j) *= inv;
    T f;
    for (int i = 0; i < N; ++i) {
      if (i == r) continue;
      f = at(i, c);
      if (f == 0) continue;
      for (int j = 0; j < W; ++j)
        if (at(r, j) != 0) at(i, j) -= f * at(r, j);
      at(i, c) = 0;
    }
    basis[U(r)] = c;
    ++pivots;
  }

  // Lexicographic minimum ratio over rows with a positive entry in column c; -1 if none.
  int ratio_row(int c) const {
    std::vector<int> rows;
    for (int r = 0; r < N; ++r)
      if (tpos(at(r, c))) rows.push_back(r);
    for (int col = -1; col < N && rows.size() > 1; ++col) {
      int cc = col < 0 ? 2 * N + 1 : col;
      std::vector<int> keep{rows[0]};
      T best = at(rows[0], cc) / at(rows[0], c);
      for (std::size_t k = 1; k < rows.size(); ++k) {
        T v = at(rows[k], cc) / at(rows[k], c);
        if (tsame(v, best)) keep.push_back(rows[k]);
        else if (v < best) {
          best = v;
          keep.assign(1, rows[k]);
        }
      }
      rows.swap(keep);
    }
    return rows.empty() ? -1 : rows[0];
  }

  enum class End { kSolution, kRay, kLimit };
  End run(long max_pivots) {
    // z0 enters at the row of the smallest q (ties: the largest index, which is the
    // lexicographic choice for the perturbation q + (eps, eps^2, ...)).
    int r0 = 0;
    for (int r = 1; r < N; ++r)
      if (at(r, 2 * N + 1) < at(r0, 2 * N + 1) || tsame(at(r, 2 * N + 1), at(r0, 2 * N + 1))) r0 = r;
    if (!(at(r0, 2 * N + 1) < 0)) return End::kSolution;  // z = 0 solves it (never for a game)
    int leaving = basis[U(r0)];
    pivot(r0, 2 * N);
    while (pivots < max_pivots) {
      int entering = leaving < N ? leaving + N : leaving - N;  // the complement
      int r = ratio_row(entering);
      if (r < 0) return End::kRay;
      leaving = basis[U(r)];
      pivot(r, entering);
      if (leaving == 2 * N) return End::kSolution;
    }
    return End::kLimit;
  }
};

// Exact z from a basis: solve B z_B = q with B the basis columns of [I | -M | -1].
bool exact_from_basis(const LcpData& d, const std::vector<int>& basis, std::vector<Rational>& z) {
  const int N = d.N;
  std::vector<std::vector<Rational>> B(U(N), std::vector<Rational>(U(N) + 1, Rational(0)));
  std::vector<int> col_of(U(2 * N + 1), -1);
  for (int k = 0; k < N; ++k) col_of[U(basis[U(k)])] = k;
  for (int r = 0; r < N; ++r) {
    if (col_of[U(r)] >= 0) B[U(r)][U(col_of[U(r)])] = 1;
    if (col_of[U(2 * N)] >= 0) B[U(r)][U(col_of[U(2 * N)])] = -1;
    B[U(r)][U(N)] = d.q[U(r)];
  }
  for (const auto& [r, c, v] : d.M)
    if (col_of[U(N + c)] >= 0) B[U(r)][U(col_of[U(N + c)])] -= v;
  for (int col = 0; col < N; ++col) {
    int piv = col;
    while (piv < N && sgn(B[U(piv)][U(col)]) == 0) ++piv;
    if (piv == N) return false;
    std::swap(B[U(piv)], B[U(col)]);
    Rational inv = 1 / B[U(col)][U(col)];
    for (int j = col; j <= N; ++j)
      if (sgn(B[U(col)][U(j)]) != 0) B[U(col)][U(j)] *= inv;
    for (int i = 0; i < N; ++i) {
      if (i == col || sgn(B[U(i)][U(col)]) == 0) continue;
      Rational f = B[U(i)][U(col)];
      for (int j = col; j <= N; ++j)
        if (sgn(B[U(col)][U(j)]) != 0) B[U(i)][U(j)] -= f * B[U(col)][U(j)];
    }
  }
  z.assign(U(2 * N + 1), Rational(0));
  for (int k = 0; k < N; ++k) z[U(basis[U(k)])] = B[U(k)][U(N)];
  return true;
}

// Realization plans from z (x and y parts); false if z is not a solution.
bool plans_from_z(const LcpData& d, const std::vector<Rational>& z, std::vector<std::vector<Rational>>& plans) {
  const int N = d.N;
  if (sgn(z[U(2 * N)]) != 0) return false;
  for (const auto& v : z)
    if (sgn(v) < 0) return false;
  // Complementarity: w_i z_i = 0.
  std::vector<Rational> w = d.q;
  for (const auto& [r, c, v] : d.M) w[U(r)] += v * z[U(N + c)];
  for (int i = 0; i < N; ++i)
    if (sgn(w[U(i)]) < 0 || (sgn(w[U(i)]) != 0 && sgn(z[U(N + i)]) != 0)) return false;
  plans.assign(2, {});
  for (int s = 0; s < d.n1; ++s) plans[0].push_back(z[U(N + d.ox + s)]);
  for (int s = 0; s < d.n2; ++s) plans[1].push_back(z[U(N + d.oy + s)]);
  return true;
}

// ---------------------------------------------------------------- simplex (Bland)

template <class T>
int tsign(const T& v) {
  if constexpr (std::is_same_v<T, double>) return v > 1e-9 ? 1 : (v < -1e-9 ? -1 : 0);
  else return sgn(v);
}

// Minimises c'z over {z >= 0 : T z = rhs} from a feasible basis. The reduced costs are kept as
// an extra tableau row. Entering column: the most negative reduced cost (Dantzig), switching to
// Bland's smallest-index rule after 50 degenerate pivots in a row until the objective moves
// again (Bland's rule cannot cycle, and a nondegenerate pivot never returns to an earlier
// basis). Leaving row: minimum ratio, ties to the smallest basic index. T is double for the
// fast pass (tolerance 1e-9) or Rational.
template <class T>
struct Simplex {
  int rows = 0, cols = 0;
  std::vector<std::vector<T>> t;  // rows x (cols + 1), last column rhs
  std::vector<int> basis;
  long pivots = 0;

  void pivot(int r, int c, std::vector<T>* obj = nullptr) {
    T inv = T(1) / t[U(r)][U(c)];
    for (auto& v : t[U(r)])
      if (v != 0) v *= inv;
    const auto& pr = t[U(r)];
    std::vector<int> nz;
    for (std::size_t j = 0; j < pr.size(); ++j)
      if (pr[j] != 0) nz.push_back(static_cast<int>(j));
    T f;
    auto eliminate = [&](std::vector<T>& row) {
      if (row[U(c)] == 0) return;
      f = row[U(c)];
      for (int j : nz) row[U(j)] -= f * pr[U(j)];
      row[U(c)] = 0;
    };
    for (std::size_t i = 0; i < t.size(); ++i)
      if (static_cast<int>(i) != r) eliminate(t[i]);
    if (obj) {
      eliminate(*obj);
    }
    basis[U(r)] = c;
    ++pivots;
  }

  // Returns false when unbounded (doubles) or the pivot limit is hit; the final reduced costs
  // in `d`. `allowed[j]` = column j may enter.
  bool minimise(const std::vector<T>& c, const std::vector<char>& allowed, std::vector<T>& d) {
    d = c;  // reduced costs (cols entries) + minus the objective value
    d.push_back(T(0));
    for (int r = 0; r < rows; ++r) {
      const T& cb = c[U(basis[U(r)])];
      if (cb == 0) continue;
      for (int j = 0; j <= cols; ++j)
        if (t[U(r)][U(j)] != 0) d[U(j)] -= cb * t[U(r)][U(j)];
    }
    int degenerate = 0;
    T best, ratio;
    for (long it = 0; it < 1'000'000; ++it) {
      int enter = -1;
      for (int j = 0; j < cols; ++j) {
        if (!allowed[U(j)] || tsign(d[U(j)]) >= 0) continue;
        if (degenerate >= 50) {
          enter = j;
          break;
        }
        if (enter < 0 || d[U(j)] < d[U(enter)]) enter = j;
      }
      if (enter < 0) {
        d.pop_back();
        return true;
      }
      int leave = -1;
      for (int r = 0; r < rows; ++r) {
        if (tsign(t[U(r)][U(enter)]) <= 0) continue;
        ratio = t[U(r)][U(cols)] / t[U(r)][U(enter)];
        if (leave < 0 || (tsign(T(ratio - best)) < 0) ||
            (tsign(T(ratio - best)) == 0 && basis[U(r)] < basis[U(leave)])) {
          leave = r;
          best = ratio;
        }
      }
      if (leave < 0) {
        if constexpr (std::is_same_v<T, double>) return false;
        else throw ComputationError("internal: the sequence-form LP is unbounded");
      }
      degenerate = tsign(best) == 0 ? degenerate + 1 : 0;
      pivot(leave, enter, &d);
    }
    return false;
  }
};

struct LpSolution {
  Rational value;
  std::vector<std::vector<Rational>> plans;
};

// Columns of the LP: x (n1), v+ (m2), v- (m2), slacks s (n2), artificials a (m1); rows: one
// per player-2 sequence (F'v - A'x + s = 0), then E x + a = e.
struct LpLayout {
  int n1, n2, m1, m2, ox, ovp, ovm, os, oa, cols, rows;
  explicit LpLayout(const SequenceForm& sf)
      : n1(sf.players[0].num_sequences()), n2(sf.players[1].num_sequences()),
        m1(sf.players[0].num_constraints()), m2(sf.players[1].num_constraints()) {
    ox = 0;
    ovp = n1;
    ovm = ovp + m2;
    os = ovm + m2;
    oa = os + n2;
    cols = oa + m1;
    rows = n2 + m1;
  }
};

std::vector<std::vector<Rational>> lp_matrix(const SequenceForm& sf, const LpLayout& L) {
  std::vector<std::vector<Rational>> t(U(L.rows), std::vector<Rational>(U(L.cols) + 1, Rational(0)));
  for (const auto& c : constraint_matrix(sf.players[1])) {  // F'v in row seq
    t[U(c.seq)][U(L.ovp + c.row)] += c.c;
    t[U(c.seq)][U(L.ovm + c.row)] -= c.c;
  }
  for (const auto& e : sf.entries) t[U(e.s2)][U(L.ox + e.s1)] -= e.u[0];
  for (int j = 0; j < L.n2; ++j) t[U(j)][U(L.os + j)] = 1;
  for (const auto& c : constraint_matrix(sf.players[0])) t[U(L.n2 + c.row)][U(L.ox + c.seq)] += c.c;
  for (int k = 0; k < L.m1; ++k) t[U(L.n2 + k)][U(L.oa + k)] = 1;
  t[U(L.n2)][U(L.cols)] = 1;  // e: root row
  return t;
}

// Phase 1 (sum of artificials), artificials at zero driven out, phase 2 (max v_0). False when
// the double pass fails; the reduced costs of phase 2 in `d`.
template <class T>
bool run_lp(Simplex<T>& sx, const LpLayout& L, std::vector<T>& d) {
  sx.basis.resize(U(L.rows));
  for (int j = 0; j < L.n2; ++j) sx.basis[U(j)] = L.os + j;
  for (int k = 0; k < L.m1; ++k) sx.basis[U(L.n2 + k)] = L.oa + k;
  std::vector<T> c1(U(L.cols), T(0));
  for (int k = 0; k < L.m1; ++k) c1[U(L.oa + k)] = 1;
  std::vector<char> all(U(L.cols), 1);
  if (!sx.minimise(c1, all, d)) return false;
  for (int r = 0; r < L.rows; ++r)
    if (sx.basis[U(r)] >= L.oa && tsign(sx.t[U(r)][U(L.cols)]) != 0) {
      if constexpr (std::is_same_v<T, double>) return false;
      else throw ComputationError("internal: the realization-plan constraints Ex = e are infeasible");
    }
  for (int r = 0; r < L.rows; ++r) {
    if (sx.basis[U(r)] < L.oa) continue;
    for (int j = 0; j < L.oa; ++j)
      if (tsign(sx.t[U(r)][U(j)]) != 0) {
        sx.pivot(r, j);
        break;
      }
  }
  std::vector<char> allowed(U(L.cols), 1);
  for (int k = 0; k < L.m1; ++k) allowed[U(L.oa + k)] = 0;
  std::vector<T> c2(U(L.cols), T(0));
  c2[U(L.ovp)] = -1;  // maximise v_0 = vp_0 - vm_0
  c2[U(L.ovm)] = 1;
  return sx.minimise(c2, allowed, d);
}

// Solves S x = b exactly (S square, dense); false when singular.
bool solve_square(std::vector<std::vector<Rational>> S, std::vector<Rational> b, std::vector<Rational>& x) {
  const std::size_t n = S.size();
  for (std::size_t i = 0; i < n; ++i) S[i].push_back(b[i]);
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t piv = col;
    while (piv < n && sgn(S[piv][col]) == 0) ++piv;
    if (piv == n) return false;
    std::swap(S[piv], S[col]);
    Rational inv = 1 / S[col][col];
    for (std::size_t j = col; j <= n; ++j)
      if (sgn(S[col][j]) != 0) S[col][j] *= inv;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == col || sgn(S[i][col]) == 0) continue;
      Rational f = S[i][col];
      for (std::size_t j = col; j <= n; ++j)
        if (sgn(S[col][j]) != 0) S[i][j] -= f * S[col][j];
    }
  }
  x.resize(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = S[i][n];
  return true;
}

// The exact solution at a basis found in doubles, if that basis is optimal in rationals:
// primal values >= 0 (artificials 0) and every non-artificial reduced cost >= 0.
std::optional<LpSolution> exact_at_basis(const std::vector<std::vector<Rational>>& t, const LpLayout& L,
                                         const std::vector<int>& basis) {
  const std::size_t m = U(L.rows);
  std::vector<std::vector<Rational>> B(m, std::vector<Rational>(m)), Bt(m, std::vector<Rational>(m));
  std::vector<Rational> b(m), cb(m, Rational(0));
  for (std::size_t i = 0; i < m; ++i) {
    b[i] = t[i][U(L.cols)];
    for (std::size_t k = 0; k < m; ++k) {
      B[i][k] = t[i][U(basis[k])];
      Bt[k][i] = B[i][k];
    }
  }
  for (std::size_t k = 0; k < m; ++k) {
    if (basis[k] == L.ovp) cb[k] = -1;
    if (basis[k] == L.ovm) cb[k] = 1;
  }
  std::vector<Rational> zb, pi;
  if (!solve_square(B, b, zb) || !solve_square(Bt, cb, pi)) return std::nullopt;
  std::vector<Rational> z(U(L.cols), Rational(0));
  for (std::size_t k = 0; k < m; ++k) {
    if (sgn(zb[k]) < 0 || (basis[k] >= L.oa && sgn(zb[k]) != 0)) return std::nullopt;
    z[U(basis[k])] = zb[k];
  }
  std::vector<Rational> d(U(L.oa), Rational(0));  // reduced costs of the structural columns
  d[U(L.ovp)] = -1;
  d[U(L.ovm)] = 1;
  for (std::size_t i = 0; i < m; ++i) {
    if (sgn(pi[i]) == 0) continue;
    for (int j = 0; j < L.oa; ++j)
      if (sgn(t[i][U(j)]) != 0) d[U(j)] -= pi[i] * t[i][U(j)];
  }
  for (const auto& v : d)
    if (sgn(v) < 0) return std::nullopt;
  LpSolution out;
  out.value = z[U(L.ovp)] - z[U(L.ovm)];
  out.plans.assign(2, {});
  for (int s = 0; s < L.n1; ++s) out.plans[0].push_back(z[U(L.ox + s)]);
  for (int j = 0; j < L.n2; ++j) out.plans[1].push_back(d[U(L.os + j)]);  // duals of F'v - A'x <= 0
  return out;
}

// max f'v s.t. F'v - A'x <= 0, Ex = e, x >= 0, v free (A: player 1's payoffs); y is the dual.
// Simplex in doubles first; its final basis is accepted when it is optimal in exact
// arithmetic, otherwise the simplex reruns in rationals.
LpSolution solve_lp(const SequenceForm& sf, bool exact_only, bool* rerun) {
  const LpLayout L(sf);
  std::vector<std::vector<Rational>> t = lp_matrix(sf, L);
  if (rerun) *rerun = !exact_only;
  if (!exact_only) {
    Simplex<double> sd;
    sd.rows = L.rows;
    sd.cols = L.cols;
    for (const auto& row : t) {
      std::vector<double> r;
      for (const auto& v : row) r.push_back(v.get_d());
      sd.t.push_back(std::move(r));
    }
    std::vector<double> dd;
    if (run_lp(sd, L, dd))
      if (auto sol = exact_at_basis(t, L, sd.basis)) {
        if (rerun) *rerun = false;
        return *sol;
      }
  }
  Simplex<Rational> sx;
  sx.rows = L.rows;
  sx.cols = L.cols;
  sx.t = t;
  std::vector<Rational> d;
  run_lp(sx, L, d);
  LpSolution out;
  std::vector<Rational> zv(U(L.cols), Rational(0));
  for (int r = 0; r < L.rows; ++r) zv[U(sx.basis[U(r)])] = sx.t[U(r)][U(L.cols)];
  out.value = zv[U(L.ovp)] - zv[U(L.ovm)];
  out.plans.assign(2, {});
  for (int s = 0; s < L.n1; ++s) out.plans[0].push_back(zv[U(L.ox + s)]);
  for (int j = 0; j < L.n2; ++j) out.plans[1].push_back(d[U(L.os + j)]);
  return out;
}

bool is_plan(const PlayerSequences& ps, const std::vector<Rational>& x) {
  if (x.size() != U(ps.num_sequences()) || x[0] != 1) return false;
  for (const auto& v : x)
    if (sgn(v) < 0) return false;
  for (std::size_t k = 0; k < ps.infosets.size(); ++k) {
    Rational sum = 0;
    for (int s : ps.action_seq[k]) sum += x[U(s)];
    if (sum != x[U(ps.parent_seq[k])]) return false;
  }
  return true;
}

// ---------------------------------------------------------------- agent logit

struct TreeLogit {
  const ExtensiveFormGame& g;
  std::vector<int> block_infoset, block_off, block_owner;
  std::vector<int> block_of;  // per infoset
  int N = 0;
  double scale = 1;
  std::vector<std::vector<double>> leaf;  // per node: payoffs at terminals

  explicit TreeLogit(const ExtensiveFormGame& game) : g(game) {
    block_of.assign(g.infosets.size(), -1);
    for (int p = 0; p < g.num_players(); ++p)
      for (int h : g.player_infosets(p)) {
        block_of[U(h)] = static_cast<int>(block_infoset.size());
        block_infoset.push_back(h);
        block_off.push_back(N);
        block_owner.push_back(p);
        N += static_cast<int>(g.infosets[U(h)].actions.size());
      }
    leaf.resize(g.nodes.size());
    double mx = 0;
    for (std::size_t v = 0; v < g.nodes.size(); ++v)
      if (g.nodes[v].kind == NodeKind::kTerminal) {
        for (const auto& x : g.terminal_payoffs(static_cast<int>(v))) {
          leaf[v].push_back(x.get_d());
          mx = std::max(mx, std::fabs(x.get_d()));
        }
      }
    scale = mx > 0 ? mx : 1;
  }

  int nblocks() const { return static_cast<int>(block_infoset.size()); }

  Behavior<double> profile(const Eigen::VectorXd& w) const {
    Behavior<double> b(U(nblocks()));
    for (int k = 0; k < nblocks(); ++k) {
      int m = static_cast<int>(g.infosets[U(block_infoset[U(k)])].actions.size());
      for (int a = 0; a < m; ++a) b[U(k)].push_back(std::exp(w(block_off[U(k)] + a)));
    }
    return b;
  }

  double prob(const Behavior<double>& b, int v) const {
    const Node& node = g.nodes[U(v)];
    const Node& par = g.nodes[U(node.parent)];
    if (par.kind == NodeKind::kChance) return g.infosets[U(par.infoset)].probabilities[U(node.parent_action)].get_d();
    return b[U(block_of[U(par.infoset)])][U(node.parent_action)];
  }

  // Q[block][action] = owner's value of the action, conditional on reaching the set.
  std::vector<std::vector<double>> action_values(const Behavior<double>& b) const {
    const std::size_t np = U(g.num_players());
    std::vector<double> reach(g.nodes.size(), 0.0);
    reach[0] = 1;
    for (std::size_t v = 1; v < g.nodes.size(); ++v)
      reach[v] = reach[U(g.nodes[v].parent)] * prob(b, static_cast<int>(v));
    std::vector<std::vector<double>> val(g.nodes.size());
    for (std::size_t vi = g.nodes.size(); vi-- > 0;) {
      const Node& node = g.nodes[vi];
      if (node.kind == NodeKind::kTerminal) {
        val[vi] = leaf[vi];
        continue;
      }
      std::vector<double> u(np, 0.0);
      for (int c : node.children) {
        double w = prob(b, c);
        for (std::size_t p = 0; p < np; ++p) u[p] += w * val[U(c)][p];
      }
      val[vi] = std::move(u);
    }
    std::vector<std::vector<double>> Q(U(nblocks()));
    for (int k = 0; k < nblocks(); ++k) {
      const Infoset& h = g.infosets[U(block_infoset[U(k)])];
      std::size_t p = U(block_owner[U(k)]);
      Q[U(k)].assign(h.actions.size(), 0.0);
      double mass = 0;
      for (int n : h.nodes) mass += reach[U(n)];
      if (mass <= 0) continue;  // the set is unreachable under chance: values left equal
      for (int n : h.nodes)
        for (std::size_t a = 0; a < h.actions.size(); ++a)
          Q[U(k)][a] += reach[U(n)] * val[U(g.nodes[U(n)].children[a])][p];
      for (auto& x : Q[U(k)]) x /= mass * scale;
    }
    return Q;
  }

  Eigen::VectorXd H(const Eigen::VectorXd& w) const {
    Eigen::VectorXd out(N);
    Behavior<double> b = profile(w);
    auto Q = action_values(b);
    const double lambda = w(N);
    for (int k = 0; k < nblocks(); ++k) {
      int o = block_off[U(k)], m = static_cast<int>(b[U(k)].size());
      double sum = 0;
      for (double x : b[U(k)]) sum += x;
      out(o) = sum - 1;
      for (int a = 1; a < m; ++a) out(o + a) = w(o + a) - w(o) - lambda * (Q[U(k)][U(a)] - Q[U(k)][0]);
    }
    return out;
  }

  void eval(const Eigen::VectorXd& w, Eigen::VectorXd& h, Eigen::MatrixXd& J) const {
    h = H(w);
    J.resize(N, N + 1);
    for (int j = 0; j <= N; ++j) {
      double step = 1e-6 * std::max(1.0, std::fabs(w(j)));
      Eigen::VectorXd a = w, b = w;
      a(j) += step;
      b(j) -= step;
      J.col(j) = (H(a) - H(b)) / (2 * step);
    }
  }
};


}  // namespace

// ---------------------------------------------------------------- public solvers

Equilibrium make_verified_behavior(const ExtensiveFormGame& g, std::vector<std::vector<Rational>> probs) {
  for (const auto& block : probs) {
    Rational sum = 0;
    for (const auto& x : block) {
      if (sgn(x) < 0) throw ComputationError("internal: a computed behaviour profile has a negative probability");
      sum += x;
    }
    if (sum != 1) throw ComputationError("internal: a computed behaviour profile's probabilities do not sum to 1");
  }
  Rational r = behavior_regret(g, probs);
  if (sgn(r) != 0)
    throw ComputationError(fmt::format("internal: a computed behaviour profile has regret {}, not 0", r.get_str()));
  Equilibrium e;
  e.payoffs = behavior_payoffs(g, probs);
  for (const auto& u : e.payoffs) e.payoffs_approx.push_back(u.get_d());
  for (const auto& block : probs) {
    std::vector<double> d;
    for (const auto& x : block) d.push_back(x.get_d());
    e.approx.push_back(std::move(d));
  }
  e.probs = std::move(probs);
  return e;
}

SolveResult sequence_lp(const ExtensiveFormGame& g, const SequenceLpOptions& options) {
  options.validate();
  require_two_players(g, "lp");
  SequenceForm sf = build_sequence_form(g);
  if (!sf.constant_sum)
    throw InputError(SourceLocation{}, "game",
                     "found payoffs that do not add up to the same total at every leaf, expected a constant-sum game "
                     "for lp (use lcp)");
  bool rerun = false;
  LpSolution lp = solve_lp(sf, options.exact_only, &rerun);
  if (!is_plan(sf.players[0], lp.plans[0]) || !is_plan(sf.players[1], lp.plans[1]))
    throw ComputationError("internal: the sequence-form LP returned a vector that is not a realization plan");
  SolveResult res;
  res.method = Method::kLp;
  res.layout = behavior_layout(g);
  res.exact_rerun = rerun;
  Equilibrium e = make_verified_behavior(g, behavior_from_plans(g, sf, lp.plans));
  if (e.payoffs[0] != lp.value)
    throw ComputationError("internal: the LP value differs from the payoff of its own equilibrium");
  res.value = lp.value;
  res.equilibria.push_back(std::move(e));
  return res;
}

SolveResult sequence_lcp(const ExtensiveFormGame& g, const SequenceLcpOptions& options) {
  options.validate();
  require_two_players(g, "lcp");
  SequenceForm sf = build_sequence_form(g);
  LcpData d = make_lcp(sf);
  SolveResult res;
  res.method = Method::kLcp;
  res.layout = behavior_layout(g);
  std::vector<std::vector<Rational>> plans;
  bool ok = false;
  if (!options.exact_only) {
    Lemke<double> lk(d);
    // Rounding could in principle make the double pass cycle: cap it well above the usual path
    // length (about N pivots) and let the exact pass, which cannot cycle, take over.
    const long cap = std::min<long>(options.max_pivots, 50L * d.N + 1000);
    if (lk.run(cap) == Lemke<double>::End::kSolution) {
      std::vector<Rational> z;
      ok = exact_from_basis(d, lk.basis, z) && plans_from_z(d, z, plans);
    }
    if (ok) {
      Behavior<Rational> b = behavior_from_plans(g, sf, plans);
      ok = sgn(behavior_regret(g, b)) == 0;
    }
    if (!ok) res.exact_rerun = true;
  }
  if (!ok) {
    Lemke<Rational> lk(d);
    auto end = lk.run(options.max_pivots);
    if (end == Lemke<Rational>::End::kLimit) {
      res.termination = Termination::kTruncated;
      res.message = fmt::format("Lemke's algorithm reached max_pivots ({})", options.max_pivots);
      return res;
    }
    if (end == Lemke<Rational>::End::kRay)
      throw ComputationError("internal: Lemke's algorithm ended on a secondary ray of the sequence-form LCP");
    std::vector<Rational> z(U(2 * d.N + 1), Rational(0));
    for (int r = 0; r < d.N; ++r) z[U(lk.basis[U(r)])] = lk.at(r, 2 * d.N + 1);
    if (!plans_from_z(d, z, plans))
      throw ComputationError("internal: Lemke's algorithm ended at a point that does not solve the LCP");
  }
  if (!is_plan(sf.players[0], plans[0]) || !is_plan(sf.players[1], plans[1]))
    throw ComputationError("internal: the sequence-form LCP solution is not a pair of realization plans");
  res.equilibria.push_back(make_verified_behavior(g, behavior_from_plans(g, sf, plans)));
  if (sf.constant_sum) {
    LpSolution lp = solve_lp(sf, options.exact_only, nullptr);
    if (res.equilibria[0].payoffs[0] != lp.value)
      throw ComputationError("internal: Lemke's equilibrium payoff differs from the LP value of the game");
    res.value = lp.value;
  }
  return res;
}

SolveResult agent_logit(const ExtensiveFormGame& g, const LogitOptions& options) {
  options.validate();
  g.validate();
  (void)build_sequence_form(g);  // refuses imperfect recall (the regret check relies on it)
  SolveResult res;
  res.method = Method::kLogit;
  res.layout = behavior_layout(g);
  TreeLogit tl(g);
  const int N = tl.N;
  if (N == 0) {
    res.equilibria.push_back(make_verified_behavior(g, {}));
    return res;
  }
  Eigen::VectorXd w(N + 1);
  for (int k = 0; k < tl.nblocks(); ++k) {
    int m = static_cast<int>(g.infosets[U(tl.block_infoset[U(k)])].actions.size());
    for (int a = 0; a < m; ++a) w(tl.block_off[U(k)] + a) = -std::log(static_cast<double>(m));
  }
  w(N) = 0;
  w = detail::trace_qre_path(tl, std::move(w), options, res);
  // The end point, and the same with probabilities below 1e-6 dropped: the better verified one.
  Behavior<double> b = tl.profile(w);
  for (auto& blk : b) {
    double s = 0;
    for (double x : blk) s += x;
    for (double& x : blk) x /= s;
  }
  Behavior<double> snapped = b;
  for (auto& blk : snapped) {
    double s = 0;
    for (double& x : blk) {
      if (x < 1e-6) x = 0;
      s += x;
    }
    for (double& x : blk) x /= s;
  }
  double r0 = behavior_regret(g, b), r1 = behavior_regret(g, snapped);
  if (r1 <= r0) {  // dropping vanishing probabilities costs nothing: print clean zeros
    b = snapped;
    r0 = r1;
  }
  if (r0 <= 1e-6 * tl.scale) {
    Equilibrium e;
    e.exact = false;
    e.approx = b;
    e.payoffs_approx = behavior_payoffs(g, b);
    e.max_regret = r0;
    res.equilibria.push_back(std::move(e));
  } else if (res.termination == Termination::kComplete) {
    res.termination = Termination::kNoLimit;
    res.message = fmt::format("no verified Nash equilibrium at the end of the path (regret {:.3g})", r0);
  }
  return res;
}

}  // namespace geobalance::games
