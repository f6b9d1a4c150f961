#include "geobalance/io/csv.h"
#include "geobalance/io/text_file.h"
#include "geobalance/io/utf8.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>

#include <fmt/format.h>

namespace geobalance::io {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string printable(std::string_view s) {
  // Cells are echoed in messages; keep them short and free of control bytes.
  std::string out;
  for (char c : s.substr(0, 60)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
    else out += c;
  }
  if (s.size() > 60) out += "...";
  return out;
}

// Drops one leading '+'. A second sign after it ("+-5", "++5") is malformed: from_chars
// would read "-5" and the cell would silently become negative.
bool strip_plus(std::string_view& s) {
  if (s.front() != '+') return true;
  s.remove_prefix(1);
  return !s.empty() && s.front() != '-' && s.front() != '+';
}

}  // namespace

std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (!strip_plus(s)) return std::nullopt;
  // Most cells of the datasets are integers: the integer parser is several times cheaper
  // than the double one and exact for them (|v| < 2^53 converts without rounding).
  long long iv = 0;
  auto [ip, iec] = std::from_chars(s.data(), s.data() + s.size(), iv);
  if (iec == std::errc() && ip == s.data() + s.size() && iv > -(1LL << 53) && iv < (1LL << 53))
    return static_cast<double>(iv);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_int(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  if (!strip_plus(s)) return std::nullopt;
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size()) return v;
  // Accept an integral value written with a fraction of zeros, e.g. "12.0".
  if (ec == std::errc() && *p == '.') {
    const char* q = p + 1;
    const char* end = s.data() + s.size();
    if (q == end) return std::nullopt;
    for (; q < end; ++q)
      if (*q != '0') return std::nullopt;
    return v;
  }
  return std::nullopt;
}

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

CsvTable CsvTable::read_file(const std::string& path) {
  // Only regular files: a FIFO or a device is refused, naming the path, before it is read.
  InputFile f = open_input_file(path);
  const std::string too_large =
      fmt::format("is larger than {} MiB, the CSV reader's limit (docs/limits.md)", kMaxCsvBytes >> 20);
  // Refuse an oversized file before reading any of it; a growing file is checked as it streams.
  struct stat st {};
  if (fstat(fileno(f.get()), &st) == 0 && static_cast<std::uintmax_t>(st.st_size) > kMaxCsvBytes)
    throw InputError(SourceLocation{path}, "file", too_large);
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    if (text.size() + n > kMaxCsvBytes)  // checked before growing: memory stays under the limit
      throw InputError(SourceLocation{path}, "file", too_large);
    text.append(buf, n);
  }
  if (std::ferror(f.get())) throw InputError(SourceLocation{path}, "file", "could not be read (I/O error)");
  return parse(std::move(text), path);
}

