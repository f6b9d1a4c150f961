#include "test_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <algorithm>
#include <cctype>

#include <csignal>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace geobalance::testing {

std::optional<std::string> shared_dir() {
  std::string d = GEOBALANCE_SHARED_DIR_DEFAULT;
  if (const char* env = std::getenv("GEOBALANCE_SHARED_DIR"); env && *env) d = env;
  std::error_code ec;
  if (fs::is_directory(d, ec)) return d;
  return std::nullopt;
}

std::optional<std::string> shared_file(const std::string& relative) {
  auto d = shared_dir();
  if (!d) return std::nullopt;
  std::string p = *d + "/" + relative;
  std::error_code ec;
  if (fs::exists(p, ec)) return p;
  return std::nullopt;
}

std::string source_dir() { return GEOBALANCE_SOURCE_DIR; }
std::string cli_path() { return GEOBALANCE_CLI_PATH; }

namespace {
std::string slurp_fd(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}
}  // namespace

CommandResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text) {
  TempDir tmp;
  std::string out_path = tmp.file("stdout"), err_path = tmp.file("stderr"), in_path = tmp.file("stdin");
  write_text(in_path, stdin_text);
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv;
    std::string exe = cli_path();
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  // A hung CLI must not stall the suite: kill it after 10 minutes (reported as 128 + 9).
  int status = 0;
  for (int waited_ms = 0;; waited_ms += 20) {
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    if (waited_ms >= 600'000) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    ::usleep(20000);
  }
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text(out_path);
  r.err = read_text(err_path);
  return r;
}

ProcessResult run_command(const std::vector<std::string>& argv_in, int timeout_seconds) {
  TempDir tmp;
  std::string out_path = tmp.file("stdout"), err_path = tmp.file("stderr");
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<std::string> copy = argv_in;
    std::vector<char*> argv;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ProcessResult r;
  int status = 0;
  for (int waited_ms = 0;; waited_ms += 50) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (waited_ms >= timeout_seconds * 1000) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    ::usleep(50000);
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text(out_path);
  r.err = read_text(err_path);
  return r;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "geobalance-test-XXXXXX").string();
  char* p = ::mkdtemp(tmpl.data());
  if (!p) throw std::runtime_error("mkdtemp failed");
  path_ = p;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::vector<std::string> TempDir::entries() const {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<ManifestLine> read_manifest(const std::string& path, std::size_t fields) {
  std::vector<ManifestLine> out;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    ManifestLine m;
    m.line = n;
    std::stringstream ss(line);
    std::string part;
    while (std::getline(ss, part, '\t')) m.fields.push_back(part);
    if (m.fields.size() != fields)
      m.problem = "line " + std::to_string(n) + " has " + std::to_string(m.fields.size()) + " fields, expected " +
                  std::to_string(fields);
    out.push_back(std::move(m));
  }
  return out;
}

std::string manifest_test_name(int line, const std::string& file) {
  std::string s = "L" + std::to_string(line) + "_" + file;
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

}  // namespace geobalance::testing
