// End-to-end: geobalance backtest (CSV shape, pooled rows, values against the data's own
// columns, and exit code 2 with nothing written for every bad flag or file).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::forecast {
namespace {

using geobalance::testing::run_cli;
using geobalance::testing::TempDir;

const std::vector<std::string> kColumns = {"series", "state", "model", "horizon", "n", "mae", "rel_mae", "crps", "cover50", "cover90"};

TEST(BacktestCli, MilexCsvHasOneRowPerStateModelHorizonAndPooledRows) {
  TempDir d;
  auto r = run_cli({"backtest", "--series", "milex", "--format", "csv", "-o", d.file("bt.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::read_file(d.file("bt.csv"));
  EXPECT_EQ(t.header(), kColumns);
  // 3 states + all, 5 models (nochange, trend, ar1, richardson, var), 5 horizons.
  EXPECT_EQ(t.num_rows(), 4u * 5u * 5u);
  std::map<std::string, int> per_state;
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    ++per_state[std::string(t.cell(i, 1))];
    if (t.cell(i, 2) == "nochange") EXPECT_EQ(t.cell(i, 6), "1");  // rel_mae of no-change is 1 by definition
  }
  EXPECT_EQ(per_state["all"], 25);
  EXPECT_EQ(per_state["CHN"], 25);
}

TEST(BacktestCli, NoChangeMaeEqualsTheDataColumnDifference) {
  // Origin 2010, h = 1, USA: the no-change MAE is |milex_2011 - milex_2010| as stored in
  // data/capabilities.csv's milex_const2023_usd_m (read here directly).
  auto cap = io::CsvTable::read_file(geobalance::testing::source_dir() + "/data/capabilities.csv");
  double m2010 = 0, m2011 = 0;
  for (std::size_t i = 0; i < cap.num_rows(); ++i) {
    if (cap.cell(i, cap.require_column("stateabb")) != "USA") continue;
    const auto y = cap.cell(i, cap.require_column("year"));
    const double v = cap.get_double(i, cap.require_column("milex_const2023_usd_m"));
    if (y == "2010") m2010 = v;
    if (y == "2011") m2011 = v;
  }
  ASSERT_GT(m2010, 0);
  auto r = run_cli({"backtest", "--series", "milex", "--states", "USA", "--origins", "2010:2010", "--horizons", "1:1",
                    "--models", "nochange", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::parse(r.out, "<stdout>");
  ASSERT_GE(t.num_rows(), 1u);
  EXPECT_EQ(t.cell(0, 2), "nochange");
  EXPECT_EQ(t.cell(0, 4), "1");
  EXPECT_NEAR(t.get_double(0, 5), std::abs(m2011 - m2010), 1e-6);
}

TEST(BacktestCli, CincFromNmcMatchesCowsOwnColumn) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-70-abridged.csv");
  // The no-change MAE of CHN at origin 2015, h = 2 is |cinc_2017 - cinc_2015| in COW's column.
  auto f = io::CsvTable::read_file(nmc);
  double c2015 = NAN, c2017 = NAN;
  for (std::size_t i = 0; i < f.num_rows(); ++i) {
    if (f.cell(i, f.require_column("stateabb")) != "CHN") continue;
    const auto y = f.cell(i, f.require_column("year"));
    if (y == "2015") c2015 = f.get_double(i, f.require_column("cinc"));
    if (y == "2017") c2017 = f.get_double(i, f.require_column("cinc"));
  }
  auto r = run_cli({"backtest", "--series", "cinc", "--data", nmc, "--states", "CHN,USA", "--origins", "2015:2015",
                    "--horizons", "2:2", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::parse(r.out, "<stdout>");
  bool found = false;
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    if (t.cell(i, 1) == "CHN" && t.cell(i, 2) == "nochange") {
      found = true;
      EXPECT_NEAR(t.get_double(i, 5), std::abs(c2017 - c2015), 1e-12);
    }
  EXPECT_TRUE(found);
}

TEST(BacktestCli, IdealPointsRunWithBaselinesAndAModel) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(ip, "data/unga_idealpoints/IdealpointsJuly2025.csv");
  auto r = run_cli({"backtest", "--series", "idealpoint", "--data", ip, "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::parse(r.out, "<stdout>");
  std::map<std::string, int> models;
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    if (t.cell(i, 1) == "all") ++models[std::string(t.cell(i, 2))];
  EXPECT_EQ(models["nochange"], 5);
  EXPECT_EQ(models["trend"], 5);
  EXPECT_EQ(models["var"], 5);
  EXPECT_EQ(models.count("richardson"), 0u);  // ideal points can be negative: no log model
}

TEST(BacktestCli, GrangerTableMatchesStatsmodels) {
  // Built-in milex 1995-2024 (the window of 30 years covers it all) is the stored series of
  // tests/data/forecast/var_expected.json; AIC picks p = 2 there, so the F statistics must equal
  // statsmodels' VAR(2) test_causality values.
  std::ifstream in(geobalance::testing::source_dir() + "/tests/data/forecast/var_expected.json");
  const auto e = nlohmann::json::parse(in);
  ASSERT_EQ(e["selected"]["aic"].get<int>(), 2);
  auto r = run_cli({"backtest", "--series", "milex", "--granger", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::parse(r.out, "<stdout>");
  const std::vector<std::string> names = {"USA", "RUS", "CHN"};
  int checked = 0;
  for (const auto& g : e["fits"][1]["granger"])
    for (std::size_t i = 0; i < t.num_rows(); ++i)
      if (t.cell(i, 0) == names[g["caused"].get<std::size_t>()] && t.cell(i, 1) == names[g["causing"].get<std::size_t>()]) {
        EXPECT_EQ(t.cell(i, 2), "2");
        EXPECT_NEAR(t.get_double(i, 3), g["f"].get<double>(), 1e-5 * g["f"].get<double>());
        EXPECT_NEAR(t.get_double(i, 6), g["p_value"].get<double>(), 1e-3);
        ++checked;
      }
  EXPECT_EQ(checked, 6);
}

struct BadCase {
  std::vector<std::string> args;
  std::string message;
};

void expect_input_error(const BadCase& c) {
  TempDir d;
  std::vector<std::string> args = {"backtest"};
  args.insert(args.end(), c.args.begin(), c.args.end());
  args.push_back("-o");
  args.push_back(d.file("out.csv"));
  auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, ::testing::HasSubstr(c.message));
  EXPECT_TRUE(d.entries().empty()) << "an output was written despite the error";
}

TEST(BacktestCli, UnknownSeries) { expect_input_error({{"--series", "gdp"}, "--series: found 'gdp', expected one of milex"}); }
TEST(BacktestCli, UnknownModel) {
  expect_input_error({{"--series", "milex", "--models", "arima"}, "--models: found 'arima', expected one of"});
}
TEST(BacktestCli, ModelThatDoesNotApply) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(ip, "data/unga_idealpoints/IdealpointsJuly2025.csv");
  expect_input_error({{"--series", "idealpoint", "--data", ip, "--models", "richardson"}, "--models: found 'richardson'"});
}
TEST(BacktestCli, UnknownState) {
  expect_input_error({{"--series", "milex", "--states", "USA,XYZ"}, "--states: found 'XYZ'"});
}
TEST(BacktestCli, OriginsOutsideTheData) {
  // The built-in milex runs 1995-2024, so origins must lie in 1996:2023.
  expect_input_error({{"--series", "milex", "--origins", "1990:2019"}, "--origins: found 1990:2019, expected origins within 1996:2023"});
  expect_input_error({{"--series", "milex", "--origins", "2010:2024"}, "--origins: found 2010:2024"});
  expect_input_error({{"--series", "milex", "--origins", "2019:2005"}, "--origins: found '2019:2005'"});
  expect_input_error({{"--series", "milex", "--origins", "-5:-1"}, "--origins: found '-5:-1'"});
}
TEST(BacktestCli, HorizonsNotPositive) {
  expect_input_error({{"--series", "milex", "--horizons", "0:5"}, "--horizons: found 0:5"});
  expect_input_error({{"--series", "milex", "--horizons", "-2:-1"}, "--horizons: found -2:-1"});
  expect_input_error({{"--series", "milex", "--horizons", "x"}, "--horizons: found 'x'"});
}
TEST(BacktestCli, GrangerNeedsTwoStates) {
  expect_input_error({{"--series", "milex", "--states", "USA", "--granger"}, "a Granger test needs >= 2"});
}
TEST(BacktestCli, CincNeedsData) { expect_input_error({{"--series", "cinc"}, "--data: is missing"}); }
TEST(BacktestCli, BadOptionValues) {
  expect_input_error({{"--series", "milex", "--ensemble", "1"}, "--ensemble: found '1', expected an integer from 2 to 100000"});
  expect_input_error({{"--series", "milex", "--window", "-3"}, "--window: found '-3'"});
  expect_input_error({{"--series", "milex", "--ic", "aicc"}, "--ic: found 'aicc'"});
  expect_input_error({{"--series", "milex", "--max-lags", "0"}, "--max-lags: found '0'"});
  expect_input_error({{"--series", "milex", "--threads", "5000"}, "--threads: found '5000'"});
  expect_input_error({{"--series", "milex", "--seed", "-1"}, "--seed: found '-1'"});
  expect_input_error({{"--series", "milex", "--horizons", "1:101"}, "--horizons: found 101, expected at most 100"});
}

TEST(BacktestCli, DataFileWithBadRows) {
  TempDir d;
  const std::string header = "sipri_country,ccode,stateabb,year,milex_const2023_usd_m,flag_const,milex_share_gdp,"
                             "flag_share_gdp,milex_current_usd_m,flag_current\n";
  // A negative spending figure on line 3.
  geobalance::testing::write_text(d.file("neg.csv"), header + "Russia,365,RUS,2000,100,,0.03,,,\nRussia,365,RUS,2001,-5,,0.03,,,\n");
  expect_input_error({{"--series", "milex", "--data", d.file("neg.csv")}, "neg.csv:3:"});
  // A duplicate state-year.
  geobalance::testing::write_text(d.file("dup.csv"), header + "Russia,365,RUS,2000,100,,0.03,,,\nRussia,365,RUS,2000,101,,0.03,,,\n");
  expect_input_error({{"--series", "milex", "--data", d.file("dup.csv")}, "dup.csv:3:"});
  // Not a number.
  geobalance::testing::write_text(d.file("nan.csv"), header + "Russia,365,RUS,2000,abc,,0.03,,,\n");
  expect_input_error({{"--series", "milex", "--data", d.file("nan.csv")}, "nan.csv:2:"});
  // A missing file.
  expect_input_error({{"--series", "warheads", "--data", d.file("absent.csv")}, "absent.csv"});
}

}  // namespace
}  // namespace geobalance::forecast
