// Tests of the BDM CSV reader: the shared example, a fixture in tests/data, every bad input.
#include "geobalance/bargaining/bdm_io.h"

#include <string>

#include "geobalance/bargaining/bdm.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

using geobalance::testing::TempDir;
using geobalance::testing::write_text;

TEST(BdmCsv, ReadsTheEuEmissionsExample) {
  GEOBALANCE_SHARED_FILE_OR_SKIP(path, "bdm/data/eu-emissions.csv");
  Issue issue = read_bdm_csv(path);
  ASSERT_EQ(issue.actors.size(), 10u);
  EXPECT_EQ(issue.name, "eu-emissions");
  EXPECT_EQ(issue.dimensions, (std::vector<std::string>{"Position"}));
  EXPECT_EQ(issue.source, path);
  // bdm.md: the corrected Netherlands (0.08, 4, 0.8) and Belgium (0.08, 7, 0.4).
  EXPECT_EQ(issue.actors[0].name, "Netherlands");
  EXPECT_EQ(issue.actors[0].capability, 0.08);
  EXPECT_EQ(issue.actors[0].position, (std::vector<double>{4}));
  EXPECT_EQ(issue.actors[0].salience, (std::vector<double>{0.8}));
  EXPECT_EQ(issue.actors[1].name, "Belgium");
  EXPECT_EQ(issue.actors[1].position, (std::vector<double>{7}));
  EXPECT_EQ(issue.actors[1].salience, (std::vector<double>{0.4}));
  EXPECT_EQ(issue.scale_min, 4);
  EXPECT_EQ(issue.scale_max, 10);
}

TEST(BdmCsv, ReadsColumnsByNameInAnyOrder) {
  TempDir dir;
  write_text(dir.file("t.csv"), "Salience,Position,Actor,Capability,Note\n"
                                ".5,0,A,2,x\n1,25,B,1,y\n.5,100,C,4,z\n");
  Issue issue = read_bdm_csv(dir.file("t.csv"));
  ASSERT_EQ(issue.actors.size(), 3u);
  EXPECT_EQ(issue.actors[2].name, "C");
  EXPECT_EQ(issue.actors[2].capability, 4);
  EXPECT_EQ(issue.actors[2].position[0], 100);
  EXPECT_EQ(issue.actors[2].salience[0], 0.5);
  EXPECT_EQ(issue.scale_min, 0);
  EXPECT_EQ(issue.scale_max, 100);
}

TEST(BdmCsv, FixtureRunsTheHandWorkedThreeActorCase) {
  Issue issue = read_bdm_csv(geobalance::testing::source_dir() + "/tests/data/bargaining/bdm_three_actors.csv");
  BdmOptions o = bdm_preset(BdmPreset::kBdm1994);
  o.max_rounds = 1;
  auto res = run_bdm(issue, o);
  ASSERT_EQ(res.rounds_run, 1);
  // bdm_test.cc ThreeActorsWorkedByHand: r = (109/203, 2, 1/2); B and C end at 25.
  EXPECT_NEAR(res.rounds[0].risk[0], 109.0 / 203, 1e-14);
  EXPECT_EQ(res.final_positions[1], 25);
  EXPECT_EQ(res.final_positions[2], 25);
}

struct BadCase {
  const char* text;
  const char* message;  // after the file path
};

TEST(BdmCsv, RejectsBadInputWithFileLineColumnAndField) {
  const BadCase cases[] = {
      {"Actor,Capability,Position\nA,1,0\nB,1,1\nC,1,2\n",
       ":1:1: column 'Salience': required but missing; the header has: Actor, Capability, Position"},
      {"Name,Capability,Position,Salience\nA,1,0,.5\n",
       ":1:1: column 'Actor': required but missing; the header has: Name, Capability, Position, Salience"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,nan,.5\nC,1,2,.5\n",
       ":3:5: column 'Position': found 'nan', expected a finite number"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,1,NaN\nC,1,2,.5\n",
       ":3:7: column 'Salience': found 'NaN', expected a finite number"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,-0.1,1,.5\nC,1,2,.5\n",
       ":3:3: column 'Capability': found '-0.1', expected a capability > 0"},
      {"Actor,Capability,Position,Salience\nA,0,0,.5\nB,1,1,.5\nC,1,2,.5\n",
       ":2:3: column 'Capability': found '0', expected a capability > 0"},
      {"Actor,Capability,Position,Salience\nA,x,0,.5\nB,1,1,.5\nC,1,2,.5\n",
       ":2:3: column 'Capability': found 'x', expected a finite number"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,1,1.5\nC,1,2,.5\n",
       ":3:7: column 'Salience': found '1.5', expected a salience in [0, 1]"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,1,-0.2\nC,1,2,.5\n",
       ":3:7: column 'Salience': found '-0.2', expected a salience in [0, 1]"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,1,.5\nA,1,2,.5\n",
       ":4:1: column 'Actor': found 'A', expected a unique actor name (already on line 2)"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\n,1,1,.5\nC,1,2,.5\n",
       ":3:1: column 'Actor': found '', expected a non-empty value"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,1,.5\n",
       ":1:1: column 'Actor': found 2 actors, expected at least 3"},
      {"Actor,Capability,Position,Salience\n",
       ":1:1: column 'Actor': found 0 actors, expected at least 3"},
      {"Actor,Capability,Position,Salience\nA,1,0,.5\nB,1,,.5\nC,1,2,.5\n",
       ":3:5: column 'Position': found '', expected a finite number"},
  };
  for (const BadCase& c : cases) {
    TempDir dir;
    const std::string path = dir.file("bad.csv");
    write_text(path, c.text);
    EXPECT_THROW_MSG(read_bdm_csv(path), InputError, path + c.message) << c.text;
  }
}

TEST(BdmCsv, RejectsAMissingFile) {
  TempDir dir;
  EXPECT_THROW_MSG(read_bdm_csv(dir.file("absent.csv")), InputError,
                   dir.file("absent.csv") + ": file: cannot be opened for reading");
}

}  // namespace
}  // namespace geobalance::bargaining
