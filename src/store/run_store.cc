// RunStore over SQLite: opening with identity and schema-version checks, WAL journal, and
// one transaction per saved run. Schema version 1 is written out in kSchemaV1.
#include "geobalance/store/run_store.h"

#include <charconv>
#include <filesystem>
#include <mutex>
#include <system_error>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "store/sqlite_detail.h"

namespace geobalance::store {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Schema version 1. JSON columns hold compact JSON text; seed is decimal text because SQLite
// integers are signed 64-bit. results is the last column so that list() does not read it.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at      TEXT NOT NULL,
  finished_at     TEXT NOT NULL,
  status          TEXT NOT NULL,
  scenario_name   TEXT NOT NULL,
  scenario_path   TEXT NOT NULL,
  scenario_hash   TEXT NOT NULL,
  data_hashes     TEXT NOT NULL,
  program_version TEXT NOT NULL,
  seed            TEXT NOT NULL,
  threads         INTEGER NOT NULL,
  replicates      INTEGER NOT NULL,
  options         TEXT NOT NULL,
  wall_seconds    REAL NOT NULL,
  summary         TEXT NOT NULL,
  results         TEXT NOT NULL
);
)sql";

constexpr const char* kColumnsWithoutResults =
    "id, started_at, finished_at, status, scenario_name, scenario_path, scenario_hash, data_hashes, "
    "program_version, seed, threads, replicates, options, wall_seconds, summary";

std::string expected_store() {
  return fmt::format("expected a geobalance run store (schema version {}) or the path of a new one",
                     kRunStoreSchemaVersion);
}

std::string to_json_text(const json& j, const char* field) {
  try {
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::type_error& e) {
    throw InputError(SourceLocation{}, fmt::format("RunRecord: {}", field),
                     fmt::format("holds text that is not valid UTF-8 ({}); expected UTF-8 strings", e.what()));
  }
}

}  // namespace

struct RunStore::Impl {
  detail::Connection conn;
  std::mutex mu;
  Impl(const std::string& path, bool create) : conn(path, create) {}

  json parse_column(std::int64_t id, const char* column, const std::string& text) {
    try {
      return json::parse(text);
    } catch (const json::parse_error& e) {
      throw InputError(SourceLocation{conn.path()}, fmt::format("run {}", id),
                       fmt::format("column '{}' is not valid JSON ({}); expected an intact run store", column,
                                   e.what()));
    }
  }

  RunRecord read_row(detail::Statement& s, bool with_results) {
    RunRecord r;
    r.id = s.column_int(0);
    r.started_at = s.column_text(1);
    r.finished_at = s.column_text(2);
    r.status = s.column_text(3);
    r.scenario_name = s.column_text(4);
    r.scenario_path = s.column_text(5);
    r.scenario_hash = s.column_text(6);
    r.data_hashes = parse_column(r.id, "data_hashes", s.column_text(7));
    r.program_version = s.column_text(8);
    std::string seed = s.column_text(9);
    auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), r.seed);
    if (ec != std::errc() || end != seed.data() + seed.size() || seed.empty())
      throw InputError(SourceLocation{conn.path()}, fmt::format("run {}", r.id),
                       fmt::format("column 'seed' holds '{}'; expected an unsigned 64-bit integer", seed));
    r.threads = static_cast<int>(s.column_int(10));
    r.replicates = s.column_int(11);
    r.options = parse_column(r.id, "options", s.column_text(12));
    r.wall_seconds = s.column_double(13);
    r.summary = parse_column(r.id, "summary", s.column_text(14));
    r.results = with_results ? parse_column(r.id, "results", s.column_text(15)) : json();
    return r;
  }

  // Checks that the file is a run store this program can read, creating the schema in a
  // new (empty) database. Runs before anything that could change a foreign file.
  void check_or_create_schema() {
    const std::string& path = conn.path();
    std::int64_t app_id = conn.query_int("PRAGMA application_id", "reading the application id");
    std::int64_t version = conn.query_int("PRAGMA user_version", "reading the schema version");
    std::int64_t tables = conn.query_int("SELECT count(*) FROM sqlite_master", "reading the schema");
    bool empty = version == 0 && tables == 0;
    if (!empty && app_id != kRunStoreApplicationId)
      throw InputError(SourceLocation{path}, "run store",
                       fmt::format("is a SQLite database but not a geobalance run store (application_id {:#x}, "
                                   "user_version {}); {}",
                                   static_cast<std::uint32_t>(app_id), version, expected_store()));
    if (version > kRunStoreSchemaVersion)
      throw InputError(SourceLocation{path}, "run store",
                       fmt::format("has schema version {}, newer than this geobalance reads; expected schema "
                                   "version {} (upgrade geobalance to read this store)",
                                   version, kRunStoreSchemaVersion));
    if (version < 1 && !empty)
      throw InputError(SourceLocation{path}, "run store",
                       fmt::format("has unknown schema version {}; expected schema version {}", version,
                                   kRunStoreSchemaVersion));

    // The identity is settled: switch to WAL (persistent in the file) before any writes.
    std::string mode = conn.query_text("PRAGMA journal_mode=WAL", "setting WAL journal mode");
    (void)mode;  // "memory" for in-memory databases; a file store reports "wal"
    conn.exec("PRAGMA synchronous=FULL", "setting synchronous mode");

    if (empty) {
      detail::Transaction t(conn, "creating the schema");
      // Another process may have created it between our check and the write lock.
      if (conn.query_int("PRAGMA user_version", "reading the schema version") == 0) {
        conn.exec(kSchemaV1, "creating the schema");
        conn.exec(fmt::format("PRAGMA application_id = {}", kRunStoreApplicationId).c_str(),
                  "setting the application id");
        conn.exec(fmt::format("PRAGMA user_version = {}", kRunStoreSchemaVersion).c_str(),
                  "setting the schema version");
      }
      t.commit();
    }
    std::int64_t has_runs = conn.query_int(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'", "reading the schema");
    if (has_runs != 1)
      throw InputError(SourceLocation{path}, "run store",
                       fmt::format("has schema version {} but no table 'runs'; expected an intact run store",
                                   kRunStoreSchemaVersion));
  }
};

