// Shared test helpers: where ../shared lives (tests skip with a message when it is absent),
// running the CLI as a subprocess, temporary folders, and message assertions.
#ifndef GEOBALANCE_TESTS_TEST_UTIL_H_
#define GEOBALANCE_TESTS_TEST_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "geobalance/error.h"

namespace geobalance::testing {

/// True in a build with AddressSanitizer (gcc's __SANITIZE_ADDRESS__ or clang's feature test):
/// tests that cannot run under it (address-space limits, open findings) skip.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

/// A gtest parameter name from a file name: "us-response-s400.toml" -> "us_response_s400".
inline std::string name_from_file(const std::string& file) {
  std::string s = file.substr(0, file.find('.'));
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

/// ../shared (or $GEOBALANCE_SHARED_DIR) if it exists.
std::optional<std::string> shared_dir();
/// Full path of a file under ../shared, if that file exists.
std::optional<std::string> shared_file(const std::string& relative);
/// The project's source folder (for tests/data and data/).
std::string source_dir();
/// Path of the built CLI.
std::string cli_path();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
/// Runs the CLI with arguments (no shell), capturing stdout and stderr.
CommandResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "");

/// Runs any program (argv[0] is its path, no shell), killing it after timeout_seconds;
/// exit_code is 128 + signal when it was killed (timed_out set then).
struct ProcessResult : CommandResult {
  bool timed_out = false;
};
ProcessResult run_command(const std::vector<std::string>& argv, int timeout_seconds);

/// A fresh temporary folder removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  /// Names of the entries in the folder (sorted).
  std::vector<std::string> entries() const;

 private:
  std::string path_;
};

/// One entry of a tab-separated test manifest (tests/data/*/MANIFEST.tsv).
struct ManifestLine {
  int line = 0;                     ///< 1-based line number in the manifest
  std::vector<std::string> fields;  ///< the tab-separated fields
  std::string problem;              ///< non-empty when the line has the wrong number of fields
};
/// Reads a manifest: blank lines and lines starting with '#' are skipped; every other line
/// must have `fields` tab-separated fields (otherwise its `problem` says so, so that the
/// parameterised test over the entries reports the malformed line instead of dropping it).
std::vector<ManifestLine> read_manifest(const std::string& path, std::size_t fields);
/// A gtest parameter name "L<line>_<file>" with every non-alphanumeric character as '_'.
std::string manifest_test_name(int line, const std::string& file);
/// s with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string s, const std::string& from, const std::string& to);

/// Writes text to a file (test fixtures).
void write_text(const std::string& path, const std::string& text);
std::string read_text(const std::string& path);

}  // namespace geobalance::testing

/// Skips the test with a clear message when a ../shared file is absent.
#define GEOBALANCE_SHARED_FILE_OR_SKIP(var, relative)                                  \
  auto var##_opt = ::geobalance::testing::shared_file(relative);                       \
  if (!var##_opt) GTEST_SKIP() << "../shared/" << (relative)                           \
                               << " is absent; this test needs the shared datasets";  \
  const std::string var = *var##_opt

/// Asserts that `stmt` throws `type` whose what() contains `substr`.
#define EXPECT_THROW_MSG(stmt, type, substr)                                           \
  EXPECT_THAT([&] { stmt; }, ::testing::ThrowsMessage<type>(::testing::HasSubstr(substr)))

#endif  // GEOBALANCE_TESTS_TEST_UTIL_H_
