#include "scenario/drift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "geobalance/core/random.h"
#include "geobalance/error.h"

namespace geobalance::scenario::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Linear-interpolation percentile of sorted values (the R-7 / numpy default rule).
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return kNaN;
  const double pos = p * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

double median_of(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  return percentile(v, 0.5);
}

}  // namespace

Verdict closer_verdict(double low, double high) {
  if (low > 0) return Verdict::kCloserToFirst;  // NaN compares false: no call
  if (high < 0) return Verdict::kCloserToSecond;
  return Verdict::kNoMeasurableDifference;
}

DriftComputation compute_drift(const std::vector<IdealPointEstimate>& series, const DriftRequest& req,
                               const std::string& key) {
  std::map<int, std::map<int, const IdealPointEstimate*>> by;  // year -> ccode -> estimate
  for (const auto& e : series) by[e.year][e.ccode] = &e;
  DriftComputation d;
  d.has_intervals = true;
  const double plo = (1 - req.level) / 2, phi = 1 - plo;
  for (const auto& [year, m] : by) {
    auto x = m.find(req.focal), u = m.find(req.first), r = m.find(req.second);
    if (x == m.end() || u == m.end() || r == m.end()) continue;
    d.series_last_year = std::max(d.series_last_year, year);
    if (year < req.from_year || year > req.to_year) continue;
    const IdealPointEstimate *ex = x->second, *eu = u->second, *er = r->second;
    d.years.push_back(year);
    for (auto [track, e] : {std::pair{&d.focal, ex}, std::pair{&d.first, eu}, std::pair{&d.second, er}}) {
      track->value.push_back(e->value);
      track->low.push_back(e->quantile(plo));
      track->high.push_back(e->quantile(phi));
      track->votes.push_back(e->votes);
    }
    d.dist_first.push_back(std::fabs(ex->value - eu->value));
    d.dist_second.push_back(std::fabs(ex->value - er->value));
    d.gap.push_back(d.dist_second.back() - d.dist_first.back());
    // The reference: NATO's members on 31 December of the year with an estimate that year.
    std::vector<const IdealPointEstimate*> members;
    if (req.nato)
      for (int cc : power::nato_members_on(*req.nato, Date{year, 12, 31})) {
        auto it = m.find(cc);
        if (it != m.end()) members.push_back(it->second);
      }
    std::vector<double> pts;
    for (const auto* e : members) pts.push_back(e->value);
    d.reference.push_back(median_of(pts));
    d.reference_members.push_back(static_cast<int>(members.size()));
    // Posterior draws: each state independently from its quantile function (the release
    // publishes no covariances). One stream per year, from the run's seed.
    bool ok = ex->has_quantiles() && eu->has_quantiles() && er->has_quantiles();
    d.has_intervals = d.has_intervals && ok;
    bool ref_ok = !members.empty();
    for (const auto* e : members) ref_ok = ref_ok && e->has_quantiles();
    std::vector<double> g, med;
    if (ok || ref_ok) {
      Rng rng(req.seed, 0x1d7f0000ULL + static_cast<std::uint64_t>(year));
      std::vector<double> mv(members.size());
      for (int k = 0; k < req.draws; ++k) {
        if (ok) {
          const double fx = ex->quantile(rng.uniform()), fu = eu->quantile(rng.uniform()), fr = er->quantile(rng.uniform());
          g.push_back(std::fabs(fx - fr) - std::fabs(fx - fu));
        }
        if (ref_ok) {
          for (std::size_t i = 0; i < members.size(); ++i) mv[i] = members[i]->quantile(rng.uniform());
          std::sort(mv.begin(), mv.end());
          med.push_back(percentile(mv, 0.5));
        }
      }
      std::sort(g.begin(), g.end());
      std::sort(med.begin(), med.end());
    }
    d.gap_low.push_back(ok ? percentile(g, plo) : kNaN);
    d.gap_high.push_back(ok ? percentile(g, phi) : kNaN);
    d.reference_low.push_back(ref_ok ? percentile(med, plo) : kNaN);
    d.reference_high.push_back(ref_ok ? percentile(med, phi) : kNaN);
  }
  if (d.years.empty())
    throw InputError(fmt::format("{}: no year up to history_to has UN ideal points for all of {} (years {} to {})", key,
                                 req.names, req.from_year, req.to_year));
  // The change from the first year to the last: both years' gaps drawn independently (their
  // posteriors are separate estimates) from one dedicated stream, differenced draw by draw.
  d.change = d.gap.back() - d.gap.front();
  d.change_low = d.change_high = kNaN;
  if (d.has_intervals && d.years.size() >= 2) {
    auto draw_gap = [&](int year, Rng& rng) {
      const auto& m = by.at(year);
      const IdealPointEstimate *ex = m.at(req.focal), *eu = m.at(req.first), *er = m.at(req.second);
      const double fx = ex->quantile(rng.uniform()), fu = eu->quantile(rng.uniform()), fr = er->quantile(rng.uniform());
      return std::fabs(fx - fr) - std::fabs(fx - fu);
    };
    Rng rng(req.seed, 0x2e8e0000ULL);
    std::vector<double> diff;
    for (int k = 0; k < req.draws; ++k) {
      const double last = draw_gap(d.years.back(), rng);
      diff.push_back(last - draw_gap(d.years.front(), rng));
    }
    std::sort(diff.begin(), diff.end());
    d.change_low = percentile(diff, plo);
    d.change_high = percentile(diff, phi);
  }
  return d;
}

}  // namespace geobalance::scenario::detail
