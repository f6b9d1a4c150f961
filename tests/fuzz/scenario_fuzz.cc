// libFuzzer target: the scenario file (TOML), through scenario::load_scenario(path) on an
// in-memory file.
//
// EARLY VERSION: the scenario module (src/scenario) was still being written when this target
// was added. When its API settles, switch to a text entry point if it gets one (no memfd),
// add seeds from data/scenarios/*.toml under tests/fuzz/corpus/scenario_fuzz/, and keep the
// rule: InputError is the only acceptable failure. Paths a scenario refers to resolve
// relative to /proc/self/fd/, so they do not exist and are reported as InputError.
// Build it only with the module (tests/fuzz/CMakeLists.txt); while the module does not
// compile, run tools/fuzz.sh with FUZZ_SKIP_MODULES=scenario.
#include <cstddef>
#include <cstdint>

#include "fuzz_util.h"
#include "geobalance/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = geobalance::fuzz::as_file(data, size);
  // No prefix check yet: errors about files a scenario refers to may name those files.
  geobalance::fuzz::expect_input_error_only("", [&] { (void)geobalance::scenario::load_scenario(path); });
  return 0;
}
