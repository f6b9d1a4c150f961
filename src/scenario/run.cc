#include "geobalance/scenario/run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "geobalance/alignment/portfolio.h"
#include "geobalance/alignment/series.h"
#include "geobalance/alignment/similarity.h"
#include "geobalance/armsrace/names.h"
#include "geobalance/io/loaders.h"
#include "geobalance/armsrace/outlook.h"
#include "geobalance/bargaining/bdm.h"
#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/check.h"
#include "geobalance/core/paths.h"
#include "geobalance/core/progress.h"
#include "geobalance/core/random.h"
#include "geobalance/power/balance.h"
#include "geobalance/power/theatre.h"
#include "geobalance/power/transition.h"
#include "scenario/brief_doc.h"
#include "scenario/game_bridge.h"
#include "scenario/inputs.h"
#include "scenario/similarity_bridge.h"

namespace geobalance::scenario {

using nlohmann::ordered_json;
using detail::Inputs;

void RunOptions::validate() const {
  if (replicates) check_at_least("RunOptions", "replicates", *replicates, 1);
  if (interval_level <= 0 || interval_level >= 1)
    throw InputError(fmt::format("RunOptions: interval_level is {}, but must be in (0, 1)", format_value(interval_level)));
}

namespace {

// ---- one evaluation of the scenario's quantities (baseline or a replicate) ----

struct IssueOutcome {
  double forecast = 0;           ///< capability x salience weighted mean of final positions, dim 0
  std::vector<std::vector<double>> history;  ///< [turn][actor] on dim 0 (baseline only)
  int turns = 0;
};

struct Evaluation {
  // power
  std::vector<int> years;
  std::vector<std::vector<double>> coalition_totals;  ///< [coalition][year index]
  std::map<int, std::vector<double>> shares;          ///< focus ccode -> [year index] (NaN missing)
  std::vector<double> concentration;                  ///< CON per year
  std::map<std::string, std::map<std::string, double>> theatre;  ///< theatre -> label -> adjusted total
  std::map<std::string, double> theatre_rus_alone;
  // bargaining
  std::vector<IssueOutcome> issues;
  // games
  detail::GameOutcome game;
};

double at(const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : std::nan(""); }

bool asks(const Scenario& s, const std::string& module) {
  for (const auto& q : s.questions)
    if (q.module == module) return true;
  return false;
}

Evaluation evaluate(const Scenario& s, const Inputs& in, const power::Panel& panel,
                    const std::vector<bargaining::Issue>& issues, const std::map<std::string, double>& game_offsets,
                    bool baseline) {
  Evaluation e;
  auto bal = power::capability_balance(panel, in.weights, in.coalitions, in.ctx, s.history_from, s.history_to);
  e.coalition_totals.assign(in.coalitions.size(), {});
  for (const auto& y : bal.years) {
    e.years.push_back(y.year);
    for (std::size_t c = 0; c < in.coalitions.size(); ++c) e.coalition_totals[c].push_back(y.coalition_totals[c]);
    e.concentration.push_back(y.concentration.con);
    for (const auto& abb : s.focus) {
      int cc = *in.builtin.index.resolve(abb);
      auto it = y.index.find(cc);
      e.shares[cc].push_back(it == y.index.end() ? std::nan("") : it->second);
    }
  }
  // Theatres, in the last history year.
  if (!bal.years.empty() && !s.theatres.empty()) {
    const auto& last = bal.years.back();
    std::map<std::string, std::vector<int>> coal;
    std::set<int> everyone;
    for (const auto& c : in.coalitions) {
      coal[c.label] = power::coalition_members(c, last.year, in.ctx);
      everyone.insert(coal[c.label].begin(), coal[c.label].end());
    }
    int rus = *in.builtin.index.resolve("RUS");
    coal["RUS alone"] = {rus};
    everyone.insert(rus);
    std::vector<power::TheatreActor> actors;
    for (int cc : everyone) {
      auto it = last.index.find(cc);
      const auto* ci = in.builtin.country(cc);
      if (it != last.index.end() && ci) actors.push_back({cc, ci->abb, it->second, ci->location});
    }
    power::LossOfStrengthOptions lsg;
    lsg.miles_per_day = s.miles_per_day;
    for (const auto& name : s.theatres) {
      for (const auto& th : in.builtin.theatres) {
        if (th.name != name) continue;
        auto tb = power::theatre_balance(th.name, th.centroid, actors, coal, lsg);
        for (const auto& c : in.coalitions) e.theatre[name][c.label] = tb.coalition_totals[c.label];
        e.theatre_rus_alone[name] = tb.coalition_totals["RUS alone"];
      }
    }
  }
  // Bargaining.
  for (std::size_t k = 0; k < issues.size(); ++k) {
    const auto& spec = s.issues[k];
    const auto& issue = issues[k];
    IssueOutcome o;
    std::vector<double> final_positions;
    const std::size_t nd = issue.dimensions.size();
    if (spec.model == "smp") {
      bargaining::SmpOptions opt;
      opt.max_turns = s.max_turns;
      auto r = bargaining::run_smp(issue, opt);
      final_positions = r.history.back();
      o.turns = r.turns();
      if (baseline)
        for (const auto& h : r.history) {
          std::vector<double> row;
          for (std::size_t a = 0; a < issue.actors.size(); ++a) row.push_back(h[a * nd]);
          o.history.push_back(std::move(row));
        }
    } else {
      auto opt = bargaining::bdm_preset(spec.preset.empty() ? bargaining::BdmPreset::kScholz2011
                                                            : bargaining::bdm_preset_from_string(spec.preset));
      opt.record_offers = false;
      auto r = bargaining::run_bdm(issue, opt);
      final_positions.assign(issue.actors.size() * nd, 0.0);
      for (std::size_t a = 0; a < issue.actors.size(); ++a) final_positions[a * nd] = r.final_positions[a];
      o.turns = r.rounds_run;
      if (baseline) {
        o.history.push_back(r.initial_positions);
        for (const auto& rd : r.rounds) o.history.push_back(rd.positions);
      }
    }
    o.forecast = bargaining::weighted_outcome(issue, final_positions)[0];
    e.issues.push_back(std::move(o));
  }
  // The crisis game, fed by this evaluation's numbers.
  if (!asks(s, "games")) return e;
  detail::GameFeed feed;
  feed.year = e.years.empty() ? s.history_to : e.years.back();
  for (const auto& [cc, v] : e.shares) {
    const Country* c = in.builtin.index.find(cc);
    if (c && !v.empty()) feed.capability[c->abb] = v.back();
  }
  for (std::size_t k = 0; k < issues.size(); ++k) feed.issue_forecast[s.issues[k].id] = e.issues[k].forecast;
  feed.similarity = detail::current_similarity(in.portfolio, in.builtin);
  for (std::size_t k = 0; k < issues.size(); ++k) feed.issues[s.issues[k].id] = &issues[k];
  feed.with_sweeps = baseline;
  feed.overrides = s.game_inputs;
  for (const auto& [k, v] : game_offsets) feed.overrides[k] += v;
  e.game = detail::solve_crisis_game(feed);
  return e;
}

double quantile(std::vector<double> v, double q) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  double pos = q * (static_cast<double>(v.size()) - 1);
  std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  std::size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::string fmt_num(double x, int digits = 3) {
  if (std::isnan(x)) return "n/a";
  return fmt::format("{:.{}g}", x, digits);
}

}  // namespace

ScenarioResult run_scenario(const Scenario& s, const RunOptions& options, const CancelToken& cancel) {
  options.validate();
  const auto t0 = std::chrono::steady_clock::now();
  ScenarioResult res;
  res.seed = options.seed.value_or(s.seed);
  res.threads = options.threads.value_or(s.threads);
  if (res.threads == 0) res.threads = default_threads();
  const int n = options.replicates.value_or(s.replicates);
  const double qlo = (1 - options.interval_level) / 2, qhi = 1 - qlo;

  Inputs in = detail::load_inputs(s);
  // Baseline.
  Evaluation base = evaluate(s, in, in.panel, in.issues, {}, true);

  // Arms race outlook (its own bootstrap supplies the forecast bands).
  armsrace::OutlookOptions ao;
  ao.forecast_to = s.forecast_to;
  ao.cap_fraction = s.cap_fraction;
  ao.bootstrap_replicates = s.bootstrap_replicates;
  ao.seed = res.seed;
  ao.threads = res.threads;
  ao.band_level = options.interval_level;
  const bool with_armsrace = asks(s, "armsrace");
  armsrace::Outlook outlook;
  if (with_armsrace) outlook = armsrace::default_actor_analysis(ao);

  // Ensemble.
  std::vector<Evaluation> reps(static_cast<std::size_t>(n));
  std::vector<char> done(static_cast<std::size_t>(n), 0);
  {
    Progress bar("ensemble", static_cast<std::size_t>(n), options.progress && Progress::stderr_is_terminal());
    parallel_for(static_cast<std::size_t>(n), res.threads, 1, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        if (cancel.cancelled()) return;
        Rng rng(res.seed, i);
        power::Panel panel = in.panel;
        std::vector<bargaining::Issue> issues = in.issues;
        std::map<std::string, double> offsets;
        detail::perturb(s, in, rng, panel, issues, offsets);
        reps[i] = evaluate(s, in, panel, issues, offsets, false);
        // A replicate keeps only what the intervals use (coalition totals, forecasts, the
        // game's outcome): measured 100,000 replicates at 242 MB peak, so the schema's
        // 1,000,000-replicate maximum needs about 2.5 GB (docs/limits.md).
        reps[i].shares.clear();
        reps[i].concentration = {};
        reps[i].theatre.clear();
        reps[i].theatre_rus_alone.clear();
        reps[i].game.json = nullptr;
        done[i] = 1;
        bar.tick();
      }
    });
  }
  std::vector<const Evaluation*> ok;
  for (int i = 0; i < n; ++i)
    if (done[static_cast<std::size_t>(i)]) ok.push_back(&reps[static_cast<std::size_t>(i)]);
  res.replicates_done = static_cast<int>(ok.size());
  res.termination = cancel.cancelled() ? RunTermination::kCancelled : RunTermination::kCompleted;

  auto ens = [&](auto&& f) {
    std::vector<double> v;
    for (const Evaluation* e : ok) v.push_back(f(*e));
    return v;
  };

  const std::size_t ny = base.years.size();
  const std::string& c0 = in.coalitions[0].label;
  const std::string& c1 = in.coalitions[1].label;
  const int last_year = ny ? base.years.back() : s.history_to;
  const int first_year = ny ? base.years.front() : s.history_from;

  // ---- answers ----
  auto ratio_at = [&](const Evaluation& e, std::size_t i) {
    return at(e.coalition_totals[1], i) > 0 ? at(e.coalition_totals[0], i) / at(e.coalition_totals[1], i) : std::nan("");
  };
  for (const auto& q : s.questions) {
    Answer a;
    a.id = q.id;
    a.question = q.text;
    a.module = q.module;
    if (q.module == "power") {
      a.value = ratio_at(base, ny - 1);
      auto v = ens([&](const Evaluation& e) { return ratio_at(e, ny - 1); });
      a.low = quantile(v, qlo);
      a.high = quantile(v, qhi);
      a.unit = "ratio";
      const int rus = *in.builtin.index.resolve("RUS");
      double rus_alone = base.shares.count(rus) ? at(base.shares.at(rus), ny - 1) : std::nan("");
      double first = ratio_at(base, 0);
      a.answer = fmt::format("{} holds {}x the capability of {} in {} [{}-{}], {} from {}x in {}{}", c0, fmt_num(a.value), c1,
                             last_year, fmt_num(a.low), fmt_num(a.high), a.value < first ? "down" : "up", fmt_num(first),
                             first_year,
                             std::isnan(rus_alone) ? std::string()
                                                   : fmt::format("; against Russia alone it would be {}x",
                                                                 fmt_num(at(base.coalition_totals[0], ny - 1) / rus_alone)));
    } else if (q.module == "alignment") {
      auto d = detail::drift_from_idealpoints(in.idealpoints, in.builtin, q.target.empty() ? "TUR" : q.target);
      auto sim = detail::current_similarity(in.portfolio, in.builtin);
      a.value = d.gap_last;
      a.low = a.high = d.gap_last;
      a.unit = "ideal-point gap";
      a.answer = fmt::format(
          "in UN votes {} stood closer to {} in {} (distance to USA {}, to RUS {}; gap {} against {} in {}); in alliances "
          "it stays with the US (portfolio S to USA {} vs RUS {})",
          d.state, d.gap_last >= 0 ? "the US" : "Russia", d.last_year, fmt_num(d.dist_usa.back()), fmt_num(d.dist_rus.back()),
          fmt_num(d.gap_last), fmt_num(d.gap_first), d.first_year, fmt_num(sim.s_tur_usa), fmt_num(sim.s_tur_rus));
    } else if (q.module == "armsrace") {
      const auto& race = q.target == "milex" ? outlook.milex : outlook.warheads;
      const auto& acts = race.no_cap.actors;
      const std::size_t last = race.no_cap.values.size() - 1;
      double nc = 0, lo = 0, hi = 0, cap_hi = 0, freeze = 0, eq = 0;
      for (std::size_t i = 0; i < acts.size(); ++i) {
        nc += race.no_cap.values[last][i];
        lo += race.no_cap_band.low.back()[i];
        hi += race.no_cap_band.high.back()[i];
        cap_hi += race.with_cap_band.high.back()[i];
        freeze += race.data.values.back()[i];
        if (race.stability.equilibrium_exists) eq += race.stability.equilibrium[i];
      }
      // Reaction coefficients whose 95% interval excludes 0 are the race's measurable drivers.
      std::string drivers;
      const armsrace::Coefficient* rus_usa = nullptr;
      for (const auto& eqn : race.fit.equations)
        for (const auto& c : eqn.coefficients) {
          if (c.name.rfind("k[", 0) != 0) continue;
          if (c.name == "k[RUS,USA]") rus_usa = &c;
          if (c.ci_low > 0 || c.ci_high < 0)
            drivers += fmt::format("{}{} = {} [{}, {}]", drivers.empty() ? "" : ", ", c.name, fmt_num(c.estimate, 2),
                                   fmt_num(c.ci_low, 2), fmt_num(c.ci_high, 2));
        }
      const bool credible = race.stability.stable && race.holdout.mape_overall < race.holdout.naive_mape_overall;
      if (q.target == "milex") {
        a.value = rus_usa ? rus_usa->estimate : std::nan("");
        a.low = rus_usa ? rus_usa->ci_low : std::nan("");
        a.high = rus_usa ? rus_usa->ci_high : std::nan("");
        a.unit = "k[RUS,USA]";
        a.answer = fmt::format(
            "no measurable US-Russia spending spiral: k[RUS,USA] = {} [{}, {}]; significant reactions: {}; the fitted {}-actor "
            "race is a {} with out-of-sample MAPE {}% against {}% for no change, so {}",
            fmt_num(a.value, 2), fmt_num(a.low, 2), fmt_num(a.high, 2), drivers.empty() ? "none" : drivers, acts.size(),
            armsrace::to_string(race.stability.regime), fmt_num(race.holdout.mape_overall, 3),
            fmt_num(race.holdout.naive_mape_overall, 3),
            credible ? "its forecasts are usable" : "its forecasts are not used (the data show no stable action-reaction race)");
      } else {
        a.value = nc;
        a.low = lo;
        a.high = hi;
        a.unit = race.name == "milex" ? "US$ m" : "warheads";
        a.answer = fmt::format(
            "the fitted race is a {}{}; without a cap the total reaches {} by {} [{}-{}]; a freeze at the last observed "
            "total ({}) cuts the 95th percentile from {} to {} ({} fewer)",
            armsrace::to_string(race.stability.regime),
            race.stability.equilibrium_exists ? fmt::format(" converging near {}", fmt_num(eq, 4)) : std::string(),
            fmt_num(nc, 4), s.forecast_to, fmt_num(lo, 4), fmt_num(hi, 4), fmt_num(freeze, 4), fmt_num(hi, 4),
            fmt_num(cap_hi, 4), fmt_num(hi - cap_hi, 4));
      }
    } else if (q.module == "bargaining") {
      std::size_t k = 0;
      while (s.issues[k].id != q.target) ++k;
      const auto& spec = s.issues[k];
      a.value = base.issues[k].forecast;
      auto v = ens([&](const Evaluation& e) { return e.issues[k].forecast; });
      a.low = quantile(v, qlo);
      a.high = quantile(v, qhi);
      double p = 0;
      for (double x : v) p += x > spec.threshold;
      p = v.empty() ? std::nan("") : p / static_cast<double>(v.size());
      a.unit = fmt::format("on {}-{}", in.issues[k].scale_min, in.issues[k].scale_max);
      a.answer = fmt::format("{} forecast {} [{}-{}] on {} ({} = {}, {} = {}); P(> {}) = {}", spec.model, fmt_num(a.value),
                             fmt_num(a.low), fmt_num(a.high), spec.title, in.issues[k].scale_min, spec.low_label,
                             in.issues[k].scale_max, spec.high_label, fmt_num(spec.threshold), fmt_num(p, 2));
    } else if (q.module == "games") {
      std::map<std::string, int> freq;
      for (const Evaluation* e : ok) ++freq[e->game.outcome];
      std::string mode;
      int best = -1;
      for (const auto& [k, c] : freq)
        if (c > best) best = c, mode = k;
      double share = ok.empty() ? std::nan("") : static_cast<double>(freq[base.game.outcome]) / static_cast<double>(ok.size());
      a.value = share;
      a.low = a.high = share;
      a.unit = "of replicates";
      a.answer = fmt::format("equilibrium path: {} (in {} of replicates; most frequent: {})", base.game.outcome,
                             fmt_num(share * 100, 3) + "%", mode);
    }
    res.answers.push_back(a);
  }

  // ---- results.json ----
  ordered_json R;
  R["schema"] = 1;
  R["scenario"] = {{"name", s.name}, {"path", s.path}, {"as_of", to_string(s.as_of)}, {"description", s.description}};
  R["run"] = {{"replicates", n}, {"replicates_done", res.replicates_done}, {"seed", res.seed}, {"threads", res.threads},
              {"interval_level", options.interval_level},
              {"termination", res.termination == RunTermination::kCompleted ? "completed" : "cancelled"},
              {"program_version", version()}};
  ordered_json answers = ordered_json::array();
  for (const auto& a : res.answers)
    answers.push_back({{"id", a.id}, {"question", a.question}, {"module", a.module}, {"answer", a.answer},
                       {"value", a.value}, {"interval", {a.low, a.high}}, {"unit", a.unit}});
  R["answers"] = answers;

  // Power series with ensemble bands.
  std::vector<std::vector<double>> clo(in.coalitions.size(), std::vector<double>(ny)), chi = clo;
  for (std::size_t c = 0; c < in.coalitions.size(); ++c)
    for (std::size_t i = 0; i < ny; ++i) {
      auto v = ens([&](const Evaluation& e) { return at(e.coalition_totals[c], i); });
      clo[c][i] = quantile(v, qlo);
      chi[c][i] = quantile(v, qhi);
    }
  {
    ordered_json p;
    p["years"] = base.years;
    for (std::size_t c = 0; c < in.coalitions.size(); ++c)
      p["coalitions"][in.coalitions[c].label] = {{"total", base.coalition_totals[c]}, {"low", clo[c]}, {"high", chi[c]}};
    for (const auto& [cc, v] : base.shares) p["shares"][in.builtin.index.find(cc)->abb] = v;
    p["concentration"] = base.concentration;
    p["theatres"] = base.theatre;
    p["theatre_russia_alone"] = base.theatre_rus_alone;
    R["power"] = p;
  }
  // Arms race.
  auto race_json = [&](const armsrace::RaceOutlook& r) {
    ordered_json j;
    j["title"] = r.title;
    j["actors"] = r.data.actors;
    j["years"] = r.data.years;
    j["observed"] = r.data.values;
    j["regime"] = armsrace::to_string(r.stability.regime);
    j["stable"] = r.stability.stable;
    j["holdout_mape_percent"] = r.holdout.mape_overall;
    j["forecast_times"] = r.no_cap.times;
    j["no_cap"] = r.no_cap.values;
    j["with_cap"] = r.with_cap.values;
    j["no_cap_band"] = {{"low", r.no_cap_band.low}, {"high", r.no_cap_band.high}};
    j["with_cap_band"] = {{"low", r.with_cap_band.low}, {"high", r.with_cap_band.high}};
    return j;
  };
  if (with_armsrace) R["armsrace"] = {{"milex", race_json(outlook.milex)}, {"warheads", race_json(outlook.warheads)}};
  // Alignment.
  if (asks(s, "alignment") || asks(s, "games")) {
    auto d = detail::drift_from_idealpoints(in.idealpoints, in.builtin, "TUR");
    auto sim = detail::current_similarity(in.portfolio, in.builtin);
    R["alignment"] = {{"drift", {{"years", d.years}, {"distance_usa", d.dist_usa}, {"distance_rus", d.dist_rus}}},
                      {"current_similarity", {{"s_tur_usa", sim.s_tur_usa}, {"s_tur_rus", sim.s_tur_rus},
                                              {"system_size", sim.system_size}, {"as_of", to_string(s.as_of)}}}};
    // NATO cohesion now: mean and minimum pairwise S among the members in the current portfolio.
    {
      auto members = power::nato_members_on(in.builtin.nato, s.as_of);
      double sum = 0, mn = 1;
      int pairs = 0;
      for (std::size_t x = 0; x < members.size(); ++x)
        for (std::size_t y = x + 1; y < members.size(); ++y) {
          int i = in.portfolio.index(members[x]), j = in.portfolio.index(members[y]);
          if (i < 0 || j < 0) continue;
          double v = alignment::measures_dense(in.portfolio.tie[static_cast<std::size_t>(i)],
                                               in.portfolio.tie[static_cast<std::size_t>(j)], {}).s_unw_abs;
          sum += v, mn = std::min(mn, v), ++pairs;
        }
      R["alignment"]["current_cohesion"] = {{"members", members.size()}, {"pairs", pairs},
                                            {"mean_s", pairs ? sum / pairs : std::nan("")}, {"min_s", pairs ? mn : std::nan("")}};
    }
    // With COW alliance data: NATO cohesion from alliance portfolios, 1949 to the data's end.
    if (!s.alliances.empty()) {
      auto states = io::load_cow_states(s.states);
      auto dyads = io::load_cow_alliance_dyads(s.alliances);
      auto ports = alignment::Portfolios::from_cow(states, dyads, 1949, 2012);
      alignment::CapabilityWeights no_weights(std::vector<power::CincValue>{});
      auto coh = alignment::nato_cohesion(ports, no_weights, 1949, 2012);
      ordered_json yrs = ordered_json::array(), mean = ordered_json::array(), mins = ordered_json::array();
      for (const auto& pt : coh.points) yrs.push_back(pt.year), mean.push_back(pt.mean), mins.push_back(pt.min);
      R["alignment"]["nato_cohesion"] = {{"years", yrs}, {"mean_s", mean}, {"min_s", mins}, {"source", s.alliances}};
      in.notes.push_back("NATO cohesion 1949-2012 from COW alliances v4.1: " + s.alliances);
    }
  }
  // Bargaining.
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    auto v = ens([&](const Evaluation& e) { return e.issues[k].forecast; });
    ordered_json j;
    j["title"] = s.issues[k].title;
    j["model"] = s.issues[k].model;
    j["forecast"] = base.issues[k].forecast;
    j["interval"] = {quantile(v, qlo), quantile(v, qhi)};
    j["median"] = quantile(v, 0.5);
    j["turns"] = base.issues[k].turns;
    std::vector<std::string> names;
    for (const auto& a : in.issues[k].actors) names.push_back(a.name);
    j["actors"] = names;
    j["history"] = base.issues[k].history;
    R["bargaining"][s.issues[k].id] = j;
  }
  // Games.
  if (asks(s, "games")) {
    std::map<std::string, int> freq;
    for (const Evaluation* e : ok) ++freq[e->game.outcome];
    R["games"] = {{"baseline", base.game.json}, {"outcome_frequency", freq}};
  }
  // Shocks.
  {
    ordered_json sh = ordered_json::array();
    for (const auto& x : s.shocks) sh.push_back({{"date", to_string(x.date)}, {"label", x.label}, {"rationale", x.rationale}});
    R["shocks"] = sh;
  }
  R["notes"] = in.notes;
  res.results = R;

  // ---- tables ----
  {
    std::vector<report::Column> cols{{"year"}};
    for (const auto& abb : s.focus) cols.push_back({abb, 6});
    for (const auto& c : in.coalitions) cols.push_back({c.label, 6});
    for (const auto& c : in.coalitions) cols.push_back({c.label + "_low", 6}), cols.push_back({c.label + "_high", 6});
    cols.push_back({"con", 6});
    report::Table t(cols);
    for (std::size_t i = 0; i < ny; ++i) {
      std::vector<report::Value> row{static_cast<long long>(base.years[i])};
      for (const auto& abb : s.focus) row.push_back(at(base.shares[*in.builtin.index.resolve(abb)], i));
      for (std::size_t c = 0; c < in.coalitions.size(); ++c) row.push_back(base.coalition_totals[c][i]);
      for (std::size_t c = 0; c < in.coalitions.size(); ++c) row.push_back(clo[c][i]), row.push_back(chi[c][i]);
      row.push_back(base.concentration[i]);
      t.add_row(std::move(row));
    }
    res.tables.emplace_back("power_balance", std::move(t));
  }
  {
    report::Table t({"question", "value", "low", "high", "unit", "answer"});
    for (const auto& a : res.answers) t.add_row({a.id, a.value, a.low, a.high, a.unit, a.answer});
    res.tables.emplace_back("answers", std::move(t));
  }
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    report::Table t({"turn", "actor", "position"});
    const auto& h = base.issues[k].history;
    for (std::size_t turn = 0; turn < h.size(); ++turn)
      for (std::size_t a = 0; a < h[turn].size(); ++a)
        t.add_row({static_cast<long long>(turn), in.issues[k].actors[a].name, h[turn][a]});
    res.tables.emplace_back("bargaining_" + s.issues[k].id, std::move(t));
  }
  {
    std::vector<report::Column> cols{{"replicate"}, {c0 + "/" + c1, 6}};
    for (const auto& is : s.issues) cols.push_back({is.id, 6});
    cols.push_back({"game_outcome"});
    report::Table t(cols);
    for (std::size_t i = 0; i < ok.size(); ++i) {
      std::vector<report::Value> row{static_cast<long long>(i), ratio_at(*ok[i], ny - 1)};
      for (const auto& o : ok[i]->issues) row.push_back(o.forecast);
      row.push_back(ok[i]->game.outcome);
      t.add_row(std::move(row));
    }
    res.tables.emplace_back("ensemble", std::move(t));
  }
  res.brief = detail::brief_document(s, res, base.years);
  res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  res.results["run"]["wall_seconds"] = res.wall_seconds;
  return res;
}

std::string summary_text(const ScenarioResult& r) {
  std::string out;
  for (const auto& a : r.answers) out += fmt::format("{:<10} {}\n", a.id, a.answer);
  return out;
}

}  // namespace geobalance::scenario
