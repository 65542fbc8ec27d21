#include "codec/internal/text_decoder.h"

#include <array>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "unicode/ucnv.h"
#include "unicode/ucnv_err.h"
#include "unicode/utypes.h"

namespace shuyuan::codec_internal {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Appends UTF-16 `[s, s + n)` (as produced by ICU: well-formed) as UTF-8.
void AppendUtf16AsUtf8(const char16_t* s, size_t n, std::string* out) {
  for (size_t i = 0; i < n; ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 &&
        s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    AppendUtf8(c, out);
  }
}

// Bit cp is set when BMP code point cp takes two bytes in GB18030.
struct Gb18030TwoByteTable {
  std::array<uint64_t, 65536 / 64> bits{};
};

const Gb18030TwoByteTable& TwoByteTable() {
  static const Gb18030TwoByteTable* const table = [] {
    auto* t = new Gb18030TwoByteTable;
    UErrorCode status = U_ZERO_ERROR;
    UConverter* cnv = ucnv_open("gb18030", &status);
    if (U_FAILURE(status)) return t;
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      const UChar c = static_cast<UChar>(cp);
      char out[8];
      status = U_ZERO_ERROR;
      const int32_t n = ucnv_fromUChars(cnv, out, sizeof(out), &c, 1, &status);
      if (U_SUCCESS(status) && n == 2)
        t->bits[cp >> 6] |= uint64_t{1} << (cp & 63);
    }
    ucnv_close(cnv);
    return t;
  }();
  return *table;
}

}  // namespace

size_t FindInvalidUtf8(absl::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  while (true) {
    // Sixteen bytes at a time through printable ASCII and CJK text.
    p = SkipAscii(SkipPrintableAsciiAndCjk(p, end), end);
    if (p == end) return absl::string_view::npos;
    // Fast path for runs of three-byte characters (CJK) without E0/ED,
    // whose second byte has a narrower range.
    while (end - p >= 3) {
      const unsigned char b0 = static_cast<unsigned char>(p[0]);
      const unsigned char b1 = static_cast<unsigned char>(p[1]);
      const unsigned char b2 = static_cast<unsigned char>(p[2]);
      if (b0 < 0xE1 || b0 > 0xEF || b0 == 0xED || (b1 & 0xC0) != 0x80 ||
          (b2 & 0xC0) != 0x80) {
        break;
      }
      p += 3;
    }
    if (p == end) return absl::string_view::npos;
    if (static_cast<unsigned char>(*p) < 0x80) continue;
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp == kInvalidCodePoint) return static_cast<size_t>(p - begin);
    p += c.length;
  }
}

bool LooksLikeUtf8(absl::string_view prefix, bool is_whole_input) {
  constexpr size_t kMultibytePerIllFormed = 16;
  size_t multibyte = 0;
  size_t ill_formed = 0;
  const char* p = prefix.data();
  const char* const end = p + prefix.size();
  while (true) {
    p = SkipAscii(p, end);
    if (p == end) break;
    const Utf8Char c = DecodeUtf8(p, end);
    if (c.cp != kInvalidCodePoint) {
      ++multibyte;
      p += c.length;
      continue;
    }
    const int n = IllFormedUtf8Length(p, end);
    if (!is_whole_input && p + n == end && end - p < 4) break;  // cut off
    ++ill_formed;
    p += n;
  }
  return ill_formed == 0 || multibyte >= kMultibytePerIllFormed * ill_formed;
}

void AppendRepairedUtf8(absl::string_view text, std::string* out) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* run = p;
    while (true) {
      p = SkipAscii(p, end);
      if (p == end) break;
      const Utf8Char c = DecodeUtf8(p, end);
      if (c.cp == kInvalidCodePoint) break;
      p += c.length;
    }
    out->append(run, static_cast<size_t>(p - run));
    if (p == end) break;
    out->append(kReplacement, 3);
    p += IllFormedUtf8Length(p, end);
  }
}

void RepairUtf8InPlace(std::string* text) {
  if (FindInvalidUtf8(*text) == absl::string_view::npos) return;
  std::string fixed;
  fixed.reserve(text->size() + 8);
  AppendRepairedUtf8(*text, &fixed);
  text->swap(fixed);
}

absl::StatusOr<std::unique_ptr<Gb18030Decoder>> Gb18030Decoder::Create() {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("gb18030", &status);
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat(
        "ICU cannot open the gb18030 converter: ", u_errorName(status)));
  }
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &status);
  if (U_FAILURE(status)) {
    ucnv_close(cnv);
    return absl::InternalError(absl::StrCat(
        "ICU cannot configure the gb18030 converter: ", u_errorName(status)));
  }
  return std::unique_ptr<Gb18030Decoder>(new Gb18030Decoder(cnv));
}

Gb18030Decoder::Gb18030Decoder(UConverter* converter)
    : converter_(converter), pairs_(Gb18030Pairs::Get()) {}

Gb18030Decoder::~Gb18030Decoder() { ucnv_close(converter_); }

bool Gb18030Decoder::Decode(absl::string_view in, std::string* out,
                            DecodeError* error) {
  out->clear();
  // ASCII and two-byte characters by table, the same text ICU gives;
  // anything else by ICU, from the start.
  if (pairs_.DecodeAsciiAndPairs(in, out)) return true;
  out->clear();
  // Every input byte yields at most one UTF-16 unit, so one call fills
  // at most in.size() units and never overflows the target.
  if (utf16_.size() < in.size() + 2) utf16_.resize(in.size() + 2);
  if (offsets_.size() < in.size() + 2) offsets_.resize(in.size() + 2);
  bool ok = true;
  size_t start = 0;
  while (start < in.size()) {
    ucnv_resetToUnicode(converter_);
    const char* src = in.data() + start;
    const char* const src_end = in.data() + in.size();
    UChar* const target_begin = reinterpret_cast<UChar*>(utf16_.data());
    UChar* target = target_begin;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter_, &target,
                   target_begin + static_cast<ptrdiff_t>(utf16_.size()), &src,
                   src_end, offsets_.data(), /*flush=*/true, &status);
    const size_t produced = static_cast<size_t>(target - target_begin);
    AppendUtf16AsUtf8(utf16_.data(), produced, out);
    if (U_SUCCESS(status)) break;
    // The bad sequence starts right after the last character produced.
    size_t bad = start;
    if (produced > 0) {
      const size_t last = start + static_cast<size_t>(offsets_[produced - 1]);
      const unsigned char lead = static_cast<unsigned char>(in[last]);
      size_t len = 1;
      if (lead >= 0x80) {
        len =
            (last + 1 < in.size() && in[last + 1] >= '0' && in[last + 1] <= '9')
                ? 4
                : 2;
      }
      bad = last + len;
    }
    char invalid[32];
    int8_t invalid_len = sizeof(invalid);
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter_, invalid, &invalid_len, &ignored);
    size_t skip = invalid_len > 0 ? static_cast<size_t>(invalid_len) : 1;
    if (bad >= in.size()) bad = in.size() - 1;
    if (skip > in.size() - bad) skip = in.size() - bad;
    if (ok && error != nullptr) {
      error->offset = bad;
      error->length = skip;
    }
    ok = false;
    out->append(kReplacement, 3);
    start = bad + skip;
  }
  return ok;
}

int Gb18030Length(char32_t cp) {
  if (cp < 0x80) return 1;
  if (cp >= 0x10000) return 4;
  const auto& bits = TwoByteTable().bits;
  return (bits[cp >> 6] >> (cp & 63)) & 1 ? 2 : 4;
}

}  // namespace shuyuan::codec_internal
