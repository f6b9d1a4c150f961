// Parsing and checking of run requests (api.h: parse_run_request, apply_overrides).
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "geobalance/games/s400_tree.h"
#include "geobalance/scenario/world.h"
#include "geobalance/server/api.h"

namespace geobalance::server {
namespace {

using json = nlohmann::json;

const std::vector<std::string>& indicators() {
  static const std::vector<std::string> v{"milex", "gdp", "milper", "tpop", "warheads"};
  return v;
}

[[noreturn]] void bad(const std::string& field, const std::string& msg) { throw ApiError(400, field, field + ": " + msg); }

std::string kind_of(const json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number()) return j.dump();
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (s.size() > 40) s = s.substr(0, 40) + "...";
    return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return j.is_array() ? "an array" : "an object";
}

void only_keys(const json& j, const std::string& path, std::initializer_list<const char*> allowed) {
  if (!j.is_object()) bad(path.empty() ? "body" : path, fmt::format("found {}, expected an object", kind_of(j)));
  for (const auto& [k, v] : j.items()) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || k == a;
    if (!ok) {
      std::string names;
      for (const char* a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      bad(path.empty() ? k : path + "." + k, fmt::format("unknown field; expected one of {}", names));
    }
  }
}

double number_in(const json& j, const std::string& field, double lo, double hi) {
  if (!j.is_number()) bad(field, fmt::format("found {}, expected a number from {} to {}", kind_of(j), lo, hi));
  double v = j.get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) bad(field, fmt::format("found {}, expected a number from {} to {}", j.dump(), lo, hi));
  return v;
}

long long integer_in(const json& j, const std::string& field, long long lo, long long hi) {
  if (!j.is_number_integer()) bad(field, fmt::format("found {}, expected an integer from {} to {}", kind_of(j), lo, hi));
  if (j.is_number_unsigned()) {
    auto u = j.get<unsigned long long>();
    if (u > static_cast<unsigned long long>(hi) || static_cast<long long>(u) < lo) bad(field, fmt::format("found {}, expected an integer from {} to {}", u, lo, hi));
    return static_cast<long long>(u);
  }
  long long v = j.get<long long>();
  if (v < lo || v > hi) bad(field, fmt::format("found {}, expected an integer from {} to {}", v, lo, hi));
  return v;
}

std::string name_string(const json& j, const std::string& field, std::size_t max_len = 200) {
  if (!j.is_string()) bad(field, fmt::format("found {}, expected a string", kind_of(j)));
  std::string s = j.get<std::string>();
  if (s.empty() || s.size() > max_len) bad(field, fmt::format("found a string of {} bytes, expected 1 to {}", s.size(), max_len));
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) bad(field, "contains a control character");
  return s;
}

// Depth of the deepest bracket nesting, without parsing (strings skipped).
std::size_t nesting(const std::string& body) {
  std::size_t depth = 0, max_depth = 0;
  bool in_string = false, escape = false;
  for (char c : body) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

}  // namespace

bool Overrides::empty() const {
  return weights.empty() && remove_shocks.empty() && add_shocks.empty() && !uncertainty_scale && uncertainty_sd.empty() &&
         positions.empty() && game.empty();
}

