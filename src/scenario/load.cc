#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geobalance/io/registry.h"
#include "geobalance/io/text_file.h"
#include "geobalance/core/paths.h"
#include "geobalance/games/reference_class.h"
#include "geobalance/games/s400_tree.h"
#include "geobalance/power/balance.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/armsrace/series_file.h"
#include "geobalance/scenario/scenario.h"
#include "geobalance/scenario/world.h"
#include "scenario/toml_reader.h"
#include "scenario/context_detail.h"
#include "scenario/nowcasts.h"

namespace geobalance::scenario {

namespace fs = std::filesystem;
using detail::TableReader;

const char* to_string(Distribution d) {
  switch (d) {
    case Distribution::kNormal: return "normal";
    case Distribution::kUniform: return "uniform";
    case Distribution::kTriangular: return "triangular";
    case Distribution::kLognormal: return "lognormal";
  }
  return "?";
}

std::string default_scenario_path() { return data_path("scenarios/nato-southern-flank.toml"); }

namespace {

// Appended to the message of every key a 0.1 scenario file could omit.
#define GEOBALANCE_MIGRATION_HINT                                                                                        \
  "(scenario files written for geobalance 0.1 relied on a built-in default here; docs/scenario.md, "     \
  "'Migrating from 0.1', gives the line that keeps their meaning)"

const std::set<std::string> kIndicators{"milex", "gdp", "milper", "tpop", "warheads"};
const std::set<std::string> kModules{"power", "alignment", "armsrace", "bargaining", "games"};

struct Ctx {
  std::string file;
  fs::path dir;
  const power::BuiltinData* builtin = nullptr;
  Date as_of;
};

// "builtin:NAME" -> data/NAME; "optional:PATH" -> PATH if it exists, else ""; else relative to
// the scenario's folder. A path that does not exist is an error at the key.
std::string resolve_path(TableReader& r, std::string_view key, const Ctx& c) {
  auto v = r.opt_str(key);
  if (!v || v->empty()) return {};
  std::string s = *v;
  bool optional = false;
  if (s.rfind("optional:", 0) == 0) {
    optional = true;
    s = s.substr(9);
  }
  fs::path p = s.rfind("builtin:", 0) == 0 ? fs::path(data_path(s.substr(8))) : (fs::path(s).is_absolute() ? fs::path(s) : c.dir / s);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    if (optional) return {};
    r.fail(key, fmt::format("names '{}', which does not exist or is not a file; expected a readable file "
                            "(relative paths resolve against the scenario's folder; builtin:NAME reads data/NAME)",
                            p.string()));
  }
  return p.lexically_normal().string();
}

Date read_date(TableReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (!n) r.fail_missing(key, "a date YYYY-MM-DD");
  if (auto d = n->as_date()) {
    Date out{d->get().year, d->get().month, d->get().day};
    return out;
  }
  if (n->is_string()) {
    if (auto d = parse_iso_date(n->as_string()->get())) return *d;
  }
  r.fail(key, fmt::format("found {}, expected a date YYYY-MM-DD", detail::describe(*n)));
}

std::string known_state(TableReader& r, std::string_view key, const std::string& abb, const Ctx& c) {
  auto cc = c.builtin->index.resolve(abb);
  if (!cc) r.fail(key, fmt::format("found unknown state '{}', expected a COW abbreviation listed in data/countries.csv", abb));
  return c.builtin->index.find(*cc)->abb;
}

void read_data(TableReader& top, Scenario& s, const Ctx& c) {
  const toml::table* t = top.opt_table("data");
  if (!t) return;
  TableReader r(*t, c.file, "data");
  if (auto b = r.opt_str("builtin"); b && !b->empty()) {
    fs::path p = fs::path(*b).is_absolute() ? fs::path(*b) : c.dir / *b;
    if (!fs::is_directory(p)) r.fail("builtin", fmt::format("names '{}', which is not a folder; expected geobalance's data folder", p.string()));
    s.data_dir = p.string();
  }
  s.nmc = resolve_path(r, "nmc", c);  // COW NMC: the power answers' ratio under CINC (issue 12, item 6)
  s.capabilities = resolve_path(r, "capabilities", c);
  s.ties = resolve_path(r, "ties", c);
  s.alliances = resolve_path(r, "alliances", c);
  s.states = resolve_path(r, "states", c);
  s.idealpoints = resolve_path(r, "idealpoints", c);
  s.milex_series = resolve_path(r, "milex_series", c);
  s.warhead_series = resolve_path(r, "warhead_series", c);
  s.conflicts = resolve_path(r, "conflicts", c);  // the context (scenario/context_detail.h)
  s.rivalries = resolve_path(r, "rivalries", c);
  s.conflicts_key = r.opt_str("conflicts").value_or("");
  s.rivalries_key = r.opt_str("rivalries").value_or("");
  r.finish();
  if (s.alliances.empty() != s.states.empty())
    top.fail("data", "names only one of 'alliances' and 'states'; the alliance portfolios need both");
}

Shock read_shock(const toml::table& t, std::size_t i, const Ctx& c, const std::set<std::string>& issues) {
  TableReader r(t, c.file, fmt::format("shocks[{}]", i));
  Shock sh;
  sh.where = r.where();
  sh.date = read_date(r, "date");
  if (c.as_of < sh.date)
    r.fail("date", fmt::format("found {}, after scenario.as_of ({}); expected a date on or before as_of (no model sees "
                               "an event after the scenario's information date)",
                               to_string(sh.date), to_string(c.as_of)));
  sh.label = r.str("label");
  sh.rationale = r.opt_str("rationale").value_or("");
  sh.in_data = r.opt_bool("in_data").value_or(false);
  for (const toml::table* e : r.table_array("capability")) {
    TableReader er(*e, c.file, r.name("capability"));
    CapabilityEffect ce;
    ce.where = er.where();
    ce.state = known_state(er, "state", er.str("state"), c);
    ce.indicator = er.str("indicator");
    if (!kIndicators.count(ce.indicator)) er.fail("indicator", fmt::format("found '{}', expected milex, gdp, milper, tpop or warheads", ce.indicator));
    ce.factor = er.opt_num("factor", 0, 1e6).value_or(1.0);
    ce.add = er.opt_num("add", -1e15, 1e15).value_or(0.0);
    er.finish();
    sh.capabilities.push_back(ce);
  }
  for (const toml::table* e : r.table_array("position")) {
    TableReader er(*e, c.file, r.name("position"));
    PositionEffect pe;
    pe.where = er.where();
    pe.issue = er.str("issue");
    if (!issues.count(pe.issue)) er.fail("issue", fmt::format("found '{}', expected an issue declared under [[bargaining.issues]]", pe.issue));
    pe.actor = er.str("actor");
    pe.dimension = static_cast<int>(er.opt_integer("dimension", 0, 99).value_or(0));
    pe.set = er.opt_num("set", -1e9, 1e9);
    pe.shift = er.opt_num("shift", -1e9, 1e9).value_or(0.0);
    pe.salience = er.opt_num("salience", 0, 1);
    if (!pe.set && pe.shift == 0 && !pe.salience) er.fail_missing("set", "at least one of set, shift or salience");
    er.finish();
    sh.positions.push_back(pe);
  }
  for (const toml::table* e : r.table_array("tie")) {
    TableReader er(*e, c.file, r.name("tie"));
    TieEffect te;
    te.where = er.where();
    te.a = known_state(er, "a", er.str("a"), c);
    te.b = known_state(er, "b", er.str("b"), c);
    if (te.a == te.b) er.fail("b", fmt::format("found '{}', expected a state other than a", te.b));
    te.value = static_cast<int>(er.integer("value", 0, 3));
    er.finish();
    sh.ties.push_back(te);
  }
  r.finish();
  if (!sh.in_data && sh.capabilities.empty() && sh.positions.empty() && sh.ties.empty())
    throw InputError(sh.where, fmt::format("key 'shocks[{}]'", i),
                     "has no effect; expected at least one [[shocks.capability]], [[shocks.position]] or [[shocks.tie]], "
                     "or in_data = true for an event already in the observed data");
  return sh;
}

Uncertainty read_uncertainty(const toml::table& t, std::size_t i, const Ctx& c, const std::set<std::string>& issues) {
  TableReader r(t, c.file, fmt::format("uncertainty[{}]", i));
  Uncertainty u;
  u.where = r.where();
  u.target = r.str("target");
  if (detail::is_nowcasts_target(u.target)) {  // the capability table's nowcast cells (scenario/nowcasts.h)
    detail::read_nowcasts_uncertainty(r, u);
    r.finish();
    return u;
  }
  // Validate the target's shape.
  std::vector<std::string> parts;
  for (std::size_t b = 0;;) {
    auto e = u.target.find('.', b);
    parts.push_back(u.target.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  const std::string& kind = parts[0];
  bool ok = (kind == "capability" && parts.size() == 3) || ((kind == "position" || kind == "salience" || kind == "capability_power") && parts.size() == 3) ||
            (kind == "game" && parts.size() == 2);
  if (!ok)
    r.fail("target", fmt::format("found '{}', expected capability.STATE.INDICATOR, position.ISSUE.ACTOR, salience.ISSUE.ACTOR, "
                                 "capability_power.ISSUE.ACTOR or game.PARAMETER", u.target));
  if (kind == "capability") {
    known_state(r, "target", parts[1], c);
    if (!kIndicators.count(parts[2])) r.fail("target", fmt::format("names indicator '{}', expected milex, gdp, milper, tpop or warheads", parts[2]));
  } else if (kind == "game") {
    try {
      games::s400_tree_field(parts[1]);
    } catch (const InputError& e) {
      r.fail("target", e.what_part());
    }
  } else if (parts[1] != "*" && !issues.count(parts[1])) {
    r.fail("target", fmt::format("names issue '{}', expected an issue declared under [[bargaining.issues]] or *", parts[1]));
  }
  std::string d = r.str("distribution");
  if (d == "normal") {
    u.distribution = Distribution::kNormal;
    u.sd = r.num("sd", 0, 1e9);
  } else if (d == "uniform" || d == "triangular") {
    u.distribution = d == "uniform" ? Distribution::kUniform : Distribution::kTriangular;
    u.low = r.num("low", -1e9, 1e9);
    u.high = r.num("high", -1e9, 1e9);
    if (u.high < u.low) r.fail("high", fmt::format("is below low ({}); expected high >= low", u.low));
    if (u.distribution == Distribution::kTriangular) {
      u.mode = r.num("mode", u.low, u.high);
    }
  } else {
    r.fail("distribution", fmt::format("found '{}', expected normal, uniform or triangular", d));
  }
  if ((kind == "capability" || kind == "capability_power") &&
      ((u.distribution == Distribution::kNormal && u.sd >= 1) || (u.distribution != Distribution::kNormal && u.low <= -1)))
    r.fail(u.distribution == Distribution::kNormal ? "sd" : "low", "would make the factor (1 + draw) reach 0; expected relative spreads well below 1");
  u.rationale = r.opt_str("rationale").value_or("");
  r.finish();
  return u;
}

// Module-specific question keys; every key another module would read is refused.
// The question's `models` key (docs/scenario.md, "Models per question"): names from `allowed`,
// each once, including `required`; absent: `defaults`.
std::vector<std::string> read_models(TableReader& r, const std::set<std::string>& allowed,
                                     const std::vector<std::string>& defaults, const std::string& required,
                                     const std::string& required_text) {
  if (!r.has("models")) return defaults;
  std::vector<std::string> m = r.str_list("models", true);
  std::string names;
  for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
  for (const auto& x : m)
    if (!allowed.count(x))
      r.fail("models", fmt::format("names '{}', expected models from: {}{}", x, names,
                                   allowed.count("game") && allowed.size() == 1
                                       ? " (smp and bdm answer beside the game only when players.response_issue is set)"
                                       : ""));
  if (std::find(m.begin(), m.end(), required) == m.end())
    r.fail("models", fmt::format("found [{}] without {}; expected a list that includes it", fmt::join(m, ", "), required_text));
  return m;
}

void read_question(TableReader& r, Question& q, const Scenario& s, const Ctx& c, const std::set<std::string>& issue_ids) {
  auto states = [&](std::string_view key, std::size_t n, const char* migration) {
    std::vector<std::string> out;
    if (!r.has(key)) r.fail_missing(key, fmt::format("{} COW abbreviations{}", n, migration));
    for (const auto& a : r.str_list(key, true)) out.push_back(known_state(r, key, a, c));
    if (n && out.size() != n) r.fail(key, fmt::format("has {} states, expected {}", out.size(), n));
    return out;
  };
  if (q.module == "power") {
    if (r.has("coalitions")) {
      q.coalitions = r.str_list("coalitions", true);
      if (q.coalitions.size() != 2) r.fail("coalitions", fmt::format("has {} names, expected 2 coalition names", q.coalitions.size()));
      for (const auto& label : q.coalitions) {
        bool found = false;
        for (const auto& [l, sp] : s.coalitions) found |= l == label;
        if (!found) r.fail("coalitions", fmt::format("names '{}', expected the name of an [[actors.coalition]]", label));
      }
    }
  } else if (q.module == "alignment") {
    if (q.target.empty())
      r.fail_missing("target", "the focal state " GEOBALANCE_MIGRATION_HINT);
    q.target = known_state(r, "target", q.target, c);
    q.comparators = states("comparators", 2, ", the states the focal state is placed between " GEOBALANCE_MIGRATION_HINT);
    if (std::find(q.comparators.begin(), q.comparators.end(), q.target) != q.comparators.end())
      r.fail("comparators", fmt::format("include the focal state '{}'; expected two other states", q.target));
  } else if (q.module == "armsrace") {
    if (q.target != "milex" && q.target != "warheads")
      r.fail("target", fmt::format("found '{}', expected milex or warheads (the series of [data] milex_series or "
                                   "warhead_series)", q.target));
    q.actors = r.str_list("actors", false);
    if (q.actors.empty())
      r.fail_missing("actors", "the race's actors as named in its series " GEOBALANCE_MIGRATION_HINT);
    if (q.actors.size() < 2) r.fail("actors", "has one actor, expected at least two (a race)");
    if (r.has("reaction")) {
      q.reaction = r.str_list("reaction", true);
      if (q.reaction.size() != 2) r.fail("reaction", fmt::format("has {} names, expected 2 (A reacting to B)", q.reaction.size()));
      for (const auto& a : q.reaction)
        if (std::find(q.actors.begin(), q.actors.end(), a) == q.actors.end())
          r.fail("reaction", fmt::format("names '{}', expected one of the question's actors", a));
    } else if (q.target == "milex") {
      // Files written for 0.1 answered a milex question with a reaction coefficient:
      // refuse rather than silently answer with totals.
      r.fail_missing("reaction", "the pair (A, B) whose reaction coefficient k[A,B] answers a milex question; a "
                                 "question without it reports the race's totals " GEOBALANCE_MIGRATION_HINT);
    }
  } else if (q.module == "bargaining") {
    if (!issue_ids.count(q.target))
      r.fail("target", fmt::format("found '{}', expected the id of a declared bargaining issue", q.target));
    std::string own;
    for (const auto& is : s.issues)
      if (is.id == q.target) own = is.model;
    q.models = read_models(r, {"smp", "bdm"}, {"smp", "bdm"}, own,
                           fmt::format("the issue's own model ({}, [[bargaining.issues]] model)", own));
  } else if (q.module == "games") {
    for (const auto& other : s.questions)
      if (other.module == "games")
        r.fail("module", fmt::format("games is asked twice (question '{}' asks it already); expected one games question "
                                     "(one crisis game per scenario)", other.id));
    if (q.target != "s400") r.fail("target", fmt::format("found '{}', expected s400 (the one game template)", q.target));
    const toml::table* pt = r.opt_table("players");
    if (!pt)
      r.fail_missing("players", "players = { turkiye = ..., us = ..., russia = ... } (the S-400 template's roles), "
                                "with activate_issue and response_issue naming the issues that feed it " GEOBALANCE_MIGRATION_HINT);
    TableReader pr(*pt, c.file, r.name("players"));
    for (auto [key, field] : {std::pair{"turkiye", &GamePlayers::turkiye}, std::pair{"us", &GamePlayers::us},
                              std::pair{"russia", &GamePlayers::russia}}) {
      q.players.*field = known_state(pr, key, pr.str(key), c);
      if (std::find(s.focus.begin(), s.focus.end(), q.players.*field) == s.focus.end())
        pr.fail(key, fmt::format("found '{}', expected a state of actors.focus (the game reads its capability share)",
                                 q.players.*field));
    }
    pr.finish();
    for (auto [key, field] : {std::pair{"activate_issue", &GamePlayers::activate_issue},
                              std::pair{"response_issue", &GamePlayers::response_issue}}) {
      if (auto id = r.opt_str(key)) {
        if (!issue_ids.count(*id)) r.fail(key, fmt::format("found '{}', expected the id of a declared bargaining issue", *id));
        q.players.*field = *id;
      }
    }
    const bool response = !q.players.response_issue.empty();
    q.models = read_models(r, response ? std::set<std::string>{"game", "smp", "bdm"} : std::set<std::string>{"game"},
                           response ? std::vector<std::string>{"game", "smp", "bdm"} : std::vector<std::string>{"game"},
                           "game", "game (the crisis game answers a games question)");
  }
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(io::read_text_file(path, std::size_t{16} << 20), path);
  } catch (const toml::parse_error& e) {
    const auto& s = e.source();
    if (s.begin.line == 0)
      throw InputError(SourceLocation{path}, "file", std::string(e.description()) + " (missing or unreadable?)");
    throw InputError(SourceLocation{path, static_cast<int>(s.begin.line), static_cast<int>(s.begin.column)}, "TOML",
                     std::string(e.description()));
  }
  Scenario s;
  s.path = path;
  Ctx c;
  c.file = path;
  c.dir = fs::path(path).parent_path();
  TableReader top(root, path, "");
  long long schema = top.integer("schema", 1, 1000);
  if (schema != kSchemaVersion)
    top.fail("schema", fmt::format("found {}, expected {} (this geobalance reads schema {})", schema, kSchemaVersion, kSchemaVersion));

  {
    TableReader r(top.table("scenario"), path, "scenario");
    s.name = r.str("name");
    if (s.name.empty()) r.fail("name", "is empty; expected a name");
    s.description = r.opt_str("description").value_or("");
    s.as_of = read_date(r, "as_of");
    r.finish();
  }
  s.data_dir = data_dir();
  c.as_of = s.as_of;
  read_data(top, s, c);
  DataSpec spec;
  spec.builtin_dir = s.data_dir;
  spec.capabilities = s.capabilities;
  auto world = std::make_shared<World>(detail::load_builtin_tables(spec));
  const power::BuiltinData& builtin = world->builtin;
  c.builtin = &builtin;

  {
    TableReader r(top.table("actors"), path, "actors");
    for (const auto& a : r.str_list("focus", true)) s.focus.push_back(known_state(r, "focus", a, c));
    if (s.focus.empty()) r.fail("focus", "is empty; expected at least one state");
    for (const toml::table* t : r.table_array("coalition")) {
      TableReader cr(*t, path, "actors.coalition");
      std::string label = cr.str("name"), spec = cr.str("spec");
      for (const auto& [l, sp] : s.coalitions)
        if (l == label) cr.fail("name", fmt::format("'{}' is given twice; expected unique coalition names", label));
      power::CoalitionContext ctx;
      ctx.countries = &builtin.index;
      ctx.nato = builtin.nato;
      try {
        power::parse_coalition(spec, ctx, "spec");
      } catch (const InputError& e) {
        cr.fail("spec", e.what_part());
      }
      cr.finish();
      s.coalitions.emplace_back(label, spec);
    }
    if (s.coalitions.size() < 2) r.fail_missing("coalition", "at least two [[actors.coalition]] (the balance compares the first two)");
    s.theatres = r.str_list("theatres", false);
    for (const auto& th : s.theatres) {
      bool found = false;
      for (const auto& b : builtin.theatres) found |= b.name == th;
      if (!found) r.fail("theatres", fmt::format("names theatre '{}', expected one listed in data/theatres.csv", th));
    }
    r.finish();
  }
  {
    TableReader r(top.table("horizon"), path, "horizon");
    s.history_from = static_cast<int>(r.integer("history_from", 1816, 2100));
    s.history_to = static_cast<int>(r.integer("history_to", s.history_from, 2100));
    s.forecast_to = static_cast<int>(r.integer("forecast_to", s.history_to, 2100));
    // Issue 15, item 4: the history must lie in the capability table's years; a history_to
    // beyond them was accepted and still answered "in 2024".
    if (auto span = power::year_span(builtin.capabilities)) {
      const std::string caps = spec.capabilities.empty() ? s.data_dir + "/capabilities.csv" : spec.capabilities;
      std::string name = "the capability table";
      try {
        // Only the registry's own file is that dataset (a scenario's world may hold a table
        // of the same name).
        const io::Registry reg = io::load_registry(data_dir());
        const io::DatasetEntry* e = reg.for_path(caps);
        std::error_code ec;
        if (e && e->location.rfind("builtin:", 0) == 0 &&
            fs::equivalent(caps, fs::path(data_dir()) / e->location.substr(8), ec))
          name = fmt::format("{} ({} {})", e->name, e->title, e->version);
      } catch (const InputError&) {
        // the registry only names the dataset; the path below identifies it as well
      }
      for (const char* key : {"history_from", "history_to"}) {
        const int y = std::string_view(key) == "history_from" ? s.history_from : s.history_to;
        if (y < span->first || y > span->second)
          r.fail(key, fmt::format("found {}, but {} '{}' covers {}-{} only; expected a year within {}:{}", y, name,
                                  fs::path(caps).lexically_normal().string(), span->first, span->second, span->first, span->second));
      }
    }
    r.finish();
  }
  if (const toml::table* t = top.opt_table("power")) {
    TableReader r(*t, path, "power");
    if (const toml::table* w = r.opt_table("weights")) {
      TableReader wr(*w, path, "power.weights");
      double total = 0;
      for (const auto& ind : kIndicators)
        if (auto v = wr.opt_num(ind, 0, 1e6)) s.weights[ind] = *v, total += *v;
      wr.finish();
      if (total <= 0) r.fail("weights", "are all 0 or absent; expected at least one positive weight");
    }
    s.miles_per_day = r.opt_num("miles_per_day", 1e-6, 1e6).value_or(s.miles_per_day);
    if (auto st = r.opt_str("single_state")) {
      s.single_state = known_state(r, "single_state", *st, c);
      if (std::find(s.focus.begin(), s.focus.end(), s.single_state) == s.focus.end())
        r.fail("single_state", fmt::format("found '{}', expected a state of actors.focus (its share is compared)", *st));
    }
    r.finish();
  }
  if (const toml::table* t = top.opt_table("alignment")) {
    TableReader r(*t, path, "alignment");
    for (const auto& a : r.str_list("system_excludes", false)) s.system_excludes.push_back(known_state(r, "system_excludes", a, c));
    s.idealpoint_series = r.opt_str("idealpoint_series").value_or(s.idealpoint_series);
    if (s.idealpoint_series != "all" && s.idealpoint_series != "final_passage")
      r.fail("idealpoint_series", fmt::format("found '{}', expected all or final_passage", s.idealpoint_series));
    s.portfolio = r.opt_str("portfolio").value_or(s.portfolio);
    if (s.portfolio != "alliance_data" && s.portfolio != "ties_table")
      r.fail("portfolio", fmt::format("found '{}', expected alliance_data or ties_table", s.portfolio));
    r.finish();
  }
  if (const toml::table* t = top.opt_table("armsrace")) {
    TableReader r(*t, path, "armsrace");
    s.cap_fraction = r.opt_num("cap_fraction", 1e-6, 10).value_or(s.cap_fraction);
    s.deployed_limit = r.opt_num("deployed_limit", 1, 100000).value_or(s.deployed_limit);
    if (auto v = r.opt_str("show_noncredible")) {
      if (*v != "omit" && *v != "faint") r.fail("show_noncredible", fmt::format("found '{}', expected omit or faint", *v));
      s.show_noncredible = *v;
    }
    s.bootstrap_replicates = static_cast<int>(r.opt_integer("bootstrap_replicates", 19, 100000).value_or(s.bootstrap_replicates));
    s.holdout_last_fit_year = static_cast<int>(r.opt_integer("holdout_last_fit_year", 1816, 2100).value_or(s.holdout_last_fit_year));
    r.finish();
  }
  std::set<std::string> issue_ids;
  if (const toml::table* t = top.opt_table("bargaining")) {
    TableReader r(*t, path, "bargaining");
    s.max_turns = static_cast<int>(r.opt_integer("max_turns", 1, 10000).value_or(s.max_turns));
    for (const toml::table* it : r.table_array("issues")) {
      TableReader ir(*it, path, "bargaining.issues");
      IssueSpec is;
      is.where = ir.where();
      is.id = ir.str("id");
      if (!issue_ids.insert(is.id).second) ir.fail("id", fmt::format("'{}' is given twice; expected unique issue ids", is.id));
      is.title = ir.str("title");
      is.file = resolve_path(ir, "file", c);
      if (is.file.empty()) ir.fail_missing("file", "the issue's input file");
      is.model = ir.opt_str("model").value_or("smp");
      if (is.model != "smp" && is.model != "bdm") ir.fail("model", fmt::format("found '{}', expected smp or bdm", is.model));
      is.preset = ir.opt_str("preset").value_or("");
      is.threshold = ir.opt_num("threshold", -1e9, 1e9).value_or(50);
      is.low_label = ir.opt_str("low").value_or("");
      is.high_label = ir.opt_str("high").value_or("");
      ir.finish();
      s.issues.push_back(is);
    }
    r.finish();
  }
  s.reference_class = data_path("games/caatsa_reference_class.csv");
  if (const toml::table* t = top.opt_table("games")) {
    TableReader r(*t, path, "games");
    if (r.has("reference_class")) {
      s.reference_class = resolve_path(r, "reference_class", c);
      if (s.reference_class.empty())
        r.fail("reference_class", "is empty; expected the CAATSA reference-class CSV the game is calibrated on "
                                  "(e.g. builtin:games/caatsa_reference_class.csv)");
      games::read_reference_class(s.reference_class);  // every bad cell: file:line:col now, not mid-run
    }
    if (const toml::table* in = r.opt_table("s400")) {
      for (const auto& [k, v] : *in) {
        const std::string key(k.str());
        const games::S400TreeField* f = nullptr;
        try {
          f = &games::s400_tree_field(key);
        } catch (const InputError& e) {
          throw InputError(detail::location_of(path, v), "key 'games.s400." + key + "'", e.what_part());
        }
        s.game_inputs[f->name] = detail::as_number(v, path, "games.s400." + key, f->lo, f->hi);
      }
    }
    r.finish();
  }
  {
    auto shocks = top.table_array("shocks");
    for (std::size_t i = 0; i < shocks.size(); ++i) s.shocks.push_back(read_shock(*shocks[i], i, c, issue_ids));
  }
  {
    auto qs = top.table_array("questions");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < qs.size(); ++i) {
      TableReader r(*qs[i], path, fmt::format("questions[{}]", i));
      Question q;
      q.where = r.where();
      q.id = r.str("id");
      if (!ids.insert(q.id).second) r.fail("id", fmt::format("'{}' is given twice; expected unique question ids", q.id));
      q.text = r.str("text");
      q.module = r.str("module");
      if (!kModules.count(q.module)) r.fail("module", fmt::format("found '{}', expected power, alignment, armsrace, bargaining or games", q.module));
      q.target = r.opt_str("target").value_or("");
      read_question(r, q, s, c, issue_ids);
      r.finish();
      s.questions.push_back(q);
    }
  }
  {
    auto us = top.table_array("uncertainty");
    for (std::size_t i = 0; i < us.size(); ++i) s.uncertainties.push_back(read_uncertainty(*us[i], i, c, issue_ids));
    detail::check_one_nowcasts(s.uncertainties);
  }
  detail::read_context(top, s, builtin);
  if (const toml::table* t = top.opt_table("ensemble")) {
    TableReader r(*t, path, "ensemble");
    s.replicates = static_cast<int>(r.opt_integer("replicates", 1, 1000000).value_or(s.replicates));
    s.seed = static_cast<std::uint64_t>(r.opt_integer("seed", 0, std::numeric_limits<long long>::max()).value_or(1));
    s.threads = static_cast<unsigned>(r.opt_integer("threads", 0, 1024).value_or(0));
    r.finish();
  }
  top.finish();
  if (s.holdout_last_fit_year <= s.history_from || s.holdout_last_fit_year >= s.history_to)
    for (const auto& q : s.questions)
      if (q.module == "armsrace")
        throw InputError(SourceLocation{path}, "key 'armsrace.holdout_last_fit_year'",
                         fmt::format("is {}, expected a year after horizon.history_from ({}) and before "
                                     "horizon.history_to ({}) (the out-of-sample check fits up to it)",
                                     s.holdout_last_fit_year, s.history_from, s.history_to));

  // The rest of the World: every dataset the questions need, read once.
  spec.ties = s.ties;
  spec.idealpoints = s.idealpoints;
  spec.alliances = s.alliances;
  spec.states = s.states;
  spec.conflicts = s.conflicts;
  spec.rivalries = s.rivalries;
  spec.nmc = s.nmc;
  bool needs_alignment = false;
  for (const auto& q : s.questions) {
    needs_alignment |= q.module == "alignment" || q.module == "games";
    if (q.module != "armsrace") continue;
    bool seen = false;
    for (auto& sp : spec.series)
      if (sp.name == q.target) {
        seen = true;
        if (sp.actors != q.actors)
          throw InputError(q.where, fmt::format("key 'questions.actors' of question '{}'", q.id),
                           fmt::format("differ from another question's actors for the {} race; expected one actor list "
                                       "per race", q.target));
      }
    if (seen) continue;
    const std::string& file = q.target == "milex" ? s.milex_series : s.warhead_series;
    const char* builtin_file = q.target == "milex" ? armsrace::kBuiltinMilexFile : armsrace::kBuiltinWarheadsFile;
    spec.series.push_back({q.target, file.empty() ? data_path(builtin_file) : file, q.actors, s.history_from});
  }
  if (needs_alignment && spec.idealpoints.empty()) spec.idealpoints = data_path("alignment/idealpoints.csv");
  if (!needs_alignment) spec.idealpoints.clear();
  if (needs_alignment && spec.ties.empty())
    throw InputError(SourceLocation{path}, "key 'data.ties'",
                     "is missing; expected the path of the current alliance ties table the alignment and games "
                     "questions use " GEOBALANCE_MIGRATION_HINT);
  for (const auto& is : s.issues) spec.issues.emplace_back(is.id, is.file);
  detail::load_remaining(*world, spec);
  s.world = std::move(world);
  return s;
}

}  // namespace geobalance::scenario
