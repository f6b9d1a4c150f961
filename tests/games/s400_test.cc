// The S-400 template: payoffs follow the documented formulas, the SPE is an equilibrium by an
// independent check, the sweep reports where the path changes, bad inputs are named.
#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"
#include "geobalance/games/s400.h"
#include "test_util.h"

namespace geobalance::games {
namespace {

// Terminal "Activate / Broad sanctions + F-35 exclusion / Support" with the defaults
// (c = 3 so w = 3/4; sU = 0.55; sR = 0.15; eu_tr = 0.25; eu_us = 0.1; eu_ru = 0.2; tr_ru = 0.4):
//   u_T = 1 * (1 + 0.25 + 0.45/2) - 2.5 * 1.55 * 0.75 + 0.5 * 1.15 * 0.7 * 1.4 / 1.4
//       = 1.475 - 2.90625 + 0.4025 = -1.02875
//   u_U = -1.55 - 1.0 * 1.55 * 0.5 + 1.0 * 1 * 2 * 0.75 * 1.1 - 0.5 * 1.15
//       = -1.55 - 0.775 + 1.65 - 0.575 = -1.25
//   u_R = 1.2 * (1 - 0.275) + 0.5 + 0.5 * 1.15 * 1.2 - 3 * 0.4 * 0.75
//       = 0.87 + 0.5 + 0.69 - 0.9 = 1.16
TEST(GamesS400, PayoffsFollowTheDocumentedFormulas) {
  ExtensiveFormGame g = build_s400_game(S400Inputs{});
  EXPECT_EQ(g.num_players(), 3);
  EXPECT_EQ(g.nodes.size(), 1u + 3u + 9u + 18u);
  int t = g.nodes[0].children[2];
  int u = g.nodes[static_cast<std::size_t>(t)].children[2];
  int leaf = g.nodes[static_cast<std::size_t>(u)].children[0];
  auto pay = g.terminal_payoffs(leaf);
  auto exact = [](const char* text) {
    Rational q(text);
    q.canonicalize();
    return q;
  };
  EXPECT_EQ(pay[0], exact("-102875/100000"));
  EXPECT_EQ(pay[1], exact("-125/100"));
  EXPECT_EQ(pay[2], exact("116/100"));
  // "Shelve / Tolerate / No support" is all zero by construction (k = r = s = 0).
  int s0 = g.nodes[static_cast<std::size_t>(g.nodes[static_cast<std::size_t>(g.nodes[0].children[0])].children[0])].children[1];
  EXPECT_EQ(g.terminal_payoffs(s0), (std::vector<Rational>{0, 0, 0}));
}

TEST(GamesS400, DefaultEquilibriumIsANashEquilibriumOfTheStrategicForm) {
  S400Result r = solve_s400(S400Inputs{});
  ASSERT_FALSE(r.spe.equilibria.empty());
  ASSERT_FALSE(r.paths.empty());
  EXPECT_FALSE(r.summary().empty());
  // Independent check: every pure Nash equilibrium of the strategic form found by enumpure
  // includes the SPE outcome's payoffs among its outcomes (an SPE is a Nash equilibrium).
  ReducedNormalForm rnf = to_reduced_normal_form(r.game);
  SolveResult ne = enumpure(rnf.game);
  bool found = false;
  for (const auto& e : ne.equilibria)
    if (e.payoffs == r.spe.equilibria[0].payoffs) found = true;
  EXPECT_TRUE(found);
  // The game writes as Gambit .efg and reads back.
  ExtensiveFormGame back = parse_efg(write_efg(r.game), "s400.efg");
  EXPECT_EQ(spe(back).equilibria.size(), r.spe.equilibria.size());
}

TEST(GamesS400, SweepReportsWhereThePathChanges) {
  S400Sweep sw = sweep_s400(S400Inputs{}, "tr-us-similarity", -1, 1, 21);
  EXPECT_EQ(sw.parameter, "tr_us_similarity");
  ASSERT_EQ(sw.points.size(), 21u);
  EXPECT_DOUBLE_EQ(sw.points.front().value, -1);
  EXPECT_DOUBLE_EQ(sw.points.back().value, 1);
  int changes = 0;
  for (const auto& p : sw.points) changes += p.changed;
  EXPECT_EQ(static_cast<std::size_t>(changes), sw.change_points.size());
  for (std::size_t i = 1; i < sw.points.size(); ++i)
    if (sw.points[i].changed) EXPECT_NE(sw.points[i].paths[0].text() + std::to_string(sw.points[i].paths.size()),
                                        sw.points[i - 1].paths[0].text() + std::to_string(sw.points[i - 1].paths.size()));
  // With no sanction harm at all, Türkiye loses nothing by activating, and activating is
  // worth k * (1 + 0.25 + 0.225) > 0 more than shelving; so the SPE path never shelves.
  S400Inputs free;
  free.sanction_weight = 0;
  for (const auto& p : solve_s400(free).paths) EXPECT_NE(p.turkiye, "Shelve");
}

TEST(GamesS400, RejectsOutOfRangeInputs) {
  S400Inputs in;
  in.tr_us_similarity = 1.5;
  EXPECT_THROW_MSG(build_s400_game(in), InputError, "S400Inputs: tr_us_similarity is 1.5, but must be in [-1, 1]");
  in = S400Inputs{};
  in.us_ru_capability_ratio = 0;
  EXPECT_THROW_MSG(in.validate(), InputError, "S400Inputs: us_ru_capability_ratio is 0, but must be finite and > 0");
  EXPECT_THROW_MSG(sweep_s400(S400Inputs{}, "nato", 0, 1, 3), InputError, "parameter: found 'nato', expected one of");
  EXPECT_THROW_MSG(sweep_s400(S400Inputs{}, "tr_us_similarity", 0, 2, 3), InputError,
                   "sweep_s400: to is 2, but must be in [-1, 1]");
}

}  // namespace
}  // namespace geobalance::games
