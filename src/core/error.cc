#include "geobalance/error.h"

namespace geobalance {

std::string to_string(const SourceLocation& loc) {
  if (loc.file.empty()) return {};
  std::string s = loc.file;
  if (loc.line > 0) {
    s += ':' + std::to_string(loc.line);
    if (loc.column > 0) s += ':' + std::to_string(loc.column);
  }
  return s;
}

namespace {
std::string compose(const SourceLocation& where, const std::string& subject,
                    const std::string& what) {
  std::string msg = to_string(where);
  if (!msg.empty()) msg += ": ";
  if (!subject.empty()) msg += subject + ": ";
  msg += what;
  return msg;
}
}  // namespace

InputError::InputError(const std::string& message) : std::invalid_argument(message), what_(message) {}

InputError::InputError(SourceLocation where, std::string subject, std::string what)
    : std::invalid_argument(compose(where, subject, what)),
      where_(std::move(where)),
      subject_(std::move(subject)),
      what_(std::move(what)) {}

}  // namespace geobalance
