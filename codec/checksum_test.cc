#include "codec/checksum.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/testing/random_codes.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

constexpr DateKey kToday = 20240601;

v1::IssueCode Verify(v1::ChecksumAlgorithm algorithm, absl::string_view value,
                     DateKey today = kToday) {
  return VerifyChecksum(algorithm, value, today).code;
}

// Appends the computed check character to `body`.
std::string WithCheck(v1::ChecksumAlgorithm algorithm, absl::string_view body) {
  absl::StatusOr<char> check = ComputeCheckCharacter(algorithm, body);
  EXPECT_TRUE(check.ok()) << check.status();
  return absl::StrCat(body, std::string(1, check.ok() ? *check : '?'));
}

TEST(ChecksumTest, SpecVectors) {
  EXPECT_EQ(Verify(v1::GB11643, "11010519491231002X"),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11643, "440524188001010014"),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB32100, "91110000600037341L"),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11714, "60003734-1"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11714, "600037341"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB32100, "91110000600037341N"), v1::CHECKSUM_MISMATCH);
  // SPEC §2.10's example of a wrong check digit.
  EXPECT_EQ(Verify(v1::GB11643, "110105194912310021"), v1::CHECKSUM_MISMATCH);
}

TEST(ChecksumTest, OutcomeCarriesDetailsOnlyOnFailure) {
  const ChecksumOutcome pass =
      VerifyChecksum(v1::GB11643, "11010519491231002X", kToday);
  EXPECT_TRUE(pass.ok());
  EXPECT_STREQ(pass.detail, "");
  EXPECT_STREQ(pass.detail_zh, "");

  const ChecksumOutcome fail =
      VerifyChecksum(v1::GB11643, "110105194912310021", kToday);
  EXPECT_FALSE(fail.ok());
  EXPECT_EQ(fail.code, v1::CHECKSUM_MISMATCH);
  EXPECT_THAT(fail.detail, HasSubstr("position 18"));
  EXPECT_THAT(fail.detail_zh, HasSubstr("校验码"));
}

TEST(ChecksumTest, ComputeCheckCharacterPerAlgorithm) {
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11643, "11010519491231002"), 'X');
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11643, "44052418800101001"), '4');
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB32100, "91110000600037341"), 'L');
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11714, "60003734"), '1');
  EXPECT_EQ(*ComputeCheckCharacter(v1::LUHN, "7992739871"), '3');
  // ISO 7064's own example and an ORCID iD (0000-0002-1825-0097).
  EXPECT_EQ(*ComputeCheckCharacter(v1::ISO7064_MOD11_2, "0794"), '0');
  EXPECT_EQ(*ComputeCheckCharacter(v1::ISO7064_MOD11_2, "000000021825009"),
            '7');
}

