// Hindcast: scores worked by hand, the quantity mapping on a constructed ScenarioResult,
// the outcome file's errors with their positions, and the brief section (docs/hindcast.md).
#include "geobalance/scenario/hindcast.h"

#include <cmath>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "geobalance/report/brief.h"
#include "geobalance/report/track_record.h"
#include "test_util.h"

namespace geobalance::scenario {
namespace {

using ::testing::HasSubstr;

const char* kHeader = "id,question,statement,resolves_by,outcome,resolved_on,maps_to,quantity,reference,source\n";

std::string error_of(const std::string& text) {
  try {
    parse_outcomes(text, "t.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// A four-replicate result, every number chosen so that k can be counted by eye.
ScenarioResult constructed() {
  ScenarioResult r;
  r.scenario_name = "constructed";
  r.as_of = Date{2019, 6, 30};
  r.history_from = 1995;
  r.history_to = 2018;
  r.forecast_to = 2030;
  r.replicates_done = 4;
  Answer bal;
  bal.id = "balance";
  bal.power = PowerAnswer{};
  bal.power->ratio_first_year = 2.0;
  Answer q4;
  q4.id = "q4";
  q4.bargaining = BargainingAnswer{};
  q4.bargaining->issue = "x";
  q4.bargaining->threshold = 60;
  q4.bargaining->above = wilson(1, 4, 0.9);  // 70 > 60 only
  Answer q3;
  q3.id = "q3";
  q3.armsrace = ArmsraceAnswer{};
  Answer g;
  g.id = "q5_game";
  g.game = GameAnswer{};
  r.answers = {bal, q4, q3, g};
  RaceSeries w;
  w.name = "warheads";
  w.actors = {"USA", "RUS"};
  r.races = {w};
  r.issue_ids = {"x"};
  const double ratio[] = {1.5, 2.5, 1.9, 2.0};
  const double forecast[] = {10, 30, 50, 70};
  const char* path[] = {
      "Türkiye: Activate and integrate; United States: F-35 exclusion + targeted CAATSA; Russia: Support",
      "Türkiye: Keep stored; United States: Tolerate; Russia: Stay out",
      "Türkiye: Return or transfer; United States: Broad sanctions; Russia: Stay out",
      "Türkiye: Keep stored; United States: Targeted CAATSA; Russia: Support"};
  for (int i = 0; i < 4; ++i) {
    ReplicateRow row;
    row.ratio = ratio[i];
    row.issue_forecasts = {forecast[i]};
    row.game_outcome = path[i];
    r.ensemble.push_back(row);
  }
  return r;
}

TEST(HindcastScores, ByHand) {
  // (k + 1/2) / (n + 1): 0 of 200 -> 0.5 / 201; 3 of 4 -> 3.5 / 5 = 0.7.
  EXPECT_NEAR(kt_probability(0, 200), 0.5 / 201, 1e-15);
  EXPECT_NEAR(kt_probability(200, 200), 200.5 / 201, 1e-15);
  EXPECT_NEAR(kt_probability(3, 4), 0.7, 1e-15);
  // Brier (p - o)^2: 0.7 and 1 -> 0.09; 0.7 and 0 -> 0.49.
  EXPECT_NEAR(brier_score(0.7, 1), 0.09, 1e-15);
  EXPECT_NEAR(brier_score(0.7, 0), 0.49, 1e-15);
  // Log score in nats: -ln 0.7 = 0.3566749439387324; -ln 0.3 = 1.2039728043259361; ln 2.
  EXPECT_NEAR(log_score(0.7, 1), 0.3566749439387324, 1e-13);
  EXPECT_NEAR(log_score(0.7, 0), 1.2039728043259361, 1e-13);
  EXPECT_NEAR(log_score(0.5, 1), 0.6931471805599453, 1e-13);
  // 0 of 200 and it happened: -ln(0.5 / 201) = ln 402 = 5.996452088619021 (finite).
  EXPECT_NEAR(log_score(kt_probability(0, 200), 1), 5.996452088619021, 1e-12);
}

TEST(HindcastScores, ReliabilityBins) {
  // 0.05 (0), 0.15 (1) in [0, 0.2); 0.5 (0) in [0.4, 0.6); 0.7 (1), 0.7 (1) in [0.6, 0.8); 1.0 (1) in [0.8, 1].
  auto bins = reliability_table({{0.05, 0}, {0.15, 1}, {0.5, 0}, {0.7, 1}, {0.7, 1}, {1.0, 1}});
  ASSERT_EQ(bins.size(), 5u);
  EXPECT_EQ(bins[0].count, 2);
  EXPECT_NEAR(bins[0].mean_forecast, 0.1, 1e-15);
  EXPECT_NEAR(bins[0].observed, 0.5, 1e-15);
  EXPECT_EQ(bins[1].count, 0);
  EXPECT_TRUE(std::isnan(bins[1].mean_forecast));
  EXPECT_EQ(bins[2].count, 1);
  EXPECT_NEAR(bins[2].observed, 0.0, 1e-15);
  EXPECT_EQ(bins[3].count, 2);
  EXPECT_NEAR(bins[3].mean_forecast, 0.7, 1e-15);
  EXPECT_NEAR(bins[3].observed, 1.0, 1e-15);
  EXPECT_EQ(bins[4].count, 1);  // 1.0 belongs to the last bin
}

TEST(HindcastMapping, EachQuantityKindCountedByHand) {
  const ScenarioResult r = constructed();
  auto kn = [&](const std::string& q) {
    Coverage c = cover(q, r);
    EXPECT_TRUE(c.covered) << q << ": " << c.reason;
    return std::pair<int, int>{c.k, c.n};
  };
  using P = std::pair<int, int>;
  EXPECT_EQ(kn("bargaining:x:p_above"), P(1, 4));       // the answer's own k of n
  EXPECT_EQ(kn("bargaining:x:forecast>40"), P(2, 4));   // 50, 70
  EXPECT_EQ(kn("bargaining:x:forecast<20"), P(1, 4));   // 10
  EXPECT_EQ(kn("power:ratio_last<first"), P(2, 4));     // 1.5, 1.9 < 2.0 (2.0 is not below)
  EXPECT_EQ(kn("power:ratio_last>first"), P(1, 4));     // 2.5
  EXPECT_EQ(kn("game:us_response:tolerate"), P(1, 4));  // replicate 1
  EXPECT_EQ(kn("game:us_response:f35"), P(2, 4));       // F-35 + CAATSA, broad
  EXPECT_EQ(kn("game:us_response:caatsa"), P(3, 4));    // F-35 + CAATSA, broad, targeted
  EXPECT_EQ(kn("game:us_response:broad"), P(1, 4));
  EXPECT_EQ(kn("game:turkiye:keep"), P(2, 4));
  EXPECT_EQ(kn("game:turkiye:activate"), P(1, 4));
  EXPECT_EQ(kn("game:turkiye:return"), P(1, 4));
  EXPECT_EQ(cover("game:us_response:f35", r).answer, "q5_game");
  // A replicate the game left out (input out of range) counts neither way: 4 rows, 1 left out
  // (replicate 2, the Return/Broad path) -> n = 3; F-35 in replicate 1 (F-35 + CAATSA) only.
  ScenarioResult l = constructed();
  l.ensemble[2].game_outcome = "left out: game.tr_us_similarity";
  EXPECT_EQ(std::make_pair(cover("game:us_response:f35", l).k, cover("game:us_response:f35", l).n), P(1, 3));
  for (auto& row : l.ensemble) row.game_outcome = "left out: game.tr_us_similarity";
  EXPECT_FALSE(cover("game:us_response:f35", l).covered);
  EXPECT_THAT(cover("game:us_response:f35", l).reason, HasSubstr("left out all 4 replicates"));
}

TEST(HindcastMapping, NotCoveredWithTheReason) {
  ScenarioResult r = constructed();
  EXPECT_THAT(cover("none", r).reason, HasSubstr("produces no quantity"));
  EXPECT_EQ(cover("none: no quantity for summits", r).reason, "no quantity for summits");
  EXPECT_THAT(cover("bargaining:nato:p_above", r).reason, HasSubstr("no bargaining answer on issue 'nato'"));
  EXPECT_THAT(cover("armsrace:warheads:CHN>400@2024", r).reason, HasSubstr("has no actor CHN (its actors: USA, RUS)"));
  EXPECT_THAT(cover("armsrace:milex:USA>1@2024", r).reason, HasSubstr("no 'milex' race"));
  EXPECT_THAT(cover("armsrace:warheads:USA>1@2018", r).reason, HasSubstr("outside the scenario's forecast years 2019-2030"));
  EXPECT_THAT(cover("armsrace:warheads:total>1@2024", r).reason, HasSubstr("not its bootstrap draws"));
  // The old template's paths carry no response of the rebuilt game.
  for (auto& row : r.ensemble) row.game_outcome = "Keep unactivated / Tolerate / No support";
  const Coverage c = cover("game:us_response:f35", r);
  EXPECT_FALSE(c.covered);
  EXPECT_THAT(c.reason, HasSubstr("not the rebuilt S-400 game"));
  for (const auto& q : {"none", "armsrace:warheads:CHN>400@2024", "game:us_response:f35"}) EXPECT_FALSE(cover(q, r).covered);
  // Malformed paths are not the rebuilt game's either (and never throw).
  for (const char* p : {"a: b; ; c", ";;", "Türkiye: Keep stored; United States: ; Russia: Support", ""}) {
    for (auto& row : r.ensemble) row.game_outcome = p;
    EXPECT_FALSE(cover("game:turkiye:keep", r).covered) << p;
  }
}

TEST(HindcastReportTest, PooledScoresAndBaselinesByHand) {
  const ScenarioResult r = constructed();
  auto st = [](std::string id, std::string q, int outcome, std::string ref = "") {
    OutcomeStatement s;
    s.id = std::move(id);
    s.quantity = std::move(q);
    s.outcome = outcome;
    s.reference = std::move(ref);
    return s;
  };
  const std::string ref = geobalance::testing::source_dir() + "/data/games/caatsa_reference_class.csv";
  std::vector<OutcomeStatement> v{st("a", "bargaining:x:forecast>20", 1),           // 3 of 4 -> 0.7
                                  st("b", "power:ratio_last<first", 0),             // 2 of 4 -> 0.5
                                  st("c", "none", 1),                               // not covered
                                  st("d", "game:us_response:caatsa", 1, "caatsa:caatsa:except=turkiye_s400")};  // 3 of 4 -> 0.7
  const HindcastReport h = score_hindcast(r, v, "o.csv", ref);
  ASSERT_EQ(h.rows.size(), 4u);
  EXPECT_FALSE(h.rows[2].covered);
  EXPECT_TRUE(std::isnan(h.rows[2].brier));  // listed, never scored
  EXPECT_NEAR(h.rows[0].p, 0.7, 1e-15);
  EXPECT_NEAR(h.rows[1].p, 0.5, 1e-15);
  // Pooled over a, b, d: Brier (0.09 + 0.25 + 0.09) / 3; log (0.356675 + 0.693147 + 0.356675) / 3.
  EXPECT_EQ(h.model.n, 3);
  EXPECT_NEAR(h.model.brier, (0.09 + 0.25 + 0.09) / 3, 1e-14);
  EXPECT_NEAR(h.model.log, (0.3566749439387324 * 2 + 0.6931471805599453) / 3, 1e-13);
  EXPECT_NEAR(h.even.brier, 0.25, 1e-15);
  EXPECT_NEAR(h.even.log, 0.6931471805599453, 1e-15);
  // The CAATSA class as known on 2019-06-30 (docs/games.md as-of rule), Türkiye left out:
  // China (targeted CAATSA, 2018-09-20), India, Egypt, Indonesia (no sanctions by then);
  // Saudi Arabia (not concluded, undated) is left out. 1 of 4 -> 1.5 / 5 = 0.3.
  EXPECT_EQ(h.rows[3].base_k, 1);
  EXPECT_EQ(h.rows[3].base_n, 4);
  EXPECT_NEAR(h.rows[3].base_p, 0.3, 1e-15);
  EXPECT_EQ(h.base.n, 1);
  EXPECT_NEAR(h.base.brier, 0.49, 1e-15);
  EXPECT_NEAR(h.base.log, 1.2039728043259361, 1e-13);
  EXPECT_NEAR(h.model_on_base.brier, 0.09, 1e-15);
  EXPECT_THAT(h.rows[0].base_note, HasSubstr("no reference class"));
  // Reliability: 0.5 (0) in [0.4, 0.6); 0.7 (1), 0.7 (1) in [0.6, 0.8).
  EXPECT_EQ(h.reliability[2].count, 1);
  EXPECT_EQ(h.reliability[3].count, 2);
  EXPECT_NEAR(h.reliability[3].observed, 1.0, 1e-15);
}

TEST(HindcastReportTest, BaseRateUsesOnlyCasesKnownOnTheDate) {
  const std::string ref = geobalance::testing::source_dir() + "/data/games/caatsa_reference_class.csv";
  // On 2017-12-31 only China (contracted before 2017-08-02) and Türkiye (2017-09-12) are
  // known; Saudi Arabia's undated non-conclusion is left out, Türkiye is excepted, and
  // China's sanctions (2018-09-20) lie in the future: 0 of 1.
  auto b = caatsa_base_rate("caatsa:caatsa:except=turkiye_s400", ref, Date{2017, 12, 31});
  EXPECT_EQ(b.k, 0);
  EXPECT_EQ(b.n, 1);
  // On 2019-06-30, deals returned by then: none (Egypt 2022 and Indonesia 2021-12-22 later).
  b = caatsa_base_rate("caatsa:return:except=turkiye_s400", ref, Date{2019, 6, 30});
  EXPECT_EQ(b.k, 0);
  EXPECT_EQ(b.n, 4);
  // On 2022-12-31: Egypt (shelved 2022) and Indonesia (abandoned 2021-12-22) returned: 2 of 4.
  b = caatsa_base_rate("caatsa:return:except=turkiye_s400", ref, Date{2022, 12, 31});
  EXPECT_EQ(b.k, 2);
  EXPECT_EQ(b.n, 4);
  EXPECT_THROW(caatsa_base_rate("caatsa:f35:except=nosuchcase", ref, Date{2019, 6, 30}), InputError);
}

// No look-ahead in the base rate: a response dated after as_of (Indonesia's, March 2020) made
// 'broad' in a copy of the class changes nothing on 2019-06-30, and does change the base rate
// on 2021-01-01 (so the edit reached the file read).
TEST(HindcastReportTest, BaseRateIgnoresResponsesAfterTheDate) {
  const std::string ref = geobalance::testing::source_dir() + "/data/games/caatsa_reference_class.csv";
  std::string text = geobalance::testing::read_text(ref);
  const auto row = text.find("indonesia_su35,");
  ASSERT_NE(row, std::string::npos);
  const auto cell = text.find(",1,0,none,2020-03,", row);
  ASSERT_NE(cell, std::string::npos);
  text.replace(cell, 18, ",1,0,broad,2020-03,");
  geobalance::testing::TempDir d;
  geobalance::testing::write_text(d.file("class.csv"), text);
  for (const char* event : {"caatsa:broad:except=turkiye_s400", "caatsa:caatsa:except=turkiye_s400",
                            "caatsa:f35:except=turkiye_s400", "caatsa:return:except=turkiye_s400"}) {
    const auto a = caatsa_base_rate(event, ref, Date{2019, 6, 30});
    const auto b = caatsa_base_rate(event, d.file("class.csv"), Date{2019, 6, 30});
    EXPECT_EQ(a.k, b.k) << event;
    EXPECT_EQ(a.n, b.n) << event;
  }
  EXPECT_EQ(caatsa_base_rate("caatsa:broad:except=turkiye_s400", ref, Date{2021, 1, 1}).k, 0);
  EXPECT_EQ(caatsa_base_rate("caatsa:broad:except=turkiye_s400", d.file("class.csv"), Date{2021, 1, 1}).k, 1);
}

TEST(HindcastFile, ErrorsNameFileLineColumn) {
  const std::string ok = "a,q1,S,2019-12-31,1,2019-07-17,m,none,,src\n";
  EXPECT_EQ(parse_outcomes(std::string(kHeader) + ok, "t.csv").size(), 1u);
  // Row on line 2; the outcome cell starts at column 19 ("a,q1,S,2019-12-31," is 18 bytes).
  EXPECT_THAT(error_of(std::string(kHeader) + "a,q1,S,2019-12-31,2,2019-07-17,m,none,,src\n"),
              HasSubstr("t.csv:2:19: column 'outcome': found '2', expected 0 or 1"));
  EXPECT_THAT(error_of(std::string(kHeader) + "a,q1,S,2019-13-31,1,2019-07-17,m,none,,src\n"),
              HasSubstr("t.csv:2:8: column 'resolves_by': found '2019-13-31', expected a date YYYY-MM-DD"));
  // Quantity at column 34 ("a,q1,S,2019-12-31,1,2019-07-17,m," is 33 bytes).
  EXPECT_THAT(error_of(std::string(kHeader) + "a,q1,S,2019-12-31,1,2019-07-17,m,bargaining:x:median,,src\n"),
              HasSubstr("t.csv:2:34: column 'quantity': found 'bargaining:x:median'"));
  EXPECT_THAT(error_of(std::string(kHeader) + "a,q1,S,2019-12-31,1,2019-07-17,m,polls:x,,src\n"),
              HasSubstr("t.csv:2:34: column 'quantity': found 'polls:x', expected 'none' or 'none: REASON', bargaining:ISSUE:p_above"));
  EXPECT_THAT(error_of(std::string(kHeader) + "a,q1,S,2019-12-31,1,2019-07-17,m,,,src\n"),
              HasSubstr("t.csv:2:34: column 'quantity'"));
  EXPECT_THAT(error_of(std::string(kHeader) + "a,q1,S,2019-12-31,1,2019-07-17,m,none,caatsa:sometimes,src\n"),
              HasSubstr("t.csv:2:39: column 'reference': found 'caatsa:sometimes'"));
  EXPECT_THAT(error_of(std::string(kHeader) + ok + ok), HasSubstr("t.csv:3:1: column 'id': found 'a', expected an id not used"));
  EXPECT_THAT(error_of("id,question,statement\na,b,c\n"), HasSubstr("column 'resolves_by'"));
  EXPECT_THAT(error_of(kHeader), HasSubstr("expected at least one statement"));
  for (const auto& q : {"armsrace:warheads:CHN>400@2024", "armsrace:milex:total<5e5@2030", "bargaining:s400:forecast<20",
                        "bargaining:arms_control:forecast>42.5", "power:ratio_last>first", "game:turkiye:activate"})
    EXPECT_EQ(quantity_error(q), "") << q;
  for (const auto& q : {"armsrace:warheads:CHN>400", "armsrace:warheads:CHN>x@2024", "bargaining:x:forecast=3",
                        "power:ratio", "game:us_response:nothing", "game:russia:support", "None", "none:", "none: "})
    EXPECT_NE(quantity_error(q), "") << q;
}

TEST(HindcastFile, ShippedOutcomesParse) {
  const auto v = read_outcomes(geobalance::testing::source_dir() + "/data/outcomes/hindcast-2019.csv");
  EXPECT_EQ(v.size(), 20u);
  int came_true = 0;
  for (const auto& s : v) came_true += s.outcome;
  EXPECT_EQ(came_true, 13);  // data/outcomes/README.md: 13 came true, 7 did not
}

TEST(HindcastBrief, SectionRendersWithItsIdTitleAndTables) {
  const ScenarioResult r = constructed();
  OutcomeStatement s;
  s.id = "a";
  s.statement = "something happens";
  s.quantity = "bargaining:x:forecast>20";
  s.outcome = 1;
  const HindcastReport h = score_hindcast(r, {s}, "o.csv", "");
  nlohmann::json brief{{"title", "t"}, {"generated", "g"}, {"provenance", nlohmann::json::object()},
                       {"answers", nlohmann::json::array()},
                       {"sections", {{{"id", "power"}, {"title", "P"}, {"charts", nlohmann::json::array()}},
                                     {{"id", "references"}, {"title", "R"}, {"charts", nlohmann::json::array()}}}}};
  report::add_track_records(brief, {h});
  ASSERT_EQ(brief["sections"].size(), 3u);
  EXPECT_EQ(brief["sections"][1]["id"], "hindcast");  // before the references
  EXPECT_EQ(brief["sections"][1]["title"], "Track record: the 2019 hindcast");
  const std::string html = report::render_brief_html(brief);
  EXPECT_THAT(html, HasSubstr("data-chart-id=\"hindcast-statements\""));
  EXPECT_THAT(html, HasSubstr("0.7 (3 of 4 replicates)"));
  EXPECT_THAT(html, HasSubstr("data-chart-id=\"hindcast-pooled\""));
  EXPECT_THAT(html, HasSubstr("data-chart-id=\"hindcast-reliability\""));
}

}  // namespace
}  // namespace geobalance::scenario
