// An output folder that geobalance shares with its user (`-o DIR`, `-o .`, `-o DIR/`). The rule
// (issue 16 item 1): geobalance writes its own files into the folder, one at a time and
// atomically, and never deletes or replaces a file it did not create. Everything else in the
// folder (the user's scenario, notes, a run store, other programs' files) is left alone.
//
// How:
//  - Each file is written to a temporary file in the same folder, ".NAME.geobalance-tmp-PID",
//    flushed to disk and renamed over NAME (rename within one folder is atomic on POSIX, so a
//    reader sees the old file or the new one, never half of one). A killed run leaves at most
//    such a temporary file; it carries the writer's process id.
//  - The folder's manifest, `.geobalance-outputs` (one file name a line after a comment line),
//    lists the files geobalance wrote there. A file may be written only if it does not exist
//    yet or the manifest lists it; the manifest itself is rewritten atomically under an
//    exclusive lock on the folder, so concurrent runs do not lose each other's entries.
//  - preflight() checks, before any computation, that the folder exists (or is created, with
//    its parents) and is a writable folder, and that the manifest is readable; it also removes
//    the temporary files of killed runs: ".*.geobalance-tmp-PID" whose process PID no longer
//    exists. Temporary files of live processes (a concurrent run) are left alone.
//  - Names are plain file names (no '/', not "." or "..", not the manifest, not a temporary
//    name); anything else is refused.
//
// Errors are InputError naming the folder or file (the CLI exits 2), so a user learns of an
// unwritable folder or a name clash before a long computation, not after it.
//
// Use from a command (run_cmd.cc, for example):
//   io::OutputFolder out(flags.output_dir);
//   out.preflight();                        // before loading inputs and computing
//   ... compute everything in memory ...
//   out.check_writable({"summary.csv", "brief.html"});   // every name, before the first write
//   out.write("summary.csv", csv_text);     // each file atomically; the user's files untouched
//   out.write("brief.html", html);
#ifndef GEOBALANCE_IO_OUTPUT_FOLDER_H_
#define GEOBALANCE_IO_OUTPUT_FOLDER_H_

#include <string>
#include <string_view>
#include <vector>

namespace geobalance::io {

/// The manifest of files geobalance wrote in an output folder.
inline constexpr const char* kOutputManifest = ".geobalance-outputs";
/// The marker in the names of temporary files: ".NAME" + kOutputTempMarker + PID.
inline constexpr const char* kOutputTempMarker = ".geobalance-tmp-";

class OutputFolder {
 public:
  /// `path` as the user typed it: "DIR", "DIR/", "." or "./DIR/". Nothing is touched until
  /// preflight() or write().
  explicit OutputFolder(std::string path);

  /// The folder as typed, for messages.
  const std::string& path() const { return path_; }

  /// Creates the folder (and its parents) when missing; checks it is a folder geobalance can
  /// write to (by creating and removing a probe file) and that its manifest is readable; and
  /// removes the temporary files of killed runs. Throws InputError naming the folder.
  void preflight();

  /// True when `name` does not exist in the folder or geobalance wrote it (the manifest lists
  /// it). Throws InputError for a name that is not a plain file name.
  bool may_write(const std::string& name) const;

  /// Throws InputError naming the first of `names` that exists but was not written by
  /// geobalance ("... exists and was not written by geobalance; geobalance never replaces a
  /// file it did not create: move it or choose another folder"). Call it with every name a
  /// run will write before writing the first, so a clash leaves no partial set of outputs.
  void check_writable(const std::vector<std::string>& names) const;

  /// Writes `contents` to `name` atomically and records the name in the manifest. Throws
  /// InputError when the name may not be written (see may_write) or the write fails; on
  /// failure the previous file of that name, if any, is unchanged. Runs preflight() first
  /// when it has not run yet.
  void write(const std::string& name, std::string_view contents);

  /// Removes a file geobalance wrote (and its manifest entry). Throws InputError for a file
  /// the manifest does not list; a listed file that is already gone is not an error.
  void remove(const std::string& name);

  /// The files the manifest lists, in the order they were first written.
  std::vector<std::string> owned() const;

  /// Removes temporary files of processes that no longer exist; returns their names. Called
  /// by preflight().
  std::vector<std::string> clean_leftovers();

 private:
  std::string path_;  // as typed
  std::string dir_;   // normalised, without trailing '/'
  bool preflighted_ = false;

  std::string file(const std::string& name) const { return dir_ + "/" + name; }
  std::vector<std::string> read_manifest() const;
  void write_manifest(const std::vector<std::string>& names) const;
};

}  // namespace geobalance::io

#endif  // GEOBALANCE_IO_OUTPUT_FOLDER_H_
