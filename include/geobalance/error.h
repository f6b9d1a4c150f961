// Exception types of geobalance. Both derive from standard exceptions so the Python
// bindings translate them for free (InputError -> ValueError, ComputationError ->
// RuntimeError). They are thrown only at API boundaries and by parsers; model outcomes
// that are not bugs (non-convergence, step limits, cancellation) are Summary fields.
#ifndef GEOBALANCE_ERROR_H_
#define GEOBALANCE_ERROR_H_

#include <stdexcept>
#include <string>

namespace geobalance {

/// Where in a user's input something was found. line and column are 1-based; 0 = unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Renders "file:line:col" (shorter when line or column are unknown, empty with no file).
std::string to_string(const SourceLocation& loc);

/// Bad user input: a file, a flag, a value. The message reads
/// "file:line:col: subject: what was found, what was expected". The CLI exits with 2.
class InputError : public std::invalid_argument {
 public:
  /// A message with no position (e.g. a validator outside any file).
  explicit InputError(const std::string& message);
  /// subject names the field, e.g. "column 'milex'" or "key 'actors'".
  InputError(SourceLocation where, std::string subject, std::string what);

  const SourceLocation& where() const { return where_; }
  const std::string& subject() const { return subject_; }
  const std::string& what_part() const { return what_; }

 private:
  SourceLocation where_;
  std::string subject_;
  std::string what_;
};

/// A computation that could not be carried out (a singular system where one is required,
/// an internal limit). The CLI exits with 1.
class ComputationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace geobalance

#endif  // GEOBALANCE_ERROR_H_
