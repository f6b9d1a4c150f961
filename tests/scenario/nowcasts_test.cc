// Issue 15, item 2: a scenario's ensemble draws the capability table's nowcast cells when it
// declares [[uncertainty]] target = "nowcasts"; the baseline keeps the point values; without
// the declaration nothing is drawn and results.json says so (a caveat on the power answer).
#include <cmath>

#include "geobalance/io/csv.h"
#include "geobalance/scenario/run.h"
#include "scenario/inputs.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using testing::read_text;
using testing::source_dir;
using testing::TempDir;
using testing::write_text;

const char* kDeclaration =
    "\n[[uncertainty]]\ntarget = \"nowcasts\"\ndistribution = \"lognormal\"\n"
    "rationale = \"2023-2024 personnel and population are nowcasts (docs/data.md)\"\n";

const char* kQuestion = "[[questions]]\nid = \"balance\"\ntext = \"NATO over RUS+CHN?\"\nmodule = \"power\"\n\n";

// The minimal fixture (built-in data) with a power question and `extra` before [ensemble].
Scenario minimal_with(TempDir& d, const std::string& extra, const std::string& name = "s.toml") {
  std::string text = read_text(source_dir() + "/tests/data/scenario/minimal.toml");
  text.insert(text.find("[ensemble]"), kQuestion + extra + "\n");
  write_text(d.file(name), text);
  return load_scenario(d.file(name));
}

// The row this test draws, read from data/capabilities.csv by the CSV reader (not the
// capability loader): RUS 2024 milper_k = 1190, milper_sd_k = 91.5 (the no-change nowcast of
// NMC 7.0's 2022 value; the row's source says so). RUS 2022 has no sd.
struct Cell {
  double value = 0, sd = 0;
  bool has_sd = false;
};
Cell csv_cell(const std::string& abb, int year) {
  auto t = io::CsvTable::read_file(source_dir() + "/data/capabilities.csv");
  const auto ca = t.require_column("stateabb"), cy = t.require_column("year"), cv = t.require_column("milper_k"),
             cs = t.require_column("milper_sd_k");
  for (std::size_t r = 0; r < t.num_rows(); ++r)
    if (t.get_string(r, ca) == abb && t.get_int(r, cy) == year) {
      Cell c;
      c.value = std::stod(std::string(t.cell(r, cv)));
      const std::string sd(t.cell(r, cs));
      c.has_sd = !sd.empty();
      if (c.has_sd) c.sd = std::stod(sd);
      return c;
    }
  ADD_FAILURE() << abb << " " << year << " not in capabilities.csv";
  return {};
}

std::size_t row_of(const power::Panel& p, const std::string& abb, int year) {
  for (std::size_t i = 0; i < p.rows.size(); ++i)
    if (p.rows[i].abb == abb && p.rows[i].year == year) return i;
  ADD_FAILURE() << abb << " " << year;
  return 0;
}

// Over n = 4,000 replicates the drawn RUS 2024 personnel has the row's mean and sd:
//  - mean: standard error sd / sqrt(n) = 91.5 / 63.25 = 1.447; allowed 4 SE = 5.79.
//  - sd: the lognormal with cv = 91.5 / 1190 = 0.07689 has sigma^2 = ln(1 + cv^2) = 0.005895
//    and excess kurtosis e^{4 s2} + 2 e^{3 s2} + 3 e^{2 s2} - 6 = 0.0951; the sample sd's
//    standard error is sd * sqrt((2 + 0.0951) / (4 n)) = 1.047; allowed 4 SE = 4.19.
// The baseline (prepare_inputs) keeps 1190, and RUS 2022 (no sd) is never drawn.
TEST(ScenarioNowcasts, DeclaredDrawsEachCellFromItsRowsSd) {
  const Cell c24 = csv_cell("RUS", 2024), c22 = csv_cell("RUS", 2022);
  ASSERT_EQ(c24.value, 1190);
  ASSERT_EQ(c24.sd, 91.5);
  ASSERT_FALSE(c22.has_sd);
  TempDir d;
  const Scenario s = minimal_with(d, kDeclaration);
  ASSERT_EQ(s.uncertainties.size(), 1u);
  EXPECT_EQ(s.uncertainties[0].distribution, Distribution::kLognormal);
  const World w = cut_at(*s.world, s.history_to, s.as_of);
  const auto in = detail::prepare_inputs(s, w);
  const int k = in.panel.indicator("milper");
  const std::size_t r24 = row_of(in.panel, "RUS", 2024), r22 = row_of(in.panel, "RUS", 2022);
  EXPECT_EQ(in.panel.rows[r24].values[k], c24.value);  // baseline: the point value
  const int n = 4000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    Rng rng(s.seed, static_cast<std::uint64_t>(i));
    power::Panel p = in.panel;
    std::vector<bargaining::Issue> issues = in.issues;
    std::map<std::string, double> offsets;
    detail::perturb(s, in, rng, p, issues, offsets, nullptr);
    const double x = p.rows[r24].values[k];
    ASSERT_GT(x, 0);
    ASSERT_EQ(p.rows[r22].values[k], c22.value);
    sum += x, sum2 += x * x;
  }
  const double mean = sum / n, sd = std::sqrt((sum2 - n * mean * mean) / (n - 1));
  EXPECT_NEAR(mean, c24.value, 4 * c24.sd / std::sqrt(n));
  const double cv = c24.sd / c24.value, s2 = std::log1p(cv * cv);
  const double excess = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 6;
  EXPECT_NEAR(excess, 0.0951, 1e-4);
  EXPECT_NEAR(sd, c24.sd, 4 * c24.sd * std::sqrt((2 + excess) / (4.0 * n)));
}

