// The hindcast's tables, sentences and brief section (report/track_record.h; rules in
// docs/hindcast.md).
#include "geobalance/report/track_record.h"

#include <cmath>

#include <fmt/format.h>

namespace geobalance::report {

using nlohmann::json;
using scenario::HindcastReport;
using scenario::PooledScore;

namespace {

Value real(double x) { return std::isfinite(x) ? Value(x) : Value(); }

std::string f3(double x) { return std::isfinite(x) ? fmt::format("{:.3f}", x) : "n/a"; }

// The comparison rule: lower is better; equal when they agree to 3 decimals.
std::string compare(double model, double other) {
  if (!std::isfinite(model) || !std::isfinite(other)) return "cannot be compared with";
  if (std::round(model * 1000) == std::round(other * 1000)) return "the same as";
  return model < other ? "better than" : "worse than";
}

json jnum(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

Table track_record_table(const HindcastReport& h) {
  Table t({{"id"}, {"question"}, {"outcome"}, {"k"}, {"n"}, {"p", 3}, {"brier", 3}, {"log", 3}, {"base_k"}, {"base_n"},
           {"base_p", 3}, {"base_brier", 3}, {"base_log", 3}, {"status"}});
  for (const auto& x : h.rows) {
    Value k, n, bk, bn;
    if (x.covered) k = static_cast<long long>(x.k), n = static_cast<long long>(x.n);
    if (x.has_base) bk = static_cast<long long>(x.base_k), bn = static_cast<long long>(x.base_n);
    t.add_row({x.statement.id, x.statement.question, static_cast<long long>(x.statement.outcome), k, n, real(x.p),
               real(x.brier), real(x.log), bk, bn, real(x.base_p), real(x.base_brier), real(x.base_log),
               x.covered ? std::string("scored") : "not covered: " + x.reason});
  }
  return t;
}

Table reliability_table(const HindcastReport& h) {
  Table t({{"bin"}, {"count"}, {"mean_forecast", 3}, {"observed", 3}});
  for (const auto& b : h.reliability)
    t.add_row({fmt::format("{:.1f}-{:.1f}", b.lo, b.hi), static_cast<long long>(b.count), real(b.mean_forecast),
               real(b.observed)});
  return t;
}

std::vector<std::string> track_record_summary(const HindcastReport& h) {
  std::vector<std::string> out;
  const int total = static_cast<int>(h.rows.size());
  out.push_back(fmt::format("{} of {} statements covered and scored; {} not covered (listed, not scored).", h.model.n,
                            total, total - h.model.n));
  if (h.model.n == 0) return out;
  out.push_back(fmt::format("Pooled over {} statements: mean Brier {} ({} 50/50's {}); mean log score {} nats ({} "
                            "50/50's {}). Lower is better.",
                            h.model.n, f3(h.model.brier), compare(h.model.brier, h.even.brier), f3(h.even.brier),
                            f3(h.model.log), compare(h.model.log, h.even.log), f3(h.even.log)));
  if (h.base.n == 0)
    out.push_back("No scored statement has a reference class, so there is no base-rate comparison.");
  else
    out.push_back(fmt::format("On the {} scored statement{} with a reference class: mean Brier {} ({} the base rate's "
                              "{}); mean log score {} ({} the base rate's {}).",
                              h.base.n, h.base.n == 1 ? "" : "s", f3(h.model_on_base.brier),
                              compare(h.model_on_base.brier, h.base.brier), f3(h.base.brier), f3(h.model_on_base.log),
                              compare(h.model_on_base.log, h.base.log), f3(h.base.log)));
  return out;
}

json track_record_section(const HindcastReport& h) {
  const std::string year = h.as_of.year ? std::to_string(h.as_of.year) : std::string("");
  json sec{{"id", "hindcast"}, {"title", "Track record: the " + year + " hindcast"}, {"charts", json::array()}};
  sec["text"] = fmt::format(
      "What '{}' (information date {}, {} replicates, run {}) said, scored against what happened since. Each "
      "probability is k of N replicates of the quantity the outcome file names, scored as (k + 1/2) / (N + 1); Brier "
      "(p - o)^2 and log score -ln p(what happened) in nats, lower is better. Statements the scenario does not cover "
      "are listed and not scored.",
      h.scenario_name, to_string(h.as_of), h.replicates, h.run_id.empty() ? "n/a" : h.run_id);
  json tab{{"id", "hindcast-statements"}, {"type", "table"}, {"title", "Statements, the probability given, what happened"},
           {"columns", {"statement", "resolves by", "probability given", "happened", "Brier", "log", "base rate", "note"}},
           {"rows", json::array()}};
  for (const auto& x : h.rows) {
    const std::string given =
        x.covered ? fmt::format("{:.3g} ({} of {} {})", x.p, x.k, x.n, x.basis) : std::string("not covered");
    const std::string base = x.has_base ? fmt::format("{:.3g} ({} of {})", x.base_p, x.base_k, x.base_n) : "none";
    tab["rows"].push_back({x.statement.statement, to_string(x.statement.resolves_by), given,
                           x.statement.outcome ? "yes" : "no", jnum(x.brier), jnum(x.log), base,
                           x.covered ? x.statement.quantity : x.reason});
  }
  sec["charts"].push_back(tab);
  json pooled{{"id", "hindcast-pooled"}, {"type", "table"}, {"title", "Pooled scores against the baselines"},
              {"columns", {"forecast", "statements", "mean Brier", "mean log (nats)"}}, {"rows", json::array()}};
  auto add = [&](const std::string& name, const PooledScore& p) {
    pooled["rows"].push_back({name, p.n, jnum(p.brier), jnum(p.log)});
  };
  add("this scenario", h.model);
  add("50/50", h.even);
  add("this scenario, statements with a reference class", h.model_on_base);
  add("reference-class base rate", h.base);
  sec["charts"].push_back(pooled);
  json rel{{"id", "hindcast-reliability"}, {"type", "table"}, {"title", "Reliability (scored statements)"},
           {"columns", {"forecast bin", "count", "mean forecast", "observed frequency"}}, {"rows", json::array()}};
  for (const auto& b : h.reliability)
    rel["rows"].push_back({fmt::format("{:.1f}-{:.1f}", b.lo, b.hi), b.count, jnum(b.mean_forecast), jnum(b.observed)});
  sec["charts"].push_back(rel);
  sec["notes"] = track_record_summary(h);
  sec["notes"].push_back(fmt::format("Source: outcomes {}{}; rules in docs/hindcast.md.", h.outcomes_path,
                                     h.reference_class_path.empty() ? "" : "; reference class " + h.reference_class_path));
  return sec;
}

void add_track_records(json& brief, const std::vector<HindcastReport>& reports) {
  if (reports.empty()) return;
  if (!brief.contains("sections") || !brief["sections"].is_array()) brief["sections"] = json::array();
  json& secs = brief["sections"];
  std::size_t at = secs.size();
  for (std::size_t i = 0; i < secs.size(); ++i) {
    const auto id = secs[i].value("id", std::string());
    if (id == "shocks" || id == "references") {
      at = i;
      break;
    }
  }
  json out = json::array();
  for (std::size_t i = 0; i < secs.size(); ++i) {
    if (i == at)
      for (const auto& h : reports) out.push_back(track_record_section(h));
    out.push_back(secs[i]);
  }
  if (at == secs.size())
    for (const auto& h : reports) out.push_back(track_record_section(h));
  secs = out;
}

}  // namespace geobalance::report
