#include "codec/internal/gb18030_pairs.h"

#include "codec/internal/byte_scan.h"
#include "codec/internal/unicode_text.h"
#include "unicode/ucnv.h"
#include "unicode/utf16.h"

namespace shuyuan::codec_internal {
const Gb18030Pairs& Gb18030Pairs::Get() {
  static const Gb18030Pairs* const pairs = new Gb18030Pairs();
  return *pairs;
}

Gb18030Pairs::Gb18030Pairs() {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("gb18030", &status);
  if (U_FAILURE(status)) return;
  ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &status);
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      if (trail == 0x7F || U_FAILURE(status)) continue;
      const char bytes[2] = {static_cast<char>(lead), static_cast<char>(trail)};
      const char* src = bytes;
      UChar units[4];
      UChar* target = units;
      UErrorCode error = U_ZERO_ERROR;
      ucnv_resetToUnicode(cnv);
      ucnv_toUnicode(cnv, &target, units + 4, &src, bytes + 2, nullptr,
                     /*flush=*/true, &error);
      const int n = static_cast<int>(target - units);
      if (U_FAILURE(error) || src != bytes + 2 || n == 0) continue;
      char32_t cp = units[0];
      if (n == 2 && U16_IS_LEAD(units[0]) && U16_IS_TRAIL(units[1])) {
        cp = U16_GET_SUPPLEMENTARY(units[0], units[1]);
      } else if (n != 1 || U16_IS_SURROGATE(units[0])) {
        continue;
      }
      Entry& entry = entries_[(lead - 0x81) * kTrails + (trail - 0x40)];
      entry.length = static_cast<uint8_t>(EncodeUtf8(cp, entry.utf8));
    }
  }
  ucnv_close(cnv);
}

bool Gb18030Pairs::DecodeAsciiAndPairs(absl::string_view in,
                                       std::string* out) const {
  const char* p = in.data();
  const char* const end = p + in.size();
  while (true) {
    const char* ascii_end = SkipAscii(p, end);
    out->append(p, static_cast<size_t>(ascii_end - p));
    p = ascii_end;
    if (p == end) return true;
    // Runs of pairs until the next ASCII byte.
    while (end - p >= 2 && static_cast<unsigned char>(*p) >= 0x81) {
      const auto lead = static_cast<unsigned char>(p[0]);
      const auto trail = static_cast<unsigned char>(p[1]);
      if (lead == 0xFF || trail < 0x40 || trail == 0xFF) return false;
      const Entry& entry = entries_[(lead - 0x81) * kTrails + (trail - 0x40)];
      if (entry.length == 0) return false;
      out->append(entry.utf8, entry.length);
      p += 2;
    }
    if (p == end) return true;
    if (static_cast<unsigned char>(*p) >= 0x80) return false;
  }
}

}  // namespace shuyuan::codec_internal
