#include "geobalance/games/reference_class.h"

#include <set>

#include <fmt/format.h>

#include "geobalance/error.h"
#include "geobalance/io/csv.h"
#include "geobalance/io/text_file.h"

namespace geobalance::games {

std::string to_string(CaatsaResponse r) {
  switch (r) {
    case CaatsaResponse::kNone: return "none";
    case CaatsaResponse::kTargeted: return "targeted";
    case CaatsaResponse::kBroad: return "broad";
  }
  return "?";
}

std::string to_string(PurchaseOutcome o) {
  switch (o) {
    case PurchaseOutcome::kDelivered: return "delivered";
    case PurchaseOutcome::kShelved: return "shelved";
    case PurchaseOutcome::kAbandoned: return "abandoned";
    case PurchaseOutcome::kNotConcluded: return "not_concluded";
  }
  return "?";
}

namespace {

bool digits(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day (years 1900..2100).
bool valid_date(std::string_view s) {
  if (s.size() < 4 || !digits(s.substr(0, 4), 4)) return false;
  int y = std::stoi(std::string(s.substr(0, 4)));
  if (y < 1900 || y > 2100) return false;
  if (s.size() == 4) return true;
  if (s.size() < 7 || s[4] != '-' || !digits(s.substr(5, 2), 2)) return false;
  int m = std::stoi(std::string(s.substr(5, 2)));
  if (m < 1 || m > 12) return false;
  if (s.size() == 7) return true;
  if (s.size() != 10 || s[7] != '-' || !digits(s.substr(8, 2), 2)) return false;
  int d = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] - (m == 2 && !leap ? 1 : 0);
  return d >= 1 && d <= max;
}

constexpr const char* kDate = "a date YYYY, YYYY-MM or YYYY-MM-DD";

}  // namespace

std::vector<ReferenceCase> parse_reference_class(std::string text, const std::string& source) {
  io::CsvTable t = io::CsvTable::parse(std::move(text), source);
  const std::size_t c_id = t.require_column("id"), c_buyer = t.require_column("buyer"),
                    c_cow = t.require_column("buyer_ccode"), c_rel = t.require_column("us_relationship"),
                    c_sys = t.require_column("system"), c_seller = t.require_column("seller"),
                    c_con = t.require_column("contracted"), c_thr = t.require_column("threatened"),
                    c_exc = t.require_column("programme_exclusion"), c_caa = t.require_column("caatsa"),
                    c_rd = t.require_column("response_date"), c_out = t.require_column("outcome"),
                    c_od = t.require_column("outcome_date"), c_src = t.require_column("source");
  if (t.num_rows() == 0) t.fail_row(0, "rows", "found none, expected one row per case");
  std::vector<ReferenceCase> out;
  std::set<std::string, std::less<>> ids;
  auto flag = [&](std::size_t r, std::size_t c) {
    std::string_view v = t.get_string(r, c);
    if (v != "0" && v != "1") t.fail_cell(r, c, "0 or 1");
    return v == "1";
  };
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    ReferenceCase k;
    k.id = std::string(t.get_string(r, c_id));
    if (!ids.insert(k.id).second) t.fail_cell(r, c_id, "an id not used by an earlier row");
    k.buyer = std::string(t.get_string(r, c_buyer));
    long long cow = t.get_int(r, c_cow, true);
    if (cow < 2 || cow > 999) t.fail_cell(r, c_cow, "a COW country code from 2 to 999");
    k.buyer_ccode = static_cast<int>(cow);
    k.us_relationship = std::string(t.get_string(r, c_rel));
    k.system = std::string(t.get_string(r, c_sys));
    k.seller = std::string(t.get_string(r, c_seller));
    std::string_view con = t.get_string(r, c_con);
    std::string_view con_date = con.starts_with("before ") ? con.substr(7) : con;
    if (!valid_date(con_date)) t.fail_cell(r, c_con, "a date YYYY, YYYY-MM or YYYY-MM-DD, or 'before YYYY-MM-DD'");
    k.contracted = std::string(con);
    k.threatened = flag(r, c_thr);
    k.programme_exclusion = flag(r, c_exc);
    std::string_view caa = t.get_string(r, c_caa);
    if (caa == "none") k.caatsa = CaatsaResponse::kNone;
    else if (caa == "targeted") k.caatsa = CaatsaResponse::kTargeted;
    else if (caa == "broad") k.caatsa = CaatsaResponse::kBroad;
    else t.fail_cell(r, c_caa, "one of none, targeted, broad");
    std::string_view rd = t.get_string(r, c_rd, true);
    if (k.responded()) {
      if (rd.empty()) t.fail_cell(r, c_rd, "the date of the first US response (the row records one)");
      if (!valid_date(rd)) t.fail_cell(r, c_rd, kDate);
    } else if (!rd.empty()) {
      t.fail_cell(r, c_rd, "blank (threatened, programme_exclusion and caatsa record no response)");
    }
    k.response_date = std::string(rd);
    std::string_view o = t.get_string(r, c_out);
    if (o == "delivered") k.outcome = PurchaseOutcome::kDelivered;
    else if (o == "shelved") k.outcome = PurchaseOutcome::kShelved;
    else if (o == "abandoned") k.outcome = PurchaseOutcome::kAbandoned;
    else if (o == "not_concluded") k.outcome = PurchaseOutcome::kNotConcluded;
    else t.fail_cell(r, c_out, "one of delivered, shelved, abandoned, not_concluded");
    std::string_view od = t.get_string(r, c_od, true);
    if (od.empty() ? k.outcome != PurchaseOutcome::kNotConcluded : !valid_date(od))
      t.fail_cell(r, c_od, od.empty() ? "a date (blank only for not_concluded)" : kDate);
    k.outcome_date = std::string(od);
    k.source = std::string(t.get_string(r, c_src));
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<ReferenceCase> read_reference_class(const std::string& path) {
  return parse_reference_class(io::read_text_file(path), path);
}

}  // namespace geobalance::games
