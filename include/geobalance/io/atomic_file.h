// Crash-safe output: everything geobalance writes goes to a temporary file in the target's
// folder and is renamed over the target only on commit(). An exception, Ctrl-C or SIGKILL
// before commit leaves no half-written target (at worst a stray ".tmp" file, which the
// destructor removes when it runs). A target that is a device or pipe (/dev/null, a FIFO) is
// written in place.
#ifndef GEOBALANCE_IO_ATOMIC_FILE_H_
#define GEOBALANCE_IO_ATOMIC_FILE_H_

#include <fstream>
#include <string>

namespace geobalance::io {

class AtomicFile {
 public:
  /// Opens "<path>.tmp.<pid>.<n>" for writing. Throws InputError naming the path when the
  /// folder does not exist or is not writable.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  const std::string& path() const { return path_; }
  /// Flushes, fsyncs and renames the temporary file over the target.
  void commit();

 private:
  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  bool committed_ = false;
  bool direct_ = false;  ///< the target is a device or pipe, written in place
};

/// Writes text to path atomically.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_ATOMIC_FILE_H_
