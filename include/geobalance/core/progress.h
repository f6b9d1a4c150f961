// A progress bar on stderr, drawn only when stderr is a terminal (quiet in pipes, logs and
// CI). Thread-safe: workers call tick() as they finish items.
#ifndef GEOBALANCE_CORE_PROGRESS_H_
#define GEOBALANCE_CORE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace geobalance {

class Progress {
 public:
  /// enabled=false never draws; by default the bar is drawn when stderr is a TTY.
  Progress(std::string label, std::size_t total, bool enabled = stderr_is_terminal());
  ~Progress();
  void tick(std::size_t n = 1);
  void finish();
  static bool stderr_is_terminal();

 private:
  void draw(std::size_t done);
  std::string label_;
  std::size_t total_;
  bool enabled_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool finished_ = false;
};

}  // namespace geobalance

#endif  // GEOBALANCE_CORE_PROGRESS_H_
