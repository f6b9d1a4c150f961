#include "geobalance/io/loaders.h"

#include <cmath>

#include "geobalance/core/world.h"
#include "test_util.h"

namespace geobalance::io {
namespace {

using testing::TempDir;
using testing::write_text;

const char* kNmcHeader = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n";

std::string fixture(TempDir& d, const std::string& name, const std::string& text) {
  write_text(d.file(name), text);
  return d.file(name);
}

TEST(LoadNmc, ReadsMissingAsNanAndPublishedCinc) {
  TempDir d;
  auto p = fixture(d, "nmc.csv", std::string(kNmcHeader) + "USA,2,1816,3823,17,80,254,8659,101,0.039697491,2021\n"
                                                          "UKG,200,1816,-9,255,325,7971,19520,1461,0.33,2021\n");
  auto rows = load_nmc(p);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].abb, "USA");
  EXPECT_EQ(rows[0].component[0], 3823);
  EXPECT_TRUE(std::isnan(rows[1].component[0]));
  EXPECT_DOUBLE_EQ(rows[0].published_cinc, 0.039697491);
}

TEST(LoadNmc, BadInputsEachHaveTheirOwnMessage) {
  TempDir d;
  auto bad = [&](const std::string& body) { return fixture(d, "n.csv", std::string(kNmcHeader) + body); };
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,-5x,17,80,254,8659,101,0.03,2021\n")), InputError,
                   "n.csv:2:12: column 'milex': found '-5x', expected a non-negative number or -9");
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,-5,17,80,254,8659,101,0.03,2021\n")), InputError,
                   "column 'milex': found '-5', expected a non-negative number or -9");
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,nan,17,80,254,8659,101,0.03,2021\n")), InputError,
                   "column 'milex': found 'nan'");
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,,17,80,254,8659,101,0.03,2021\n")), InputError,
                   "n.csv:2:12: column 'milex': found '', expected a non-negative number or -9");
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,1,1,1,1,1,1,0.03,2021\nUSA,2,1816,1,1,1,1,1,1,0.03,2021\n")), InputError,
                   "n.csv:3:1: row: duplicate state-year: ccode 2 in 1816 (first given on line 2)");
  EXPECT_THROW_MSG(load_nmc(bad("USA,0,1816,1,1,1,1,1,1,0.03,2021\n")), InputError,
                   "column 'ccode': found '0', expected a COW country code");
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,18x6,1,1,1,1,1,1,0.03,2021\n")), InputError, "column 'year': found '18x6'");
  write_text(d.file("m.csv"), "stateabb,ccode,year,milex\nUSA,2,1816,1\n");
  EXPECT_THROW_MSG(load_nmc(d.file("m.csv")), InputError, "m.csv:1:1: column 'milper': required but missing");
  EXPECT_THROW_MSG(load_nmc(d.file("absent.csv")), InputError, "absent.csv: file: cannot be opened");
}

// Regressions from the issue 8 bad-input corpus (tests/data/bad/nmc_*.csv).
TEST(LoadNmc, RejectsOneCcodeUnderTwoAbbreviationsAndSignedNumbers) {
  TempDir d;
  auto bad = [&](const std::string& body) { return fixture(d, "n.csv", std::string(kNmcHeader) + body); };
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,1,1,1,1,1,1,0.03,2021\nCAN,2,1817,1,1,1,1,1,1,0.03,2021\n")), InputError,
                   "n.csv:3:1: column 'stateabb': ccode 2 is 'CAN' here but 'USA' on line 2");
  EXPECT_THROW_MSG(load_nmc(bad("USA,2,1816,+-5,1,1,1,1,1,0.03,2021\n")), InputError,
                   "n.csv:2:12: column 'milex': found '+-5', expected a non-negative number or -9");
  write_text(d.file("z.csv"), std::string(kNmcHeader) + std::string("USA,2,18\0", 9));
  EXPECT_THROW_MSG(load_nmc(d.file("z.csv")), InputError, "z.csv:2:9: file: contains a NUL byte");
}

