// geobalance cite: the BibTeX of every dataset a run used. The expected keys are the
// registry's own column (data/datasets.csv: capabilities -> singer1972;singer1987,
// idealpoints_builtin -> bailey2017), not what the command printed before.
#include <string>

#include "test_util.h"

namespace geobalance::testing {
namespace {

using ::testing::HasSubstr;

TEST(Cite, ScenarioPrintsTheRegistrysBibtexForEveryDatasetItReads) {
  auto r = run_cli({"cite", source_dir() + "/data/scenarios/nato-southern-flank.toml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bib = read_text(source_dir() + "/data/references.bib");
  for (const char* key : {"singer1972", "singer1987", "bailey2017"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string("{") + key + ",")) << key;
    EXPECT_THAT(bib, HasSubstr(std::string("{") + key + ",")) << key;
  }
  // Each key once, even when two datasets share it.
  EXPECT_EQ(r.out.find("{singer1972,"), r.out.rfind("{singer1972,"));
  // A file the registry does not list is named, not dropped.
  EXPECT_THAT(r.out, HasSubstr("issue:s400: "));
  EXPECT_THAT(r.out, HasSubstr("is not in the dataset registry"));
}

TEST(Cite, UnknownTargetIsAnInputError) {
  auto r = run_cli({"cite", "no-such-run-or-file"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("found 'no-such-run-or-file', expected a run id in the store, a scenario .toml file"));
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace geobalance::testing
