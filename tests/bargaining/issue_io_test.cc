// Issue readers: KTAB CSV (as smpc reads it), geobalance TOML and CSV, format detection, and
// every bad-input path with its exact message (file:line:col: field: found ..., expected ...).
#include "geobalance/bargaining/issue_io.h"

#include <string>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "geobalance/bargaining/smp.h"
#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

using geobalance::testing::source_dir;
using geobalance::testing::TempDir;
using geobalance::testing::write_text;

std::string fixture(const std::string& name) { return source_dir() + "/tests/data/bargaining/" + name; }

// Checks the issue in tests/data/bargaining/three_actors*: every format holds the same numbers.
void expect_three_actors(const Issue& is) {
  ASSERT_EQ(is.actors.size(), 3u);
  ASSERT_EQ(is.dimensions.size(), 2u);
  EXPECT_EQ(is.dimensions[0], "P1");
  EXPECT_EQ(is.dimensions[1], "P2");
  EXPECT_EQ(is.scale_min, 0);
  EXPECT_EQ(is.scale_max, 100);
  EXPECT_EQ(is.actors[0].name, "A");
  EXPECT_EQ(is.actors[1].description, "second");
  EXPECT_EQ(is.actors[2].description, "");
  EXPECT_EQ(is.actors[0].capability, 10);
  EXPECT_EQ(is.actors[2].capability, 30);
  EXPECT_EQ(is.actors[1].position, (std::vector<double>{60, 10}));
  // Saliences are stored in [0, 1]: the input's 40 and 20 divided by 100.
  EXPECT_EQ(is.actors[1].salience, (std::vector<double>{0.4, 0.2}));
}

TEST(KtabCsv, ReadsFixtureWithQuotedCommaAndTrailingComma) {
  const Issue is = read_ktab_csv(fixture("three_actors_ktab.csv"));
  expect_three_actors(is);
  EXPECT_EQ(is.name, "Three");
}

TEST(KtabCsv, ReadsKtabExamples) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(a080, "ktab/data/dummyData-a080.csv");
  const Issue is = read_ktab_csv(a080);
  EXPECT_EQ(is.actors.size(), 80u);
  EXPECT_EQ(is.dimensions, std::vector<std::string>{"XYZ Position"});
  EXPECT_EQ(is.actors[0].name, "Act-1001");
  EXPECT_EQ(is.actors[0].capability, 1.73);
  EXPECT_EQ(is.actors[0].position[0], 63.03);
  EXPECT_EQ(is.actors[0].salience[0], 43.31 / 100);
  GEOBALANCE_SHARED_FILE_OR_SKIP(six, "ktab/data/dummyData_6Dim.csv");
  const Issue is6 = read_ktab_csv(six);
  EXPECT_EQ(is6.actors.size(), 27u);
  EXPECT_EQ(is6.dimensions.size(), 6u);
  EXPECT_EQ(is6.dimensions[5], "Dim5 Position");
}

TEST(KtabCsv, CrlfAndExtraLinesAreFine) {
  TempDir dir;
  const std::string p = dir.file("crlf.csv");
  write_text(p, "S,d,3,1\r\nActor,Desc,Power,X,Y\r\na,,1,0,100\r\nb,,2,50,50\r\nc,,3,100,0.5\r\nnot read,,,\r\n");
  const Issue is = read_ktab_csv(p);
  ASSERT_EQ(is.actors.size(), 3u);
  EXPECT_EQ(is.actors[2].position[0], 100);
  EXPECT_EQ(is.actors[2].salience[0], 0.005);
}

struct BadCase {
  const char* name;
  const char* text;
  const char* message;  // after "<path>:"
};

class KtabCsvBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(KtabCsvBad, NamesFileLineColumnAndField) {
  TempDir dir;
  const std::string p = dir.file("in.csv");
  write_text(p, GetParam().text);
  EXPECT_THROW_MSG(read_ktab_csv(p), InputError, p + ":" + GetParam().message);
}

