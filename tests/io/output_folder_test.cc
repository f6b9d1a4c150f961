// io::OutputFolder (issue 16 item 1, the library piece): geobalance's own files are written
// atomically, the user's files are never replaced or deleted, "-o ." and "-o DIR/" work, and
// killed runs' temporary files are cleaned up.
#include "geobalance/io/output_folder.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "geobalance/error.h"
#include "test_util.h"

namespace geobalance::io {
namespace {

using testing::read_text;
using testing::TempDir;
using testing::write_text;

TEST(OutputFolder, WritesItsOwnFilesAndLeavesTheUsersAlone) {
  TempDir d;
  write_text(d.file("scenario.toml"), "user's scenario");
  write_text(d.file("notes.txt"), "user's notes");
  OutputFolder out(d.path());
  out.preflight();
  out.write("summary.csv", "a,b\n1,2\n");
  out.write("brief.html", "<html></html>");
  EXPECT_EQ(read_text(d.file("summary.csv")), "a,b\n1,2\n");
  EXPECT_EQ(read_text(d.file("scenario.toml")), "user's scenario");
  EXPECT_EQ(read_text(d.file("notes.txt")), "user's notes");
  EXPECT_EQ(out.owned(), (std::vector<std::string>{"summary.csv", "brief.html"}));
  EXPECT_EQ(d.entries(), (std::vector<std::string>{".geobalance-outputs", "brief.html", "notes.txt", "scenario.toml",
                                                   "summary.csv"}));
  // A second run replaces its own file (atomically) and keeps one manifest entry for it.
  OutputFolder again(d.path());
  again.write("summary.csv", "a,b\n3,4\n");
  EXPECT_EQ(read_text(d.file("summary.csv")), "a,b\n3,4\n");
  EXPECT_EQ(again.owned(), (std::vector<std::string>{"summary.csv", "brief.html"}));
}

TEST(OutputFolder, NeverReplacesOrDeletesAFileItDidNotCreate) {
  TempDir d;
  write_text(d.file("summary.csv"), "the user's own summary");
  OutputFolder out(d.path());
  EXPECT_FALSE(out.may_write("summary.csv"));
  EXPECT_TRUE(out.may_write("new.csv"));
  EXPECT_THROW_MSG(out.check_writable({"new.csv", "summary.csv"}), InputError,
                   d.file("summary.csv") + ": output file: exists and was not written by geobalance");
  EXPECT_THROW_MSG(out.write("summary.csv", "x"), InputError, "geobalance never replaces a file it did not create");
  EXPECT_EQ(read_text(d.file("summary.csv")), "the user's own summary");
  EXPECT_THROW_MSG(out.remove("summary.csv"), InputError, "geobalance never deletes a file it did not create");
  EXPECT_EQ(read_text(d.file("summary.csv")), "the user's own summary");
  // Its own file can be removed.
  out.write("mine.csv", "1");
  out.remove("mine.csv");
  EXPECT_FALSE(std::filesystem::exists(d.file("mine.csv")));
  EXPECT_TRUE(out.owned().empty());
  // Names that are not plain file names are refused.
  EXPECT_THROW_MSG(out.write("../escape.csv", "x"), InputError, "contains '/'");
  EXPECT_THROW_MSG(out.write(".geobalance-outputs", "x"), InputError, "is geobalance's manifest");
}

TEST(OutputFolder, DotAndTrailingSlashAndMissingFoldersWork) {
  TempDir d;
  OutputFolder slash(d.path() + "/");
  slash.write("a.csv", "1");
  EXPECT_EQ(read_text(d.file("a.csv")), "1");
  OutputFolder nested(d.file("new/deeper/"));
  nested.preflight();  // created with its parents
  nested.write("b.csv", "2");
  EXPECT_EQ(read_text(d.file("new/deeper/b.csv")), "2");
  // "-o ." from inside the folder.
  const std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(d.path());
  try {
    OutputFolder dot(".");
    dot.write("c.csv", "3");
  } catch (...) {
    std::filesystem::current_path(cwd);
    throw;
  }
  std::filesystem::current_path(cwd);
  EXPECT_EQ(read_text(d.file("c.csv")), "3");
  OutputFolder all(d.path());
  EXPECT_EQ(all.owned(), (std::vector<std::string>{"a.csv", "c.csv"}));
}

TEST(OutputFolder, PreflightNamesAFolderThatCannotBeUsed) {
  TempDir d;
  write_text(d.file("file.txt"), "x");
  EXPECT_THROW_MSG(OutputFolder(d.file("file.txt")).preflight(), InputError,
                   d.file("file.txt") + ": output folder: is a file, not a folder");
  EXPECT_THROW_MSG(OutputFolder(d.file("file.txt/sub")).preflight(), InputError, "output folder: cannot be created");
  write_text(d.file(".geobalance-outputs"), "# header\nok.csv\nsub/evil.csv\n");
  EXPECT_THROW_MSG(OutputFolder(d.path()).preflight(), InputError,
                   d.file(".geobalance-outputs") + ":3:1: manifest: found 'sub/evil.csv'");
}

TEST(OutputFolder, CleansUpTemporaryFilesOfKilledRunsOnly) {
  TempDir d;
  // A process id that no longer exists: a child that has exited and been reaped.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  const std::string dead = ".out.csv.geobalance-tmp-" + std::to_string(child);
  const std::string live = ".out.csv.geobalance-tmp-" + std::to_string(::getppid());  // our parent is alive
  write_text(d.file(dead), "half-written");
  write_text(d.file(live), "a concurrent run's file");
  write_text(d.file(".hidden-user-file"), "user");
  OutputFolder out(d.path());
  out.preflight();
  EXPECT_FALSE(std::filesystem::exists(d.file(dead)));
  EXPECT_TRUE(std::filesystem::exists(d.file(live)));
  EXPECT_TRUE(std::filesystem::exists(d.file(".hidden-user-file")));
  EXPECT_TRUE(out.clean_leftovers().empty());
}

}  // namespace
}  // namespace geobalance::io
