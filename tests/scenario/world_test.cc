// The scenario's World: loaded once, cut at the information date (no model sees a row dated
// after history_to or a fact dated after as_of), hashed for provenance; questions configured
// by the scenario file, with input errors naming the key.
#include "geobalance/scenario/world.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "geobalance/io/csv.h"
#include "geobalance/report/scenario.h"
#include "geobalance/scenario/run.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::source_dir;
using testing::TempDir;
using testing::write_text;

// Copies the data files a full scenario reads into dir/data.
void copy_data(const std::string& dir) {
  const fs::path from = fs::path(source_dir()) / "data", to = fs::path(dir) / "data";
  for (const char* f : {"countries.csv", "nato_members.csv", "theatres.csv", "capabilities.csv", "alignment/idealpoints.csv",
                        "alignment/ties_2026.csv", "armsrace/milex_usa_rus_chn_1995_2024.csv",
                        "armsrace/warheads_usa_rus_1985_2023.csv", "scenarios/issues/nato-russia-arms-control.toml",
                        "scenarios/issues/turkiye-s400.toml", "scenarios/issues/us-response-s400.toml",
                        "games/caatsa_reference_class.csv"}) {
    fs::create_directories((to / f).parent_path());
    fs::copy_file(from / f, to / f, fs::copy_options::overwrite_existing);
  }
}

// Splits off the first `n` comma-separated fields of a CSV line (those fields hold no quotes
// in the files perturbed here); the rest stays as it is.
std::vector<std::string> head_fields(const std::string& line, std::size_t n, std::string& rest) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (std::size_t k = 0; k < n; ++k) {
    auto e = line.find(',', b);
    out.push_back(line.substr(b, e - b));
    b = e + 1;
  }
  rest = line.substr(b);
  return out;
}

// Rewrites field `value_col` of every data row whose field `date_col` is after the cut.
void perturb(const std::string& path, std::size_t date_col, std::size_t value_col,
             const std::function<bool(const std::string&)>& after, const std::function<std::string(const std::string&)>& change) {
  std::istringstream in(read_text(path));
  std::string line, out;
  int changed = 0;
  for (int row = 0; std::getline(in, line); ++row) {
    if (row > 0 && !line.empty()) {
      std::string rest;
      auto f = head_fields(line, std::max(date_col, value_col) + 1, rest);
      if (after(f[date_col])) {
        f[value_col] = change(f[value_col]);
        ++changed;
        line.clear();
        for (const auto& x : f) line += x + ",";
        line += rest;
      }
    }
    out += line + "\n";
  }
  ASSERT_GT(changed, 0) << path;
  write_text(path, out);
}

const char* kCutScenario = R"(schema = 1
[scenario]
name = "cut at 2018"
as_of = 2018-12-31
[data]
builtin = "data"
idealpoints = "data/alignment/idealpoints.csv"
ties = "data/alignment/ties_2026.csv"
milex_series = "data/armsrace/milex_usa_rus_chn_1995_2024.csv"
warhead_series = "data/armsrace/warheads_usa_rus_1985_2023.csv"
[actors]
focus = ["USA", "RUS", "CHN", "TUR"]
theatres = ["Black Sea"]
[[actors.coalition]]
name = "NATO"
spec = "NATO"
[[actors.coalition]]
name = "RUS+CHN"
spec = "RUS+CHN"
[horizon]
history_from = 1995
history_to = 2018
forecast_to = 2030
[power]
single_state = "RUS"
[alignment]
system_excludes = ["GFR"]
[armsrace]
bootstrap_replicates = 19
[[bargaining.issues]]
id = "arms_control"
title = "arms control"
file = "data/scenarios/issues/nato-russia-arms-control.toml"
[[bargaining.issues]]
id = "s400"
title = "S-400"
file = "data/scenarios/issues/turkiye-s400.toml"
[[bargaining.issues]]
id = "us_response"
title = "US response"
file = "data/scenarios/issues/us-response-s400.toml"
[[questions]]
id = "balance"
text = "balance"
module = "power"
[[questions]]
id = "drift"
text = "drift"
module = "alignment"
target = "TUR"
comparators = ["USA", "RUS"]
[[questions]]
id = "milex"
text = "milex"
module = "armsrace"
target = "milex"
actors = ["USA", "RUS", "CHN"]
reaction = ["RUS", "USA"]
[[questions]]
id = "warheads"
text = "warheads"
module = "armsrace"
target = "warheads"
actors = ["USA", "RUS"]
[[questions]]
id = "talks"
text = "talks"
module = "bargaining"
target = "arms_control"
[[questions]]
id = "game"
text = "game"
module = "games"
target = "s400"
players = { turkiye = "TUR", us = "USA", russia = "RUS" }
activate_issue = "s400"
response_issue = "us_response"
[[uncertainty]]
target = "capability.RUS.milex"
distribution = "normal"
sd = 0.1
[[uncertainty]]
target = "position.*.*"
distribution = "normal"
sd = 5
[ensemble]
replicates = 4
seed = 11
threads = 2
)";

