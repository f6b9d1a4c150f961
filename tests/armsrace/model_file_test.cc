// The TOML model file: what it reads, and the exact messages for what it rejects.
#include "geobalance/armsrace/model_file.h"

#include <cmath>

#include "geobalance/armsrace/names.h"
#include "geobalance/core/paths.h"
#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::armsrace {
namespace {

const char* kGood = R"(name = "test"
actors = ["USA", "RUS"]
x0 = [3708, 4489]
fatigue = [0.1, 0.2]
grievance = [10, -5.5]
defence = [[0, 0.05], [0.07, 0]]

[[cap]]
actors = ["USA", "RUS"]
level = 1550
from = 2011-02-05
until = 2026-02-05
label = "New START"
)";

TEST(ModelFile, ReadsTheIssueFormatWithCapsAndDates) {
  Model m = parse_model(kGood, "m.toml");
  EXPECT_EQ(m.actors, (std::vector<std::string>{"USA", "RUS"}));
  EXPECT_EQ(m.x0, (std::vector<double>{3708, 4489}));
  EXPECT_EQ(m.grievance[1], -5.5);
  EXPECT_EQ(m.defence[0][1], 0.05);  // response of USA to RUS
  EXPECT_EQ(m.defence[1][0], 0.07);
  EXPECT_EQ(m.variant, Variant::kLinear);
  EXPECT_EQ(m.time, TimeMode::kContinuous);
  ASSERT_EQ(m.caps.size(), 2u);
  EXPECT_EQ(m.caps[1].actor, 1u);
  EXPECT_EQ(m.caps[0].level, 1550);
  // 5 Feb 2011 is day 36 of a 365-day year; 5 Feb 2026 likewise.
  EXPECT_DOUBLE_EQ(m.caps[0].from, 2011 + 35.0 / 365.0);
  EXPECT_DOUBLE_EQ(m.caps[0].until, 2026 + 35.0 / 365.0);
  EXPECT_EQ(m.caps[0].label, "New START");
}

TEST(ModelFile, DecimalYearCountsLeapDays) {
  EXPECT_DOUBLE_EQ(decimal_year(2024, 3, 1), 2024 + 60.0 / 366.0);
  EXPECT_DOUBLE_EQ(decimal_year(2023, 3, 1), 2023 + 59.0 / 365.0);
  EXPECT_DOUBLE_EQ(decimal_year(2000, 1, 1), 2000);
}

TEST(ModelFile, RoundTripsThroughToToml) {
  Model m = parse_model(kGood, "m.toml");
  m.variant = Variant::kLogistic;
  m.ceiling = {30000, 40000};
  m.time = TimeMode::kDiscrete;
  m.period = 0.5;
  Model back = parse_model(to_toml(m, "a header\nsecond line"), "back.toml");
  EXPECT_EQ(back.actors, m.actors);
  EXPECT_EQ(back.x0, m.x0);
  EXPECT_EQ(back.fatigue, m.fatigue);
  EXPECT_EQ(back.grievance, m.grievance);
  EXPECT_EQ(back.defence, m.defence);
  EXPECT_EQ(back.ceiling, m.ceiling);
  EXPECT_EQ(back.period, 0.5);
  ASSERT_EQ(back.caps.size(), 2u);
  EXPECT_EQ(back.caps[1].from, m.caps[1].from);
  EXPECT_EQ(back.caps[1].until, m.caps[1].until);
}

TEST(ModelFile, BuiltInExampleModelsLoad) {
  for (const char* f : {"armsrace/us-russia.toml", "armsrace/us-russia-china.toml"}) {
    Model m = read_model_file(testing::source_dir() + "/data/" + f);
    EXPECT_GE(m.size(), 2u) << f;
  }
}

std::string with(const std::string& line3_to_6) {
  return "actors = [\"USA\", \"RUS\"]\n" + line3_to_6;
}