TEST(LoadStates, RejectsEndBeforeStartAndOverlaps) {
  TempDir d;
  const std::string h = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n";
  auto ok = load_cow_states(fixture(d, "s.csv", h + "USA,2,United States,1816,1,1,2016,12,31,2016\n"));
  EXPECT_EQ(ok[0].end.year, 2016);
  EXPECT_THROW_MSG(load_cow_states(fixture(d, "s.csv", h + "USA,2,United States,1816,1,1,1800,12,31,2016\n")), InputError,
                   "s.csv:2:");
  EXPECT_THROW_MSG(load_cow_states(fixture(d, "s.csv", h + "USA,2,US,1816,1,1,1900,12,31,2016\nUSA,2,US,1899,1,1,2016,12,31,2016\n")),
                   InputError, "s.csv:3:1: row: membership spell of ccode 2 overlaps the spell on line 2");
  EXPECT_THROW_MSG(load_cow_states(fixture(d, "s.csv", h + "USA,2,US,1816,13,1,2016,12,31,2016\n")), InputError,
                   "column 'stmonth': found '13', expected a month from 1 to 12");
}

const char* kDyadHeader =
    "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,dyad_st_month,dyad_st_year,dyad_end_day,"
    "dyad_end_month,dyad_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente,asymmetric,version\n";

TEST(LoadAllianceDyads, OpenEndsAndTypeFlags) {
  TempDir d;
  auto rows = load_cow_alliance_dyads(fixture(d, "a.csv", std::string(kDyadHeader) +
                                                             "1,200,\"United Kingdom\",235,\"Portugal\",1,1,1816,,,,1,1,1,0,1,0,0,4.1\n"
                                                             "2,200,\"United Kingdom\",380,\"Sweden\",1,1,1816,15,2,1911,1,0,0,0,0,1,0,4.1\n"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].end.has_value());
  EXPECT_TRUE(rows[0].defense && rows[0].nonaggression && !rows[0].entente);
  EXPECT_EQ(rows[1].end->year, 1911);
}

TEST(LoadAllianceDyads, BadInputs) {
  TempDir d;
  auto bad = [&](const std::string& body) { return fixture(d, "a.csv", std::string(kDyadHeader) + body); };
  EXPECT_THROW_MSG(load_cow_alliance_dyads(bad("2,200,UK,380,SW,1,1,1816,15,2,1800,1,0,0,0,0,1,0,4.1\n")), InputError,
                   "column 'dyad_end_year': found '1800', expected an end year on or after the start year");
  EXPECT_THROW_MSG(load_cow_alliance_dyads(bad("2,200,UK,380,SW,1,1,1816,,,,1,0,2,0,0,1,0,4.1\n")), InputError,
                   "column 'defense': found '2', expected 0, 1 or empty");
  EXPECT_THROW_MSG(load_cow_alliance_dyads(bad("2,200,UK,380,SW,1,1,1816,1,1,1830,1,0,1,0,0,0,0,4.1\n"
                                               "2,200,UK,380,SW,1,1,1820,,,,1,0,1,0,0,0,0,4.1\n")),
                   InputError, "a.csv:3:1: row: alliance 2 spell for ccodes 200-380 overlaps the spell on line 2 (duplicate spell)");
  EXPECT_THROW_MSG(load_cow_alliance_dyads(bad("2,200,UK,200,UK,1,1,1816,,,,1,0,1,0,0,0,0,4.1\n")), InputError,
                   "column 'ccode2': found '200', expected a ccode different from ccode1");
}

TEST(World, UnknownCcodeInAllianceFileIsReportedWithItsLine) {
  TempDir d;
  auto states = load_cow_states(fixture(d, "s.csv",
                                        "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
                                        "UKG,200,United Kingdom,1816,1,1,2016,12,31,2016\n"
                                        "POR,235,Portugal,1816,1,1,2016,12,31,2016\n"));
  auto dyads = load_cow_alliance_dyads(fixture(d, "a.csv", std::string(kDyadHeader) +
                                                              "1,200,UK,235,POR,1,1,1816,,,,1,1,1,0,1,0,0,4.1\n"
                                                              "3,200,UK,999,XX,1,1,1816,,,,1,1,1,0,1,0,0,4.1\n"));
  World::Builder b;
  b.states(states, d.file("s.csv")).alliance_dyads(dyads, d.file("a.csv"));
  EXPECT_THROW_MSG(b.build(), InputError, "a.csv:3: column 'ccode2': found '999', expected a ccode of the state system");
}

