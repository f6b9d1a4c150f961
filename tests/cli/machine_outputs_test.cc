// Machine-readable outputs carry what the table shows, and `runs diff` can be narrowed
// (issue 16, item 6).
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace geobalance::testing {
namespace {

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string x;
    while (std::getline(ls, x, ',')) f.push_back(x);
    if (!line.empty() && line.back() == ',') f.push_back("");
    rows.push_back(f);
  }
  return rows;
}

// The event columns of `power transition --format csv` against the rules of
// include/geobalance/power/transition.h applied by hand to the csv's own ratio column: parity
// when 0.8 <= ratio <= 1.25; an entry is the first year of a parity spell (also at the start),
// an exit the first year after a spell; an overtaking year is the first year with the other
// side strictly ahead (ratio crossing 1), naming the side that moved ahead.
TEST(MachineOutputs, TransitionCsvCarriesParityEntriesExitsAndOvertaking) {
  auto r = run_cli({"power", "transition", "--a", "GMY", "--b", "RUS", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = csv_rows(r.out);
  ASSERT_GT(rows.size(), 2u);
  ASSERT_EQ(rows[0], (std::vector<std::string>{"year", "GMY", "RUS", "ratio", "parity", "parity_entry", "parity_exit",
                                               "overtaking"}));
  int entries = 0, exits = 0, overtakings = 0;
  bool prev_parity = false;
  int prev_lead = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 8u) << i;
    const double ratio = std::stod(rows[i][3]);
    const bool parity = ratio >= 0.8 && ratio <= 1.25;
    EXPECT_EQ(rows[i][4], parity ? "yes" : "no") << rows[i][0];
    const bool entry = parity && (i == 1 || !prev_parity);
    const bool exit = !parity && i > 1 && prev_parity;
    EXPECT_EQ(rows[i][5], entry ? "yes" : "no") << rows[i][0];
    EXPECT_EQ(rows[i][6], exit ? "yes" : "no") << rows[i][0];
    const int lead = ratio > 1 ? 1 : ratio < 1 ? -1 : 0;
    std::string want;
    if (lead != 0 && prev_lead != 0 && lead != prev_lead) want = lead > 0 ? "GMY" : "RUS";
    EXPECT_EQ(rows[i][7], want) << rows[i][0];
    entries += entry, exits += exit, overtakings += !want.empty();
    prev_parity = parity;
    if (lead != 0) prev_lead = lead;
  }
  // Germany and Russia trade the lead in the built-in table (1996-2002): the check is not vacuous.
  EXPECT_GT(overtakings, 0);
  EXPECT_GT(entries + exits, 0);
  // JSON carries the same columns.
  auto j = run_cli({"power", "transition", "--a", "GMY", "--b", "RUS", "--format", "json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_THAT(j.out, ::testing::HasSubstr("\"parity_entry\""));
  EXPECT_THAT(j.out, ::testing::HasSubstr("\"overtaking\""));
}

std::string tiny() { return source_dir() + "/tests/data/scenario/tiny.toml"; }

TEST(MachineOutputs, RunsDiffFiltersByPartAndComparesWithATolerance) {
  TempDir d;
  const std::string store = d.file("runs.sqlite");
  for (const char* n : {"10", "18"}) {
    auto r = run_cli({"run", tiny(), "-o", d.file("out"), "--store", store, "-q", "--replicates", n});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto all = run_cli({"runs", "diff", "1", "2", "--store", store, "--format", "csv"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  auto rows = csv_rows(all.out);
  ASSERT_GT(rows.size(), 1u);
  bool has_replicates = false;
  for (const auto& row : rows) has_replicates |= row[0] == "replicates";
  EXPECT_TRUE(has_replicates);  // the runs differ in their ensemble size at least
  auto only = run_cli({"runs", "diff", "1", "2", "--store", store, "--format", "csv", "--only", "provenance"});
  ASSERT_EQ(only.exit_code, 0) << only.err;
  auto prow = csv_rows(only.out);
  ASSERT_GT(prow.size(), 1u);
  for (std::size_t i = 1; i < prow.size(); ++i) EXPECT_NE(prow[i][0].front(), '/') << prow[i][0];
  auto answers = run_cli({"runs", "diff", "1", "2", "--store", store, "--format", "csv", "--only", "answers"});
  ASSERT_EQ(answers.exit_code, 0) << answers.err;
  for (const auto& row : csv_rows(answers.out)) {
    if (row[0] == "path") continue;
    EXPECT_EQ(row[0].rfind("/summary/", 0), 0u) << row[0];
  }
  // 10 and 18 replicates differ by 8: equal within --tolerance 8, different within 7.9.
  auto tol = run_cli({"runs", "diff", "1", "2", "--store", store, "--only", "provenance", "--tolerance", "8"});
  ASSERT_EQ(tol.exit_code, 0) << tol.err;
  EXPECT_THAT(tol.out, ::testing::Not(::testing::HasSubstr("\nreplicates ")));
  EXPECT_THAT(tol.out, ::testing::HasSubstr("within the tolerance not shown"));
  tol = run_cli({"runs", "diff", "1", "2", "--store", store, "--only", "provenance", "--tolerance", "7.9"});
  EXPECT_THAT(tol.out, ::testing::HasSubstr("\nreplicates "));
  auto bad = run_cli({"runs", "diff", "1", "2", "--store", store, "--only", "answer"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("--only: found 'answer'"));
  bad = run_cli({"runs", "diff", "1", "2", "--store", store, "--tolerance", "-1"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, ::testing::HasSubstr("--tolerance"));
}

}  // namespace
}  // namespace geobalance::testing
