// Names in issue files (issue 16 item 5): lengths in characters, invalid UTF-8 an input error.
#include "geobalance/bargaining/issue_io.h"

#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

std::string ktab(const std::string& first_actor) {
  return "Names,test,3,1\nActor,Description,Power,Pos,Sal\n" + first_actor +
         ",d,10,20,50\nB,d,20,60,40\nC,d,30,80,10\n";
}

TEST(IssueNames, ATwentyFiveCharacterNonAsciiNameIsAccepted) {
  std::string name;
  for (int i = 0; i < 25; ++i) name += "\xD0\x96";  // 25 x Cyrillic Zhe: 50 bytes
  testing::TempDir d;
  testing::write_text(d.file("k.csv"), ktab(name));
  EXPECT_EQ(read_ktab_csv(d.file("k.csv")).actors[0].name, name);
  testing::write_text(d.file("k26.csv"), ktab(name + "\xD0\x96"));
  EXPECT_THROW_MSG(read_ktab_csv(d.file("k26.csv")), InputError, "expected an actor name of 1 to 25 characters");
}

TEST(IssueNames, InvalidUtf8IsAnInputErrorWithItsByteOffset) {
  testing::TempDir d;
  // Line 1 is 15 bytes, line 2 is 32: the 0xFF opens line 3 at byte offset 47.
  testing::write_text(d.file("bad.csv"), ktab("\xFF" "A"));
  EXPECT_THROW_MSG(read_ktab_csv(d.file("bad.csv")), InputError,
                   "bad.csv:3:1: file: found invalid UTF-8 at byte offset 47 (byte 0xFF), expected UTF-8 text");
}

}  // namespace
}  // namespace geobalance::bargaining
