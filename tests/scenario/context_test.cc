// Issue 15, item 5 (scenario part): [[context.conflict]] and [[context.rivalry]] read from
// ../shared's UCDP/PRIO and rivalry files through [data] conflicts / rivalries, cut at the
// information year, carried by results.json and shown in the brief's Context section.
// Expected values come from the raw files, read line by line here (not by the loaders).
#include <fstream>
#include <sstream>

#include "geobalance/report/scenario.h"
#include "geobalance/scenario/run.h"
#include "scenario/context_detail.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using testing::read_text;
using testing::source_dir;
using testing::TempDir;
using testing::write_text;

const char* kContext =
    "[[context.conflict]]\nlabel = \"Russia-Ukraine\"\nsides = [\"RUS\", \"UKR\"]\nfrom = 2014\n"
    "[[context.rivalry]]\nlabel = \"US-Russia\"\nstates = [\"USA\", \"RUS\"]\n";

// The minimal fixture (power only) with [data] and the context; `cut` moves the information
// date to 2018 / 2019-06-30 (the 2019 hindcast's).
std::string scenario_text(const std::string& data, bool cut_2018) {
  std::string text = read_text(source_dir() + "/tests/data/scenario/minimal.toml");
  text.insert(text.find("[actors]"), "[data]\n" + data + "\n");
  text.insert(text.find("[ensemble]"), std::string(kContext) + "\n");
  if (cut_2018) {
    text.replace(text.find("history_to = 2024"), 17, "history_to = 2018");
    text.replace(text.find("as_of = 2024-12-31"), 18, "as_of = 2019-06-30");
    text.replace(text.find("date = 2020-01-01"), 17, "date = 2018-01-01");
  }
  return text;
}

// (year, intensity) of one conflict, from the raw CSV's lines "ID,YEAR,gwno_a,gwno_a_2nd,
// gwno_b,gwno_b_2nd,"incompatibility",INTENSITY,..." (these rows hold no quoted commas).
std::vector<std::pair<int, int>> raw_years(const std::string& path, int id, int to) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::pair<int, int>> out;
  while (std::getline(in, line)) {
    if (line.rfind(std::to_string(id) + ",", 0) != 0) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    const int year = std::stoi(f[1]);
    if (year <= to) out.emplace_back(year, std::stoi(f[7]));
  }
  return out;
}

const ConflictContext* find_conflict(const ContextSection& c, int id) {
  for (const auto& x : c.conflicts)
    if (x.conflict_id == id) return &x;
  return nullptr;
}

