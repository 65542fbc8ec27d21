// Text primitives of the hand-written ceiling validator (hand_validator.h):
// the normalising steps of SPEC §2.3 and the character-class and length
// checks of SPEC §2.2, written directly over UTF-8 bytes for the few shapes
// the two benchmark schemas need. Independent of codec/ on purpose: the
// ceiling benchmark compares the codec against this code, and checks both
// against the generator's ground truth.
//
//   std::string buf;
//   absl::string_view v = raw;
//   if (bench_internal::Width(v, &buf)) v = buf;   // full-width → ASCII
//   v = bench_internal::Trim(v);
//   if (!bench_internal::IsPrintable(v)) ...       // format class c
//
// Each step returns true when it wrote a changed value into `*out` (which
// must not hold its input) and false when the input is unchanged. Ill-formed
// UTF-8 bytes pass through every step as they are. All functions are pure
// and thread-safe.
#ifndef SHUYUAN_BENCH_INTERNAL_HAND_TEXT_H_
#define SHUYUAN_BENCH_INTERNAL_HAND_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::bench_internal {

// One decoded character; cp is kBadByte (length 1) for an ill-formed byte.
inline constexpr char32_t kBadByte = 0xFFFFFFFF;
struct Char {
  char32_t cp;
  int length;
};
Char Decode(const char* p, const char* end);

// One pass over a text value, telling whether the usual text normalisers
// would leave it as it is, and what its checks need to know.
struct TextScan {
  // width (when asked), trim and collapse_spaces would change nothing;
  // false also for any ill-formed byte (the caller then takes the general
  // path, which is exact).
  bool quiet = true;
  bool printable = true;  // format class c
  bool nfc_quick = true;  // only characters that are NFC on their own
  bool dots = false;      // '.' or a misspelt name separator (•, ・, …)
  size_t code_points = 0;
};
TextScan ScanText(absl::string_view text, bool width);

// True when every byte is one of 0-9, A-Z: a canonical code.
bool IsUpperAlnum(absl::string_view text);

// Full-width forms U+FF01–FF5E → ASCII, U+3000 → space.
bool Width(absl::string_view in, std::string* out);
// Without leading and trailing White_Space, U+200B and U+FEFF.
absl::string_view Trim(absl::string_view in);
// Runs of White_Space → one ASCII space.
bool CollapseSpaces(absl::string_view in, std::string* out);
// ASCII a-z → A-Z.
bool Upper(absl::string_view in, std::string* out);
// Deletes every byte of `ascii_chars` (ASCII only).
bool RemoveAscii(absl::string_view in, absl::string_view ascii_chars,
                 std::string* out);
// Unicode NFC (ICU for anything beyond the CJK / Latin quick-check ranges).
bool Nfc(absl::string_view in, std::string* out);
// Left-pads with '0' to `width` code points.
bool PadZeros(absl::string_view in, size_t width, std::string* out);

// Code points, each ill-formed byte counting as one.
size_t CodePoints(absl::string_view text);
bool IsValidUtf8(absl::string_view text);
// Format class c: well-formed UTF-8 without C0/C1 controls or DEL.
bool IsPrintable(absl::string_view text);
// Format class a: letters of any script (general category L*), U+00B7 and
// space.
bool IsLetters(absl::string_view text);
// Format class n: ASCII digits.
bool IsDigits(absl::string_view text);
// True when the character before byte `at` is a Han ideograph.
bool HanBefore(absl::string_view text, size_t at);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_HAND_TEXT_H_
