#include "scenario/game_bridge.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "geobalance/bargaining/bdm.h"
#include "geobalance/error.h"
#include "geobalance/games/s400.h"

namespace geobalance::scenario::detail {

using nlohmann::ordered_json;

namespace {

// i's expected utility of challenging j in the first BDM round (scholz2011 preset), EU_i(j),
// clipped to [-1, 1] (the template's range). NaN when the issue lacks one of the actors.
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
    if (o.receiver == ii && o.sender == jj) return std::clamp(o.eu_receiver, -1.0, 1.0);
  return std::nan("");
}

std::string fmt_path(const games::S400Path& p) { return p.text(); }

}  // namespace

GameOutcome solve_crisis_game(const GameFeed& feed) {
  games::S400Inputs in;
  std::map<std::string, std::string> source;
  for (const auto& f : games::s400_fields()) source[f.name] = "template default (expert judgement, docs/games.md)";
  auto cap = [&](const char* a) {
    auto it = feed.capability.find(a);
    return it == feed.capability.end() ? std::nan("") : it->second;
  };
  if (double us = cap("USA"), ru = cap("RUS"), tr = cap("TUR"); ru > 0 && std::isfinite(us) && std::isfinite(tr)) {
    in.us_ru_capability_ratio = us / ru;
    in.tr_ru_capability_ratio = tr / ru;
    source["us_ru_capability_ratio"] = source["tr_ru_capability_ratio"] =
        fmt::format("power: composite capability shares, {}", feed.year);
  }
  in.tr_us_similarity = std::clamp(feed.similarity.s_tur_usa, -1.0, 1.0);
  in.tr_ru_similarity = std::clamp(feed.similarity.s_tur_rus, -1.0, 1.0);
  source["tr_us_similarity"] = source["tr_ru_similarity"] = "alignment: S of the current alliance portfolio (data/alignment/ties_2026.csv)";
  auto issue = [&](const char* id) -> const bargaining::Issue* {
    auto it = feed.issues.find(id);
    return it == feed.issues.end() ? nullptr : it->second;
  };
  if (const auto* s400 = issue("s400")) {
    if (double v = bdm_eu(*s400, "TUR", "USA"); std::isfinite(v)) {
      in.eu_tr_activate = v;
      source["eu_tr_activate"] = "bargaining: BDM round 1 EU_TUR(USA) on issue s400";
    }
  }
  if (const auto* resp = issue("us_response")) {
    if (double v = bdm_eu(*resp, "USA", "TUR"); std::isfinite(v)) {
      in.eu_us_sanction = v;
      source["eu_us_sanction"] = "bargaining: BDM round 1 EU_USA(TUR) on issue us_response";
    }
    if (double v = bdm_eu(*resp, "RUS", "USA"); std::isfinite(v)) {
      in.eu_ru_support = v;
      source["eu_ru_support"] = "bargaining: BDM round 1 EU_RUS(USA) on issue us_response";
    }
  }
  for (const auto& [name, value] : feed.overrides) {
    const auto& f = games::s400_field(name);
    in.*(f.member) = std::clamp(value, f.lo, f.hi);
    source[f.name] = "scenario override ([games.s400] and game.* uncertainties)";
  }
  in.validate();
  auto res = games::solve_s400(in);

  GameOutcome g;
  std::vector<std::string> texts;
  for (const auto& p : res.paths) texts.push_back(fmt_path(p));
  std::sort(texts.begin(), texts.end());
  for (std::size_t k = 0; k < texts.size(); ++k) g.outcome += (k ? " | " : "") + texts[k];
  ordered_json inputs = ordered_json::array();
  ordered_json rows = ordered_json::array();
  for (const auto& f : games::s400_fields()) {
    inputs.push_back({{"name", f.name}, {"value", in.*(f.member)}, {"source", source[f.name]}});
    rows.push_back({f.name, in.*(f.member), source[f.name]});
  }
  ordered_json paths = ordered_json::array(), prow = ordered_json::array();
  for (const auto& p : res.paths) {
    paths.push_back({{"turkiye", p.turkiye}, {"us", p.us}, {"russia", p.russia}, {"payoffs", p.payoffs}});
    prow.push_back({p.turkiye, p.us, p.russia, p.payoffs[0], p.payoffs[1], p.payoffs[2]});
  }
  g.json = {{"inputs", inputs}, {"paths", paths}, {"summary", res.summary()}};
  if (feed.with_sweeps) {
    ordered_json charts = ordered_json::array();
    charts.push_back({{"id", "games-inputs"}, {"type", "table"}, {"title", "S-400 game inputs and where they come from"},
                      {"columns", {"input", "value", "source"}}, {"rows", rows}});
    charts.push_back({{"id", "games-equilibria"}, {"type", "table"}, {"title", "Subgame-perfect equilibrium paths"},
                      {"columns", {"Türkiye", "United States", "Russia", "u(Türkiye)", "u(US)", "u(Russia)"}}, {"rows", prow}});
    ordered_json sweeps = ordered_json::array(), srows = ordered_json::array();
    for (const char* name : {"sanction_weight", "tr_us_similarity", "eu_tr_activate"}) {
      const auto& f = games::s400_field(name);
      double lo = std::isfinite(f.lo) ? f.lo : 0.0, hi = std::isfinite(f.hi) ? f.hi : 3.0;
      auto sw = games::sweep_s400(in, name, lo, hi, 41);
      ordered_json pts = ordered_json::array();
      std::string prev;
      for (const auto& pt : sw.points) {
        std::string t;
        for (const auto& p : pt.paths) t += (t.empty() ? "" : " | ") + fmt_path(p);
        pts.push_back({{"value", pt.value}, {"paths", t}});
        if (t != prev) srows.push_back({name, pt.value, t});
        prev = t;
      }
      sweeps.push_back({{"parameter", name}, {"change_points", sw.change_points}, {"points", pts}});
    }
    g.json["sweeps"] = sweeps;
    charts.push_back({{"id", "games-sweep"}, {"type", "table"},
                      {"title", "Where the equilibrium changes (each input swept over its range, the others held)"},
                      {"columns", {"input", "from value", "equilibrium path"}}, {"rows", srows}});
    g.json["charts"] = charts;
    g.json["text"] = res.summary();
  }
  return g;
}

}  // namespace geobalance::scenario::detail
