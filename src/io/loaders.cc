#include "geobalance/io/loaders.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"

namespace geobalance::io {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Years geobalance accepts in any dataset.
constexpr int kMinYear = 1000;
constexpr int kMaxYear = 2200;

int get_year(const CsvTable& t, std::size_t r, std::size_t c) {
  long long y = t.get_int(r, c);
  if (y < kMinYear || y > kMaxYear)
    t.fail_cell(r, c, fmt::format("a year between {} and {}", kMinYear, kMaxYear));
  return static_cast<int>(y);
}

int get_ccode(const CsvTable& t, std::size_t r, std::size_t c) {
  long long v = t.get_int(r, c);
  if (v < 1 || v > 999) t.fail_cell(r, c, "a COW country code (an integer from 1 to 999)");
  return static_cast<int>(v);
}

bool get_flag(const CsvTable& t, std::size_t r, std::size_t c) {
  auto v = parse_int(t.cell(r, c));
  if (!v || (*v != 0 && *v != 1)) t.fail_cell(r, c, "0 or 1");
  return *v == 1;
}

int get_month(const CsvTable& t, std::size_t r, std::size_t c, bool allow_missing) {
  auto v = t.get_int(r, c, allow_missing ? Missing::kCow : Missing::kNotAllowed);
  if (!v) return 0;
  if (*v < 1 || *v > 12) t.fail_cell(r, c, allow_missing ? "a month from 1 to 12, or empty" : "a month from 1 to 12");
  return static_cast<int>(*v);
}

int get_day(const CsvTable& t, std::size_t r, std::size_t c, bool allow_missing) {
  auto v = t.get_int(r, c, allow_missing ? Missing::kCow : Missing::kNotAllowed);
  if (!v) return 0;
  if (*v < 1 || *v > 31) t.fail_cell(r, c, allow_missing ? "a day from 1 to 31, or empty" : "a day from 1 to 31");
  return static_cast<int>(*v);
}

// Reports a second row for a key, naming the line of the first.
template <typename Key>
void check_unique(std::map<Key, int>& seen, const Key& key, const CsvTable& t, std::size_t r,
                  const std::string& what) {
  auto [it, inserted] = seen.emplace(key, t.line_of_row(r));
  if (!inserted) t.fail_row(r, "row", fmt::format("duplicate {} (first given on line {})", what, it->second));
}

std::string where_end_before_start(const Date& s, const Date& e) {
  return fmt::format("the spell ends ({}-{:02}-{:02}) before it starts ({}-{:02}-{:02})", e.year, e.month, e.day,
                     s.year, s.month, s.day);
}

}  // namespace

std::vector<StateSpell> load_cow_states(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_abb = t.require_column("stateabb"), c_cc = t.require_column("ccode"),
             c_nm = t.require_column("statenme"), c_sy = t.require_column("styear"),
             c_sm = t.require_column("stmonth"), c_sd = t.require_column("stday"),
             c_ey = t.require_column("endyear"), c_em = t.require_column("endmonth"),
             c_ed = t.require_column("endday");
  std::vector<StateSpell> out;
  out.reserve(t.num_rows());
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    StateSpell s;
    s.abb = std::string(t.get_string(r, c_abb));
    s.ccode = get_ccode(t, r, c_cc);
    s.name = std::string(t.get_string(r, c_nm));
    s.start = {get_year(t, r, c_sy), get_month(t, r, c_sm, false), get_day(t, r, c_sd, false)};
    s.end = {get_year(t, r, c_ey), get_month(t, r, c_em, false), get_day(t, r, c_ed, false)};
    s.line = t.line_of_row(r);
    if (s.end < s.start) t.fail_cell(r, c_ey, "an end date on or after the start date: " + where_end_before_start(s.start, s.end));
    out.push_back(std::move(s));
  }
  // Overlapping spells of one state, and one ccode under two abbreviations, are errors.
  std::vector<std::size_t> idx(out.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) {
    return std::tie(out[a].ccode, out[a].start) < std::tie(out[b].ccode, out[b].start);
  });
  for (std::size_t k = 1; k < idx.size(); ++k) {
    const auto& a = out[idx[k - 1]];
    const auto& b = out[idx[k]];
    if (a.ccode != b.ccode) continue;
    if (a.abb != b.abb)
      throw InputError(SourceLocation{path, b.line, 1}, "column 'stateabb'",
                       fmt::format("ccode {} is '{}' here but '{}' on line {}", b.ccode, b.abb, a.abb, a.line));
    if (!(a.end < b.start))
      throw InputError(SourceLocation{path, b.line, 1}, "row",
                       fmt::format("membership spell of ccode {} overlaps the spell on line {}", b.ccode, a.line));
  }
  return out;
}

