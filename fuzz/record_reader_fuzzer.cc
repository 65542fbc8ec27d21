// Fuzzes the record readers (codec/record_reader.h): every format and
// encoding over the same bytes, with a small max_row_bytes so the overlong
// path is reached. Checks that reading terminates, never fails on content,
// and that rows are numbered consistently.
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
      uint64_t last_line = 0;
      while ((*reader)->Next(&row)) {
        Check(row.index == expected_index++);
        Check(row.line > last_line);
        last_line = row.line;
        Check(expected_index <= input.size() + 1);
        if (format == RecordFormat::kJsonl) {
          Check(row.keys.size() == row.values.size());
        } else if (row.issue == shuyuan::v1::ISSUE_CODE_UNSPECIFIED) {
          Check(row.values.size() == (*reader)->header().size());
        }
        Check(row.issue == shuyuan::v1::ISSUE_CODE_UNSPECIFIED ||
              !row.issue_detail.empty());
      }
      Check((*reader)->status().ok());
      Check((*reader)->bytes_read() == input.size());
    }
  }
  return 0;
}
