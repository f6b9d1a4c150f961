// `geobalance game s400-tree` end to end: the forecast, the calibration (as of a date, with a
// held-out case), and bad flags answered with exit code 2 naming the flag, nothing written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace geobalance::testing {
namespace {

std::string reference_class() { return source_dir() + "/data/games/caatsa_reference_class.csv"; }

TEST(GameCli, S400TreeForecastAndCalibration) {
  auto r = run_cli({"game", "s400-tree", "--lambda", "0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // lambda 0: uniform play, P(each US response) = 1/5 (see s400_tree_test.cc).
  EXPECT_THAT(r.out, ::testing::HasSubstr("US: Tolerate                              0.200"));
  auto j = run_cli({"game", "s400-tree", "--calibrate", reference_class(), "--as-of", "2018-12-31", "--holdout",
                    "turkiye_s400", "--format", "json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto doc = nlohmann::json::parse(j.out);
  // As known at the end of 2018 the fit sees China, India, Egypt and Indonesia (Türkiye held
  // out; Saudi Arabia's end is undated).
  EXPECT_EQ(doc["calibration"]["fit_cases"].size(), 4u);
  EXPECT_EQ(doc["calibration"]["holdout_score"]["actual_response"], "F-35 exclusion + targeted CAATSA");
  EXPECT_TRUE(doc["qre"].contains("united_states"));
}

TEST(GameCli, S400TreeBadFlagsExitTwo) {
  TempDir dir;
  auto expect_bad = [&](std::vector<std::string> args, const std::string& needle) {
    args.insert(args.begin(), {"game", "s400-tree"});
    args.push_back("-o");
    args.push_back(dir.file("out.txt"));
    auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << needle;
    EXPECT_THAT(r.err, ::testing::HasSubstr(needle));
    EXPECT_TRUE(dir.entries().empty());
  };
  expect_bad({"--eu-us-sanction", "-4.5"}, "--eu-us-sanction");
  expect_bad({"--prior-congress-high", "nan"}, "--prior-congress-high");
  expect_bad({"--lambda", "-1"}, "--lambda");
  expect_bad({"--as-of", "2018-12-31"}, "--as-of");
  expect_bad({"--calibrate", reference_class(), "--as-of", "2018-13-01"}, "--as-of");
  expect_bad({"--calibrate", reference_class(), "--holdout", "atlantis"}, "--holdout");
  expect_bad({"--calibrate", dir.file("missing.csv")}, "missing.csv");
  expect_bad({"--format", "xml"}, "--format");
}

}  // namespace
}  // namespace geobalance::testing
