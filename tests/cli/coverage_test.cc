// Issue 15 item 4: a request outside a dataset's years is exit 2 naming the dataset, its
// coverage and the flag; a partial overlap keeps the overlap and says on stderr exactly which
// years were dropped; defaults come from the data. One test per case the issue lists, plus
// the dataset registry commands and CSV numbers written in full.
#include <cctype>
#include <filesystem>
#include <sstream>

#include "geobalance/io/csv.h"
#include "geobalance/report/table.h"
#include "test_util.h"

namespace geobalance::testing {
namespace {

using ::testing::HasSubstr;

// Data rows of a CSV output (header dropped).
std::vector<std::string> rows_of(const std::string& out) {
  std::vector<std::string> v;
  std::istringstream in(out);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line))
    if (!line.empty()) v.push_back(line);
  return v;
}

// Issue: `power cinc --nmc NMC-60 --years 2016:2030 --states USA` returned 2016 only, exit 0,
// saying nothing. Now: 2016 only, exit 0, and stderr names the years dropped and why.
TEST(Coverage, CincPartialOverlapSaysWhichYearsWereDropped) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  auto r = run_cli({"power", "cinc", "--nmc", nmc, "--years", "2016:2030", "--states", "USA", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = rows_of(r.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0], ::testing::StartsWith("2,USA,2016,"));
  EXPECT_THAT(r.err, HasSubstr("--years 2016:2030: nmc6"));
  EXPECT_THAT(r.err, HasSubstr("covers 1816-2016; years 2017-2030 dropped (outside the dataset); output covers 2016"));
}

// Issue: `--years 1700:1750` returned an empty table with exit 0.
TEST(Coverage, CincNoOverlapIsExitTwoNamingDatasetCoverageAndFlag) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  TempDir d;
  auto r = run_cli({"power", "cinc", "--nmc", nmc, "--years", "1700:1750", "-o", d.file("out.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--years: found '1700:1750', but nmc6"));
  EXPECT_THAT(r.err, HasSubstr("covers 1816-2016 only; expected years within 1816:2016"));
  EXPECT_TRUE(d.entries().empty());  // nothing written
}

