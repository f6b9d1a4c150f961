#include "geobalance/scenario/idealpoints.h"

#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "geobalance/io/csv.h"

namespace geobalance::scenario {

const char* to_string(IdealPointSeries s) {
  return s == IdealPointSeries::kAllVotes ? "all" : "final_passage";
}

std::string series_title(IdealPointSeries s) {
  return s == IdealPointSeries::kAllVotes ? "all-votes ideal points (idealpointall)"
                                          : "final-passage ideal points (idealpointfp)";
}

bool IdealPointEstimate::has_quantiles() const {
  for (double v : q)
    if (std::isnan(v)) return false;
  return true;
}

double IdealPointEstimate::quantile(double p) const {
  if (!has_quantiles() || !(p >= 0 && p <= 1)) return std::numeric_limits<double>::quiet_NaN();
  const auto& L = kIdealPointQuantileLevels;
  for (std::size_t k = 1; k < L.size(); ++k)
    if (p <= L[k]) return q[k - 1] + (q[k] - q[k - 1]) * (p - L[k - 1]) / (L[k] - L[k - 1]);
  return q.back();
}

std::vector<IdealPointEstimate> load_idealpoint_series(const std::string& path, IdealPointSeries series) {
  using io::CsvTable;
  using io::Missing;
  CsvTable t = CsvTable::read_file(path);
  const auto c_cc = t.require_column("ccode");
  const auto c_year = t.find_column("year");
  const auto c_session = t.find_column("session");
  if (!c_year && !c_session) t.require_column("year");
  const bool fp = series == IdealPointSeries::kFinalPassage;
  // Column names: the July 2025 release (by year) or the July 2023 release (by session; all
  // votes only).
  std::string value_col, votes_col;
  std::array<std::string, 7> q_cols;
  if (c_year) {
    const std::string sfx = fp ? "fp" : "all";
    value_col = "idealpoint" + sfx;
    votes_col = "nvotes" + sfx;
    q_cols = {"qo" + sfx, "q5" + sfx, "q10" + sfx, "q50" + sfx, "q90" + sfx, "q95" + sfx, "q100" + sfx};
  } else {
    if (fp) return {};
    value_col = "IdealPointAll";
    votes_col = "NVotesAll";
    q_cols = {"QO%All", "Q5%All", "Q10%All", "Q50%All", "Q90%All", "Q95%All", "Q100%All"};
  }
  const auto c_val = t.find_column(value_col);
  if (!c_val) return {};
  const auto c_votes = t.find_column(votes_col);
  std::array<std::optional<std::size_t>, 7> c_q;
  int have_q = 0;
  for (std::size_t k = 0; k < 7; ++k) have_q += (c_q[k] = t.find_column(q_cols[k])).has_value();
  if (have_q != 0 && have_q != 7)
    for (std::size_t k = 0; k < 7; ++k) t.require_column(q_cols[k]);  // all seven or none
  std::vector<IdealPointEstimate> out;
  std::map<std::pair<int, int>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    auto v = t.get_double(r, *c_val, Missing::kBlankOrNA);
    if (!v) continue;  // no estimate in this series for the state-year
    IdealPointEstimate e;
    const long long cc = t.get_int(r, c_cc, true);
    if (cc < 1 || cc > 999) t.fail_cell(r, c_cc, "a COW country code from 1 to 999");
    e.ccode = static_cast<int>(cc);
    if (c_year) {
      const long long y = t.get_int(r, *c_year);
      if (y < 1900 || y > 2200) t.fail_cell(r, *c_year, "a year from 1900 to 2200");
      e.year = static_cast<int>(y);
    } else {
      const long long s = t.get_int(r, *c_session);
      if (s < 1 || s > 200) t.fail_cell(r, *c_session, "a UN General Assembly session number from 1 to 200");
      e.year = static_cast<int>(s) + 1945;
    }
    e.value = *v;
    if (c_votes) {
      auto n = t.get_int(r, *c_votes, Missing::kBlankOrNA, true);
      e.votes = n ? static_cast<int>(*n) : -1;  // empty: the file gives no count
    }
    // The seven quantiles: all empty (this estimate has no interval) or all numbers, ascending.
    int empty_q = 0;
    for (std::size_t k = 0; k < 7 && have_q == 7; ++k) empty_q += t.is_missing(r, *c_q[k], Missing::kBlankOrNA);
    if (have_q == 7 && empty_q != 7) {
      for (std::size_t k = 0; k < 7; ++k) {
        auto qv = t.get_double(r, *c_q[k], Missing::kBlankOrNA);
        if (!qv) t.fail_cell(r, *c_q[k], "the posterior quantile (a number, as the row's other quantiles are)");
        e.q[k] = *qv;
        if (k > 0 && e.q[k] < e.q[k - 1])
          t.fail_cell(r, *c_q[k], fmt::format("a quantile >= the column before ({})", e.q[k - 1]));
      }
    }
    e.line = t.line_of_row(r);
    auto [it, fresh] = seen.emplace(std::make_pair(e.ccode, e.year), e.line);
    if (!fresh)
      t.fail_row(r, fmt::format("state-year: ccode {} in {}", e.ccode, e.year),
                 fmt::format("found a second row, expected one per state-year (first on line {})", it->second));
    out.push_back(e);
  }
  return out;
}

}  // namespace geobalance::scenario