// results.json without what names files (paths, hashes) or measures time.
std::string numbers_of(const ScenarioResult& r) {
  auto j = to_json(r);
  j.erase("datasets");
  j["scenario"].erase("path");
  j["run"].erase("wall_seconds");
  j["run"].erase("run_id");  // hashes the dataset files, which these tests change after the cut
  j.erase("notes");
  for (auto& g : j["games"]["baseline"]["inputs"]) g.erase("source");
  return j.dump();
}

TEST(ScenarioWorld, RowsAfterTheCutDoNotChangeAnyResult) {
  TempDir d;
  copy_data(d.path());
  write_text(d.file("s.toml"), kCutScenario);
  const std::string before = numbers_of(run_scenario(load_scenario(d.file("s.toml"))));

  // Perturb every row dated after the cut (2018 for yearly rows, 2018-12-31 for dated facts).
  auto year_after = [](const std::string& y) { return std::stoi(y) > 2018; };
  auto date_after = [](const std::string& y) { return y > std::string("2018-12-31"); };
  auto triple = [](const std::string& v) { return v.empty() ? v : fmt::format("{}", std::stod(v) * 3); };
  perturb(d.file("data/capabilities.csv"), 2, 3, year_after, triple);       // ccode,stateabb,year,milex
  perturb(d.file("data/alignment/idealpoints.csv"), 2, 3, year_after, [](const std::string&) { return "-2.5"; });
  perturb(d.file("data/armsrace/milex_usa_rus_chn_1995_2024.csv"), 2, 3, year_after, triple);  // stateabb,ccode,year,milex
  perturb(d.file("data/armsrace/warheads_usa_rus_1985_2023.csv"), 2, 3, year_after, triple);   // Entity,Code,Year,stockpile
  perturb(d.file("data/alignment/ties_2026.csv"), 4, 3, date_after, [](const std::string&) { return "0"; });
  perturb(d.file("data/nato_members.csv"), 3, 3, date_after, [](const std::string&) { return "2019-01-02"; });

  auto s = load_scenario(d.file("s.toml"));
  // The perturbation reached the loaded (uncut) World: Russia's 2020 spending tripled.
  const auto& rows = s.world->builtin.capabilities.rows;
  auto original = power::load_capability_table(source_dir() + "/data/capabilities.csv");
  auto milex = [](const power::Panel& p, int year) {
    for (const auto& r : p.rows)
      if (r.ccode == 365 && r.year == year) return r.values[0];
    return std::nan("");
  };
  power::Panel loaded;
  loaded.rows = rows;
  EXPECT_DOUBLE_EQ(milex(loaded, 2020), 3 * milex(original, 2020));
  EXPECT_DOUBLE_EQ(milex(loaded, 2018), milex(original, 2018));
  // ... and no number of the run changed.
  EXPECT_EQ(numbers_of(run_scenario(s)), before);
}

TEST(ScenarioWorld, CutRemovesEverythingAfterTheInformationDate) {
  auto s = load_scenario(default_scenario_path());
  const World w = cut_at(*s.world, 2018, Date{2018, 12, 31});
  for (const auto& r : w.builtin.capabilities.rows) EXPECT_LE(r.year, 2018);
  for (const auto& p : w.idealpoints) EXPECT_LE(p.year, 2018);
  for (const auto& [name, series] : w.series) EXPECT_EQ(series.years.back(), 2018) << name;
  for (const auto& t : w.ties) EXPECT_LE(to_string(t.since), "2018-12-31");
  // data/nato_members.csv: North Macedonia (2020), Finland (2023) and Sweden (2024) joined later.
  EXPECT_EQ(w.builtin.nato.size() + 3, s.world->builtin.nato.size());
  EXPECT_THROW_MSG(cut_at(*s.world, 1990, Date{1990, 12, 31}), InputError, "no year on or before 1990");
}

