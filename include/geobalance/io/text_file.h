// Reading a whole text input (TOML, Gambit files, issue files) with a size limit, so a
// device such as /dev/zero or an enormous file fails fast with a clear message instead of
// exhausting memory.
#ifndef GEOBALANCE_IO_TEXT_FILE_H_
#define GEOBALANCE_IO_TEXT_FILE_H_

#include <cstddef>
#include <string>

namespace geobalance::io {

/// Default limit for whole-file text inputs (docs/limits.md).
inline constexpr std::size_t kMaxTextBytes = std::size_t{64} << 20;  // 64 MiB

/// The file's bytes. Throws InputError naming the path when it cannot be opened, is a
/// folder, or holds more than max_bytes (checked from its size when it is a regular file,
/// and while reading otherwise).
std::string read_text_file(const std::string& path, std::size_t max_bytes = kMaxTextBytes);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_TEXT_FILE_H_