TEST(ModelFile, RejectsWrongMatrixShapes) {
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1]]\n"),
                               "m.toml"),
                   InputError,
                   "m.toml:5:11: key 'defence': found an array of 1 element, expected an array of 2 arrays of 2 "
                   "numbers (an 2 x 2 matrix)");
  EXPECT_THROW_MSG(
      parse_model(with("x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0, 3]]\n"),
                  "m.toml"),
      InputError, "m.toml:5:22: key 'defence[1]': found an array of 3 elements, expected an array of 2 numbers");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2, 3]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0]]\n"),
                               "m.toml"),
                   InputError, "m.toml:2:6: key 'x0': found an array of 3 elements, expected an array of 2 numbers (one per actor)");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2]\nfatigue = 0.1\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0]]\n"),
                               "m.toml"),
                   InputError, "m.toml:3:11: key 'fatigue': found 0.1, expected an array of 2 numbers (one per actor)");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0.5, 0.1], [0.2, 0]]\n"),
                               "m.toml"),
                   InputError, "m.toml:5:13: key 'defence[0][0]': found 0.5, expected 0 (an actor does not react to itself)");
}

TEST(ModelFile, RejectsNegativeFatigueOnlyWhereTheVariantForbidsIt) {
  const std::string body = "x0 = [1, 2]\nfatigue = [0.1, -0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0]]\n";
  EXPECT_NO_THROW(parse_model(with(body), "m.toml"));  // linear: self-stimulation is allowed
  EXPECT_THROW_MSG(parse_model(with(body + "variant = \"logistic\"\nceiling = [10, 10]\n"), "m.toml"), InputError,
                   "m.toml:3:17: key 'fatigue[1]': found -0.2, expected a finite number >= 0 (variant 'logistic' "
                   "forbids negative fatigue)");
  EXPECT_THROW_MSG(parse_model(with(body + "variant = \"budget_share\"\ngdp = [1, 1]\ngdp_growth = [0, 0]\n"
                                           "max_share = [0.1, 0.1]\ngdp_year = 2024\n"),
                               "m.toml"),
                   InputError, "key 'fatigue[1]': found -0.2, expected a finite number >= 0 (variant 'budget_share'");
}

TEST(ModelFile, RejectsNanInfinityAndNonNumbers) {
  EXPECT_THROW_MSG(parse_model(with("x0 = [nan, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0]]\n"),
                               "m.toml"),
                   InputError, "m.toml:2:7: key 'x0[0]': found nan, expected a finite number");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, -inf]\ndefence = [[0, 0.1], [0.2, 0]]\n"),
                               "m.toml"),
                   InputError, "m.toml:4:17: key 'grievance[1]': found -inf, expected a finite number");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, \"2\"]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, nan]]\n"),
                               "m.toml"),
                   InputError, "m.toml:2:10: key 'x0[1]': found the string \"2\", expected a finite number");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, nan], [0.2, 0]]\n"),
                               "m.toml"),
                   InputError, "m.toml:5:16: key 'defence[0][1]': found nan, expected a finite number");
}

TEST(ModelFile, RejectsUnknownMissingAndMisplacedKeys) {
  const std::string body = "x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0]]\n";
  EXPECT_THROW_MSG(parse_model(with(body + "fatigu = 3\n"), "m.toml"), InputError,
                   "m.toml:6:1: key 'fatigu': found an unknown key, expected one of name, units, actors, x0, fatigue");
  EXPECT_THROW_MSG(parse_model(with("x0 = [1, 2]\nfatigue = [0.1, 0.2]\ndefence = [[0, 0.1], [0.2, 0]]\n"), "m.toml"),
                   InputError,
                   "m.toml:1:1: key 'grievance': found nothing (the key is missing), expected an array of 2 numbers (one per actor)");
  EXPECT_THROW_MSG(parse_model(with(body + "ceiling = [1, 2]\n"), "m.toml"), InputError,
                   "m.toml:6:11: key 'ceiling': found a value, expected no 'ceiling' unless variant = \"logistic\"");
  EXPECT_THROW_MSG(parse_model(with(body + "variant = \"quadratic\"\n"), "m.toml"), InputError,
                   "m.toml:6:11: key 'variant': found the string \"quadratic\", expected one of \"linear\", \"logistic\", \"budget_share\"");
  EXPECT_THROW_MSG(parse_model(with(body + "period = 2\n"), "m.toml"), InputError,
                   "m.toml:6:10: key 'period': found a value, expected no 'period' unless time = \"discrete\"");
  EXPECT_THROW_MSG(parse_model("actors = [\"USA\", \"USA\"]\n" + body, "m.toml"), InputError,
                   "m.toml:1:18: key 'actors[1]': found the string \"USA\", expected a distinct actor name");
}

