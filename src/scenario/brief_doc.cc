#include "scenario/brief_doc.h"

#include <cmath>

#include <fmt/format.h>

namespace geobalance::scenario::detail {

using nlohmann::ordered_json;

namespace {

ordered_json nums(const ordered_json& v) {
  ordered_json a = ordered_json::array();
  for (const auto& x : v) a.push_back(x.is_number() && std::isfinite(x.get<double>()) ? x : ordered_json(nullptr));
  return a;
}

ordered_json line(const std::string& id, const std::string& title, const std::string& xl, const std::string& yl) {
  return {{"id", id}, {"type", "line"}, {"title", title}, {"x_label", xl}, {"y_label", yl}, {"series", ordered_json::array()}};
}

}  // namespace

ordered_json brief_document(const Scenario& s, const ScenarioResult& r, const std::vector<int>& years) {
  const ordered_json& R = r.results;
  ordered_json b;
  b["title"] = s.name;
  b["subtitle"] = s.description;
  b["generated"] = fmt::format("scenario as of {}; {} replicates, seed {}", to_string(s.as_of), r.replicates_done, r.seed);
  b["provenance"] = {{"scenario", s.path},
                     {"program version", R["run"]["program_version"]},
                     {"seed", std::to_string(r.seed)},
                     {"replicates", r.replicates_done},
                     {"threads", r.threads},
                     {"interval", "5th-95th percentile of the ensemble unless stated"}};
  ordered_json answers = ordered_json::array();
  for (const auto& a : r.answers) {
    ordered_json j{{"id", a.id}, {"question", a.question}, {"answer", a.answer}, {"unit", a.unit}};
    if (std::isfinite(a.value)) j["value"] = a.value;
    if (std::isfinite(a.low) && std::isfinite(a.high) && a.low != a.high) j["interval"] = {a.low, a.high};
    answers.push_back(j);
  }
  b["answers"] = answers;
  ordered_json sections = ordered_json::array();

  // Power.
  {
    const auto& p = R["power"];
    ordered_json sec{{"id", "power"}, {"title", "Balance of power"}};
    sec["text"] = "Composite capability shares (shares of the built-in states' totals) and coalition totals, with the "
                  "ensemble's band from the declared capability uncertainties.";
    // At most seven lines (the palette's distinct colours), in the scenario's focus order;
    // every focus state is in tables/power_balance.csv.
    ordered_json shares = line("power-shares", "Capability shares of the leading focus states", "year", "share");
    for (const auto& abb : s.focus) {
      if (shares["series"].size() >= 7) break;
      if (p["shares"].contains(abb)) shares["series"].push_back({{"name", abb}, {"x", years}, {"y", nums(p["shares"][abb])}});
    }
    ordered_json coal = line("power-coalitions", "Coalition totals", "year", "share");
    for (const auto& [label, c] : p["coalitions"].items())
      coal["series"].push_back({{"name", label}, {"x", years}, {"y", nums(c["total"])}, {"lower", nums(c["low"])}, {"upper", nums(c["high"])}});
    sec["charts"] = {shares, coal};
    if (!p["theatres"].empty()) {
      ordered_json bar{{"id", "power-theatres"}, {"type", "bar"}, {"title", fmt::format("Theatre balances {} (loss-of-strength gradient)", years.empty() ? 0 : years.back())},
                       {"y_label", "adjusted capability"}, {"categories", ordered_json::array()}, {"series", ordered_json::array()}};
      std::map<std::string, ordered_json> vals;
      for (const auto& [th, m] : p["theatres"].items()) {
        bar["categories"].push_back(th);
        for (const auto& [label, v] : m.items()) vals[label].push_back(v);
        vals["RUS alone"].push_back(p["theatre_russia_alone"][th]);
      }
      for (const auto& [label, v] : vals) bar["series"].push_back({{"name", label}, {"values", v}});
      sec["charts"].push_back(bar);
      sec["notes"] = {"The gap between 'RUS alone' and the Russia-China coalition in each theatre is what China's alignment adds there, "
                      "after discounting China's capability by distance (Bueno de Mesquita 1981)."};
    }
    sections.push_back(sec);
  }
  // Alignment.
  if (R.contains("alignment")) {
    const auto& a = R["alignment"];
    ordered_json sec{{"id", "alignment"}, {"title", "Alignment: Türkiye between the US and Russia"}};
    sec["text"] = fmt::format("UN General Assembly ideal-point distances (Bailey, Strezhnev & Voeten); current alliance-portfolio "
                              "similarity S over {} states: Türkiye-USA {:.3f}, Türkiye-Russia {:.3f}.",
                              a["current_similarity"]["system_size"].get<int>(), a["current_similarity"]["s_tur_usa"].get<double>(),
                              a["current_similarity"]["s_tur_rus"].get<double>());
    ordered_json ch = line("alignment-drift", "Türkiye's UN voting distance to the US and to Russia", "year", "ideal-point distance");
    ch["series"].push_back({{"name", "TUR-USA"}, {"x", a["drift"]["years"]}, {"y", nums(a["drift"]["distance_usa"])}});
    ch["series"].push_back({{"name", "TUR-RUS"}, {"x", a["drift"]["years"]}, {"y", nums(a["drift"]["distance_rus"])}});
    sec["charts"] = {ch};
    if (a.contains("nato_cohesion")) {
      const auto& c = a["nato_cohesion"];
      ordered_json coh = line("alignment-cohesion", "NATO cohesion: pairwise alliance-portfolio S among members (COW v4.1)", "year", "S");
      coh["series"].push_back({{"name", "mean"}, {"x", c["years"]}, {"y", nums(c["mean_s"])}});
      coh["series"].push_back({{"name", "minimum"}, {"x", c["years"]}, {"y", nums(c["min_s"])}, {"style", "dashed"}});
      sec["charts"].push_back(coh);
      sec["notes"] = {"COW v4.1 does not code NATO's 2004 and 2009 enlargements and ends in 2012 (FACTS.md); the current "
                      "figure uses data/nato_members.csv and data/alignment/ties_2026.csv."};
    }
    if (a.contains("current_cohesion")) {
      const auto& c = a["current_cohesion"];
      sec["text"] = sec["text"].get<std::string>() +
                    fmt::format(" NATO cohesion as of {}: mean pairwise S {:.3f}, minimum {:.3f}, over {} members.",
                                to_string(s.as_of), c["mean_s"].get<double>(), c["min_s"].get<double>(), c["members"].get<int>());
    }
    sections.push_back(sec);
  }
  // Arms race.
  if (R.contains("armsrace")) {
    ordered_json sec{{"id", "armsrace"}, {"title", "Arms race: with and without a cap"}};
    sec["charts"] = ordered_json::array();
    ordered_json tab{{"id", "armsrace-fit"}, {"type", "table"}, {"title", "Fitted Richardson systems"},
                     {"columns", {"race", "regime", "stable", "out-of-sample MAPE %"}}, {"rows", ordered_json::array()}};
    for (const char* race : {"warheads", "milex"}) {
      const auto& x = R["armsrace"][race];
      ordered_json ch = line(std::string("armsrace-") + race, x["title"].get<std::string>(), "year", race == std::string("milex") ? "US$ m (2023)" : "warheads");
      const auto& actors = x["actors"];
      std::vector<double> ft = x["forecast_times"].get<std::vector<double>>();
      std::vector<int> fy;
      for (double t : ft) fy.push_back(static_cast<int>(std::lround(t)));
      for (std::size_t i = 0; i < actors.size(); ++i) {
        ordered_json obs = ordered_json::array(), nc = ordered_json::array(), wc = ordered_json::array(), lo = ordered_json::array(),
                     hi = ordered_json::array();
        for (const auto& row : x["observed"]) obs.push_back(row[i]);
        for (const auto& row : x["no_cap"]) nc.push_back(row[i]);
        for (const auto& row : x["with_cap"]) wc.push_back(row[i]);
        for (const auto& row : x["no_cap_band"]["low"]) lo.push_back(row[i]);
        for (const auto& row : x["no_cap_band"]["high"]) hi.push_back(row[i]);
        std::string a = actors[i];
        ch["series"].push_back({{"name", a + " observed"}, {"x", x["years"]}, {"y", nums(obs)}});
        if (lo.size() == nc.size())
          ch["series"].push_back({{"name", a + " no cap"}, {"x", fy}, {"y", nums(nc)}, {"lower", nums(lo)}, {"upper", nums(hi)}});
        else
          ch["series"].push_back({{"name", a + " no cap"}, {"x", fy}, {"y", nums(nc)}});
        ch["series"].push_back({{"name", a + " with cap"}, {"x", fy}, {"y", nums(wc)}, {"style", "dashed"}});
      }
      sec["charts"].push_back(ch);
      tab["rows"].push_back({race, x["regime"], x["stable"].get<bool>() ? "yes" : "no", x["holdout_mape_percent"]});
    }
    sec["charts"].push_back(tab);
    sections.push_back(sec);
  }
  // Bargaining.
  if (R.contains("bargaining")) {
    ordered_json sec{{"id", "bargaining"}, {"title", "Bargaining forecasts"}, {"charts", ordered_json::array()}};
    ordered_json tab{{"id", "bargaining-forecasts"}, {"type", "table"}, {"title", "Forecasts (issue scale)"},
                     {"columns", {"issue", "model", "forecast", "low", "high", "turns"}}, {"rows", ordered_json::array()}};
    for (const auto& [id, x] : R["bargaining"].items()) {
      ordered_json ch = line("bargaining-" + id, x["title"].get<std::string>(), "turn", "position");
      const auto& h = x["history"];
      std::vector<int> turns;
      for (std::size_t t = 0; t < h.size(); ++t) turns.push_back(static_cast<int>(t));
      for (std::size_t a = 0; a < x["actors"].size(); ++a) {
        ordered_json y = ordered_json::array();
        for (const auto& row : h) y.push_back(row[a]);
        ch["series"].push_back({{"name", x["actors"][a]}, {"x", turns}, {"y", nums(y)}});
      }
      sec["charts"].push_back(ch);
      tab["rows"].push_back({x["title"], x["model"], x["forecast"], x["interval"][0], x["interval"][1], x["turns"]});
    }
    sec["charts"].push_back(tab);
    sections.push_back(sec);
  }
  // Crisis game.
  if (R.contains("games")) {
    ordered_json sec{{"id", "games"}, {"title", "The S-400 crisis game"}, {"charts", ordered_json::array()}};
    const auto& g = R["games"];
    if (g["baseline"].contains("charts"))
      for (const auto& ch : g["baseline"]["charts"]) sec["charts"].push_back(ch);
    ordered_json bar{{"id", "games-outcomes"}, {"type", "bar"}, {"title", "Equilibrium outcome across the ensemble"},
                     {"y_label", "replicates"}, {"categories", ordered_json::array()}, {"series", ordered_json::array()}};
    ordered_json vals = ordered_json::array();
    for (const auto& [k, v] : g["outcome_frequency"].items()) bar["categories"].push_back(k), vals.push_back(v);
    bar["series"].push_back({{"name", "replicates"}, {"values", vals}});
    sec["charts"].push_back(bar);
    if (g["baseline"].contains("text")) sec["text"] = g["baseline"]["text"];
    sections.push_back(sec);
  }
  // Shocks.
  if (!R["shocks"].empty()) {
    ordered_json tab{{"id", "shocks-table"}, {"type", "table"}, {"title", "Shocks applied"}, {"columns", {"date", "event", "rationale"}},
                     {"rows", ordered_json::array()}};
    for (const auto& x : R["shocks"]) tab["rows"].push_back({x["date"], x["label"], x["rationale"]});
    sections.push_back({{"id", "shocks"}, {"title", "Events and assumptions"}, {"charts", {tab}}});
  }
  b["sections"] = sections;
  return b;
}

}  // namespace geobalance::scenario::detail
