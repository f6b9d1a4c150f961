// End-to-end tests of `geobalance runs list|show|diff|export` against a store the test
// fills through the library: output, exit codes, messages, and no output file on failure.
#include <filesystem>

#include <nlohmann/json.hpp>

#include "geobalance/store/run_store.h"
#include "geobalance/store/sha256.h"
#include "store_test_records.h"
#include "test_util.h"

namespace geobalance::testing {
namespace {

using nlohmann::json;
using store::RunRecord;
using store::RunStore;

#define SKIP_WITHOUT_CLI()                                                                    \
  if (!std::filesystem::exists(cli_path()))                                                   \
  GTEST_SKIP() << cli_path() << " is not built; build the geobalance_cli target to run this test"

// Two runs that differ in seed, one summary value and one result value.
std::string fill_store(const TempDir& d) {
  std::string path = d.file("runs.sqlite");
  RunStore s = RunStore::open(path);
  RunRecord a = store::testing::full_record(1);
  a.summary = {{"q1", {{"value", 0.25}}}};
  a.results = {{"series", {1, 2, 3}}};
  RunRecord b = a;
  b.seed = 7;
  b.summary["q1"]["value"] = 0.75;
  b.results["series"][2] = 3.5;
  s.save(a);
  s.save(b);
  return path;
}

TEST(RunsCli, ListPrintsEveryRunInEachFormat) {
  SKIP_WITHOUT_CLI();
  TempDir d;
  std::string path = fill_store(d);
  auto r = run_cli({"runs", "list", "--store", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("2 runs in " + path));
  r = run_cli({"runs", "list", "--store", path, "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("id,started_at,finished_at,status,scenario_name,"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("\n1,2024-05-01T12:00:00Z,"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("\n2,2024-05-01T12:00:00Z,"));
  r = run_cli({"runs", "list", "--store", path, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[1]["id"], 2);
  EXPECT_EQ(j[1]["seed"], 7);
  EXPECT_FALSE(j[1].contains("results"));
}

TEST(RunsCli, ListUsesTheDefaultStoreUnderXdgDataHome) {
  SKIP_WITHOUT_CLI();
  TempDir d;
  {
    RunStore s = RunStore::open(d.file("geobalance/runs.sqlite"));
    s.save(store::testing::full_record());
  }
  const char* old = std::getenv("XDG_DATA_HOME");
  std::string saved = old ? old : "";
  ::setenv("XDG_DATA_HOME", d.path().c_str(), 1);
  auto r = run_cli({"runs", "list"});
  if (old) ::setenv("XDG_DATA_HOME", saved.c_str(), 1); else ::unsetenv("XDG_DATA_HOME");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("1 run in " + d.file("geobalance/runs.sqlite")));
}

TEST(RunsCli, ShowPrintsProvenanceAndSummaryAndJsonIsTheWholeRun) {
  SKIP_WITHOUT_CLI();
  TempDir d;
  std::string path = fill_store(d);
  auto r = run_cli({"runs", "show", "2", "--store", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("run 2 in " + path));
  EXPECT_THAT(r.out, ::testing::HasSubstr("/summary/q1/value"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("0.75"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("3 values (geobalance runs export 2 shows them)"));
  r = run_cli({"runs", "show", "2", "--store", path, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunStore s = RunStore::open_existing(path);
  EXPECT_EQ(json::parse(r.out), store::to_json(*s.get(2)));
}

TEST(RunsCli, DiffListsTheDifferencesWithDeltas) {
  SKIP_WITHOUT_CLI();
  TempDir d;
  std::string path = fill_store(d);
  auto r = run_cli({"runs", "diff", "1", "2", "--store", path, "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "path,a,b,delta\n"
            "seed,18446744073709551615,7,\n"
            "/summary/q1/value,0.25,0.75,0.5\n"
            "/results/series/2,3,3.5,0.5\n");
  r = run_cli({"runs", "diff", "1", "2", "--store", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("run 1 (a) vs run 2 (b): 3 differences"));
  r = run_cli({"runs", "diff", "2", "2", "--store", path, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out), json::array());
}

TEST(RunsCli, ExportWritesTheWholeRunAsJson) {
  SKIP_WITHOUT_CLI();
  TempDir d;
  std::string path = fill_store(d);
  auto r = run_cli({"runs", "export", "1", "--store", path, "-o", d.file("run1.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunStore s = RunStore::open_existing(path);
  EXPECT_EQ(json::parse(read_text(d.file("run1.json"))), store::to_json(*s.get(1)));
  r = run_cli({"runs", "export", "2", "--store", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["results"]["series"], json({1, 2, 3.5}));
}

TEST(RunsCli, BadIdsAndPathsExitTwoWithNoOutputFile) {
  SKIP_WITHOUT_CLI();
  TempDir d;
  std::string path = fill_store(d);
  auto entries_before = d.entries();
  auto r = run_cli({"runs", "export", "7", "--store", path, "-o", d.file("out.json")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("error: run 7 is not in " + path));
  r = run_cli({"runs", "show", "7", "--store", path, "-o", d.file("out.txt")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("run 7 is not in " + path));
  r = run_cli({"runs", "diff", "1", "9", "--store", path, "-o", d.file("out.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("run 9 is not in " + path));
  r = run_cli({"runs", "show", "x1", "--store", path});
  EXPECT_EQ(r.exit_code, 2);
  r = run_cli({"runs", "list", "--store", d.file("missing.sqlite"), "-o", d.file("out.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr(d.file("missing.sqlite") + ": run store: does not exist"));
  write_text(d.file("notes.txt"), std::string(4096, 'x'));
  r = run_cli({"runs", "export", "1", "--store", d.file("notes.txt"), "-o", d.file("out.json")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr(d.file("notes.txt") + ": run store: is not a SQLite database"));
  std::filesystem::remove(d.file("notes.txt"));
  EXPECT_EQ(d.entries(), entries_before);  // no output file, and no store created
}

}  // namespace
}  // namespace geobalance::testing
