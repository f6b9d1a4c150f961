#include "geobalance/io/utf8.h"

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::io {

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;       // no overlong forms
      if (c == 0xED) hi = 0x9F;       // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;       // no overlong forms
      if (c == 0xF4) hi = 0x8F;       // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + 1 >= n || byte(i + 1) < lo || byte(i + 1) > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (i + k >= n || byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
    i += len;
  }
  return std::nullopt;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++count;
  return count;
}

void check_utf8(std::string_view text, const std::string& source) {
  const auto bad = first_invalid_utf8(text);
  if (!bad) return;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < *bad; ++k)
    if (text[k] == '\n' || (text[k] == '\r' && (k + 1 >= text.size() || text[k + 1] != '\n'))) {  // LF, CRLF, CR
      ++line;
      line_start = k + 1;
    }
  throw InputError(SourceLocation{source, line, static_cast<int>(*bad - line_start + 1)}, "file",
                   fmt::format("found invalid UTF-8 at byte offset {} (byte 0x{:02X}), expected UTF-8 text", *bad,
                               static_cast<unsigned char>(text[*bad])));
}

}  // namespace geobalance::io
