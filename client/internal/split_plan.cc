#include "client/internal/split_plan.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace shuyuan::client_internal {
namespace {

// Where the range starting at `start` (the k-th, 0-based) should end at
// the earliest: the next N-th of the data, or start + part_bytes.
class CutPoints {
 public:
  CutPoints(const SplitOptions& options, uint64_t first, uint64_t size)
      : options_(options), first_(first), size_(size) {}

  uint64_t After(uint64_t start, size_t k) const {
    if (options_.part_bytes > 0) {
      return start + options_.part_bytes;
    }
    if (k + 1 >= options_.parts) return UINT64_MAX;
    const unsigned __int128 span = size_ - first_;
    return first_ + static_cast<uint64_t>(span * (k + 1) / options_.parts);
  }

 private:
  const SplitOptions& options_;
  const uint64_t first_;
  const uint64_t size_;
};

absl::StatusOr<uint64_t> FileSize(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int e = errno;
    const std::string message =
        absl::StrCat("cannot open input '", path, "': ", std::strerror(e));
    if (e == ENOENT || e == ENOTDIR) return absl::NotFoundError(message);
    return absl::PermissionDeniedError(message);
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("split: input '", path,
                     "' is not a regular file (split needs to "
                     "read it twice: once here, once per range)"));
  }
  return static_cast<uint64_t>(st.st_size);
}

// 1 + the LFs in the first `offset` bytes of `path` (its header).
absl::StatusOr<uint64_t> LineAt(const std::string& path, uint64_t offset) {
  std::ifstream file(path, std::ios::binary);
  uint64_t line = 1;
  char buffer[1 << 16];
  for (uint64_t at = 0; at < offset;) {
    const std::streamsize want = static_cast<std::streamsize>(
        std::min<uint64_t>(sizeof(buffer), offset - at));
    file.read(buffer, want);
    if (file.gcount() != want) {
      return absl::DataLossError(
          absl::StrCat(path, ": read error in the first ", offset, " bytes"));
    }
    line += static_cast<uint64_t>(std::count(buffer, buffer + want, '\n'));
    at += static_cast<uint64_t>(want);
  }
  return line;
}

}  // namespace

absl::StatusOr<SplitPlan> PlanSplit(const std::string& path,
                                    const SplitOptions& options) {
  if ((options.parts == 0) == (options.part_bytes == 0)) {
    return absl::InvalidArgumentError(
        "split: give exactly one of --parts N and --part-bytes B (>= 1)");
  }
  SplitPlan plan;
  SHUYUAN_ASSIGN_OR_RETURN(plan.input_size, FileSize(path));
  SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<codec::RecordReader> reader,
                           codec::RecordReader::OpenFile(path, options.reader));
  plan.data_start = reader->offset();
  plan.encoding = reader->encoding();
  SHUYUAN_ASSIGN_OR_RETURN(const uint64_t first_line,
                           LineAt(path, plan.data_start));
  plan.ranges.push_back({plan.data_start, 0, first_line});
  const CutPoints cuts(options, plan.data_start, plan.input_size);
  uint64_t cut = cuts.After(plan.data_start, 0);
  codec::InputRow row;
  bool range_has_row = false;  // so that no range is without rows
  while (reader->Next(&row)) {
    if (!range_has_row || row.offset < cut) {
      range_has_row = true;
      continue;
    }
    plan.ranges.back().end = row.offset;
    plan.ranges.push_back({row.offset, 0, row.line});
    cut = cuts.After(row.offset, plan.ranges.size() - 1);
  }
  if (!reader->status().ok()) {
    return absl::Status(reader->status().code(),
                        absl::StrCat(path, ": ", reader->status().message()));
  }
  plan.ranges.back().end = plan.input_size;
  return plan;
}

}  // namespace shuyuan::client_internal
