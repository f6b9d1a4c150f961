#include "geobalance/alignment/series.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::alignment {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = io::parse_int(s.substr(0, 4)), m = io::parse_int(s.substr(5, 2)), d = io::parse_int(s.substr(8, 2));
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31 || *y < 1000) return std::nullopt;
  return Date{static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d)};
}

int sign_of(double x, double tol) { return x > tol ? 1 : (x < -tol ? -1 : 0); }

// Least-squares slope of v over consecutive years; NaN when any value is missing.
double slope(const std::vector<double>& v) {
  const double n = static_cast<double>(v.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) return kNaN;
    const double x = static_cast<double>(i);
    sx += x;
    sy += v[i];
    sxx += x * x;
    sxy += x * v[i];
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// Fills sign changes, trends and trend changes of one gap series.
void mark_changes(std::vector<DriftPoint>& pts, double DriftPoint::*gap, int DriftPoint::*trend,
                  bool DriftPoint::*sign_change, bool DriftPoint::*trend_change, const DriftOptions& o,
                  std::vector<int>& sign_years, std::vector<int>& trend_years) {
  const std::size_t w = static_cast<std::size_t>(o.trend_window);
  std::vector<bool> known(pts.size(), false);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (i > 0 && std::isfinite(pts[i].*gap) && std::isfinite(pts[i - 1].*gap) &&
        sign_of(pts[i].*gap, 0) != sign_of(pts[i - 1].*gap, 0)) {
      pts[i].*sign_change = true;
      sign_years.push_back(pts[i].year);
    }
    if (i + 1 >= w) {
      std::vector<double> win;
      for (std::size_t k = i + 1 - w; k <= i; ++k) win.push_back(pts[k].*gap);
      const double s = slope(win);
      if (std::isfinite(s)) {
        pts[i].*trend = sign_of(s, o.trend_tolerance);
        known[i] = true;
      }
    }
    if (i > 0 && known[i] && known[i - 1] && pts[i].*trend != pts[i - 1].*trend) {
      pts[i].*trend_change = true;
      trend_years.push_back(pts[i].year);
    }
  }
}

}  // namespace

bool MembershipSpell::member_at_end_of(int year) const {
  const Date end_of_year{year, 12, 31};
  if (end_of_year < accession) return false;
  if (exit && *exit < end_of_year) return false;
  return true;
}

std::vector<MembershipSpell> load_membership_table(const std::string& path) {
  const io::CsvTable t = io::CsvTable::read_file(path);
  const std::size_t c_cc = t.require_column("ccode"), c_abb = t.require_column("stateabb"),
                    c_acc = t.require_column("accession_date");
  const auto c_exit = t.find_column("exit_date");
  std::vector<MembershipSpell> out;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    MembershipSpell m;
    const long long cc = t.get_int(r, c_cc, true);
    if (cc < 1 || cc > 999) t.fail_cell(r, c_cc, "a COW country code (an integer from 1 to 999)");
    m.ccode = static_cast<int>(cc);
    m.abb = std::string(t.get_string(r, c_abb));
    auto acc = parse_date(t.cell(r, c_acc));
    if (!acc) t.fail_cell(r, c_acc, "a date YYYY-MM-DD");
    m.accession = *acc;
    if (c_exit && !t.is_missing(r, *c_exit, io::Missing::kBlankOrNA)) {
      auto ex = parse_date(t.cell(r, *c_exit));
      if (!ex) t.fail_cell(r, *c_exit, "a date YYYY-MM-DD or empty");
      if (*ex < m.accession) t.fail_cell(r, *c_exit, "an exit date on or after the accession date");
      m.exit = *ex;
    }
    m.line = t.line_of_row(r);
    for (const auto& o : out)
      if (o.ccode == m.ccode && (!o.exit || !(*o.exit < m.accession)) && (!m.exit || !(*m.exit < o.accession)))
        t.fail_row(r, "row", fmt::format("ccode {} is already a member on line {} (overlapping spells)", m.ccode, o.line));
    out.push_back(std::move(m));
  }
  return out;
}

void CohesionOptions::validate() const { similarity.validate(); }

void DriftOptions::validate() const {
  similarity.validate();
  if (trend_window < 2)
    throw InputError(fmt::format("DriftOptions: trend_window is {}, but must be >= 2", trend_window));
  if (!std::isfinite(trend_tolerance) || trend_tolerance < 0)
    throw InputError(fmt::format("DriftOptions: trend_tolerance is {}, but must be finite and >= 0", trend_tolerance));
}

