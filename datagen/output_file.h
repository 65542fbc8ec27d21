// OutputFile: a file written through a large buffer, whose every failure
// (open, write, close) is a status naming the path. The generator writes
// gigabytes: one fwrite per mebibyte, no per-row system calls.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<OutputFile> file,
//                            OutputFile::Open("rows.csv"));
//   file->buffer().append("...");
//   SHUYUAN_RETURN_IF_ERROR(file->FlushIfFull());
//   SHUYUAN_RETURN_IF_ERROR(file->Close());
//
// Not thread-safe. Closes (ignoring errors) on destruction if Close was not
// called.
#ifndef SHUYUAN_DATAGEN_OUTPUT_FILE_H_
#define SHUYUAN_DATAGEN_OUTPUT_FILE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace shuyuan::datagen {

class OutputFile {
 public:
  // Creates or truncates `path`; "-" is standard output.
  static absl::StatusOr<std::unique_ptr<OutputFile>> Open(
      const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Bytes not yet written; append to it freely.
  std::string& buffer() { return buffer_; }
  // Writes the buffer once it holds a mebibyte or more.
  absl::Status FlushIfFull() {
    return buffer_.size() >= kFlushBytes ? Flush() : absl::OkStatus();
  }
  absl::Status Flush();
  // Flushes and closes.
  absl::Status Close();
  // Bytes written so far (flushed or not).
  uint64_t bytes() const { return written_ + buffer_.size(); }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  OutputFile(std::string path, std::FILE* file)
      : path_(std::move(path)), file_(file) {}

  const std::string path_;
  std::FILE* file_;
  std::string buffer_;
  uint64_t written_ = 0;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_OUTPUT_FILE_H_
