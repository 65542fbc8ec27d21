// Fuzzes the record readers (codec/record_reader.h): every format and
// encoding over the same bytes, with a small max_row_bytes so the overlong
// path is reached. Checks that reading terminates, never fails on content,
// that rows are numbered consistently and that every physical line is
// accounted for once: rows cover disjoint line ranges and lines_read() is
// the input's line count. Then reads the same bytes in chunks
// (NextChunk, chunk readers), as parallel normalize does, and checks that
// they give exactly the rows Next gave; and reads one range of rows from
// its first row's offset (SeekRange, as `normalize --range` does) and
// checks that it gives exactly those rows and stops at the range's end.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "codec/record_reader.h"

namespace {

using shuyuan::codec::InputRow;
using shuyuan::codec::RecordReader;
using shuyuan::codec::RecordReaderOptions;

void Check(bool condition) {
  if (!condition) std::abort();
}

bool SameRow(const InputRow& a, const InputRow& b) {
  return a.line == b.line && a.line_count == b.line_count &&
         a.values == b.values && a.keys == b.keys && a.raw == b.raw &&
         a.issue == b.issue && a.issue_detail == b.issue_detail &&
         a.issue_detail_zh == b.issue_detail_zh;
}

// Reads `input` in chunks of about `chunk_bytes` and checks each row
// against `rows`, what Next returned.
void CheckChunks(const std::string& input, const RecordReaderOptions& options,
                 size_t chunk_bytes, const std::vector<InputRow>& rows) {
  std::istringstream in(input);
  auto reader = RecordReader::Open(&in, options);
  Check(reader.ok());
  auto chunk_reader = (*reader)->NewChunkReader();
  Check(chunk_reader.ok());
  shuyuan::codec::RowChunk chunk;
  InputRow row;
  size_t next = 0;
  while ((*reader)->NextChunk(chunk_bytes, &chunk)) {
    for (const auto& piece : chunk.pieces) {
      if (piece.parsed) {
        Check(next < rows.size() &&
              SameRow(chunk.rows[piece.begin], rows[next]));
        ++next;
        continue;
      }
      (*chunk_reader)
          ->ReadRun(absl::string_view(chunk.text)
                        .substr(piece.begin, piece.end - piece.begin),
                    piece.first_line);
      while ((*chunk_reader)->Next(&row)) {
        Check(next < rows.size() && SameRow(row, rows[next]));
        ++next;
      }
    }
  }
  Check(next == rows.size());
  Check((*reader)->status().ok());
}

// Reads rows [first, last) of `rows` by SeekRange from rows[first]'s
// offset (a row boundary, after a line break) to rows[last]'s (or the end).
void CheckRange(const std::string& input, const RecordReaderOptions& options,
                size_t first, size_t last, const std::vector<InputRow>& rows) {
  if (first >= rows.size()) return;
  std::istringstream in(input);
  auto reader = RecordReader::Open(&in, options);
  Check(reader.ok());
  const uint64_t start = rows[first].offset;
  const uint64_t end = last < rows.size() ? rows[last].offset : input.size();
  Check(start >= (*reader)->offset());
  Check(start == (*reader)->offset() || input[start - 1] == '\n');
  Check((*reader)->SeekRange(start, end, rows[first].line).ok());
  InputRow row;
  size_t next = first;
  while ((*reader)->Next(&row)) {
    Check(next < last && next < rows.size() && SameRow(row, rows[next]) &&
          row.offset == rows[next].offset);
    ++next;
  }
  Check(next == std::min(last, rows.size()));
  Check((*reader)->offset() == end);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using shuyuan::codec::RecordFormat;
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
      std::vector<InputRow> rows;
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
        rows.push_back(row);
      }
      Check((*reader)->status().ok());
      Check((*reader)->lines_read() == physical_lines);
      Check((*reader)->bytes_read() == input.size());
      CheckChunks(input, options, 1 + data[0] % 64, rows);
      if (!rows.empty()) {
        const size_t first = data[size - 1] % rows.size();
        CheckRange(input, options, first, first + 1 + data[0] % 8, rows);
      }
    }
  }
  return 0;
}
