// Gambit file formats: round trips and positioned errors.
#include "geobalance/error.h"
#include "geobalance/games/gambit_io.h"
#include "test_util.h"

namespace geobalance::games {
namespace {

std::string fixture(const std::string& name) { return testing::source_dir() + "/tests/data/games/" + name; }

void expect_same(const NormalFormGame& a, const NormalFormGame& b) {
  ASSERT_EQ(a.shape(), b.shape());
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.player_names, b.player_names);
  EXPECT_EQ(a.strategy_names, b.strategy_names);
  for (std::size_t k = 0; k < a.num_profiles(); ++k)
    for (int p = 0; p < a.num_players(); ++p) EXPECT_EQ(a.payoff(k, p), b.payoff(k, p));
}

TEST(GamesIo, ParsesRationalsExactly) {
  EXPECT_EQ(*parse_rational("-1/2"), Rational(-1, 2));
  EXPECT_EQ(*parse_rational("0.25"), Rational(1, 4));
  EXPECT_EQ(*parse_rational(".5"), Rational(1, 2));
  EXPECT_EQ(*parse_rational("2.5E+2"), Rational(250));
  EXPECT_EQ(*parse_rational("1e-3"), Rational(1, 1000));
  EXPECT_EQ(*parse_rational("010/4"), Rational(5, 2));  // leading zeros are decimal, not octal
  EXPECT_FALSE(parse_rational("1/0"));
  EXPECT_FALSE(parse_rational("abc"));
  EXPECT_FALSE(parse_rational("1.2.3"));
}

TEST(GamesIo, PayoffVersionNfgRoundTrips) {
  NormalFormGame g = read_nfg(fixture("pd.nfg"));
  EXPECT_EQ(g.strategy_names[0], (std::vector<std::string>{"Cooperate", "Defect"}));
  // Profile (Defect, Cooperate) is index 1 (player 1 fastest): payoffs (5, 0).
  EXPECT_EQ(g.payoff(1, 0), 5);
  EXPECT_EQ(g.payoff(1, 1), 0);
  std::string text = write_nfg(g, NfgVersion::kPayoff);
  NormalFormGame back = parse_nfg(text, "rt.nfg");
  expect_same(g, back);
  EXPECT_EQ(write_nfg(back, NfgVersion::kPayoff), text);
}

TEST(GamesIo, OutcomeVersionNfgRoundTrips) {
  NormalFormGame g = read_nfg(fixture("bos_outcome.nfg"));
  ASSERT_TRUE(g.has_outcomes());
  EXPECT_EQ(g.outcomes().size(), 3u);
  EXPECT_EQ(g.outcomes()[0].name, "both at the opera");
  std::string text = write_nfg(g, NfgVersion::kOutcome);
  NormalFormGame back = parse_nfg(text, "rt.nfg");
  expect_same(g, back);
  EXPECT_EQ(back.profile_outcomes(), g.profile_outcomes());
  EXPECT_EQ(write_nfg(back, NfgVersion::kOutcome), text);
  // Across versions: payoff version of an outcome game, and back.
  expect_same(g, parse_nfg(write_nfg(g, NfgVersion::kPayoff), "p.nfg"));
  NormalFormGame pd = read_nfg(fixture("pd.nfg"));
  expect_same(pd, parse_nfg(write_nfg(pd, NfgVersion::kOutcome), "o.nfg"));
}

TEST(GamesIo, EfgRoundTrips) {
  for (const char* name : {"selten_horse.efg", "centipede.efg", "chance.efg"}) {
    ExtensiveFormGame g = read_efg(fixture(name));
    std::string text = write_efg(g);
    ExtensiveFormGame back = parse_efg(text, "rt.efg");
    EXPECT_EQ(write_efg(back), text) << name;
    EXPECT_EQ(back.nodes.size(), g.nodes.size());
    EXPECT_EQ(back.infosets.size(), g.infosets.size());
  }
  ExtensiveFormGame h = read_efg(fixture("selten_horse.efg"));
  EXPECT_EQ(h.comment, "Selten (1975), Figure 1");
  EXPECT_EQ(h.player_infosets(2).size(), 1u);
  EXPECT_EQ(h.infosets[static_cast<std::size_t>(h.player_infosets(2)[0])].nodes.size(), 2u);
  ExtensiveFormGame c = read_efg(fixture("chance.efg"));
  EXPECT_EQ(c.infosets[0].probabilities, (std::vector<Rational>{Rational(1, 2), Rational(1, 2)}));
}

TEST(GamesIo, ReadGameDecidesByHeader) {
  EXPECT_TRUE(std::holds_alternative<NormalFormGame>(read_game(fixture("pd.nfg"))));
  EXPECT_TRUE(std::holds_alternative<ExtensiveFormGame>(read_game(fixture("centipede.efg"))));
  EXPECT_THROW_MSG(read_game("/nonexistent/x.nfg"), InputError, "/nonexistent/x.nfg: file: cannot be opened for reading");
}

const char* kHead = "NFG 1 R \"x\" { \"A\" \"B\" } { 2 2 }\n";

TEST(GamesIo, MalformedNfgNamesLineAndColumn) {
  EXPECT_THROW_MSG(parse_nfg(std::string(kHead) + "\n1 2 3 x 5 6 7 8\n", "bad.nfg"), InputError,
                   "bad.nfg:3:7: payoff 2 of profile 2: found 'x', expected a number (integer, decimal or p/q); "
                   "the game needs 8 payoffs");
  EXPECT_THROW_MSG(parse_nfg(std::string(kHead) + "1 2 3\n", "short.nfg"), InputError,
                   "short.nfg:3:1: payoff 2 of profile 2: found end of file, expected a number");
  EXPECT_THROW_MSG(parse_nfg(std::string(kHead) + "1 2 3 4 5 6 7 8 9\n", "long.nfg"), InputError,
                   "long.nfg:2:17: payoffs: found '9', expected end of file after the last payoff");
  EXPECT_THROW_MSG(parse_nfg("NFG 2 R \"x\" { \"A\" } { 2 }\n", "v.nfg"), InputError,
                   "v.nfg:1:5: header: found '2', expected format version 1");
  EXPECT_THROW_MSG(parse_nfg("NFG 1 R \"x\" { \"A\" \"B\" } { 2 0 }\n", "z.nfg"), InputError,
                   "z.nfg:1:29: strategy list: found '0', expected a positive strategy count for player 2");
  EXPECT_THROW_MSG(parse_nfg("NFG 1 R \"x\" { 1 }\n", "q.nfg"), InputError,
                   "q.nfg:1:15: player list: found '1', expected a quoted player name");
  EXPECT_THROW_MSG(parse_nfg("NFG 1 R \"x\" { \"A\" \"B\" } { { \"a\" } { \"b\" } }\n{ { \"o\" 1, 2 } }\n2\n",
                             "o.nfg"),
                   InputError, "o.nfg:3:1: outcome of profile 1: found '2', expected an outcome number from 0 to 1");
}

TEST(GamesIo, MalformedEfgNamesLineAndColumn) {
  const std::string head = "EFG 2 R \"g\" { \"P1\" \"P2\" }\n";
  EXPECT_THROW_MSG(parse_efg(head + "p \"\" 3 1 \"\" { \"a\" } 0\n", "p.efg"), InputError,
                   "p.efg:2:6: player number: found '3', expected a player number from 1 to 2");
  EXPECT_THROW_MSG(parse_efg(head + "c \"\" 1 \"\" { \"H\" 1/2 \"T\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n", "c.efg"),
                   InputError, "c.efg:2:11: action list: chance probabilities sum to 5/6, but must sum to 1");
  EXPECT_THROW_MSG(parse_efg(head + "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", "i.efg"), InputError,
                   "i.efg:4:1: node: found end of file, expected a node type 'p', 'c' or 't' (the tree is not complete yet)");
  EXPECT_THROW_MSG(parse_efg(head + "t \"\" 1 \"o\" { 1 }\n", "t.efg"), InputError,
                   "t.efg:2:16: payoffs of outcome 1: found '}', expected a number (integer, decimal or p/q)");
  EXPECT_THROW_MSG(parse_efg(head + "t \"\" 2\n", "u.efg"), InputError,
                   "u.efg:3:1: outcome: found end of file, expected the name and payoffs of new outcome 2");
  EXPECT_THROW_MSG(parse_efg(head + "t \"\" 0\nt \"\" 0\n", "x.efg"), InputError,
                   "x.efg:3:1: tree: found 't', expected end of file after the last node of the tree");
  EXPECT_THROW_MSG(parse_efg(head + "p \"unterminated 1 1\n", "s.efg"), InputError,
                   "s.efg:2:3: string: found end of file, expected a closing '\"'");
  EXPECT_THROW_MSG(parse_efg(head + "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 1 1 \"\" { \"a\" } 0\n", "a.efg"),
                   InputError, "a.efg:3:13: action list: found 1 actions, expected 2 as at the first node of information set 1");
}

}  // namespace
}  // namespace geobalance::games
