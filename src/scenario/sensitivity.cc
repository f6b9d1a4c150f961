#include "scenario/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "geobalance/bargaining/bdm.h"
#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/core/parallel.h"
#include "geobalance/error.h"
#include "geobalance/power/cinc.h"

namespace geobalance::scenario::detail {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The bounds replicate draws hold saliences to (docs/scenario.md, "Bounds and caveats").
constexpr double kSalienceFloor = 0.01;
}  // namespace

CincRatio cinc_ratio(const std::vector<NmcRecord>& nmc, const power::CoalitionSpec& first,
                     const power::CoalitionSpec& second, const power::CoalitionContext& ctx, int last_year) {
  CincRatio out;
  for (const auto& r : nmc)
    if (r.year <= last_year) out.year = std::max(out.year, r.year);
  if (out.year == 0) return out;
  // CINC of a year depends only on that year's rows (its system totals).
  std::vector<NmcRecord> rows;
  for (const auto& r : nmc)
    if (r.year == out.year) rows.push_back(r);
  std::map<int, std::pair<std::string, double>> cinc;
  for (const auto& c : power::compute_cinc(rows)) cinc[c.ccode] = {c.abb, c.cinc};
  auto total = [&](const power::CoalitionSpec& spec) {
    double sum = 0;
    for (int cc : power::coalition_members(spec, out.year, ctx)) {
      auto it = cinc.find(cc);
      if (it == cinc.end() || !std::isfinite(it->second.second)) {
        const auto* info = ctx.countries ? ctx.countries->find(cc) : nullptr;
        out.absent.push_back(info ? info->abb : std::to_string(cc));
        continue;
      }
      sum += it->second.second;
    }
    return sum;
  };
  const double a = total(first), b = total(second);
  out.ratio = b > 0 ? a / b : kNaN;
  return out;
}

double issue_forecast(const bargaining::Issue& issue, const std::string& model, const std::string& preset, int max_turns) {
  const std::size_t nd = issue.dimensions.size();
  std::vector<double> final_positions;
  if (model == "smp") {
    bargaining::SmpOptions opt;
    opt.max_turns = max_turns;
    final_positions = bargaining::run_smp(issue, opt).history.back();
  } else {
    auto opt = bargaining::bdm_preset(preset.empty() ? bargaining::BdmPreset::kScholz2011
                                                     : bargaining::bdm_preset_from_string(preset));
    opt.record_offers = false;
    auto r = bargaining::run_bdm(issue, opt);
    final_positions.assign(issue.actors.size() * nd, 0.0);
    for (std::size_t a = 0; a < issue.actors.size(); ++a) final_positions[a * nd] = r.final_positions[a];
  }
  return bargaining::weighted_outcome(issue, final_positions)[0];
}

TornadoSpread tornado_spread(const std::vector<Uncertainty>& uncertainties, const std::string& issue_id,
                             const bargaining::Issue& issue, const std::string& actor) {
  double var_pos = 0, var_sal = 0;
  TornadoSpread s;
  for (const auto& u : uncertainties) {
    const auto d1 = u.target.find('.'), d2 = u.target.find('.', d1 == std::string::npos ? d1 : d1 + 1);
    if (d1 == std::string::npos || d2 == std::string::npos) continue;
    const std::string kind = u.target.substr(0, d1), is = u.target.substr(d1 + 1, d2 - d1 - 1),
                      ac = u.target.substr(d2 + 1);
    if ((kind != "position" && kind != "salience") || (is != "*" && is != issue_id) || (ac != "*" && ac != actor))
      continue;
    // Position and salience targets take normal, uniform or triangular draws (load.cc).
    double var = u.sd * u.sd;
    if (u.distribution == Distribution::kUniform) var = (u.high - u.low) * (u.high - u.low) / 12.0;
    if (u.distribution == Distribution::kTriangular)
      var = (u.low * u.low + u.mode * u.mode + u.high * u.high - u.low * u.mode - u.low * u.high - u.mode * u.high) / 18.0;
    if (kind == "position") var_pos += var, s.position_declared = true;
    else var_sal += var, s.salience_declared = true;
  }
  s.position_sd = s.position_declared ? std::sqrt(var_pos) : kDefaultPositionSdFraction * (issue.scale_max - issue.scale_min);
  s.salience_sd = s.salience_declared ? std::sqrt(var_sal) : kDefaultSalienceSd;
  return s;
}

