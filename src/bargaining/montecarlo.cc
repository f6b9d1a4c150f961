#include "geobalance/bargaining/montecarlo.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/core/progress.h"
#include "geobalance/core/random.h"
#include "geobalance/error.h"

namespace geobalance::bargaining {

void MonteCarloOptions::validate() const {
  constexpr const char* kWhere = "MonteCarloOptions";
  check_at_least(kWhere, "replicates", static_cast<long long>(replicates), 1);
  // Summaries hold replicates x dimensions doubles; beyond this, fail fast (docs/limits.md).
  if (replicates > 10'000'000)
    throw InputError(fmt::format("{}: replicates is {}, but must be at most 10000000", kWhere, replicates));
  check_nonnegative(kWhere, "capability_sd", capability_sd);
  check_nonnegative(kWhere, "position_sd", position_sd);
  check_nonnegative(kWhere, "salience_sd", salience_sd);
  for (std::size_t i = 0; i < quantiles.size(); ++i)
    check_probability(kWhere, fmt::format("quantiles[{}]", i), quantiles[i]);
  for (std::size_t i = 0; i < thresholds.size(); ++i)
    check_finite(kWhere, fmt::format("thresholds[{}]", i), thresholds[i]);
}

Issue perturb_issue(const Issue& issue, const MonteCarloOptions& options, std::uint64_t replicate) {
  Rng rng(options.seed, replicate);
  Issue out = issue;
  const std::size_t d = issue.dimensions.size();
  const double width = issue.scale_max - issue.scale_min;
  for (Actor& a : out.actors) {
    a.capability *= std::exp(options.capability_sd * rng.normal());
    double total = 0;
    std::vector<double> s(d);
    for (std::size_t k = 0; k < d; ++k) {
      const double x = a.position[k] + options.position_sd * width * rng.normal();
      a.position[k] = std::clamp(x, issue.scale_min, issue.scale_max);
      s[k] = std::clamp(a.salience[k] + options.salience_sd * rng.normal(), 0.0, 1.0);
      total += s[k];
    }
    if (total > 1)
      for (double& v : s) v /= total;
    if (total > 0) a.salience = s;
  }
  return out;
}

std::vector<double> weighted_outcome(const Issue& raw_issue, const std::vector<double>& y) {
  // Capabilities of 1e308 would overflow the sums; the weighted mean is the same after an
  // exact power-of-two rescaling of every capability.
  const Issue issue = with_normalised_capabilities(raw_issue);
  const std::size_t d = issue.dimensions.size();
  std::vector<double> out(d, 0.0);
  for (std::size_t k = 0; k < d; ++k) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < issue.actors.size(); ++i) {
      const double w = issue.actors[i].capability * issue.actors[i].salience[k];
      num += w * y[i * d + k];
      den += w;
    }
    out[k] = den > 0 ? num / den : std::numeric_limits<double>::quiet_NaN();
  }
  return out;
}

double sample_quantile(std::vector<double> xs, double level) {
  if (xs.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(xs.begin(), xs.end());
  const double h = (static_cast<double>(xs.size()) - 1) * level;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, xs.size() - 1);
  return xs[lo] + (h - static_cast<double>(lo)) * (xs[hi] - xs[lo]);
}

MonteCarloSummary run_monte_carlo(const Issue& issue, const BargainModel& model,
                                  const MonteCarloOptions& options, const CancelToken& cancel) {
  if (!model) throw InputError("run_monte_carlo: model is empty, but must be callable");
  return run_monte_carlo_replicates(
      issue, [&model](const Issue& p, std::uint64_t) { return model(p); }, options, cancel);
}

ReplicateModel smp_model(SmpOptions options) {
  return [options](const Issue& issue, std::uint64_t replicate) {
    SmpOptions o = options;
    o.stream = replicate;
    return run_smp(issue, o).final_positions();
  };
}