TEST(World, ResolvesAbbreviationIsoAndName) {
  World::Builder b;
  b.country(640, "TUR", "Turkey", "TUR").country(2, "USA", "United States of America", "USA").country(255, "GMY", "Germany", "DEU");
  World w = b.build();
  EXPECT_EQ(w.countries().resolve("tur"), 640);
  EXPECT_EQ(w.countries().resolve("DEU"), 255);
  EXPECT_EQ(w.countries().resolve("germany"), 255);
  EXPECT_EQ(w.countries().resolve("640"), 640);
  EXPECT_FALSE(w.countries().resolve("XYZ").has_value());
}

TEST(LoadAtop, ReadsIdsAndRejectsDuplicates) {
  TempDir d;
  const std::string h = "state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,atopid2,version\n";
  auto rows = load_atop_state_year(fixture(d, "t.csv", h + "2,1908,1,0,0,0,0,1,1,1,1455,,5.1\n"));
  EXPECT_EQ(rows[0].atopids, std::vector<int>{1455});
  EXPECT_THROW_MSG(load_atop_state_year(fixture(d, "t.csv", h + "2,1908,1,0,0,0,0,1,1,1,1455,,5.1\n2,1908,1,0,0,0,0,1,1,1,1455,,5.1\n")),
                   InputError, "t.csv:3:1: row: duplicate state-year: state 2 in 1908");
  EXPECT_THROW_MSG(load_atop_state_year(fixture(d, "t.csv", h + "2,1908,1,0,0,0,0,1,1,1,-4,,5.1\n")), InputError,
                   "column 'atopid1': found '-4', expected a non-negative integer");
}

TEST(LoadSipri, SharesMustBeFractions) {
  TempDir d;
  const std::string h = "sipri_country,ccode,stateabb,year,milex_const2023_usd_m,flag_const,milex_share_gdp,flag_share_gdp,milex_current_usd_m,flag_current\n";
  auto rows = load_sipri_milex(fixture(d, "m.csv", h + "Russia,365,RUS,2024,150500,E,0.0705,E,,\n"));
  EXPECT_TRUE(rows[0].estimate);
  EXPECT_TRUE(std::isnan(rows[0].current_usd_m));
  EXPECT_THROW_MSG(load_sipri_milex(fixture(d, "m.csv", h + "Russia,365,RUS,2024,150500,E,7.05,E,,\n")), InputError,
                   "column 'milex_share_gdp': found '7.05', expected a share of GDP as a fraction");
}

TEST(LoadWarheadsAndIdealPoints, ParseAndValidate) {
  TempDir d;
  auto w = load_owid_warheads(fixture(d, "w.csv", "Entity,Code,Year,nuclear_weapons_stockpile\nChina,CHN,2023,410\nWorld,OWID_WRL,2023,12512\n"));
  EXPECT_EQ(w[0].stockpile, 410);
  EXPECT_THROW_MSG(load_owid_warheads(fixture(d, "w.csv", "Entity,Code,Year,nuclear_weapons_stockpile\nChina,CHN,2023,-1\n")),
                   InputError, "column 'nuclear_weapons_stockpile': found '-1', expected a non-negative number");
  auto ip = load_unga_idealpoints(fixture(d, "i.csv", "\"\",\"ccode\",\"session\",\"NVotesAll\",\"IdealPointAll\"\n\"1\",2,1,42,1.729717\n"));
  EXPECT_EQ(ip[0].year, 1946);
  EXPECT_DOUBLE_EQ(ip[0].ideal_point, 1.729717);
}

