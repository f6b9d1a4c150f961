#include "scenario/nowcasts.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "geobalance/power/builtin_data.h"

namespace geobalance::scenario::detail {

void read_nowcasts_uncertainty(TableReader& r, Uncertainty& u) {
  const std::string d = r.str("distribution");
  if (d != "lognormal")
    r.fail("distribution", fmt::format("found '{}', expected lognormal (target 'nowcasts' draws each cell from its row's "
                                       "value and sd on a scale that cannot go negative)", d));
  u.distribution = Distribution::kLognormal;
  if (!r.has("rationale")) r.fail_missing("rationale", "a string saying why the ensemble draws the nowcasts");
  u.rationale = r.str("rationale");
  if (u.rationale.find_first_not_of(" \t") == std::string::npos)
    r.fail("rationale", "is empty; expected a string saying why the ensemble draws the nowcasts");
}

void check_one_nowcasts(const std::vector<Uncertainty>& us) {
  int seen = 0;
  for (std::size_t i = 0; i < us.size(); ++i)
    if (is_nowcasts_target(us[i].target) && ++seen == 2)
      throw InputError(us[i].where, fmt::format("key 'uncertainty[{}].target'", i),
                       "found 'nowcasts' a second time; expected one declaration (each nowcast cell is drawn once)");
}

void draw_nowcast_cells(const power::Panel& reference, Rng& rng, power::Panel& panel) {
  if (reference.rows.size() != panel.rows.size())
    throw InputError(fmt::format("nowcast draw: the capability table has {} rows, its shocked copy {}",
                                 reference.rows.size(), panel.rows.size()));
  for (std::size_t i = 0; i < reference.rows.size(); ++i) {
    const auto& ref = reference.rows[i];
    auto& row = panel.rows[i];
    for (std::size_t k = 0; k < ref.sd.size() && k < ref.values.size() && k < row.values.size(); ++k) {
      if (!(std::isfinite(ref.sd[k]) && ref.sd[k] > 0 && ref.values[k] > 0)) continue;
      row.values[k] *= power::nowcast_factor(ref.sd[k] / ref.values[k], rng);
    }
  }
}

NowcastRecord describe_nowcasts(const Scenario& s, const power::Panel& reference) {
  NowcastRecord n;
  for (const auto& u : s.uncertainties)
    if (is_nowcasts_target(u.target)) n.drawn = true, n.rationale = u.rationale;
  const power::NowcastCells cells = power::nowcast_cells(reference);
  n.cells = cells.drawn + static_cast<int>(cells.held_at_point.size());
  n.held_at_point = cells.held_at_point;
  for (const auto& r : reference.rows)
    for (std::size_t k = 0; k < r.sd.size(); ++k)
      if (std::isfinite(r.sd[k]) && r.sd[k] > 0) {
        n.first_year = n.first_year ? std::min(n.first_year, r.year) : r.year;
        n.last_year = std::max(n.last_year, r.year);
      }
  return n;
}

std::string nowcast_caveat(const NowcastRecord& n) {
  if (n.cells == 0) return {};
  const std::string years = n.first_year == n.last_year ? std::to_string(n.first_year)
                                                         : fmt::format("{}-{}", n.first_year, n.last_year);
  if (!n.drawn)
    return fmt::format("{} capability cells of {} are nowcasts with a standard deviation (data/capabilities.csv); the "
                       "scenario does not declare [[uncertainty]] target = \"nowcasts\", so they were held at their point "
                       "values in every replicate and the interval leaves out their uncertainty",
                       n.cells, years);
  std::string out = fmt::format("the {} nowcast cells of {} were drawn in each replicate, lognormal with each row's value "
                                "as mean and its sd as sd; the baseline uses the point values",
                                n.cells, years);
  if (!n.held_at_point.empty())
    out += fmt::format("; {} cell(s) with point value 0 kept it in every replicate (no lognormal has mean 0 and a "
                       "spread): {}",
                       n.held_at_point.size(), fmt::join(n.held_at_point, ", "));
  return out;
}

nlohmann::ordered_json nowcasts_json(const NowcastRecord& n) {
  nlohmann::ordered_json j;
  j["drawn"] = n.drawn;
  j["cells"] = n.cells;
  j["years"] = n.cells ? nlohmann::ordered_json::array({n.first_year, n.last_year}) : nlohmann::ordered_json(nullptr);
  j["distribution"] = n.drawn ? "lognormal: mean = the row's value, sd = the row's sd" : "none: held at point values";
  j["held_at_point"] = n.held_at_point;
  j["rationale"] = n.rationale;
  j["caveat"] = nowcast_caveat(n);
  return j;
}

}  // namespace geobalance::scenario::detail
