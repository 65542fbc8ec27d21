#include "client/internal/distinct_files.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace shuyuan::client_internal {
namespace {

namespace fs = std::filesystem;

// What a path denotes: an existing file (device and inode), or a file yet
// to be created (its parent's device and inode, and its name).
struct FileIdentity {
  dev_t dev = 0;
  ino_t ino = 0;
  std::string name;  // empty for an existing file
  bool character_device = false;

  bool SameAs(const FileIdentity& other) const {
    return dev == other.dev && ino == other.ino && name == other.name &&
           !(character_device && other.character_device);
  }
};

// The final target of a chain of symbolic links that ends nowhere (a
// dangling link), or `path` itself when it is not a link.
fs::path FollowDanglingLinks(fs::path path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(path, error))) break;
    const fs::path target = fs::read_symlink(path, error);
    if (error) break;
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  return path;
}

std::optional<FileIdentity> Identify(const std::string& path) {
  struct stat info;
  FileIdentity identity;
  if (stat(path.c_str(), &info) == 0) {
    identity.dev = info.st_dev;
    identity.ino = info.st_ino;
    identity.character_device = S_ISCHR(info.st_mode);
    return identity;
  }
  if (errno != ENOENT) return std::nullopt;  // unreadable: nothing to compare
  const fs::path target = FollowDanglingLinks(path);
  fs::path parent = target.parent_path();
  if (parent.empty()) parent = ".";
  if (stat(parent.c_str(), &info) != 0) return std::nullopt;
  identity.dev = info.st_dev;
  identity.ino = info.st_ino;
  identity.name = target.filename().string();
  if (identity.name.empty() || identity.name == "." || identity.name == "..") {
    return std::nullopt;  // names a directory: the output itself will fail
  }
  return identity;
}

}  // namespace

absl::Status CheckDistinctFiles(const std::vector<FileRole>& files) {
  std::vector<std::optional<FileIdentity>> identities;
  for (const FileRole& file : files) {
    identities.push_back(file.path.empty() || file.path == "-"
                             ? std::nullopt
                             : Identify(file.path));
  }
  for (size_t a = 0; a < files.size(); ++a) {
    for (size_t b = 0; b < a; ++b) {
      if (!files[a].output && !files[b].output) continue;
      const FileRole& first = files[a].output ? files[a] : files[b];
      const FileRole& second = files[a].output ? files[b] : files[a];
      if (first.output && second.output && first.path == "-" &&
          second.path == "-") {
        return absl::InvalidArgumentError(
            absl::StrCat(first.flag, " and ", second.flag,
                         " both write to standard output (-); give one of "
                         "them a file"));
      }
      if (identities[a].has_value() && identities[b].has_value() &&
          identities[a]->SameAs(*identities[b])) {
        return absl::InvalidArgumentError(absl::StrCat(
            first.flag, " and ", second.flag, " name the same file (",
            first.path, " and ", second.path,
            "); every input and output must be a file of its own"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace shuyuan::client_internal
