// The one CSV reader of geobalance (RFC 4180 plus what real datasets ship): quoted fields
// with "" escapes, embedded commas and newlines, LF, CRLF and CR-only line endings (COW's
// COW-country-codes.csv is CR-only with no final newline), a UTF-8 byte-order mark, and
// blank trailing lines. Columns are found by name, never by position. Every typed accessor
// reports a bad cell as
//   file:line:col: column 'milex': found '-5x', expected a non-negative integer or -9
// where line and column are where the cell starts in the file (1-based).
//
// Cost: one read of the file and one pass over its bytes; cells are views into the buffer.
#ifndef GEOBALANCE_IO_CSV_H_
#define GEOBALANCE_IO_CSV_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geobalance/error.h"

namespace geobalance::io {

/// Sizes the reader accepts (docs/limits.md). Beyond them read_file/parse fail fast with an
/// InputError naming the limit, instead of exhausting memory. The largest shipped dataset
/// (../shared ideal points) is 2.7 MB, about 100 000 rows, 60 columns.
inline constexpr std::size_t kMaxCsvBytes = std::size_t{256} << 20;  ///< 256 MiB per file
inline constexpr std::size_t kMaxCsvRows = 5'000'000;                ///< data rows per file
inline constexpr std::size_t kMaxCsvColumns = 4096;                  ///< cells per row (header too)
inline constexpr std::size_t kMaxCsvCells = 50'000'000;              ///< data cells per file

/// How "missing" is spelled in a column. Empty cells and NA are always missing where a
/// missing value is allowed; COW's -9 is missing only where the format says so.
enum class Missing {
  kNotAllowed,  ///< every cell must hold a value
  kBlankOrNA,   ///< "", "NA", "N/A", "." are missing
  kCow,         ///< as kBlankOrNA, and COW's -9 too
};

/// A parsed CSV file: a header row and data rows. Immutable once parsed.
class CsvTable {
 public:
  /// Reads and parses a file. Throws InputError when it cannot be opened or is malformed
  /// (an unterminated quote, a row with more cells than the header, an empty file), or when
  /// it exceeds a limit above (a file over kMaxCsvBytes is refused before it is read).
  static CsvTable read_file(const std::string& path);
  /// Parses text; source names it in messages (a path, or "<stdin>").
  static CsvTable parse(std::string text, std::string source);

  const std::string& source() const { return source_; }
  std::size_t num_rows() const { return row_start_.size() - 1; }
  std::size_t num_columns() const { return header_.size(); }
  const std::vector<std::string>& header() const { return header_; }

  /// Index of the column with this name (exact match after trimming spaces), if any.
  std::optional<std::size_t> find_column(std::string_view name) const;
  /// As find_column, but throws InputError "file:1:1: column 'x': missing; the header has …".
  std::size_t require_column(std::string_view name) const;

  /// Raw cell text (unquoted, unescaped). Rows shorter than the header read as "".
  std::string_view cell(std::size_t row, std::size_t col) const;
  /// Where the cell starts in the file (for messages). For short rows: the row's end.
  SourceLocation location(std::size_t row, std::size_t col) const;
  /// 1-based file line on which data row `row` starts.
  int line_of_row(std::size_t row) const;

  /// True when the cell is missing under the policy.
  bool is_missing(std::size_t row, std::size_t col, Missing policy) const;

  /// Typed accessors. `expected` completes "expected …" in the error message; when empty a
  /// default description is used. Values must be finite; non-negativity is checked when
  /// nonnegative is true (a missing -9 is accepted under Missing::kCow before that check).
  long long get_int(std::size_t row, std::size_t col, bool nonnegative = false) const;
  std::optional<long long> get_int(std::size_t row, std::size_t col, Missing policy,
                                   bool nonnegative = false) const;
  double get_double(std::size_t row, std::size_t col, bool nonnegative = false) const;
  std::optional<double> get_double(std::size_t row, std::size_t col, Missing policy,
                                   bool nonnegative = false) const;
  std::string_view get_string(std::size_t row, std::size_t col, bool allow_empty = false) const;

  /// Throws InputError at the cell: "file:line:col: column 'name': found 'x', expected …".
  [[noreturn]] void fail_cell(std::size_t row, std::size_t col, std::string_view expected) const;
  /// Throws InputError at the start of a row with a free-form subject and message.
  [[noreturn]] void fail_row(std::size_t row, std::string_view subject, std::string_view what) const;

 private:
  struct Cell {
    std::uint32_t offset;
    std::uint32_t length;
    std::uint32_t line;
    std::uint32_t column;
  };
  std::string text_;
  std::string source_;
  std::vector<std::string> header_;
  std::vector<Cell> cells_;            // all data cells, row-major
  std::vector<std::uint32_t> row_start_;  // index into cells_ of each row, plus one past the end
  std::vector<std::uint32_t> row_line_;   // line where each row starts
  std::vector<std::uint32_t> row_end_column_;  // column just past the row's last cell
};

/// Parses a whole cell as a finite double (no surrounding spaces except trimmed ASCII
/// blanks). Returns nullopt for anything else, including "nan" and "inf".
std::optional<double> parse_double(std::string_view s);
/// Parses a whole cell as a 64-bit integer; "12.0" is accepted as 12 (Stata/R exports).
std::optional<long long> parse_int(std::string_view s);

/// Quotes a field for CSV output when it contains a comma, quote, CR or LF.
std::string csv_escape(std::string_view field);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_CSV_H_
