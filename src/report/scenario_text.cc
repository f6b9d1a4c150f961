#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

#include <fmt/format.h>

#include "geobalance/report/number.h"
#include "geobalance/report/scenario.h"

#include "report/context_section.h"
#include "report/sensitivity_charts.h"
#include "report/alignment_text.h"
#include "report/backtest_record.h"
#include "report/source_line.h"

namespace geobalance::report {

using nlohmann::json;
using scenario::Answer;
using scenario::ScenarioResult;
using scenario::Verdict;

namespace {

// Every number in a sentence: report::sig_digits (report/number.h; three significant digits
// unless a caller asks otherwise, "7,800", "1.23 million", "n/a").
std::string fmt_num(double x, int digits = 3) { return sig_digits(x, digits); }

std::string name_of(const ScenarioResult& r, const std::string& abb) {
  auto it = r.state_names.find(abb);
  return it == r.state_names.end() ? abb : it->second;
}

std::string coefficients(const std::vector<scenario::Coefficient>& cs) {
  std::string out;
  for (const auto& c : cs)
    out += fmt::format("{}{} = {} [{}, {}]", out.empty() ? "" : ", ", c.name, fmt_num(c.estimate, 2), fmt_num(c.low, 2),
                       fmt_num(c.high, 2));
  return out.empty() ? "none" : out;
}

// "90%" from the run's level.
std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string level_text(const ScenarioResult& r) { return fmt_num(r.interval_level * 100, 3) + "%"; }

// "(ensemble median; 90% interval 1.5-1.7; baseline run 1.61)"
std::string headline_bracket(const Answer& a, const ScenarioResult& r, const std::string& kind) {
  std::string out = fmt::format("({}; {} interval {}-{}", kind, level_text(r), fmt_num(a.low), fmt_num(a.high));
  if (std::isfinite(a.baseline)) out += fmt::format("; baseline run {}", fmt_num(a.baseline));
  return out + ")";
}

// "k of N replicates (90% Wilson interval a-b%)"
std::string probability_text(const scenario::Probability& p, const ScenarioResult& r) {
  if (p.n == 0) return "no replicates";
  return fmt::format("{} of {} replicates ({} Wilson interval {}-{}%)", p.k, p.n, level_text(r), fmt_num(p.low * 100),
                     fmt_num(p.high * 100));
}

// Inputs held at a bound, counted (the caveats themselves are listed with the answer).
std::string held_text(const Answer& a) {
  if (a.clamps.empty()) return "";
  return fmt::format("; {} input{} held at a documented bound (see caveats)", a.clamps.size(), a.clamps.size() == 1 ? "" : "s");
}

std::string power_sentence(const Answer& a, const ScenarioResult& r) {
  const auto& p = *a.power;
  std::string alone;
  if (!p.single_state.empty() && std::isfinite(p.ratio_vs_single))
    alone = fmt::format("; against {} alone it would be {}x", name_of(r, p.single_state), fmt_num(p.ratio_vs_single));
  // Rule (docs/scenario.md): up / down only when the first year's ratio lies outside the
  // last year's interval; inside it, no measurable change.
  const char* change = a.verdict == Verdict::kRatioDown ? "down from"
                       : a.verdict == Verdict::kRatioUp ? "up from"
                                                        : "no measurable change from";
  // Sensitivity to the index: the ratio by each indicator alone (baseline inputs).
  std::string by;
  for (const auto& [k, v] : p.by_indicator) by += fmt::format("{}{} {}", by.empty() ? "" : ", ", k, fmt_num(v));
  if (!by.empty()) by = "; by one indicator alone: " + by;
  if (std::isfinite(p.ratio_cinc)) by += fmt::format("; under {} {}", detail::cinc_label(p), fmt_num(p.ratio_cinc));
  return fmt::format("{} holds {}x the capability of {} in {} {}, {} {}x in {}{}{}{}", p.first, fmt_num(a.value), p.second,
                     p.last_year, headline_bracket(a, r, "ensemble median"), change, fmt_num(p.ratio_first_year),
                     p.first_year, alone, by, held_text(a));
}

// The drift answer (docs/alignment.md, "The scenario's drift answer"): report/alignment_text.cc.
std::string alignment_sentence(const Answer& a, const ScenarioResult& r) { return detail::alignment_answer_text(a, r); }

// The backtested forecaster beside the Richardson fit (docs/scenario.md): which model earns
// the forecast, its track record, and its total.
std::string forecaster_text(const scenario::ArmsraceAnswer& x, const ScenarioResult& r) {
  if (x.forecaster.empty()) return "";
  std::string out = fmt::format("; by backtest the forecaster is {} ({})", x.forecaster, x.forecaster_score);
  if (std::isfinite(x.forecaster_median))
    out += fmt::format(", its total for {} {} ({} interval {}-{})", x.forecast_to, fmt_num(x.forecaster_median),
                       level_text(r), fmt_num(x.forecaster_low), fmt_num(x.forecaster_high));
  return out;
}

std::string armsrace_sentence(const Answer& a, const ScenarioResult& r) {
  const auto& x = *a.armsrace;
  const bool usable = a.verdict == Verdict::kForecastUsable;
  // The fit's diagnostic (docs/scenario.md): it beats no change out of sample.
  const bool beats_no_change = std::isfinite(x.holdout_mape) && x.holdout_mape < x.naive_mape;
  const std::string check = fmt::format("out-of-sample MAPE {}% against {}% for no change", fmt_num(x.holdout_mape, 3),
                                        fmt_num(x.naive_mape, 3));
  const std::string use =
      usable ? "its forecasts are usable"
             : "its forecasts are not credible and are not used (no stable race that beats no change" +
                   (std::isfinite(x.richardson_rel_mae) ? fmt::format(" out of sample and in the backtest, whose rel. MAE is {:.2f}", x.richardson_rel_mae)
                                                        : std::string()) +
                   ")";
  if (x.reaction) {
    const auto& k = *x.reaction;
    // k[A,B]: A's reaction to B's level.
    const auto open = k.name.find('['), comma = k.name.find(','), close = k.name.find(']');
    std::string a_, b_;
    if (open != std::string::npos && comma != std::string::npos && close != std::string::npos)
      a_ = k.name.substr(open + 1, comma - open - 1), b_ = k.name.substr(comma + 1, close - comma - 1);
    const std::string pair = a_.empty() ? k.name : fmt::format("of {} to {}", a_, b_);
    // Rule: measurable when the interval excludes 0; "no measurable" only when it covers 0
    // and the fit passes its diagnostic; otherwise the data cannot tell.
    std::string call;
    if (k.low > 0 || k.high < 0)
      call = fmt::format("a measurable reaction {}", pair);
    else if (beats_no_change)
      call = fmt::format("no measurable reaction {}", pair);
    else
      call = fmt::format("the data cannot tell whether {} reacts to {} (the fit does not beat no change)",
                         a_.empty() ? k.name : a_, a_.empty() ? "the other side" : b_);
    return fmt::format("{}: {} = {} ({} interval {} to {}); significant reactions: {}; the fitted {}-actor race is a {} "
                       "with {}, so {}",
                       call, k.name, fmt_num(k.estimate, 2), level_text(r), fmt_num(k.low, 2), fmt_num(k.high, 2),
                       coefficients(x.significant), x.actors, x.regime, check, use) +
           forecaster_text(x, r);
  }
  const double upper = (1 + r.interval_level) / 2 * 100;
  std::string out = fmt::format(
      "the fitted race is a {}{}; without a cap the total reaches {} by {} (bootstrap median of {} draws; {} interval "
      "{}-{}; point estimate {}); {}",
      x.regime, x.equilibrium_total ? fmt::format(" converging near {}", fmt_num(*x.equilibrium_total, 3)) : std::string(),
      fmt_num(a.value, 3), x.forecast_to, x.total_draws, level_text(r), fmt_num(x.total_low, 3), fmt_num(x.total_high, 3),
      fmt_num(x.total_no_cap, 3),
      // The warhead cap acts on deployed strategic warheads (docs/armsrace.md); a spending cap
      // is a judgement freeze of the total.
      x.deployed ? detail::deployed_cap_clause(*x.deployed, x.forecast_to)
      : x.race == "warheads"
          ? std::string("there is no cap scenario: no treaty limited total stockpiles, and the data seen hold no "
                        "deployed strategic warheads (the quantity New START limited)")
                 : fmt::format("{} the last observed total ({}) cuts the {}th percentile from {} to {} ({} fewer)",
                               x.cap_fraction == 1 ? std::string("a freeze at") : fmt::format("a cap at {}x", fmt_num(x.cap_fraction)),
                               fmt_num(x.total_last_observed, 3), fmt_num(upper, 3), fmt_num(x.total_high, 3),
                               fmt_num(x.total_cap_high, 3), fmt_num(x.total_high - x.total_cap_high, 3)));
  // Rule: a stock or a budget cannot be negative; a band reaching below zero marks the
  // forecast not credible whatever its fit.
  if (x.total_low < 0 || x.total_no_cap < 0)
    out += "; the forecast reaches below zero, which a stockpile or budget cannot, so it is not credible";
  else
    out += fmt::format("; {} ({})", use, check);
  return out + forecaster_text(x, r);
}

std::string model_name(const std::string& m) { return m == "smp" ? "SMP" : m == "bdm" ? "BDM" : m; }

std::string bargaining_sentence(const Answer& a, const ScenarioResult& r) {
  const auto& b = *a.bargaining;
  // Without another model the headline interval is the model's own.
  Answer own = a;
  if (std::isfinite(b.model_low) && std::isfinite(b.model_high)) own.low = b.model_low, own.high = b.model_high;
  std::string out = fmt::format("{} forecast {} on {} {}, on a scale from {} ({}) to {} ({}); above {} in {}",
                                model_name(b.model), fmt_num(a.value), b.title, headline_bracket(own, r, "ensemble median"),
                                fmt_num(b.scale_min), b.low_label, fmt_num(b.scale_max), b.high_label,
                                fmt_num(b.threshold), probability_text(b.above, r));
  // Rule (docs/scenario.md): the other model is always shown; "the models agree" when each
  // median lies inside the other's interval, otherwise "the models disagree", and the
  // headline interval spans both.
  if (b.other && std::isfinite(b.other->median)) {
    const auto& o = *b.other;
    const bool agree = o.median >= own.low && o.median <= own.high && a.value >= o.low && a.value <= o.high;
    out += fmt::format("; {} on the same inputs gives {} ({} interval {}-{}); the models {}, so the answer is {}-{}",
                       model_name(o.model), fmt_num(o.median), level_text(r), fmt_num(o.low), fmt_num(o.high),
                       agree ? "agree" : "disagree", fmt_num(a.low), fmt_num(a.high));
  } else if (b.other) {
    out += fmt::format("; {} does not solve these inputs", model_name(b.other->model));
  }
  return out + held_text(a);
}

// A probability to three decimals; below 0.0005 "<0.001" and above 0.9995 (but not 1) ">0.999",
// so a QRE probability of 1e-36 or 0.99999 never reads as an exponent or as certainty.
std::string fmt_prob(double p) {
  if (std::isnan(p)) return "n/a";
  if (p == 0 || p == 1) return fmt::format("{}", p);
  if (p < 0.0005) return "<0.001";
  if (p > 0.9995) return ">0.999";
  return fmt::format("{:.3f}", p);
}

// A logit-QRE probability: interior by construction (logit play puts weight on every move), so a
// double that rounds to 0 or 1 prints as "<0.001" or ">0.999", never as certainty.
std::string fmt_qre(double p) { return p <= 0 ? "<0.001" : p >= 1 ? ">0.999" : fmt_prob(p); }

// "0.620 (90%: 0.550 to 0.700)": a QRE probability with its ensemble interval.
std::string p_interval(double median, double low, double high, const ScenarioResult& r) {
  return fmt::format("{} ({}: {} to {})", fmt_qre(median), level_text(r), fmt_qre(low), fmt_qre(high));
}

// "157 of 200 replicates (90% Wilson interval 0.734-0.829)".
std::string k_of_n(const scenario::Probability& p, const ScenarioResult& r) {
  if (p.n == 0) return "no replicates";
  return fmt::format("{} of {} replicates ({} Wilson interval {} to {})", p.k, p.n, level_text(r), fmt_prob(p.low), fmt_prob(p.high));
}

// Rule (docs/scenario.md, "The games answer"): the calibrated game "beats" the base rate when
// its leave-one-out Brier score is lower, "loses to" it when higher, "ties" when equal.
std::string versus_base_rate(double game, double base) {
  if (!std::isfinite(game) || !std::isfinite(base)) return "";
  return game < base ? "beats the base rate" : game > base ? "loses to the base rate" : "ties with the base rate";
}

std::string game_sentence(const Answer& a, const ScenarioResult& r) {
  const auto& g = *a.game;
  if (g.paths.empty()) return "the game left out every replicate (see caveats)" + held_text(a);
  const auto& top = g.paths.front();
  std::string out = fmt::format("in {} the modal equilibrium path is {}", k_of_n(top.share, r), top.path);
  if (g.paths.size() > 1)
    out += fmt::format(" (next: {} in {} of {})", g.paths[1].path, g.paths[1].share.k, g.paths[1].share.n);
  if (g.outcome != top.path) out += fmt::format("; the baseline run's path is {}", g.outcome);
  // The US responses, most probable (ensemble median) first.
  std::vector<const scenario::GameAnswer::Response*> us;
  for (const auto& x : g.us_responses) us.push_back(&x);
  std::stable_sort(us.begin(), us.end(), [](auto* x, auto* y) { return x->median > y->median; });
  if (!us.empty()) {
    out += fmt::format("; the calibrated probability that the US answers with {} is {}, modal in {} of {} replicates",
                       us[0]->name, p_interval(us[0]->median, us[0]->low, us[0]->high, r), us[0]->modal.k, us[0]->modal.n);
    std::string rest;
    for (std::size_t i = 1; i < us.size(); ++i)
      rest += fmt::format("{}{} {}", rest.empty() ? "" : ", ", us[i]->name, p_interval(us[i]->median, us[i]->low, us[i]->high, r));
    if (!rest.empty()) out += " (" + rest + ")";
  }
  out += fmt::format("; any US measure (F-35 exclusion, CAATSA or broad): {}", p_interval(g.any_measure.median, g.any_measure.low, g.any_measure.high, r));
  if (g.calibrated)
    out += fmt::format("; calibrated on {} reference cases known on {}, the game {} out of sample (leave-one-out Brier {} "
                       "against {}; log score {} against {})",
                       g.calibration_cases.size(), g.calibration_as_of, versus_base_rate(g.loo_brier_game, g.loo_brier_base),
                       fmt_num(g.loo_brier_game), fmt_num(g.loo_brier_base), fmt_num(g.loo_log_game), fmt_num(g.loo_log_base));
  else
    out += fmt::format("; uncalibrated ({} reference cases known on {}): default parameters", g.calibration_cases.size(),
                       g.calibration_as_of);
  for (const auto& b : g.bargaining) {
    out += fmt::format("; {} on {} forecasts {} on its scale ({}: {}-{}), above {} in {}", model_name(b.model),
                       g.bargaining_issue, fmt_num(b.median), level_text(r), fmt_num(b.low), fmt_num(b.high),
                       fmt_num(g.threshold), k_of_n(b.above, r));
    if (!b.agreement.empty()) out += fmt::format(": it and the game {}", b.agreement == "agree" ? "agree" : "disagree");
  }
  if (!g.bargaining.empty())
    out += fmt::format("; so the probability of a US measure is {} to {} across the models", fmt_prob(a.low), fmt_prob(a.high));
  return out + held_text(a);
}

// The source line of the datasets whose World role starts with one of `prefixes`
// (report/source_line.h).
std::string source_line(const ScenarioResult& r, const std::vector<std::string>& prefixes) {
  return detail::source_line(r, [&](std::string_view role) {
    for (const auto& p : prefixes)
      if (role.rfind(p, 0) == 0) return true;
    return false;
  });
}

// Appends the section's source line to its notes (every figure and table in it drew on them).
void add_source(json& sec, const std::string& line) {
  if (line.empty()) return;
  if (!sec.contains("notes")) sec["notes"] = json::array();
  sec["notes"].push_back(line);
}

json nums(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return a;
}

json line(const std::string& id, const std::string& title, const std::string& xl, const std::string& yl) {
  return {{"id", id}, {"type", "line"}, {"title", title}, {"x_label", xl}, {"y_label", yl}, {"series", json::array()}};
}

std::vector<double> column(const std::vector<std::vector<double>>& m, std::size_t i) {
  std::vector<double> out;
  for (const auto& row : m) out.push_back(i < row.size() ? row[i] : std::nan(""));
  return out;
}

std::string actors_text(const std::vector<std::string>& actors) {
  std::string out;
  for (const auto& a : actors) out += (out.empty() ? "" : ", ") + a;
  return out;
}

}  // namespace

std::string answer_sentence(const Answer& a, const ScenarioResult& r) {
  if (a.power) return power_sentence(a, r);
  if (a.alignment) return alignment_sentence(a, r);
  if (a.armsrace) return armsrace_sentence(a, r);
  if (a.bargaining) return bargaining_sentence(a, r);
  if (a.game) return game_sentence(a, r);
  return fmt::format("{} [{}-{}] {}", fmt_num(a.value), fmt_num(a.low), fmt_num(a.high), a.unit);
}

std::string scenario_summary(const ScenarioResult& r) {
  std::string out;
  for (const auto& a : r.answers) out += fmt::format("{:<10} {}\n", a.id, answer_sentence(a, r));
  return out;
}

json scenario_brief(const ScenarioResult& r) {
  json b;
  b["title"] = r.scenario_name;
  b["subtitle"] = r.scenario_description;
  b["generated"] = fmt::format("scenario as of {}; {} replicates, seed {}", to_string(r.as_of), r.replicates_done, r.seed);
  const double lo = (1 - r.interval_level) / 2 * 100, hi = 100 - lo;
  b["provenance"] = {{"scenario", r.scenario_path},
                     {"program version", r.program_version},
                     {"run id", r.run_id},
                     {"brief written (UTC)", utc_now()},
                     {"seed", std::to_string(r.seed)},
                     {"replicates", r.replicates_done},
                     {"threads", r.threads},
                     {"information date", fmt::format("{} (yearly data), {} (dated facts)", r.history_to, to_string(r.as_of))},
                     {"datasets", r.datasets.size()},
                     {"interval", fmt::format("{}th-{}th percentile of the ensemble unless stated", fmt_num(lo), fmt_num(hi))}};
  json answers = json::array();
  for (const auto& a : r.answers) {
    json j{{"id", a.id}, {"question", a.question}, {"answer", answer_sentence(a, r)}, {"unit", a.unit}};
    if (!a.caveats.empty()) j["caveats"] = a.caveats;
    // The game's answer is a path, not a number: its "k of N replicates" is in the sentence
    // (no bare "1 of replicates" headline).
    if (std::isfinite(a.value) && !a.game) j["value"] = a.value;
    if (std::isfinite(a.low) && std::isfinite(a.high) && a.low != a.high && !a.game) {
      j["interval"] = {a.low, a.high};
      j["interval_label"] = level_text(r) + " interval";
    }
    answers.push_back(j);
  }
  b["answers"] = answers;
  json sections = json::array();

  if (r.power) {
    const auto& p = *r.power;
    json sec{{"id", "power"}, {"title", "Balance of power"}};
    sec["text"] = "Composite capability shares (shares of the built-in states' totals) and coalition totals, with the "
                  "ensemble's band from the declared capability uncertainties.";
    // At most seven lines (the palette's distinct colours), in the scenario's focus order;
    // every focus state is in tables/power_balance.csv.
    json shares = line("power-shares", "Capability shares of the leading focus states", "year", "share");
    for (const auto& [abb, v] : p.shares) {
      if (shares["series"].size() >= 7) break;
      shares["series"].push_back({{"name", abb}, {"x", p.years}, {"y", nums(v)}});
    }
    json coal = line("power-coalitions", "Coalition totals", "year", "share");
    for (const auto& c : p.coalitions)
      coal["series"].push_back({{"name", c.label}, {"x", p.years}, {"y", nums(c.total)}, {"lower", nums(c.low)}, {"upper", nums(c.high)}});
    sec["charts"] = {shares, coal};
    if (!p.theatres.empty()) {
      json bar{{"id", "power-theatres"}, {"type", "bar"},
               {"title", fmt::format("Theatre balances {} (loss-of-strength gradient)", p.years.empty() ? 0 : p.years.back())},
               {"y_label", "adjusted capability"}, {"categories", json::array()}, {"series", json::array()}};
      std::map<std::string, json> vals;
      for (const auto& [th, m] : p.theatres) {
        bar["categories"].push_back(th);
        for (const auto& [label, v] : m) vals[label].push_back(v);
      }
      for (const auto& [label, v] : vals) bar["series"].push_back({{"name", label}, {"values", v}});
      sec["charts"].push_back(bar);
      if (!p.single_state.empty())
        sec["notes"] = {fmt::format("The gap between '{} alone' and a coalition containing {} in each theatre is what its "
                                    "partners add there, after discounting their capability by distance (Bueno de "
                                    "Mesquita 1981).",
                                    p.single_state, p.single_state)};
    }
    // Sensitivity to the index (issue 12, item 6): each power question's ratio under each
    // single indicator beside the scenario's weights.
    for (const auto& a : r.answers) {
      if (!a.power || a.power->by_indicator.empty()) continue;
      json tab{{"id", "power-sensitivity-" + a.id}, {"type", "table"},
               {"title", fmt::format("{} / {} in {} by index (baseline inputs)", a.power->first, a.power->second,
                                     a.power->last_year)},
               {"columns", {"index", "ratio"}}, {"rows", json::array()}};
      tab["rows"].push_back({"scenario weights", std::isfinite(a.baseline) ? json(a.baseline) : json(nullptr)});
      for (const auto& [k, v] : a.power->by_indicator)
        tab["rows"].push_back({k + " alone", std::isfinite(v) ? json(v) : json(nullptr)});
      const double cinc = a.power->ratio_cinc;
      tab["rows"].push_back({detail::cinc_label(*a.power), std::isfinite(cinc) ? json(cinc) : json(nullptr)});
      sec["charts"].push_back(tab);
      sec["charts"].push_back(detail::power_index_chart(a, r));  // the same numbers as a chart
    }
    add_source(sec, source_line(r, {"capabilities", "countries", "nato_members", "theatres", "nmc"}));
    sections.push_back(sec);
  }
  if (r.alignment) {
    const auto& a = *r.alignment;
    std::string title = "Alignment";
    if (!a.drifts.empty())
      title = fmt::format("Alignment: {} between {} and {}", name_of(r, a.drifts[0].focal), name_of(r, a.drifts[0].first),
                          name_of(r, a.drifts[0].second));
    json sec{{"id", "alignment"}, {"title", title}};
    std::string sims;
    for (const auto& s : a.current_similarity)
      sims += fmt::format("{}{}-{} {}", sims.empty() ? "" : ", ", s.a, s.b, fmt_num(s.s));
    std::string text = fmt::format("UN General Assembly ideal points (Bailey, Strezhnev & Voeten), one series for every "
                                   "year, with the NATO members' median as the reference; alliance-portfolio similarity "
                                   "S over {}: {}.",
                                   a.system_name, sims.empty() ? "none asked" : sims);
    text += fmt::format(" NATO cohesion as of {} (hand-made ties table): mean pairwise S {}, minimum {}, over {} members.",
                        to_string(a.as_of), fmt_num(a.cohesion_mean), fmt_num(a.cohesion_min), a.cohesion_members);
    sec["text"] = text;
    sec["charts"] = json::array();
    for (std::size_t k = 0; k < a.drifts.size(); ++k) {
      const auto& d = a.drifts[k];
      const std::string id = k == 0 ? "alignment-drift" : fmt::format("alignment-drift-{}", k + 1);
      sec["charts"].push_back(detail::drift_chart(d, r, id));
      json ch = line(id + "-gap",
                     fmt::format("Distance gap |{0}-{2}| - |{0}-{1}| (> 0: closer to {1}), {3} interval", d.focal, d.first,
                                 d.second, level_text(r)),
                     "year", "ideal-point gap");
      ch["series"].push_back({{"name", "gap"}, {"x", d.years}, {"y", nums(d.gap)}, {"lower", nums(d.gap_low)}, {"upper", nums(d.gap_high)}});
      sec["charts"].push_back(ch);
    }
    if (a.has_cohesion_series) {
      json coh = line("alignment-cohesion", "NATO cohesion: pairwise alliance-portfolio S among members (COW alliances)",
                      "year", "S");
      coh["series"].push_back({{"name", "mean"}, {"x", a.cohesion_years}, {"y", nums(a.cohesion_mean_s)}});
      coh["series"].push_back({{"name", "minimum"}, {"x", a.cohesion_years}, {"y", nums(a.cohesion_min_s)}, {"style", "dashed"}});
      sec["charts"].push_back(coh);
      if (!a.cohesion_years.empty())
        sec["notes"] = {fmt::format("The COW alliance series ends in {} ({}); the current figure uses the NATO membership "
                                    "and ties tables as of {}.",
                                    a.cohesion_years.back(), a.cohesion_source, to_string(a.as_of))};
    }
    add_source(sec, source_line(r, {"idealpoints", "ties", "nato_members", "cow_"}));
    sections.push_back(sec);
  }
  if (!r.races.empty()) {
    json sec{{"id", "armsrace"}, {"title", "Arms race: with and without a cap"}};
    sec["charts"] = json::array();
    std::vector<std::string> notes;
    json tab{{"id", "armsrace-fit"}, {"type", "table"}, {"title", "Fitted Richardson systems"},
             {"columns", {"race", "regime", "stable", "out-of-sample MAPE %"}}, {"rows", json::array()}};
    for (const auto& x : r.races) {
      const bool milex = x.name == "milex";
      json ch = line("armsrace-" + x.name,
                     fmt::format("{}: {}", milex ? "Military expenditure" : "Nuclear warhead stockpiles", actors_text(x.actors)),
                     "year", milex ? "US$ m (2023)" : "warheads");
      std::vector<int> fy;
      for (double t : x.forecast_times) fy.push_back(static_cast<int>(std::lround(t)));
      // Rule (docs/scenario.md): forecasts are drawn only when credible: the system is stable,
      // beats no change out of sample, and never goes below zero. Otherwise only the data
      // are drawn and the note says why.
      // The backtest counts too (issue 12, item 5; backtest_record.h).
      bool negative = false;
      const bool credible = detail::race_forecast_credible(x, &negative);
      for (std::size_t i = 0; i < x.actors.size(); ++i) {
        const std::string& a = x.actors[i];
        ch["series"].push_back({{"name", a + " observed"}, {"x", x.years}, {"y", nums(column(x.observed, i))}});
        if (!credible) continue;
        auto nc = column(x.no_cap, i), lo_ = column(x.no_cap_low, i), hi_ = column(x.no_cap_high, i);
        if (lo_.size() == nc.size())
          ch["series"].push_back({{"name", a + " no cap"}, {"x", fy}, {"y", nums(nc)}, {"lower", nums(lo_)}, {"upper", nums(hi_)}});
        else
          ch["series"].push_back({{"name", a + " no cap"}, {"x", fy}, {"y", nums(nc)}});
        if (x.deployed.empty())  // else the total has no cap: deployed warheads are in their own panel
          ch["series"].push_back({{"name", a + " with cap"}, {"x", fy}, {"y", nums(column(x.with_cap, i))}, {"style", "dashed"}});
      }
      if (!credible)
        notes.push_back(fmt::format(
            "{}: forecast not credible ({}{}), so only the data are drawn.", ch["title"].get<std::string>(),
            x.stable ? "" : "the fitted system is unstable; ",
            negative ? std::string("it goes below zero")
                     : fmt::format("out-of-sample MAPE {}% against {}% for no change{}", fmt_num(x.holdout_mape, 3),
                                   fmt_num(x.naive_mape, 3),
                                   std::isfinite(x.backtest_rel_mae)
                                       ? fmt::format("; backtest rel. MAE {:.2f}", x.backtest_rel_mae)
                                       : std::string())));
      sec["charts"].push_back(ch);
      tab["rows"].push_back({x.name, x.regime, x.stable ? "yes" : "no", x.holdout_mape});
    }
    sec["charts"].push_back(tab);
    if (!notes.empty()) sec["notes"] = notes;
    detail::add_race_panels(sec, r);
    add_source(sec, source_line(r, {"series:"}));
    sections.push_back(sec);
    if (json bt = detail::backtest_section(r); !bt.is_null()) sections.push_back(bt);
  }
  if (!r.issues.empty()) {
    json sec{{"id", "bargaining"}, {"title", "Bargaining forecasts"}, {"charts", json::array()}};
    json tab{{"id", "bargaining-forecasts"}, {"type", "table"}, {"title", "Forecasts (issue scale)"},
             {"columns", {"issue", "model", "forecast", "low", "high", "turns"}}, {"rows", json::array()}};
    for (const auto& x : r.issues) {
      json ch = line("bargaining-" + x.id, x.title, "turn", "position");
      std::vector<int> turns;
      for (std::size_t t = 0; t < x.history.size(); ++t) turns.push_back(static_cast<int>(t));
      for (std::size_t a = 0; a < x.actors.size(); ++a)
        ch["series"].push_back({{"name", x.actors[a]}, {"x", turns}, {"y", nums(column(x.history, a))}});
      sec["charts"].push_back(ch);
      tab["rows"].push_back({x.title, x.model, x.forecast, x.low, x.high, x.turns});
    }
    sec["charts"].push_back(tab);
    std::vector<std::string> tornado_notes;  // one tornado per bargaining answer (issue 12, item 6)
    detail::add_tornado_charts(r, sec["charts"], tornado_notes);
    if (!tornado_notes.empty()) sec["notes"] = tornado_notes;
    add_source(sec, source_line(r, {"issue:"}));
    sections.push_back(sec);
  }
  if (r.game) {
    const auto& g = *r.game;
    auto player = [&](const char* role) {
      auto it = g.players.find(role);
      return it == g.players.end() ? std::string(role) : name_of(r, it->second);
    };
    json sec{{"id", "games"}, {"title", "The S-400 crisis game"}, {"charts", json::array()}};
    json rows = json::array();
    for (const auto& i : g.inputs) rows.push_back({i.name, i.value, i.source});
    sec["charts"].push_back({{"id", "games-inputs"}, {"type", "table"}, {"title", "S-400 game inputs and where they come from"},
                             {"columns", {"input", "value", "source"}}, {"rows", rows}});
    json bar{{"id", "games-outcomes"}, {"type", "bar"},
             {"title", fmt::format("Modal equilibrium path ({}, {}, {}) across the ensemble", player("turkiye"), player("us"),
                                   player("russia"))},
             {"y_label", "replicates"}, {"categories", json::array()}, {"series", json::array()}};
    json vals = json::array();
    std::vector<std::pair<std::string, int>> freq(g.outcome_frequency.begin(), g.outcome_frequency.end());
    std::stable_sort(freq.begin(), freq.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& [k, v] : freq) bar["categories"].push_back(k), vals.push_back(v);  // most frequent first
    bar["series"].push_back({{"name", "replicates"}, {"values", vals}});
    sec["charts"].push_back(bar);
    for (const auto& a : r.answers) {
      if (!a.game) continue;
      const auto& ga = *a.game;
      json resp{{"id", "games-us-responses"}, {"type", "table"},
                {"title", fmt::format("Calibrated probability of each US response (ensemble median, {} interval)", level_text(r))},
                {"columns", {"US response", "median", "low", "high", "baseline run", "modal in (replicates)"}},
                {"rows", json::array()}};
      for (const auto& y : ga.us_responses)
        resp["rows"].push_back({y.name, fmt_qre(y.median), fmt_qre(y.low), fmt_qre(y.high), fmt_qre(y.baseline),
                                fmt::format("{} of {}", y.modal.k, y.modal.n)});
      resp["rows"].push_back({ga.any_measure.name, fmt_qre(ga.any_measure.median), fmt_qre(ga.any_measure.low),
                              fmt_qre(ga.any_measure.high), fmt_qre(ga.any_measure.baseline),
                              fmt::format("{} of {} (P > 0.5)", ga.any_measure.modal.k, ga.any_measure.modal.n)});
      sec["charts"].push_back(resp);
      json score{{"id", "games-score"}, {"type", "table"},
                 {"title", fmt::format("Leave-one-out score on the reference class ({} cases known on {})",
                                       ga.calibration_cases.size(), ga.calibration_as_of)},
                 {"columns", {"score", "calibrated game", "base rate", "verdict"}}, {"rows", json::array()}};
      score["rows"].push_back({"Brier (0 best, 2 worst)", ga.loo_brier_game, ga.loo_brier_base,
                               ga.calibrated ? versus_base_rate(ga.loo_brier_game, ga.loo_brier_base) : "not calibrated"});
      score["rows"].push_back({"log score (lower is better)", ga.loo_log_game, ga.loo_log_base,
                               ga.calibrated ? versus_base_rate(ga.loo_log_game, ga.loo_log_base) : "not calibrated"});
      sec["charts"].push_back(score);
      if (!ga.bargaining.empty()) {
        json cmp{{"id", "games-vs-bargaining"}, {"type", "table"},
                 {"title", fmt::format("The game beside the bargaining models on {} (threshold {})", ga.bargaining_issue,
                                       fmt_num(ga.threshold))},
                 {"columns", {"model", "event", "probability", "interval", "agreement with the game"}},
                 {"rows", json::array()}};
        cmp["rows"].push_back({"game (calibrated QRE)", "any US measure", fmt_qre(ga.any_measure.median),
                               fmt::format("{} to {} (ensemble)", fmt_qre(ga.any_measure.low), fmt_qre(ga.any_measure.high)), ""});
        for (const auto& b : ga.bargaining)
          cmp["rows"].push_back({model_name(b.model), fmt::format("forecast > {}", fmt_num(ga.threshold)),
                                 fmt::format("{} of {}", b.above.k, b.above.n),
                                 fmt::format("{} to {} (Wilson)", fmt_prob(b.above.low), fmt_prob(b.above.high)), b.agreement});
        sec["charts"].push_back(cmp);
      }
    }
    if (!g.summary.empty()) sec["text"] = g.summary;
    add_source(sec, source_line(r, {"capabilities", "ties", "issue:"}));
    sections.push_back(sec);
  }
  if (json ctx = context_section(r); !ctx.is_null()) sections.push_back(std::move(ctx));  // report/context_section.cc
  if (!r.shocks.empty()) {
    json tab{{"id", "shocks-table"}, {"type", "table"}, {"title", "Shocks applied"}, {"columns", {"date", "event", "rationale"}},
             {"rows", json::array()}};
    for (const auto& x : r.shocks) tab["rows"].push_back({to_string(x.date), x.label, x.rationale});
    sections.push_back({{"id", "shocks"}, {"title", "Events and assumptions"}, {"charts", {tab}},
                        {"notes", {"Source: the scenario file (" + r.scenario_path + "); each rationale cites its own."}}});
  }
  if (!r.references.empty()) {
    json tab{{"id", "references-table"}, {"type", "table"}, {"title", "References (BibTeX, from data/references.bib)"},
             {"columns", {"key", "entry"}}, {"rows", json::array()}};
    for (const auto& [k, v] : r.references) tab["rows"].push_back({k, v});
    sections.push_back({{"id", "references"}, {"title", "References"}, {"charts", {tab}},
                        {"notes", {"geobalance cite " + (r.run_id.empty() ? std::string("RUN") : r.run_id) +
                                   " prints these entries; the datasets' terms of use are in data/datasets.csv."}}});
  }
  b["sections"] = sections;
  return b;
}

std::vector<std::pair<std::string, Table>> scenario_tables(const ScenarioResult& r) {
  std::vector<std::pair<std::string, Table>> out;
  if (r.power) {
    const auto& p = *r.power;
    std::vector<Column> cols{{"year"}};
    for (const auto& [abb, v] : p.shares) cols.push_back({abb, 6});
    for (const auto& c : p.coalitions) cols.push_back({c.label, 6});
    for (const auto& c : p.coalitions) cols.push_back({c.label + "_low", 6}), cols.push_back({c.label + "_high", 6});
    cols.push_back({"con", 6});
    Table t(cols);
    auto at = [](const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : std::nan(""); };
    for (std::size_t i = 0; i < p.years.size(); ++i) {
      std::vector<Value> row{static_cast<long long>(p.years[i])};
      for (const auto& [abb, v] : p.shares) row.push_back(at(v, i));
      for (const auto& c : p.coalitions) row.push_back(at(c.total, i));
      for (const auto& c : p.coalitions) row.push_back(at(c.low, i)), row.push_back(at(c.high, i));
      row.push_back(at(p.concentration, i));
      t.add_row(std::move(row));
    }
    out.emplace_back("power_balance", std::move(t));
  }
  {
    Table t({"question", "value", "low", "high", "unit", "answer"});
    for (const auto& a : r.answers) t.add_row({a.id, a.value, a.low, a.high, a.unit, answer_sentence(a, r)});
    out.emplace_back("answers", std::move(t));
  }
  for (const auto& x : r.issues) {
    Table t({"turn", "actor", "position"});
    for (std::size_t turn = 0; turn < x.history.size(); ++turn)
      for (std::size_t a = 0; a < x.history[turn].size() && a < x.actors.size(); ++a)
        t.add_row({static_cast<long long>(turn), x.actors[a], x.history[turn][a]});
    out.emplace_back("bargaining_" + x.id, std::move(t));
  }
  {
    std::vector<Column> cols{{"replicate"}, {r.ratio_label, 6}};
    for (const auto& id : r.issue_ids) cols.push_back({id, 6});
    cols.push_back({"game_outcome"});
    Table t(cols);
    for (std::size_t i = 0; i < r.ensemble.size(); ++i) {
      const auto& e = r.ensemble[i];
      std::vector<Value> row{static_cast<long long>(i), e.ratio};
      for (double f : e.issue_forecasts) row.push_back(f);
      row.push_back(e.game_outcome);
      t.add_row(std::move(row));
    }
    out.emplace_back("ensemble", std::move(t));
  }
  return out;
}

}  // namespace geobalance::report
