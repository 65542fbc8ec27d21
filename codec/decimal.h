// Exact decimal numbers as written in values and bounds: syntax checks and
// comparison without floating point, so "99999999999999999.99" compares
// exactly against a bound.
//
//   DecimalParts value, max;
//   if (ParseDecimal("1234.50", /*allow_fraction=*/true, &value) &&
//       ParseDecimal("999.99", true, &max) && CompareDecimal(value, max) > 0) {
//     ...  // VALUE_OUT_OF_RANGE
//   }
//
// Pure and thread-safe.
#ifndef SHUYUAN_CODEC_DECIMAL_H_
#define SHUYUAN_CODEC_DECIMAL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::codec {

// A parsed decimal: sign, integer digits without leading zeros, fraction
// digits without trailing zeros. Views point into the parsed text.
struct DecimalParts {
  bool negative = false;
  absl::string_view integer;   // "" for zero
  absl::string_view fraction;  // "" when none
  size_t digit_count = 0;      // digits as written (for format lengths)
  size_t fraction_digits = 0;  // fraction digits as written (for scale)
};

// Parses [+-]digits[.digits]; `allow_fraction` false rejects any '.'.
// False when the text is not such a number.
bool ParseDecimal(absl::string_view text, bool allow_fraction,
                  DecimalParts* out);

// -1, 0, 1 as a < b, a == b, a > b.
int CompareDecimal(const DecimalParts& a, const DecimalParts& b);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DECIMAL_H_
