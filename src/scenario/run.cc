#include "geobalance/scenario/run.h"

#include <algorithm>
#include <array>
#include <optional>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "geobalance/alignment/portfolio.h"
#include "geobalance/alignment/series.h"
#include "geobalance/alignment/similarity.h"
#include "geobalance/armsrace/names.h"
#include "geobalance/armsrace/outlook.h"
#include "geobalance/armsrace/simulate.h"
#include "geobalance/bargaining/bdm.h"
#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/check.h"
#include "geobalance/core/paths.h"
#include "geobalance/core/progress.h"
#include "geobalance/core/random.h"
#include "geobalance/forecast/backtest.h"
#include "geobalance/forecast/models.h"
#include "geobalance/forecast/series.h"
#include "geobalance/games/reference_class.h"
#include "geobalance/games/s400_tree.h"
#include "geobalance/io/text_file.h"
#include "geobalance/io/registry.h"
#include "geobalance/power/balance.h"
#include "geobalance/power/theatre.h"
#include "geobalance/store/sha256.h"
#include "scenario/game_bridge.h"
#include "scenario/context_detail.h"
#include "scenario/inputs.h"
#include "scenario/race_extras.h"
#include "scenario/nowcasts.h"
#include "scenario/sensitivity.h"
#include "scenario/drift.h"
#include "scenario/similarity_bridge.h"

