// A small, fast parser for one JSONL row (SPEC §6): a flat JSON object whose
// values are strings, numbers, true, false or null. Nested objects and
// arrays, duplicate keys and anything that is not RFC 8259 JSON are errors.
//
//   std::vector<std::string> keys, values;
//   JsonLineError error;
//   if (!ParseFlatJsonObject(R"({"name":"张三","age":30,"x":null})", &keys,
//                            &values, &error)) {
//     // error.message, error.message_zh, error.offset
//   }
//   // keys = {"name","age","x"}, values = {"张三","30",""}
//
// Strings are unescaped (\uXXXX with surrogate pairs), numbers keep their
// literal text, true/false become "true"/"false" and null becomes "" (a
// missing value). Pure and thread-safe; the strings of `keys` and `values`
// are reused.
#ifndef SHUYUAN_CODEC_INTERNAL_JSON_LINE_H_
#define SHUYUAN_CODEC_INTERNAL_JSON_LINE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_internal {

struct JsonLineError {
  const char* message = nullptr;     // static text, e.g. "expected ':'"
  const char* message_zh = nullptr;  // the same in Chinese: "应为“:”"
  size_t offset = 0;                 // byte offset in the line
};

// Parses `line` (UTF-8) into parallel `keys` and `values`. On failure
// returns false; `keys`/`values` then hold the members parsed before the
// error. Lines go to simdjson first (json_line_simd.h), and to
// ParseFlatJsonObjectByHand when it does not accept them.
bool ParseFlatJsonObject(absl::string_view line, std::vector<std::string>* keys,
                         std::vector<std::string>* values,
                         JsonLineError* error);

// The hand-written parser alone: it defines the contract above, and its
// messages; exposed for the differential test of the simdjson path.
bool ParseFlatJsonObjectByHand(absl::string_view line,
                               std::vector<std::string>* keys,
                               std::vector<std::string>* values,
                               JsonLineError* error);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_JSON_LINE_H_
