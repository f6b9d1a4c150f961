// The `geobalance game` commands end to end: outputs, exit codes, nothing half-written.
#include <algorithm>
#include <filesystem>

#include "geobalance/games/gambit_io.h"
#include "test_util.h"

namespace geobalance::testing {
namespace {

std::string fixture(const std::string& name) { return source_dir() + "/tests/data/games/" + name; }

TEST(GameCli, SolvePrintsGambitLines) {
  auto r = run_cli({"game", "solve", fixture("bos_outcome.nfg"), "--method", "enummixed", "--format", "gambit"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Hand-computed in solvers_test.cc: (O,O), (F,F) and ((2/3,1/3),(1/3,2/3)).
  EXPECT_THAT(r.out, ::testing::HasSubstr("NE,1,0,1,0\n"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("NE,0,1,0,1\n"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("NE,2/3,1/3,1/3,2/3\n"));
  auto s = run_cli({"game", "solve", fixture("centipede.efg"), "--method", "spe", "--format", "json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_THAT(s.out, ::testing::HasSubstr("\"profile_kind\": \"behavior\""));
  auto t = run_cli({"game", "solve", fixture("pd.nfg"), "--method", "lcp"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_THAT(t.out, ::testing::HasSubstr("Defect=1"));
}

TEST(GameCli, WritesOutputAtomically) {
  TempDir dir;
  auto r = run_cli({"game", "solve", fixture("pd.nfg"), "--method", "enumpure", "--format", "gambit", "-o", dir.file("ne.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text(dir.file("ne.csv")), "NE,0,1,0,1\n");
}

TEST(GameCli, BadInputExitsTwoAndWritesNothing) {
  TempDir dir;
  write_text(dir.file("bad.nfg"), "NFG 1 R \"x\" { \"A\" \"B\" } { 2 2 }\n\n1 2 3 x 5 6 7 8\n");
  auto r = run_cli({"game", "solve", dir.file("bad.nfg"), "--method", "enumpure", "-o", dir.file("out.txt")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("error: " + dir.file("bad.nfg") + ":3:7: payoff 2 of profile 2: found 'x'"));
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.txt")));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"bad.nfg"});

  auto m = run_cli({"game", "solve", fixture("pd.nfg"), "--method", "simplicial"});
  EXPECT_EQ(m.exit_code, 2);
  auto s = run_cli({"game", "solve", fixture("pd.nfg"), "--method", "spe", "-o", dir.file("o2.txt")});
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_THAT(s.err, ::testing::HasSubstr("spe needs an extensive-form game"));
  EXPECT_FALSE(std::filesystem::exists(dir.file("o2.txt")));
  auto h = run_cli({"game", "solve", fixture("selten_horse.efg"), "--method", "spe"});
  EXPECT_EQ(h.exit_code, 2);
  EXPECT_THAT(h.err, ::testing::HasSubstr("spe needs perfect information"));
}

TEST(GameCli, S400DefaultsSweepAndBadValues) {
  auto r = run_cli({"game", "s400"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("subgame-perfect equilibri"));
  auto sw = run_cli({"game", "s400", "--sweep", "tr_us_similarity", "--from", "0", "--to", "1", "--steps", "5", "--format", "json"});
  ASSERT_EQ(sw.exit_code, 0) << sw.err;
  EXPECT_THAT(sw.out, ::testing::HasSubstr("\"change_points\""));
  TempDir dir;
  auto bad = run_cli({"game", "s400", "--tr-us-similarity", "1.5", "-o", dir.file("s.txt")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("S400Inputs: tr_us_similarity is 1.5, but must be in [-1, 1]"));
  EXPECT_TRUE(dir.entries().empty());
  auto help = run_cli({"game", "s400", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, ::testing::HasSubstr("--eu-tr-activate"));
}

// Trees in behaviour strategies: Kuhn poker (values from Kuhn 1950, derived by hand in
// sequence_form_test.cc): player 2's unique strategy ends every NE line, the LP reports the
// value -1/18.
TEST(GameCli, TreesSolveInBehaviourStrategies) {
  auto r = run_cli({"game", "solve", fixture("kuhn3.efg"), "--method", "lcp", "--format", "gambit"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("NE,"));
  EXPECT_THAT(r.out, ::testing::EndsWith(",1,0,2/3,1/3,0,1,2/3,1/3,1,0,0,1\n"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), ','), 24);  // 12 information sets x 2 actions
  auto lp = run_cli({"game", "solve", fixture("kuhn3.efg"), "--method", "lp", "--format", "json"});
  ASSERT_EQ(lp.exit_code, 0) << lp.err;
  EXPECT_THAT(lp.out, ::testing::HasSubstr("\"value\": \"-1/18\""));
  auto t = run_cli({"game", "solve", fixture("kuhn3.efg"), "--method", "lcp"});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_THAT(t.out, ::testing::HasSubstr("value of the game for player 1: -1/18"));
  // The strategic-form route stays available: mixed strategies over 27 reduced strategies.
  auto s = run_cli({"game", "solve", fixture("kuhn3.efg"), "--method", "lcp", "--strategic", "--format", "json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_THAT(s.out, ::testing::HasSubstr("\"profile_kind\": \"mixed\""));
  TempDir dir;
  auto bad = run_cli({"game", "solve", fixture("beer_quiche.efg"), "--method", "lp", "-o", dir.file("o.txt")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("expected a constant-sum game for lp"));
  EXPECT_TRUE(dir.entries().empty());
  auto ao = run_cli({"game", "solve", fixture("kuhn3.efg"), "--method", "lcp", "--artificial-only"});
  EXPECT_EQ(ao.exit_code, 2);
  EXPECT_THAT(ao.err, ::testing::HasSubstr("--artificial-only: found it with lcp on a tree"));
  auto me = run_cli({"game", "solve", fixture("kuhn3.efg"), "--method", "lcp", "--max-equilibria", "3"});
  EXPECT_EQ(me.exit_code, 2);
  EXPECT_THAT(me.err, ::testing::HasSubstr("--max-equilibria: found 3, but lcp on a tree returns one equilibrium"));
}

// game convert: a tree with information sets and chance reads back identically; --gambit-ascii
// spells "Türkiye" as "Turkiye"; --reduced writes the 27 x 64 reduced strategic form of Kuhn
// poker (player 1: per card bet, or check then fold or call: 3^3; player 2: 2^6).
TEST(GameCli, ConvertRoundTripsAndWritesAscii) {
  TempDir dir;
  auto r = run_cli({"game", "convert", fixture("kuhn3.efg"), "-o", dir.file("k.efg")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto again = run_cli({"game", "convert", dir.file("k.efg")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, read_text(dir.file("k.efg")));
  std::string text = read_text(fixture("chance.efg"));
  text.replace(text.find("\"P1\""), 4, "\"Türkiye\"");
  write_text(dir.file("tr.efg"), text);
  auto a = run_cli({"game", "convert", dir.file("tr.efg"), "--gambit-ascii"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_THAT(a.out, ::testing::HasSubstr("{ \"Turkiye\" \"P2\" }"));
  auto plain = run_cli({"game", "convert", dir.file("tr.efg")});
  EXPECT_THAT(plain.out, ::testing::HasSubstr("Türkiye"));
  text.replace(text.find("Türkiye"), 8, "Россия");
  write_text(dir.file("ru.efg"), text);
  auto bad = run_cli({"game", "convert", dir.file("ru.efg"), "--gambit-ascii", "-o", dir.file("out.efg")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("player name: found U+0420"));
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.efg")));
  auto red = run_cli({"game", "convert", fixture("kuhn3.efg"), "--reduced"});
  ASSERT_EQ(red.exit_code, 0) << red.err;
  EXPECT_THAT(red.out, ::testing::StartsWith("NFG 1 R"));
  games::NormalFormGame reduced = games::parse_nfg(red.out, "reduced.nfg");
  EXPECT_EQ(reduced.num_strategies(0), 27);
  EXPECT_EQ(reduced.num_strategies(1), 64);
  auto s4 = run_cli({"game", "s400", "--write-efg", dir.file("s4.efg"), "--gambit-ascii"});
  ASSERT_EQ(s4.exit_code, 0) << s4.err;
  std::string s4text = read_text(dir.file("s4.efg"));
  for (char c : s4text) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
}

}  // namespace
}  // namespace geobalance::testing
