#include "codec/internal/unicode_text.h"

#include "codec/internal/byte_scan.h"

namespace shuyuan::codec_internal {
namespace {

inline bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// True for the bytes an IsTrimmable character can start with: 09–0D and 20,
// C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–205F), E3 (U+3000) and EF
// (U+FEFF). Lets TrimView stop at the ends of Chinese text without decoding.
inline bool MayStartTrimmable(unsigned char b) {
  return b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == 0xC2 ||
         (b >= 0xE1 && b <= 0xE3) || b == 0xEF;
}

}  // namespace

int IllFormedUtf8Length(const char* p, const char* end) {
  const auto b0 = static_cast<unsigned char>(p[0]);
  int need;
  // The second byte's range is narrower after E0, ED, F0 and F4 (no
  // overlongs, surrogates or code points above U+10FFFF).
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  int i = 1;
  for (; i <= need && p + i < end; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    if (b < lo || b > hi) break;
    lo = 0x80;
    hi = 0xBF;
  }
  return i <= need ? i : need + 1;
}

int EncodeUtf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

bool IsAscii(absl::string_view text) {
  const char* const end = text.data() + text.size();
  return SkipAscii(text.data(), end) == end;
}

bool IsValidUtf8(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while ((p = SkipAscii(p, end)) < end) {
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint) return false;
    p += c.length;
  }
  return true;
}

size_t CountCodePoints(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  size_t count = 0;
  while (p < end) {
    p += DecodeUtf8(p, end).length;
    ++count;
  }
  return count;
}

bool IsWhiteSpace(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
  switch (cp) {
    case 0x0085:
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool IsTrimmable(char32_t cp) {
  return IsWhiteSpace(cp) || cp == 0x200B || cp == 0xFEFF;
}

absl::string_view TrimViewSlow(absl::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  while (begin < end && MayStartTrimmable(static_cast<unsigned char>(*begin))) {
    const Utf8Char c = DecodeUtf8(begin, end);
    if (c.cp == kInvalidCodePoint || !IsTrimmable(c.cp)) break;
    begin += c.length;
  }
  while (end > begin) {
    // Find the start of the last character: back over at most three
    // continuation bytes, then decode forward and require that the decoded
    // character ends exactly at `end` (else the tail is ill-formed: keep it).
    const char* start = end - 1;
    while (start > begin && end - start < 4 &&
           IsContinuation(static_cast<unsigned char>(*start))) {
      --start;
    }
    if (!MayStartTrimmable(static_cast<unsigned char>(*start))) break;
    const Utf8Char c = DecodeUtf8(start, end);
    if (c.cp == kInvalidCodePoint || start + c.length != end ||
        !IsTrimmable(c.cp)) {
      break;
    }
    end = start;
  }
  return absl::string_view(begin, static_cast<size_t>(end - begin));
}

}  // namespace shuyuan::codec_internal
