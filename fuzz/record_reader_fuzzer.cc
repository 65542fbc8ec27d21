// Fuzzes the record readers (codec/record_reader.h): every format and
// encoding over the same bytes, with a small max_row_bytes so the overlong
// path is reached. Checks that reading terminates, never fails on content,
// that rows are numbered consistently and that every physical line is
// accounted for once: rows cover disjoint line ranges and lines_read() is
// the input's line count.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "codec/record_reader.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using shuyuan::codec::InputRow;
  using shuyuan::codec::RecordFormat;
  using shuyuan::codec::RecordReader;
  using shuyuan::codec::RecordReaderOptions;
  using shuyuan::codec::TextEncoding;
  if (size == 0) return 0;
  // The first byte picks the row limit; the rest is the input.
  const size_t max_row_bytes = data[0] < 128 ? 1 + data[0] : size_t{1} << 20;
  const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  const uint64_t physical_lines =
      static_cast<uint64_t>(std::count(input.begin(), input.end(), '\n')) +
      (!input.empty() && input.back() != '\n' ? 1 : 0);

  for (RecordFormat format :
       {RecordFormat::kCsv, RecordFormat::kTsv, RecordFormat::kJsonl}) {
    for (TextEncoding encoding :
         {TextEncoding::kAuto, TextEncoding::kUtf8, TextEncoding::kGb18030}) {
      RecordReaderOptions options;
      options.format = format;
      options.encoding = encoding;
      options.max_row_bytes = max_row_bytes;
      std::istringstream in(input);
      auto reader = RecordReader::Open(&in, options);
      if (!reader.ok()) {
        Check(format != RecordFormat::kJsonl);
        continue;
      }
      Check((*reader)->encoding() != TextEncoding::kAuto);
      InputRow row;
      uint64_t expected_index = 0;
      uint64_t next_free_line = 1;  // rows own disjoint line ranges
      while ((*reader)->Next(&row)) {
        Check(row.index == expected_index++);
        Check(row.line >= next_free_line);
        Check(row.line_count >= 1);
        next_free_line = row.line + row.line_count;
        Check(next_free_line - 1 <= physical_lines);
        Check(expected_index <= input.size() + 1);
        if (format == RecordFormat::kJsonl) {
          Check(row.keys.size() == row.values.size());
        } else if (row.issue == shuyuan::v1::ISSUE_CODE_UNSPECIFIED) {
          Check(row.values.size() == (*reader)->header().size());
        }
        Check(row.issue == shuyuan::v1::ISSUE_CODE_UNSPECIFIED ||
              (!row.issue_detail.empty() && !row.issue_detail_zh.empty()));
      }
      Check((*reader)->status().ok());
      Check((*reader)->lines_read() == physical_lines);
      Check((*reader)->bytes_read() == input.size());
    }
  }
  return 0;
}
