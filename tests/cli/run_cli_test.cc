// End-to-end tests of `geobalance run`: outputs, the run store, bad scenarios, interruption.
#include <csignal>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

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

TEST(RunCli, WritesBriefResultsTablesAndStoresTheRun) {
  TempDir d;
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", d.file("runs.sqlite"), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The tiny world's answer, worked by hand in tests/scenario/run_test.cc: ratio 1.2.
  EXPECT_THAT(r.out, ::testing::HasSubstr("NATO holds 1.2x the capability of RUS+CHN in 2021"));
  for (const char* f : {"out/brief.html", "out/results.json", "out/tables/answers.csv", "out/tables/power_balance.csv"})
    EXPECT_TRUE(fs::exists(d.file(f))) << f;
  EXPECT_THAT(read_text(d.file("out/brief.html")), ::testing::HasSubstr("data-chart-id=\"power-coalitions\""));
  EXPECT_EQ(count_runs(d.file("runs.sqlite")), 1);
  // A second run replaces the outputs and adds a run.
  r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", d.file("runs.sqlite"), "-q", "--seed", "9"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_runs(d.file("runs.sqlite")), 2);
  for (const auto& e : d.entries()) EXPECT_EQ(e.find(".tmp-"), std::string::npos) << e;
}

// Issue 11, item 5: the store records a hash of every file the run's World read, and
// `runs show` lists them; each equals coreutils' sha256sum of the file.
TEST(RunCli, RunsShowListsTheHashOfEveryFileRead) {
  TempDir d;
  auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", d.file("runs.sqlite"), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto show = run_cli({"runs", "show", "1", "--store", d.file("runs.sqlite")});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const std::string world = source_dir() + "/tests/data/scenario/world/";
  for (const char* f : {"countries.csv", "nato_members.csv", "theatres.csv", "capabilities.csv", "alignment/ties_2026.csv"}) {
    auto sum = run_command({"/usr/bin/sha256sum", world + f}, 30);
    ASSERT_EQ(sum.exit_code, 0) << sum.err;
    EXPECT_THAT(show.out, ::testing::HasSubstr(sum.out.substr(0, 64))) << f;
  }
  auto sum = run_command({"/usr/bin/sha256sum", tiny()}, 30);
  EXPECT_THAT(show.out, ::testing::HasSubstr(sum.out.substr(0, 64)));  // scenario_hash
  EXPECT_THAT(show.out, ::testing::HasSubstr("/summary/balance/verdict"));
  EXPECT_THAT(show.out, ::testing::HasSubstr("ratio_down"));
  EXPECT_THAT(show.out, ::testing::HasSubstr("program_version"));
}

TEST(RunCli, BadScenarioExitsTwoWithPositionAndWritesNothing) {
  TempDir d;
  std::string text = read_text(tiny());
  text.replace(text.find("factor = 2.0"), 12, "factor = -2.0");
  text.replace(text.find("builtin = \"world\""), 17, "builtin = \"" + source_dir() + "/tests/data/scenario/world\"");
  text.replace(text.find("ties = \"world/"), 14, "ties = \"" + source_dir() + "/tests/data/scenario/world/");
  write_text(d.file("bad.toml"), text);
  auto r = run_cli({"run", d.file("bad.toml"), "-o", d.file("out"), "--store", d.file("runs.sqlite")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("bad.toml:38:10: key 'shocks[0].capability.factor': found -2, expected a number in [0, 1e+06]"));
  EXPECT_EQ(d.entries(), std::vector<std::string>{"bad.toml"});
  r = run_cli({"run", tiny(), "--replicates", "0", "-o", d.file("out"), "--no-store"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--replicates"));
  r = run_cli({"run", d.file("missing.toml"), "--no-store"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("missing.toml: file:"));
}

// Starts `geobalance run` on the default scenario with a huge ensemble, lets it work, then
// sends `sig`. Returns the exit status (128 + signal for a kill).
int interrupt_run(const std::string& out, const std::string& store, int sig) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    std::string exe = cli_path();
    ::execl(exe.c_str(), exe.c_str(), "run", "--replicates", "1000000", "-o", out.c_str(), "--store", store.c_str(), "-q",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(pid, sig);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(RunCli, InterruptedRunsLeaveEarlierRunsAndNoOutput) {
  TempDir d;
  auto r = run_cli({"run", tiny(), "-o", d.file("first"), "--store", d.file("runs.sqlite"), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(count_runs(d.file("runs.sqlite")), 1);
  EXPECT_EQ(interrupt_run(d.file("out"), d.file("runs.sqlite"), SIGINT), 130);  // Ctrl-C
  EXPECT_EQ(interrupt_run(d.file("out"), d.file("runs.sqlite"), SIGKILL), 128 + SIGKILL);
  EXPECT_EQ(count_runs(d.file("runs.sqlite")), 1);  // the earlier run, whole; no half-written run
  EXPECT_FALSE(fs::exists(d.file("out")));
  EXPECT_TRUE(fs::exists(d.file("first/brief.html")));
}

}  // namespace
}  // namespace geobalance::testing
