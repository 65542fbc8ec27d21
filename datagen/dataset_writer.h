// WriteDataset: the generator as a library call. Writes N rows of a record
// schema to a file, with a chosen share of rows carrying exactly one
// injected error, and a ground-truth file that says, row by row, what
// `shuyuan normalize --defs catalog --schema ID --as-of DATE` must decide.
//
//   DatasetOptions options;
//   options.schema = "LEGAL_PERSON_BASIC";
//   options.rows = 100000;
//   options.error_rate = 0.05;
//   options.out_path = "lp.csv";
//   options.truth_path = "lp.truth.tsv";
//   SHUYUAN_ASSIGN_OR_RETURN(DatasetSummary summary, WriteDataset(options));
//   std::cout << summary.ToJson() << "\n";
//
// Determinism: the same schema, seed, rows, error rate, as_of, catalog and
// messy flag give the same logical rows in every format and encoding, and
// byte-identical files on any machine. Errors cycle over the issue
// classes the schema can raise (then over each class's variants), so at 5%
// every class appears many times.
//
// Truth file (TSV, UTF-8): header `index	line	verdict	issue field`,
// then one line per data row the record reader will see: its 0-based index, the
// 1-based physical line where it starts, `clean` or `rejected`, the
// expected first ERROR issue code (empty when clean) and the schema field
// that reports it (empty when clean or for a row fault).
//
// Thread-compatible: calls with distinct output paths may run at once.
#ifndef SHUYUAN_DATAGEN_DATASET_WRITER_H_
#define SHUYUAN_DATAGEN_DATASET_WRITER_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "datagen/civil_date.h"
#include "datagen/row_encoder.h"

namespace shuyuan::datagen {

struct DatasetOptions {
  // LEGAL_PERSON_BASIC (default) or NATURAL_PERSON_BASIC.
  std::string schema = "LEGAL_PERSON_BASIC";
  // Data rows to write (default 1000).
  uint64_t rows = 1000;
  // Seed of the pseudo-random streams (default 1).
  uint64_t seed = 1;
  // Chance, 0 to 1, that a row carries one injected error (default 0.05).
  // Each row is drawn on its own, so the count varies around rows * rate;
  // the summary and the truth give the exact one.
  double error_rate = 0.05;
  // Format, encoding, messy CSV (row_encoder.h).
  OutputLayout layout;
  // The reference date the values are valid at, 2000-01-01 or later;
  // normalize must be run with the same --as-of (default 2024-06-01).
  CivilDate as_of = {2024, 6, 1};
  // The catalog whose code lists the values are drawn from (default
  // "catalog", relative to the working directory).
  std::string catalog_dir = "catalog";
  // The data file (required) and the truth file (optional: empty = none).
  std::string out_path;
  std::string truth_path;
};

struct DatasetSummary {
  uint64_t rows = 0;
  uint64_t clean = 0;
  uint64_t rejected = 0;
  uint64_t bytes = 0;                        // of the data file
  std::map<std::string, uint64_t> by_issue;  // rejected rows by issue

  // {"rows":N,"clean":C,"rejected":R,"by_issue":{"CODE":n,...}}
  std::string ToJson() const;
};

// InvalidArgument for an unknown schema, an error rate outside [0, 1], a
// missing output path or messy JSONL; NotFound when the catalog's code
// lists are missing; a status naming the file when it cannot be written.
absl::StatusOr<DatasetSummary> WriteDataset(const DatasetOptions& options);

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_DATASET_WRITER_H_
