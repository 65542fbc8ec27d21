#include "codec/internal/check_algorithms.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "codec/definition_error.h"
#include "common/status_macros.h"

namespace shuyuan::codec_internal {
namespace {

constexpr absl::string_view kDigits = "0123456789";
constexpr absl::string_view kAlphanumerics =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Luhn: a doubled digit counts as the sum of its decimal digits.
constexpr int kLuhnDoubled[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

// ISO 7064 MOD 11-2, pure system: the digit k places left of the check
// character weighs 2^k mod 11, so Σ + check ≡ 1 (mod 11). 2^k mod 11
// repeats every 10 places; independent multiply-adds (rather than the
// standard's recursive form, which reduces modulo 11 at every step) keep the
// loop free of a serial division chain. A 64-bit sum cannot overflow for
// any input that fits in memory (at most 90 per digit).
constexpr int kMod11_2Weights[10] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};

absl::Status CheckError(absl::string_view field, absl::string_view message) {
  return shuyuan::codec::WithErrorSite(absl::InvalidArgumentError(message),
                                       {"", "", std::string(field)});
}

void Include(absl::string_view chars, ByteSet* set) {
  for (char c : chars) (*set)[static_cast<unsigned char>(c)] = true;
}

bool IsPrintableAscii(char c) { return c > ' ' && c <= '~'; }

// ISO 7064 pure system with radix 2: p ← 2(p + v) mod m over the input;
// the check value makes the whole Σ ≡ 1 (mod m).
int PureRadix2(absl::string_view input, const std::array<uint8_t, 256>& values,
               int modulus) {
  int p = 0;
  for (char c : input) {
    p = (p + values[static_cast<unsigned char>(c)]) * 2 % modulus;
  }
  return (modulus + 1 - p) % modulus;
}

// ISO 7064 hybrid system MOD m+1, m: s ← ((s or m)·2 mod (m+1) + v) mod m,
// starting from m/2; the check value brings the last s to 1.
int Hybrid(absl::string_view input, const std::array<uint8_t, 256>& values,
           int m) {
  int s = m / 2;
  for (char c : input) {
    s = ((s == 0 ? m : s) * 2 % (m + 1) +
         values[static_cast<unsigned char>(c)]) %
        m;
  }
  const int p = (s == 0 ? m : s) * 2 % (m + 1);
  return ((1 - p) % m + m) % m;
}

}  // namespace

char LuhnCheckDigit(absl::string_view digits) {
  int sum = 0;
  bool doubled = true;  // the last digit sits next to the check digit
  for (size_t i = digits.size(); i-- > 0;) {
    const int d = digits[i] - '0';
    sum += doubled ? kLuhnDoubled[d] : d;
    doubled = !doubled;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

char Iso7064Mod11_2Check(absl::string_view digits) {
  uint64_t sum = 0;
  size_t k = digits.size() % 10;  // weight index of digits[0]
  for (char c : digits) {
    sum += static_cast<uint64_t>(c - '0') * kMod11_2Weights[k];
    k = k == 0 ? 9 : k - 1;
  }
  const int check = static_cast<int>((12 - sum % 11) % 11);
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

absl::StatusOr<CheckMethod> CheckMethod::Make(const v1::CodingCheck& check) {
  CheckMethod method;
  method.algorithm_ = check.algorithm();
  const bool weighted = check.algorithm() == v1::CodingCheck::WEIGHTED;
  if (check.has_weighted() && !weighted) {
    return CheckError("weighted",
                      absl::StrCat("weighted parameters belong to algorithm "
                                   "WEIGHTED, not ",
                                   method.name()));
  }
  if (!weighted) {
    SHUYUAN_RETURN_IF_ERROR(method.InitIso7064OrLuhn());
    return method;
  }
  if (!check.has_weighted()) {
    return CheckError("weighted",
                      "algorithm WEIGHTED needs weighted: {alphabet, weights, "
                      "modulus, check_chars}");
  }
  SHUYUAN_RETURN_IF_ERROR(method.InitWeighted(check.weighted()));
  return method;
}

absl::Status CheckMethod::InitIso7064OrLuhn() {
  absl::string_view input, output;
  switch (algorithm_) {
    case v1::CodingCheck::ISO7064_MOD11_2:
      input = kDigits;
      output = "0123456789X";
      break;
    case v1::CodingCheck::ISO7064_MOD37_2:
      input = kAlphanumerics;
      output = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
      break;
    case v1::CodingCheck::ISO7064_MOD97_10:
      input = kAlphanumerics;
      output = kDigits;
      check_length_ = 2;
      break;
    case v1::CodingCheck::ISO7064_MOD11_10:
    case v1::CodingCheck::LUHN:
      input = kDigits;
      output = kDigits;
      break;
    case v1::CodingCheck::ISO7064_MOD37_36:
      input = kAlphanumerics;
      output = kAlphanumerics;
      break;
    default:
      return CheckError("algorithm",
                        "check.algorithm is required: one of ISO7064_MOD11_2, "
                        "ISO7064_MOD37_2, ISO7064_MOD97_10, ISO7064_MOD11_10, "
                        "ISO7064_MOD37_36, LUHN or WEIGHTED");
  }
  for (size_t i = 0; i < input.size(); ++i) {
    values_[static_cast<unsigned char>(input[i])] = static_cast<uint8_t>(i);
  }
  Include(input, &input_);
  Include(output, &output_);
  input_text_ = input.size() == kAlphanumerics.size() ? "0-9A-Z" : "0-9";
  output_text_ = output.size() == 11   ? "0-9X"
                 : output.size() == 37 ? "0-9A-Z*"
                 : output.size() == 36 ? "0-9A-Z"
                                       : "0-9";
  return absl::OkStatus();
}

absl::Status CheckMethod::InitWeighted(const v1::WeightedCheck& w) {
  if (w.alphabet().empty()) {
    return CheckError("weighted.alphabet",
                      "weighted.alphabet is required: the characters checked, "
                      "each worth its index");
  }
  if (w.alphabet().size() > 255) {
    return CheckError("weighted.alphabet",
                      "weighted.alphabet has more than 255 characters");
  }
  for (size_t i = 0; i < w.alphabet().size(); ++i) {
    const char c = w.alphabet()[i];
    if (!IsPrintableAscii(c)) {
      return CheckError(
          "weighted.alphabet",
          absl::StrCat("weighted.alphabet: character ", i + 1,
                       " is not printable ASCII (coding rules use "
                       "'!' to '~')"));
    }
    if (input_[static_cast<unsigned char>(c)]) {
      return CheckError("weighted.alphabet",
                        absl::StrCat("weighted.alphabet lists '",
                                     absl::string_view(&c, 1), "' twice"));
    }
    input_[static_cast<unsigned char>(c)] = true;
    values_[static_cast<unsigned char>(c)] = static_cast<uint8_t>(i);
  }
  if (w.modulus() < 2) {
    return CheckError("weighted.modulus",
                      "weighted.modulus must be at least 2");
  }
  if (w.check_chars().size() != w.modulus()) {
    return CheckError(
        "weighted.check_chars",
        absl::StrCat("weighted.check_chars has ", w.check_chars().size(),
                     " characters; it needs one per remainder, modulus ",
                     w.modulus()));
  }
  for (size_t i = 0; i < w.check_chars().size(); ++i) {
    if (!IsPrintableAscii(w.check_chars()[i])) {
      return CheckError("weighted.check_chars",
                        absl::StrCat("weighted.check_chars: character ", i + 1,
                                     " is not printable ASCII"));
    }
  }
  if (w.weights().empty()) {
    return CheckError("weighted.weights",
                      "weighted.weights is required: one weight per checked "
                      "character");
  }
  for (uint32_t weight : w.weights()) weights_.push_back(weight % w.modulus());
  modulus_ = w.modulus();
  check_chars_ = w.check_chars();
  Include(w.check_chars(), &output_);
  input_text_ = w.alphabet();
  output_text_ = w.check_chars();
  return absl::OkStatus();
}

absl::string_view CheckMethod::name() const {
  return v1::CodingCheck::Algorithm_Name(algorithm_);
}

void CheckMethod::Compute(absl::string_view input, char* out) const {
  switch (algorithm_) {
    case v1::CodingCheck::ISO7064_MOD11_2:
      out[0] = Iso7064Mod11_2Check(input);
      return;
    case v1::CodingCheck::ISO7064_MOD37_2: {
      const int v = PureRadix2(input, values_, 37);
      out[0] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"[v];
      return;
    }
    case v1::CodingCheck::ISO7064_MOD97_10: {
      // Letters read as the two digits of 10-35 (ISO 13616).
      int r = 0;
      for (char c : input) {
        const int v = values_[static_cast<unsigned char>(c)];
        r = (r * (v < 10 ? 10 : 100) + v) % 97;
      }
      const int check = 98 - r * 100 % 97;
      out[0] = static_cast<char>('0' + check / 10);
      out[1] = static_cast<char>('0' + check % 10);
      return;
    }
    case v1::CodingCheck::ISO7064_MOD11_10:
      out[0] = static_cast<char>('0' + Hybrid(input, values_, 10));
      return;
    case v1::CodingCheck::ISO7064_MOD37_36:
      out[0] = kAlphanumerics[Hybrid(input, values_, 36)];
      return;
    case v1::CodingCheck::LUHN: {
      // As LuhnCheckDigit, reading digits through the value table.
      int sum = 0;
      bool doubled = true;
      for (size_t i = input.size(); i-- > 0;) {
        const int d = values_[static_cast<unsigned char>(input[i])];
        sum += doubled ? kLuhnDoubled[d] : d;
        doubled = !doubled;
      }
      out[0] = static_cast<char>('0' + (10 - sum % 10) % 10);
      return;
    }
    case v1::CodingCheck::WEIGHTED: {
      // Weights are below the modulus and values below 256, so a 64-bit sum
      // of the at most 256 characters a rule has cannot overflow.
      uint64_t sum = 0;
      const size_t n = std::min(input.size(), weights_.size());
      for (size_t i = 0; i < n; ++i) {
        sum += static_cast<uint64_t>(
                   values_[static_cast<unsigned char>(input[i])]) *
               weights_[i];
      }
      out[0] = check_chars_[sum % modulus_];
      return;
    }
    default:
      out[0] = '?';
      return;
  }
}

}  // namespace shuyuan::codec_internal
