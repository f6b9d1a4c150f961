// Data parallelism on all cores with results independent of the thread count: work is split
// into index ranges, and callers write each index's result to its own slot, so 1 and N
// threads produce identical output.
#ifndef GEOBALANCE_CORE_PARALLEL_H_
#define GEOBALANCE_CORE_PARALLEL_H_

#include <atomic>
#include <cstddef>
#include <functional>

namespace geobalance {

/// Threads to use when a caller passes 0: $GEOBALANCE_THREADS if set and valid, otherwise
/// std::thread::hardware_concurrency() (at least 1).
unsigned default_threads();

/// Calls body(begin, end) on disjoint ranges covering [0, n), on up to `threads` threads
/// (0 = default_threads()). Ranges are handed out dynamically in chunks of `grain`. The
/// first exception thrown by a body is rethrown after all threads have stopped.
void parallel_for(std::size_t n, unsigned threads, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& body);

/// A cooperative cancellation flag (Gambit's idea): computations call cancelled() at natural
/// iteration points; a default-constructed token is never cancelled.
class CancelToken {
 public:
  void cancel() { flag_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return flag_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> flag_{false};
};

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_PARALLEL_H_
