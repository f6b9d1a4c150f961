// libFuzzer target: the armsrace model file (TOML). A model that parses must also survive
// to_toml -> parse_model.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_util.h"
#include "geobalance/armsrace/model_file.h"

namespace ar = geobalance::armsrace;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string source = "fuzz.toml";
  geobalance::fuzz::expect_input_error_only(source, [&] {
    const std::string text = geobalance::fuzz::as_text(data, size);
    ar::Model m = ar::parse_model(text, source);
    const std::string again = ar::to_toml(m);
    try {
      (void)ar::parse_model(again, "rewritten.toml");
    } catch (const geobalance::InputError& e) {
      std::fprintf(stderr, "to_toml's output does not parse: %s\n---\n%s\n", e.what(), again.c_str());
      std::abort();
    }
  });
  return 0;
}
