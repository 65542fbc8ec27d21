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
#include <string>

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
// surrogates and code points above U+10FFFF as ill-formed, reporting
// {kInvalidCodePoint, 1}. The codec's only UTF-8 decoder; inline because
// every per-character loop calls it.
inline Utf8Char DecodeUtf8(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const char32_t b0 = s[0];
  if (b0 < 0x80) return {b0, 1};
  const ptrdiff_t avail = end - p;
  // Three-byte sequences first: CJK text is made of them.
  if ((b0 & 0xF0) == 0xE0) {
    if (avail >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
      const char32_t cp =
          ((b0 & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
      // Not overlong (< U+0800) and not a surrogate (U+D800–DFFF).
      if (cp >= 0x800 && cp - 0xD800 >= 0x800) return {cp, 3};
    }
    return {kInvalidCodePoint, 1};
  }
  if (b0 >= 0xC2 && b0 < 0xE0) {
    if (avail >= 2 && (s[1] & 0xC0) == 0x80) {
      return {((b0 & 0x1F) << 6) | (s[1] & 0x3Fu), 2};
    }
    return {kInvalidCodePoint, 1};
  }
  if (b0 >= 0xF0 && b0 < 0xF5 && avail >= 4 && (s[1] & 0xC0) == 0x80 &&
      (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
    const char32_t cp = ((b0 & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) |
                        ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
  }
  return {kInvalidCodePoint, 1};  // continuation, C0/C1 or F5–FF lead
}

// For an ill-formed sequence at `p` (DecodeUtf8 reported kInvalidCodePoint):
// the length (1..3) of its maximal subpart, the unit that Unicode's "U+FFFD
// substitution of maximal subparts" replaces by one U+FFFD. A lead byte and
// the continuation bytes that could still have completed it count together.
int IllFormedUtf8Length(const char* p, const char* end);

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`;
// returns the number of bytes written (1..4). `out` must have room for 4.
int EncodeUtf8(char32_t cp, char* out);

// Appends the UTF-8 encoding of `cp` to `*out` (see EncodeUtf8).
inline void AppendUtf8(char32_t cp, std::string* out) {
  char buf[4];
  out->append(buf, static_cast<size_t>(EncodeUtf8(cp, buf)));
}

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

// TrimView's general case; call TrimView.
absl::string_view TrimViewSlow(absl::string_view text);

// `text` without leading and trailing IsTrimmable characters: a sub-view.
// Inline because most values begin and end in printable ASCII or in a CJK
// character (leads E4–E9, U+4000–9FFF, never trimmable) and need no more
// than a few byte tests.
inline absl::string_view TrimView(absl::string_view text) {
  if (text.empty()) return text;
  const size_t n = text.size();
  const auto first = static_cast<unsigned char>(text[0]);
  const auto last = static_cast<unsigned char>(text[n - 1]);
  const bool first_kept = (first > 0x20 && first < 0x80) ||
                          static_cast<unsigned char>(first - 0xE4) <= 5;
  const bool last_kept =
      (last > 0x20 && last < 0x80) ||
      (n >= 3 &&
       static_cast<unsigned char>(static_cast<unsigned char>(text[n - 3]) -
                                  0xE4) <= 5 &&
       (static_cast<unsigned char>(text[n - 2]) & 0xC0) == 0x80 &&
       (last & 0xC0) == 0x80);
  if (first_kept && last_kept) return text;
  return TrimViewSlow(text);
}

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_UNICODE_TEXT_H_
