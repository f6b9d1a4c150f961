// `geobalance serve`'s flags: a bad port, web folder or scenario file exits 2 with a message
// naming the flag or the file position, before anything is bound. (The running server is
// tested over loopback in tests/server/.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace geobalance::testing {
namespace {

using ::testing::HasSubstr;

TEST(ServeCli, BadFlagsExitTwoNamingTheFlag) {
  auto port = run_cli({"serve", "--port", "70000"});
  EXPECT_EQ(port.exit_code, 2);
  EXPECT_THAT(port.err, HasSubstr("--port: found '70000', expected an integer from 0 to 65535"));
  auto neg = run_cli({"serve", "--port", "-1"});
  EXPECT_EQ(neg.exit_code, 2);
  TempDir d;
  auto web = run_cli({"serve", "--port", "0", "--no-store", "--web", d.file("nothing")});
  EXPECT_EQ(web.exit_code, 2);
  EXPECT_THAT(web.err, HasSubstr("--web: found"));
  auto threads = run_cli({"serve", "--threads", "5000"});
  EXPECT_EQ(threads.exit_code, 2);
  EXPECT_THAT(threads.err, HasSubstr("--threads"));
}

TEST(ServeCli, BadScenarioFileStopsAtStartWithItsPosition) {
  TempDir d;
  write_text(d.file("bad.toml"), "schema = 1\n[scenario]\nname = \"x\"\ncolour = \"red\"\n");
  auto r = run_cli({"serve", "--port", "0", "--no-store", "--scenario", d.file("bad.toml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr(d.file("bad.toml") + ":"));
}

}  // namespace
}  // namespace geobalance::testing
