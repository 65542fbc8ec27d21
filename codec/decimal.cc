#include "codec/decimal.h"

namespace shuyuan::codec {

bool ParseDecimal(absl::string_view text, bool allow_fraction,
                  DecimalParts* out) {
  *out = DecimalParts();
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    out->negative = text[i] == '-';
    ++i;
  }
  const size_t int_begin = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const size_t int_end = i;
  size_t frac_begin = i;
  size_t frac_end = i;
  if (i < text.size() && text[i] == '.') {
    if (!allow_fraction) return false;
    frac_begin = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    frac_end = i;
    if (frac_end == frac_begin) return false;  // "12." is not a number
  }
  if (i != text.size() || int_end == int_begin) return false;
  out->digit_count = (int_end - int_begin) + (frac_end - frac_begin);
  out->fraction_digits = frac_end - frac_begin;
  size_t lead = int_begin;
  while (lead < int_end && text[lead] == '0') ++lead;
  out->integer = text.substr(lead, int_end - lead);
  size_t trail = frac_end;
  while (trail > frac_begin && text[trail - 1] == '0') --trail;
  out->fraction = text.substr(frac_begin, trail - frac_begin);
  if (out->integer.empty() && out->fraction.empty()) out->negative = false;
  return true;
}

namespace {

// Compares magnitudes.
int CompareMagnitude(const DecimalParts& a, const DecimalParts& b) {
  if (a.integer.size() != b.integer.size()) {
    return a.integer.size() < b.integer.size() ? -1 : 1;
  }
  if (int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  if (int c = a.fraction.compare(b.fraction); c != 0) return c < 0 ? -1 : 1;
  return 0;
}

}  // namespace

int CompareDecimal(const DecimalParts& a, const DecimalParts& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  const int magnitude = CompareMagnitude(a, b);
  return a.negative ? -magnitude : magnitude;
}

}  // namespace shuyuan::codec
