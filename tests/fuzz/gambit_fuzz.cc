// libFuzzer target: Gambit .nfg (GEOBALANCE_FUZZ_EFG undefined) or .efg reader. A game that
// parses must also survive write -> parse (the writer's output is a valid file).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_util.h"
#include "geobalance/games/gambit_io.h"

namespace gg = geobalance::games;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
#ifdef GEOBALANCE_FUZZ_EFG
  const std::string source = "fuzz.efg";
  auto parse = [](const std::string& t, const std::string& s) { return gg::parse_efg(t, s); };
  auto write = [](const auto& g) { return gg::write_efg(g); };
#else
  const std::string source = "fuzz.nfg";
  auto parse = [](const std::string& t, const std::string& s) { return gg::parse_nfg(t, s); };
  auto write = [](const auto& g) { return gg::write_nfg(g); };
#endif
  geobalance::fuzz::expect_input_error_only(source, [&] {
    auto game = parse(geobalance::fuzz::as_text(data, size), source);
    const std::string again = write(game);
    try {
      (void)parse(again, "rewritten");
    } catch (const geobalance::InputError& e) {
      std::fprintf(stderr, "the writer's output does not parse: %s\n---\n%s\n", e.what(), again.c_str());
      std::abort();
    }
  });
  return 0;
}