TEST(ScenarioWorld, EveryFileReadIsHashed) {
  auto s = load_scenario(default_scenario_path());
  std::set<std::string> roles;
  for (const auto& f : s.world->files) {
    roles.insert(f.role);
    EXPECT_EQ(f.sha256.size(), 64u) << f.path;
    EXPECT_TRUE(fs::exists(f.path)) << f.path;
  }
  for (const char* role : {"countries", "nato_members", "theatres", "capabilities", "ties", "idealpoints", "series:milex",
                           "series:warheads", "issue:arms_control", "issue:s400", "issue:us_response"})
    EXPECT_TRUE(roles.count(role)) << role;
  // Each hash is SHA-256 of the file's bytes, as coreutils' sha256sum computes it.
  for (const auto& f : s.world->files) {
    auto r = testing::run_command({"/usr/bin/sha256sum", f.path}, 30);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, 64), f.sha256) << f.path;
  }
}

TEST(ScenarioWorld, TheNorthEasternFlankAnswersItsOwnQuestions) {
  auto s = load_scenario(source_dir() + "/data/scenarios/nato-north-eastern-flank.toml");
  RunOptions o;
  o.replicates = 20;
  auto r = run_scenario(s, o);
  ASSERT_EQ(r.answers.size(), 5u);
  // Power: each question compares its own pair.
  ASSERT_TRUE(r.answers[0].power && r.answers[1].power);
  EXPECT_EQ(r.answers[0].power->second, "RUS+BLR");
  EXPECT_EQ(r.answers[1].power->first, "Flank states");
  EXPECT_EQ(r.answers[0].power->first_year, 2000);  // history_from, not 1995
  const auto& coal = r.power->coalitions;
  // The baseline run is the unperturbed totals' ratio; the headline is the ensemble median
  // (the first question's ratio per replicate is tables/ensemble.csv's column: 20 rows, so
  // the median is the mean of the 10th and 11th sorted values).
  EXPECT_DOUBLE_EQ(r.answers[1].baseline, coal[2].total.back() / coal[1].total.back());
  {
    std::vector<double> v;
    for (const auto& row : r.ensemble) v.push_back(row.ratio);
    ASSERT_EQ(v.size(), 20u);
    std::sort(v.begin(), v.end());
    EXPECT_NEAR(r.answers[0].value, (v[9] + v[10]) / 2, 1e-12);
    EXPECT_LE(r.answers[0].low, r.answers[0].value);
    EXPECT_GE(r.answers[0].high, r.answers[0].value);
  }
  // Alignment: Poland between the US and Russia on ONE series (all votes, the default), from
  // the ideal points' own column; that series ends in 2023, so the answer ends there (no
  // final-passage value is spliced on for 2024).
  const auto& al = *r.answers[2].alignment;
  EXPECT_EQ(al.focal, "POL");
  EXPECT_EQ(al.first_year, 2000);
  EXPECT_EQ(al.series, "all");
  EXPECT_EQ(al.last_year, 2023);
  auto t = io::CsvTable::read_file(source_dir() + "/data/alignment/idealpoints.csv");
  std::map<int, double> ip2023;
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    if (t.get_int(i, t.require_column("year")) == 2023)
      ip2023[static_cast<int>(t.get_int(i, t.require_column("ccode")))] =
          t.get_double(i, t.require_column("idealpointall"));
  EXPECT_DOUBLE_EQ(al.distance_first, std::fabs(ip2023.at(290) - ip2023.at(2)));
  EXPECT_DOUBLE_EQ(al.distance_second, std::fabs(ip2023.at(290) - ip2023.at(365)));
  // The verdict follows the gap's interval (docs/alignment.md, "The scenario's drift answer").
  const auto& ans = r.answers[2];
  EXPECT_LT(ans.low, ans.high);  // a posterior interval, not a point
  EXPECT_EQ(ans.verdict, ans.low > 0 ? Verdict::kCloserToFirst
                         : ans.high < 0 ? Verdict::kCloserToSecond
                                        : Verdict::kNoMeasurableDifference);
  // Arms race: a two-actor race with the pair the question names.
  const auto& ar = *r.answers[3].armsrace;
  EXPECT_EQ(ar.actors, 2u);
  ASSERT_TRUE(ar.reaction);
  EXPECT_EQ(ar.reaction->name, "k[RUS,USA]");
  ASSERT_EQ(r.races.size(), 1u);
  EXPECT_EQ(r.races[0].actors, (std::vector<std::string>{"USA", "RUS"}));
  // Nothing of the southern flank leaks in.
  const std::string text = report::scenario_summary(r);
  EXPECT_EQ(text.find("TUR"), std::string::npos) << text;
  EXPECT_EQ(text.find("CHN"), std::string::npos) << text;
  EXPECT_FALSE(r.game);
}

