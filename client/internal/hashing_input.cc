#include "client/internal/hashing_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace shuyuan::client_internal {
namespace {

constexpr size_t kBufferSize = 1 << 20;

}  // namespace

absl::StatusOr<std::unique_ptr<HashingInput>> HashingInput::Open(
    const std::string& path) {
  int fd = STDIN_FILENO;
  if (path != "-") {
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      const std::string message =
          absl::StrCat(path, ": cannot open: ", std::strerror(error));
      if (error == ENOENT || error == ENOTDIR) {
        return absl::NotFoundError(message);
      }
      if (error == EACCES || error == EPERM) {
        return absl::PermissionDeniedError(message);
      }
      return absl::InternalError(message);
    }
  }
  struct stat info;
  std::optional<uint64_t> size;
  if (fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      if (fd != STDIN_FILENO) close(fd);
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": is a directory, not an input file"));
    }
    if (S_ISREG(info.st_mode)) size = static_cast<uint64_t>(info.st_size);
  }
  return std::unique_ptr<HashingInput>(new HashingInput(path, fd, size));
}

HashingInput::HashingInput(std::string path, int fd,
                           std::optional<uint64_t> size)
    : path_(std::move(path)),
      fd_(fd),
      size_(size),
      buffer_(new char[kBufferSize]),
      stream_(this) {}

HashingInput::~HashingInput() {
  if (fd_ != STDIN_FILENO) close(fd_);
}

HashingInput::int_type HashingInput::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!status_.ok()) return traits_type::eof();
  for (;;) {
    const ssize_t n = read(fd_, buffer_.get(), kBufferSize);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status_ = absl::DataLossError(
          absl::StrCat(path_, ": read error: ", std::strerror(errno)));
      return traits_type::eof();
    }
    if (n == 0) return traits_type::eof();
    hash_.Update(absl::string_view(buffer_.get(), static_cast<size_t>(n)));
    setg(buffer_.get(), buffer_.get(), buffer_.get() + n);
    return traits_type::to_int_type(*gptr());
  }
}

}  // namespace shuyuan::client_internal
