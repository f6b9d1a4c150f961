#include "geobalance/power/builtin_data.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::power {

namespace {

int ccode_at(const io::CsvTable& t, std::size_t r, std::size_t c) {
  long long v = t.get_int(r, c);
  if (v < 1 || v > 999) t.fail_cell(r, c, "a COW country code (an integer from 1 to 999)");
  return static_cast<int>(v);
}

Date date_at(const io::CsvTable& t, std::size_t r, std::size_t c) {
  auto d = parse_iso_date(t.get_string(r, c));
  if (!d) t.fail_cell(r, c, "a date YYYY-MM-DD");
  return *d;
}

double coord_at(const io::CsvTable& t, std::size_t r, std::size_t c, double limit) {
  double v = t.get_double(r, c);
  if (std::fabs(v) > limit) t.fail_cell(r, c, fmt::format("a coordinate in [-{0}, {0}] degrees", limit));
  return v;
}

void require_source(const io::CsvTable& t, std::size_t r, std::size_t c) { t.get_string(r, c); }

}  // namespace

std::vector<NatoMember> load_nato_members(const std::string& path) {
  auto t = io::CsvTable::read_file(path);
  const auto c_cc = t.require_column("ccode"), c_abb = t.require_column("stateabb"), c_nm = t.require_column("name"),
             c_acc = t.require_column("accession_date"), c_src = t.require_column("source");
  const auto c_exit = t.find_column("exit_date");
  std::vector<NatoMember> out;
  std::map<int, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    NatoMember m;
    m.ccode = ccode_at(t, r, c_cc);
    m.abb = std::string(t.get_string(r, c_abb));
    m.name = std::string(t.get_string(r, c_nm));
    m.accession = date_at(t, r, c_acc);
    if (c_exit && !t.get_string(r, *c_exit, true).empty()) {
      m.exit = date_at(t, r, *c_exit);
      if (*m.exit < m.accession) t.fail_cell(r, *c_exit, "an exit date on or after the accession date");
    }
    require_source(t, r, c_src);
    m.source = std::string(t.get_string(r, c_src));
    m.line = t.line_of_row(r);
    if (auto [it, ok] = seen.emplace(m.ccode, t.line_of_row(r)); !ok)
      t.fail_row(r, "row", fmt::format("duplicate member ccode {} (first given on line {})", m.ccode, it->second));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<int> nato_members_on(const std::vector<NatoMember>& members, const Date& date) {
  std::set<int> s;
  for (const auto& m : members)
    if (m.accession <= date && (!m.exit || date <= *m.exit)) s.insert(m.ccode);
  return {s.begin(), s.end()};
}

std::vector<CountryInfo> load_countries(const std::string& path) {
  auto t = io::CsvTable::read_file(path);
  const auto c_cc = t.require_column("ccode"), c_abb = t.require_column("stateabb"), c_iso = t.require_column("iso3"),
             c_nm = t.require_column("name"), c_cap = t.require_column("capital"), c_lat = t.require_column("lat"),
             c_lon = t.require_column("lon"), c_src = t.require_column("source");
  std::vector<CountryInfo> out;
  std::map<int, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    CountryInfo c;
    c.ccode = ccode_at(t, r, c_cc);
    c.abb = std::string(t.get_string(r, c_abb));
    c.iso3 = std::string(t.get_string(r, c_iso, true));
    c.name = std::string(t.get_string(r, c_nm));
    c.capital = std::string(t.get_string(r, c_cap));
    c.location = {coord_at(t, r, c_lat, 90), coord_at(t, r, c_lon, 180)};
    require_source(t, r, c_src);
    if (auto [it, ok] = seen.emplace(c.ccode, t.line_of_row(r)); !ok)
      t.fail_row(r, "row", fmt::format("duplicate ccode {} (first given on line {})", c.ccode, it->second));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<TheatreInfo> load_theatres(const std::string& path) {
  auto t = io::CsvTable::read_file(path);
  const auto c_nm = t.require_column("theatre"), c_lat = t.require_column("lat"), c_lon = t.require_column("lon"),
             c_src = t.require_column("source");
  std::vector<TheatreInfo> out;
  std::map<std::string, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    TheatreInfo th{std::string(t.get_string(r, c_nm)), {coord_at(t, r, c_lat, 90), coord_at(t, r, c_lon, 180)}};
    require_source(t, r, c_src);
    if (auto [it, ok] = seen.emplace(th.name, t.line_of_row(r)); !ok)
      t.fail_row(r, "row", fmt::format("duplicate theatre '{}' (first given on line {})", th.name, it->second));
    out.push_back(std::move(th));
  }
  return out;
}

Panel load_capability_table(const std::string& path) {
  auto t = io::CsvTable::read_file(path);
  const auto c_cc = t.require_column("ccode"), c_abb = t.require_column("stateabb"), c_year = t.require_column("year");
  struct Ind {
    const char* name;
    const char* column;
    const char* source;
  };
  static const Ind inds[] = {{"milex", "milex_const2023_usd_m", "milex_source"},
                             {"gdp", "gdp_const2023_usd_m", "gdp_source"},
                             {"milper", "milper_k", "milper_source"},
                             {"tpop", "tpop_k", "tpop_source"},
                             {"warheads", "warheads", "warheads_source"}};
  std::vector<std::size_t> cols, srcs;
  Panel p;
  for (const auto& i : inds) {
    p.indicators.push_back(i.name);
    cols.push_back(t.require_column(i.column));
    srcs.push_back(t.require_column(i.source));
  }
  // Optional uncertainty columns (indicator index, column).
  std::vector<std::pair<int, std::size_t>> sds;
  for (auto [name, column] : {std::pair{"milper", "milper_sd_k"}, std::pair{"tpop", "tpop_sd_k"}})
    if (auto c = t.find_column(column)) sds.emplace_back(p.indicator(name), *c);
  std::map<std::pair<int, int>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    Panel::Row row;
    row.ccode = ccode_at(t, r, c_cc);
    row.abb = std::string(t.get_string(r, c_abb));
    long long y = t.get_int(r, c_year);
    if (y < 1816 || y > 2200) t.fail_cell(r, c_year, "a year between 1816 and 2200");
    row.year = static_cast<int>(y);
    row.line = t.line_of_row(r);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      auto v = t.get_double(r, cols[k], io::Missing::kBlankOrNA, true);
      row.values.push_back(v ? *v : std::numeric_limits<double>::quiet_NaN());
      require_source(t, r, srcs[k]);
    }
    if (!sds.empty()) {
      row.sd.assign(cols.size(), std::numeric_limits<double>::quiet_NaN());
      for (auto [k, c] : sds) {
        auto v = t.get_double(r, c, io::Missing::kBlankOrNA, true);
        if (!v) continue;
        if (std::isnan(row.values[static_cast<std::size_t>(k)]))
          t.fail_cell(r, c, "empty, since the row has no value for " + p.indicators[static_cast<std::size_t>(k)]);
        row.sd[static_cast<std::size_t>(k)] = *v;
      }
    }
    if (auto [it, ok] = seen.emplace(std::make_pair(row.ccode, row.year), t.line_of_row(r)); !ok)
      t.fail_row(r, "row", fmt::format("duplicate state-year: ccode {} in {} (first given on line {})", row.ccode,
                                       row.year, it->second));
    p.rows.push_back(std::move(row));
  }
  return p;
}

