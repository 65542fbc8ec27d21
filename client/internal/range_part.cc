#include "client/internal/range_part.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace shuyuan::client_internal {
namespace {

std::string Where(const ByteRange& range) {
  return absl::StrCat("--range ", range.start, ":", range.end, ": ");
}

}  // namespace

absl::StatusOr<RangeStart> BeginRange(const ByteRange& range,
                                      std::optional<uint64_t> first_line,
                                      const RangeInput& input,
                                      codec::RecordReader* reader) {
  RangeStart start;
  start.data_start = reader->offset();
  if (range.start < start.data_start) {
    return absl::InvalidArgumentError(
        absl::StrCat(Where(range),
                     "START is inside the header (the data "
                     "starts at byte ",
                     start.data_start, ")"));
  }
  if (range.start > start.data_start) {
    SHUYUAN_ASSIGN_OR_RETURN(const char before, input.ByteAt(range.start - 1));
    if (before != '\n') {
      return absl::InvalidArgumentError(absl::StrCat(
          Where(range), "START is not a row boundary: byte ", range.start - 1,
          " is not a line break (shuyuan split prints boundaries)"));
    }
  }
  if (first_line.has_value()) {
    start.first_line = *first_line;
  } else {
    SHUYUAN_ASSIGN_OR_RETURN(start.first_line, input.LineAt(range.start));
  }
  absl::Status seek =
      reader->SeekRange(range.start, range.end, start.first_line);
  if (!seek.ok()) {
    return absl::Status(seek.code(),
                        absl::StrCat(Where(range), seek.message()));
  }
  return start;
}

absl::Status FinishRange(const ByteRange& range, const RangeStart& start,
                         const codec::RecordReader& reader, RangeInput* input,
                         client::BatchReport* report) {
  if (reader.offset() != range.end || !input->complete()) {
    return absl::InvalidArgumentError(
        absl::StrCat(Where(range),
                     "END is not a row boundary: the row before it runs on "
                     "to byte ",
                     reader.offset(), " (shuyuan split prints boundaries)"));
  }
  const uint64_t size = input->size();
  uint64_t lines = input->line_breaks();
  if (range.end == size && size > 0) {
    SHUYUAN_ASSIGN_OR_RETURN(const char last, input->ByteAt(size - 1));
    if (last != '\n') ++lines;  // the file's unterminated last line
  }
  report->lines_in = lines;
  report->input_bytes = range.end - range.start;
  report->input_sha256 = input->HexDigest();
  report->range = client::ReportRange{range.start, range.end, start.first_line,
                                      size, start.data_start};
  return absl::OkStatus();
}

std::vector<client::FieldLayout> ReportLayout(
    const codec::CompiledSchema& schema) {
  std::vector<client::FieldLayout> layout;
  for (size_t f = 0; f < schema.field_count(); ++f) {
    const codec::Normalizer& normalizer = schema.field(f).element->normalizer();
    client::FieldLayout field{schema.field(f).name, {"default"}};
    for (size_t s = 0; s < normalizer.step_count(); ++s) {
      field.steps.emplace_back(normalizer.step_name(s));
    }
    field.steps.emplace_back("derive");
    layout.push_back(std::move(field));
  }
  return layout;
}

}  // namespace shuyuan::client_internal
