#include "report/alignment_text.h"

#include <cmath>

#include <fmt/format.h>

#include "geobalance/report/number.h"

namespace geobalance::report::detail {

using nlohmann::json;
using scenario::Verdict;

namespace {

std::string name_of(const scenario::ScenarioResult& r, const std::string& abb) {
  auto it = r.state_names.find(abb);
  return it == r.state_names.end() ? abb : it->second;
}

std::string level_text(const scenario::ScenarioResult& r) { return sig3(r.interval_level * 100) + "%"; }

std::string interval(double lo, double hi) { return sig3(lo) + " to " + sig3(hi); }

json nums(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return a;
}

const scenario::DriftSeries* find_drift(const scenario::ScenarioResult& r, const scenario::AlignmentAnswer& x) {
  if (!r.alignment) return nullptr;
  for (const auto& d : r.alignment->drifts)
    if (d.focal == x.focal && d.first == x.first && d.second == x.second) return &d;
  return nullptr;
}

// "Türkiye 0.453 (90%: 0.363 to 0.544; 226 votes)"
std::string ip_text(const scenario::DriftSeries::Track& t, std::size_t k, const std::string& name,
                    const scenario::ScenarioResult& r) {
  std::string out = name + " " + sig3(t.value[k]);
  std::string inside;
  if (std::isfinite(t.low[k]) && std::isfinite(t.high[k])) inside = level_text(r) + ": " + interval(t.low[k], t.high[k]);
  if (k < t.votes.size() && t.votes[k] >= 0) inside += (inside.empty() ? "" : "; ") + fmt::format("{} votes", t.votes[k]);
  return inside.empty() ? out : out + " (" + inside + ")";
}

}  // namespace

std::string alignment_answer_text(const scenario::Answer& a, const scenario::ScenarioResult& r) {
  const auto& x = *a.alignment;
  const std::string f = name_of(r, x.focal), one = name_of(r, x.first), two = name_of(r, x.second);
  const std::string series = x.series == "final_passage" ? "final-passage UN votes" : "all UN votes";
  // Rule: closer only when the gap's interval excludes 0 (docs/alignment.md).
  std::string verdict;
  const std::string gap = fmt::format("gap {}, {} interval {}", sig3(a.value), level_text(r), interval(a.low, a.high));
  if (a.verdict == Verdict::kCloserToFirst || a.verdict == Verdict::kCloserToSecond)
    verdict = fmt::format("on {} {} stood closer to {} than to {} in {} ({})", series, f,
                          a.verdict == Verdict::kCloserToFirst ? one : two,
                          a.verdict == Verdict::kCloserToFirst ? two : one, x.last_year, gap);
  else
    verdict = fmt::format("on {} {} stood at no measurably different distance from {} and {} in {} ({}{})", series, f, one,
                          two, x.last_year, gap, std::isfinite(a.low) ? ", which covers 0" : "; no interval, so no call");
  // Movement since the first year: the same rule on the change's interval.
  std::string move;
  const std::string change = fmt::format("{}; {} interval {}", sig3(x.change), level_text(r), interval(x.change_low, x.change_high));
  if (x.movement == Verdict::kCloserToFirst || x.movement == Verdict::kCloserToSecond)
    move = fmt::format("since {} it has moved toward {} (change in the gap {})", x.first_year,
                       x.movement == Verdict::kCloserToFirst ? one : two, change);
  else
    move = fmt::format("since {} there is no measurable movement (change in the gap {})", x.first_year, change);
  std::string ends;
  if (x.series_last_year < r.history_to)
    ends = fmt::format(" (the series ends in {}; no other series is spliced on)", x.series_last_year);
  // The ideal points beside the reference.
  std::string ips;
  if (const auto* d = find_drift(r, x); d && d->tracks.size() == 4 && !d->years.empty()) {
    const std::size_t k = d->years.size() - 1;
    ips = fmt::format("; ideal points in {}: {}, {}, {}, {} of {} members {}", d->years[k], ip_text(d->tracks[0], k, f, r),
                      ip_text(d->tracks[1], k, one, r), ip_text(d->tracks[2], k, two, r), x.reference,
                      x.reference_members, sig3(d->tracks[3].value[k]));
    if (std::isfinite(d->tracks[3].low[k]))
      ips += fmt::format(" ({}: {})", level_text(r), interval(d->tracks[3].low[k], d->tracks[3].high[k]));
  }
  // Alliances: the larger S, over the named system.
  std::string alliances;
  if (!std::isfinite(x.s_first) || !std::isfinite(x.s_second))
    alliances = "its alliance-portfolio S is unavailable (see caveats)";
  else
    alliances = fmt::format("in alliance portfolios ({} in {}, {} states{}) {} (S to {} {}, to {} {})",
                            x.portfolio_hand_made ? "hand-made ties table" : "full COW state system", x.portfolio_year,
                            x.portfolio_states, x.portfolio_hand_made ? ", as the scenario asks" : "",
                            x.s_first == x.s_second ? "it is equally close to both"
                                                    : "it stands closer to " + (x.s_first > x.s_second ? one : two),
                            one, sig3(x.s_first), two, sig3(x.s_second));
  return verdict + "; " + move + ends + ips + "; " + alliances;
}

json drift_chart(const scenario::DriftSeries& d, const scenario::ScenarioResult& r, const std::string& id) {
  const std::string series = d.series == "final_passage" ? "final-passage votes" : "all votes";
  json ch{{"id", id},
          {"type", "line"},
          {"title", fmt::format("UN ideal points ({}): {}, {}, {} and the NATO median, with {} intervals",
                                series, name_of(r, d.focal), name_of(r, d.first), name_of(r, d.second), level_text(r))},
          {"x_label", "year"},
          {"y_label", "ideal point"},
          {"series", json::array()}};
  for (const auto& t : d.tracks) {
    json s{{"name", t.name}, {"x", d.years}, {"y", nums(t.value)}};
    bool band = true;
    for (std::size_t k = 0; k < t.low.size(); ++k) band = band && std::isfinite(t.low[k]) && std::isfinite(t.high[k]);
    if (band && !t.low.empty()) s["lower"] = nums(t.low), s["upper"] = nums(t.high);
    if (t.name == "NATO median") s["style"] = "dashed";
    ch["series"].push_back(s);
  }
  return ch;
}

}  // namespace geobalance::report::detail
