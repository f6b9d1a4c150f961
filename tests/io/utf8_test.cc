// UTF-8 checks (issue 16 item 5): invalid UTF-8 is an input error at its byte offset, and
// name lengths are counted in characters.
#include "geobalance/io/utf8.h"

#include "geobalance/io/csv.h"
#include "test_util.h"

namespace geobalance::io {
namespace {

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_EQ(first_invalid_utf8("plain ascii"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("T\xC3\xBCrkiye"), std::nullopt);        // ü = C3 BC
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x98\x80"), std::nullopt);      // U+1F600
  EXPECT_EQ(first_invalid_utf8("ab\xFF"), std::optional<std::size_t>(2));
  EXPECT_EQ(first_invalid_utf8("ab\xC3"), std::optional<std::size_t>(2));      // truncated sequence
  EXPECT_EQ(first_invalid_utf8("\xC0\xAF"), std::optional<std::size_t>(0));    // overlong '/'
  EXPECT_EQ(first_invalid_utf8("x\xED\xA0\x80"), std::optional<std::size_t>(1));  // surrogate U+D800
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), std::optional<std::size_t>(0));  // above U+10FFFF
}

TEST(Utf8, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length("T\xC3\xBCrkiye"), 7u);  // 8 bytes
  // 25 Cyrillic letters: 50 bytes, 25 characters.
  std::string name;
  for (int i = 0; i < 25; ++i) name += "\xD0\x96";
  EXPECT_EQ(name.size(), 50u);
  EXPECT_EQ(utf8_length(name), 25u);
}

TEST(Utf8, CsvNamesTheLineColumnAndByteOffset) {
  // "a,b\n" is 4 bytes, "x,\xFF" puts the bad byte at offset 6, line 2, column 3.
  EXPECT_THROW_MSG(CsvTable::parse("a,b\nx,\xFFy\n", "names.csv"), InputError,
                   "names.csv:2:3: file: found invalid UTF-8 at byte offset 6 (byte 0xFF), expected UTF-8 text");
  // CR-only line endings count as lines too (COW's country codes file is CR-only).
  EXPECT_THROW_MSG(CsvTable::parse("a,b\rx,\xFFy\r", "cr.csv"), InputError, "cr.csv:2:3: file: found invalid UTF-8");
}

TEST(Utf8, AByteOrderMarkAfterTheStartIsRefused) {
  EXPECT_EQ(CsvTable::parse("\xEF\xBB\xBFstate\nTurkey\n", "ok.csv").cell(0, 0), "Turkey");
  EXPECT_THROW_MSG(CsvTable::parse("state\nTurkey\n\xEF\xBB\xBFGreece\n", "joined.csv"), InputError,
                   "joined.csv:3:1: file: found a byte-order mark (U+FEFF) at byte offset 13, expected one only at "
                   "the start of the file");
}

}  // namespace
}  // namespace geobalance::io
