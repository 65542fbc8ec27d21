// The steps of `shuyuan normalize --range START:END` that are about the
// range (SPEC §6, beyond one machine): before the rows, check START and move
// the reader there; after them, check END and count the range into the
// part report, so that `shuyuan report merge` can add the parts up to the
// whole run.
//
//   ... RangeInput::Open(path, range.start, range.end), RecordReader::Open
//   SHUYUAN_ASSIGN_OR_RETURN(RangeStart start,
//                            BeginRange(range, first_line, input, reader));
//   ... RunBatchPipeline(..., reader, ..., &report) ...
//   SHUYUAN_RETURN_IF_ERROR(FinishRange(range, start, *reader, input,
//                                       &report));
//   report.layout = ReportLayout(schema);
//
// Why both ends are checked: START must be where the data starts or follow
// a line break (cheap, and catches a hand-typed offset); END must be exactly
// where the reader stopped, i.e. a row boundary as a reader started at
// START sees it. As the first part starts at the data start, a chain of
// parts that each pass, contiguous (report merge checks), starts every part
// at a true row boundary. Pure functions of their arguments; not
// thread-safe on the same input or reader.
#ifndef SHUYUAN_CLIENT_INTERNAL_RANGE_PART_H_
#define SHUYUAN_CLIENT_INTERNAL_RANGE_PART_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/batch_report.h"
#include "client/internal/range_input.h"
#include "client/internal/split_plan.h"
#include "codec/compiled_schema.h"
#include "codec/record_reader.h"

namespace shuyuan::client_internal {

// Where a range run began: the data start (after BOM and header) and the
// physical line of START.
struct RangeStart {
  uint64_t data_start = 0;
  uint64_t first_line = 1;
};

// Called right after RecordReader::Open on `input`'s stream: checks START,
// takes `first_line` or counts the LFs before START, and moves `reader`
// there (RecordReader::SeekRange). InvalidArgument naming the range when
// START is inside the header or does not follow a line break; DataLoss on a
// read error.
absl::StatusOr<RangeStart> BeginRange(const ByteRange& range,
                                      std::optional<uint64_t> first_line,
                                      const RangeInput& input,
                                      codec::RecordReader* reader);

// Called after every row was read: InvalidArgument when the reader did not
// stop exactly at END (END is inside a row); otherwise sets report->range,
// input_bytes (END - START), lines_in (the LFs among the range's bytes, plus
// the file's unterminated last line when the range ends the file) and
// input_sha256 (of the range's bytes).
absl::Status FinishRange(const ByteRange& range, const RangeStart& start,
                         const codec::RecordReader& reader, RangeInput* input,
                         client::BatchReport* report);

// The schema's fields and each one's normaliser count names, in the order
// a report lists them: what report merge needs to order the parts' counts.
std::vector<client::FieldLayout> ReportLayout(
    const codec::CompiledSchema& schema);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_RANGE_PART_H_
