#include "geobalance/alignment/similarity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "geobalance/core/parallel.h"
#include "geobalance/error.h"

namespace geobalance::alignment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kV = kMaxTie + 1;  // number of tie values

// The 4x4 contingency table of (x_k, y_k) over the states in scope, and the weighted sums of
// the distances (only cells off the diagonal carry distance).
struct Table {
  std::array<std::array<std::int64_t, kV>, kV> n{};
  double w_abs = 0;  // sum_k w_k |x_k - y_k| (raw values)
  double w_sq = 0;   // sum_k w_k (x_k - y_k)^2
};

// All measures from a table. n = states in scope, w_total = sum of weights over the scope
// (NaN or <= 0: weighted S is NaN). Values are divided by max_value.
Measures from_table(const Table& t, std::int64_t n, double w_total, int max_value) {
  Measures m;
  const double dmax = max_value, nn = static_cast<double>(n);
  std::array<std::int64_t, kV> r{}, c{};
  std::int64_t sum_abs = 0, sum_sq = 0;
  for (int a = 0; a < kV; ++a)
    for (int b = 0; b < kV; ++b) {
      const std::int64_t k = t.n[a][b];
      r[a] += k;
      c[b] += k;
      sum_abs += k * std::abs(a - b);
      sum_sq += k * (a - b) * (a - b);
    }
  // S: 1 - 2 * mean distance, distances scaled by dmax (abs) or dmax^2 (sq).
  m.s_unw_abs = 1.0 - 2.0 * (static_cast<double>(sum_abs) / dmax) / nn;
  m.s_unw_sq = 1.0 - 2.0 * (static_cast<double>(sum_sq) / (dmax * dmax)) / nn;
  if (w_total > 0) {
    m.s_w_abs = 1.0 - 2.0 * (t.w_abs / dmax) / w_total;
    m.s_w_sq = 1.0 - 2.0 * (t.w_sq / (dmax * dmax)) / w_total;
  } else {
    m.s_w_abs = m.s_w_sq = kNaN;
  }
  // Kappa and pi: D_obs and D_exp share the 1/dmax scale, so it cancels; work in raw units
  // with integer numerators: D_obs = sum_abs / n, D_exp(kappa) = sum r_a c_b |a-b| / n^2,
  // D_exp(pi) = sum (r_a + c_a)(r_b + c_b) |a-b| / (4 n^2).
  std::int64_t e_kappa = 0, e_pi = 0;
  for (int a = 0; a < kV; ++a)
    for (int b = 0; b < kV; ++b) {
      const int d = std::abs(a - b);
      e_kappa += r[a] * c[b] * d;
      e_pi += (r[a] + c[a]) * (r[b] + c[b]) * d;
    }
  const double d_obs = static_cast<double>(sum_abs) / nn;
  const double d_exp_kappa = static_cast<double>(e_kappa) / (nn * nn);
  const double d_exp_pi = static_cast<double>(e_pi) / (4.0 * nn * nn);
  m.kappa_abs = e_kappa > 0 ? 1.0 - d_obs / d_exp_kappa : kNaN;
  m.pi_abs = e_pi > 0 ? 1.0 - d_obs / d_exp_pi : kNaN;
  // Tau-b from the table: concordant pairs lie below-right, discordant below-left.
  std::int64_t conc = 0, disc = 0;
  for (int a = 0; a < kV; ++a)
    for (int b = 0; b < kV; ++b) {
      const std::int64_t k = t.n[a][b];
      if (k == 0) continue;
      for (int a2 = a + 1; a2 < kV; ++a2)
        for (int b2 = 0; b2 < kV; ++b2) {
          if (b2 > b) conc += k * t.n[a2][b2];
          else if (b2 < b) disc += k * t.n[a2][b2];
        }
    }
  const std::int64_t n0 = n * (n - 1) / 2;
  std::int64_t tx = 0, ty = 0;
  for (int a = 0; a < kV; ++a) {
    tx += r[a] * (r[a] - 1) / 2;
    ty += c[a] * (c[a] - 1) / 2;
  }
  const double den = std::sqrt(static_cast<double>(n0 - tx)) * std::sqrt(static_cast<double>(n0 - ty));
  m.taub = den > 0 ? static_cast<double>(conc - disc) / den : kNaN;
  return m;
}

