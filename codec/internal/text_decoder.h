// Byte-level text decoding for the record readers and the format checks:
// strict UTF-8 scanning and repair (ill-formed bytes become U+FFFD; the
// decoder itself is DecodeUtf8 in unicode_text.h), and a
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
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/internal/byte_scan.h"
#include "codec/internal/gb18030_pairs.h"
#include "codec/internal/unicode_text.h"

struct UConverter;

namespace shuyuan::codec_internal {

// True when all bytes of [p, p + n) are below 0x80.
inline bool IsAscii(const char* p, size_t n) {
  return SkipAscii(p, p + n) == p + n;
}

// Offset of the first byte of the first ill-formed UTF-8 sequence in
// `text`, or absl::string_view::npos when `text` is well-formed.
size_t FindInvalidUtf8(absl::string_view text);

// Whether a prefix of the input reads as UTF-8, for encoding detection:
// true when it is well-formed (a sequence cut off by the end of a prefix
// that is not the whole input is no error), and also when its well-formed
// multi-byte characters outnumber its ill-formed sequences 16 to 1. That is
// a UTF-8 file with a few corrupt bytes (whose rows then come back as
// INVALID_ENCODING), not GB18030 text, where about one Chinese character in
// ten happens to look like UTF-8 and the rest do not.
bool LooksLikeUtf8(absl::string_view prefix, bool is_whole_input);

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
  const Gb18030Pairs& pairs_;     // ASCII and two-byte text, without ICU
  std::u16string utf16_;          // scratch, reused
  std::vector<int32_t> offsets_;  // scratch, reused
};

// Byte length of the GB18030 encoding of code point `cp`: 1, 2 or 4.
int Gb18030Length(char32_t cp);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_TEXT_DECODER_H_