TEST(ModelFile, RejectsBadCaps) {
  const std::string body = "x0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\ndefence = [[0, 0.1], [0.2, 0]]\n";
  EXPECT_THROW_MSG(parse_model(with(body + "[[cap]]\nactor = \"CHN\"\nlevel = 5\nfrom = 2020\n"), "m.toml"), InputError,
                   "m.toml:7:9: key 'cap[0].actor': found the string \"CHN\", expected one of the actors (USA, RUS)");
  EXPECT_THROW_MSG(parse_model(with(body + "[[cap]]\nactor = \"USA\"\nlevel = -5\nfrom = 2020\n"), "m.toml"), InputError,
                   "m.toml:8:9: key 'cap[0].level': found -5, expected a finite number >= 0");
  EXPECT_THROW_MSG(parse_model(with(body + "[[cap]]\nactor = \"USA\"\nlevel = 5\nfrom = 2020-01-01\nuntil = 2019\n"), "m.toml"),
                   InputError, "m.toml:10:9: key 'cap[0].until': found 2019, expected a time after 'from' (2020)");
  EXPECT_THROW_MSG(parse_model(with(body + "[[cap]]\nactor = \"USA\"\nfrom = 2020\n"), "m.toml"), InputError,
                   "m.toml:6:1: key 'cap[0].level': found nothing (the key is missing), expected a finite number >= 0");
  EXPECT_THROW_MSG(parse_model(with(body + "[[cap]]\nactor = \"USA\"\nlevel = 5\nfrom = 2020\nbinds = true\n"), "m.toml"),
                   InputError, "m.toml:10:1: key 'cap[0].binds': found an unknown key, expected one of actor, actors, level");
}

TEST(ModelFile, ReportsTomlSyntaxErrorsAndUnreadableFiles) {
  EXPECT_THROW_MSG(parse_model("actors = [\"USA\"\nx0 = [1]\n", "m.toml"), InputError, "m.toml:2:1: TOML syntax: ");
  EXPECT_THROW_MSG(read_model_file("/nonexistent/m.toml"), InputError,
                   "/nonexistent/m.toml: file: cannot be opened for reading");
}

}  // namespace
}  // namespace geobalance::armsrace

namespace geobalance::armsrace {
namespace {

// Fuzzer finding: a coefficient of 1.1e21 was written as "1111111222221111164928", which TOML
// reads as an integer that does not fit 64 bits, so to_toml's output failed to parse.
TEST(ModelFile, LargeValuesSurviveTheRoundTrip) {
  const std::string text =
      "actors = [\"A\", \"B\"]\nx0 = [1, 2]\nfatigue = [0.1, 0.2]\ngrievance = [1, 1]\n"
      "defence = [[0, 1111111222221111164928.0], [0.1, 0]]\n";
  Model m = parse_model(text, "big.toml");
  Model again = parse_model(to_toml(m), "rewritten.toml");
  EXPECT_EQ(again.defence[0][1], m.defence[0][1]);
  EXPECT_EQ(again.defence[0][1], 1111111222221111164928.0);
}

}  // namespace
}  // namespace geobalance::armsrace
