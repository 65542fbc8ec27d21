// Streaming readers for batch input (SPEC §6): CSV (RFC 4180), TSV and JSONL
// in UTF-8 (with or without BOM) or GB18030/GBK, yielding one InputRow per
// record with values decoded to UTF-8. Bad input never aborts a read: a row
// with bad quoting, the wrong number of columns, invalid JSON or an invalid
// byte sequence comes back as a row carrying MALFORMED_ROW or
// INVALID_ENCODING, so every input row can land in the clean or the rejects
// file.
//
//   RecordReaderOptions options;
//   options.format = RecordFormat::kCsv;          // kTsv, kJsonl
//   options.encoding = TextEncoding::kAuto;       // kUtf8, kGb18030
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<RecordReader> reader,
//                            RecordReader::OpenFile("in.csv", options));
//   const std::vector<std::string>& columns = reader->header();
//   InputRow row;                                 // reused: no allocation
//   while (reader->Next(&row)) {                  // in the steady state
//     if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) { reject(row); continue; }
//     ... row.values[i] belongs to columns[i] ...
//   }
//   SHUYUAN_RETURN_IF_ERROR(reader->status());    // I/O errors only
//
// Parallel parsing (`shuyuan normalize --threads N`): one thread takes
// chunks of whole rows, others parse them with readers of their own.
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<RecordReader> chunk_reader,
//                            reader->NewChunkReader());  // one per worker
//   RowChunk chunk;
//   while (reader->NextChunk(1 << 20, &chunk)) {   // hand it to a worker:
//     for (const RowChunk::Piece& piece : chunk.pieces) {
//       if (piece.parsed) { use(chunk.rows[piece.begin]); continue; }
//       chunk_reader->ReadRun(absl::string_view(chunk.text).substr(
//                                 piece.begin, piece.end - piece.begin),
//                             piece.first_line);
//       while (chunk_reader->Next(&row)) use(row);  // as Next would give
//     }
//   }
//
// Reading rules:
// - Rows end at LF; a CR before it is dropped (CRLF and LF both work). A
//   lone CR elsewhere is data. The last row needs no line break.
// - Every physical line of the input is accounted for exactly once: it is
//   blank, the header, or one of the lines [line, line + line_count) of
//   exactly one row; lines_read() counts them all.
// - Blank lines (empty, or only a CR) are skipped in CSV and TSV, and lines
//   of only white space in JSONL; they are not rows and do not advance
//   InputRow::index, but they do count for InputRow::line. So a
//   one-column CSV cannot express an empty value as an empty line: quote it
//   ("").
// - An input with no non-blank line (an empty file) is not an error: CSV
//   and TSV then have an empty header and, like JSONL, no rows.
// - CSV: the first non-blank row is the header. Fields may be quoted;
//   inside quotes "" is a quote and CR/LF are kept. A quote inside an
//   unquoted field, text after a closing quote and a column count
//   different from the header's are MALFORMED_ROW; the values parsed are
//   kept. A quoted field may carry a row over line ends (RFC 4180), but
//   only into a row of the right shape: when the row it would make has the
//   wrong number of columns, a structural problem, no closing quote before
//   the end of the input, or more than max_row_bytes, its first physical
//   line alone becomes the MALFORMED_ROW (values as parsed from that line)
//   and reading resumes on the next line. So one stray quote costs one
//   line, not the rest of the file.
// - TSV: the first non-blank line is the header; fields are split on TAB,
//   with no quoting or escapes.
// - JSONL: each non-blank line is one flat JSON object (no header); keys
//   and values come in the object's order. Strings are unescaped, numbers
//   keep their literal text, true/false are "true"/"false", null is ""
//   (missing). Nested objects or arrays, duplicate keys and invalid JSON
//   are MALFORMED_ROW.
// - Encodings: kAuto looks at exactly the first 1 MiB (after a UTF-8 BOM,
//   which also decides it) and picks UTF-8 when it reads as UTF-8: valid,
//   or with its well-formed multi-byte characters outnumbering ill-formed
//   sequences 16 to 1 (codec_internal::LooksLikeUtf8); else GB18030. A
//   later invalid sequence makes only its row INVALID_ENCODING. Invalid
//   bytes are shown as U+FFFD in `raw` and `values`; the detail names the
//   byte offset of the first one within the row's original bytes. A UTF-8
//   BOM (and, in GB18030, its BOM 84 31 95 33) at the start is removed.
//   When a row has both an encoding and a structural problem, `issue` is
//   INVALID_ENCODING and `issue_detail` names both.
// - A physical line longer than max_row_bytes is MALFORMED_ROW without
//   values, read in bounded memory: reading skips to its LF, and `raw`
//   holds only its first kOverlongRawBytes bytes (at most max_row_bytes);
//   the detail gives its full length.
// - Every issue comes with an English `issue_detail` and a Chinese
//   `issue_detail_zh`.
#ifndef SHUYUAN_CODEC_RECORD_READER_H_
#define SHUYUAN_CODEC_RECORD_READER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {
class Gb18030Decoder;
enum class RowScan;
struct RowExtent;
}  // namespace shuyuan::codec_internal