MonteCarloSummary run_monte_carlo_replicates(const Issue& raw_issue, const ReplicateModel& model,
                                             const MonteCarloOptions& options,
                                             const CancelToken& cancel) {
  options.validate();
  if (!model) throw InputError("run_monte_carlo: model is empty, but must be callable");
  // Perturbing a capability of 1e308 by exp(0.2 z) would overflow to inf. Such an issue is run
  // exactly rescaled (issue.h): the BDM and the weighted outcome depend on capability ratios
  // only, and the SMP refuses capabilities beyond 1e30 anyway. Smaller ones are left as given.
  double cap_max = 0;
  for (const Actor& a : raw_issue.actors) cap_max = std::max(cap_max, a.capability);
  const Issue issue = cap_max > 0x1p900 ? with_normalised_capabilities(raw_issue) : raw_issue;
  const std::size_t n = issue.actors.size(), d = issue.dimensions.size();
  const std::size_t reps = options.replicates;
  // Memory: every replicate keeps its final positions (n x d doubles). Refuse before the
  // allocation rather than end in "out of memory" (docs/limits.md).
  if (n > 0 && d > 0 && reps > kMaxMonteCarloPositions / (n * d))
    throw InputError(SourceLocation{}, "--replicates",
                     fmt::format("found {}: {} replicates x {} actors x {} dimensions = {} final positions, more "
                                 "than the Monte Carlo limit of {} ({} MB; docs/limits.md); expected at most {} "
                                 "replicates for this issue",
                                 reps, reps, n, d, static_cast<double>(reps) * static_cast<double>(n * d),
                                 kMaxMonteCarloPositions, kMaxMonteCarloPositions * 8 / 1'000'000,
                                 kMaxMonteCarloPositions / (n * d)));
  std::vector<double> outcomes(reps * d, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> finals(reps * n * d, 0.0);
  std::vector<char> done(reps, 0);
  Progress progress("monte carlo", reps, options.progress && Progress::stderr_is_terminal());
  parallel_for(reps, options.threads, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      if (cancel.cancelled()) return;
      const Issue p = perturb_issue(issue, options, r);
      const std::vector<double> y = model(p, r);
      if (y.size() != n * d)
        throw InputError(fmt::format("run_monte_carlo: the model returned {} positions, but must "
                                     "return actors x dimensions = {}",
                                     y.size(), n * d));
      const std::vector<double> o = weighted_outcome(p, y);
      std::copy(o.begin(), o.end(), outcomes.begin() + static_cast<std::ptrdiff_t>(r * d));
      std::copy(y.begin(), y.end(), finals.begin() + static_cast<std::ptrdiff_t>(r * n * d));
      done[r] = 1;
      progress.tick();
    }
  });
  progress.finish();

  MonteCarloSummary s;
  s.num_actors = n;
  s.num_dims = d;
  s.quantile_levels = options.quantiles;
  s.thresholds = options.thresholds;
  // Keep only finished replicates, in replicate order (all of them unless cancelled).
  std::vector<std::size_t> kept;
  for (std::size_t r = 0; r < reps; ++r)
    if (done[r]) kept.push_back(r);
  s.cancelled = kept.size() < reps;
  s.replicates = kept.size();
  s.outcomes.reserve(kept.size() * d);
  for (std::size_t r : kept)
    for (std::size_t k = 0; k < d; ++k) s.outcomes.push_back(outcomes[r * d + k]);
  s.mean.assign(d, 0.0);
  s.sd.assign(d, 0.0);
  s.quantiles.assign(d, {});
  s.p_above.assign(d, {});
  const double m = static_cast<double>(kept.size());
  for (std::size_t k = 0; k < d; ++k) {
    std::vector<double> xs;
    xs.reserve(kept.size());
    for (std::size_t r = 0; r < kept.size(); ++r) xs.push_back(s.outcomes[r * d + k]);
    double sum = 0;
    for (double x : xs) sum += x;
    s.mean[k] = m > 0 ? sum / m : std::numeric_limits<double>::quiet_NaN();
    double ss = 0;
    for (double x : xs) ss += (x - s.mean[k]) * (x - s.mean[k]);
    s.sd[k] = m > 1 ? std::sqrt(ss / (m - 1)) : 0.0;
    for (double q : options.quantiles) s.quantiles[k].push_back(sample_quantile(xs, q));
    for (double t : options.thresholds) {
      std::size_t above = 0;
      for (double x : xs) above += x > t ? 1 : 0;
      s.p_above[k].push_back(m > 0 ? static_cast<double>(above) / m : std::numeric_limits<double>::quiet_NaN());
    }
  }
  s.mean_final_position.assign(n * d, 0.0);
  for (std::size_t r : kept)
    for (std::size_t j = 0; j < n * d; ++j) s.mean_final_position[j] += finals[r * n * d + j];
  if (m > 0)
    for (double& v : s.mean_final_position) v /= m;
  return s;
}

}  // namespace geobalance::bargaining
