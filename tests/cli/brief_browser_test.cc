// Issue 7, item 6: the default scenario's brief, rendered by headless Chromium, shows every
// chart its document declares, each non-empty; the screenshot is kept as a test artefact.
#include <filesystem>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> chromium(const std::string& profile) {
  return {"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile};
}

TEST(BriefBrowser, DefaultScenarioBriefDrawsEveryChart) {
  if (!fs::exists("/usr/bin/chromium"))
    GTEST_SKIP() << "/usr/bin/chromium is absent; tools/setup.sh installs Debian's chromium package";
  TempDir d;
  auto run = run_cli({"run", "-o", d.file("out"), "--no-store", "-q", "--replicates", "50"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The charts the brief document declares (the renderer writes the same ids).
  auto results = nlohmann::json::parse(read_text(d.file("out/results.json")));
  std::string html = read_text(d.file("out/brief.html"));
  std::set<std::string> declared;
  std::regex id_re("data-chart-id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator(); ++it)
    declared.insert((*it)[1]);
  // Every section the issue lists has its chart.
  for (const char* id : {"power-shares", "power-coalitions", "power-theatres", "alignment-drift", "armsrace-warheads",
                         "armsrace-milex", "bargaining-s400", "bargaining-us_response", "bargaining-arms_control",
                         "games-us-responses", "games-outcomes", "games-score"})
    EXPECT_TRUE(declared.count(id)) << id;

  TempDir profile;
  auto args = chromium(profile.path());
  args.push_back("--dump-dom");
  args.push_back("file://" + d.file("out/brief.html"));
  auto dom = run_command(args, 120);
  ASSERT_FALSE(dom.timed_out);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  for (const auto& id : declared) {
    auto pos = dom.out.find("data-chart-id=\"" + id + "\"");
    ASSERT_NE(pos, std::string::npos) << id << " missing from the rendered DOM";
    // Non-empty: an SVG chart holds drawn paths, polylines, rects or circles before its end;
    // a table holds at least one data row.
    auto end = std::min(dom.out.find("</svg>", pos), dom.out.find("</table>", pos));
    std::string body = dom.out.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    bool drawn = body.find("<path") != std::string::npos || body.find("<polyline") != std::string::npos ||
                 body.find("<rect") != std::string::npos || body.find("<td") != std::string::npos ||
                 body.find("<circle") != std::string::npos;
    EXPECT_TRUE(drawn) << id << " is empty";
  }
  // Issue 12, item 8: a source line in every section with figures, references at the end,
  // the run id in the provenance; item 2: every interval says its level.
  for (const char* id : {"power", "alignment", "armsrace", "bargaining", "games"}) {
    auto pos = dom.out.find("data-section-id=\"" + std::string(id) + "\"");
    ASSERT_NE(pos, std::string::npos) << id;
    auto next = dom.out.find("<section", pos + 1);
    EXPECT_NE(dom.out.substr(pos, next == std::string::npos ? std::string::npos : next - pos).find("Source: "),
              std::string::npos)
        << id << " has no source line";
  }
  EXPECT_NE(dom.out.find("References"), std::string::npos);
  EXPECT_NE(dom.out.find(results["run"]["run_id"].get<std::string>()), std::string::npos);
  EXPECT_NE(dom.out.find("90% interval"), std::string::npos);

  // The screenshot, kept under <build dir>/artefacts (next to the test binary's folder).
  fs::path artefacts = fs::read_symlink("/proc/self/exe").parent_path().parent_path() / "artefacts";
  fs::create_directories(artefacts);
  std::string png = (artefacts / "default-scenario-brief.png").string();
  args = chromium(profile.path());
  args.push_back("--screenshot=" + png);
  args.push_back("--window-size=1280,6000");
  args.push_back("file://" + d.file("out/brief.html"));
  auto shot = run_command(args, 120);
  ASSERT_FALSE(shot.timed_out);
  ASSERT_TRUE(fs::exists(png)) << shot.err;
  std::string bytes = read_text(png);
  ASSERT_GT(bytes.size(), 100000u);  // a real page, not a blank one
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  RecordProperty("screenshot", png);
}

}  // namespace
}  // namespace geobalance::testing
