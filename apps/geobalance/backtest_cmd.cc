// geobalance backtest: rolling-origin backtests of the forecasters against the no-change and
// trend baselines (docs/backtest.md). One row per (series, state, model, horizon) plus pooled
// rows (state "all"). Parses flags, loads through the io/ and power/ loaders, calls
// forecast::run_backtest, renders; no model logic here.
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/forecast/backtest.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/builtin_data.h"
#include "geobalance/report/table.h"

namespace geobalance::cli {
namespace {

namespace fc = geobalance::forecast;

struct BacktestFlags {
  std::string series, states, origins = "2005:2019", horizons = "1:5", models, data, format, output;
  fc::BacktestOptions options;
  std::string ic = "aic";
  bool granger = false;
};

std::vector<std::string> default_states(fc::SeriesKind k) {
  switch (k) {
    case fc::SeriesKind::kMilex:
    case fc::SeriesKind::kWarheads: return {"USA", "RUS", "CHN"};
    case fc::SeriesKind::kCinc: return {"USA", "RUS", "CHN", "IND", "JPN", "GMY"};
    case fc::SeriesKind::kIdealPoint: return {"USA", "RUS", "CHN", "IND", "UKG", "FRN", "TUR"};
  }
  return {};
}

fc::AnnualSeries load(fc::SeriesKind kind, const BacktestFlags& f) {
  std::vector<std::string> states = split_list(f.states);
  if (!f.states.empty() && states.empty())
    throw InputError(SourceLocation{}, "--states", fmt::format("found '{}', expected state codes like USA,RUS", f.states));
  if (states.empty()) states = default_states(kind);
  const std::vector<power::CountryInfo> countries = power::load_countries(data_path("countries.csv"));
  switch (kind) {
    case fc::SeriesKind::kMilex:
    case fc::SeriesKind::kWarheads: {
      if (f.data.empty()) {
        const std::string path = data_path("capabilities.csv");
        return fc::series_from_panel(kind, power::load_capability_table(path), fc::to_string(kind), states, path);
      }
      if (kind == fc::SeriesKind::kMilex) return fc::series_from_sipri(io::load_sipri_milex(f.data), states, f.data);
      std::map<std::string, std::string> abb_of_iso3;
      for (const auto& c : countries)
        if (!c.iso3.empty()) abb_of_iso3[c.iso3] = c.abb;
      return fc::series_from_owid(io::load_owid_warheads(f.data), abb_of_iso3, states, f.data);
    }
    case fc::SeriesKind::kCinc:
    case fc::SeriesKind::kIdealPoint: {
      if (f.data.empty())
        throw InputError(SourceLocation{}, "--data",
                         fmt::format("is missing; --series {} needs {} (see docs/backtest.md)", fc::to_string(kind),
                                     kind == fc::SeriesKind::kCinc ? "a COW NMC file, e.g. ../shared/data/nmc/NMC-70-abridged.csv"
                                                                   : "a UN ideal-point file, e.g. ../shared/data/unga_idealpoints/IdealpointsJuly2025.csv"));
      if (kind == fc::SeriesKind::kCinc) return fc::series_from_nmc_cinc(io::load_nmc(f.data), states, f.data);
      std::map<int, std::string> abb_of_ccode;
      for (const auto& c : countries) abb_of_ccode[c.ccode] = c.abb;
      return fc::series_from_idealpoints(io::load_unga_idealpoints(f.data), abb_of_ccode, states, f.data);
    }
  }
  return {};
}

void run_backtest_cmd(BacktestFlags f) {
  auto kind = fc::series_kind_from_string(f.series);
  if (!kind)
    throw InputError(SourceLocation{}, "--series", fmt::format("found '{}', expected one of {}", f.series, fc::series_kind_names()));
  std::tie(f.options.first_origin, f.options.last_origin) = parse_calendar_years("--origins", f.origins);
  std::tie(f.options.min_horizon, f.options.max_horizon) = parse_year_range("--horizons", f.horizons);
  for (const std::string& m : split_list(f.models)) {
    auto mk = fc::model_kind_from_string(m);
    if (!mk) throw InputError(SourceLocation{}, "--models", fmt::format("found '{}', expected one of {}", m, fc::model_kind_names()));
    f.options.models.push_back(*mk);
  }
  if (!f.models.empty() && f.options.models.empty())
    throw InputError(SourceLocation{}, "--models", fmt::format("found '{}', expected a list such as var,richardson", f.models));
  auto ic = fc::info_criterion_from_string(f.ic);
  if (!ic) throw InputError(SourceLocation{}, "--ic", fmt::format("found '{}', expected aic, bic or hqic", f.ic));
  f.options.forecast.ic = *ic;
  const fc::AnnualSeries series = load(*kind, f);
  if (f.granger) {
    f.options.forecast.validate();
    const fc::VarSystem v = fc::var_system(series, series.last_year, f.options.forecast);
    report::Table t({report::Column{"caused"}, report::Column{"causing"}, report::Column{"lags"}, report::Column{"f", 6},
                     report::Column{"df_num"}, report::Column{"df_den"}, report::Column{"p_value", 4},
                     report::Column{"at_5pct"}});
    for (const auto& g : v.granger)
      t.add_row({g.caused, g.causing, static_cast<long long>(v.fit.p), g.test.f, static_cast<long long>(g.test.df_num),
                 static_cast<long long>(g.test.df_den), g.test.p_value,
                 std::string(g.test.p_value < 0.05 ? "Granger-causes" : "no evidence")});
    t.title = fmt::format("Granger causality F tests in a VAR({}) of {}{} ({}-{}, lag order by {} up to {}; {})",
                          v.fit.p, series.positive() ? "log " : "", fc::to_string(*kind), v.first_year, v.last_year,
                          fc::to_string(f.options.forecast.ic), v.selection.maxlags, series.source);
    emit(t, f.format, f.output);
    return;
  }
  const fc::BacktestResult r = fc::run_backtest(series, f.options);
  const fc::Selection sel = fc::select_from(r);

  report::Table t({report::Column{"series"}, report::Column{"state"}, report::Column{"model"}, report::Column{"horizon"},
                   report::Column{"n"}, report::Column{"mae", 6}, report::Column{"rel_mae", 4}, report::Column{"crps", 6},
                   report::Column{"cover50", 3}, report::Column{"cover90", 3}});
  for (const auto& row : r.rows)
    t.add_row({row.series, row.state, row.model, static_cast<long long>(row.horizon), static_cast<long long>(row.n),
               row.mae, row.rel_mae, row.crps, row.cover50, row.cover90});
  t.title = fmt::format("{} backtest, origins {}-{}, horizons {}-{} ({}). Selected: {}: {}.", fc::to_string(*kind),
                        r.first_origin, r.last_origin, r.min_horizon, r.max_horizon, series.source,
                        fc::to_string(sel.model), sel.reason);
  emit(t, f.format, f.output);
  if (f.format != "table") std::cerr << "selected: " << fc::to_string(sel.model) << ": " << sel.reason << '\n';
}

const Registrar kRegistrar(75, [](CLI::App& root) {
  auto f = std::make_shared<BacktestFlags>();
  CLI::App* app = root.add_subcommand(
      "backtest",
      "Rolling-origin backtest of forecasters against no-change and trend baselines: MAE, rel. MAE, CRPS, "
      "50%/90% coverage by state, model and horizon (docs/backtest.md)");
  app->add_option("--series", f->series, "milex, warheads, cinc or idealpoint")->required();
  app->add_option("--states", f->states,
                  "States, comma-separated COW abbreviations (default USA,RUS,CHN; cinc adds IND,JPN,GMY; idealpoint "
                  "USA,RUS,CHN,IND,UKG,FRN,TUR)");
  app->add_option("--origins", f->origins, "Forecast origins A:B: origin T sees data through T only")->capture_default_str();
  app->add_option("--horizons", f->horizons, "Horizons A:B in years, >= 1")->capture_default_str();
  app->add_option("--models", f->models,
                  "Models, comma-separated: nochange, trend, ar1, richardson (positive series), var, regime "
                  "(warheads) (default: all that apply; nochange and trend always run)");
  app->add_option("--data", f->data,
                  "Read the series from this file: milex a SIPRI extract, warheads OWID/FAS stockpiles, cinc a COW NMC "
                  "file (required), idealpoint UN ideal points (required). Default for milex and warheads: "
                  "data/capabilities.csv");
  app->add_option("--ensemble", f->options.forecast.ensemble, "Ensemble members per forecast (2 to 100000)")
      ->capture_default_str()
      ->check(integer_in(2, 100'000));
  app->add_flag("--granger", f->granger,
                  "Instead of the backtest, fit the VAR on all the data and print Granger-causality F tests of every "
                  "ordered pair of states");
  app->add_option("--window", f->options.forecast.window,
                  "Years of history the models use (trend always uses 10; 0 = all; at most 1000)")
      ->capture_default_str()
      ->check(integer_in(0, 1000));
  app->add_option("--max-lags", f->options.forecast.var_max_lags, "Largest VAR lag order (1 to 10)")
      ->capture_default_str()
      ->check(integer_in(1, 10));
  app->add_option("--ic", f->ic, "VAR lag-order criterion: aic, bic or hqic")->capture_default_str();
  app->add_option("--seed", f->options.forecast.seed, "Seed of the simulated ensembles (0 to 2^63-1)")
      ->capture_default_str()
      ->check(integer_in(0, std::numeric_limits<long long>::max()));
  app->add_option("--threads", f->options.threads, "Threads (0 = all cores); results do not depend on it")
      ->capture_default_str()
      ->check(integer_in(0, kMaxThreadsFlag));
  add_format_option(app, &f->format);
  app->add_option("-o,--output", f->output, "Write the output here instead of stdout");
  app->callback([f] { run_backtest_cmd(*f); });
});

}  // namespace
}  // namespace geobalance::cli
