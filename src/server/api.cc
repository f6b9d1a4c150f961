// The API's routes (docs/server.md).
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "geobalance/core/parallel.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/games/s400_tree.h"
#include "geobalance/report/brief.h"
#include "geobalance/report/scenario.h"
#include "geobalance/report/table.h"
#include "geobalance/scenario/run.h"
#include "geobalance/scenario/world.h"
#include "geobalance/server/api.h"
#include "geobalance/store/run_store.h"
#include "geobalance/store/sha256.h"

namespace geobalance::server {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct ScenarioEntry {
  std::string id, path, source;  // source: "shipped" | "loaded"
};

struct CachedRun {
  std::int64_t id = 0;
  std::string brief_html;
  std::vector<std::pair<std::string, std::string>> tables;  // stem -> CSV
};

Response json_response(int status, const json& j) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);  // a path or name with invalid UTF-8 is echoed with U+FFFD
  return r;
}

Response error_response(int status, const std::string& field, const std::string& msg) {
  Response r;
  r.status = status;
  r.body = error_body(field, msg);
  return r;
}

std::vector<std::string> split_path(const std::string& p) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : p) {
    if (c == '/') {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

std::int64_t parse_id(const std::string& text, const std::string& field) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || text.size() > 15 || ec != std::errc() || ptr != text.data() + text.size() || v < 1)
    throw ApiError(400, field, fmt::format("{}: found '{}', expected a run id (a positive integer)", field, text.substr(0, 40)));
  return v;
}

