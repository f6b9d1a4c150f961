#include "geobalance/power/composite.h"

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "geobalance/check.h"
#include "geobalance/io/csv.h"

namespace geobalance::power {

int Panel::indicator(std::string_view name) const {
  for (std::size_t k = 0; k < indicators.size(); ++k)
    if (indicators[k] == name) return static_cast<int>(k);
  return -1;
}

Panel panel_from_nmc(const std::vector<NmcRecord>& rows) {
  Panel p;
  for (int c = 0; c < kNumComponents; ++c) p.indicators.push_back(component_name(static_cast<Component>(c)));
  p.rows.reserve(rows.size());
  for (const auto& r : rows) p.rows.push_back({r.ccode, r.abb, r.year, {r.component.begin(), r.component.end()}});
  return p;
}

void CompositeOptions::validate(std::size_t indicators) const {
  if (weights.empty()) return;
  check_same_size("CompositeOptions", "weights", weights.size(), "indicators", indicators);
  check_nonnegative("CompositeOptions", "weights", weights);
  double s = 0;
  for (double w : weights) s += w;
  if (s <= 0) throw InputError("CompositeOptions: weights are all 0, but at least one must be > 0");
}

std::vector<IndexValue> composite_index(const Panel& panel, const CompositeOptions& options) {
  const std::size_t k = panel.indicators.size();
  options.validate(k);
  std::vector<double> w = options.weights.empty() ? std::vector<double>(k, 1.0) : options.weights;
  std::map<int, std::vector<double>> totals;
  for (const auto& r : panel.rows) {
    if (r.values.size() != k)
      throw InputError(fmt::format("composite_index: row for ccode {} in {} has {} values for {} indicators", r.ccode,
                                   r.year, r.values.size(), k));
    auto& t = totals[r.year];
    if (t.empty()) t.assign(k, 0.0);
    for (std::size_t j = 0; j < k; ++j) {
      double x = r.values[j];
      if (std::isnan(x)) continue;
      if (!std::isfinite(x) || x < 0)
        throw InputError(fmt::format("composite_index: {} for ccode {} in {} is {}, but must be finite and >= 0",
                                     panel.indicators[j], r.ccode, r.year, format_value(x)));
      t[j] += x;
    }
  }
  std::vector<IndexValue> out;
  out.reserve(panel.rows.size());
  for (const auto& r : panel.rows) {
    const auto& t = totals[r.year];
    double num = 0, den = 0;
    int n = 0;
    for (std::size_t j = 0; j < k; ++j) {
      if (w[j] <= 0 || std::isnan(r.values[j]) || t[j] <= 0) continue;
      num += w[j] * r.values[j] / t[j];
      den += w[j];
      ++n;
    }
    out.push_back({r.ccode, r.abb, r.year, n ? num / den : std::numeric_limits<double>::quiet_NaN(), n});
  }
  return out;
}

CompositeOptions weights_from_string(const Panel& panel, const std::string& spec, const std::string& flag) {
  CompositeOptions o;
  o.weights.assign(panel.indicators.size(), 0.0);
  std::set<std::string> seen;
  std::size_t pos = 0;
  bool any = false;
  while (pos <= spec.size()) {
    std::size_t comma = spec.find(',', pos);
    std::string part = spec.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    pos = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string name = part.substr(0, eq);
    int j = panel.indicator(name);
    std::string known;
    for (const auto& i : panel.indicators) known += (known.empty() ? "" : ", ") + i;
    if (eq == std::string::npos)
      throw InputError(SourceLocation{}, flag, fmt::format("found '{}', expected NAME=WEIGHT pairs such as milex=1,gdp=1", part));
    if (j < 0) throw InputError(SourceLocation{}, flag, fmt::format("found unknown indicator '{}', expected one of: {}", name, known));
    if (!seen.insert(name).second)
      throw InputError(SourceLocation{}, flag, fmt::format("indicator '{}' is given twice", name));
    auto v = io::parse_double(part.substr(eq + 1));
    if (!v || *v < 0)
      throw InputError(SourceLocation{}, flag, fmt::format("weight of '{}' is '{}', expected a finite number >= 0", name, part.substr(eq + 1)));
    o.weights[static_cast<std::size_t>(j)] = *v;
    any |= *v > 0;
  }
  if (!any) throw InputError(SourceLocation{}, flag, fmt::format("found '{}', expected at least one positive weight", spec));
  return o;
}

}  // namespace geobalance::power