std::vector<TornadoBar> tornado(const bargaining::Issue& issue, const IssueModel& model,
                                const std::vector<TornadoSpread>& spreads, unsigned threads, double& baseline) {
  const std::size_t n = issue.actors.size();
  if (spreads.size() != n)
    throw InputError(fmt::format("tornado: {} spreads for {} actors of issue '{}'", spreads.size(), n, issue.name));
  baseline = model(issue);
  // Variants: per actor, [position -, position +, salience -, salience +, capability ÷, capability x, dropped].
  constexpr std::size_t kPer = 7;
  std::vector<bargaining::Issue> variants(n * kPer, issue);
  std::vector<char> held(n * kPer, 0);
  for (std::size_t a = 0; a < n; ++a) {
    const auto& sp = spreads[a];
    for (int sign : {-1, 1}) {
      const std::size_t k = a * kPer + (sign < 0 ? 0 : 1);
      double& x = variants[k].actors[a].position[0];
      const double raw = x + sign * sp.position_sd;
      x = std::clamp(raw, issue.scale_min, issue.scale_max);
      held[k] = x != raw;
      const std::size_t m = a * kPer + (sign < 0 ? 2 : 3);
      double& s = variants[m].actors[a].salience[0];
      const double rs = s + sign * sp.salience_sd;
      s = std::clamp(rs, kSalienceFloor, 1.0);
      held[m] = s != rs;
    }
    variants[a * kPer + 4].actors[a].capability /= kTornadoCapabilityFactor;
    variants[a * kPer + 5].actors[a].capability *= kTornadoCapabilityFactor;
    auto& drop = variants[a * kPer + 6].actors;
    drop.erase(drop.begin() + static_cast<std::ptrdiff_t>(a));
  }
  std::vector<double> f(variants.size(), kNaN);
  parallel_for(variants.size(), threads, 1, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      try {
        f[i] = model(variants[i]);
      } catch (const InputError&) {
        f[i] = kNaN;  // the model refuses this variant (e.g. too few actors left): shown as n/a
      }
    }
  });
  std::vector<TornadoBar> bars;
  for (std::size_t a = 0; a < n; ++a) {
    const auto& sp = spreads[a];
    const std::string& name = issue.actors[a].name;
    auto bar = [&](const char* input, double step, bool declared, std::size_t lo, std::size_t hi) {
      TornadoBar b;
      b.actor = name;
      b.input = input;
      b.step = step;
      b.declared = declared;
      b.held = held[lo] || held[hi];
      b.forecast_down = f[lo];
      b.forecast_up = f[hi];
      b.effect = kNaN;
      for (double v : {f[lo], f[hi]})
        if (std::isfinite(v)) b.effect = std::isfinite(b.effect) ? std::max(b.effect, std::fabs(v - baseline)) : std::fabs(v - baseline);
      bars.push_back(b);
    };
    const std::size_t k = a * kPer;
    bar("position", sp.position_sd, sp.position_declared, k, k + 1);
    bar("salience", sp.salience_sd, sp.salience_declared, k + 2, k + 3);
    bar("capability", kTornadoCapabilityFactor, true, k + 4, k + 5);
    bar("dropped", 0, true, k + 6, k + 6);
  }
  // Largest effect first; not computable last; ties keep the input order.
  std::stable_sort(bars.begin(), bars.end(), [](const TornadoBar& x, const TornadoBar& y) {
    const double ex = std::isfinite(x.effect) ? x.effect : -1, ey = std::isfinite(y.effect) ? y.effect : -1;
    return ex > ey;
  });
  return bars;
}

void attach_cinc(Answer& a, PowerAnswer& p, const std::vector<NmcRecord>& nmc, const std::vector<DatasetRecord>& datasets,
                 const power::CoalitionSpec& first, const power::CoalitionSpec& second, const power::CoalitionContext& ctx,
                 int last_year) {
  const DatasetRecord* d = nullptr;
  for (const auto& x : datasets)
    if (x.role == "nmc") d = &x;
  if (!d) {
    a.caveats.push_back("ratio under CINC not available: no NMC file in the scenario ([data] nmc)");
    return;
  }
  p.cinc_dataset = !d->version.empty() ? fmt::format("NMC {}", d->version)
                                       : d->path.substr(d->path.find_last_of('/') == std::string::npos ? 0 : d->path.find_last_of('/') + 1);
  const CincRatio c = cinc_ratio(nmc, first, second, ctx, last_year);
  p.cinc_year = c.year;
  p.ratio_cinc = c.ratio;
  if (c.year == 0) {
    a.caveats.push_back(fmt::format("ratio under CINC not available: {} has no year up to {}", p.cinc_dataset, last_year));
    return;
  }
  a.datasets.push_back("nmc");
  if (c.year < last_year)
    a.caveats.push_back(fmt::format("the ratio under CINC is for {}, the last year {} covers (the other ratios are for {}); "
                                    "coalition members as of {}",
                                    c.year, p.cinc_dataset, last_year, c.year));
  if (!c.absent.empty()) {
    std::string names;
    for (const auto& n : c.absent) names += (names.empty() ? "" : ", ") + n;
    a.caveats.push_back(fmt::format("the ratio under CINC leaves out {} (no CINC in {} for {})", names, p.cinc_dataset, c.year));
  }
  if (!std::isfinite(c.ratio))
    a.caveats.push_back(fmt::format("ratio under CINC not available: {} has CINC 0 in {}", p.second, c.year));
}

std::vector<TornadoBar> issue_tornado(const Scenario& s, const IssueSpec& spec, const bargaining::Issue& issue,
                                      unsigned threads) {
  std::vector<TornadoSpread> spreads;
  for (const auto& a : issue.actors) spreads.push_back(tornado_spread(s.uncertainties, spec.id, issue, a.name));
  const std::string model = spec.model, preset = spec.model == "bdm" ? spec.preset : std::string();
  const int turns = s.max_turns;
  double baseline = 0;
  return tornado(issue, [&](const bargaining::Issue& is) { return issue_forecast(is, model, preset, turns); }, spreads,
                 threads, baseline);
}

}  // namespace geobalance::scenario::detail
