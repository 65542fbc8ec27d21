// RFC 4180 output for the batch command's clean file: a field is quoted only
// when it must be (it holds the delimiter, a quote, CR or LF, or starts or
// ends with a space), and quotes inside are doubled. Rows end with LF.
//
//   std::string out;
//   client_internal::AppendCsvField("a,b", ',', &out);  // "a,b" quoted
//   out.push_back('\n');
//
//   // A whole row into room made once (at most CsvFieldBound bytes each):
//   char* w = buffer;
//   w = WriteCsvField("x", ',', w);
//
// Pure and thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_CSV_WRITER_H_
#define SHUYUAN_CLIENT_INTERNAL_CSV_WRITER_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::client_internal {

// Appends `value` as one field (no separator) to `*out`.
void AppendCsvField(absl::string_view value, char delimiter, std::string* out);

// The most bytes WriteCsvField writes for `value`: every byte a quote,
// doubled, and the two enclosing quotes.
inline size_t CsvFieldBound(absl::string_view value) {
  return 2 * value.size() + 2;
}

// Writes `value` as one field at `out`, which has room for
// CsvFieldBound(value) bytes; returns the end of what it wrote.
char* WriteCsvField(absl::string_view value, char delimiter, char* out);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_CSV_WRITER_H_
