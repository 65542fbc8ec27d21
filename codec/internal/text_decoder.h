// Byte-level text decoding for the record readers and the format checks:
// strict UTF-8 scanning and repair (ill-formed bytes become U+FFFD), and a
// GB18030/GBK to UTF-8 decoder on ICU's "gb18030" converter that reports the
// offset of the first invalid byte sequence.
//
//   size_t bad = FindInvalidUtf8(text);          // npos when well-formed
//   std::string fixed;
//   AppendRepairedUtf8(text, &fixed);
//
//   SHUYUAN_ASSIGN_OR_RETURN(auto decoder, Gb18030Decoder::Create());
//   std::string utf8;
//   DecodeError error;
//   if (!decoder->Decode(gb_bytes, &utf8, &error)) { ... error.offset ... }
//
// The free functions are pure, thread-safe and allocation-free except for
// the Append* functions. Gb18030Decoder is not thread-safe; one per reader.
#ifndef SHUYUAN_CODEC_INTERNAL_TEXT_DECODER_H_
#define SHUYUAN_CODEC_INTERNAL_TEXT_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct UConverter;

namespace shuyuan::codec_internal {

// Decodes the UTF-8 character at `p` (p < end) strictly: no overlong forms,
// no surrogates, nothing above U+10FFFF. Returns its length (1..4) and sets
// `*cp`; for an ill-formed sequence returns minus the length of its maximal
// ill-formed subpart (-1..-3), which callers skip as one U+FFFD.
inline int DecodeUtf8Char(const char* p, const char* end, char32_t* cp) {
  const unsigned char b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t c;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return -1;
  }
  for (int i = 1; i <= need; ++i) {
    if (p + i >= end) return -i;
    const unsigned char b = static_cast<unsigned char>(p[i]);
    if (b < lo || b > hi) return -i;
    lo = 0x80;
    hi = 0xBF;
    c = (c << 6) | (b & 0x3F);
  }
  *cp = c;
  return need + 1;
}

// True when all bytes of [p, p + n) are below 0x80.
inline bool IsAscii(const char* p, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  }
  return true;
}

// Offset of the first byte of the first ill-formed UTF-8 sequence in
// `text`, or absl::string_view::npos when `text` is well-formed.
size_t FindInvalidUtf8(absl::string_view text);

// Like FindInvalidUtf8, but a sequence cut off by the end of `text` (which
// may continue in the next chunk) is not an error. For encoding sniffing.
bool IsUtf8PrefixValid(absl::string_view text);

// Appends `text` to `*out`, each ill-formed subpart replaced by U+FFFD.
void AppendRepairedUtf8(absl::string_view text, std::string* out);

// Replaces `*text` in place by its repaired form (see AppendRepairedUtf8)
// when it is not well-formed UTF-8.
void RepairUtf8InPlace(std::string* text);

// Where and what the first invalid byte sequence of a decoded text was.
struct DecodeError {
  size_t offset = 0;  // byte offset of the sequence in the input
  size_t length = 0;  // its length in bytes (≥ 1)
};

// Decodes GB18030 (a superset of GBK and GB2312) to UTF-8. Invalid or
// unmapped byte sequences become U+FFFD and decoding resumes after them.
// Not thread-safe; one per reader.
class Gb18030Decoder {
 public:
  // Opens ICU's "gb18030" converter; Internal if ICU lacks it.
  static absl::StatusOr<std::unique_ptr<Gb18030Decoder>> Create();
  ~Gb18030Decoder();
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  // Replaces `*out` with `in` decoded to UTF-8. Returns true when `in` was
  // entirely valid; otherwise false with the first bad sequence in *error
  // (when error is non-null).
  bool Decode(absl::string_view in, std::string* out,
              DecodeError* error = nullptr);

 private:
  explicit Gb18030Decoder(UConverter* converter);

  UConverter* converter_;
  std::u16string utf16_;          // scratch, reused
  std::vector<int32_t> offsets_;  // scratch, reused
};

// Byte length of the GB18030 encoding of code point `cp`: 1, 2 or 4.
int Gb18030Length(char32_t cp);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_TEXT_DECODER_H_
