// Row splitting for the record readers (SPEC §6): one CSV row (RFC 4180),
// one TSV row or one raw line at the start of a byte buffer that may end in
// the middle of a row. Works on raw bytes in UTF-8 or GB18030: every
// structural byte (quote, comma, tab, CR, LF) is ASCII and never a trail
// byte in either encoding, so splitting before decoding is exact.
//
//   RowExtent extent;
//   std::vector<std::string> fields;
//   switch (ScanCsvRow(buffer, at_eof, &fields, &extent)) {
//     case RowScan::kNeedMore:  // read more input and call again
//     case RowScan::kRow:       // fields hold the row; skip extent.next bytes
//   }
//
// Functions are pure and thread-safe; `fields` strings are reused.
#ifndef SHUYUAN_CODEC_INTERNAL_CSV_PARSER_H_
#define SHUYUAN_CODEC_INTERNAL_CSV_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_internal {

enum class RowScan {
  kRow,       // a complete row (or the last, unterminated one at EOF)
  kNeedMore,  // the buffer ends inside the row; not at EOF
};

// Where a scanned row lies in the buffer and what was wrong with it.
struct RowExtent {
  size_t text_end = 0;          // the row's text is data[0, text_end): no CR/LF
  size_t next = 0;              // the next row starts at data[next]
  uint64_t line_breaks = 0;     // LF bytes in data[0, next)
  const char* error = nullptr;  // first structural problem, or nullptr
  size_t error_offset = 0;      // its byte offset within the row
  // The row's first physical line: its text is data[0, line_text_end)
  // (without CR/LF) and the line after it starts at data[line_next]. Equal
  // to text_end and next unless a quoted field carries the row over LFs.
  size_t line_text_end = 0;
  size_t line_next = 0;
};

// Structural problems ScanCsvRow reports (static strings).
extern const char kCsvUnterminatedQuote[];
extern const char kCsvQuoteInUnquotedField[];
extern const char kCsvTextAfterClosingQuote[];

// The Chinese text of one of the problems above (for message_zh).
const char* CsvErrorZh(const char* error);

// Scans one RFC 4180 row at the start of `data` (which must not be empty)
// into `*fields` (resized to the number of fields). A row ends at an LF
// outside quotes; a CR right before it is dropped; LFs inside quotes are
// kept. Problems are reported in `extent->error`, never fatal: a quote
// inside an unquoted field is kept as a literal character, text after a
// closing quote is appended to the field, and an unterminated quote at EOF
// takes the rest of the input.
RowScan ScanCsvRow(absl::string_view data, bool at_eof,
                   std::vector<std::string>* fields, RowExtent* extent);

// Scans one line at the start of `data` and splits it on tabs into
// `*fields`. No quoting: every byte but TAB, CR before LF, and LF is data.
RowScan ScanTsvRow(absl::string_view data, bool at_eof,
                   std::vector<std::string>* fields, RowExtent* extent);

// Scans one line (for JSONL): text up to LF, without a trailing CR.
RowScan ScanLine(absl::string_view data, bool at_eof, RowExtent* extent);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_CSV_PARSER_H_
