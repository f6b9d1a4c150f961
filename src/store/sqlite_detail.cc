#include "store/sqlite_detail.h"

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/store/run_store.h"

namespace geobalance::store::detail {

Connection::Connection(std::string path, bool create) : path_(std::move(path)) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    try {
      fail(rc, "opening the file");
    } catch (...) {
      sqlite3_close_v2(db_);
      db_ = nullptr;
      throw;
    }
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
}

Connection::~Connection() {
  if (db_) sqlite3_close_v2(db_);
}

void Connection::fail(int rc, std::string_view doing) const {
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  SourceLocation where{path_};
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
      throw InputError(where, "run store",
                       fmt::format("is not a SQLite database; expected a geobalance run store (SQLite, schema "
                                   "version {}) or the path of a new one",
                                   kRunStoreSchemaVersion));
    case SQLITE_CORRUPT:
      throw InputError(where, "run store",
                       fmt::format("is damaged ({}) while {}; expected an intact run store (restore it from a "
                                   "backup, or move it aside to start a new one)",
                                   msg, doing));
    case SQLITE_CANTOPEN:
      throw InputError(where, "run store",
                       fmt::format("cannot be opened ({}); expected a readable and writable file in an existing "
                                   "or creatable folder",
                                   msg));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      throw InputError(where, "run store",
                       fmt::format("cannot be written ({}) while {}; expected a writable file and folder", msg,
                                   doing));
    default:
      throw ComputationError(fmt::format("run store {}: {} failed: {} (SQLite code {})", path_, doing, msg, rc));
  }
}

void Connection::exec(const char* sql, std::string_view doing) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);  // sqlite3_errmsg(db_) holds the same text for fail()
  if (rc != SQLITE_OK) fail(rc, doing);
}

std::int64_t Connection::query_int(const char* sql, std::string_view doing) {
  Statement s(*this, sql, doing);
  if (!s.step()) throw ComputationError(fmt::format("run store {}: {} returned no row", path_, doing));
  return s.column_int(0);
}

std::string Connection::query_text(const char* sql, std::string_view doing) {
  Statement s(*this, sql, doing);
  if (!s.step()) throw ComputationError(fmt::format("run store {}: {} returned no row", path_, doing));
  return s.column_text(0);
}

Statement::Statement(Connection& c, const char* sql, std::string_view doing) : c_(c), doing_(doing) {
  int rc = sqlite3_prepare_v2(c_.get(), sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) c_.fail(rc, doing_);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) c_.fail(rc, doing_);
}

void Statement::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) c_.fail(rc, doing_);
}

void Statement::bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) c_.fail(rc, doing_);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  c_.fail(rc, doing_);
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::column_double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::column_text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

Transaction::Transaction(Connection& c, std::string_view doing) : c_(c), doing_(doing) {
  c_.exec("BEGIN IMMEDIATE", doing_);
}

Transaction::~Transaction() {
  if (!done_ && !sqlite3_get_autocommit(c_.get())) sqlite3_exec(c_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  c_.exec("COMMIT", doing_);
  done_ = true;
}

}  // namespace geobalance::store::detail
