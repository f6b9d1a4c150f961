#include "report/sensitivity_charts.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

namespace geobalance::report::detail {

using nlohmann::json;
using scenario::Answer;
using scenario::ScenarioResult;
using scenario::TornadoBar;

namespace {

std::string num3(double x) { return std::isfinite(x) ? fmt::format("{:.3g}", x) : "n/a"; }
json num_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// "5" or "5 and 10" (the distinct spreads one input kind uses across actors).
std::string spreads(const std::vector<TornadoBar>& bars, const std::string& input, bool declared) {
  std::set<double> v;
  for (const auto& b : bars)
    if (b.input == input && b.declared == declared) v.insert(b.step);
  std::string out;
  std::size_t i = 0;
  for (double x : v) out += (i++ == 0 ? "" : (i == v.size() ? " and " : ", ")) + num3(x);
  return out;
}

}  // namespace

std::string cinc_label(const scenario::PowerAnswer& p) {
  if (p.cinc_dataset.empty()) return "CINC (not available: no NMC file in the scenario)";
  if (p.cinc_year == 0) return fmt::format("CINC (not available: {} has no year up to {})", p.cinc_dataset, p.last_year);
  return fmt::format("CINC ({}, {}{})", p.cinc_dataset, p.cinc_year, p.cinc_year < p.last_year ? ", the last year it covers" : "");
}

json power_index_chart(const Answer& a, const ScenarioResult& r) {
  const auto& p = *a.power;
  json ch{{"id", "power-index-" + a.id},
          {"type", "tornado"},
          {"title", fmt::format("{} / {} in {} by index", p.first, p.second, p.last_year)},
          {"x_label", fmt::format("capability ratio {} / {} (1 = parity)", p.first, p.second)},
          {"reference", 1.0},
          {"reference_label", "parity"},
          {"low_name", ""},
          {"high_name", ""},
          {"single_name", "ratio (baseline inputs)"},
          {"rows", json::array()}};
  json w{{"label", fmt::format("scenario weights ({} interval)", fmt::format("{:.3g}%", r.interval_level * 100))},
         {"low", num_or_null(a.baseline)}, {"high", num_or_null(a.baseline)}};
  if (std::isfinite(a.low) && std::isfinite(a.high)) w["interval"] = {a.low, a.high};
  ch["rows"].push_back(w);
  ch["rows"].push_back({{"label", cinc_label(p)}, {"low", num_or_null(p.ratio_cinc)}, {"high", num_or_null(p.ratio_cinc)}});
  for (const auto& [k, v] : p.by_indicator)
    ch["rows"].push_back({{"label", k + " alone"}, {"low", num_or_null(v)}, {"high", num_or_null(v)}});
  return ch;
}

std::string tornado_row_label(const TornadoBar& b) {
  if (b.input == "dropped") return b.actor + " dropped";
  if (b.input == "capability") return fmt::format("{} capability ×/÷{}", b.actor, num3(b.step));
  return fmt::format("{} {} ±{}", b.actor, b.input, num3(b.step));
}

void add_tornado_charts(const ScenarioResult& r, json& charts, std::vector<std::string>& notes, std::size_t max_rows) {
  for (const auto& a : r.answers) {
    if (!a.bargaining || a.bargaining->tornado.empty()) continue;
    const auto& b = *a.bargaining;
    const std::string model = b.model == "smp" ? "SMP" : "BDM";
    json ch{{"id", "bargaining-tornado-" + b.issue},
            {"type", "tornado"},
            {"title", fmt::format("{}: what moves the {} forecast (baseline inputs)", b.title, model)},
            {"x_label", fmt::format("forecast on the issue scale {}-{}", num3(b.scale_min), num3(b.scale_max))},
            {"reference", std::isfinite(a.baseline) ? a.baseline : 0.0},
            {"reference_label", fmt::format("baseline {}", num3(a.baseline))},
            {"low_name", "input lowered (−1 sd, ÷1.5)"},
            {"high_name", "input raised (+1 sd, ×1.5)"},
            {"single_name", "actor dropped"},
            {"rows", json::array()}};
    std::size_t held = 0, refused = 0;
    double rest = 0;
    for (std::size_t i = 0; i < b.tornado.size(); ++i) {
      const auto& t = b.tornado[i];
      held += t.held;
      refused += t.input == "dropped" && !std::isfinite(t.forecast_down);
      if (i >= max_rows) {
        if (std::isfinite(t.effect)) rest = std::max(rest, t.effect);
        continue;
      }
      ch["rows"].push_back({{"label", tornado_row_label(t) + (t.held ? " (held at a bound)" : "")},
                            {"low", num_or_null(t.forecast_down)},
                            {"high", num_or_null(t.forecast_up)}});
    }
    charts.push_back(ch);
    // The note: what was moved, by how much, and where each spread comes from.
    std::string pos = spreads(b.tornado, "position", true), sal = spreads(b.tornado, "salience", true);
    std::string pos_d = spreads(b.tornado, "position", false), sal_d = spreads(b.tornado, "salience", false);
    std::string sd_text;
    if (!pos.empty()) sd_text += fmt::format("position sd {} (declared in the scenario)", pos);
    if (!pos_d.empty())
      sd_text += fmt::format("{}position sd {} (none declared: the default, 10% of the scale)", sd_text.empty() ? "" : "; ", pos_d);
    if (!sal.empty()) sd_text += fmt::format("; salience sd {} (declared)", sal);
    if (!sal_d.empty()) sd_text += fmt::format("; salience sd {} (none declared: the default, 0.1)", sal_d);
    std::string note = fmt::format(
        "{} tornado: the {} forecast on the baseline inputs ({}) with one input of one actor moved at a time: its "
        "position and salience by -/+1 sd ({}), its capability ÷/×1.5, or the actor dropped; bars ranked by the larger "
        "change of the forecast",
        b.title, model, num3(a.baseline), sd_text);
    if (b.tornado.size() > max_rows)
      note += fmt::format("; the {} smaller bars not drawn change it by at most {} (all {} in results.json)",
                          b.tornado.size() - max_rows, num3(rest), b.tornado.size());
    if (held) note += fmt::format("; {} moved value{} held at the scale's end or the salience bounds [0.01, 1]", held, held == 1 ? "" : "s");
    if (refused) note += fmt::format("; dropping {} actor{} leaves an issue the model refuses (n/a)", refused, refused == 1 ? "" : "s");
    notes.push_back(note + ".");
  }
}

}  // namespace geobalance::report::detail
