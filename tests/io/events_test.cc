// UCDP/PRIO armed conflicts and strategic rivalries: loaders, the Gleditsch-Ward to COW
// mapping and the queries a scenario's context uses.
#include <set>

#include "geobalance/io/loaders.h"
#include "test_util.h"

namespace geobalance::io {
namespace {

using testing::TempDir;
using testing::write_text;

const char* kAcdHeader =
    "\"conflict_id\",\"year\",\"gwno_a\",\"gwno_a_2nd\",\"gwno_b\",\"gwno_b_2nd\",\"incompatibility\","
    "\"intensity_level\",\"type_of_conflict\",\"start_date\",\"start_prec\",\"start_date2\",\"start_prec2\","
    "\"ep_end\",\"ep_end_date\"\n";

// Fixture files live in one folder removed when the test binary exits.
const TempDir& fixtures() {
  static TempDir d;
  return d;
}

std::string acd(const std::string& rows) {
  static int n = 0;
  const std::string path = fixtures().file("acd" + std::to_string(++n) + ".csv");
  write_text(path, kAcdHeader + rows);
  return path;
}

TEST(GwToCow, DocumentedExceptionsAndIdentity) {
  // Gleditsch & Ward (1999): GW keeps 260 for unified Germany, 678 for unified Yemen and
  // codes Serbia 340; COW uses 255, 679 and 345. Most codes are the same in both lists.
  EXPECT_EQ(gw_to_cow(260, 1985), 260);
  EXPECT_EQ(gw_to_cow(260, 1990), 260);
  EXPECT_EQ(gw_to_cow(260, 1991), 255);
  EXPECT_EQ(gw_to_cow(678, 1989), 678);
  EXPECT_EQ(gw_to_cow(678, 1990), 679);
  EXPECT_EQ(gw_to_cow(340, 2010), 345);
  EXPECT_EQ(gw_to_cow(396, 2008), 0);
  EXPECT_EQ(gw_to_cow(397, 2008), 0);
  EXPECT_EQ(gw_to_cow(711, 1950), 0);
  EXPECT_EQ(gw_to_cow(365, 2022), 365);
  EXPECT_EQ(gw_to_cow(369, 2022), 369);
  EXPECT_EQ(gw_to_cow(640, 2016), 640);
}

TEST(UcdpAcd, MergesOneRowPerSecondaryPartyIntoOneConflictYear) {
  // peacesciencer's layout: conflict 1 in 2021 appears once per secondary party of side A.
  auto p = acd(
      "1,2021,432,\"2\",,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,0,\n"
      "1,2021,432,\"220\",,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,0,\n"
      "2,2024,365,\"731\",369,,\"both\",2,\"interstate\",2014-03-18,1,2022-02-24,1,0,\n"
      "3,1995,678,,680,,1,2,2,1994-05-04,1,1994-05-04,1,1,1995-07-07\n"
      // UCDP's "200, 2" on side B, one row each (the 2001 Afghanistan war, conflict 13692).
      "4,2001,700,,200,,\"government\",2,\"interstate\",2001-10-07,1,2001-10-07,1,1,2001-11-13\n"
      "4,2001,700,,2,,\"government\",2,\"interstate\",2001-10-07,1,2001-10-07,1,1,2001-11-13\n");
  auto v = load_ucdp_acd(p);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[3].side_b, (std::vector<int>{200, 2}));
  EXPECT_EQ(v[0].side_a_gw, (std::vector<int>{432, 2, 220}));
  EXPECT_EQ(v[0].type, "internationalized intrastate");
  EXPECT_TRUE(v[0].side_b.empty());
  EXPECT_EQ(v[1].side_a, (std::vector<int>{365, 731}));
  EXPECT_EQ(v[1].side_b, (std::vector<int>{369}));
  EXPECT_EQ(v[1].intensity, 2);
  EXPECT_EQ(v[1].start2, (Date{2022, 2, 24}));
  // Numeric codes as UCDP ships them: 1 = territory, 2 = interstate; GW 678 in 1995 -> COW 679.
  EXPECT_EQ(v[2].incompatibility, "territory");
  EXPECT_EQ(v[2].type, "interstate");
  EXPECT_EQ(v[2].side_a, (std::vector<int>{679}));
  ASSERT_TRUE(v[2].episode_end);
  EXPECT_EQ(*v[2].episode_end, (Date{1995, 7, 7}));
}

TEST(UcdpAcd, BadInputNamesLineColumnAndField) {
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,,,,\"government\",3,\"II\",2009-06-10,1,2012-01-24,1,0,\n")),
                   InputError, ":2:28: column 'intensity_level': found '3', expected 1 (minor) or 2 (war)");
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,,,,\"government\",1,\"civil\",2009-06-10,1,2012-01-24,1,0,\n")),
                   InputError, "column 'type_of_conflict': found 'civil', expected a UCDP conflict type");
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,,,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,1,\n")),
                   InputError, "column 'ep_end_date': found '', expected the episode's end date, since ep_end is 1");
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,\"2, x\",,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,0,\n")),
                   InputError, "column 'gwno_a_2nd': found '2, x', expected Gleditsch-Ward state codes");
  // A repeated row adds no secondary party: a duplicate.
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,\"2\",,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,0,\n"
                                     "1,2021,432,\"2\",,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,0,\n")),
                   InputError, ":3:1: row: duplicate conflict-year: conflict 1 in 2021 (first given on line 2)");
  // Rows of one conflict-year that disagree on anything but the secondary parties.
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,\"2\",,,\"government\",1,\"II\",2009-06-10,1,2012-01-24,1,0,\n"
                                     "1,2021,432,\"20\",,,\"government\",2,\"II\",2009-06-10,1,2012-01-24,1,0,\n")),
                   InputError, "column 'intensity_level': found '2', expected the same value as the row of conflict 1 in 2021 on line 2");
  EXPECT_THROW_MSG(load_ucdp_acd(acd("1,2021,432,,,,\"government\",1,\"II\",2013-06-10,1,2012-01-24,1,0,\n")),
                   InputError, "column 'start_date2': found '2012-01-24', expected an episode start on or after the conflict start (2013-06-10)");
}

