// QuietText: whether a normaliser's scanning steps (SPEC §2.3: width, nfc,
// trim, collapse_spaces, remove, replace, upper, lower) would all leave a
// value unchanged, decided in one pass instead of one pass per step. Most
// values of a clean file — codes, dates, and Chinese names, addresses and
// free text — are already canonical, so Normalizer::Apply asks this first.
//
//   QuietText quiet;                   // planned once per normaliser
//   quiet.WakeAscii('a', 'z');         // an `upper` step
//   quiet.set_width();                 // a `width` step
//   quiet.set_ends();                  // a `trim` step
//   quiet.Finish();
//   quiet.IsQuiet("浙江省杭州市");        // true
//   quiet.IsQuiet("ＡＢＣ");              // false: width acts
//
// A false answer is always safe (the caller runs every step); a true answer
// promises that no scanning step changes the value. Ill-formed UTF-8 is
// never quiet, nor is non-ASCII text longer than kMaxNonAsciiBytes.
// Immutable after Finish; thread-safe.
#ifndef SHUYUAN_CODEC_INTERNAL_QUIET_TEXT_H_
#define SHUYUAN_CODEC_INTERNAL_QUIET_TEXT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_internal {

class QuietText {
 public:
  // ASCII bytes lo..hi make some step act (remove, replace, upper, lower,
  // collapse_spaces).
  void WakeAscii(unsigned char lo, unsigned char hi);
  // A non-ASCII character some step acts on (remove's characters, the first
  // character of a replace key).
  void Block(char32_t cp);
  // A step acts on non-ASCII text that cannot be planned (a replace key
  // that is not UTF-8): only ASCII values can be quiet.
  void BlockAllNonAscii() { non_ascii_ = false; }
  void set_width() { width_ = true; }        // full-width forms, U+3000
  void set_nfc() { nfc_ = true; }            // characters not NFC alone
  void set_ends() { ends_ = true; }          // trimmable ends
  void set_collapse() { collapse_ = true; }  // non-ASCII white space
  // Call once after planning.
  void Finish();

  bool IsQuiet(absl::string_view value) const;

  // Longer values with non-ASCII text are never called quiet (the caller's
  // steps scan them in blocks, faster than this pass decodes them).
  static constexpr size_t kMaxNonAsciiBytes = 48;

 private:
  // Whether no step acts on the non-ASCII character `cp`.
  bool CharQuiet(char32_t cp) const;

  // Per byte: 0 = ASCII no step acts on, 1 = ASCII that wakes a step,
  // 2 = non-ASCII (decoded and judged by CharQuiet).
  std::array<uint8_t, 256> kind_ = {};
  std::vector<char32_t> blocked_;  // sorted
  bool non_ascii_ = true;
  bool ideographs_quiet_ = true;  // no blocked character in U+4E00–9FFF
  bool width_ = false;
  bool nfc_ = false;
  bool ends_ = false;
  bool collapse_ = false;
};

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_QUIET_TEXT_H_