TEST(ChecksumTest, ComputeCheckCharacterNamesBadInput) {
  EXPECT_THAT(ComputeCheckCharacter(v1::GB11643, "1101051949123100"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("17 characters, got 16")));
  EXPECT_THAT(ComputeCheckCharacter(v1::GB11643, "1101A519491231002"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit at offset 4, found 'A'")));
  EXPECT_THAT(ComputeCheckCharacter(v1::GB32100, "9111000060003734I"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 16, found 'I'")));
  EXPECT_THAT(ComputeCheckCharacter(v1::GB11714, "6000373"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("8 characters, got 7")));
  EXPECT_THAT(ComputeCheckCharacter(v1::GB11714, "6000373a"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 7, found 'a'")));
  EXPECT_THAT(ComputeCheckCharacter(v1::LUHN, ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("1 to 31 characters, got 0")));
  EXPECT_THAT(
      ComputeCheckCharacter(v1::LUHN, "12345678901234567890123456789012"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("1 to 31 characters, got 32")));
  EXPECT_THAT(ComputeCheckCharacter(v1::ISO7064_MOD11_2, "12X"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 2, found 'X'")));
  EXPECT_THAT(ComputeCheckCharacter(v1::GB11643,
                                    "1101\xe4\xb8\xad"
                                    "1949123100"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 4, found '\\xe4'")));
  EXPECT_THAT(ComputeCheckCharacter(v1::CHECKSUM_NONE, "123"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ComputeCheckCharacter(static_cast<v1::ChecksumAlgorithm>(99), "123"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("99")));
}

TEST(ChecksumTest, Names) {
  EXPECT_EQ(ChecksumName(v1::GB11643), "GB11643");
  EXPECT_EQ(ChecksumName(v1::GB32100), "GB32100");
  EXPECT_EQ(ChecksumName(v1::GB11714), "GB11714");
  EXPECT_EQ(ChecksumName(v1::LUHN), "LUHN");
  EXPECT_EQ(ChecksumName(v1::ISO7064_MOD11_2), "ISO7064_MOD11_2");
  EXPECT_EQ(ChecksumName(v1::CHECKSUM_NONE), "CHECKSUM_NONE");
  EXPECT_EQ(ChecksumName(static_cast<v1::ChecksumAlgorithm>(42)), "UNKNOWN");
  // The names are the protobuf enum names, so definition files round-trip.
  for (v1::ChecksumAlgorithm a : {v1::CHECKSUM_NONE, v1::GB11643, v1::GB32100,
                                  v1::GB11714, v1::LUHN, v1::ISO7064_MOD11_2}) {
    EXPECT_EQ(ChecksumName(a), v1::ChecksumAlgorithm_Name(a));
  }
}

TEST(ChecksumTest, NoneAlwaysPassesUnknownFailsClosed) {
  EXPECT_EQ(Verify(v1::CHECKSUM_NONE, "anything"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(static_cast<v1::ChecksumAlgorithm>(77), "123"),
            v1::CHECKSUM_MISMATCH);
}

TEST(Gb11643Test, ShapeIsFormatMismatch) {
  EXPECT_EQ(Verify(v1::GB11643, ""), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11643, "11010519491231002"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11643, "11010519491231002X1"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11643, "1101051949123100XX"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11643, "11010519491231002Y"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11643, "11010519491231002 "), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11643, "110105 9491231002X"), v1::FORMAT_MISMATCH);
}

TEST(Gb11643Test, LowerCaseXIsFormatMismatch) {
  const ChecksumOutcome outcome =
      VerifyChecksum(v1::GB11643, "11010519491231002x", kToday);
  EXPECT_EQ(outcome.code, v1::FORMAT_MISMATCH);
  EXPECT_THAT(outcome.detail, HasSubstr("upper-case X"));
}

TEST(Gb11643Test, FifteenDigitsMustBeUpgradedFirst) {
  const ChecksumOutcome outcome =
      VerifyChecksum(v1::GB11643, "110105491231002", kToday);
  EXPECT_EQ(outcome.code, v1::FORMAT_MISMATCH);
  EXPECT_THAT(outcome.detail, HasSubstr("id15to18"));
}

TEST(Gb11643Test, BirthDateMustBeReal) {
  // Check characters are computed, so only the date is wrong.
  const ChecksumOutcome outcome = VerifyChecksum(
      v1::GB11643, WithCheck(v1::GB11643, "11010519490230001"), kToday);
  EXPECT_EQ(outcome.code, v1::INVALID_DATE);
  EXPECT_THAT(outcome.detail, HasSubstr("positions 7-14"));
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "11010519001301001")),
            v1::INVALID_DATE);
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "11010519000229001")),
            v1::INVALID_DATE);
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "11010500000101001")),
            v1::INVALID_DATE);
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "11010520000229001")),
            v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(Gb11643Test, BirthDateNotAfterReferenceDate) {
  const std::string born_20240601 = WithCheck(v1::GB11643, "11010520240601001");
  const std::string born_20240602 = WithCheck(v1::GB11643, "11010520240602001");
  EXPECT_EQ(Verify(v1::GB11643, born_20240601, 20240601),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11643, born_20240602, 20240601),
            v1::DATE_OUT_OF_RANGE);
  EXPECT_EQ(Verify(v1::GB11643, born_20240602, 20240602),
            v1::ISSUE_CODE_UNSPECIFIED);
  // The reference date decides, not the machine's clock.
  EXPECT_EQ(Verify(v1::GB11643, "11010519491231002X", 19491230),
            v1::DATE_OUT_OF_RANGE);
  // A zero reference date means "no reference date".
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "11010599991231001"), 0),
            v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(Gb11643Test, ProvinceCodes) {
  const std::vector<int> kProvinces = {
      11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
      44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
  for (int code = 0; code < 100; ++code) {
    if (code / 10 == 9) continue;  // 9x is the permanent residence card form
    const std::string id =
        WithCheck(v1::GB11643, absl::StrFormat("%02d010519491231002", code));
    const bool listed = std::find(kProvinces.begin(), kProvinces.end(), code) !=
                        kProvinces.end();
    const ChecksumOutcome outcome = VerifyChecksum(v1::GB11643, id, kToday);
    EXPECT_EQ(outcome.ok(), listed) << id;
    if (!listed) {
      EXPECT_EQ(outcome.code, v1::FORMAT_MISMATCH) << id;
      EXPECT_THAT(outcome.detail, HasSubstr("province")) << id;
    }
  }
}

TEST(Gb11643Test, ForeignersPermanentResidenceIdCards) {
  // 9, province 11 (Beijing), nationality 840, birth date, sequence, check.
  const std::string beijing = WithCheck(v1::GB11643, "91184019850312001");
  EXPECT_EQ(Verify(v1::GB11643, beijing), v1::ISSUE_CODE_UNSPECIFIED);
  // 9 followed by 83 (one of the residence-permit codes) is accepted too.
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "98315619850312001")),
            v1::ISSUE_CODE_UNSPECIFIED);
  // 9 followed by something that is not a province code.
  for (absl::string_view body : {"91084019850312001", "91684019850312001",
                                 "99984019850312001", "90084019850312001"}) {
    const ChecksumOutcome outcome =
        VerifyChecksum(v1::GB11643, WithCheck(v1::GB11643, body), kToday);
    EXPECT_EQ(outcome.code, v1::FORMAT_MISMATCH) << body;
    EXPECT_THAT(outcome.detail, HasSubstr("permanent residence")) << body;
  }
  // The birth date rules apply to these cards as well.
  EXPECT_EQ(Verify(v1::GB11643, WithCheck(v1::GB11643, "91184019850230001")),
            v1::INVALID_DATE);
  std::string wrong_check = beijing;
  wrong_check.back() = beijing.back() == '0' ? '1' : '0';
  EXPECT_EQ(Verify(v1::GB11643, wrong_check), v1::CHECKSUM_MISMATCH);
}

