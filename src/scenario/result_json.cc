#include <algorithm>
#include <cmath>

#include "geobalance/scenario/result.h"
#include "scenario/context_detail.h"
#include "scenario/nowcasts.h"

namespace geobalance::scenario {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::kNone: return "none";
    case Verdict::kRatioUp: return "ratio_up";
    case Verdict::kRatioDown: return "ratio_down";
    case Verdict::kRatioSteady: return "ratio_steady";
    case Verdict::kCloserToFirst: return "closer_to_first";
    case Verdict::kCloserToSecond: return "closer_to_second";
    case Verdict::kNoMeasurableDifference: return "no_measurable_difference";
    case Verdict::kForecastUsable: return "forecast_usable";
    case Verdict::kForecastNotUsable: return "forecast_not_usable";
  }
  return "none";
}

namespace {

template <class ordered_json>
ordered_json coef(const Coefficient& c) {
  return {{"name", c.name}, {"estimate", c.estimate}, {"interval", {c.low, c.high}}};
}

template <class ordered_json>
ordered_json prob(const Probability& p) {
  return {{"k", p.k}, {"n", p.n}, {"wilson_interval", {p.low, p.high}}};
}

template <class ordered_json>
ordered_json answer_json(const Answer& a) {
  ordered_json j{{"id", a.id},         {"question", a.question}, {"module", a.module},
                 {"target", a.target}, {"value", a.value},       {"interval", {a.low, a.high}},
                 {"unit", a.unit},     {"ensemble_size", a.ensemble_size},
                 {"interval_source", a.interval_source},          {"verdict", to_string(a.verdict)},
                 {"caveats", a.caveats}, {"datasets", a.datasets}};
  // Added in schema 2.1 (existing fields keep their names): the headline is the ensemble
  // median ("value"), the unperturbed run is "baseline", intervals say their level.
  j["baseline"] = a.baseline;
  j["headline"] = a.interval_source == "ensemble" ? "ensemble_median"
                  : a.interval_source == "bootstrap" && a.armsrace && !a.armsrace->reaction ? "bootstrap_median" : "point";
  ordered_json cl = ordered_json::array();
  for (const auto& c : a.clamps)
    cl.push_back({{"input", c.input}, {"bound", c.bound}, {"raw", {c.raw_min, c.raw_max}},
                  {"in_baseline", c.in_baseline}, {"replicates", c.replicates}});
  j["clamped_inputs"] = cl;
  if (a.power) {
    const auto& p = *a.power;
    j["power"] = {{"first", p.first}, {"second", p.second}, {"first_year", p.first_year}, {"last_year", p.last_year},
                  {"ratio_first_year", p.ratio_first_year}, {"single_state", p.single_state},
                  {"ratio_vs_single", p.ratio_vs_single}};
    ordered_json bi = ordered_json::object();
    for (const auto& [k, v] : p.by_indicator) bi[k] = v;
    j["power"]["ratio_by_indicator"] = bi;
    j["power"]["ratio_cinc"] = {{"ratio", p.ratio_cinc}, {"year", p.cinc_year}, {"dataset", p.cinc_dataset}};
  }
  if (a.alignment) {
    const auto& x = *a.alignment;
    j["alignment"] = {{"focal", x.focal}, {"first", x.first}, {"second", x.second}, {"first_year", x.first_year},
                      {"last_year", x.last_year}, {"distance_first", x.distance_first},
                      {"distance_second", x.distance_second}, {"gap_first_year", x.gap_first_year},
                      {"gap_last_year", x.gap_last_year}, {"s_first", x.s_first}, {"s_second", x.s_second}};
    // issue 12, item 7: the series, the gap's interval, the reference and S's system.
    j["alignment"]["series"] = x.series;
    j["alignment"]["series_last_year"] = x.series_last_year;
    j["alignment"]["gap_interval"] = {x.gap_low, x.gap_high};
    j["alignment"]["change"] = {{"value", x.change}, {"low", x.change_low}, {"high", x.change_high},
                                {"verdict", to_string(x.movement)}};
    j["alignment"]["ideal_points"] = {{"focal", x.ip_focal}, {"first", x.ip_first}, {"second", x.ip_second},
                                      {"reference", x.ip_reference}, {"focal_votes", x.votes_focal}};
    j["alignment"]["reference"] = {{"name", x.reference}, {"members", x.reference_members}};
    j["alignment"]["portfolio"] = {{"system", x.portfolio_system}, {"year", x.portfolio_year},
                                   {"states", x.portfolio_states}, {"hand_made", x.portfolio_hand_made}};
  }
  if (a.armsrace) {
    const auto& x = *a.armsrace;
    ordered_json sig = ordered_json::array();
    for (const auto& c : x.significant) sig.push_back(coef<ordered_json>(c));
    j["armsrace"] = {{"race", x.race}, {"actors", x.actors}, {"regime", x.regime}, {"stable", x.stable},
                     {"holdout_mape_percent", x.holdout_mape}, {"naive_mape_percent", x.naive_mape},
                     {"reaction", x.reaction ? coef<ordered_json>(*x.reaction) : ordered_json(nullptr)},
                     {"significant_reactions", sig}, {"forecast_to", x.forecast_to},
                     {"total_no_cap", x.total_no_cap}, {"total_interval", {x.total_low, x.total_high}},
                     {"total_median", x.total_median}, {"total_draws", x.total_draws},
                     {"forecaster", {{"model", x.forecaster}, {"reason", x.forecaster_reason},
                                     {"score_line", x.forecaster_score}, {"total_median", x.forecaster_median},
                                     {"total_interval", {x.forecaster_low, x.forecaster_high}}}},
                     {"total_with_cap_high", x.total_cap_high}, {"total_last_observed", x.total_last_observed}, {"cap_fraction", x.cap_fraction},
                     {"equilibrium_total", x.equilibrium_total ? ordered_json(*x.equilibrium_total) : ordered_json(nullptr)}};
    // The backtest's pooled scores by model and horizon (the brief's "Track record" chart).
    ordered_json track = ordered_json::array();
    for (const auto& t : x.track)
      track.push_back({{"model", t.model}, {"horizon", t.horizon}, {"n", t.n}, {"mae", t.mae}, {"rel_mae", t.rel_mae},
                       {"crps", t.crps}, {"cover90", t.cover90}});
    j["armsrace"]["backtest"] = {{"origins", {x.track_first_origin, x.track_last_origin}}, {"pooled", track},
                                 {"richardson_rel_mae", x.richardson_rel_mae}};
    if (x.deployed) {
      const auto& d = *x.deployed;
      j["armsrace"]["deployed_cap"] = {{"label", d.label}, {"limit", d.limit}, {"share_year", d.share_year},
                                       {"actors", d.actors}, {"party", d.party}, {"share", d.share},
                                       {"observed", d.observed}, {"deployed", d.deployed}, {"with_cap", d.capped},
                                       {"moved_to_reserve", d.moved}, {"deployed_band", {{"low", d.deployed_low}, {"high", d.deployed_high}}}};
    }
  }
  if (a.bargaining) {
    const auto& x = *a.bargaining;
    j["bargaining"] = {{"issue", x.issue}, {"title", x.title}, {"model", x.model}, {"scale", {x.scale_min, x.scale_max}},
                       {"low_label", x.low_label}, {"high_label", x.high_label}, {"threshold", x.threshold},
                       {"p_above_threshold", x.p_above}, {"above_threshold", prob<ordered_json>(x.above)},
                       {"model_interval", {x.model_low, x.model_high}}};
    if (x.other)
      j["bargaining"]["other_model"] = {{"model", x.other->model}, {"median", x.other->median},
                                        {"interval", {x.other->low, x.other->high}}, {"baseline", x.other->baseline}};
    ordered_json tornado = ordered_json::array();
    for (const auto& t : x.tornado)
      tornado.push_back({{"actor", t.actor}, {"input", t.input}, {"step", t.step},
                         {"spread", t.input == "position" || t.input == "salience" ? (t.declared ? "declared" : "default") : "fixed"},
                         {"held_at_bound", t.held}, {"forecast_down", t.forecast_down}, {"forecast_up", t.forecast_up},
                         {"effect", t.effect}});
    j["bargaining"]["tornado"] = tornado;
  }
  if (a.game) {
    const auto& g = *a.game;
    j["game"] = {{"outcome", g.outcome}, {"most_frequent", g.most_frequent},
                 {"outcome_holds", prob<ordered_json>(g.holds)}, {"replicates_used", g.replicates_used}};
    ordered_json paths = ordered_json::array(), us = ordered_json::array(), bar = ordered_json::array(),
                 dropped = ordered_json::array();
    for (const auto& p : g.paths) paths.push_back({{"path", p.path}, {"replicates", prob<ordered_json>(p.share)}});
    auto response = [](const GameAnswer::Response& r) {
      return ordered_json{{"response", r.name}, {"baseline", r.baseline}, {"median", r.median},
                          {"interval", {r.low, r.high}}, {"modal", prob<ordered_json>(r.modal)}};
    };
    for (const auto& r : g.us_responses) us.push_back(response(r));
    for (const auto& b : g.bargaining)
      bar.push_back({{"model", b.model}, {"median", b.median}, {"interval", {b.low, b.high}}, {"baseline", b.baseline},
                     {"above_threshold", prob<ordered_json>(b.above)}, {"agreement", b.agreement}});
    for (const auto& d : g.dropped)
      dropped.push_back({{"input", d.input}, {"bound", d.bound}, {"raw_min", d.raw_min}, {"raw_max", d.raw_max},
                         {"replicates", d.replicates}});
    j["game"]["paths"] = paths;
    j["game"]["us_responses"] = us;
    j["game"]["any_measure"] = response(g.any_measure);
    j["game"]["calibration"] = {{"reference_class", g.reference_class}, {"as_of", g.calibration_as_of},
                                {"cases", g.calibration_cases}, {"calibrated", g.calibrated},
                                {"lambda", g.lambda}, {"congress_pressure", g.congress_pressure},
                                {"loo_brier", {{"game", g.loo_brier_game}, {"base_rate", g.loo_brier_base}}},
                                {"loo_log", {{"game", g.loo_log_game}, {"base_rate", g.loo_log_base}}}};
    j["game"]["bargaining"] = {{"issue", g.bargaining_issue}, {"threshold", g.threshold}, {"models", bar}};
    j["game"]["dropped"] = dropped;
  }
  return j;
}

template <class ordered_json>
ordered_json to_json_as(const ScenarioResult& r) {
  ordered_json R;
  R["schema"] = 2;
  R["scenario"] = {{"name", r.scenario_name},
                   {"path", r.scenario_path},
                   {"as_of", to_string(r.as_of)},
                   {"description", r.scenario_description},
                   {"history", {r.history_from, r.history_to}},
                   {"forecast_to", r.forecast_to}};
  R["run"] = {{"replicates", r.replicates},
              {"replicates_done", r.replicates_done},
              {"seed", r.seed},
              {"threads", r.threads},
              {"interval_level", r.interval_level},
              {"termination", r.termination == RunTermination::kCompleted ? "completed" : "cancelled"},
              {"program_version", r.program_version},
              {"wall_seconds", r.wall_seconds}};
  R["run"]["run_id"] = r.run_id;
  ordered_json ds = ordered_json::array();
  for (const auto& d : r.datasets) {
    ordered_json x{{"role", d.role}, {"path", d.path}, {"sha256", d.sha256}};
    if (!d.name.empty())
      x["registry"] = {{"name", d.name}, {"title", d.title}, {"version", d.version}, {"bibtex_keys", d.bibtex_keys}};
    ds.push_back(x);
  }
  R["datasets"] = ds;
  R["references"] = r.references;
  ordered_json answers = ordered_json::array();
  for (const auto& a : r.answers) answers.push_back(answer_json<ordered_json>(a));
  R["answers"] = answers;
  if (r.power) {
    const auto& p = *r.power;
    ordered_json j;
    j["years"] = p.years;
    j["coalitions"] = ordered_json::object();
    for (const auto& c : p.coalitions) j["coalitions"][c.label] = {{"total", c.total}, {"low", c.low}, {"high", c.high}};
    j["shares"] = ordered_json::object();
    for (const auto& [abb, v] : p.shares) j["shares"][abb] = v;
    j["concentration"] = p.concentration;
    j["theatres"] = p.theatres;
    j["single_state"] = p.single_state;
    R["power"] = j;
  }
  if (!r.races.empty()) {
    ordered_json a = ordered_json::object();
    for (const auto& x : r.races)
      a[x.name] = {{"actors", x.actors},
                   {"years", x.years},
                   {"observed", x.observed},
                   {"regime", x.regime},
                   {"stable", x.stable},
                   {"holdout_mape_percent", x.holdout_mape}, {"naive_mape_percent", x.naive_mape},
                   {"backtest_rel_mae", x.backtest_rel_mae},
                   {"forecast_times", x.forecast_times},
                   {"no_cap", x.no_cap},
                   {"with_cap", x.with_cap},
                   {"no_cap_band", {{"low", x.no_cap_low}, {"high", x.no_cap_high}}},
                   {"with_cap_band", {{"low", x.with_cap_low}, {"high", x.with_cap_high}}}};
    for (const auto& x : r.races)
      if (!x.deployed.empty())
        a[x.name]["deployed_strategic"] = {{"label", x.deployed_label}, {"limit", x.deployed_limit},
                                           {"no_cap", x.deployed}, {"with_cap", x.deployed_capped}};
    R["armsrace"] = a;
  }
  if (r.alignment) {
    const auto& al = *r.alignment;
    ordered_json drifts = ordered_json::array();
    for (const auto& d : al.drifts) {
      drifts.push_back({{"focal", d.focal}, {"first", d.first}, {"second", d.second}, {"years", d.years},
                        {"distance_first", d.distance_first}, {"distance_second", d.distance_second}});
      ordered_json tracks = ordered_json::array();
      for (const auto& t : d.tracks)
        tracks.push_back({{"name", t.name}, {"value", t.value}, {"low", t.low}, {"high", t.high}, {"votes", t.votes}});
      drifts.back()["series"] = d.series;
      drifts.back()["ideal_points"] = tracks;
      drifts.back()["gap"] = {{"value", d.gap}, {"low", d.gap_low}, {"high", d.gap_high}};
    }
    ordered_json sims = ordered_json::array();
    for (const auto& x : al.current_similarity) sims.push_back({{"a", x.a}, {"b", x.b}, {"s", x.s}});
    ordered_json j{{"drifts", drifts},
                   {"current_similarity", {{"pairs", sims}, {"system_size", al.system_size}, {"system", al.system_name}, {"as_of", to_string(al.as_of)}}},
                   {"current_cohesion", {{"members", al.cohesion_members}, {"pairs", al.cohesion_pairs},
                                         {"mean_s", al.cohesion_mean}, {"min_s", al.cohesion_min}}}};
    if (al.has_cohesion_series)
      j["nato_cohesion"] = {{"years", al.cohesion_years}, {"mean_s", al.cohesion_mean_s}, {"min_s", al.cohesion_min_s},
                            {"source", al.cohesion_source}};
    R["alignment"] = j;
  }
  if (!r.issues.empty()) {
    ordered_json b = ordered_json::object();
    for (const auto& x : r.issues)
      b[x.id] = {{"title", x.title},   {"model", x.model},   {"forecast", x.forecast}, {"interval", {x.low, x.high}},
                 {"median", x.median}, {"turns", x.turns},   {"actors", x.actors},     {"history", x.history}};
    R["bargaining"] = b;
  }
  if (r.game) {
    const auto& g = *r.game;
    ordered_json inputs = ordered_json::array(), paths = ordered_json::array(), sweeps = ordered_json::array();
    for (const auto& i : g.inputs) inputs.push_back({{"name", i.name}, {"value", i.value}, {"source", i.source}});
    for (const auto& p : g.paths)
      paths.push_back({{"turkiye", p.turkiye}, {"us", p.us}, {"russia", p.russia}, {"payoffs", p.payoffs}});
    for (const auto& sw : g.sweeps) {
      ordered_json pts = ordered_json::array();
      for (const auto& [v, t] : sw.points) pts.push_back({{"value", v}, {"paths", t}});
      sweeps.push_back({{"parameter", sw.parameter}, {"change_points", sw.change_points}, {"points", pts}});
    }
    R["games"] = {{"players", g.players},
                  {"baseline", {{"inputs", inputs}, {"paths", paths}, {"summary", g.summary}, {"sweeps", sweeps}}},
                  {"outcome_frequency", g.outcome_frequency}};
  }
  ordered_json sh = ordered_json::array();
  for (const auto& x : r.shocks) sh.push_back({{"date", to_string(x.date)}, {"label", x.label}, {"rationale", x.rationale}});
  R["shocks"] = sh;
  R["nowcasts"] = detail::nowcasts_json(r.nowcasts);
  if (r.context) R["context"] = detail::context_json(*r.context);
  R["notes"] = r.notes;
  return R;
}

}  // namespace

nlohmann::ordered_json to_json(const ScenarioResult& r) { return to_json_as<nlohmann::ordered_json>(r); }
nlohmann::json to_json_unordered(const ScenarioResult& r) { return to_json_as<nlohmann::json>(r); }

}  // namespace geobalance::scenario