namespace geobalance::scenario {

using detail::Inputs;

void RunOptions::validate() const {
  if (replicates) check_at_least("RunOptions", "replicates", *replicates, 1);
  if (interval_level <= 0 || interval_level >= 1)
    throw InputError(fmt::format("RunOptions: interval_level is {}, but must be in (0, 1)", format_value(interval_level)));
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- what the questions ask for, resolved once ----

struct Plan {
  std::size_t first = 0, second = 1;  ///< coalitions compared by the first power question (ensemble table)
  bool pair_set = false;
  std::string single_state;           ///< compared alone ("" none)
  const Question* game = nullptr;     ///< the games question (at most one is used)
  int activate_issue = -1, response_issue = -1;  ///< indices into s.issues
  /// The game's free parameters: calibrated once per run (or the documented defaults).
  double lambda = games::S400TreeInputs{}.lambda, congress_pressure = games::S400TreeInputs{}.congress_pressure;
  bool alignment = false, armsrace = false;
  /// The game's alliance-similarity inputs: S over the system the alignment answer uses
  /// (drift.h similarity_source); NaN when that system is unavailable (then the hand-made
  /// ties table, said in a caveat).
  double s_tr_us = kNaN, s_tr_ru = kNaN;
  std::string s_source;
};

bool asks(const Scenario& s, const std::string& module) {
  for (const auto& q : s.questions)
    if (q.module == module) return true;
  return false;
}

std::size_t coalition_index(const Scenario& s, const std::string& label, const Question& q) {
  for (std::size_t i = 0; i < s.coalitions.size(); ++i)
    if (s.coalitions[i].first == label) return i;
  throw InputError(q.where, fmt::format("key 'questions.coalitions' of question '{}'", q.id),
                   fmt::format("found '{}', expected the name of an [[actors.coalition]]", label));
}

int issue_index(const Scenario& s, const std::string& id) {
  for (std::size_t k = 0; k < s.issues.size(); ++k)
    if (s.issues[k].id == id) return static_cast<int>(k);
  return -1;
}

Plan make_plan(const Scenario& s) {
  Plan p;
  p.single_state = s.single_state;
  for (const auto& q : s.questions) {
    if (q.module == "power" && q.coalitions.size() == 2 && !p.pair_set) {
      p.first = coalition_index(s, q.coalitions[0], q);
      p.second = coalition_index(s, q.coalitions[1], q);
      p.pair_set = true;
    }
    if (q.module == "games" && !p.game) {
      p.game = &q;
      p.activate_issue = issue_index(s, q.players.activate_issue);
      p.response_issue = issue_index(s, q.players.response_issue);
    }
  }
  p.alignment = asks(s, "alignment") || asks(s, "games");
  p.armsrace = asks(s, "armsrace");
  return p;
}

// ---- one evaluation of the scenario's quantities (baseline or a replicate) ----

struct IssueOutcome {
  double forecast = 0;           ///< capability x salience weighted mean of final positions, dim 0
  double other_forecast = kNaN;  ///< the same by the other model (SMP <-> BDM) on the same inputs
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
  // bargaining
  std::vector<IssueOutcome> issues;
  // games (the rebuilt S-400 tree)
  struct Game {
    bool ok = false;
    std::string path;  ///< modal equilibrium path (logit limit)
    std::array<double, games::kTreeUsMoves> us{};  ///< calibrated QRE P(US response)
    std::string drop_key, drop_bound;  ///< why the replicate was left out (ok false)
    double drop_raw = kNaN;
    std::optional<detail::TreeFeedOutcome> detail;  ///< baseline only
  } game;
  detail::ClampLog clamps;  ///< inputs held at a bound in this run (perturbation and game)
};

double at(const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : kNaN; }

int ccode(const Inputs& in, const std::string& abb) {
  auto cc = in.builtin->index.resolve(abb);
  if (!cc) throw InputError(fmt::format("scenario: state '{}' is not in {}", abb, in.world->path_of("countries")));
  return *cc;
}

Evaluation evaluate(const Scenario& s, const Plan& plan, const Inputs& in, const power::Panel& panel,
                    const std::vector<bargaining::Issue>& issues, const std::map<std::string, double>& game_offsets,
                    bool baseline) {
  Evaluation e;
  auto bal = power::capability_balance(panel, in.weights, in.coalitions, in.ctx, s.history_from, s.history_to);
  e.coalition_totals.assign(in.coalitions.size(), {});
  std::vector<int> focus;
  for (const auto& abb : s.focus) focus.push_back(ccode(in, abb));
  for (const auto& y : bal.years) {
    e.years.push_back(y.year);
    for (std::size_t c = 0; c < in.coalitions.size(); ++c) e.coalition_totals[c].push_back(y.coalition_totals[c]);
    e.concentration.push_back(y.concentration.con);
    for (int cc : focus) {
      auto it = y.index.find(cc);
      e.shares[cc].push_back(it == y.index.end() ? kNaN : it->second);
    }
  }
  // Theatres, in the last history year.
  if (baseline && !bal.years.empty() && !s.theatres.empty()) {
    const auto& last = bal.years.back();
    std::map<std::string, std::vector<int>> coal;
    std::set<int> everyone;
    for (const auto& c : in.coalitions) {
      coal[c.label] = power::coalition_members(c, last.year, in.ctx);
      everyone.insert(coal[c.label].begin(), coal[c.label].end());
    }
    const std::string alone = plan.single_state.empty() ? std::string() : plan.single_state + " alone";
    if (!alone.empty()) {
      const int cc = ccode(in, plan.single_state);
      coal[alone] = {cc};
      everyone.insert(cc);
    }
    std::vector<power::TheatreActor> actors;
    for (int cc : everyone) {
      auto it = last.index.find(cc);
      const auto* ci = in.builtin->country(cc);
      if (it != last.index.end() && ci) actors.push_back({cc, ci->abb, it->second, ci->location});
    }
    power::LossOfStrengthOptions lsg;
    lsg.miles_per_day = s.miles_per_day;
    for (const auto& name : s.theatres) {
      for (const auto& th : in.builtin->theatres) {
        if (th.name != name) continue;
        auto tb = power::theatre_balance(th.name, th.centroid, actors, coal, lsg);
        for (const auto& c : in.coalitions) e.theatre[name][c.label] = tb.coalition_totals[c.label];
        if (!alone.empty()) e.theatre[name][alone] = tb.coalition_totals[alone];
      }
    }
  }
  // Bargaining.
  for (std::size_t k = 0; k < issues.size(); ++k) {
    const auto& spec = s.issues[k];
    const auto& issue = issues[k];
    IssueOutcome o;
    const std::size_t nd = issue.dimensions.size();
    // Both models answer every bargaining issue on the same inputs (issue 12, item 3): the
    // issue's own model fills the history, the other gives the comparison forecast.
    auto solve = [&](const std::string& model, bool record) {
      std::vector<double> final_positions;
      if (model == "smp") {
        bargaining::SmpOptions opt;
        opt.max_turns = s.max_turns;
        auto r = bargaining::run_smp(issue, opt);
        final_positions = r.history.back();
        if (record) {
          o.turns = r.turns();
          if (baseline)
            for (const auto& h : r.history) {
              std::vector<double> row;
              for (std::size_t a = 0; a < issue.actors.size(); ++a) row.push_back(h[a * nd]);
              o.history.push_back(std::move(row));
            }
        }
      } else {
        auto opt = bargaining::bdm_preset(spec.model == "bdm" && !spec.preset.empty()
                                              ? bargaining::bdm_preset_from_string(spec.preset)
                                              : bargaining::BdmPreset::kScholz2011);
        opt.record_offers = false;
        auto r = bargaining::run_bdm(issue, opt);
        final_positions.assign(issue.actors.size() * nd, 0.0);
        for (std::size_t a = 0; a < issue.actors.size(); ++a) final_positions[a * nd] = r.final_positions[a];
        if (record) {
          o.turns = r.rounds_run;
          if (baseline) {
            o.history.push_back(r.initial_positions);
            for (const auto& rd : r.rounds) o.history.push_back(rd.positions);
          }
        }
      }
      return bargaining::weighted_outcome(issue, final_positions)[0];
    };
    o.forecast = solve(spec.model, true);
    try {
      o.other_forecast = solve(spec.model == "smp" ? "bdm" : "smp", false);
    } catch (const InputError&) {
      o.other_forecast = kNaN;  // the other model refuses these inputs: the answer says so
    }
    e.issues.push_back(std::move(o));
  }
  // The crisis game, fed by this evaluation's numbers.
  if (!plan.game) return e;
  const GamePlayers& pl = plan.game->players;
  detail::GameFeed feed;
  feed.year = e.years.empty() ? s.history_to : e.years.back();
  feed.players = pl;
  auto share = [&](const std::string& abb) {
    auto it = e.shares.find(ccode(in, abb));
    return it == e.shares.end() || it->second.empty() ? kNaN : it->second.back();
  };
  feed.cap_turkiye = share(pl.turkiye);
  feed.cap_us = share(pl.us);
  feed.cap_russia = share(pl.russia);
  if (std::isfinite(plan.s_tr_us) && std::isfinite(plan.s_tr_ru)) {
    feed.s_turkiye_us = plan.s_tr_us;
    feed.s_turkiye_russia = plan.s_tr_ru;
    feed.ties_source = plan.s_source;
  } else {
    feed.s_turkiye_us = detail::portfolio_similarity(in.portfolio, ccode(in, pl.turkiye), ccode(in, pl.us));
    feed.s_turkiye_russia = detail::portfolio_similarity(in.portfolio, ccode(in, pl.turkiye), ccode(in, pl.russia));
    feed.ties_source = "hand-made ties table " + in.world->path_of("ties");
  }
  if (plan.activate_issue >= 0) feed.activate_issue = &issues[static_cast<std::size_t>(plan.activate_issue)];
  if (plan.response_issue >= 0) feed.response_issue = &issues[static_cast<std::size_t>(plan.response_issue)];
  feed.with_sweeps = baseline;
  feed.overrides = s.game_inputs;
  for (const auto& [k, v] : game_offsets) feed.overrides[k] += v;
  // The baseline's out-of-range input is an InputError (the run stops, naming game.<key>); a
  // replicate's is left out of the game's distribution and counted (docs/scenario.md).
  auto solve = [&] {
    auto t = detail::solve_crisis_tree(feed, plan.lambda, plan.congress_pressure);
    e.game.ok = true;
    e.game.path = t.modal_path;
    for (int k = 0; k < games::kTreeUsMoves; ++k) e.game.us[static_cast<std::size_t>(k)] = t.result.forecast.us[static_cast<std::size_t>(k)];
    if (baseline) e.game.detail = std::move(t);
  };
  if (baseline) {
    solve();
  } else {
    try {
      solve();
    } catch (const detail::GameInputOutOfRange& x) {
      e.game.drop_key = "game." + x.key;
      e.game.drop_bound = fmt::format("[{}, {}]", format_value(x.lo), format_value(x.hi));
      e.game.drop_raw = x.raw;
    } catch (const ComputationError& x) {
      e.game.drop_key = "game solver";
      e.game.drop_bound = x.what();
    }
  }
  return e;
}

double quantile(std::vector<double> v, double q) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  double pos = q * (static_cast<double>(v.size()) - 1);
  std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  std::size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// The median and interval of the race's total at t1, from each bootstrap draw's own total
// (the draws of forecast_band, summed per draw: a total's interval is not the sum of the
// actors' percentiles).
struct DrawTotals {
  double median = kNaN, low = kNaN, high = kNaN, cap_high = kNaN;
  int draws = 0;
};
DrawTotals draw_totals(const armsrace::RaceOutlook& r, double t1, double level) {
  DrawTotals out;
  if (r.data.years.empty()) return out;
  const armsrace::Model& free = r.fit.model;
  armsrace::Model capped = free;
  capped.caps = r.caps;
  const std::size_t N = free.size();
  const double t0 = r.data.years.back();
  std::vector<double> tot, cap;
  for (const auto& d : r.fit.draws) {
    auto run = [&](armsrace::Model m) {
      for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < N; ++j) m.defence[i][j] = d[i * N + j];
        m.fatigue[i] = d[N * N + i];
        m.grievance[i] = d[N * N + N + i];
      }
      try {
        auto tr = armsrace::simulate(m, t0, t1, 1.0);
        if (tr.values.empty() || tr.times.back() < t1 - 1e-9) return kNaN;
        double sum = 0;
        for (double x : tr.values.back()) sum += x;
        return sum;
      } catch (const InputError&) {
        return kNaN;  // a draw outside the variant's domain: skipped, as forecast_band does
      }
    };
    tot.push_back(run(free));
    cap.push_back(run(capped));
  }
  const double lo = (1 - level) / 2;
  out.median = quantile(tot, 0.5);
  out.low = quantile(tot, lo);
  out.high = quantile(tot, 1 - lo);
  out.cap_high = quantile(cap, 1 - lo);
  for (double x : tot) out.draws += std::isfinite(x);
  return out;
}