TEST(Gb11643Test, FirstFailingRuleIsReported) {
  // Bad province, unreal date and wrong check at once: province first.
  EXPECT_EQ(Verify(v1::GB11643, "100105194902300010"), v1::FORMAT_MISMATCH);
  // Unreal date and wrong check: the date is the more useful message.
  std::string id = WithCheck(v1::GB11643, "11010519490230001");
  id.back() = id.back() == '0' ? '1' : '0';
  EXPECT_EQ(Verify(v1::GB11643, id), v1::INVALID_DATE);
}

TEST(Gb32100Test, AlphabetExcludesIOSVZ) {
  const std::string valid = "91110000600037341L";
  for (char c : std::string("IOSVZ")) {
    std::string bad = valid;
    bad[2] = c;
    EXPECT_EQ(Verify(v1::GB32100, bad), v1::FORMAT_MISMATCH) << bad;
    bad = valid;
    bad[17] = c;
    EXPECT_EQ(Verify(v1::GB32100, bad), v1::FORMAT_MISMATCH) << bad;
  }
  EXPECT_EQ(Verify(v1::GB32100, "91110000600037341l"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB32100, "91110000600037341"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB32100, "91110000600037341LL"), v1::FORMAT_MISMATCH);
}

TEST(Gb32100Test, EmbeddedOrganisationCodeMustPass) {
  // Positions 9-17 "600037342" carry a wrong GB 11714 check; the GB 32100
  // check character is computed, so only the embedded code is wrong.
  const std::string uscc = WithCheck(v1::GB32100, "91110000600037342");
  const ChecksumOutcome outcome = VerifyChecksum(v1::GB32100, uscc, kToday);
  EXPECT_EQ(outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_THAT(outcome.detail, HasSubstr("embedded organisation code"));
  EXPECT_THAT(outcome.detail_zh, HasSubstr("组织机构代码"));
  // A letter the GB 11714 check character cannot be ('A').
  EXPECT_EQ(Verify(v1::GB32100, WithCheck(v1::GB32100, "9111000060003734A")),
            v1::CHECKSUM_MISMATCH);
  // With the embedded check 'X' (GB 11714 body 00000006 → X).
  ASSERT_EQ(*ComputeCheckCharacter(v1::GB11714, "00000006"), 'X');
  EXPECT_EQ(Verify(v1::GB32100, WithCheck(v1::GB32100, "9133010000000006X")),
            v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(Gb11714Test, HyphenatedAndPlainForms) {
  EXPECT_EQ(Verify(v1::GB11714, "60003734-1"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11714, "600037341"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11714, "60003734-2"), v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "600037342"), v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "6000373-41"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "60003734_1"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "60003734--1"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "6000373a1"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "60003734A"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::GB11714, "60003734"), v1::FORMAT_MISMATCH);
}

TEST(Gb11714Test, CheckTenIsXElevenIsZero) {
  // 00000005: Σ = 5·2 = 10 → 11 − 10 = 1.
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11714, "00000005"), '1');
  // 00000003: Σ = 6 → 11 − 6 = 5.
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11714, "00000003"), '5');
  // 00000000: Σ = 0 → 11 → '0'.
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11714, "00000000"), '0');
  // 00000006: Σ = 12, mod 11 = 1 → 10 → 'X'.
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11714, "00000006"), 'X');
  // Letters count 10-35: A at the first position weighs 3·10 = 30 → 11 − 8.
  EXPECT_EQ(*ComputeCheckCharacter(v1::GB11714, "A0000000"), '3');
  EXPECT_EQ(Verify(v1::GB11714, "00000006-X"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::GB11714, "00000000-0"), v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(LuhnTest, LengthsAndDigits) {
  EXPECT_EQ(Verify(v1::LUHN, "79927398713"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::LUHN, "79927398710"), v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(Verify(v1::LUHN, "4532015112830366"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::LUHN, WithCheck(v1::LUHN, "622202123456789012")),
            v1::ISSUE_CODE_UNSPECIFIED);  // 19 digits: the longest card
  // Bank account numbers run longer than card numbers; 32 digits is the cap.
  EXPECT_EQ(Verify(v1::LUHN, WithCheck(v1::LUHN, "3301040409001234567")),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::LUHN, std::string(32, '0')), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::LUHN, "00"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::LUHN, "0"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::LUHN, std::string(33, '0')), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::LUHN, "7992739871X"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::LUHN, "7992-7398713"), v1::FORMAT_MISMATCH);
}

