// Bueno de Mesquita's expected-utility model (see include/geobalance/bargaining/bdm.h and
// ../shared/models/bdm.md). Written from the model text; the operation order of each
// formula follows the text so that results agree with the reference outputs to rounding.
#include "geobalance/bargaining/bdm.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/error.h"

namespace geobalance::bargaining {

void BdmOptions::validate() const {
  constexpr std::string_view kWhere = "BdmOptions";
  check_at_least(kWhere, "max_rounds", max_rounds, 0);
  check_nonnegative(kWhere, "convergence_tolerance", convergence_tolerance);
  check_at_least(kWhere, "dimension", dimension, 0);
  check_probability(kWhere, "status_quo_probability", status_quo_probability);
  check_probability(kWhere, "improve_probability", improve_probability);
  check_nonnegative(kWhere, "same_position_tolerance", same_position_tolerance);
}

BdmOptions bdm_preset(BdmPreset preset) {
  BdmOptions o;  // scholz2011
  switch (preset) {
    case BdmPreset::kScholz2011:
      break;
    case BdmPreset::kGdm:
      o.vote_utility = BdmVoteUtility::kLinear;
      o.probability_numerator = BdmProbabilityNumerator::kClippedSignedSum;
      o.probability_denominator = BdmProbabilityDenominator::kPairVotes;
      o.perception = BdmPerception::kChallenger;
      o.offer_source = BdmOfferSource::kSenderOwn;
      o.offer_choice = BdmOfferChoice::kLargestSenderEu;
      o.take_capitulations = true;
      o.flat_danger = BdmFlatDanger::kStop;
      o.median_rule = BdmMedianRule::kLargestMargin;
      o.same_position_tolerance = 0;
      break;
    case BdmPreset::kBdm1994:
      o.vote_utility = BdmVoteUtility::kLinear;
      o.probability_numerator = BdmProbabilityNumerator::kPositiveVotes;
      o.probability_denominator = BdmProbabilityDenominator::kPairVotes;
      o.perception = BdmPerception::kPerceiver;
      o.offer_source = BdmOfferSource::kReceiverEstimate;
      o.offer_choice = BdmOfferChoice::kSmallestMove;
      o.take_capitulations = true;
      o.flat_danger = BdmFlatDanger::kNeutral;
      o.median_rule = BdmMedianRule::kCondorcetScan;
      o.same_position_tolerance = 1e-9;
      break;
  }
  return o;
}

std::string BdmResult::brief_report() const {
  return fmt::format("BDM: {} after {} round{}; final mean {:.6g}, median {:.6g}{}{}",
                     to_string(termination), rounds_run, rounds_run == 1 ? "" : "s", final_mean,
                     final_median, message.empty() ? "" : "; ", message);
}

double bdm_weighted_mean(const std::vector<double>& x, const std::vector<double>& w) {
  double num = 0, den = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    num += w[k] * x[k];
    den += w[k];
  }
  return num / den;
}

namespace {

// Margin of x_a over x_b in linear pairwise votes: sum_k w_k (|x_k - x_b| - |x_k - x_a|).
double vote_margin(const std::vector<double>& x, const std::vector<double>& w, double a,
                   double b) {
  double m = 0;
  for (std::size_t k = 0; k < x.size(); ++k) m += w[k] * (std::abs(x[k] - b) - std::abs(x[k] - a));
  return m;
}

}  // namespace

