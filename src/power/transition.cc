#include "geobalance/power/transition.h"

#include <fmt/format.h>

#include "geobalance/check.h"

namespace geobalance::power {

void TransitionOptions::validate() const {
  check_positive("TransitionOptions", "parity_low", parity_low);
  check_positive("TransitionOptions", "parity_high", parity_high);
  if (!(parity_low <= 1.0 && 1.0 <= parity_high))
    throw InputError(fmt::format("TransitionOptions: parity band is [{}, {}], but must contain 1",
                                 format_value(parity_low), format_value(parity_high)));
}

Transition power_transition(const std::vector<int>& years, const std::vector<double>& a,
                            const std::vector<double>& b, const TransitionOptions& options) {
  options.validate();
  check_same_size("power_transition", "years", years.size(), "a", a.size());
  check_same_size("power_transition", "years", years.size(), "b", b.size());
  check_nonnegative("power_transition", "a", a);
  check_nonnegative("power_transition", "b", b);
  for (std::size_t i = 0; i < years.size(); ++i) {
    if (i && years[i] <= years[i - 1])
      throw InputError(fmt::format("power_transition: years[{}] is {}, but years must be strictly increasing", i, years[i]));
    if (b[i] <= 0) throw InputError(fmt::format("power_transition: b[{}] is {}, but must be > 0", i, format_value(b[i])));
  }
  Transition t;
  int leader = 0;  // +1 A ahead, -1 B ahead, 0 unknown/tied so far
  for (std::size_t i = 0; i < years.size(); ++i) {
    TransitionPoint p{years[i], a[i], b[i], a[i] / b[i], false};
    p.parity = p.ratio >= options.parity_low && p.ratio <= options.parity_high;
    bool was_parity = !t.series.empty() && t.series.back().parity;
    if (p.parity && !was_parity) t.parity_entries.push_back(p.year);
    if (!p.parity && was_parity) t.parity_exits.push_back(p.year);
    int now = a[i] > b[i] ? 1 : (a[i] < b[i] ? -1 : 0);
    if (now != 0) {
      if (leader != 0 && now != leader) {
        t.overtaking_years.push_back(p.year);
        t.overtaker.push_back(now > 0 ? "A" : "B");
      }
      leader = now;
    }
    t.series.push_back(p);
  }
  return t;
}

}  // namespace geobalance::power
