// The run store: every scenario run, with its provenance and all its results, one row per
// run in an embedded SQLite database (default $XDG_DATA_HOME/geobalance/runs.sqlite, i.e.
// ~/.local/share/geobalance/runs.sqlite). docs/store.md describes the schema.
//
// Crash safety: the database is in WAL journal mode with synchronous=FULL, and save() writes
// a run in one transaction, so a run appears whole or not at all. A writer killed by Ctrl-C
// or SIGKILL at any moment leaves every earlier run intact and no half-written run; the next
// open() recovers the journal.
//
// Schema versioning: PRAGMA user_version holds the schema version (kRunStoreSchemaVersion)
// and PRAGMA application_id marks the file as a geobalance run store. A file that is not a
// SQLite database, a SQLite database that is not a run store, and a store written by a newer
// geobalance are refused with an InputError naming the path (exit 2 from the CLI).
//
// Errors: every SQLite failure becomes an InputError (the file: not a database, corrupt,
// unreadable, read-only) or a ComputationError (busy beyond the timeout, disk full, I/O
// error), each naming the store's path and what was being done. Nothing aborts.
//
// Threads and processes: a RunStore serialises its own calls, so one object may be shared by
// threads; several processes may write to one store at once (SQLite locking, 10 s busy wait).
#ifndef GEOBALANCE_STORE_RUN_STORE_H_
#define GEOBALANCE_STORE_RUN_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace geobalance::store {

/// The schema version this program writes and reads (PRAGMA user_version).
inline constexpr int kRunStoreSchemaVersion = 1;
/// PRAGMA application_id of a run store: "GeoB" in ASCII.
inline constexpr std::int32_t kRunStoreApplicationId = 0x47656F42;

/// One stored run: provenance and results.
struct RunRecord {
  std::int64_t id = 0;             ///< assigned by RunStore::save (ignored there), 1, 2, ...
  std::string started_at;          ///< ISO-8601 UTC, "2024-05-01T12:00:00Z" (utc_now_iso8601())
  std::string finished_at;         ///< ISO-8601 UTC
  std::string status = "complete"; ///< only complete runs are stored
  std::string scenario_name;       ///< the scenario's metadata name
  std::string scenario_path;       ///< the path the scenario was read from
  std::string scenario_hash;       ///< hex SHA-256 of the scenario file's bytes (sha256_file)
  nlohmann::json data_hashes = nlohmann::json::object();  ///< data file path -> hex SHA-256
  std::string program_version;     ///< geobalance::version()
  std::uint64_t seed = 0;          ///< the ensemble seed
  int threads = 1;                 ///< threads used (results do not depend on it)
  std::int64_t replicates = 0;     ///< Monte Carlo replicates
  nlohmann::json options = nlohmann::json::object();  ///< model and run options as run
  double wall_seconds = 0;         ///< wall-clock time of the run
  nlohmann::json summary = nlohmann::json::object();  ///< the one-line answers
  nlohmann::json results = nlohmann::json::object();  ///< everything (null in list())

  /// Throws InputError "RunRecord: <field> ..." for a record save() would refuse: empty
  /// status, timestamps not of the form YYYY-MM-DDTHH:MM:SS[.fff]Z, a scenario_hash that is
  /// not empty or 64 hex digits, data_hashes not an object of strings, threads < 1,
  /// replicates < 0, wall_seconds negative or not finite.
  void validate() const;
};

/// The current time as ISO-8601 UTC with seconds, e.g. "2024-05-01T12:00:00Z".
std::string utc_now_iso8601();

/// $XDG_DATA_HOME/geobalance/runs.sqlite when XDG_DATA_HOME is set to an absolute path,
/// else $HOME/.local/share/geobalance/runs.sqlite. Throws InputError when neither is set.
std::string default_store_path();

/// One difference between two runs. `path` is a provenance field name ("seed",
/// "scenario_hash") or a JSON pointer into the record ("/data_hashes/data~1nmc.csv",
/// "/options/ensemble/size", "/summary/q1/value", "/results/power/shares/3"). A side where
/// the value is absent holds nullopt.
struct Difference {
  std::string path;
  std::optional<nlohmann::json> a;
  std::optional<nlohmann::json> b;
  std::optional<double> delta;  ///< b - a, when both values are numbers
};

/// Differences between runs a and b, in this order: provenance fields (started_at,
/// finished_at, status, scenario_name, scenario_path, scenario_hash, program_version, seed,
/// threads, replicates, wall_seconds), then every differing leaf of data_hashes, options,
/// summary and results by JSON pointer (object keys in sorted order, arrays by index).
/// Numbers that compare equal (1 and 1.0) are not differences. The ids are not compared.
std::vector<Difference> diff(const RunRecord& a, const RunRecord& b);

/// A record as a JSON object with one key per field (results omitted when `with_results`
/// is false). The seed is a JSON unsigned integer.
nlohmann::json to_json(const RunRecord& r, bool with_results = true);
/// The JSON of one run as written by `geobalance runs export` (to_json, indented by 2).
std::string export_json(const RunRecord& r);
/// The CSV of a list of runs (as from RunStore::list()): a header and one row per run, with
/// columns id, started_at, finished_at, status, scenario_name, scenario_path, scenario_hash,
/// program_version, seed, threads, replicates, wall_seconds, data_hashes, options, summary
/// (the last three as compact JSON).
std::string export_csv(const std::vector<RunRecord>& runs);

class RunStore {
 public:
  /// Opens the store at `path`, creating its parent folders and the schema when the file is
  /// new. Throws InputError naming the path when the folder cannot be created, the file
  /// cannot be opened, is not a SQLite database, is a SQLite database that is not a run store,
  /// or has a schema newer than kRunStoreSchemaVersion.
  static RunStore open(const std::string& path);
  /// As open(), but a missing file is an InputError ("does not exist") instead of a new
  /// store: for commands that only read.
  static RunStore open_existing(const std::string& path);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  const std::string& path() const;

  /// Checks, before a long computation, that save() can write: the file is not read-only
  /// and its write lock can be taken (within the 10 s busy wait). Takes and releases the
  /// lock without changing anything. Throws InputError naming the path (read-only) or
  /// ComputationError (locked by another process beyond the wait, I/O error).
  void check_writable();

  /// Stores a run in one transaction and returns its id (ids increase and are never reused).
  /// The record's own id is ignored. Throws InputError when the record is invalid
  /// (RunRecord::validate) or a JSON field holds a string that is not UTF-8.
  std::int64_t save(const RunRecord& run);
  /// Every run by increasing id, without results (results is null).
  std::vector<RunRecord> list();
  /// The whole run, or nullopt when no run has that id.
  std::optional<RunRecord> get(std::int64_t id);
  /// As get(), but an unknown id is an InputError "run 7 is not in <path>; ...".
  RunRecord require(std::int64_t id);
  /// diff(require(a), require(b)).
  std::vector<Difference> diff(std::int64_t a, std::int64_t b);

 private:
  struct Impl;
  explicit RunStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace geobalance::store

#endif  // GEOBALANCE_STORE_RUN_STORE_H_