// Per-year context shared by all dyads of that year.
struct YearContext {
  const PortfolioYear* y = nullptr;
  std::vector<double> w;              // weights by position (empty: none)
  std::vector<std::uint8_t> region;   // region by position (regional scope)
  std::array<std::int64_t, 6> region_count{};
  std::array<double, 6> region_weight{};
  double total_weight = 0;
  bool regional = false;
  bool weighted = false;
};

YearContext make_context(const PortfolioYear& y, const CapabilityWeights& weights, Scope scope) {
  YearContext ctx;
  ctx.y = &y;
  ctx.weighted = !weights.empty();
  ctx.regional = scope == Scope::kRegional;
  if (ctx.weighted) ctx.w = weights.for_year(y);
  ctx.region.resize(y.size());
  for (std::size_t k = 0; k < y.size(); ++k) {
    const auto r = static_cast<std::uint8_t>(region_of(y.members()[k]));
    ctx.region[k] = r;
    ++ctx.region_count[r];
    if (ctx.weighted) ctx.region_weight[r] += ctx.w[k];
  }
  if (ctx.weighted)
    for (double v : ctx.w) ctx.total_weight += v;
  return ctx;
}

// Measures of positions a and b: merge the two sparse rows.
Measures pair_measures(const YearContext& ctx, std::size_t a, std::size_t b, std::int64_t* n_scope) {
  const PortfolioYear& y = *ctx.y;
  std::int64_t n = static_cast<std::int64_t>(y.size());
  double w_total = ctx.total_weight;
  std::uint8_t ra = 0, rb = 0;
  if (ctx.regional) {
    ra = ctx.region[a];
    rb = ctx.region[b];
    n = ctx.region_count[ra] + (rb != ra ? ctx.region_count[rb] : 0);
    w_total = ctx.region_weight[ra] + (rb != ra ? ctx.region_weight[rb] : 0.0);
  }
  Table t;
  t.n[0][0] = n;
  auto ra_row = y.row(a), rb_row = y.row(b);
  auto p = ra_row.begin(), q = rb_row.begin();
  const bool weighted = ctx.weighted;
  auto visit = [&](std::uint32_t k, int xv, int yv) {
    if (ctx.regional && ctx.region[k] != ra && ctx.region[k] != rb) return;
    --t.n[0][0];
    ++t.n[xv][yv];
    if (weighted && xv != yv) {
      const int d = xv - yv;
      t.w_abs += ctx.w[k] * std::abs(d);
      t.w_sq += ctx.w[k] * (d * d);
    }
  };
  while (p != ra_row.end() || q != rb_row.end()) {
    if (q == rb_row.end() || (p != ra_row.end() && p->index < q->index)) {
      visit(p->index, static_cast<int>(p->value), 0);
      ++p;
    } else if (p == ra_row.end() || q->index < p->index) {
      visit(q->index, 0, static_cast<int>(q->value));
      ++q;
    } else {
      visit(p->index, static_cast<int>(p->value), static_cast<int>(q->value));
      ++p;
      ++q;
    }
  }
  if (n_scope) *n_scope = n;
  return from_table(t, n, weighted ? w_total : kNaN, kMaxTie);
}

}  // namespace

Region region_of(int ccode) {
  if (ccode < 200) return Region::kAmericas;
  if (ccode < 400) return Region::kEurope;
  if (ccode < 630) return Region::kAfrica;
  if (ccode < 700) return Region::kMiddleEast;
  if (ccode < 900) return Region::kAsia;
  return Region::kOceania;
}

double Measures::get(Measure m) const {
  switch (m) {
    case Measure::kSUnwAbs: return s_unw_abs;
    case Measure::kSUnwSq: return s_unw_sq;
    case Measure::kSWAbs: return s_w_abs;
    case Measure::kSWSq: return s_w_sq;
    case Measure::kKappaAbs: return kappa_abs;
    case Measure::kPiAbs: return pi_abs;
    case Measure::kTauB: return taub;
  }
  return kNaN;
}

