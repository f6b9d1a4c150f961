// A writer SIGKILLed at a random moment must leave the store openable, intact
// (PRAGMA integrity_check = ok) and holding every run whose save() had returned, each whole;
// at most the one run being saved at the kill may be missing, never half-written.
//
// The writer is a fork()ed child that saves runs in a loop (each with ~50 KB of results) and
// reports each returned id through a pipe; the parent kills it after a random number of
// acknowledged commits plus a random delay, then checks the store. Three rounds append to
// the same store, so later rounds also check that earlier rounds' runs survive.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <thread>

#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "geobalance/core/random.h"
#include "geobalance/store/run_store.h"
#include "test_util.h"

namespace geobalance::store {
namespace {

using nlohmann::json;

constexpr int kMinCommits = 20;    // acknowledged commits before the kill, at least
constexpr int kExtraCommits = 100; // plus a uniform draw below this
constexpr int kSeriesLength = 2500;
constexpr int kRounds = 3;
constexpr int kMaxRuns = 300;      // a writer stops after this many (it is killed long before)

// The run a writer saves as number `index` of round `round`: a pure function of both, so
// the parent can rebuild exactly what was written.
RunRecord writer_run(int round, int index) {
  RunRecord r;
  r.started_at = "2024-05-01T12:00:00Z";
  r.finished_at = "2024-05-01T12:01:00Z";
  r.scenario_name = "round " + std::to_string(round) + " run " + std::to_string(index);
  r.scenario_path = "kill.toml";
  r.seed = static_cast<std::uint64_t>(round) * 1000003u + static_cast<std::uint64_t>(index);
  r.replicates = index;
  r.summary = {{"round", round}, {"index", index}};
  Rng rng(r.seed);
  json series = json::array();
  for (int k = 0; k < kSeriesLength; ++k) series.push_back(rng.normal());
  r.results = {{"series", std::move(series)}, {"label", r.scenario_name}};
  return r;
}

struct Acks {
  std::vector<std::int64_t> ids;  // ids whose save() returned, in order
  std::vector<int> indices;
};

// Reads one (id, index) acknowledgement; false at end of pipe.
bool read_ack(int fd, std::int64_t* id, std::int64_t* index) {
  std::int64_t msg[2];
  std::size_t got = 0;
  while (got < sizeof msg) {
    ssize_t n = ::read(fd, reinterpret_cast<char*>(msg) + got, sizeof msg - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  *id = msg[0];
  *index = msg[1];
  return true;
}

[[noreturn]] void writer_child(const std::string& path, int round, int fd) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a failed test
  try {
    RunStore store = RunStore::open(path);
    for (std::int64_t i = 0; i < kMaxRuns; ++i) {
      std::int64_t msg[2] = {store.save(writer_run(round, static_cast<int>(i))), i};
      if (::write(fd, msg, sizeof msg) != static_cast<ssize_t>(sizeof msg)) ::_exit(4);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer: %s\n", e.what());
    ::_exit(3);
  }
  ::_exit(0);
}

std::string integrity_check(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    else
      out = sqlite3_errmsg(db);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return out;
}

TEST(InterruptedRun, SigkillMidWriteLeavesEveryEarlierRunWholeAndNoPartialRun) {
  geobalance::testing::TempDir dir;
  const std::string path = dir.file("runs.sqlite");
  const std::uint64_t seed = static_cast<std::uint64_t>(std::time(nullptr)) ^ static_cast<std::uint64_t>(::getpid());
  Rng rng(seed);
  std::map<std::int64_t, std::pair<int, int>> acknowledged;  // id -> (round, index)
  std::map<std::int64_t, std::pair<int, int>> unacknowledged;  // committed just before a kill

  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round) + ", seed " + std::to_string(seed));
    const int kill_after = kMinCommits + static_cast<int>(rng.below(kExtraCommits));
    const auto delay = std::chrono::microseconds(rng.below(15000));
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      writer_child(path, round, fds[1]);
    }
    ::close(fds[1]);
    int acked = 0;
    std::int64_t id = 0, index = 0;
    while (acked < kill_after && read_ack(fds[0], &id, &index)) {
      acknowledged[id] = {round, static_cast<int>(index)};
      ++acked;
    }
    std::this_thread::sleep_for(delay);  // land somewhere inside a later save
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    while (read_ack(fds[0], &id, &index)) {  // acknowledgements sent before the kill
      acknowledged[id] = {round, static_cast<int>(index)};
      ++acked;
    }
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer ended on its own (status " << status << ") before " << kill_after << " commits";
    ASSERT_GE(acked, kill_after);

    // The store opens (recovering the WAL), passes SQLite's integrity check, and holds every
    // acknowledged run, whole.
    RunStore store = RunStore::open(path);
    EXPECT_EQ(integrity_check(path), "ok");
    std::vector<RunRecord> runs = store.list();
    std::map<std::int64_t, const RunRecord*> by_id;
    for (const auto& r : runs) by_id[r.id] = &r;
    for (const auto& [ack_id, who] : acknowledged) {
      ASSERT_TRUE(by_id.count(ack_id)) << "acknowledged run " << ack_id << " is missing";
      auto full = store.get(ack_id);
      ASSERT_TRUE(full);
      RunRecord want = writer_run(who.first, who.second);
      EXPECT_EQ(full->scenario_name, want.scenario_name);
      EXPECT_EQ(full->seed, want.seed);
      EXPECT_EQ(full->summary, want.summary);
      EXPECT_EQ(full->results, want.results) << "run " << ack_id << " is not whole";
    }
    // Any run stored but not acknowledged (committed just before the kill) is whole too,
    // and there is at most one per kill.
    int extra = 0;
    for (const auto& r : runs) {
      if (acknowledged.count(r.id)) continue;
      if (!unacknowledged.count(r.id)) {
        ++extra;
        unacknowledged[r.id] = {round, static_cast<int>(r.replicates)};  // replicates = index
      }
      auto [who_round, who_index] = unacknowledged[r.id];
      auto full = store.get(r.id);
      ASSERT_TRUE(full);
      RunRecord want = writer_run(who_round, who_index);
      EXPECT_EQ(full->scenario_name, want.scenario_name);
      EXPECT_EQ(full->results, want.results) << "unacknowledged run " << r.id << " is not whole";
    }
    EXPECT_LE(extra, 1) << "more than one run committed after the last acknowledgement";
    EXPECT_EQ(runs.size(), acknowledged.size() + unacknowledged.size());
    // The store still takes new runs after recovery.
    if (round == kRounds - 1) EXPECT_GT(store.save(writer_run(9, 0)), runs.back().id);
    std::printf("[ interrupted run ] round %d: killed after %d acknowledged commits (target %d, +%lld us); "
                "store holds %zu runs, %d committed but unacknowledged\n",
                round, acked, kill_after, static_cast<long long>(delay.count()), runs.size(), extra);
  }
}

}  // namespace
}  // namespace geobalance::store
