// The 2019 issue packs (data/scenarios/issues/2019/, issue 20 item 2): authored later, but
// every position and salience must rest on sources dated on or before the hindcast's cut,
// 2019-06-30. The test reads each rationale and refuses any date after the cut, in ISO form
// (2020-12-14) or in words (14 December 2020, July 2019), and any rationale without a dated
// source at all; it also checks that each pack loads and that the SMP converges on it.
#include <algorithm>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "geobalance/bargaining/issue_io.h"
#include "geobalance/bargaining/smp.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

using geobalance::testing::source_dir;

constexpr int kCut = 20190630;  // the hindcast's information date, as yyyymmdd

int month_number(const std::string& name) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  for (int m = 0; m < 12; ++m)
    if (name == kMonths[m]) return m + 1;
  return 0;
}

// Every date the text names, as yyyymmdd; a month without a day counts as its first day, a
// bare year (e.g. "2018") as 1 January, so "July 2019" and "2020" are both after the cut.
std::vector<int> dates_in(const std::string& text) {
  std::vector<int> out;
  static const std::regex iso(R"((\d{4})-(\d{2})(?:-(\d{2}))?)");
  static const std::regex words(
      R"((?:(\d{1,2}) )?(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4}))");
  static const std::regex year(R"(\b(19[5-9]\d|20\d{2})\b)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), iso); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.push_back(std::stoi(m[1]) * 10000 + std::stoi(m[2]) * 100 + (m[3].matched ? std::stoi(m[3]) : 1));
  }
  for (auto it = std::sregex_iterator(text.begin(), text.end(), words); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.push_back(std::stoi(m[3]) * 10000 + month_number(m[2]) * 100 + (m[1].matched ? std::stoi(m[1]) : 1));
  }
  for (auto it = std::sregex_iterator(text.begin(), text.end(), year); it != std::sregex_iterator(); ++it)
    out.push_back(std::stoi((*it)[1]) * 10000 + 101);
  return out;
}

TEST(IssuePack2019Dates, TheDateReaderSeesEveryFormOnBothSidesOfTheCut) {
  // Hand-checked cases for the rule the packs are held to.
  EXPECT_EQ(dates_in("Sputnik 2019-06-12"), (std::vector<int>{20190612, 20190101}));
  EXPECT_EQ(dates_in("on 6 June 2019"), (std::vector<int>{20190606, 20190101}));
  auto after = dates_in("sanctions of 14 December 2020");
  EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](int d) { return d > kCut; }));
  after = dates_in("deliveries from July 2019");
  EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](int d) { return d > kCut; }));
  after = dates_in("by 2021");
  EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](int d) { return d > kCut; }));
  EXPECT_TRUE(dates_in("no date here").empty());
}

class IssuePack2019 : public ::testing::TestWithParam<std::string> {};

TEST_P(IssuePack2019, EveryRationaleRestsOnSourcesDatedUpToTheCut) {
  const std::string path = source_dir() + "/data/scenarios/issues/2019/" + GetParam();
  const Issue is = load_issue(path);
  ASSERT_GE(is.actors.size(), 3u);
  const toml::table t = toml::parse_file(path);
  EXPECT_THAT(t["judgement"].value_or(std::string()),
              ::testing::HasSubstr("from sources dated on or before 2019-06-30"));
  for (const auto& node : *t["actors"].as_array()) {
    const toml::table& a = *node.as_table();
    const std::string who = a["name"].value_or(std::string());
    for (const char* key : {"position_rationale", "salience_rationale"}) {
      const std::string text = a[key].value_or(std::string());
      const auto dates = dates_in(text);
      EXPECT_FALSE(dates.empty()) << GetParam() << ": " << who << "'s " << key << " names no dated source";
      for (int d : dates)
        EXPECT_LE(d, kCut) << GetParam() << ": " << who << "'s " << key << " cites a date after the cut: "
                           << d << " in \"" << text << "\"";
    }
    EXPECT_FALSE(a["capability_source"].value_or(std::string()).empty()) << who;
  }
  EXPECT_EQ(run_smp(is).termination, SmpTermination::kConverged) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Packs, IssuePack2019,
                         ::testing::Values("turkiye-s400.toml", "us-response-s400.toml",
                                           "nato-russia-arms-control.toml"),
                         [](const auto& info) { return testing::name_from_file(info.param); });

}  // namespace
}  // namespace geobalance::bargaining
