#include "codec/format.h"

#include <limits>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/internal/byte_scan.h"
#include "codec/internal/text_decoder.h"
#include "codec/internal/unicode_text.h"
#include "unicode/uchar.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::codec_internal::DecodeUtf8;
using ::shuyuan::codec_internal::kInvalidCodePoint;
using ::shuyuan::codec_internal::Utf8Char;

constexpr absl::string_view kLayoutNames[] = {"YYYYMMDD",
                                              "YYYY-MM-DD",
                                              "YYYYMMDDhhmmss",
                                              "YYYY-MM-DDThh:mm:ss",
                                              "hhmmss",
                                              "hh:mm:ss",
                                              "D8",
                                              "DT14",
                                              "T6"};

constexpr absl::string_view kShapes =
    "a format is a class (a, n, an or c) and a length (n8, an..50, n2..3, "
    "n..18,2), or a datetime layout (YYYYMMDD, YYYY-MM-DD, YYYYMMDDhhmmss, "
    "YYYY-MM-DDThh:mm:ss, hhmmss, hh:mm:ss, D8, DT14, T6)";

// The format text as it may be quoted in a message.
std::string Quoted(absl::string_view text) {
  bool printable =
      codec_internal::FindInvalidUtf8(text) == absl::string_view::npos;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) printable = false;
  }
  return printable ? std::string(text) : absl::CHexEscape(text);
}

// "found 'O'", "found a space", "found the end of the text".
std::string Found(absl::string_view text, size_t offset) {
  if (offset >= text.size()) return "found the end of the text";
  const char c = text[offset];
  if (c == ' ') return "found a space (formats contain no spaces)";
  const unsigned char u = static_cast<unsigned char>(c);
  if (u > 0x20 && u < 0x7F)
    return absl::StrCat("found '", text.substr(offset, 1), "'");
  const Utf8Char ch =
      DecodeUtf8(text.data() + offset, text.data() + text.size());
  if (ch.cp != kInvalidCodePoint && ch.length > 1 &&
      !(ch.cp >= 0x80 && ch.cp <= 0x9F)) {
    return absl::StrCat("found '", text.substr(offset, ch.length), "'");
  }
  return absl::StrFormat("found byte 0x%02X", u);
}

absl::Status FormatError(absl::string_view text, absl::string_view what,
                         size_t offset, absl::string_view detail = "") {
  return absl::InvalidArgumentError(
      absl::StrCat("format '", Quoted(text), "': ", what, " at offset ", offset,
                   detail.empty() ? "" : ", ", detail));
}

// Reads a run of digits at text[*i]; false when there is none (nothing
// consumed) or it overflows uint32 (error already set in *status).
bool ReadNumber(absl::string_view text, size_t* i, uint32_t* value,
                absl::Status* status) {
  const size_t start = *i;
  uint64_t v = 0;
  while (*i < text.size() && absl::ascii_isdigit(text[*i])) {
    v = v * 10 + static_cast<uint64_t>(text[*i] - '0');
    if (v > std::numeric_limits<uint32_t>::max()) {
      *status = FormatError(text, "number too large", start,
                            "lengths are at most 4294967295");
      return false;
    }
    ++*i;
  }
  if (*i == start) {
    *status = FormatError(text, "expected a digit", start, Found(text, start));
    return false;
  }
  *value = static_cast<uint32_t>(v);
  return true;
}

absl::StatusOr<Format> ParseDateTimeFormat(absl::string_view text) {
  const DateTimeLayout layout = DateTimeLayoutFromName(text);
  if (layout != DateTimeLayout::kNone) {
    Format f;
    f.text = std::string(text);
    f.layout = layout;
    f.char_class = CharClass::kAny;
    const auto length =
        static_cast<uint32_t>(DateTimeLayoutName(layout).size());
    f.min_length = length;
    f.max_length = length;
    return f;
  }
  for (absl::string_view name : kLayoutNames) {
    if (absl::EqualsIgnoreCase(name, text)) {
      size_t i = 0;
      while (name[i] == text[i]) ++i;
      return FormatError(text, "datetime layouts are case-sensitive", i,
                         absl::StrCat("write '", name, "'"));
    }
  }
  size_t longest = 0;
  for (absl::string_view name : kLayoutNames) {
    size_t i = 0;
    while (i < name.size() && i < text.size() && name[i] == text[i]) ++i;
    longest = std::max(longest, i);
  }
  if (longest == 0) {
    return FormatError(text,
                       "expected a class (a, n, an or c) or a datetime "
                       "layout",
                       0, absl::StrCat(Found(text, 0), "; ", kShapes));
  }
  return FormatError(text, "not a datetime layout", longest,
                     absl::StrCat(Found(text, longest), "; ", kShapes));
}

}  // namespace

