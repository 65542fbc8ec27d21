// The batch normalisation pipeline behind `shuyuan normalize` (SPEC §6):
// rows from a RecordReader are validated against a CompiledSchema, clean
// rows go to one sink (CSV with the schema's field names as header, or JSONL
// objects), rejected rows — malformed, badly encoded or invalid — to
// another as JSON lines with their line number, original text and issues.
// Every row lands in exactly one of the two.
//
//   SHUYUAN_ASSIGN_OR_RETURN(ColumnResolver columns,
//                            ColumnResolver::Create(*schema, overrides,
//                                                   "mapping.json"));
//   SHUYUAN_RETURN_IF_ERROR(columns.CheckHeader(reader->header(), "in.csv"));
//   BatchOptions options;
//   options.threads = 4;
//   BatchReport report;
//   SHUYUAN_RETURN_IF_ERROR(RunBatchPipeline(columns, reader.get(), options,
//                                            clean, rejects, &report));
//
// Parallelism: with threads > 1 a reader thread only cuts the input into
// chunks of whole rows of about `batch_bytes` bytes
// (RecordReader::NextChunk), `threads` workers each parse, validate and
// format whole chunks, and the calling thread writes the finished buffers
// in input order. At most 2 × threads + 2 chunks, holding at most
// (2 × threads + 2) × batch_bytes bytes of input (or a single chunk,
// however big its one row), are in flight at once, and buffers that a huge
// row grew are released once it is written: memory is bounded by bytes,
// not rows, and does not grow with the input. With threads == 1
// everything runs on the calling thread, in batches of at most
// `batch_rows` rows. The output is byte-identical for any thread count.
//
// Reports and reject lines are bounded too: a value quoted in an issue or a
// sample (and in its messages) is cut to codec::kMaxQuotedChars characters
// with its full length noted (codec::MaskValue); a reject line carries the
// original row once, in full.
#ifndef SHUYUAN_CLIENT_BATCH_PIPELINE_H_
#define SHUYUAN_CLIENT_BATCH_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/batch_report.h"
#include "codec/compiled_schema.h"
#include "codec/record_reader.h"

namespace shuyuan::client {

// Decides which schema field an input column (a CSV/TSV header name or a
// JSONL key) fills: an override from the mapping file first, then the
// schema's own matching (field name, alias, ASCII case-insensitive).
// Thread-safe; immutable after Create. Borrows the schema, which must
// outlive it.
class ColumnResolver {
 public:
  // Resolve's answer for a column the mapping file maps to "" (skipped).
  static constexpr int kIgnored = -2;
  // Resolve's answer for a column that matches no field.
  static constexpr int kUnknown = -1;

  // `overrides` maps column → field name or alias ("" = skip the column).
  // InvalidArgument naming `mapping_source` when a target is not a field of
  // the schema.
  static absl::StatusOr<ColumnResolver> Create(
      const codec::CompiledSchema& schema,
      const absl::flat_hash_map<std::string, std::string>& overrides,
      absl::string_view mapping_source);

  // The field index for `column`, kUnknown or kIgnored; `how` (optional)
  // says why: "mapping", "name", "alias", "ignored" or "".
  int Resolve(absl::string_view column, std::string* how = nullptr) const;

  // Checks a CSV/TSV header before any row is read: every field that is
  // required and has neither a default nor a derivation needs a column.
  // InvalidArgument naming `input`, the field and the columns seen.
  absl::Status CheckHeader(const std::vector<std::string>& header,
                           absl::string_view input) const;

  const codec::CompiledSchema& schema() const { return *schema_; }

 private:
  ColumnResolver(const codec::CompiledSchema* schema,
                 absl::flat_hash_map<std::string, int> overrides)
      : schema_(schema), overrides_(std::move(overrides)) {}

  const codec::CompiledSchema* schema_;
  absl::flat_hash_map<std::string, int> overrides_;
};

// Where output bytes go; returns an error to stop the run.
using ByteSink = std::function<absl::Status(absl::string_view)>;

struct BatchOptions {
  // Worker threads; 0 = std::thread::hardware_concurrency(). 1 runs the whole
  // pipeline on the calling thread.
  int threads = 0;
  // Rows per batch with one thread (4096). Larger batches cut hand-off
  // costs.
  size_t batch_rows = 4096;
  // A batch is closed once its rows hold this many bytes of text (1 MiB);
  // with batch_rows it bounds memory, whatever the row width. With several
  // threads, a chunk of input is closed at the first row boundary after
  // this many bytes. Must be at least 1.
  size_t batch_bytes = size_t{1} << 20;
  // Reference date and as-of field passed to CompiledSchema::Validate.
  codec::ValidateOptions validate;
  // Write the clean rows as JSONL objects instead of CSV (default false:
  // CSV with a header row).
  bool jsonl_output = false;
  // Issue samples kept per issue code in the report (3).
  size_t samples_per_code = 3;
  // Called on the writing thread after batches are written, at most every
  // `progress_interval_s` seconds, with rows done and input bytes consumed.
  std::function<void(uint64_t rows, uint64_t bytes)> progress;
  double progress_interval_s = 0.25;
};

// Reads every row of `reader`, validates it and writes it to `clean` or
// `rejects`; fills the pipeline's part of `*report`. Returns the first error
// of a sink or of the reader (DataLoss naming the line reached); the sinks
// may then have received part of the output.
absl::Status RunBatchPipeline(const ColumnResolver& columns,
                              codec::RecordReader* reader,
                              const BatchOptions& options,
                              const ByteSink& clean, const ByteSink& rejects,
                              BatchReport* report);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_BATCH_PIPELINE_H_