namespace shuyuan::codec {

enum class RecordFormat { kCsv, kTsv, kJsonl };
enum class TextEncoding { kAuto, kUtf8, kGb18030 };

// "csv", "tsv", "jsonl" (case-insensitive); InvalidArgument otherwise.
absl::StatusOr<RecordFormat> ParseRecordFormat(absl::string_view name);
// "auto", "utf-8", "utf8", "gb18030", "gbk" (case-insensitive; GBK input
// is read as GB18030, its superset); InvalidArgument otherwise.
absl::StatusOr<TextEncoding> ParseTextEncoding(absl::string_view name);
// "csv" / "tsv" / "jsonl"; "auto" / "utf-8" / "gb18030".
absl::string_view RecordFormatName(RecordFormat format);
absl::string_view TextEncodingName(TextEncoding encoding);

struct RecordReaderOptions {
  // Layout of the input. Default CSV.
  RecordFormat format = RecordFormat::kCsv;
  // Character encoding of the input. Default kAuto (UTF-8 when the first
  // MiB reads as UTF-8, else GB18030; see above); name it when a file is
  // known to be GBK but starts with a long pure-ASCII stretch.
  TextEncoding encoding = TextEncoding::kAuto;
  // Longest row accepted, in input bytes (16 MiB). Bounds memory: the
  // reader holds at most about 1.5 times this plus one 1 MiB chunk. A
  // longer row becomes MALFORMED_ROW (see above). Must be at least 1.
  size_t max_row_bytes = 16 << 20;
};

// One record of the input.
struct InputRow {
  uint64_t line = 0;        // 1-based physical line where the row starts
  uint64_t line_count = 0;  // physical lines the row spans (>= 1)
  uint64_t index = 0;       // 0-based data row number (header excluded)
  // Byte offset of the row's first byte from the start of the stream (a
  // BOM counts): where `shuyuan split` may cut the input.
  uint64_t offset = 0;
  std::vector<std::string> values;  // CSV/TSV: by column; JSONL: by key
  std::vector<std::string> keys;    // JSONL only: the object's keys in order
  // The row's original text as UTF-8 (invalid bytes shown as U+FFFD),
  // without its line break, for reject files.
  std::string raw;
  v1::IssueCode issue = v1::ISSUE_CODE_UNSPECIFIED;  // or MALFORMED_ROW,
                                                     // INVALID_ENCODING
  // Why, e.g. "line 17: expected 5 columns, found 4" or "line 9: invalid
  // GB18030 byte sequence at byte 12 of the row (0x81 0x22)". Byte offsets
  // are 0-based within the row's original bytes (for JSON errors: within
  // `raw`).
  std::string issue_detail;
  // The same in Chinese: "第 17 行：应有 5 列，实有 4 列".
  std::string issue_detail_zh;
};

// `raw` of a row longer than max_row_bytes keeps this many bytes at most.
inline constexpr size_t kOverlongRawBytes = 1024;

// Whole rows taken from the input by RecordReader::NextChunk, so that
// another thread can parse them (RecordReader::NewChunkReader). The rows
// come in pieces, in input order: a run of lines still in the input's bytes,
// or one row the taking reader parsed itself (a CSV row whose quotes carry
// it over a line end, a line of a MiB or more). Reused from chunk to chunk.
struct RowChunk {
  struct Piece {
    // A run of lines is text[begin, end); a parsed row is rows[begin].
    bool parsed = false;
    size_t begin = 0;
    size_t end = 0;
    uint64_t first_line = 0;  // 1-based physical line of the run's start
  };
  std::string text;  // input bytes (input encoding) of the runs of lines
  std::vector<Piece> pieces;
  std::vector<InputRow> rows;  // rows[0, row_count) are in use
  size_t row_count = 0;
  // Input bytes the pieces hold (their text and the parsed rows' raw).
  size_t bytes = 0;
  // RecordReader::bytes_read() when the chunk was taken.
  uint64_t bytes_read = 0;
};

// Reads records from one input. Not thread-safe; one per input. Reads in
// chunks of 1 MiB or more (after a first read of 64 KiB); its buffer holds
// at most about 1.5 times the longest row (or max_row_bytes) plus a chunk,
// independent of the input size. Owns the file it opened with
// OpenFile; does not own a stream passed to Open, which must outlive it.
class RecordReader {
 public:
  // Resolves the encoding (sniffing the first 1 MiB for kAuto) and, for
  // CSV/TSV, reads the header (none for an empty input). InvalidArgument
  // when the header is malformed; DataLoss on a read error.
  static absl::StatusOr<std::unique_ptr<RecordReader>> Open(
      std::istream* in, const RecordReaderOptions& options);
  // Opens `path` ("-" = standard input) and calls Open. NotFound naming the
  // path when it does not exist, PermissionDenied when it cannot be read,
  // InvalidArgument for a directory.
  static absl::StatusOr<std::unique_ptr<RecordReader>> OpenFile(
      const std::string& path, const RecordReaderOptions& options);

  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // CSV/TSV column names (UTF-8, BOM removed); empty for JSONL.
  const std::vector<std::string>& header() const { return header_; }

