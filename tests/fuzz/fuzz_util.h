// Shared plumbing of the libFuzzer targets in tests/fuzz (see tools/fuzz.sh).
//
// A target hands the fuzz input to one parser. InputError is the expected outcome for bad
// input and is swallowed; any other exception escapes LLVMFuzzerTestOneInput and libFuzzer
// reports it as a crash (an uncaught exception aborts), as it does crashes, leaks, timeouts
// and sanitizer reports.
//
// Parsers that only take a path read the input through an in-memory file (memfd) opened
// as /proc/self/fd/N, so nothing is added to the library and nothing touches the disk.
#ifndef GEOBALANCE_TESTS_FUZZ_FUZZ_UTIL_H_
#define GEOBALANCE_TESTS_FUZZ_FUZZ_UTIL_H_

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "geobalance/error.h"

namespace geobalance::fuzz {

/// The input as text.
inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// A path whose contents are exactly the input: an in-memory file reused across runs.
inline std::string as_file(const std::uint8_t* data, std::size_t size) {
  static int fd = [] {
    int f = memfd_create("geobalance-fuzz", 0);
    if (f < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    return f;
  }();
  if (ftruncate(fd, 0) != 0) std::abort();
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<std::size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

/// Runs `parse`; an InputError is the expected outcome for bad input. The message must
/// name a position: the loaders and parsers promise "file:line:col: ...", so an error
/// without its source in front is a finding too (an empty `source` skips that check).
template <typename F>
void expect_input_error_only(std::string_view source, F&& parse) {
  try {
    parse();
  } catch (const InputError& e) {
    std::string_view what = e.what();
    if (!source.empty() && what.substr(0, source.size()) != source) {
      std::fprintf(stderr, "InputError without the source '%.*s' in front: %s\n",
                   static_cast<int>(source.size()), source.data(), e.what());
      std::abort();
    }
  }
}

}  // namespace geobalance::fuzz

#endif  // GEOBALANCE_TESTS_FUZZ_FUZZ_UTIL_H_