// Hand-verified rows of ../shared (quoted):
//   ucdp_acd_v25_1.csv 633-635: 13243,2022,365,,369,,"both",2,"interstate",... (2023 the same;
//   2024 with gwno_a_2nd 731: North Korea on Russia's side)
//   ucdp_acd_v25_1.csv 638-646: 13306,2014..2022,369,,,365,"territory",2|2|1...,"II",...
//   tss_rivalries_2021.csv 247: 246,"Russia-United States",2,365,2007,2020,1,,,,,1
TEST(ScenarioContext, ConflictsAndRivalriesFromTheSharedFiles) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(acd, "data/ucdp_acd/ucdp_acd_v25_1.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(riv, "data/rivalries/tss_rivalries_2021.csv");
  TempDir d;
  write_text(d.file("s.toml"), scenario_text("conflicts = \"" + acd + "\"\nrivalries = \"" + riv + "\"", false));
  const Scenario s = load_scenario(d.file("s.toml"));
  ASSERT_EQ(s.context_conflicts.size(), 1u);
  EXPECT_EQ(s.context_conflicts[0].from, 2014);
  EXPECT_EQ(s.context_conflicts[0].to, 2024);  // default: history_to
  RunOptions o;
  o.replicates = 2;
  const ScenarioResult r = run_scenario(s, o);
  ASSERT_TRUE(r.context);
  const ContextSection& c = *r.context;
  EXPECT_EQ(c.information_year, 2024);
  const ConflictContext* war = find_conflict(c, 13243);
  ASSERT_NE(war, nullptr);
  EXPECT_EQ(war->type, "interstate");
  EXPECT_EQ(war->incompatibility, "both");
  EXPECT_EQ(war->side_a, (std::vector<std::string>{"RUS", "PRK"}));
  EXPECT_EQ(war->side_b, (std::vector<std::string>{"UKR"}));
  EXPECT_EQ(war->intensity_by_year, (std::vector<std::pair<int, int>>{{2022, 2}, {2023, 2}, {2024, 2}}));
  EXPECT_EQ(war->intensity_by_year, raw_years(acd, 13243, 2024));
  const ConflictContext* donbas = find_conflict(c, 13306);
  ASSERT_NE(donbas, nullptr);
  EXPECT_EQ(donbas->side_a, (std::vector<std::string>{"UKR"}));
  EXPECT_EQ(donbas->side_b, (std::vector<std::string>{"RUS"}));
  EXPECT_EQ(donbas->intensity_by_year, raw_years(acd, 13306, 2024));
  EXPECT_EQ(donbas->intensity_by_year.front(), (std::pair<int, int>{2014, 2}));
  EXPECT_EQ(donbas->intensity_by_year.back(), (std::pair<int, int>{2022, 1}));
  ASSERT_EQ(c.rivalries.size(), 1u);  // US-USSR 2 (1945-1989) lies before history_from 2010
  EXPECT_EQ(c.rivalries[0].id, 246);
  EXPECT_EQ(c.rivalries[0].name, "Russia-United States");
  EXPECT_EQ(c.rivalries[0].start, 2007);
  EXPECT_TRUE(c.rivalries[0].ongoing);
  EXPECT_EQ(c.rivalries[0].known_to, 2020);
  EXPECT_EQ(c.rivalries[0].types, (std::vector<std::string>{"positional"}));
  // results.json and the brief carry it, with the datasets' source lines.
  const auto j = to_json(r);
  EXPECT_EQ(j["context"]["conflicts"].size(), c.conflicts.size());
  bool json_war = false;
  for (const auto& x : j["context"]["conflicts"])
    if (x["conflict_id"] == 13243) json_war = x["intensity_by_year"][2]["name"] == "war" && x["intensity_by_year"][2]["year"] == 2024;
  EXPECT_TRUE(json_war);
  const auto brief = report::scenario_brief(r);
  bool section = false;
  for (const auto& sec : brief["sections"]) {
    if (sec["id"] != "context") continue;
    section = true;
    const std::string notes = sec["notes"].dump();
    EXPECT_THAT(notes, ::testing::HasSubstr("Source: UCDP/PRIO Armed Conflict Dataset (selected columns), version 25.1 (ucdp_acd_v25_1.csv)"));
    EXPECT_THAT(notes, ::testing::HasSubstr("Source: Strategic rivalries (Thompson, Sakuwa & Suhas), version 2021"));
    EXPECT_THAT(sec["charts"].dump(), ::testing::HasSubstr("2022-2024 war"));
  }
  EXPECT_TRUE(section);
}

// The 2019 information date: no conflict-year after 2018 (no 2022 war), the Donbas conflict
// to 2018 only, the rivalry ongoing as known in 2018.
TEST(ScenarioContext, NothingAfterTheInformationYear) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(acd, "data/ucdp_acd/ucdp_acd_v25_1.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(riv, "data/rivalries/tss_rivalries_2021.csv");
  TempDir d;
  write_text(d.file("s.toml"), scenario_text("conflicts = \"" + acd + "\"\nrivalries = \"" + riv + "\"", true));
  RunOptions o;
  o.replicates = 2;
  const ScenarioResult r = run_scenario(load_scenario(d.file("s.toml")), o);
  ASSERT_TRUE(r.context);
  EXPECT_EQ(r.context->information_year, 2018);
  EXPECT_EQ(find_conflict(*r.context, 13243), nullptr);
  const ConflictContext* donbas = find_conflict(*r.context, 13306);
  ASSERT_NE(donbas, nullptr);
  EXPECT_EQ(donbas->intensity_by_year, raw_years(acd, 13306, 2018));
  for (const auto& x : r.context->conflicts)
    for (const auto& [y, i] : x.intensity_by_year) EXPECT_LE(y, 2018) << x.conflict_id;
  ASSERT_EQ(r.context->rivalries.size(), 1u);
  EXPECT_EQ(r.context->rivalries[0].end, 2018);
  EXPECT_TRUE(r.context->rivalries[0].ongoing);
  EXPECT_EQ(r.context->rivalries[0].known_to, 2018);
  EXPECT_THAT(to_json(r)["context"].dump(), ::testing::Not(::testing::HasSubstr("2022")));
}

