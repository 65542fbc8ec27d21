#include "codec/internal/check_algorithms.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "codec/checksum.h"
#include "codec/definition_error.h"
#include "codec/testing/random_codes.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::codec_internal {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

v1::CodingCheck Check(v1::CodingCheck::Algorithm algorithm) {
  v1::CodingCheck check;
  check.set_algorithm(algorithm);
  return check;
}

v1::CodingCheck Weighted(absl::string_view alphabet,
                         const std::vector<uint32_t>& weights, uint32_t modulus,
                         absl::string_view check_chars) {
  v1::CodingCheck check = Check(v1::CodingCheck::WEIGHTED);
  v1::WeightedCheck* w = check.mutable_weighted();
  w->set_alphabet(std::string(alphabet));
  for (uint32_t weight : weights) w->add_weights(weight);
  w->set_modulus(modulus);
  w->set_check_chars(std::string(check_chars));
  return check;
}

// The check characters of `body`.
std::string Of(const v1::CodingCheck& check, absl::string_view body) {
  absl::StatusOr<CheckMethod> method = CheckMethod::Make(check);
  EXPECT_TRUE(method.ok()) << method.status();
  if (!method.ok()) return "";
  char out[2];
  method->Compute(body, out);
  return std::string(out, method->check_length());
}

// GB 11643, GB 11714 and GB 32100 written as WEIGHTED checks (SPEC §2.12).
const v1::CodingCheck& Gb11643() {
  static const v1::CodingCheck* check = new v1::CodingCheck(Weighted(
      "0123456789", {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}, 11,
      "10X98765432"));
  return *check;
}
const v1::CodingCheck& Gb11714() {
  static const v1::CodingCheck* check = new v1::CodingCheck(
      Weighted(codec_testing::kGb11714Alphabet, {3, 7, 9, 10, 5, 8, 4, 2}, 11,
               "0X987654321"));
  return *check;
}
const v1::CodingCheck& Gb32100() {
  static const v1::CodingCheck* check = new v1::CodingCheck(
      Weighted(codec_testing::kGb32100Alphabet,
               {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28},
               31, "0YXWUTRQPNMLKJHGFEDCBA987654321"));
  return *check;
}

// Published vectors: the examples of ISO 7064 (GB/T 17710) itself, and the
// doctests of python-stdnum's independent implementation.
TEST(CheckAlgorithmsTest, Iso7064PublishedVectors) {
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD11_2), "0794"), "0");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD11_2), "079"), "X");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD37_2), "G123498654321"), "H");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD37_2), "G123489654321"), "Y");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD37_2), "A999522123456"), "*");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD97_10), "794"), "44");
  EXPECT_EQ(
      Of(Check(v1::CodingCheck::ISO7064_MOD97_10), "99991234567890121414"),
      "90");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD97_10), "4354111611551114"),
            "31");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD11_10), "0794"), "5");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD11_10), "79462"), "3");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD11_10), "00200667308"), "5");
  EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD37_36), "A12425GABC1234002"),
            "M");
  EXPECT_EQ(Of(Check(v1::CodingCheck::LUHN), "7992739871"), "3");
}

// IBAN GB82 WEST 1234 5698 7654 32 (ISO 13616): moved to the end, the
// country code and check digits make "WEST12345698765432GB82", whose letters
// read as 10-35 give 3214282912345698765432161182 ≡ 1 (mod 97).
TEST(CheckAlgorithmsTest, Iso7064Mod97_10OnAnIban) {
  const v1::CodingCheck mod97 = Check(v1::CodingCheck::ISO7064_MOD97_10);
  EXPECT_EQ(Of(mod97, "WEST12345698765432GB"), "82");
  EXPECT_EQ(Of(mod97, "32142829123456987654321611"), "82");
  EXPECT_NE(Of(mod97, "WEST12345698765432GC"), "82");
}

// The SPEC §2.5 vectors through the WEIGHTED forms of the national codes.
TEST(CheckAlgorithmsTest, WeightedExpressesTheNationalCodes) {
  EXPECT_EQ(Of(Gb11643(), "11010519491231002"), "X");
  EXPECT_EQ(Of(Gb11643(), "44052418800101001"), "4");
  EXPECT_EQ(Of(Gb11714(), "60003734"), "1");
  EXPECT_EQ(Of(Gb32100(), "91110000600037341"), "L");
  EXPECT_NE(Of(Gb32100(), "91110000600037341"), "N");
}

// WEIGHTED and the built-in checksums agree on random bodies; so do LUHN
// and MOD 11-2, which share their arithmetic with the built-ins.
TEST(CheckAlgorithmsTest, AgreesWithTheBuiltInsOnRandomBodies) {
  std::mt19937 rng(17710);
  std::uniform_int_distribution<int> length(1, 30);
  for (int i = 0; i < 2000; ++i) {
    const std::string id = codec_testing::RandomString(rng, "0123456789", 17);
    EXPECT_EQ(Of(Gb11643(), id)[0],
              *codec::ComputeCheckCharacter(v1::GB11643, id));
    const std::string org =
        codec_testing::RandomString(rng, codec_testing::kGb11714Alphabet, 8);
    EXPECT_EQ(Of(Gb11714(), org)[0],
              *codec::ComputeCheckCharacter(v1::GB11714, org));
    const std::string uscc =
        codec_testing::RandomString(rng, codec_testing::kGb32100Alphabet, 17);
    EXPECT_EQ(Of(Gb32100(), uscc)[0],
              *codec::ComputeCheckCharacter(v1::GB32100, uscc));
    const std::string digits =
        codec_testing::RandomString(rng, "0123456789", length(rng));
    EXPECT_EQ(Of(Check(v1::CodingCheck::LUHN), digits)[0],
              *codec::ComputeCheckCharacter(v1::LUHN, digits));
    EXPECT_EQ(Of(Check(v1::CodingCheck::ISO7064_MOD11_2), digits)[0],
              *codec::ComputeCheckCharacter(v1::ISO7064_MOD11_2, digits));
  }
}

