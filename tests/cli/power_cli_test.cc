// End-to-end tests of `geobalance power ...`: output columns, exit codes, messages, and that
// a failed run leaves no output file behind.
#include "test_util.h"

namespace geobalance::testing {
namespace {

TEST(PowerCli, CincCsvStartsWithTheDocumentedColumnsAndMatchesCow) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  auto r = run_cli({"power", "cinc", "--nmc", nmc, "--states", "TUR", "--years", "2016:2016", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // COW's published 2016 value for TUR (SOURCES.md): 0.014790365.
  EXPECT_THAT(r.out, ::testing::StartsWith("ccode,stateabb,year,cinc,"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("640,TUR,2016,0.01479036"));
}

TEST(PowerCli, MalformedNmcCellExitsTwoWithPositionAndNoOutputFile) {
  TempDir d;
  write_text(d.file("bad.csv"),
             "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\nUSA,2,1816,-5x,17,80,254,8659,101,0.03,2021\n");
  auto r = run_cli({"power", "cinc", "--nmc", d.file("bad.csv"), "--format", "csv", "-o", d.file("out.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("bad.csv:2:12: column 'milex': found '-5x', expected a non-negative number or -9"));
  EXPECT_EQ(d.entries(), std::vector<std::string>{"bad.csv"});  // nothing half-written
}

TEST(PowerCli, BadFlagsExitTwoWithClearMessages) {
  auto r = run_cli({"power", "balance", "--years", "2024:1995"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--years: found '2024:1995', expected a year range A:B with A <= B"));
  r = run_cli({"power", "balance", "--actors", "USA,XXX"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--actors: found unknown state 'XXX'"));
  r = run_cli({"power", "balance", "--weights", "milex=-1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("weight of 'milex' is '-1'"));
  r = run_cli({"power", "balance", "--coalition", "RUS+RUS"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("state 'RUS' appears twice"));
  r = run_cli({"power", "transition", "--a", "CHN", "--b", "USA", "--band", "1.2:1.5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--band: found '1.2:1.5'"));
  r = run_cli({"power", "theatre", "--theatre", "Arctic"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--theatre: found 'Arctic', expected all or one of: Baltic, Black Sea, Eastern Mediterranean"));
  r = run_cli({"power", "theatre", "--mpd", "-3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("miles_per_day is -3, but must be finite and > 0"));
  r = run_cli({"power", "cinc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("--nmc is required"));
  r = run_cli({"power", "nonsense"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(PowerCli, BalanceCoalitionTotalsAreSumsOfMembers) {
  // RUS+CHN's column must equal RUS + CHN in the same row (a sum written out, not a
  // stored value): parse the 2024 CSV row.
  auto r = run_cli({"power", "balance", "--years", "2024:2024", "--actors", "RUS,CHN", "--coalition", "RUS+CHN",
                    "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto line = r.out.substr(r.out.find('\n') + 1);
  double year, rus, chn, both;
  ASSERT_EQ(std::sscanf(line.c_str(), "%lf,%lf,%lf,%lf", &year, &rus, &chn, &both), 4) << r.out;
  EXPECT_EQ(year, 2024);
  EXPECT_NEAR(both, rus + chn, 1e-12);
}

TEST(PowerCli, BuiltinDataErrorsNameTheFile) {
  TempDir d;
  for (const char* f : {"countries.csv", "theatres.csv", "capabilities.csv"})
    write_text(d.file(f), read_text(source_dir() + "/data/" + f));
  write_text(d.file("nato_members.csv"),
             "ccode,stateabb,name,accession_date,exit_date,source\n2,USA,United States,1949-02-30,,x\n");
  auto r = run_cli({"power", "balance", "--data", d.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("nato_members.csv:2:21: column 'accession_date': found '1949-02-30', expected a date YYYY-MM-DD"));
}

}  // namespace
}  // namespace geobalance::testing

namespace geobalance::testing {
namespace {

// Two independent membership sources: data/nato_members.csv (accession dates) and ATOP 5.1
// (atopid 3180). By 2012 both list the same 28 members (FACTS.md: ATOP dates from protocol
// signature, a year early, so 2004/2009 entrants are in both by 2012), so NATO's CINC total
// must agree; COW v4.1 (id 227) omits the 2004 and 2009 enlargements and must be smaller.
TEST(PowerCli, NatoFromTableAtopAndCowAlliances) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  const std::string base = *shared_dir() + "/data/";
  auto r = run_cli({"power", "balance", "--nmc", nmc, "--years", "2012:2012", "--actors", "USA", "--coalition", "NATO",
                    "--coalition", "ATOP=atop:3180", "--coalition", "COW=cow:227", "--atop", base + "atop5_1/atop5_1sy.csv",
                    "--alliances", base + "cow_alliance_v4.1/alliance_v4.1_by_member.csv", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto line = r.out.substr(r.out.find('\n') + 1);
  double year, usa, nato, atop, cow;
  ASSERT_EQ(std::sscanf(line.c_str(), "%lf,%lf,%lf,%lf,%lf", &year, &usa, &nato, &atop, &cow), 5) << r.out;
  EXPECT_NEAR(nato, atop, 1e-12);
  EXPECT_LT(cow, nato);
}

}  // namespace
}  // namespace geobalance::testing
