#include "geobalance/armsrace/model.h"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "geobalance/armsrace/names.h"
#include "geobalance/check.h"
#include "geobalance/error.h"

namespace geobalance::armsrace {

namespace {
constexpr std::string_view kWhere = "Model";

void check_len(std::string_view name, std::size_t got, std::size_t n) {
  if (got != n)
    throw InputError(fmt::format("{}: {} has {} elements, but must have {} (one per actor)", kWhere,
                                 name, got, n));
}
}  // namespace

void Model::validate() const {
  const std::size_t n = actors.size();
  if (n == 0) throw InputError(fmt::format("{}: actors is empty, but must name at least one actor", kWhere));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n; ++i) {
    if (actors[i].empty())
      throw InputError(fmt::format("{}: actors[{}] is empty, but must be a name", kWhere, i));
    if (!seen.insert(actors[i]).second)
      throw InputError(fmt::format("{}: actors[{}] is '{}', but must be distinct", kWhere, i, actors[i]));
  }
  check_len("x0", x0.size(), n);
  check_len("fatigue", fatigue.size(), n);
  check_len("grievance", grievance.size(), n);
  check_finite(kWhere, "x0", x0);
  check_finite(kWhere, "grievance", grievance);
  if (variant == Variant::kLinear) {
    check_finite(kWhere, "fatigue", fatigue);
  } else {
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isfinite(fatigue[i]) || fatigue[i] < 0)
        throw InputError(fmt::format("{}: fatigue[{}] is {}, but must be finite and >= 0 (variant '{}')",
                                     kWhere, i, format_value(fatigue[i]), to_string(variant)));
  }
  if (defence.size() != n)
    throw InputError(fmt::format("{}: defence has {} rows, but must be {} x {}", kWhere, defence.size(), n, n));
  for (std::size_t i = 0; i < n; ++i) {
    if (defence[i].size() != n)
      throw InputError(fmt::format("{}: defence[{}] has {} elements, but must have {}", kWhere, i,
                                   defence[i].size(), n));
    for (std::size_t j = 0; j < n; ++j) {
      check_finite(kWhere, fmt::format("defence[{}][{}]", i, j), defence[i][j]);
      if (i == j && defence[i][j] != 0)
        throw InputError(fmt::format("{}: defence[{}][{}] is {}, but must be 0 (an actor does not react to itself)",
                                     kWhere, i, j, format_value(defence[i][j])));
    }
  }
  if (time == TimeMode::kDiscrete) check_positive(kWhere, "period", period);
  if (variant == Variant::kLogistic) {
    check_len("ceiling", ceiling.size(), n);
    for (std::size_t i = 0; i < n; ++i) check_positive(kWhere, fmt::format("ceiling[{}]", i), ceiling[i]);
  }
  if (variant == Variant::kBudgetShare) {
    check_len("gdp", gdp.size(), n);
    check_len("gdp_growth", gdp_growth.size(), n);
    check_len("max_share", max_share.size(), n);
    check_finite(kWhere, "gdp_year", gdp_year);
    for (std::size_t i = 0; i < n; ++i) {
      check_positive(kWhere, fmt::format("gdp[{}]", i), gdp[i]);
      check_finite(kWhere, fmt::format("gdp_growth[{}]", i), gdp_growth[i]);
      if (!(max_share[i] > 0 && max_share[i] <= 1))
        throw InputError(fmt::format("{}: max_share[{}] is {}, but must be in (0, 1]", kWhere, i,
                                     format_value(max_share[i])));
    }
  }
  for (std::size_t c = 0; c < caps.size(); ++c) {
    const Cap& cap = caps[c];
    if (cap.actor >= n)
      throw InputError(fmt::format("{}: caps[{}].actor is {}, but must be < {} (the number of actors)",
                                   kWhere, c, cap.actor, n));
    check_nonnegative(kWhere, fmt::format("caps[{}].level", c), cap.level);
    check_finite(kWhere, fmt::format("caps[{}].from", c), cap.from);
    if (std::isnan(cap.until) || !(cap.until > cap.from))
      throw InputError(fmt::format("{}: caps[{}].until is {}, but must be > from ({})", kWhere, c,
                                   format_value(cap.until), format_value(cap.from)));
  }
}

std::size_t Model::actor_index(const std::string& name) const {
  for (std::size_t i = 0; i < actors.size(); ++i)
    if (actors[i] == name) return i;
  std::string list;
  for (const auto& a : actors) list += (list.empty() ? "" : ", ") + a;
  throw InputError(fmt::format("actor '{}': not in the model; its actors are {}", name, list));
}

double ceiling_at(const Model& m, std::size_t i, double t) {
  switch (m.variant) {
    case Variant::kLinear: return std::numeric_limits<double>::infinity();
    case Variant::kLogistic: return m.ceiling[i];
    case Variant::kBudgetShare:
      return m.max_share[i] * m.gdp[i] * std::exp(m.gdp_growth[i] * (t - m.gdp_year));
  }
  return std::numeric_limits<double>::infinity();
}

void drift(const Model& m, double t, const std::vector<double>& x, std::vector<double>& out) {
  const std::size_t n = m.size();
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double drive = m.grievance[i];
    const auto& row = m.defence[i];
    for (std::size_t j = 0; j < n; ++j) drive += row[j] * x[j];
    if (m.variant != Variant::kLinear) drive *= 1.0 - x[i] / ceiling_at(m, i, t);
    out[i] = drive - m.fatigue[i] * x[i];
  }
}

}  // namespace geobalance::armsrace
