// Solvers on games worked by hand; every expected value below is derived in the comments.
#include <algorithm>
#include <set>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"
#include "geobalance/games/render.h"
#include "test_util.h"

namespace geobalance::games {
namespace {

using Q = Rational;
using Profile = std::vector<std::vector<Q>>;

std::string fixture(const std::string& name) { return testing::source_dir() + "/tests/data/games/" + name; }

std::set<Profile> profiles(const SolveResult& r) {
  std::set<Profile> s;
  for (const auto& e : r.equilibria) {
    EXPECT_TRUE(e.exact);
    s.insert(e.probs);
  }
  return s;
}

Q q(long a, long b = 1) {
  Q x(a, b);
  x.canonicalize();
  return x;
}

// Prisoner's dilemma, A = [[3,0],[5,1]] (rows Cooperate, Defect), B = A^T.
// Defect strictly dominates Cooperate for both (5 > 3 and 1 > 0), so the unique equilibrium is
// (Defect, Defect) with payoffs (1, 1).
TEST(GamesSolvers, PrisonersDilemmaHasOnlyMutualDefection) {
  NormalFormGame g = read_nfg(fixture("pd.nfg"));
  const Profile dd{{0, 1}, {0, 1}};
  for (Method m : {Method::kEnumPure, Method::kEnumMixed, Method::kLcp}) {
    SolveResult r = solve(g, m);
    EXPECT_EQ(profiles(r), std::set<Profile>{dd}) << to_string(m);
    EXPECT_EQ(r.equilibria[0].payoffs, (std::vector<Q>{1, 1}));
  }
  SolveResult lg = logit(g);
  ASSERT_EQ(lg.equilibria.size(), 1u);
  EXPECT_EQ(lg.equilibria[0].probs, dd);
  EXPECT_EQ(to_gambit(solve(g, Method::kEnumMixed)), "NE,0,1,0,1\n");
}

// Matching pennies, A = [[1,-1],[-1,1]], B = -A. No pure equilibrium (in every cell one player
// wins and would switch). Column's q on Heads makes Row indifferent: q - (1-q) = -q + (1-q), so
// q = 1/2; by symmetry p = 1/2. Value 0 for both.
TEST(GamesSolvers, MatchingPenniesIsOneHalfEach) {
  NormalFormGame g = make_bimatrix({{1, -1}, {-1, 1}}, {{-1, 1}, {1, -1}});
  EXPECT_TRUE(enumpure(g).equilibria.empty());
  const Profile half{{q(1, 2), q(1, 2)}, {q(1, 2), q(1, 2)}};
  EXPECT_EQ(profiles(enummixed(g)), std::set<Profile>{half});
  EXPECT_EQ(profiles(lcp(g)), std::set<Profile>{half});
  EXPECT_EQ(enummixed(g).equilibria[0].payoffs, (std::vector<Q>{0, 0}));
  // The logit QRE is (1/2, 1/2) for every lambda by symmetry; the limit is exact.
  SolveResult lg = logit(g);
  ASSERT_EQ(lg.equilibria.size(), 1u);
  EXPECT_EQ(lg.equilibria[0].probs, half);
  EXPECT_EQ(lg.qre_path.front().lambda, 0.0);
  for (const auto& pt : lg.qre_path) EXPECT_NEAR(pt.profile[0][0], 0.5, 1e-9);
}

// Battle of the sexes, A = [[2,0],[0,1]], B = [[1,0],[0,2]] (Opera, Football).
// Pure: (O,O) and (F,F) (each player gets 2 or 1 > 0 off the diagonal). Mixed: Row's p on Opera
// makes Column indifferent: p*1 = (1-p)*2, p = 2/3; Column's q makes Row indifferent:
// 2q = 1 - q, q = 1/3. Payoffs at the mixed equilibrium: Row 2*(1/3) = 2/3, Column 1*(2/3) = 2/3.
TEST(GamesSolvers, BattleOfTheSexesHasThreeEquilibria) {
  NormalFormGame g = read_nfg(fixture("bos_outcome.nfg"));
  const Profile oo{{1, 0}, {1, 0}}, ff{{0, 1}, {0, 1}}, mixed{{q(2, 3), q(1, 3)}, {q(1, 3), q(2, 3)}};
  EXPECT_EQ(profiles(enumpure(g)), (std::set<Profile>{oo, ff}));
  EXPECT_EQ(profiles(enummixed(g)), (std::set<Profile>{oo, ff, mixed}));
  EXPECT_EQ(profiles(enummixed(g, {.exact_only = true})), (std::set<Profile>{oo, ff, mixed}));
  EXPECT_EQ(profiles(lcp(g)), (std::set<Profile>{oo, ff, mixed}));
  // From the artificial equilibrium alone, Lemke-Howson reaches only the two pure ones (the
  // mixed equilibrium has the other index and is linked to them, not to (0,0)).
  EXPECT_EQ(profiles(lcp(g, {.traverse = false})), (std::set<Profile>{oo, ff}));
  for (const auto& e : enummixed(g).equilibria)
    if (e.probs == mixed) EXPECT_EQ(e.payoffs, (std::vector<Q>{q(2, 3), q(2, 3)}));
}

// A degenerate game: A = [[1,1],[0,2]], B = [[1,1],[1,1]] (rows T, B; columns L, R).
// Column is always indifferent (B constant). Row: T pays 1; B pays 2(1-q) for q = P(L), so T is
// the best response for q > 1/2, B for q < 1/2, both at q = 1/2. The Nash set is
// {T} x [1/2, 1] u {B} x [0, 1/2] u [0,1] x {1/2}; its extreme points are
// (T,L), (T, q=1/2), (B, q=1/2), (B,R).
TEST(GamesSolvers, DegenerateGameGivesAllExtremeEquilibria) {
  NormalFormGame g = make_bimatrix({{1, 1}, {0, 2}}, {{1, 1}, {1, 1}});
  const Profile tl{{1, 0}, {1, 0}}, th{{1, 0}, {q(1, 2), q(1, 2)}}, bh{{0, 1}, {q(1, 2), q(1, 2)}}, br{{0, 1}, {0, 1}};
  const std::set<Profile> all{tl, th, bh, br};
  SolveResult r = enummixed(g);
  EXPECT_TRUE(r.exact_rerun);  // the floating-point pass sees the degeneracy and hands over
  EXPECT_EQ(profiles(r), all);
  EXPECT_EQ(profiles(enumpure(g)), (std::set<Profile>{tl, br}));
  // Lemke-Howson (lexicographic) ends only at equilibria, and finds at least one.
  SolveResult l = lcp(g);
  EXPECT_FALSE(l.equilibria.empty());
  for (const auto& p : profiles(l)) EXPECT_TRUE(all.count(p)) << "not an extreme equilibrium";
}

// Selten's horse: 1 chooses C or D; after C, 2 chooses c (ending at (1,1,1)) or d; 3 moves at one
// information set holding the nodes after D and after (C,d), choosing L or R.
// Payoffs: Cc (1,1,1); CdL (4,4,0); CdR (1,1,1); DL (3,2,2); DR (0,0,0).
// Pure equilibria of the strategic form, checked one by one:
//  (C,c,R): 1 gets 1, D would give DR = 0; 2 gets 1, d gives CdR = 1; 3 unreached. Nash.
//  (C,d,R): 1 gets 1 vs DR 0; 2 gets 1 vs Cc 1; 3 gets 1 vs CdL 0. Nash.
//  (D,c,L): 1 gets 3 vs Cc 1; 2 unreached; 3 gets 2 vs DR 0. Nash.
//  (D,d,L): 1 gets 3 vs CdL 4: no. (C,c,L): 1 gets 1 vs DL 3: no. (C,d,L): 3 gets 0 vs 1: no.
//  (D,c,R), (D,d,R): 1 gets 0 vs 1: no.
TEST(GamesSolvers, SeltensHorsePureEquilibria) {
  ExtensiveFormGame g = read_efg(fixture("selten_horse.efg"));
  EXPECT_FALSE(g.perfect_information());
  SolveResult r = solve(g, Method::kEnumPure);
  const Profile ccr{{1, 0}, {1, 0}, {0, 1}}, cdr{{1, 0}, {0, 1}, {0, 1}}, dcl{{0, 1}, {1, 0}, {1, 0}};
  EXPECT_EQ(profiles(r), (std::set<Profile>{ccr, cdr, dcl}));
  EXPECT_THROW_MSG(spe(g), InputError, "spe needs perfect information");
}

// Three-stage centipede: 1 takes (1,0) or passes; 2 takes (0,2) or passes; 1 takes (3,1) or
// passes to (2,4). Backward induction: stage 3, 1 compares 3 (take) with 2 (pass): take.
// Stage 2, 2 compares 2 (take) with 1 (what stage-3 take leaves her): take. Stage 1, 1 compares
// 1 with 0: take. Unique SPE: take everywhere, payoffs (1, 0).
TEST(GamesSolvers, CentipedeSubgamePerfectIsTakeEverywhere) {
  ExtensiveFormGame g = read_efg(fixture("centipede.efg"));
  SolveResult r = spe(g);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].payoffs, (std::vector<Q>{1, 0}));
  // Blocks: player 1 stage 1, player 1 stage 3, player 2 stage 2.
  EXPECT_EQ(to_gambit(r), "NE,1,0,1,0,1,0\n");
  // Strategic form: the SPE is a Nash equilibrium there too (reduced strategies of 1:
  // take/*, pass/take, pass/pass).
  ReducedNormalForm rnf = to_reduced_normal_form(g);
  EXPECT_EQ(rnf.game.num_strategies(0), 3);
  EXPECT_EQ(rnf.game.strategy_names[0][0], "take/*");
}

