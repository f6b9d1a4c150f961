// The dashboard in Debian's headless Chromium (web/test/browser.mjs, puppeteer-core over the
// DevTools protocol): loads the page served by this build's CLI, moves one control and
// checks that the affected answers change and the others stay. The screenshots are kept in
// <build>/artefacts/. Skips with a message where node, Chromium, the built page or the CLI
// is absent.
#include <filesystem>

#include <gtest/gtest.h>

#include "test_util.h"

namespace {

namespace fs = std::filesystem;

TEST(ServerBrowser, MovingOneControlMovesOnlyTheAffectedAnswers) {
  const std::string node = "/usr/bin/node";
  const fs::path web = fs::path(geobalance::testing::source_dir()) / "web";
  const fs::path cli = geobalance::testing::cli_path();
  if (!fs::exists(node)) GTEST_SKIP() << "node is absent (Debian package nodejs; tools/setup.sh installs it)";
  if (!fs::exists("/usr/bin/chromium")) GTEST_SKIP() << "Chromium is absent (Debian package chromium)";
  if (!fs::exists(web / "node_modules" / "puppeteer-core")) GTEST_SKIP() << "web/node_modules is absent (cd web && npm ci)";
  if (!fs::exists(web / "dist" / "index.html")) GTEST_SKIP() << "the page is not built (cd web && npm run build)";
  if (!fs::exists(cli)) GTEST_SKIP() << "the CLI is not built at " << cli.string();
  const fs::path artefacts = cli.parent_path().parent_path() / "artefacts";
  auto r = geobalance::testing::run_command({node, (web / "test" / "browser.mjs").string(), "--cli", cli.string(), "--out", artefacts.string()}, 600);
  if (r.exit_code == 77) GTEST_SKIP() << r.out;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::exists(artefacts / "serve-dashboard-1400.png"));
  EXPECT_TRUE(fs::exists(artefacts / "serve-dashboard-800.png"));
}

}  // namespace
