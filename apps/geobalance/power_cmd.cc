// geobalance power cinc | balance | transition | theatre
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/io/loaders.h"
#include "geobalance/io/registry.h"
#include "geobalance/power/balance.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/power/cinc.h"
#include "geobalance/power/theatre.h"
#include "geobalance/power/transition.h"

namespace geobalance::cli {
namespace {

using report::Table;
using report::Value;

struct CommonOpts {
  std::string data_dir;
  std::string nmc;
  std::string alliances;  ///< COW by_member(_yearly), for cow:ID coalitions
  std::string atop;       ///< ATOP state-year, for atop:ID coalitions
  std::string years;
  std::string weights;
  std::string format = "table";
  std::string out;
};

// Default year ranges are derived from the data: the last kDefaultSpan years it covers.
constexpr int kDefaultSpan = 30;

void add_common(CLI::App* c, CommonOpts& o, bool with_years) {
  c->add_option("--data", o.data_dir, "Folder of geobalance's built-in tables (default: the installed data/)");
  c->add_option("--nmc", o.nmc, "Use COW CINC from this NMC file (e.g. NMC-70-abridged.csv) instead of the built-in composite index");
  c->add_option("--alliances", o.alliances, "COW alliance members file (by_member or by_member_yearly), for cow:ID coalitions");
  c->add_option("--atop", o.atop, "ATOP state-year file, for atop:ID coalitions");
  c->add_option("--years", o.years,
                with_years ? "Year range A:B (default: the last 30 years the data cover; built-in data 1995:2024)"
                           : "Not used by this command (use --year)");
  c->add_option("--weights", o.weights,
                "Composite weights NAME=W,... over milex, gdp, milper, tpop, warheads (built-in data; default equal "
                "weights on milex, gdp, milper, tpop)");
  add_format_option(c, &o.format);
  c->add_option("-o,--output", o.out, "Write to this file (atomically) instead of stdout");
}

// The panel and weights a command works on: built-in composite or COW CINC.
struct Source {
  power::BuiltinData builtin;
  std::vector<AllianceMember> cow_members;
  std::vector<AtopStateYear> atop;
  power::Panel panel;
  power::CompositeOptions weights;
  std::string description;
  std::string dataset;       ///< how messages name the data: "capabilities (1995-2024, ...)"
  int first_year = 0, last_year = 0;  ///< the years the panel covers
};

// How messages name a data file: its registry entry when data/datasets.csv knows the path
// ("nmc6: COW National Material Capabilities, abridged 6.0 (PATH)"), else the path.
std::string dataset_label(const std::string& data_folder, const std::string& path) {
  const std::string reg_file = data_folder + "/datasets.csv";
  if (std::filesystem::exists(reg_file)) {
    auto reg = io::load_registry(data_folder);
    if (const auto* e = reg.for_path(path)) return fmt::format("{}: {} {} ({})", e->name, e->title, e->version, path);
  }
  return path;
}

Source load_source(const CommonOpts& o) {
  Source s;
  const std::string folder = o.data_dir.empty() ? data_dir() : o.data_dir;
  s.builtin = power::load_builtin_data(folder);
  if (!o.alliances.empty()) s.cow_members = io::load_cow_alliance_members(o.alliances);
  if (!o.atop.empty()) s.atop = io::load_atop_state_year(o.atop);
  if (!o.nmc.empty()) {
    if (!o.weights.empty())
      throw InputError(SourceLocation{}, "--weights", "applies to the built-in data; with --nmc the index is COW's CINC");
    auto rows = io::load_nmc(o.nmc);
    for (const auto& r : rows) s.builtin.index.add(r.ccode, r.abb, "");
    s.panel = power::panel_from_nmc(rows);
    s.description = "COW CINC (" + o.nmc + ")";
    s.dataset = dataset_label(folder, o.nmc);
  } else {
    s.dataset = dataset_label(folder, folder + "/capabilities.csv");
    s.panel = s.builtin.capabilities;
    if (o.weights.empty()) {
      s.weights = power::weights_from_string(s.panel, power::kDefaultWeights);
      s.description = "geobalance composite: equal weights on milex, GDP, military personnel, population; shares of the 44 built-in states";
    } else {
      s.weights = power::weights_from_string(s.panel, o.weights);
      s.description = "geobalance composite (" + o.weights + "); shares of the 44 built-in states";
    }
  }
  auto span = power::year_span(s.panel);
  if (!span) throw InputError(SourceLocation{}, o.nmc.empty() ? "--data" : "--nmc", fmt::format("{} has no rows", s.dataset));
  s.first_year = span->first;
  s.last_year = span->second;
  return s;
}

// The years a balance-type command covers: --years cut to the data (a note on stderr for
// the years dropped; an error when none is left), or the data's last kDefaultSpan years.
std::pair<int, int> years_of(const CommonOpts& o, const Source& s) {
  if (o.years.empty()) return {std::max(s.first_year, s.last_year - kDefaultSpan + 1), s.last_year};
  auto [from, to] = parse_calendar_years("--years", o.years);
  auto cut = io::cut_to_coverage(s.dataset, s.first_year, s.last_year, from, to, "--years");
  if (!cut.note.empty()) std::cerr << "geobalance: note: " << cut.note << "\n";
  return {cut.from, cut.to};
}

power::CoalitionContext context_of(const Source& s) {
  power::CoalitionContext ctx;
  ctx.countries = &s.builtin.index;
  ctx.nato = s.builtin.nato;
  ctx.cow_members = s.cow_members;
  ctx.atop = s.atop;
  return ctx;
}

std::vector<int> resolve_states(const std::string& flag, const std::string& list, const CountryIndex& idx) {
  std::vector<int> out;
  std::set<int> seen;
  for (const auto& s : split_list(list)) {
    auto c = idx.resolve(s);
    if (!c) throw InputError(SourceLocation{}, flag, fmt::format("found unknown state '{}', expected COW abbreviations such as USA,RUS,TUR", s));
    if (!seen.insert(*c).second) throw InputError(SourceLocation{}, flag, fmt::format("state '{}' is given twice", s));
    out.push_back(*c);
  }
  if (out.empty()) throw InputError(SourceLocation{}, flag, "is empty, expected at least one state");
  return out;
}

std::string abb_of(const Source& s, int ccode) {
  const Country* c = s.builtin.index.find(ccode);
  return c ? c->abb : std::to_string(ccode);
}

void register_cinc(CLI::App* power) {
  auto* c = power->add_subcommand("cinc", "CINC per state-year from a COW NMC file, exactly as COW computes it");
  struct Opts {
    std::string nmc, years, states, format, out;
  };
  auto o = std::make_shared<Opts>();
  c->add_option("--nmc", o->nmc, "COW NMC v5/v6/7.0 CSV (e.g. NMC-70-abridged.csv)")->required();
  c->add_option("--years", o->years, "Year range A:B (default: every year in the file)");
  c->add_option("--states", o->states, "Only these states (COW abbreviations or ccodes, comma-separated)");
  add_format_option(c, &o->format);
  c->add_option("-o,--output", o->out, "Write to this file (atomically) instead of stdout");
  c->callback([o] {
    std::pair<int, int> yr{-100000, 100000};
    if (!o->years.empty()) yr = parse_calendar_years("--years", o->years);
    auto rows = io::load_nmc(o->nmc);
    const std::string dataset = dataset_label(data_dir(), o->nmc);
    if (rows.empty()) throw InputError(SourceLocation{}, "--nmc", fmt::format("{} has no rows", dataset));
    std::string note;
    if (!o->years.empty()) {
      auto [lo, hi] = std::minmax_element(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.year < b.year; });
      auto cut = io::cut_to_coverage(dataset, lo->year, hi->year, yr.first, yr.second, "--years");
      yr = {cut.from, cut.to};
      note = cut.note;
    }
    std::set<int> only;
    if (!o->states.empty()) {
      CountryIndex idx;
      for (const auto& r : rows) idx.add(r.ccode, r.abb, "");
      for (int cc : resolve_states("--states", o->states, idx)) only.insert(cc);
    }
    auto v = power::compute_cinc(rows);
    Table t({{"ccode"}, {"stateabb"}, {"year"}, {"cinc", 8}, {"components"}, {"cow_cinc", 8}});
    for (const auto& x : v) {
      if (x.year < yr.first || x.year > yr.second) continue;
      if (!only.empty() && !only.count(x.ccode)) continue;
      t.add_row({static_cast<long long>(x.ccode), x.abb, static_cast<long long>(x.year),
                 std::isnan(x.cinc) ? Value{} : Value{x.cinc}, static_cast<long long>(x.components),
                 std::isnan(x.published_cinc) ? Value{} : Value{x.published_cinc}});
    }
    if (t.rows().empty())  // the states chosen have no row in the years asked for
      throw InputError(SourceLocation{}, "--states",
                       fmt::format("found '{}', but {} has no row for these states in {}-{}", o->states, dataset,
                                   yr.first, yr.second));
    if (!note.empty()) std::cerr << "geobalance: note: " << note << "\n";
    emit(t, o->format, o->out);
  });
}

void register_balance(CLI::App* power) {
  auto* c = power->add_subcommand("balance", "Capability shares of states and coalitions by year, with concentration");
  auto o = std::make_shared<CommonOpts>();
  auto actors = std::make_shared<std::string>("USA,RUS,CHN,TUR,GMY,UKG,FRN");
  auto coalitions = std::make_shared<std::vector<std::string>>(std::vector<std::string>{"NATO", "RUS+CHN"});
  add_common(c, *o, true);
  c->add_option("--actors", *actors, "States shown as columns")->capture_default_str();
  c->add_option("--coalition", *coalitions,
                "Coalitions (repeatable): NATO, A+B+..., or LABEL=SPEC; the first two also give their ratio")
      ->capture_default_str();
  c->callback([o, actors, coalitions] {
    if (!o->years.empty()) parse_calendar_years("--years", o->years);  // a malformed range fails before any loading
    Source s = load_source(*o);
    auto [from, to] = years_of(*o, s);
    auto ctx = context_of(s);
    std::vector<power::CoalitionSpec> specs;
    for (const auto& spec : *coalitions) specs.push_back(power::parse_coalition(spec, ctx, "--coalition"));
    auto ids = resolve_states("--actors", *actors, s.builtin.index);
    auto b = power::capability_balance(s.panel, s.weights, specs, ctx, from, to);
    if (b.years.empty())
      throw InputError(SourceLocation{}, "--years",
                       fmt::format("found '{}', but {} has no year in {}-{}", o->years, s.dataset, from, to));
    std::vector<report::Column> cols{{"year"}};
    for (int id : ids) cols.push_back({abb_of(s, id), 4});
    for (const auto& l : b.coalition_labels) cols.push_back({l, 4});
    bool ratio = specs.size() >= 2;
    if (ratio) cols.push_back({b.coalition_labels[0] + "/" + b.coalition_labels[1], 3});
    cols.push_back({"con", 3});
    cols.push_back({"poles", 3});
    Table t(cols);
    t.title = "Capability balance, " + s.description;
    for (const auto& y : b.years) {
      std::vector<Value> row{static_cast<long long>(y.year)};
      for (int id : ids) {
        auto it = y.index.find(id);
        row.push_back(it == y.index.end() ? Value{} : Value{it->second});
      }
      for (double v : y.coalition_totals) row.push_back(v);
      if (ratio) row.push_back(y.coalition_totals[1] > 0 ? Value{y.coalition_totals[0] / y.coalition_totals[1]} : Value{});
      row.push_back(y.concentration.con);
      row.push_back(y.concentration.effective_poles);
      t.add_row(std::move(row));
    }
    emit(t, o->format, o->out);
  });
}

// Series of a state or coalition's index over the balance's years.
std::vector<double> side_series(const power::Balance& b, std::size_t coalition) {
  std::vector<double> v;
  for (const auto& y : b.years) v.push_back(y.coalition_totals[coalition]);
  return v;
}

void register_transition(CLI::App* power) {
  auto* c = power->add_subcommand("transition", "Power transition between two states or coalitions: ratio, parity, overtaking");
  auto o = std::make_shared<CommonOpts>();
  auto a = std::make_shared<std::string>(), b = std::make_shared<std::string>();
  auto band = std::make_shared<std::string>("0.8:1.25");
  add_common(c, *o, true);
  c->add_option("--a", *a, "Side A: a state (CHN) or coalition (NATO, RUS+CHN)")->required();
  c->add_option("--b", *b, "Side B: a state or coalition")->required();
  c->add_option("--band", *band, "Parity band LOW:HIGH on A/B")->capture_default_str();
  c->callback([o, a, b, band] {
    if (!o->years.empty()) parse_calendar_years("--years", o->years);
    power::TransitionOptions topt;
    {
      auto colon = band->find(':');
      auto lo = io::parse_double(band->substr(0, colon == std::string::npos ? 0 : colon));
      auto hi = colon == std::string::npos ? std::nullopt : io::parse_double(band->substr(colon + 1));
      if (!lo || !hi || *lo <= 0 || *lo > 1 || *hi < 1)
        throw InputError(SourceLocation{}, "--band", fmt::format("found '{}', expected LOW:HIGH with 0 < LOW <= 1 <= HIGH", *band));
      topt.parity_low = *lo;
      topt.parity_high = *hi;
    }
    Source s = load_source(*o);
    auto [from, to] = years_of(*o, s);
    auto ctx = context_of(s);
    std::vector<power::CoalitionSpec> specs{power::parse_coalition(*a, ctx, "--a"), power::parse_coalition(*b, ctx, "--b")};
    auto bal = power::capability_balance(s.panel, s.weights, specs, ctx, from, to);
    std::vector<int> years;
    for (const auto& y : bal.years) years.push_back(y.year);
    auto va = side_series(bal, 0), vb = side_series(bal, 1);
    // Years in which side B has no capability cannot give a ratio; drop them with a note.
    std::vector<int> ys;
    std::vector<double> xa, xb;
    for (std::size_t i = 0; i < years.size(); ++i)
      if (vb[i] > 0) ys.push_back(years[i]), xa.push_back(va[i]), xb.push_back(vb[i]);
    if (ys.empty()) throw InputError(SourceLocation{}, "--b", fmt::format("'{}' has no capability in {}-{}", *b, from, to));
    auto t = power::power_transition(ys, xa, xb, topt);
    // The events are columns too, so csv and json carry what the table's footer lines say
    // (issue 16, item 6): the year a parity spell starts, the first year after one ends, and
    // the side that moves ahead in an overtaking year.
    Table tab({{"year"}, {specs[0].label, 4}, {specs[1].label, 4}, {"ratio", 4}, {"parity"}, {"parity_entry"},
               {"parity_exit"}, {"overtaking"}});
    tab.title = fmt::format("Power transition {} vs {}, {} (parity band {}:{})", specs[0].label, specs[1].label,
                            s.description, topt.parity_low, topt.parity_high);
    auto has = [](const std::vector<int>& v, int y) { return std::find(v.begin(), v.end(), y) != v.end(); };
    for (const auto& p : t.series) {
      std::string ahead;
      for (std::size_t i = 0; i < t.overtaking_years.size(); ++i)
        if (t.overtaking_years[i] == p.year) ahead = t.overtaker[i] == "A" ? specs[0].label : specs[1].label;
      tab.add_row({static_cast<long long>(p.year), p.value_a, p.value_b, p.ratio, std::string(p.parity ? "yes" : "no"),
                   std::string(has(t.parity_entries, p.year) ? "yes" : "no"),
                   std::string(has(t.parity_exits, p.year) ? "yes" : "no"), ahead});
    }
    std::ostringstream extra;
    if (o->format == "table") {
      auto list = [](const std::vector<int>& v) {
        std::string s;
        for (int x : v) s += (s.empty() ? "" : ", ") + std::to_string(x);
        return s.empty() ? std::string("none") : s;
      };
      extra << "parity band [" << topt.parity_low << ", " << topt.parity_high << "]: entries " << list(t.parity_entries)
            << "; exits " << list(t.parity_exits) << "\n";
      std::string ov;
      for (std::size_t i = 0; i < t.overtaking_years.size(); ++i)
        ov += (ov.empty() ? "" : ", ") + fmt::format("{} ({} ahead)", t.overtaking_years[i], t.overtaker[i] == "A" ? specs[0].label : specs[1].label);
      extra << "overtaking: " << (ov.empty() ? "none" : ov) << "\n";
    }
    std::ostringstream os;
    report::render(tab, report::format_from_string(o->format), os);
    emit_text(os.str() + extra.str(), o->out);
  });
}

void register_theatre(CLI::App* power) {
  auto* c = power->add_subcommand("theatre", "Theatre balances with Bueno de Mesquita's loss-of-strength gradient");
  auto o = std::make_shared<CommonOpts>();
  auto theatre = std::make_shared<std::string>("all");
  auto year = std::make_shared<int>(0);
  auto mpd = std::make_shared<double>(power::LossOfStrengthOptions{}.miles_per_day);
  auto actors = std::make_shared<std::string>("USA,RUS,CHN,TUR,GMY,UKG,FRN,ITA,GRC,POL,ROM,BUL,UKR,IRN");
  auto coalitions = std::make_shared<std::vector<std::string>>(std::vector<std::string>{"NATO", "RUS+CHN"});
  add_common(c, *o, false);
  c->add_option("--theatre", *theatre, "Theatre name from data/theatres.csv, or all")->capture_default_str();
  auto* year_opt = c->add_option("--year", *year, "Year of the capabilities (default: the last year the data cover)");
  c->add_option("--mpd", *mpd, "Miles per day in the loss-of-strength gradient")->capture_default_str();
  c->add_option("--actors", *actors, "States shown")->capture_default_str();
  c->add_option("--coalition", *coalitions, "Coalitions (repeatable)")->capture_default_str();
  c->callback([o, theatre, year, year_opt, mpd, actors, coalitions] {
    if (!o->years.empty()) throw InputError(SourceLocation{}, "--years", "does not apply to theatre; use --year");
    power::LossOfStrengthOptions lsg;
    lsg.miles_per_day = *mpd;
    lsg.validate();
    Source s = load_source(*o);
    if (year_opt->count() == 0) *year = s.last_year;
    io::cut_to_coverage(s.dataset, s.first_year, s.last_year, *year, *year, "--year");
    auto ctx = context_of(s);
    std::vector<power::CoalitionSpec> specs;
    for (const auto& spec : *coalitions) specs.push_back(power::parse_coalition(spec, ctx, "--coalition"));
    auto bal = power::capability_balance(s.panel, s.weights, {}, ctx, *year, *year);
    if (bal.years.empty())
      throw InputError(SourceLocation{}, "--year", fmt::format("found '{}', but {} has no row in that year", *year, s.dataset));
    const auto& idx = bal.years[0].index;
    auto ids = resolve_states("--actors", *actors, s.builtin.index);
    std::map<std::string, std::vector<int>> coal;
    for (const auto& spec : specs) coal[spec.label] = power::coalition_members(spec, *year, ctx);
    // Coalition totals count every member with data, not only the displayed actors.
    std::set<int> everyone(ids.begin(), ids.end());
    for (const auto& [l, m] : coal) everyone.insert(m.begin(), m.end());
    std::vector<power::TheatreActor> all;
    for (int id : everyone) {
      auto it = idx.find(id);
      const auto* ci = s.builtin.country(id);
      if (it == idx.end() || !ci) continue;
      all.push_back({id, ci->abb, it->second, ci->location});
    }
    std::vector<const power::TheatreInfo*> ths;
    for (const auto& th : s.builtin.theatres)
      if (*theatre == "all" || th.name == *theatre) ths.push_back(&th);
    if (ths.empty()) {
      std::string names;
      for (const auto& th : s.builtin.theatres) names += (names.empty() ? "" : ", ") + th.name;
      throw InputError(SourceLocation{}, "--theatre", fmt::format("found '{}', expected all or one of: {}", *theatre, names));
    }
    Table t({{"theatre"}, {"actor"}, {"index", 4}, {"miles", 5}, {"exponent", 4}, {"adjusted", 4}});
    t.title = fmt::format("Theatre balances {} (miles/day {}), {}", *year, *mpd, s.description);
    std::set<int> shown(ids.begin(), ids.end());
    for (const auto* th : ths) {
      auto b = power::theatre_balance(th->name, th->centroid, all, coal, lsg);
      for (const auto& a : b.actors)
        if (shown.count(a.ccode)) t.add_row({th->name, a.abb, a.capability, a.miles, a.exponent, a.adjusted});
      for (const auto& spec : specs)
        t.add_row({th->name, "= " + spec.label, Value{}, Value{}, Value{}, b.coalition_totals[spec.label]});
    }
    emit(t, o->format, o->out);
  });
}

Registrar reg(10, [](CLI::App& app) {
  auto* power = app.add_subcommand("power", "Capability indices, coalition and theatre balances, power transitions");
  power->require_subcommand(1);
  register_cinc(power);
  register_balance(power);
  register_transition(power);
  register_theatre(power);
});

}  // namespace
}  // namespace geobalance::cli
