// The `geobalance game` commands end to end: outputs, exit codes, nothing half-written.
#include <filesystem>

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

}  // namespace
}  // namespace geobalance::testing