absl::StatusOr<Format> ParseFormat(absl::string_view text) {
  if (text.empty()) {
    return FormatError(text,
                       "expected a class (a, n, an or c) or a datetime "
                       "layout",
                       0, absl::StrCat("found the end of the text; ", kShapes));
  }
  const char c0 = absl::ascii_tolower(text[0]);
  if (c0 != 'a' && c0 != 'n' && c0 != 'c') return ParseDateTimeFormat(text);

  Format f;
  f.text = std::string(text);
  size_t i = 1;
  if (c0 == 'a') {
    if (text.size() > 1 && absl::ascii_tolower(text[1]) == 'n') {
      f.char_class = CharClass::kAlphaNumeric;
      i = 2;
    } else {
      f.char_class = CharClass::kAlpha;
    }
  } else {
    f.char_class = c0 == 'n' ? CharClass::kNumeric : CharClass::kAny;
  }

  absl::Status status;
  auto at_range = [&](size_t at) {
    return at <= text.size() && text.substr(at, 2) == "..";
  };
  const size_t length_offset = i;
  bool has_min = false;
  size_t max_offset;
  if (at_range(i)) {
    i += 2;
    max_offset = i;
    if (!ReadNumber(text, &i, &f.max_length, &status)) return status;
  } else {
    if (i < text.size() && text[i] == '.') {
      return FormatError(text, "expected a second '.'", i + 1,
                         Found(text, i + 1));
    }
    if (i >= text.size() || !absl::ascii_isdigit(text[i])) {
      return FormatError(text, "expected a digit or '..'", i,
                         absl::StrCat(Found(text, i), "; ", kShapes));
    }
    if (!ReadNumber(text, &i, &f.min_length, &status)) return status;
    has_min = true;
    f.max_length = f.min_length;
    max_offset = length_offset;
    if (at_range(i)) {
      i += 2;
      max_offset = i;
      if (!ReadNumber(text, &i, &f.max_length, &status)) return status;
    } else if (i < text.size() && text[i] == '.') {
      return FormatError(text, "expected a second '.'", i + 1,
                         Found(text, i + 1));
    }
  }
  size_t scale_offset = 0;
  if (i < text.size() && text[i] == ',') {
    ++i;
    scale_offset = i;
    uint32_t scale;
    if (!ReadNumber(text, &i, &scale, &status)) return status;
    f.scale = scale;
  }
  if (i != text.size()) {
    return FormatError(text, "expected a digit", i, Found(text, i));
  }

  if (has_min && f.min_length == 0) {
    return FormatError(text, "length must be at least 1", length_offset,
                       "write '..N' for an optional value of at most N");
  }
  if (f.max_length == 0) {
    return FormatError(text, "maximum length must be at least 1", max_offset);
  }
  if (f.min_length > f.max_length) {
    return FormatError(text,
                       absl::StrCat("minimum length ", f.min_length,
                                    " exceeds maximum length ", f.max_length),
                       length_offset);
  }
  if (f.scale.has_value()) {
    if (f.char_class != CharClass::kNumeric) {
      return FormatError(text, "a scale is allowed only with class n",
                         scale_offset - 1, "as in n..18,2");
    }
    if (*f.scale >= f.max_length) {
      return FormatError(
          text,
          absl::StrCat("scale ", *f.scale,
                       " must be less than the maximum length ", f.max_length),
          scale_offset);
    }
  }
  return f;
}

