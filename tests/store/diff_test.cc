// diff() on two hand-made runs, with every expected difference written out.
#include "geobalance/store/run_store.h"
#include "geobalance/store/sha256.h"
#include "store_test_records.h"
#include "test_util.h"

namespace geobalance::store {
namespace {

using nlohmann::json;

RunRecord run_a() {
  RunRecord r;
  r.started_at = "2024-05-01T12:00:00Z";
  r.finished_at = "2024-05-01T12:00:10Z";
  r.scenario_name = "flank";
  r.scenario_path = "flank.toml";
  r.scenario_hash = sha256_hex("scenario");
  r.data_hashes = {{"data/a.csv", sha256_hex("a")}, {"data/b.csv", sha256_hex("b")}};
  r.program_version = "0.1.0";
  r.seed = 42;
  r.threads = 1;
  r.replicates = 100;
  r.options = {{"ensemble", {{"size", 100}}}, {"model", "bdm"}};
  r.wall_seconds = 10;
  r.summary = {{"q1", {{"value", 0.25}, {"lo", 0.125}, {"hi", 0.5}}}, {"q2", "stable"}};
  r.results = {{"series", {1, 2, 3}}, {"x", 5}};
  return r;
}

RunRecord run_b() {
  RunRecord r = run_a();
  r.data_hashes = {{"data/a.csv", sha256_hex("a2")}, {"data/c.csv", sha256_hex("c")}};
  r.seed = 43;
  r.threads = 2;
  r.wall_seconds = 12.5;
  r.options["ensemble"]["size"] = 200;
  r.summary = {{"q1", {{"value", 0.375}, {"lo", 0.125}, {"hi", 0.75}}}, {"q2", "unstable"}};
  r.results = {{"series", {1, 2.5, 3, 4}}, {"x", 5.0}};  // x: 5 and 5.0 are the same number
  return r;
}

struct Expected {
  std::string path;
  std::optional<json> a, b;
  std::optional<double> delta;
};

TEST(RunDiff, ListsProvenanceThenEveryDifferingLeafByJsonPointer) {
  const std::vector<Expected> want = {
      {"seed", json(42), json(43), std::nullopt},
      {"threads", json(1), json(2), 1.0},
      {"wall_seconds", json(10.0), json(12.5), 2.5},
      {"/data_hashes/data~1a.csv", json(sha256_hex("a")), json(sha256_hex("a2")), std::nullopt},
      {"/data_hashes/data~1b.csv", json(sha256_hex("b")), std::nullopt, std::nullopt},
      {"/data_hashes/data~1c.csv", std::nullopt, json(sha256_hex("c")), std::nullopt},
      {"/options/ensemble/size", json(100), json(200), 100.0},
      {"/summary/q1/hi", json(0.5), json(0.75), 0.25},
      {"/summary/q1/value", json(0.25), json(0.375), 0.125},
      {"/summary/q2", json("stable"), json("unstable"), std::nullopt},
      {"/results/series/1", json(2), json(2.5), 0.5},
      {"/results/series/3", std::nullopt, json(4), std::nullopt},
  };
  std::vector<Difference> got = diff(run_a(), run_b());
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].path);
    EXPECT_EQ(got[i].path, want[i].path);
    EXPECT_EQ(got[i].a, want[i].a);
    EXPECT_EQ(got[i].b, want[i].b);
    EXPECT_EQ(got[i].delta, want[i].delta);
  }
}

TEST(RunDiff, ARunDoesNotDifferFromItselfAndIdsAreNotCompared) {
  RunRecord a = run_a(), b = run_a();
  a.id = 1;
  b.id = 2;
  EXPECT_TRUE(diff(a, b).empty());
}

TEST(RunDiff, StructureChangesAndTypeChangesAreReportedWhole) {
  RunRecord a = run_a(), b = run_a();
  a.results = {{"x", {{"y", 1}}}, {"s", 1}};
  b.results = {{"x", 3}, {"s", "1"}};
  a.scenario_hash = sha256_hex("old");
  b.started_at = "2024-05-02T00:00:00Z";
  auto d = diff(a, b);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].path, "started_at");
  EXPECT_EQ(d[1].path, "scenario_hash");
  EXPECT_EQ(d[2].path, "/results/s");
  EXPECT_FALSE(d[2].delta);  // a number and a string
  EXPECT_EQ(d[3].path, "/results/x");
  EXPECT_EQ(*d[3].a, json({{"y", 1}}));
  EXPECT_EQ(*d[3].b, json(3));
  EXPECT_FALSE(d[3].delta);
}

TEST(RunDiff, StoreDiffReadsBothRuns) {
  geobalance::testing::TempDir d;
  RunStore s = RunStore::open(d.file("runs.sqlite"));
  s.save(run_a());
  s.save(run_b());
  auto got = s.diff(1, 2);
  EXPECT_EQ(got.size(), diff(run_a(), run_b()).size());
  EXPECT_TRUE(s.diff(2, 2).empty());
}

}  // namespace
}  // namespace geobalance::store
