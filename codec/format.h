// The format notation of data elements (SPEC §2.2, after ISO 7372 as used in
// Chinese catalogues): parsing "n8", "an..50", "n2..3", "n..18,2" or a
// datetime layout such as "YYYYMMDD", and the two value checks a format
// implies: which characters a class admits and how long a value is.
//
//   SHUYUAN_ASSIGN_OR_RETURN(Format f, ParseFormat("an..50"));
//   // f.char_class == CharClass::kAlphaNumeric, f.min_length == 0,
//   // f.max_length == 50
//   if (FindCharClassViolation(value, f.char_class) != absl::string_view::npos
//       || ValueLength(value, v1::CODE_POINTS) > f.max_length) { ... }
//
// All functions are pure and thread-safe.
#ifndef SHUYUAN_CODEC_FORMAT_H_
#define SHUYUAN_CODEC_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/date_time.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

// The character class of a format: a, n, an, c.
enum class CharClass {
  kAlpha,         // "a": letters of any script, U+00B7 "·" and space
  kNumeric,       // "n": ASCII digits
  kAlphaNumeric,  // "an": a ∪ n
  kAny,           // "c": any character except controls (Cc)
};

// A parsed format.
struct Format {
  std::string text;  // as written
  // Set for datetime formats (YYYYMMDD, D8, DT14, T6, ...). Then
  // char_class is kAny and min_length == max_length == the length of the
  // canonical layout ("YYYY-MM-DD": 10); the layout is the real check.
  DateTimeLayout layout = DateTimeLayout::kNone;
  CharClass char_class = CharClass::kAny;
  uint32_t min_length = 0;  // "n8": 8..8; "an..50": 0..50; "n2..3": 2..3
  uint32_t max_length = 0;
  std::optional<uint32_t> scale;  // "n..18,2": 2 (digits after the point)
};

// Parses a format string. Classes are case-insensitive ("AN..50" is
// "an..50"); datetime layouts are exact. Lengths are ≥ 1 (the minimum of
// "..N" is 0), the minimum is at most the maximum, a scale needs class n
// and is below the maximum length. Spaces anywhere are errors.
// InvalidArgument naming the offset of the first bad character:
//   "format 'an..5O': expected a digit at offset 5, found 'O' ..."
absl::StatusOr<Format> ParseFormat(absl::string_view text);

// Byte offset of the first character of `value` that `cls` does not admit,
// or absl::string_view::npos. n = ASCII digits only (no sign, no point);
// a = Unicode letters (general category L*) plus U+00B7 and U+0020;
// an = a ∪ n; c = anything but controls (U+0000–001F, U+007F–009F).
// Ill-formed UTF-8 violates every class at its first bad byte. Does not
// allocate; ASCII is checked without decoding.
size_t FindCharClassViolation(absl::string_view value, CharClass cls);

// Length of `value` in `unit`: code points, UTF-8 bytes, or GB18030 bytes
// (1 for ASCII, 2 for characters in the two-byte (GBK) area, 4 for all
// others, exactly as ICU's gb18030 converter encodes them). An ill-formed
// UTF-8 sequence counts as the U+FFFD it would be shown as (1 code point,
// 4 GB18030 bytes); UTF8_BYTES is always value.size().
size_t ValueLength(absl::string_view value, v1::LengthUnit unit);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_FORMAT_H_