// The same centipede with the last pass paying (3,4): at stage 3 player 1 is indifferent
// (3 vs 3). If 1 takes, stages 2 and 1 go as before: SPE (take,take | take), payoffs (1,0).
// If 1 passes, 2 compares 2 (take) with 4 (pass): pass; then 1 compares 1 with 3: pass.
// SPE (pass,pass | pass), payoffs (3,4). Exactly two pure SPE.
TEST(GamesSolvers, CentipedeTieGivesEverySubgamePerfectEquilibrium) {
  std::string text = testing::read_text(fixture("centipede.efg"));
  text.replace(text.find("{ 2, 4 }"), 8, "{ 3, 4 }");
  ExtensiveFormGame g = parse_efg(text, "tie.efg");
  SolveResult r = spe(g);
  ASSERT_EQ(r.equilibria.size(), 2u);
  std::set<std::vector<Q>> pay;
  for (const auto& e : r.equilibria) pay.insert(e.payoffs);
  EXPECT_EQ(pay, (std::set<std::vector<Q>>{{1, 0}, {3, 4}}));
  EXPECT_EQ(to_gambit(r), "NE,1,0,1,0,1,0\nNE,0,1,0,1,0,1\n");
}

// Chance node: H or T with probability 1/2 each (written 1/2 and 0.5). After H, 1 picks a (2,0)
// or b (0,1): a. After T, 2 picks x (1,1) or y (0,3/2): y. Expected payoffs (1, 3/4).
TEST(GamesSolvers, SubgamePerfectWithChance) {
  ExtensiveFormGame g = read_efg(fixture("chance.efg"));
  SolveResult r = spe(g);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].payoffs, (std::vector<Q>{1, q(3, 4)}));
  EXPECT_EQ(to_gambit(r), "NE,1,0,0,1\n");
}

