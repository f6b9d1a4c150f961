// The deterministic fuzz gate (issue 19): a main() for any harness in tests/fuzz, linked
// instead of libFuzzer's. It replays a fixed set of inputs and a bounded, seeded set of
// mutations of them, with no coverage feedback, no timing and no state kept between runs,
// so the same commit executes exactly the same inputs on every machine and in every folder.
// Open-ended, coverage-guided campaigns stay with libFuzzer (tools/fuzz.sh); what they find
// is committed under tests/fuzz/corpus/<target>/ and replayed here from then on.
//
//   <target>_replay [--mutations N] [--seed S] [--max-len BYTES] [--timeout SECONDS]
//                   [--artifacts DIR] [--head FILE]... PATH...
//
// PATH: a file, or a folder whose regular files are read (recursively). --head FILE adds the
// first 40 lines (at most 4096 bytes) of FILE, as tools/fuzz.sh seeds libFuzzer from
// ../shared; a missing --head file is reported and skipped (../shared may be absent).
// Inputs are sorted by content (then name), so neither the folder listing order nor the
// path of the clone changes anything. Each input is run as it is, then N mutants of it are
// run; mutant k of input i is a pure function of (seed, the input's bytes, k, the sorted
// corpus). The last line is "replay: TARGET: I inputs, E executions, digest D, clean" with
// D a 64-bit FNV-1a digest of every executed input: two runs agree exactly when D agrees.
//
// A finding (an uncaught exception, a sanitizer report, a signal, an input that runs longer
// than --timeout) writes the input to DIR/crash-TARGET-HASH (DIR from --artifacts, default
// the working folder), prints how to reproduce it, and exits non-zero.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

struct Input {
  std::string name;
  std::string bytes;
};

// --- the input being executed, for the crash handlers (async-signal-safe writes only) ---
const char* g_current = nullptr;
std::size_t g_current_size = 0;
char g_artifact_path[4096];

void write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void save_current() {
  if (!g_current) return;
  int fd = ::open(g_artifact_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    write_all(fd, g_current, g_current_size);
    ::close(fd);
  }
  const char msg[] = "\nreplay: FINDING; the input is saved as ";
  write_all(2, msg, sizeof msg - 1);
  write_all(2, g_artifact_path, std::strlen(g_artifact_path));
  const char msg2[] = " (reproduce: run this program, or the libFuzzer build of the target, on that file)\n";
  write_all(2, msg2, sizeof msg2 - 1);
}

extern "C" void on_signal(int sig) {
  if (sig == SIGALRM) {
    const char msg[] = "\nreplay: TIMEOUT: one input ran longer than --timeout";
    write_all(2, msg, sizeof msg - 1);
  }
  save_current();
  g_current = nullptr;
  ::signal(sig == SIGALRM ? SIGABRT : sig, SIG_DFL);
  ::raise(sig == SIGALRM ? SIGABRT : sig);
}

