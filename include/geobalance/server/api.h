// The JSON API behind `geobalance serve` (docs/server.md), independent of any HTTP library:
// Api::handle() takes a method, a path, query parameters, headers and a body and returns a
// status, a content type and a body. server.h puts it behind cpp-httplib on a socket.
//
// Every request is validated before anything runs: a malformed, oversized, unknown or
// out-of-range value is a 4xx answer {"error": "...", "field": "..."} naming the field (as a
// JSON path, e.g. "overrides.weights.milex"), and the Api keeps serving. Runs go through
// scenario::run_scenario() on a copy of the loaded Scenario with the request's overrides
// applied, and are saved in the run store with their provenance, like `geobalance run`.
#ifndef GEOBALANCE_SERVER_API_H_
#define GEOBALANCE_SERVER_API_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/scenario/scenario.h"

namespace geobalance::server {

/// Bounds on what one request may ask (docs/server.md, "Limits").
struct Limits {
  std::size_t max_body_bytes = 64 * 1024;  ///< request bodies
  int max_replicates = 2000;               ///< per run
  int max_concurrent_runs = 2;             ///< runs computing at once; more get 503
  std::size_t max_added_shocks = 32;
  std::size_t max_position_overrides = 64;
  std::size_t cached_runs = 32;  ///< runs whose brief and tables stay downloadable
};

/// A 4xx/5xx answer: HTTP status, the message and the field it is about ("" for none).
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string field, const std::string& message)
      : std::runtime_error(message), status_(status), field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string field_;
};

/// A capability shock added by the request: multiply (factor) and/or add to one indicator of
/// one state from `year` on (scenario CapabilityEffect).
struct AddedShock {
  std::string label;
  int year = 0;
  std::string state, indicator;
  double factor = 1, add = 0;
};

/// Sets an actor's position (on the issue's scale) and/or salience (0-1) on an issue.
struct PositionOverride {
  std::string issue, actor;
  std::optional<double> position, salience;
};

/// What a run request may change, each bounded (docs/server.md, "Overrides").
struct Overrides {
  std::map<std::string, double> weights;        ///< indicator -> weight in [0, 100]; replaces all
  std::vector<std::string> remove_shocks;       ///< labels of the scenario's shocks
  std::vector<AddedShock> add_shocks;
  std::optional<double> uncertainty_scale;      ///< multiplies every spread, [0, 5]
  std::map<std::string, double> uncertainty_sd; ///< target -> sd of a normal uncertainty, [0, 10]
  std::vector<PositionOverride> positions;
  std::map<std::string, double> game;           ///< S-400 game input -> value, [-1000, 1000]
  bool empty() const;
};

struct RunRequest {
  std::string scenario;  ///< a scenario id (GET /api/scenarios)
  std::optional<int> replicates;
  std::optional<std::uint64_t> seed;
  std::string job;  ///< optional client-chosen id, for DELETE /api/jobs/{job}
  bool store = true;
  Overrides overrides;
  nlohmann::json overrides_json = nlohmann::json::object();  ///< as sent (provenance)
};

/// Parses and checks a POST /api/runs body against `limits` (ApiError 400/413 naming the
/// field otherwise). Checks the shape only; names (states, issues, actors, shocks) are
/// checked against the scenario by apply_overrides().
RunRequest parse_run_request(const std::string& body, const Limits& limits);

/// Applies overrides to a copy of a loaded scenario (ApiError 400 naming the field for a
/// name the scenario does not know or a value outside an issue's scale).
scenario::Scenario apply_overrides(const scenario::Scenario& base, const Overrides& o);

struct Request {
  std::string method;  ///< "GET", "POST", "DELETE"
  std::string path;    ///< without the query string
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  ///< lower-case names
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

struct ApiOptions {
  std::string store_path;                 ///< run store; "" = no storing
  std::string web_dir;                    ///< built front end (index.html, assets/); "" = none
  std::vector<std::string> scenario_files;  ///< loaded by the user (--scenario), besides data/scenarios/
  std::string token;                      ///< "" = no token needed; else every request needs it
  unsigned threads = 0;                   ///< per run; 0 = all cores
  Limits limits;
};

class Api {
 public:
  /// Reads the shipped scenarios' list (data/scenarios/*.toml) and the user's files (each
  /// loaded now: a bad file is an InputError at start), and opens the store.
  explicit Api(ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// Never throws: every failure is a JSON error response.
  Response handle(const Request& request);

  const ApiOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A JSON error body {"error": message, "field": field}.
std::string error_body(const std::string& field, const std::string& message);

}  // namespace geobalance::server

#endif  // GEOBALANCE_SERVER_API_H_
