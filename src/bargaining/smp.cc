// KTAB-compatible SMP; the section numbers refer to ../shared/models/smp-ktab.md. The order
// of every floating-point sum and product follows the specification, because a last-bit
// difference can flip a near-tie between options and change a whole history.
#include "geobalance/bargaining/smp.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/core/random.h"
#include "geobalance/error.h"
#include "smp_detail.h"

namespace geobalance::bargaining {
namespace detail {

namespace {
double victory(double c_ab, double c_ba, SmpVictoryModel model) {
  switch (model) {
    case SmpVictoryModel::kLinear:
      return c_ab / (c_ab + c_ba);
    case SmpVictoryModel::kSquare: {
      double a = c_ab * c_ab, b = c_ba * c_ba;
      return a / (a + b);
    }
    case SmpVictoryModel::kQuartic: {
      double a = c_ab * c_ab, b = c_ba * c_ba;
      a *= a;
      b *= b;
      return a / (a + b);
    }
    case SmpVictoryModel::kOctic: {
      double a = c_ab * c_ab, b = c_ba * c_ba;
      a *= a;
      b *= b;
      a *= a;
      b *= b;
      return a / (a + b);
    }
  }
  return c_ab / (c_ab + c_ba);
}
}  // namespace

std::vector<double> pce(const std::vector<double>& weights, const std::vector<double>& util,
                        std::size_t m, SmpVictoryModel model) {
  const std::size_t nv = weights.size();
  std::vector<double> v(m * m, 0.5);  // v[a * m + b] = probability that a beats b
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t b = 0; b < a; ++b) {
      double c_ab = 1e-8, c_ba = 1e-8;
      for (std::size_t k = 0; k < nv; ++k) {
        const double vote = weights[k] * (util[k * m + a] - util[k * m + b]);
        if (vote > 0) c_ab += vote;
        if (vote < 0) c_ba += -vote;
      }
      v[a * m + b] = victory(c_ab, c_ba, model);
      v[b * m + a] = victory(c_ba, c_ab, model);
    }
  }
  std::vector<double> p(m);
  double total = 0;
  for (std::size_t a = 0; a < m; ++a) {
    double prod = 1.0;
    for (std::size_t b = 0; b < m; ++b) prod *= v[a * m + b];
    p[a] = prod;
  }
  for (std::size_t a = 0; a < m; ++a) total += p[a];
  for (std::size_t a = 0; a < m; ++a) p[a] = p[a] / total;
  return p;
}

std::vector<double> risk_attitudes(const std::vector<double>& capability,
                                   const std::vector<double>& dist, SmpRiskRange range,
                                   SmpVictoryModel model) {
  const std::size_t n = capability.size();
  std::vector<double> rho(n * n);
  for (std::size_t i = 0; i < n * n; ++i) rho[i] = smp_utility(dist[i], 0.0);
  const std::vector<double> p = pce(capability, rho, n, model);
  const double p_min = *std::min_element(p.begin(), p.end());
  const double p_max = *std::max_element(p.begin(), p.end());
  std::vector<double> r(n, 0.0);
  // KTAB has no guard for p_max == p_min (every position equally likely); geobalance makes
  // every actor risk neutral there instead of dividing by zero.
  if (!(p_max > p_min)) return r;
  for (std::size_t i = 0; i < n; ++i) {
    switch (range) {
      case SmpRiskRange::kMid:
        r[i] = (3.0 * p[i] - (p_max + 2.0 * p_min)) / (2.0 * (p_max - p_min));
        break;
      case SmpRiskRange::kMin:
        r[i] = (p[i] - p_min) / (p_max - p_min);
        break;
      case SmpRiskRange::kMax:
        r[i] = (2.0 * p[i] - p_max - p_min) / (p_max - p_min);
        break;
    }
  }
  return r;
}

