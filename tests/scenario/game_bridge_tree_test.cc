// The scenario's feed into the rebuilt S-400 game (issue 14): measured numbers map to the
// game's inputs by name, out-of-range values are InputErrors naming "game.<key>" (never held at
// a bound), and template-only overrides are listed, not silently dropped.
#include <cmath>

#include <gtest/gtest.h>

#include "geobalance/error.h"
#include "scenario/game_bridge.h"

namespace geobalance::scenario::detail {
namespace {

TEST(ScenarioGameTree, FeedMapsToTheGamesInputs) {
  GameFeed feed;
  feed.year = 2018;
  feed.cap_us = 0.15;
  feed.cap_russia = 0.05;  // ratio 3, the game's default
  feed.s_turkiye_us = 0.55;
  feed.s_turkiye_russia = 0.15;
  feed.overrides = {{"prior_congress_high", 1.0}, {"prior_ankara_activation", 1.0}, {"sanction_weight", 2.0}};
  TreeFeedOutcome t = solve_crisis_tree(feed, 5.0, 1.0);
  EXPECT_DOUBLE_EQ(t.inputs.us_ru_capability_ratio, 3.0);
  EXPECT_DOUBLE_EQ(t.inputs.tr_us_similarity, 0.55);
  EXPECT_EQ(t.overrides_not_applicable, (std::vector<std::string>{"sanction_weight"}));
  EXPECT_NE(t.source["tr_us_similarity"].find("alignment"), std::string::npos);
  // Complete information with the defaults: the hand-worked path of s400_tree_test.cc.
  EXPECT_EQ(t.modal_path, "Türkiye: Keep stored; United States: Targeted CAATSA; Russia: Stay out");
  EXPECT_NEAR(t.modal_probability, 1, 1e-6);
}

TEST(ScenarioGameTree, OutOfRangeIsAnErrorNamingTheKey) {
  GameFeed feed;
  feed.cap_us = 0.15;
  feed.cap_russia = 0.05;
  feed.s_turkiye_us = 1.2;
  feed.s_turkiye_russia = 0.1;
  try {
    solve_crisis_tree(feed, 5.0, 1.0);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("game.tr_us_similarity"), std::string::npos) << e.what();
  }
  feed.s_turkiye_us = 0.5;
  feed.overrides = {{"eu_us_sanction", -4.5}};
  EXPECT_THROW(solve_crisis_tree(feed, 5.0, 1.0), InputError);
  feed.overrides = {{"eu_us_sanction", -1.114}};  // the value the old template clipped: used as is
  EXPECT_DOUBLE_EQ(solve_crisis_tree(feed, 5.0, 1.0).inputs.eu_us_sanction, -1.114);
}

}  // namespace
}  // namespace geobalance::scenario::detail
