// Every measure checked against hand arithmetic on small systems, then properties (S(i,i) = 1,
// symmetry, ranges, the sparse kernel equal to the definitions, thread-count independence)
// and one real dyad-year of COW v4.1 worked by hand.
#include "geobalance/alignment/similarity.h"

#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "geobalance/core/random.h"
#include "geobalance/error.h"
#include "geobalance/io/loaders.h"
#include "test_util.h"

namespace geobalance::alignment {
namespace {

constexpr double kTol = 1e-12;

// The 4-state system used throughout (positions A=2, B=20, C=200, D=365):
//   A-B defence (3), A-C entente (1), C-D neutrality (2); self-ties 3.
//   A: [3,3,1,0]  B: [3,3,0,0]  C: [1,0,3,2]  D: [0,0,2,3]
PortfolioYear four_states() {
  return PortfolioYear::make(2000, {2, 20, 200, 365}, {{2, 20, 3}, {2, 200, 1}, {200, 365, 2}});
}

// CINC weights 0.5, 0.1, 0.3, 0.1 (sum 1).
CapabilityWeights four_weights() {
  std::vector<power::CincValue> c;
  for (auto [cc, w] : std::vector<std::pair<int, double>>{{2, 0.5}, {20, 0.1}, {200, 0.3}, {365, 0.1}}) {
    power::CincValue v;
    v.ccode = cc;
    v.year = 2000;
    v.cinc = w;
    c.push_back(v);
  }
  return CapabilityWeights(c);
}

TEST(Portfolio, FourStateRowsAreTheHandMatrix) {
  const PortfolioYear y = four_states();
  EXPECT_EQ(y.dense_row(0), (std::vector<int>{3, 3, 1, 0}));
  EXPECT_EQ(y.dense_row(1), (std::vector<int>{3, 3, 0, 0}));
  EXPECT_EQ(y.dense_row(2), (std::vector<int>{1, 0, 3, 2}));
  EXPECT_EQ(y.dense_row(3), (std::vector<int>{0, 0, 2, 3}));
}

TEST(Similarity, AllMeasuresByHandForAlliedDyad) {
  // Dyad (A, B): x = [3,3,1,0], y = [3,3,0,0]; n = 4.
  const DyadSimilarity d = dyad_similarity(four_states(), four_weights(), 2, 20);
  EXPECT_EQ(d.n_system, 4);
  // |x-y| = 0,0,1,0 -> sum 1 (scaled 1/3).  S_abs = 1 - 2*(1/3)/4 = 5/6.
  EXPECT_NEAR(d.m.s_unw_abs, 5.0 / 6.0, kTol);
  // (x-y)^2 = 1 (scaled 1/9).  S_sq = 1 - 2*(1/9)/4 = 17/18.
  EXPECT_NEAR(d.m.s_unw_sq, 17.0 / 18.0, kTol);
  // Weighted: only C (w 0.3) differs.  S_w_abs = 1 - 2*0.3*(1/3)/1 = 0.8;
  // S_w_sq = 1 - 2*0.3*(1/9) = 14/15.
  EXPECT_NEAR(d.m.s_w_abs, 0.8, kTol);
  EXPECT_NEAR(d.m.s_w_sq, 14.0 / 15.0, kTol);
  // Kappa: D_obs = (1/4)(1/3) = 1/12.  p_A: p3=1/2 p1=1/4 p0=1/4; p_B: p3=1/2 p0=1/2.
  // D_exp (raw) = 1/2*1/2*3 [3,0] + 1/4*1/2*2 [1,3] + 1/4*1/2*1 [1,0] + 1/4*1/2*3 [0,3]
  //             = 3/4 + 1/4 + 1/8 + 3/8 = 3/2, scaled 1/2.  kappa = 1 - (1/12)/(1/2) = 5/6.
  EXPECT_NEAR(d.m.kappa_abs, 5.0 / 6.0, kTol);
  // Pi: pooled 3,3,1,0,3,3,0,0 -> p3=1/2 p1=1/8 p0=3/8.
  // D_exp (raw) = 2*(p3 p1*2 + p3 p0*3 + p1 p0*1) = 2*(8/64 + 36/64 + 3/64) = 47/32, scaled 47/96.
  // pi = 1 - (1/12)/(47/96) = 1 - 8/47 = 39/47.
  EXPECT_NEAR(d.m.pi_abs, 39.0 / 47.0, kTol);
  // Tau-b over the 6 pairs of positions: (1,2) tied in both; (1,3),(1,4),(2,3),(2,4)
  // concordant; (3,4) tied in y.  C=4, D=0, T_x=1, T_y=2: 4/sqrt((6-1)(6-2)) = 4/sqrt(20).
  EXPECT_NEAR(d.m.taub, 4.0 / std::sqrt(20.0), kTol);
}

TEST(Similarity, AllMeasuresByHandForOpposedDyad) {
  // Dyad (A, D): x = [3,3,1,0], y = [0,0,2,3].
  const DyadSimilarity d = dyad_similarity(four_states(), four_weights(), 2, 365);
  // |x-y| = 3,3,1,3 -> 10; S_abs = 1 - 2*(10/3)/4 = -2/3.
  EXPECT_NEAR(d.m.s_unw_abs, -2.0 / 3.0, kTol);
  // (x-y)^2 = 9,9,1,9 -> 28; S_sq = 1 - 2*(28/9)/4 = -5/9.
  EXPECT_NEAR(d.m.s_unw_sq, -5.0 / 9.0, kTol);
  // sum w|d|/3 = (0.5*3 + 0.1*3 + 0.3*1 + 0.1*3)/3 = 0.8 -> S_w_abs = 1 - 1.6 = -0.6.
  EXPECT_NEAR(d.m.s_w_abs, -0.6, kTol);
  // sum w d^2/9 = (4.5 + 0.9 + 0.3 + 0.9)/9 = 6.6/9 -> S_w_sq = 1 - 13.2/9 = -0.4666...
  EXPECT_NEAR(d.m.s_w_sq, 1.0 - 13.2 / 9.0, kTol);
  // Kappa: D_obs = 10/12 = 5/6.  p_A: p3=1/2 p1=1/4 p0=1/4; p_D: p0=1/2 p2=1/4 p3=1/4.
  // D_exp (raw, /16): [3,0] 12 + [3,2] 2 + [1,0] 2 + [1,2] 1 + [1,3] 2 + [0,2] 2 + [0,3] 3 = 24/16
  // = 3/2, scaled 1/2.  kappa = 1 - (5/6)/(1/2) = -2/3.
  EXPECT_NEAR(d.m.kappa_abs, -2.0 / 3.0, kTol);
  // Pi: pooled 3,3,1,0,0,0,2,3 -> p3=3/8 p2=1/8 p1=1/8 p0=3/8.
  // sum_{a<b} p_a p_b |a-b| (/64): (0,1) 3 + (0,2) 6 + (0,3) 27 + (1,2) 1 + (1,3) 6 + (2,3) 3 = 46,
  // D_exp raw = 92/64 = 23/16, scaled 23/48.  pi = 1 - (5/6)/(23/48) = 1 - 40/23 = -17/23.
  EXPECT_NEAR(d.m.pi_abs, -17.0 / 23.0, kTol);
  // Tau-b: (1,2) tied in both, the other 5 pairs discordant: -5/sqrt(5*5) = -1.
  EXPECT_NEAR(d.m.taub, -1.0, kTol);
}

TEST(Similarity, SelfSimilarityIsOne) {
  const PortfolioYear y = four_states();
  for (int c : y.members()) {
    const DyadSimilarity d = dyad_similarity(y, four_weights(), c, c);
    EXPECT_DOUBLE_EQ(d.m.s_unw_abs, 1.0) << c;
    EXPECT_DOUBLE_EQ(d.m.s_unw_sq, 1.0) << c;
    EXPECT_DOUBLE_EQ(d.m.s_w_abs, 1.0) << c;
    EXPECT_DOUBLE_EQ(d.m.s_w_sq, 1.0) << c;
    EXPECT_DOUBLE_EQ(d.m.kappa_abs, 1.0) << c;
    EXPECT_DOUBLE_EQ(d.m.pi_abs, 1.0) << c;
    EXPECT_DOUBLE_EQ(d.m.taub, 1.0) << c;
  }
}

TEST(Similarity, UndefinedChanceCorrectionIsNaN) {
  // Two states allied to each other only: both vectors are [3,3]; nothing varies, so D_exp = 0
  // and tau-b's denominator is 0, while S = 1.
  const PortfolioYear y = PortfolioYear::make(1900, {2, 20}, {{2, 20, 3}});
  const DyadSimilarity d = dyad_similarity(y, {}, 2, 20);
  EXPECT_DOUBLE_EQ(d.m.s_unw_abs, 1.0);
  EXPECT_TRUE(std::isnan(d.m.kappa_abs));
  EXPECT_TRUE(std::isnan(d.m.pi_abs));
  EXPECT_TRUE(std::isnan(d.m.taub));
  // No weights given: weighted S is NaN.
  EXPECT_TRUE(std::isnan(d.m.s_w_abs));
  EXPECT_TRUE(std::isnan(d.m.s_w_sq));
}

TEST(Similarity, RegionalScopeUsesBothStatesRegions) {
  // 5 states: A=2, B=20 (Americas), C=200, D=365 (Europe), E=710 (Asia).
  // Ties A-B 3, A-C 1, C-D 2, C-E 3.
  const PortfolioYear y =
      PortfolioYear::make(2000, {2, 20, 200, 365, 710}, {{2, 20, 3}, {2, 200, 1}, {200, 365, 2}, {200, 710, 3}});
  SimilarityOptions regional;
  regional.scope = Scope::kRegional;
  // (A, B), both Americas: scope {A, B}: x = y = [3,3] -> S = 1, n = 2.
  const DyadSimilarity ab = dyad_similarity(y, {}, 2, 20, regional);
  EXPECT_EQ(ab.n_system, 2);
  EXPECT_DOUBLE_EQ(ab.m.s_unw_abs, 1.0);
  // (A, C): scope Americas + Europe = {A,B,C,D}: x = [3,3,1,0], y = [1,0,3,2];
  // |x-y| = 2,3,2,2 = 9 -> S = 1 - 2*3/4 = -0.5.
  const DyadSimilarity ac = dyad_similarity(y, {}, 2, 200, regional);
  EXPECT_EQ(ac.n_system, 4);
  EXPECT_NEAR(ac.m.s_unw_abs, -0.5, kTol);
  // Global (A, C) adds E: x_E = 0, y_E = 3 -> sum 12 over 5: S = 1 - 2*4/5 = -0.6.
  const DyadSimilarity g = dyad_similarity(y, {}, 2, 200);
  EXPECT_EQ(g.n_system, 5);
  EXPECT_NEAR(g.m.s_unw_abs, -0.6, kTol);
}

TEST(Similarity, RegionsFollowTheCowBlocks) {
  EXPECT_EQ(region_of(2), Region::kAmericas);
  EXPECT_EQ(region_of(165), Region::kAmericas);
  EXPECT_EQ(region_of(200), Region::kEurope);
  EXPECT_EQ(region_of(395), Region::kEurope);
  EXPECT_EQ(region_of(402), Region::kAfrica);
  EXPECT_EQ(region_of(626), Region::kAfrica);
  EXPECT_EQ(region_of(640), Region::kMiddleEast);  // Turkey
  EXPECT_EQ(region_of(651), Region::kMiddleEast);  // Egypt
  EXPECT_EQ(region_of(710), Region::kAsia);
  EXPECT_EQ(region_of(900), Region::kOceania);
}

// A random system of n states with sparse ties.
PortfolioYear random_year(Rng& rng, int n, double density) {
  std::vector<int> members;
  for (int k = 0; k < n; ++k) members.push_back(2 + 5 * k);
  std::vector<std::tuple<int, int, int>> ties;
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b)
      if (rng.uniform() < density) ties.emplace_back(members[a], members[b], 1 + static_cast<int>(rng.below(3)));
  return PortfolioYear::make(1950, members, ties);
}

TEST(Similarity, SparseKernelEqualsTheDefinitionsOnRandomSystems) {
  Rng rng(20240611, 0);
  for (int trial = 0; trial < 40; ++trial) {
    const int n = 3 + static_cast<int>(rng.below(40));
    const PortfolioYear y = random_year(rng, n, trial % 2 ? 0.05 : 0.4);
    std::vector<power::CincValue> cinc;
    for (int c : y.members()) {
      power::CincValue v;
      v.ccode = c;
      v.year = 1950;
      v.cinc = rng.uniform() < 0.1 ? NAN : rng.uniform();
      cinc.push_back(v);
    }
    const CapabilityWeights w(cinc);
    const std::vector<double> wv = w.for_year(y);
    for (std::size_t a = 0; a < y.size(); ++a)
      for (std::size_t b = 0; b < y.size(); ++b) {
        const auto d = dyad_similarity(y, w, y.members()[a], y.members()[b]);
        const auto ref = measures_dense(y.dense_row(a), y.dense_row(b), wv);
        for (Measure m : {Measure::kSUnwAbs, Measure::kSUnwSq, Measure::kSWAbs, Measure::kSWSq, Measure::kKappaAbs,
                          Measure::kPiAbs, Measure::kTauB}) {
          const double v = d.m.get(m), r = ref.get(m);
          if (std::isnan(r)) {
            EXPECT_TRUE(std::isnan(v)) << to_string(m);
            continue;
          }
          EXPECT_NEAR(v, r, 1e-12) << to_string(m) << " n=" << n << " a=" << a << " b=" << b;
          // Ranges: S in [-1, 1], tau-b in [-1, 1], kappa and pi <= 1.
          EXPECT_LE(v, 1.0 + 1e-12) << to_string(m);
          if (m != Measure::kKappaAbs && m != Measure::kPiAbs) EXPECT_GE(v, -1.0 - 1e-12) << to_string(m);
          // Symmetry.
          const auto e = dyad_similarity(y, w, y.members()[b], y.members()[a]);
          EXPECT_EQ(e.m.get(m), v) << to_string(m);
        }
      }
  }
}

TEST(Similarity, AllDyadsIsIdenticalOnOneAndManyThreads) {
  Rng rng(7, 0);
  std::vector<PortfolioYear> years;
  for (int t = 0; t < 5; ++t) {
    PortfolioYear y = random_year(rng, 30 + 5 * t, 0.1);
    std::vector<int> m = y.members();
    std::vector<std::tuple<int, int, int>> ties;
    for (std::size_t a = 0; a < y.size(); ++a)
      for (const Tie& tie : y.row(a))
        if (tie.index > a) ties.emplace_back(m[a], m[tie.index], static_cast<int>(tie.value));
    years.push_back(PortfolioYear::make(1950 + t, m, ties));
  }
  const Portfolios p = Portfolios::from_years(std::move(years));
  auto collect = [&](unsigned threads) {
    SimilarityOptions o;
    o.threads = threads;
    std::vector<DyadSimilarity> all;
    all_dyads(p, {}, 1950, 1954, o, [&](int, std::span<const DyadSimilarity> rows) {
      all.insert(all.end(), rows.begin(), rows.end());
    });
    return all;
  };
  const auto one = collect(1), four = collect(4);
  ASSERT_EQ(one.size(), four.size());
  std::size_t expected_rows = 0;
  for (int t = 0; t < 5; ++t) expected_rows += static_cast<std::size_t>((30 + 5 * t) * (29 + 5 * t));
  EXPECT_EQ(one.size(), expected_rows);
  for (std::size_t i = 0; i < one.size(); ++i) {
    ASSERT_EQ(one[i].ccode1, four[i].ccode1);
    ASSERT_EQ(one[i].ccode2, four[i].ccode2);
    ASSERT_EQ(one[i].year, four[i].year);
    ASSERT_EQ(std::memcmp(&one[i].m, &four[i].m, sizeof(Measures)), 0) << i;  // bit for bit
  }
  // Rows of a year are ordered by (ccode1, ccode2) with ccode1 != ccode2.
  for (std::size_t i = 1; i < one.size(); ++i) {
    EXPECT_NE(one[i].ccode1, one[i].ccode2);
    if (one[i].year == one[i - 1].year)
      EXPECT_LT(std::pair(one[i - 1].ccode1, one[i - 1].ccode2), std::pair(one[i].ccode1, one[i].ccode2));
  }
}

TEST(Similarity, RejectsNonMembersAndBadRanges) {
  EXPECT_THROW_MSG(dyad_similarity(four_states(), {}, 2, 710), InputError, "ccode 710 is not a system member in 2000");
  const Portfolios p = Portfolios::from_years({four_states()});
  auto sink = [](int, std::span<const DyadSimilarity>) {};
  EXPECT_THROW_MSG(all_dyads(p, {}, 2000, 1999, {}, sink), InputError, "ends before it starts");
  EXPECT_THROW_MSG(all_dyads(p, {}, 2000, 2001, {}, sink), InputError, "expected a year the portfolios cover (2000..2000)");
  EXPECT_THROW_MSG(measure_from_string("s"), InputError, "expected one of s_unw_abs");
}

// USA-UKG in 1816 from COW v4.1 by hand. The 23 system members of 1816 (states2016) and the
// alliance spells covering 1816 (by_dyad, read off the file): UKG has a defence pact (3) with
// POR (id 1), GMY, AUH, RUS (id 6) and an entente (1) with SWD (id 2); USA has none.
//   x (USA) = 3 at USA, 0 elsewhere; y (UKG) = 3 at UKG, POR, GMY, AUH, RUS; 1 at SWD.
//   |x-y|: USA 3, UKG 3, POR 3, GMY 3, AUH 3, RUS 3, SWD 1 -> 19;  (x-y)^2 -> 6*9 + 1 = 55.
//   S_abs = 1 - 2*(19/3)/23 = 31/69;   S_sq = 1 - 2*(55/9)/23 = 97/207.
//   kappa: r (USA) = {3:1, 0:22}; c (UKG) = {3:5, 1:1, 0:17};
//     sum r_a c_b |a-b| = 1*1*2 + 1*17*3 + 22*5*3 + 22*1*1 = 405 -> D_exp = 405/529 (raw);
//     D_obs = 19/23 (raw); kappa = 1 - (19/23)/(405/529) = 1 - 437/405 = -32/405.
//   pi: pooled counts {3:6, 1:1, 0:39} of 46: D_exp = 2*(6*1*2 + 6*39*3 + 1*39*1)/46^2 = 1506/2116;
//     pi = 1 - (19/23)/(1506/2116) = 1 - 1748/1506 = -242/1506.
//   tau-b: only pairs with USA vary in x (dx = +3): 5 with y = 3 and SWD with y = 1 are
//     discordant, 16 are tied in y: C = 0, D = 6; n0 = 253, T_x = C(22,2) = 231,
//     T_y = C(5,2) + C(17,2) = 146 -> -6/sqrt(22*107).
//   Weighted S uses COW's published cinc column of NMC v6 for 1816 (an independent source).
TEST(SimilarityReal, UsaUkg1816ByHand) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(states, "data/cow_states/states2016.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(dyads, "data/cow_alliance_v4.1/alliance_v4.1_by_dyad.csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc_path, "data/nmc/NMC-60-abridged.csv");
  const auto system = io::load_cow_states(states);
  const Portfolios p = Portfolios::from_cow(system, io::load_cow_alliance_dyads(dyads), 1816, 1816);
  const PortfolioYear& y = p.year(1816);
  ASSERT_EQ(y.size(), 23u);
  const auto nmc = io::load_nmc(nmc_path);
  const CapabilityWeights w(power::compute_cinc(nmc));
  const DyadSimilarity d = dyad_similarity(y, w, 2, 200);
  EXPECT_EQ(d.n_system, 23);
  EXPECT_NEAR(d.m.s_unw_abs, 31.0 / 69.0, kTol);
  EXPECT_NEAR(d.m.s_unw_sq, 97.0 / 207.0, kTol);
  EXPECT_NEAR(d.m.kappa_abs, -32.0 / 405.0, kTol);
  EXPECT_NEAR(d.m.pi_abs, -242.0 / 1506.0, kTol);
  EXPECT_NEAR(d.m.taub, -6.0 / std::sqrt(22.0 * 107.0), kTol);
  // Weighted, from the published cinc column: sum over the 23 members of cinc_k |x_k - y_k| / 3.
  std::map<int, double> published;
  for (const auto& r : nmc)
    if (r.year == 1816) published[r.ccode] = r.published_cinc;
  const std::map<int, int> diff = {{2, 3}, {200, 3}, {235, 3}, {255, 3}, {300, 3}, {365, 3}, {380, 1}};
  double num_abs = 0, num_sq = 0, total = 0;
  for (int c : y.members()) {
    total += published[c];
    auto it = diff.find(c);
    if (it == diff.end()) continue;
    num_abs += published[c] * it->second / 3.0;
    num_sq += published[c] * (it->second / 3.0) * (it->second / 3.0);
  }
  EXPECT_NEAR(d.m.s_w_abs, 1 - 2 * num_abs / total, 1e-6);
  EXPECT_NEAR(d.m.s_w_sq, 1 - 2 * num_sq / total, 1e-6);
}

}  // namespace
}  // namespace geobalance::alignment
