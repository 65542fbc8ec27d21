// Fuzzes the format notation parser and the value checks (codec/format.h)
// on arbitrary bytes: no crash, no undefined behaviour, and the documented
// invariants of every result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "codec/format.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using shuyuan::codec::CharClass;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<shuyuan::codec::Format> format =
      shuyuan::codec::ParseFormat(text);
  if (format.ok()) {
    Check(format->text == text);
    Check(format->min_length <= format->max_length);
    Check(format->max_length >= 1);
    if (format->scale.has_value()) Check(*format->scale < format->max_length);
  } else {
    Check(format.status().message().find("offset") != absl::string_view::npos);
  }

  for (CharClass cls : {CharClass::kAlpha, CharClass::kNumeric,
                        CharClass::kAlphaNumeric, CharClass::kAny}) {
    const size_t bad = shuyuan::codec::FindCharClassViolation(text, cls);
    Check(bad == absl::string_view::npos || bad < text.size());
    if (bad != absl::string_view::npos) {
      // The prefix before the violation is itself clean.
      Check(shuyuan::codec::FindCharClassViolation(text.substr(0, bad), cls) ==
            absl::string_view::npos);
    }
  }
  const size_t code_points =
      shuyuan::codec::ValueLength(text, shuyuan::v1::CODE_POINTS);
  const size_t utf8 =
      shuyuan::codec::ValueLength(text, shuyuan::v1::UTF8_BYTES);
  const size_t gb =
      shuyuan::codec::ValueLength(text, shuyuan::v1::GB18030_BYTES);
  Check(utf8 == text.size());
  Check(code_points <= utf8);
  Check(gb >= code_points && gb <= 4 * code_points);
  return 0;
}
