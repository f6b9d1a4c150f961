#include "geobalance/core/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance {

unsigned default_threads() {
  if (const char* env = std::getenv("GEOBALANCE_THREADS")) {
    char* end = nullptr;
    long v = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && v >= 1 && v <= 1024) return static_cast<unsigned>(v);
  }
  unsigned h = std::thread::hardware_concurrency();
  return h == 0 ? 1 : h;
}

void parallel_for(std::size_t n, unsigned threads, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& body) {
  if (n == 0) return;
  if (threads == 0) threads = default_threads();
  if (grain == 0) grain = 1;
  const std::size_t chunks = (n + grain - 1) / grain;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, chunks));
  if (threads <= 1) {
    body(0, n);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (;;) {
      std::size_t c = next.fetch_add(1);
      if (c >= chunks) return;
      {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (error) return;
      }
      std::size_t b = c * grain, e = std::min(n, b + grain);
      try {
        body(b, e);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  // A thread that cannot be started (too many threads for the memory or process limits)
  // ends the call with a ComputationError, never std::terminate: the threads already
  // running are stopped (no chunks are handed out any more) and joined first.
  std::string start_failure;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error& e) {
      start_failure = fmt::format("could not start thread {} of {} ({}); run with fewer threads", t + 1, threads,
                                  e.what());
    } catch (const std::bad_alloc&) {
      start_failure = fmt::format("could not start thread {} of {} (out of memory); run with fewer threads", t + 1,
                                  threads);
    }
    if (!start_failure.empty()) {
      next.store(chunks);
      break;
    }
  }
  if (start_failure.empty()) worker();
  for (auto& th : pool) th.join();
  if (!start_failure.empty()) throw ComputationError(start_failure);
  if (error) std::rethrow_exception(error);
}

}  // namespace geobalance
