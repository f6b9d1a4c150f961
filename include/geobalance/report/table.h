// A small typed table and its three renderers (aligned text, CSV, JSON). Every CLI
// subcommand that prints rows builds a Table and hands it to render(); no model code knows
// about output formats.
#ifndef GEOBALANCE_REPORT_TABLE_H_
#define GEOBALANCE_REPORT_TABLE_H_

#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace geobalance::report {

enum class Format { kTable, kCsv, kJson };
/// "table" | "csv" | "json"; throws InputError otherwise.
Format format_from_string(std::string_view s);
std::string to_string(Format f);

/// A cell: empty (missing), text, integer or real.
using Value = std::variant<std::monostate, std::string, long long, double>;

struct Column {
  std::string name;
  /// Significant digits for reals in text tables; CSV and JSON print shortest round-trip.
  int digits = 6;
};

class Table {
 public:
  Table() = default;
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  /// Columns by name only (digits 6). Takes const char* so that {"name", digits} pairs
  /// resolve to Column, never to std::string(const char*, count).
  Table(std::initializer_list<const char*> names);

  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<std::vector<Value>>& rows() const { return rows_; }
  /// Appends a row; its size must equal the number of columns (checked).
  void add_row(std::vector<Value> row);
  std::string title;  ///< printed above a text table, ignored by CSV and JSON

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Value>> rows_;
};

void render_text(const Table& t, std::ostream& os);
/// Reals in CSV are written in full in fixed notation (0.0000001, never 1e-07), the shortest
/// such text that reads back as the same double.
void render_csv(const Table& t, std::ostream& os);
/// A JSON array of objects keyed by column name; missing cells are null.
void render_json(const Table& t, std::ostream& os);
void render(const Table& t, Format f, std::ostream& os);

/// Shortest round-trip text of a double ("0.1", "1e-07").
std::string format_real(double x);

}  // namespace geobalance::report

#endif  // GEOBALANCE_REPORT_TABLE_H_
