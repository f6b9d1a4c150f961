// RunStore::check_writable (issue 16, item 2): `geobalance run` asks the store, before the
// computation, whether a save could be written. The check takes SQLite's write lock and
// releases it, changing nothing; a store holding a trigger that refuses inserts passes the
// check (the refusal is only known at save time), which is why run saves before writing files.
#include <sqlite3.h>

#include "geobalance/error.h"
#include "geobalance/store/run_store.h"
#include "test_util.h"

namespace geobalance::store {
namespace {

using geobalance::testing::TempDir;

TEST(CheckWritable, ANewStorePassesAndNothingIsStored) {
  TempDir d;
  RunStore s = RunStore::open(d.file("runs.sqlite"));
  EXPECT_NO_THROW(s.check_writable());
  EXPECT_NO_THROW(s.check_writable());  // the lock was released: a second check passes too
  EXPECT_TRUE(s.list().empty());
}

TEST(CheckWritable, AnotherConnectionCanWriteAfterTheCheck) {
  TempDir d;
  RunStore s = RunStore::open(d.file("runs.sqlite"));
  s.check_writable();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(d.file("runs.sqlite").c_str(), &db), SQLITE_OK);
  // BEGIN IMMEDIATE succeeds at once only if check_writable did not keep the write lock.
  EXPECT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE; ROLLBACK;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace
}  // namespace geobalance::store
