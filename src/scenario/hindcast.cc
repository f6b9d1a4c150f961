// Hindcast: maps a ScenarioResult onto dated outcome statements and scores them
// (include/geobalance/scenario/hindcast.h; the rules are in docs/hindcast.md).
#include "geobalance/scenario/hindcast.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/games/reference_class.h"
#include "geobalance/games/s400_tree.h"
#include "geobalance/io/csv.h"
#include "geobalance/io/text_file.h"

namespace geobalance::scenario {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (;;) {
    auto e = s.find(sep, b);
    out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

// A finite number written in full ("400", "42.5", "-3"), else nullopt.
std::optional<double> number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return io::parse_double(s);
}

bool identifier(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

// "NAME<X" or "NAME>X": {name, op, x}.
struct Comparison {
  std::string name;
  char op = 0;
  double x = 0;
};
std::optional<Comparison> comparison(const std::string& s) {
  auto pos = s.find_first_of("<>");
  if (pos == std::string::npos || pos == 0) return std::nullopt;
  auto x = number(s.substr(pos + 1));
  if (!x) return std::nullopt;
  return Comparison{s.substr(0, pos), s[pos], *x};
}

const std::vector<std::string> kUsEvents{"tolerate", "f35", "caatsa", "broad"};
const std::vector<std::string> kTrMoves{"keep", "activate", "return"};

bool in(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// US responses of the rebuilt S-400 game (games::kTreeUsNames order: Tolerate, F-35
// exclusion, Targeted CAATSA, F-35 exclusion + targeted CAATSA, Broad sanctions) that make
// an event true. Broad sanctions include F-35 exclusion (docs/games.md) and are sanctions on
// Turkish entities, so they count for "caatsa" (any sanctions), unlike the game's own
// targeted-CAATSA indicator.
bool us_event_holds(const std::string& event, int response) {
  if (event == "tolerate") return response == 0;
  if (event == "f35") return response == 1 || response == 3 || response == 4;
  if (event == "caatsa") return response == 2 || response == 3 || response == 4;
  if (event == "broad") return response == 4;
  return false;
}

// The moves of a replicate's path in the rebuilt game's modal-path format ("P1: move; P2:
// move; P3: move", games::modal_path): {Türkiye's move index, US response index}, or -1s.
std::pair<int, int> tree_path_moves(const std::string& path) {
  auto seg = split(path, ';');
  if (seg.size() != 3) return {-1, -1};
  auto move_of = [](const std::string& s) {
    auto c = s.find(": ");
    return c == std::string::npos ? std::string() : s.substr(c + 2);
  };
  int tr = -1, us = -1;
  const std::string a = move_of(seg[0]), b = move_of(seg[1]);
  for (int i = 0; i < games::kTreeTrMoves; ++i)
    if (a == games::kTreeTrNames[static_cast<std::size_t>(i)]) tr = i;
  for (int i = 0; i < games::kTreeUsMoves; ++i)
    if (b == games::kTreeUsNames[static_cast<std::size_t>(i)]) us = i;
  if (tr < 0 || us < 0) return {-1, -1};
  return {tr, us};
}

const Answer* first_answer(const ScenarioResult& r, auto pred) {
  for (const auto& a : r.answers)
    if (pred(a)) return &a;
  return nullptr;
}

}  // namespace

std::string quantity_error(const std::string& q) {
  const std::string expected =
      "'none' or 'none: REASON', bargaining:ISSUE:p_above, bargaining:ISSUE:forecast>X (or <X), power:ratio_last<first (or >), "
      "armsrace:RACE:ACTOR>X@YEAR (or <X), game:us_response:EVENT (tolerate, f35, caatsa, broad) or game:turkiye:MOVE "
      "(keep, activate, return)";
  if (q == "none") return "";
  if (q.rfind("none: ", 0) == 0 && q.find_first_not_of(' ', 6) != std::string::npos) return "";
  auto p = split(q, ':');
  if (p.empty()) return expected;
  if (p[0] == "bargaining" && p.size() == 3 && identifier(p[1])) {
    if (p[2] == "p_above") return "";
    auto c = comparison(p[2]);
    if (c && c->name == "forecast") return "";
    return "p_above, forecast>X or forecast<X after 'bargaining:ISSUE:'";
  }
  if (p[0] == "power" && p.size() == 2 && (p[1] == "ratio_last<first" || p[1] == "ratio_last>first")) return "";
  if (p[0] == "armsrace" && p.size() == 3 && identifier(p[1])) {
    auto at = p[2].find('@');
    if (at != std::string::npos) {
      auto c = comparison(p[2].substr(0, at));
      int year = 0;
      const std::string y = p[2].substr(at + 1);
      auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
      if (c && identifier(c->name) && ec == std::errc() && ptr == y.data() + y.size() && year >= 1000 && year <= 2200)
        return "";
    }
    return "ACTOR>X@YEAR or ACTOR<X@YEAR after 'armsrace:RACE:' (ACTOR a state or 'total', YEAR 1000-2200)";
  }
  if (p[0] == "game" && p.size() == 3) {
    if (p[1] == "us_response" && in(kUsEvents, p[2])) return "";
    if (p[1] == "turkiye" && in(kTrMoves, p[2])) return "";
  }
  return expected;
}

std::string reference_error(const std::string& ref) {
  if (ref.empty()) return "";
  auto p = split(ref, ':');
  const std::string expected = "an empty cell or caatsa:EVENT[:except=ID] with EVENT one of f35, caatsa, broad, tolerate, return";
  if (p.size() < 2 || p.size() > 3 || p[0] != "caatsa") return expected;
  if (!in({"f35", "caatsa", "broad", "tolerate", "return"}, p[1])) return expected;
  if (p.size() == 3 && (p[2].rfind("except=", 0) != 0 || !identifier(p[2].substr(7)))) return expected;
  return "";
}

std::vector<OutcomeStatement> parse_outcomes(std::string text, const std::string& source) {
  const io::CsvTable t = io::CsvTable::parse(std::move(text), source);
  const std::size_t c_id = t.require_column("id"), c_q = t.require_column("question"),
                    c_st = t.require_column("statement"), c_by = t.require_column("resolves_by"),
                    c_out = t.require_column("outcome"), c_on = t.require_column("resolved_on"),
                    c_map = t.require_column("maps_to"), c_qty = t.require_column("quantity"),
                    c_ref = t.require_column("reference"), c_src = t.require_column("source");
  std::vector<OutcomeStatement> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    OutcomeStatement s;
    s.line = t.line_of_row(i);
    s.id = std::string(t.get_string(i, c_id));
    if (!identifier(s.id)) t.fail_cell(i, c_id, "an id of letters, digits, '_' or '-'");
    if (!seen.insert(s.id).second) t.fail_cell(i, c_id, "an id not used on an earlier row (duplicate)");
    s.question = std::string(t.get_string(i, c_q));
    s.statement = std::string(t.get_string(i, c_st));
    auto date = [&](std::size_t c) {
      auto d = parse_iso_date(t.cell(i, c));
      if (!d) t.fail_cell(i, c, "a date YYYY-MM-DD");
      return *d;
    };
    s.resolves_by = date(c_by);
    s.resolved_on = date(c_on);
    const std::string_view o = t.cell(i, c_out);
    if (o != "0" && o != "1") t.fail_cell(i, c_out, "0 or 1");
    s.outcome = o == "1";
    s.maps_to = std::string(t.get_string(i, c_map, true));
    s.quantity = std::string(t.cell(i, c_qty));
    if (auto e = quantity_error(s.quantity); !e.empty()) t.fail_cell(i, c_qty, e);
    s.reference = std::string(t.cell(i, c_ref));
    if (auto e = reference_error(s.reference); !e.empty()) t.fail_cell(i, c_ref, e);
    s.source = std::string(t.get_string(i, c_src));
    out.push_back(std::move(s));
  }
  if (out.empty()) throw InputError(SourceLocation{source, 1, 1}, "rows", "found none, expected at least one statement");
  return out;
}

std::vector<OutcomeStatement> read_outcomes(const std::string& path) {
  return parse_outcomes(io::read_text_file(path, io::kMaxCsvBytes), path);
}

Coverage cover(const std::string& quantity, const ScenarioResult& r) {
  Coverage c;
  if (quantity == "none") {
    c.reason = "the scenario produces no quantity for it";
    return c;
  }
  if (quantity.rfind("none: ", 0) == 0) {
    c.reason = quantity.substr(6);
    return c;
  }
  auto p = split(quantity, ':');
  if (p[0] == "bargaining") {
    const Answer* a = first_answer(r, [&](const Answer& x) { return x.bargaining && x.bargaining->issue == p[1]; });
    if (!a) {
      c.reason = fmt::format("no bargaining answer on issue '{}' in this scenario", p[1]);
      return c;
    }
    c.answer = a->id;
    c.basis = "replicates";
    if (p[2] == "p_above") {
      c.k = a->bargaining->above.k;
      c.n = a->bargaining->above.n;
    } else {
      const auto cmp = *comparison(p[2]);
      auto it = std::find(r.issue_ids.begin(), r.issue_ids.end(), p[1]);
      const auto col = static_cast<std::size_t>(it - r.issue_ids.begin());
      if (it == r.issue_ids.end()) {
        c.reason = fmt::format("the run's replicates carry no forecast of issue '{}'", p[1]);
        return c;
      }
      for (const auto& row : r.ensemble) {
        if (col >= row.issue_forecasts.size() || !std::isfinite(row.issue_forecasts[col])) continue;
        const double v = row.issue_forecasts[col];
        ++c.n;
        c.k += cmp.op == '>' ? v > cmp.x : v < cmp.x;
      }
    }
    if (c.n == 0) {
      c.reason = "the run has no replicates";
      return c;
    }
    c.covered = true;
    return c;
  }
  if (p[0] == "power") {
    const Answer* a = first_answer(r, [](const Answer& x) { return x.power.has_value(); });
    if (!a) {
      c.reason = "no power answer in this scenario";
      return c;
    }
    c.answer = a->id;
    c.basis = "replicates";
    // The power verdict's comparison (docs/scenario.md): each replicate's last-year ratio of
    // the first two coalitions against the first-year ratio of the answer (baseline inputs).
    const bool below = p[1] == "ratio_last<first";
    const double first = a->power->ratio_first_year;
    for (const auto& row : r.ensemble) {
      if (!std::isfinite(row.ratio) || !std::isfinite(first)) continue;
      ++c.n;
      c.k += below ? row.ratio < first : row.ratio > first;
    }
    if (c.n == 0) {
      c.reason = "the run's replicates carry no last-year ratio, or the first-year ratio is undefined";
      return c;
    }
    c.covered = true;
    return c;
  }
  if (p[0] == "armsrace") {
    const auto at = p[2].find('@');
    const auto cmp = *comparison(p[2].substr(0, at));
    const int year = std::stoi(p[2].substr(at + 1));
    const RaceSeries* race = nullptr;
    for (const auto& x : r.races)
      if (x.name == p[1]) race = &x;
    if (!race) {
      c.reason = fmt::format("no '{}' race in this scenario", p[1]);
      return c;
    }
    if (cmp.name != "total" && std::find(race->actors.begin(), race->actors.end(), cmp.name) == race->actors.end()) {
      std::string actors;
      for (const auto& x : race->actors) actors += (actors.empty() ? "" : ", ") + x;
      c.reason = fmt::format("the '{}' race of this scenario has no actor {} (its actors: {})", p[1], cmp.name, actors);
      return c;
    }
    if (year <= r.history_to || year > r.forecast_to) {
      c.reason = fmt::format("{} is outside the scenario's forecast years {}-{}", year, r.history_to + 1, r.forecast_to);
      return c;
    }
    c.reason = fmt::format("the result keeps only the bands of the '{}' race (quantiles per year), not its bootstrap "
                           "draws, so no k of N can be counted",
                           p[1]);
    return c;
  }
  if (p[0] == "game") {
    const Answer* a = first_answer(r, [](const Answer& x) { return x.game.has_value(); });
    if (!a) {
      c.reason = "no games answer in this scenario";
      return c;
    }
    c.answer = a->id;
    int left_out = 0;
    for (const auto& row : r.ensemble) {
      // A replicate the game left out (an input outside its range; run.cc counts it in the
      // answer's game.dropped and caveats) has no path: it is not counted either way.
      if (row.game_outcome.rfind("left out: ", 0) == 0) {
        ++left_out;
        continue;
      }
      auto [tr, us] = tree_path_moves(row.game_outcome);
      if (tr < 0) {
        c.k = c.n = 0;
        c.reason = fmt::format(
            "the run's game is not the rebuilt S-400 game: replicate paths such as '{}' carry no {} of that game "
            "(issue 14, item 5)",
            row.game_outcome, p[1] == "us_response" ? "US response" : "move by Türkiye");
        return c;
      }
      ++c.n;
      if (p[1] == "us_response") c.k += us_event_holds(p[2], us);
      else c.k += (p[2] == "keep" && tr == 0) || (p[2] == "activate" && tr == 1) || (p[2] == "return" && tr == 2);
    }
    if (c.n == 0) {
      c.reason = left_out ? fmt::format("the game left out all {} replicates (see the games answer's caveats)", left_out)
                          : "the run has no replicates";
      return c;
    }
    c.basis = "replicates";
    c.covered = true;
    return c;
  }
  c.reason = "unknown quantity";
  return c;
}

double kt_probability(int k, int n) { return (k + 0.5) / (n + 1.0); }

double brier_score(double p, int outcome) { return (p - outcome) * (p - outcome); }

double log_score(double p, int outcome) { return -std::log(outcome ? p : 1 - p); }

std::vector<ReliabilityBin> reliability_table(const std::vector<std::pair<double, int>>& pairs) {
  std::vector<ReliabilityBin> bins;
  for (int b = 0; b < 5; ++b) {
    ReliabilityBin x;
    x.lo = b * 0.2;
    x.hi = (b + 1) * 0.2;
    double sp = 0, so = 0;
    for (const auto& [p, o] : pairs) {
      const bool inside = p >= x.lo - 1e-12 && (b == 4 ? p <= 1 : p < x.hi - 1e-12);
      if (!inside) continue;
      ++x.count, sp += p, so += o;
    }
    if (x.count) x.mean_forecast = sp / x.count, x.observed = so / x.count;
    bins.push_back(x);
  }
  return bins;
}

BaseRate caatsa_base_rate(const std::string& reference, const std::string& class_path, const Date& as_of) {
  auto p = split(reference, ':');
  const std::string event = p[1], except = p.size() == 3 ? p[2].substr(7) : "";
  const auto cases = games::read_reference_class(class_path);
  if (!except.empty()) {
    bool found = false;
    for (const auto& c : cases) found = found || c.id == except;
    if (!found)
      throw InputError(SourceLocation{class_path, 0, 0}, "id",
                       fmt::format("found no case '{}' (named by reference '{}'), expected a case id of the class", except,
                                   reference));
  }
  BaseRate b;
  std::string ids;
  for (const auto& o : games::s400_case_observations(cases, to_string(as_of))) {
    if (o.id == except) continue;
    ++b.n;
    const bool holds = event == "return" ? !o.kept : us_event_holds(event, o.us_response);
    b.k += holds;
    ids += (ids.empty() ? "" : ", ") + o.id + (holds ? " (yes)" : "");
  }
  b.note = fmt::format("CAATSA reference class as known on {} ({} of {} cases: {}{}){}", to_string(as_of), b.k, b.n, ids,
                       ids.empty() ? "none" : "",
                       except.empty() ? "" : fmt::format("; the case forecast, {}, left out", except));
  return b;
}

HindcastReport score_hindcast(const ScenarioResult& r, const std::vector<OutcomeStatement>& statements,
                              const std::string& outcomes_path, const std::string& reference_class_path) {
  HindcastReport h;
  h.scenario_name = r.scenario_name;
  h.scenario_path = r.scenario_path;
  h.outcomes_path = outcomes_path;
  h.reference_class_path = reference_class_path;
  h.as_of = r.as_of;
  h.replicates = r.replicates_done;
  h.run_id = r.run_id;
  std::vector<std::pair<double, int>> pairs;
  double sb = 0, sl = 0, mb = 0, ml = 0, bb = 0, bl = 0;
  for (const auto& s : statements) {
    StatementScore x;
    x.statement = s;
    const Coverage c = cover(s.quantity, r);
    x.covered = c.covered;
    x.reason = c.reason;
    x.k = c.k, x.n = c.n, x.basis = c.basis, x.answer = c.answer;
    if (!s.reference.empty()) {
      if (reference_class_path.empty())
        throw InputError(SourceLocation{outcomes_path, s.line, 0}, "reference",
                         fmt::format("row '{}' names '{}' but no reference-class file was given", s.id, s.reference));
      const BaseRate b = caatsa_base_rate(s.reference, reference_class_path, r.as_of);
      x.has_base = b.n > 0;
      x.base_k = b.k, x.base_n = b.n;
      x.base_note = b.n > 0 ? b.note : b.note + "; no case known then, so no base rate";
    } else {
      x.base_note = "no reference class exists for this statement in the data; 50/50 only";
    }
    if (x.has_base) {
      x.base_p = kt_probability(x.base_k, x.base_n);
      x.base_brier = brier_score(x.base_p, s.outcome);
      x.base_log = log_score(x.base_p, s.outcome);
    }
    if (x.covered) {
      x.p = kt_probability(x.k, x.n);
      x.brier = brier_score(x.p, s.outcome);
      x.log = log_score(x.p, s.outcome);
      pairs.push_back({x.p, s.outcome});
      ++h.model.n, sb += x.brier, sl += x.log;
      if (x.has_base) ++h.base.n, mb += x.brier, ml += x.log, bb += x.base_brier, bl += x.base_log;
    }
    h.rows.push_back(std::move(x));
  }
  if (h.model.n) {
    h.model.brier = sb / h.model.n;
    h.model.log = sl / h.model.n;
    h.even = {h.model.n, 0.25, std::log(2.0)};
  } else {
    h.even.n = 0;
  }
  h.model_on_base.n = h.base.n;
  if (h.base.n) {
    h.model_on_base.brier = mb / h.base.n;
    h.model_on_base.log = ml / h.base.n;
    h.base.brier = bb / h.base.n;
    h.base.log = bl / h.base.n;
  }
  h.reliability = reliability_table(pairs);
  return h;
}

std::string default_hindcast_scenario_path() { return data_path("scenarios/nato-southern-flank-2019.toml"); }
std::string default_outcomes_path() { return data_path("outcomes/hindcast-2019.csv"); }
std::string default_reference_class_path() { return data_path("games/caatsa_reference_class.csv"); }

bool needs_reference_class(const std::vector<OutcomeStatement>& statements) {
  for (const auto& s : statements)
    if (!s.reference.empty()) return true;
  return false;
}

nlohmann::ordered_json to_json(const HindcastReport& h) {
  using J = nlohmann::ordered_json;
  auto num = [](double x) { return std::isfinite(x) ? J(x) : J(nullptr); };
  auto pooled = [&](const PooledScore& p) { return J{{"n", p.n}, {"brier", num(p.brier)}, {"log", num(p.log)}}; };
  J j;
  j["scenario"] = h.scenario_name;
  j["scenario_path"] = h.scenario_path;
  j["as_of"] = to_string(h.as_of);
  j["run_id"] = h.run_id;
  j["replicates"] = h.replicates;
  j["outcomes"] = h.outcomes_path;
  j["reference_class"] = h.reference_class_path;
  j["scoring"] = "p = (k + 1/2) / (n + 1); Brier (p - o)^2; log score -ln p(outcome), nats; lower is better";
  J rows = J::array();
  for (const auto& x : h.rows) {
    J r{{"id", x.statement.id},        {"question", x.statement.question}, {"statement", x.statement.statement},
        {"resolves_by", to_string(x.statement.resolves_by)}, {"outcome", x.statement.outcome},
        {"quantity", x.statement.quantity}, {"covered", x.covered}};
    if (x.covered) {
      r["answer"] = x.answer;
      r["k"] = x.k;
      r["n"] = x.n;
      r["basis"] = x.basis;
      r["p"] = num(x.p);
      r["brier"] = num(x.brier);
      r["log"] = num(x.log);
    } else {
      r["reason"] = x.reason;
    }
    if (x.has_base) {
      r["base_rate"] = J{{"k", x.base_k}, {"n", x.base_n}, {"p", num(x.base_p)}, {"brier", num(x.base_brier)},
                         {"log", num(x.base_log)}, {"note", x.base_note}};
    } else {
      r["base_rate"] = J{{"note", x.base_note}};
    }
    rows.push_back(r);
  }
  j["statements"] = rows;
  j["pooled"] = J{{"model", pooled(h.model)}, {"even", pooled(h.even)}, {"model_on_base", pooled(h.model_on_base)},
                  {"base_rate", pooled(h.base)}};
  J rel = J::array();
  for (const auto& b : h.reliability)
    rel.push_back(J{{"low", b.lo}, {"high", b.hi}, {"count", b.count}, {"mean_forecast", num(b.mean_forecast)},
                    {"observed", num(b.observed)}});
  j["reliability"] = rel;
  return j;
}

}  // namespace geobalance::scenario
