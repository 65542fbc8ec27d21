// UTF-8 helpers for the normalisers (SPEC §2.3): a decoder that never fails
// (an ill-formed byte decodes as itself, one byte long, so callers keep it
// and never loop), the white-space sets used by `trim` and
// `collapse_spaces`, and fast all-ASCII and code-point-count scans.
//
//   const char* p = text.data();
//   const char* end = p + text.size();
//   while (p < end) {
//     Utf8Char c = DecodeUtf8(p, end);
//     if (c.cp == kInvalidCodePoint) { /* keep the byte p[0] */ }
//     p += c.length;
//   }
//
// All functions are pure, thread-safe and allocation-free.
#ifndef SHUYUAN_CODEC_INTERNAL_UNICODE_TEXT_H_
#define SHUYUAN_CODEC_INTERNAL_UNICODE_TEXT_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_internal {

// The code point DecodeUtf8 reports for an ill-formed byte.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

// One decoded character: its code point (or kInvalidCodePoint) and its
// length in bytes (1..4; 1 for an ill-formed byte).
struct Utf8Char {
  char32_t cp;
  int length;
};

// Decodes the character at `p` (p < end). Rejects overlong forms,
// surrogates and code points above U+10FFFF as ill-formed.
Utf8Char DecodeUtf8(const char* p, const char* end);

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`;
// returns the number of bytes written (1..4). `out` must have room for 4.
int EncodeUtf8(char32_t cp, char* out);

// True when every byte is below 0x80.
bool IsAscii(absl::string_view text);

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view text);

// Number of code points, counting each ill-formed byte as one.
size_t CountCodePoints(absl::string_view text);

// Unicode White_Space (PropList.txt): U+0009–000D, U+0020, U+0085, U+00A0,
// U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000.
bool IsWhiteSpace(char32_t cp);

// What `trim` strips: White_Space plus the invisible U+200B ZERO WIDTH SPACE
// and U+FEFF ZERO WIDTH NO-BREAK SPACE (a stray byte-order mark).
bool IsTrimmable(char32_t cp);

// True for code points that are NFC_Quick_Check=Yes with canonical combining
// class 0 and in blocks common in Chinese data: below U+0300 (Latin, IPA,
// spacing modifiers), U+3000–3029 (CJK symbols and punctuation before the
// ideographic tone marks), U+4E00–9FFF (CJK Unified Ideographs) and
// U+FF01–FF5E (full-width ASCII). A string of such characters only is NFC,
// so the nfc step can skip ICU for it.
inline bool IsNfcQuickYes(char32_t cp) {
  return cp < 0x300 || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0xFF01 && cp <= 0xFF5E);
}

// `text` without leading and trailing IsTrimmable characters: a sub-view.
absl::string_view TrimView(absl::string_view text);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_UNICODE_TEXT_H_
