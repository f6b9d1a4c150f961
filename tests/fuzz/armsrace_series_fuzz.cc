// libFuzzer target: armsrace::read_series_csv (generic actor,year,value layout and the
// SIPRI/OWID layouts, recognised from the header), read through an in-memory file.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "geobalance/armsrace/series_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = geobalance::fuzz::as_file(data, size);
  geobalance::fuzz::expect_input_error_only(path, [&] {
    (void)geobalance::armsrace::read_series_csv(path, {"USA", "RUS"}, 1995, 0);
  });
  return 0;
}
