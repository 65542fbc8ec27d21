#include "bench/internal/hand_text.h"

#include <array>
#include <cstring>

#include "unicode/bytestream.h"
#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/uscript.h"

namespace shuyuan::bench_internal {
namespace {

inline unsigned char Byte(const char* p) {
  return static_cast<unsigned char>(*p);
}

inline bool IsWhite(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

inline bool IsTrimmable(char32_t cp) {
  return IsWhite(cp) || cp == 0x200B || cp == 0xFEFF;
}

// White space at `p` (its length) or 0; only ASCII and the leads C2, E1–E3
// can start one.
inline int WhiteAt(const char* p, const char* end) {
  const unsigned char b = Byte(p);
  if (b < 0x80) return b == ' ' || (b >= 0x09 && b <= 0x0D);
  if (b != 0xC2 && (b < 0xE1 || b > 0xE3)) return 0;
  if (end - p < 2) return 0;
  const unsigned char b1 = Byte(p + 1);
  if (b == 0xC2) return b1 == 0x85 || b1 == 0xA0 ? 2 : 0;
  if (end - p < 3) return 0;
  const unsigned char b2 = Byte(p + 2);
  switch (b) {
    case 0xE1:  // U+1680
      return b1 == 0x9A && b2 == 0x80 ? 3 : 0;
    case 0xE2:  // U+2000–200A, 2028, 2029, 202F, 205F
      return (b1 == 0x80 &&
              (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) &&
              b2 >= 0x80) ||
                     (b1 == 0x81 && b2 == 0x9F)
                 ? 3
                 : 0;
    default:  // E3: U+3000
      return b1 == 0x80 && b2 == 0x80 ? 3 : 0;
  }
}

// A CJK ideograph U+4E00–9FFF at `p` (lead E4 B8 up to E9 BF BF).
inline bool IsIdeograph(const unsigned char* p, const unsigned char* end) {
  return end - p >= 3 &&
         static_cast<unsigned char>(p[0] - 0xE4) <= 0xE9 - 0xE4 &&
         ((p[1] ^ 0x80) | (p[2] ^ 0x80)) < 0x40 &&
         (p[0] != 0xE4 || p[1] >= 0xB8);
}

// A three-byte character at `p` that is well-formed (lead E1–EC, EE, EF or
// a valid E0 / ED sequence).
inline bool WellFormed3(const unsigned char* p) {
  if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return false;
  if (p[0] == 0xE0) return p[1] >= 0xA0;
  if (p[0] == 0xED) return p[1] < 0xA0;
  return true;
}

}  // namespace

Char Decode(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const char32_t b0 = s[0];
  if (b0 < 0x80) return {b0, 1};
  const ptrdiff_t avail = end - p;
  if ((b0 & 0xF0) == 0xE0) {
    if (avail >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
      const char32_t cp =
          ((b0 & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
    }
    return {kBadByte, 1};
  }
  if (b0 >= 0xC2 && b0 < 0xE0) {
    if (avail >= 2 && (s[1] & 0xC0) == 0x80) {
      return {((b0 & 0x1F) << 6) | (s[1] & 0x3Fu), 2};
    }
    return {kBadByte, 1};
  }
  if (b0 >= 0xF0 && b0 < 0xF5 && avail >= 4 && (s[1] & 0xC0) == 0x80 &&
      (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
    const char32_t cp = ((b0 & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) |
                        ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
  }
  return {kBadByte, 1};
}

bool Width(absl::string_view in, std::string* out) {
  const char* p = in.data();
  const char* const end = p + in.size();
  bool writing = false;
  const char* copied = p;
  while (p + 2 < end) {
    const unsigned char b0 = Byte(p);
    if (b0 != 0xEF && b0 != 0xE3) {
      ++p;
      continue;
    }
    const unsigned char b1 = Byte(p + 1);
    const unsigned char b2 = Byte(p + 2);
    char ascii;
    if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
      ascii = static_cast<char>(b2 - 0x81 + 0x21);
    } else if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
      ascii = static_cast<char>(b2 - 0x80 + 0x60);
    } else if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {
      ascii = ' ';
    } else {
      ++p;
      continue;
    }
    if (!writing) {
      out->clear();
      writing = true;
    }
    out->append(copied, p);
    out->push_back(ascii);
    p += 3;
    copied = p;
  }
  if (!writing) return false;
  out->append(copied, end);
  return true;
}

absl::string_view Trim(absl::string_view in) {
  const char* begin = in.data();
  const char* end = begin + in.size();
  // Values that start and end with printable ASCII or an ideograph.
  const auto* ub = reinterpret_cast<const unsigned char*>(begin);
  const auto* ue = reinterpret_cast<const unsigned char*>(end);
  if (!in.empty() && ((ub[0] > 0x20 && ub[0] < 0x80) || IsIdeograph(ub, ue)) &&
      ((ue[-1] > 0x20 && ue[-1] < 0x80) ||
       (in.size() >= 3 && IsIdeograph(ue - 3, ue)))) {
    return in;
  }
  while (begin < end) {
    if (Byte(begin) > 0x20 && Byte(begin) < 0x80) break;
    const Char c = Decode(begin, end);
    if (c.cp == kBadByte || !IsTrimmable(c.cp)) break;
    begin += c.length;
  }
  while (end > begin) {
    const unsigned char last = Byte(end - 1);
    if (last > 0x20 && last < 0x80) break;
    // Step back to the start of the last character.
    const char* start = end - 1;
    while (start > begin && end - start < 4 && (Byte(start) & 0xC0) == 0x80) {
      --start;
    }
    const Char c = Decode(start, end);
    if (c.cp == kBadByte || start + c.length != end || !IsTrimmable(c.cp)) {
      break;
    }
    end = start;
  }
  return absl::string_view(begin, static_cast<size_t>(end - begin));
}

bool CollapseSpaces(absl::string_view in, std::string* out) {
  const char* p = in.data();
  const char* const end = p + in.size();
  // The first white space that is not a lone ASCII space.
  const char* first = nullptr;
  for (const char* q = p; q < end;) {
    const int n = WhiteAt(q, end);
    if (n == 0) {
      ++q;
      continue;
    }
    if (*q != ' ' || (q + 1 < end && WhiteAt(q + 1, end) != 0)) {
      first = q;
      break;
    }
    ++q;
  }
  if (first == nullptr) return false;
  out->assign(p, first);
  bool previous_space = false;
  for (p = first; p < end;) {
    const int n = WhiteAt(p, end);
    if (n != 0) {
      if (!previous_space) out->push_back(' ');
      previous_space = true;
      p += n;
    } else {
      out->push_back(*p++);
      previous_space = false;
    }
  }
  return true;
}

bool Upper(absl::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size() && !(in[i] >= 'a' && in[i] <= 'z')) ++i;
  if (i == in.size()) return false;
  out->assign(in.data(), in.size());
  for (; i < out->size(); ++i) {
    char& c = (*out)[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return true;
}

bool RemoveAscii(absl::string_view in, absl::string_view ascii_chars,
                 std::string* out) {
  auto removes = [&](char c) {
    bool hit = false;
    for (const char r : ascii_chars) hit |= c == r;
    return hit;
  };
  size_t i = 0;
  while (i < in.size() && !removes(in[i])) ++i;
  if (i == in.size()) return false;
  out->assign(in.data(), i);
  for (++i; i < in.size(); ++i) {
    if (!removes(in[i])) out->push_back(in[i]);
  }
  return true;
}

bool Nfc(absl::string_view in, std::string* out) {
  // Latin, CJK ideographs, CJK punctuation and full-width forms are NFC on
  // their own and never combine: the usual Chinese value needs no ICU.
  const char* p = in.data();
  const char* const end = p + in.size();
  while (p < end) {
    const unsigned char b = Byte(p);
    if (b < 0x80) {
      ++p;
      continue;
    }
    const Char c = Decode(p, end);
    if (c.cp == kBadByte) return false;  // left as it is
    const char32_t cp = c.cp;
    if (!(cp < 0x300 || (cp >= 0x4E00 && cp <= 0x9FFF) ||
          (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0xFF01 && cp <= 0xFF5E))) {
      break;
    }
    p += c.length;
  }
  if (p == end || !IsValidUtf8(in)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  if (U_FAILURE(status) || nfc->isNormalizedUTF8(piece, status)) return false;
  out->clear();
  icu::StringByteSink<std::string> sink(out);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) && *out != in;
}

bool PadZeros(absl::string_view in, size_t width, std::string* out) {
  if (in.size() >= 4 * width) return false;
  const size_t count = CodePoints(in);
  if (count >= width) return false;
  out->assign(width - count, '0');
  out->append(in.data(), in.size());
  return true;
}

TextScan ScanText(absl::string_view text, bool width) {
  TextScan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  bool previous_white = false;
  while (p < end) {
    const unsigned char b = *p;
    ++scan.code_points;
    // The bulk first: printable ASCII, and CJK ideographs U+4E00–9FFF (lead
    // E4 B8 up to E9), which no text step touches and which are NFC on
    // their own.
    if (b > 0x20 && b < 0x7F) {
      scan.dots |= b == '.';
      previous_white = false;
      ++p;
      continue;
    }
    if (IsIdeograph(p, end)) {
      --scan.code_points;
      do {
        p += 3;
        ++scan.code_points;
      } while (IsIdeograph(p, end));
      previous_white = false;
      continue;
    }
    if (b < 0x80) {
      if (b <= 0x20 || b == 0x7F) {
        const bool white = b == ' ' || (b >= 0x09 && b <= 0x0D);
        if (b != ' ') scan.printable = false;
        if ((white && b != ' ') || (white && previous_white)) {
          scan.quiet = false;
        }
        previous_white = white;
      } else {
        previous_white = false;
        scan.dots |= b == '.';
      }
      ++p;
      continue;
    }
    if ((b & 0xF0) == 0xE0 && end - p >= 3 && WellFormed3(p)) {
      const unsigned char b1 = p[1], b2 = p[2];
      const char32_t cp =
          ((b & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      const bool white = cp <= 0x3000 && IsWhite(cp);
      if (white) scan.quiet = false;
      if (width && cp >= 0xFF01 && cp <= 0xFF5E) scan.quiet = false;
      scan.nfc_quick &= (cp >= 0x4E00 && cp <= 0x9FFF) ||
                        (cp >= 0x3000 && cp <= 0x3029) ||
                        (cp >= 0xFF01 && cp <= 0xFF5E);
      scan.dots |= cp == 0x2022 || cp == 0x30FB || cp == 0x2027 ||
                   cp == 0xFF0E || cp == 0xFE52 || cp == 0x2219 ||
                   cp == 0x22C5 || cp == 0xFF65;
      previous_white = white;
      p += 3;
      continue;
    }
    const Char c = Decode(reinterpret_cast<const char*>(p),
                          reinterpret_cast<const char*>(end));
    if (c.cp == kBadByte) {
      scan.quiet = scan.printable = false;
    } else {
      if (c.cp <= 0x9F) scan.printable = false;
      if (IsWhite(c.cp)) scan.quiet = false;
      scan.nfc_quick &= c.cp < 0x300;
    }
    previous_white = false;
    p += c.length;
  }
  if (scan.quiet && Trim(text).size() != text.size()) scan.quiet = false;
  return scan;
}

bool IsUpperAlnum(absl::string_view text) {
  static constexpr auto kUpperAlnum = [] {
    std::array<bool, 256> t = {};
    for (int c = '0'; c <= '9'; ++c) t[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
    return t;
  }();
  bool ok = true;
  for (const char c : text) ok &= kUpperAlnum[static_cast<unsigned char>(c)];
  return ok;
}

size_t CodePoints(absl::string_view text) {
  size_t n = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    p += Byte(p) < 0x80 ? 1 : Decode(p, end).length;
    ++n;
  }
  return n;
}

bool IsValidUtf8(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    if (Byte(p) < 0x80) {
      ++p;
      continue;
    }
    const Char c = Decode(p, end);
    if (c.cp == kBadByte) return false;
    p += c.length;
  }
  return true;
}

bool IsPrintable(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const unsigned char b = Byte(p);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) return false;
      ++p;
      continue;
    }
    // Three-byte characters (all of CJK) are U+0800 up: printable.
    if ((b & 0xF0) == 0xE0 && end - p >= 3 &&
        WellFormed3(reinterpret_cast<const unsigned char*>(p))) {
      p += 3;
      continue;
    }
    const Char c = Decode(p, end);
    if (c.cp == kBadByte || c.cp <= 0x9F) return false;
    p += c.length;
  }
  return true;
}

bool IsLetters(absl::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const unsigned char b = Byte(p);
    if (b < 0x80) {
      if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == ' ')) {
        return false;
      }
      ++p;
      continue;
    }
    const Char c = Decode(p, end);
    if (c.cp == kBadByte) return false;
    const bool letter =
        (c.cp >= 0x4E00 && c.cp <= 0x9FFF) || c.cp == 0xB7 ||
        (U_GET_GC_MASK(static_cast<UChar32>(c.cp)) & U_GC_L_MASK) != 0;
    if (!letter) return false;
    p += c.length;
  }
  return true;
}

bool IsDigits(absl::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool HanBefore(absl::string_view text, size_t at) {
  if (at == 0) return false;
  size_t start = at - 1;
  while (start > 0 && at - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  const Char c = Decode(text.data() + start, text.data() + at);
  if (c.cp == kBadByte || start + c.length != at) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c.cp), &status) == USCRIPT_HAN;
}

}  // namespace shuyuan::bench_internal
