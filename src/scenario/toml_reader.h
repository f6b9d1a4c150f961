// Strict reading of TOML tables: every read marks its key as known; finish() rejects every
// key the schema did not read, at its file:line:col. Messages read
//   file:line:col: key 'power.weights.milex': found -1, expected a number >= 0
#ifndef GEOBALANCE_SRC_SCENARIO_TOML_READER_H_
#define GEOBALANCE_SRC_SCENARIO_TOML_READER_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "geobalance/error.h"

namespace geobalance::scenario::detail {

SourceLocation location_of(const std::string& file, const toml::node& n);
std::string describe(const toml::node& n);  // "a string 'x'", "an integer 5", "a table", ...

class TableReader {
 public:
  TableReader(const toml::table& t, std::string file, std::string prefix);

  const std::string& file() const { return file_; }
  /// Full dotted name of a key for messages.
  std::string name(std::string_view key) const;
  bool has(std::string_view key) const;
  const toml::node* node(std::string_view key);  // marks the key used

  std::string str(std::string_view key);                                  // required
  std::optional<std::string> opt_str(std::string_view key);
  double num(std::string_view key, double lo, double hi);                 // required, inclusive range
  std::optional<double> opt_num(std::string_view key, double lo, double hi);
  long long integer(std::string_view key, long long lo, long long hi);
  std::optional<long long> opt_integer(std::string_view key, long long lo, long long hi);
  std::optional<bool> opt_bool(std::string_view key);
  std::vector<std::string> str_list(std::string_view key, bool required, bool unique = true);
  const toml::table* opt_table(std::string_view key);
  const toml::table& table(std::string_view key);
  /// An array of tables ([[x]]); empty when absent.
  std::vector<const toml::table*> table_array(std::string_view key);

  [[noreturn]] void fail(std::string_view key, const std::string& what) const;
  [[noreturn]] void fail_missing(std::string_view key, const std::string& expected) const;
  /// Throws for the first key (in source order) that was never read.
  void finish() const;
  SourceLocation where() const { return location_of(file_, table_); }

 private:
  const toml::table& table_;
  std::string file_;
  std::string prefix_;
  std::set<std::string, std::less<>> used_;
};

/// Reads a number (integer or float) as double; fails at the node otherwise.
double as_number(const toml::node& n, const std::string& file, const std::string& name, double lo, double hi);

}  // namespace geobalance::scenario::detail

#endif  // GEOBALANCE_SRC_SCENARIO_TOML_READER_H_
