#include "geobalance/scenario/scenario.h"

#include <regex>

#include "test_util.h"

namespace geobalance::scenario {
namespace {

using testing::read_text;
using testing::source_dir;
using testing::TempDir;
using testing::write_text;

std::string minimal() { return read_text(source_dir() + "/tests/data/scenario/minimal.toml"); }

// Writes the minimal fixture with one textual replacement and loads it.
Scenario load_with(TempDir& d, const std::string& from, const std::string& to) {
  std::string text = minimal();
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  text.replace(pos, from.size(), to);
  write_text(d.file("s.toml"), text);
  return load_scenario(d.file("s.toml"));
}

TEST(ScenarioLoad, ReadsTheMinimalFixture) {
  auto s = load_scenario(source_dir() + "/tests/data/scenario/minimal.toml");
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.as_of, (Date{2024, 12, 31}));
  EXPECT_EQ(s.focus, (std::vector<std::string>{"USA", "RUS", "TUR"}));
  ASSERT_EQ(s.coalitions.size(), 2u);
  EXPECT_EQ(s.coalitions[1].first, "RUS+CHN");
  ASSERT_EQ(s.shocks.size(), 1u);
  EXPECT_EQ(s.shocks[0].capabilities[0].factor, 2.0);
  EXPECT_EQ(s.replicates, 4);
  EXPECT_EQ(s.seed, 7u);
}

TEST(ScenarioLoad, EveryErrorNamesFileLineColumnAndKey) {
  TempDir d;
  // Unknown key, at its own position (line 6 col 7 of the edited file).
  EXPECT_THROW_MSG(load_with(d, "as_of = 2024-12-31", "as_of = 2024-12-31\ncolour = \"red\""), InputError,
                   "s.toml:7:10: key 'scenario.colour': is not part of the schema here");
  // Wrong type.
  EXPECT_THROW_MSG(load_with(d, "name = \"minimal\"", "name = 5"), InputError,
                   "s.toml:5:8: key 'scenario.name': found an integer 5, expected a string");
  // Out of range.
  EXPECT_THROW_MSG(load_with(d, "replicates = 4", "replicates = -4"), InputError,
                   "key 'ensemble.replicates': found -4, expected an integer in [1, 1000000]");
  EXPECT_THROW_MSG(load_with(d, "factor = 2.0", "factor = nan"), InputError,
                   "key 'shocks[0].capability.factor': found nan, expected a number in [0, 1e+06]");
  EXPECT_THROW_MSG(load_with(d, "factor = 2.0", "factor = -1.0"), InputError,
                   "key 'shocks[0].capability.factor': found -1, expected a number in [0, 1e+06]");
  // Unknown state, duplicate, unknown theatre, unknown indicator.
  EXPECT_THROW_MSG(load_with(d, "\"USA\", \"RUS\", \"TUR\"", "\"USA\", \"XXX\""), InputError,
                   "key 'actors.focus': found unknown state 'XXX'");
  EXPECT_THROW_MSG(load_with(d, "\"USA\", \"RUS\", \"TUR\"", "\"USA\", \"USA\""), InputError,
                   "key 'actors.focus[1]': 'USA' is given twice");
  EXPECT_THROW_MSG(load_with(d, "[\"Black Sea\"]", "[\"Arctic\"]"), InputError,
                   "key 'actors.theatres': names theatre 'Arctic'");
  EXPECT_THROW_MSG(load_with(d, "indicator = \"milex\"", "indicator = \"tanks\""), InputError,
                   "key 'shocks[0].capability.indicator': found 'tanks', expected milex, gdp, milper, tpop or warheads");
  // Missing required key and bad date.
  EXPECT_THROW_MSG(load_with(d, "label = \"test shock\"\n", ""), InputError,
                   "key 'shocks[0].label': is missing; expected a string");
  EXPECT_THROW_MSG(load_with(d, "date = 2020-01-01", "date = \"2020-02-30\""), InputError,
                   "key 'shocks[0].date': found a string '2020-02-30', expected a date YYYY-MM-DD");
  // Horizon ordering.
  EXPECT_THROW_MSG(load_with(d, "history_to = 2024", "history_to = 2000"), InputError,
                   "key 'horizon.history_to': found 2000, expected an integer in [2010, 2100]");
  // Schema version and TOML syntax.
  EXPECT_THROW_MSG(load_with(d, "schema = 1", "schema = 2"), InputError, "key 'schema': found 2, expected 1");
  EXPECT_THROW_MSG(load_with(d, "[horizon]", "[horizon"), InputError, "s.toml:20:");
  // Coalition spec errors are reported at the spec.
  EXPECT_THROW_MSG(load_with(d, "spec = \"RUS+CHN\"", "spec = \"RUS+ZZZ\""), InputError,
                   "key 'actors.coalition.spec': found unknown state 'ZZZ'");
  // Missing file.
  EXPECT_THROW_MSG(load_scenario(d.file("absent.toml")), InputError, "absent.toml: file:");
}

TEST(ScenarioLoad, UncertaintiesAreValidated) {
  TempDir d;
  EXPECT_THROW_MSG(load_with(d, "[ensemble]", "[[uncertainty]]\ntarget = \"capability.RUS.milex\"\ndistribution = \"normal\"\nsd = 1.5\n[ensemble]"),
                   InputError, "key 'uncertainty[0].sd': would make the factor (1 + draw) reach 0");
  EXPECT_THROW_MSG(load_with(d, "[ensemble]", "[[uncertainty]]\ntarget = \"position.s400.TUR\"\ndistribution = \"normal\"\nsd = 5\n[ensemble]"),
                   InputError, "key 'uncertainty[0].target': names issue 's400', expected an issue declared");
  EXPECT_THROW_MSG(load_with(d, "[ensemble]", "[[uncertainty]]\ntarget = \"capability.RUS.milex\"\ndistribution = \"cauchy\"\n[ensemble]"),
                   InputError, "key 'uncertainty[0].distribution': found 'cauchy', expected normal, uniform or triangular");
  auto s = load_with(d, "[ensemble]", "[[uncertainty]]\ntarget = \"capability.RUS.milex\"\ndistribution = \"uniform\"\nlow = -0.1\nhigh = 0.2\n[ensemble]");
  ASSERT_EQ(s.uncertainties.size(), 1u);
  EXPECT_EQ(s.uncertainties[0].distribution, Distribution::kUniform);
  EXPECT_EQ(s.uncertainties[0].high, 0.2);
}

}  // namespace
}  // namespace geobalance::scenario
