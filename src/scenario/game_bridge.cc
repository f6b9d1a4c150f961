#include "scenario/game_bridge.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "geobalance/bargaining/bdm.h"
#include "geobalance/check.h"
#include "geobalance/error.h"
#include "geobalance/games/s400.h"
#include "geobalance/games/s400_tree.h"

namespace geobalance::scenario::detail {

namespace {

// i's expected utility of challenging j in the first BDM round (scholz2011 preset), EU_i(j),
// raw (the caller holds it to the template's [-1, 1] and reports that as a caveat). NaN when the issue lacks one of the actors.
double bdm_eu(const bargaining::Issue& issue, const std::string& i, const std::string& j) {
  int ii = -1, jj = -1;
  for (std::size_t k = 0; k < issue.actors.size(); ++k) {
    if (issue.actors[k].name == i) ii = static_cast<int>(k);
    if (issue.actors[k].name == j) jj = static_cast<int>(k);
  }
  if (ii < 0 || jj < 0) return std::nan("");
  auto opt = bargaining::bdm_preset(bargaining::BdmPreset::kScholz2011);
  opt.max_rounds = 1;
  auto r = bargaining::run_bdm(issue, opt);
  if (r.rounds.empty()) return std::nan("");
  for (const auto& o : r.rounds[0].offers)
    if (o.receiver == ii && o.sender == jj) return o.eu_receiver;
  return std::nan("");
}

std::string fmt_path(const games::S400Path& p) { return p.text(); }

}  // namespace

GameOutcome solve_crisis_game(const GameFeed& feed) {
  GameOutcome g;
  games::S400Inputs in;
  // A derived or overridden input outside the template's documented range is held at the
  // bound and logged (a caveat on the games answer, counted across replicates).
  auto held = [&](const std::string& name, double v) {
    const auto& f = games::s400_field(name);
    return hold(&g.clamps, "game." + name, v, f.lo, f.hi,
                fmt::format("[{}, {}] (the S-400 template's range)", format_value(f.lo), format_value(f.hi)));
  };
  std::map<std::string, std::string> source;
  for (const auto& f : games::s400_fields()) source[f.name] = "template default (expert judgement, docs/games.md)";
  const auto& pl = feed.players;
  if (double us = feed.cap_us, ru = feed.cap_russia, tr = feed.cap_turkiye; ru > 0 && std::isfinite(us) && std::isfinite(tr)) {
    in.us_ru_capability_ratio = us / ru;
    in.tr_ru_capability_ratio = tr / ru;
    source["us_ru_capability_ratio"] = source["tr_ru_capability_ratio"] =
        fmt::format("power: composite capability shares of {}, {} and {}, {}", pl.turkiye, pl.us, pl.russia, feed.year);
  }
  if (std::isfinite(feed.s_turkiye_us) && std::isfinite(feed.s_turkiye_russia)) {
    in.tr_us_similarity = held("tr_us_similarity", feed.s_turkiye_us);
    in.tr_ru_similarity = held("tr_ru_similarity", feed.s_turkiye_russia);
    source["tr_us_similarity"] = source["tr_ru_similarity"] =
        fmt::format("alignment: S of the current alliance portfolio ({})", feed.ties_source);
  }
  if (feed.activate_issue) {
    if (double v = bdm_eu(*feed.activate_issue, pl.turkiye, pl.us); std::isfinite(v)) {
      in.eu_tr_activate = held("eu_tr_activate", v);
      source["eu_tr_activate"] = fmt::format("bargaining: BDM round 1 EU_{}({}) on issue {}", pl.turkiye, pl.us, pl.activate_issue);
    }
  }
  if (feed.response_issue) {
    if (double v = bdm_eu(*feed.response_issue, pl.us, pl.turkiye); std::isfinite(v)) {
      in.eu_us_sanction = held("eu_us_sanction", v);
      source["eu_us_sanction"] = fmt::format("bargaining: BDM round 1 EU_{}({}) on issue {}", pl.us, pl.turkiye, pl.response_issue);
    }
    if (double v = bdm_eu(*feed.response_issue, pl.russia, pl.us); std::isfinite(v)) {
      in.eu_ru_support = held("eu_ru_support", v);
      source["eu_ru_support"] = fmt::format("bargaining: BDM round 1 EU_{}({}) on issue {}", pl.russia, pl.us, pl.response_issue);
    }
  }
  for (const auto& [name, value] : feed.overrides) {
    const auto& f = games::s400_field(name);
    in.*(f.member) = held(name, value);
    source[f.name] = "scenario override ([games.s400] and game.* uncertainties)";
  }
  in.validate();
  auto res = games::solve_s400(in);

  std::vector<std::string> texts;
  for (const auto& p : res.paths) texts.push_back(fmt_path(p));
  std::sort(texts.begin(), texts.end());
  for (std::size_t k = 0; k < texts.size(); ++k) g.outcome += (k ? " | " : "") + texts[k];
  if (!feed.with_sweeps) return g;
  auto& d = g.detail;
  d.players = {{"turkiye", pl.turkiye}, {"us", pl.us}, {"russia", pl.russia}};
  for (const auto& f : games::s400_fields()) d.inputs.push_back({f.name, in.*(f.member), source[f.name]});
  for (const auto& p : res.paths) d.paths.push_back({p.turkiye, p.us, p.russia, p.payoffs, fmt_path(p)});
  d.summary = res.summary();
  for (const char* name : {"sanction_weight", "tr_us_similarity", "eu_tr_activate"}) {
    const auto& f = games::s400_field(name);
    double lo = std::isfinite(f.lo) ? f.lo : 0.0, hi = std::isfinite(f.hi) ? f.hi : 3.0;
    auto sw = games::sweep_s400(in, name, lo, hi, 41);
    GameSeries::Sweep out;
    out.parameter = name;
    out.change_points = sw.change_points;
    for (const auto& pt : sw.points) {
      std::string t;
      for (const auto& p : pt.paths) t += (t.empty() ? "" : " | ") + fmt_path(p);
      out.points.emplace_back(pt.value, t);
    }
    d.sweeps.push_back(std::move(out));
  }
  return g;
}

TreeFeedOutcome solve_crisis_tree(const GameFeed& feed, double lambda, double congress_pressure) {
  TreeFeedOutcome t;
  games::S400TreeInputs& in = t.inputs;
  in.lambda = lambda;
  in.congress_pressure = congress_pressure;
  for (const auto& f : games::s400_tree_fields()) t.source[f.name] = "default (docs/games.md)";
  t.source["lambda"] = t.source["congress_pressure"] = "calibration on the CAATSA reference class (or its default)";
  auto set = [&](const std::string& name, double v, std::string src) {
    const auto& f = games::s400_tree_field(name);
    if (!(v >= f.lo && v <= f.hi))
      throw GameInputOutOfRange(name, v, f.lo, f.hi,
                       fmt::format("found {}, expected a value in [{}, {}] ({})", format_value(v), format_value(f.lo),
                                   format_value(f.hi), src));
    in.*(f.member) = v;
    t.source[name] = std::move(src);
  };
  const auto& pl = feed.players;
  if (double us = feed.cap_us, ru = feed.cap_russia; ru > 0 && std::isfinite(us))
    set("us_ru_capability_ratio", us / ru,
        fmt::format("power: composite capability shares of {} and {}, {}", pl.us, pl.russia, feed.year));
  if (std::isfinite(feed.s_turkiye_us) && std::isfinite(feed.s_turkiye_russia)) {
    std::string src = fmt::format("alignment: alliance-portfolio S over {}", feed.ties_source);
    set("tr_us_similarity", feed.s_turkiye_us, src);
    set("tr_ru_similarity", feed.s_turkiye_russia, src);
  }
  if (feed.activate_issue)
    if (double v = bdm_eu(*feed.activate_issue, pl.turkiye, pl.us); std::isfinite(v))
      set("eu_tr_activate", v, fmt::format("bargaining: BDM round 1 EU_{}({}) on issue {}", pl.turkiye, pl.us, pl.activate_issue));
  if (feed.response_issue) {
    if (double v = bdm_eu(*feed.response_issue, pl.us, pl.turkiye); std::isfinite(v))
      set("eu_us_sanction", v, fmt::format("bargaining: BDM round 1 EU_{}({}) on issue {}", pl.us, pl.turkiye, pl.response_issue));
    if (double v = bdm_eu(*feed.response_issue, pl.russia, pl.us); std::isfinite(v))
      set("eu_ru_support", v, fmt::format("bargaining: BDM round 1 EU_{}({}) on issue {}", pl.russia, pl.us, pl.response_issue));
  }
  for (const auto& [name, value] : feed.overrides) {
    bool known = false;
    for (const auto& f : games::s400_tree_fields()) known = known || f.name == name;
    if (known) set(name, value, "scenario override ([games.s400] and game.* uncertainties)");
    else t.overrides_not_applicable.push_back(name);
  }
  in.validate();
  t.result = games::solve_s400_tree(in);
  std::tie(t.modal_path, t.modal_probability) = games::modal_path(in, t.result.limit);
  return t;
}

}  // namespace geobalance::scenario::detail