TEST(UcdpAcd, ConflictSpellsJoinConsecutiveYearsOfOneIntensity) {
  auto p = acd(
      "7,2014,369,,,\"365\",\"territory\",2,\"II\",2014-04-01,1,2014-04-01,1,0,\n"
      "7,2015,369,,,\"365\",\"territory\",2,\"II\",2014-04-01,1,2014-04-01,1,0,\n"
      "7,2016,369,,,\"365\",\"territory\",1,\"II\",2014-04-01,1,2014-04-01,1,0,\n"
      "9,2022,365,,369,,\"both\",2,\"interstate\",2014-03-18,1,2022-02-24,1,0,\n"
      "9,2023,365,,369,,\"both\",2,\"interstate\",2014-03-18,1,2022-02-24,1,0,\n");
  auto rows = load_ucdp_acd(p);
  auto s = conflict_spells(rows, 365, 369, 2000, 2024);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].first_year, 2014);
  EXPECT_EQ(s[0].last_year, 2015);
  EXPECT_STREQ(intensity_name(s[0].intensity), "war");
  EXPECT_EQ(s[1].first_year, 2016);
  EXPECT_STREQ(intensity_name(s[1].intensity), "minor");
  EXPECT_EQ(s[2].conflict_id, 9);
  EXPECT_EQ(s[2].type, "interstate");
  EXPECT_EQ(s[2].last_year, 2023);
  EXPECT_TRUE(conflict_spells(rows, 365, 2, 2000, 2024).empty());
  EXPECT_EQ(conflict_spells(rows, 369, 365, 2023, 2023).size(), 1u);  // either order, cut to the years
}

