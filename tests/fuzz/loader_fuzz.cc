// libFuzzer target for one path-based loader, chosen at build time by GEOBALANCE_FUZZ_LOADER
// (tests/fuzz/CMakeLists.txt builds this file once per loader). The input is read through
// an in-memory file, so the loader runs exactly as on a real file.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "geobalance/io/loaders.h"
#if __has_include("geobalance/power/builtin_data.h")
#include "geobalance/power/builtin_data.h"
#endif
#if __has_include("geobalance/alignment/series.h")
#include "geobalance/alignment/series.h"
#endif
#if __has_include("geobalance/bargaining/bdm_io.h")
#include "geobalance/bargaining/bdm_io.h"
#endif

#ifndef GEOBALANCE_FUZZ_LOADER
#error "define GEOBALANCE_FUZZ_LOADER as the loader to fuzz, e.g. geobalance::io::load_nmc"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = geobalance::fuzz::as_file(data, size);
  geobalance::fuzz::expect_input_error_only(path, [&] { (void)GEOBALANCE_FUZZ_LOADER(path); });
  return 0;
}
