// End-to-end: geobalance armsrace ... (exit codes, exact CSV shape, no output left on errors).
#include <cmath>
#include <algorithm>
#include <filesystem>
#include <sstream>

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::armsrace {
namespace {

using geobalance::testing::run_cli;
using geobalance::testing::TempDir;

std::string fixture(const std::string& name) { return geobalance::testing::source_dir() + "/tests/data/armsrace/" + name; }

TEST(ArmsraceCli, SimulateWritesTActorValueRowsPerStepAndActor) {
  TempDir d;
  auto r = run_cli({"armsrace", "simulate", "--model", fixture("two_actor.toml"), "--from", "2000", "--to", "2010",
                    "--step", "2.5", "--format", "csv", "-o", d.file("out.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::read_file(d.file("out.csv"));
  EXPECT_EQ(t.header(), (std::vector<std::string>{"t", "actor", "value"}));
  ASSERT_EQ(t.num_rows(), 10u);  // 5 output times x 2 actors
  EXPECT_EQ(t.cell(0, 0), "2000");
  EXPECT_EQ(t.cell(0, 1), "USA");
  EXPECT_EQ(t.cell(0, 2), "100");
  EXPECT_EQ(t.cell(3, 0), "2002.5");
  EXPECT_EQ(t.cell(3, 1), "RUS");
  // The closed form at t = 10 (see simulate_test.cc): x* + exp(J t)(x0 - x*).
  const double det = 0.4 * 0.2 - 0.1 * 0.3, xs1 = (0.2 * 5 + 0.1 * 2) / det, xs2 = (0.4 * 2 + 0.3 * 5) / det;
  const double tau = -0.3, d2 = tau * tau - det, dd = std::sqrt(d2), tt = 10;
  const double c = std::cosh(dd * tt), s = std::sinh(dd * tt) / dd, e = std::exp(tau * tt);
  const double y1 = 100 - xs1, y2 = 40 - xs2;
  const double want1 = xs1 + e * ((c + s * (-0.4 - tau)) * y1 + s * 0.1 * y2);
  EXPECT_NEAR(t.get_double(8, 2), want1, 1e-6 * want1);
}

TEST(ArmsraceCli, StabilityPrintsTheRegime) {
  auto r = run_cli({"armsrace", "stability", "--model", fixture("two_actor.toml"), "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("regime,,stable equilibrium"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("a1*a2,,0.08"));
}

TEST(ArmsraceCli, BadModelExitsTwoWithPositionAndLeavesNoOutput) {
  TempDir d;
  auto r = run_cli({"armsrace", "simulate", "--model", fixture("bad_shape.toml"), "--from", "0", "--to", "1", "--step",
                    "1", "-o", d.file("out.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("bad_shape.toml:5:22: key 'defence[1]': found an array of 1 element, "
                                          "expected an array of 2 numbers"));
  EXPECT_TRUE(d.entries().empty());
  EXPECT_TRUE(r.out.empty());
}

TEST(ArmsraceCli, BadTimesExitTwo) {
  TempDir d;
  auto r = run_cli({"armsrace", "simulate", "--model", fixture("two_actor.toml"), "--from", "10", "--to", "1", "--step",
                    "1", "-o", d.file("out.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, ::testing::HasSubstr("error: --to: found 1, expected a finite time after --from (10)"));
  EXPECT_TRUE(d.entries().empty());
  r = run_cli({"armsrace", "simulate", "--model", fixture("two_actor.toml"), "--from", "0", "--to", "1"});
  EXPECT_EQ(r.exit_code, 2);  // --step is required
}

TEST(ArmsraceCli, FitWritesAModelFileThatSimulateReads) {
  TempDir d;
  auto r = run_cli({"armsrace", "fit", "--series", "warheads", "--bootstrap", "50", "--format", "csv", "-o",
                    d.file("fit.csv"), "--model-out", d.file("fit.toml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::read_file(d.file("fit.csv"));
  EXPECT_EQ(t.header(), (std::vector<std::string>{"equation", "parameter", "estimate", "std_error", "ci_low", "ci_high"}));
  EXPECT_THAT(geobalance::testing::read_text(d.file("fit.csv")), ::testing::HasSubstr("holdout_mape_2016-2023"));
  auto s = run_cli({"armsrace", "simulate", "--model", d.file("fit.toml"), "--from", "2023", "--to", "2035", "--step", "1"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(std::count(s.out.begin(), s.out.end(), '\n'), 1 + 13 * 2);
  auto bad = run_cli({"armsrace", "fit", "--series", "warheads", "--years", "2020:2023", "-o", d.file("x.csv")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("series: found 4 years (2020-2023), expected at least 5"));
  EXPECT_FALSE(std::filesystem::exists(d.file("x.csv")));
}

// outlook: the spending race's levels model goes below zero on the built-in data (USA 2035) and
// is labelled not credible; the warhead race's forecast stays positive and has the deployed
// limit: every deployed value is share x stockpile (2023 shares 1,670/3,708 and 1,674/4,489,
// FAS via OWID) and the limit 1,550 binds from 2027 only.
TEST(ArmsraceCli, OutlookLabelsBelowZeroAndCapsDeployedWarheads) {
  TempDir d;
  auto r = run_cli({"armsrace", "outlook", "--bootstrap", "19", "--format", "table"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto milex = r.out.find("== US-Russia-China"), war = r.out.find("== US-Russia nuclear");
  ASSERT_NE(milex, std::string::npos);
  ASSERT_NE(war, std::string::npos);
  const auto flag = r.out.find("NOT CREDIBLE: the forecast goes below zero");
  ASSERT_NE(flag, std::string::npos);
  EXPECT_LT(flag, war);  // milex only
  EXPECT_EQ(r.out.find("NOT CREDIBLE", war), std::string::npos);
  EXPECT_NE(r.out.find("counterfactual: a New START-like limit of 1550 deployed strategic warheads"), std::string::npos);

  auto c = run_cli({"armsrace", "outlook", "--bootstrap", "19", "--format", "csv", "-o", d.file("o.csv")});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  auto t = io::CsvTable::read_file(d.file("o.csv"));
  const auto year = t.require_column("year"), actor = t.require_column("actor"), race = t.require_column("race"),
             nc = t.require_column("no_cap"), wc = t.require_column("with_cap"), dep = t.require_column("deployed"),
             dwc = t.require_column("deployed_with_cap"), moved = t.require_column("moved_to_reserve");
  // No cell of the table is below zero: the levels model's negative spending (USA, 2035) is left
  // blank, never printed as a forecast; the blank cells are all in the spending race.
  int blank_milex = 0;
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    for (const auto col : {nc, wc, t.require_column("no_cap_low"), t.require_column("no_cap_high")}) {
      if (t.cell(i, col).empty()) {
        EXPECT_EQ(t.cell(i, race), "milex");
        ++blank_milex;
        continue;
      }
      EXPECT_GE(std::stod(std::string(t.cell(i, col))), 0) << "row " << i;
    }
  EXPECT_GT(blank_milex, 0);
  int checked = 0;
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    if (t.cell(i, race) != "warheads") {
      EXPECT_EQ(t.cell(i, dep), "");
      continue;
    }
    const double total = std::stod(std::string(t.cell(i, nc)));
    const double share = t.cell(i, actor) == "USA" ? 1670.0 / 3708.0 : 1674.0 / 4489.0;
    const double x = share * total;
    const double capped = std::stoi(std::string(t.cell(i, year))) >= 2027 ? std::min(x, 1550.0) : x;
    EXPECT_EQ(t.cell(i, wc), t.cell(i, nc));  // no cap on the stockpile
    EXPECT_NEAR(std::stod(std::string(t.cell(i, dep))), x, 1e-6 * x);
    EXPECT_NEAR(std::stod(std::string(t.cell(i, dwc))), capped, 1e-6 * x);
    EXPECT_NEAR(std::stod(std::string(t.cell(i, moved))), x - capped, 1e-6 * x);
    ++checked;
  }
  EXPECT_EQ(checked, 2 * 13);  // USA and RUS, 2023-2035

  auto bad = run_cli({"armsrace", "outlook", "--deployed-limit", "0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--deployed-limit"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace geobalance::armsrace