  // Fills `*row` with the next record, reusing its buffers. False at the
  // end of the input or on a read error (then status() says why).
  bool Next(InputRow* row);

  // OK, or DataLoss after a read error.
  absl::Status status() const { return status_; }
  // The encoding in use (kAuto resolved to kUtf8 or kGb18030).
  TextEncoding encoding() const { return encoding_; }
  // Bytes taken from the input so far (runs ahead of the rows returned by
  // at most one chunk).
  uint64_t bytes_read() const { return bytes_read_; }
  // Physical lines consumed so far (header, blank lines and rows); at the
  // end, the input's line count: its LFs, plus one when bytes follow the
  // last LF.
  uint64_t lines_read() const { return line_ - 1 + (line_open_ ? 1 : 0); }
  // Offset from the start of the stream of the first byte not yet returned
  // in a row (or skipped as blank); after Open, where the data rows begin.
  uint64_t offset() const { return bytes_read_ - (end_ - pos_); }

  // Restricts reading to one byte range (`shuyuan normalize --range`):
  // after Open has read the header, moves to byte `start` of the stream,
  // numbered physical line `line`, and ends the input before the first row
  // that starts at or after `end`. A row that starts before `end` is read
  // whole, past `end` when it runs on. The rows are then exactly those of a
  // whole read whose offset is in [start, end) when `start` is a row
  // boundary of the whole read (InputRow::offset, or offset() after Open);
  // the caller checks that. Next and NextChunk both keep to the range.
  // InvalidArgument when `start` precedes offset()
  // or `end` precedes `start`; DataLoss when the stream cannot seek.
  absl::Status SeekRange(uint64_t start, uint64_t end, uint64_t line);

  // Parallel parsing. NextChunk takes the next whole rows, at least
  // `min_bytes` of input unless the input ends first, without parsing most
  // of them: a run of lines goes into `chunk` as bytes, cut only where
  // this reader would start a row, and a reader from NewChunkReader,
  // given the run with ReadRun, returns exactly the rows Next would have
  // (the same lines, values, issues and details). A CSV line holding a
  // quote is scanned here, and parsed here when its row spans lines; so is
  // a line of a MiB or more, to keep its bounded-memory handling.
  // False at the end of the input (or on a read error, see status()) with
  // nothing taken. Do not mix with Next on one reader.
  bool NextChunk(size_t min_bytes, RowChunk* chunk);
  // A reader of the runs of lines this reader's NextChunk takes: the same
  // options, resolved encoding and header. Its rows' `index` counts from 0
  // within each run. Not thread-safe; one per parsing thread.
  // Internal when ICU lacks the GB18030 converter.
  absl::StatusOr<std::unique_ptr<RecordReader>> NewChunkReader() const;
  // Chunk readers only: Next then returns the rows of `run` (whole lines
  // taken by NextChunk; the last line of the input may lack its LF), the
  // first starting on line `first_line`. `run` must outlive the reads.
  void ReadRun(absl::string_view run, uint64_t first_line);

 private:
  RecordReader(std::istream* in, std::unique_ptr<std::istream> owned,
               const RecordReaderOptions& options);

