// Text tables are aligned by display width (issue 16, item 6): a cell's width is its number of
// code points, not bytes, so "Türkiye" (8 bytes, 7 letters) lines up with "Germany".
#include <sstream>

#include <gtest/gtest.h>

#include "geobalance/report/table.h"

namespace geobalance::report {
namespace {

TEST(TableText, AlignsNonAsciiNamesByCodePoints) {
  Table t({Column{"state"}, Column{"share", 2}});
  t.add_row({std::string("Türkiye"), 0.25});
  t.add_row({std::string("Germany"), 0.5});
  t.add_row({std::string("Côte d’Ivoire"), 0.126});
  std::ostringstream os;
  render_text(t, os);
  // Written out by hand: the widest name, "Côte d’Ivoire", has 13 code points (16 bytes); the
  // state column is 13 columns wide, then two spaces, then the right-aligned share column
  // (5 wide: "share"; reals with 2 significant digits: "0.25", "0.5", "0.13").
  const std::string want =
      "state          share\n"
      "-------------  -----\n"
      "Türkiye         0.25\n"
      "Germany          0.5\n"
      "Côte d’Ivoire   0.13\n";
  EXPECT_EQ(os.str(), want);
}

}  // namespace
}  // namespace geobalance::report
