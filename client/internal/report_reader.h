// Reads a report that RenderReportJson wrote (`shuyuan normalize --report`)
// back into a BatchReport, for `shuyuan report merge`. Every key a report
// has is read; rows_per_s and mb_per_s, which derive from the others, are
// not. Key order is kept (issue codes, fields, steps, samples).
//
//   SHUYUAN_ASSIGN_OR_RETURN(BatchReport part,
//                            ReadReportFile("part-0.report.json"));
//
// Pure functions; thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_REPORT_READER_H_
#define SHUYUAN_CLIENT_INTERNAL_REPORT_READER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/batch_report.h"

namespace shuyuan::client_internal {

// InvalidArgument naming `source` and the key for invalid JSON, a missing
// key or a value of the wrong type.
absl::StatusOr<client::BatchReport> ReadReportJson(absl::string_view json,
                                                   absl::string_view source);

// Reads `path` and calls ReadReportJson; NotFound when it cannot be read.
absl::StatusOr<client::BatchReport> ReadReportFile(const std::string& path);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_REPORT_READER_H_