// A state with no row in the years asked for is an error, not an empty table.
TEST(Coverage, CincStatesWithoutRowsInTheYearsIsExitTwo) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  // COW's GFR (260) ends in 1990 (states2016.csv), so it has no row in 2000-2016.
  auto r = run_cli({"power", "cinc", "--nmc", nmc, "--years", "2000:2016", "--states", "GFR"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--states: found 'GFR', but nmc6"));
  EXPECT_THAT(r.err, HasSubstr("has no row for these states in 2000-2016"));
}

// Issue: `power balance --years 1990:2024` silently started at 1995.
TEST(Coverage, BalanceBeforeTheBuiltinDataSaysWhichYearsWereDropped) {
  auto r = run_cli({"power", "balance", "--years", "1990:2024", "--actors", "USA", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = rows_of(r.out);
  ASSERT_EQ(rows.size(), 30u);  // 1995..2024
  EXPECT_THAT(rows.front(), ::testing::StartsWith("1995,"));
  EXPECT_THAT(rows.back(), ::testing::StartsWith("2024,"));
  EXPECT_THAT(r.err, HasSubstr("--years 1990:2024: capabilities"));
  EXPECT_THAT(r.err, HasSubstr("covers 1995-2024; years 1990-1994 dropped (outside the dataset); output covers 1995-2024"));
  r = run_cli({"power", "balance", "--years", "2030:2040"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--years: found '2030:2040', but capabilities"));
  EXPECT_THAT(r.err, HasSubstr("covers 1995-2024 only"));
}

// Issue: `power balance --nmc NMC-60` (default years 1995:2024) stopped at 2016. The default
// is now the last 30 years the data cover: 1987-2016 for NMC 6.0, 1993-2022 for NMC 7.0.
TEST(Coverage, BalanceDefaultYearsComeFromTheData) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc6, "data/nmc/NMC-60-abridged.csv");
  auto r = run_cli({"power", "balance", "--nmc", nmc6, "--actors", "USA", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = rows_of(r.out);
  ASSERT_EQ(rows.size(), 30u);
  EXPECT_THAT(rows.front(), ::testing::StartsWith("1987,"));
  EXPECT_THAT(rows.back(), ::testing::StartsWith("2016,"));
  EXPECT_EQ(r.err, "");  // nothing dropped: nothing to say
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc7, "data/nmc/NMC-70-abridged.csv");
  r = run_cli({"power", "balance", "--nmc", nmc7, "--actors", "UKR", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rows = rows_of(r.out);
  EXPECT_THAT(rows.back(), ::testing::StartsWith("2022,"));
  // Transition has the same default.
  r = run_cli({"power", "transition", "--nmc", nmc6, "--a", "CHN", "--b", "USA", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(rows_of(r.out).back(), ::testing::StartsWith("2016,"));
}

// Issue: `power theatre --nmc NMC-60` failed on a --year 2024 the user never passed. The
// default year is now the data's last (2016); an explicit --year outside is exit 2.
TEST(Coverage, TheatreDefaultYearIsTheDatasLastAndOutsideIsExitTwo) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-60-abridged.csv");
  auto r = run_cli({"power", "theatre", "--nmc", nmc, "--theatre", "Baltic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Theatre balances 2016"));
  r = run_cli({"power", "theatre", "--nmc", nmc, "--year", "2024"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--year: found '2024', but nmc6"));
  EXPECT_THAT(r.err, HasSubstr("covers 1816-2016 only"));
  r = run_cli({"power", "theatre", "--theatre", "Baltic"});  // built-in data: 2024
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Theatre balances 2024"));
}

TEST(DataCli, ListAndCite) {
  auto r = run_cli({"data", "list", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("name,title,version,first_year,last_year,units,location,bibtex,terms\n"));
  EXPECT_THAT(r.out, HasSubstr("\nnmc7,\"COW National Material Capabilities, abridged\",7.0,1816,2022,"));
  EXPECT_THAT(r.out, HasSubstr("\nucdp_acd,"));
  EXPECT_THAT(r.out, HasSubstr("\nrivalries,"));
  EXPECT_THAT(r.out, HasSubstr("\ncapabilities,"));
  r = run_cli({"data", "cite", "rivalries"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("@book{thompson2021,"));
  EXPECT_THAT(r.out, HasSubstr("author = {Thompson, William R. and Sakuwa, Kentaro and Suhas, Prashant Hosur}"));
  r = run_cli({"data", "cite", "theatres"});  // expert judgement: nothing to cite, said so
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("% theatres: no publication to cite"));
  r = run_cli({"data", "cite", "nmc9"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("NAME: found unknown dataset 'nmc9', expected one of: nmc7, nmc6,"));
}

// Item 6: numbers in CSV output are written in full. COW's smallest 1816 CINC values are of
// order 1e-4 and below; the whole NMC 7.0 CINC table must carry no exponent.
TEST(CsvNumbers, CincCsvHasNoExponents) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(nmc, "data/nmc/NMC-70-abridged.csv");
  auto r = run_cli({"power", "cinc", "--nmc", nmc, "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto t = io::CsvTable::parse(r.out, "cinc.csv");
  EXPECT_EQ(t.num_rows(), 17121u);
  const auto c = t.require_column("cinc");
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    std::string_view v = t.cell(i, c);
    ASSERT_EQ(v.find_first_of("eE"), std::string_view::npos) << "line " << t.line_of_row(i) << ": " << v;
  }
}

// Item 6: every built-in table (data/**/*.csv) read back: each cell that is a number is
// written without an exponent, and the CSV renderer (report::render_csv) writes the parsed
// value so that it parses back to the same double, again without an exponent.
TEST(CsvNumbers, EveryBuiltinTableRoundTrips) {
  int files = 0;
  std::vector<double> values;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir() + "/data")) {
    if (entry.path().extension() != ".csv") continue;
    ++files;
    auto t = io::CsvTable::read_file(entry.path().string());
    for (std::size_t r = 0; r < t.num_rows(); ++r)
      for (std::size_t c = 0; c < t.header().size(); ++c) {
        std::string_view cell = t.cell(r, c);
        auto v = io::parse_double(cell);
        if (!v) continue;
        values.push_back(*v);
        EXPECT_EQ(cell.find_first_of("eE"), std::string_view::npos)
            << entry.path() << ":" << t.line_of_row(r) << " column " << t.header()[c] << ": " << cell;
      }
  }
  // Extremes the renderer must also write in full.
  values.insert(values.end(), {1e-7, 1.22022e+06, 5e-324, 1.7976931348623157e308, -0.1});
  report::Table table({"x"});
  for (double v : values) table.add_row({v});
  std::ostringstream os;
  report::render_csv(table, os);
  auto back = io::CsvTable::parse(os.str(), "rendered.csv");
  ASSERT_EQ(back.num_rows(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string_view cell = back.cell(i, 0);
    ASSERT_EQ(cell.find_first_of("eE"), std::string_view::npos) << cell;
    auto v = io::parse_double(cell);
    ASSERT_TRUE(v) << cell;
    ASSERT_EQ(*v, values[i]) << cell;
  }
  std::cout << values.size() << " numbers from " << files << " built-in tables round-trip through render_csv\n";
  EXPECT_GE(files, 9);
}

}  // namespace
}  // namespace geobalance::testing