std::string shipped() { return read_text(default_scenario_path()); }

// Loads the default scenario with one textual replacement, from its own folder's copy.
Scenario load_edited(TempDir& d, const std::string& from, const std::string& to) {
  std::string text = shipped();
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  text.replace(pos, from.size(), to);
  const std::string dir = fs::path(default_scenario_path()).parent_path().string();
  // Relative issue paths resolve against the scenario's folder: point them at the shipped ones.
  for (std::string::size_type p = 0; (p = text.find("\"issues/", p)) != std::string::npos;)
    text.replace(p, 8, "\"" + dir + "/issues/"), p += dir.size() + 8;
  write_text(d.file("s.toml"), text);
  return load_scenario(d.file("s.toml"));
}

TEST(ScenarioWorld, QuestionsAreConfiguredAndMissingKeysAreNamed) {
  TempDir d;
  EXPECT_THROW_MSG(load_edited(d, "comparators = [\"USA\", \"RUS\"]\n", ""), InputError,
                   "key 'questions[5].comparators': is missing; expected 2 COW abbreviations");
  // Every key a 0.1 file could omit points to the migration table.
  EXPECT_THROW_MSG(load_edited(d, "comparators = [\"USA\", \"RUS\"]\n", ""), InputError, "'Migrating from 0.1'");
  EXPECT_THROW_MSG(load_edited(d, "comparators = [\"USA\", \"RUS\"]", "comparators = [\"USA\", \"XXX\"]"), InputError,
                   "key 'questions[5].comparators': found unknown state 'XXX'");
  EXPECT_THROW_MSG(load_edited(d, "actors = [\"USA\", \"RUS\", \"CHN\"]\n", ""), InputError,
                   "key 'questions[2].actors': is missing");
  EXPECT_THROW_MSG(load_edited(d, "reaction = [\"RUS\", \"USA\"]", "reaction = [\"RUS\", \"IRN\"]"), InputError,
                   "key 'questions[2].reaction': names 'IRN', expected one of the question's actors");
  EXPECT_THROW_MSG(load_edited(d, "players = { turkiye = \"TUR\", us = \"USA\", russia = \"RUS\" }\n", ""), InputError,
                   "key 'questions[7].players': is missing");
  EXPECT_THROW_MSG(load_edited(d, "russia = \"RUS\" }", "russia = \"SAU\" }"), InputError,
                   "key 'questions[7].players.russia': found 'SAU', expected a state of actors.focus");
  EXPECT_THROW_MSG(load_edited(d, "single_state = \"RUS\"", "single_state = \"JPN\""), InputError,
                   "key 'power.single_state': found 'JPN', expected a state of actors.focus");
  EXPECT_THROW_MSG(load_edited(d, "coalitions = [\"NATO\", \"RUS+CHN\"]", "coalitions = [\"NATO\", \"AXIS\"]"), InputError,
                   "key 'questions[0].coalitions': names 'AXIS'");
  EXPECT_THROW_MSG(load_edited(d, "ties = \"builtin:alignment/ties_2026.csv\"\n", ""), InputError,
                   "key 'data.ties': is missing; expected the path of the current alliance ties table");
  // A focal state without UN ideal points in the data: an input error naming the question.
  auto s = load_edited(d, "target = \"TUR\"\ncomparators", "target = \"JPN\"\ncomparators");
  EXPECT_THROW_MSG(run_scenario(s), InputError, "question 'drift': no year up to history_to has UN ideal points for all of JPN, USA and RUS");
}

