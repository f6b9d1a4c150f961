// The JSON API of `geobalance serve`, over loopback HTTP (cpp-httplib's client): every
// endpoint, every error class, concurrent runs and cancellation. Expected numbers come from
// the data's own columns (data/capabilities.csv, data/nato_members.csv) and from analytic
// facts (identical positions give that position as the forecast), not from earlier output.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "geobalance/core/paths.h"
#include "geobalance/server/server.h"
#include "test_util.h"

namespace geobalance::server {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

// A server on a free loopback port, with its own store and web folder.
class ServerTest : public ::testing::Test {
 protected:
  void start(Limits limits = {}, std::string token = "") {
    fs::create_directories(fs::path(dir_.path()) / "web" / "assets");
    geobalance::testing::write_text(dir_.path() + "/web/index.html", "<!doctype html><title>t</title>");
    geobalance::testing::write_text(dir_.path() + "/web/assets/app.js", "console.log(1)");
    geobalance::testing::write_text(dir_.path() + "/secret.txt", "outside the web folder");
    ApiOptions o;
    o.store_path = dir_.path() + "/runs.sqlite";
    o.web_dir = dir_.path() + "/web";
    o.limits = limits;
    o.token = token;
    o.threads = 2;
    server_ = std::make_unique<Server>(o);
    port_ = server_->start("127.0.0.1", 0);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(120, 0);
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  httplib::Result post(const json& body) { return client_->Post("/api/runs", body.dump(), "application/json"); }
  static json parse(const httplib::Result& r) { return json::parse(r->body); }
  // Asserts a 4xx/5xx JSON error naming `field`.
  static void expect_error(const httplib::Result& r, int status, const std::string& field) {
    ASSERT_TRUE(r) << "no response";
    EXPECT_EQ(r->status, status) << r->body;
    json j = json::parse(r->body);
    EXPECT_EQ(j.at("field"), field) << r->body;
    EXPECT_FALSE(j.at("error").get<std::string>().empty());
  }
  const json* answer(const json& run, const std::string& id) {
    for (const auto& a : run.at("answers"))
      if (a.at("id") == id) return &a;
    return nullptr;
  }

  geobalance::testing::TempDir dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
};

// Splits a CSV line with quoted fields.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool q = false;
  for (char c : line) {
    if (c == '"') q = !q;
    else if (c == ',' && !q) out.push_back(cur), cur.clear();
    else cur += c;
  }
  out.push_back(cur);
  return out;
}

// One indicator column of data/capabilities.csv in `year`, by state abbreviation.
std::map<std::string, double> column(const std::string& name, int year) {
  std::ifstream in(data_path("capabilities.csv"));
  std::string line;
  std::getline(in, line);
  auto header = csv_fields(line);
  std::size_t k = std::find(header.begin(), header.end(), name) - header.begin();
  std::map<std::string, double> out;
  while (std::getline(in, line)) {
    auto f = csv_fields(line);
    if (f.size() > k && std::stoi(f[2]) == year && !f[k].empty()) out[f[1]] = std::stod(f[k]);
  }
  return out;
}

// NATO members on 31 December of `year` (docs/scenario.md: "members as of 31 December").
std::set<std::string> nato_members(int year) {
  std::ifstream in(data_path("nato_members.csv"));
  std::string line;
  std::getline(in, line);
  std::set<std::string> out;
  while (std::getline(in, line)) {
    auto f = csv_fields(line);
    if (std::stoi(f[3].substr(0, 4)) <= year && (f[4].empty() || std::stoi(f[4].substr(0, 4)) > year)) out.insert(f[1]);
  }
  return out;
}

TEST_F(ServerTest, HealthAndScenarios) {
  start();
  auto h = client_->Get("/api/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(parse(h).at("status"), "ok");
  auto r = client_->Get("/api/scenarios");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  std::set<std::string> ids;
  const json list = parse(r);
  for (const auto& s : list.at("scenarios")) ids.insert(s.at("id").get<std::string>());
  // The shipped scenarios are the files of data/scenarios/.
  std::set<std::string> files;
  for (const auto& f : fs::directory_iterator(data_path("scenarios")))
    if (f.path().extension() == ".toml") files.insert(f.path().stem().string());
  EXPECT_EQ(ids, files);

  auto d = client_->Get("/api/scenarios/nato-southern-flank");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->status, 200) << d->body;
  json s = parse(d);
  EXPECT_EQ(s.at("replicates"), 200);  // [ensemble] replicates in the file
  EXPECT_EQ(s.at("weights").at("milex"), 1.0);
  EXPECT_FALSE(s.at("issues").empty());
  EXPECT_FALSE(s.at("shocks").empty());
  expect_error(client_->Get("/api/scenarios/no-such"), 404, "scenario");
}

TEST_F(ServerTest, WeightsOverrideMovesOnlyThePowerAnswerByTheSpendingRatio) {
  start();
  // uncertainty_scale 0: every replicate is the unperturbed run, so the answer (the ensemble
  // median) is the point value a hand computation gives.
  json base = {{"scenario", "nato-southern-flank"}, {"replicates", 20}, {"seed", 7}, {"overrides", {{"uncertainty_scale", 0}}}};
  auto r0 = post(base);
  ASSERT_TRUE(r0);
  ASSERT_EQ(r0->status, 200) << r0->body;
  json b = parse(r0);
  json w = base;
  w["overrides"]["weights"] = {{"milex", 1}};
  auto r1 = post(w);
  ASSERT_TRUE(r1);
  ASSERT_EQ(r1->status, 200) << r1->body;
  json x = parse(r1);

  // With spending alone, the composite share of each state is its share of world spending, so
  // NATO / (RUS+CHN) is the ratio of summed spending in 2024 (data/capabilities.csv).
  auto milex = column("milex_const2023_usd_m", 2024);
  double nato = 0;
  for (const auto& abb : nato_members(2024))
    if (milex.count(abb)) nato += milex[abb];
  double expected = nato / (milex.at("RUS") + milex.at("CHN"));
  EXPECT_NEAR(answer(x, "balance")->at("value").get<double>(), expected, 1e-9 * expected);

  // Weights touch no other answer (same seed: same draws), except the crisis game's, which reads
  // the US/Russian capability ratio from the same composite index (docs/games.md).
  for (const auto& a : b.at("answers")) {
    if (a.at("module") == "power" || a.at("module") == "games") continue;
    EXPECT_EQ(answer(x, a.at("id"))->at("value"), a.at("value")) << a.at("id");
  }

  // Compare: only the power answers moved; the weights are the input difference.
  auto c = client_->Get(("/api/compare?a=" + std::to_string(b.at("run_id").get<int>()) + "&b=" + std::to_string(x.at("run_id").get<int>())).c_str());
  ASSERT_TRUE(c);
  ASSERT_EQ(c->status, 200) << c->body;
  json cj = parse(c);
  for (const auto& row : cj.at("answers")) {
    if (row.at("a").at("module") == "games") continue;  // reads the capability ratio (above)
    bool is_power = row.at("a").at("module") == "power";
    EXPECT_EQ(row.at("moved").get<bool>(), is_power) << row.dump();
    if (row.at("id") == "balance") EXPECT_NEAR(row.at("delta").get<double>(), expected - answer(b, "balance")->at("value").get<double>(), 1e-9);
  }
  bool weights_listed = false;
  for (const auto& d : cj.at("input_differences")) weights_listed = weights_listed || d.at("path").get<std::string>().rfind("/options/overrides", 0) == 0;
  EXPECT_TRUE(weights_listed) << cj.at("input_differences").dump();
}

TEST_F(ServerTest, AddedShockScalesOneStateFromItsYear) {
  start();
  json req = {{"scenario", "nato-southern-flank"}, {"replicates", 10}, {"seed", 7},
              {"overrides", {{"weights", {{"milex", 1}}}, {"uncertainty_scale", 0},
                             {"add_shocks", {{{"label", "China doubles spending"}, {"year", 2024}, {"state", "CHN"},
                                              {"indicator", "milex"}, {"factor", 2}}}}}}};
  auto r = post(req);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto milex = column("milex_const2023_usd_m", 2024);
  double nato = 0;
  for (const auto& abb : nato_members(2024))
    if (milex.count(abb)) nato += milex[abb];
  double expected = nato / (milex.at("RUS") + 2 * milex.at("CHN"));  // hand computation
  EXPECT_NEAR(answer(parse(r), "balance")->at("value").get<double>(), expected, 1e-9 * expected);
}

TEST_F(ServerTest, IdenticalPositionsGiveThatPositionAsTheForecast) {
  start();
  auto d = parse(client_->Get("/api/scenarios/nato-southern-flank"));
  const json& issue = d.at("issues").at(0);
  json pos = json::array();
  for (const auto& a : issue.at("actors")) pos.push_back({{"issue", issue.at("id")}, {"actor", a.at("name")}, {"position", 60}});
  auto r = post({{"scenario", "nato-southern-flank"}, {"replicates", 5}, {"overrides", {{"positions", pos}, {"uncertainty_scale", 0}}}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  // Every actor at 60: nobody has a reason to move, so the weighted outcome is 60 exactly.
  const json* a = nullptr;
  const json run = parse(r);
  for (const auto& x : run.at("answers"))
    if (x.at("module") == "bargaining" && !a) a = &x;
  ASSERT_NE(a, nullptr);
  // The first bargaining answer is on the first issue (the scenario's order).
  EXPECT_NEAR(a->at("value").get<double>(), 60.0, 1e-9);
}

TEST_F(ServerTest, StoredRunsAndDownloads) {
  start();
  auto r = post({{"scenario", "nato-southern-flank"}, {"replicates", 5}, {"overrides", {{"game", {{"congress_pressure", 2}}}}}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  int id = parse(r).at("run_id");
  auto list = client_->Get("/api/runs");
  ASSERT_EQ(list->status, 200);
  ASSERT_EQ(parse(list).at("runs").size(), 1u);
  auto one = client_->Get(("/api/runs/" + std::to_string(id)).c_str());
  ASSERT_EQ(one->status, 200);
  json rec = parse(one);
  // Provenance as the CLI stores it, plus what the request changed.
  EXPECT_EQ(rec.at("replicates"), 5);
  EXPECT_EQ(rec.at("options").at("source"), "geobalance serve");
  EXPECT_EQ(rec.at("options").at("overrides").at("game").at("congress_pressure"), 2);
  EXPECT_EQ(rec.at("scenario_hash").get<std::string>().size(), 64u);
  EXPECT_FALSE(rec.at("data_hashes").empty());
  auto res = client_->Get(("/api/runs/" + std::to_string(id) + "/results.json").c_str());
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(parse(res).at("answers").size(), rec.at("summary").size());
  auto brief = client_->Get(("/api/runs/" + std::to_string(id) + "/brief.html").c_str());
  ASSERT_EQ(brief->status, 200);
  EXPECT_THAT(brief->body, ::testing::HasSubstr("<svg"));
  auto tables = client_->Get(("/api/runs/" + std::to_string(id) + "/tables").c_str());
  ASSERT_EQ(tables->status, 200);
  std::string first = parse(tables).at("tables").at(0);
  auto csv = client_->Get(("/api/runs/" + std::to_string(id) + "/tables/" + first + ".csv").c_str());
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  expect_error(client_->Get(("/api/runs/" + std::to_string(id) + "/tables/nope.csv").c_str()), 404, "table");
  expect_error(client_->Get("/api/runs/999"), 404, "id");
  expect_error(client_->Get("/api/runs/abc"), 400, "id");
  expect_error(client_->Get("/api/runs/-1"), 400, "id");
  expect_error(client_->Get("/api/compare?a=1"), 400, "b");
  expect_error(client_->Get("/api/compare?a=1&b=x"), 400, "b");
  expect_error(client_->Get("/api/compare?a=1&b=1&c=2"), 400, "c");
}

TEST_F(ServerTest, RequestErrorsNameTheFieldAndTheServerKeepsServing) {
  start();
  expect_error(client_->Post("/api/runs", "{\"scenario\": ", "application/json"), 400, "body");
  expect_error(client_->Post("/api/runs", "[1,2]", "application/json"), 400, "body");
  expect_error(client_->Post("/api/runs", std::string(100, '[') + std::string(100, ']'), "application/json"), 400, "body");
  expect_error(client_->Post("/api/runs", "{\"scenario\": \"x\", \"seed\": 1e999}", "application/json"), 400, "body");  // fuzz finding
  expect_error(post({{"replicates", 5}}), 400, "scenario");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"colour", "red"}}), 400, "colour");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"wieghts", {}}}}}), 400, "overrides.wieghts");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"replicates", 0}}), 400, "replicates");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"replicates", 2001}}), 400, "replicates");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"replicates", "many"}}), 400, "replicates");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"seed", -1}}), 400, "seed");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"weights", {{"milex", -1}}}}}}), 400, "overrides.weights.milex");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"weights", {{"milex", 0}}}}}}), 400, "overrides.weights");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"weights", {{"gold", 1}}}}}}), 400, "overrides.weights.gold");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"uncertainty_scale", 6}}}}), 400, "overrides.uncertainty_scale");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"uncertainty_sd", {{"nope", 0.1}}}}}}), 400, "overrides.uncertainty_sd.nope");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"remove_shocks", {"never happened"}}}}}), 400, "overrides.remove_shocks[0]");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"add_shocks", {{{"label", "x"}, {"year", 2024}, {"state", "XXX"}, {"indicator", "milex"}}}}}}}),
               400, "overrides.add_shocks[0].state");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"add_shocks", {{{"label", "x"}, {"year", 2024}, {"state", "CHN"}, {"indicator", "milex"}, {"factor", 11}}}}}}}),
               400, "overrides.add_shocks[0].factor");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"add_shocks", {{{"label", "x"}, {"year", 1900}, {"state", "CHN"}, {"indicator", "milex"}}}}}}}),
               400, "overrides.add_shocks[0].year");
  auto d = parse(client_->Get("/api/scenarios/nato-southern-flank"));
  std::string issue = d.at("issues").at(0).at("id");
  std::string actor = d.at("issues").at(0).at("actors").at(0).at("name");
  double top = d.at("issues").at(0).at("scale").at(1);
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"positions", {{{"issue", issue}, {"actor", actor}, {"position", top + 1}}}}}}}),
               400, "overrides.positions[0].position");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"positions", {{{"issue", issue}, {"actor", actor}, {"salience", 1.5}}}}}}}),
               400, "overrides.positions[0].salience");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"positions", {{{"issue", issue}, {"actor", "Atlantis"}, {"salience", 0.5}}}}}}}),
               400, "overrides.positions[0].actor");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"game", {{"tr_us_similarity", 2}}}}}}), 400, "overrides.game.tr_us_similarity");
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"game", {{"bluff", 2}}}}}}), 400, "overrides.game.bluff");
  // An input of the old template only is not an input of the game the scenario uses.
  expect_error(post({{"scenario", "nato-southern-flank"}, {"overrides", {{"game", {{"sanction_weight", 2}}}}}}), 400,
               "overrides.game.sanction_weight");
  expect_error(client_->Get("/api/nothing"), 404, "path");
  expect_error(client_->Delete("/api/runs"), 405, "method");
  expect_error(client_->Delete("/api/jobs/none"), 404, "job");
  // Oversized: refused before it is read, as JSON.
  expect_error(client_->Post("/api/runs", std::string(70 * 1024, ' '), "application/json"), 413, "body");
  // Still serving.
  EXPECT_EQ(client_->Get("/api/health")->status, 200);
}