struct PropertyCase {
  v1::CodingCheck check;
  std::string body_alphabet;
};

// Every single-character substitution of a valid value changes its check:
// the promise of ISO 7064 (all of its systems), of Luhn for digits, and of a
// WEIGHTED sum modulo a prime at least the alphabet's size with weights not
// divisible by it (GB 11643, GB 32100). GB 11714's WEIGHTED form (36
// symbols, modulus 11) makes no such promise and is not listed.
TEST(CheckAlgorithmsTest, EverySingleSubstitutionIsCaught) {
  const std::string digits = "0123456789";
  const std::string alnum = std::string(codec_testing::kGb11714Alphabet);
  const std::vector<PropertyCase> cases = {
      {Check(v1::CodingCheck::ISO7064_MOD11_2), digits},
      {Check(v1::CodingCheck::ISO7064_MOD37_2), alnum},
      {Check(v1::CodingCheck::ISO7064_MOD97_10), digits},
      {Check(v1::CodingCheck::ISO7064_MOD11_10), digits},
      {Check(v1::CodingCheck::ISO7064_MOD37_36), alnum},
      {Check(v1::CodingCheck::LUHN), digits},
      {Gb11643(), digits},
      {Gb32100(), std::string(codec_testing::kGb32100Alphabet)},
  };
  std::mt19937 rng(7064);
  for (const PropertyCase& c : cases) {
    SCOPED_TRACE(v1::CodingCheck::Algorithm_Name(c.check.algorithm()));
    SHUYUAN_ASSERT_OK_AND_ASSIGN(const CheckMethod method,
                                 CheckMethod::Make(c.check));
    const int n = method.check_length();
    const std::string outputs = [&] {
      std::string s;
      for (int b = 0; b < 256; ++b) {
        if (method.output_table()[b]) s.push_back(static_cast<char>(b));
      }
      return s;
    }();
    for (int trial = 0; trial < 200; ++trial) {
      const int length = method.weight_count() != 0
                             ? static_cast<int>(method.weight_count())
                             : 12;
      const std::string body =
          codec_testing::RandomString(rng, c.body_alphabet, length);
      std::string value = body + Of(c.check, body);
      auto passes = [&](const std::string& v) {
        char out[2];
        method.Compute(absl::string_view(v).substr(0, v.size() - n), out);
        return v.compare(v.size() - n, n, out, n) == 0;
      };
      ASSERT_TRUE(passes(value)) << value;
      for (size_t i = 0; i < value.size(); ++i) {
        const bool in_check = i >= value.size() - n;
        const std::string& pool =
            in_check && n == 1 ? outputs : c.body_alphabet;
        for (char other : pool) {
          if (other == value[i]) continue;
          std::string changed = value;
          changed[i] = other;
          EXPECT_FALSE(passes(changed)) << value << " → " << changed;
        }
      }
    }
  }
}

TEST(CheckAlgorithmsTest, RefusesBadDefinitionsNamingTheField) {
  auto field_of = [](const v1::CodingCheck& check) {
    absl::StatusOr<CheckMethod> method = CheckMethod::Make(check);
    EXPECT_FALSE(method.ok());
    const std::optional<codec::ErrorSite> site =
        codec::ErrorSiteOf(method.status());
    return site.has_value() ? site->field : std::string("<none>");
  };
  EXPECT_EQ(field_of(v1::CodingCheck()), "algorithm");
  EXPECT_EQ(field_of(Check(v1::CodingCheck::WEIGHTED)), "weighted");
  v1::CodingCheck luhn_with_weights = Check(v1::CodingCheck::LUHN);
  luhn_with_weights.mutable_weighted()->set_modulus(10);
  EXPECT_EQ(field_of(luhn_with_weights), "weighted");
  EXPECT_EQ(field_of(Weighted("0123456789", {1, 2}, 11, "0123456789")),
            "weighted.check_chars");
  EXPECT_EQ(field_of(Weighted("0123456789", {1, 2}, 1, "0")),
            "weighted.modulus");
  EXPECT_EQ(field_of(Weighted("01234567890", {1, 2}, 2, "01")),
            "weighted.alphabet");
  EXPECT_EQ(field_of(Weighted("", {1, 2}, 2, "01")), "weighted.alphabet");
  EXPECT_EQ(field_of(Weighted("0 1", {1, 2}, 2, "01")), "weighted.alphabet");
  EXPECT_EQ(field_of(Weighted("01", {}, 2, "01")), "weighted.weights");
  EXPECT_THAT(
      CheckMethod::Make(Weighted("0123456789", {1}, 11, "0123456789")).status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("check_chars has 10 characters; it needs one per "
                         "remainder, modulus 11")));
}

}  // namespace
}  // namespace shuyuan::codec_internal
