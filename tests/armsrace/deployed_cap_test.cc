// The warhead cap on deployed strategic warheads (deployed_cap.h), on a constructed race worked
// out by hand, and the built-in deployed strategic file against the published figures.
#include "geobalance/armsrace/deployed_cap.h"

#include <cmath>

#include "test_util.h"

namespace geobalance::armsrace {
namespace {

Series make(std::vector<std::string> actors, std::vector<int> years, std::vector<std::vector<double>> values) {
  Series s;
  s.actors = std::move(actors);
  s.years = std::move(years);
  s.values = std::move(values);
  s.source = "constructed";
  return s;
}

// Totals in 2023: USA 4,000, RUS 5,000, CHN 500; deployed strategic 2,000, 1,000, 0, so the
// shares are 0.5, 0.2 and 0. Forecast totals at 2023, 2026, 2027: USA 4,000, 3,000, 3,600;
// RUS 5,000, 8,000, 9,000; CHN 500, 600, 700. The limit dated 2026.096 binds from 2027:
//   USA deployed 2,000, 1,500, 1,800 -> with the limit 2,000, 1,500, 1,550 (250 moved to reserve)
//   RUS deployed 1,000, 1,600, 1,800 -> 1,000, 1,600 (not yet bound), 1,550 (250 moved)
//   CHN deployed 0, 0, 0 and never a party.
TEST(DeployedCap, HandWorkedRace) {
  const Series totals = make({"USA", "RUS", "CHN"}, {2022, 2023}, {{4100, 5100, 450}, {4000, 5000, 500}});
  const Series dep = make({"CHN", "USA", "RUS"}, {2023}, {{0, 2000, 1000}});
  Trajectory tr;
  tr.actors = {"USA", "RUS", "CHN"};
  tr.times = {2023, 2026, 2027};
  tr.values = {{4000, 5000, 500}, {3000, 8000, 600}, {3600, 9000, 700}};
  ForecastBand band;
  band.times = tr.times;
  band.low = {{4000, 5000, 500}, {2000, 7000, 550}, {2000, 8000, 600}};
  band.high = {{4000, 5000, 500}, {4000, 9000, 650}, {5000, 10000, 800}};
  const DeployedCap d = deployed_cap(totals, dep, tr, band);
  EXPECT_EQ(d.share_year, 2023);
  EXPECT_EQ(d.share, (std::vector<double>{0.5, 0.2, 0.0}));
  EXPECT_EQ(d.party, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(d.observed_deployed, (std::vector<double>{2000, 1000, 0}));
  using M = std::vector<std::vector<double>>;
  EXPECT_EQ(d.deployed, (M{{2000, 1000, 0}, {1500, 1600, 0}, {1800, 1800, 0}}));
  EXPECT_EQ(d.capped, (M{{2000, 1000, 0}, {1500, 1600, 0}, {1550, 1550, 0}}));
  EXPECT_EQ(d.above, (M{{0, 0, 0}, {0, 0, 0}, {250, 250, 0}}));
  // Band ends: 0.5 x USA and 0.2 x RUS, the limit from 2027.
  EXPECT_EQ(d.deployed_low, (M{{2000, 1000, 0}, {1000, 1400, 0}, {1000, 1600, 0}}));
  EXPECT_EQ(d.capped_low, (M{{2000, 1000, 0}, {1000, 1400, 0}, {1000, 1550, 0}}));
  EXPECT_EQ(d.capped_high, (M{{2000, 1000, 0}, {2000, 1800, 0}, {1550, 1550, 0}}));
  EXPECT_NE(d.label.find("counterfactual"), std::string::npos);
  EXPECT_NE(d.label.find("expired on 5 February 2026"), std::string::npos);

  // A lower limit and other parties: 1,000 for USA only.
  DeployedCapOptions o;
  o.limit = 1000;
  o.parties = {"USA"};
  const DeployedCap d2 = deployed_cap(totals, dep, tr, ForecastBand{}, o);
  EXPECT_EQ(d2.capped, (M{{2000, 1000, 0}, {1500, 1600, 0}, {1000, 1800, 0}}));
  EXPECT_EQ(d2.above[2], (std::vector<double>{800, 0, 0}));
  EXPECT_TRUE(d2.deployed_low.empty());
}

TEST(DeployedCap, RefusesInconsistentData) {
  const Series totals = make({"USA", "RUS"}, {2023}, {{4000, 5000}});
  Trajectory tr;
  tr.times = {2023};
  tr.values = {{4000, 5000}};
  EXPECT_THROW_MSG(deployed_cap(totals, make({"USA", "RUS"}, {2021}, {{1, 1}}), tr, {}), InputError,
                   "found no year in common with the stockpile series (2023-2023)");
  EXPECT_THROW_MSG(deployed_cap(totals, make({"USA"}, {2023}, {{1}}), tr, {}), InputError,
                   "actor 'RUS': found no deployed strategic warheads");
  EXPECT_THROW_MSG(deployed_cap(totals, make({"USA", "RUS"}, {2023}, {{4001, 1}}), tr, {}), InputError,
                   "actor 'USA' year 2023: found 4001 deployed strategic warheads against a stockpile of 4000");
  DeployedCapOptions o;
  o.limit = 0;
  EXPECT_THROW_MSG(deployed_cap(totals, make({"USA", "RUS"}, {2023}, {{1, 1}}), tr, {}, o), InputError,
                   "DeployedCapOptions: limit is 0, but must be finite and > 0");
}

// The built-in file against ../shared/data/FACTS.md section 5 (2023 deployed strategic: USA
// 1,670, RUS 1,674) and, when present, value for value against the shared OWID download.
TEST(DeployedCap, BuiltinFileHoldsTheFasFigures) {
  const Series s = read_deployed_strategic(testing::source_dir() + "/data/" + kBuiltinDeployedFile, {"USA", "RUS"});
  EXPECT_EQ(s.years, (std::vector<int>{2022, 2023}));
  EXPECT_EQ(s.values[1], (std::vector<double>{1670, 1674}));
  EXPECT_EQ(s.units, "deployed strategic warheads (FAS)");
  GEOBALANCE_SHARED_FILE_OR_SKIP(shared, "data/nuclear_warheads/owid_nuclear-warhead-inventories_2022_2023.csv");
  const Series o = read_deployed_strategic(shared, {"USA", "RUS"});
  EXPECT_EQ(o.years, s.years);
  EXPECT_EQ(o.values, s.values);
}

TEST(DeployedCap, ReaderNamesAMissingActor) {
  testing::TempDir dir;
  testing::write_text(dir.file("d.csv"), "actor,year,value\nUSA,2023,1670\n");
  EXPECT_THROW_MSG(read_deployed_strategic(dir.file("d.csv"), {"USA", "RUS"}), InputError,
                   "actor 'RUS': found no deployed strategic warheads, expected at least one year");
}

}  // namespace
}  // namespace geobalance::armsrace
