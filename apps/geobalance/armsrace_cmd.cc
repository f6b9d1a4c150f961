// geobalance armsrace: Richardson arms-race models. Subcommands:
//   simulate   integrate a model file over time (CSV columns t,actor,value)
//   stability  equilibrium, eigenvalues and the regime of a model file
//   threshold  when an actor's level first reaches a level
//   fit        estimate a model from annual series, with bootstrap CIs, diagnostics and an
//              out-of-sample check; optionally write the fitted model file
//   outlook    the default actors (US-Russia-China spending, US-Russia warheads): fits,
//              stability verdicts and forecasts with and without a cap
// Parses flags, loads, calls the library, renders; no model logic here.
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "geobalance/armsrace/estimate.h"
#include "geobalance/armsrace/model_file.h"
#include "geobalance/armsrace/names.h"
#include "geobalance/armsrace/outlook.h"
#include "geobalance/armsrace/series_file.h"
#include "geobalance/armsrace/simulate.h"
#include "geobalance/armsrace/stability.h"
#include "geobalance/check.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/report/table.h"

namespace geobalance::cli {
namespace {

namespace ar = geobalance::armsrace;

/// --bootstrap: each replicate is one least-squares solve (and, in outlook, one forecast run);
/// 1,000,000 is far beyond any interval's need (999 is the default).
constexpr long long kMaxBootstrapFlag = 1'000'000;
using report::Table;
using report::Value;

void warn_if_stopped(const ar::Trajectory& tr) {
  if (tr.termination != ar::Termination::kCompleted)
    std::cerr << "warning: the integration stopped early (" << ar::to_string(tr.termination) << "): " << tr.message
              << "; the output ends there\n";
}

// ---------------------------------------------------------------- simulate
struct SimulateFlags {
  std::string model, format, output;
  double from = 0, to = 0, step = 0;
  ar::SimulateOptions options;
};

// The library names a model key ("key 'fatigue'") without knowing the file; add the path the
// user typed so the message names the file and the key.
template <class F>
auto with_model_path(const std::string& path, F&& run) {
  try {
    return run();
  } catch (const InputError& e) {
    if (e.where().file.empty() && e.subject().rfind("key '", 0) == 0)
      throw InputError(SourceLocation{path}, e.subject(), e.what_part());
    throw;
  }
}

void run_simulate(const SimulateFlags& f) {
  ar::Model m = ar::read_model_file(f.model);
  ar::Trajectory tr = with_model_path(f.model, [&] { return ar::simulate(m, f.from, f.to, f.step, f.options); });
  Table t({report::Column{"t", 10}, report::Column{"actor"}, report::Column{"value", 10}});
  for (std::size_t k = 0; k < tr.times.size(); ++k)
    for (std::size_t i = 0; i < tr.actors.size(); ++i) t.add_row({tr.times[k], tr.actors[i], tr.values[k][i]});
  emit(t, f.format, f.output);
  warn_if_stopped(tr);
}

// ---------------------------------------------------------------- stability
Table stability_table(const ar::Model& m, const ar::StabilityReport& s) {
  Table t({report::Column{"quantity"}, report::Column{"actor"}, report::Column{"value", 8}, report::Column{"imag", 8}});
  t.title = s.verdict;
  t.add_row({std::string("regime"), std::string(), ar::to_string(s.regime), std::monostate{}});
  t.add_row({std::string("stable"), std::string(), std::string(s.stable ? "yes" : "no"), std::monostate{}});
  t.add_row({std::string(m.time == ar::TimeMode::kDiscrete ? "largest_multiplier_modulus" : "largest_eigenvalue_real"),
             std::string(), s.growth_rate, std::monostate{}});
  for (std::size_t i = 0; i < m.size(); ++i)
    t.add_row({std::string("equilibrium"), m.actors[i],
               s.equilibrium_exists ? Value(s.equilibrium[i]) : Value(std::string("none (K - diag(a) is singular)")),
               std::monostate{}});
  for (const auto& e : s.eigenvalues) t.add_row({std::string("eigenvalue"), std::string(), e.real(), e.imag()});
  for (const auto& e : s.multipliers) t.add_row({std::string("multiplier"), std::string(), e.real(), e.imag()});
  if (s.fatigue_product) {
    t.add_row({std::string("a1*a2"), std::string(), *s.fatigue_product, std::monostate{}});
    t.add_row({std::string("k12*k21"), std::string(), *s.reaction_product, std::monostate{}});
  }
  t.add_row({std::string("verdict"), std::string(), s.verdict, std::monostate{}});
  return t;
}

struct StabilityFlags {
  std::string model, format, output;
};

void run_stability(const StabilityFlags& f) {
  ar::Model m = ar::read_model_file(f.model);
  emit(stability_table(m, ar::analyse_stability(m)), f.format, f.output);
}

// ---------------------------------------------------------------- threshold
struct ThresholdFlags {
  std::string model, actor, format, output;
  double level = 0, from = 0, to = 0;
};

void run_threshold(const ThresholdFlags& f) {
  ar::Model m = ar::read_model_file(f.model);
  std::size_t a;
  try {
    a = m.actor_index(f.actor);
  } catch (const InputError& e) {
    throw InputError(SourceLocation{}, "--actor", fmt::format("found '{}', expected an actor of {}", f.actor, f.model));
  }
  ar::Crossing c = with_model_path(f.model, [&] { return ar::time_to_threshold(m, a, f.level, f.from, f.to); });
  Table t({"actor", "level", "crossed", "time", "years_from_start"});
  t.add_row({f.actor, f.level, std::string(c.crossed ? "yes" : "no"), c.crossed ? Value(c.time) : Value(),
             c.crossed ? Value(c.time - f.from) : Value()});
  t.title = c.crossed ? fmt::format("{} reaches {} at t = {:.6g}", f.actor, f.level, c.time)
                      : fmt::format("{} does not reach {} by t = {:.6g}", f.actor, f.level, f.to);
  emit(t, f.format, f.output);
  if (c.termination != ar::Termination::kCompleted)
    std::cerr << "warning: the integration stopped early (" << ar::to_string(c.termination) << "): " << c.message << '\n';
}

// ---------------------------------------------------------------- fit
struct FitFlags {
  std::string series = "milex", csv, actor_col, year_col, value_col, actors, years, model_out, format, output;
  int holdout = 2015;
  ar::FitOptions options;
};

ar::Series load_series(const FitFlags& f) {
  std::vector<std::string> actors = split_list(f.actors);
  if (actors.empty()) actors = f.series == "warheads" ? std::vector<std::string>{"USA", "RUS"}
                                                      : std::vector<std::string>{"USA", "RUS", "CHN"};
  int first = 1995, last = 0;
  if (!f.years.empty()) std::tie(first, last) = parse_calendar_years("--years", f.years);
  std::string path = f.csv;
  if (path.empty()) path = data_path(f.series == "warheads" ? ar::kBuiltinWarheadsFile : ar::kBuiltinMilexFile);
  return ar::read_series_csv(path, actors, first, last, ar::SeriesColumns{f.actor_col, f.year_col, f.value_col});
}

void add_coefficient_rows(Table& t, const ar::FitResult& r) {
  for (const auto& e : r.equations) {
    for (const auto& c : e.coefficients)
      t.add_row({e.actor, c.name, c.estimate, c.std_error, c.ci_low, c.ci_high});
    auto stat = [&](const char* name, double v) { t.add_row({e.actor, std::string(name), v, Value(), Value(), Value()}); };
    stat("r_squared", e.r_squared);
    stat("adjusted_r_squared", e.adjusted_r_squared);
    stat("residual_sd", e.residual_sd);
    stat("durbin_watson", e.durbin_watson);
    stat("lag1_autocorrelation", e.lag1_autocorrelation);
    stat("ljung_box_q", e.ljung_box_q);
    stat("ljung_box_p", e.ljung_box_p);
    stat("jarque_bera", e.jarque_bera);
    stat("jarque_bera_p", e.jarque_bera_p);
  }
}

void run_fit(const FitFlags& f) {
  if (f.series != "milex" && f.series != "warheads")
    throw InputError(SourceLocation{}, "--series", fmt::format("found '{}', expected milex or warheads", f.series));
  ar::Series s = load_series(f);
  ar::FitResult r = ar::fit(s, f.options);
  ar::StabilityReport st = ar::analyse_stability(r.model);
  Table t({report::Column{"equation"}, report::Column{"parameter"}, report::Column{"estimate", 6},
           report::Column{"std_error", 4}, report::Column{"ci_low", 6}, report::Column{"ci_high", 6}});
  t.title = fmt::format("Richardson fit {}-{} of {} ({}), {} bootstrap replicates, {:g}% intervals; {}", r.first_year,
                        r.last_year, s.source, s.units.empty() ? "levels" : s.units, r.bootstrap_replicates,
                        100 * f.options.level, st.verdict);
  add_coefficient_rows(t, r);
  t.add_row({std::string("system"), std::string("regime"), ar::to_string(st.regime), Value(), Value(), Value()});
  t.add_row({std::string("system"), std::string(r.model.time == ar::TimeMode::kDiscrete ? "largest_multiplier_modulus"
                                                                                          : "largest_eigenvalue_real"),
             st.growth_rate, Value(), Value(), Value()});
  if (f.holdout != 0) {
    ar::FitOptions ho = f.options;
    ho.bootstrap_replicates = 0;
    ar::HoldoutResult h = ar::holdout_check(s, f.holdout, ho);
    const std::string span = fmt::format("{}-{}", h.years.front(), h.years.back());
    for (std::size_t i = 0; i < s.actors.size(); ++i) {
      t.add_row({s.actors[i], "holdout_mape_" + span, h.mape[i], Value(), Value(), Value()});
      t.add_row({s.actors[i], "naive_mape_" + span, h.naive_mape[i], Value(), Value(), Value()});
    }
    t.add_row({std::string("system"), "holdout_mape_" + span, h.mape_overall, Value(), Value(), Value()});
    t.add_row({std::string("system"), "naive_mape_" + span, h.naive_mape_overall, Value(), Value(), Value()});
  }
  std::string toml;
  if (!f.model_out.empty())
    toml = ar::to_toml(r.model, fmt::format("Fitted by geobalance armsrace fit: {} {}-{} ({}), discrete time, per-year "
                                            "rates.\nx0 = the {} levels. Every coefficient is fitted (OLS); see docs/armsrace.md.",
                                            s.source, r.first_year, r.last_year, s.units, r.last_year));
  emit(t, f.format, f.output);
  if (!f.model_out.empty()) emit_text(toml, f.model_out);
}

// ---------------------------------------------------------------- outlook
struct OutlookFlags {
  std::string cap_from, format, output;
  ar::OutlookOptions options;
};

double parse_date_or_year(const std::string& flag, const std::string& text) {
  int y, mo, d;
  char c1, c2;
  std::istringstream is(text);
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    // A calendar date: 2026-02-30 is refused (it was read as 2026.164), leap years counted.
    if ((is >> y >> c1 >> mo >> c2 >> d) && c1 == '-' && c2 == '-' && mo >= 1 && mo <= 12 && d >= 1) {
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
      if (d <= kDays[mo - 1] + (mo == 2 && leap ? 1 : 0)) return ar::decimal_year(y, mo, d);
    }
    throw InputError(SourceLocation{}, flag, fmt::format("found '{}', expected a calendar date YYYY-MM-DD", text));
  }
  if (auto v = io::parse_double(text); v && *v >= 1000 && *v <= 2200) return *v;
  throw InputError(SourceLocation{}, flag,
                   fmt::format("found '{}', expected a date YYYY-MM-DD or a decimal year from 1000 to 2200", text));
}

Table forecast_table(const ar::Outlook& o) {
  Table t({report::Column{"race"}, report::Column{"actor"}, report::Column{"year"}, report::Column{"no_cap", 7},
           report::Column{"no_cap_low", 7}, report::Column{"no_cap_high", 7}, report::Column{"with_cap", 7},
           report::Column{"with_cap_low", 7}, report::Column{"with_cap_high", 7}, report::Column{"deployed", 7},
           report::Column{"deployed_with_cap", 7}, report::Column{"moved_to_reserve", 7}});
  for (const ar::RaceOutlook* r : {&o.milex, &o.warheads})
    for (std::size_t i = 0; i < r->data.actors.size(); ++i)
      for (std::size_t k = 0; k < r->no_cap.times.size(); ++k) {
        const ar::DeployedCap* dep = r->deployed_cap ? &*r->deployed_cap : nullptr;
        // A budget or stockpile below zero is not a forecast: the cell is left blank and the
        // text and JSON say where the levels model went below zero (issue 12, item 5).
        auto val = [](const std::vector<std::vector<double>>& v, std::size_t kk, std::size_t ii) {
          return kk < v.size() && std::isfinite(v[kk][ii]) && v[kk][ii] >= 0 ? Value(v[kk][ii]) : Value();
        };
        t.add_row({r->name, r->data.actors[i], static_cast<long long>(std::llround(r->no_cap.times[k])),
                   val(r->no_cap.values, k, i), val(r->no_cap_band.low, k, i), val(r->no_cap_band.high, k, i),
                   val(r->with_cap.values, k, i), val(r->with_cap_band.low, k, i), val(r->with_cap_band.high, k, i),
                   dep ? val(dep->deployed, k, i) : Value(), dep ? val(dep->capped, k, i) : Value(),
                   dep ? val(dep->above, k, i) : Value()});
      }
  return t;
}

// The lowest value of the no-cap forecast and its band's low end, with actor and year: a
// budget or stockpile below zero marks the forecast not credible (issue 12, item 5).
struct Lowest {
  double value = HUGE_VAL;
  std::string actor;
  int year = 0;
};
Lowest lowest_forecast(const ar::RaceOutlook& r) {
  Lowest m;
  for (const auto* v : {&r.no_cap.values, &r.no_cap_band.low})
    for (std::size_t k = 0; k < v->size() && k < r.no_cap.times.size(); ++k)
      for (std::size_t i = 0; i < (*v)[k].size() && i < r.data.actors.size(); ++i)
        if ((*v)[k][i] < m.value) m = {(*v)[k][i], r.data.actors[i], static_cast<int>(std::lround(r.no_cap.times[k]))};
  return m;
}

std::string outlook_text(const ar::Outlook& o, const ar::OutlookOptions& opt) {
  std::string s;
  for (const ar::RaceOutlook* r : {&o.milex, &o.warheads}) {
    s += fmt::format("== {} ({}; {}-{}) ==\n", r->title, r->data.units, r->fit.first_year, r->fit.last_year);
    if (const Lowest m = lowest_forecast(*r); m.value < 0)
      s += fmt::format("NOT CREDIBLE: the forecast goes below zero ({:.0f} for {} in {}), which a budget or stockpile "
                       "cannot; this linear model is fitted in levels (use `geobalance backtest`, whose models work in "
                       "logs); the forecast table leaves every value below zero blank\n",
                       m.value, m.actor, m.year);
    s += fmt::format("stability: {}\n", r->stability.verdict);
    s += fmt::format("out of sample (fit {}-{}, forecast {}-{}): MAPE {:.1f}% (no-change forecast {:.1f}%)\n",
                     r->holdout.fit.first_year, r->holdout.fit.last_year, r->holdout.years.front(),
                     r->holdout.years.back(), r->holdout.mape_overall, r->holdout.naive_mape_overall);
    for (const auto& e : r->fit.equations) {
      s += fmt::format("  {}: R2 {:.2f}, DW {:.2f}, Ljung-Box p {:.2f}, Jarque-Bera p {:.2f}\n", e.actor, e.r_squared,
                       e.durbin_watson, e.ljung_box_p, e.jarque_bera_p);
      for (const auto& c : e.coefficients)
        s += fmt::format("    {:<12} {:>12.4g}  [{:.4g}, {:.4g}]\n", c.name, c.estimate, c.ci_low, c.ci_high);
    }
    if (!r->caps.empty()) {
      s += fmt::format("cap scenario: {} from {:.3f}\n\n", r->caps.front().label, opt.cap_from);
    } else if (r->deployed_cap) {
      const auto& d = *r->deployed_cap;
      s += fmt::format("cap scenario: {}; on deployed strategic warheads = share x total stockpile (shares {}:", d.label,
                       d.share_year);
      for (std::size_t i = 0; i < d.actors.size(); ++i)
        s += fmt::format(" {} {:.3f}{}", d.actors[i], d.share[i], d.party[i] ? "" : " (not a party)");
      s += "); the total stockpile is not limited and runs on unchanged\n\n";
    } else {
      s += "cap scenario: none (no deployed strategic warhead data)\n\n";
    }
  }
  return s;
}

nlohmann::json race_json(const ar::RaceOutlook& r) {
  nlohmann::json j;
  j["race"] = r.name;
  j["title"] = r.title;
  j["units"] = r.data.units;
  j["fit_years"] = {r.fit.first_year, r.fit.last_year};
  j["stability"] = {{"regime", ar::to_string(r.stability.regime)},
                    {"stable", r.stability.stable},
                    {"growth_rate", r.stability.growth_rate},
                    {"verdict", r.stability.verdict}};
  for (const auto& e : r.fit.equations) {
    nlohmann::json je{{"actor", e.actor},           {"r_squared", e.r_squared},     {"durbin_watson", e.durbin_watson},
                      {"ljung_box_p", e.ljung_box_p}, {"jarque_bera_p", e.jarque_bera_p}};
    for (const auto& c : e.coefficients)
      je["coefficients"].push_back(
          {{"name", c.name}, {"estimate", c.estimate}, {"std_error", c.std_error}, {"ci", {c.ci_low, c.ci_high}}});
    j["equations"].push_back(je);
  }
  j["holdout"] = {{"fit_years", {r.holdout.fit.first_year, r.holdout.fit.last_year}},
                  {"forecast_years", {r.holdout.years.front(), r.holdout.years.back()}},
                  {"mape", r.holdout.mape},
                  {"mape_overall", r.holdout.mape_overall},
                  {"naive_mape", r.holdout.naive_mape},
                  {"naive_mape_overall", r.holdout.naive_mape_overall}};
  {
    const Lowest m = lowest_forecast(r);
    j["lowest_forecast"] = {{"value", m.value}, {"actor", m.actor}, {"year", m.year}, {"below_zero", m.value < 0}};
  }
  if (r.deployed_cap) {
    const auto& d = *r.deployed_cap;
    j["deployed_cap"] = {{"label", d.label}, {"limit", d.limit}, {"from", d.from}, {"share_year", d.share_year},
                         {"actors", d.actors}, {"party", d.party}, {"share", d.share},
                         {"observed_deployed", d.observed_deployed}, {"times", d.times}, {"deployed", d.deployed},
                         {"with_cap", d.capped}, {"moved_to_reserve", d.above}};
  }
  return j;
}

void run_outlook(OutlookFlags f) {
  if (!f.cap_from.empty()) f.options.cap_from = parse_date_or_year("--cap-from", f.cap_from);
  ar::Outlook o;
  try {
    // The front end loads the built-in series (data/armsrace/); the model only fits them.
    f.options.validate();
    const ar::Series milex = ar::read_series_csv(data_path(ar::kBuiltinMilexFile), {"USA", "RUS", "CHN"},
                                                 f.options.fit_from, 0);
    const ar::Series warheads = ar::read_series_csv(data_path(ar::kBuiltinWarheadsFile), {"USA", "RUS"},
                                                    f.options.fit_from, 0);
    const ar::Series deployed = ar::read_deployed_strategic(data_path(ar::kBuiltinDeployedFile), {"USA", "RUS"});
    o = ar::default_actor_analysis(milex, warheads, f.options, &deployed);
  } catch (const InputError& e) {
    if (e.subject() == "forecast_to") throw InputError(SourceLocation{}, "--to", e.what_part());
    throw;
  }
  Table t = forecast_table(o);
  if (f.format == "json") {
    nlohmann::json j;
    j["races"] = {race_json(o.milex), race_json(o.warheads)};
    std::ostringstream rows;
    report::render_json(t, rows);
    j["forecast"] = nlohmann::json::parse(rows.str());
    emit_text(j.dump(2) + "\n", f.output);
  } else if (f.format == "table") {
    std::ostringstream os;
    os << outlook_text(o, f.options);
    report::render_text(t, os);
    emit_text(os.str(), f.output);
  } else {
    emit(t, f.format, f.output);
  }
}

void add_model_flag(CLI::App* app, std::string* model) {
  app->add_option("--model", *model, "Model file (TOML; see docs/armsrace.md)")->required();
}

const Registrar kRegistrar(40, [](CLI::App& root) {
  CLI::App* ar_app = root.add_subcommand(
      "armsrace", "Richardson arms-race models: simulate, stability, threshold, fit, outlook (docs/armsrace.md)");
  ar_app->require_subcommand(1);

  {
    auto f = std::make_shared<SimulateFlags>();
    CLI::App* app = ar_app->add_subcommand(
        "simulate", "Integrate a model from --from to --to, one row per output time and actor (columns t,actor,value)");
    add_model_flag(app, &f->model);
    // Bounds of every count-like flag: docs/limits.md, "Command-line bounds".
    app->add_option("--from", f->from, "Start time T0 (the model's x0 are the levels at T0)")
        ->required()
        ->check(finite_real());
    app->add_option("--to", f->to, "End time T1 > T0")->required()->check(finite_real());
    app->add_option("--step", f->step, "Output interval H > 0 (a whole number of periods in discrete time)")
        ->required()
        ->check(real_in(0, HUGE_VAL, true, true));
    app->add_option("--rtol", f->options.rtol, "Relative error tolerance per step (> 0)")
        ->check(real_in(0, HUGE_VAL, true, true))
        ->capture_default_str();
    app->add_option("--atol", f->options.atol, "Absolute error tolerance per step (> 0)")
        ->check(real_in(0, HUGE_VAL, true, true))
        ->capture_default_str();
    app->add_option("--max-steps", f->options.max_steps, "Give up after this many steps (1 to 100000000)")
        ->check(integer_in(1, 100'000'000))
        ->capture_default_str();
    add_format_option(app, &f->format, "csv");
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_simulate(*f); });
  }
  {
    auto f = std::make_shared<StabilityFlags>();
    CLI::App* app = ar_app->add_subcommand(
        "stability", "Equilibrium x*, eigenvalues of K - diag(a), stability and regime (stable equilibrium, runaway "
                     "race, disarmament spiral, saddle, oscillatory)");
    add_model_flag(app, &f->model);
    add_format_option(app, &f->format);
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_stability(*f); });
  }
  {
    auto f = std::make_shared<ThresholdFlags>();
    CLI::App* app = ar_app->add_subcommand("threshold", "When ACTOR's level first reaches LEVEL, starting at --from");
    add_model_flag(app, &f->model);
    app->add_option("--actor", f->actor, "Actor name as in the model file")->required();
    app->add_option("--level", f->level, "Threshold level")->required()->check(finite_real());
    app->add_option("--from", f->from, "Start time (levels x0)")->required()->check(finite_real());
    app->add_option("--to", f->to, "Latest time to look at")->required()->check(finite_real());
    add_format_option(app, &f->format);
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_threshold(*f); });
  }
  {
    auto f = std::make_shared<FitFlags>();
    CLI::App* app = ar_app->add_subcommand(
        "fit",
        "Estimate k_ij, fatigue and grievance by least squares on yearly changes, with bootstrap CIs, R2, residual "
        "diagnostics and an out-of-sample check (fit to --holdout, forecast the rest, MAPE)");
    app->add_option("--series", f->series,
                    "Built-in series: milex (SIPRI, USA/RUS/CHN 1995-2024, US$ m constant 2023) or warheads "
                    "(FAS via OWID, USA/RUS 1985-2023)")
        ->capture_default_str();
    app->add_option("--csv", f->csv,
                    "Read this CSV instead (long format; SIPRI extract, OWID stockpiles or actor,year,value "
                    "layouts are recognised)");
    app->add_option("--actor-column", f->actor_col, "Actor column of --csv (with --year-column and --value-column)");
    app->add_option("--year-column", f->year_col, "Year column of --csv");
    app->add_option("--value-column", f->value_col, "Value column of --csv");
    app->add_option("--actors", f->actors, "Actors, comma-separated (default USA,RUS,CHN; USA,RUS for warheads)");
    app->add_option("--years", f->years, "Fit years A:B (default 1995 to the latest year all actors have)");
    app->add_option("--holdout", f->holdout,
                    "Out-of-sample check: fit up to this year, forecast the rest (0 = none)")
        ->check(integer_in(0, 10'000))
        ->capture_default_str();
    app->add_option("--bootstrap", f->options.bootstrap_replicates,
                    "Bootstrap replicates, 0 to 1000000 (0 = normal-theory CIs)")
        ->check(integer_in(0, kMaxBootstrapFlag))
        ->capture_default_str();
    app->add_option("--seed", f->options.seed, "Bootstrap seed (0 to 2^63-1)")
        ->check(integer_in(0, std::numeric_limits<long long>::max()))
        ->capture_default_str();
    app->add_option("--level", f->options.level, "Confidence level, in (0, 1)")
        ->check(real_in(0, 1, true, true))
        ->capture_default_str();
    app->add_option("--threads", f->options.threads, "Threads (0 = all cores, at most 1024)")
        ->check(integer_in(0, kMaxThreadsFlag))
        ->capture_default_str();
    app->add_option("--model-out", f->model_out, "Also write the fitted model as a model file (TOML)");
    add_format_option(app, &f->format);
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_fit(*f); });
  }
  {
    auto f = std::make_shared<OutlookFlags>();
    CLI::App* app = ar_app->add_subcommand(
        "outlook",
        "The default actors: US-Russia-China military expenditure and US-Russia warheads, fitted, with stability "
        "verdicts, out-of-sample MAPE and forecasts with and without a cap (table: summary + forecasts; csv: "
        "forecasts; json: everything)");
    app->add_option("--to", f->options.forecast_to, "Forecast horizon (a year, at most 2200)")
        ->check(integer_in(1000, 2200))
        ->capture_default_str();
    app->add_option("--cap-from", f->cap_from, "When the cap binds: YYYY-MM-DD or decimal year (default 2026-02-05)");
    app->add_option("--cap-fraction", f->options.cap_fraction,
                    "Spending cap as a fraction of each actor's last observed level (1 = freeze; > 0; milex only)")
        ->check(real_in(0, HUGE_VAL, true, true))
        ->capture_default_str();
    app->add_option("--deployed-limit", f->options.deployed_limit,
                    "Counterfactual limit on deployed strategic warheads per party, USA and RUS (New START: 1550; > 0)")
        ->check(real_in(0, HUGE_VAL, true, true))
        ->capture_default_str();
    app->add_option("--bootstrap", f->options.bootstrap_replicates, "Bootstrap replicates, 0 to 1000000")
        ->check(integer_in(0, kMaxBootstrapFlag))
        ->capture_default_str();
    app->add_option("--seed", f->options.seed, "Bootstrap seed (0 to 2^63-1)")
        ->check(integer_in(0, std::numeric_limits<long long>::max()))
        ->capture_default_str();
    app->add_option("--threads", f->options.threads, "Threads (0 = all cores, at most 1024)")
        ->check(integer_in(0, kMaxThreadsFlag))
        ->capture_default_str();
    add_format_option(app, &f->format);
    app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
    app->callback([f] { run_outlook(*f); });
  }
});

}  // namespace
}  // namespace geobalance::cli
