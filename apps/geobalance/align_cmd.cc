// geobalance align: alliance-portfolio similarity per dyad-year, alliance cohesion and drift.
//   align similarity  every directed dyad-year (streamed) or chosen dyads
//   align cohesion    mean and minimum pairwise similarity among an alliance's members per year
//   align drift       a state's similarity to two others, by alliances and by UN votes
#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.h"
#include "geobalance/alignment/portfolio.h"
#include "geobalance/alignment/series.h"
#include "geobalance/alignment/similarity.h"
#include "geobalance/core/parallel.h"
#include "geobalance/core/paths.h"
#include "geobalance/core/world.h"
#include "geobalance/error.h"
#include "geobalance/io/atomic_file.h"
#include "geobalance/io/loaders.h"
#include "geobalance/power/cinc.h"
#include "geobalance/report/table.h"

namespace geobalance::cli {
namespace {

using alignment::DyadSimilarity;

// Flags every align subcommand shares: where the portfolios come from.
struct SourceFlags {
  std::string alliances, atop, system, capabilities, years;
  int open_end = alignment::PortfolioOptions{}.open_end_year;
  std::string scope = "global";
  unsigned threads = 0;
  std::string format, out;
};

void add_source_flags(CLI::App* app, SourceFlags& f) {
  app->add_option("--alliances", f.alliances, "COW alliance v4.1 by_dyad (or by_directed) CSV (valued coding)");
  app->add_option("--atop", f.atop, "ATOP 5.1 state-year CSV instead of --alliances (binary coding)");
  app->add_option("--system", f.system, "COW states2016.csv: the system in each year")->required();
  app->add_option("--capabilities", f.capabilities, "COW NMC CSV: CINC weights for weighted S (else s_w_* empty)");
  app->add_option("--years", f.years, "Year range A:B (inclusive)")->required();
  // Bounds of every count-like flag: docs/limits.md, "Command-line bounds".
  app->add_option("--open-end", f.open_end, "Last year of an open-ended COW dyad spell (COW v4.1: 2012; 1000 to 2200)")
      ->check(integer_in(1000, 2200))
      ->capture_default_str();
  app->add_option("--scope", f.scope, "Portfolio scope: global or regional (COW regions of both states)")
      ->check(CLI::IsMember({"global", "regional"}))
      ->capture_default_str();
  app->add_option("--threads", f.threads, "Threads (0 = all cores, at most 1024)")
      ->check(integer_in(0, kMaxThreadsFlag))
      ->capture_default_str();
  add_format_option(app, &f.format, "table");
  app->add_option("-o,--output", f.out, "Output file (written atomically); stdout when absent");
}

// The loaded and cross-validated inputs.
struct Inputs {
  World world;
  alignment::CapabilityWeights weights;
  int data_first = 0, data_last = 0;  // years the alliance data and the system both cover
};

Inputs load_inputs(const SourceFlags& f) {
  if (f.alliances.empty() == f.atop.empty())
    throw InputError(SourceLocation{}, "--alliances/--atop",
                     "expected exactly one alliance source: --alliances (COW) or --atop (ATOP)");
  World::Builder b;
  b.states(io::load_cow_states(f.system), f.system);
  int data_last = 0, data_first = 1 << 30;
  if (!f.alliances.empty()) {
    auto dyads = io::load_cow_alliance_dyads(f.alliances);
    for (const auto& d : dyads) data_first = std::min(data_first, d.start.year);
    data_last = f.open_end;
    b.alliance_dyads(std::move(dyads), f.alliances);
  } else {
    auto rows = io::load_atop_state_year(f.atop);
    for (const auto& r : rows) {
      data_first = std::min(data_first, r.year);
      data_last = std::max(data_last, r.year);
    }
    b.atop(std::move(rows), f.atop);
  }
  std::vector<NmcRecord> nmc;
  if (!f.capabilities.empty()) {
    nmc = io::load_nmc(f.capabilities);
    b.nmc(nmc, f.capabilities);
  }
  Inputs in{b.build(), {}, 0, 0};
  if (!nmc.empty()) in.weights = alignment::CapabilityWeights(power::compute_cinc(nmc));
  auto [sys_first, sys_last] = in.world.system_years();
  in.data_first = std::max(sys_first, data_first);
  in.data_last = std::min(sys_last, data_last);
  return in;
}

alignment::Portfolios build_portfolios(const SourceFlags& f, const Inputs& in, int first, int last) {
  if (!f.alliances.empty()) {
    alignment::PortfolioOptions po;
    po.open_end_year = f.open_end;
    po.source = f.alliances;
    return alignment::Portfolios::from_cow(in.world.states(), in.world.alliance_dyads(), first, last, po);
  }
  return alignment::Portfolios::from_atop(in.world.states(), in.world.atop(), first, last, f.atop);
}

// Checks that the requested years lie inside what the data cover.
void check_years_covered(const std::string& text, int first, int last, const Inputs& in) {
  if (first < in.data_first || last > in.data_last)
    throw InputError(SourceLocation{}, "--years",
                     fmt::format("found '{}', expected years within {}:{}, the years both the alliance data and "
                                 "the state system cover",
                                 text, in.data_first, in.data_last));
}

int resolve_state(const World& w, const std::string& flag, const std::string& key) {
  auto c = w.countries().resolve(key);
  if (!c)
    throw InputError(SourceLocation{}, flag,
                     fmt::format("found '{}', expected a COW state abbreviation, ccode or name of the state system",
                                 key));
  return *c;
}

// ---- streaming writers for dyad rows -------------------------------------------------------

void append_int(std::string& s, long long v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  s.append(buf, r.ptr);
}

void append_real(std::string& s, double v, const char* missing) {
  if (!std::isfinite(v)) {
    s += missing;
    return;
  }
  if (v == 0) v = 0;  // no "-0"
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  s.append(buf, r.ptr);
}

constexpr const char* kColumns[] = {"ccode1",    "ccode2",  "year",      "n_system", "s_unw_abs", "s_unw_sq",
                                    "s_w_abs",   "s_w_sq",  "kappa_abs", "pi_abs",   "taub"};

void append_csv(std::string& s, const DyadSimilarity& d) {
  append_int(s, d.ccode1);
  s += ',';
  append_int(s, d.ccode2);
  s += ',';
  append_int(s, d.year);
  s += ',';
  append_int(s, d.n_system);
  for (double v : {d.m.s_unw_abs, d.m.s_unw_sq, d.m.s_w_abs, d.m.s_w_sq, d.m.kappa_abs, d.m.pi_abs, d.m.taub}) {
    s += ',';
    append_real(s, v, "");
  }
  s += '\n';
}

void append_json(std::string& s, const DyadSimilarity& d, bool first) {
  s += first ? "\n  {" : ",\n  {";
  const long long ints[] = {d.ccode1, d.ccode2, d.year, d.n_system};
  const double reals[] = {d.m.s_unw_abs, d.m.s_unw_sq, d.m.s_w_abs, d.m.s_w_sq, d.m.kappa_abs, d.m.pi_abs, d.m.taub};
  for (int k = 0; k < 11; ++k) {
    if (k) s += ", ";
    s += '"';
    s += kColumns[k];
    s += "\": ";
    if (k < 4) append_int(s, ints[k]);
    else append_real(s, reals[k - 4], "null");
  }
  s += '}';
}

// Writes rows as they arrive, formatting each year's rows on all threads in fixed chunks.
class DyadWriter {
 public:
  DyadWriter(std::ostream& os, report::Format f, unsigned threads) : os_(os), f_(f), threads_(threads) {
    if (f_ == report::Format::kCsv) {
      for (int k = 0; k < 11; ++k) os_ << (k ? "," : "") << kColumns[k];
      os_ << '\n';
    } else if (f_ == report::Format::kJson) {
      os_ << '[';
    }
  }