// The forecaster that earns it (issue 13, item 4): the race's series as the forecast module's
// AnnualSeries, select_forecaster over its rolling-origin backtest (no-change unless a model
// beats it), and the chosen model's total at t1 across its members. Forecasts of budgets
// and stockpiles are made by the module on positive scales (docs/backtest.md).
void pick_forecaster(const armsrace::RaceOutlook& r, int t1, double level, ArmsraceAnswer& a,
                     std::vector<std::string>& notes) {
  if (r.data.years.empty()) return;
  try {
    namespace fc = geobalance::forecast;
    fc::AnnualSeries x;
    x.kind = r.name == "warheads" ? fc::SeriesKind::kWarheads : fc::SeriesKind::kMilex;
    x.source = r.name;
    x.states = r.data.actors;
    x.first_year = r.data.years.front();
    x.last_year = r.data.years.back();
    x.values.assign(x.states.size(), std::vector<double>(x.num_years(), kNaN));
    for (std::size_t t = 0; t < r.data.years.size(); ++t)
      for (std::size_t i = 0; i < x.states.size(); ++i)
        x.values[i][static_cast<std::size_t>(r.data.years[t] - x.first_year)] = r.data.values[t][i];
    fc::BacktestOptions opt;
    opt.last_origin = std::min(opt.last_origin, x.last_year - 1);
    if (opt.first_origin > opt.last_origin) return;
    const fc::BacktestResult bt = fc::run_backtest(x, opt);  // = select_forecaster, keeping the scores
    const fc::Selection sel = fc::select_from(bt);
    detail::add_track_record(bt, a);
    a.forecaster = fc::to_string(sel.model);
    a.forecaster_reason = sel.reason;
    a.forecaster_score = fc::score_line(sel);
    const int max_h = t1 - x.last_year;
    if (max_h < 1) return;
    auto f = fc::make_forecast(sel.model, x, x.last_year, max_h, opt.forecast, 0);
    std::vector<double> totals;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (!f[i] || f[i]->members.size() < static_cast<std::size_t>(max_h)) return;
      const auto& m = f[i]->members[static_cast<std::size_t>(max_h - 1)];
      if (totals.empty()) totals.assign(m.size(), 0.0);
      if (m.size() != totals.size()) return;
      for (std::size_t k = 0; k < m.size(); ++k) totals[k] += m[k];
    }
    const double lo = (1 - level) / 2;
    a.forecaster_median = quantile(totals, 0.5);
    a.forecaster_low = quantile(totals, lo);
    a.forecaster_high = quantile(totals, 1 - lo);
  } catch (const InputError& e) {
    notes.push_back(fmt::format("{} race: no backtested forecaster ({})", r.name, e.what()));
  }
}

RaceSeries race_series(const armsrace::RaceOutlook& r) {
  RaceSeries x;
  x.name = r.name;
  x.actors = r.data.actors;
  x.years = r.data.years;
  x.observed = r.data.values;
  x.regime = armsrace::to_string(r.stability.regime);
  x.stable = r.stability.stable;
  x.holdout_mape = r.holdout.mape_overall;
  x.naive_mape = r.holdout.naive_mape_overall;
  x.forecast_times = r.no_cap.times;
  x.no_cap = r.no_cap.values;
  x.with_cap = r.with_cap.values;
  x.no_cap_low = r.no_cap_band.low;
  x.no_cap_high = r.no_cap_band.high;
  x.with_cap_low = r.with_cap_band.low;
  x.with_cap_high = r.with_cap_band.high;
  return x;
}

ArmsraceAnswer race_answer(const armsrace::RaceOutlook& race, const Question& q, int forecast_to, double level) {
  ArmsraceAnswer a;
  const DrawTotals dt = draw_totals(race, forecast_to, level);
  a.total_median = dt.median;
  a.total_low = dt.low;
  a.total_high = dt.high;
  a.total_cap_high = dt.cap_high;
  a.total_draws = dt.draws;
  a.race = race.name;
  a.actors = race.no_cap.actors.size();
  a.regime = armsrace::to_string(race.stability.regime);
  a.stable = race.stability.stable;
  a.holdout_mape = race.holdout.mape_overall;
  a.naive_mape = race.holdout.naive_mape_overall;
  a.forecast_to = forecast_to;
  const std::size_t last = race.no_cap.values.size() - 1;
  double eq = 0;
  for (std::size_t i = 0; i < a.actors; ++i) {
    a.total_no_cap += race.no_cap.values[last][i];
    a.total_last_observed += race.data.values.back()[i];
    if (race.stability.equilibrium_exists) eq += race.stability.equilibrium[i];
  }
  if (race.stability.equilibrium_exists) a.equilibrium_total = eq;
  const std::string wanted = q.reaction.size() == 2 ? fmt::format("k[{},{}]", q.reaction[0], q.reaction[1]) : "";
  for (const auto& eqn : race.fit.equations)
    for (const auto& c : eqn.coefficients) {
      if (c.name.rfind("k[", 0) != 0) continue;
      if (c.name == wanted) a.reaction = Coefficient{c.name, c.estimate, c.ci_low, c.ci_high};
      if (c.ci_low > 0 || c.ci_high < 0) a.significant.push_back({c.name, c.estimate, c.ci_low, c.ci_high});
    }
  if (!wanted.empty() && !a.reaction)
    throw InputError(q.where, fmt::format("key 'questions.reaction' of question '{}'", q.id),
                     fmt::format("names {}, which the fitted {} race does not have (actors: {})", wanted, race.name,
                                 fmt::join(race.data.actors, ", ")));
  return a;
}

