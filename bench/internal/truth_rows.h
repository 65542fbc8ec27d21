// Generated rows with their ground truth, in memory, for benchmarks that
// must not be fast and wrong (issue 10): runs the data generator
// (build/datagen/shuyuan-datagen) once, reads its CSV with the codec's
// RecordReader, maps the columns onto the schema's fields, and keeps the
// truth file's verdict and primary issue per row.
//
//   TruthOptions options;
//   options.schema = "LEGAL_PERSON_BASIC";
//   options.rows = 20000;
//   options.error_rate = 0.05;
//   SHUYUAN_ASSIGN_OR_RETURN(TruthRows rows, GenerateTruthRows(options,
//   schema)); for (size_t i = 0; i < rows.values.size(); ++i) {
//     ... validate rows.views[i]; compare with rows.expected[i] ...
//   }
//
// A TruthRows owns its strings; `views` point into them (do not copy a
// TruthRows after filling it; move it).
#ifndef SHUYUAN_BENCH_INTERNAL_TRUTH_ROWS_H_
#define SHUYUAN_BENCH_INTERNAL_TRUTH_ROWS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/compiled_schema.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::bench_internal {

struct TruthOptions {
  // The generator's executable.
  std::string generator;
  // LEGAL_PERSON_BASIC or NATURAL_PERSON_BASIC.
  std::string schema;
  int64_t rows = 20000;
  uint64_t seed = 1;
  double error_rate = 0;
  // The reference date the values are valid at (YYYY-MM-DD); validate with
  // the same.
  std::string as_of = "2024-06-01";
  // The catalog folder the generator reads its code lists from.
  std::string catalog;
  // Where the generated CSV and truth files go (removed afterwards).
  std::string scratch_dir = "/tmp";
};

struct TruthRows {
  // Rows the reader passed to validation, as values in schema field order.
  std::vector<std::vector<std::string>> values;
  std::vector<std::vector<absl::string_view>> views;
  // Per row of `values`: the truth's primary issue (UNSPECIFIED = clean).
  std::vector<v1::IssueCode> expected;
  // Rows the truth says are clean, among `values`.
  int64_t clean = 0;
  // Rows the reader itself rejected (MALFORMED_ROW, INVALID_ENCODING), each
  // already matched against the truth; they are not validated.
  int64_t reader_rejected = 0;
};

// Generates, reads and pairs with the truth. FailedPrecondition when the
// generator fails, DataLoss when the truth disagrees with the reader (row
// counts, or a reader-rejected row the truth calls something else).
absl::StatusOr<TruthRows> GenerateTruthRows(
    const TruthOptions& options, const codec::CompiledSchema& schema);

// The primary issue a codec result carries: its first ERROR issue, or
// UNSPECIFIED for a valid record.
v1::IssueCode PrimaryIssue(const codec::RecordResult& result);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_TRUTH_ROWS_H_
