// UTF-8 checks for text inputs. Names read from files end up in JSON output, where invalid
// UTF-8 made the JSON writer fail with "internal error: [json.exception.type_error.316]";
// and name lengths are limits on what a reader sees, so they are counted in characters (code
// points), not bytes ("Türkiye" is 7 characters, 8 bytes).
#ifndef GEOBALANCE_IO_UTF8_H_
#define GEOBALANCE_IO_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace geobalance::io {

/// Byte offset (0-based) of the first byte that does not belong to a well-formed UTF-8
/// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Number of code points of well-formed UTF-8 text (continuation bytes are not counted).
std::size_t utf8_length(std::string_view text);

/// Throws InputError "source:line:col: file: found invalid UTF-8 at byte offset N (byte 0xHH),
/// expected UTF-8 text" (line and column 1-based, column in bytes) when text is not UTF-8.
void check_utf8(std::string_view text, const std::string& source);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_UTF8_H_