RunStore::RunStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;
RunStore::~RunStore() = default;

const std::string& RunStore::path() const { return impl_->conn.path(); }

namespace {

void check_path(const std::string& path) {
  if (path.empty()) throw InputError(SourceLocation{}, "run store", "path is empty; expected a file path");
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw InputError(SourceLocation{path}, "run store", "is a folder; expected a run store file");
}
}  // namespace

RunStore RunStore::open(const std::string& path) {
  check_path(path);
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec)
      throw InputError(SourceLocation{path}, "run store",
                       fmt::format("its folder '{}' cannot be created ({}); expected a writable location",
                                   parent.string(), ec.message()));
  }
  auto impl = std::make_unique<Impl>(path, true);
  impl->check_or_create_schema();
  return RunStore(std::move(impl));
}

RunStore RunStore::open_existing(const std::string& path) {
  check_path(path);
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw InputError(SourceLocation{path}, "run store",
                     "does not exist; expected a store written by `geobalance run` (see --store)");
  auto impl = std::make_unique<Impl>(path, false);
  impl->check_or_create_schema();
  return RunStore(std::move(impl));
}

void RunStore::check_writable() {
  std::lock_guard lock(impl_->mu);
  detail::Connection& c = impl_->conn;
  if (sqlite3_db_readonly(c.get(), "main") == 1)
    throw InputError(SourceLocation{c.path()}, "run store",
                     "is read-only; expected a store geobalance can write (or --no-store)");
  detail::Transaction t(c, "checking that the store is writable");  // BEGIN IMMEDIATE: the write lock
}  // rolled back: nothing changes

std::int64_t RunStore::save(const RunRecord& run) {
  run.validate();
  // Serialise before taking the write lock, so a bad record never opens a transaction.
  std::string data_hashes = to_json_text(run.data_hashes, "data_hashes");
  std::string options = to_json_text(run.options, "options");
  std::string summary = to_json_text(run.summary, "summary");
  std::string results = to_json_text(run.results, "results");
  std::lock_guard lock(impl_->mu);
  detail::Connection& c = impl_->conn;
  detail::Transaction t(c, "saving a run");
  detail::Statement s(c,
                      "INSERT INTO runs (started_at, finished_at, status, scenario_name, scenario_path, "
                      "scenario_hash, data_hashes, program_version, seed, threads, replicates, options, "
                      "wall_seconds, summary, results) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      "saving a run");
  s.bind(1, run.started_at);
  s.bind(2, run.finished_at);
  s.bind(3, run.status);
  s.bind(4, run.scenario_name);
  s.bind(5, run.scenario_path);
  s.bind(6, run.scenario_hash);
  s.bind(7, data_hashes);
  s.bind(8, run.program_version);
  s.bind(9, std::to_string(run.seed));
  s.bind(10, static_cast<std::int64_t>(run.threads));
  s.bind(11, run.replicates);
  s.bind(12, options);
  s.bind(13, run.wall_seconds);
  s.bind(14, summary);
  s.bind(15, results);
  s.step();
  std::int64_t id = sqlite3_last_insert_rowid(c.get());
  t.commit();
  return id;
}

std::vector<RunRecord> RunStore::list() {
  std::lock_guard lock(impl_->mu);
  std::string sql = fmt::format("SELECT {} FROM runs ORDER BY id", kColumnsWithoutResults);
  detail::Statement s(impl_->conn, sql.c_str(), "listing runs");
  std::vector<RunRecord> out;
  while (s.step()) out.push_back(impl_->read_row(s, false));
  return out;
}

std::optional<RunRecord> RunStore::get(std::int64_t id) {
  std::lock_guard lock(impl_->mu);
  std::string sql = fmt::format("SELECT {}, results FROM runs WHERE id = ?", kColumnsWithoutResults);
  detail::Statement s(impl_->conn, sql.c_str(), "reading a run");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return impl_->read_row(s, true);
}

RunRecord RunStore::require(std::int64_t id) {
  auto r = get(id);
  if (!r)
    throw InputError(SourceLocation{}, "",
                     fmt::format("run {} is not in {}; `geobalance runs list --store {}` shows the stored runs", id,
                                 path(), path()));
  return std::move(*r);
}

std::vector<Difference> RunStore::diff(std::int64_t a, std::int64_t b) {
  RunRecord ra = require(a);
  RunRecord rb = require(b);
  return store::diff(ra, rb);
}

}  // namespace geobalance::store
