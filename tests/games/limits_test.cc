// Resource limits of the Gambit readers (issue 8 findings: a { 7000 7000 } table allocated
// 3 GB before any payoff; 1e999999 payoffs took 2.4 GB; a 100,000-deep tree overflowed the
// stack). Each now fails fast with a positioned message.
#include "geobalance/games/gambit_io.h"

#include <string>

#include "test_util.h"

namespace geobalance::games {
namespace {

using testing::TempDir;
using testing::write_text;

TEST(GambitLimits, HugeStrategyTableIsRefusedBeforeAllocating) {
  TempDir d;
  write_text(d.file("huge.nfg"), "NFG 1 R \"huge\" { \"P1\" \"P2\" } { 7000 7000 }\n\"\"\n1 2\n");
  EXPECT_THROW_MSG(read_game(d.file("huge.nfg")), InputError, "strategy list: found");
  EXPECT_THROW_MSG(read_game(d.file("huge.nfg")), InputError, "expected at most 1000000 pure-strategy profiles");
}

TEST(GambitLimits, AstronomicalExponentsAreNotNumbers) {
  TempDir d;
  write_text(d.file("e.nfg"), "NFG 1 R \"big\" { \"A\" \"B\" } { 1 1 }\n\"\"\n1e999999 1\n");
  EXPECT_THROW_MSG(read_game(d.file("e.nfg")), InputError, "e.nfg:3:1: payoff 1 of profile 1: found '1e999999'");
  // 1e300 (a double's range) is still a number.
  write_text(d.file("ok.nfg"), "NFG 1 R \"big\" { \"A\" \"B\" } { 1 1 }\n\"\"\n1e300 1\n");
  EXPECT_NO_THROW(read_game(d.file("ok.nfg")));
}

TEST(GambitLimits, TreesDeeperThanTheLimitFailWithAMessage) {
  // A chain 2,000 decision nodes deep (the finding's make_deep_efg.py, at 2,000). The limit is
  // 1,000 levels: under AddressSanitizer 10,000 nested parse frames still overflowed the stack.
  const int n = 2000;
  std::string text = "EFG 2 R \"deep chain\" { \"P1\" \"P2\" } \"\"\n";
  for (int i = 0; i < n; ++i) text += "p \"\" 1 " + std::to_string(i + 1) + " \"\" { \"a\" \"b\" } 0\n";
  for (int i = 0; i <= n; ++i) text += "t \"\" 1 \"end\" { 1, 1 }\n";
  TempDir d;
  write_text(d.file("deep.efg"), text);
  EXPECT_THROW_MSG(read_game(d.file("deep.efg")), InputError, "deep.efg:1002:1: node: found");
  EXPECT_THROW_MSG(read_game(d.file("deep.efg")), InputError, "expected a tree at most 1000 levels deep");
}

}  // namespace
}  // namespace geobalance::games
