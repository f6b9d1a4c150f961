#include "backtest_record.h"

#include "source_line.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

namespace geobalance::report::detail {

using nlohmann::json;
using scenario::RaceSeries;
using scenario::ScenarioResult;

namespace {

// Three significant digits; from 1,000 up the rounded number with thousands separators.
std::string num(double x, int digits = 3) {
  if (!std::isfinite(x)) return "n/a";
  if (std::fabs(x) < 1000 || std::fabs(x) >= 1e15) return fmt::format("{:.{}g}", x, digits);
  const double scale = std::pow(10.0, std::floor(std::log10(std::fabs(x))) + 1 - digits);
  const long long v = std::llround(std::round(x / scale) * scale);
  std::string d = std::to_string(v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return (v < 0 ? "-" : "") + out;
}

json nums(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return a;
}

std::vector<double> column(const std::vector<std::vector<double>>& m, std::size_t i) {
  std::vector<double> out;
  for (const auto& row : m) out.push_back(i < row.size() ? row[i] : std::nan(""));
  return out;
}

json line(const std::string& id, const std::string& title, const std::string& xl, const std::string& yl) {
  return {{"id", id}, {"type", "line"}, {"title", title}, {"x_label", xl}, {"y_label", yl}, {"series", json::array()}};
}

// Rule of the track-record chart: a model whose rel. MAE exceeds this at some horizon is left
// out of the chart (it would flatten every other line) and named in the notes.
constexpr double kOffScale = 3;

std::string race_title(const std::string& race) {
  return race == "milex" ? "military expenditure" : race == "warheads" ? "nuclear warhead stockpiles" : race;
}

}  // namespace

bool race_forecast_credible(const RaceSeries& x, bool* negative) {
  bool neg = false;
  for (const auto* m : {&x.no_cap, &x.no_cap_low, &x.with_cap})
    for (const auto& row : *m)
      for (double v : row) neg = neg || v < 0;
  if (negative) *negative = neg;
  return x.stable && x.holdout_mape < x.naive_mape && !neg && !(x.backtest_rel_mae >= 1);
}

std::string noncredible_label(const RaceSeries& x) {
  if (std::isfinite(x.backtest_rel_mae)) return fmt::format("not credible: rel. MAE {:.2f} vs no change", x.backtest_rel_mae);
  return fmt::format("not credible: out-of-sample MAPE {}% vs {}% for no change", num(x.holdout_mape), num(x.naive_mape));
}

void add_race_panels(json& sec, const ScenarioResult& r) {
  if (!sec.contains("charts")) sec["charts"] = json::array();
  for (const auto& x : r.races) {
    std::vector<int> fy;
    for (double t : x.forecast_times) fy.push_back(static_cast<int>(std::lround(t)));
    if (!x.deployed.empty()) {
      // The limit is a stated scenario assumption: drawn as its own line and named in the title.
      json ch = line("armsrace-" + x.name + "-deployed",
                     fmt::format("Deployed strategic warheads: fitted share of the stockpile, and with a restored "
                                 "limit of {} per side (counterfactual)",
                                 num(x.deployed_limit)),
                     "year", "deployed strategic warheads");
      for (std::size_t i = 0; i < x.actors.size(); ++i) {
        ch["series"].push_back({{"name", x.actors[i] + " no limit"}, {"x", fy}, {"y", nums(column(x.deployed, i))}});
        ch["series"].push_back({{"name", x.actors[i] + " with limit"}, {"x", fy},
                                {"y", nums(column(x.deployed_capped, i))}, {"style", "dashed"}});
      }
      sec["charts"].push_back(ch);
      if (!sec.contains("notes")) sec["notes"] = json::array();
      sec["notes"].push_back(fmt::format(
          "{}. New START (Article II) limited each party to 1,550 deployed strategic warheads, counting one warhead "
          "per deployed heavy bomber; the figures here are FAS estimates, which count the weapons at bomber bases, so "
          "they are not the treaty's counts. Deployed = the last observed share of the stockpile times the stockpile "
          "forecast; a limit on deployment moves warheads to reserve and leaves the stockpile unchanged.",
          x.deployed_label));
    }
    bool negative = false;
    if (x.show_noncredible != "faint" || race_forecast_credible(x, &negative)) continue;
    if (negative) {
      // A budget or stockpile below zero is not even an illustration of anything.
      if (!sec.contains("notes")) sec["notes"] = json::array();
      sec["notes"].push_back(fmt::format("The fitted Richardson path of {} is not drawn even as an illustration: it goes "
                                         "below zero, which a budget or stockpile cannot ({}).",
                                         race_title(x.name), noncredible_label(x)));
      continue;
    }
    // Issue 12, item 5: a separate small panel with the path alone (its own axis, never the
    // data's), at low opacity, labelled.
    json ch = line("armsrace-" + x.name + "-illustration",
                   fmt::format("Illustration only, {}: the fitted Richardson path of {}", noncredible_label(x),
                               race_title(x.name)),
                   "year", x.name == "milex" ? "US$ m (2023), own scale" : "warheads, own scale");
    for (std::size_t i = 0; i < x.actors.size(); ++i)
      ch["series"].push_back({{"name", x.actors[i] + " (not credible)"}, {"x", fy}, {"y", nums(column(x.no_cap, i))},
                              {"style", "faint"}});
    sec["charts"].push_back(ch);
  }
}

json backtest_section(const ScenarioResult& r) {
  json sec{{"id", "backtest"}, {"title", "Track record: forecasts scored by backtest"}, {"charts", json::array()}};
  std::set<std::string> roles;
  std::string text;
  std::vector<std::string> off_scale;
  for (const auto& a : r.answers) {
    if (!a.armsrace || a.armsrace->track.empty()) continue;
    const auto& x = *a.armsrace;
    roles.insert("series:" + x.race);
    // Models in the order the backtest ran them; horizons ascending.
    std::vector<std::string> models;
    std::map<std::string, std::map<int, scenario::TrackScore>> by;
    std::set<int> horizons;
    for (const auto& t : x.track) {
      if (!by.count(t.model)) models.push_back(t.model);
      by[t.model][t.horizon] = t;
      horizons.insert(t.horizon);
    }
    json ch = line("backtest-" + x.race,
                   fmt::format("{}: each model's error relative to no change, by horizon ({}-{} origins)",
                               a.id + " " + race_title(x.race), x.track_first_origin, x.track_last_origin),
                   "horizon (years ahead)", "rel. MAE (no change = 1; lower is better)");
    json tab{{"id", "backtest-" + x.race + "-table"}, {"type", "table"},
             {"title", fmt::format("{} {}: pooled backtest scores by horizon", a.id, race_title(x.race))},
             {"columns", json::array({"model", "score"})}, {"rows", json::array()}};
    for (int h : horizons) tab["columns"].push_back(fmt::format("h = {}", h));
    // Rule: a model whose rel. MAE exceeds kOffScale at some horizon is left out of the chart
    // (it would flatten every other line) and named in the notes; the table has all of them.
    for (const auto& m : models) {
      double worst = 0;
      for (const auto& [h, t] : by[m]) worst = std::isfinite(t.rel_mae) ? std::max(worst, t.rel_mae) : worst;
      if (worst > kOffScale) off_scale.push_back(fmt::format("{} {} (rel. MAE up to {})", a.id, m, num(worst)));
      std::vector<int> xs;
      std::vector<double> ys;
      json rel{m, "rel. MAE"}, crps{m, "CRPS"};
      for (int h : horizons) {
        auto it = by[m].find(h);
        const bool has = it != by[m].end();
        xs.push_back(h);
        ys.push_back(has ? it->second.rel_mae : std::nan(""));
        rel.push_back(has && std::isfinite(it->second.rel_mae) ? json(it->second.rel_mae) : json(nullptr));
        crps.push_back(has && std::isfinite(it->second.crps) ? json(it->second.crps) : json(nullptr));
      }
      json s{{"name", m == "nochange" ? "no change (= 1)" : m == "trend" ? "trend (baseline)" : m}, {"x", xs}, {"y", nums(ys)}};
      if (m == "nochange" || m == "trend") s["style"] = "dashed";
      if (worst <= kOffScale) ch["series"].push_back(s);
      tab["rows"].push_back(rel);
      tab["rows"].push_back(crps);
    }
    sec["charts"].push_back(ch);
    sec["charts"].push_back(tab);
    text += fmt::format("{}{} ({}): the forecaster used is {}; {}.", text.empty() ? "" : " ", a.id, race_title(x.race),
                        x.forecaster.empty() ? "none" : x.forecaster, x.forecaster_reason);
  }
  if (sec["charts"].empty()) return nullptr;
  sec["text"] = "Each model forecast the series from every origin year using only the data up to it, and was scored "
                "against what followed (docs/backtest.md). rel. MAE below 1 means the model was closer than assuming "
                "no change; CRPS scores the whole forecast distribution in the series' units (lower is better). " +
                text;
  sec["notes"] = json::array();
  if (!off_scale.empty()) {
    std::string list;
    for (const auto& o : off_scale) list += (list.empty() ? "" : "; ") + o;
    sec["notes"].push_back(fmt::format("Not drawn, off the charts' scale (rel. MAE above {}), shown in the tables: {}.",
                                       num(kOffScale), list));
  }
  if (const std::string s = source_line(r, [&](std::string_view role) { return roles.count(std::string(role)) > 0; });
      !s.empty())
    sec["notes"].push_back(s);
  return sec;
}

std::string deployed_cap_clause(const scenario::DeployedCapAnswer& d, int forecast_to) {
  std::string bound, free;
  double moved = 0;
  for (std::size_t i = 0; i < d.actors.size(); ++i) {
    if (!d.party[i]) continue;
    const std::string item = fmt::format("{} {} ({}% of its stockpile, as in {})", d.actors[i], num(d.deployed[i]),
                                         num(100 * d.share[i]), d.share_year);
    if (d.moved[i] > 0)
      bound += (bound.empty() ? "" : ", ") + item, moved += d.moved[i];
    else
      free += (free.empty() ? "" : ", ") + item;
  }
  std::string out = fmt::format(
      "if a New START-like limit of {} deployed strategic warheads per side were restored (a counterfactual: New START "
      "expired on 5 February 2026 and no limit binds now; it never limited total stockpiles), ",
      num(d.limit));
  if (!bound.empty())
    out += fmt::format("it would bind in {} on the forecast deployed warheads of {} and move {} of them to reserve",
                       forecast_to, bound, num(moved));
  else
    out += fmt::format("it would not bind in {}", forecast_to);
  if (!free.empty()) out += fmt::format("{}below the limit: {}", bound.empty() ? " (" : "; ", free);
  if (bound.empty() && !free.empty()) out += ")";
  return out + "; the stockpile totals are unchanged by it";
}

}  // namespace geobalance::report::detail
