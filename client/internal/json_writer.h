// A small streaming JSON writer for the batch command's outputs (reject
// lines, the report, JSONL clean rows): members come out in the order they
// are written, so files are deterministic and diff well. Strings must be
// UTF-8; control characters, '"' and '\\' are escaped, everything else is
// written as is.
//
//   std::string out;
//   client_internal::JsonWriter json(&out);
//   json.BeginObject();
//   json.Key("rows_in").Int(2400);
//   json.Key("issues").BeginArray();
//   json.String("CHECKSUM_MISMATCH");
//   json.EndArray();
//   json.EndObject();  // out ==
//   {"rows_in":2400,"issues":["CHECKSUM_MISMATCH"]}
#ifndef SHUYUAN_CLIENT_INTERNAL_JSON_WRITER_H_
#define SHUYUAN_CLIENT_INTERNAL_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/json_string.h"

namespace shuyuan::client_internal {

// The project's one JSON string escaper (common/json_string.h).
using ::shuyuan::AppendJsonString;

// Writes one JSON value into a string it does not own. Not thread-safe; one
// per output. Misuse (a value without a key inside an object) is the
// caller's bug and is not diagnosed.
class JsonWriter {
 public:
  // `indent` > 0 pretty-prints with that many spaces per level.
  explicit JsonWriter(std::string* out, int indent = 0)
      : out_(out), indent_(indent) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(absl::string_view key);
  JsonWriter& String(absl::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  // Finite numbers with up to `digits` significant digits; NaN and
  // infinities as null.
  JsonWriter& Double(double value, int digits = 6);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

 private:
  void BeforeValue();
  void NewLine();

  std::string* const out_;
  const int indent_;
  // One entry per open container: true once it holds a member.
  std::vector<bool> has_member_;
  bool after_key_ = false;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_JSON_WRITER_H_