std::vector<CountryCode> load_cow_country_codes(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_abb = t.require_column("StateAbb"), c_cc = t.require_column("CCode"),
             c_nm = t.require_column("StateNme");
  std::vector<CountryCode> out;
  for (std::size_t r = 0; r < t.num_rows(); ++r)
    out.push_back({get_ccode(t, r, c_cc), std::string(t.get_string(r, c_abb)), std::string(t.get_string(r, c_nm))});
  return out;
}

std::vector<NmcRecord> load_nmc(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_abb = t.require_column("stateabb"), c_cc = t.require_column("ccode"),
             c_year = t.require_column("year");
  std::array<std::size_t, kNumComponents> c_comp{};
  for (int k = 0; k < kNumComponents; ++k) c_comp[k] = t.require_column(component_name(static_cast<Component>(k)));
  const auto c_cinc = t.find_column("cinc");
  std::vector<NmcRecord> out;
  out.reserve(t.num_rows());
  std::unordered_map<long long, int> seen;
  seen.reserve(t.num_rows() * 2);
  std::unordered_map<int, std::size_t> abb_of;  // ccode -> index of its first record
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    NmcRecord rec;
    rec.abb = std::string(t.get_string(r, c_abb));
    rec.ccode = get_ccode(t, r, c_cc);
    rec.year = get_year(t, r, c_year);
    rec.line = t.line_of_row(r);
    for (int k = 0; k < kNumComponents; ++k) {
      // NMC components are counts or amounts: non-negative numbers, or -9 for missing.
      auto v = t.get_double(r, c_comp[k], Missing::kCow, /*nonnegative=*/true);
      if (!v && t.cell(r, c_comp[k]).empty()) t.fail_cell(r, c_comp[k], "a non-negative number or -9");
      rec.component[k] = v ? *v : kNaN;
    }
    rec.published_cinc = kNaN;
    if (c_cinc) {
      auto v = t.get_double(r, *c_cinc, Missing::kCow, true);
      rec.published_cinc = v ? *v : kNaN;
    }
    // One ccode is one state: a second abbreviation for it is an error, as in load_cow_states.
    if (auto [a, first] = abb_of.emplace(rec.ccode, out.size()); !first && out[a->second].abb != rec.abb)
      throw InputError(t.location(r, c_abb), "column 'stateabb'",
                       fmt::format("ccode {} is '{}' here but '{}' on line {}", rec.ccode, rec.abb, out[a->second].abb,
                                   out[a->second].line));
    auto [it, inserted] = seen.emplace(static_cast<long long>(rec.ccode) * 10000 + rec.year, rec.line);
    if (!inserted)
      t.fail_row(r, "row", fmt::format("duplicate state-year: ccode {} in {} (first given on line {})", rec.ccode,
                                       rec.year, it->second));
    out.push_back(std::move(rec));
  }
  return out;
}

namespace {
struct AllianceCols {
  std::size_t id, d_sd, d_sm, d_sy, d_ed, d_em, d_ey, def, neu, nonagg, ent;
};
// COW v4.1 leaves a handful of type cells empty (e.g. by_member line 30, alliance 6): an
// obligation that was not coded. It reads as 0; anything but 0, 1 or empty is an error.
bool get_type_flag(const CsvTable& t, std::size_t r, std::size_t c) {
  if (t.cell(r, c).empty()) return false;
  auto v = parse_int(t.cell(r, c));
  if (!v || (*v != 0 && *v != 1)) t.fail_cell(r, c, "0, 1 or empty");
  return *v == 1;
}
void read_types(const CsvTable& t, std::size_t r, const AllianceCols& c, bool& def, bool& neu, bool& non, bool& ent) {
  def = get_type_flag(t, r, c.def);
  neu = get_type_flag(t, r, c.neu);
  non = get_type_flag(t, r, c.nonagg);
  ent = get_type_flag(t, r, c.ent);
}
std::optional<Date> read_end(const CsvTable& t, std::size_t r, std::size_t cd, std::size_t cm, std::size_t cy) {
  auto y = t.get_int(r, cy, Missing::kCow);
  if (!y) return std::nullopt;
  if (*y < kMinYear || *y > kMaxYear) t.fail_cell(r, cy, fmt::format("a year between {} and {}, or empty", kMinYear, kMaxYear));
  return Date{static_cast<int>(*y), get_month(t, r, cm, true), get_day(t, r, cd, true)};
}
}  // namespace

