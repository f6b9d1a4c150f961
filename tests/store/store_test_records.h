// Records shared by the store tests.
#ifndef GEOBALANCE_TESTS_STORE_STORE_TEST_RECORDS_H_
#define GEOBALANCE_TESTS_STORE_STORE_TEST_RECORDS_H_

#include <string>

#include "geobalance/store/run_store.h"
#include "geobalance/store/sha256.h"

namespace geobalance::store::testing {

/// A full record with every field set (nested JSON, non-ASCII text, the largest seed).
inline RunRecord full_record(int tag = 0) {
  RunRecord r;
  r.started_at = "2024-05-01T12:00:00Z";
  r.finished_at = "2024-05-01T12:00:42.125Z";
  r.status = "complete";
  r.scenario_name = "NATO southern flank, Türkiye #" + std::to_string(tag);
  r.scenario_path = "data/scenarios/nato-southern-flank.toml";
  r.scenario_hash = sha256_hex("scenario " + std::to_string(tag));
  r.data_hashes = {{"data/capabilities.csv", sha256_hex("cap")}, {"data/memberships.csv", sha256_hex("mem")}};
  r.program_version = "0.1.0";
  r.seed = 18446744073709551615ull;
  r.threads = 2;
  r.replicates = 1000;
  r.options = {{"ensemble", {{"size", 1000}, {"seed", 18446744073709551615ull}}}, {"armsrace", {{"cap", nullptr}}}};
  r.wall_seconds = 42.125;
  r.summary = {{"q1", {{"text", "NATO-Russia dialogue: 31% (18%-45%)"}, {"value", 0.31}, {"lo", 0.18}, {"hi", 0.45}}}};
  r.results = {{"power", {{"shares", {0.1, 1e-300, -2.5, 3}}, {"actors", {"USA", "RUS", "TUR"}}}},
               {"tag", tag},
               {"flags", {true, false, nullptr}}};
  return r;
}

}  // namespace geobalance::store::testing

#endif  // GEOBALANCE_TESTS_STORE_STORE_TEST_RECORDS_H_
