// The fuzz corpora through the CLI (issue 19, item 2): every committed seed and regression
// input of the parsers a command reads is given to that command. Whatever the input, the
// command must answer with exit 0 (it was valid) or exit 2 with "error: " and a message that
// names the file, never with "internal error" (an exception that is not an InputError, such
// as the std::bad_optional_access a TOML integer beyond 2^53 used to raise) nor a signal.
// The parsers themselves are fuzzed by the replay gate (tests/fuzz, label "fuzz"); this
// checks the layer above them: the command that reads a file and runs a model on it.
#include <algorithm>
#include <filesystem>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;

struct CorpusCommand {
  const char* corpus;                // tests/fuzz/corpus/<corpus>/
  std::vector<std::string> args;     // "{file}" is replaced by the input, "{out}" by an output path
};

std::vector<std::string> corpus_files(const std::string& corpus) {
  std::vector<std::string> out;
  const fs::path dir = fs::path(source_dir()) / "tests/fuzz/corpus" / corpus;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

class FuzzCorpusCli : public ::testing::TestWithParam<CorpusCommand> {};

TEST_P(FuzzCorpusCli, EveryInputEndsInSuccessOrAPositionedInputError) {
  const CorpusCommand& c = GetParam();
  const auto files = corpus_files(c.corpus);
  ASSERT_FALSE(files.empty()) << "no seeds in tests/fuzz/corpus/" << c.corpus;
  for (const auto& file : files) {
    TempDir out;
    std::vector<std::string> args;
    for (std::string a : c.args) {
      if (a == "{file}") a = file;
      if (a == "{out}") a = out.file("out.json");
      args.push_back(a);
    }
    const auto r = run_cli(args);
    SCOPED_TRACE(file + "\nstderr: " + r.err);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << "exit code " << r.exit_code;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos);
    if (r.exit_code == 2) {
      EXPECT_EQ(r.err.rfind("error: ", 0), 0u);
      EXPECT_NE(r.err.find(fs::path(file).filename().string()), std::string::npos)
          << "the message does not name the input file";
      EXPECT_TRUE(out.entries().empty()) << "a failed run left an output file";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Commands, FuzzCorpusCli,
    ::testing::Values(
        CorpusCommand{"bargaining_toml_fuzz", {"bargain", "--model", "smp", "--input", "{file}", "--format", "json", "-o", "{out}"}},
        CorpusCommand{"bargaining_csv_fuzz", {"bargain", "--model", "smp", "--input", "{file}", "--format", "json", "-o", "{out}"}},
        CorpusCommand{"bargaining_ktab_fuzz", {"bargain", "--model", "smp", "--input", "{file}", "--format", "json", "-o", "{out}"}},
        CorpusCommand{"bargaining_bdm_fuzz", {"bargain", "--model", "bdm", "--input", "{file}", "--format", "json", "-o", "{out}"}},
        CorpusCommand{"armsrace_model_fuzz", {"armsrace", "stability", "--model", "{file}", "--format", "json", "-o", "{out}"}}),
    [](const auto& info) { return std::string(info.param.corpus); });

}  // namespace
}  // namespace geobalance::testing
