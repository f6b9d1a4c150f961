// geobalance game solve | s400 | s400-tree | convert: Gambit games, the S-400 crisis template and
// the rebuilt S-400 game with incomplete information (issue 14). Parses flags,
// calls the games library, renders; no game logic here.
#include <memory>
#include <optional>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command.h"
#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"
#include "geobalance/games/render.h"
#include "geobalance/games/reference_class.h"
#include "geobalance/games/s400.h"
#include "geobalance/games/s400_tree.h"

namespace geobalance::cli {
namespace {

namespace g = geobalance::games;

struct SolveArgs {
  std::string file;
  std::string method;
  std::string format = "table";
  std::string output;
  bool exact = false;
  bool one_path_set = false;
  bool strategic = false;
  std::size_t max_equilibria = 0;
};

std::string profile_text(const g::SolveResult& r, const g::Equilibrium& e, std::size_t b) {
  std::string s;
  for (std::size_t k = 0; k < e.approx[b].size(); ++k) {
    if (r.layout.behavior || e.approx[b][k] != 0 || e.approx[b].size() == 1) {
      if (!s.empty()) s += ' ';
      s += r.layout.labels[b][k] + "=" + g::probability_text(e, b, k);
    }
  }
  return s;
}

report::Table solve_table(const g::SolveResult& r) {
  report::Table t({"equilibrium", "player", "block", "probabilities", "payoff"});
  t.title = r.brief_report();
  for (std::size_t i = 0; i < r.equilibria.size(); ++i) {
    const auto& e = r.equilibria[i];
    for (std::size_t b = 0; b < e.approx.size(); ++b) {
      std::size_t p = static_cast<std::size_t>(r.layout.block_player[b]);
      t.add_row({static_cast<long long>(i + 1), r.layout.player_names[p], r.layout.block_names[b],
                 profile_text(r, e, b), g::payoff_text(e, p)});
    }
  }
  return t;
}

void run_solve(const SolveArgs& a) {
  g::Method m = g::method_from_string(a.method);
  g::AnyGame game = g::read_game(a.file);
  g::SolveOptions o;
  o.enummixed.exact_only = a.exact;
  o.enummixed.max_equilibria = a.max_equilibria;
  o.lcp.exact_only = a.exact;
  o.lcp.max_equilibria = a.max_equilibria;
  o.lcp.traverse = !a.one_path_set;
  o.strategic = a.strategic;
  o.sequence.exact_only = a.exact;
  if (a.max_equilibria) o.spe.max_equilibria = a.max_equilibria;
  const bool tree = std::holds_alternative<g::ExtensiveFormGame>(game);
  if (tree && !a.strategic && m == g::Method::kLcp && a.one_path_set)
    throw InputError(SourceLocation{}, "--artificial-only",
                     "found it with lcp on a tree, which runs Lemke's algorithm on the sequence form (one path); "
                     "expected it only with --strategic");
  if (tree && !a.strategic && (m == g::Method::kLcp || m == g::Method::kLp) && a.max_equilibria > 1)
    throw InputError(SourceLocation{}, "--max-equilibria",
                     fmt::format("found {}, but {} on a tree returns one equilibrium; use --strategic for more",
                                 a.max_equilibria, a.method));
  g::SolveResult r = std::visit([&](const auto& gm) { return g::solve(gm, m, o); }, game);
  if (a.format == "gambit") {
    emit_text(g::to_gambit(r), a.output);
  } else if (a.format == "json") {
    emit_text(g::to_json(r).dump(2) + "\n", a.output);
  } else {
    emit(solve_table(r), a.format, a.output);
  }
}

struct S400Args {
  g::S400Inputs inputs;
  std::string format = "table";
  std::string output;
  std::string write_efg;
  bool gambit_ascii = false;
  std::string sweep;
  double from = 0, to = 1;
  int steps = 21;
};

nlohmann::json path_json(const g::S400Path& p) {
  return {{"turkiye", p.turkiye}, {"united_states", p.us}, {"russia", p.russia}, {"payoffs", p.payoffs}};
}

void run_s400(const S400Args& a) {
  a.inputs.validate();
  if (!a.sweep.empty()) {
    g::S400Sweep sw = g::sweep_s400(a.inputs, a.sweep, a.from, a.to, a.steps);
    if (a.format == "json") {
      nlohmann::json j;
      j["parameter"] = sw.parameter;
      j["change_points"] = sw.change_points;
      j["points"] = nlohmann::json::array();
      for (const auto& pt : sw.points) {
        nlohmann::json jp{{"value", pt.value}, {"changed", pt.changed}, {"paths", nlohmann::json::array()}};
        for (const auto& p : pt.paths) jp["paths"].push_back(path_json(p));
        j["points"].push_back(jp);
      }
      emit_text(j.dump(2) + "\n", a.output);
      return;
    }
    report::Table t(std::vector<report::Column>{{sw.parameter}, {"changed"}, {"equilibrium path(s)"}});
    t.title = fmt::format("S-400 sweep over {}: the equilibrium path changes at {}", sw.parameter,
                          sw.change_points.empty() ? std::string("no grid point")
                                                   : fmt::format("{:.4g}", fmt::join(sw.change_points, ", ")));
    for (const auto& pt : sw.points) {
      std::string paths;
      for (const auto& p : pt.paths) paths += (paths.empty() ? "" : " | ") + p.text();
      t.add_row({pt.value, std::string(pt.changed ? "yes" : ""), paths});
    }
    emit(t, a.format, a.output);
    return;
  }
  g::S400Result r = g::solve_s400(a.inputs);
  if (!a.write_efg.empty())
    emit_text(g::write_efg(a.gambit_ascii ? g::ascii_labels(r.game) : r.game), a.write_efg);
  if (a.format == "json") {
    nlohmann::json j;
    nlohmann::json in;
    for (const auto& f : g::s400_fields()) in[f.name] = a.inputs.*f.member;
    j["inputs"] = in;
    j["summary"] = r.summary();
    j["paths"] = nlohmann::json::array();
    for (const auto& p : r.paths) j["paths"].push_back(path_json(p));
    j["spe"] = g::to_json(r.spe);
    emit_text(j.dump(2) + "\n", a.output);
    return;
  }
  if (a.format == "gambit") {
    emit_text(g::to_gambit(r.spe), a.output);
    return;
  }
  report::Table t({"spe", "turkiye", "united_states", "russia", "u_turkiye", "u_us", "u_russia"});
  t.title = r.summary();
  for (std::size_t i = 0; i < r.paths.size(); ++i) {
    const auto& p = r.paths[i];
    t.add_row({static_cast<long long>(i + 1), p.turkiye, p.us, p.russia, p.payoffs[0], p.payoffs[1], p.payoffs[2]});
  }
  emit(t, a.format, a.output);
}

struct ConvertArgs {
  std::string file;
  std::string output;
  bool gambit_ascii = false;
  bool reduced = false;
};

void run_convert(const ConvertArgs& a) {
  g::AnyGame game = g::read_game(a.file);
  if (a.reduced) {
    const auto* tree = std::get_if<g::ExtensiveFormGame>(&game);
    if (!tree)
      throw InputError(SourceLocation{}, "--reduced", "found a strategic-form (.nfg) game, expected a tree (.efg)");
    game = g::to_reduced_normal_form(*tree).game;
  }
  std::string text;
  if (const auto* nf = std::get_if<g::NormalFormGame>(&game))
    text = g::write_nfg(a.gambit_ascii ? g::ascii_labels(*nf) : *nf,
                        nf->has_outcomes() ? g::NfgVersion::kOutcome : g::NfgVersion::kPayoff);
  else
    text = g::write_efg(a.gambit_ascii ? g::ascii_labels(std::get<g::ExtensiveFormGame>(game))
                                       : std::get<g::ExtensiveFormGame>(game));
  emit_text(text, a.output);
}

const Registrar kRegistrar(60, [](CLI::App& root) {
  CLI::App* game = root.add_subcommand("game", "Normal- and extensive-form games: Gambit files, equilibria, the S-400 crisis");
  game->require_subcommand(1);

  auto sa = std::make_shared<SolveArgs>();
  CLI::App* solve = game->add_subcommand("solve", "Solve a Gambit .nfg or .efg game");
  solve->add_option("file", sa->file, "Game file (.nfg or .efg; the header decides)")->required();
  solve->add_option("--method", sa->method,
                    "enumpure (pure NE, n players) | enummixed (all extreme NE, 2 players) | lcp (Lemke-Howson, "
                    "2 players; on a tree, Lemke on the sequence form in behaviour strategies) | spe (subgame-perfect, "
                    "perfect-information trees) | logit (QRE path and its limit; on a tree, the agent QRE) | lp "
                    "(sequence-form LP of a 2-player constant-sum tree, with the game value)")
      ->required()
      ->check(CLI::IsMember({"enumpure", "enummixed", "lcp", "spe", "logit", "lp"}));
  solve->add_option("--format", sa->format, "table | csv | json | gambit (NE,p1,p2,... lines)")
      ->check(CLI::IsMember({"table", "csv", "json", "gambit"}))
      ->capture_default_str();
  solve->add_option("-o,--output", sa->output, "Write here (atomically) instead of stdout");
  solve->add_flag("--exact", sa->exact, "enummixed/lcp: pivot in exact rationals from the start");
  solve->add_flag("--artificial-only", sa->one_path_set,
                  "lcp: only the m+n paths from the artificial equilibrium (no traversal from found equilibria)");
  solve->add_option("--max-equilibria", sa->max_equilibria, "Stop after this many equilibria (0 = all)");
  solve->add_flag("--strategic", sa->strategic,
                  "Trees: solve lcp and logit on the reduced strategic form (mixed strategies) instead of the tree");
  solve->callback([sa] { run_solve(*sa); });

  auto s4 = std::make_shared<S400Args>();
  CLI::App* s400 = game->add_subcommand(
      "s400",
      "The S-400 crisis (Türkiye: shelve / keep unactivated / activate; US: tolerate / targeted sanctions / broad "
      "sanctions + F-35 exclusion; Russia: support or not). Payoffs from the inputs below (docs/games.md); prints "
      "the subgame-perfect equilibrium path(s), or a sweep of one input.");
  for (const auto& f : g::s400_fields()) {
    std::string flag = "--" + f.name;
    for (auto& ch : flag)
      if (ch == '_') ch = '-';
    s400->add_option(flag, s4->inputs.*f.member, f.help)->capture_default_str();
  }
  s400->add_option("--sweep", s4->sweep, "Sweep this input (a name above, e.g. tr_us_similarity) from --from to --to");
  s400->add_option("--from", s4->from, "Sweep start")->capture_default_str();
  s400->add_option("--to", s4->to, "Sweep end")->capture_default_str();
  s400->add_option("--steps", s4->steps, "Sweep grid points (>= 2)")->capture_default_str();
  s400->add_option("--format", s4->format, "table | csv | json | gambit")
      ->check(CLI::IsMember({"table", "csv", "json", "gambit"}))
      ->capture_default_str();
  s400->add_option("-o,--output", s4->output, "Write here (atomically) instead of stdout");
  s400->add_option("--write-efg", s4->write_efg, "Also write the game as a Gambit .efg file");
  s400->add_flag("--gambit-ascii", s4->gambit_ascii,
                 "--write-efg: ASCII labels Gambit 16.x reads (Türkiye -> Turkiye); an unmappable character is an error");
  s400->callback([s4] { run_s400(*s4); });

  auto cv = std::make_shared<ConvertArgs>();
  CLI::App* convert = game->add_subcommand("convert", "Read a Gambit .nfg or .efg game and write it back in Gambit's format");
  convert->add_option("file", cv->file, "Game file (.nfg or .efg; the header decides)")->required();
  convert->add_option("-o,--output", cv->output, "Write here (atomically) instead of stdout");
  convert->add_flag("--gambit-ascii", cv->gambit_ascii,
                    "ASCII labels Gambit 16.x reads (Türkiye -> Turkiye); an unmappable character is an error");
  convert->add_flag("--reduced", cv->reduced, "Write a tree's reduced strategic form as .nfg instead");
  convert->callback([cv] { run_convert(*cv); });
});

// ---------------------------------------------------------------- game s400-tree (issue 14)

struct TreeArgs {
  g::S400TreeInputs inputs;
  std::string calibrate;
  std::string as_of;
  std::string holdout;
  std::string format = "table";
  std::string output;
  std::string write_efg;
  bool gambit_ascii = false;
};

bool valid_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (d[i] < '0' || d[i] > '9') return false;
  int m = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

nlohmann::json forecast_json(const g::S400TreeForecast& f) {
  nlohmann::json j;
  for (int a = 0; a < g::kTreeTrMoves; ++a) j["turkiye"][g::kTreeTrNames[a]] = f.turkiye[a];
  for (int r = 0; r < g::kTreeUsMoves; ++r) j["united_states"][g::kTreeUsNames[r]] = f.us[r];
  for (int r = 0; r < g::kTreeUsMoves; ++r) j["united_states_given_kept"][g::kTreeUsNames[r]] = f.us_given_kept[r];
  j["us_response_includes"] = {{"F-35 exclusion", f.us_f35}, {"targeted CAATSA", f.us_caatsa}, {"broad sanctions", f.us_broad}};
  j["russia_supports"] = f.russia_support;
  return j;
}

void run_tree(TreeArgs a) {
  if (!a.as_of.empty() && a.calibrate.empty())
    throw InputError(SourceLocation{}, "--as-of", "found no --calibrate FILE, expected --as-of together with --calibrate");
  if (!a.holdout.empty() && a.calibrate.empty())
    throw InputError(SourceLocation{}, "--holdout", "found no --calibrate FILE, expected --holdout together with --calibrate");
  if (!a.as_of.empty() && !valid_date(a.as_of))
    throw InputError(SourceLocation{}, "--as-of", fmt::format("found '{}', expected a date YYYY-MM-DD", a.as_of));
  a.inputs.validate();
  nlohmann::json j;
  std::string text;
  std::optional<g::S400CaseObs> held;
  if (!a.calibrate.empty()) {
    auto cases = g::read_reference_class(a.calibrate);
    auto obs = g::s400_case_observations(cases, a.as_of);
    std::vector<g::S400CaseObs> fit;
    bool found = a.holdout.empty();
    for (const auto& o : obs) {
      if (o.id == a.holdout) found = true;
      else fit.push_back(o);
    }
    if (!found) {
      // The held-out case may be absent from the as-of view (contracted later); look it up in the full record.
      for (const auto& o : g::s400_case_observations(cases))
        if (o.id == a.holdout) found = true;
      if (!found)
        throw InputError(SourceLocation{}, "--holdout", fmt::format("found '{}', expected a case id of {}", a.holdout, a.calibrate));
    }
    if (!a.holdout.empty())
      for (const auto& o : g::s400_case_observations(cases))
        if (o.id == a.holdout) held = o;  // scored against the whole record: what happened
    g::S400Calibration cal = g::calibrate_s400_tree(a.inputs, fit);
    a.inputs.lambda = cal.lambda;
    a.inputs.congress_pressure = cal.congress_pressure;
    nlohmann::json jc;
    jc["file"] = a.calibrate;
    jc["as_of"] = a.as_of;
    jc["holdout"] = a.holdout;
    jc["fit_cases"] = cal.fit_ids;
    jc["lambda"] = cal.lambda;
    jc["congress_pressure"] = cal.congress_pressure;
    jc["log_likelihood"] = cal.log_likelihood;
    jc["leave_one_out"] = {{"brier_game", cal.brier_game}, {"brier_base_rate", cal.brier_base},
                           {"log_game", cal.log_game}, {"log_base_rate", cal.log_base}};
    text += fmt::format("Calibration on {} case(s){} from {}: lambda {:.4g}, congress_pressure {:.4g}, log-likelihood "
                        "{:.4f}\nLeave-one-out (US response given the buyer's move): Brier game {:.3f} vs base rate "
                        "{:.3f}; log score game {:.3f} vs base rate {:.3f}; the {} scores better on Brier\n",
                        cal.fit_ids.size(), a.as_of.empty() ? "" : " known on " + a.as_of, a.calibrate, cal.lambda,
                        cal.congress_pressure, cal.log_likelihood, cal.brier_game, cal.brier_base, cal.log_game,
                        cal.log_base, cal.brier_game < cal.brier_base ? "game" : "base rate");
    for (const auto& l : cal.loo) {
      jc["cases"].push_back({{"id", l.id}, {"brier_game", l.brier_game}, {"brier_base_rate", l.brier_base},
                             {"log_game", l.log_game}, {"log_base_rate", l.log_base}, {"p_game", l.game}, {"p_base_rate", l.base}});
      text += fmt::format("  {:<16} Brier game {:.3f} base {:.3f}; log game {:.3f} base {:.3f}\n", l.id, l.brier_game,
                          l.brier_base, l.log_game, l.log_base);
    }
    if (held) {
      g::S400CaseScore sc = g::score_case(a.inputs, *held);
      jc["holdout_score"] = {{"actual_response", g::kTreeUsNames[held->us_response]}, {"p", sc.p}, {"brier", sc.brier}, {"log", sc.log}};
      text += fmt::format("Held-out {}: what happened was '{}'; the calibrated game gave it {:.3f} (Brier {:.3f}, log "
                          "score {:.3f})\n",
                          held->id, g::kTreeUsNames[held->us_response], sc.p[held->us_response], sc.brier, sc.log);
    }
    j["calibration"] = jc;
  }
  g::S400TreeResult r = g::solve_s400_tree(a.inputs);
  if (!a.write_efg.empty()) {
    auto tree = g::build_s400_tree(a.inputs);
    emit_text(g::write_efg(a.gambit_ascii ? g::ascii_labels(tree) : tree), a.write_efg);
  }
  nlohmann::json in;
  for (const auto& f : g::s400_tree_fields()) in[f.name] = a.inputs.*f.member;
  j["inputs"] = in;
  j["qre"] = forecast_json(r.forecast);
  j["logit_limit"] = forecast_json(r.limit_forecast);
  j["logit_limit_regret"] = r.limit_regret;
  j["core_lemke"] = forecast_json(r.core_forecast);
  j["core_lemke_sequential"] = r.core_sequential;
  j["summary"] = r.summary();
  if (a.format == "json") {
    emit_text(j.dump(2) + "\n", a.output);
    return;
  }
  text += r.summary() + "\n";
  text += fmt::format("{:<38} {:>8} {:>12} {:>12}\n", "outcome", "QRE", "logit limit", "Lemke core");
  auto row = [&](const std::string& name, double x, double y, double z) {
    text += fmt::format("{:<38} {:>8.3f} {:>12.3f} {:>12.3f}\n", name, x, y, z);
  };
  for (int k = 0; k < g::kTreeTrMoves; ++k)
    row(fmt::format("Türkiye: {}", g::kTreeTrNames[k]), r.forecast.turkiye[k], r.limit_forecast.turkiye[k], r.core_forecast.turkiye[k]);
  for (int k = 0; k < g::kTreeUsMoves; ++k)
    row(fmt::format("US: {}", g::kTreeUsNames[k]), r.forecast.us[k], r.limit_forecast.us[k], r.core_forecast.us[k]);
  row("Russia: Support", r.forecast.russia_support, r.limit_forecast.russia_support, r.core_forecast.russia_support);
  emit_text(text, a.output);
}

const Registrar kTreeRegistrar(61, [](CLI::App& root) {
  CLI::App* game = root.get_subcommand("game");
  auto ta = std::make_shared<TreeArgs>();
  CLI::App* cmd = game->add_subcommand(
      "s400-tree",
      "The S-400 crisis with incomplete information (Türkiye: keep stored / activate / return; US: tolerate / F-35 "
      "exclusion / targeted CAATSA / both / broad sanctions; Russia: support or stay out; Nature: Congress resolve, "
      "Ankara's type). Prints the agent logit QRE, its limit and Lemke's equilibrium of the two-player core; "
      "--calibrate fits lambda and congress_pressure on a reference class (docs/games.md).");
  for (const auto& f : g::s400_tree_fields()) {
    std::string flag = "--" + f.name;
    for (auto& ch : flag)
      if (ch == '_') ch = '-';
    cmd->add_option(flag, ta->inputs.*f.member, fmt::format("{} [{}, {}]", f.help, f.lo, f.hi))
        ->check(real_in(f.lo, f.hi, false, false))
        ->capture_default_str();
  }
  cmd->add_option("--calibrate", ta->calibrate, "Reference-class CSV (data/games/caatsa_reference_class.csv) to fit lambda and congress_pressure on");
  cmd->add_option("--as-of", ta->as_of, "With --calibrate: use the cases as known on this date (YYYY-MM-DD)");
  cmd->add_option("--holdout", ta->holdout, "With --calibrate: leave this case id out of the fit and score the forecast on it");
  cmd->add_option("--format", ta->format, "table | json")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  cmd->add_option("-o,--output", ta->output, "Write here (atomically) instead of stdout");
  cmd->add_option("--write-efg", ta->write_efg, "Also write the three-player tree as a Gambit .efg file");
  cmd->add_flag("--gambit-ascii", ta->gambit_ascii, "--write-efg: ASCII labels Gambit 16.x reads");
  cmd->callback([ta] { run_tree(*ta); });
});

}  // namespace
}  // namespace geobalance::cli