std::vector<AllianceDyad> load_cow_alliance_dyads(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  AllianceCols c{t.require_column("version4id"), t.require_column("dyad_st_day"), t.require_column("dyad_st_month"),
                 t.require_column("dyad_st_year"), t.require_column("dyad_end_day"), t.require_column("dyad_end_month"),
                 t.require_column("dyad_end_year"), t.require_column("defense"), t.require_column("neutrality"),
                 t.require_column("nonaggression"), t.require_column("entente")};
  const auto c1 = t.require_column("ccode1"), c2 = t.require_column("ccode2");
  std::vector<AllianceDyad> out;
  out.reserve(t.num_rows());
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    AllianceDyad d;
    long long id = t.get_int(r, c.id, true);
    if (id < 1) t.fail_cell(r, c.id, "a positive alliance id");
    d.id = static_cast<int>(id);
    d.ccode1 = get_ccode(t, r, c1);
    d.ccode2 = get_ccode(t, r, c2);
    if (d.ccode1 == d.ccode2) t.fail_cell(r, c2, fmt::format("a ccode different from ccode1 ({})", d.ccode1));
    d.start = {get_year(t, r, c.d_sy), get_month(t, r, c.d_sm, true), get_day(t, r, c.d_sd, true)};
    d.end = read_end(t, r, c.d_ed, c.d_em, c.d_ey);
    // Year-level check: COW v4.1 has same-year day inversions (by_dyad line 1140, Yemen 1990).
    if (d.end && d.end->year < d.start.year)
      t.fail_cell(r, c.d_ey, "an end year on or after the start year: " + where_end_before_start(d.start, *d.end));
    read_types(t, r, c, d.defense, d.neutrality, d.nonaggression, d.entente);
    d.line = t.line_of_row(r);
    out.push_back(d);
  }
  // Two spells of one alliance for one (ordered) pair must not overlap. A spell whose end
  // date precedes its start by days is empty (COW v4.1: alliance 234, Yugoslavia-Greece,
  // 1954-08-09 to 1954-08-08) and takes no part in the check.
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!(out[i].end && *out[i].end < out[i].start)) idx.push_back(i);
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) {
    return std::tie(out[a].id, out[a].ccode1, out[a].ccode2, out[a].start) <
           std::tie(out[b].id, out[b].ccode1, out[b].ccode2, out[b].start);
  });
  for (std::size_t k = 1; k < idx.size(); ++k) {
    const auto& a = out[idx[k - 1]];
    const auto& b = out[idx[k]];
    if (a.id != b.id || a.ccode1 != b.ccode1 || a.ccode2 != b.ccode2) continue;
    if (!a.end || a.end->year >= b.start.year + 1 || (a.end->year == b.start.year && !(*a.end < b.start)))
      throw InputError(SourceLocation{path, b.line, 1}, "row",
                       fmt::format("alliance {} spell for ccodes {}-{} overlaps the spell on line {} (duplicate spell)",
                                   b.id, b.ccode1, b.ccode2, a.line));
  }
  return out;
}