double bdm_weighted_median(const std::vector<double>& x, const std::vector<double>& w,
                           BdmMedianRule rule) {
  std::vector<double> distinct;
  for (double v : x)
    if (std::find(distinct.begin(), distinct.end(), v) == distinct.end()) distinct.push_back(v);
  if (distinct.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (rule == BdmMedianRule::kCondorcetScan) {
    double champion = distinct[0];
    for (std::size_t i = 1; i < distinct.size(); ++i)
      if (vote_margin(x, w, distinct[i], champion) > 0) champion = distinct[i];
    return champion;
  }
  double best = distinct[0];
  double best_margin = -std::numeric_limits<double>::infinity();
  for (std::size_t a = 0; a < distinct.size(); ++a)
    for (std::size_t b = 0; b < distinct.size(); ++b) {
      if (a == b) continue;
      double m = vote_margin(x, w, distinct[a], distinct[b]);
      if (m > best_margin) {
        best_margin = m;
        best = distinct[a];
      }
    }
  return best;
}

namespace {

// x^r; r = 1 skips pow (x^1 = x exactly, so the values are the same).
double pow_r(double base, double r) { return r == 1 ? base : std::pow(base, r); }

// State of one run; buffers are reused across rounds.
class Engine {
 public:
  Engine(std::vector<double> c, std::vector<double> s, double delta, const BdmOptions& o)
      : n_(c.size()), s_(std::move(s)), delta_(delta), o_(o) {
    w_.resize(n_);
    for (std::size_t k = 0; k < n_; ++k) w_[k] = c[k] * s_[k];
    u_.resize(n_ * n_);
    p_.resize(n_ * n_);
  }

  const std::vector<double>& weights() const { return w_; }

  bool same(double a, double b) const {
    return std::abs(a - b) <= o_.same_position_tolerance * delta_;
  }

  // Fills p_[i*n+j] = P_i(j) for positions x; r = nullptr means every r = 1.
  void probabilities(const std::vector<double>& x, const double* r) {
    const std::size_t n = n_;
    const bool risky = r != nullptr && o_.vote_utility == BdmVoteUtility::kVoterRisk;
    // u_[a*n + k] = voter k's distance utility of x_a: (|x_k - x_a| / Delta)^{r_k} or linear.
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t k = 0; k < n; ++k) {
        double d = std::abs(x[k] - x[a]) / delta_;
        u_[a * n + k] = risky ? pow_r(d, r[k]) : d;
      }
    const bool all_pairs = o_.probability_denominator == BdmProbabilityDenominator::kAllPairs;
    const bool clipped = o_.probability_numerator == BdmProbabilityNumerator::kClippedSignedSum;
    double total = 0;
    // One sweep over unordered pairs: for_i = vote mass preferring x_i, for_j = preferring x_j.
    for (std::size_t i = 0; i < n; ++i) {
      p_[i * n + i] = 0;
      const double* ui = &u_[i * n];
      for (std::size_t j = i + 1; j < n; ++j) {
        const double* uj = &u_[j * n];
        // Branch-free, four independent lanes (the sign of a vote is unpredictable).
        double fi[4] = {0, 0, 0, 0}, fj[4] = {0, 0, 0, 0};
        const double* w = w_.data();
        std::size_t k = 0;
        for (; k + 4 <= n; k += 4)
          for (std::size_t l = 0; l < 4; ++l) {
            const double v = w[k + l] * (uj[k + l] - ui[k + l]);  // > 0: k is nearer x_i
            fi[l] += std::max(v, 0.0);
            fj[l] += std::max(-v, 0.0);
          }
        for (; k < n; ++k) {
          const double v = w[k] * (uj[k] - ui[k]);
          fi[0] += std::max(v, 0.0);
          fj[0] += std::max(-v, 0.0);
        }
        const double for_i = (fi[0] + fi[1]) + (fi[2] + fi[3]);
        const double for_j = (fj[0] + fj[1]) + (fj[2] + fj[3]);
        double num_ij = clipped ? std::max(0.0, for_i - for_j) : for_i;
        double num_ji = clipped ? std::max(0.0, for_j - for_i) : for_j;
        double den = for_i + for_j;
        total += 2 * den;
        // Pair denominators now; the all-pairs normaliser is applied after the sweep.
        p_[i * n + j] = all_pairs ? num_ij : (den > 0 ? num_ij / den : 0.0);
        p_[j * n + i] = all_pairs ? num_ji : (den > 0 ? num_ji / den : 0.0);
      }
    }
    if (all_pairs) {
      for (double& p : p_) p = total > 0 ? p / total : 0.0;
    }
  }

  double p(std::size_t i, std::size_t j) const { return p_[i * n_ + j]; }

  // U_s and U_f of a challenge across normalised distance d with risk exponent r, and U_sq.
  struct Utilities {
    double us, uf, usq;
  };
  Utilities utilities(double xi, double xj, double r) const {
    const double d = std::abs(xi - xj) / delta_;
    return {2 - 4 * pow_r(0.5 - 0.5 * d, r), 2 - 4 * pow_r(0.5 + 0.5 * d, r),
            2 - 4 * pow_r(0.5, r)};
  }

  // EU of challenger i (position xi) against target j, given the utilities of that distance
  // with the risk exponent r in use, the target's salience and P_i(j).
  double eu(const Utilities& u, double xi, double xj, double s_target, double p, double r,
            double mu) const {
    const double e = s_target * (p * u.us + (1 - p) * u.uf) + (1 - s_target) * u.us;
    const double q = o_.status_quo_probability;
    if (q == 1) return e - u.usq;
    const double t = o_.improve_probability;
    const double spread = 0.25 * (std::abs(xi - mu) + std::abs(xi - xj)) / delta_;
    const double ub = 2 - 4 * pow_r(std::max(0.0, 0.5 - spread), r);
    const double uw = 2 - 4 * pow_r(0.5 + spread, r);
    return e - q * u.usq - (1 - q) * (t * ub + (1 - t) * uw);
  }

  const std::vector<double>& s() const { return s_; }

 private:
  std::size_t n_;
  std::vector<double> s_;
  std::vector<double> w_;
  double delta_;
  const BdmOptions& o_;
  std::vector<double> u_;
  std::vector<double> p_;
};

bool moves_receiver(BdmOfferKind k) {
  return k == BdmOfferKind::kConfrontation || k == BdmOfferKind::kCompromise ||
         k == BdmOfferKind::kCapitulation;
}

}  // namespace

