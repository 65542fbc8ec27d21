#include "datagen/output_file.h"

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace shuyuan::datagen {

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Open(
    const std::string& path) {
  std::FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create '", path, "': ", std::strerror(errno)));
  }
  std::unique_ptr<OutputFile> out(new OutputFile(path, file));
  out->buffer_.reserve(kFlushBytes + (kFlushBytes >> 2));
  return out;
}

OutputFile::~OutputFile() {
  if (file_ != nullptr && file_ != stdout) std::fclose(file_);
}

absl::Status OutputFile::Flush() {
  if (buffer_.empty()) return absl::OkStatus();
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return absl::DataLossError(
        absl::StrCat("cannot write '", path_, "': ", std::strerror(errno)));
  }
  written_ += buffer_.size();
  buffer_.clear();
  return absl::OkStatus();
}

absl::Status OutputFile::Close() {
  absl::Status status = Flush();
  if (file_ == nullptr) return status;
  const bool closed =
      file_ == stdout ? std::fflush(file_) == 0 : std::fclose(file_) == 0;
  file_ = nullptr;
  if (!closed && status.ok()) {
    status = absl::DataLossError(
        absl::StrCat("cannot close '", path_, "': ", std::strerror(errno)));
  }
  return status;
}

}  // namespace shuyuan::datagen