TEST(Iso7064Mod112Test, DigitsThenCheck) {
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "07940"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "0000000218250097"),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "0000000218250098"),
            v1::CHECKSUM_MISMATCH);
  // GB 11643's check is ISO 7064 MOD 11-2 over the 17 digits.
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "11010519491231002X"),
            v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "11010519491231002x"),
            v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "X"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, "1X0"), v1::FORMAT_MISMATCH);
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2, ""), v1::FORMAT_MISMATCH);
  // Long bodies are fine: the arithmetic stays modulo 11.
  EXPECT_EQ(Verify(v1::ISO7064_MOD11_2,
                   WithCheck(v1::ISO7064_MOD11_2, std::string(500, '9'))),
            v1::ISSUE_CODE_UNSPECIFIED);
}

// --- Generated tests: every single-character substitution must fail --------

using codec_testing::kDigits;
using codec_testing::kGb11714Alphabet;
using codec_testing::kGb32100Alphabet;
using codec_testing::RandomString;

// A random valid citizen ID body: listed province, real past birth date.
std::string RandomGb11643Body(std::mt19937& rng) {
  static constexpr int kProvinces[] = {11, 33, 44, 65, 71, 81, 82, 83};
  std::uniform_int_distribution<int> province(0, 7), year(1900, 2020),
      month(1, 12), day(1, 28), sequence(0, 999), foreign(0, 3);
  const int p = kProvinces[province(rng)];
  const std::string address =
      foreign(rng) == 0
          ? absl::StrFormat("9%02d%s", p, RandomString(rng, kDigits, 3))
          : absl::StrFormat("%02d%s", p, RandomString(rng, kDigits, 4));
  return absl::StrFormat("%s%04d%02d%02d%03d", address, year(rng), month(rng),
                         day(rng), sequence(rng));
}

// A random valid USCC body: its positions 9-17 a valid GB 11714 code.
std::string RandomGb32100Body(std::mt19937& rng) {
  const std::string org_body = RandomString(rng, kGb32100Alphabet, 8);
  return absl::StrCat(RandomString(rng, kGb32100Alphabet, 8),
                      WithCheck(v1::GB11714, org_body));
}