RunRequest parse_run_request(const std::string& body, const Limits& limits) {
  if (body.size() > limits.max_body_bytes)
    throw ApiError(413, "body", fmt::format("body: {} bytes, expected at most {}", body.size(), limits.max_body_bytes));
  if (nesting(body) > 8) bad("body", "nested deeper than 8 levels");
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    bad("body", fmt::format("malformed JSON at byte {}", e.byte));
  } catch (const json::out_of_range&) {
    bad("body", "a number in the JSON is out of range (beyond a double)");
  } catch (const json::exception&) {
    bad("body", "malformed JSON");
  }
  only_keys(j, "", {"scenario", "replicates", "seed", "job", "store", "overrides"});
  RunRequest r;
  if (!j.contains("scenario")) bad("scenario", "missing; expected a scenario id from GET /api/scenarios");
  r.scenario = name_string(j["scenario"], "scenario", 100);
  if (j.contains("replicates")) r.replicates = static_cast<int>(integer_in(j["replicates"], "replicates", 1, limits.max_replicates));
  if (j.contains("seed")) r.seed = static_cast<std::uint64_t>(integer_in(j["seed"], "seed", 0, 9007199254740991LL));
  if (j.contains("job")) {
    r.job = name_string(j["job"], "job", 64);
    for (char c : r.job)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') bad("job", "expected letters, digits, '-' and '_' only");
  }
  if (j.contains("store")) {
    if (!j["store"].is_boolean()) bad("store", fmt::format("found {}, expected true or false", kind_of(j["store"])));
    r.store = j["store"].get<bool>();
  }
  if (!j.contains("overrides")) return r;
  const json& o = j["overrides"];
  only_keys(o, "overrides", {"weights", "remove_shocks", "add_shocks", "uncertainty_scale", "uncertainty_sd", "positions", "game"});
  r.overrides_json = o;
  Overrides& ov = r.overrides;
  if (o.contains("weights")) {
    const json& w = o["weights"];
    if (!w.is_object()) bad("overrides.weights", fmt::format("found {}, expected an object", kind_of(w)));
    double total = 0;
    for (const auto& [k, v] : w.items()) {
      const std::string f = "overrides.weights." + k;
      if (std::find(indicators().begin(), indicators().end(), k) == indicators().end())
        bad(f, "unknown indicator; expected milex, gdp, milper, tpop or warheads");
      ov.weights[k] = number_in(v, f, 0, 100);
      total += ov.weights[k];
    }
    if (!w.empty() && total <= 0) bad("overrides.weights", "all 0; expected at least one positive weight");
  }
  if (o.contains("remove_shocks")) {
    const json& a = o["remove_shocks"];
    if (!a.is_array()) bad("overrides.remove_shocks", fmt::format("found {}, expected an array of shock labels", kind_of(a)));
    if (a.size() > 256) bad("overrides.remove_shocks", "more than 256 labels");
    for (std::size_t i = 0; i < a.size(); ++i) {
      std::string l = name_string(a[i], fmt::format("overrides.remove_shocks[{}]", i), 300);
      if (std::find(ov.remove_shocks.begin(), ov.remove_shocks.end(), l) != ov.remove_shocks.end())
        bad(fmt::format("overrides.remove_shocks[{}]", i), "duplicate label");
      ov.remove_shocks.push_back(l);
    }
  }
  if (o.contains("add_shocks")) {
    const json& a = o["add_shocks"];
    if (!a.is_array()) bad("overrides.add_shocks", fmt::format("found {}, expected an array", kind_of(a)));
    if (a.size() > limits.max_added_shocks)
      bad("overrides.add_shocks", fmt::format("{} shocks, expected at most {}", a.size(), limits.max_added_shocks));
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string p = fmt::format("overrides.add_shocks[{}]", i);
      only_keys(a[i], p, {"label", "year", "state", "indicator", "factor", "add"});
      AddedShock s;
      for (const char* req : {"label", "year", "state", "indicator"})
        if (!a[i].contains(req)) bad(p + "." + req, "missing");
      s.label = name_string(a[i]["label"], p + ".label");
      s.year = static_cast<int>(integer_in(a[i]["year"], p + ".year", 1816, 2200));
      s.state = name_string(a[i]["state"], p + ".state", 8);
      s.indicator = name_string(a[i]["indicator"], p + ".indicator", 16);
      if (std::find(indicators().begin(), indicators().end(), s.indicator) == indicators().end())
        bad(p + ".indicator", fmt::format("found '{}', expected milex, gdp, milper, tpop or warheads", s.indicator));
      if (a[i].contains("factor")) s.factor = number_in(a[i]["factor"], p + ".factor", 0, 10);
      if (a[i].contains("add")) s.add = number_in(a[i]["add"], p + ".add", -1e7, 1e7);
      ov.add_shocks.push_back(s);
    }
  }
  if (o.contains("uncertainty_scale")) ov.uncertainty_scale = number_in(o["uncertainty_scale"], "overrides.uncertainty_scale", 0, 5);
  if (o.contains("uncertainty_sd")) {
    const json& u = o["uncertainty_sd"];
    if (!u.is_object()) bad("overrides.uncertainty_sd", fmt::format("found {}, expected an object target -> sd", kind_of(u)));
    if (u.size() > 256) bad("overrides.uncertainty_sd", "more than 256 targets");
    for (const auto& [k, v] : u.items()) ov.uncertainty_sd[k] = number_in(v, "overrides.uncertainty_sd." + k, 0, 10);
  }
  if (o.contains("positions")) {
    const json& a = o["positions"];
    if (!a.is_array()) bad("overrides.positions", fmt::format("found {}, expected an array", kind_of(a)));
    if (a.size() > limits.max_position_overrides)
      bad("overrides.positions", fmt::format("{} entries, expected at most {}", a.size(), limits.max_position_overrides));
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string p = fmt::format("overrides.positions[{}]", i);
      only_keys(a[i], p, {"issue", "actor", "position", "salience"});
      for (const char* req : {"issue", "actor"})
        if (!a[i].contains(req)) bad(p + "." + req, "missing");
      PositionOverride po;
      po.issue = name_string(a[i]["issue"], p + ".issue", 100);
      po.actor = name_string(a[i]["actor"], p + ".actor", 100);
      // The scale is the issue's; checked against it in apply_overrides.
      if (a[i].contains("position")) po.position = number_in(a[i]["position"], p + ".position", -1e6, 1e6);
      if (a[i].contains("salience")) po.salience = number_in(a[i]["salience"], p + ".salience", 0, 1);
      if (!po.position && !po.salience) bad(p, "expected position and/or salience");
      ov.positions.push_back(po);
    }
  }
  if (o.contains("game")) {
    const json& g = o["game"];
    if (!g.is_object()) bad("overrides.game", fmt::format("found {}, expected an object input -> value", kind_of(g)));
    for (const auto& [k, v] : g.items()) {
      const std::string f = "overrides.game." + k;
      // The rebuilt S-400 game's inputs (games/s400_tree.h): the game the scenario answers with.
      const games::S400TreeField* field = nullptr;
      for (const auto& x : games::s400_tree_fields())
        if (x.name == k) field = &x;
      if (!field) {
        std::string names;
        for (const auto& x : games::s400_tree_fields()) names += (names.empty() ? "" : ", ") + x.name;
        bad(f, "unknown game input; expected one of " + names);
      }
      double lo = std::isfinite(field->lo) ? field->lo : -1000, hi = std::isfinite(field->hi) ? field->hi : 1000;
      ov.game[k] = number_in(v, f, lo, hi);
    }
  }
  return r;
}