  absl::Status Init();
  // Reads more input after compacting the buffer; false on a read error.
  bool Fill();
  // NextChunk's steps: moves `n` buffered bytes holding `line_breaks` LFs
  // into the chunk's text, or parses the next row into it with Next.
  void TakeLines(size_t n, uint64_t line_breaks, RowChunk* chunk);
  bool TakeParsedRow(RowChunk* chunk);
  // Bytes of the line at pos_ that NextChunk may take as text (it ends
  // with its LF, or the input), 0 when Next must parse its row, or npos
  // when more input must be read to decide.
  size_t PlainLineLength();
  // Scans the row at the start of `data` in the input's format.
  codec_internal::RowScan Scan(absl::string_view data,
                               std::vector<std::string>* fields,
                               codec_internal::RowExtent* extent) const;
  // True after SeekRange: rows end before range_end_.
  bool InRange() const { return range_end_ != UINT64_MAX; }
  // Moves past `n` buffered bytes holding `line_breaks` LFs.
  void Consume(size_t n, uint64_t line_breaks);
  // Numbers `*row`, which starts on the current line and spans `lines`.
  void StartRow(InputRow* row, uint64_t lines);
  // Decodes the scanned row text into `*row` and checks its structure.
  void BuildRow(absl::string_view text, const char* structural_error,
                size_t error_offset, std::vector<std::string>* fields,
                InputRow* row);
  // Decodes `text` into row->raw and CSV/TSV `fields` into row->values.
  void DecodeRow(absl::string_view text, std::vector<std::string>* fields,
                 InputRow* row);
  // JSONL: parses row->raw; CSV/TSV: reports the structural problem and a
  // wrong column count.
  void CheckRow(const char* structural_error, size_t error_offset,
                InputRow* row);
  // BuildRow and Consume for a row of a MiB or more, scanned (`extent`) at
  // the start of `data`: its text is copied into row->raw, the buffer is
  // given back, and the values are scanned again from raw, so that the
  // buffer, the text and the values never all hold the row at once.
  void BuildHugeRow(absl::string_view data,
                    const codec_internal::RowExtent& extent,
                    std::vector<std::string>* fields, InputRow* row);
  // Moves the unread bytes to the front and gives back all but one chunk
  // of the room after them.
  void ShrinkBuffer();
  // Why the CSV row that quotes carried over line ends (`extent`, with
  // `fields`) must not be accepted, in English and Chinese; false when it
  // has the shape of a row.
  bool MultiLineRowIsMalformed(absl::string_view data,
                               const codec_internal::RowExtent& extent,
                               const std::vector<std::string>& fields,
                               std::string* why, std::string* why_zh) const;
  // Emits the first physical line of `data` (ending at `line_text_end`,
  // next line at `line_next`) alone as MALFORMED_ROW, for `why`.
  void EmitFirstLineOnly(absl::string_view data, size_t line_text_end,
                         size_t line_next, absl::string_view why,
                         absl::string_view why_zh,
                         std::vector<std::string>* fields, InputRow* row);
  // The row at the start of `data` exceeds max_row_bytes: emits its first
  // line alone when that line fits, else the line as overlong.
  void EmitOverLimit(absl::string_view data, std::vector<std::string>* fields,
                     InputRow* row);
  // Emits the physical line starting at pos_ as too long and skips past it
  // without holding it in memory.
  void EmitOverlongLine(InputRow* row);
  // Decodes `bytes` into `*out` (UTF-8, invalid bytes as U+FFFD); records
  // an INVALID_ENCODING issue on `row` when it is not valid.
  void DecodeText(absl::string_view bytes, std::string* out, InputRow* row);
  void AddIssue(InputRow* row, v1::IssueCode code, absl::string_view detail,
                absl::string_view detail_zh);

  // Immutable after Open.
  std::unique_ptr<std::istream> owned_;
  std::istream* const in_;  // null for a chunk reader, which reads run_
  const RecordReaderOptions options_;
  TextEncoding encoding_;
  std::vector<std::string> header_;
  std::unique_ptr<codec_internal::Gb18030Decoder> gb18030_;

  // Read state. buffer_[pos_, end_) is input not yet returned; pos_ is on
  // physical line line_.
  struct FreeBuffer {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, FreeBuffer> buffer_;  // malloc'ed, for realloc
  size_t capacity_ = 0;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool reading_header_ = false;
  uint64_t line_ = 1;
  bool line_open_ = false;  // bytes consumed since the last LF
  uint64_t index_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t range_end_ = UINT64_MAX;  // no row starts at or after it
  absl::Status status_;
  std::vector<std::string> scratch_fields_;  // GB18030 fields before decoding
  std::string scratch_;
  absl::string_view run_;  // chunk readers: what ReadRun gave, not yet read
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_RECORD_READER_H_
