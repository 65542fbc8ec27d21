// Test and benchmark helper: random strings over the alphabets of the
// structured codes (SPEC §2.5), from which tests and benchmarks build valid
// bodies to encode.
//
//   std::mt19937 rng(2024);
//   std::string org_body = RandomString(rng, kGb11714Alphabet, 8);
//
// Pure given the generator; a generator is not thread-safe.
#ifndef SHUYUAN_CODEC_TESTING_RANDOM_CODES_H_
#define SHUYUAN_CODEC_TESTING_RANDOM_CODES_H_

#include <random>
#include <string>

#include "absl/strings/string_view.h"

namespace shuyuan::codec_testing {

inline constexpr absl::string_view kDigits = "0123456789";
// GB 32100's 31 symbols (no I, O, S, V, Z).
inline constexpr absl::string_view kGb32100Alphabet =
    "0123456789ABCDEFGHJKLMNPQRTUWXY";
// GB 11714 body characters.
inline constexpr absl::string_view kGb11714Alphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// `length` characters drawn uniformly from `alphabet`.
inline std::string RandomString(std::mt19937& rng, absl::string_view alphabet,
                                int length) {
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string s;
  for (int i = 0; i < length; ++i) s.push_back(alphabet[pick(rng)]);
  return s;
}

}  // namespace shuyuan::codec_testing

#endif  // SHUYUAN_CODEC_TESTING_RANDOM_CODES_H_
