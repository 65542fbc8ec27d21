// The fast path of ParseFlatJsonObject (json_line.h) on simdjson's On-Demand
// API: it accepts a line only when simdjson parses it as one flat object
// with distinct keys and nothing after it, and fills keys and values under
// the same rules (strings unescaped, numbers as their literal text,
// true/false as words, null as ""). Anything else — invalid JSON, nesting,
// a duplicate key, a number simdjson cannot represent — returns false, and
// the hand-written parser decides and explains, so the contract and its
// error messages stay one parser's.
//
//   if (!ParseFlatJsonObjectSimd(line, &keys, &values)) {
//     ... ParseFlatJsonObject's own parse ...
//   }
//
// Thread-safe: each thread has its own simdjson parser, sized for the
// longest line it was given (lines over kMaxSimdLineBytes are refused, so
// that it stays small).
#ifndef SHUYUAN_CODEC_INTERNAL_JSON_LINE_SIMD_H_
#define SHUYUAN_CODEC_INTERNAL_JSON_LINE_SIMD_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_internal {

inline constexpr size_t kMaxSimdLineBytes = size_t{64} << 10;

// True when simdjson accepted `line` (valid UTF-8) as above; `keys` and
// `values` then hold its members. On false they hold anything.
bool ParseFlatJsonObjectSimd(absl::string_view line,
                             std::vector<std::string>* keys,
                             std::vector<std::string>* values);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_JSON_LINE_SIMD_H_
