// Check-character algorithms of coding rules (SPEC §2.12): the ISO 7064
// (GB/T 17710) family, Luhn, and WEIGHTED sums. A CheckMethod is compiled
// once from a v1::CodingCheck and then computes check characters for any
// input, without allocating.
//
//   absl::StatusOr<CheckMethod> method = CheckMethod::Make(check);
//   char out[2];
//   method->Compute("0794", out);  // ISO7064_MOD11_2: out[0] == '0'
//
// Inputs must consist of characters for which input_table() is true; the
// coding-rule compiler proves that of every segment a check covers, and the
// validator's shape pass checks it, so Compute itself never fails (an
// unexpected character counts as value 0, never as undefined behaviour).
//
// Also the contiguous Luhn and ISO 7064 MOD 11-2 computations that the
// built-in checksums (codec/checksum.cc) share.
//
// CheckMethod is an immutable value type: thread-safe for const use, cheap
// to move.
#ifndef SHUYUAN_CODEC_INTERNAL_CHECK_ALGORITHMS_H_
#define SHUYUAN_CODEC_INTERNAL_CHECK_ALGORITHMS_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {

// A set of bytes, as a lookup table (the shape tables of coding rules).
using ByteSet = std::array<bool, 256>;

// Luhn check digit of a digit string (the digit next to the check digit is
// doubled).
char LuhnCheckDigit(absl::string_view digits);

// ISO 7064 MOD 11-2 (pure system) check character of a digit string: '0'-'9'
// or 'X'.
char Iso7064Mod11_2Check(absl::string_view digits);

class CheckMethod {
 public:
  // Compiles `check`. InvalidArgument for an unspecified algorithm, WEIGHTED
  // without parameters (or parameters given to another algorithm), a
  // modulus below 2, check_chars whose length is not the modulus, an
  // alphabet with a repeated or non-printable-ASCII character, or a weight
  // list that is empty. The error's ErrorSite field is the path below the
  // check ("weighted.check_chars"); the caller prefixes the segment.
  static absl::StatusOr<CheckMethod> Make(const v1::CodingCheck& check);

  // Number of check characters: 2 for ISO7064_MOD97_10, else 1.
  int check_length() const { return check_length_; }
  // For WEIGHTED, the number of characters it checks (one per weight);
  // 0 = any number.
  size_t weight_count() const { return weights_.size(); }

  // Characters the algorithm reads, and characters it can produce.
  const ByteSet& input_table() const { return input_; }
  const ByteSet& output_table() const { return output_; }
  // For messages: "0-9", "0-9A-Z", or the WEIGHTED alphabet.
  const std::string& input_description() const { return input_text_; }
  const std::string& output_description() const { return output_text_; }
  // "ISO7064_MOD37_36", "WEIGHTED", ...
  absl::string_view name() const;

  // Writes the check_length() check characters of `input` to `out`.
  void Compute(absl::string_view input, char* out) const;

 private:
  CheckMethod() = default;
  // Make's two halves: the fixed algorithms, and WEIGHTED's parameters.
  absl::Status InitIso7064OrLuhn();
  absl::Status InitWeighted(const v1::WeightedCheck& weighted);

  v1::CodingCheck::Algorithm algorithm_ =
      v1::CodingCheck::ALGORITHM_UNSPECIFIED;
  int check_length_ = 1;
  ByteSet input_{};
  ByteSet output_{};
  std::string input_text_;
  std::string output_text_;
  // Character → value (0 when not in the input alphabet).
  std::array<uint8_t, 256> values_{};
  // WEIGHTED: weights reduced modulo the modulus, and the check characters.
  std::vector<uint32_t> weights_;
  uint32_t modulus_ = 0;
  std::string check_chars_;
};

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_CHECK_ALGORITHMS_H_