std::vector<AllianceMember> load_cow_alliance_members(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  AllianceCols c{t.require_column("version4id"), t.require_column("mem_st_day"), t.require_column("mem_st_month"),
                 t.require_column("mem_st_year"), t.require_column("mem_end_day"), t.require_column("mem_end_month"),
                 t.require_column("mem_end_year"), t.require_column("defense"), t.require_column("neutrality"),
                 t.require_column("nonaggression"), t.require_column("entente")};
  const auto c_cc = t.require_column("ccode");
  const auto c_ss = t.find_column("ss_type");
  const auto c_year = t.find_column("year");
  std::vector<AllianceMember> out;
  out.reserve(t.num_rows());
  std::map<std::tuple<int, int, int, Date>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    AllianceMember m;
    long long id = t.get_int(r, c.id, true);
    if (id < 1) t.fail_cell(r, c.id, "a positive alliance id");
    m.id = static_cast<int>(id);
    m.ccode = get_ccode(t, r, c_cc);
    if (c_ss) m.ss_type = std::string(t.get_string(r, *c_ss, true));
    m.start = {get_year(t, r, c.d_sy), get_month(t, r, c.d_sm, true), get_day(t, r, c.d_sd, true)};
    m.end = read_end(t, r, c.d_ed, c.d_em, c.d_ey);
    if (m.end && m.end->year < m.start.year)
      t.fail_cell(r, c.d_ey, "an end year on or after the start year: " + where_end_before_start(m.start, *m.end));
    // In the yearly file the mem_* columns hold one spell of the member (61 rows of COW's
    // v4.1 yearly file lie outside it, e.g. the German Confederation in 1849), so `year` is
    // validated as a year only.
    if (c_year) m.year = get_year(t, r, *c_year);
    read_types(t, r, c, m.defense, m.neutrality, m.nonaggression, m.entente);
    m.line = t.line_of_row(r);
    check_unique(seen, std::make_tuple(m.id, m.ccode, m.year, m.start), t, r,
                 c_year ? fmt::format("membership of ccode {} in alliance {} in {}", m.ccode, m.id, m.year)
                        : fmt::format("membership spell of ccode {} in alliance {}", m.ccode, m.id));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<AtopStateYear> load_atop_state_year(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_st = t.require_column("state"), c_year = t.require_column("year"), c_def = t.require_column("defense"),
             c_off = t.require_column("offense"), c_neu = t.require_column("neutral"),
             c_non = t.require_column("nonagg"), c_con = t.require_column("consul");
  std::vector<std::size_t> c_ids;
  for (int k = 1;; ++k) {
    auto c = t.find_column(fmt::format("atopid{}", k));
    if (!c) break;
    c_ids.push_back(*c);
  }
  if (c_ids.empty()) t.require_column("atopid1");
  std::vector<AtopStateYear> out;
  out.reserve(t.num_rows());
  std::map<std::pair<int, int>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    AtopStateYear s;
    s.ccode = get_ccode(t, r, c_st);
    s.year = get_year(t, r, c_year);
    s.defense = get_flag(t, r, c_def);
    s.offense = get_flag(t, r, c_off);
    s.neutral = get_flag(t, r, c_neu);
    s.nonagg = get_flag(t, r, c_non);
    s.consul = get_flag(t, r, c_con);
    for (std::size_t c : c_ids) {
      auto v = t.get_int(r, c, Missing::kBlankOrNA, true);
      if (!v) continue;
      if (*v == 0) continue;  // ATOP pads unused slots with 0 in some releases
      if (std::find(s.atopids.begin(), s.atopids.end(), static_cast<int>(*v)) != s.atopids.end())
        t.fail_cell(r, c, "an ATOP id not already listed for this state-year");
      s.atopids.push_back(static_cast<int>(*v));
    }
    s.line = t.line_of_row(r);
    check_unique(seen, std::make_pair(s.ccode, s.year), t, r, fmt::format("state-year: state {} in {}", s.ccode, s.year));
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<SipriMilex> load_sipri_milex(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_country = t.require_column("sipri_country"), c_cc = t.require_column("ccode"),
             c_abb = t.require_column("stateabb"), c_year = t.require_column("year"),
             c_const = t.require_column("milex_const2023_usd_m"), c_share = t.require_column("milex_share_gdp");
  const auto c_flag = t.find_column("flag_const");
  const auto c_cur = t.find_column("milex_current_usd_m");
  std::vector<SipriMilex> out;
  std::map<std::pair<int, int>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    SipriMilex m;
    m.country = std::string(t.get_string(r, c_country));
    m.ccode = get_ccode(t, r, c_cc);
    m.abb = std::string(t.get_string(r, c_abb));
    m.year = get_year(t, r, c_year);
    auto v = t.get_double(r, c_const, Missing::kBlankOrNA, true);
    m.const_usd_m = v ? *v : kNaN;
    auto s = t.get_double(r, c_share, Missing::kBlankOrNA, true);
    if (s && *s > 1) t.fail_cell(r, c_share, "a share of GDP as a fraction in [0, 1] (0.034 = 3.4%)");
    m.share_gdp = s ? *s : kNaN;
    if (c_cur) {
      auto cur = t.get_double(r, *c_cur, Missing::kBlankOrNA, true);
      m.current_usd_m = cur ? *cur : kNaN;
    } else {
      m.current_usd_m = kNaN;
    }
    if (c_flag) {
      std::string_view f = t.get_string(r, *c_flag, true);
      if (f == "E") m.estimate = true;
      else if (!f.empty() && f != "U" && f.substr(0, 3) != "NA:") t.fail_cell(r, *c_flag, "empty, E, U or NA:...");
    }
    m.line = t.line_of_row(r);
    check_unique(seen, std::make_pair(m.ccode, m.year), t, r, fmt::format("country-year: ccode {} in {}", m.ccode, m.year));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<WarheadStock> load_owid_warheads(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_ent = t.require_column("Entity"), c_code = t.require_column("Code"), c_year = t.require_column("Year"),
             c_val = t.require_column("nuclear_weapons_stockpile");
  std::vector<WarheadStock> out;
  std::map<std::pair<std::string, int>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    WarheadStock w;
    w.entity = std::string(t.get_string(r, c_ent));
    w.iso3 = std::string(t.get_string(r, c_code, true));
    if (!w.iso3.empty() && w.iso3.rfind("OWID_", 0) != 0 &&
        (w.iso3.size() != 3 || !std::all_of(w.iso3.begin(), w.iso3.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })))
      t.fail_cell(r, c_code, "an ISO 3166 alpha-3 code (three capital letters) or empty");
    w.year = get_year(t, r, c_year);
    w.stockpile = t.get_double(r, c_val, true);
    w.line = t.line_of_row(r);
    check_unique(seen, std::make_pair(w.entity, w.year), t, r, fmt::format("entity-year: {} in {}", w.entity, w.year));
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<IdealPoint> load_unga_idealpoints(const std::string& path, IdealPointSeries series) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_cc = t.require_column("ccode");
  const auto c_year = t.find_column("year");
  const auto c_session = t.find_column("session");
  if (!c_year && !c_session) t.require_column("year");
  const bool fp = series == IdealPointSeries::kFinalPassage;
  if (fp && !c_year)
    throw InputError(SourceLocation{path, 1, 1}, "idealpointfp",
                     "found a session release (no final-passage series), expected the calendar-year release with "
                     "column idealpointfp");
  const auto c_ip = t.require_column(fp ? "idealpointfp" : (c_year ? "idealpointall" : "IdealPointAll"));
  const auto c_votes = t.find_column(fp ? "nvotesfp" : (c_year ? "nvotesall" : "NVotesAll"));
  const auto c_iso = t.find_column("iso3c");
  std::vector<IdealPoint> out;
  std::map<std::pair<int, int>, int> seen;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    IdealPoint p;
    p.ccode = get_ccode(t, r, c_cc);
    if (c_year) {
      p.year = get_year(t, r, *c_year);
    } else {
      long long s = t.get_int(r, *c_session);
      if (s < 1 || s > 200) t.fail_cell(r, *c_session, "a UN General Assembly session number from 1 to 200");
      p.year = static_cast<int>(s) + 1945;
    }
    const std::optional<double> v = t.get_double(r, c_ip, Missing::kBlankOrNA);
    if (!v) continue;  // a state-year with no estimate in this series (e.g. no recorded votes)
    p.ideal_point = *v;
    if (c_votes) {
      auto n = t.get_int(r, *c_votes, Missing::kBlankOrNA, true);
      p.votes = n ? static_cast<int>(*n) : 0;
    }
    if (c_iso) p.iso3 = std::string(t.get_string(r, *c_iso, true));
    p.line = t.line_of_row(r);
    check_unique(seen, std::make_pair(p.ccode, p.year), t, r, fmt::format("state-year: ccode {} in {}", p.ccode, p.year));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace geobalance::io

// ---- Events ---------------------------------------------------------------------------

namespace geobalance::io {

int gw_to_cow(int gwno, int year) {
  switch (gwno) {
    case 260: return year <= 1990 ? 260 : 255;  // West Germany, then unified Germany (COW GMY)
    case 678: return year <= 1989 ? 678 : 679;  // Yemen Arab Republic, then Yemen (COW YEM)
    case 340: return 345;                       // Serbia: COW keeps Yugoslavia's 345
    case 396:                                   // Abkhazia
    case 397:                                   // South Ossetia
    case 711:                                   // Tibet
      return 0;
    default: return gwno;
  }
}

namespace {

// A list of Gleditsch-Ward codes "365" or "2, 200, 220" (empty allowed where `allow_empty`).
std::vector<int> gw_list(const CsvTable& t, std::size_t r, std::size_t c, bool allow_empty) {
  std::vector<int> out;
  std::string_view cell = t.cell(r, c);
  if (cell.empty()) {
    if (!allow_empty) t.fail_cell(r, c, "a Gleditsch-Ward state code (an integer from 1 to 999)");
    return out;
  }
  std::size_t pos = 0;
  while (pos <= cell.size()) {
    std::size_t comma = cell.find(',', pos);
    std::string_view part = cell.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    auto v = parse_int(part);
    if (!v || *v < 1 || *v > 999)
      t.fail_cell(r, c, "Gleditsch-Ward state codes (integers from 1 to 999) separated by ', '");
    if (std::find(out.begin(), out.end(), static_cast<int>(*v)) != out.end())
      t.fail_cell(r, c, fmt::format("each state once (code {} is listed twice)", *v));
    out.push_back(static_cast<int>(*v));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

std::string conflict_type(const CsvTable& t, std::size_t r, std::size_t c) {
  std::string_view v = t.cell(r, c);
  if (v == "1" || v == "extrasystemic") return "extrasystemic";
  if (v == "2" || v == "interstate") return "interstate";
  if (v == "3" || v == "intrastate") return "intrastate";
  if (v == "4" || v == "II" || v == "internationalized intrastate") return "internationalized intrastate";
  t.fail_cell(r, c, "a UCDP conflict type: 1-4, extrasystemic, interstate, intrastate, II or internationalized intrastate");
}

std::string incompatibility(const CsvTable& t, std::size_t r, std::size_t c) {
  std::string_view v = t.cell(r, c);
  if (v == "1" || v == "territory") return "territory";
  if (v == "2" || v == "government") return "government";
  if (v == "3" || v == "both") return "both";
  t.fail_cell(r, c, "a UCDP incompatibility: 1, 2, 3, territory, government or both");
}

Date iso_date(const CsvTable& t, std::size_t r, std::size_t c) {
  auto d = parse_iso_date(t.cell(r, c));
  if (!d || d->year < kMinYear || d->year > kMaxYear) t.fail_cell(r, c, "a date YYYY-MM-DD");
  return *d;
}

}  // namespace

std::vector<ConflictYear> load_ucdp_acd(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_id = t.require_column("conflict_id"), c_year = t.require_column("year"),
             c_a = t.require_column("gwno_a"), c_b = t.require_column("gwno_b"),
             c_inc = t.require_column("incompatibility"), c_int = t.require_column("intensity_level"),
             c_type = t.require_column("type_of_conflict"), c_start = t.require_column("start_date"),
             c_start2 = t.require_column("start_date2"), c_ep = t.require_column("ep_end"),
             c_epd = t.require_column("ep_end_date");
  const auto c_a2 = t.find_column("gwno_a_2nd"), c_b2 = t.find_column("gwno_b_2nd");
  std::vector<ConflictYear> out;
  // peacesciencer's selection repeats a conflict-year once per party where UCDP lists several
  // ("2, 200" -> two rows, and the product of both sides' lists): those rows must agree on
  // everything but the parties, whose codes are merged (primary parties first, then
  // secondary ones). A row repeating the parties of an earlier row is a duplicate.
  struct Parties {
    std::vector<int> a, a2, b, b2;
    std::set<std::array<std::string, 4>> rows;
  };
  std::vector<Parties> parties;
  std::map<std::pair<int, int>, std::size_t> index;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    ConflictYear cy;
    long long id = t.get_int(r, c_id, true);
    if (id < 1) t.fail_cell(r, c_id, "a positive UCDP conflict id");
    cy.conflict_id = static_cast<int>(id);
    cy.year = get_year(t, r, c_year);
    std::vector<int> a = gw_list(t, r, c_a, false);
    std::vector<int> b = gw_list(t, r, c_b, true);
    std::vector<int> a2 = c_a2 ? gw_list(t, r, *c_a2, true) : std::vector<int>{};
    std::vector<int> b2 = c_b2 ? gw_list(t, r, *c_b2, true) : std::vector<int>{};
    cy.incompatibility = incompatibility(t, r, c_inc);
    long long inten = t.get_int(r, c_int);
    if (inten != 1 && inten != 2) t.fail_cell(r, c_int, "1 (minor) or 2 (war)");
    cy.intensity = static_cast<int>(inten);
    cy.type = conflict_type(t, r, c_type);
    cy.start = iso_date(t, r, c_start);
    cy.start2 = iso_date(t, r, c_start2);
    if (cy.start2 < cy.start)
      t.fail_cell(r, c_start2, fmt::format("an episode start on or after the conflict start ({})", to_string(cy.start)));
    if (cy.start.year > cy.year) t.fail_cell(r, c_start, fmt::format("a conflict start in or before the row's year {}", cy.year));
    bool ended = get_flag(t, r, c_ep);
    if (ended) {
      if (t.cell(r, c_epd).empty()) t.fail_cell(r, c_epd, "the episode's end date, since ep_end is 1");
      cy.episode_end = iso_date(t, r, c_epd);
      if (cy.episode_end->year != cy.year) t.fail_cell(r, c_epd, fmt::format("an end date in the row's year {}", cy.year));
    } else if (!t.cell(r, c_epd).empty()) {
      t.fail_cell(r, c_epd, "empty, since ep_end is 0");
    }
    cy.line = t.line_of_row(r);
    std::array<std::string, 4> key{std::string(t.cell(r, c_a)), c_a2 ? std::string(t.cell(r, *c_a2)) : "",
                                   std::string(t.cell(r, c_b)), c_b2 ? std::string(t.cell(r, *c_b2)) : ""};
    auto [it, fresh] = index.emplace(std::make_pair(cy.conflict_id, cy.year), out.size());
    if (fresh) {
      out.push_back(std::move(cy));
      parties.push_back({a, a2, b, b2, {key}});
      continue;
    }
    const ConflictYear& first = out[it->second];
    auto differs = [&](bool d, std::size_t col) {
      if (d)
        t.fail_cell(r, col, fmt::format("the same value as the row of conflict {} in {} on line {} (only the "
                                        "parties may differ between its rows)",
                                        first.conflict_id, first.year, first.line));
    };
    differs(first.incompatibility != cy.incompatibility, c_inc);
    differs(first.intensity != cy.intensity, c_int);
    differs(first.type != cy.type, c_type);
    differs(first.start != cy.start, c_start);
    differs(first.start2 != cy.start2, c_start2);
    differs(first.episode_end != cy.episode_end, c_epd);
    Parties& p = parties[it->second];
    if (!p.rows.insert(key).second)
      t.fail_row(r, "row", fmt::format("duplicate conflict-year: conflict {} in {} (first given on line {})",
                                       first.conflict_id, first.year, first.line));
    auto merge = [](std::vector<int>& into, const std::vector<int>& extra) {
      for (int g : extra)
        if (std::find(into.begin(), into.end(), g) == into.end()) into.push_back(g);
    };
    merge(p.a, a);
    merge(p.a2, a2);
    merge(p.b, b);
    merge(p.b2, b2);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& cy = out[i];
    auto& p = parties[i];
    auto compose = [](std::vector<int> primary, const std::vector<int>& secondary) {
      for (int g : secondary)
        if (std::find(primary.begin(), primary.end(), g) == primary.end()) primary.push_back(g);
      return primary;
    };
    cy.side_a_gw = compose(p.a, p.a2);
    cy.side_b_gw = compose(p.b, p.b2);
  }
  for (auto& cy : out) {
    for (int g : cy.side_a_gw) cy.side_a.push_back(gw_to_cow(g, cy.year));
    for (int g : cy.side_b_gw) cy.side_b.push_back(gw_to_cow(g, cy.year));
  }
  return out;
}

const char* intensity_name(int intensity) { return intensity == 2 ? "war" : intensity == 1 ? "minor" : "?"; }

std::vector<ConflictSpell> conflict_spells(const std::vector<ConflictYear>& rows, int a, int b, int from, int to) {
  auto has = [](const std::vector<int>& v, int c) { return std::find(v.begin(), v.end(), c) != v.end(); };
  std::vector<const ConflictYear*> hits;
  for (const auto& r : rows)
    if (r.year >= from && r.year <= to &&
        ((has(r.side_a, a) && has(r.side_b, b)) || (has(r.side_a, b) && has(r.side_b, a))))
      hits.push_back(&r);
  std::sort(hits.begin(), hits.end(), [](auto* x, auto* y) {
    return std::tie(x->conflict_id, x->year) < std::tie(y->conflict_id, y->year);
  });
  std::vector<ConflictSpell> out;
  for (const auto* r : hits) {
    if (!out.empty()) {
      auto& s = out.back();
      if (s.conflict_id == r->conflict_id && s.last_year + 1 == r->year && s.intensity == r->intensity &&
          s.type == r->type) {
        s.last_year = r->year;
        continue;
      }
    }
    out.push_back({r->conflict_id, r->type, r->incompatibility, r->intensity, r->year, r->year});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first_year, x.conflict_id) < std::tie(y.first_year, y.conflict_id);
  });
  return out;
}

std::vector<Rivalry> load_rivalries(const std::string& path) {
  CsvTable t = CsvTable::read_file(path);
  const auto c_id = t.require_column("tssr_id"), c_nm = t.require_column("rivalry"), c1 = t.require_column("ccode1"),
             c2 = t.require_column("ccode2"), c_st = t.require_column("start"), c_end = t.require_column("end");
  const char* flag_names[] = {"positional", "spatial", "ideological", "interventionary", "principal", "aprin"};
  std::size_t c_flags[6];
  for (int k = 0; k < 6; ++k) c_flags[k] = t.require_column(flag_names[k]);
  std::vector<Rivalry> out;
  std::map<int, int> ids;
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    Rivalry v;
    long long id = t.get_int(r, c_id, true);
    if (id < 1) t.fail_cell(r, c_id, "a positive rivalry id");
    v.id = static_cast<int>(id);
    v.name = std::string(t.get_string(r, c_nm));
    v.ccode1 = get_ccode(t, r, c1);
    v.ccode2 = get_ccode(t, r, c2);
    if (v.ccode1 == v.ccode2) t.fail_cell(r, c2, fmt::format("a ccode different from ccode1 ({})", v.ccode1));
    v.start = get_year(t, r, c_st);
    v.end = get_year(t, r, c_end);
    if (v.end < v.start) t.fail_cell(r, c_end, fmt::format("an end year on or after the start year {}", v.start));
    bool* flags[] = {&v.positional, &v.spatial, &v.ideological, &v.interventionary, &v.principal,
                     &v.asymmetric_principal};
    for (int k = 0; k < 6; ++k) {
      std::string_view f = t.cell(r, c_flags[k]);
      if (f.empty() || f == "0") continue;
      if (f != "1") t.fail_cell(r, c_flags[k], "1, 0 or empty");
      *flags[k] = true;
    }
    v.line = t.line_of_row(r);
    check_unique(ids, v.id, t, r, fmt::format("rivalry id {}", v.id));
    out.push_back(std::move(v));
  }
  // One pair may have several rivalries (e.g. Britain-France 1 and 2), but not overlapping.
  std::vector<std::size_t> idx(out.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  auto key = [&](const Rivalry& x) {
    return std::make_tuple(std::min(x.ccode1, x.ccode2), std::max(x.ccode1, x.ccode2), x.start);
  };
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return key(out[a]) < key(out[b]); });
  for (std::size_t k = 1; k < idx.size(); ++k) {
    const auto& a = out[idx[k - 1]];
    const auto& b = out[idx[k]];
    if (std::get<0>(key(a)) != std::get<0>(key(b)) || std::get<1>(key(a)) != std::get<1>(key(b))) continue;
    if (b.start < a.end)
      throw InputError(SourceLocation{path, b.line, 1}, "row",
                       fmt::format("rivalry {} of ccodes {}-{} ({}-{}) overlaps rivalry {} on line {} ({}-{})", b.id,
                                   b.ccode1, b.ccode2, b.start, b.end, a.id, a.line, a.start, a.end));
  }
  return out;
}

std::vector<Rivalry> rivalries_between(const std::vector<Rivalry>& rows, int a, int b, int from, int to) {
  std::vector<Rivalry> out;
  for (const auto& r : rows)
    if (((r.ccode1 == a && r.ccode2 == b) || (r.ccode1 == b && r.ccode2 == a)) && r.start <= to && r.end >= from)
      out.push_back(r);
  return out;
}

}  // namespace geobalance::io
