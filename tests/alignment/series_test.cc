// Cohesion and drift series on the 4-state fixture, worked by hand, and the membership table.
#include "geobalance/alignment/series.h"

#include <cmath>

#include <gtest/gtest.h>

#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "geobalance/io/loaders.h"
#include "test_util.h"

namespace geobalance::alignment {
namespace {

constexpr double kTol = 1e-12;

std::string fixture(const std::string& name) { return testing::source_dir() + "/tests/data/alignment/" + name; }

Portfolios fixture_portfolios() {
  return Portfolios::from_cow(io::load_cow_states(fixture("states.csv")),
                              io::load_cow_alliance_dyads(fixture("dyads.csv")), 2000, 2002);
}

// Portfolios (positions USA, CAN, UKG, RUS):
//   2000: USA [3,3,1,0] CAN [3,3,0,0] UKG [1,0,3,2] RUS [0,0,2,3]
//   2001: USA [3,3,2,0] CAN [3,3,0,0] UKG [2,0,3,2] RUS [0,0,2,3]
//   2002: USA [3,3,1,0] CAN [3,3,0,0] UKG [1,0,3,0] RUS [0,0,0,3]
// S_unw_abs = 1 - 2*(sum |x-y| / 3)/4 = 1 - sum/6.

TEST(Membership, AsOfTheEndOfEachYear) {
  const auto m = load_membership_table(fixture("members.csv"));
  ASSERT_EQ(m.size(), 4u);
  EXPECT_FALSE(m[0].member_at_end_of(1999));
  EXPECT_TRUE(m[0].member_at_end_of(2000));
  EXPECT_TRUE(m[2].member_at_end_of(2001));   // joined on 31 December 2001
  EXPECT_TRUE(m[3].member_at_end_of(2000));
  EXPECT_FALSE(m[3].member_at_end_of(2001));  // left on 30 June 2001
}

TEST(Membership, BuiltInNatoTableLoads) {
  const auto m = load_membership_table(data_path("nato_members.csv"));
  int members_2024 = 0, members_1950 = 0;
  for (const auto& s : m) {
    members_2024 += s.member_at_end_of(2024);
    members_1950 += s.member_at_end_of(1950);
  }
  EXPECT_EQ(members_1950, 12);  // the founders (FACTS.md §1)
  EXPECT_EQ(members_2024, 32);  // 32 members since March 2024 (FACTS.md §1)
}

TEST(Membership, RejectsBadDates) {
  EXPECT_THROW_MSG(load_membership_table(fixture("members_bad_date.csv")), InputError,
                   "members_bad_date.csv:2:21: column 'accession_date': found '2000-13-01', expected a date YYYY-MM-DD");
}

TEST(Cohesion, MeanAndMinimumByHand) {
  const auto members = load_membership_table(fixture("members.csv"));
  const CohesionSeries s = cohesion(fixture_portfolios(), {}, members, 2000, 2002);
  ASSERT_EQ(s.points.size(), 3u);
  // 2000: members USA, CAN, RUS.  USA-CAN: |d| 0,0,1,0 = 1 -> 5/6; USA-RUS: 3,3,1,3 = 10 -> -2/3;
  // CAN-RUS: 3,3,2,3 = 11 -> -5/6.  Mean (5/6 - 2/3 - 5/6)/3 = -2/9; min -5/6 (CAN-RUS).
  EXPECT_EQ(s.points[0].members, 3);
  EXPECT_EQ(s.points[0].pairs, 3);
  EXPECT_NEAR(s.points[0].mean, -2.0 / 9.0, kTol);
  EXPECT_NEAR(s.points[0].min, -5.0 / 6.0, kTol);
  EXPECT_EQ(s.points[0].min_ccode1, 20);
  EXPECT_EQ(s.points[0].min_ccode2, 365);
  // 2001: members USA, CAN, UKG (RUS left).  USA-CAN: 0,0,2,0 = 2 -> 2/3; USA-UKG: 1,3,1,2 = 7
  // -> -1/6; CAN-UKG: 1,3,3,2 = 9 -> -1/2.  Mean 0; min -1/2 (CAN-UKG).
  EXPECT_EQ(s.points[1].members, 3);
  EXPECT_NEAR(s.points[1].mean, 0.0, kTol);
  EXPECT_NEAR(s.points[1].min, -0.5, kTol);
  EXPECT_EQ(s.points[1].min_ccode1, 20);
  EXPECT_EQ(s.points[1].min_ccode2, 200);
}

TEST(Drift, GapsSignChangesAndTrendsByHand) {
  // Focal CAN between USA (a) and RUS (b); ideal points (fixture): USA 3, RUS -1 every year;
  // CAN 1 (2000), 1.5 (2001), 0.5 (2002).
  DriftOptions o;
  o.trend_window = 2;
  const auto ideal = io::load_unga_idealpoints(fixture("idealpoints.csv"));
  const DriftSeries s = drift(fixture_portfolios(), {}, ideal, 20, 2, 365, 2000, 2003, o);
  ASSERT_EQ(s.points.size(), 4u);
  // S: 2000 CAN-USA 5/6, CAN-RUS -5/6, gap 5/3; 2001 2/3 and -5/6 (3,3,2,3 = 11), gap 3/2;
  // 2002 CAN-USA 5/6 (1 at UKG), CAN-RUS 3,3,0,3 = 9 -> -1/2, gap 4/3.  2003: no portfolios.
  EXPECT_NEAR(s.points[0].s_gap, 5.0 / 3.0, kTol);
  EXPECT_NEAR(s.points[1].s_a, 2.0 / 3.0, kTol);
  EXPECT_NEAR(s.points[1].s_gap, 1.5, kTol);
  EXPECT_NEAR(s.points[2].s_b, -0.5, kTol);
  EXPECT_NEAR(s.points[2].s_gap, 4.0 / 3.0, kTol);
  EXPECT_TRUE(std::isnan(s.points[3].s_a));
  // Alliance gap: always positive (no sign change); 2-year slopes -1/6, -1/6: falling, no change.
  EXPECT_TRUE(s.s_sign_changes.empty());
  EXPECT_EQ(s.points[1].s_trend, -1);
  EXPECT_EQ(s.points[2].s_trend, -1);
  EXPECT_TRUE(s.s_trend_changes.empty());
  // UN: distances 2000 2 and 2 (gap 0); 2001 1.5 and 2.5 (gap +1); 2002 2.5 and 1.5 (gap -1).
  EXPECT_NEAR(s.points[0].ip_gap, 0.0, kTol);
  EXPECT_NEAR(s.points[1].ip_dist_a, 1.5, kTol);
  EXPECT_NEAR(s.points[1].ip_gap, 1.0, kTol);
  EXPECT_NEAR(s.points[2].ip_gap, -1.0, kTol);
  EXPECT_EQ(s.ip_sign_changes, (std::vector<int>{2001, 2002}));
  // Slopes: 2001 +1 (rising), 2002 -2 (falling): the trend turns in 2002.
  EXPECT_EQ(s.points[1].ip_trend, 1);
  EXPECT_EQ(s.points[2].ip_trend, -1);
  EXPECT_EQ(s.ip_trend_changes, (std::vector<int>{2002}));
}

TEST(Drift, RejectsBadOptions) {
  DriftOptions o;
  o.trend_window = 1;
  EXPECT_THROW_MSG(drift(fixture_portfolios(), {}, {}, 20, 2, 365, 2000, 2001, o), InputError,
                   "DriftOptions: trend_window is 1, but must be >= 2");
}

}  // namespace
}  // namespace geobalance::alignment