// Three players: each picks 0 or 1 and gets 1 when all three match, else 0. Pure equilibria:
// (0,0,0) and (1,1,1) (a deviation breaks the match); in any mismatched profile a player in the
// minority... every player gets 0 and one player can't fix it alone when two others differ, so
// profiles with exactly two equal are NOT equilibria only if the odd one out gains by switching:
// the odd one out switching makes all three match and gains 1. So only the two matches.
TEST(GamesSolvers, EnumPureThreePlayers) {
  NormalFormGame g({2, 2, 2});
  for (std::size_t k = 0; k < g.num_profiles(); ++k) {
    auto s = g.profile_strategies(k);
    int v = (s[0] == s[1] && s[1] == s[2]) ? 1 : 0;
    for (int p = 0; p < 3; ++p) g.set_payoff(k, p, v);
  }
  const Profile z{{1, 0}, {1, 0}, {1, 0}}, o{{0, 1}, {0, 1}, {0, 1}};
  EXPECT_EQ(profiles(enumpure(g)), (std::set<Profile>{z, o}));
  // The logit path of this symmetric game stays at the centroid... until it bifurcates; its
  // limit must at least be verified.
  SolveResult lg = logit(g);
  for (const auto& e : lg.equilibria) EXPECT_LE(e.max_regret, 1e-9);
}