double nowcast_factor(double cv, Rng& rng) {
  const double s2 = std::log1p(cv * cv), s = std::sqrt(s2);
  return std::exp(-s2 / 2 + s * rng.normal());
}

namespace {
bool is_nowcast(const Panel::Row& row, std::size_t k) {
  return k < row.sd.size() && k < row.values.size() && std::isfinite(row.sd[k]) && row.sd[k] > 0;
}
}  // namespace

Panel draw_nowcasts(const Panel& panel, Rng& rng) {
  Panel out = panel;
  for (auto& row : out.rows)
    for (std::size_t k = 0; k < row.values.size(); ++k)
      if (is_nowcast(row, k) && row.values[k] > 0) row.values[k] *= nowcast_factor(row.sd[k] / row.values[k], rng);
  return out;
}

NowcastCells nowcast_cells(const Panel& panel) {
  NowcastCells c;
  for (const auto& row : panel.rows)
    for (std::size_t k = 0; k < row.values.size(); ++k) {
      if (!is_nowcast(row, k)) continue;
      if (row.values[k] > 0)
        ++c.drawn;
      else
        c.held_at_point.push_back(fmt::format("{} {} {}", row.abb, row.year, panel.indicators[k]));
    }
  return c;
}

std::optional<std::pair<int, int>> year_span(const Panel& panel) {
  if (panel.rows.empty()) return std::nullopt;
  int lo = panel.rows[0].year, hi = lo;
  for (const auto& r : panel.rows) lo = std::min(lo, r.year), hi = std::max(hi, r.year);
  return std::make_pair(lo, hi);
}

const CountryInfo* BuiltinData::country(int ccode) const {
  for (const auto& c : countries)
    if (c.ccode == ccode) return &c;
  return nullptr;
}

BuiltinData load_builtin_data(const std::string& dir) {
  BuiltinData b;
  b.countries = load_countries(dir + "/countries.csv");
  for (const auto& c : b.countries) b.index.add(c.ccode, c.abb, c.name, c.iso3);
  b.nato = load_nato_members(dir + "/nato_members.csv");
  b.theatres = load_theatres(dir + "/theatres.csv");
  b.capabilities = load_capability_table(dir + "/capabilities.csv");
  // Rows carry their line (columns are found by name, so the message gives the line only).
  auto check = [&](const std::string& file, int line, int ccode, const std::string& abb) {
    const CountryInfo* c = b.country(ccode);
    if (!c)
      throw InputError(SourceLocation{file, line}, "column 'ccode'",
                       fmt::format("found '{}' ({}), expected a state listed in {}/countries.csv", ccode, abb, dir));
    if (c->abb != abb)
      throw InputError(SourceLocation{file, line}, "column 'stateabb'",
                       fmt::format("ccode {} is '{}' here but '{}' in countries.csv", ccode, abb, c->abb));
  };
  for (const auto& m : b.nato) check(dir + "/nato_members.csv", m.line, m.ccode, m.abb);
  for (const auto& r : b.capabilities.rows) check(dir + "/capabilities.csv", r.line, r.ccode, r.abb);
  return b;
}

}  // namespace geobalance::power