int Gb11714Value(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

TEST(ChecksumPropertyTest, Gb11643DetectsEverySubstitution) {
  std::mt19937 rng(11643);
  const std::string alphabet = "0123456789X";
  for (int n = 0; n < 300; ++n) {
    const std::string id = WithCheck(v1::GB11643, RandomGb11643Body(rng));
    ASSERT_EQ(Verify(v1::GB11643, id), v1::ISSUE_CODE_UNSPECIFIED) << id;
    for (size_t i = 0; i < id.size(); ++i) {
      for (char c : alphabet) {
        if (c == id[i]) continue;
        std::string bad = id;
        bad[i] = c;
        EXPECT_NE(Verify(v1::GB11643, bad), v1::ISSUE_CODE_UNSPECIFIED)
            << id << " → " << bad;
      }
    }
  }
}

TEST(ChecksumPropertyTest, Gb32100DetectsEverySubstitution) {
  std::mt19937 rng(32100);
  for (int n = 0; n < 300; ++n) {
    const std::string uscc = WithCheck(v1::GB32100, RandomGb32100Body(rng));
    ASSERT_EQ(Verify(v1::GB32100, uscc), v1::ISSUE_CODE_UNSPECIFIED) << uscc;
    for (size_t i = 0; i < uscc.size(); ++i) {
      for (char c : kGb32100Alphabet) {
        if (c == uscc[i]) continue;
        std::string bad = uscc;
        bad[i] = c;
        // 31 is prime and every weight 3^k mod 31 is non-zero, so a change
        // of value by 1..30 always changes Σ mod 31.
        EXPECT_EQ(Verify(v1::GB32100, bad), v1::CHECKSUM_MISMATCH)
            << uscc << " → " << bad;
      }
    }
  }
}

// GB 11714 weighs characters modulo 11 but letters take values up to 35, so
// two characters whose values differ by 11, 22 or 33 ('0' and 'B', '1' and
// 'M', ...) change Σ by a multiple of 11 and the check cannot see the
// substitution. The algorithm detects exactly the substitutions in the body
// whose value difference is not a multiple of 11, and every substitution of
// the check character; those are the ones asserted here. The undetectable
// ones are asserted to pass, so the test also pins the arithmetic.
TEST(ChecksumPropertyTest, Gb11714DetectsSubstitutionsItCanSee) {
  std::mt19937 rng(11714);
  for (int n = 0; n < 300; ++n) {
    const std::string code =
        WithCheck(v1::GB11714, RandomString(rng, kGb11714Alphabet, 8));
    ASSERT_EQ(Verify(v1::GB11714, code), v1::ISSUE_CODE_UNSPECIFIED) << code;
    for (size_t i = 0; i < 8; ++i) {
      for (char c : kGb11714Alphabet) {
        if (c == code[i]) continue;
        std::string bad = code;
        bad[i] = c;
        const bool detectable =
            (Gb11714Value(c) - Gb11714Value(code[i])) % 11 != 0;
        EXPECT_EQ(Verify(v1::GB11714, bad), detectable
                                                ? v1::CHECKSUM_MISMATCH
                                                : v1::ISSUE_CODE_UNSPECIFIED)
            << code << " → " << bad;
      }
    }
    for (char c : std::string("0123456789X")) {
      if (c == code[8]) continue;
      std::string bad = code;
      bad[8] = c;
      EXPECT_EQ(Verify(v1::GB11714, bad), v1::CHECKSUM_MISMATCH)
          << code << " → " << bad;
    }
  }
}

TEST(ChecksumPropertyTest, LuhnDetectsEverySubstitution) {
  std::mt19937 rng(7812);
  std::uniform_int_distribution<int> length(1, 18);
  for (int n = 0; n < 300; ++n) {
    const std::string number =
        WithCheck(v1::LUHN, RandomString(rng, kDigits, length(rng)));
    ASSERT_EQ(Verify(v1::LUHN, number), v1::ISSUE_CODE_UNSPECIFIED) << number;
    for (size_t i = 0; i < number.size(); ++i) {
      for (char c : kDigits) {
        if (c == number[i]) continue;
        std::string bad = number;
        bad[i] = c;
        EXPECT_EQ(Verify(v1::LUHN, bad), v1::CHECKSUM_MISMATCH)
            << number << " → " << bad;
      }
    }
  }
}

TEST(ChecksumPropertyTest, Iso7064Mod112DetectsEverySubstitution) {
  std::mt19937 rng(7064);
  std::uniform_int_distribution<int> length(1, 30);
  for (int n = 0; n < 300; ++n) {
    const std::string value =
        WithCheck(v1::ISO7064_MOD11_2, RandomString(rng, kDigits, length(rng)));
    ASSERT_EQ(Verify(v1::ISO7064_MOD11_2, value), v1::ISSUE_CODE_UNSPECIFIED)
        << value;
    for (size_t i = 0; i < value.size(); ++i) {
      for (char c : std::string("0123456789X")) {
        if (c == value[i]) continue;
        std::string bad = value;
        bad[i] = c;
        EXPECT_NE(Verify(v1::ISO7064_MOD11_2, bad), v1::ISSUE_CODE_UNSPECIFIED)
            << value << " → " << bad;
      }
    }
  }
}

}  // namespace
}  // namespace shuyuan::codec