TEST_F(ServerTest, StaticFilesStayInsideTheWebFolder) {
  start();
  auto i = client_->Get("/");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->status, 200);
  EXPECT_THAT(i->body, ::testing::HasSubstr("<title>t</title>"));
  auto js = client_->Get("/assets/app.js");
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type").rfind("text/javascript", 0), 0u);
  for (const char* p : {"/../secret.txt", "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
                        "/.hidden", "/assets/..%5c..%5csecret.txt"}) {
    auto r = client_->Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << p << " " << r->status;
    EXPECT_THAT(r->body, ::testing::Not(::testing::HasSubstr("outside the web folder"))) << p;
  }
  expect_error(client_->Get("/nope.html"), 404, "path");
  // A path with invalid UTF-8 is answered as JSON, the bytes replaced (fuzz finding).
  auto bad_utf8 = client_->Get("/api/scenarios/%FF%FE");
  ASSERT_TRUE(bad_utf8);
  EXPECT_EQ(bad_utf8->status, 404);
  EXPECT_EQ(json::parse(bad_utf8->body).at("field"), "scenario");
  expect_error(client_->Post("/index.html", "x", "text/plain"), 405, "method");
}

TEST_F(ServerTest, TokenRequiredWhenSet) {
  start({}, "abc123");
  expect_error(client_->Get("/api/health"), 401, "token");
  httplib::Headers h{{"Authorization", "Bearer wrong"}};
  expect_error(client_->Get("/api/health", h), 401, "token");
  httplib::Headers ok{{"Authorization", "Bearer abc123"}};
  EXPECT_EQ(client_->Get("/api/health", ok)->status, 200);
  auto page = client_->Get("/?token=abc123");
  EXPECT_EQ(page->status, 200);
  // The page's scripts and API calls then carry the token as a cookie.
  EXPECT_EQ(page->get_header_value("Set-Cookie").rfind("geobalance_token=abc123;", 0), 0u);
  httplib::Headers cookie{{"Cookie", "other=1; geobalance_token=abc123"}};
  EXPECT_EQ(client_->Get("/assets/app.js", cookie)->status, 200);
  httplib::Headers bad_cookie{{"Cookie", "geobalance_token=abc12"}};
  expect_error(client_->Get("/assets/app.js", bad_cookie), 401, "token");
  httplib::Headers prefixed{{"Cookie", "xgeobalance_token=abc123"}};
  expect_error(client_->Get("/assets/app.js", prefixed), 401, "token");
  // A non-loopback host without a token is refused at start.
  ApiOptions o;
  Server s(o);
  EXPECT_THROW(s.start("0.0.0.0", 0), InputError);
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_EQ(make_token().size(), 32u);
}

