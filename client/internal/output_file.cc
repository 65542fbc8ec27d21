#include "client/internal/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "client/internal/interrupt_cleanup.h"

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

// "dir/" (or "") and the file name of `path`.
std::pair<std::string, std::string> SplitPath(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {std::string(), path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

std::string TempPrefix(const std::string& path) {
  const auto [dir, name] = SplitPath(path);
  return absl::StrCat(dir, ".", name, ".tmp-");
}

// An unnamed file can be linked later only through /proc/self/fd.
bool CanLinkLater(int fd) {
  struct stat info;
  return lstat(absl::StrCat("/proc/self/fd/", fd).c_str(), &info) == 0;
}

// O_TMPFILE failed only because the file system (or kernel) lacks it.
bool TmpfileUnsupported(int error) {
  return error == EOPNOTSUPP || error == EISDIR || error == EINVAL ||
         error == ENOTSUP;
}

}  // namespace

absl::StatusOr<std::unique_ptr<OutputFile>> OutputFile::Create(
    const std::string& path, const Options& options) {
  if (path == "-") {
    return absl::WrapUnique(
        new OutputFile(path, Kind::kStandardOutput, STDOUT_FILENO));
  }
  struct stat info;
  if (stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": is a directory, not a file"));
    }
    if (!S_ISREG(info.st_mode)) {  // a FIFO or a device: write it directly
      const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd < 0) return ErrnoError(errno, "cannot open", path);
      return absl::WrapUnique(new OutputFile(path, Kind::kDirect, fd));
    }
  }
  const auto [dir, name] = SplitPath(path);
  if (name.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": names a directory, not a file"));
  }
  if (options.unnamed) {
    const std::string where = dir.empty() ? "." : dir;
    const int fd = open(where.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC,
                        DefaultFileMode());
    if (fd >= 0 && CanLinkLater(fd)) {
      return absl::WrapUnique(new OutputFile(path, Kind::kUnnamed, fd));
    }
    if (fd >= 0) {
      close(fd);
    } else if (!TmpfileUnsupported(errno)) {
      return ErrnoError(errno, "cannot create a file in its directory", path);
    }
  }
  // A named temporary file, registered for removal on a signal; no signal
  // may fall between its creation and its registration.
  ScopedInterruptBlock block;
  std::string temp = absl::StrCat(TempPrefix(path), "XXXXXX");
  const int fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    return ErrnoError(errno, "cannot create a file in its directory", path);
  }
  auto file = absl::WrapUnique(new OutputFile(path, Kind::kNamed, fd));
  file->temp_path_ = temp;
  file->cleanup_slot_ = RegisterTempFile(temp);
  if (fchmod(fd, DefaultFileMode()) != 0) {
    return ErrnoError(errno, "cannot set the file mode", path);
  }
  return file;
}

OutputFile::~OutputFile() {
  if (fd_ >= 0 && kind_ != Kind::kStandardOutput) close(fd_);
  if (!committed_) DropTempName();
}

void OutputFile::DropTempName() {
  if (!temp_path_.empty()) unlink(temp_path_.c_str());
  temp_path_.clear();
  UnregisterTempFile(cleanup_slot_);
  cleanup_slot_ = -1;
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

absl::Status OutputFile::Stage() {
  if (kind_ == Kind::kStandardOutput) {
    fd_ = -1;
    return absl::OkStatus();
  }
  if (kind_ == Kind::kUnnamed) {
    const std::string prefix = TempPrefix(path_);
    const std::string source = absl::StrCat("/proc/self/fd/", fd_);
    for (int attempt = 0; temp_path_.empty(); ++attempt) {
      const std::string temp = absl::StrCat(prefix, getpid(), "-", attempt);
      if (linkat(AT_FDCWD, source.c_str(), AT_FDCWD, temp.c_str(),
                 AT_SYMLINK_FOLLOW) == 0) {
        temp_path_ = temp;
        cleanup_slot_ = RegisterTempFile(temp);
      } else if (errno != EEXIST || attempt >= 100) {
        return ErrnoError(errno, "cannot link the finished file", path_);
      }
    }
  }
  const int fd = std::exchange(fd_, -1);
  if (close(fd) != 0) return ErrnoError(errno, "close failed", path_);
  return absl::OkStatus();
}

absl::Status OutputFile::Publish() {
  if (!temp_path_.empty() && rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return ErrnoError(errno, "cannot rename the finished file into place",
                      path_);
  }
  committed_ = true;
  temp_path_.clear();
  UnregisterTempFile(cleanup_slot_);
  cleanup_slot_ = -1;
  return absl::OkStatus();
}

absl::Status CommitOutputs(const std::vector<OutputFile*>& files) {
  ScopedInterruptBlock block;
  for (OutputFile* file : files) {
    if (file == nullptr) continue;
    if (file->committed_ || file->fd_ < 0) {
      return absl::FailedPreconditionError(
          absl::StrCat(file->path(), ": committed twice"));
    }
    if (absl::Status staged = file->Stage(); !staged.ok()) return staged;
  }
  for (OutputFile* file : files) {
    if (file == nullptr) continue;
    if (absl::Status published = file->Publish(); !published.ok()) {
      return published;
    }
  }
  return absl::OkStatus();
}

}  // namespace shuyuan::client_internal