// Without the declaration: every replicate keeps the point value, the ensemble interval of
// the minimal scenario (no other uncertainty) is the baseline itself, and results.json says
// the nowcasts were held at their point values. With it: the interval opens around the
// baseline. Cells (counted from the CSV by hand): 170 cells of 2023-2024 with an sd > 0, of
// which LUX 2023 and 2024 personnel have point value 0 and keep it.
TEST(ScenarioNowcasts, UndeclaredHoldsPointValuesAndSaysSo) {
  TempDir d;
  const Scenario plain = minimal_with(d, "", "plain.toml");
  const World w = cut_at(*plain.world, plain.history_to, plain.as_of);
  const auto in = detail::prepare_inputs(plain, w);
  const int k = in.panel.indicator("milper");
  const std::size_t r24 = row_of(in.panel, "RUS", 2024);
  for (int i = 0; i < 50; ++i) {
    Rng rng(plain.seed, static_cast<std::uint64_t>(i));
    power::Panel p = in.panel;
    std::vector<bargaining::Issue> issues = in.issues;
    std::map<std::string, double> offsets;
    detail::perturb(plain, in, rng, p, issues, offsets, nullptr);
    ASSERT_EQ(p.rows[r24].values[k], 1190);
  }
  RunOptions o;
  o.replicates = 40;
  o.threads = 1;
  const ScenarioResult a = run_scenario(plain, o);
  ASSERT_EQ(a.answers.size(), 1u);
  ASSERT_EQ(a.answers[0].module, "power");
  EXPECT_FALSE(a.nowcasts.drawn);
  EXPECT_EQ(a.nowcasts.cells, 170);
  EXPECT_EQ(a.nowcasts.first_year, 2023);
  EXPECT_EQ(a.nowcasts.last_year, 2024);
  EXPECT_EQ(a.answers[0].low, a.answers[0].high);
  EXPECT_THAT(a.answers[0].caveats, ::testing::Contains(::testing::HasSubstr("held at their point values in every replicate")));
  const auto j = to_json(a);
  EXPECT_EQ(j["nowcasts"]["drawn"], false);
  EXPECT_EQ(j["nowcasts"]["distribution"], "none: held at point values");

  const Scenario drawn = minimal_with(d, kDeclaration, "drawn.toml");
  const ScenarioResult b = run_scenario(drawn, o);
  ASSERT_EQ(b.answers.size(), 1u);
  EXPECT_TRUE(b.nowcasts.drawn);
  EXPECT_EQ(b.nowcasts.cells, 170);
  EXPECT_THAT(b.nowcasts.held_at_point, ::testing::ElementsAre("LUX 2023 milper", "LUX 2024 milper"));
  EXPECT_EQ(b.answers[0].baseline, a.answers[0].baseline);  // the baseline uses the point values
  EXPECT_LT(b.answers[0].low, b.answers[0].baseline);
  EXPECT_GT(b.answers[0].high, b.answers[0].baseline);
  EXPECT_THAT(b.answers[0].caveats, ::testing::Contains(::testing::HasSubstr("drawn in each replicate, lognormal")));
  EXPECT_EQ(to_json(b)["nowcasts"]["rationale"], "2023-2024 personnel and population are nowcasts (docs/data.md)");
}

// A history before 2023 has no nowcast cells: nothing to draw and no caveat.
TEST(ScenarioNowcasts, HistoryBeforeTheNowcastsHasNone) {
  TempDir d;
  std::string text = read_text(source_dir() + "/tests/data/scenario/minimal.toml");
  text.replace(text.find("history_to = 2024"), 17, "history_to = 2018");
  text.replace(text.find("as_of = 2024-12-31"), 18, "as_of = 2019-06-30");
  text.replace(text.find("date = 2020-01-01"), 17, "date = 2018-01-01");
  text.insert(text.find("[ensemble]"), kQuestion);
  write_text(d.file("s.toml"), text);
  RunOptions o;
  o.replicates = 3;
  const ScenarioResult r = run_scenario(load_scenario(d.file("s.toml")), o);
  EXPECT_EQ(r.nowcasts.cells, 0);
  ASSERT_EQ(r.answers.size(), 1u);
  for (const auto& c : r.answers[0].caveats) EXPECT_THAT(c, ::testing::Not(::testing::HasSubstr("nowcast")));
}

TEST(ScenarioNowcasts, DeclarationErrorsNameTheKey) {
  TempDir d;
  EXPECT_THROW_MSG(minimal_with(d, "[[uncertainty]]\ntarget = \"nowcasts\"\ndistribution = \"normal\"\nsd = 0.1\nrationale = \"x\""),
                   InputError, "key 'uncertainty[0].distribution': found 'normal', expected lognormal");
  EXPECT_THROW_MSG(minimal_with(d, "[[uncertainty]]\ntarget = \"nowcasts\"\ndistribution = \"lognormal\""), InputError,
                   "key 'uncertainty[0].rationale'");
  EXPECT_THROW_MSG(minimal_with(d, "[[uncertainty]]\ntarget = \"nowcasts\"\ndistribution = \"lognormal\"\nrationale = \"  \""),
                   InputError, "key 'uncertainty[0].rationale': is empty");
  EXPECT_THROW_MSG(minimal_with(d, "[[uncertainty]]\ntarget = \"nowcasts\"\ndistribution = \"lognormal\"\nsd = 0.2\nrationale = \"x\""),
                   InputError, "key 'uncertainty[0].sd': is not part of the schema here");
  EXPECT_THROW_MSG(minimal_with(d, std::string(kDeclaration) + kDeclaration), InputError,
                   "key 'uncertainty[1].target': found 'nowcasts' a second time");
}

}  // namespace
}  // namespace geobalance::scenario