BdmResult run_bdm(const Issue& issue, const BdmOptions& options) {
  options.validate();
  constexpr std::string_view kWhere = "run_bdm";
  const std::size_t n = issue.actors.size();
  check_at_least(kWhere, "number of actors", static_cast<long long>(n), 3);
  // A round is O(n^3) (every actor's offers to every other, each against all actors' votes):
  // bounded like the SMP so a run cannot take days (docs/limits.md).
  if (n > kBdmMaxActors)
    throw InputError(SourceLocation{issue.source}, "actors",
                     fmt::format("found {}, expected at most {} for the BDM (a round costs O(n^3); docs/limits.md)", n,
                                 kBdmMaxActors));
  const auto dim = static_cast<std::size_t>(options.dimension);
  std::vector<double> c(n), x(n), s(n);
  // Exact power-of-two rescaling of capabilities beyond 2^+-64 (issue.h): capability x salience
  // sums of 1e308-sized capabilities would overflow; the model uses them only relatively.
  const Issue scaled = with_normalised_capabilities(issue);
  for (std::size_t i = 0; i < n; ++i) {
    const Actor& a = issue.actors[i];
    if (a.position.size() <= dim || a.salience.size() <= dim)
      throw InputError(fmt::format(
          "{}: actor '{}' has {} positions and {} saliences, but dimension {} was asked", kWhere,
          a.name, a.position.size(), a.salience.size(), dim));
    check_nonnegative(kWhere, fmt::format("actor '{}' capability", a.name), a.capability);
    check_finite(kWhere, fmt::format("actor '{}' position[{}]", a.name, dim), a.position[dim]);
    check_probability(kWhere, fmt::format("actor '{}' salience[{}]", a.name, dim), a.salience[dim]);
    c[i] = scaled.actors[i].capability;
    x[i] = a.position[dim];
    s[i] = a.salience[dim];
  }
  double wsum = 0;
  for (std::size_t i = 0; i < n; ++i) wsum += c[i] * s[i];
  if (!(wsum > 0)) {
    // Name the input: the file and the dimension nobody cares about (issue 16 item 5).
    const std::string dim_name = dim < issue.dimensions.size() ? issue.dimensions[dim] : std::to_string(dim + 1);
    throw InputError(SourceLocation{issue.source}, fmt::format("dimension '{}'", dim_name),
                     "every actor has salience 0 (or capability 0) on it, so no one bargains over it; expected "
                     "at least one actor with salience > 0 and capability > 0");
  }

  const double delta = *std::max_element(x.begin(), x.end()) - *std::min_element(x.begin(), x.end());
  BdmResult res;
  res.actors.reserve(n);
  for (const Actor& a : issue.actors) res.actors.push_back(a.name);
  res.initial_positions = x;
  Engine eng(c, s, delta, options);
  const std::vector<double>& w = eng.weights();
  res.initial_mean = bdm_weighted_mean(x, w);
  res.initial_median = bdm_weighted_median(x, w, options.median_rule);
  res.final_positions = x;
  res.final_mean = res.initial_mean;
  res.final_median = res.initial_median;
  if (!(delta > 0)) {
    res.termination = BdmTermination::kConverged;
    res.message = "every actor holds the same position; nothing to bargain over";
    return res;
  }

  std::vector<double> danger(n), risk(n), ones(n, 1.0), next(n);
  std::vector<BdmOffer> received;  // offers to one receiver
  received.reserve(n);
  res.termination = BdmTermination::kMaxRounds;
  res.message = fmt::format("ran the maximum of {} rounds", options.max_rounds);
  const bool perceiver = options.perception == BdmPerception::kPerceiver;
  const bool estimate_source = options.offer_source == BdmOfferSource::kReceiverEstimate;

  for (int round = 1; round <= options.max_rounds; ++round) {
    const double mu = bdm_weighted_mean(x, w);
    // 1. Risk pass, every r = 1: danger S_i = sum_{j != i} EU_j(i).
    eng.probabilities(x, nullptr);
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        if (eng.same(x[j], x[i])) continue;  // EU of a same-position challenge is 0
        sum += eng.eu(eng.utilities(x[j], x[i], 1.0), x[j], x[i], s[i], eng.p(j, i), 1.0, mu);
      }
      danger[i] = sum;
    }
    const double smax = *std::max_element(danger.begin(), danger.end());
    const double smin = *std::min_element(danger.begin(), danger.end());
    const double scale = std::max({1.0, std::abs(smax), std::abs(smin)});
    if (!(smax - smin > 1e-12 * scale)) {
      if (options.flat_danger == BdmFlatDanger::kStop) {
        res.termination = BdmTermination::kFlatDanger;
        res.message = fmt::format(
            "round {}: every actor has the same danger S = {}, so the risk exponents are "
            "undefined (flat_danger = stop)",
            round, format_value(smax));
        break;
      }
      std::fill(risk.begin(), risk.end(), 1.0);
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        double big_r = (2 * danger[i] - smax - smin) / (smax - smin);
        risk[i] = (1 - big_r / 3) / (1 + big_r / 3);
      }
    }

    // 2. Offer pass with the risk exponents.
    eng.probabilities(x, risk.data());
    BdmRound rec;
    rec.round = round;
    if (options.record_offers) rec.offers.reserve(n * (n - 1));
    next = x;
    for (std::size_t i = 0; i < n; ++i) {
      received.clear();
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        BdmOffer o;
        o.receiver = static_cast<int>(i);
        o.sender = static_cast<int>(j);
        o.x_receiver = x[i];
        o.x_sender = x[j];
        if (eng.same(x[i], x[j])) {
          o.kind = BdmOfferKind::kSamePosition;
          received.push_back(o);
          continue;
        }
        // Utilities depend on the distance and the exponent only: the receiver's (for a and
        // its estimate of b) and, where a switch needs j's own view, the sender's.
        const auto ui = eng.utilities(x[i], x[j], risk[i]);
        const double a = eng.eu(ui, x[i], x[j], s[j], eng.p(i, j), risk[i], mu);
        const double b_est = eng.eu(ui, x[j], x[i], s[i], eng.p(j, i), risk[i], mu);
        const double b_own =
            (perceiver && estimate_source)
                ? b_est
                : eng.eu(eng.utilities(x[j], x[i], risk[j]), x[j], x[i], s[i], eng.p(j, i), risk[j], mu);
        const double b = perceiver ? b_est : b_own;
        o.eu_receiver = a;
        o.eu_sender = b;
        o.p_receiver = eng.p(i, j);
        o.p_sender = eng.p(j, i);
        if (!((estimate_source ? b_est : b_own) > 0)) {
          o.kind = BdmOfferKind::kNoOffer;
        } else if (b > 0 && a > 0) {
          if (b > a) {
            o.kind = BdmOfferKind::kConfrontation;
            o.new_position = x[j];
          } else {
            o.kind = BdmOfferKind::kReceiverWins;
          }
        } else if (b > 0 && a < 0 && std::abs(a) < b) {
          o.kind = BdmOfferKind::kCompromise;
          o.new_position = x[i] + (x[j] - x[i]) * std::abs(a / b);
        } else if (b > 0 && a < 0 && std::abs(a) > b) {
          if (options.take_capitulations) {
            o.kind = BdmOfferKind::kCapitulation;
            o.new_position = x[j];
          } else {
            o.kind = BdmOfferKind::kCapitulationDropped;
          }
        } else {
          o.kind = BdmOfferKind::kOther;
        }
        o.has_new_position = moves_receiver(o.kind);
        received.push_back(o);
      }

      // 3. The receiver accepts one offer.
      const auto is_offer = [](const BdmOffer& o) {
        return o.kind != BdmOfferKind::kSamePosition && o.kind != BdmOfferKind::kNoOffer;
      };
      const auto move = [&](const BdmOffer& o) { return std::abs(o.new_position - x[i]); };
      BdmOffer* chosen = nullptr;
      switch (options.offer_choice) {
        case BdmOfferChoice::kScholzOrder: {
          for (BdmOffer& o : received)
            if (o.kind == BdmOfferKind::kConfrontation && (!chosen || move(o) < move(*chosen)))
              chosen = &o;
          if (!chosen) {
            double best = 0;
            for (BdmOffer& o : received) {
              if (o.kind != BdmOfferKind::kCompromise) continue;
              const double aa = std::abs(o.eu_receiver), bb = std::abs(o.eu_sender);
              const double key = (aa * x[i] + bb * x[o.sender]) / (aa + bb);
              if (!chosen || key < best) {
                chosen = &o;
                best = key;
              }
            }
          }
          if (!chosen)
            for (BdmOffer& o : received)
              if (o.kind == BdmOfferKind::kCapitulation && (!chosen || move(o) < move(*chosen)))
                chosen = &o;
          break;
        }
        case BdmOfferChoice::kLargestSenderEu: {
          for (BdmOffer& o : received) {
            if (!is_offer(o)) continue;
            if (!chosen || o.eu_sender > chosen->eu_sender ||
                (o.eu_sender == chosen->eu_sender &&
                 std::abs(o.x_sender - x[i]) < std::abs(chosen->x_sender - x[i])))
              chosen = &o;
          }
          break;
        }
        case BdmOfferChoice::kSmallestMove: {
          for (BdmOffer& o : received)
            if (o.has_new_position && (!chosen || move(o) < move(*chosen))) chosen = &o;
          break;
        }
      }
      if (chosen) {
        chosen->chosen = true;
        if (chosen->has_new_position) next[i] = chosen->new_position;
      }
      if (options.record_offers) rec.offers.insert(rec.offers.end(), received.begin(), received.end());
    }

    // 4. Simultaneous update.
    double largest_move = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (next[i] != x[i]) ++rec.moves;
      largest_move = std::max(largest_move, std::abs(next[i] - x[i]));
    }
    x.swap(next);
    rec.danger = danger;
    rec.risk = risk;
    rec.positions = x;
    rec.mean = bdm_weighted_mean(x, w);
    rec.median = bdm_weighted_median(x, w, options.median_rule);
    res.rounds.push_back(std::move(rec));
    res.rounds_run = round;
    if (options.stop_when_stable && largest_move <= options.convergence_tolerance * delta) {
      res.termination = BdmTermination::kConverged;
      res.message = fmt::format("round {} moved no actor by more than {} (tolerance {} of the range)",
                                round, format_value(options.convergence_tolerance * delta),
                                format_value(options.convergence_tolerance));
      break;
    }
  }
  res.final_positions = x;
  if (!res.rounds.empty()) {
    res.final_mean = res.rounds.back().mean;
    res.final_median = res.rounds.back().median;
  }
  return res;
}

}  // namespace geobalance::bargaining
