#include "geobalance/io/text_file.h"

#include <cstdio>

#include <sys/stat.h>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::io {

std::string read_text_file(const std::string& path, std::size_t max_bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw InputError(SourceLocation{path}, "file", "cannot be opened for reading (missing or unreadable)");
  if (S_ISDIR(st.st_mode)) throw InputError(SourceLocation{path}, "file", "is a folder; expected a file");
  auto too_big = [&] {
    return InputError(SourceLocation{path}, "file",
                      fmt::format("is larger than {}, the limit for this input (docs/limits.md)",
                                  max_bytes >= (std::size_t{1} << 20) ? fmt::format("{} MiB", max_bytes >> 20)
                                                                      : fmt::format("{} bytes", max_bytes)));
  };
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes) throw too_big();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(SourceLocation{path}, "file", "cannot be opened for reading (missing or unreadable)");
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    text.append(buf, n);
    if (text.size() > max_bytes) {
      std::fclose(f);
      throw too_big();
    }
  }
  bool err = std::ferror(f);
  std::fclose(f);
  if (err) throw InputError(SourceLocation{path}, "file", "could not be read (I/O error)");
  return text;
}

}  // namespace geobalance::io