scenario::Scenario apply_overrides(const scenario::Scenario& base, const Overrides& o) {
  scenario::Scenario s = base;
  if (!o.weights.empty()) s.weights = o.weights;
  for (std::size_t i = 0; i < o.remove_shocks.size(); ++i) {
    auto it = std::find_if(s.shocks.begin(), s.shocks.end(), [&](const scenario::Shock& x) { return x.label == o.remove_shocks[i]; });
    if (it == s.shocks.end()) bad(fmt::format("overrides.remove_shocks[{}]", i), fmt::format("no shock labelled '{}' in the scenario", o.remove_shocks[i]));
    s.shocks.erase(it);
  }
  for (std::size_t i = 0; i < o.add_shocks.size(); ++i) {
    const auto& a = o.add_shocks[i];
    const std::string p = fmt::format("overrides.add_shocks[{}]", i);
    if (!s.world || !s.world->builtin.index.resolve(a.state)) bad(p + ".state", fmt::format("found '{}', expected a COW abbreviation in countries.csv", a.state));
    if (a.year < s.history_from || a.year > s.forecast_to)
      bad(p + ".year", fmt::format("found {}, expected a year from {} to {} (the scenario's horizon)", a.year, s.history_from, s.forecast_to));
    scenario::Shock sh;
    sh.date = Date{a.year, 1, 1};
    sh.label = a.label;
    sh.rationale = "what-if added through geobalance serve";
    scenario::CapabilityEffect ce;
    ce.state = a.state;
    ce.indicator = a.indicator;
    ce.factor = a.factor;
    ce.add = a.add;
    sh.capabilities.push_back(ce);
    s.shocks.push_back(sh);
  }
  if (o.uncertainty_scale) {
    for (auto& u : s.uncertainties) {
      u.sd *= *o.uncertainty_scale;
      u.low *= *o.uncertainty_scale;
      u.mode *= *o.uncertainty_scale;
      u.high *= *o.uncertainty_scale;
    }
  }
  for (const auto& [target, sd] : o.uncertainty_sd) {
    auto it = std::find_if(s.uncertainties.begin(), s.uncertainties.end(), [&](const scenario::Uncertainty& u) { return u.target == target; });
    if (it == s.uncertainties.end()) bad("overrides.uncertainty_sd." + target, "no uncertainty with this target in the scenario");
    if (it->distribution != scenario::Distribution::kNormal)
      bad("overrides.uncertainty_sd." + target, fmt::format("the uncertainty is {}, not normal; use uncertainty_scale", scenario::to_string(it->distribution)));
    it->sd = sd * (o.uncertainty_scale ? *o.uncertainty_scale : 1.0);
  }
  for (std::size_t i = 0; i < o.positions.size(); ++i) {
    const auto& po = o.positions[i];
    const std::string p = fmt::format("overrides.positions[{}]", i);
    auto spec = std::find_if(s.issues.begin(), s.issues.end(), [&](const scenario::IssueSpec& is) { return is.id == po.issue; });
    if (spec == s.issues.end() || !s.world || !s.world->issues.count(po.issue)) bad(p + ".issue", fmt::format("found '{}', expected an issue of the scenario", po.issue));
    const auto& issue = s.world->issues.at(po.issue);
    auto actor = std::find_if(issue.actors.begin(), issue.actors.end(), [&](const bargaining::Actor& a) { return a.name == po.actor; });
    if (actor == issue.actors.end()) bad(p + ".actor", fmt::format("found '{}', expected an actor of issue '{}'", po.actor, po.issue));
    if (po.position && (*po.position < issue.scale_min || *po.position > issue.scale_max))
      bad(p + ".position", fmt::format("found {}, expected a number from {} to {} (the issue's scale)", *po.position, issue.scale_min, issue.scale_max));
    scenario::Shock sh;
    sh.date = s.as_of;
    sh.label = fmt::format("what-if: {} on {}", po.actor, po.issue);
    sh.rationale = "position/salience set through geobalance serve";
    scenario::PositionEffect pe;
    pe.issue = po.issue;
    pe.actor = po.actor;
    pe.set = po.position;
    pe.salience = po.salience;
    sh.positions.push_back(pe);
    s.shocks.push_back(sh);
  }
  for (const auto& [k, v] : o.game) s.game_inputs[k] = v;
  return s;
}

std::string error_body(const std::string& field, const std::string& message) {
  return json{{"error", message}, {"field", field}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace geobalance::server
