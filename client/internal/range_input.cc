#include "client/internal/range_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace shuyuan::client_internal {
namespace {

constexpr size_t kBufferSize = 1 << 20;

uint64_t CountLineBreaks(const char* data, size_t n) {
  uint64_t count = 0;
  const char* end = data + n;
  while (const char* nl = static_cast<const char*>(
             std::memchr(data, '\n', static_cast<size_t>(end - data)))) {
    ++count;
    data = nl + 1;
  }
  return count;
}

// read(2) at `offset` until `n` bytes or the end of the file; -1 on error.
ssize_t ReadAt(int fd, char* data, size_t n, uint64_t offset) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got =
        pread(fd, data + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return -1;
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  return static_cast<ssize_t>(done);
}

}  // namespace

absl::StatusOr<std::unique_ptr<RangeInput>> RangeInput::Open(
    const std::string& path, uint64_t start, uint64_t end) {
  if (path == "-") {
    return absl::InvalidArgumentError(
        "--range needs an input file, not standard input");
  }
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
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
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(fd);
    return absl::InvalidArgumentError(absl::StrCat(
        path,
        ": --range needs a regular file (a pipe or directory cannot "
        "be read from an offset)"));
  }
  const uint64_t size = static_cast<uint64_t>(info.st_size);
  if (start > end || end > size) {
    close(fd);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": --range ", start, ":", end,
                     " is not within the file's ", size, " bytes"));
  }
  return std::unique_ptr<RangeInput>(
      new RangeInput(path, fd, size, start, end));
}

RangeInput::RangeInput(std::string path, int fd, uint64_t size, uint64_t start,
                       uint64_t end)
    : path_(std::move(path)),
      fd_(fd),
      size_(size),
      start_(start),
      end_(end),
      buffer_(new char[kBufferSize]),
      hashed_(start),
      stream_(this) {}

RangeInput::~RangeInput() { close(fd_); }

absl::StatusOr<char> RangeInput::ByteAt(uint64_t offset) const {
  char byte;
  if (offset >= size_ || ReadAt(fd_, &byte, 1, offset) != 1) {
    return absl::DataLossError(
        absl::StrCat(path_, ": cannot read byte ", offset));
  }
  return byte;
}

absl::StatusOr<uint64_t> RangeInput::LineAt(uint64_t offset) const {
  std::unique_ptr<char[]> buffer(new char[kBufferSize]);
  uint64_t line = 1;
  for (uint64_t at = 0; at < offset;) {
    const size_t want =
        static_cast<size_t>(std::min<uint64_t>(kBufferSize, offset - at));
    const ssize_t got = ReadAt(fd_, buffer.get(), want, at);
    if (got <= 0) {
      return absl::DataLossError(absl::StrCat(
          path_, ": read error while counting lines at byte ", at));
    }
    line += CountLineBreaks(buffer.get(), static_cast<size_t>(got));
    at += static_cast<uint64_t>(got);
  }
  return line;
}

void RangeInput::Account(const char* data, uint64_t position, size_t n) {
  // Only bytes that continue the range in order count: the header read
  // before the seek, and bytes past `end`, do not.
  const uint64_t from = std::max(position, hashed_);
  const uint64_t to = std::min(position + n, end_);
  if (position > hashed_ || from >= to) return;
  const char* begin = data + (from - position);
  const size_t length = static_cast<size_t>(to - from);
  hash_.Update(absl::string_view(begin, length));
  line_breaks_ += CountLineBreaks(begin, length);
  hashed_ = to;
}

RangeInput::int_type RangeInput::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!status_.ok()) return traits_type::eof();
  const ssize_t n = ReadAt(fd_, buffer_.get(), kBufferSize, position_);
  if (n < 0) {
    status_ = absl::DataLossError(absl::StrCat(
        path_, ": read error at byte ", position_, ": ", std::strerror(errno)));
    return traits_type::eof();
  }
  if (n == 0) return traits_type::eof();
  Account(buffer_.get(), position_, static_cast<size_t>(n));
  position_ += static_cast<uint64_t>(n);
  setg(buffer_.get(), buffer_.get(), buffer_.get() + n);
  return traits_type::to_int_type(*gptr());
}

RangeInput::pos_type RangeInput::seekpos(pos_type position,
                                         std::ios_base::openmode which) {
  return seekoff(off_type(position), std::ios_base::beg, which);
}

RangeInput::pos_type RangeInput::seekoff(off_type offset,
                                         std::ios_base::seekdir direction,
                                         std::ios_base::openmode which) {
  if (direction != std::ios_base::beg || !(which & std::ios_base::in) ||
      offset < 0 || static_cast<uint64_t>(offset) > size_) {
    return pos_type(off_type(-1));
  }
  position_ = static_cast<uint64_t>(offset);
  setg(buffer_.get(), buffer_.get(), buffer_.get());
  return pos_type(offset);
}

}  // namespace shuyuan::client_internal