double believed_risk(double r_h, double r_i, SmpRiskAdjust adjust) {
  switch (adjust) {
    case SmpRiskAdjust::kNone:
      return r_h;
    case SmpRiskAdjust::kOneThird:
      return (2.0 * r_h + r_i) / 3.0;
    case SmpRiskAdjust::kHalf:
      return (r_h + r_i) / 2.0;
    case SmpRiskAdjust::kTwoThirds:
      return (r_h + 2.0 * r_i) / 3.0;
    case SmpRiskAdjust::kFull:
      return r_i;
  }
  return r_i;
}

// The inner loop of the target choice (O(N) per call, N^2 calls a turn). Columns of u are
// read as rows of its transpose ut (ut[b * n + a] = u[a * n + b]) so the loop over third
// parties runs through contiguous memory; w[m] = sal_total[m] * capability[m].
Challenge evaluate_challenge_t(const double* ut, std::size_t n, const double* w,
                               const double* sal_total, std::size_t i, std::size_t j) {
  const double* col_i = ut + i * n;
  const double* col_j = ut + j * n;
  const double u_ii = col_i[i], u_ij = col_j[i];
  const double u_ji = col_i[j], u_jj = col_j[j];
  const double sq = u_ii + u_ij;
  const double win = 2 * u_ii;
  const double lose = 2 * u_ij;
  const double a_i = w[i] * (u_ii - u_ij);
  const double a_j = w[j] * (u_ji - u_jj);
  const double a_plus = 1e-10 + std::max(a_i, 0.0) + std::max(a_j, 0.0);
  const double a_minus = 1e-10 + std::max(-a_i, 0.0) + std::max(-a_j, 0.0);
  double c_plus = a_plus, c_minus = a_minus;
  for (std::size_t m = 0; m < n; ++m) {
    if (m == i || m == j) continue;
    const double u_mi = col_i[m], u_mj = col_j[m], u_mm = ut[m * n + m];
    const double v0 = w[m] * (u_mi - u_mj);
    const double pa = a_plus + std::max(v0, 0.0);
    const double pb = a_minus + std::max(-v0, 0.0);
    const double p = pa / (pa + pb);
    const double q = 1.0 - p;
    // SemiCommit: with m on i's side, i winning leaves m where it is; j winning puts all
    // three at x_j. Symmetrically with m on j's side.
    const double j_i = p * (u_mi + u_mi + u_mm) + q * (u_mj + u_mj + u_mj);
    const double j_j = p * (u_mi + u_mi + u_mi) + q * (u_mj + u_mj + u_mm);
    const double vote = w[m] * (j_i - j_j);
    if (vote > 0) c_plus += vote;
    if (vote < 0) c_minus += -vote;
  }
  const double total = c_plus + c_minus;
  const double pi = c_plus / total;
  const double eu_contest = pi * win + (c_minus / total) * lose;
  const double eu_chal = (1.0 - sal_total[j]) * win + sal_total[j] * eu_contest;
  return {pi, eu_chal - sq};
}

Challenge evaluate_challenge(const std::vector<double>& u, std::size_t n,
                             const std::vector<double>& sal_total,
                             const std::vector<double>& capability, std::size_t i,
                             std::size_t j) {
  std::vector<double> ut(n * n), w(n);
  for (std::size_t a = 0; a < n; ++a) {
    w[a] = sal_total[a] * capability[a];
    for (std::size_t b = 0; b < n; ++b) ut[b * n + a] = u[a * n + b];
  }
  return evaluate_challenge_t(ut.data(), n, w.data(), sal_total.data(), i, j);
}

void bargain_point(double x_i, double x_j, double s_i, double s_j, double p,
                   SmpBargainWeights weights, double* b_i, double* b_j) {
  const double q = 1.0 - p;
  double w_i, w_j;
  if (weights == SmpBargainWeights::kS2P2) {
    w_i = s_i * s_i * p * p;
    w_j = s_j * s_j * q * q;
  } else {
    w_i = s_i * p;
    w_j = s_j * q;
  }
  constexpr double kEps = 1e-6;
  const double den = w_i + kEps + w_j;
  *b_i = round4(((w_i + kEps) * x_i + w_j * x_j) / den);
  *b_j = round4((w_i * x_i + (kEps + w_j) * x_j) / den);
}

}  // namespace detail

