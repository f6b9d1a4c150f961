// Sensitivity (issue 12, item 6): the tornado of a bargaining answer and the power ratio
// under CINC. Expected values are worked by hand below or read from COW's own cinc column.
#include "scenario/sensitivity.h"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "geobalance/bargaining/montecarlo.h"
#include "geobalance/report/scenario.h"
#include "geobalance/scenario/run.h"
#include "scenario/inputs.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using testing::source_dir;
using testing::TempDir;

bargaining::Actor actor(const std::string& name, double capability, double position, double salience) {
  bargaining::Actor a;
  a.name = name;
  a.capability = capability;
  a.position = {position};
  a.salience = {salience};
  return a;
}

// The forecast of a model in which nobody moves: the capability x salience weighted mean of
// the initial positions, sum(c s x) / sum(c s) (what run_scenario's forecast reduces to when
// the final positions are the initial ones).
double no_movement(const bargaining::Issue& is) {
  std::vector<double> pos;
  for (const auto& a : is.actors) pos.push_back(a.position[0]);
  return bargaining::weighted_outcome(is, pos)[0];
}

// Four actors on 0-100, weights w = c * s:
//   A c=1 s=1   x=0    w=1
//   B c=1 s=1   x=100  w=1
//   C c=2 s=0.5 x=50   w=1
//   D c=1 s=0.5 x=20   w=0.5        sum w = 3.5, sum w x = 160, baseline 160/3.5 = 45.714...
bargaining::Issue four_actors() {
  bargaining::Issue is;
  is.name = "four";
  is.dimensions = {"d"};
  is.actors = {actor("A", 1, 0, 1), actor("B", 1, 100, 1), actor("C", 2, 50, 0.5), actor("D", 1, 20, 0.5)};
  return is;
}

const TornadoBar& find(const std::vector<TornadoBar>& bars, const std::string& a, const std::string& input) {
  for (const auto& b : bars)
    if (b.actor == a && b.input == input) return b;
  throw std::runtime_error("no bar " + a + " " + input);
}

TEST(ScenarioTornado, WeightedMeanModelGivesTheHandComputedBars) {
  const auto is = four_actors();
  std::vector<detail::TornadoSpread> sp(4, detail::TornadoSpread{10, 0.1, true, false});
  double base = 0;
  const auto bars = detail::tornado(is, no_movement, sp, 2, base);
  ASSERT_EQ(bars.size(), 16u);
  EXPECT_NEAR(base, 160 / 3.5, 1e-12);
  // Dropping B: A, C, D with w 1, 1, 0.5: (0 + 50 + 10) / 2.5 = 24.
  EXPECT_NEAR(find(bars, "B", "dropped").forecast_down, 24, 1e-12);
  EXPECT_NEAR(find(bars, "B", "dropped").effect, 160 / 3.5 - 24, 1e-12);
  // Dropping A: (100 + 50 + 10) / 2.5 = 64.  Dropping D: (0 + 100 + 50) / 3 = 50.
  EXPECT_NEAR(find(bars, "A", "dropped").forecast_up, 64, 1e-12);
  EXPECT_NEAR(find(bars, "D", "dropped").forecast_up, 50, 1e-12);
  // A's position: 0 - 10 is held at the scale's end 0 (the baseline), 0 + 10 gives 170 / 3.5.
  const auto& ap = find(bars, "A", "position");
  EXPECT_NEAR(ap.forecast_down, 160 / 3.5, 1e-12);
  EXPECT_NEAR(ap.forecast_up, 170 / 3.5, 1e-12);
  EXPECT_TRUE(ap.held);
  EXPECT_TRUE(ap.declared);
  // C's position 40 / 60 with w 1: 150 / 3.5 and 170 / 3.5; nothing held.
  const auto& cp = find(bars, "C", "position");
  EXPECT_NEAR(cp.forecast_down, 150 / 3.5, 1e-12);
  EXPECT_NEAR(cp.forecast_up, 170 / 3.5, 1e-12);
  EXPECT_FALSE(cp.held);
  // B's capability: / 1.5 -> w_B = 2/3: (200/3 + 60) / (2.5 + 2/3) = 40; x 1.5 -> w_B 1.5:
  // (150 + 60) / 4 = 52.5.
  const auto& bc = find(bars, "B", "capability");
  EXPECT_NEAR(bc.forecast_down, 40, 1e-12);
  EXPECT_NEAR(bc.forecast_up, 52.5, 1e-12);
  EXPECT_NEAR(bc.effect, 52.5 - 160 / 3.5, 1e-12);
  // D's salience 0.4 / 0.6 -> w_D 0.4 / 0.6: (150 + 8) / 3.4 and (150 + 12) / 3.6 = 45.
  const auto& ds = find(bars, "D", "salience");
  EXPECT_NEAR(ds.forecast_down, 158 / 3.4, 1e-12);
  EXPECT_NEAR(ds.forecast_up, 45, 1e-12);
  EXPECT_FALSE(ds.declared);  // the spread above says the salience sd is the default
  // A's salience 1 + 0.1 is held at 1; 0.9: 160 / 3.4.
  EXPECT_TRUE(find(bars, "A", "salience").held);
  EXPECT_NEAR(find(bars, "A", "salience").forecast_down, 160 / 3.4, 1e-12);
  // Ranking: B dropped 21.71, A dropped 18.29, B capability 6.79, A capability 5.71
  // (/1.5: 160 / (2.5 + 2/3) = 50.53; x1.5: 160 / 4 = 40), D dropped 4.29, then the rest.
  const std::vector<std::pair<std::string, std::string>> top{
      {"B", "dropped"}, {"A", "dropped"}, {"B", "capability"}, {"A", "capability"}, {"D", "dropped"}};
  for (std::size_t i = 0; i < top.size(); ++i) {
    EXPECT_EQ(bars[i].actor, top[i].first) << i;
    EXPECT_EQ(bars[i].input, top[i].second) << i;
  }
  EXPECT_NEAR(find(bars, "A", "capability").effect, 160 / 3.5 - 40, 1e-12);
  for (std::size_t i = 1; i < bars.size(); ++i) EXPECT_GE(bars[i - 1].effect, bars[i].effect) << i;
  // The same bars whatever the thread count.
  double base1 = 0;
  const auto one = detail::tornado(is, no_movement, sp, 1, base1);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    EXPECT_EQ(one[i].actor + one[i].input, bars[i].actor + bars[i].input);
    EXPECT_EQ(one[i].forecast_down, bars[i].forecast_down);
  }
}

