// The CAATSA reference class (data/games/caatsa_reference_class.csv). Expected values are the
// facts the issue lists and ../shared/data/FACTS.md records (section 2 for Türkiye), not what
// the loader printed.
#include "geobalance/error.h"
#include "geobalance/games/reference_class.h"
#include "test_util.h"

namespace geobalance::games {
namespace {

std::string data_file() { return testing::source_dir() + "/data/games/caatsa_reference_class.csv"; }

const ReferenceCase& find(const std::vector<ReferenceCase>& cases, const std::string& id) {
  for (const auto& c : cases)
    if (c.id == id) return c;
  throw std::runtime_error("no case " + id);
}

TEST(ReferenceClass, HoldsTheCasesOfTheRecordWithSources) {
  auto cases = read_reference_class(data_file());
  ASSERT_GE(cases.size(), 5u);
  for (const auto& c : cases) EXPECT_GE(c.source.size(), 40u) << c.id;  // a real citation on every row
  // China: CAATSA Section 231 on the Equipment Development Department, 20 September 2018.
  const auto& cn = find(cases, "china_su35_s400");
  EXPECT_EQ(cn.buyer_ccode, 710);
  EXPECT_EQ(cn.caatsa, CaatsaResponse::kTargeted);
  EXPECT_EQ(cn.response_date, "2018-09-20");
  EXPECT_NE(cn.source.find("Equipment Development Department"), std::string::npos);
  // Türkiye (FACTS.md section 2): deal 12 Sep 2017, delivery 12 Jul 2019, F-35 removal 17 Jul
  // 2019, CAATSA on SSB 14 Dec 2020 (the row keeps the first response date).
  const auto& tr = find(cases, "turkiye_s400");
  EXPECT_EQ(tr.buyer, "Türkiye");
  EXPECT_EQ(tr.buyer_ccode, 640);
  EXPECT_EQ(tr.contracted, "2017-09-12");
  EXPECT_TRUE(tr.programme_exclusion);
  EXPECT_EQ(tr.caatsa, CaatsaResponse::kTargeted);
  EXPECT_EQ(tr.response_date, "2019-07-17");
  EXPECT_EQ(tr.outcome, PurchaseOutcome::kDelivered);
  EXPECT_EQ(tr.outcome_date, "2019-07-12");
  EXPECT_NE(tr.source.find("14 Dec 2020"), std::string::npos);
  // India: contracted 2018, delivered from 2021, no sanctions.
  const auto& in = find(cases, "india_s400");
  EXPECT_EQ(in.contracted.substr(0, 4), "2018");
  EXPECT_EQ(in.outcome, PurchaseOutcome::kDelivered);
  EXPECT_EQ(in.outcome_date.substr(0, 4), "2021");
  EXPECT_FALSE(in.imposed());
  // Egypt: threatened, shelved; Indonesia: abandoned in 2021.
  const auto& eg = find(cases, "egypt_su35");
  EXPECT_TRUE(eg.threatened);
  EXPECT_FALSE(eg.imposed());
  EXPECT_EQ(eg.outcome, PurchaseOutcome::kShelved);
  const auto& id = find(cases, "indonesia_su35");
  EXPECT_EQ(id.outcome, PurchaseOutcome::kAbandoned);
  EXPECT_EQ(id.outcome_date.substr(0, 4), "2021");
  // Measures beyond a threat (programme exclusion or CAATSA sanctions) were imposed on China
  // and Türkiye only, as the list of cases says.
  int imposed = 0;
  for (const auto& c : cases) imposed += c.imposed();
  EXPECT_EQ(imposed, 2);
}

TEST(ReferenceClass, BadRowsNameTheCell) {
  const std::string head =
      "id,buyer,buyer_ccode,us_relationship,system,seller,contracted,threatened,programme_exclusion,caatsa,"
      "response_date,outcome,outcome_date,source\n";
  const std::string good = "a,X,640,ally,S-400,Russia,2018-02,1,0,none,2019-01,delivered,2020,\"a source\"\n";
  EXPECT_EQ(parse_reference_class(head + good, "r.csv").size(), 1u);
  EXPECT_THROW_MSG(parse_reference_class(head + good + good, "r.csv"), InputError,
                   "r.csv:3:1: column 'id': found 'a', expected an id not used by an earlier row");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018-13,1,0,none,2019-01,delivered,2020,s\n", "r.csv"),
                   InputError, "column 'contracted': found '2018-13', expected a date");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018,2,0,none,2019-01,delivered,2020,s\n", "r.csv"),
                   InputError, "column 'threatened': found '2', expected 0 or 1");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018,0,0,sectoral,2019,delivered,2020,s\n", "r.csv"),
                   InputError, "column 'caatsa': found 'sectoral', expected one of none, targeted, broad");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018,0,0,none,2019,delivered,2020,s\n", "r.csv"),
                   InputError, "column 'response_date': found '2019', expected blank");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018,1,0,none,,delivered,2020,s\n", "r.csv"),
                   InputError, "column 'response_date': found '', expected the date of the first US response");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018,1,0,none,2019,delivered,,s\n", "r.csv"),
                   InputError, "column 'outcome_date': found '', expected a date (blank only for not_concluded)");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,-5,ally,S-400,Russia,2018,1,0,none,2019,delivered,2020,s\n", "r.csv"),
                   InputError, "column 'buyer_ccode'");
  EXPECT_THROW_MSG(parse_reference_class(head + "a,X,640,ally,S-400,Russia,2018,1,0,none,2019,delivered,2020,\n", "r.csv"),
                   InputError, "column 'source'");
  EXPECT_THROW_MSG(parse_reference_class(head, "r.csv"), InputError, "expected one row per case");
  EXPECT_THROW_MSG(read_reference_class("/nonexistent/ref.csv"), InputError, "/nonexistent/ref.csv");
}

}  // namespace
}  // namespace geobalance::games