  void write(int year, std::span<const DyadSimilarity> rows) {
    if (f_ == report::Format::kTable) {
      if (rows.empty()) return;
      std::vector<report::Column> cols;
      for (const char* c : kColumns) cols.push_back(report::Column{c});
      report::Table t{cols};
      for (const auto& d : rows) {
        auto real = [](double v) -> report::Value {
          if (std::isfinite(v)) return v;
          return std::monostate{};
        };
        t.add_row({(long long)d.ccode1, (long long)d.ccode2, (long long)d.year, (long long)d.n_system,
                   real(d.m.s_unw_abs), real(d.m.s_unw_sq), real(d.m.s_w_abs), real(d.m.s_w_sq),
                   real(d.m.kappa_abs), real(d.m.pi_abs), real(d.m.taub)});
      }
      t.title = fmt::format("{}", year);
      report::render_text(t, os_);
      return;
    }
    constexpr std::size_t kChunk = 4096;
    const std::size_t chunks = (rows.size() + kChunk - 1) / kChunk;
    bufs_.resize(std::max(bufs_.size(), chunks));
    const bool json = f_ == report::Format::kJson;
    const bool first_row_of_file = rows_written_ == 0;
    parallel_for(chunks, threads_, 1, [&](std::size_t b, std::size_t e) {
      for (std::size_t c = b; c < e; ++c) {
        std::string& s = bufs_[c];
        s.clear();
        const std::size_t lo = c * kChunk, hi = std::min(rows.size(), lo + kChunk);
        for (std::size_t i = lo; i < hi; ++i) {
          if (json) append_json(s, rows[i], first_row_of_file && i == 0);
          else append_csv(s, rows[i]);
        }
      }
    });
    for (std::size_t c = 0; c < chunks; ++c) os_.write(bufs_[c].data(), static_cast<std::streamsize>(bufs_[c].size()));
    rows_written_ += rows.size();
    (void)year;
  }