TEST(ScenarioWorld, DataKeysReplaceOrFailClearly) {
  TempDir d;
  // nmc is read (the power answers' ratio under CINC): a file that is not there is an error.
  EXPECT_THROW_MSG(load_edited(d, "nmc = \"optional:../../../shared/data/nmc/NMC-70-abridged.csv\"", "nmc = \"x.csv\""),
                   InputError, "key 'data.nmc': names '" + d.file("x.csv") + "', which does not exist or is not a file");
  EXPECT_THROW_MSG(load_edited(d, "date = 2019-07-12", "date = 2027-01-01"), InputError,
                   "key 'shocks[0].date': found 2027-01-01, after scenario.as_of (2026-11-24)");
  // capabilities replaces the built-in table: the tiny world's table, where RUS is 20 and
  // NATO (USA 100 + TUR 20) 120 of 200 in 2019-2021 (tests/data/scenario/world).
  std::string tiny = read_text(source_dir() + "/tests/data/scenario/tiny.toml");
  tiny.replace(tiny.find("[power]"), 7, "[power]\nsingle_state = \"RUS\"");
  tiny.replace(tiny.find("[[shocks]]"), 10, "[[shocks]]\nin_data = true");
  tiny = tiny.substr(0, tiny.find("[[shocks.capability]]")) + tiny.substr(tiny.find("[[questions]]"));
  tiny.replace(tiny.find("builtin = \"world\""), 17, "capabilities = \"" + source_dir() + "/tests/data/scenario/world/capabilities.csv\"");
  tiny.replace(tiny.find("ties = \"world/"), 14, "ties = \"" + source_dir() + "/tests/data/scenario/world/");
  write_text(d.file("t.toml"), tiny);
  // Built-in countries (54 states) with the tiny world's capability rows.
  auto s = load_scenario(d.file("t.toml"));
  EXPECT_EQ(s.world->path_of("capabilities"), source_dir() + "/tests/data/scenario/world/capabilities.csv");
  auto r = run_scenario(s);
  // 2021 without the shock: NATO 120/200 = .6, RUS+CHN 80/200 = .4: ratio 1.5; NATO / RUS = .6/.1 = 6.
  EXPECT_NEAR(r.answers[0].value, 1.5, 1e-12);
  EXPECT_NEAR(r.answers[0].power->ratio_vs_single, 6.0, 1e-12);
}

// Issue 20, item 5: the 2019 hindcast scenario (data/scenarios/nato-southern-flank-2019.toml)
// reads nothing after its cut. Every yearly row after 2018 (history_to) and every dated fact
// after 2019-06-30 (as_of) is perturbed in a copy of the data; no number of the run changes.
TEST(ScenarioWorld, TheHindcastScenarioReadsNothingAfterItsCut) {
  TempDir d;
  copy_data(d.path());
  const fs::path packs = fs::path(source_dir()) / "data/scenarios/issues/2019";
  fs::create_directories(fs::path(d.path()) / "issues/2019");
  for (const auto& e : fs::directory_iterator(packs))
    fs::copy_file(e.path(), fs::path(d.path()) / "issues/2019" / e.path().filename());
  // The same scenario, reading the copied data instead of the built-in folder.
  std::string text = read_text(source_dir() + "/data/scenarios/nato-southern-flank-2019.toml");
  for (std::size_t p = text.find("builtin:"); p != std::string::npos; p = text.find("builtin:", p))
    text.replace(p, 8, "data/");
  text.replace(text.find("[data]\n"), 7,
               "[data]\nbuiltin = \"data\"\nmilex_series = \"data/armsrace/milex_usa_rus_chn_1995_2024.csv\"\n"
               "warhead_series = \"data/armsrace/warheads_usa_rus_1985_2023.csv\"\n");
  write_text(d.file("h.toml"), text);
  RunOptions o;
  o.replicates = 20;
  const std::string before = numbers_of(run_scenario(load_scenario(d.file("h.toml")), o));

  auto year_after = [](const std::string& y) { return std::stoi(y) > 2018; };
  auto date_after = [](const std::string& y) { return y > std::string("2019-06-30"); };
  auto triple = [](const std::string& v) { return v.empty() ? v : fmt::format("{}", std::stod(v) * 3); };
  perturb(d.file("data/capabilities.csv"), 2, 3, year_after, triple);
  perturb(d.file("data/alignment/idealpoints.csv"), 2, 3, year_after, [](const std::string&) { return "-2.5"; });
  perturb(d.file("data/armsrace/milex_usa_rus_chn_1995_2024.csv"), 2, 3, year_after, triple);
  perturb(d.file("data/armsrace/warheads_usa_rus_1985_2023.csv"), 2, 3, year_after, triple);
  perturb(d.file("data/alignment/ties_2026.csv"), 4, 3, date_after, [](const std::string&) { return "0"; });
  perturb(d.file("data/nato_members.csv"), 3, 3, date_after, [](const std::string&) { return "2019-07-01"; });
  auto s = load_scenario(d.file("h.toml"));
  EXPECT_EQ(s.as_of, (Date{2019, 6, 30}));
  EXPECT_EQ(numbers_of(run_scenario(s, o)), before);
}

}  // namespace
}  // namespace geobalance::scenario
