// Internal: the pivoting dictionary of a best-response polytope {z >= 0 : M z <= 1}, shared
// by enummixed (vertex enumeration) and lcp (Lemke-Howson). Templated on the number type:
// double for the fast pass, Rational for the exact pass.
//
// Variables are identified by their label (0 .. m+n-1 over the whole bimatrix game): row
// strategies carry labels 0..m-1, column strategies m..m+n-1. In P (x over rows) the x_i carry
// label i and the slacks of B'^T x <= 1 carry m+j; in Q (y over columns) the slacks of
// A'y <= 1 carry label i and y_j carries m+j.
//
// Dictionary form: basic[r] = rhs[r] - sum_c D[r][c] * nonbasic[c].
#ifndef GEOBALANCE_SRC_GAMES_TABLEAU_H_
#define GEOBALANCE_SRC_GAMES_TABLEAU_H_

#include <cmath>
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/game.h"

namespace geobalance::games::detail {

/// A set of at most 128 labels.
struct Mask {
  std::uint64_t w[2] = {0, 0};
  void set(int i) { w[i >> 6] |= std::uint64_t{1} << (i & 63); }
  void reset(int i) { w[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
  bool test(int i) const { return (w[i >> 6] >> (i & 63)) & 1; }
  int count() const { return __builtin_popcountll(w[0]) + __builtin_popcountll(w[1]); }
  bool operator==(const Mask& o) const { return w[0] == o.w[0] && w[1] == o.w[1]; }
  Mask operator|(const Mask& o) const { return Mask{{w[0] | o.w[0], w[1] | o.w[1]}}; }
  Mask operator^(const Mask& o) const { return Mask{{w[0] ^ o.w[0], w[1] ^ o.w[1]}}; }
  Mask operator&(const Mask& o) const { return Mask{{w[0] & o.w[0], w[1] & o.w[1]}}; }
};

inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

struct MaskHash {
  std::size_t operator()(const Mask& m) const {
    return static_cast<std::size_t>(mix64(m.w[0] ^ mix64(m.w[1] + 0x9E3779B97F4A7C15ull)));
  }
};

/// An open-addressing set of label sets (linear probing, power-of-two capacity). Sets of up
/// to 64 labels are stored in one word, larger ones in two. The all-ones key marks empty
/// slots; it never occurs (a basis leaves some labels out).
class MaskSet {
 public:
  explicit MaskSet(int num_labels) : wide_(num_labels > 64) {
    if (wide_) slots2_.assign(1024, kEmpty2());
    else slots1_.assign(1024, ~std::uint64_t{0});
  }
  /// Inserts; true when the set was not there yet.
  bool insert(const Mask& m) { return wide_ ? insert2(m) : insert1(m.w[0]); }
  std::size_t size() const { return size_; }

 private:
  static Mask kEmpty2() { return Mask{{~std::uint64_t{0}, ~std::uint64_t{0}}}; }
  bool insert1(std::uint64_t k) {
    if ((size_ + 1) * 10 > slots1_.size() * 7) grow1();
    std::size_t mask = slots1_.size() - 1, i = mix64(k) & mask;
    while (true) {
      std::uint64_t& s = slots1_[i];
      if (s == k) return false;
      if (s == ~std::uint64_t{0}) {
        s = k;
        ++size_;
        return true;
      }
      i = (i + 1) & mask;
    }
  }
  bool insert2(const Mask& m) {
    if ((size_ + 1) * 10 > slots2_.size() * 7) grow2();
    std::size_t mask = slots2_.size() - 1, i = MaskHash{}(m) & mask;
    while (true) {
      Mask& s = slots2_[i];
      if (s == m) return false;
      if (s == kEmpty2()) {
        s = m;
        ++size_;
        return true;
      }
      i = (i + 1) & mask;
    }
  }
  void grow1() {
    std::vector<std::uint64_t> old;
    old.swap(slots1_);
    slots1_.assign(old.size() * 2, ~std::uint64_t{0});
    size_ = 0;
    for (auto k : old)
      if (k != ~std::uint64_t{0}) insert1(k);
  }
  void grow2() {
    std::vector<Mask> old;
    old.swap(slots2_);
    slots2_.assign(old.size() * 2, kEmpty2());
    size_ = 0;
    for (const Mask& m : old)
      if (!(m == kEmpty2())) insert2(m);
  }
  bool wide_;
  std::vector<std::uint64_t> slots1_;
  std::vector<Mask> slots2_;
  std::size_t size_ = 0;
};

template <class T>
struct Num;
template <>
struct Num<double> {
  static constexpr bool kExact = false;
  static bool pos(double v) { return v > 1e-9; }
  static bool zero(double v) { return std::fabs(v) <= 1e-9; }
  /// a and b are equal up to rounding (relative 1e-9).
  static bool same(double a, double b) { return std::fabs(a - b) <= 1e-11 * std::max(std::fabs(a), std::fabs(b)); }
};
template <>
struct Num<Rational> {
  static constexpr bool kExact = true;
  static bool pos(const Rational& v) { return sgn(v) > 0; }
  static bool zero(const Rational& v) { return sgn(v) == 0; }
  static bool same(const Rational& a, const Rational& b) { return a == b; }
};

template <class T>
class Dictionary {
 public:
  /// M is d x k row-major; z variables (columns of M) carry z_labels, slacks w_labels.
  Dictionary(const std::vector<T>& M, int d, int k, std::vector<int> z_labels, std::vector<int> w_labels, int num_labels)
      : d_(d), k_(k), D_(M), rhs_(static_cast<std::size_t>(d), T(1)), basic_(w_labels), nonbasic_(z_labels),
        row_of_(static_cast<std::size_t>(num_labels), -1), col_of_(static_cast<std::size_t>(num_labels), -1),
        z_labels_(std::move(z_labels)), w_labels_(std::move(w_labels)) {
    for (int r = 0; r < d_; ++r) row_of_[static_cast<std::size_t>(basic_[static_cast<std::size_t>(r)])] = r;
    for (int c = 0; c < k_; ++c) {
      col_of_[static_cast<std::size_t>(nonbasic_[static_cast<std::size_t>(c)])] = c;
      nonbasic_mask_.set(nonbasic_[static_cast<std::size_t>(c)]);
    }
  }

  int rows() const { return d_; }
  int cols() const { return k_; }
  const T& at(int r, int c) const { return D_[static_cast<std::size_t>(r) * static_cast<std::size_t>(k_) + static_cast<std::size_t>(c)]; }
  const T& rhs(int r) const { return rhs_[static_cast<std::size_t>(r)]; }
  int basic(int r) const { return basic_[static_cast<std::size_t>(r)]; }
  int nonbasic(int c) const { return nonbasic_[static_cast<std::size_t>(c)]; }
  int row_of(int label) const { return row_of_[static_cast<std::size_t>(label)]; }
  int col_of(int label) const { return col_of_[static_cast<std::size_t>(label)]; }
  const Mask& nonbasic_mask() const { return nonbasic_mask_; }
  const std::vector<int>& z_labels() const { return z_labels_; }
  const std::vector<int>& w_labels() const { return w_labels_; }

  /// Exchanges basic row r and nonbasic column c.
  void pivot(int r, int c) {
    const std::size_t K = static_cast<std::size_t>(k_);
    T* row = &D_[static_cast<std::size_t>(r) * K];
    if constexpr (Num<T>::kExact) {
      T inv = 1 / row[c];
      for (std::size_t j = 0; j < K; ++j) row[j] *= inv;
      row[c] = inv;
      rhs_[static_cast<std::size_t>(r)] *= inv;
      T f;
      for (int i = 0; i < d_; ++i) {
        if (i == r) continue;
        T* ri = &D_[static_cast<std::size_t>(i) * K];
        if (sgn(ri[c]) == 0) continue;
        f = ri[c];
        for (std::size_t j = 0; j < K; ++j) ri[j] -= f * row[j];
        ri[c] = -f * inv;
        rhs_[static_cast<std::size_t>(i)] -= f * rhs_[static_cast<std::size_t>(r)];
      }
    } else {
      double inv = 1.0 / row[c];
      for (std::size_t j = 0; j < K; ++j) row[j] *= inv;
      row[c] = inv;
      rhs_[static_cast<std::size_t>(r)] *= inv;
      const double rr = rhs_[static_cast<std::size_t>(r)];
      for (int i = 0; i < d_; ++i) {
        if (i == r) continue;
        double* ri = &D_[static_cast<std::size_t>(i) * K];
        double f = ri[c];
        if (f == 0) continue;
        for (std::size_t j = 0; j < K; ++j) ri[j] -= f * row[j];
        ri[c] = -f * inv;
        rhs_[static_cast<std::size_t>(i)] -= f * rr;
      }
    }
    int in = nonbasic_[static_cast<std::size_t>(c)], out = basic_[static_cast<std::size_t>(r)];
    nonbasic_[static_cast<std::size_t>(c)] = out;
    basic_[static_cast<std::size_t>(r)] = in;
    row_of_[static_cast<std::size_t>(in)] = r;
    col_of_[static_cast<std::size_t>(in)] = -1;
    col_of_[static_cast<std::size_t>(out)] = c;
    row_of_[static_cast<std::size_t>(out)] = -1;
    nonbasic_mask_.reset(in);
    nonbasic_mask_.set(out);
  }

  /// Rows attaining the minimum ratio rhs[r] / D[r][c] over D[r][c] > 0 (all of them: ties
  /// are returned together). Empty when the column is unbounded.
  void ratio_rows(int c, std::vector<int>& out) const {
    out.clear();
    T best;
    bool have = false;
    T ratio;
    for (int r = 0; r < d_; ++r) {
      const T& a = at(r, c);
      if (!Num<T>::pos(a)) continue;
      ratio = rhs(r) / a;
      if (!have || (!Num<T>::same(ratio, best) && ratio < best)) {
        best = ratio;
        have = true;
        out.clear();
        out.push_back(r);
      } else if (Num<T>::same(ratio, best)) {
        out.push_back(r);
      }
    }
  }

  /// The lexicographic minimum-ratio row for entering column c (unique: rows of the inverse
  /// basis differ), or -1 when the column is unbounded. `tie` reports whether the plain ratio
  /// test had a tie (then, in doubles, the choice is not trustworthy).
  int lex_ratio_row(int c, bool* tie) const {
    std::vector<int> rows;
    ratio_rows(c, rows);
    if (tie) *tie = rows.size() > 1;
    if (rows.size() <= 1) return rows.empty() ? -1 : rows[0];
    for (int t = 0; t < d_ && rows.size() > 1; ++t) {
      int wl = w_labels_[static_cast<std::size_t>(t)];
      int wc = col_of(wl), wr = row_of(wl);
      auto val = [&](int r) -> T {
        T v = wc >= 0 ? at(r, wc) : T(wr == r ? 1 : 0);
        return v / at(r, c);
      };
      std::vector<int> keep;
      T best = val(rows[0]);
      keep.push_back(rows[0]);
      for (std::size_t q = 1; q < rows.size(); ++q) {
        T v = val(rows[q]);
        if (Num<T>::same(v, best)) {
          keep.push_back(rows[q]);
        } else if (v < best) {
          best = v;
          keep.assign(1, rows[q]);
        }
      }
      rows.swap(keep);
    }
    return rows[0];
  }

  /// Labels of the current point: nonbasic variables and basic variables at zero.
  Mask point_labels() const {
    Mask m = nonbasic_mask_;
    for (int r = 0; r < d_; ++r)
      if (Num<T>::zero(rhs(r))) m.set(basic(r));
    return m;
  }

  /// Value of z-variable `label` at the current basis.
  T value(int label) const {
    int r = row_of(label);
    return r >= 0 ? rhs(r) : T(0);
  }

 private:
  int d_, k_;
  std::vector<T> D_;
  std::vector<T> rhs_;
  std::vector<int> basic_, nonbasic_;
  std::vector<int> row_of_, col_of_;
  Mask nonbasic_mask_;
  std::vector<int> z_labels_, w_labels_;
};

/// The shifted bimatrix of a 2-player game (payoffs minus the minimum plus one, so every
/// entry is >= 1 and both polytopes are bounded), as data for the two dictionaries.
struct Bimatrix {
  int m = 0, n = 0;
  std::vector<Rational> a, b;  ///< shifted, row-major m x n
  std::vector<double> ad, bd;  ///< divided by their largest entry (so entries are in (0, 1])

  explicit Bimatrix(const NormalFormGame& g);
  /// M for P: B'^T (n x m); z labels 0..m-1, w labels m..m+n-1.
  template <class T>
  Dictionary<T> make_p() const;
  /// M for Q: A' (m x n); z labels m..m+n-1, w labels 0..m-1.
  template <class T>
  Dictionary<T> make_q() const;
};

template <>
Dictionary<double> Bimatrix::make_p<double>() const;
template <>
Dictionary<Rational> Bimatrix::make_p<Rational>() const;
template <>
Dictionary<double> Bimatrix::make_q<double>() const;
template <>
Dictionary<Rational> Bimatrix::make_q<Rational>() const;

/// Exact coordinates of the vertex of {z >= 0 : M z <= 1} whose nonbasic labels are
/// `nonbasic` (M given as `rows` x `cols` rationals, row-major), by solving the tight rows on
/// the basic z's. Returns false when the system is singular.
bool exact_vertex(const std::vector<Rational>& M, int rows, int cols, const std::vector<int>& z_labels,
                  const std::vector<int>& w_labels, const Mask& nonbasic, std::vector<Rational>& z);

/// B'^T as an n x m row-major matrix and A' as m x n, rationals (for exact_vertex).
std::vector<Rational> p_matrix(const Bimatrix& bm);
std::vector<Rational> q_matrix(const Bimatrix& bm);

/// Builds the verified mixed equilibrium from unnormalised x (m) and y (n); returns false when
/// x or y is zero or the profile fails the exact regret check.
bool equilibrium_from_vertices(const NormalFormGame& g, const std::vector<Rational>& x, const std::vector<Rational>& y,
                               Equilibrium& out);

/// The driver both bimatrix solvers share: validate, refuse games past 128 strategies, run
/// the solver in doubles, and rerun it in exact rationals when the double pass reports a
/// degeneracy (run returns false) or when options.exact_only is set. run(T{}, bm, res) runs
/// the solver in arithmetic T.
template <typename Options, typename Run>
SolveResult solve_bimatrix(const NormalFormGame& g, const Options& options, Method method, const char* name, Run&& run) {
  options.validate();
  Bimatrix bm(g);
  if (bm.m + bm.n > 128)
    throw InputError(SourceLocation{}, "game",
                     "found " + std::to_string(bm.m + bm.n) + " strategies in all, expected at most 128 for " + name);
  SolveResult res;
  res.method = method;
  res.layout = mixed_layout(g);
  if (!options.exact_only && run(double{}, bm, res)) return res;
  if (!options.exact_only) res.exact_rerun = true;
  res.equilibria.clear();
  res.termination = Termination::kComplete;
  res.message.clear();
  run(Rational{}, bm, res);
  return res;
}

}  // namespace geobalance::games::detail

#endif  // GEOBALANCE_SRC_GAMES_TABLEAU_H_