// SMP on a consensus: every actor at 40, so no bargain moves anyone and the forecast is 40
// whatever the capabilities and saliences; dropping one of three actors leaves an issue SMP
// refuses (it needs three), shown as not computable.
TEST(ScenarioTornado, SmpConsensusIsUnmovedByWeightsAndRefusesTwoActors) {
  bargaining::Issue is;
  is.name = "consensus";
  is.dimensions = {"d"};
  is.actors = {actor("A", 1, 40, 0.8), actor("B", 2, 40, 0.5), actor("C", 0.5, 40, 0.3)};
  Scenario s;
  IssueSpec spec;
  spec.id = "consensus";
  spec.model = "smp";
  const auto bars = detail::issue_tornado(s, spec, is, 1);
  ASSERT_EQ(bars.size(), 12u);
  for (const auto& b : bars) {
    if (b.input == "capability" || b.input == "salience") {
      EXPECT_NEAR(b.forecast_down, 40, 1e-9) << b.actor << " " << b.input;
      EXPECT_NEAR(b.forecast_up, 40, 1e-9) << b.actor << " " << b.input;
    }
    if (b.input == "dropped") {
      EXPECT_TRUE(std::isnan(b.forecast_down));
      EXPECT_TRUE(std::isnan(b.effect));
    }
    // Default spreads (no [[uncertainty]]): 10% of the 0-100 scale, 0.1 for saliences.
    if (b.input == "position") EXPECT_EQ(b.step, 10);
    if (b.input == "salience") EXPECT_EQ(b.step, 0.1);
  }
  // Not computable bars come last.
  EXPECT_TRUE(std::isnan(bars.back().effect));
  // BDM too: the same consensus stays at 40.
  spec.model = "bdm";
  for (const auto& b : detail::issue_tornado(s, spec, is, 1))
    if (b.input == "capability") EXPECT_NEAR(b.forecast_up, 40, 1e-9);
}

