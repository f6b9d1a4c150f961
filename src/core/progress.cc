#include "geobalance/core/progress.h"

#include <cstdio>

#include <unistd.h>

namespace geobalance {

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::string label, std::size_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled && total > 0) {}

Progress::~Progress() { finish(); }

void Progress::tick(std::size_t n) {
  std::size_t d = done_.fetch_add(n) + n;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  if (d < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(d);
}

void Progress::draw(std::size_t done) {
  const int width = 30;
  int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total_));
  if (filled > width) filled = width;
  std::fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu", label_.c_str(), filled,
               "##############################", width - filled, "", done, total_);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  draw(done_.load());
  std::fprintf(stderr, "\n");
}

}  // namespace geobalance
