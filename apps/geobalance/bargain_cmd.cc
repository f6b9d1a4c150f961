// geobalance bargain: bargaining forecasts (KTAB-compatible SMP, BDM expected utility) with
// optional Monte Carlo sensitivity. Parses flags, loads the issue, calls the library, renders.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/bargaining/bdm.h"
#include "geobalance/bargaining/issue_io.h"
#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/error.h"
#include "geobalance/io/atomic_file.h"
#include "geobalance/report/table.h"

namespace geobalance::cli {
namespace {

using bargaining::Issue;

/// --max-turns: a turn of the SMP costs O(N^3) (about 0.3 s at 1,000 actors), so 100,000
/// turns are already days; real runs stop within 100.
constexpr long long kMaxTurnsFlag = 100'000;

struct BargainFlags {
  std::string model;
  std::string preset;
  std::string input;
  std::uint64_t seed = 1;
  int max_turns = 0;  // 0 = the model's default
  std::size_t replicates = 0;
  unsigned threads = 0;
  std::vector<double> thresholds;
  std::string transitions = "deterministic";
  std::string format;
  std::string history;
  std::string output;
};

// A model run: positions per state, actor-major, state 0 = the input; how each dimension's
// run ended (the SMP runs all dimensions together, so they share one termination).
struct Run {
  std::vector<std::vector<double>> history;
  std::string summary;
  std::vector<std::string> termination;  // per dimension: "converged", "cycle of length 2", ...
  std::vector<int> turns;                // per dimension: turns (SMP) or rounds (BDM) run
  std::vector<std::string> message;      // per dimension: the model's own explanation
};

Run run_smp_model(const Issue& issue, const bargaining::SmpOptions& opt) {
  bargaining::SmpResult r = bargaining::run_smp(issue, opt);
  Run run;
  run.summary = r.brief_report();
  const std::size_t d = issue.dimensions.size();
  const std::string term = r.termination == bargaining::SmpTermination::kCycle
                               ? fmt::format("cycle of length {}", r.cycle_length)
                               : bargaining::to_string(r.termination);
  run.termination.assign(d, term);
  run.turns.assign(d, r.turns());
  run.message.assign(d, r.message);
  run.history = std::move(r.history);
  return run;
}

bargaining::BdmOptions bdm_options(const BargainFlags& f) {
  bargaining::BdmPreset preset;
  try {
    preset = bargaining::bdm_preset_from_string(f.preset.empty() ? "scholz2011" : f.preset);
  } catch (const InputError&) {  // name the flag the user typed, not the library's "BDM preset"
    throw InputError(SourceLocation{}, "--preset",
                     fmt::format("found '{}', expected one of scholz2011, gdm, bdm1994", f.preset));
  }
  bargaining::BdmOptions o = bargaining::bdm_preset(preset);
  if (f.max_turns > 0) o.max_rounds = f.max_turns;
  return o;
}

// BDM is one-dimensional: each dimension runs on its own; a dimension that stopped early
// keeps its last positions in later turns of the history.
Run run_bdm_model(const Issue& issue, bargaining::BdmOptions opt, bool record) {
  const std::size_t n = issue.actors.size(), d = issue.dimensions.size();
  opt.record_offers = false;
  Run run;
  std::vector<std::vector<std::vector<double>>> per_dim(d);  // [dim][turn][actor]
  std::size_t turns = 0;
  for (std::size_t k = 0; k < d; ++k) {
    opt.dimension = static_cast<int>(k);
    const bargaining::BdmResult r = bargaining::run_bdm(issue, opt);
    per_dim[k].push_back(r.initial_positions);
    if (record)
      for (const auto& round : r.rounds) per_dim[k].push_back(round.positions);
    if (per_dim[k].back() != r.final_positions) per_dim[k].push_back(r.final_positions);
    turns = std::max(turns, per_dim[k].size());
    run.summary += (run.summary.empty() ? "" : "; ") + r.brief_report();
    run.termination.push_back(bargaining::to_string(r.termination));
    run.turns.push_back(r.rounds_run);
    run.message.push_back(r.message);
  }
  for (std::size_t t = 0; t < turns; ++t) {
    std::vector<double> state(n * d);
    for (std::size_t k = 0; k < d; ++k) {
      const auto& s = per_dim[k][std::min(t, per_dim[k].size() - 1)];
      for (std::size_t i = 0; i < n; ++i) state[i * d + k] = s[i];
    }
    run.history.push_back(std::move(state));
  }
  return run;
}

// Final positions by name (indices beside), with each dimension's forecast (the weighted mean
// of the final positions, weights capability x salience: the Monte Carlo baseline's rule) and
// how its run ended, so a csv or json file carries everything the table shows.
report::Table positions_table(const Issue& issue, const Run& run) {
  report::Table t({report::Column{"actor"}, report::Column{"actor_index"}, report::Column{"dimension"},
                   report::Column{"dim_index"}, report::Column{"position"}, report::Column{"forecast"},
                   report::Column{"termination"}, report::Column{"turns"}});
  const std::vector<double>& y = run.history.back();
  const std::vector<double> forecast = bargaining::weighted_outcome(issue, y);
  const std::size_t d = issue.dimensions.size();
  for (std::size_t i = 0; i < issue.actors.size(); ++i)
    for (std::size_t k = 0; k < d; ++k)
      t.add_row({issue.actors[i].name, static_cast<long long>(i), issue.dimensions[k], static_cast<long long>(k),
                 y[i * d + k], forecast[k], run.termination[k], static_cast<long long>(run.turns[k])});
  return t;
}

// The text rendering: the positions, then one line per dimension with its forecast.
std::string positions_text(const Issue& issue, const Run& run) {
  report::Table pos({"actor", "dimension", "position"});
  const std::vector<double>& y = run.history.back();
  const std::size_t d = issue.dimensions.size();
  for (std::size_t i = 0; i < issue.actors.size(); ++i)
    for (std::size_t k = 0; k < d; ++k) pos.add_row({issue.actors[i].name, issue.dimensions[k], y[i * d + k]});
  pos.title = fmt::format("{}: {}", issue.name, run.summary);
  report::Table fc({"dimension", "forecast", "termination", "turns"});
  const std::vector<double> forecast = bargaining::weighted_outcome(issue, y);
  for (std::size_t k = 0; k < d; ++k)
    fc.add_row({issue.dimensions[k], forecast[k], run.termination[k], static_cast<long long>(run.turns[k])});
  fc.title = "forecast = weighted mean of the final positions (weights capability x salience)";
  std::ostringstream os;
  report::render_text(pos, os);
  os << '\n';
  report::render_text(fc, os);
  return os.str();
}

report::Table history_table(const Issue& issue, const std::vector<std::vector<double>>& h) {
  report::Table t({"turn", "actor", "dimension", "position", "actor_index", "dim_index"});
  const std::size_t d = issue.dimensions.size();
  for (std::size_t s = 0; s < h.size(); ++s)
    for (std::size_t i = 0; i < issue.actors.size(); ++i)
      for (std::size_t k = 0; k < d; ++k)
        t.add_row({static_cast<long long>(s), issue.actors[i].name, issue.dimensions[k], h[s][i * d + k],
                   static_cast<long long>(i), static_cast<long long>(k)});
  return t;
}

std::string level_name(double q) {
  return "q" + report::format_real(q * 100);
}

report::Table monte_carlo_table(const Issue& issue, const std::vector<double>& baseline,
                                const bargaining::MonteCarloSummary& s) {
  std::vector<report::Column> cols = {{"dimension"}, {"dim_index"}, {"baseline"}, {"mean"}, {"sd"}};
  for (double q : s.quantile_levels) cols.push_back({level_name(q)});
  for (double t : s.thresholds) cols.push_back({"p_above_" + report::format_real(t)});
  report::Table t(cols);
  for (std::size_t k = 0; k < s.num_dims; ++k) {
    std::vector<report::Value> row = {issue.dimensions[k], static_cast<long long>(k), baseline[k], s.mean[k], s.sd[k]};
    for (double v : s.quantiles[k]) row.push_back(v);
    for (double v : s.p_above[k]) row.push_back(v);
    t.add_row(std::move(row));
  }
  t.title = fmt::format("{}: weighted-mean outcome over {} replicates", issue.name, s.replicates);
  return t;
}

void run_bargain(const BargainFlags& f) {
  if (f.model != "smp" && f.model != "bdm")
    throw InputError(SourceLocation{}, "--model", fmt::format("found '{}', expected smp or bdm", f.model));
  if (f.model == "smp" && !f.preset.empty())
    throw InputError(SourceLocation{}, "--preset",
                     fmt::format("found '{}', but presets apply to --model bdm only", f.preset));
  if (f.model == "bdm" && f.transitions != "deterministic")
    throw InputError(SourceLocation{}, "--transitions",
                     fmt::format("found '{}', but only --model smp has stochastic transitions", f.transitions));

  const Issue issue = bargaining::load_issue(f.input);

  Run run;
  bargaining::ReplicateModel model;
  if (f.model == "smp") {
    bargaining::SmpOptions opt;
    if (f.max_turns > 0) opt.max_turns = f.max_turns;
    opt.transitions = bargaining::smp_transitions_from_string(f.transitions);
    opt.seed = f.seed;
    run = run_smp_model(issue, opt);
    model = bargaining::smp_model(opt);
  } else {
    const bargaining::BdmOptions opt = bdm_options(f);
    run = run_bdm_model(issue, opt, true);
    model = [opt](const Issue& p, std::uint64_t) { return run_bdm_model(p, opt, false).history.back(); };
  }

  report::Table main_table;
  std::string main_text;  // the table format of a single run: positions and forecasts
  if (f.replicates > 0) {
    bargaining::MonteCarloOptions mc;
    mc.seed = f.seed;
    mc.replicates = f.replicates;
    mc.threads = f.threads;
    mc.thresholds = f.thresholds.empty()
                        ? std::vector<double>{(issue.scale_min + issue.scale_max) / 2}
                        : f.thresholds;
    const bargaining::MonteCarloSummary s = bargaining::run_monte_carlo_replicates(issue, model, mc);
    main_table = monte_carlo_table(issue, bargaining::weighted_outcome(issue, run.history.back()), s);
  } else {
    main_table = positions_table(issue, run);
    main_table.title = fmt::format("{}: {}", issue.name, run.summary);
    if (f.format == "table") main_text = positions_text(issue, run);
  }

  // Write nothing until everything is computed; commit the files together.
  const report::Format fmt_main = report::format_from_string(f.format);
  std::optional<io::AtomicFile> hist_file, out_file;
  if (!f.history.empty()) {
    hist_file.emplace(f.history);
    report::render(history_table(issue, run.history), report::Format::kCsv, hist_file->stream());
  }
  if (!f.output.empty() && f.output != "-") {
    out_file.emplace(f.output);
    if (!main_text.empty()) out_file->stream() << main_text;
    else report::render(main_table, fmt_main, out_file->stream());
  }
  if (hist_file) hist_file->commit();
  if (out_file) {
    out_file->commit();
  } else if (!main_text.empty()) {
    emit_text(main_text, "");
  } else {
    emit(main_table, f.format, "");
  }
}

const Registrar kRegistrar(60, [](CLI::App& root) {
  auto flags = std::make_shared<BargainFlags>();
  CLI::App* app = root.add_subcommand(
      "bargain", "Bargaining forecast: KTAB-compatible Spatial Model of Politics or BDM expected utility");
  app->add_option("--model", flags->model, "smp or bdm")->required();
  app->add_option("--preset", flags->preset, "BDM preset: scholz2011 (default), gdm or bdm1994");
  app->add_option("--input", flags->input,
                  "Issue file: KTAB CSV, geobalance TOML/CSV or BDM CSV (see docs/bargaining.md)")
      ->required();
  // Bounds of every count-like flag: docs/limits.md, "Command-line bounds".
  app->add_option("--seed", flags->seed, "Seed of the Monte Carlo and of stochastic transitions (0 to 2^63-1)")
      ->check(integer_in(0, std::numeric_limits<long long>::max()))
      ->capture_default_str();
  app->add_option("--max-turns", flags->max_turns,
                  "Turns (SMP) or rounds (BDM) at most, 1 to 100000; default: the model's (SMP 100, BDM 10)")
      ->check(integer_in(1, kMaxTurnsFlag));
  app->add_option("--replicates", flags->replicates,
                  "Monte Carlo replicates (0 = none, at most 10000000); the output becomes the outcome summary")
      ->check(integer_in(0, 10'000'000));
  app->add_option("--threads", flags->threads, "Threads for Monte Carlo (0 = all cores, at most 1024)")
      ->check(integer_in(0, kMaxThreadsFlag));
  app->add_option("--threshold", flags->thresholds,
                  "Report P(outcome > T) in Monte Carlo (repeatable; default: the scale's midpoint)")
      ->check(finite_real());
  app->add_option("--transitions", flags->transitions, "SMP: deterministic (KTAB default) or stochastic")
      ->check(CLI::IsMember({"deterministic", "stochastic"}));
  add_format_option(app, &flags->format);
  app->add_option("--history", flags->history, "Write the position history as CSV turn,actor,dim,position");
  app->add_option("-o,--output", flags->output, "Write the output here instead of stdout");
  app->callback([flags] { run_bargain(*flags); });
});

}  // namespace
}  // namespace geobalance::cli