std::string content_type_of(const fs::path& p) {
  const std::string e = p.extension().string();
  if (e == ".html") return "text/html; charset=utf-8";
  if (e == ".js" || e == ".mjs") return "text/javascript; charset=utf-8";
  if (e == ".css") return "text/css; charset=utf-8";
  if (e == ".svg") return "image/svg+xml";
  if (e == ".json") return "application/json";
  if (e == ".png") return "image/png";
  if (e == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

json answer_json(const scenario::Answer& a, const scenario::ScenarioResult& r) {
  return {{"id", a.id}, {"question", a.question}, {"module", a.module}, {"value", std::isfinite(a.value) ? json(a.value) : json()},
          {"low", std::isfinite(a.low) ? json(a.low) : json()}, {"high", std::isfinite(a.high) ? json(a.high) : json()},
          {"unit", a.unit}, {"verdict", scenario::to_string(a.verdict)}, {"interval_source", a.interval_source},
          {"answer", report::answer_sentence(a, r)}, {"datasets", a.datasets}, {"caveats", a.caveats}};
}

}  // namespace

struct Api::Impl {
  ApiOptions opt;
  std::vector<ScenarioEntry> scenarios;
  std::mutex scenario_mutex;
  std::map<std::string, std::shared_ptr<const scenario::Scenario>> loaded;
  std::optional<store::RunStore> store;
  std::mutex cache_mutex;
  std::deque<CachedRun> cache;
  std::mutex job_mutex;
  std::map<std::string, std::shared_ptr<CancelToken>> jobs;
  std::atomic<int> active{0};

  const ScenarioEntry& entry(const std::string& id) {
    for (const auto& e : scenarios)
      if (e.id == id) return e;
    throw ApiError(404, "scenario", fmt::format("scenario: found '{}', expected a scenario id from GET /api/scenarios", id.substr(0, 100)));
  }

  std::shared_ptr<const scenario::Scenario> scenario_of(const std::string& id) {
    const ScenarioEntry& e = entry(id);
    std::lock_guard lock(scenario_mutex);
    auto it = loaded.find(id);
    if (it != loaded.end()) return it->second;
    auto s = std::make_shared<const scenario::Scenario>(scenario::load_scenario(e.path));
    loaded[id] = s;
    return s;
  }

  json describe(const std::string& id) {
    const ScenarioEntry& e = entry(id);
    auto s = scenario_of(id);
    json j = {{"id", e.id}, {"source", e.source}, {"name", s->name}, {"description", s->description},
              {"as_of", to_string(s->as_of)}, {"history", {s->history_from, s->history_to}}, {"forecast_to", s->forecast_to},
              {"replicates", s->replicates}, {"seed", s->seed}};
    json w = json::object();
    if (s->weights.empty()) {
      for (const char* k : {"milex", "gdp", "milper", "tpop"}) w[k] = 1.0;
    } else {
      for (const auto& [k, v] : s->weights) w[k] = v;
    }
    j["weights"] = w;
    j["shocks"] = json::array();
    for (const auto& sh : s->shocks)
      j["shocks"].push_back({{"label", sh.label}, {"date", to_string(sh.date)}, {"in_data", sh.in_data},
                             {"modelled_effects", sh.capabilities.size() + sh.positions.size() + sh.ties.size()}});
    j["uncertainties"] = json::array();
    for (const auto& u : s->uncertainties)
      j["uncertainties"].push_back({{"target", u.target}, {"distribution", scenario::to_string(u.distribution)}, {"sd", u.sd},
                                    {"low", u.low}, {"mode", u.mode}, {"high", u.high}, {"rationale", u.rationale}});
    j["issues"] = json::array();
    for (const auto& is : s->issues) {
      json ij = {{"id", is.id}, {"title", is.title}, {"model", is.model}, {"low_label", is.low_label}, {"high_label", is.high_label},
                 {"threshold", is.threshold}, {"actors", json::array()}};
      if (s->world && s->world->issues.count(is.id)) {
        const auto& issue = s->world->issues.at(is.id);
        ij["scale"] = {issue.scale_min, issue.scale_max};
        for (const auto& a : issue.actors)
          ij["actors"].push_back({{"name", a.name}, {"position", a.position.empty() ? 0.0 : a.position[0]},
                                  {"salience", a.salience.empty() ? 0.0 : a.salience[0]}});
      }
      j["issues"].push_back(ij);
    }
    j["game_inputs"] = s->game_inputs;
    j["game_fields"] = json::array();
    // The inputs of the game the scenario answers with (the rebuilt S-400 tree, games/s400_tree.h).
    const games::S400TreeInputs defaults;
    for (const auto& f : games::s400_tree_fields()) {
      auto it = s->game_inputs.find(f.name);
      double lo = std::isfinite(f.lo) ? f.lo : -1000, hi = std::isfinite(f.hi) ? f.hi : 1000;
      j["game_fields"].push_back({{"name", f.name}, {"help", f.help}, {"min", lo}, {"max", hi},
                                  {"template_default", defaults.*(f.member)},
                                  {"set_by_scenario", it != s->game_inputs.end()}});
    }
    j["questions"] = json::array();
    for (const auto& q : s->questions) j["questions"].push_back({{"id", q.id}, {"text", q.text}, {"module", q.module}});
    j["limits"] = {{"replicates", {1, opt.limits.max_replicates}}, {"weight", {0, 100}}, {"uncertainty_scale", {0, 5}},
                   {"uncertainty_sd", {0, 10}}, {"factor", {0, 10}}, {"salience", {0, 1}}};
    return j;
  }

  store::RunRecord record(const ScenarioEntry& e, const RunRequest& rq, const std::string& started, const scenario::ScenarioResult& r) {
    store::RunRecord rec;
    rec.started_at = started;
    rec.finished_at = store::utc_now_iso8601();
    rec.scenario_name = r.scenario_name;
    rec.scenario_path = fs::absolute(e.path).string();
    rec.scenario_hash = store::sha256_file(e.path);
    rec.data_hashes = json::object();
    for (const auto& d : r.datasets) rec.data_hashes[fs::absolute(d.path).lexically_normal().string()] = d.sha256;
    rec.program_version = r.program_version;
    rec.seed = r.seed;
    rec.threads = std::max(1, static_cast<int>(r.threads));
    rec.replicates = r.replicates_done;
    rec.options = {{"replicates", r.replicates}, {"replicates_done", r.replicates_done}, {"seed", r.seed},
                   {"threads", r.threads}, {"interval_level", r.interval_level},
                   {"history", {r.history_from, r.history_to}}, {"as_of", to_string(r.as_of)},
                   {"forecast_to", r.forecast_to}, {"source", "geobalance serve"}, {"scenario_id", e.id},
                   {"overrides", rq.overrides_json}};
    rec.wall_seconds = r.wall_seconds;
    rec.summary = json::object();
    for (const auto& a : r.answers)
      rec.summary[a.id] = {{"module", a.module}, {"value", a.value}, {"interval", {a.low, a.high}}, {"unit", a.unit},
                           {"verdict", scenario::to_string(a.verdict)}, {"answer", report::answer_sentence(a, r)}};
    rec.results = scenario::to_json_unordered(r);
    return rec;
  }

  Response run(const Request& req) {
    RunRequest rq = parse_run_request(req.body, opt.limits);
    const ScenarioEntry& e = entry(rq.scenario);
    auto base = scenario_of(rq.scenario);
    scenario::Scenario s = apply_overrides(*base, rq.overrides);
    scenario::RunOptions ro;
    ro.replicates = rq.replicates;
    ro.seed = rq.seed;
    ro.threads = opt.threads;
    ro.progress = false;

    if (active.fetch_add(1) >= opt.limits.max_concurrent_runs) {
      active.fetch_sub(1);
      throw ApiError(503, "runs", fmt::format("runs: {} runs are computing, the most this server takes at once; retry shortly", opt.limits.max_concurrent_runs));
    }
    struct Release {
      Impl* self;
      std::string job;
      ~Release() {
        self->active.fetch_sub(1);
        if (!job.empty()) {
          std::lock_guard lock(self->job_mutex);
          self->jobs.erase(job);
        }
      }
    };
    auto token = std::make_shared<CancelToken>();
    if (!rq.job.empty()) {
      std::lock_guard lock(job_mutex);
      if (jobs.count(rq.job)) {
        active.fetch_sub(1);
        throw ApiError(409, "job", fmt::format("job: '{}' is already running", rq.job));
      }
      jobs[rq.job] = token;
    }
    Release release{this, rq.job};
    const std::string started = store::utc_now_iso8601();
    scenario::ScenarioResult r;
    try {
      r = scenario::run_scenario(s, ro, *token);
    } catch (const InputError& err) {
      throw ApiError(400, err.subject().empty() ? "overrides" : err.subject(), err.what());
    }
    if (r.termination == scenario::RunTermination::kCancelled)
      return json_response(409, {{"error", fmt::format("job: cancelled after {} replicates; nothing stored", r.replicates_done)},
                                 {"field", "job"}, {"cancelled", true}, {"replicates_done", r.replicates_done}});
    json out = {{"scenario", e.id}, {"run_id", nullptr}, {"overrides", rq.overrides_json}, {"replicates", r.replicates_done},
                {"seed", r.seed}, {"wall_seconds", r.wall_seconds}};
    out["answers"] = json::array();
    for (const auto& a : r.answers) out["answers"].push_back(answer_json(a, r));
    out["results"] = scenario::to_json(r);
    if (rq.store && store) {
      std::int64_t id = store->save(record(e, rq, started, r));
      out["run_id"] = id;
      CachedRun c;
      c.id = id;
      c.brief_html = report::render_brief_html(report::scenario_brief(r));
      for (const auto& [stem, table] : report::scenario_tables(r)) {
        std::ostringstream os;
        report::render_csv(table, os);
        c.tables.emplace_back(stem, os.str());
      }
      std::lock_guard lock(cache_mutex);
      cache.push_back(std::move(c));
      while (cache.size() > opt.limits.cached_runs) cache.pop_front();
    }
    return json_response(200, out);
  }

  store::RunStore& need_store() {
    if (!store) throw ApiError(404, "store", "store: this server runs without a run store");
    return *store;
  }

  store::RunRecord stored(std::int64_t id) {
    auto rec = need_store().get(id);
    if (!rec) throw ApiError(404, "id", fmt::format("id: run {} is not in the store", id));
    return *rec;
  }

  Response download(std::int64_t id, const std::vector<std::string>& rest) {
    if (rest.size() == 1 && rest[0] == "results.json") {
      Response r = json_response(200, stored(id).results);
      r.headers["Content-Disposition"] = fmt::format("attachment; filename=\"run-{}-results.json\"", id);
      return r;
    }
    std::lock_guard lock(cache_mutex);
    auto it = std::find_if(cache.begin(), cache.end(), [&](const CachedRun& c) { return c.id == id; });
    auto not_cached = [&] {
      return ApiError(404, "id", fmt::format("id: the brief and tables of run {} are kept only for the last {} runs made by this server; "
                                             "its results.json is at /api/runs/{}/results.json", id, opt.limits.cached_runs, id));
    };
    if (rest.size() == 1 && rest[0] == "brief.html") {
      if (it == cache.end()) throw not_cached();
      Response r;
      r.content_type = "text/html; charset=utf-8";
      r.body = it->brief_html;
      r.headers["Content-Disposition"] = fmt::format("attachment; filename=\"run-{}-brief.html\"", id);
      return r;
    }
    if (rest.size() == 1 && rest[0] == "tables") {
      if (it == cache.end()) throw not_cached();
      json names = json::array();
      for (const auto& t : it->tables) names.push_back(t.first);
      return json_response(200, {{"tables", names}});
    }
    if (rest.size() == 2 && rest[0] == "tables") {
      if (it == cache.end()) throw not_cached();
      for (const auto& t : it->tables)
        if (rest[1] == t.first + ".csv") {
          Response r;
          r.content_type = "text/csv; charset=utf-8";
          r.body = t.second;
          r.headers["Content-Disposition"] = fmt::format("attachment; filename=\"run-{}-{}.csv\"", id, t.first);
          return r;
        }
      throw ApiError(404, "table", fmt::format("table: '{}' is not a table of run {}; GET /api/runs/{}/tables lists them", rest[1].substr(0, 60), id, id));
    }
    throw ApiError(404, "path", "path: unknown download; expected results.json, brief.html, tables or tables/NAME.csv");
  }

  Response compare(const Request& req) {
    for (const auto& [k, v] : req.query)
      if (k != "a" && k != "b" && k != "token") throw ApiError(400, k, fmt::format("{}: unknown query parameter; expected a and b", k));
    if (!req.query.count("a")) throw ApiError(400, "a", "a: missing; expected a run id");
    if (!req.query.count("b")) throw ApiError(400, "b", "b: missing; expected a run id");
    auto ra = stored(parse_id(req.query.at("a"), "a"));
    auto rb = stored(parse_id(req.query.at("b"), "b"));
    json rows = json::array();
    std::set<std::string> ids;
    for (const auto& [k, v] : ra.summary.items()) ids.insert(k);
    for (const auto& [k, v] : rb.summary.items()) ids.insert(k);
    int moved = 0;
    for (const auto& id : ids) {
      json row = {{"id", id}, {"a", ra.summary.value(id, json())}, {"b", rb.summary.value(id, json())}};
      const json& x = row["a"];
      const json& y = row["b"];
      bool changed = x.is_null() != y.is_null();
      if (!x.is_null() && !y.is_null()) {
        const json& va = x.value("value", json());
        const json& vb = y.value("value", json());
        if (va.is_number() && vb.is_number()) {
          double d = vb.get<double>() - va.get<double>();
          row["delta"] = d;
          double scale = std::max(std::abs(va.get<double>()), 1e-12);
          row["relative_delta"] = d / scale;
          changed = changed || d != 0;
        } else {
          changed = changed || va != vb;
        }
        changed = changed || x.value("verdict", "") != y.value("verdict", "") || x.value("interval", json()) != y.value("interval", json());
        row["verdict_changed"] = x.value("verdict", "") != y.value("verdict", "");
      }
      row["moved"] = changed;
      moved += changed ? 1 : 0;
      rows.push_back(row);
    }
    json inputs = json::array();
    for (const auto& d : store::diff(ra, rb)) {
      if (d.path.rfind("/results", 0) == 0 || d.path.rfind("/summary", 0) == 0 || d.path == "started_at" || d.path == "finished_at" ||
          d.path == "wall_seconds" || d.path == "/options/wall_seconds")
        continue;
      inputs.push_back({{"path", d.path}, {"a", d.a ? *d.a : json()}, {"b", d.b ? *d.b : json()}});
    }
    return json_response(200, {{"a", ra.id}, {"b", rb.id}, {"answers", rows}, {"moved", moved}, {"input_differences", inputs}});
  }

  Response static_file(const std::string& path) {
    if (opt.web_dir.empty()) throw ApiError(404, "path", "path: this server has no built front end (run npm run build in web/)");
    std::string rel = path == "/" ? "index.html" : path.substr(1);
    if (rel.size() > 200) throw ApiError(400, "path", "path: longer than 200 bytes");
    for (char c : rel)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '-' || c == '_'))
        throw ApiError(400, "path", "path: expected letters, digits, '/', '.', '-' and '_' only");
    for (const auto& part : split_path(rel))
      if (part == ".." || part == "." || part[0] == '.') throw ApiError(400, "path", "path: '.' and '..' segments and hidden files are refused");
    std::error_code ec;
    fs::path root = fs::weakly_canonical(opt.web_dir, ec);
    fs::path file = fs::weakly_canonical(root / rel, ec);
    auto [r_end, f_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (ec || r_end != root.end()) throw ApiError(400, "path", "path: outside the web folder");
    if (!fs::is_regular_file(file, ec)) throw ApiError(404, "path", fmt::format("path: '{}' not found", rel));
    std::ifstream in(file, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    Response r;
    r.content_type = content_type_of(file);
    r.body = os.str();
    return r;
  }

  Response route(const Request& req) {
    if (!opt.token.empty()) {
      std::string given;
      auto h = req.headers.find("authorization");
      if (h != req.headers.end() && h->second.rfind("Bearer ", 0) == 0) given = h->second.substr(7);
      auto q = req.query.find("token");
      if (given.empty() && q != req.query.end()) given = q->second;
      // The page's own requests (scripts, style sheet) carry the token as a SameSite=Strict
      // cookie set when the page was opened with ?token=.
      auto c = req.headers.find("cookie");
      if (given.empty() && c != req.headers.end()) {
        const std::string key = "geobalance_token=";
        auto at = c->second.find(key);
        if (at != std::string::npos && (at == 0 || c->second[at - 1] == ' ' || c->second[at - 1] == ';'))
          given = c->second.substr(at + key.size(), c->second.find(';', at) == std::string::npos ? std::string::npos : c->second.find(';', at) - at - key.size());
      }
      bool ok = given.size() == opt.token.size();
      unsigned diff = 0;
      for (std::size_t i = 0; ok && i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ opt.token[i]);
      if (!ok || diff != 0) throw ApiError(401, "token", "token: missing or wrong; send 'Authorization: Bearer TOKEN' (printed at start) or ?token=TOKEN");
    }
    if (req.body.size() > opt.limits.max_body_bytes)
      throw ApiError(413, "body", fmt::format("body: {} bytes, expected at most {}", req.body.size(), opt.limits.max_body_bytes));
    auto parts = split_path(req.path);
    if (parts.empty() || parts[0] != "api") {
      if (req.method != "GET") throw ApiError(405, "method", fmt::format("method: {} is not allowed here; expected GET", req.method.substr(0, 10)));
      Response r = static_file(req.path);
      if (!opt.token.empty() && req.query.count("token"))
        r.headers["Set-Cookie"] = "geobalance_token=" + opt.token + "; Path=/; HttpOnly; SameSite=Strict";
      return r;
    }
    auto method_is = [&](const char* m) {
      if (req.method != m) throw ApiError(405, "method", fmt::format("method: {} is not allowed on {}; expected {}", req.method.substr(0, 10), req.path.substr(0, 100), m));
    };
    const std::size_t n = parts.size();
    if (n == 2 && parts[1] == "health") {
      method_is("GET");
      return json_response(200, {{"status", "ok"}, {"version", version()}, {"active_runs", active.load()}});
    }
    if (n == 2 && parts[1] == "scenarios") {
      method_is("GET");
      json list = json::array();
      for (const auto& e : scenarios) {
        json item = {{"id", e.id}, {"source", e.source}};
        try {
          auto s = scenario_of(e.id);
          item["name"] = s->name;
          item["description"] = s->description;
        } catch (const std::exception& ex) {
          item["error"] = ex.what();
        }
        list.push_back(item);
      }
      return json_response(200, {{"scenarios", list}});
    }
    if (n == 3 && parts[1] == "scenarios") {
      method_is("GET");
      return json_response(200, describe(parts[2]));
    }
    if (n == 2 && parts[1] == "runs") {
      if (req.method == "POST") return run(req);
      method_is("GET");
      json list = json::array();
      for (const auto& r : need_store().list()) {
        json j = store::to_json(r, false);
        list.push_back(j);
      }
      return json_response(200, {{"runs", list}});
    }
    if (n >= 3 && parts[1] == "runs") {
      method_is("GET");
      std::int64_t id = parse_id(parts[2], "id");
      if (n == 3) return json_response(200, store::to_json(stored(id), true));
      return download(id, std::vector<std::string>(parts.begin() + 3, parts.end()));
    }
    if (n == 2 && parts[1] == "compare") {
      method_is("GET");
      return compare(req);
    }
    if (n == 3 && parts[1] == "jobs") {
      method_is("DELETE");
      std::lock_guard lock(job_mutex);
      auto it = jobs.find(parts[2]);
      if (it == jobs.end()) throw ApiError(404, "job", fmt::format("job: '{}' is not running", parts[2].substr(0, 64)));
      it->second->cancel();
      return json_response(200, {{"job", parts[2]}, {"cancelled", true}});
    }
    throw ApiError(404, "path", fmt::format("path: no API endpoint '{}'", req.path.substr(0, 100)));
  }
};

Api::Api(ApiOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->opt = std::move(options);
  std::error_code ec;
  fs::path dir = fs::path(data_dir()) / "scenarios";
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(dir, ec))
    if (f.path().extension() == ".toml" && f.is_regular_file()) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) impl_->scenarios.push_back({f.stem().string(), f.string(), "shipped"});
  for (const auto& p : impl_->opt.scenario_files) {
    std::string id = fs::path(p).stem().string();
    std::string clean;
    for (char c : id) clean += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
    std::string unique = clean;
    for (int k = 2; std::any_of(impl_->scenarios.begin(), impl_->scenarios.end(), [&](const ScenarioEntry& e) { return e.id == unique; }); ++k)
      unique = fmt::format("{}-{}", clean, k);
    auto s = std::make_shared<const scenario::Scenario>(scenario::load_scenario(p));  // a bad file fails at start
    impl_->scenarios.push_back({unique, fs::absolute(p).string(), "loaded"});
    impl_->loaded[unique] = s;
  }
  if (!impl_->opt.store_path.empty()) impl_->store = store::RunStore::open(impl_->opt.store_path);
}

Api::~Api() = default;

const ApiOptions& Api::options() const { return impl_->opt; }

Response Api::handle(const Request& request) {
  try {
    return impl_->route(request);
  } catch (const ApiError& e) {
    return error_response(e.status(), e.field(), e.what());
  } catch (const InputError& e) {
    return error_response(400, e.subject(), e.what());
  } catch (const std::exception& e) {
    return error_response(500, "", std::string("internal error: ") + e.what());
  }
}

}  // namespace geobalance::server