// Fewer reference cases than this known on as_of: the game keeps its documented default
// lambda and congress_pressure, and the answer says so (docs/scenario.md).
constexpr std::size_t kMinCalibrationCases = 4;

std::string clamp_caveat(const ClampRecord& c, int n) {
  const std::string raw = c.raw_min == c.raw_max ? fmt::format("{:.4g}", c.raw_min)
                                                 : fmt::format("{:.4g} to {:.4g}", c.raw_min, c.raw_max);
  std::string where;
  if (c.in_baseline) where = "in the baseline run";
  where += fmt::format("{}in {} of {} replicates", where.empty() ? "" : " and ", c.replicates, n);
  return fmt::format("input {} was outside its bound {} (raw {}) and held at the bound {}", c.input, c.bound, raw, where);
}

// The games answer (docs/scenario.md, "The games answer"): the distribution of modal
// equilibrium paths, the calibrated P(each US response), the leave-one-out score and the
// bargaining models on the response issue beside it.
GameAnswer game_answer(const Question& q, const Scenario& s, const Plan& plan, const Evaluation& base,
                       const std::vector<const Evaluation*>& ok, const std::optional<games::S400Calibration>& cal,
                       const std::vector<std::string>& cases, double level) {
  const double qlo = (1 - level) / 2, qhi = 1 - qlo;
  GameAnswer g;
  std::vector<const Evaluation*> used;
  std::map<std::string, ClampRecord> dropped;
  for (const Evaluation* e : ok) {
    if (e->game.ok) {
      used.push_back(e);
      continue;
    }
    auto [it, fresh] = dropped.try_emplace(e->game.drop_key,
                                           ClampRecord{e->game.drop_key, e->game.drop_bound, e->game.drop_raw, e->game.drop_raw, false, 0});
    if (!fresh) it->second.raw_min = std::min(it->second.raw_min, e->game.drop_raw), it->second.raw_max = std::max(it->second.raw_max, e->game.drop_raw);
    ++it->second.replicates;
  }
  for (auto& [k, d] : dropped) g.dropped.push_back(d);
  const int n = static_cast<int>(used.size());
  g.replicates_used = n;
  // Paths.
  std::map<std::string, int> freq;
  for (const Evaluation* e : used) ++freq[e->game.path];
  for (const auto& [p, k] : freq) g.paths.push_back({p, wilson(k, n, level)});
  std::stable_sort(g.paths.begin(), g.paths.end(), [](const auto& x, const auto& y) { return x.share.k > y.share.k; });
  g.outcome = base.game.path;
  g.most_frequent = g.paths.empty() ? std::string() : g.paths.front().path;
  g.holds = wilson(freq[base.game.path], n, level);
  // US responses.
  auto summary = [&](const std::string& name, auto&& f) {
    GameAnswer::Response r;
    r.name = name;
    r.baseline = f(base);
    std::vector<double> v;
    for (const Evaluation* e : used) v.push_back(f(*e));
    r.median = quantile(v, 0.5), r.low = quantile(v, qlo), r.high = quantile(v, qhi);
    return r;
  };
  std::array<int, games::kTreeUsMoves> modal{};
  for (const Evaluation* e : used) {
    const auto& u = e->game.us;
    ++modal[static_cast<std::size_t>(std::max_element(u.begin(), u.end()) - u.begin())];  // ties: the first
  }
  for (std::size_t k = 0; k < static_cast<std::size_t>(games::kTreeUsMoves); ++k) {
    auto r = summary(games::kTreeUsNames[k], [k](const Evaluation& e) { return e.game.us[k]; });
    r.modal = wilson(modal[k], n, level);
    g.us_responses.push_back(std::move(r));
  }
  int any = 0;
  for (const Evaluation* e : used) any += e->game.us[0] < 0.5;
  g.any_measure = summary("any measure (F-35 exclusion, CAATSA or broad)", [](const Evaluation& e) { return 1 - e.game.us[0]; });
  g.any_measure.modal = wilson(any, n, level);
  // Calibration.
  g.reference_class = s.reference_class;
  g.calibration_as_of = to_string(s.as_of);
  g.calibration_cases = cases;
  g.calibrated = cal.has_value();
  g.lambda = plan.lambda, g.congress_pressure = plan.congress_pressure;
  if (cal) {
    g.calibration_cases = cal->fit_ids;
    g.loo_brier_game = cal->brier_game, g.loo_brier_base = cal->brier_base;
    g.loo_log_game = cal->log_game, g.loo_log_base = cal->log_base;
  }
  // The bargaining models the question names, on its response issue.
  if (plan.response_issue >= 0) {
    const auto ku = static_cast<std::size_t>(plan.response_issue);
    const auto& spec = s.issues[ku];
    g.bargaining_issue = spec.id;
    g.threshold = spec.threshold;
    for (const std::string model : {"smp", "bdm"}) {
      if (std::find(q.models.begin(), q.models.end(), model) == q.models.end()) continue;
      const bool own = model == spec.model;
      auto value = [&](const Evaluation& e) { return own ? e.issues[ku].forecast : e.issues[ku].other_forecast; };
      GameAnswer::Bargaining b;
      b.model = model;
      b.baseline = value(base);
      std::vector<double> v;
      int above = 0, finite = 0;
      for (const Evaluation* e : ok) {
        const double x = value(*e);
        v.push_back(x);
        if (std::isfinite(x)) ++finite, above += x > spec.threshold;
      }
      b.median = quantile(v, 0.5), b.low = quantile(v, qlo), b.high = quantile(v, qhi);
      b.above = wilson(above, finite, level);
      b.agreement = game_bargaining_agreement(g.any_measure.median, g.any_measure.low, g.any_measure.high, b.above);
      g.bargaining.push_back(std::move(b));
    }
  }
  return g;
}

}  // namespace

ScenarioResult run_scenario(const Scenario& s, const RunOptions& options, const CancelToken& cancel) {
  if (!s.world) throw InputError("run_scenario: the scenario has no World (load it with load_scenario)");
  return run_scenario(s, *s.world, options, cancel);
}