Measures measures_dense(std::span<const int> x, std::span<const int> y, std::span<const double> w, int max_value) {
  if (x.size() != y.size())
    throw InputError(fmt::format("measures_dense: x has {} values but y has {}", x.size(), y.size()));
  if (!w.empty() && w.size() != x.size())
    throw InputError(fmt::format("measures_dense: w has {} values but x has {}", w.size(), x.size()));
  if (x.empty()) throw InputError("measures_dense: the portfolios are empty");
  if (max_value < 1) throw InputError(fmt::format("measures_dense: max_value is {}, but must be >= 1", max_value));
  for (std::size_t k = 0; k < x.size(); ++k)
    if (x[k] < 0 || x[k] > max_value || y[k] < 0 || y[k] > max_value)
      throw InputError(fmt::format("measures_dense: value {} at position {} is outside 0..{}",
                                   (x[k] < 0 || x[k] > max_value) ? x[k] : y[k], k, max_value));
  const std::size_t n = x.size();
  const double nn = static_cast<double>(n), dm = max_value;
  Measures m;
  // S, straight from Signorino & Ritter's formula with d scaled to [0, 1].
  double sa = 0, ss = 0, wa = 0, ws = 0, wt = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double d = std::abs(x[k] - y[k]) / dm;
    sa += d;
    ss += d * d;
    if (!w.empty()) {
      wa += w[k] * d;
      ws += w[k] * d * d;
      wt += w[k];
    }
  }
  m.s_unw_abs = 1 - 2 * sa / nn;
  m.s_unw_sq = 1 - 2 * ss / nn;
  m.s_w_abs = wt > 0 ? 1 - 2 * wa / wt : kNaN;
  m.s_w_sq = wt > 0 ? 1 - 2 * ws / wt : kNaN;
  // Kappa: expected disagreement when i's and j's values are paired at random
  // (mean over all n^2 pairings of |x_k - y_l|); pi: the same with both drawn from the pooled
  // 2n values (mean over all (2n)^2 pairings).
  double e_k = 0, e_p = 0;
  std::vector<int> pooled(x.begin(), x.end());
  pooled.insert(pooled.end(), y.begin(), y.end());
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t l = 0; l < n; ++l) e_k += std::abs(x[k] - y[l]) / dm;
  for (int u : pooled)
    for (int v : pooled) e_p += std::abs(u - v) / dm;
  e_k /= nn * nn;
  e_p /= 4 * nn * nn;
  const double d_obs = sa / nn;
  m.kappa_abs = e_k > 0 ? 1 - d_obs / e_k : kNaN;
  m.pi_abs = e_p > 0 ? 1 - d_obs / e_p : kNaN;
  // Tau-b over all pairs of positions.
  long long conc = 0, disc = 0, tx = 0, ty = 0, n0 = 0;
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t l = k + 1; l < n; ++l) {
      ++n0;
      const int dx = x[k] - x[l], dy = y[k] - y[l];
      if (dx == 0) ++tx;
      if (dy == 0) ++ty;
      if (dx * dy > 0) ++conc;
      else if (dx * dy < 0) ++disc;
    }
  const double den = std::sqrt(static_cast<double>(n0 - tx) * static_cast<double>(n0 - ty));
  m.taub = den > 0 ? (conc - disc) / den : kNaN;
  return m;
}

void SimilarityOptions::validate() const {
  if (threads > 4096) throw InputError(fmt::format("SimilarityOptions: threads is {}, but must be <= 4096", threads));
}

CapabilityWeights::CapabilityWeights(const std::vector<power::CincValue>& cinc) {
  for (const auto& c : cinc)
    w_[static_cast<long long>(c.year) * 1000 + c.ccode] = std::isfinite(c.cinc) && c.cinc > 0 ? c.cinc : 0.0;
}

