// libFuzzer target: Gambit .nfg (GEOBALANCE_FUZZ_EFG undefined) or .efg reader. A game that
// parses must also survive write -> parse (the writer's output is a valid file). For .efg,
// the --gambit-ascii spelling of a tree must parse too, and a small two-player tree goes
// through the sequence-form Lemke solver, which verifies its equilibrium exactly: an
// InputError (imperfect recall) is expected, a ComputationError is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_util.h"
#include "geobalance/games/equilibrium.h"
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
#ifdef GEOBALANCE_FUZZ_EFG
    bool ascii_ok = true;
    std::string ascii;
    try {
      ascii = gg::write_efg(gg::ascii_labels(game));
    } catch (const geobalance::InputError&) {
      ascii_ok = false;  // a label with no ASCII spelling: refused by design
    }
    if (ascii_ok) {
      try {
        (void)gg::parse_efg(ascii, "ascii");
      } catch (const geobalance::InputError& e) {
        std::fprintf(stderr, "the --gambit-ascii output does not parse: %s\n---\n%s\n", e.what(), ascii.c_str());
        std::abort();
      }
    }
    if (game.num_players() == 2 && game.nodes.size() <= 200) {
      try {
        (void)gg::sequence_lcp(game);
      } catch (const geobalance::InputError&) {
      }
    }
#endif
  });
  return 0;
}
