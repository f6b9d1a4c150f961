#include "tableau.h"

#include <algorithm>

#include "geobalance/error.h"

namespace geobalance::games::detail {

Bimatrix::Bimatrix(const NormalFormGame& g) {
  if (g.num_players() != 2)
    throw InputError(SourceLocation{}, "game",
                     "found " + std::to_string(g.num_players()) + " players, expected a 2-player (bimatrix) game");
  m = g.num_strategies(0);
  n = g.num_strategies(1);
  Rational amin, bmin;
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    if (k == 0 || g.payoff(k, 0) < amin) amin = g.payoff(k, 0);
    if (k == 0 || g.payoff(k, 1) < bmin) bmin = g.payoff(k, 1);
  }
  a.resize(static_cast<std::size_t>(m * n));
  b.resize(static_cast<std::size_t>(m * n));
  ad.resize(a.size());
  bd.resize(b.size());
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      std::size_t k = static_cast<std::size_t>(i) + static_cast<std::size_t>(j) * static_cast<std::size_t>(m);
      std::size_t q = static_cast<std::size_t>(i * n + j);
      a[q] = g.payoff(k, 0) - amin + 1;
      b[q] = g.payoff(k, 1) - bmin + 1;
      ad[q] = a[q].get_d();
      bd[q] = b[q].get_d();
    }
  double amax = *std::max_element(ad.begin(), ad.end()), bmax = *std::max_element(bd.begin(), bd.end());
  for (auto& v : ad) v /= amax;
  for (auto& v : bd) v /= bmax;
}

namespace {
std::vector<int> iota_labels(int from, int count) {
  std::vector<int> v(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) v[static_cast<std::size_t>(i)] = from + i;
  return v;
}
}  // namespace

std::vector<Rational> p_matrix(const Bimatrix& bm) {
  std::vector<Rational> M(static_cast<std::size_t>(bm.n * bm.m));
  for (int j = 0; j < bm.n; ++j)
    for (int i = 0; i < bm.m; ++i) M[static_cast<std::size_t>(j * bm.m + i)] = bm.b[static_cast<std::size_t>(i * bm.n + j)];
  return M;
}

std::vector<Rational> q_matrix(const Bimatrix& bm) { return bm.a; }

template <>
Dictionary<double> Bimatrix::make_p<double>() const {
  std::vector<double> M(static_cast<std::size_t>(n * m));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) M[static_cast<std::size_t>(j * m + i)] = bd[static_cast<std::size_t>(i * n + j)];
  return Dictionary<double>(M, n, m, iota_labels(0, m), iota_labels(m, n), m + n);
}
template <>
Dictionary<Rational> Bimatrix::make_p<Rational>() const {
  return Dictionary<Rational>(p_matrix(*this), n, m, iota_labels(0, m), iota_labels(m, n), m + n);
}
template <>
Dictionary<double> Bimatrix::make_q<double>() const {
  return Dictionary<double>(ad, m, n, iota_labels(m, n), iota_labels(0, m), m + n);
}
template <>
Dictionary<Rational> Bimatrix::make_q<Rational>() const {
  return Dictionary<Rational>(a, m, n, iota_labels(m, n), iota_labels(0, m), m + n);
}

bool exact_vertex(const std::vector<Rational>& M, int rows, int cols, const std::vector<int>& z_labels,
                  const std::vector<int>& w_labels, const Mask& nonbasic, std::vector<Rational>& z) {
  std::vector<int> bc, tr;
  for (int c = 0; c < cols; ++c)
    if (!nonbasic.test(z_labels[static_cast<std::size_t>(c)])) bc.push_back(c);
  for (int t = 0; t < rows; ++t)
    if (nonbasic.test(w_labels[static_cast<std::size_t>(t)])) tr.push_back(t);
  z.assign(static_cast<std::size_t>(cols), Rational(0));
  if (bc.size() != tr.size()) return false;
  const std::size_t s = bc.size();
  // Augmented system [S | 1].
  std::vector<std::vector<Rational>> S(s, std::vector<Rational>(s + 1));
  for (std::size_t i = 0; i < s; ++i) {
    for (std::size_t j = 0; j < s; ++j)
      S[i][j] = M[static_cast<std::size_t>(tr[i]) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(bc[j])];
    S[i][s] = 1;
  }
  for (std::size_t col = 0; col < s; ++col) {
    std::size_t piv = col;
    while (piv < s && sgn(S[piv][col]) == 0) ++piv;
    if (piv == s) return false;
    std::swap(S[piv], S[col]);
    Rational inv = 1 / S[col][col];
    for (std::size_t j = col; j <= s; ++j) S[col][j] *= inv;
    for (std::size_t i = 0; i < s; ++i) {
      if (i == col || sgn(S[i][col]) == 0) continue;
      Rational f = S[i][col];
      for (std::size_t j = col; j <= s; ++j) S[i][j] -= f * S[col][j];
    }
  }
  for (std::size_t j = 0; j < s; ++j) z[static_cast<std::size_t>(bc[j])] = S[j][s];
  return true;
}

bool equilibrium_from_vertices(const NormalFormGame& g, const std::vector<Rational>& x, const std::vector<Rational>& y,
                               Equilibrium& out) {
  Rational sx = 0, sy = 0;
  for (const auto& v : x) {
    if (sgn(v) < 0) return false;
    sx += v;
  }
  for (const auto& v : y) {
    if (sgn(v) < 0) return false;
    sy += v;
  }
  if (sgn(sx) == 0 || sgn(sy) == 0) return false;
  std::vector<std::vector<Rational>> probs(2);
  for (const auto& v : x) probs[0].push_back(v / sx);
  for (const auto& v : y) probs[1].push_back(v / sy);
  if (max_regret(g, probs) != 0) return false;
  out = make_verified(g, std::move(probs));
  return true;
}

}  // namespace geobalance::games::detail
