// Joins the reports of a split run's parts (`shuyuan normalize --range`)
// into the report of the whole run (`shuyuan report merge`, SPEC §6): every
// count is the sum of the parts' and equals a single run's on the whole
// file, in the same order; samples are the first ones in input order,
// bounded as in a single run; `parts` lists each part's range and input
// hash.
//
//   std::vector<NamedReport> parts = ...;  // read by ReadReportFile
//   SHUYUAN_ASSIGN_OR_RETURN(BatchReport whole, MergeReports(parts));
//   std::string json = RenderReportJson(whole);
//
// Pure function; thread-safe.
#ifndef SHUYUAN_CLIENT_REPORT_MERGE_H_
#define SHUYUAN_CLIENT_REPORT_MERGE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/batch_report.h"

namespace shuyuan::client {

// A part report and where it came from (for messages and `parts`).
struct NamedReport {
  std::string path;
  BatchReport report;
};

// `parts` in any order. InvalidArgument naming the part when one is not the
// report of a --range run, when parts differ in schema, definitions,
// as_of, format, encoding, columns or input size, or when their ranges,
// sorted, do not run from the data start to the end of the input without
// gap or overlap; also when there are none. `samples_per_code` is the bound
// of a single run (BatchOptions::samples_per_code).
absl::StatusOr<BatchReport> MergeReports(std::vector<NamedReport> parts,
                                         size_t samples_per_code);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_REPORT_MERGE_H_