namespace {

using detail::smp_utility;

// The per-state quantities of §4.2 (ideals = positions).
struct State {
  std::vector<double> x;     // n * d, 0-1 scale
  std::vector<double> dist;  // n * n, d_ij = delta_i(x_j)
  std::vector<double> risk;  // n
};

class Engine {
 public:
  Engine(const Issue& issue, const SmpOptions& opt) : opt_(opt) {
    n_ = issue.actors.size();
    d_ = issue.dimensions.size();
    lo_ = issue.scale_min;
    width_ = issue.scale_max - issue.scale_min;
    cap_.resize(n_);
    sal_.resize(n_ * d_);
    sal2_.resize(n_ * d_);
    sal_total_.assign(n_, 0.0);
    sal2_total_.assign(n_, 0.0);
    weight_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      const Actor& a = issue.actors[i];
      cap_[i] = a.capability;
      for (std::size_t k = 0; k < d_; ++k) {
        sal_[i * d_ + k] = a.salience[k];
        sal2_[i * d_ + k] = a.salience[k] * a.salience[k];
        sal_total_[i] += a.salience[k];
        sal2_total_[i] += sal2_[i * d_ + k];
      }
      weight_[i] = sal_total_[i] * cap_[i];
    }
  }

  std::vector<double> to_unit(const Issue& issue) const {
    std::vector<double> x(n_ * d_);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t k = 0; k < d_; ++k)
        x[i * d_ + k] = (issue.actors[i].position[k] - lo_) / width_;
    return x;
  }
  std::vector<double> to_scale(const std::vector<double>& x) const {
    std::vector<double> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) out[i] = lo_ + x[i] * width_;
    return out;
  }

  // delta_i(z): i's salience-weighted distance from its ideal y_i = x_i to z.
  double distance(const std::vector<double>& x, std::size_t i, const double* z) const {
    double num = 0;
    for (std::size_t k = 0; k < d_; ++k) {
      const double diff = x[i * d_ + k] - z[k];
      num += sal2_[i * d_ + k] * (diff * diff);
    }
    return std::sqrt(num / sal2_total_[i]);
  }

  State setup(std::vector<double> x) const {
    State s;
    s.x = std::move(x);
    s.dist.resize(n_ * n_);
    for (std::size_t i = 0; i < n_; ++i)
      for (std::size_t j = 0; j < n_; ++j) s.dist[i * n_ + j] = distance(s.x, i, &s.x[j * d_]);
    s.risk = detail::risk_attitudes(cap_, s.dist, opt_.risk_range, opt_.victory_model);
    return s;
  }

  // h's perspective matrix u^h (§4.2 step 4), transposed: ut[b * n + a] = u^h_ab.
  void perspective_t(const State& s, std::size_t h, std::vector<double>& ut) const {
    ut.resize(n_ * n_);
    for (std::size_t a = 0; a < n_; ++a) {
      const double r = detail::believed_risk(s.risk[h], s.risk[a], opt_.risk_adjust);
      for (std::size_t b = 0; b < n_; ++b) ut[b * n_ + a] = smp_utility(s.dist[a * n_ + b], r);
    }
  }

  // u^a_am for all a, m: each actor's utility of every unchanged position.
  std::vector<double> own_utilities(const State& s) const {
    std::vector<double> own(n_ * n_);
    for (std::size_t a = 0; a < n_; ++a) {
      const double r = detail::believed_risk(s.risk[a], s.risk[a], opt_.risk_adjust);
      for (std::size_t m = 0; m < n_; ++m) own[a * n_ + m] = smp_utility(s.dist[a * n_ + m], r);
    }
    return own;
  }

  std::vector<double> win_probabilities(const State& s) const {
    return win_probabilities(s, own_utilities(s));
  }

  // §4.9: class probabilities of the positions.
  std::vector<double> win_probabilities(const State& s, const std::vector<double>& own) const {
    // Representatives: first occurrences of positions not within 1e-3 of an earlier one.
    // Each actor then takes the class of the *last* representative within 1e-3 of it (what
    // KTAB's logs show, e.g. SOE-Policy turn 13), which differs from its own class only when
    // a position lies within 1e-3 of two representatives.
    auto same = [&](std::size_t a, std::size_t b) {
      double ss = 0;
      for (std::size_t k = 0; k < d_; ++k) {
        const double diff = s.x[a * d_ + k] - s.x[b * d_ + k];
        ss += diff * diff;
      }
      return std::sqrt(ss) < 1e-3;
    };
    std::vector<std::size_t> reps;
    for (std::size_t j = 0; j < n_; ++j) {
      bool is_new = true;
      for (std::size_t r : reps)
        if (same(j, r)) {
          is_new = false;
          break;
        }
      if (is_new) reps.push_back(j);
    }
    std::vector<std::size_t> cls(n_, 0);
    for (std::size_t j = 0; j < n_; ++j)
      for (std::size_t r = 0; r < reps.size(); ++r)
        if (same(j, reps[r])) cls[j] = r;
    const std::size_t m = reps.size();
    std::vector<double> util(n_ * m);
    for (std::size_t a = 0; a < n_; ++a)
      for (std::size_t r = 0; r < m; ++r) util[a * m + r] = own[a * n_ + reps[r]];
    const std::vector<double> p = detail::pce(cap_, util, m, opt_.victory_model);
    std::vector<double> out(n_);
    for (std::size_t j = 0; j < n_; ++j) out[j] = p[cls[j]];
    return out;
  }

  // One turn from state s; returns the new positions (0-1 scale).
  std::vector<double> step(const State& s, Rng* rng, std::vector<SmpBargain>* bargains_out,
                           std::vector<int>* chosen_out, std::vector<double>* probs_out) const {
    const std::size_t n = n_, d = d_;
    // Step 1 (§4.4): targets, and step 2 (§4.5): bargains.
    std::vector<int> target(n, -1);
    std::vector<double> b_init(n * d), b_targ(n * d), win_p(n, 0.0);
    std::vector<double> u;
    for (std::size_t i = 0; i < n; ++i) {
      perspective_t(s, i, u);
      double best = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        const detail::Challenge c =
            detail::evaluate_challenge_t(u.data(), n, weight_.data(), sal_total_.data(), i, j);
        if (c.gain > 1e-5 && (target[i] < 0 || c.gain > best)) {
          best = c.gain;
          target[i] = static_cast<int>(j);
          win_p[i] = c.win_probability;
        }
      }
      if (target[i] < 0) continue;
      const std::size_t j = static_cast<std::size_t>(target[i]);
      for (std::size_t k = 0; k < d; ++k)
        detail::bargain_point(s.x[i * d + k], s.x[j * d + k], sal_[i * d + k], sal_[j * d + k],
                              win_p[i], opt_.bargain_weights, &b_init[i * d + k],
                              &b_targ[i * d + k]);
    }

    // Step 3 (§4.6): values of every option to every voter a.
    // own[a * n + m] = u^a_am, a's utility of m's unchanged position.
    const std::vector<double> own = own_utilities(s);
    if (probs_out) *probs_out = win_probabilities(s, own);
    const double nd = static_cast<double>(n);
    std::vector<double> v_sq(n);
    for (std::size_t a = 0; a < n; ++a) {
      double sum = 0;
      for (std::size_t m = 0; m < n; ++m) sum += own[a * n + m];
      v_sq[a] = sum / nd;
    }
    // v_bargain[i * n + a]: value of i's bargain to voter a.
    std::vector<double> v_bargain(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (target[i] < 0) continue;
      const std::size_t j = static_cast<std::size_t>(target[i]);
      for (std::size_t a = 0; a < n; ++a) {
        double sum = smp_utility(distance(s.x, a, &b_init[i * d]), s.risk[a]);
        sum += smp_utility(distance(s.x, a, &b_targ[i * d]), s.risk[a]);
        for (std::size_t m = 0; m < n; ++m)
          if (m != i && m != j) sum += own[a * n + m];
        v_bargain[i * n + a] = sum / nd;
      }
    }

    // Each actor k chooses among SQ_k and the bargains it is party to, by initiator index.
    std::vector<double> next = s.x;
    std::vector<std::size_t> opts;
    std::vector<double> util;
    if (chosen_out) chosen_out->assign(n, -1);
    for (std::size_t k = 0; k < n; ++k) {
      opts.clear();
      for (std::size_t i = 0; i < n; ++i)
        if (target[i] >= 0 && (i == k || static_cast<std::size_t>(target[i]) == k)) opts.push_back(i);
      const double draw = rng ? rng->uniform() : 0.0;
      if (opts.empty()) continue;
      const std::size_t m = opts.size() + 1;
      util.resize(n * m);
      for (std::size_t a = 0; a < n; ++a) {
        util[a * m] = v_sq[a];
        for (std::size_t o = 0; o < opts.size(); ++o) util[a * m + o + 1] = v_bargain[opts[o] * n + a];
      }
      const std::vector<double> p = detail::pce(cap_, util, m, opt_.victory_model);
      std::size_t pick = 0;
      if (rng) {
        double cum = 0;
        pick = m - 1;
        for (std::size_t o = 0; o < m; ++o) {
          cum += p[o];
          if (draw < cum) {
            pick = o;
            break;
          }
        }
      } else {
        for (std::size_t o = 1; o < m; ++o)
          if (p[o] > p[pick]) pick = o;
      }
      if (pick == 0) continue;
      const std::size_t i = opts[pick - 1];
      const double* src = (i == k) ? &b_init[i * d] : &b_targ[i * d];
      std::copy(src, src + d, &next[k * d]);
      if (chosen_out) (*chosen_out)[k] = static_cast<int>(i);
    }

    if (bargains_out) {
      bargains_out->clear();
      for (std::size_t i = 0; i < n; ++i) {
        if (target[i] < 0) continue;
        SmpBargain b;
        b.initiator = static_cast<int>(i);
        b.target = target[i];
        b.win_probability = win_p[i];
        for (std::size_t k = 0; k < d; ++k) {
          b.initiator_position.push_back(lo_ + b_init[i * d + k] * width_);
          b.target_position.push_back(lo_ + b_targ[i * d + k] * width_);
        }
        bargains_out->push_back(std::move(b));
      }
    }
    return next;
  }

  double dist_between(const std::vector<double>& a, const std::vector<double>& b) const {
    double total = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      double ss = 0;
      for (std::size_t k = 0; k < d_; ++k) {
        const double diff = a[i * d_ + k] - b[i * d_ + k];
        ss += diff * diff;
      }
      total += std::sqrt(ss);
    }
    return total;
  }

 private:
  const SmpOptions& opt_;
  std::size_t n_ = 0, d_ = 0;
  double lo_ = 0, width_ = 1;
  std::vector<double> cap_, sal_, sal2_, sal_total_, sal2_total_, weight_;
};

}  // namespace

