// RecordReader's parallel parsing: NextChunk takes runs of whole lines for
// other threads, and chunk readers (NewChunkReader, ReadRun) parse them with
// the same Next that reads a file. The cut is exact because a run is cut
// only after an LF where Next would start a row: with no quote before it in
// the run (CSV), every LF of a line ends that line's row, and a line that
// holds a quote is scanned as Next would scan it and taken only when its
// row ends at its own LF (otherwise Next parses it here).
#include <algorithm>
#include <cstring>
#include <string>

#include "absl/memory/memory.h"
#include "codec/internal/csv_parser.h"
#include "codec/internal/text_decoder.h"
#include "codec/record_reader.h"
#include "common/status_macros.h"

namespace shuyuan::codec {
namespace {

// Lines this long are left to Next, which reads them in bounded memory
// (the reader's own threshold for huge rows).
constexpr size_t kLongLineBytes = size_t{1} << 20;

uint64_t CountLineBreaks(const char* p, size_t n) {
  return static_cast<uint64_t>(std::count(p, p + n, '\n'));
}

}  // namespace

absl::StatusOr<std::unique_ptr<RecordReader>> RecordReader::NewChunkReader()
    const {
  auto reader = absl::WrapUnique(new RecordReader(nullptr, nullptr, options_));
  reader->encoding_ = encoding_;
  reader->header_ = header_;
  reader->eof_ = true;  // nothing to read before ReadRun
  if (encoding_ == TextEncoding::kGb18030) {
    SHUYUAN_ASSIGN_OR_RETURN(reader->gb18030_,
                             codec_internal::Gb18030Decoder::Create());
  }
  return reader;
}

void RecordReader::ReadRun(absl::string_view run, uint64_t first_line) {
  run_ = run;
  pos_ = 0;
  end_ = 0;
  eof_ = false;
  line_ = first_line;
  line_open_ = false;
  index_ = 0;
}

bool RecordReader::NextChunk(size_t min_bytes, RowChunk* chunk) {
  chunk->text.clear();
  chunk->pieces.clear();
  chunk->row_count = 0;
  chunk->bytes = 0;
  const bool csv = options_.format == RecordFormat::kCsv;
  while (chunk->bytes < std::max<size_t>(min_bytes, 1) && status_.ok()) {
    if (InRange() && offset() >= range_end_) break;  // SeekRange's end
    if (pos_ == end_ && (eof_ || !Fill())) break;
    const char* const p = buffer_.get() + pos_;
    // The lines before the first quote of the window are rows (or blank
    // lines) that end at their LFs: take them whole; with SeekRange, those
    // that start before its end.
    size_t window =
        std::min(end_ - pos_, min_bytes - std::min(min_bytes, chunk->bytes));
    if (InRange()) {
      window = static_cast<size_t>(
          std::min<uint64_t>(window, range_end_ - offset()));
    }
    const void* quote = csv ? std::memchr(p, '"', window) : nullptr;
    const size_t plain =
        quote != nullptr ? static_cast<const char*>(quote) - p : window;
    if (const void* nl = memrchr(p, '\n', plain); nl != nullptr) {
      const size_t n = static_cast<const char*>(nl) + 1 - p;
      TakeLines(n, CountLineBreaks(p, n), chunk);
      continue;
    }
    // The line at pos_ alone: it holds the quote, or is longer than the
    // window, or is the input's last.
    const size_t length = PlainLineLength();
    if (length == absl::string_view::npos) {
      if (!Fill()) break;
    } else if (length == 0) {
      if (!TakeParsedRow(chunk)) break;
    } else {
      TakeLines(length, p[length - 1] == '\n' ? 1 : 0, chunk);
    }
  }
  chunk->bytes_read = bytes_read_;
  return !chunk->pieces.empty();
}

size_t RecordReader::PlainLineLength() {
  const absl::string_view data(buffer_.get() + pos_, end_ - pos_);
  const void* nl = std::memchr(data.data(), '\n', data.size());
  if (nl == nullptr && !eof_) {
    return data.size() >= kLongLineBytes ? 0 : absl::string_view::npos;
  }
  const size_t length = nl != nullptr
                            ? static_cast<const char*>(nl) + 1 - data.data()
                            : data.size();
  if (length >= kLongLineBytes) return 0;
  if (options_.format != RecordFormat::kCsv ||
      std::memchr(data.data(), '"', length) == nullptr) {
    return length;
  }
  // Scanned as Next scans it: taken when its row is this line alone and
  // within the limit (Next then finds the same row in the run).
  codec_internal::RowExtent extent;
  if (codec_internal::ScanCsvRow(data, eof_, &scratch_fields_, &extent) ==
          codec_internal::RowScan::kNeedMore ||
      extent.next != length || extent.line_next != extent.next ||
      extent.text_end > options_.max_row_bytes) {
    return 0;
  }
  return length;
}

void RecordReader::TakeLines(size_t n, uint64_t line_breaks, RowChunk* chunk) {
  const size_t begin = chunk->text.size();
  chunk->text.append(buffer_.get() + pos_, n);
  if (!chunk->pieces.empty() && !chunk->pieces.back().parsed) {
    chunk->pieces.back().end = chunk->text.size();
  } else {
    chunk->pieces.push_back({.parsed = false,
                             .begin = begin,
                             .end = chunk->text.size(),
                             .first_line = line_});
  }
  chunk->bytes += n;
  Consume(n, line_breaks);
}

bool RecordReader::TakeParsedRow(RowChunk* chunk) {
  if (chunk->rows.size() <= chunk->row_count) {
    chunk->rows.resize(chunk->row_count + 1);
  }
  InputRow& row = chunk->rows[chunk->row_count];
  if (!Next(&row)) return false;
  chunk->pieces.push_back({.parsed = true,
                           .begin = chunk->row_count,
                           .end = chunk->row_count + 1,
                           .first_line = row.line});
  ++chunk->row_count;
  chunk->bytes += row.raw.size() + 1;
  return true;
}

}  // namespace shuyuan::codec
