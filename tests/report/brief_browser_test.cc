// Issue 7 item 6: the brief rendered by a real browser. Debian's headless Chromium loads
// the fixture's HTML from a file; the dumped DOM must hold every chart with drawn content,
// and the screenshot must be a real picture. The screenshot is kept as a test artefact in
// <build dir>/artefacts/brief.png (or $GEOBALANCE_ARTEFACTS_DIR/brief.png).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "geobalance/report/brief.h"
#include "report_test_util.h"
#include "test_util.h"

namespace geobalance::report {
namespace {

namespace fs = std::filesystem;
using testing::chart_markup;
using testing::count;

constexpr const char* kChromium = "/usr/bin/chromium";

struct RunResult {
  int exit_code = -1;
  bool timed_out = false;
};

/// Runs argv (no shell) with stdout and stderr sent to files; kills the process group after
/// `timeout`.
RunResult run(const std::vector<std::string>& argv, const std::string& out_path, const std::string& err_path,
              std::chrono::seconds timeout) {
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  RunResult r;
  if (pid < 0) return r;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);  // the browser's own process group, started above
      waitpid(pid, &status, 0);
      r.timed_out = true;
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(-pid, SIGKILL);  // helpers the browser may have left behind in its group
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> chromium_args(const std::string& profile) {
  return {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--user-data-dir=" + profile};
}

/// <build dir>/artefacts: the test binary lives in <build dir>/tests/.
fs::path artefacts_dir() {
  if (const char* env = std::getenv("GEOBALANCE_ARTEFACTS_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fs::temp_directory_path() / "geobalance-artefacts";
  return exe.parent_path().parent_path() / "artefacts";
}

std::uint32_t be32(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

class BrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kChromium))
      GTEST_SKIP() << kChromium << " is absent; install Debian's chromium package (tools/setup.sh) to run the "
                   << "headless-browser test of the HTML brief";
    html_path_ = dir_.file("brief.html");
    ::geobalance::testing::write_text(html_path_, render_brief_html(testing::load_fixture()));
  }
  ::geobalance::testing::TempDir dir_;
  std::string html_path_;
};

TEST_F(BrowserTest, DumpedDomHoldsEveryChartWithDrawnContent) {
  ::geobalance::testing::TempDir profile;
  auto args = chromium_args(profile.path());
  args.push_back("--dump-dom");
  args.push_back("file://" + html_path_);
  const RunResult r = run(args, dir_.file("dom.html"), dir_.file("stderr.txt"), std::chrono::seconds(120));
  ASSERT_FALSE(r.timed_out) << "chromium did not finish within 120 s";
  ASSERT_EQ(r.exit_code, 0) << ::geobalance::testing::read_text(dir_.file("stderr.txt"));
  const std::string dom = ::geobalance::testing::read_text(dir_.file("dom.html"));
  ASSERT_THAT(dom, ::testing::HasSubstr("</html>"));

  const nlohmann::json doc = testing::load_fixture();
  int seen = 0;
  for (const auto& section : doc["sections"]) {
    for (const auto& chart : section["charts"]) {
      const std::string id = chart["id"], type = chart["type"];
      SCOPED_TRACE(id);
      const std::string m = chart_markup(dom, id);
      ASSERT_FALSE(m.empty()) << "chart missing from the browser's DOM";
      ++seen;
      if (type == "table") {
        EXPECT_TRUE(m.starts_with("<table")) << m.substr(0, 80);
        EXPECT_EQ(count(m, "<tr>") - 1, static_cast<int>(chart["rows"].size()));
        continue;
      }
      EXPECT_TRUE(m.starts_with("<svg")) << m.substr(0, 80);
      EXPECT_THAT(m, ::testing::HasSubstr("class=\"chart chart-" + type + "\""));
      // Drawn content: at least one series group holding a line, dot, bar or cell.
      const std::size_t g = m.find("data-series=");
      ASSERT_NE(g, std::string::npos);
      const std::string drawn = m.substr(g);
      EXPECT_TRUE(drawn.find("<path class=\"line\"") != std::string::npos ||
                  drawn.find("<rect class=\"bar\"") != std::string::npos ||
                  drawn.find("<rect class=\"cell\"") != std::string::npos ||
                  drawn.find("<circle") != std::string::npos);
    }
  }
  EXPECT_EQ(seen, 8);
}

TEST_F(BrowserTest, ScreenshotIsAPictureAndIsKeptAsAnArtefact) {
  ::geobalance::testing::TempDir profile;
  const std::string png_path = dir_.file("brief.png");
  auto args = chromium_args(profile.path());
  args.push_back("--screenshot=" + png_path);
  args.push_back("--window-size=1280,4000");
  args.push_back("file://" + html_path_);
  const RunResult r = run(args, dir_.file("stdout.txt"), dir_.file("stderr.txt"), std::chrono::seconds(120));
  ASSERT_FALSE(r.timed_out) << "chromium did not finish within 120 s";
  ASSERT_EQ(r.exit_code, 0) << ::geobalance::testing::read_text(dir_.file("stderr.txt"));
  ASSERT_TRUE(fs::exists(png_path));

  std::ifstream in(png_path, std::ios::binary);
  const std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(png.size(), 100u * 1024) << "a page of charts compresses to far more than 100 KB";
  ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  ASSERT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(png, 16), 1280u);  // width
  EXPECT_EQ(be32(png, 20), 4000u);  // height
  // The compressed image data of a blank page is a few repeated bytes; charts are not.
  const std::size_t idat = png.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  std::set<char> distinct(png.begin() + static_cast<long>(idat) + 4,
                          png.begin() + static_cast<long>(std::min(png.size(), idat + 4 + 400)));
  EXPECT_GT(distinct.size(), 100u);

  const fs::path dest = artefacts_dir();
  std::error_code ec;
  fs::create_directories(dest, ec);
  fs::copy_file(png_path, dest / "brief.png", fs::copy_options::overwrite_existing, ec);
  EXPECT_FALSE(ec) << "could not keep the screenshot in " << dest << ": " << ec.message();
  fs::copy_file(html_path_, dest / "brief.html", fs::copy_options::overwrite_existing, ec);
  RecordProperty("screenshot", (dest / "brief.png").string());
}

}  // namespace
}  // namespace geobalance::report