  void finish() {
    if (f_ == report::Format::kJson) os_ << (rows_written_ ? "\n]\n" : "]\n");
    os_.flush();
    if (!os_) throw InputError("error writing the output (disk full or closed pipe?)");
  }

 private:
  std::ostream& os_;
  report::Format f_;
  unsigned threads_;
  std::vector<std::string> bufs_;
  std::size_t rows_written_ = 0;
};

// ---- align similarity ----------------------------------------------------------------------

struct SimilarityFlags {
  SourceFlags src;
  std::string dyads = "all";
};

void run_similarity(const SimilarityFlags& fl) {
  const auto years = parse_calendar_years("--years", fl.src.years);
  const int first = years.first, last = years.second;
  const report::Format fmt_out = report::format_from_string(fl.src.format);
  Inputs in = load_inputs(fl.src);
  check_years_covered(fl.src.years, first, last, in);
  std::vector<std::pair<int, int>> dyads;
  const bool all = fl.dyads == "all";
  if (!all) {
    for (const auto& part : split_list(fl.dyads)) {
      auto dash = part.find('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 == part.size())
        throw InputError(SourceLocation{}, "--dyads",
                         fmt::format("found '{}', expected all or a list ABB-ABB,ABB-ABB (e.g. TUR-USA,TUR-RUS)", part));
      const int c1 = resolve_state(in.world, "--dyads", part.substr(0, dash));
      const int c2 = resolve_state(in.world, "--dyads", part.substr(dash + 1));
      if (c1 == c2)
        throw InputError(SourceLocation{}, "--dyads", fmt::format("found '{}', expected two different states", part));
      dyads.emplace_back(c1, c2);
    }
    if (dyads.empty())
      throw InputError(SourceLocation{}, "--dyads", "found an empty list, expected all or ABB-ABB,ABB-ABB");
  }
  alignment::SimilarityOptions opt;
  opt.scope = alignment::scope_from_string(fl.src.scope);
  opt.threads = fl.src.threads;
  const alignment::Portfolios p = build_portfolios(fl.src, in, first, last);

  auto run = [&](std::ostream& os) {
    DyadWriter w(os, fmt_out, opt.threads);
    auto sink = [&](int year, std::span<const DyadSimilarity> rows) { w.write(year, rows); };
    if (all) alignment::all_dyads(p, in.weights, first, last, opt, sink);
    else alignment::selected_dyads(p, in.weights, dyads, first, last, opt, sink);
    w.finish();
  };
  if (fl.src.out.empty() || fl.src.out == "-") {
    std::ios::sync_with_stdio(false);
    run(std::cout);
  } else {
    io::AtomicFile file(fl.src.out);
    run(file.stream());
    file.commit();
  }
}

// ---- align cohesion ------------------------------------------------------------------------

struct CohesionFlags {
  SourceFlags src;
  std::string members;
  std::string measure = "s_unw_abs";
};

report::Value real_or_empty(double v) {
  if (std::isfinite(v)) return v;
  return std::monostate{};
}

void run_cohesion(const CohesionFlags& fl) {
  const auto years = parse_calendar_years("--years", fl.src.years);
  const int first = years.first, last = years.second;
  alignment::CohesionOptions opt;
  opt.measure = alignment::measure_from_string(fl.measure);
  opt.similarity.scope = alignment::scope_from_string(fl.src.scope);
  opt.similarity.threads = fl.src.threads;
  const std::string members_path = fl.members.empty() ? data_path("nato_members.csv") : fl.members;
  const auto members = alignment::load_membership_table(members_path);
  Inputs in = load_inputs(fl.src);
  check_years_covered(fl.src.years, first, last, in);
  if ((opt.measure == alignment::Measure::kSWAbs || opt.measure == alignment::Measure::kSWSq) && in.weights.empty())
    throw InputError(SourceLocation{}, "--measure",
                     fmt::format("found '{}', which needs CINC weights: give --capabilities", fl.measure));
  const alignment::Portfolios p = build_portfolios(fl.src, in, first, last);
  const auto series = alignment::cohesion(p, in.weights, members, first, last, opt);
  const std::string m = alignment::to_string(opt.measure);
  report::Table t{std::vector<report::Column>{
      {"year"}, {"members"}, {"pairs"}, {"mean_" + m, 4}, {"min_" + m, 4}, {"min_pair"}}};
  t.title = fmt::format("Cohesion ({} pairwise; members from {})", m, members_path);
  auto abb = [&](int c) {
    const Country* k = in.world.countries().find(c);
    return k ? k->abb : std::to_string(c);
  };
  for (const auto& pt : series.points)
    t.add_row({(long long)pt.year, (long long)pt.members, (long long)pt.pairs, real_or_empty(pt.mean),
               real_or_empty(pt.min),
               pt.min_ccode1 ? report::Value{abb(pt.min_ccode1) + "-" + abb(pt.min_ccode2)}
                             : report::Value{std::monostate{}}});
  emit(t, fl.src.format, fl.src.out);
}

// ---- align drift ---------------------------------------------------------------------------

struct DriftFlags {
  SourceFlags src;
  std::string idealpoints, focal = "TUR", a = "USA", b = "RUS", measure = "s_unw_abs";
  std::string idealpoint_series = "all";
  int window = alignment::DriftOptions{}.trend_window;
  double tolerance = alignment::DriftOptions{}.trend_tolerance;
};

std::string join_years(const std::vector<int>& v) {
  if (v.empty()) return "none";
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? " " : "") + std::to_string(v[i]);
  return s;
}

void run_drift(const DriftFlags& fl) {
  const auto years = parse_calendar_years("--years", fl.src.years);
  const int first = years.first, last = years.second;
  alignment::DriftOptions opt;
  opt.measure = alignment::measure_from_string(fl.measure);
  opt.trend_window = fl.window;
  opt.trend_tolerance = fl.tolerance;
  opt.similarity.scope = alignment::scope_from_string(fl.src.scope);
  opt.similarity.threads = fl.src.threads;
  opt.validate();
  Inputs in = load_inputs(fl.src);
  std::vector<IdealPoint> ideal;
  if (!fl.idealpoints.empty())
    ideal = io::load_unga_idealpoints(fl.idealpoints, fl.idealpoint_series == "final_passage"
                                                          ? io::IdealPointSeries::kFinalPassage
                                                          : io::IdealPointSeries::kAllVotes);
  const int focal = resolve_state(in.world, "--focal", fl.focal);
  const int a = resolve_state(in.world, "--a", fl.a);
  const int b = resolve_state(in.world, "--b", fl.b);
  // Alliance similarity where the alliance data reach; NaN (empty) elsewhere.
  const int pf = std::max(first, in.data_first), pl = std::min(last, in.data_last);
  alignment::Portfolios p = pf <= pl ? build_portfolios(fl.src, in, pf, pl)
                                     : alignment::Portfolios::from_years({alignment::PortfolioYear::make(first, {}, {})});
  const auto s = alignment::drift(p, in.weights, ideal, focal, a, b, first, last, opt);
  auto abb = [&](int c) {
    const Country* k = in.world.countries().find(c);
    return k ? k->abb : std::to_string(c);
  };
  const std::string A = abb(a), B = abb(b), F = abb(focal);
  report::Table t{std::vector<report::Column>{{"year"},
                                               {"s_" + A, 4},
                                               {"s_" + B, 4},
                                               {"s_gap", 4},
                                               {"ipdist_" + A, 4},
                                               {"ipdist_" + B, 4},
                                               {"ip_gap", 4},
                                               {"s_trend"},
                                               {"ip_trend"},
                                               {"change"}}};
  t.title = fmt::format(
      "{} between {} and {} ({}; gaps > 0 mean closer to {})\n"
      "alliance gap sign changes: {}; trend changes: {}\n"
      "UN ideal-point gap sign changes: {}; trend changes: {}",
      F, A, B, alignment::to_string(opt.measure), A, join_years(s.s_sign_changes), join_years(s.s_trend_changes),
      join_years(s.ip_sign_changes), join_years(s.ip_trend_changes));
  for (const auto& pt : s.points) {
    std::string ch;
    auto add = [&](bool on, const char* what) {
      if (on) ch += (ch.empty() ? "" : " ") + std::string(what);
    };
    add(pt.s_sign_change, "s_sign");
    add(pt.s_trend_change, "s_trend");
    add(pt.ip_sign_change, "ip_sign");
    add(pt.ip_trend_change, "ip_trend");
    t.add_row({(long long)pt.year, real_or_empty(pt.s_a), real_or_empty(pt.s_b), real_or_empty(pt.s_gap),
               real_or_empty(pt.ip_dist_a), real_or_empty(pt.ip_dist_b), real_or_empty(pt.ip_gap),
               (long long)pt.s_trend, (long long)pt.ip_trend, ch});
  }
  emit(t, fl.src.format, fl.src.out);
}

const Registrar kAlign(40, [](CLI::App& root) {
  CLI::App* align = root.add_subcommand("align", "Alliance-portfolio similarity, alliance cohesion and drift");
  align->require_subcommand(1);

  auto sim = std::make_shared<SimilarityFlags>();
  CLI::App* s = align->add_subcommand("similarity", "S, kappa, pi and tau-b for every (or chosen) dyad-year");
  add_source_flags(s, sim->src);
  s->add_option("--dyads", sim->dyads, "all (every directed dyad, streamed) or ABB-ABB,ABB-ABB")->capture_default_str();
  s->callback([sim] { run_similarity(*sim); });

  auto coh = std::make_shared<CohesionFlags>();
  CLI::App* c = align->add_subcommand("cohesion", "Mean and minimum pairwise similarity among an alliance's members");
  add_source_flags(c, coh->src);
  c->add_option("--members", coh->members, "Membership table (default: the built-in data/nato_members.csv)");
  c->add_option("--measure", coh->measure, "Pairwise measure (s_unw_abs, s_unw_sq, s_w_abs, s_w_sq, kappa_abs, pi_abs, taub)")
      ->capture_default_str();
  c->callback([coh] { run_cohesion(*coh); });

  auto dr = std::make_shared<DriftFlags>();
  CLI::App* d = align->add_subcommand("drift", "A state's similarity to two others by alliances and UN votes");
  add_source_flags(d, dr->src);
  d->add_option("--idealpoints", dr->idealpoints, "UN General Assembly ideal points CSV (Bailey, Strezhnev & Voeten)");
  d->add_option("--idealpoint-series", dr->idealpoint_series,
                "Which series of the release, for every year (never spliced): all (all votes) or final_passage")
      ->check(CLI::IsMember({"all", "final_passage"}))
      ->capture_default_str();
  d->add_option("--focal", dr->focal, "The drifting state")->capture_default_str();
  d->add_option("--a", dr->a, "First pole")->capture_default_str();
  d->add_option("--b", dr->b, "Second pole")->capture_default_str();
  d->add_option("--measure", dr->measure, "Alliance measure")->capture_default_str();
  d->add_option("--trend-window", dr->window, "Years in the trailing slope that defines a trend (2 to 1200)")
      ->check(integer_in(2, 1200))
      ->capture_default_str();
  d->add_option("--trend-tolerance", dr->tolerance, "|slope| per year below which a trend is flat (>= 0)")
      ->check(real_in(0, HUGE_VAL, false, true))
      ->capture_default_str();
  d->callback([dr] { run_drift(*dr); });
});

}  // namespace
}  // namespace geobalance::cli
