// Row-aligned byte ranges of an input file for `shuyuan split` and
// `shuyuan normalize --range` (SPEC §6, beyond one machine). The ranges are
// found by reading the whole file with codec::RecordReader, so each starts
// exactly where the reader starts a row (quoted newlines, stray-quote
// recovery, BOM, header, blank lines, CRLF, GB18030 all as in a whole run).
//
//   SplitOptions options;
//   options.parts = 4;                      // or options.part_bytes
//   options.reader.format = codec::RecordFormat::kCsv;
//   SHUYUAN_ASSIGN_OR_RETURN(SplitPlan plan, PlanSplit("in.csv", options));
//   for (const ByteRange& range : plan.ranges) {
//     ... shuyuan normalize --range range.start:range.end
//                           --first-line range.first_line ...
//   }
//
// The ranges cover the data completely: the first starts where the data
// starts (after BOM and header: RecordReader::offset() after Open), each
// later one at a row, each ends where the next starts, the last at the file
// size; each holds at least one row unless the file has none (then there
// is one range, without rows). Pure functions; thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_SPLIT_PLAN_H_
#define SHUYUAN_CLIENT_INTERNAL_SPLIT_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "codec/record_reader.h"

namespace shuyuan::client_internal {

// Bytes [start, end) of an input; `first_line` is the 1-based physical line
// on which `start` lies (1 + the LFs before it).
struct ByteRange {
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t first_line = 1;
};

struct SplitOptions {
  // Number of ranges wanted (cut at the first row at or after each
  // N-th of the data's bytes); fewer when rows are fewer or wider. 0 when
  // part_bytes is used instead.
  uint64_t parts = 0;
  // Bytes per range (a range ends at the first row at or after its start
  // plus this many bytes). 0 when `parts` is used.
  uint64_t part_bytes = 0;
  // How the file is read; must match the later normalize runs.
  codec::RecordReaderOptions reader;
};

struct SplitPlan {
  uint64_t input_size = 0;
  // Where the data rows begin (after BOM and header), as
  // RecordReader::offset() says after Open.
  uint64_t data_start = 0;
  codec::TextEncoding encoding = codec::TextEncoding::kUtf8;  // resolved
  std::vector<ByteRange> ranges;
};

// Reads `path` (a regular file) once. InvalidArgument unless exactly one of
// parts and part_bytes is non-zero, or for a bad header; the reader's
// errors (NotFound, PermissionDenied, DataLoss) name the path.
absl::StatusOr<SplitPlan> PlanSplit(const std::string& path,
                                    const SplitOptions& options);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_SPLIT_PLAN_H_
