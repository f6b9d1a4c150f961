// Reading a whole input file (TOML, Gambit files, issue files; the CSV reader opens its files
// through open_input_file too) with a size limit. Only regular files are inputs: a FIFO would
// block forever waiting for a writer, and a device such as /dev/zero never ends, so both are
// refused, naming the path, before a byte is read.
#ifndef GEOBALANCE_IO_TEXT_FILE_H_
#define GEOBALANCE_IO_TEXT_FILE_H_

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>

namespace geobalance::io {

/// Default limit for whole-file text inputs (docs/limits.md).
inline constexpr std::size_t kMaxTextBytes = std::size_t{64} << 20;  // 64 MiB

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using InputFile = std::unique_ptr<std::FILE, FileCloser>;

/// Opens an input for reading. The file is opened without blocking and checked on the open
/// descriptor (no window between the check and the open), so a FIFO never blocks. Throws
/// InputError "PATH: file: ..." when the path does not exist or cannot be read ("cannot be
/// opened for reading (...)"), is a folder ("is a folder; expected a file"), or is anything
/// but a regular file ("is not a regular file (a FIFO, socket or device); expected a file").
InputFile open_input_file(const std::string& path);

/// The file's bytes. Throws InputError naming the path as open_input_file does, and when the
/// file holds more than max_bytes (checked from its size before reading).
std::string read_text_file(const std::string& path, std::size_t max_bytes = kMaxTextBytes);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_TEXT_FILE_H_
