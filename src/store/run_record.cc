// RunRecord's validation, its JSON and CSV exports, the default store location, and the
// field-by-field diff of two runs. No SQLite here (run_store.cc).
#include <cctype>
#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/store/run_store.h"

namespace geobalance::store {

namespace {

using nlohmann::json;

// YYYY-MM-DDTHH:MM:SS, then optional .fraction, then Z.
bool is_iso8601_utc(std::string_view s) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kShape.size() + 1 || s.back() != 'Z') return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != kShape[i]) return false;
  }
  std::string_view rest = s.substr(kShape.size(), s.size() - kShape.size() - 1);
  if (rest.empty()) return true;
  if (rest.size() < 2 || rest[0] != '.') return false;
  for (char c : rest.substr(1))
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

void invalid(std::string_view field, const std::string& what) {
  throw InputError(SourceLocation{}, fmt::format("RunRecord: {}", field), what);
}

void diff_json(const json& a, const json& b, const json::json_pointer& at, std::vector<Difference>& out) {
  if (a.is_object() && b.is_object()) {
    auto ia = a.begin(), ib = b.begin();  // both sorted by key
    while (ia != a.end() || ib != b.end()) {
      if (ib == b.end() || (ia != a.end() && ia.key() < ib.key())) {
        out.push_back({(at / ia.key()).to_string(), ia.value(), std::nullopt, std::nullopt});
        ++ia;
      } else if (ia == a.end() || ib.key() < ia.key()) {
        out.push_back({(at / ib.key()).to_string(), std::nullopt, ib.value(), std::nullopt});
        ++ib;
      } else {
        diff_json(ia.value(), ib.value(), at / ia.key(), out);
        ++ia;
        ++ib;
      }
    }
    return;
  }
  if (a.is_array() && b.is_array()) {
    std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (i >= a.size())
        out.push_back({(at / i).to_string(), std::nullopt, b[i], std::nullopt});
      else if (i >= b.size())
        out.push_back({(at / i).to_string(), a[i], std::nullopt, std::nullopt});
      else
        diff_json(a[i], b[i], at / i, out);
    }
    return;
  }
  if (a == b) return;  // numbers compare by value across integer and real
  Difference d{at.to_string(), a, b, std::nullopt};
  if (a.is_number() && b.is_number()) d.delta = b.get<double>() - a.get<double>();
  out.push_back(std::move(d));
}

std::string compact(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

void RunRecord::validate() const {
  if (!is_iso8601_utc(started_at))
    invalid("started_at", fmt::format("found '{}', expected ISO-8601 UTC like 2024-05-01T12:00:00Z", started_at));
  if (!is_iso8601_utc(finished_at))
    invalid("finished_at", fmt::format("found '{}', expected ISO-8601 UTC like 2024-05-01T12:00:00Z", finished_at));
  if (status.empty()) invalid("status", "is empty, expected e.g. 'complete'");
  if (!scenario_hash.empty() && !is_sha256_hex(scenario_hash))
    invalid("scenario_hash", fmt::format("found '{}', expected 64 hex digits (SHA-256) or nothing", scenario_hash));
  if (!data_hashes.is_object())
    invalid("data_hashes", fmt::format("is a JSON {}, expected an object mapping path to hex SHA-256",
                                       data_hashes.type_name()));
  for (const auto& [file, hash] : data_hashes.items())
    if (!hash.is_string() || !is_sha256_hex(hash.get_ref<const std::string&>()))
      invalid(fmt::format("data_hashes['{}']", file), fmt::format("found {}, expected 64 hex digits (SHA-256)", compact(hash)));
  check_at_least("RunRecord", "threads", threads, 1);
  check_at_least("RunRecord", "replicates", replicates, 0);
  check_nonnegative("RunRecord", "wall_seconds", wall_seconds);
}

std::string utc_now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string default_store_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/geobalance/runs.sqlite";  // XDG: relative paths are ignored
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.local/share/geobalance/runs.sqlite";
  throw InputError(SourceLocation{}, "run store",
                   "has no default location because neither XDG_DATA_HOME nor HOME is set; expected --store PATH");
}

std::vector<Difference> diff(const RunRecord& a, const RunRecord& b) {
  std::vector<Difference> out;
  auto text = [&](const char* name, const std::string& x, const std::string& y) {
    if (x != y) out.push_back({name, json(x), json(y), std::nullopt});
  };
  auto number = [&](const char* name, json x, json y, bool with_delta) {
    if (x == y) return;
    Difference d{name, x, y, std::nullopt};
    if (with_delta) d.delta = y.get<double>() - x.get<double>();
    out.push_back(std::move(d));
  };
  text("started_at", a.started_at, b.started_at);
  text("finished_at", a.finished_at, b.finished_at);
  text("status", a.status, b.status);
  text("scenario_name", a.scenario_name, b.scenario_name);
  text("scenario_path", a.scenario_path, b.scenario_path);
  text("scenario_hash", a.scenario_hash, b.scenario_hash);
  text("program_version", a.program_version, b.program_version);
  number("seed", a.seed, b.seed, false);  // a seed's difference means nothing
  number("threads", a.threads, b.threads, true);
  number("replicates", a.replicates, b.replicates, true);
  number("wall_seconds", a.wall_seconds, b.wall_seconds, true);
  diff_json(a.data_hashes, b.data_hashes, json::json_pointer("/data_hashes"), out);
  diff_json(a.options, b.options, json::json_pointer("/options"), out);
  diff_json(a.summary, b.summary, json::json_pointer("/summary"), out);
  diff_json(a.results, b.results, json::json_pointer("/results"), out);
  return out;
}

json to_json(const RunRecord& r, bool with_results) {
  json j = {{"id", r.id},
            {"started_at", r.started_at},
            {"finished_at", r.finished_at},
            {"status", r.status},
            {"scenario_name", r.scenario_name},
            {"scenario_path", r.scenario_path},
            {"scenario_hash", r.scenario_hash},
            {"data_hashes", r.data_hashes},
            {"program_version", r.program_version},
            {"seed", r.seed},
            {"threads", r.threads},
            {"replicates", r.replicates},
            {"options", r.options},
            {"wall_seconds", r.wall_seconds},
            {"summary", r.summary}};
  if (with_results) j["results"] = r.results;
  return j;
}

std::string export_json(const RunRecord& r) {
  return to_json(r).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string export_csv(const std::vector<RunRecord>& runs) {
  std::string s =
      "id,started_at,finished_at,status,scenario_name,scenario_path,scenario_hash,program_version,seed,threads,"
      "replicates,wall_seconds,data_hashes,options,summary\n";
  for (const RunRecord& r : runs) {
    s += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.id, io::csv_escape(r.started_at),
                     io::csv_escape(r.finished_at), io::csv_escape(r.status), io::csv_escape(r.scenario_name),
                     io::csv_escape(r.scenario_path), io::csv_escape(r.scenario_hash),
                     io::csv_escape(r.program_version), r.seed, r.threads, r.replicates, r.wall_seconds,
                     io::csv_escape(compact(r.data_hashes)), io::csv_escape(compact(r.options)),
                     io::csv_escape(compact(r.summary)));
  }
  return s;
}

}  // namespace geobalance::store