constexpr const char* kHead = "Actor,Description,Power,P1,S1,P2,S2\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, KtabCsvBad,
    ::testing::Values(
        BadCase{"Empty", "", "1:1: scenario line: found an empty file, expected `name, description, numActors, numDims`"},
        BadCase{"ShortScenarioLine", "S,d,3\n", "1:1: scenario line: found 3 fields, expected at least 4 (name, description, numActors, numDims)"},
        BadCase{"TwoActors", "S,d,2,2\n", "1:5: field 'numActors': found '2', expected an integer in [3, 250]"},
        BadCase{"TooManyActors", "S,d,251,2\n", "1:5: field 'numActors': found '251', expected an integer in [3, 250]"},
        BadCase{"ZeroDims", "S,d,3,0\n", "1:7: field 'numDims': found '0', expected an integer in [1, 100]"},
        BadCase{"NoHeader", "S,d,3,2\n", "2:1: header line: missing, expected `Actor, Description, Power, <position>, <salience>, ...`"},
        BadCase{"ShortHeader", "S,d,3,2\nActor,Description,Power,P1,S1\n", "2:1: header line: found 5 fields, expected at least 7 (Actor, Description, Power and 2 position/salience pairs for numDims = 2)"},
        BadCase{"MissingActorLines", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,1,1,1\n", "4:1: actor lines: found 1 actor line, expected 3 (numActors on line 1)"},
        BadCase{"MissingCell", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,1,1\n", "3:11: actor line: found 6 fields, expected at least 7 (Actor, Description, Power and 2 position/salience pairs)"},
        BadCase{"EmptyName", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\n,,1,1,1,1,1\n", "3:1: column 'Actor': found '', expected an actor name of 1 to 25 characters"},
        BadCase{"LongName", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\nabcdefghijklmnopqrstuvwxyz,,1,1,1,1,1\n", "3:1: column 'Actor': found 'abcdefghijklmnopqrstuvwxyz', expected an actor name of 1 to 25 characters"},
        BadCase{"DuplicateName", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,1,1,1\n a ,,1,1,1,1,1\n", "4:2: column 'Actor': found 'a' again (first on line 3), expected unique actor names"},
        BadCase{"ZeroPower", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,0,1,1,1,1\n", "3:4: column 'Power': found '0', expected a power > 0 and <= 1e8"},
        BadCase{"HugePower", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1e9,1,1,1,1\n", "3:4: column 'Power': found '1e9', expected a power > 0 and <= 1e8"},
        BadCase{"NanPosition", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,nan,1,1,1\n", "3:6: column 'P1': found 'nan', expected a position in [0, 100]"},
        BadCase{"PositionAbove100", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1, 100.5,1,1,1\n", "3:7: column 'P1': found '100.5', expected a position in [0, 100]"},
        BadCase{"NegativeSalience", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,1,1,-1\n", "3:12: column 'S2': found '-1', expected a salience in [0, 100]"},
        BadCase{"NotANumber", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,1,x1,1\n", "3:10: column 'P2': found 'x1', expected a position in [0, 100]"},
        BadCase{"SalienceSumAbove100", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,60,1,50\n", "3:8: actor 'a': saliences sum to 110, expected at most 100"},
        BadCase{"AllZeroSaliences", "S,d,3,2\nActor,Description,Power,P1,S1,P2,S2\na,,1,1,0,1,0\n", "3:8: actor 'a': saliences are all 0, expected at least one > 0"}),
    [](const auto& info) { return std::string(info.param.name); });

// ----- geobalance TOML

TEST(IssueToml, ReadsFixture) {
  const Issue is = read_issue_toml(fixture("three_actors.toml"));
  expect_three_actors(is);
  EXPECT_EQ(is.name, "Three");
}

TEST(IssueToml, OneDimensionTakesScalarsAndOwnScale) {
  TempDir dir;
  const std::string p = dir.file("one.toml");
  write_text(p, "scale = { min = -10, max = 10 }\n"
                "[[actors]]\nname = 'a'\ncapability = 1\nposition = -10\nsalience = 50\n"
                "[[actors]]\nname = 'b'\ncapability = 2\nposition = 0\nsalience = 100\n"
                "[[actors]]\nname = 'c'\ncapability = 3\nposition = 10\nsalience = 0.5\n");
  const Issue is = read_issue_toml(p);
  EXPECT_EQ(is.dimensions, std::vector<std::string>{"position"});
  EXPECT_EQ(is.scale_min, -10);
  EXPECT_EQ(is.actors[0].position[0], -10);
  EXPECT_EQ(is.actors[2].salience[0], 0.005);
}

class IssueTomlBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(IssueTomlBad, NamesFileLineColumnAndKey) {
  TempDir dir;
  const std::string p = dir.file("in.toml");
  write_text(p, GetParam().text);
  EXPECT_THROW_MSG(read_issue_toml(p), InputError, p + ":" + GetParam().message);
}

#define ACTOR(n, c, x, s) "[[actors]]\nname = '" n "'\ncapability = " c "\nposition = " x "\nsalience = " s "\n"
INSTANTIATE_TEST_SUITE_P(
    Cases, IssueTomlBad,
    ::testing::Values(
        BadCase{"Syntax", "name = \n", "1:8: TOML: Error while parsing key-value pair: expected value, saw '\\n'"},
        BadCase{"UnknownTopKey", "nmae = 'x'\n", "1:8: key 'nmae': unknown key, expected one of actors, description, dimensions, judgement, name, scale, sources, title"},
        BadCase{"NoActors", "name = 'x'\n", "1:1: key 'actors': missing, expected [[actors]] tables"},
        BadCase{"TwoActors", ACTOR("a", "1", "1", "1") ACTOR("b", "1", "1", "1"), "1:1: key 'actors': found 2 actors, expected at least 3"},
        BadCase{"MissingCapability", "[[actors]]\nname = 'a'\nposition = 1\nsalience = 1\n", "1:1: actors[0] 'a': key 'capability': missing, expected a number > 0"},
        BadCase{"StringCapability", ACTOR("a", "'big'", "1", "1"), "3:14: actors[0] 'a': key 'capability': found a string, expected a number > 0"},
        BadCase{"NanCapability", ACTOR("a", "nan", "1", "1"), "3:14: actors[0] 'a': key 'capability': found nan, expected a number > 0"},
        BadCase{"ZeroCapability", ACTOR("a", "0", "1", "1"), "3:14: actors[0] 'a': key 'capability': found 0, expected a number > 0"},
        BadCase{"PositionOutOfScale", ACTOR("a", "1", "101", "1"), "4:12: actors[0] 'a': key 'position': found 101, expected a position in [0, 100]"},
        // Integers beyond 2^53 (issue 19: toml++ gives no double for them and the reader
        // dereferenced the empty optional); the message repeats the digits as typed.
        BadCase{"PositionIntegerBeyond2To53", ACTOR("a", "1", "66666666666666666", "1"), "4:12: actors[0] 'a': key 'position': found 66666666666666666, expected a position in [0, 100]"},
        BadCase{"SalienceIntegerBeyond2To53", ACTOR("a", "1", "1", "-9007199254740993"), "5:12: actors[0] 'a': key 'salience': found -9007199254740993, expected a salience in [0, 100]"},
        BadCase{"NegativeIntegerCapabilityBeyond2To53", ACTOR("a", "-9223372036854775807", "1", "1"), "3:14: actors[0] 'a': key 'capability': found -9223372036854775807, expected a number > 0"},
        BadCase{"PositionWrongLength", "dimensions = ['x', 'y']\n" ACTOR("a", "1", "[1]", "[1, 1]"), "5:12: actors[0] 'a': key 'position': found an array of 1, expected 2 (one per dimension)"},
        BadCase{"SalienceAbove100", ACTOR("a", "1", "1", "100.5"), "5:12: actors[0] 'a': key 'salience': found 100.5, expected a salience in [0, 100]"},
        BadCase{"SalienceSum", "dimensions = ['x', 'y']\n" ACTOR("a", "1", "[1, 1]", "[60, 41]"), "6:12: actors[0] 'a': key 'salience': saliences sum to 101, expected at most 100"},
        BadCase{"DuplicateName", ACTOR("a", "1", "1", "1") ACTOR("a", "1", "1", "1"), "7:8: actors[1]: key 'name': found 'a' again (first on line 2), expected unique actor names"},
        BadCase{"UnknownActorKey", "[[actors]]\nname = 'a'\ncapabilty = 1\n", "3:13: actors[0]: key 'capabilty': unknown key, expected one of capability, capability_source, description, name, notes, position, position_rationale, salience, salience_rationale, stateabb"},
        BadCase{"BadScale", "scale = { min = 5, max = 5 }\n", "1:9: key 'scale': found min = 5 and max = 5, expected finite numbers with min < max"}),
    [](const auto& info) { return std::string(info.param.name); });
#undef ACTOR

// ----- geobalance CSV

TEST(IssueCsv, ReadsFixture) { expect_three_actors(read_issue_csv(fixture("three_actors.csv"))); }

TEST(IssueCsv, OneDimension) {
  TempDir dir;
  const std::string p = dir.file("one.csv");
  write_text(p, "actor,capability,position,salience\na,1,0,10\nb,2,50,20\nc,3,100,30\n");
  const Issue is = read_issue_csv(p);
  EXPECT_EQ(is.dimensions, std::vector<std::string>{"position"});
  EXPECT_EQ(is.actors[1].position[0], 50);
  EXPECT_EQ(is.actors[2].salience[0], 0.3);
}

class IssueCsvBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(IssueCsvBad, NamesFileLineColumnAndColumn) {
  TempDir dir;
  const std::string p = dir.file("in.csv");
  write_text(p, GetParam().text);
  EXPECT_THROW_MSG(read_issue_csv(p), InputError, p + ":" + GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IssueCsvBad,
    ::testing::Values(
        BadCase{"NoCapability", "actor,position,salience\na,1,1\n", "1:1: column 'capability': required but missing; the header has: actor, position, salience"},
        BadCase{"UnknownColumn", "actor,capability,positon,salience\n", "1: column 'positon': unknown column"},
        BadCase{"MissingSalience", "actor,capability,position:x\n", "1:1: column 'salience:x': required but missing; the header has: actor, capability, position:x"},
        BadCase{"NanPosition", "actor,capability,position,salience\na,1,nan,1\n", "2:5: column 'position': found 'nan', expected a finite number"},
        BadCase{"MissingCell", "actor,capability,position,salience\na,1,5\n", "2:6: column 'salience': found '', expected a finite number"},
        BadCase{"ZeroCapability", "actor,capability,position,salience\na,0,5,5\n", "2:3: column 'capability': found '0', expected a capability > 0"},
        BadCase{"PositionAbove100", "actor,capability,position,salience\na,1,101,5\n", "2:5: column 'position': found '101', expected a position in [0, 100]"},
        BadCase{"SalienceAbove100", "actor,capability,position,salience\na,1,1,101\n", "2:7: column 'salience': found '101', expected a salience in [0, 100]"},
        BadCase{"SalienceSum", "actor,capability,position:x,salience:x,position:y,salience:y\na,1,1,60,1,41\n", "2:1: actor 'a': saliences sum to 101, expected at most 100"},
        BadCase{"Duplicate", "actor,capability,position,salience\na,1,1,1\na,1,1,1\n", "3:1: column 'actor': found 'a', expected unique actor names (first on line 2)"},
        BadCase{"TwoActors", "actor,capability,position,salience\na,1,1,1\nb,1,1,1\n", " actors: found 2, expected at least 3"}),
    [](const auto& info) { return std::string(info.param.name); });

// ----- detection and dispatch

TEST(LoadIssue, DispatchesByExtensionAndContent) {
  EXPECT_EQ(detect_issue_format(fixture("three_actors.toml")), IssueFormat::kToml);
  EXPECT_EQ(detect_issue_format(fixture("three_actors.csv")), IssueFormat::kCsv);
  EXPECT_EQ(detect_issue_format(fixture("three_actors_ktab.csv")), IssueFormat::kKtabCsv);
  expect_three_actors(load_issue(fixture("three_actors.toml")));
  expect_three_actors(load_issue(fixture("three_actors.csv")));
  expect_three_actors(load_issue(fixture("three_actors_ktab.csv")));
}

TEST(LoadIssue, ReadsBdmCsv) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(eu, "bdm/data/eu-emissions.csv");
  EXPECT_EQ(detect_issue_format(eu), IssueFormat::kBdmCsv);
  const Issue is = load_issue(eu);
  EXPECT_EQ(is.actors[0].name, "Netherlands");
  EXPECT_EQ(is.actors[0].salience[0], 0.8);
}

TEST(LoadIssue, RefusesXmlAndMissingFiles) {
  EXPECT_THROW_MSG(load_issue("/nonexistent/x.xml"), InputError,
                   "/nonexistent/x.xml: KTAB XML input is not supported, expected KTAB CSV, "
                   "geobalance TOML or CSV, or BDM CSV");
  EXPECT_THROW_MSG(load_issue("/nonexistent/x.csv"), InputError,
                   "/nonexistent/x.csv: file: cannot be opened for reading");
}

}  // namespace
}  // namespace geobalance::bargaining

// ----- the issue packs in data/scenarios/issues

namespace geobalance::bargaining {
namespace {

class IssuePack : public ::testing::TestWithParam<std::string> {};

TEST_P(IssuePack, LoadsRunsAndCarriesARationalePerNumber) {
  const std::string path = source_dir() + "/data/scenarios/issues/" + GetParam();
  const Issue is = load_issue(path);
  std::vector<std::string> names;
  for (const auto& a : is.actors) names.push_back(a.name);
  for (const char* want : {"USA", "RUS", "TUR", "NATO", "EU", "CHN", "GRC", "UKR"})
    EXPECT_THAT(names, ::testing::Contains(std::string(want))) << GetParam();
  const toml::table t = toml::parse_file(path);
  EXPECT_THAT(t["judgement"].value_or(std::string()), ::testing::HasSubstr("expert judgement"));
  for (const auto& node : *t["actors"].as_array()) {
    const toml::table& a = *node.as_table();
    for (const char* key : {"capability_source", "position_rationale", "salience_rationale"})
      EXPECT_FALSE(a[key].value_or(std::string()).empty())
          << GetParam() << ": " << a["name"].value_or(std::string()) << " lacks " << key;
  }
  const SmpResult r = run_smp(is);
  EXPECT_EQ(r.termination, SmpTermination::kConverged) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Packs, IssuePack,
                         ::testing::Values("turkiye-s400.toml", "us-response-s400.toml",
                                           "nato-russia-arms-control.toml"),
                         [](const auto& info) { return testing::name_from_file(info.param); });

}  // namespace
}  // namespace geobalance::bargaining
