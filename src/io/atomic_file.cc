#include "geobalance/io/atomic_file.h"

#include <atomic>
#include <cstdio>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geobalance/error.h"

namespace geobalance::io {

namespace {
std::atomic<unsigned> counter{0};
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw InputError(SourceLocation{}, "output path", "is empty; expected a file name");
  // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming over it
  // would replace the device node.
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw InputError(SourceLocation{path_}, "output file", "is a folder; expected a file name");
    direct_ = true;
    out_.open(path_, std::ios::binary);
    if (!out_) throw InputError(SourceLocation{path_}, "output file", "cannot be opened for writing");
    return;
  }
  tmp_ = path_ + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_)
    throw InputError(SourceLocation{path_}, "output file",
                     "cannot be created (does the folder exist and is it writable?)");
}

AtomicFile::~AtomicFile() {
  if (!committed_ && !direct_) {
    out_.close();
    std::remove(tmp_.c_str());
  }
}

void AtomicFile::commit() {
  if (direct_) {
    out_.flush();
    bool ok = static_cast<bool>(out_);
    out_.close();
    committed_ = true;
    if (!ok) throw InputError(SourceLocation{path_}, "output file", "could not be written");
    return;
  }
  out_.flush();
  bool ok = static_cast<bool>(out_);
  out_.close();
  if (ok) {
    int fd = ::open(tmp_.c_str(), O_RDONLY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
  if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    std::remove(tmp_.c_str());
    committed_ = true;
    throw InputError(SourceLocation{path_}, "output file", "could not be written (disk full or folder not writable)");
  }
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicFile f(path);
  f.stream() << text;
  f.commit();
}

}  // namespace geobalance::io
