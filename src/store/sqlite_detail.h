// Thin RAII over the SQLite C API for the run store: a connection that knows its path, a
// prepared statement, and a transaction guard. Every failure goes through Connection::fail,
// which turns the SQLite result code into an InputError (the file is the problem) or a
// ComputationError (the operation could not be carried out), naming the path and the action.
#ifndef GEOBALANCE_SRC_STORE_SQLITE_DETAIL_H_
#define GEOBALANCE_SRC_STORE_SQLITE_DETAIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace geobalance::store::detail {

class Connection {
 public:
  /// Opens (and, when `create`, creates) the database file; fails through fail().
  Connection(std::string path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

  /// Runs SQL with no result rows.
  void exec(const char* sql, std::string_view doing);
  /// Runs a query returning one integer (e.g. "PRAGMA user_version").
  std::int64_t query_int(const char* sql, std::string_view doing);
  /// Runs a query returning one text value.
  std::string query_text(const char* sql, std::string_view doing);

  /// Throws the exception for result code rc while `doing` something.
  [[noreturn]] void fail(int rc, std::string_view doing) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Connection& c, const char* sql, std::string_view doing);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::string_view text);
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  /// Steps once: true when a row is available, false when done.
  bool step();

  std::int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;

 private:
  Connection& c_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string doing_;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  Transaction(Connection& c, std::string_view doing);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  std::string doing_;
  bool done_ = false;
};

}  // namespace geobalance::store::detail

#endif  // GEOBALANCE_SRC_STORE_SQLITE_DETAIL_H_