ScenarioResult run_scenario(const Scenario& s, const World& full_world, const RunOptions& options,
                            const CancelToken& cancel) {
  options.validate();
  const auto t0 = std::chrono::steady_clock::now();
  ScenarioResult res;
  res.scenario_name = s.name;
  res.scenario_path = s.path;
  res.scenario_description = s.description;
  res.as_of = s.as_of;
  res.history_from = s.history_from;
  res.history_to = s.history_to;
  res.forecast_to = s.forecast_to;
  res.program_version = version();
  for (const auto& f : full_world.files) res.datasets.push_back({f.role, f.path, f.sha256, "", "", "", {}});
  // Titles, versions and citations from the dataset registry (data/datasets.csv); a file it
  // does not list keeps its path and hash only, and the notes say so.
  try {
    const io::Registry reg = io::load_registry(data_dir());
    for (auto& d : res.datasets) {
      const io::DatasetEntry* e = reg.for_path(d.path);
      if (!e) continue;
      d.name = e->name, d.title = e->title, d.version = e->version, d.bibtex_keys = e->bibtex_keys;
      for (const auto& k : e->bibtex_keys)
        if (auto it = reg.bibtex.find(k); it != reg.bibtex.end()) res.references[k] = it->second;
    }
  } catch (const InputError& e) {
    res.notes.push_back(std::string("dataset registry not read: ") + e.what());
  }
  res.seed = options.seed.value_or(s.seed);
  res.threads = options.threads.value_or(s.threads);
  if (res.threads == 0) res.threads = default_threads();
  const int n = options.replicates.value_or(s.replicates);
  res.replicates = n;
  res.interval_level = options.interval_level;
  const double qlo = (1 - options.interval_level) / 2, qhi = 1 - qlo;

  // The information date: no model sees a row after history_to or a dated fact after as_of.
  const World world = cut_at(full_world, s.history_to, s.as_of);
  Plan plan = make_plan(s);
  // The crisis game's calibration, once per run, on the reference class as known on as_of.
  std::optional<games::S400Calibration> calibration;
  std::vector<std::string> calibration_cases;
  std::string calibration_open_case;  ///< the game's own buyer's case, open on as_of and left out
  if (plan.game) {
    games::S400TreeInputs cal_base;  // the documented defaults, with the scenario's overrides
    for (const auto& [k, v] : s.game_inputs)
      if (k != "lambda" && k != "congress_pressure") cal_base.*(games::s400_tree_field(k).member) = v;
    const auto cases = games::read_reference_class(s.reference_class);
    auto obs = games::s400_case_observations(cases, to_string(s.as_of));
    // The game forecasts the US response to its own buyer's purchase: while no response to
    // that case is on record on as_of (a fact known on as_of), the case is open, not a
    // "Tolerate", and leaves the fit (docs/games.md, "In the scenario").
    int buyer = 0;
    for (const auto& c : world.builtin.countries)
      if (c.abb == plan.game->players.turkiye) buyer = c.ccode;
    const std::string as_of = to_string(s.as_of);
    for (const auto& c : cases) {
      std::string date = c.response_date;
      if (date.size() == 4) date += "-12-31";
      if (date.size() == 7) date += "-31";
      if (c.buyer_ccode != buyer || (!date.empty() && date <= as_of)) continue;
      const auto before = obs.size();
      std::erase_if(obs, [&](const games::S400CaseObs& o) { return o.id == c.id; });
      if (obs.size() != before) calibration_open_case = c.id;
    }
    for (const auto& o : obs) calibration_cases.push_back(o.id);
    if (obs.size() >= kMinCalibrationCases) {
      calibration = games::calibrate_s400_tree(cal_base, obs);
      plan.lambda = calibration->lambda;
      plan.congress_pressure = calibration->congress_pressure;
    }
    const std::string text = io::read_text_file(s.reference_class, std::size_t{16} << 20);
    res.datasets.push_back({"reference_class", s.reference_class, store::sha256_hex(text), "", "", "", {}});
  }
  Inputs in = detail::prepare_inputs(s, world);
  // The game reads S on the same system as the alignment answer (issue 12, item 7): the full
  // state system of the alliance data unless the scenario asks for the ties table.
  // Built once: the alignment answer below reads the same source.
  std::optional<detail::SimilaritySource> sim_source;
  if (plan.game || plan.alignment) sim_source = detail::similarity_source(world, s, in.portfolio);
  std::string game_similarity_note;
  if (plan.game) {
    const detail::SimilaritySource& src = *sim_source;
    const GamePlayers& pl = plan.game->players;
    plan.s_tr_us = detail::similarity(src, ccode(in, pl.turkiye), ccode(in, pl.us));
    plan.s_tr_ru = detail::similarity(src, ccode(in, pl.turkiye), ccode(in, pl.russia));
    if (std::isfinite(plan.s_tr_us) && std::isfinite(plan.s_tr_ru)) {
      plan.s_source = src.name;
      game_similarity_note = fmt::format("the game's alliance similarity (S {}-{} {:.3g}, {}-{} {:.3g}) is taken over {}",
                                         pl.turkiye, pl.us, plan.s_tr_us, pl.turkiye, pl.russia, plan.s_tr_ru, src.name);
    } else {
      game_similarity_note = fmt::format(
          "the game's alliance similarity comes from the hand-made ties table ({}), not a full state system: {}",
          world.path_of("ties"), src.unavailable.empty() ? "a player is not in the system" : src.unavailable);
    }
  }
  for (const auto& c : world.builtin.countries) res.state_names[c.abb] = c.name;
  // Baseline.
  Evaluation base = evaluate(s, plan, in, in.panel, in.issues, {}, true);

  // Arms race outlook (its own bootstrap supplies the forecast bands).
  armsrace::Outlook outlook;
  if (plan.armsrace) {
    armsrace::OutlookOptions ao;
    ao.fit_from = s.history_from;
    ao.holdout_last_fit_year = s.holdout_last_fit_year;
    ao.forecast_to = s.forecast_to;
    ao.cap_fraction = s.cap_fraction;
    ao.bootstrap_replicates = s.bootstrap_replicates;
    ao.seed = res.seed;
    ao.threads = res.threads;
    ao.band_level = options.interval_level;
    // Both races in one call (milex with the seed, warheads with seed + 1); a race no
    // question asks about is not computed: its slot repeats the other series.
    const bool m = world.series.count("milex") > 0, w = world.series.count("warheads") > 0;
    if (!m && !w) throw InputError(fmt::format("{}: an armsrace question is asked but the World holds no arms-race series", s.path));
    const armsrace::Series& ms = world.series.at(m ? "milex" : "warheads");
    const armsrace::Series& ws = world.series.at(w ? "warheads" : "milex");
    // The warhead cap acts on deployed strategic warheads (docs/armsrace.md), when the data
    // the scenario sees carry them.
    ao.deployed_limit = s.deployed_limit;
    std::optional<armsrace::Series> deployed;
    if (w) deployed = detail::load_deployed_strategic(ws.actors, world.last_year, res.datasets, res.notes);
    outlook = armsrace::default_actor_analysis(ms, ws, ao, deployed ? &*deployed : nullptr);
    outlook.milex.name = "milex";
    outlook.warheads.name = "warheads";
    if (m) res.races.push_back(race_series(outlook.milex));
    if (w) {
      res.races.push_back(race_series(outlook.warheads));
      ArmsraceAnswer unused;
      detail::add_deployed_cap(outlook.warheads, s.forecast_to, unused, &res.races.back());
    }
    for (auto& x : res.races) x.show_noncredible = s.show_noncredible;
  }

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
        detail::ClampLog held;
        detail::perturb(s, in, rng, panel, issues, offsets, &held);
        reps[i] = evaluate(s, plan, in, panel, issues, offsets, false);
        for (const auto& [k, h] : held) reps[i].clamps[k] = h;
        // A replicate keeps only what the intervals use (coalition totals, forecasts, the
        // game's outcome): measured 100,000 replicates at 242 MB peak, so the schema's
        // 1,000,000-replicate maximum needs about 2.5 GB (docs/limits.md).
        reps[i].shares.clear();
        reps[i].concentration = {};
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
  const int n_ok = res.replicates_done;
  const std::size_t ny = base.years.size();
  const std::size_t c0 = plan.first, c1 = plan.second;
  const int last_year = ny ? base.years.back() : s.history_to;
  const int first_year = ny ? base.years.front() : s.history_from;
  auto ratio_of = [&](const Evaluation& e, std::size_t i, std::size_t x, std::size_t y) {
    return at(e.coalition_totals[y], i) > 0 ? at(e.coalition_totals[x], i) / at(e.coalition_totals[y], i) : kNaN;
  };
  auto ratio_at = [&](const Evaluation& e, std::size_t i) { return ratio_of(e, i, c0, c1); };

  // ---- inputs held at a bound: baseline, replicates, and shocks (which hold in every run) ----
  std::map<std::string, ClampRecord> clamps;
  auto note_hold = [&](const std::string& k, const detail::ClampHit& h, bool baseline, int reps_held) {
    auto [it, fresh] = clamps.try_emplace(k, ClampRecord{k, h.bound, h.raw_min, h.raw_max, false, 0});
    ClampRecord& c = it->second;
    if (!fresh) c.raw_min = std::min(c.raw_min, h.raw_min), c.raw_max = std::max(c.raw_max, h.raw_max);
    c.in_baseline = c.in_baseline || baseline;
    c.replicates += reps_held;
  };
  for (const auto& [k, h] : in.clamps) note_hold(k, h, true, n_ok);
  for (const auto& [k, h] : base.clamps) note_hold(k, h, true, 0);
  for (const Evaluation* e : ok)
    for (const auto& [k, h] : e->clamps) note_hold(k, h, false, 1);
  // Every hold whose input name starts with one of `prefixes` becomes a record and a caveat.
  auto attach_clamps = [&](Answer& a, const std::vector<std::string>& prefixes) {
    for (const auto& [k, c] : clamps) {
      bool match = false;
      for (const auto& p : prefixes) match = match || k.rfind(p, 0) == 0;
      if (!match) continue;
      a.clamps.push_back(c);
      a.caveats.push_back(clamp_caveat(c, n_ok));
    }
  };

  // ---- alignment quantities ----
  // Drift on one ideal-point series, S over a named system (issue 12, item 7; drift.h).
  std::map<const Question*, detail::DriftQuestion> drifts;
  if (plan.alignment) {
    AlignmentSeries al;
    al.system_size = sim_source->states;
    al.system_name = sim_source->unavailable.empty() ? sim_source->name : "unavailable: " + sim_source->unavailable;
    al.as_of = s.as_of;
    auto add_similarity = [&](const std::string& a, const std::string& b) {
      for (const auto& x : al.current_similarity)
        if (x.a == a && x.b == b) return x.s;
      double v = detail::similarity(*sim_source, ccode(in, a), ccode(in, b));
      al.current_similarity.push_back({a, b, v});
      return v;
    };
    for (const auto& q : s.questions) {
      if (q.module != "alignment") continue;
      auto d = detail::drift_for_question(world, s, q, options.interval_level);
      al.drifts.push_back(detail::drift_series(d));
      add_similarity(q.target, q.comparators[0]);
      add_similarity(q.target, q.comparators[1]);
      drifts[&q] = std::move(d);
    }
    if (plan.game) {
      add_similarity(plan.game->players.turkiye, plan.game->players.us);
      add_similarity(plan.game->players.turkiye, plan.game->players.russia);
    }
    // NATO cohesion now: mean and minimum pairwise S among the members in the current portfolio.
    {
      auto members = power::nato_members_on(world.builtin.nato, s.as_of);
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
      al.cohesion_members = static_cast<int>(members.size());
      al.cohesion_pairs = pairs;
      al.cohesion_mean = pairs ? sum / pairs : kNaN;
      al.cohesion_min = pairs ? mn : kNaN;
    }
    // With COW alliance data: NATO cohesion from alliance portfolios, from the first accession
    // in the membership table to the alliance data's last year (or history_to, if earlier).
    if (world.has("cow_alliances") && !world.builtin.nato.empty() && !world.cow_dyads.empty()) {
      int first = world.builtin.nato.front().accession.year, last = 0;
      for (const auto& m : world.builtin.nato) first = std::min(first, m.accession.year);
      for (const auto& d : world.cow_dyads) last = std::max({last, d.start.year, d.end ? d.end->year : 0});
      last = std::min(last, s.history_to);
      if (first <= last) {
        auto ports = alignment::Portfolios::from_cow(world.cow_states, world.cow_dyads, first, last);
        alignment::CapabilityWeights no_weights(std::vector<power::CincValue>{});
        std::vector<alignment::MembershipSpell> spells;
        for (const auto& m : world.builtin.nato) spells.push_back({m.ccode, m.abb, m.accession, m.exit, m.line});
        auto coh = alignment::cohesion(ports, no_weights, spells, first, last);
        al.has_cohesion_series = true;
        for (const auto& pt : coh.points)
          al.cohesion_years.push_back(pt.year), al.cohesion_mean_s.push_back(pt.mean), al.cohesion_min_s.push_back(pt.min);
        al.cohesion_source = world.path_of("cow_alliances");
        in.notes.push_back(fmt::format("NATO cohesion {}-{} from COW alliances: {}", first, last, al.cohesion_source));
      }
    }
    res.alignment = std::move(al);
  }

  // ---- answers ----
  for (const auto& q : s.questions) {
    Answer a;
    a.id = q.id;
    a.question = q.text;
    a.module = q.module;
    a.target = q.target;
    if (q.module == "power") {
      const std::size_t x = q.coalitions.size() == 2 ? coalition_index(s, q.coalitions[0], q) : 0;
      const std::size_t y = q.coalitions.size() == 2 ? coalition_index(s, q.coalitions[1], q) : 1;
      a.baseline = ratio_of(base, ny - 1, x, y);
      auto v = ens([&](const Evaluation& e) { return ratio_of(e, ny - 1, x, y); });
      a.value = quantile(v, 0.5);
      a.low = quantile(v, qlo);
      a.high = quantile(v, qhi);
      a.unit = "ratio";
      a.ensemble_size = n_ok;
      a.interval_source = "ensemble";
      PowerAnswer p;
      p.first = s.coalitions[x].first;
      p.second = s.coalitions[y].first;
      p.first_year = first_year;
      p.last_year = last_year;
      p.ratio_first_year = ratio_of(base, 0, x, y);
      p.single_state = plan.single_state;
      p.ratio_vs_single = kNaN;
      if (!plan.single_state.empty()) {
        const int cc = ccode(in, plan.single_state);
        const double alone = base.shares.count(cc) ? at(base.shares.at(cc), ny - 1) : kNaN;
        p.ratio_vs_single = at(base.coalition_totals[x], ny - 1) / alone;
      }
      a.verdict = power_verdict(p.ratio_first_year, a.low, a.high);
      // The ratio under each single indicator (baseline inputs, last history year).
      for (std::size_t k = 0; k < in.panel.indicators.size(); ++k) {
        power::CompositeOptions one;
        one.weights.assign(in.panel.indicators.size(), 0.0);
        one.weights[k] = 1;
        double ratio = kNaN;
        try {
          auto bal = power::capability_balance(in.panel, one, in.coalitions, in.ctx, s.history_to, s.history_to);
          if (!bal.years.empty() && bal.years.back().coalition_totals[y] > 0)
            ratio = bal.years.back().coalition_totals[x] / bal.years.back().coalition_totals[y];
        } catch (const InputError&) {
          ratio = kNaN;  // an indicator with no data in that year: shown as n/a
        }
        p.by_indicator.emplace_back(in.panel.indicators[k], ratio);
      }
      a.datasets = {"capabilities", "countries", "nato_members"};
      if (!s.theatres.empty()) a.datasets.push_back("theatres");
      attach_clamps(a, {"capability:"});
      // The ratio under CINC where the scenario's NMC file covers the years (issue 12, item 6).
      detail::attach_cinc(a, p, world.nmc, res.datasets, in.coalitions[x], in.coalitions[y], in.ctx, s.history_to);
      a.power = p;
    } else if (q.module == "alignment") {
      detail::fill_alignment_answer(a, drifts.at(&q), *sim_source, world, options.interval_level);
    } else if (q.module == "armsrace") {
      if (!world.series.count(q.target))
        throw InputError(q.where, fmt::format("key 'questions.target' of question '{}'", q.id),
                         fmt::format("names the {} race, whose series the World does not hold", q.target));
      const auto& race = q.target == "milex" ? outlook.milex : outlook.warheads;
      ArmsraceAnswer ar = race_answer(race, q, s.forecast_to, options.interval_level);
      ar.cap_fraction = s.cap_fraction;
      pick_forecaster(race, s.forecast_to, options.interval_level, ar, res.notes);
      detail::add_deployed_cap(race, s.forecast_to, ar, nullptr);
      for (auto& x : res.races)
        if (x.name == race.name) x.backtest_rel_mae = ar.richardson_rel_mae;
      a.interval_source = "bootstrap";
      a.datasets = {"series:" + q.target};
      if (ar.reaction) {
        a.value = ar.reaction->estimate;
        a.low = ar.reaction->low;
        a.high = ar.reaction->high;
        a.unit = ar.reaction->name;
      } else {
        a.value = ar.total_median;
        a.baseline = ar.total_no_cap;
        a.low = ar.total_low;
        a.high = ar.total_high;
        a.unit = race.data.units.empty() ? q.target : race.data.units;
      }
      // Issue 12, item 5: a Richardson forecast whose backtest loses to no change (rel. MAE
      // >= 1 over its pooled pairs) is not credible either.
      const bool credible = ar.stable && ar.holdout_mape < ar.naive_mape && !(ar.richardson_rel_mae >= 1);
      a.verdict = credible ? Verdict::kForecastUsable : Verdict::kForecastNotUsable;
      a.armsrace = ar;
    } else if (q.module == "bargaining") {
      const int k = issue_index(s, q.target);
      const auto ku = static_cast<std::size_t>(k);
      const auto& spec = s.issues[ku];
      a.baseline = base.issues[ku].forecast;
      auto v = ens([&](const Evaluation& e) { return e.issues[ku].forecast; });
      a.value = quantile(v, 0.5);
      a.low = quantile(v, qlo);
      a.high = quantile(v, qhi);
      a.ensemble_size = n_ok;
      a.interval_source = "ensemble";
      double p = 0;
      for (double x : v) p += x > spec.threshold;
      BargainingAnswer b;
      b.issue = spec.id;
      b.title = spec.title;
      b.model = spec.model;
      b.scale_min = in.issues[ku].scale_min;
      b.scale_max = in.issues[ku].scale_max;
      b.low_label = spec.low_label;
      b.high_label = spec.high_label;
      b.threshold = spec.threshold;
      b.p_above = v.empty() ? kNaN : p / static_cast<double>(v.size());
      b.above = wilson(static_cast<int>(p), static_cast<int>(v.size()), options.interval_level);
      // The other model on the same inputs; the headline interval covers both models'.
      b.model_low = a.low, b.model_high = a.high;
      // The question may name its own model alone (key `models`): then no other model is shown.
      const std::string other_model = spec.model == "smp" ? "bdm" : "smp";
      const bool with_other = q.models.empty() || std::find(q.models.begin(), q.models.end(), other_model) != q.models.end();
      auto w = ens([&](const Evaluation& e) { return e.issues[ku].other_forecast; });
      ModelForecast other;
      other.model = spec.model == "smp" ? "bdm" : "smp";
      other.baseline = base.issues[ku].other_forecast;
      other.median = quantile(w, 0.5);
      other.low = quantile(w, qlo);
      other.high = quantile(w, qhi);
      if (with_other && std::isfinite(other.low) && std::isfinite(other.high)) {
        a.low = std::min(a.low, other.low);
        a.high = std::max(a.high, other.high);
      }
      if (with_other) b.other = other;
      a.unit = fmt::format("on {}-{}", b.scale_min, b.scale_max);
      a.datasets = {"issue:" + spec.id};
      attach_clamps(a, {"issue:" + spec.id + " "});
      // Tornado: the own model on the baseline inputs, one input moved at a time (issue 12, item 6).
      b.tornado = detail::issue_tornado(s, spec, in.issues[ku], res.threads);
      a.bargaining = b;
    } else if (q.module == "games") {
      a.game = game_answer(q, s, plan, base, ok, calibration, calibration_cases, options.interval_level);
      const GameAnswer& g = *a.game;
      // Headline: the game's P(any US measure), ensemble median; the interval covers the game's
      // and each named bargaining model's P(forecast > threshold) Wilson interval (issue 12, item 3).
      a.value = g.any_measure.median;
      a.baseline = g.any_measure.baseline;
      a.low = g.any_measure.low, a.high = g.any_measure.high;
      for (const auto& b : g.bargaining)
        if (std::isfinite(b.above.low) && std::isfinite(b.above.high))
          a.low = std::min(a.low, b.above.low), a.high = std::max(a.high, b.above.high);
      a.unit = "probability that the US imposes a measure";
      a.ensemble_size = g.replicates_used;
      a.interval_source = "ensemble";
      a.datasets = {"capabilities", "ties", "reference_class"};
      std::vector<std::string> prefixes{"game.", "capability:"};
      for (const auto& id : {q.players.activate_issue, q.players.response_issue})
        if (!id.empty()) a.datasets.push_back("issue:" + id), prefixes.push_back("issue:" + id + " ");
      attach_clamps(a, prefixes);
      for (const auto& d : g.dropped)
        a.caveats.push_back(fmt::format(
            "{} was outside its range {} (raw {}) in {} of {} replicates: those replicates are left out of the game's "
            "distribution (nothing clipped)",
            d.input, d.bound, d.raw_min == d.raw_max ? fmt::format("{:.4g}", d.raw_min) : fmt::format("{:.4g} to {:.4g}", d.raw_min, d.raw_max),
            d.replicates, n_ok));
      if (!game_similarity_note.empty()) a.caveats.push_back(game_similarity_note);
      if (!calibration_open_case.empty())
        a.caveats.push_back(fmt::format("the case forecast, {}, is left out of the calibration: no US response to it was on "
                                        "record on {}, so it was open, not a case of toleration",
                                        calibration_open_case, g.calibration_as_of));
      if (!g.calibrated)
        a.caveats.push_back(fmt::format("only {} reference cases known on {} (fewer than {}): the game uses its documented "
                                        "defaults lambda = {} and congress_pressure = {}, uncalibrated",
                                        g.calibration_cases.size(), g.calibration_as_of, kMinCalibrationCases,
                                        format_value(g.lambda), format_value(g.congress_pressure)));
      for (const auto& name : base.game.detail->overrides_not_applicable)
        a.caveats.push_back(fmt::format("scenario override game.{} belongs to the old S-400 template and is not used by "
                                        "the rebuilt game", name));
    }
    res.answers.push_back(std::move(a));
  }

  // ---- series ----
  {
    PowerSeries p;
    p.years = base.years;
    for (std::size_t c = 0; c < in.coalitions.size(); ++c) {
      CoalitionSeries cs;
      cs.label = in.coalitions[c].label;
      cs.total = base.coalition_totals[c];
      cs.low.resize(ny);
      cs.high.resize(ny);
      for (std::size_t i = 0; i < ny; ++i) {
        auto v = ens([&](const Evaluation& e) { return at(e.coalition_totals[c], i); });
        cs.low[i] = quantile(v, qlo);
        cs.high[i] = quantile(v, qhi);
      }
      p.coalitions.push_back(std::move(cs));
    }
    for (const auto& abb : s.focus) p.shares.emplace_back(abb, base.shares[ccode(in, abb)]);
    p.concentration = base.concentration;
    p.theatres = base.theatre;
    p.single_state = plan.single_state;
    res.power = std::move(p);
  }
  for (std::size_t k = 0; k < s.issues.size(); ++k) {
    auto v = ens([&](const Evaluation& e) { return e.issues[k].forecast; });
    IssueSeries is;
    is.id = s.issues[k].id;
    is.title = s.issues[k].title;
    is.model = s.issues[k].model;
    is.forecast = base.issues[k].forecast;
    is.low = quantile(v, qlo);
    is.high = quantile(v, qhi);
    is.median = quantile(v, 0.5);
    is.turns = base.issues[k].turns;
    for (const auto& a : in.issues[k].actors) is.actors.push_back(a.name);
    is.history = base.issues[k].history;
    res.issues.push_back(std::move(is));
    res.issue_ids.push_back(s.issues[k].id);
  }
  if (plan.game) {
    GameSeries g;
    const auto& t = *base.game.detail;
    const GamePlayers& pl = plan.game->players;
    g.players = {{"turkiye", pl.turkiye}, {"us", pl.us}, {"russia", pl.russia}};
    for (const auto& f : games::s400_tree_fields()) {
      auto it = t.source.find(f.name);
      g.inputs.push_back({f.name, t.inputs.*(f.member), it == t.source.end() ? std::string() : it->second});
    }
    g.summary = t.result.summary();
    for (const Evaluation* e : ok)
      if (e->game.ok) ++g.outcome_frequency[e->game.path];
    res.game = std::move(g);
  }
  for (const auto& x : s.shocks) res.shocks.push_back({x.date, x.label, x.rationale});
  // Nowcast cells, drawn or held at their point values: a caveat on every answer that uses
  // the capability table (scenario/nowcasts.h). The context the scenario names, as known at
  // the information date (scenario/context_detail.h).
  res.nowcasts = detail::describe_nowcasts(s, world.builtin.capabilities);
  if (const std::string cav = detail::nowcast_caveat(res.nowcasts); !cav.empty())
    for (auto& a : res.answers)
      if (std::find(a.datasets.begin(), a.datasets.end(), "capabilities") != a.datasets.end()) a.caveats.push_back(cav);
  if (!s.context_conflicts.empty() || !s.context_rivalries.empty()) res.context = detail::build_context(s, world);
  res.notes.insert(res.notes.begin(), in.notes.begin(), in.notes.end());
  res.ratio_label = s.coalitions[c0].first + "/" + s.coalitions[c1].first;
  res.ensemble.reserve(ok.size());
  for (const Evaluation* e : ok) {
    ReplicateRow row;
    row.ratio = ratio_at(*e, ny - 1);
    for (const auto& o : e->issues) row.issue_forecasts.push_back(o.forecast);
    row.game_outcome = e->game.ok ? e->game.path : "left out: " + e->game.drop_key;
    res.ensemble.push_back(std::move(row));
  }
  {
    std::string key = fmt::format("{}\n{}\n{}\n{}\n{}\n", res.program_version, s.path, res.seed, res.replicates_done,
                                  res.interval_level);
    for (const auto& d : res.datasets) key += d.role + " " + d.sha256 + "\n";
    res.run_id = store::sha256_hex(key).substr(0, 12);
  }
  res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

}  // namespace geobalance::scenario
