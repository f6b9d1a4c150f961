// `geobalance run -o DIR` never destroys what it did not create, and checks what it can before
// the computation (issue 16, items 1 and 2; README "Output folders"). Each test states the file
// state it expects; the rule itself is written out in the README.
#include <filesystem>
#include <map>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;

std::string tiny() { return source_dir() + "/tests/data/scenario/tiny.toml"; }

int count_runs(const std::string& store) {
  auto r = run_cli({"runs", "list", "--store", store, "--format", "csv"});
  if (r.exit_code != 0) return -1;
  int lines = 0;
  for (char c : r.out) lines += c == '\n';
  return lines - 1;  // header
}

void sql(const std::string& db_path, const std::string& text) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  char* msg = nullptr;
  EXPECT_EQ(sqlite3_exec(db, text.c_str(), nullptr, nullptr, &msg), SQLITE_OK) << (msg ? msg : "");
  sqlite3_free(msg);
  sqlite3_close(db);
}

// The tiny scenario with its relative paths made absolute, so a copy runs from any folder.
std::string tiny_anywhere() {
  std::string text = read_text(tiny());
  text.replace(text.find("builtin = \"world\""), 17, "builtin = \"" + source_dir() + "/tests/data/scenario/world\"");
  text.replace(text.find("ties = \"world/"), 14, "ties = \"" + source_dir() + "/tests/data/scenario/world/");
  return text;
}

TEST(RunOutputs, UserFilesInTheFolderAreLeftAloneAndTheStoreInsideKeepsItsRuns) {
  TempDir d;
  fs::create_directories(d.file("out"));
  write_text(d.file("out/notes.txt"), "my notes\n");
  write_text(d.file("out/scenario.toml"), tiny_anywhere());  // the scenario lives in the folder
  const std::string store = d.file("out/runs.sqlite");
  for (int i = 1; i <= 3; ++i) {
    auto r = run_cli({"run", d.file("out/scenario.toml"), "-o", d.file("out"), "--store", store, "-q", "--seed",
                      std::to_string(i)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, ::testing::HasSubstr("stored as run " + std::to_string(i)));
    EXPECT_EQ(count_runs(store), i);  // every acknowledged run is still there
  }
  EXPECT_EQ(read_text(d.file("out/notes.txt")), "my notes\n");
  EXPECT_EQ(read_text(d.file("out/scenario.toml")), tiny_anywhere());
  for (const char* f : {"out/brief.html", "out/results.json", "out/tables/answers.csv"}) EXPECT_TRUE(fs::exists(d.file(f))) << f;
  EXPECT_THAT(read_text(d.file("out/.geobalance-outputs")), ::testing::HasSubstr("results.json"));
}

TEST(RunOutputs, DotAndTrailingSlashWork) {
  TempDir d;
  write_text(d.file("mine.txt"), "keep\n");
  auto dot = run_command({"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" run \"$3\" -o . --no-store -q", "sh", d.path(),
                          cli_path(), tiny()},
                         300);
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_EQ(d.entries(), (std::vector<std::string>{".geobalance-outputs", "brief.html", "mine.txt", "results.json", "tables"}));
  auto r = run_cli({"run", tiny(), "-o", d.file("sub/"), "--no-store", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(d.file("sub/results.json")));
  r = run_cli({"run", tiny(), "-o", d.file("sub/"), "--no-store", "-q"});  // again: its own files are replaced
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text(d.file("mine.txt")), "keep\n");
  for (const auto& e : d.entries()) EXPECT_EQ(e.find("tmp"), std::string::npos) << e;
}

TEST(RunOutputs, AFileGeobalanceDidNotWriteIsRefusedBeforeTheComputation) {
  TempDir d;
  fs::create_directories(d.file("out"));
  write_text(d.file("out/results.json"), "{\"mine\": true}\n");
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", d.file("runs.sqlite"), "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("results.json"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("was not written by geobalance"));
  EXPECT_EQ(read_text(d.file("out/results.json")), "{\"mine\": true}\n");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(d.file("out"))) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"results.json"});
  EXPECT_FALSE(fs::exists(d.file("runs.sqlite")));  // checked before the store was opened
}

TEST(RunOutputs, AStoreThatCannotBeUsedIsReportedBeforeAnyOutput) {
  TempDir d;
  write_text(d.file("notastore.sqlite"), "plain text\n");
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", d.file("notastore.sqlite"), "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("notastore.sqlite: run store"));
  EXPECT_FALSE(fs::exists(d.file("out")));
  // Another program's SQLite database: the wrong schema, before the computation.
  sql(d.file("other.sqlite"), "CREATE TABLE t (x INTEGER);");
  r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", d.file("other.sqlite"), "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("is a SQLite database but not a geobalance run store"));
  EXPECT_FALSE(fs::exists(d.file("out")));
}