TEST(ScenarioTornado, DeclaredSpreadsAddTheirVariances) {
  const auto is = four_actors();
  std::vector<Uncertainty> us(3);
  us[0].target = "position.*.*";
  us[0].sd = 3;  // variance 9
  us[1].target = "position.four.A";
  us[1].distribution = Distribution::kUniform;
  us[1].low = -6, us[1].high = 6;  // variance 12^2 / 12 = 12
  us[2].target = "salience.four.B";
  us[2].distribution = Distribution::kTriangular;
  us[2].low = -0.3, us[2].mode = 0, us[2].high = 0.3;  // (0.09 + 0.09 + 0.09) / 18 = 0.015
  auto a = detail::tornado_spread(us, "four", is, "A");
  EXPECT_NEAR(a.position_sd, std::sqrt(21.0), 1e-12);
  EXPECT_TRUE(a.position_declared);
  EXPECT_FALSE(a.salience_declared);
  EXPECT_EQ(a.salience_sd, 0.1);
  auto b = detail::tornado_spread(us, "four", is, "B");
  EXPECT_NEAR(b.position_sd, 3, 1e-12);
  EXPECT_NEAR(b.salience_sd, std::sqrt(0.015), 1e-12);
  // Another issue: only the wildcard applies; none at all: 10% of the scale.
  EXPECT_NEAR(detail::tornado_spread(us, "other", is, "A").position_sd, 3, 1e-12);
  EXPECT_EQ(detail::tornado_spread({}, "four", is, "A").position_sd, 10);
}

// ---- CINC ----

// COW's own cinc column: (year, abbreviation) -> cinc, read with a plain split.
std::map<std::pair<int, std::string>, double> cow_cinc(const std::string& path, int year) {
  std::map<std::pair<int, std::string>, double> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    if (f.size() < 10 || std::stoi(f[2]) != year) continue;
    out[{year, f[0]}] = std::stod(f[9]);
  }
  return out;
}

std::string tiny_with(const std::string& data_line) {
  std::string t = testing::read_text(source_dir() + "/tests/data/scenario/tiny.toml");
  t.replace(t.find("[data]\n"), 7, "[data]\n" + data_line);
  t = testing::replace_all(t, "builtin = \"world\"", "builtin = \"" + source_dir() + "/tests/data/scenario/world\"");
  t = testing::replace_all(t, "ties = \"world/", "ties = \"" + source_dir() + "/tests/data/scenario/world/");
  return t;
}

// The tiny world (tests/data/scenario/world): NATO is USA and TUR, the other coalition RUS
// and CHN; history_to 2021. The CINC ratio is COW's cinc of USA + TUR over RUS + CHN in 2021.
TEST(ScenarioCinc, RatioEqualsCowsOwnCincColumn) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-70-abridged.csv");
  TempDir d;
  testing::write_text(d.file("s.toml"), tiny_with("nmc = \"" + nmc + "\"\n"));
  const auto res = run_scenario(load_scenario(d.file("s.toml")));
  const auto& p = *res.answers[0].power;
  auto c = cow_cinc(nmc, 2021);
  const double expected = (c.at({2021, "USA"}) + c.at({2021, "TUR"})) / (c.at({2021, "RUS"}) + c.at({2021, "CHN"}));
  EXPECT_NEAR(p.ratio_cinc, expected, 1e-6);
  EXPECT_EQ(p.cinc_year, 2021);
  EXPECT_EQ(p.cinc_dataset, "NMC 7.0");
  // history_to is within NMC: no "last year it covers" caveat; the answer lists the dataset.
  for (const auto& cv : res.answers[0].caveats) EXPECT_EQ(cv.find("CINC"), std::string::npos) << cv;
  EXPECT_NE(std::find(res.answers[0].datasets.begin(), res.answers[0].datasets.end(), "nmc"),
            res.answers[0].datasets.end());
  EXPECT_NE(report::answer_sentence(res.answers[0], res).find("under CINC (NMC 7.0, 2021) "), std::string::npos)
      << report::answer_sentence(res.answers[0], res);
}