void SmpOptions::validate() const {
  constexpr const char* kWhere = "SmpOptions";
  check_at_least(kWhere, "max_turns", max_turns, 1);
  check_at_least(kWhere, "min_turns", min_turns, 1);
  check_nonnegative(kWhere, "min_delta_ratio", min_delta_ratio);
  check_nonnegative(kWhere, "min_sig_delta", min_sig_delta);
}

void validate_for_smp(const Issue& issue) {
  const std::string where = issue.source.empty() ? std::string("issue") : "issue " + issue.source;
  if (issue.actors.size() < 3)
    throw InputError(fmt::format("{}: has {} actors, but the SMP needs at least 3", where,
                                 issue.actors.size()));
  if (issue.dimensions.empty())
    throw InputError(fmt::format("{}: has no dimensions, but needs at least 1", where));
  // A turn is O(N^3 D): 1,000 actors or 100 dimensions are far beyond any real issue and keep
  // a run within minutes (docs/limits.md).
  if (issue.actors.size() > 1000)
    throw InputError(fmt::format("{}: has {} actors, but the SMP takes at most 1000", where, issue.actors.size()));
  if (issue.dimensions.size() > 100)
    throw InputError(fmt::format("{}: has {} dimensions, but the SMP takes at most 100", where, issue.dimensions.size()));
  if (!(std::isfinite(issue.scale_min) && std::isfinite(issue.scale_max) &&
        issue.scale_max > issue.scale_min))
    throw InputError(fmt::format("{}: scale is [{}, {}], but must be finite with min < max", where,
                                 format_value(issue.scale_min), format_value(issue.scale_max)));
  const std::size_t d = issue.dimensions.size();
  double cap_max = 0;
  for (std::size_t i = 0; i < issue.actors.size(); ++i) {
    const Actor& a = issue.actors[i];
    const std::string w = fmt::format("{}: actor {} '{}'", where, i, a.name);
    if (std::isfinite(a.capability)) cap_max = std::max(cap_max, a.capability);
    check_positive(w, "capability", a.capability);
    // KTAB's tallies add an absolute 1e-10 to capability-weighted votes, so the SMP is not
    // scale-free in capability and cannot be rescaled silently; and the octic victory model
    // raises tallies (up to 1,000 actors x capability) to the 8th power, which overflows to
    // inf/inf = NaN beyond about 1e35. Refuse capabilities beyond 1e30 (issue 16 item 4).
    if (a.capability > kSmpMaxCapability)
      throw InputError(fmt::format("{}: capability is {}, but the SMP takes at most 1e+30 (its vote tallies, raised "
                                   "to the 8th power by the octic victory model, would overflow); divide every "
                                   "actor's capability by the same factor",
                                   w, format_value(a.capability)));
    check_same_size(w, "position", a.position.size(), "dimensions", d);
    check_same_size(w, "salience", a.salience.size(), "dimensions", d);
    double total = 0;
    for (std::size_t k = 0; k < d; ++k) {
      check_in_range(w, fmt::format("position[{}]", k), a.position[k], issue.scale_min,
                     issue.scale_max);
      check_probability(w, fmt::format("salience[{}]", k), a.salience[k]);
      total += a.salience[k];
    }
    if (total > 1.0 + 1e-9)
      throw InputError(fmt::format("{}: saliences sum to {}, but must sum to <= 1", w, format_value(total)));
    if (total <= 0)
      throw InputError(fmt::format("{}: saliences are all 0, but at least one must be > 0", w));
  }
  // The other end of the scale: KTAB adds 1e-10 to every vote tally, so when every capability
  // is tiny that constant, not the actors, decides the votes (all capabilities 1e-300 gave
  // coin-flip elections). Refuse a largest capability below 1e-6 (the guard is then < 0.01 %).
  if (cap_max < kSmpMinLargestCapability)
    throw InputError(fmt::format("{}: the largest capability is {}, but the SMP needs at least one of 1e-06 or more "
                                 "(its vote tallies add a constant 1e-10); multiply every actor's capability by the "
                                 "same factor",
                                 where, format_value(cap_max)));
}

