#include "geobalance/io/output_folder.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "geobalance/error.h"

namespace geobalance::io {

namespace {

constexpr const char* kManifestHeader =
    "# geobalance outputs: the files geobalance wrote in this folder (it never replaces or deletes others)";

// An exclusive lock on the folder itself (flock on its descriptor), held while the manifest is
// read, changed and rewritten.
class FolderLock {
 public:
  explicit FolderLock(const std::string& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FolderLock() {
    if (fd_ >= 0) {
      ::flock(fd_, LOCK_UN);
      ::close(fd_);
    }
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

bool is_temp_name(const std::string& name) {
  return !name.empty() && name[0] == '.' && name.find(kOutputTempMarker) != std::string::npos;
}

// A plain file name geobalance may own.
std::string name_problem(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is not a file name";
  if (name.find('/') != std::string::npos) return "contains '/'; expected a file name inside the folder";
  if (name.find('\0') != std::string::npos || name.find('\n') != std::string::npos)
    return "contains a NUL or newline character";
  if (name == kOutputManifest) return "is geobalance's manifest";
  if (is_temp_name(name)) return "is a temporary-file name";
  return {};
}

// Writes all bytes to fd; false on any error.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

OutputFolder::OutputFolder(std::string path) : path_(std::move(path)), dir_(path_) {
  if (path_.empty()) throw InputError(SourceLocation{}, "output folder", "is empty; expected a folder name");
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

void OutputFolder::preflight() {
  auto fail = [&](const std::string& what) { return InputError(SourceLocation{path_}, "output folder", what); };
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  struct stat st {};
  if (::stat(dir_.c_str(), &st) != 0)
    throw fail(fmt::format("cannot be created ({})", ec ? ec.message() : std::strerror(errno)));
  if (!S_ISDIR(st.st_mode)) throw fail("is a file, not a folder; expected a folder for the outputs");
  // Writable: create and remove a probe file (access() ignores read-only mounts).
  const std::string probe = file(std::string(".probe") + kOutputTempMarker + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw fail(fmt::format("is not writable ({})", std::strerror(errno)));
  ::close(fd);
  ::unlink(probe.c_str());
  (void)read_manifest();  // a damaged manifest is reported now, not after the computation
  clean_leftovers();
  preflighted_ = true;
}

std::vector<std::string> OutputFolder::read_manifest() const {
  const std::string path = file(kOutputManifest);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return {};
  if (!S_ISREG(st.st_mode))
    throw InputError(SourceLocation{path}, "manifest", "is not a regular file; expected geobalance's list of its outputs");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path}, "manifest", "cannot be read");
  std::vector<std::string> names;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (const std::string p = name_problem(line); !p.empty())
      throw InputError(SourceLocation{path, n, 1}, "manifest",
                       fmt::format("found '{}', which {}; expected one file name a line", line, p));
    if (std::find(names.begin(), names.end(), line) == names.end()) names.push_back(line);
  }
  return names;
}

void OutputFolder::write_manifest(const std::vector<std::string>& names) const {
  std::string text = std::string(kManifestHeader) + "\n";
  for (const auto& n : names) text += n + "\n";
  const std::string target = file(kOutputManifest);
  const std::string tmp = file(std::string(kOutputManifest) + kOutputTempMarker + std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  bool ok = fd >= 0 && write_all(fd, text) && ::fsync(fd) == 0;
  if (fd >= 0) ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw InputError(SourceLocation{target}, "manifest", "could not be written (disk full or folder not writable)");
  }
}

bool OutputFolder::may_write(const std::string& name) const {
  if (const std::string p = name_problem(name); !p.empty())
    throw InputError(SourceLocation{path_}, fmt::format("output name '{}'", name), p);
  struct stat st {};
  if (::lstat(file(name).c_str(), &st) != 0) return true;
  const std::vector<std::string> owned = read_manifest();
  return S_ISREG(st.st_mode) && std::find(owned.begin(), owned.end(), name) != owned.end();
}

void OutputFolder::check_writable(const std::vector<std::string>& names) const {
  for (const auto& name : names)
    if (!may_write(name))
      throw InputError(SourceLocation{file(name)}, "output file",
                       "exists and was not written by geobalance; geobalance never replaces a file it did not create: "
                       "move it or choose another output folder");
}

void OutputFolder::write(const std::string& name, std::string_view contents) {
  if (!preflighted_) preflight();
  FolderLock lock(dir_);
  check_writable({name});
  const std::string target = file(name);
  const std::string tmp = file("." + name + kOutputTempMarker + std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw InputError(SourceLocation{target}, "output file", fmt::format("cannot be created ({})", std::strerror(errno)));
  bool ok = write_all(fd, contents) && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw InputError(SourceLocation{target}, "output file", "could not be written (disk full or folder not writable)");
  }
  if (lock.fd() >= 0) ::fsync(lock.fd());  // the rename itself reaches the disk
  // The manifest is updated after the rename: a crash in between leaves a file geobalance will
  // not overwrite later (the safe side), never a listed name geobalance did not write.
  std::vector<std::string> names = read_manifest();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    names.push_back(name);
    write_manifest(names);
  }
}

void OutputFolder::remove(const std::string& name) {
  if (const std::string p = name_problem(name); !p.empty())
    throw InputError(SourceLocation{path_}, fmt::format("output name '{}'", name), p);
  FolderLock lock(dir_);
  std::vector<std::string> names = read_manifest();
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    throw InputError(SourceLocation{file(name)}, "output file",
                     "was not written by geobalance; geobalance never deletes a file it did not create");
  if (::unlink(file(name).c_str()) != 0 && errno != ENOENT)
    throw InputError(SourceLocation{file(name)}, "output file", fmt::format("cannot be removed ({})", std::strerror(errno)));
  names.erase(it);
  write_manifest(names);
}

std::vector<std::string> OutputFolder::owned() const { return read_manifest(); }

std::vector<std::string> OutputFolder::clean_leftovers() {
  std::vector<std::string> removed;
  DIR* d = ::opendir(dir_.c_str());
  if (d == nullptr) return removed;
  std::vector<std::string> candidates;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (is_temp_name(name)) candidates.push_back(name);
  }
  ::closedir(d);
  for (const auto& name : candidates) {
    const std::string digits = name.substr(name.rfind(kOutputTempMarker) + std::strlen(kOutputTempMarker));
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0 || pid == ::getpid()) continue;
    // Only a process that no longer exists: a live one (a concurrent run) keeps its file.
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;
    struct stat st {};
    if (::lstat(file(name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (::unlink(file(name).c_str()) == 0) removed.push_back(name);
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

}  // namespace geobalance::io
