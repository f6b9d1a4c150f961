// parallel_for: a thread that cannot be started is a ComputationError, never an abort
// (issue 16 item 3: `--threads 1024` under a memory limit ended in SIGABRT, "terminate called
// without an active exception", because the threads already started were destroyed joinable).
#include "geobalance/core/parallel.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance {
namespace {

using testing::kSanitized;

TEST(ParallelFor, EveryIndexOnceWhateverTheThreadCount) {
  for (unsigned threads : {1u, 2u, 7u}) {
    std::vector<int> hits(1000, 0);
    parallel_for(hits.size(), threads, 3, [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) ++hits[i];
    });
    for (int h : hits) ASSERT_EQ(h, 1) << threads << " threads";
  }
}

// In a child process (the limit must not touch the test runner): cap the address space a
// little above what the process already uses, so the 2nd thread's stack (8 MiB by default,
// plus glibc's 64 MiB malloc arena) cannot be mapped. Exit codes tell the parent what happened.
TEST(ParallelFor, ThreadStartFailureIsAComputationErrorNotAnAbort) {
  if (kSanitized) GTEST_SKIP() << "an address-space limit cannot be combined with the sanitizers' shadow memory";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    long pages = 0;
    std::ifstream("/proc/self/statm") >> pages;
    const rlim_t used = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE));
    rlimit lim{used + (rlim_t{4} << 20), used + (rlim_t{4} << 20)};
    if (::setrlimit(RLIMIT_AS, &lim) != 0) ::_exit(10);
    std::atomic<int> done{0};
    try {
      parallel_for(100'000, 512, 1, [&](std::size_t b, std::size_t e) { done += static_cast<int>(e - b); });
    } catch (const ComputationError& e) {
      const std::string what = e.what();
      ::_exit(what.find("could not start thread") != std::string::npos &&
                      what.find("run with fewer threads") != std::string::npos
                  ? 0
                  : 11);
    } catch (...) {
      ::_exit(12);
    }
    ::_exit(13);  // no error at all: the limit did not bite
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "the child was killed by signal " << WTERMSIG(status) << " (an abort?)";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: setrlimit failed, 11: wrong message, 12: another exception, 13: no error";
}

}  // namespace
}  // namespace geobalance
