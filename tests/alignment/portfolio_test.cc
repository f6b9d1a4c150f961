// Portfolios from COW dyad spells and ATOP state-years: coding, spell coverage, strongest tie,
// open ends, system membership and bad input.
#include "geobalance/alignment/portfolio.h"

#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "geobalance/io/loaders.h"
#include "test_util.h"

namespace geobalance::alignment {
namespace {

std::string fixture(const std::string& name) { return testing::source_dir() + "/tests/data/alignment/" + name; }

TEST(Portfolio, HaegeCoding) {
  EXPECT_EQ(cow_tie_value(true, false, true, true), 3);  // defence beats the rest
  EXPECT_EQ(cow_tie_value(false, true, false, true), 2);
  EXPECT_EQ(cow_tie_value(false, false, true, false), 2);
  EXPECT_EQ(cow_tie_value(false, false, false, true), 1);
  EXPECT_EQ(cow_tie_value(false, false, false, false), 0);
}

TEST(Portfolio, CowSpellsCoverYearsAndTheStrongestTieCounts) {
  // dyads.csv: USA-CAN defence 2000-open; USA-UKG entente 2000-open and neutrality 2001-2001;
  // UKG-RUS non-aggression 2000-2001.  Members by position: USA, CAN, UKG, RUS.
  const auto system = io::load_cow_states(fixture("states.csv"));
  const Portfolios p = Portfolios::from_cow(system, io::load_cow_alliance_dyads(fixture("dyads.csv")), 1999, 2002);
  EXPECT_EQ(p.coding(), TieCoding::kCowValued);
  EXPECT_EQ(p.first_year(), 1999);
  EXPECT_EQ(p.last_year(), 2002);
  EXPECT_EQ(p.year(1999).dense_row(0), (std::vector<int>{3, 0, 0, 0}));  // before every spell
  EXPECT_EQ(p.year(2000).dense_row(0), (std::vector<int>{3, 3, 1, 0}));
  EXPECT_EQ(p.year(2000).dense_row(2), (std::vector<int>{1, 0, 3, 2}));
  EXPECT_EQ(p.year(2001).dense_row(0), (std::vector<int>{3, 3, 2, 0}));  // neutrality 2 > entente 1
  EXPECT_EQ(p.year(2002).dense_row(0), (std::vector<int>{3, 3, 1, 0}));  // open ends run on
  EXPECT_EQ(p.year(2002).dense_row(3), (std::vector<int>{0, 0, 0, 3}));  // UKG-RUS ended 2001
  EXPECT_EQ(p.year(2001).tie(2, 0), 2);                                  // symmetric
  EXPECT_EQ(p.dropped_ties(), 0u);
}

TEST(Portfolio, OpenEndStopsAtTheDataLastYear) {
  const auto system = io::load_cow_states(fixture("states.csv"));
  PortfolioOptions o;
  o.open_end_year = 2001;
  const Portfolios p = Portfolios::from_cow(system, io::load_cow_alliance_dyads(fixture("dyads.csv")), 2001, 2002, o);
  EXPECT_EQ(p.year(2001).dense_row(0), (std::vector<int>{3, 3, 2, 0}));
  EXPECT_EQ(p.year(2002).dense_row(0), (std::vector<int>{3, 0, 0, 0}));
}

TEST(Portfolio, TiesOutsideTheSystemAreDroppedAndCounted) {
  auto system = io::load_cow_states(fixture("states.csv"));
  for (auto& s : system)
    if (s.ccode == 20) s.start = {2001, 1, 1};  // Canada joins in 2001
  const Portfolios p = Portfolios::from_cow(system, io::load_cow_alliance_dyads(fixture("dyads.csv")), 2000, 2001);
  EXPECT_EQ(p.year(2000).members(), (std::vector<int>{2, 200, 365}));
  EXPECT_EQ(p.year(2000).index_of(20), -1);
  EXPECT_EQ(p.year(2001).index_of(20), 1);
  EXPECT_EQ(p.dropped_ties(), 1u);  // USA-CAN in 2000
}

TEST(Portfolio, AtopSharedIdsAreBinaryTies) {
  // atop.csv, 2000: USA in 100 and 200, CAN in 100, UKG in 200, RUS in none.
  const auto system = io::load_cow_states(fixture("states.csv"));
  const Portfolios p = Portfolios::from_atop(system, io::load_atop_state_year(fixture("atop.csv")), 2000, 2000);
  EXPECT_EQ(p.coding(), TieCoding::kAtopBinary);
  EXPECT_EQ(p.year(2000).dense_row(0), (std::vector<int>{3, 3, 3, 0}));
  EXPECT_EQ(p.year(2000).dense_row(1), (std::vector<int>{3, 3, 0, 0}));
  EXPECT_EQ(p.year(2000).dense_row(2), (std::vector<int>{3, 0, 3, 0}));
  EXPECT_EQ(p.year(2000).dense_row(3), (std::vector<int>{0, 0, 0, 3}));
}

TEST(Portfolio, RejectsUnknownCcodeWithFileAndLine) {
  const auto system = io::load_cow_states(fixture("states.csv"));
  PortfolioOptions o;
  o.source = "dyads_unknown_ccode.csv";
  EXPECT_THROW_MSG(
      Portfolios::from_cow(system, io::load_cow_alliance_dyads(fixture("dyads_unknown_ccode.csv")), 2000, 2000, o),
      InputError, "dyads_unknown_ccode.csv:3: column 'ccode2': found '999', expected a ccode of the state system");
}

TEST(Portfolio, RejectsBadRangesAndBadExplicitTies) {
  const auto system = io::load_cow_states(fixture("states.csv"));
  EXPECT_THROW_MSG(Portfolios::from_cow(system, {}, 2001, 2000), InputError, "ends before it starts");
  EXPECT_THROW_MSG(PortfolioYear::make(2000, {2, 20}, {{2, 710, 3}}), InputError, "ccode 710");
  EXPECT_THROW_MSG(PortfolioYear::make(2000, {2, 20}, {{2, 20, 4}}), InputError, "must be in 1..3");
  EXPECT_THROW_MSG(Portfolios::from_years({PortfolioYear::make(2000, {2}, {}), PortfolioYear::make(2002, {2}, {})}),
                   InputError, "expected consecutive years");
}

TEST(Portfolio, LoaderRejectsEndBeforeStartAndOverlappingSpells) {
  // These checks live in io::load_cow_alliance_dyads; asserted here because alignment relies on them.
  EXPECT_THROW_MSG(io::load_cow_alliance_dyads(fixture("dyads_end_before_start.csv")), InputError,
                   "dyads_end_before_start.csv:3:");
  EXPECT_THROW_MSG(io::load_cow_alliance_dyads(fixture("dyads_end_before_start.csv")), InputError,
                   "before it starts");
  EXPECT_THROW_MSG(io::load_cow_alliance_dyads(fixture("dyads_overlap.csv")), InputError, "overlaps the spell on line 2");
}

}  // namespace
}  // namespace geobalance::alignment