namespace {

// ASCII membership, one bit per class: 1 = n, 2 = a.
constexpr uint8_t kDigit = 1;
constexpr uint8_t kLetter = 2;

struct AsciiTable {
  uint8_t bits[128] = {};
  constexpr AsciiTable() {
    for (int c = '0'; c <= '9'; ++c) bits[c] = kDigit;
    for (int c = 'A'; c <= 'Z'; ++c) bits[c] = kLetter;
    for (int c = 'a'; c <= 'z'; ++c) bits[c] = kLetter;
    bits[static_cast<int>(' ')] = kLetter;
  }
};
constexpr AsciiTable kAscii;

bool IsLetterLike(char32_t cp) {
  // CJK Unified Ideographs (all Lo) first: Chinese names are made of them.
  return (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0xB7 ||
         (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_L_MASK);
}

// Class c: printable ASCII and well-formed UTF-8 above U+009F (no C0 or C1
// controls). Long free text (经营范围, 住所) is checked here on every record,
// so mixed ASCII and CJK is skipped sixteen bytes at a time, what remains
// of CJK three bytes at a time, and only the rest is decoded.
size_t FindAnyClassViolation(absl::string_view value) {
  const char* const begin = value.data();
  const char* const end = begin + value.size();
  const char* p = begin;
  for (;;) {
    p = codec_internal::SkipPrintableAsciiAndCjk(p, end);
    p = codec_internal::SkipPrintableAscii(p, end);
    // A three-byte sequence with lead E1–EC, EE or EF is well-formed as soon
    // as two continuation bytes follow (only E0 and ED restrict the second
    // byte), and it encodes U+1000 or above, so it is in class c.
    while (end - p >= 3) {
      const auto b0 = static_cast<unsigned char>(p[0]);
      const auto b1 = static_cast<unsigned char>(p[1]);
      const auto b2 = static_cast<unsigned char>(p[2]);
      if (static_cast<unsigned char>(b0 - 0xE1) > 0xEF - 0xE1 || b0 == 0xED ||
          (((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80)) != 0) {
        break;
      }
      p += 3;
    }
    if (p == end) return absl::string_view::npos;
    const auto b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7F) return static_cast<size_t>(p - begin);
      continue;  // printable ASCII after CJK: back to the block scan
    }
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint || c.cp <= 0x9F) {
      return static_cast<size_t>(p - begin);
    }
    p += c.length;
  }
}

}  // namespace

size_t FindCharClassViolation(absl::string_view value, CharClass cls) {
  uint8_t want = 0;
  switch (cls) {
    case CharClass::kNumeric:
      want = kDigit;
      break;
    case CharClass::kAlpha:
      want = kLetter;
      break;
    case CharClass::kAlphaNumeric:
      want = kDigit | kLetter;
      break;
    case CharClass::kAny:
      return FindAnyClassViolation(value);
  }
  const char* const begin = value.data();
  const char* const end = begin + value.size();
  const char* p = begin;
  while (p < end) {
    const unsigned char b = static_cast<unsigned char>(*p);
    if (b < 0x80) {
      if ((kAscii.bits[b] & want) == 0) return static_cast<size_t>(p - begin);
      ++p;
      continue;
    }
    if (cls == CharClass::kNumeric) return static_cast<size_t>(p - begin);
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint || !IsLetterLike(c.cp)) {
      return static_cast<size_t>(p - begin);
    }
    p += c.length;
  }
  return absl::string_view::npos;
}

size_t ValueLength(absl::string_view value, v1::LengthUnit unit) {
  if (unit == v1::UTF8_BYTES) return value.size();
  if (codec_internal::IsAscii(value.data(), value.size())) return value.size();
  const bool gb = unit == v1::GB18030_BYTES;
  const char* p = value.data();
  const char* const end = p + value.size();
  size_t length = 0;
  while (p < end) {
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint) {
      length += gb ? 4 : 1;  // shown as one U+FFFD
      p += codec_internal::IllFormedUtf8Length(p, end);
      continue;
    }
    length += gb ? static_cast<size_t>(codec_internal::Gb18030Length(c.cp)) : 1;
    p += c.length;
  }
  return length;
}

}  // namespace shuyuan::codec