// An NMC file that ends before history_to: the last year it covers is used, never filled,
// and the caveat says so.
TEST(ScenarioCinc, UsesTheLastYearTheFileCoversAndSaysSo) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-70-abridged.csv");
  TempDir d;
  std::ifstream in(nmc);
  std::ofstream out(d.file("nmc-to-2019.csv"));
  std::string line;
  std::getline(in, line);
  out << line << "\n";
  while (std::getline(in, line))
    if (std::stoi(line.substr(line.find(',', line.find(',') + 1) + 1, 4)) <= 2019) out << line << "\n";
  out.close();
  testing::write_text(d.file("s.toml"), tiny_with("nmc = \"nmc-to-2019.csv\"\n"));
  const auto res = run_scenario(load_scenario(d.file("s.toml")));
  const auto& p = *res.answers[0].power;
  auto c = cow_cinc(nmc, 2019);
  EXPECT_EQ(p.cinc_year, 2019);
  EXPECT_NEAR(p.ratio_cinc, (c.at({2019, "USA"}) + c.at({2019, "TUR"})) / (c.at({2019, "RUS"}) + c.at({2019, "CHN"})), 1e-6);
  EXPECT_EQ(p.cinc_dataset, "nmc-to-2019.csv");  // not in the registry: the file's name
  bool said = false;
  for (const auto& cv : res.answers[0].caveats)
    said = said || cv.find("the ratio under CINC is for 2019, the last year nmc-to-2019.csv covers (the other ratios "
                           "are for 2021)") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(ScenarioCinc, WithoutAnNmcFileTheAnswerSaysNotAvailable) {
  auto res = run_scenario(load_scenario(source_dir() + "/tests/data/scenario/tiny.toml"));
  const auto& a = res.answers[0];
  EXPECT_TRUE(std::isnan(a.power->ratio_cinc));
  EXPECT_EQ(a.power->cinc_year, 0);
  ASSERT_FALSE(a.caveats.empty());
  EXPECT_NE(std::find(a.caveats.begin(), a.caveats.end(),
                      "ratio under CINC not available: no NMC file in the scenario ([data] nmc)"),
            a.caveats.end());
}

// The default scenario with ../shared: NATO's 30 members at the end of 2022 (Finland joined
// in April 2023) over Russia and China, from COW's cinc column; the tornado of each issue.
TEST(ScenarioCinc, DefaultScenarioNatoOverRussiaAndChinaIn2022) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-70-abridged.csv");
  const Scenario s = load_scenario(default_scenario_path());
  ASSERT_TRUE(s.world->has("nmc"));
  RunOptions o;
  o.replicates = 2;
  const auto res = run_scenario(s, *s.world, o);
  auto c = cow_cinc(nmc, 2022);
  double nato = 0;
  for (const char* abb : {"USA", "CAN", "UKG", "NTH", "BEL", "LUX", "FRN", "SPN", "POR", "GMY", "POL", "CZR", "SLO", "HUN",
                          "ITA", "ALB", "MNG", "MAC", "CRO", "SLV", "GRC", "BUL", "ROM", "EST", "LAT", "LIT", "DEN", "ICE",
                          "NOR", "TUR"})
    nato += c.at({2022, abb});
  const auto& p = *res.answers[0].power;
  EXPECT_EQ(p.cinc_year, 2022);
  EXPECT_NEAR(p.ratio_cinc, nato / (c.at({2022, "RUS"}) + c.at({2022, "CHN"})), 1e-6);
  EXPECT_NE(report::answer_sentence(res.answers[0], res).find("under CINC (NMC 7.0, 2022, the last year it covers) "),
            std::string::npos);
  // Every bargaining answer carries its tornado: 4 bars per actor, largest effect first, and
  // the tornado's baseline is the answer's baseline run (the same model on the same inputs).
  const World w = cut_at(*s.world, s.history_to, s.as_of);
  const auto in = detail::prepare_inputs(s, w);
  int seen = 0;
  for (const auto& a : res.answers) {
    if (!a.bargaining) continue;
    ++seen;
    std::size_t k = 0;
    while (s.issues[k].id != a.bargaining->issue) ++k;
    EXPECT_EQ(a.bargaining->tornado.size(), 4 * in.issues[k].actors.size());
    for (std::size_t i = 1; i < a.bargaining->tornado.size(); ++i)
      EXPECT_GE(a.bargaining->tornado[i - 1].effect, a.bargaining->tornado[i].effect);
    EXPECT_NEAR(detail::issue_forecast(in.issues[k], s.issues[k].model, s.issues[k].preset, s.max_turns), a.baseline, 1e-12);
  }
  EXPECT_EQ(seen, 3);
}

}  // namespace
}  // namespace geobalance::scenario