// ../shared's v25.1 selection: 5,652 rows that are 2,752 distinct conflict-years (counted
// independently with Python's csv module over (conflict_id, year)); the Russia-Ukraine
// interstate war (UCDP conflict 13243) is a war in 2022, 2023 and 2024, with North Korea (GW
// 731) on Russia's side in 2024.
TEST(UcdpAcd, SharedFileRussiaUkraineWar) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/ucdp_acd/ucdp_acd_v25_1.csv");
  auto rows = load_ucdp_acd(path);
  EXPECT_EQ(rows.size(), 2752u);
  int lo = 9999, hi = 0;
  for (const auto& r : rows) lo = std::min(lo, r.year), hi = std::max(hi, r.year);
  EXPECT_EQ(lo, 1946);
  EXPECT_EQ(hi, 2024);
  auto s = conflict_spells(rows, 365, 369, 2022, 2024);
  ASSERT_FALSE(s.empty());
  const ConflictSpell* war = nullptr;
  for (const auto& x : s)
    if (x.type == "interstate") war = &x;
  ASSERT_NE(war, nullptr);
  EXPECT_EQ(war->conflict_id, 13243);
  EXPECT_STREQ(intensity_name(war->intensity), "war");
  EXPECT_EQ(war->first_year, 2022);
  EXPECT_EQ(war->last_year, 2024);
  for (const auto& r : rows)
    if (r.conflict_id == 13243 && r.year == 2024) EXPECT_EQ(r.side_a, (std::vector<int>{365, 731}));
}

const char* kRivHeader =
    "\"tssr_id\",\"rivalry\",\"ccode1\",\"ccode2\",\"start\",\"end\",\"positional\",\"spatial\",\"ideological\","
    "\"interventionary\",\"principal\",\"aprin\"\n";

std::string riv(const std::string& rows) {
  static int n = 0;
  const std::string path = fixtures().file("riv" + std::to_string(++n) + ".csv");
  write_text(path, kRivHeader + rows);
  return path;
}

TEST(Rivalries, LoadFlagsAndQueries) {
  auto v = load_rivalries(riv("246,\"Russia-United States\",2,365,2007,2020,1,,,,,1\n"
                              "262,\"Russia-Ukraine\",365,369,2014,2020,,1,,1,,1\n"));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(v[0].positional);
  EXPECT_FALSE(v[0].spatial);
  EXPECT_TRUE(v[0].asymmetric_principal);
  EXPECT_EQ(rivalries_between(v, 365, 2, 2010, 2024).size(), 1u);
  EXPECT_TRUE(rivalries_between(v, 2, 365, 1990, 2000).empty());
  EXPECT_EQ(rivalries_between(v, 369, 365, 2014, 2014)[0].id, 262);
}

TEST(Rivalries, BadInputNamesLineColumnAndField) {
  EXPECT_THROW_MSG(load_rivalries(riv("1,\"x\",2,2,2007,2020,,,,,,\n")), InputError,
                   ":2:9: column 'ccode2': found '2', expected a ccode different from ccode1 (2)");
  EXPECT_THROW_MSG(load_rivalries(riv("1,\"x\",2,365,2007,2001,,,,,,\n")), InputError,
                   "column 'end': found '2001', expected an end year on or after the start year 2007");
  EXPECT_THROW_MSG(load_rivalries(riv("1,\"x\",2,365,2007,2020,2,,,,,\n")), InputError,
                   "column 'positional': found '2', expected 1, 0 or empty");
  EXPECT_THROW_MSG(load_rivalries(riv("1,\"x\",2,365,2007,2020,,,,,,\n1,\"y\",2,20,1900,1910,,,,,,\n")), InputError,
                   ":3:1: row: duplicate rivalry id 1 (first given on line 2)");
  EXPECT_THROW_MSG(load_rivalries(riv("1,\"x\",2,365,1990,2010,,,,,,\n2,\"y\",365,2,2007,2020,,,,,,\n")), InputError,
                   "rivalry 2 of ccodes 365-2 (2007-2020) overlaps rivalry 1 on line 2 (1990-2010)");
}

// ../shared: 264 rivalries, 1494-2020 (SOURCES.md §9); USA-RUS has three spells, the
// renewed one from 2007 (id 246), and Russia-Ukraine is id 262 from 2014.
TEST(Rivalries, SharedFile) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "data/rivalries/tss_rivalries_2021.csv");
  auto v = load_rivalries(path);
  EXPECT_EQ(v.size(), 264u);
  auto usa_rus = rivalries_between(v, 2, 365, 1494, 2020);
  EXPECT_EQ(usa_rus.size(), 3u);
  auto now = rivalries_between(v, 2, 365, 2020, 2020);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].id, 246);
  EXPECT_EQ(now[0].start, 2007);
  auto ru = rivalries_between(v, 365, 369, 2020, 2020);
  ASSERT_EQ(ru.size(), 1u);
  EXPECT_EQ(ru[0].id, 262);
}

}  // namespace
}  // namespace geobalance::io
