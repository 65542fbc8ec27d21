// The two-byte half of GB18030 (GBK's code space: lead 0x81–0xFE, trail
// 0x40–0x7E or 0x80–0xFE) as a table of UTF-8 text, built once from ICU's
// own "gb18030" converter, so that Gb18030Decoder (text_decoder.h) can
// decode ASCII and two-byte text, the bulk of Chinese records, without a
// call into ICU per field: the same characters, by construction. Four-byte
// sequences and invalid bytes are left to ICU.
//
//   const Gb18030Pairs& pairs = Gb18030Pairs::Get();
//   std::string utf8;
//   if (!pairs.DecodeAsciiAndPairs(gb_bytes, &utf8)) { ... ICU ... }
//
// Thread-safe: immutable once built (Get builds it on first use).
#ifndef SHUYUAN_CODEC_INTERNAL_GB18030_PAIRS_H_
#define SHUYUAN_CODEC_INTERNAL_GB18030_PAIRS_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_internal {

class Gb18030Pairs {
 public:
  // The table, built from ICU on first use (all entries empty when ICU has
  // no gb18030 converter: every text then goes to ICU).
  static const Gb18030Pairs& Get();

  // Appends `in` decoded to UTF-8 to `*out` and returns true when `in` is
  // ASCII and mapped two-byte sequences only; false as soon as it is not
  // (`*out` then holds a partial decoding).
  bool DecodeAsciiAndPairs(absl::string_view in, std::string* out) const;

 private:
  static constexpr int kLeads = 0xFE - 0x81 + 1;
  static constexpr int kTrails = 0xFE - 0x40 + 1;
  struct Entry {
    uint8_t length = 0;  // UTF-8 bytes; 0 = not a mapped pair
    char utf8[4] = {};
  };

  Gb18030Pairs();

  std::array<Entry, kLeads * kTrails> entries_;
};

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_GB18030_PAIRS_H_
