#include "geobalance/report/table.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "geobalance/error.h"

namespace geobalance::report {

Format format_from_string(std::string_view s) {
  if (s == "table") return Format::kTable;
  if (s == "csv") return Format::kCsv;
  if (s == "json") return Format::kJson;
  throw InputError(SourceLocation{}, "--format", fmt::format("found '{}', expected table, csv or json", s));
}

std::string to_string(Format f) {
  switch (f) {
    case Format::kTable: return "table";
    case Format::kCsv: return "csv";
    case Format::kJson: return "json";
  }
  return "?";
}

Table::Table(std::initializer_list<const char*> names) {
  for (const auto& n : names) columns_.push_back(Column{n});
}

void Table::add_row(std::vector<Value> row) {
  if (row.size() != columns_.size())
    throw std::logic_error(fmt::format("Table::add_row: {} cells for {} columns", row.size(), columns_.size()));
  rows_.push_back(std::move(row));
}

std::string format_real(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

namespace {

std::string text_of(const Value& v, int digits) {
  if (std::holds_alternative<std::monostate>(v)) return "";
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto i = std::get_if<long long>(&v)) return std::to_string(*i);
  double x = std::get<double>(v);
  if (!std::isfinite(x)) return format_real(x);
  return fmt::format("{:.{}g}", x, digits);
}

std::string csv_field(std::string_view f) {
  if (f.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(f);
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Display width of a cell: its code points (bytes that are not UTF-8 continuation bytes),
// so "Türkiye" (8 bytes) is 7 columns wide like "Germany". Characters drawn two columns wide
// (CJK) and combining marks are not told apart; geobalance's names are Latin script.
std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

void render_text(const Table& t, std::ostream& os) {
  const auto& cols = t.columns();
  std::vector<std::size_t> width(cols.size());
  std::vector<bool> numeric(cols.size(), true);
  std::vector<std::vector<std::string>> cells;
  cells.reserve(t.rows().size());
  for (std::size_t c = 0; c < cols.size(); ++c) width[c] = display_width(cols[c].name);
  for (const auto& row : t.rows()) {
    std::vector<std::string> r;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      r.push_back(text_of(row[c], cols[c].digits));
      width[c] = std::max(width[c], display_width(r.back()));
      if (std::holds_alternative<std::string>(row[c])) numeric[c] = false;
    }
    cells.push_back(std::move(r));
  }
  if (!t.title.empty()) os << t.title << '\n';
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) s += "  ";
      std::size_t pad = width[c] - display_width(r[c]);
      if (numeric[c]) s += std::string(pad, ' ') + r[c];
      else s += r[c] + std::string(pad, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    os << s << '\n';
  };
  std::vector<std::string> head;
  for (const auto& c : cols) head.push_back(c.name);
  line(head);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < cols.size(); ++c) rule.push_back(std::string(width[c], '-'));
  line(rule);
  for (const auto& r : cells) line(r);
}

void render_csv(const Table& t, std::ostream& os) {
  // One buffer, numbers through to_chars: rendering 16k rows must not dominate a command.
  const auto& cols = t.columns();
  std::string buf;
  buf.reserve(64 + t.rows().size() * cols.size() * 12);
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (c) buf += ',';
    buf += csv_field(cols[c].name);
  }
  buf += '\n';
  // Reals in full, never with an exponent (issue 15: "1.22022e+06" in a CSV is read as text
  // by some tools and hides digits): the shortest fixed-notation text that reads back as the
  // same double. The longest such text (5e-324) has 327 characters.
  char num[400];
  for (const auto& row : t.rows()) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) buf += ',';
      const Value& v = row[c];
      if (auto d = std::get_if<double>(&v)) {
        if (std::isfinite(*d)) {
          auto r = std::to_chars(num, num + sizeof num, *d, std::chars_format::fixed);
          buf.append(num, r.ptr);
        } else {
          buf += format_real(*d);
        }
      } else if (auto i = std::get_if<long long>(&v)) {
        auto r = std::to_chars(num, num + sizeof num, *i);
        buf.append(num, r.ptr);
      } else if (auto s = std::get_if<std::string>(&v)) {
        if (s->find_first_of(",\"\r\n") == std::string::npos) buf += *s;
        else buf += csv_field(*s);
      }
    }
    buf += '\n';
  }
  os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

void render_json(const Table& t, std::ostream& os) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& row : t.rows()) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < t.columns().size(); ++c) {
      const Value& v = row[c];
      const std::string& k = t.columns()[c].name;
      if (std::holds_alternative<std::monostate>(v)) o[k] = nullptr;
      else if (auto s = std::get_if<std::string>(&v)) o[k] = *s;
      else if (auto i = std::get_if<long long>(&v)) o[k] = *i;
      else {
        double d = std::get<double>(v);
        if (std::isfinite(d)) o[k] = d; else o[k] = nullptr;
      }
    }
    arr.push_back(std::move(o));
  }
  os << arr.dump(1) << '\n';
}

void render(const Table& t, Format f, std::ostream& os) {
  switch (f) {
    case Format::kTable: render_text(t, os); break;
    case Format::kCsv: render_csv(t, os); break;
    case Format::kJson: render_json(t, os); break;
  }
}

}  // namespace geobalance::report
