// Every example command in docs/ runs (issue 16, item 6). The rule: a line starting with
// `geobalance ` inside a fenced code block tagged sh, bash or console is an example and must exit
// 0 (run by /bin/sh in a fresh folder, with `geobalance` replaced by this build's CLI and
// `../shared` by the shared data folder; examples naming ../shared are skipped when it is
// absent). A `geobalance ` line in an untagged block is a synopsis and must read as one (it
// holds `[`, `|` or an upper-case placeholder such as FILE), so no example hides there untested.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <regex>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;

struct DocLine {
  std::string file;
  int line = 0;
  std::string lang, text;
};

std::vector<DocLine> doc_command_lines() {
  std::vector<DocLine> out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(source_dir() + "/docs"))
    if (e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const std::regex fence(R"(^\s*```(\w*).*$)");
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line, lang;
    bool in_block = false;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (std::regex_match(line, m, fence)) {
        in_block = !in_block;
        if (in_block) lang = m[1];
        continue;
      }
      std::size_t p = line.find_first_not_of(' ');
      if (in_block && p != std::string::npos && line.compare(p, 11, "geobalance ") == 0)
        out.push_back({f.filename().string(), n, lang, line.substr(p)});
    }
  }
  return out;
}

bool is_synopsis(const std::string& text) {
  if (text.find('[') != std::string::npos || text.find('|') != std::string::npos) return true;
  return std::regex_search(text, std::regex(R"(\b(FILE|PATH|ID|NAME|DIR|N|A:B|A|B)\b)"));
}

TEST(DocsExamples, EveryExampleCommandExitsZero) {
  const auto lines = doc_command_lines();
  ASSERT_FALSE(lines.empty()) << "no geobalance lines found in docs/*.md";
  const auto shared = shared_dir();
  int run = 0, skipped = 0;
  for (const auto& d : lines) {
    const std::string where = "docs/" + d.file + ":" + std::to_string(d.line) + ": " + d.text;
    if (d.lang.empty()) {
      EXPECT_TRUE(is_synopsis(d.text)) << where
                                       << "\nan untagged block's geobalance line must be a synopsis; tag the block "
                                          "```sh if it is an example";
      continue;
    }
    if (d.lang != "sh" && d.lang != "bash" && d.lang != "console") continue;
    std::string cmd = d.text.substr(std::string("geobalance").size());
    if (cmd.find("../shared") != std::string::npos) {
      if (!shared) {
        ++skipped;
        continue;
      }
      for (std::size_t p = cmd.find("../shared"); p != std::string::npos; p = cmd.find("../shared", p))
        cmd.replace(p, 9, *shared), p += shared->size();
    }
    TempDir cwd;
    auto r = run_command({"/bin/sh", "-c", "cd \"$1\" && exec \"$2\"" + cmd, "sh", cwd.path(), cli_path()}, 300);
    ++run;
    EXPECT_FALSE(r.timed_out) << where;
    EXPECT_EQ(r.exit_code, 0) << where << "\nstderr: " << r.err;
  }
  if (skipped) std::cout << skipped << " example(s) need ../shared, which is absent: skipped\n";
  EXPECT_GT(run + skipped, 0);
}

}  // namespace
}  // namespace geobalance::testing