void on_terminate() {
  try {
    if (auto e = std::current_exception()) std::rethrow_exception(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\nreplay: uncaught exception: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "\nreplay: uncaught exception of an unknown type\n");
  }
  save_current();
  g_current = nullptr;
  std::abort();
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// SplitMix64: a tiny generator whose output depends on nothing but its seed.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

// Characters and tokens that matter to the project's parsers: separators, quotes, TOML and
// Gambit punctuation, numbers at the edges of what a double or an int64 holds, BOM, bad UTF-8.
constexpr std::string_view kBytes = ",;\n\r\t \"'=[]{}().-+0123456789eE#:/\\";
const std::vector<std::string_view> kTokens = {
    "66666666666666666", "9223372036854775808", "-9223372036854775809", "1e308", "1.7e308",
    "-1e308", "1e-320", "4.9e-324", "1e999999", "nan", "inf", "-inf", "NaN", "-9", "-1", "0",
    "00", "0x10", "1_000", "\xEF\xBB\xBF", "\xFF", "\xC3", "\xC3\xBC", "\"\"", "[]", "{}",
    "[[actors]]", "= 1", "= \"x\"", ",,", "\n\n", "NA", "1816", "2024", "9999", "1e6",
    "  ", "\"\"\"", "'''", "# c\n", "true", "1979-05-27", "2026-02-30"};

std::string mutate(const std::string& in, const std::vector<Input>& corpus, Rng& rng,
                   std::size_t max_len) {
  std::string s = in;
  const std::size_t steps = 1 + rng.below(4);
  for (std::size_t step = 0; step < steps; ++step) {
    const std::size_t pos = rng.below(s.size() + 1);
    switch (rng.below(9)) {
      case 0:  // flip one bit
        if (!s.empty()) s[std::min(pos, s.size() - 1)] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 1:  // a random byte
        if (!s.empty()) s[std::min(pos, s.size() - 1)] = static_cast<char>(rng.below(256));
        break;
      case 2:  // an interesting byte
        if (!s.empty()) s[std::min(pos, s.size() - 1)] = kBytes[rng.below(kBytes.size())];
        break;
      case 3:  // insert a token
        s.insert(pos, kTokens[rng.below(kTokens.size())]);
        break;
      case 4:  // replace the number (or word) at pos with a token
      {
        std::size_t b = std::min(pos, s.size()), e = b;
        while (e < s.size() && (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '.' ||
                                s[e] == '-' || s[e] == '+'))
          ++e;
        s.replace(b, e - b, kTokens[rng.below(kTokens.size())]);
        break;
      }
      case 5:  // delete a range
        if (!s.empty()) s.erase(std::min(pos, s.size() - 1), 1 + rng.below(16));
        break;
      case 6:  // duplicate a range (grows lines, rows, nesting)
        if (!s.empty()) {
          std::size_t b = std::min(pos, s.size() - 1), n = 1 + rng.below(64);
          s.insert(b, s.substr(b, n));
        }
        break;
      case 7:  // splice in a piece of another input
      {
        const std::string& o = corpus[rng.below(corpus.size())].bytes;
        if (!o.empty()) {
          std::size_t b = rng.below(o.size()), n = 1 + rng.below(128);
          s.insert(pos, o.substr(b, n));
        }
        break;
      }
      default:  // truncate
        s.resize(pos);
        break;
    }
    if (s.size() > max_len) s.resize(max_len);
  }
  return s;
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return true;
}

[[noreturn]] void usage(const char* msg) {
  std::fprintf(stderr,
               "replay: %s\nusage: replay [--mutations N] [--seed S] [--max-len BYTES] "
               "[--timeout SECONDS] [--artifacts DIR] [--head FILE]... PATH...\n",
               msg);
  std::exit(2);
}

unsigned long long parse_count(const char* flag, const char* v, unsigned long long max) {
  char* end = nullptr;
  errno = 0;
  unsigned long long x = std::strtoull(v, &end, 10);
  if (errno || !end || *end || *v == '-' || x > max) {
    std::fprintf(stderr, "replay: %s: found '%s', expected a whole number in [0, %llu]\n", flag, v,
                 max);
    std::exit(2);
  }
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long long mutations = 0, seed = 1, max_len = 16384, timeout = 10;
  std::string artifacts = ".";
  std::vector<std::string> heads, paths;
  std::string target = fs::path(argv[0]).filename().string();
  if (auto p = target.rfind("_replay"); p != std::string::npos) target.resize(p);
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(("missing value after " + std::string(a)).c_str());
      return argv[++i];
    };
    if (a == "--mutations") mutations = parse_count("--mutations", value(), 1000000);
    else if (a == "--seed") seed = parse_count("--seed", value(), ~0ull);
    else if (a == "--max-len") max_len = parse_count("--max-len", value(), 1u << 24);
    else if (a == "--timeout") timeout = parse_count("--timeout", value(), 3600);
    else if (a == "--artifacts") artifacts = value();
    else if (a == "--head") heads.emplace_back(value());
    else if (a.substr(0, 2) == "--") usage(("unknown option " + std::string(a)).c_str());
    else paths.emplace_back(a);
  }
  if (paths.empty() && heads.empty()) usage("no inputs given");

  std::vector<Input> corpus;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (!e.is_regular_file()) continue;
        Input in{fs::relative(e.path(), p).string(), {}};
        if (!read_file(e.path(), in.bytes)) usage(("cannot read " + e.path().string()).c_str());
        corpus.push_back(std::move(in));
      }
    } else if (fs::is_regular_file(p, ec)) {
      Input in{fs::path(p).filename().string(), {}};
      if (!read_file(p, in.bytes)) usage(("cannot read " + p).c_str());
      corpus.push_back(std::move(in));
    } else {
      usage(("no file or folder " + p).c_str());
    }
  }
  for (const auto& h : heads) {
    std::ifstream f(h, std::ios::binary);
    if (!f) {
      std::printf("replay: %s: seed %s is absent (../shared not beside the clone?): skipped\n",
                  target.c_str(), h.c_str());
      continue;
    }
    Input in{"head:" + fs::path(h).filename().string(), {}};
    std::string line;
    for (int n = 0; n < 40 && std::getline(f, line); ++n) {
      in.bytes += line;
      if (!f.eof()) in.bytes += '\n';
    }
    if (in.bytes.size() > 4096) in.bytes.resize(4096);
    corpus.push_back(std::move(in));
  }
  if (corpus.empty()) usage("the inputs hold no files");
  std::sort(corpus.begin(), corpus.end(), [](const Input& a, const Input& b) {
    return a.bytes != b.bytes ? a.bytes < b.bytes : a.name < b.name;
  });

  std::snprintf(g_artifact_path, sizeof g_artifact_path, "%s/crash-%s-unknown", artifacts.c_str(),
                target.c_str());
  std::set_terminate(on_terminate);
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGALRM}) ::signal(sig, on_signal);

  std::uint64_t digest = 1469598103934665603ull, executions = 0;
  auto run = [&](const std::string& bytes) {
    const std::uint64_t h = fnv1a(bytes);
    std::snprintf(g_artifact_path, sizeof g_artifact_path, "%s/crash-%s-%016llx",
                  artifacts.c_str(), target.c_str(), static_cast<unsigned long long>(h));
    // The harness gets its own copy, so a read past the end is a sanitizer report.
    std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
    g_current = bytes.data();
    g_current_size = bytes.size();
    ::alarm(static_cast<unsigned>(timeout));
    LLVMFuzzerTestOneInput(copy.data(), copy.size());
    ::alarm(0);
    g_current = nullptr;
    digest = fnv1a(std::string_view(reinterpret_cast<const char*>(&h), sizeof h), digest);
    ++executions;
  };
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const Input& in = corpus[i];
    run(in.bytes.size() > max_len ? in.bytes.substr(0, max_len) : in.bytes);
    Rng rng{seed ^ fnv1a(in.bytes)};
    for (unsigned long long k = 0; k < mutations; ++k) run(mutate(in.bytes, corpus, rng, max_len));
  }
  std::printf("replay: %s: %zu inputs, %llu executions (%llu mutants each, seed %llu), digest %016llx, clean\n",
              target.c_str(), corpus.size(), static_cast<unsigned long long>(executions), mutations,
              seed, static_cast<unsigned long long>(digest));
  return 0;
}
