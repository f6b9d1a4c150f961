// The issue 16 regression corpus ("Outputs a user can trust"): every entry of
// tests/data/trust/MANIFEST.tsv runs the CLI (with a timeout, so a hang on a FIFO fails instead
// of blocking CI) and must end with the expected exit code, an `error: ...` message holding the
// expected text (exit code != 0), and the expected file state: an empty output folder after an
// error, or the output file holding the expected text after a success. The format is described
// at the top of the manifest.
#include <sys/stat.h>
#include <sys/types.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;

struct Entry {
  int line = 0;
  std::string file, args, message, state;
  int exit_code = 2;
  std::string problem;  // a malformed manifest line
};

std::string corpus_dir() { return source_dir() + "/tests/data/trust"; }

std::vector<Entry> load_manifest() {
  std::vector<Entry> out;
  for (const ManifestLine& m : read_manifest(corpus_dir() + "/MANIFEST.tsv", 5)) {
    Entry e;
    e.line = m.line;
    e.problem = m.problem;
    if (m.problem.empty()) {
      e.file = m.fields[0];
      e.args = m.fields[1];
      e.exit_code = std::atoi(m.fields[2].c_str());
      e.message = m.fields[3];
      e.state = m.fields[4];
    }
    out.push_back(e);
  }
  return out;
}

std::string test_name(const ::testing::TestParamInfo<Entry>& info) {
  return manifest_test_name(info.param.line, info.param.file);
}

class TrustCorpus : public ::testing::TestWithParam<Entry> {};

TEST_P(TrustCorpus, ExitCodeMessageAndFileState) {
  const Entry& e = GetParam();
  ASSERT_TRUE(e.problem.empty()) << "MANIFEST.tsv: " << e.problem;
  const std::string file = corpus_dir() + "/" + e.file;
  if (e.file != "-") ASSERT_TRUE(fs::exists(file)) << "MANIFEST.tsv line " << e.line << ": no file " << file;
  TempDir out_dir;
  TempDir fifo_dir;
  const std::string fifo = fifo_dir.file("pipe.csv");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::vector<std::string> args;
  std::stringstream ss(e.args);
  std::string a;
  while (ss >> a) {
    a = replace_all(a, "{file}", file);
    a = replace_all(a, "{out}", out_dir.file("out"));
    a = replace_all(a, "{src}", source_dir());
    a = replace_all(a, "{fifo}", fifo);
    args.push_back(a);
  }
  std::vector<std::string> argv;
  if (!args.empty() && args[0].rfind("ulimit-v=", 0) == 0) {
    if (kSanitized) GTEST_SKIP() << "an address-space limit cannot be combined with the sanitizers";
    std::string cmd = "ulimit -v " + args[0].substr(9) + " && exec \"$0\" \"$@\"";
    argv = {"/bin/sh", "-c", cmd, cli_path()};
    argv.insert(argv.end(), args.begin() + 1, args.end());
  } else {
    argv = {cli_path()};
    argv.insert(argv.end(), args.begin(), args.end());
  }
  const ProcessResult r = run_command(argv, 60);
  std::vector<std::string> problems;
  if (r.timed_out) problems.push_back("timed out after 60 s (a hang)");
  if (r.exit_code != e.exit_code)
    problems.push_back("exit code " + std::to_string(r.exit_code) + ", expected " + std::to_string(e.exit_code));
  if (e.exit_code != 0 && r.err.rfind("error: ", 0) != 0) problems.push_back("stderr does not start with 'error: '");
  if (e.message != "-" && r.err.find(e.message) == std::string::npos)
    problems.push_back("stderr lacks the expected message: " + e.message);
  if (r.err.find("internal error") != std::string::npos) problems.push_back("an internal error");
  if (r.err.find("Sanitizer") != std::string::npos || r.err.find("runtime error") != std::string::npos)
    problems.push_back("a sanitizer report");
  if (e.state == "empty") {
    if (!out_dir.entries().empty()) problems.push_back("an output file was left behind");
  } else if (e.state.rfind("out:", 0) == 0) {
    const std::string want = e.state.substr(4);
    if (!fs::exists(out_dir.file("out"))) {
      problems.push_back("no output file");
    } else if (read_text(out_dir.file("out")).find(want) == std::string::npos) {
      problems.push_back("the output lacks: " + want + "\noutput: " + read_text(out_dir.file("out")).substr(0, 2000));
    }
    if (out_dir.entries() != std::vector<std::string>{"out"}) problems.push_back("files besides the output");
  } else {
    problems.push_back("MANIFEST.tsv: unknown file state '" + e.state + "'");
  }
  std::string report = "MANIFEST.tsv line " + std::to_string(e.line) + ": geobalance " + e.args + "\nstderr: " + r.err;
  for (const auto& p : problems) report += "\n  - " + p;
  EXPECT_TRUE(problems.empty()) << report;
}

INSTANTIATE_TEST_SUITE_P(Manifest, TrustCorpus, ::testing::ValuesIn(load_manifest()), test_name);

TEST(TrustCorpusManifest, CoversEveryFile) {
  std::set<std::string> listed;
  for (const auto& e : load_manifest()) listed.insert(e.file);
  for (const auto& d : fs::directory_iterator(corpus_dir())) {
    const std::string name = d.path().filename().string();
    if (name == "MANIFEST.tsv") continue;
    EXPECT_TRUE(listed.count(name)) << name << " is in tests/data/trust but not in MANIFEST.tsv";
  }
}

}  // namespace
}  // namespace geobalance::testing
