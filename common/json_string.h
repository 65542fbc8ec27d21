// JSON string literals: the one escaper that the definition loader (YAML →
// JSON) and the CLI's JSON outputs share.
//
//   std::string out;
//   AppendJsonString("say \"hi\"\n", &out);  // out == "\"say \\\"hi\\\"\\n\""
#ifndef SHUYUAN_COMMON_JSON_STRING_H_
#define SHUYUAN_COMMON_JSON_STRING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan {

// Appends `text` as a quoted JSON string to `*out`: '"' and '\\' escaped,
// control characters as \n, \r, \t or \u00XX, everything else (UTF-8
// included) as is. The caller guarantees `text` is UTF-8.
void AppendJsonString(absl::string_view text, std::string* out);

}  // namespace shuyuan

#endif  // SHUYUAN_COMMON_JSON_STRING_H_
