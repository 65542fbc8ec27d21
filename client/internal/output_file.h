// An output file that appears under its final name only when the whole run
// succeeded (SPEC §6), and leaves nothing behind otherwise: no final file
// and no temporary one, even when the run is interrupted.
//
// Where the file system allows it, the file is created unnamed in its
// directory (O_TMPFILE): until it is committed it has no name at all, and
// the kernel drops it when the process ends, however it ends. Elsewhere it
// is a named temporary file `.NAME.tmp-XXXXXX` in the same directory,
// registered with the interrupt handler (interrupt_cleanup.h), which
// removes it on SIGINT/SIGTERM/SIGHUP/SIGPIPE; a failed run removes it when
// the object goes away. CommitOutputs then gives every file of a run its
// final name in one step: each first gets a temporary name in its
// directory (linkat for an unnamed file), then all are renamed into place,
// with the interrupt signals held back meanwhile.
//
// "-" writes to standard output, and an existing FIFO or device (such as
// /dev/null) is written directly: there is nothing to rename.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> out,
//                            OutputFile::Create("clean.csv"));
//   SHUYUAN_RETURN_IF_ERROR(out->Write("a,b\n"));
//   SHUYUAN_RETURN_IF_ERROR(CommitOutputs({out.get()}));  // clean.csv exists
#ifndef SHUYUAN_CLIENT_INTERNAL_OUTPUT_FILE_H_
#define SHUYUAN_CLIENT_INTERNAL_OUTPUT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shuyuan::client_internal {

// Not thread-safe; one writer at a time. Owns its file descriptor and its
// temporary name, if any.
class OutputFile {
 public:
  struct Options {
    // Create the file unnamed (O_TMPFILE) when the file system supports it
    // (default true); false always uses a named temporary file (tests of
    // that fallback).
    bool unnamed = true;
  };

  // Prepares `path` (mode 0666 minus the umask, like an ordinary new
  // file). Errors name the path: NotFound when the directory does not
  // exist, PermissionDenied when it cannot be written, InvalidArgument for
  // a directory.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Create(
      const std::string& path, const Options& options);
  static absl::StatusOr<std::unique_ptr<OutputFile>> Create(
      const std::string& path) {
    return Create(path, Options());
  }

  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Appends `data`. An errno-derived error naming the path.
  absl::Status Write(absl::string_view data);

  const std::string& path() const { return path_; }
  uint64_t bytes_written() const { return bytes_written_; }
  // True while the file has no name (O_TMPFILE).
  bool unnamed() const { return kind_ == Kind::kUnnamed; }

 private:
  friend absl::Status CommitOutputs(const std::vector<OutputFile*>& files);
  enum class Kind { kStandardOutput, kDirect, kUnnamed, kNamed };

  OutputFile(std::string path, Kind kind, int fd)
      : path_(std::move(path)), kind_(kind), fd_(fd) {}

  // Gives the file a temporary name next to its final one (links an
  // unnamed file) and closes it.
  absl::Status Stage();
  // Renames the staged file to its final name.
  absl::Status Publish();
  // Removes the temporary name, if any, and forgets it.
  void DropTempName();

  const std::string path_;
  Kind kind_;
  int fd_;
  std::string temp_path_;  // kNamed, or kUnnamed once staged
  int cleanup_slot_ = -1;  // interrupt_cleanup.h registration
  bool committed_ = false;
  uint64_t bytes_written_ = 0;
};

// Gives every file its final name (nullptr entries are skipped): all are
// staged under temporary names first, so that an error there leaves no
// final name touched, then renamed into place, with SIGINT and the other
// interrupt signals held back until done. Each file can be committed once.
absl::Status CommitOutputs(const std::vector<OutputFile*>& files);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_OUTPUT_FILE_H_
