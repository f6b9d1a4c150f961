// The bad-input corpus (issue 8, item 3): every file in tests/data/bad/ is run through the
// CLI as tests/data/bad/MANIFEST.tsv says, and must fail with the expected exit code (2), an
// `error: ...` message holding the expected text (file:line:col where the input has one), no
// sanitizer report, and no output file left behind.
//
// MANIFEST.tsv: one entry per line, tab-separated: file, arguments (separated by single
// spaces), exit code, expected message substring. Lines starting with '#' are comments.
// Placeholders in the arguments:
//   {file}        tests/data/bad/<file>
//   {out}         an output path inside a fresh, otherwise empty folder (checked empty after)
//   {missing}     a path that does not exist
//   {src}         the source folder (for good fixtures the entry needs besides the bad file)
//   {data:NAME}   a copy of the built-in data/ folder with NAME replaced by {file}
//   {shared:REL}  ../shared/REL; the entry is skipped when that file is absent
// A file of "-" means the entry tests flags only. A file prefixed with '!' is an open finding
// in a module this test does not own: while it fails the test is skipped with what the tool
// printed; once it passes, the '!' should be dropped.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <iostream>
#include <sstream>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;

struct Entry {
  int line = 0;  // in MANIFEST.tsv
  std::string file;
  std::string args;
  int exit_code = 2;
  std::string message;
  bool open_finding = false;  // file prefixed with '!'
};

std::string bad_dir() { return source_dir() + "/tests/data/bad"; }

std::vector<Entry> load_manifest() {
  std::vector<Entry> out;
  for (const ManifestLine& m : read_manifest(bad_dir() + "/MANIFEST.tsv", 4)) {
    Entry e;
    e.line = m.line;
    if (!m.problem.empty()) {
      e.file = "MANIFEST.tsv";  // reported by the test as a malformed entry
      e.exit_code = -1;
      e.message = m.problem;
    } else {
      e.file = m.fields[0];
      if (!e.file.empty() && e.file[0] == '!') {
        e.open_finding = true;
        e.file.erase(0, 1);
      }
      e.args = m.fields[1];
      e.exit_code = std::atoi(m.fields[2].c_str());
      e.message = m.fields[3];
    }
    out.push_back(e);
  }
  return out;
}

std::string test_name(const ::testing::TestParamInfo<Entry>& info) {
  return manifest_test_name(info.param.line, info.param.file);
}

class BadCorpus : public ::testing::TestWithParam<Entry> {};

TEST_P(BadCorpus, FailsWithExitCodeMessageAndNoOutputFile) {
  const Entry& e = GetParam();
  ASSERT_NE(e.exit_code, -1) << "MANIFEST.tsv: " << e.message;
  const std::string file = bad_dir() + "/" + e.file;
  if (e.file != "-") ASSERT_TRUE(fs::exists(file)) << "MANIFEST.tsv line " << e.line << ": no file " << file;
  TempDir out_dir;   // must stay empty
  TempDir data_dir;  // {data:NAME}
  std::vector<std::string> args;
  std::stringstream ss(e.args);
  std::string a;
  while (ss >> a) {
    a = replace_all(a, "{file}", file);
    a = replace_all(a, "{out}", out_dir.file("out"));
    a = replace_all(a, "{missing}", out_dir.file("missing/absent.csv"));
    a = replace_all(a, "{src}", source_dir());
    if (auto p = a.find("{shared:"); p != std::string::npos) {
      auto q = a.find('}', p);
      std::string rel = a.substr(p + 8, q - p - 8);
      auto path = shared_file(rel);
      if (!path) GTEST_SKIP() << "../shared/" << rel << " is absent";
      a.replace(p, q - p + 1, *path);
    }
    if (auto p = a.find("{data:"); p != std::string::npos) {
      auto q = a.find('}', p);
      std::string name = a.substr(p + 6, q - p - 6);
      for (const auto& d : fs::directory_iterator(source_dir() + "/data"))
        if (d.is_regular_file()) fs::copy_file(d.path(), data_dir.file(d.path().filename().string()));
      fs::copy_file(file, data_dir.file(name), fs::copy_options::overwrite_existing);
      a.replace(p, q - p + 1, data_dir.path());
    }
    args.push_back(a);
  }
  std::string cmd = "geobalance";
  for (const auto& x : args) cmd += " " + x;
  // Under the sanitizers an open finding may end in a sanitizer report (tools/sanitize.sh
  // fails on any), which would only repeat what the finding already says.
  if (e.open_finding && kSanitized) GTEST_SKIP() << "open finding, not run under sanitizers: " << cmd;
  auto r = run_cli(args);
  std::vector<std::string> problems;
  if (r.exit_code != e.exit_code)
    problems.push_back("exit code " + std::to_string(r.exit_code) + ", expected " + std::to_string(e.exit_code));
  if (r.err.rfind("error: ", 0) != 0) problems.push_back("stderr does not start with 'error: '");
  if (r.err.find(e.message) == std::string::npos) problems.push_back("stderr lacks the expected message: " + e.message);
  // An input error is never an "internal error" (an exception other than InputError).
  if (r.err.find("internal error") != std::string::npos) problems.push_back("an internal error");
  if (r.err.find("Sanitizer") != std::string::npos || r.err.find("runtime error") != std::string::npos)
    problems.push_back("a sanitizer report");
  if (!out_dir.entries().empty()) problems.push_back("an output file was left behind");
  std::string report = cmd + "\nstderr: " + r.err;
  for (const auto& p : problems) report += "\n  - " + p;
  if (problems.empty()) {
    if (e.open_finding)
      std::cout << "MANIFEST.tsv line " << e.line << ": this open finding is fixed; drop the '!'\n";
    return;
  }
  if (e.open_finding) GTEST_SKIP() << "open finding (another module's): " << report;
  ADD_FAILURE() << report;
}

INSTANTIATE_TEST_SUITE_P(Manifest, BadCorpus, ::testing::ValuesIn(load_manifest()), test_name);

TEST(BadCorpusManifest, CoversEveryFileAndAtLeastForty) {
  std::set<std::string> listed;
  for (const auto& e : load_manifest()) listed.insert(e.file);
  std::size_t files = 0;
  for (const auto& d : fs::directory_iterator(bad_dir())) {
    std::string name = d.path().filename().string();
    if (name == "MANIFEST.tsv" || name == "README.md") continue;
    ++files;
    EXPECT_TRUE(listed.count(name)) << name << " is in tests/data/bad but not in MANIFEST.tsv";
  }
  EXPECT_GE(files, 40u);
}

}  // namespace
}  // namespace geobalance::testing