CohesionSeries cohesion(const Portfolios& p, const CapabilityWeights& weights,
                        const std::vector<MembershipSpell>& members, int first, int last,
                        const CohesionOptions& options) {
  options.validate();
  CohesionSeries out;
  out.measure = options.measure;
  if (first > last)
    throw InputError(SourceLocation{}, "years",
                     fmt::format("range {}:{} ends before it starts, expected first <= last", first, last));
  for (int t = first; t <= last; ++t) {
    const PortfolioYear& y = p.year(t);
    std::vector<int> in;
    for (const auto& m : members)
      if (m.member_at_end_of(t) && y.index_of(m.ccode) >= 0) in.push_back(m.ccode);
    std::sort(in.begin(), in.end());
    in.erase(std::unique(in.begin(), in.end()), in.end());
    if (in.empty()) continue;
    std::vector<std::pair<int, int>> pairs;
    for (std::size_t a = 0; a < in.size(); ++a)
      for (std::size_t b = a + 1; b < in.size(); ++b) pairs.emplace_back(in[a], in[b]);
    CohesionPoint pt;
    pt.year = t;
    pt.members = static_cast<int>(in.size());
    pt.pairs = static_cast<int>(pairs.size());
    pt.mean = pt.min = kNaN;
    double sum = 0;
    int counted = 0;
    selected_dyads(p, weights, pairs, t, t, options.similarity, [&](int, std::span<const DyadSimilarity> rows) {
      for (const auto& r : rows) {
        const double v = r.m.get(options.measure);
        if (!std::isfinite(v)) continue;
        sum += v;
        ++counted;
        if (!(v >= pt.min)) {  // also replaces the initial NaN
          pt.min = v;
          pt.min_ccode1 = r.ccode1;
          pt.min_ccode2 = r.ccode2;
        }
      }
    });
    if (counted > 0) pt.mean = sum / counted;
    out.points.push_back(pt);
  }
  return out;
}

DriftSeries drift(const Portfolios& p, const CapabilityWeights& weights, const std::vector<IdealPoint>& ideal,
                  int focal, int a, int b, int first, int last, const DriftOptions& options) {
  options.validate();
  if (first > last)
    throw InputError(SourceLocation{}, "years",
                     fmt::format("range {}:{} ends before it starts, expected first <= last", first, last));
  DriftSeries out;
  out.focal = focal;
  out.a = a;
  out.b = b;
  out.measure = options.measure;
  std::unordered_map<long long, double> ip;
  for (const auto& r : ideal)
    if (std::isfinite(r.ideal_point)) ip[static_cast<long long>(r.year) * 1000 + r.ccode] = r.ideal_point;
  auto ideal_of = [&](int c, int t) {
    auto it = ip.find(static_cast<long long>(t) * 1000 + c);
    return it == ip.end() ? kNaN : it->second;
  };
  const std::pair<int, int> dyads[] = {{focal, a}, {focal, b}};
  for (int t = first; t <= last; ++t) {
    DriftPoint pt;
    pt.year = t;
    pt.s_a = pt.s_b = kNaN;
    if (p.has_year(t))
      selected_dyads(p, weights, dyads, t, t, options.similarity, [&](int, std::span<const DyadSimilarity> rows) {
        for (const auto& r : rows) (r.ccode2 == a ? pt.s_a : pt.s_b) = r.m.get(options.measure);
      });
    pt.s_gap = pt.s_a - pt.s_b;
    const double f = ideal_of(focal, t);
    pt.ip_dist_a = std::abs(f - ideal_of(a, t));
    pt.ip_dist_b = std::abs(f - ideal_of(b, t));
    pt.ip_gap = pt.ip_dist_b - pt.ip_dist_a;
    out.points.push_back(pt);
  }
  mark_changes(out.points, &DriftPoint::s_gap, &DriftPoint::s_trend, &DriftPoint::s_sign_change,
               &DriftPoint::s_trend_change, options, out.s_sign_changes, out.s_trend_changes);
  mark_changes(out.points, &DriftPoint::ip_gap, &DriftPoint::ip_trend, &DriftPoint::ip_sign_change,
               &DriftPoint::ip_trend_change, options, out.ip_sign_changes, out.ip_trend_changes);
  return out;
}

}  // namespace geobalance::alignment
