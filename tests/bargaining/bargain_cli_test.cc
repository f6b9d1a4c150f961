// geobalance bargain end to end: outputs, the history file, exit code 2 with no output file.
#include <string>

#include <gtest/gtest.h>

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance {
namespace {

using testing::read_text;
using testing::run_cli;
using testing::source_dir;
using testing::TempDir;

std::string fixture(const std::string& name) { return source_dir() + "/tests/data/bargaining/" + name; }

TEST(BargainCli, SmpFinalPositionsCsvMatchesKtabFinal) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(input, "ktab/data/SOE-Pol-Comp.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(final_csv, "ktab/expected/SOE-Pol-Comp.final.csv");
  TempDir dir;
  const auto r = run_cli({"bargain", "--model", "smp", "--input", input, "--format", "csv", "-o",
                          dir.file("out.csv"), "--history", dir.file("hist.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const io::CsvTable out = io::CsvTable::read_file(dir.file("out.csv"));
  ASSERT_EQ(out.header(), (std::vector<std::string>{"actor", "dim", "position"}));
  const io::CsvTable want = io::CsvTable::read_file(final_csv);
  ASSERT_EQ(out.num_rows(), want.num_rows());
  for (std::size_t i = 0; i < out.num_rows(); ++i) {
    EXPECT_EQ(out.get_int(i, 0), want.get_int(i, want.require_column("actor")));
    EXPECT_EQ(out.get_int(i, 1), want.get_int(i, want.require_column("dim")));
    EXPECT_NEAR(out.get_double(i, 2), want.get_double(i, want.require_column("position")), 1e-6);
  }
  const io::CsvTable hist = io::CsvTable::read_file(dir.file("hist.csv"));
  ASSERT_EQ(hist.header(), (std::vector<std::string>{"turn", "actor", "dim", "position"}));
  // 28 states (turns 0..27) x 13 actors x 2 dimensions, as KTAB's history.
  EXPECT_EQ(hist.num_rows(), 28u * 13 * 2);
  EXPECT_EQ(hist.get_int(0, 0), 0);
  EXPECT_EQ(hist.get_int(hist.num_rows() - 1, 0), 27);
}

TEST(BargainCli, TomlInputTableAndJson) {
  const auto t = run_cli({"bargain", "--model", "smp", "--input", fixture("three_actors.toml")});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_THAT(t.out, ::testing::HasSubstr("actor  dim  position"));
  const auto j = run_cli({"bargain", "--model", "smp", "--input", fixture("three_actors.toml"),
                          "--format", "json", "--max-turns", "1"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_THAT(j.out, ::testing::HasSubstr("\"actor\""));
}

TEST(BargainCli, BdmRunsThroughTheSameCommand) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(eu, "bdm/data/eu-emissions.csv");
  TempDir dir;
  const auto r = run_cli({"bargain", "--model", "bdm", "--preset", "gdm", "--input", eu, "--format",
                          "csv", "--history", dir.file("h.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 18), "actor,dim,position");
  EXPECT_EQ(read_text(dir.file("h.csv")).substr(0, 24), "turn,actor,dim,position\n");
}

TEST(BargainCli, MonteCarloSummary) {
  const auto r = run_cli({"bargain", "--model", "smp", "--input", fixture("three_actors.csv"),
                          "--replicates", "20", "--seed", "3", "--format", "csv", "--threshold", "50"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "dim,baseline,mean,sd,q5,q25,q50,q75,q95,p_above_50");
  const auto again = run_cli({"bargain", "--model", "smp", "--input", fixture("three_actors.csv"),
                              "--replicates", "20", "--seed", "3", "--format", "csv", "--threshold",
                              "50", "--threads", "1"});
  EXPECT_EQ(again.out, r.out);
}

struct BadCli {
  const char* name;
  std::vector<std::string> args;
  std::string message;
};

class BargainCliBad : public ::testing::TestWithParam<BadCli> {};

TEST_P(BargainCliBad, ExitsTwoAndWritesNothing) {
  TempDir dir;
  std::vector<std::string> args = GetParam().args;
  for (auto& a : args)
    if (a == "@fixture") a = fixture("three_actors.toml");
    else if (a == "@bad") a = dir.file("bad.csv");
  testing::write_text(dir.file("bad.csv"), "S,d,3,1\nActor,D,Power,X,S\na,,1,1,1\nb,,1,1,1\nc,,-1,1,1\n");
  args.insert(args.end(), {"-o", dir.file("out.csv"), "--history", dir.file("hist.csv")});
  const auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  std::string msg = GetParam().message;
  if (auto p = msg.find("@bad"); p != std::string::npos) msg.replace(p, 4, dir.file("bad.csv"));
  EXPECT_THAT(r.err, ::testing::HasSubstr(msg));
  const auto left = dir.entries();
  EXPECT_EQ(left, (std::vector<std::string>{"bad.csv"})) << "no output or history file may be left";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BargainCliBad,
    ::testing::Values(
        BadCli{"BadInputFile", {"bargain", "--model", "smp", "--input", "@bad"},
               "error: @bad:5:4: column 'Power': found '-1', expected a power > 0 and <= 1e8"},
        BadCli{"UnknownModel", {"bargain", "--model", "xyz", "--input", "@fixture"},
               "error: --model: found 'xyz', expected smp or bdm"},
        BadCli{"PresetWithSmp", {"bargain", "--model", "smp", "--preset", "gdm", "--input", "@fixture"},
               "error: --preset: found 'gdm', but presets apply to --model bdm only"},
        BadCli{"UnknownPreset", {"bargain", "--model", "bdm", "--preset", "nope", "--input", "@fixture"},
               "error: BDM preset: found 'nope', expected one of scholz2011, gdm, bdm1994"},
        BadCli{"NegativeTurns", {"bargain", "--model", "smp", "--max-turns", "-3", "--input", "@fixture"},
               "error: --max-turns: found '-3', expected an integer >= 1"},
        BadCli{"MissingInput", {"bargain", "--model", "smp"}, "error: --input is required"},
        BadCli{"NoSuchFile", {"bargain", "--model", "smp", "--input", "/nonexistent/x.toml"},
               "error: /nonexistent/x.toml: file: cannot be opened for reading"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace geobalance