TEST(GamesSolvers, TwoPlayerMethodsRejectOtherGames) {
  NormalFormGame g({2, 2, 2});
  EXPECT_THROW_MSG(enummixed(g), InputError, "found 3 players, expected a 2-player (bimatrix) game");
  EXPECT_THROW_MSG(lcp(g), InputError, "found 3 players, expected a 2-player (bimatrix) game");
  EXPECT_THROW_MSG(method_from_string("simpdiv"), InputError,
                   "method: found 'simpdiv', expected one of enumpure, enummixed, lcp, spe, logit");
  EXPECT_THROW_MSG(solve(g, Method::kSpe), InputError, "spe needs an extensive-form game");
}

// Exact and floating-point passes agree on the shared random games (equilibrium counts from
// ../shared/peers/gambit.md: 5 at 6x6, 9 at 10x10).
TEST(GamesSolvers, SharedRandomGamesMatchGambitCounts) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(g6, "peers/games/rand06.nfg");
  NormalFormGame g = read_nfg(g6);
  SolveResult fast = enummixed(g), exact = enummixed(g, {.exact_only = true});
  EXPECT_EQ(fast.equilibria.size(), 5u);
  EXPECT_EQ(profiles(fast), profiles(exact));
  EXPECT_EQ(profiles(lcp(g)), profiles(lcp(g, {.exact_only = true})));
  GEOBALANCE_SHARED_FILE_OR_SKIP(g10, "peers/games/rand10.nfg");
  EXPECT_EQ(enummixed(read_nfg(g10)).equilibria.size(), 9u);
  EXPECT_EQ(lcp(read_nfg(g10)).equilibria.size(), 9u);
}

}  // namespace
}  // namespace geobalance::games

namespace geobalance::games {
namespace {

// What a method guarantees is stated with its count (issue 16, item 6). The 2x2 coordination
// game A = B = [[1,0],[0,1]] has three equilibria, worked out by hand: (T,L), (B,R) and the
// mixed (1/2,1/2) for both. enummixed, which promises every extreme equilibrium, finds all
// three; lcp and logit promise no such thing, and their reports say so.
TEST(GamesSolvers, ReportsSayWhetherTheMethodFindsEveryEquilibrium) {
  const NormalFormGame g = parse_nfg(
      "NFG 1 R \"coordination\" { \"1\" \"2\" } { 2 2 }\n1 1 0 0 0 0 1 1\n", "coordination.nfg");
  const SolveResult all = solve(g, Method::kEnumMixed);
  EXPECT_EQ(all.equilibria.size(), 3u);
  EXPECT_TRUE(coverage_of(Method::kEnumMixed).finds_all);
  EXPECT_THAT(all.brief_report(), ::testing::HasSubstr("3 equilibria (run complete; finds every extreme equilibrium"));
  for (Method m : {Method::kLcp, Method::kLogit, Method::kLp}) EXPECT_FALSE(coverage_of(m).finds_all) << to_string(m);
  for (Method m : {Method::kEnumPure, Method::kSpe}) EXPECT_TRUE(coverage_of(m).finds_all) << to_string(m);
  const SolveResult one = solve(g, Method::kLcp);
  EXPECT_LE(one.equilibria.size(), 3u);
  EXPECT_THAT(one.brief_report(), ::testing::HasSubstr("not necessarily all"));
  EXPECT_EQ(to_json(one)["finds_all"], false);
  EXPECT_EQ(to_json(all)["finds_all"], true);
}

}  // namespace
}  // namespace geobalance::games