TEST_F(ServerTest, ConcurrentRunsAreStoredOnceEachWithTheSameAnswers) {
  Limits l;
  l.max_concurrent_runs = 4;
  start(l);
  std::vector<std::thread> threads;
  std::vector<std::string> bodies(4);
  std::vector<int> status(4);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port_);
      c.set_read_timeout(120, 0);
      auto r = c.Post("/api/runs", json{{"scenario", "nato-southern-flank"}, {"replicates", 20}, {"seed", 3}}.dump(), "application/json");
      status[i] = r ? r->status : -1;
      bodies[i] = r ? r->body : "";
    });
  for (auto& t : threads) t.join();
  std::set<int> ids;
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(status[i], 200) << bodies[i];
    json j = json::parse(bodies[i]);
    ids.insert(j.at("run_id").get<int>());
    EXPECT_EQ(j.at("answers"), json::parse(bodies[0]).at("answers"));  // same seed, same answers
  }
  EXPECT_EQ(ids, (std::set<int>{1, 2, 3, 4}));
  EXPECT_EQ(parse(client_->Get("/api/runs")).at("runs").size(), 4u);
}

TEST_F(ServerTest, LongRunIsCancelledAndTheLimitOnRunsHolds) {
  Limits l;
  l.max_concurrent_runs = 1;
  l.max_replicates = 1000000;
  start(l);
  std::string body;
  int status = 0;
  std::thread t([&] {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(600, 0);
    auto r = c.Post("/api/runs", json{{"scenario", "nato-southern-flank"}, {"replicates", 1000000}, {"job", "long"}}.dump(), "application/json");
    status = r ? r->status : -1;
    body = r ? r->body : "";
  });
  // Wait until it computes (not a timing assertion: polls the server's own count).
  for (int i = 0; i < 6000 && parse(client_->Get("/api/health")).at("active_runs") == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(parse(client_->Get("/api/health")).at("active_runs"), 1);
  // A second run over the limit: 503 naming runs. A second job with the same id cannot start either.
  expect_error(post({{"scenario", "nato-southern-flank"}, {"replicates", 5}}), 503, "runs");
  auto del = client_->Delete("/api/jobs/long");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200) << del->body;
  t.join();
  EXPECT_EQ(status, 409) << body;
  json j = json::parse(body);
  EXPECT_TRUE(j.at("cancelled").get<bool>());
  EXPECT_EQ(j.at("field"), "job");
  EXPECT_LT(j.at("replicates_done").get<int>(), 1000000);
  // Nothing stored; the server takes runs again.
  EXPECT_EQ(parse(client_->Get("/api/runs")).at("runs").size(), 0u);
  EXPECT_EQ(post({{"scenario", "nato-southern-flank"}, {"replicates", 5}})->status, 200);
}

TEST(ServerParse, ParseRunRequestNamesFields) {
  Limits l;
  EXPECT_THROW(parse_run_request("", l), ApiError);
  try {
    parse_run_request(R"({"scenario":"x","overrides":{"positions":[{"issue":"a","actor":"b"}]}})", l);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.field(), "overrides.positions[0]");
    EXPECT_EQ(e.status(), 400);
  }
  auto r = parse_run_request(R"({"scenario":"x","replicates":3,"seed":9,"overrides":{"uncertainty_scale":0.5}})", l);
  EXPECT_EQ(r.scenario, "x");
  EXPECT_EQ(*r.replicates, 3);
  EXPECT_EQ(*r.seed, 9u);
  EXPECT_EQ(*r.overrides.uncertainty_scale, 0.5);
}

}  // namespace
}  // namespace geobalance::server
