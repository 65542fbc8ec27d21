#include "codec/internal/unicode_text.h"

#include <cstring>

namespace shuyuan::codec_internal {
namespace {

inline bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

Utf8Char DecodeUtf8(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const ptrdiff_t avail = end - p;
  const unsigned char b0 = s[0];
  if (b0 < 0x80) return {b0, 1};
  if (b0 < 0xC2) return {kInvalidCodePoint, 1};  // continuation or overlong
  if (b0 < 0xE0) {
    if (avail < 2 || !IsContinuation(s[1])) return {kInvalidCodePoint, 1};
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | (s[1] & 0x3F)), 2};
  }
  if (b0 < 0xF0) {
    if (avail < 3 || !IsContinuation(s[1]) || !IsContinuation(s[2])) {
      return {kInvalidCodePoint, 1};
    }
    const char32_t cp =
        ((b0 & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return {kInvalidCodePoint, 1};
    }
    return {cp, 3};
  }
  if (b0 < 0xF5) {
    if (avail < 4 || !IsContinuation(s[1]) || !IsContinuation(s[2]) ||
        !IsContinuation(s[3])) {
      return {kInvalidCodePoint, 1};
    }
    const char32_t cp = ((b0 & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
                        ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return {kInvalidCodePoint, 1};
    return {cp, 4};
  }
  return {kInvalidCodePoint, 1};
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
  const char* p = text.data();
  size_t n = text.size();
  uint64_t acc = 0;
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    acc |= word;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    acc |= static_cast<unsigned char>(*p);
    ++p;
    --n;
  }
  return (acc & 0x8080808080808080ULL) == 0;
}

bool IsValidUtf8(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++p;
      continue;
    }
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

absl::string_view TrimView(absl::string_view text) {
  if (text.empty()) return text;
  // Fast path: both ends are printable ASCII (not white space).
  const auto first = static_cast<unsigned char>(text.front());
  const auto last = static_cast<unsigned char>(text.back());
  if (first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80) return text;
  const char* begin = text.data();
  const char* end = begin + text.size();
  while (begin < end) {
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
