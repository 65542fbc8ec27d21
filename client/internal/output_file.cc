#include "client/internal/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace shuyuan::client_internal {
namespace {

absl::Status ErrnoError(int error, absl::string_view what,
                        absl::string_view path) {
  const std::string message =
      absl::StrCat(path, ": ", what, ": ", std::strerror(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::InternalError(message);
  }
}

// The permission bits an ordinary new file would get.
mode_t DefaultFileMode() {
  static const mode_t mode = [] {
    const mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
  }();
  return mode;
}

}  // namespace

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(
    const std::string& path) {
  if (path == "-") {
    return std::unique_ptr<OutputFile>(
        new OutputFile(path, std::string(), STDOUT_FILENO));
  }
  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string name =
      slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": names a directory, not a file"));
  }
  std::string temp = absl::StrCat(dir, ".", name, ".tmp-XXXXXX");
  std::vector<char> buffer(temp.begin(), temp.end());
  buffer.push_back('\0');
  const int fd = mkostemp(buffer.data(), O_CLOEXEC);
  if (fd < 0) {
    return ErrnoError(errno, "cannot create a file in its directory", path);
  }
  temp.assign(buffer.data());
  if (fchmod(fd, DefaultFileMode()) != 0) {
    const int error = errno;
    close(fd);
    unlink(temp.c_str());
    return ErrnoError(error, "cannot set the file mode", path);
  }
  return std::unique_ptr<OutputFile>(new OutputFile(path, temp, fd));
}

OutputFile::~OutputFile() {
  if (committed_ || temp_path_.empty()) return;
  if (fd_ >= 0) close(fd_);
  unlink(temp_path_.c_str());
}

absl::Status OutputFile::Write(absl::string_view data) {
  if (fd_ < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(path_, ": write after commit"));
  }
  while (!data.empty()) {
    const ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(errno, "write failed", path_);
    }
    data.remove_prefix(static_cast<size_t>(n));
    bytes_written_ += static_cast<uint64_t>(n);
  }
  return absl::OkStatus();
}

absl::Status OutputFile::Commit() {
  if (temp_path_.empty()) {  // standard output: nothing to rename
    committed_ = true;
    fd_ = -1;
    return absl::OkStatus();
  }
  const int fd = std::exchange(fd_, -1);
  if (close(fd) != 0) return ErrnoError(errno, "close failed", path_);
  if (rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return ErrnoError(errno, "cannot rename the finished file into place",
                      path_);
  }
  committed_ = true;
  return absl::OkStatus();
}

}  // namespace shuyuan::client_internal
