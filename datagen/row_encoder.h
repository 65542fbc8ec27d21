// RowEncoder: writes generated rows as CSV (RFC 4180) or JSONL, in UTF-8 or
// GB18030, and plants the row faults that live in the bytes: a malformed
// row (a missing or extra column, a stray quote inside an unquoted field;
// for JSONL an invalid JSON line) and a byte invalid in the encoding (0xFF,
// which neither UTF-8 nor GB18030 allows, or the first byte of a character
// cut in half). Every fault costs exactly one physical line, as the record
// reader's rules say (codec/record_reader.h).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<RowEncoder> encoder,
//                            RowEncoder::Create(layout, columns));
//   std::string out;
//   encoder->AppendHeader(&out);                      // CSV only
//   SHUYUAN_ASSIGN_OR_RETURN(uint64_t lines,
//                            encoder->AppendRow(row, rng, &out));
//
// Not thread-safe (it keeps conversion state); one per output file.
#ifndef SHUYUAN_DATAGEN_ROW_ENCODER_H_
#define SHUYUAN_DATAGEN_ROW_ENCODER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "datagen/record_generator.h"
#include "datagen/rng.h"

namespace shuyuan::datagen {

enum class OutputFormat { kCsv, kJsonl };
enum class OutputEncoding { kUtf8, kGb18030 };

struct OutputLayout {
  // CSV (default) or JSONL: one flat object per line, keyed by the headers.
  OutputFormat format = OutputFormat::kCsv;
  // UTF-8 (default) or GB18030.
  OutputEncoding encoding = OutputEncoding::kUtf8;
  // CSV only: end lines with CRLF (UTF-8 files start with a BOM), quote
  // some fields that need no quotes, and make malformed rows by stray
  // quotes as well as by column counts. Default false.
  bool messy = false;
};

class RowEncoder {
 public:
  // InvalidArgument for messy JSONL; Internal when iconv has no GB18030.
  static absl::StatusOr<std::unique_ptr<RowEncoder>> Create(
      const OutputLayout& layout, const std::vector<Column>& columns);
  ~RowEncoder();
  RowEncoder(const RowEncoder&) = delete;
  RowEncoder& operator=(const RowEncoder&) = delete;

  // The CSV header line (nothing for JSONL). Returns the lines written.
  uint64_t AppendHeader(std::string* out);

  // Appends `row` and its line break to `*out`, planting its row fault.
  // `rng` chooses the fault's shape and place and, in messy CSV, which
  // fields get needless quotes. Returns the physical lines written (more
  // than one when a quoted value holds line breaks). A row with a row
  // fault must hold no line breaks. Internal when a value is not UTF-8
  // and cannot be converted to GB18030.
  absl::StatusOr<uint64_t> AppendRow(const GeneratedRow& row, Rng& rng,
                                     std::string* out);

 private:
  RowEncoder(const OutputLayout& layout, const std::vector<Column>& columns)
      : layout_(layout), columns_(columns) {}

  // Ends line_: LF, or CRLF when messy.
  void EndLine();
  void AppendCsvRow(const GeneratedRow& row, Rng& rng, std::string* out);
  void AppendJsonRow(const GeneratedRow& row, Rng& rng, std::string* out);
  // Appends UTF-8 `text` converted to the output encoding; false when
  // iconv cannot convert it.
  bool AppendEncoded(const std::string& text, std::string* out);
  // The column that carries a planted fault: a non-empty value without
  // characters CSV must quote, from a random start.
  size_t FaultColumn(const GeneratedRow& row, Rng& rng) const;

  const OutputLayout layout_;
  const std::vector<Column> columns_;
  std::vector<std::string> json_keys_;  // the headers as JSON strings
  void* iconv_ = nullptr;  // iconv_t for UTF-8 → GB18030, or null
  std::string line_;       // the row in UTF-8 before conversion
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_ROW_ENCODER_H_
