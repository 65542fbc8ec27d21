// Refuses a batch run whose files overlap (SPEC §6): writing the clean file
// over the input, or two outputs into one file, silently loses data, and
// the same file can be written many ways (./a.csv, an absolute path, a
// path through "..", a symbolic or hard link). Two paths denote the same
// file when, after resolving links, they have the same device and inode
// or, for a file that does not exist yet, the same resolved parent
// directory and name. "-" (standard input or output) is not a file path:
// it is exempt, except that two outputs cannot both be "-". Character
// devices (such as /dev/null) may be named by several outputs.
//
//   SHUYUAN_RETURN_IF_ERROR(CheckDistinctFiles({
//       {"--in", "in.csv", /*output=*/false},
//       {"--out", "./in.csv", /*output=*/true}}));
//   // InvalidArgument: "--out and --in name the same file (./in.csv and
//   // in.csv)"
//
// Reads only file metadata; thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_DISTINCT_FILES_H_
#define SHUYUAN_CLIENT_INTERNAL_DISTINCT_FILES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace shuyuan::client_internal {

struct FileRole {
  std::string flag;  // "--out"
  std::string path;  // as given; empty entries are ignored
  bool output = false;
};

// OK, or InvalidArgument naming both flags and both paths of the first
// overlap: an output with the input (or any other file read) or with
// another output. Files that are only read may coincide.
absl::Status CheckDistinctFiles(const std::vector<FileRole>& files);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_DISTINCT_FILES_H_