std::string SmpResult::brief_report() const {
  return fmt::format("SMP: {} after {} turns ({} actors, {} dimensions){}{}", to_string(termination),
                     turns(), num_actors, num_dims, message.empty() ? "" : ": ", message);
}

SmpResult run_smp(const Issue& issue, const SmpOptions& options, const CancelToken& cancel) {
  options.validate();
  validate_for_smp(issue);
  Engine engine(issue, options);
  SmpResult result;
  result.num_actors = issue.actors.size();
  result.num_dims = issue.dimensions.size();
  result.scale_min = issue.scale_min;
  result.scale_max = issue.scale_max;

  Rng rng(options.seed, options.stream);
  Rng* rng_ptr = options.transitions == SmpTransitions::kStochastic ? &rng : nullptr;

  std::vector<std::vector<double>> states;  // 0-1 scale
  states.push_back(engine.to_unit(issue));
  State state = engine.setup(states.back());
  result.risk.push_back(state.risk);
  double first_step = 0;
  for (int t = 1;; ++t) {
    if (cancel.cancelled()) {
      result.termination = SmpTermination::kCancelled;
      result.message = fmt::format("cancelled before turn {}", t);
      break;
    }
    std::vector<SmpBargain> bargains;
    std::vector<int> chosen;
    std::vector<double> probs;
    std::vector<double> next = engine.step(state, rng_ptr, &bargains, &chosen,
                                           options.record_win_probabilities ? &probs : nullptr);
    result.bargains.push_back(std::move(bargains));
    result.chosen.push_back(std::move(chosen));
    if (options.record_win_probabilities) result.win_probabilities.push_back(std::move(probs));
    states.push_back(std::move(next));
    state = engine.setup(states.back());
    result.risk.push_back(state.risk);
    const double step = engine.dist_between(states[t - 1], states[t]);
    if (t == 1) first_step = step;
    if (t >= options.min_turns && step / (first_step + options.min_sig_delta) < options.min_delta_ratio) {
      result.termination = SmpTermination::kConverged;
      result.message = fmt::format("last step {:.3g} / (first step {:.3g} + {}) < {}", step,
                                   first_step, options.min_sig_delta, options.min_delta_ratio);
      break;
    }
    if (t >= options.max_turns) {
      result.termination = SmpTermination::kMaxTurns;
      result.message = fmt::format("max_turns = {} reached", options.max_turns);
      break;
    }
  }
  // A repeated state under deterministic transitions is a cycle: the next state is a function
  // of the positions alone, so from the repeat on the run goes round for ever. Label it as
  // what happened (issue 16 item 6) without changing the history the KTAB rules produced.
  // States are compared on the 0-1 scale to 1e-12 (rounding noise; real moves are far larger).
  if (options.transitions == SmpTransitions::kDeterministic &&
      (result.termination == SmpTermination::kConverged || result.termination == SmpTermination::kMaxTurns)) {
    auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
      for (std::size_t j = 0; j < a.size(); ++j)
        if (std::fabs(a[j] - b[j]) > 1e-12) return false;
      return true;
    };
    const std::size_t last = states.size() - 1;
    std::size_t period = 0;
    for (std::size_t k = 1; k <= last && period == 0; ++k)
      if (same(states[last], states[last - k])) period = k;
    if (period >= 2) {
      std::size_t start = last - period;
      while (start > 0 && same(states[start - 1], states[start - 1 + period])) --start;
      const std::string ended = result.termination == SmpTermination::kConverged
                                    ? "the step-ratio rule fired at turn " + std::to_string(last)
                                    : fmt::format("max_turns = {} reached", options.max_turns);
      result.termination = SmpTermination::kCycle;
      result.cycle_length = static_cast<int>(period);
      result.cycle_start = static_cast<int>(start);
      result.message = fmt::format("cycle of length {}: from turn {} on, every state repeats the one {} turns "
                                   "earlier, so the positions never settle ({})",
                                   period, start, period, ended);
    }
  }
  if (options.record_win_probabilities) result.win_probabilities.push_back(engine.win_probabilities(state));
  result.history.reserve(states.size());
  for (const auto& x : states) result.history.push_back(engine.to_scale(x));
  return result;
}

}  // namespace geobalance::bargaining