// Without ../shared: a context entry with no [data] key is an error naming the key; an
// "optional:" key whose file is absent runs and the section says what was not shown.
TEST(ScenarioContext, MissingDataKeyOrAbsentOptionalFile) {
  TempDir d;
  std::string text = read_text(source_dir() + "/tests/data/scenario/minimal.toml");
  text.insert(text.find("[ensemble]"), std::string(kContext) + "\n");
  write_text(d.file("a.toml"), text);
  EXPECT_THROW_MSG(load_scenario(d.file("a.toml")), InputError,
                   "key 'data.conflicts': is missing, but [[context.conflict]] names the UCDP/PRIO Armed Conflict Dataset");
  write_text(d.file("b.toml"), scenario_text("conflicts = \"optional:nowhere/acd.csv\"\nrivalries = \"optional:nowhere/r.csv\"", false));
  RunOptions o;
  o.replicates = 2;
  const ScenarioResult r = run_scenario(load_scenario(d.file("b.toml")), o);
  ASSERT_TRUE(r.context);
  EXPECT_TRUE(r.context->conflicts.empty());
  EXPECT_THAT(r.context->notes, ::testing::ElementsAre(
                                    "conflict 'Russia-Ukraine': not shown: [data] conflicts ('optional:nowhere/acd.csv') names no file on this machine",
                                    "rivalry 'US-Russia': not shown: [data] rivalries ('optional:nowhere/r.csv') names no file on this machine"));
  write_text(d.file("c.toml"), scenario_text("conflicts = \"nowhere/acd.csv\"", false));
  EXPECT_THROW_MSG(load_scenario(d.file("c.toml")), InputError, "key 'data.conflicts': names '");
}

TEST(ScenarioContext, BadEntriesNameTheirKey) {
  TempDir d;
  auto with = [&](const std::string& entry) {
    std::string text = read_text(source_dir() + "/tests/data/scenario/minimal.toml");
    text.insert(text.find("[actors]"), "[data]\nconflicts = \"optional:x.csv\"\nrivalries = \"optional:y.csv\"\n\n");
    text.insert(text.find("[ensemble]"), entry + "\n");
    write_text(d.file("s.toml"), text);
    return load_scenario(d.file("s.toml"));
  };
  EXPECT_THROW_MSG(with("[[context.conflict]]\nlabel = \"x\"\nsides = [\"RUS\"]"), InputError,
                   "key 'context.conflict.sides': has 1 states, expected 2");
  EXPECT_THROW_MSG(with("[[context.conflict]]\nlabel = \"x\"\nsides = [\"RUS\", \"XXX\"]"), InputError,
                   "found unknown state 'XXX'");
  EXPECT_THROW_MSG(with("[[context.conflict]]\nlabel = \"x\""), InputError, "key 'context.conflict.sides'");
  EXPECT_THROW_MSG(with("[[context.conflict]]\nlabel = \"x\"\nconflict_id = -3"), InputError,
                   "key 'context.conflict.conflict_id': found -3");
  EXPECT_THROW_MSG(with("[[context.conflict]]\nlabel = \"x\"\nsides = [\"RUS\", \"UKR\"]\nfrom = 2020\nto = 2019"), InputError,
                   "key 'context.conflict.to': found 2019");
  EXPECT_THROW_MSG(with("[[context.rivalry]]\nlabel = \"x\"\nstates = [\"RUS\", \"RUS\"]"), InputError,
                   "'RUS' is given twice");
  EXPECT_THROW_MSG(with("[[context.rivalry]]\nlabel = \"x\"\nstates = [\"RUS\", \"USA\"]\ncolour = 1"), InputError,
                   "key 'context.rivalry.colour': is not part of the schema here");
  EXPECT_THROW_MSG(with("[[context.rivalry]]\nlabel = \"x\"\nstates = [\"RUS\", \"USA\"]\n[[context.rivalry]]\nlabel = \"x\"\nstates = [\"TUR\", \"USA\"]"),
                   InputError, "'x' is given twice");
}

}  // namespace
}  // namespace geobalance::scenario
