// RunStore: round trip of a full record, ids, list order, reopening, validation, and the
// errors for files that are not run stores.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <sqlite3.h>

#include "geobalance/store/run_store.h"
#include "store_test_records.h"
#include "test_util.h"

namespace geobalance::store {
namespace {

using geobalance::testing::TempDir;
using geobalance::testing::write_text;
using testing::full_record;

// Runs one statement on a raw SQLite connection (to tamper with a store as other programs
// or later versions would) and returns the first column of the first row, if any.
std::string raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string out;
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

void expect_same_record(const RunRecord& got, const RunRecord& want) {
  EXPECT_EQ(got.started_at, want.started_at);
  EXPECT_EQ(got.finished_at, want.finished_at);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.scenario_name, want.scenario_name);
  EXPECT_EQ(got.scenario_path, want.scenario_path);
  EXPECT_EQ(got.scenario_hash, want.scenario_hash);
  EXPECT_EQ(got.data_hashes, want.data_hashes);
  EXPECT_EQ(got.program_version, want.program_version);
  EXPECT_EQ(got.seed, want.seed);
  EXPECT_EQ(got.threads, want.threads);
  EXPECT_EQ(got.replicates, want.replicates);
  EXPECT_EQ(got.options, want.options);
  EXPECT_EQ(got.wall_seconds, want.wall_seconds);  // REAL round-trips exactly
  EXPECT_EQ(got.summary, want.summary);
  EXPECT_EQ(got.results, want.results);
}

TEST(RunStore, FullRecordRoundTripsFieldByField) {
  TempDir d;
  RunRecord want = full_record(7);
  want.id = 999;  // ignored by save
  std::int64_t id = 0;
  {
    RunStore s = RunStore::open(d.file("runs.sqlite"));
    id = s.save(want);
    EXPECT_EQ(id, 1);
    auto got = s.get(id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    expect_same_record(*got, want);
  }
  // And after closing and reopening the file.
  RunStore s = RunStore::open_existing(d.file("runs.sqlite"));
  auto got = s.get(id);
  ASSERT_TRUE(got);
  expect_same_record(*got, want);
  EXPECT_EQ(got->results["power"]["shares"][1].get<double>(), 1e-300);
  EXPECT_EQ(got->seed, 18446744073709551615ull);
  EXPECT_FALSE(s.get(id + 1));
  EXPECT_FALSE(s.get(-1));
}

TEST(RunStore, IdsIncreaseAndListIsInIdOrderWithoutResults) {
  TempDir d;
  RunStore s = RunStore::open(d.file("runs.sqlite"));
  EXPECT_TRUE(s.list().empty());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.save(full_record(i)), i + 1);
  auto runs = s.list();
  ASSERT_EQ(runs.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(runs[i].id, i + 1);
    EXPECT_EQ(runs[i].scenario_name, full_record(i).scenario_name);
    EXPECT_EQ(runs[i].summary, full_record(i).summary);
    EXPECT_TRUE(runs[i].results.is_null());
  }
}

TEST(RunStore, TwoConnectionsToOneStoreSeeEachOthersRuns) {
  TempDir d;
  RunStore a = RunStore::open(d.file("runs.sqlite"));
  RunStore b = RunStore::open(d.file("runs.sqlite"));
  EXPECT_EQ(a.save(full_record(1)), 1);
  EXPECT_EQ(b.save(full_record(2)), 2);
  EXPECT_EQ(a.list().size(), 2u);
  EXPECT_EQ(b.get(1)->scenario_name, full_record(1).scenario_name);
}

TEST(RunStore, UsesWalJournalAndRecordsItsSchemaVersion) {
  TempDir d;
  { RunStore s = RunStore::open(d.file("runs.sqlite")); }
  EXPECT_EQ(raw_sql(d.file("runs.sqlite"), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_sql(d.file("runs.sqlite"), "PRAGMA user_version"), "1");
  EXPECT_EQ(raw_sql(d.file("runs.sqlite"), "PRAGMA application_id"), std::to_string(kRunStoreApplicationId));
}

TEST(RunStore, OpenCreatesParentFolders) {
  TempDir d;
  std::string path = d.file("a/b/c/runs.sqlite");
  RunStore s = RunStore::open(path);
  EXPECT_EQ(s.path(), path);
  EXPECT_EQ(s.save(full_record()), 1);
}

TEST(RunStore, NotADatabaseIsAnInputErrorNamingThePath) {
  TempDir d;
  std::string path = d.file("notes.sqlite");
  std::string text;
  for (int i = 0; i < 100; ++i) text += "these are notes, not a database\n";
  write_text(path, text);
  EXPECT_THROW_MSG(RunStore::open(path), InputError,
                   path + ": run store: is not a SQLite database; expected a geobalance run store (SQLite, schema "
                          "version 1) or the path of a new one");
  EXPECT_THROW_MSG(RunStore::open_existing(path), InputError, path + ": run store: is not a SQLite database");
  EXPECT_EQ(geobalance::testing::read_text(path), text);  // untouched
}

TEST(RunStore, NewerSchemaIsAnInputErrorNamingThePathAndTheExpectedVersion) {
  TempDir d;
  std::string path = d.file("runs.sqlite");
  {
    RunStore s = RunStore::open(path);
    s.save(full_record());
  }
  raw_sql(path, "PRAGMA user_version = 2");
  EXPECT_THROW_MSG(RunStore::open(path), InputError,
                   path + ": run store: has schema version 2, newer than this geobalance reads; expected schema "
                          "version 1 (upgrade geobalance to read this store)");
}

TEST(RunStore, ForeignSqliteDatabaseIsRefusedAndLeftUnchanged) {
  TempDir d;
  std::string path = d.file("other.sqlite");
  raw_sql(path, "CREATE TABLE t (x INTEGER)");
  EXPECT_THROW_MSG(RunStore::open(path), InputError,
                   path + ": run store: is a SQLite database but not a geobalance run store (application_id 0x0, "
                          "user_version 0); expected a geobalance run store (schema version 1) or the path of a new "
                          "one");
  EXPECT_EQ(raw_sql(path, "PRAGMA journal_mode"), "delete");  // not switched to WAL
  EXPECT_EQ(raw_sql(path, "SELECT count(*) FROM sqlite_master"), "1");
}

TEST(RunStore, StoreWithoutItsTableIsDamaged) {
  TempDir d;
  std::string path = d.file("runs.sqlite");
  { RunStore s = RunStore::open(path); }
  raw_sql(path, "DROP TABLE runs");
  EXPECT_THROW_MSG(RunStore::open(path), InputError,
                   path + ": run store: has schema version 1 but no table 'runs'; expected an intact run store");
}

TEST(RunStore, BadPathsAreInputErrors) {
  TempDir d;
  EXPECT_THROW_MSG(RunStore::open(""), InputError, "run store: path is empty; expected a file path");
  EXPECT_THROW_MSG(RunStore::open(d.path()), InputError, d.path() + ": run store: is a folder; expected a run store file");
  write_text(d.file("plain.txt"), "x");
  EXPECT_THROW_MSG(RunStore::open(d.file("plain.txt/runs.sqlite")), InputError,
                   d.file("plain.txt/runs.sqlite") + ": run store: its folder '" + d.file("plain.txt") +
                       "' cannot be created (");
  EXPECT_THROW_MSG(RunStore::open_existing(d.file("missing.sqlite")), InputError,
                   d.file("missing.sqlite") +
                       ": run store: does not exist; expected a store written by `geobalance run` (see --store)");
  EXPECT_EQ(d.entries(), std::vector<std::string>{"plain.txt"});  // open_existing created nothing
}

TEST(RunStore, UnknownIdIsAnInputErrorNamingTheStore) {
  TempDir d;
  RunStore s = RunStore::open(d.file("runs.sqlite"));
  s.save(full_record());
  EXPECT_THROW_MSG(s.require(7), InputError, "run 7 is not in " + d.file("runs.sqlite"));
  EXPECT_THROW_MSG(s.diff(1, 7), InputError, "run 7 is not in " + d.file("runs.sqlite"));
}

TEST(RunStore, InvalidRecordsAreRefusedAndNothingIsStored) {
  TempDir d;
  RunStore s = RunStore::open(d.file("runs.sqlite"));
  RunRecord r = full_record();
  r.wall_seconds = -1;
  EXPECT_THROW_MSG(s.save(r), InputError, "RunRecord: wall_seconds is -1, but must be finite and >= 0");
  r = full_record();
  r.started_at = "yesterday";
  EXPECT_THROW_MSG(s.save(r), InputError,
                   "RunRecord: started_at: found 'yesterday', expected ISO-8601 UTC like 2024-05-01T12:00:00Z");
  r = full_record();
  r.finished_at = "2024-05-01 12:00:00";
  EXPECT_THROW_MSG(s.save(r), InputError, "RunRecord: finished_at: found '2024-05-01 12:00:00'");
  r = full_record();
  r.scenario_hash = "abc";
  EXPECT_THROW_MSG(s.save(r), InputError,
                   "RunRecord: scenario_hash: found 'abc', expected 64 hex digits (SHA-256) or nothing");
  r = full_record();
  r.data_hashes = nlohmann::json::array();
  EXPECT_THROW_MSG(s.save(r), InputError,
                   "RunRecord: data_hashes: is a JSON array, expected an object mapping path to hex SHA-256");
  r = full_record();
  r.data_hashes["x.csv"] = 5;
  EXPECT_THROW_MSG(s.save(r), InputError, "RunRecord: data_hashes['x.csv']: found 5, expected 64 hex digits (SHA-256)");
  r = full_record();
  r.threads = 0;
  EXPECT_THROW_MSG(s.save(r), InputError, "RunRecord: threads is 0, but must be >= 1");
  r = full_record();
  r.status = "";
  EXPECT_THROW_MSG(s.save(r), InputError, "RunRecord: status: is empty, expected e.g. 'complete'");
  r = full_record();
  r.results["bad"] = std::string("\xff\xfe");
  EXPECT_THROW_MSG(s.save(r), InputError, "RunRecord: results: holds text that is not valid UTF-8");
  EXPECT_TRUE(s.list().empty());
  EXPECT_EQ(s.save(full_record()), 1);  // the store is still usable
}

TEST(RunStore, DefaultPathFollowsXdgDataHomeThenHome) {
  std::optional<std::string> xdg, home;
  if (const char* v = std::getenv("XDG_DATA_HOME")) xdg = v;
  if (const char* v = std::getenv("HOME")) home = v;
  ::setenv("XDG_DATA_HOME", "/data/xdg", 1);
  ::setenv("HOME", "/home/analyst", 1);
  EXPECT_EQ(default_store_path(), "/data/xdg/geobalance/runs.sqlite");
  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the XDG spec: relative paths are invalid
  EXPECT_EQ(default_store_path(), "/home/analyst/.local/share/geobalance/runs.sqlite");
  ::unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(default_store_path(), "/home/analyst/.local/share/geobalance/runs.sqlite");
  ::unsetenv("HOME");
  EXPECT_THROW_MSG(default_store_path(), InputError,
                   "run store: has no default location because neither XDG_DATA_HOME nor HOME is set; expected "
                   "--store PATH");
  if (xdg) ::setenv("XDG_DATA_HOME", xdg->c_str(), 1);
  if (home) ::setenv("HOME", home->c_str(), 1);
}

TEST(RunStore, UtcNowIsIso8601AndAcceptedBySave) {
  std::string now = utc_now_iso8601();
  EXPECT_EQ(now.size(), 20u) << now;
  EXPECT_EQ(now.back(), 'Z');
  RunRecord r = full_record();
  r.started_at = r.finished_at = now;
  EXPECT_NO_THROW(r.validate());
}

TEST(RunStore, ExportJsonAndCsv) {
  RunRecord r = full_record(3);
  r.id = 3;
  auto j = nlohmann::json::parse(export_json(r));
  EXPECT_EQ(j, to_json(r));
  EXPECT_EQ(j["seed"].get<std::uint64_t>(), 18446744073709551615ull);
  EXPECT_EQ(j["results"], r.results);
  EXPECT_FALSE(to_json(r, false).contains("results"));
  std::string csv = export_csv({r});
  EXPECT_THAT(csv, ::testing::StartsWith(
                       "id,started_at,finished_at,status,scenario_name,scenario_path,scenario_hash,program_version,"
                       "seed,threads,replicates,wall_seconds,data_hashes,options,summary\n3,2024-05-01T12:00:00Z,"
                       "2024-05-01T12:00:42.125Z,complete,\"NATO southern flank, Türkiye #3\","
                       "data/scenarios/nato-southern-flank.toml," +
                       r.scenario_hash + ",0.1.0,18446744073709551615,2,1000,42.125,\"{\"\"data/capabilities.csv"));
}

}  // namespace
}  // namespace geobalance::store
