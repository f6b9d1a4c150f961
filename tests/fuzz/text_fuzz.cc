// libFuzzer target for one text parser `Result parse(text, source)`, chosen at build time:
// GEOBALANCE_FUZZ_HEADER names its header and GEOBALANCE_FUZZ_PARSER the function
// (tests/fuzz/CMakeLists.txt builds this file once per parser).
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include GEOBALANCE_FUZZ_HEADER

#ifndef GEOBALANCE_FUZZ_SOURCE
#define GEOBALANCE_FUZZ_SOURCE "fuzz.txt"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string source = GEOBALANCE_FUZZ_SOURCE;
  geobalance::fuzz::expect_input_error_only(source, [&] {
    std::string text = geobalance::fuzz::as_text(data, size);
    (void)GEOBALANCE_FUZZ_PARSER(std::move(text), source);
  });
  return 0;
}