double CapabilityWeights::weight(int ccode, int year) const {
  auto it = w_.find(static_cast<long long>(year) * 1000 + ccode);
  return it == w_.end() ? 0.0 : it->second;
}

std::vector<double> CapabilityWeights::for_year(const PortfolioYear& y) const {
  std::vector<double> v(y.size());
  for (std::size_t k = 0; k < y.size(); ++k) v[k] = weight(y.members()[k], y.year());
  return v;
}

DyadSimilarity dyad_similarity(const PortfolioYear& year, const CapabilityWeights& weights, int ccode1, int ccode2,
                               const SimilarityOptions& options) {
  options.validate();
  const int a = year.index_of(ccode1), b = year.index_of(ccode2);
  for (auto [c, i] : {std::pair{ccode1, a}, std::pair{ccode2, b}})
    if (i < 0)
      throw InputError(SourceLocation{}, "dyad",
                       fmt::format("ccode {} is not a system member in {}", c, year.year()));
  const YearContext ctx = make_context(year, weights, options.scope);
  DyadSimilarity d{ccode1, ccode2, year.year(), 0, {}};
  std::int64_t n = 0;
  d.m = pair_measures(ctx, static_cast<std::size_t>(a), static_cast<std::size_t>(b), &n);
  d.n_system = static_cast<int>(n);
  return d;
}

void all_dyads(const Portfolios& p, const CapabilityWeights& weights, int first, int last,
               const SimilarityOptions& options, const YearSink& sink) {
  options.validate();
  if (first > last)
    throw InputError(SourceLocation{}, "years",
                     fmt::format("range {}:{} ends before it starts, expected first <= last", first, last));
  p.year(first);  // range checks with a clear message
  p.year(last);
  std::vector<DyadSimilarity> rows;
  for (int t = first; t <= last; ++t) {
    const PortfolioYear& y = p.year(t);
    const YearContext ctx = make_context(y, weights, options.scope);
    const std::size_t n = y.size();
    rows.assign(n * (n > 0 ? n - 1 : 0), DyadSimilarity{});
    // Row a of the output holds (a, b) for b != a at a*(n-1) + (b < a ? b : b - 1). Each task
    // computes pairs (a, b > a) and writes both directions: every slot has one writer.
    parallel_for(n, options.threads, 4, [&](std::size_t begin, std::size_t end) {
      for (std::size_t a = begin; a < end; ++a)
        for (std::size_t b = a + 1; b < n; ++b) {
          std::int64_t ns = 0;
          const Measures m = pair_measures(ctx, a, b, &ns);
          const int ca = y.members()[a], cb = y.members()[b];
          rows[a * (n - 1) + (b - 1)] = DyadSimilarity{ca, cb, t, static_cast<int>(ns), m};
          rows[b * (n - 1) + a] = DyadSimilarity{cb, ca, t, static_cast<int>(ns), m};
        }
    });
    sink(t, rows);
  }
}

void selected_dyads(const Portfolios& p, const CapabilityWeights& weights,
                    std::span<const std::pair<int, int>> dyads, int first, int last,
                    const SimilarityOptions& options, const YearSink& sink) {
  options.validate();
  if (first > last)
    throw InputError(SourceLocation{}, "years",
                     fmt::format("range {}:{} ends before it starts, expected first <= last", first, last));
  p.year(first);
  p.year(last);
  std::vector<DyadSimilarity> rows;
  for (int t = first; t <= last; ++t) {
    const PortfolioYear& y = p.year(t);
    const YearContext ctx = make_context(y, weights, options.scope);
    rows.clear();
    for (auto [c1, c2] : dyads) {
      const int a = y.index_of(c1), b = y.index_of(c2);
      if (a < 0 || b < 0) continue;
      std::int64_t ns = 0;
      const Measures m = pair_measures(ctx, static_cast<std::size_t>(a), static_cast<std::size_t>(b), &ns);
      rows.push_back(DyadSimilarity{c1, c2, t, static_cast<int>(ns), m});
    }
    sink(t, rows);
  }
}

}  // namespace geobalance::alignment
