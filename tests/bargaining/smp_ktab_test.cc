// geobalance's SMP against KTAB's own position histories (../shared/ktab/expected, KTAB 2019
// smpc with default parameters): every turn, actor and dimension to 1e-6 on the 0-100 scale,
// and the same number of turns.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "geobalance/bargaining/issue_io.h"
#include "geobalance/bargaining/smp.h"
#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::bargaining {
namespace {

struct Reference {
  // history[turn][actor * dims + dim]
  std::vector<std::vector<double>> history;
};

Reference read_history(const std::string& path, std::size_t actors, std::size_t dims) {
  const io::CsvTable t = io::CsvTable::read_file(path);
  const std::size_t c_turn = t.require_column("turn"), c_actor = t.require_column("actor"),
                    c_dim = t.require_column("dim"), c_pos = t.require_column("position");
  Reference ref;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    const auto turn = static_cast<std::size_t>(t.get_int(r, c_turn, true));
    if (ref.history.size() <= turn) ref.history.resize(turn + 1, std::vector<double>(actors * dims, NAN));
    ref.history[turn][t.get_int(r, c_actor, true) * dims + t.get_int(r, c_dim, true)] =
        t.get_double(r, c_pos);
  }
  return ref;
}

class KtabReference : public ::testing::TestWithParam<std::string> {};

TEST_P(KtabReference, PositionHistoryMatchesEveryTurnActorAndDimension) {
  const std::string name = GetParam();
  GEOBALANCE_SHARED_FILE_OR_SKIP(input, "ktab/data/" + name + ".csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(expected, "ktab/expected/" + name + ".history.csv");
  const Issue issue = read_ktab_csv(input);
  const SmpResult res = run_smp(issue);
  const Reference ref = read_history(expected, issue.actors.size(), issue.dimensions.size());
  ASSERT_EQ(res.turns(), static_cast<int>(ref.history.size()) - 1) << name << ": turn count";
  EXPECT_EQ(res.termination, SmpTermination::kConverged);
  double max_dev = 0;
  for (std::size_t t = 0; t < ref.history.size(); ++t)
    for (std::size_t i = 0; i < issue.actors.size(); ++i)
      for (std::size_t k = 0; k < issue.dimensions.size(); ++k) {
        const double want = ref.history[t][i * issue.dimensions.size() + k];
        const double got = res.position(t, i, k);
        max_dev = std::max(max_dev, std::abs(want - got));
        ASSERT_NEAR(got, want, 1e-6) << name << " turn " << t << " actor " << i << " dim " << k;
      }
  std::cout << "[ KTAB     ] " << name << ": " << res.turns() << " turns, max |deviation| = " << max_dev
            << '\n';
}

TEST_P(KtabReference, WinProbabilitiesMatchKtabLogToFourDecimals) {
  const std::string name = GetParam();
  GEOBALANCE_SHARED_FILE_OR_SKIP(input, "ktab/data/" + name + ".csv");
  GEOBALANCE_SHARED_FILE_OR_SKIP(expected, "ktab/expected/" + name + ".probs.csv");
  const Issue issue = read_ktab_csv(input);
  SmpOptions opt;
  opt.record_win_probabilities = true;
  const SmpResult res = run_smp(issue, opt);
  ASSERT_EQ(res.win_probabilities.size(), res.history.size());
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < issue.actors.size(); ++i) index[issue.actors[i].name] = i;
  const io::CsvTable t = io::CsvTable::read_file(expected);
  const std::size_t c_name = t.require_column("actor_name"), c_turn = t.require_column("turn"),
                    c_p = t.require_column("pos_win_prob");
  ASSERT_GT(t.num_rows(), 0u);
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    const std::size_t i = index.at(std::string(t.get_string(r, c_name)));
    const auto turn = static_cast<std::size_t>(t.get_int(r, c_turn, true));
    ASSERT_LT(turn, res.win_probabilities.size());
    EXPECT_NEAR(res.win_probabilities[turn][i], t.get_double(r, c_p), 0.5e-4 + 1e-12)
        << name << " turn " << turn << " actor " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, KtabReference,
                         ::testing::Values("dummyData_3Dim", "dummyData_3Dim-no-final-comma",
                                           "SOE-Policy", "SOE-Pol-Comp"),
                         [](const auto& info) {
                           std::string s = info.param;
                           std::replace(s.begin(), s.end(), '-', '_');
                           return s;
                         });

}  // namespace
}  // namespace geobalance::bargaining
