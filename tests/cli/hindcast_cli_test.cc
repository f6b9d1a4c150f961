// End-to-end tests of `geobalance hindcast` (docs/hindcast.md): a hand-worked score on the
// tiny scenario, the not-covered statement listed and not scored, and bad outcome files exit
// 2 naming the position with nothing written.
#include <filesystem>

#include "test_util.h"

namespace geobalance::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string tiny() { return source_dir() + "/tests/data/scenario/tiny.toml"; }

const char* kHeader = "id,question,statement,resolves_by,outcome,resolved_on,maps_to,quantity,reference,source\n";

TEST(HindcastCli, ScoresTheTinyScenarioByHand) {
  TempDir d;
  write_text(d.file("o.csv"), std::string(kHeader) +
                                  "fell,balance,The ratio falls,2024-12-31,1,2025-04-28,power,power:ratio_last<first,,src\n"
                                  "deal,q1,A deal,2024-12-31,0,2024-12-31,bargaining,bargaining:x:p_above,,src\n");
  auto r = run_cli({"hindcast", tiny(), "--outcomes", d.file("o.csv"), "--format", "csv", "-o", d.file("out")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // tiny.toml (tests/scenario/run_test.cc): the NATO / RUS+CHN ratio is 1.5 in 2019 and 1.2 in
  // 2021 in every one of its 3 replicates (no uncertainty declared): 3 of 3 below, p = 3.5 / 4
  // = 0.875, Brier 0.125^2 = 0.015625, log -ln 0.875 = 0.13353139262452263.
  EXPECT_THAT(r.out, HasSubstr("fell,balance,1,3,3,0.875,0.015625,0.13353139262452"));
  // The bargaining statement: no such answer; listed, not scored (k, n, p and scores empty).
  EXPECT_THAT(r.out, HasSubstr("deal,q1,0,,,,,,,,,,,not covered: no bargaining answer on issue 'x'"));
  for (const char* f : {"out/hindcast.json", "out/statements.csv", "out/reliability.csv"})
    EXPECT_TRUE(fs::exists(d.file(f))) << f;
  const std::string json = read_text(d.file("out/hindcast.json"));
  EXPECT_THAT(json, HasSubstr("\"covered\": false"));
  // Table format: the pooled sentence (one statement scored: Brier 0.016 < 0.25).
  r = run_cli({"hindcast", tiny(), "--outcomes", d.file("o.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 of 2 statements covered and scored; 1 not covered"));
  EXPECT_THAT(r.out, HasSubstr("mean Brier 0.016 (better than 50/50's 0.250)"));
}

TEST(HindcastCli, RunWithOutcomesAddsTheTrackRecordToTheBriefAndResults) {
  TempDir d;
  write_text(d.file("o.csv"), std::string(kHeader) +
                                  "fell,balance,The ratio falls,2024-12-31,1,2025-04-28,power,power:ratio_last<first,,src\n");
  auto r = run_cli({"run", tiny(), "--outcomes", d.file("o.csv"), "-o", d.file("out"), "--no-store", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_text(d.file("out/brief.html"));
  EXPECT_THAT(html, HasSubstr("data-section-id=\"hindcast\""));
  EXPECT_THAT(html, HasSubstr("Track record: the 2021 hindcast"));  // tiny.toml: as_of 2021-12-31
  EXPECT_THAT(html, HasSubstr("0.875 (3 of 3 replicates)"));        // worked above
  const std::string results = read_text(d.file("out/results.json"));
  EXPECT_THAT(results, HasSubstr("\"hindcasts\""));
  // The printed summary carries the pooled line beside the answers: p = 0.875, it happened, so
  // Brier (1 - 0.875)^2 = 0.015625 against 50/50's 0.25.
  EXPECT_THAT(r.out, HasSubstr("hindcast   "));
  EXPECT_THAT(r.out, HasSubstr("1 of 1 statements covered and scored"));
  EXPECT_THAT(r.out, HasSubstr("mean Brier 0.016 (better than 50/50's 0.250)"));
  // A hindcast scenario needs an outcome file; --no-hindcast and --outcomes exclude each other;
  // a bad outcome file stops the run before anything is written.
  r = run_cli({"run", tiny(), "--hindcast-scenario", tiny(), "-o", d.file("out2"), "--no-store", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--hindcast-scenario"));
  r = run_cli({"run", tiny(), "--no-hindcast", "--outcomes", d.file("o.csv"), "-o", d.file("out2"), "--no-store", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  write_text(d.file("bad.csv"), std::string(kHeader) + "a,q1,S,2019-12-31,1,2019-07-17,m,none,,src\n" +
                                    "a,q1,S,2019-12-31,1,2019-07-17,m,none,,src\n");
  r = run_cli({"run", tiny(), "--outcomes", d.file("bad.csv"), "-o", d.file("out2"), "--no-store", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.csv:3:1: column 'id'"));
  EXPECT_FALSE(fs::exists(d.file("out2")));
}

TEST(HindcastCli, BadOutcomeFilesExitTwoAndWriteNothing) {
  TempDir d;
  const std::string row = "a,q1,S,2019-12-31,1,2019-07-17,m,none,,src\n";
  struct Case {
    const char* name;
    std::string text;
    const char* message;
  };
  const std::vector<Case> cases{
      {"outcome.csv", std::string(kHeader) + "a,q1,S,2019-12-31,yes,2019-07-17,m,none,,src\n",
       "outcome.csv:2:19: column 'outcome': found 'yes', expected 0 or 1"},
      {"date.csv", std::string(kHeader) + "a,q1,S,2019-02-30,1,2019-07-17,m,none,,src\n",
       "date.csv:2:8: column 'resolves_by': found '2019-02-30', expected a date YYYY-MM-DD"},
      {"quantity.csv", std::string(kHeader) + "a,q1,S,2019-12-31,1,2019-07-17,m,power:ratio_up,,src\n",
       "quantity.csv:2:34: column 'quantity': found 'power:ratio_up'"},
      {"dup.csv", std::string(kHeader) + row + row, "dup.csv:3:1: column 'id': found 'a'"},
  };
  for (const auto& c : cases) {
    write_text(d.file(c.name), c.text);
    auto r = run_cli({"hindcast", tiny(), "--outcomes", d.file(c.name), "-o", d.file("out")});
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.name;
    EXPECT_FALSE(fs::exists(d.file("out"))) << c.name;
  }
  auto r = run_cli({"hindcast", tiny(), "--outcomes", d.file("missing.csv"), "-o", d.file("out")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("missing.csv"));
  EXPECT_FALSE(fs::exists(d.file("out")));
  r = run_cli({"hindcast", tiny()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--outcomes"));
}

}  // namespace
}  // namespace geobalance::testing
