// The alignment answer of a scenario (issue 12, item 7): the drift on one ideal-point series
// with posterior intervals and the NATO-median reference, and alliance-portfolio S over a
// named system. Rules: docs/alignment.md, "The scenario's drift answer".
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "scenario/drift.h"

namespace geobalance::scenario::detail {

namespace {

int resolve(const World& world, const std::string& abb, const std::string& key) {
  auto cc = world.builtin.index.resolve(abb);
  if (!cc) throw InputError(fmt::format("{}: unknown state '{}'", key, abb));
  return *cc;
}

std::string pct(double level) { return fmt::format("{:g}%", level * 100); }

}  // namespace

DriftQuestion drift_for_question(const World& world, const Scenario& s, const Question& q, double level) {
  DriftQuestion d;
  d.focal = q.target;
  d.first = q.comparators.at(0);
  d.second = q.comparators.at(1);
  d.series = s.idealpoint_series == "final_passage" ? IdealPointSeries::kFinalPassage : IdealPointSeries::kAllVotes;
  d.history_to = s.history_to;
  const auto& series = d.series == IdealPointSeries::kAllVotes ? world.idealpoints_all : world.idealpoints_fp;
  const std::string key = fmt::format("{}: question '{}'", s.path, q.id);
  if (series.empty())
    throw InputError(fmt::format("{}: key 'alignment.idealpoint_series': found '{}', but the ideal-point file {} carries "
                                 "no {} (expected all or final_passage with the file's columns)",
                                 key, s.idealpoint_series, world.path_of("idealpoints"), series_title(d.series)));
  DriftRequest req;
  req.focal = resolve(world, d.focal, key);
  req.first = resolve(world, d.first, key);
  req.second = resolve(world, d.second, key);
  req.from_year = s.history_from;
  req.to_year = s.history_to;
  req.level = level;
  req.seed = s.seed;
  req.nato = &world.builtin.nato;
  req.names = fmt::format("{}, {} and {} in the {}", d.focal, d.first, d.second, series_title(d.series));
  d.draws = req.draws;
  d.c = compute_drift(series, req, key);
  return d;
}

DriftSeries drift_series(const DriftQuestion& d) {
  DriftSeries out;
  out.focal = d.focal;
  out.first = d.first;
  out.second = d.second;
  out.years = d.c.years;
  out.distance_first = d.c.dist_first;
  out.distance_second = d.c.dist_second;
  out.series = to_string(d.series);
  auto track = [](const std::string& name, const EstimateTrack& t) {
    return DriftSeries::Track{name, t.value, t.low, t.high, t.votes};
  };
  out.tracks = {track(d.focal, d.c.focal), track(d.first, d.c.first), track(d.second, d.c.second),
                DriftSeries::Track{"NATO median", d.c.reference, d.c.reference_low, d.c.reference_high, {}}};
  out.gap = d.c.gap;
  out.gap_low = d.c.gap_low;
  out.gap_high = d.c.gap_high;
  return out;
}

SimilaritySource similarity_source(const World& world, const Scenario& s, const Portfolio& table) {
  SimilaritySource src;
  if (s.portfolio == "ties_table") {
    src.hand_made = true;
    src.table = &table;
    src.year = s.as_of.year;
    src.states = static_cast<int>(table.ccodes.size());
    if (table.ccodes.empty())
      src.unavailable = "the scenario asks for the hand-made ties table (data.ties), but none was read";
    else
      src.name = fmt::format("the hand-made ties table ({}) over the {} built-in states as of {}, as the scenario asks "
                             "([alignment] portfolio = \"ties_table\")",
                             world.path_of("ties"), src.states, to_string(s.as_of));
    return src;
  }
  src.system = system_portfolio(world, s.as_of);
  if (!src.system.available) {
    src.unavailable = src.system.unavailable;
    return src;
  }
  src.name = src.system.system;
  src.year = src.system.year;
  src.states = src.system.states;
  return src;
}

double similarity(const SimilaritySource& src, int a, int b) {
  if (!src.unavailable.empty()) return std::numeric_limits<double>::quiet_NaN();
  return src.hand_made ? portfolio_similarity(*src.table, a, b) : system_similarity(src.system, a, b);
}

void fill_alignment_answer(Answer& a, const DriftQuestion& d, const SimilaritySource& src, const World& world,
                           double level) {
  const auto& c = d.c;
  const std::size_t last = c.years.size() - 1;
  AlignmentAnswer al;
  al.focal = d.focal;
  al.first = d.first;
  al.second = d.second;
  al.first_year = c.years.front();
  al.last_year = c.years.back();
  al.distance_first = c.dist_first[last];
  al.distance_second = c.dist_second[last];
  al.gap_first_year = c.gap.front();
  al.gap_last_year = c.gap[last];
  al.gap_low = c.gap_low[last];
  al.gap_high = c.gap_high[last];
  al.change = c.change;
  al.change_low = c.change_low;
  al.change_high = c.change_high;
  al.movement = closer_verdict(c.change_low, c.change_high);
  al.series = to_string(d.series);
  al.series_last_year = c.series_last_year;
  al.ip_focal = c.focal.value[last];
  al.ip_first = c.first.value[last];
  al.ip_second = c.second.value[last];
  al.ip_reference = c.reference[last];
  al.votes_focal = c.focal.votes[last];
  al.reference = "NATO median";
  al.reference_members = c.reference_members[last];
  const int fc = resolve(world, d.focal, "alignment"), c1 = resolve(world, d.first, "alignment"),
            c2 = resolve(world, d.second, "alignment");
  al.s_first = similarity(src, fc, c1);
  al.s_second = similarity(src, fc, c2);
  al.portfolio_system = src.name;
  al.portfolio_year = src.year;
  al.portfolio_states = src.states;
  al.portfolio_hand_made = src.hand_made;

  a.value = al.gap_last_year;
  a.low = al.gap_low;
  a.high = al.gap_high;
  a.unit = "ideal-point gap";
  a.interval_source = c.has_intervals ? "posterior" : "none";
  a.verdict = closer_verdict(al.gap_low, al.gap_high);
  a.datasets = {"idealpoints", "nato_members"};
  if (src.hand_made) a.datasets.push_back("ties");
  else if (src.system.available) a.datasets.insert(a.datasets.end(), {"cow_states", "cow_alliances"});

  a.caveats.push_back(fmt::format(
      "One ideal-point series for every year: {} of Bailey, Strezhnev & Voeten's release ({} to {})", series_title(d.series),
      al.first_year, al.last_year));
  if (al.last_year < d.history_to)
    a.caveats.push_back(fmt::format("The {} end in {}, before the scenario's last history year {}: the answer ends in {} "
                                    "(no other series is spliced on)",
                                    series_title(d.series), al.last_year, d.history_to, al.last_year));
  if (c.has_intervals)
    a.caveats.push_back(fmt::format(
        "Intervals are {} posterior intervals from the release's quantiles; the gap's and the NATO median's intervals "
        "draw each state independently from its quantiles ({} draws; the release publishes no covariances)",
        pct(level), d.draws >= 1000 ? fmt::format("{},{:03}", d.draws / 1000, d.draws % 1000) : std::to_string(d.draws)));
  else
    a.caveats.push_back("The ideal-point file carries no posterior quantiles: the gap has no interval, so no call is made");
  if (al.votes_focal >= 0)
    a.caveats.push_back(fmt::format("{}'s {} estimate rests on {} UN votes", d.focal, al.last_year, al.votes_focal));
  else
    a.caveats.push_back(fmt::format("The file gives no vote count for {}'s {} estimate", d.focal, al.last_year));
  if (!src.unavailable.empty())
    a.caveats.push_back("Alliance-portfolio S is unavailable: " + src.unavailable);
  else if (src.hand_made)
    a.caveats.push_back("Alliance-portfolio S is computed over " + src.name);
  else
    a.caveats.push_back(fmt::format("Alliance-portfolio S is computed over {}: it is as of {}, the alliance data's last "
                                    "year; later alliances and the scenario's tie shocks are not in it",
                                    src.name, src.year));
  if (src.unavailable.empty())
    a.caveats.push_back("S counts the many ties two states both lack as agreement, so a state with many alliances (the "
                        "US, with its Rio Treaty and Pacific partners) scores low S with most others; Häge's kappa "
                        "corrects for chance agreement (geobalance align similarity, docs/alignment.md)");
  a.alignment = al;
}

}  // namespace geobalance::scenario::detail
