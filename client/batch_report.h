// BatchReport: what one `shuyuan normalize` run did (SPEC §6), as the JSON
// report file and the optional HTML page render it. The pipeline fills the
// row counts, issue and normalisation tallies and samples; the command adds
// the run's context (input, encoding, definitions, timing).
//
//   BatchReport report;
//   SHUYUAN_RETURN_IF_ERROR(RunBatchPipeline(..., &report));
//   report.input_sha256 = ...;
//   std::string json = RenderReportJson(report);
//
// Invariant of a finished run: rows_in == rows_clean + rows_rejected, and
// every one of the lines_in physical lines of the input is in at most one
// row.
#ifndef SHUYUAN_CLIENT_BATCH_REPORT_H_
#define SHUYUAN_CLIENT_BATCH_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shuyuan::client {

// Counts keyed by name (an issue code or a normaliser step), in a stable
// order: codes in enum order, steps in the element's step order.
using NamedCounts = std::vector<std::pair<std::string, uint64_t>>;

// Counts of one schema field; `field` is "" for issues of the whole row
// (MALFORMED_ROW, INVALID_ENCODING) and names the column for UNKNOWN_FIELD.
struct FieldCounts {
  std::string field;
  NamedCounts counts;
};

// One example of an issue, with values masked as the codec masks them
// (sensitivity L3/L4: first 3 and last 2 characters).
struct IssueSample {
  uint64_t line = 0;
  std::string field;
  std::string severity;
  std::string original_value;
  std::string normalized_value;
  std::string message;
};

struct CodeSamples {
  std::string code;
  std::vector<IssueSample> samples;
};

// Where an input column goes: `field` empty when it matches no field;
// `how` is "name", "alias", "mapping" or "ignored" (mapped to "" by the
// mapping file).
struct ColumnBinding {
  std::string column;
  std::string field;
  std::string how;
};

// One definition the run used, with the SHA-256 of its deterministic
// protobuf serialisation (version_info cleared, so the hash names the
// content, not its registration).
struct DefinitionDigest {
  std::string kind;  // "record_schema", "data_element", "code_list"
  std::string id;
  std::optional<uint32_t> version;  // unset for unversioned local files
  std::string ref;
  std::string sha256;
};

// The bytes [start, end) of a file of input_size bytes that one part of a
// split run read (`shuyuan normalize --range`); `first_line` is the
// physical line of `start`; the file's data starts at `data_start` (after
// BOM and header), where the first part must start.
struct ReportRange {
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t first_line = 1;
  uint64_t input_size = 0;
  uint64_t data_start = 0;
};

// One part of a merged report (`shuyuan report merge`).
struct ReportPart {
  std::string report;  // the part report's path, as given
  ReportRange range;
  std::string input_sha256;  // of the range's bytes
  uint64_t rows_in = 0;
};

// A field's name and the names its normaliser counts use, in the order a
// report lists them ("default", the element's steps, "derive").
struct FieldLayout {
  std::string field;
  std::vector<std::string> steps;
};

// Plain data; not thread-safe.
struct BatchReport {
  // Filled by RunBatchPipeline.
  uint64_t rows_in = 0;
  uint64_t rows_clean = 0;
  uint64_t rows_with_warnings = 0;  // counted within rows_clean
  uint64_t rows_rejected = 0;
  // Physical lines of the input: each is the header, blank, or part of
  // exactly one row.
  uint64_t lines_in = 0;
  uint64_t input_bytes = 0;
  std::vector<FieldCounts> issues;  // every issue of every row
  NamedCounts issues_by_code;
  NamedCounts rejects_by_code;          // the first ERROR of each rejected row
  std::vector<FieldCounts> normalized;  // steps that changed clean values
  std::vector<CodeSamples> samples;
  std::vector<ColumnBinding> columns;        // CSV/TSV header order
  std::vector<std::string> unknown_columns;  // sorted

  // Filled by the command.
  std::string schema_ref;
  std::string input;
  std::string input_format;
  std::string encoding;
  std::string input_sha256;
  std::string as_of;  // YYYY-MM-DD
  int threads = 0;
  std::string clean_output;
  std::string rejects_output;
  std::vector<DefinitionDigest> definitions;
  double elapsed_s = 0;

  // A run of one range (--range): the range; input_sha256, input_bytes and
  // lines_in are then the range's (lines_in counts the LFs among its bytes,
  // plus the file's unterminated last line when the range ends the file),
  // and `layout` is the schema's order of fields and steps, so that
  // `report merge` can order counts as a whole run would.
  std::optional<ReportRange> range;
  std::vector<FieldLayout> layout;
  // A merged report: its parts in range order (input_sha256 is then empty:
  // a digest of the whole cannot be made from the parts').
  std::vector<ReportPart> parts;
};

// The report as pretty-printed JSON (2-space indent, trailing newline), keys
// in a fixed order. Derives rows_per_s and mb_per_s from the counts.
std::string RenderReportJson(const BatchReport& report);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_BATCH_REPORT_H_
