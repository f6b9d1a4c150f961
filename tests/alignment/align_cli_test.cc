// `geobalance align ...` end to end: exact CSV columns, hand-checked values, streaming to a
// file, and bad input answered with exit code 2, a clear message and no output file.
#include <cmath>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::alignment {
namespace {

using testing::run_cli;
using testing::TempDir;

std::string fixture(const std::string& name) { return testing::source_dir() + "/tests/data/alignment/" + name; }

std::vector<std::string> base(const std::string& dyads_file = "dyads.csv") {
  return {"align", "similarity", "--alliances", fixture(dyads_file), "--system", fixture("states.csv")};
}

TEST(AlignCli, SimilarityCsvHasTheExactColumnsAndHandValues) {
  auto args = base();
  const std::vector<std::string> extra = {"--capabilities", fixture("nmc.csv"), "--years",  "2000:2000",
                                         "--dyads",        "USA-CAN,CAN-RUS",  "--format", "csv"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const io::CsvTable t = io::CsvTable::parse(r.out, "<stdout>");
  const std::vector<std::string> header = {"ccode1", "ccode2",   "year",      "n_system", "s_unw_abs", "s_unw_sq",
                                           "s_w_abs", "s_w_sq", "kappa_abs", "pi_abs",   "taub"};
  EXPECT_EQ(t.header(), header);
  ASSERT_EQ(t.num_rows(), 2u);
  // USA-CAN 2000 is the hand-worked allied dyad of similarity_test.cc (CINC 0.5/0.1/0.3/0.1
  // follows from the fixture's equal components: 50, 10, 30, 10 of 100 in every column).
  EXPECT_EQ(t.get_int(0, 0), 2);
  EXPECT_EQ(t.get_int(0, 1), 20);
  EXPECT_EQ(t.get_int(0, 3), 4);
  EXPECT_NEAR(t.get_double(0, 4), 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(t.get_double(0, 5), 17.0 / 18.0, 1e-12);
  EXPECT_NEAR(t.get_double(0, 6), 0.8, 1e-12);
  EXPECT_NEAR(t.get_double(0, 7), 14.0 / 15.0, 1e-12);
  EXPECT_NEAR(t.get_double(0, 8), 5.0 / 6.0, 1e-12);
  EXPECT_NEAR(t.get_double(0, 9), 39.0 / 47.0, 1e-12);
  EXPECT_NEAR(t.get_double(0, 10), 4.0 / std::sqrt(20.0), 1e-12);
  // CAN-RUS: x = [3,3,0,0], y = [0,0,2,3]: |d| = 3,3,2,3 = 11 -> S = 1 - 2*(11/3)/4 = -5/6.
  EXPECT_NEAR(t.get_double(1, 4), -5.0 / 6.0, 1e-12);
}

TEST(AlignCli, AllDyadsStreamsToAFile) {
  TempDir dir;
  auto args = base();
  const std::vector<std::string> extra = {"--years", "2000:2002", "--format", "csv", "-o", dir.file("all.csv")};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"all.csv"});
  const io::CsvTable t = io::CsvTable::read_file(dir.file("all.csv"));
  EXPECT_EQ(t.num_rows(), 3u * 4u * 3u);  // 3 years x 4*3 directed dyads
  // Without --capabilities the weighted columns are empty.
  EXPECT_TRUE(t.is_missing(0, t.require_column("s_w_abs"), io::Missing::kBlankOrNA));
}

TEST(AlignCli, JsonIsAnArrayOfObjects) {
  auto args = base();
  for (std::string a : {"--years", "2001:2001", "--dyads", "USA-UKG", "--format", "json"}) args.push_back(a);
  const auto r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  // 2001: USA [3,3,2,0], UKG [2,0,3,2]: |d| = 1,3,1,2 = 7 -> S = 1 - 14/12 = -1/6.
  EXPECT_NEAR(j[0]["s_unw_abs"].get<double>(), -1.0 / 6.0, 1e-12);
  EXPECT_TRUE(j[0]["s_w_abs"].is_null());
}

struct BadCase {
  std::vector<std::string> args;
  std::string message;
};

TEST(AlignCli, BadInputExitsTwoWithAClearMessageAndNoOutput) {
  const std::vector<BadCase> cases = {
      {base("dyads_unknown_ccode.csv"), "dyads_unknown_ccode.csv:3: column 'ccode2': found '999', expected a ccode of the state system"},
      {base("dyads_end_before_start.csv"), "dyads_end_before_start.csv:3:"},
      {base("dyads_overlap.csv"), "overlaps the spell on line 2 (duplicate spell)"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    auto args = c.args;
    const std::vector<std::string> extra = {"--years", "2000:2001", "--format", "csv", "-o", dir.file("out.csv")};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_TRUE(dir.entries().empty()) << c.message;
  }
  struct FlagCase {
    std::vector<std::string> extra;
    std::string message;
  };
  const std::vector<FlagCase> flags = {
      {{"--years", "2002:2000"}, "--years: found '2002:2000', expected a year range A:B with A <= B"},
      {{"--years", "2000:2013"}, "--years: found '2000:2013', expected years within 2000:2012"},
      {{"--years", "2000:2000", "--dyads", "USA-XYZ"}, "--dyads: found 'XYZ', expected a COW state abbreviation"},
      {{"--years", "2000:2000", "--dyads", "USA"}, "--dyads: found 'USA', expected all or a list ABB-ABB"},
      // Issue 16 items 3 and 5: bounds named by the flag, never by an internal option.
      {{"--years", "-5:-1"}, "--years: found '-5:-1', expected a year range A:B with A <= B, both from 1000 to 2200"},
      {{"--years", "2000:2000", "--threads", "5000"}, "--threads: found '5000', expected an integer from 0 to 1024"},
      {{"--years", "2000:2000", "--open-end", "99999"}, "--open-end: found '99999', expected an integer from 1000 to 2200"},
  };
  for (const auto& c : flags) {
    TempDir dir;
    auto args = base();
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    args.push_back("-o");
    args.push_back(dir.file("out.csv"));
    const auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_TRUE(dir.entries().empty()) << c.message;
  }
}

TEST(AlignCli, CohesionAndDriftTables) {
  const auto c = run_cli({"align", "cohesion", "--alliances", fixture("dyads.csv"), "--system", fixture("states.csv"),
                          "--members", fixture("members.csv"), "--years", "2000:2001", "--format", "csv"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const io::CsvTable ct = io::CsvTable::parse(c.out, "<stdout>");
  ASSERT_EQ(ct.num_rows(), 2u);
  // Hand values in series_test.cc: 2000 mean -2/9, min -5/6 (CAN-RUS).
  EXPECT_NEAR(ct.get_double(0, ct.require_column("mean_s_unw_abs")), -2.0 / 9.0, 1e-12);
  EXPECT_EQ(ct.get_string(0, ct.require_column("min_pair")), "CAN-RUS");

  const auto d = run_cli({"align", "drift", "--alliances", fixture("dyads.csv"), "--system", fixture("states.csv"),
                          "--idealpoints", fixture("idealpoints.csv"), "--focal", "CAN", "--a", "USA", "--b", "RUS",
                          "--years", "2000:2002", "--trend-window", "2"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_NE(d.out.find("UN ideal-point gap sign changes: 2001 2002; trend changes: 2002"), std::string::npos) << d.out;
}

TEST(AlignCli, RealDataUsaUkg1816MatchesTheHandValue) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(states, "data/cow_states/states2016.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(dyads, "data/cow_alliance_v4.1/alliance_v4.1_by_dyad.csv");
  const auto r = run_cli({"align", "similarity", "--alliances", dyads, "--system", states, "--years", "1816:1816",
                          "--dyads", "USA-UKG", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const io::CsvTable t = io::CsvTable::parse(r.out, "<stdout>");
  ASSERT_EQ(t.num_rows(), 1u);
  EXPECT_NEAR(t.get_double(0, 4), 31.0 / 69.0, 1e-12);  // worked in similarity_test.cc
}

}  // namespace
}  // namespace geobalance::alignment
