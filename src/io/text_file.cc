#include "geobalance/io/text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::io {

InputFile open_input_file(const std::string& path) {
  auto fail = [&](const std::string& what) { return InputError(SourceLocation{path}, "file", what); };
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    if (e == ENOENT || e == ENOTDIR) throw fail("cannot be opened for reading (no such file)");
    if (e == EACCES || e == EPERM) throw fail("cannot be opened for reading (permission denied)");
    throw fail(fmt::format("cannot be opened for reading ({})", std::strerror(e)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw fail("cannot be opened for reading (fstat failed)");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    if (S_ISDIR(st.st_mode)) throw fail("is a folder; expected a file");
    throw fail("is not a regular file (a FIFO, socket or device); expected a file");
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  std::FILE* f = ::fdopen(fd, "rb");
  if (!f) {
    ::close(fd);
    throw fail("cannot be opened for reading (out of file handles)");
  }
  return InputFile(f);
}

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
  InputFile f = open_input_file(path);
  auto too_big = [&] {
    return InputError(SourceLocation{path}, "file",
                      fmt::format("is larger than {}, the limit for this input (docs/limits.md)",
                                  max_bytes >= (std::size_t{1} << 20) ? fmt::format("{} MiB", max_bytes >> 20)
                                                                      : fmt::format("{} bytes", max_bytes)));
  };
  struct stat st {};
  if (::fstat(::fileno(f.get()), &st) == 0 && static_cast<std::size_t>(st.st_size) > max_bytes) throw too_big();
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  // The size is checked again while reading: the file may grow after the fstat.
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    if (text.size() + n > max_bytes) throw too_big();
    text.append(buf, n);
  }
  if (std::ferror(f.get())) throw InputError(SourceLocation{path}, "file", "could not be read (I/O error)");
  return text;
}

}  // namespace geobalance::io