// One series per call, never spliced (issue 12, item 7): the July 2025 release has no
// all-votes estimate for 2024, only a final-passage one (7 votes for Türkiye); asking for all
// votes leaves 2024 out instead of filling it from the other measure.
TEST(LoadWarheadsAndIdealPoints, IdealPointSeriesAreNeverSpliced) {
  TempDir d;
  const std::string f = fixture(d, "c.csv",
                                "ccode,year,idealpointall,nvotesall,idealpointfp,nvotesfp\n"
                                "640,2023,0.45,226,0.61,9\n"
                                "640,2024,NA,NA,0.528,7\n");
  auto all = load_unga_idealpoints(f);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].year, 2023);
  EXPECT_DOUBLE_EQ(all[0].ideal_point, 0.45);
  EXPECT_EQ(all[0].votes, 226);
  auto fp = load_unga_idealpoints(f, IdealPointSeries::kFinalPassage);
  ASSERT_EQ(fp.size(), 2u);
  EXPECT_DOUBLE_EQ(fp[0].ideal_point, 0.61);
  EXPECT_EQ(fp[0].votes, 9);
  EXPECT_DOUBLE_EQ(fp[1].ideal_point, 0.528);
  EXPECT_EQ(fp[1].votes, 7);
  // A file without the series asked for names the column.
  EXPECT_THROW_MSG(load_unga_idealpoints(fixture(d, "fp.csv", "ccode,year,idealpointfp\n640,2024,0.5\n")), InputError,
                   "idealpointall");
  EXPECT_THROW_MSG(load_unga_idealpoints(fixture(d, "s.csv", "ccode,session,NVotesAll,IdealPointAll\n2,1,42,1.7\n"),
                                         IdealPointSeries::kFinalPassage),
                   InputError, "idealpointfp");
}

// Every shared dataset loads whole and matches the row counts SOURCES.md gives.
TEST(SharedData, EveryLoaderReadsItsPublishedFile) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  const std::string base = *testing::shared_dir() + "/data/";
  EXPECT_EQ(load_nmc(nmc).size(), 15951u);
  auto states = load_cow_states(base + "cow_states/states2016.csv");
  EXPECT_EQ(states.size(), 243u);
  EXPECT_EQ(load_cow_country_codes(base + "cow_states/COW-country-codes.csv").size(), 243u);
  EXPECT_EQ(load_cow_alliance_members(base + "cow_alliance_v4.1/alliance_v4.1_by_member.csv").size(), 1221u);
  EXPECT_EQ(load_cow_alliance_members(base + "cow_alliance_v4.1/alliance_v4.1_by_member_yearly.csv").size(), 21315u);
  EXPECT_EQ(load_cow_alliance_dyads(base + "cow_alliance_v4.1/alliance_v4.1_by_dyad.csv").size(), 3222u);
  EXPECT_EQ(load_cow_alliance_dyads(base + "cow_alliance_v4.1/alliance_v4.1_by_directed.csv").size(), 6444u);
  EXPECT_EQ(load_atop_state_year(base + "atop5_1/atop5_1sy.csv").size(), 11923u);
  EXPECT_EQ(load_sipri_milex(base + "sipri_milex/sipri_milex_subset_1995_2024.csv").size(), 1320u);
  EXPECT_EQ(load_owid_warheads(base + "nuclear_warheads/owid_nuclear-warhead-stockpiles_1945_2023.csv").size(), 869u);
  auto ip = load_unga_idealpoints(base + "unga_idealpoints/IdealpointsJuly2025.csv");
  EXPECT_GT(ip.size(), 11000u);
  // The whole world validates: SOURCES.md says the states2016 spells expand to exactly NMC's
  // state-years, and every alliance ccode is a system member.
  World::Builder b;
  b.states(states, "states2016.csv").nmc(load_nmc(nmc), "nmc").alliance_dyads(
      load_cow_alliance_dyads(base + "cow_alliance_v4.1/alliance_v4.1_by_dyad.csv"), "by_dyad");
  World w = b.build();
  EXPECT_EQ(w.system_members(2016).size(), 195u);  // SOURCES.md: the 195 states of 2016
}

}  // namespace
}  // namespace geobalance::io