CsvTable CsvTable::parse(std::string text, std::string source) {
  CsvTable t;
  t.source_ = std::move(source);
  t.text_ = std::move(text);
  std::string& s = t.text_;
  if (s.size() > kMaxCsvBytes)
    throw InputError(SourceLocation{t.source_}, "file",
                     fmt::format("is larger than {} MiB, the CSV reader's limit (docs/limits.md)", kMaxCsvBytes >> 20));
  std::size_t i = 0;
  const std::size_t n = s.size();
  if (n >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
      static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF)
    i = 3;
  if (s.find('\0') != std::string::npos) {
    std::size_t z = s.find('\0');
    std::uint32_t line = 1;
    std::size_t start = 0;
    for (std::size_t k = 0; k < z; ++k)
      if (s[k] == '\n' || (s[k] == '\r' && (k + 1 >= n || s[k + 1] != '\n'))) {
        ++line;
        start = k + 1;
      }
    throw InputError(SourceLocation{t.source_, static_cast<int>(line), static_cast<int>(z - start + 1)}, "file",
                     "contains a NUL byte; expected a text CSV file");
  }

  // Names read here end up in JSON output: invalid UTF-8 is an input error at its byte offset
  // (it made the JSON writer fail as an internal error), and so is a byte-order mark after the
  // start (a concatenated file's BOM became part of a state name).
  check_utf8(s, t.source_);
  if (std::size_t b = s.find("\xEF\xBB\xBF", i); b != std::string::npos) {
    std::uint32_t bl = 1;
    std::size_t start = 0;
    for (std::size_t k = 0; k < b; ++k)
      if (s[k] == '\n' || (s[k] == '\r' && (k + 1 >= n || s[k + 1] != '\n'))) {
        ++bl;
        start = k + 1;
      }
    throw InputError(SourceLocation{t.source_, static_cast<int>(bl), static_cast<int>(b - start + 1)}, "file",
                     fmt::format("found a byte-order mark (U+FEFF) at byte offset {}, expected one only at the start "
                                 "of the file (were two files joined?)",
                                 b));
  }

  std::uint32_t line = 1;
  std::size_t line_start = i;
  std::vector<Cell> row;
  bool header_done = false;
  bool first_quoted = false;
  std::uint32_t row_line = 1;

  auto column_of = [&](std::size_t pos) {
    return static_cast<std::uint32_t>(pos - line_start + 1);
  };
  auto finish_row = [&](std::size_t end_pos) {
    // A blank line (one empty unquoted cell) is skipped.
    if (row.size() == 1 && row[0].length == 0 && !first_quoted) { row.clear(); return; }
    if (!header_done) {
      for (const Cell& c : row) {
        std::string name(trim(std::string_view(s).substr(c.offset, c.length)));
        for (const std::string& h : t.header_)
          if (!name.empty() && h == name)
            throw InputError(SourceLocation{t.source_, static_cast<int>(c.line), static_cast<int>(c.column)},
                             fmt::format("column '{}'", name), "appears twice in the header; column names must be unique");
        t.header_.push_back(std::move(name));
      }
      header_done = true;
    } else {
      if (row.size() > t.header_.size()) {
        // Trailing empty cells beyond the header are tolerated (spreadsheet exports).
        bool extra_empty = true;
        for (std::size_t k = t.header_.size(); k < row.size(); ++k) extra_empty &= row[k].length == 0;
        if (!extra_empty) {
          const Cell& c = row[t.header_.size()];
          throw InputError(SourceLocation{t.source_, static_cast<int>(c.line), static_cast<int>(c.column)},
                           "row", fmt::format("has {} cells but the header has {} columns", row.size(), t.header_.size()));
        }
        row.resize(t.header_.size());
      }
      if (t.row_start_.size() > kMaxCsvRows || t.cells_.size() + row.size() > kMaxCsvCells)
        throw InputError(SourceLocation{t.source_, static_cast<int>(row_line), 1}, "row",
                         fmt::format("is beyond the CSV reader's limit of {} rows and {} cells per file "
                                     "(docs/limits.md); expected a smaller file",
                                     kMaxCsvRows, kMaxCsvCells));
      t.cells_.insert(t.cells_.end(), row.begin(), row.end());
      t.row_start_.push_back(static_cast<std::uint32_t>(t.cells_.size()));
      t.row_line_.push_back(row_line);
      t.row_end_column_.push_back(column_of(end_pos));
    }
    row.clear();
  };

  // Pre-size from the delimiter count so the cell array is allocated once.
  {
    std::size_t commas = 0, lines = 0;
    for (std::size_t k = i; k < n; ++k) {
      commas += s[k] == ',';
      lines += s[k] == '\n';
    }
    // Capped: a file of nothing but commas must not reserve the whole cell limit up front.
    t.cells_.reserve(std::min<std::size_t>(commas + lines + 1, 4'000'000));
    lines = std::min<std::size_t>(lines, 1'000'000);
    t.row_start_.reserve(lines + 2);
    t.row_line_.reserve(lines + 1);
    t.row_end_column_.reserve(lines + 1);
  }
  t.row_start_.push_back(0);
  while (i < n || !row.empty()) {
    if (i >= n) { finish_row(n); break; }
    if (row.empty()) { row_line = line; first_quoted = s[i] == '"'; }
    // Parse one field starting at i.
    Cell c{};
    c.line = line;
    c.column = column_of(i);
    if (s[i] == '"') {
      std::size_t open_line = line, open_col = c.column;
      ++i;
      std::size_t w = i;  // write position for unescaping in place
      c.offset = static_cast<std::uint32_t>(i);
      bool closed = false;
      while (i < n) {
        char ch = s[i];
        if (ch == '"') {
          if (i + 1 < n && s[i + 1] == '"') { s[w++] = '"'; i += 2; continue; }
          ++i; closed = true; break;
        }
        if (ch == '\n' || ch == '\r') {
          if (ch == '\r' && i + 1 < n && s[i + 1] == '\n') { s[w++] = s[i++]; }
          ++line; s[w++] = s[i++]; line_start = i; continue;
        }
        s[w++] = s[i++];
      }
      if (!closed)
        throw InputError(SourceLocation{t.source_, static_cast<int>(open_line), static_cast<int>(open_col)},
                         "quoted field", "is not closed before the end of the file; expected a closing '\"'");
      c.length = static_cast<std::uint32_t>(w - c.offset);
      // After a closing quote: spaces, then a delimiter or a line end.
      while (i < n && (s[i] == ' ' || s[i] == '\t')) ++i;
      if (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
        throw InputError(SourceLocation{t.source_, static_cast<int>(line), static_cast<int>(column_of(i))},
                         "quoted field", fmt::format("is followed by '{}'; expected a comma or a line end", printable(s.substr(i, 1))));
    } else {
      c.offset = static_cast<std::uint32_t>(i);
      while (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r') ++i;
      c.length = static_cast<std::uint32_t>(i - c.offset);
    }
    if (row.size() >= kMaxCsvColumns)
      throw InputError(SourceLocation{t.source_, static_cast<int>(c.line), static_cast<int>(c.column)}, "row",
                       fmt::format("has more than {} cells, the CSV reader's limit (docs/limits.md)", kMaxCsvColumns));
    row.push_back(c);
    if (i >= n) { finish_row(n); break; }
    if (s[i] == ',') { ++i; if (i >= n) { row.push_back(Cell{static_cast<std::uint32_t>(i), 0, line, column_of(i)}); finish_row(n); break; } continue; }
    // Line end: \n, \r\n or \r alone.
    std::size_t end_pos = i;
    if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') i += 2; else ++i;
    finish_row(end_pos);
    ++line;
    line_start = i;
  }
  if (!header_done)
    throw InputError(SourceLocation{t.source_, 1, 1}, "file", "is empty; expected a header row");
  return t;
}

std::optional<std::size_t> CsvTable::find_column(std::string_view name) const {
  for (std::size_t k = 0; k < header_.size(); ++k)
    if (header_[k] == name) return k;
  return std::nullopt;
}

std::size_t CsvTable::require_column(std::string_view name) const {
  if (auto k = find_column(name)) return *k;
  std::string cols;
  for (std::size_t k = 0; k < header_.size() && k < 30; ++k) cols += (k ? ", " : "") + header_[k];
  if (header_.size() > 30) cols += ", ...";
  throw InputError(SourceLocation{source_, 1, 1}, fmt::format("column '{}'", name),
                   fmt::format("required but missing; the header has: {}", cols));
}

std::string_view CsvTable::cell(std::size_t row, std::size_t col) const {
  std::size_t b = row_start_[row], e = row_start_[row + 1];
  if (b + col >= e) return {};
  const Cell& c = cells_[b + col];
  return std::string_view(text_).substr(c.offset, c.length);
}

SourceLocation CsvTable::location(std::size_t row, std::size_t col) const {
  std::size_t b = row_start_[row], e = row_start_[row + 1];
  if (b + col >= e) return {source_, static_cast<int>(row_line_[row]), static_cast<int>(row_end_column_[row])};
  const Cell& c = cells_[b + col];
  return {source_, static_cast<int>(c.line), static_cast<int>(c.column)};
}

int CsvTable::line_of_row(std::size_t row) const { return static_cast<int>(row_line_[row]); }

bool CsvTable::is_missing(std::size_t row, std::size_t col, Missing policy) const {
  if (policy == Missing::kNotAllowed) return false;
  std::string_view v = trim(cell(row, col));
  if (v.empty() || v == "NA" || v == "N/A" || v == "." || v == "na") return true;
  if (policy == Missing::kCow) {
    auto x = parse_double(v);
    return x && *x == -9.0;
  }
  return false;
}

void CsvTable::fail_cell(std::size_t row, std::size_t col, std::string_view expected) const {
  throw InputError(location(row, col), fmt::format("column '{}'", header_[col]),
                   fmt::format("found '{}', expected {}", printable(cell(row, col)), expected));
}

void CsvTable::fail_row(std::size_t row, std::string_view subject, std::string_view what) const {
  throw InputError(SourceLocation{source_, line_of_row(row), 1}, std::string(subject), std::string(what));
}

namespace {
std::string describe(bool integer, bool nonnegative, Missing policy) {
  std::string d = nonnegative ? (integer ? "a non-negative integer" : "a non-negative number")
                              : (integer ? "an integer" : "a finite number");
  if (policy == Missing::kCow) d += " or -9";
  else if (policy == Missing::kBlankOrNA) d += " or an empty/NA cell";
  return d;
}
}  // namespace

long long CsvTable::get_int(std::size_t row, std::size_t col, bool nonnegative) const {
  auto v = parse_int(cell(row, col));
  if (!v || (nonnegative && *v < 0)) fail_cell(row, col, describe(true, nonnegative, Missing::kNotAllowed));
  return *v;
}

std::optional<long long> CsvTable::get_int(std::size_t row, std::size_t col, Missing policy,
                                           bool nonnegative) const {
  if (is_missing(row, col, policy)) return std::nullopt;
  auto v = parse_int(cell(row, col));
  if (!v || (nonnegative && *v < 0)) fail_cell(row, col, describe(true, nonnegative, policy));
  return *v;
}

double CsvTable::get_double(std::size_t row, std::size_t col, bool nonnegative) const {
  auto v = parse_double(cell(row, col));
  if (!v || (nonnegative && *v < 0)) fail_cell(row, col, describe(false, nonnegative, Missing::kNotAllowed));
  return *v;
}

std::optional<double> CsvTable::get_double(std::size_t row, std::size_t col, Missing policy,
                                           bool nonnegative) const {
  // Parse once: the common case is a plain number, then decide on missingness.
  std::string_view raw = cell(row, col);
  auto v = parse_double(raw);
  if (v) {
    if (policy == Missing::kCow && *v == -9.0) return std::nullopt;
    if (nonnegative && *v < 0) fail_cell(row, col, describe(false, nonnegative, policy));
    return *v;
  }
  if (is_missing(row, col, policy)) return std::nullopt;
  fail_cell(row, col, describe(false, nonnegative, policy));
}

std::string_view CsvTable::get_string(std::size_t row, std::size_t col, bool allow_empty) const {
  std::string_view v = trim(cell(row, col));
  if (v.empty() && !allow_empty) fail_cell(row, col, "a non-empty value");
  return v;
}

}  // namespace geobalance::io
