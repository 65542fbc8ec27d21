#include "codec/internal/quiet_text.h"

#include <algorithm>

#include "codec/internal/unicode_text.h"

namespace shuyuan::codec_internal {
namespace {

// A CJK ideograph U+4E00–9FFF at `p`: lead E4 (second byte B8 up) to E9
// and two continuation bytes. No scanning step acts on one unless a remove
// or replace step names it; all are NFC on their own.
inline bool IsIdeograph(const unsigned char* p, const unsigned char* end) {
  return end - p >= 3 &&
         static_cast<unsigned char>(p[0] - 0xE4) <= 0xE9 - 0xE4 &&
         ((p[1] ^ 0x80) | (p[2] ^ 0x80)) < 0x40 &&
         (p[0] != 0xE4 || p[1] >= 0xB8);
}

}  // namespace

void QuietText::WakeAscii(unsigned char lo, unsigned char hi) {
  for (int b = lo; b <= hi && b < 0x80; ++b) kind_[b] = 1;
}

void QuietText::Block(char32_t cp) {
  if (cp < 0x80) {
    kind_[cp] = 1;
    return;
  }
  blocked_.push_back(cp);
  if (cp >= 0x4E00 && cp <= 0x9FFF) ideographs_quiet_ = false;
}

void QuietText::Finish() {
  for (int b = 0x80; b < 0x100; ++b) kind_[b] = 2;
  std::sort(blocked_.begin(), blocked_.end());
}

bool QuietText::CharQuiet(char32_t cp) const {
  if (width_ && ((cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000)) {
    return false;
  }
  if (nfc_ && !IsNfcQuickYes(cp)) return false;
  if (collapse_ && IsWhiteSpace(cp)) return false;
  return blocked_.empty() ||
         !std::binary_search(blocked_.begin(), blocked_.end(), cp);
}

bool QuietText::IsQuiet(absl::string_view value) const {
  const auto* p = reinterpret_cast<const unsigned char*>(value.data());
  const auto* const end = p + value.size();
  for (;;) {
    // ASCII no step acts on, in blocks of 8 with one branch per block.
    while (end - p >= 8 &&
           (kind_[p[0]] | kind_[p[1]] | kind_[p[2]] | kind_[p[3]] |
            kind_[p[4]] | kind_[p[5]] | kind_[p[6]] | kind_[p[7]]) == 0) {
      p += 8;
    }
    while (p < end && kind_[*p] == 0) ++p;
    if (p == end) break;
    if (kind_[*p] == 1 || !non_ascii_) return false;
    // Long text is left to the steps' own block scans, which beat a
    // character-by-character pass over it.
    if (value.size() > kMaxNonAsciiBytes) return false;
    if (ideographs_quiet_ && IsIdeograph(p, end)) {
      do {
        p += 3;
      } while (IsIdeograph(p, end));
      continue;
    }
    const Utf8Char c = DecodeUtf8(reinterpret_cast<const char*>(p),
                                  reinterpret_cast<const char*>(end));
    if (c.cp == kInvalidCodePoint || !CharQuiet(c.cp)) return false;
    p += c.length;
  }
  return !ends_ || TrimView(value).size() == value.size();
}

}  // namespace shuyuan::codec_internal
