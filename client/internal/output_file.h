// An output file that appears under its final name only when complete: it
// is written under a temporary name in the same directory (so the final
// rename stays on one file system and is atomic) and renamed by Commit. A
// file never committed is removed when the object goes away, so a failed or
// interrupted run leaves no half file under a final name. "-" writes to
// standard output directly (nothing to rename).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> out,
//                            OutputFile::Create("clean.csv"));
//   SHUYUAN_RETURN_IF_ERROR(out->Write("a,b\n"));
//   SHUYUAN_RETURN_IF_ERROR(out->Commit());  // now clean.csv exists
#ifndef SHUYUAN_CLIENT_INTERNAL_OUTPUT_FILE_H_
#define SHUYUAN_CLIENT_INTERNAL_OUTPUT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace shuyuan::client_internal {

// Not thread-safe; one writer at a time. Owns its temporary file.
class OutputFile {
 public:
  // Creates `.NAME.tmp-XXXXXX` next to `path` (mode 0666 minus the umask,
  // like an ordinary new file). Errors name the path: NotFound when the
  // directory does not exist, PermissionDenied when it cannot be written.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Create(
      const std::string& path);

  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Appends `data`. An errno-derived error naming the path.
  absl::Status Write(absl::string_view data);
  // Flushes, closes and renames the file to its final name.
  absl::Status Commit();

  const std::string& path() const { return path_; }
  uint64_t bytes_written() const { return bytes_written_; }

 private:
  OutputFile(std::string path, std::string temp_path, int fd)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), fd_(fd) {}

  const std::string path_;
  const std::string temp_path_;  // empty for standard output
  int fd_;
  bool committed_ = false;
  uint64_t bytes_written_ = 0;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_OUTPUT_FILE_H_
