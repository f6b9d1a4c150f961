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
  std::ifstream in(bad_dir() + "/MANIFEST.tsv");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string part;
    while (std::getline(ss, part, '\t')) f.push_back(part);
    Entry e;
    e.line = n;
    if (f.size() != 4) {
      e.file = "MANIFEST.tsv";  // reported by the test as a malformed entry
      e.exit_code = -1;
      e.message = "line " + std::to_string(n) + " has " + std::to_string(f.size()) + " fields, expected 4";
    } else {
      e.file = f[0];
      if (!e.file.empty() && e.file[0] == '!') {
        e.open_finding = true;
        e.file.erase(0, 1);
      }
      e.args = f[1];
      e.exit_code = std::atoi(f[2].c_str());
      e.message = f[3];
    }
    out.push_back(e);
  }
  return out;
}

std::string test_name(const ::testing::TestParamInfo<Entry>& info) {
  std::string s = "L" + std::to_string(info.param.line) + "_" + info.param.file;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
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
