// Alliance-portfolio S over the full state system of the alliance data (issue 12, item 7):
// a constructed four-state system computed by hand, and real dyad-years against an
// independent Python computation from the COW files (tests/data/alignment/s_cow_expected.py).
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "geobalance/io/loaders.h"
#include "geobalance/scenario/world.h"
#include "scenario/similarity_bridge.h"
#include "test_util.h"

namespace geobalance::scenario::detail {
namespace {

using namespace geobalance::testing;

StateSpell spell(int cc, int from, int to) {
  StateSpell s;
  s.ccode = cc, s.start = {from, 1, 1}, s.end = {to, 12, 31};
  return s;
}

AllianceDyad dyad(int a, int b, int from, bool defense, bool nonaggression, bool entente) {
  AllianceDyad d;
  d.ccode1 = a, d.ccode2 = b, d.start = {from, 1, 1};
  d.defense = defense, d.nonaggression = nonaggression, d.entente = entente;
  return d;
}

// System in 2000: USA 2, CAN 20, UKG 200, RUS 365 (TUR 640's spell ends in 1995 here).
// Ties: USA-CAN defence 3, USA-UKG entente 1, UKG-RUS non-aggression 2, USA-TUR defence (TUR
// not a member: dropped). Portfolios over k = (2, 20, 200, 365), self-tie 3:
//   USA (3, 3, 1, 0)   CAN (3, 3, 0, 0)   UKG (1, 0, 3, 2)   RUS (0, 0, 2, 3)
// Signorino & Ritter (1999), unweighted, d_max = 3, n = 4: S = 1 - 2 sum|x_k - y_k| / (3 n)
//   S(USA, CAN) = 1 - 2 (0 + 0 + 1 + 0) / 12 = 5/6
//   S(USA, RUS) = 1 - 2 (3 + 3 + 1 + 3) / 12 = -2/3
//   S(UKG, RUS) = 1 - 2 (1 + 0 + 1 + 1) / 12 = 1/2
//   S(USA, UKG) = 1 - 2 (2 + 3 + 2 + 2) / 12 = -1/2
TEST(SystemPortfolio, ConstructedSystemByHand) {
  World w;
  w.cow_states = {spell(2, 1816, 2016), spell(20, 1920, 2016), spell(200, 1816, 2016), spell(365, 1992, 2016),
                  spell(640, 1816, 1995)};
  w.cow_dyads = {dyad(2, 20, 1949, true, false, false), dyad(2, 200, 1990, false, false, true),
                 dyad(200, 365, 1994, false, true, false), dyad(2, 640, 1990, true, false, false)};
  auto p = system_portfolio(w, Date{2000, 6, 1});
  ASSERT_TRUE(p.available) << p.unavailable;
  EXPECT_EQ(p.year, 2000);
  EXPECT_EQ(p.states, 4);
  EXPECT_NE(p.system.find("2000 (4 states"), std::string::npos) << p.system;
  EXPECT_NEAR(system_similarity(p, 2, 20), 5.0 / 6, 1e-12);
  EXPECT_NEAR(system_similarity(p, 20, 2), 5.0 / 6, 1e-12);
  EXPECT_NEAR(system_similarity(p, 2, 365), -2.0 / 3, 1e-12);
  EXPECT_NEAR(system_similarity(p, 200, 365), 0.5, 1e-12);
  EXPECT_NEAR(system_similarity(p, 2, 200), -0.5, 1e-12);
  EXPECT_TRUE(std::isnan(system_similarity(p, 2, 640)));  // not a member in 2000
  // After the alliance data's last year (2012) the portfolio is the 2012 one, named so.
  auto late = system_portfolio(w, Date{2026, 11, 24});
  EXPECT_EQ(late.year, 2012);
}

TEST(SystemPortfolio, UnavailableWithoutTheCowFilesAndSaysWhy) {
  World w;
  auto p = system_portfolio(w, Date{2026, 11, 24});
  EXPECT_FALSE(p.available);
  EXPECT_NE(p.unavailable.find("data.states"), std::string::npos) << p.unavailable;
  EXPECT_TRUE(std::isnan(system_similarity(p, 2, 640)));
}

// Real dyad-years: the full COW system in 2012 (states2016, alliance v4.1 by_dyad) against
// the expected values that tests/data/alignment/s_cow_expected.py computed from the same
// files from the definitions (committed beside it as s_cow_expected.csv).
TEST(SystemPortfolio, RealDyadYearsMatchAnIndependentComputation) {
  auto states = shared_file("data/cow_states/states2016.csv");
  auto dyads = shared_file("data/cow_alliance_v4.1/alliance_v4.1_by_dyad.csv");
  if (!states || !dyads) GTEST_SKIP() << "../shared is absent: the COW state system and alliance files are needed";
  World w;
  w.cow_states = io::load_cow_states(*states);
  w.cow_dyads = io::load_cow_alliance_dyads(*dyads);
  auto p = system_portfolio(w, Date{2026, 11, 24});
  ASSERT_TRUE(p.available);
  EXPECT_EQ(p.year, 2012);
  std::ifstream in(source_dir() + "/tests/data/alignment/s_cow_expected.csv");
  ASSERT_TRUE(in) << "tests/data/alignment/s_cow_expected.csv";
  std::string line;
  std::getline(in, line);  // header
  int rows = 0;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string f[5];
    for (auto& x : f) std::getline(ss, x, ',');
    ASSERT_EQ(std::stoi(f[0]), p.year);
    EXPECT_EQ(std::stoi(f[3]), p.states);
    EXPECT_NEAR(system_similarity(p, std::stoi(f[1]), std::stoi(f[2])), std::stod(f[4]), 1e-9) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 4);
}

}  // namespace
}  // namespace geobalance::scenario::detail