// A store that accepts the checks but refuses the save (a trigger aborts every insert, as a
// full disk or a lock taken mid-run would): the run stores nothing and writes nothing; the
// previous run's outputs stay byte for byte.
TEST(RunOutputs, AFailedStoreSaveLeavesThePreviousOutputs) {
  TempDir d;
  const std::string store = d.file("runs.sqlite");
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", store, "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string results = read_text(d.file("out/results.json"));
  const std::string answers = read_text(d.file("out/tables/answers.csv"));
  sql(store, "CREATE TRIGGER refuse BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
  r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", store, "-q", "--seed", "9"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, ::testing::HasSubstr("refused by the test"));
  EXPECT_EQ(read_text(d.file("out/results.json")), results);
  EXPECT_EQ(read_text(d.file("out/tables/answers.csv")), answers);
  sql(store, "DROP TRIGGER refuse;");
  EXPECT_EQ(count_runs(store), 1);
  for (const auto& e : d.entries()) EXPECT_EQ(e.find("tmp"), std::string::npos) << e;
}

// Leftovers of killed runs: the staging folders of earlier versions (DIR.tmp-PID beside DIR)
// and OutputFolder's temporary files (.NAME.geobalance-tmp-PID) of processes that no longer
// exist are removed; a folder of that name holding anything else is left alone.
TEST(RunOutputs, LeftoversOfKilledRunsAreRemovedOnTheNextRun) {
  TempDir d;
  const std::string dead = "999999999";  // above Linux's pid_max (at most 4194304): no such process
  fs::create_directories(d.file("out.tmp-" + dead + "/tables"));
  write_text(d.file("out.tmp-" + dead + "/results.json"), "{}\n");
  write_text(d.file("out.tmp-" + dead + "/tables/answers.csv"), "id\n");
  fs::create_directories(d.file("out.tmp-999999998"));
  write_text(d.file("out.tmp-999999998/mine.txt"), "not geobalance's\n");
  fs::create_directories(d.file("out"));
  write_text(d.file("out/.results.json.geobalance-tmp-" + dead), "half");
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--no-store", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(d.file("out.tmp-" + dead)));
  EXPECT_FALSE(fs::exists(d.file("out/.results.json.geobalance-tmp-" + dead)));
  EXPECT_EQ(read_text(d.file("out.tmp-999999998/mine.txt")), "not geobalance's\n");
  EXPECT_THAT(r.err, ::testing::HasSubstr("left by a killed run"));
}

TEST(RunOutputs, FormatJsonPrintsResultsJsonAndCsvTheAnswers) {
  TempDir d;
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--no-store", "-q", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j, nlohmann::json::parse(read_text(d.file("out/results.json"))));
  r = run_cli({"run", tiny(), "-o", d.file("out"), "--no-store", "-q", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, read_text(d.file("out/tables/answers.csv")));
  r = run_cli({"run", tiny(), "-o", d.file("out"), "--no-store", "-q", "--format", "xml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--format"));
}

// Issue 15, item 4: the tiny world's capability table covers 2019-2021.
TEST(RunOutputs, HistoryOutsideTheCapabilityTableIsAnInputError) {
  TempDir d;
  std::string text = tiny_anywhere();
  text.replace(text.find("history_to = 2021"), 17, "history_to = 2030");
  text.replace(text.find("forecast_to = 2025"), 18, "forecast_to = 2035");
  write_text(d.file("late.toml"), text);
  auto r = run_cli({"run", d.file("late.toml"), "-o", d.file("out"), "--no-store", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("late.toml:"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("history_to"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("found 2030"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("world/capabilities.csv' covers 2019-2021 only"));
  EXPECT_FALSE(fs::exists(d.file("out")));
  text = tiny_anywhere();
  text.replace(text.find("history_from = 2019"), 19, "history_from = 2010");
  write_text(d.file("early.toml"), text);
  r = run_cli({"run", d.file("early.toml"), "-o", d.file("out"), "--no-store", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("history_from"));
  EXPECT_THAT(r.err, ::testing::HasSubstr("found 2010"));
}

// Issue 15, item 3: the store records the registry entry of every file the run read. The
// built-in tables are data/datasets.csv's rows "capabilities", "countries", "nato_members" and
// "theatres"; a fixture of the same file name elsewhere is no registry dataset.
TEST(RunOutputs, TheStoreRecordsTheRegistryEntriesOfTheFilesRead) {
  TempDir d;
  std::string text = read_text(tiny());
  text.replace(text.find("builtin = \"world\"\n"), 18, "");
  text.replace(text.find("ties = \"world/"), 14, "ties = \"" + source_dir() + "/tests/data/scenario/world/");
  write_text(d.file("builtin.toml"), text);
  auto r = run_cli({"run", d.file("builtin.toml"), "-o", d.file("out"), "--store", d.file("runs.sqlite"), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto show = run_cli({"runs", "show", "1", "--store", d.file("runs.sqlite"), "--format", "json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  std::map<std::string, std::string> by_file;
  const nlohmann::json run = nlohmann::json::parse(show.out);
  for (const auto& row : run["options"]["datasets"])
    by_file[fs::path(row["path"].get<std::string>()).filename().string()] = row["dataset"].get<std::string>();
  EXPECT_EQ(by_file["capabilities.csv"], "capabilities");
  EXPECT_EQ(by_file["countries.csv"], "countries");
  EXPECT_EQ(by_file["ties_2026.csv"], "");  // the fixture's copy, not data/alignment/ties_2026.csv
  auto table = run_cli({"runs", "show", "1", "--store", d.file("runs.sqlite")});
  EXPECT_THAT(table.out, ::testing::HasSubstr("/options/datasets/"));
}

}  // namespace
}  // namespace geobalance::testing
