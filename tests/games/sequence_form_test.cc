// Sequence-form solvers on trees with information sets and chance moves. Expected values come
// from the published analyses (Kuhn 1950 for Kuhn poker; Cho and Kreps 1987 for beer-quiche),
// worked out by hand below, and from a best-response computation written from the poker rules
// (not from the tree) for the 13-card game.
#include <set>

#include "geobalance/error.h"
#include "geobalance/games/equilibrium.h"
#include "geobalance/games/gambit_io.h"
#include "geobalance/games/render.h"
#include "geobalance/games/sequence_form.h"
#include "test_util.h"

namespace geobalance::games {
namespace {

using Q = Rational;

std::string fixture(const std::string& name) { return testing::source_dir() + "/tests/data/games/" + name; }

Q q(long a, long b = 1) {
  Q x(a, b);
  x.canonicalize();
  return x;
}

// ---------------------------------------------------------------- Kuhn poker

// Blocks (Gambit order, see bench/games/make_kuhn.py): player 1 sets 1..N (first decision with
// card i: Check, Bet), N+1..2N (facing a bet after checking with card i: Fold, Call); player 2
// sets 1..N (facing a bet with card j: Fold, Call), N+1..2N (after a check with card j: Check,
// Bet).
struct KuhnStrategy {
  std::vector<Q> bet1, call1, call2, bet2;  // per card, the probability of Bet / Call
};

KuhnStrategy kuhn_strategy(const Equilibrium& e, int n) {
  KuhnStrategy s;
  for (int i = 0; i < n; ++i) {
    s.bet1.push_back(e.probs[i][1]);
    s.call1.push_back(e.probs[n + i][1]);
    s.call2.push_back(e.probs[2 * n + i][1]);
    s.bet2.push_back(e.probs[3 * n + i][1]);
  }
  return s;
}

// Expected payoff of player 1 and the best-response values of both players, computed from
// the rules of Kuhn poker (ante 1, bet 1, higher card wins) rather than from the tree. Player
// 1's hand i and player 2's hand j are dealt with probability 1/(n(n-1)).
struct KuhnValues {
  Q u1, br1, br2;  // br2 is player 2's best-response payoff (player 2 gets -u1)
};
KuhnValues kuhn_values(const KuhnStrategy& s, int n) {
  KuhnValues v;
  Q deal(1, n * (n - 1));
  deal.canonicalize();
  for (int i = 0; i < n; ++i) {
    Q vbet = 0, vcheck_base = 0, vfold = 0, vcall = 0;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      int w = i > j ? 1 : -1;
      const Q &b = s.bet1[i], &c1 = s.call1[i], &f2 = s.call2[j], &g2 = s.bet2[j];
      v.u1 += deal * (b * ((1 - f2) * 1 + f2 * 2 * w) + (1 - b) * ((1 - g2) * w + g2 * ((1 - c1) * -1 + c1 * 2 * w)));
      vbet += deal * ((1 - f2) * 1 + f2 * 2 * w);
      vcheck_base += deal * (1 - g2) * w;
      vfold += deal * g2 * -1;
      vcall += deal * g2 * 2 * w;
    }
    Q vcheck = vcheck_base + std::max(vfold, vcall);
    v.br1 += std::max(vbet, vcheck);
  }
  for (int j = 0; j < n; ++j) {
    Q fold = 0, call = 0, check = 0, bet = 0;  // player 2's payoffs
    for (int i = 0; i < n; ++i) {
      if (i == j) continue;
      int w = i > j ? 1 : -1;  // player 1's showdown sign
      fold += deal * s.bet1[i] * -1;
      call += deal * s.bet1[i] * -2 * w;
      check += deal * (1 - s.bet1[i]) * -w;
      bet += deal * (1 - s.bet1[i]) * ((1 - s.call1[i]) * 1 + s.call1[i] * -2 * w);  // 1 folds: 2 wins the ante
    }
    v.br2 += std::max(fold, call) + std::max(check, bet);
  }
  return v;
}

// Kuhn (1950), as summarised in every later treatment: player 2's equilibrium strategy is
// unique: with the King always bet after a check and call a bet; with the Queen check after a
// check and call a bet with probability 1/3; with the Jack fold to a bet and bet after a check
// with probability 1/3. Player 1's equilibria form a one-parameter family: with the Jack bet
// with probability a in [0, 1/3] (and fold to a bet), with the Queen check and then call with
// probability a + 1/3, with the King bet with probability 3a (and call after checking).
//
// Value for player 1 at a = 0, deal by deal (each 1/6; player 1 always checks first):
//   (J,Q) 2 checks, Q wins: -1.  (J,K) 2 bets, 1 folds: -1.
//   (Q,J) 2 bets 1/3: 1 calls 1/3 (+2) or folds (-1): 1/3*(2/3 - 2/3) = 0; 2 checks 2/3: +1 -> 2/3.
//   (Q,K) 2 bets: 1 calls 1/3 (-2) or folds 2/3 (-1): -2/3 - 2/3 = -4/3.
//   (K,J) 2 bets 1/3 and 1 calls (+2): 2/3; 2 checks 2/3 (+1): 2/3 -> 4/3.   (K,Q) 2 checks: +1.
//   Sum -1 - 1 + 2/3 - 4/3 + 4/3 + 1 = -1/3, times 1/6: the value is -1/18.
TEST(SequenceForm, KuhnPokerValueAndPlayerTwosUniqueStrategy) {
  ExtensiveFormGame g = read_efg(fixture("kuhn3.efg"));
  EXPECT_FALSE(g.perfect_information());
  const std::vector<std::vector<Q>> p2{{1, 0}, {q(2, 3), q(1, 3)}, {0, 1},   // facing a bet: J, Q, K
                                       {q(2, 3), q(1, 3)}, {1, 0}, {0, 1}};  // after a check: J, Q, K
  // The hand-derived profile at a = 0 is an equilibrium with value -1/18.
  std::vector<std::vector<Q>> a0{{1, 0}, {1, 0}, {1, 0}, {1, 0}, {q(2, 3), q(1, 3)}, {0, 1}};
  a0.insert(a0.end(), p2.begin(), p2.end());
  EXPECT_EQ(behavior_regret(g, a0), 0);
  EXPECT_EQ(behavior_payoffs(g, a0), (std::vector<Q>{q(-1, 18), q(1, 18)}));

  for (SolveResult r : {sequence_lcp(g), sequence_lcp(g, {.exact_only = true}), sequence_lp(g),
                        sequence_lp(g, {.exact_only = true})}) {
    ASSERT_EQ(r.equilibria.size(), 1u) << to_string(r.method);
    const Equilibrium& e = r.equilibria[0];
    ASSERT_TRUE(e.exact);
    EXPECT_EQ(e.payoffs, (std::vector<Q>{q(-1, 18), q(1, 18)}));
    ASSERT_TRUE(r.value.has_value());
    EXPECT_EQ(*r.value, q(-1, 18));
    EXPECT_EQ(std::vector<std::vector<Q>>(e.probs.begin() + 6, e.probs.end()), p2) << to_string(r.method);
    // Player 1 is in Kuhn's family for some a in [0, 1/3].
    KuhnStrategy s = kuhn_strategy(e, 3);
    const Q a = s.bet1[0];
    EXPECT_GE(a, 0);
    EXPECT_LE(a, q(1, 3));
    EXPECT_EQ(s.bet1[1], 0);
    EXPECT_EQ(s.bet1[2], 3 * a);
    EXPECT_EQ(s.call1[0], 0);
    EXPECT_EQ(s.call1[1], a + q(1, 3));
    EXPECT_EQ(s.call1[2], 1);
    // Checked again from the rules of poker.
    KuhnValues v = kuhn_values(s, 3);
    EXPECT_EQ(v.u1, q(-1, 18));
    EXPECT_EQ(v.br1, v.u1);
    EXPECT_EQ(v.br2, -v.u1);
  }
  // Gambit's NE line ends with player 2's twelve probabilities.
  std::string line = to_gambit(sequence_lcp(g));
  EXPECT_TRUE(line.ends_with(",1,0,2/3,1/3,0,1,2/3,1/3,1,0,0,1\n")) << line;
  // The strategic-form route (27 x 64 reduced strategies) reaches the same value.
  SolveOptions o;
  o.strategic = true;
  SolveResult sf = solve(g, Method::kLcp, o);
  ASSERT_FALSE(sf.equilibria.empty());
  EXPECT_FALSE(sf.layout.behavior);
  EXPECT_EQ(sf.equilibria[0].payoffs[0], q(-1, 18));
}

// The agent logit QRE's limit is a sequential equilibrium (McKelvey and Palfrey 1998); player
// 2's part is then Kuhn's unique strategy, up to the path's tolerance.
TEST(SequenceForm, KuhnPokerAgentLogitApproachesTheEquilibrium) {
  ExtensiveFormGame g = read_efg(fixture("kuhn3.efg"));
  SolveResult r = agent_logit(g);
  ASSERT_EQ(r.equilibria.size(), 1u) << r.brief_report();
  const Equilibrium& e = r.equilibria[0];
  EXPECT_FALSE(e.exact);
  EXPECT_TRUE(r.layout.behavior);
  const double p2[6][2] = {{1, 0}, {2. / 3, 1. / 3}, {0, 1}, {2. / 3, 1. / 3}, {1, 0}, {0, 1}};
  for (int k = 0; k < 6; ++k)
    for (int a = 0; a < 2; ++a) EXPECT_NEAR(e.approx[6 + k][a], p2[k][a], 1e-3) << "block " << 6 + k;
  EXPECT_NEAR(e.payoffs_approx[0], -1.0 / 18, 1e-5);
  ASSERT_GE(r.qre_path.size(), 2u);
  EXPECT_EQ(r.qre_path.front().lambda, 0);
  EXPECT_EQ(r.qre_path.front().profile[0][0], 0.5);  // the centroid
}

// ---------------------------------------------------------------- beer-quiche

// Cho and Kreps (1987). Prior: strong 9/10. Sender's payoff: 1 for its preferred breakfast
// (strong: beer, weak: quiche) + 2 if not dueled; receiver: 1 for dueling a weak or leaving a
// strong sender alone. The receiver duels iff it believes weak with probability > 1/2.
//  * Pooling on beer: after beer the belief is the prior (weak 1/10): don't duel. Strong gets
//    3. Weak gets 2 from beer; quiche would give 1 + 2(1 - d), d = duel probability after
//    quiche, so it needs d >= 1/2, which the off-path belief weak >= 1/2 supports. Payoffs
//    (9/10*3 + 1/10*2, 9/10) = (29/10, 9/10).
//  * Pooling on quiche, symmetrically, with duel probability >= 1/2 after beer: strong gets 2,
//    weak 3: (9/10*2 + 1/10*3, 9/10) = (21/10, 9/10).
//  * No separating equilibrium: separated, the weak type is dueled after quiche (payoff 1) and
//    would switch to beer (0 + 2 = 2); no hybrid either (the posterior after beer can never
//    reach 1/2 with a 9/10 prior on strong, and a mixing strong type needs a duel after beer).
// Blocks: sender strong (beer, quiche), sender weak (beer, quiche), receiver after beer (duel,
// don't), receiver after quiche (duel, don't).
TEST(SequenceForm, BeerQuicheEquilibriaArePooling) {
  ExtensiveFormGame g = read_efg(fixture("beer_quiche.efg"));
  const std::vector<std::vector<Q>> beer{{1, 0}, {1, 0}, {0, 1}, {1, 0}};
  const std::vector<std::vector<Q>> quiche{{0, 1}, {0, 1}, {1, 0}, {0, 1}};
  const std::vector<std::vector<Q>> beer_half{{1, 0}, {1, 0}, {0, 1}, {q(1, 2), q(1, 2)}};
  EXPECT_EQ(behavior_regret(g, beer), 0);
  EXPECT_EQ(behavior_regret(g, quiche), 0);
  EXPECT_EQ(behavior_regret(g, beer_half), 0);
  EXPECT_EQ(behavior_payoffs(g, beer), (std::vector<Q>{q(29, 10), q(9, 10)}));
  EXPECT_EQ(behavior_payoffs(g, quiche), (std::vector<Q>{q(21, 10), q(9, 10)}));
  // Separating (strong beer, weak quiche, receiver duels after quiche only): the weak type
  // gains 2 - 1 = 1 by switching to beer, with probability 1/10: regret 1/10.
  const std::vector<std::vector<Q>> separating{{1, 0}, {0, 1}, {0, 1}, {1, 0}};
  EXPECT_EQ(behavior_regret(g, separating), q(1, 10));
  // Off-path duel probability below 1/2 breaks beer pooling: d = 1/4 gives the weak type
  // 1 + 2*3/4 = 5/2 from quiche instead of 2: regret 1/10 * 1/2 = 1/20.
  const std::vector<std::vector<Q>> beer_low{{1, 0}, {1, 0}, {0, 1}, {q(1, 4), q(3, 4)}};
  EXPECT_EQ(behavior_regret(g, beer_low), q(1, 20));

  SolveResult r = sequence_lcp(g);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const Equilibrium& e = r.equilibria[0];
  EXPECT_FALSE(r.value.has_value());  // not constant-sum
  const bool pool_beer = e.probs[0][0] == 1 && e.probs[1][0] == 1;
  const bool pool_quiche = e.probs[0][1] == 1 && e.probs[1][1] == 1;
  ASSERT_TRUE(pool_beer || pool_quiche) << to_gambit(r);
  if (pool_beer) {
    EXPECT_EQ(e.probs[2], (std::vector<Q>{0, 1}));
    EXPECT_GE(e.probs[3][0], q(1, 2));
    EXPECT_EQ(e.payoffs, (std::vector<Q>{q(29, 10), q(9, 10)}));
  } else {
    EXPECT_EQ(e.probs[3], (std::vector<Q>{0, 1}));
    EXPECT_GE(e.probs[2][0], q(1, 2));
    EXPECT_EQ(e.payoffs, (std::vector<Q>{q(21, 10), q(9, 10)}));
  }
  EXPECT_THROW_MSG(sequence_lp(g), InputError, "expected a constant-sum game for lp");
}

// ---------------------------------------------------------------- a tree too big for its strategic form

// Kuhn poker with 13 cards: player 1 has 26 information sets (3^13 = 1,594,323 reduced pure
// strategies: per card bet, or check then fold or call), player 2 has 26 with two actions each
// (4^13 = 67,108,864): about 1.1e14 strategy profiles. The sequence form has 53 sequences per
// player. The equilibrium is checked with the poker-rule best responses above, and Lemke's
// payoff against the LP value.
TEST(SequenceForm, ThirteenCardKuhnPokerIsSolvedThroughTheSequenceForm) {
  ExtensiveFormGame g = read_efg(fixture("kuhn13.efg"));
  EXPECT_THROW_MSG(to_reduced_normal_form(g, 100'000), InputError, "more than 100000 pure strategies");
  SequenceForm sf = build_sequence_form(g);
  EXPECT_EQ(reduced_strategy_counts(sf), (std::vector<double>{1594323, 67108864}));  // 3^13, 4^13
  EXPECT_EQ(reduced_strategy_counts(build_sequence_form(read_efg(fixture("kuhn3.efg")))),
            (std::vector<double>{27, 64}));  // 3^3, 2^6: the 27 x 64 form built in the first test
  EXPECT_EQ(sf.players[0].num_sequences(), 53);
  EXPECT_EQ(sf.players[1].num_sequences(), 53);
  SolveResult r = sequence_lcp(g);
  ASSERT_EQ(r.equilibria.size(), 1u);
  const Equilibrium& e = r.equilibria[0];
  KuhnValues v = kuhn_values(kuhn_strategy(e, 13), 13);
  EXPECT_EQ(v.u1, e.payoffs[0]);
  EXPECT_EQ(v.br1, v.u1);
  EXPECT_EQ(v.br2, -v.u1);
  ASSERT_TRUE(r.value.has_value());
  EXPECT_EQ(*r.value, e.payoffs[0]);
  // Player 2 moves second with the same cards: player 1's value is negative, as with 3 cards.
  EXPECT_LT(*r.value, 0);
}

// ---------------------------------------------------------------- input checks

TEST(SequenceForm, RejectsImperfectRecallAndOtherPlayerCounts) {
  // Player 1 moves, then moves again without knowing her first move (one information set
  // holding both second nodes): imperfect recall.
  const std::string forgetful = R"(EFG 2 R "forgetful" { "P1" "P2" }
""
p "" 1 1 "" { "L" "R" } 0
p "" 1 2 "" { "l" "r" } 0
t "" 1 "a" { 1, 0 }
t "" 2 "b" { 0, 1 }
p "" 1 2 "" { "l" "r" } 0
t "" 2 "b" { 0, 1 }
t "" 1 "a" { 1, 0 }
)";
  ExtensiveFormGame g = parse_efg(forgetful, "forgetful.efg");
  EXPECT_THROW_MSG(sequence_lcp(g), InputError,
                   "game: information set 2 of player 1 is reached by different earlier moves of that player");
  ExtensiveFormGame c = read_efg(fixture("chance.efg"));
  ExtensiveFormGame three = c;
  three.player_names.push_back("P3");
  for (auto& o : three.outcomes) o.payoffs.push_back(0);
  EXPECT_THROW_MSG(sequence_lcp(three), InputError, "found 3 players, expected a 2-player tree for lcp");
  EXPECT_THROW_MSG(behavior_regret(c, Behavior<Q>{{1, 0}}), InputError, "does not match the game's information sets");
  EXPECT_THROW_MSG(sequence_lcp(c, {.max_pivots = 0}), InputError, "max_pivots is 0");
  EXPECT_THROW_MSG(method_from_string("simpdiv"), InputError,
                   "expected one of enumpure, enummixed, lcp, spe, logit, lp");
}

// On a perfect-information tree the sequence form agrees with backward induction: chance.efg
// (solvers_test.cc) has the unique SPE a / y with payoffs (1, 3/4); every action is reached,
// so it is also the unique Nash equilibrium.
TEST(SequenceForm, AgreesWithBackwardInductionOnAPerfectInformationTree) {
  ExtensiveFormGame g = read_efg(fixture("chance.efg"));
  SolveResult r = sequence_lcp(g);
  ASSERT_EQ(r.equilibria.size(), 1u);
  EXPECT_EQ(r.equilibria[0].payoffs, (std::vector<Q>{1, q(3, 4)}));
  EXPECT_EQ(to_gambit(r), "NE,1,0,0,1\n");
}

// Three players on a tree: agent logit runs for any number of players. Player 1 picks L (all
// get 1) or R; after R, player 2 picks l (0, 2, 0) or r, then player 3 (who does not see 2's
// move... here with a singleton set) picks x (0, 0, 3) or y (2, 0, 0). Backward induction: 3
// prefers x (3 > 0); 2 then compares l (2) with r (0): l; 1 compares L (1) with R (0): L.
TEST(SequenceForm, AgentLogitOnAThreePlayerTree) {
  const std::string text = R"(EFG 2 R "three" { "P1" "P2" "P3" }
""
p "" 1 1 "" { "L" "R" } 0
t "" 1 "all" { 1, 1, 1 }
p "" 2 1 "" { "l" "r" } 0
t "" 2 "two" { 0, 2, 0 }
p "" 3 1 "" { "x" "y" } 0
t "" 3 "three" { 0, 0, 3 }
t "" 4 "one" { 2, 0, 0 }
)";
  ExtensiveFormGame g = parse_efg(text, "three.efg");
  SolveResult r = agent_logit(g);
  ASSERT_EQ(r.equilibria.size(), 1u) << r.brief_report();
  const auto& e = r.equilibria[0];
  EXPECT_NEAR(e.approx[0][0], 1, 1e-6);
  EXPECT_NEAR(e.approx[1][0], 1, 1e-6);
  EXPECT_NEAR(e.approx[2][0], 1, 1e-6);
  EXPECT_NEAR(e.payoffs_approx[0], 1, 1e-6);
}

// ---------------------------------------------------------------- Gambit interoperability

// Trees with information sets and chance nodes round-trip through .efg: the written text
// reads back to the same tree (membership of every set, chance probabilities, payoffs) and
// writes the same text again.
TEST(SequenceForm, TreesWithInformationSetsRoundTrip) {
  for (const char* name : {"kuhn3.efg", "beer_quiche.efg", "kuhn13.efg"}) {
    ExtensiveFormGame g = read_efg(fixture(name));
    std::string text = write_efg(g);
    ExtensiveFormGame back = parse_efg(text, "rt.efg");
    EXPECT_EQ(write_efg(back), text) << name;
    ASSERT_EQ(back.infosets.size(), g.infosets.size()) << name;
    for (std::size_t h = 0; h < g.infosets.size(); ++h) {
      EXPECT_EQ(back.infosets[h].nodes, g.infosets[h].nodes) << name;
      EXPECT_EQ(back.infosets[h].probabilities, g.infosets[h].probabilities) << name;
      EXPECT_EQ(back.infosets[h].actions, g.infosets[h].actions) << name;
    }
    for (std::size_t v = 0; v < g.nodes.size(); ++v)
      if (g.nodes[v].kind == NodeKind::kTerminal)
        EXPECT_EQ(back.terminal_payoffs(static_cast<int>(v)), g.terminal_payoffs(static_cast<int>(v)));
    // And solve to the same equilibrium.
    if (std::string(name) != "kuhn13.efg") EXPECT_EQ(to_gambit(sequence_lcp(back)), to_gambit(sequence_lcp(g)));
  }
}

TEST(SequenceForm, GambitAsciiLabels) {
  EXPECT_EQ(ascii_label("Türkiye", "player name"), "Turkiye");
  EXPECT_EQ(ascii_label("İstanbul – Ankara “S-400”", "x"), "Istanbul - Ankara \"S-400\"");
  EXPECT_EQ(ascii_label("Straße, Æther, Łódź, Şişli, ğ", "x"), "Strasse, AEther, Lodz, Sisli, g");
  EXPECT_THROW_MSG(ascii_label("Россия", "player name"), InputError,
                   "player name: found U+0420 in 'Россия', expected characters with an ASCII spelling");
  EXPECT_THROW_MSG(ascii_label(std::string("a\xff"), "action name"), InputError, "found invalid UTF-8");
  ExtensiveFormGame g = read_efg(fixture("chance.efg"));
  g.player_names[0] = "Türkiye";
  g.infosets[1].actions[0] = "Aktivieren (größer)";
  std::string text = write_efg(ascii_labels(g));
  for (char c : text) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_NE(text.find("\"Turkiye\""), std::string::npos);
  EXPECT_NE(text.find("\"Aktivieren (grosser)\""), std::string::npos);
  ExtensiveFormGame back = parse_efg(text, "ascii.efg");
  EXPECT_EQ(back.player_names[0], "Turkiye");
}

}  // namespace
}  // namespace geobalance::games
