#include "codec/structured_code.h"

#include <random>
#include <string>
#include <utility>
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr DateKey kToday = 20240601;

using Parts = std::vector<std::pair<std::string, std::string>>;

Parts PartsOf(const DecodedCode& decoded) {
  Parts parts;
  for (const CodePart& part : decoded.parts) {
    parts.emplace_back(part.name, part.value);
  }
  return parts;
}

std::vector<std::string> NamesOf(const DecodedCode& decoded) {
  std::vector<std::string> names;
  for (const CodePart& part : decoded.parts) names.push_back(part.name);
  return names;
}

std::vector<std::string> ToStrings(absl::Span<const absl::string_view> span) {
  return std::vector<std::string>(span.begin(), span.end());
}

TEST(DecodeStructuredCodeTest, Gb11643SpecVectors) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(v1::GB11643, "11010519491231002X", kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  // The 17th digit is 2, even: female, sex code 2 (GB/T 2261.1).
  EXPECT_EQ(PartsOf(decoded), (Parts{{"address_code", "110105"},
                                     {"birth_date", "19491231"},
                                     {"sequence", "002"},
                                     {"sex", "2"},
                                     {"nationality", "156"},
                                     {"check", "X"}}));

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, "440524188001010014", kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  // The 17th digit is 1, odd: male, sex code 1.
  EXPECT_EQ(PartsOf(decoded), (Parts{{"address_code", "440524"},
                                     {"birth_date", "18800101"},
                                     {"sequence", "001"},
                                     {"sex", "1"},
                                     {"nationality", "156"},
                                     {"check", "4"}}));
}

TEST(DecodeStructuredCodeTest, Gb11643FailingRulesStillDecode) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(v1::GB11643, "110105194912310021", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(decoded.parts.back().value, "1");

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      const std::string future,
      EncodeStructuredCode(v1::GB11643, "33010620300101005"));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, future, kToday));
  EXPECT_EQ(decoded.outcome.code, v1::DATE_OUT_OF_RANGE);
  EXPECT_EQ(decoded.parts[1].value, "20300101");
  EXPECT_EQ(decoded.parts[3].value, "1");

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      const std::string bad_province,
      EncodeStructuredCode(v1::GB11643, "10010519491231002"));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, bad_province, kToday));
  EXPECT_EQ(decoded.outcome.code, v1::FORMAT_MISMATCH);
  EXPECT_EQ(decoded.parts[0].value, "100105");
}

TEST(DecodeStructuredCodeTest, Gb11643ForeignPermanentResident) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      const std::string id,
      EncodeStructuredCode(v1::GB11643, "93184019850312003"));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(DecodedCode decoded,
                               DecodeStructuredCode(v1::GB11643, id, kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  EXPECT_EQ(decoded.parts[0].value, "931840");
  EXPECT_EQ(decoded.parts[1].value, "19850312");
  EXPECT_EQ(decoded.parts[3].value, "1");  // 17th digit 3 is odd
  // 9, province 31 (上海), then the holder's nationality: 840, USA.
  EXPECT_EQ(decoded.parts[4].name, "nationality");
  EXPECT_EQ(decoded.parts[4].value, "840");
  EXPECT_EQ(CodePartOf(v1::GB11643, id, "nationality"), "840");
  EXPECT_EQ(CodePartOf(v1::GB11643, "11010519491231002X", "nationality"),
            "156");
}

TEST(DecodeStructuredCodeTest, Gb11643FirstGeneration) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(v1::GB11643, "110105491231003", kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  EXPECT_EQ(PartsOf(decoded), (Parts{{"address_code", "110105"},
                                     {"birth_date", "19491231"},
                                     {"sequence", "003"},
                                     {"sex", "1"},
                                     {"nationality", "156"}}));

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, "110105490229003", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::INVALID_DATE);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, "110105480229003", kToday));
  EXPECT_TRUE(decoded.outcome.ok());  // 1948 was a leap year
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, "100105491231003", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::FORMAT_MISMATCH);
  // 9 + province exists only on 18-digit permanent residence cards.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, "911840850312003", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::FORMAT_MISMATCH);
  // Born 1949-12-31, so a reference date before that is DATE_OUT_OF_RANGE.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB11643, "110105491231003", 19490101));
  EXPECT_EQ(decoded.outcome.code, v1::DATE_OUT_OF_RANGE);
}

TEST(DecodeStructuredCodeTest, Gb11643ShapeErrors) {
  EXPECT_THAT(
      DecodeStructuredCode(v1::GB11643, "1101051949123100", kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("got 16")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB11643, "11010519491231002x", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 17, found 'x'")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB11643, "110105194912A1002X", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 12, found 'A'")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB11643, "11010549123100X", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 14, found 'X'")));
}

TEST(DecodeStructuredCodeTest, Gb32100) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(v1::GB32100, "91110000600037341L", kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  EXPECT_EQ(PartsOf(decoded), (Parts{{"registration_authority", "9"},
                                     {"organization_type", "1"},
                                     {"division_code", "110000"},
                                     {"organization_code", "600037341"},
                                     {"check", "L"}}));

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::GB32100, "91110000600037341N", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(decoded.parts.back().value, "N");

  EXPECT_THAT(DecodeStructuredCode(v1::GB32100, "91110000600037341O", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 17, found 'O'")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB32100, "9111000060003734IL", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 16, found 'I'")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB32100, "9111000060003734L", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("18 characters, got 17")));
}

TEST(DecodeStructuredCodeTest, Gb11714BothForms) {
  for (absl::string_view value : {"60003734-1", "600037341"}) {
    SHUYUAN_ASSERT_OK_AND_ASSIGN(
        DecodedCode decoded, DecodeStructuredCode(v1::GB11714, value, kToday));
    EXPECT_TRUE(decoded.outcome.ok()) << value;
    EXPECT_EQ(PartsOf(decoded), (Parts{{"body", "60003734"}, {"check", "1"}}))
        << value;
  }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(v1::GB11714, "60003734-X", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);

  EXPECT_THAT(DecodeStructuredCode(v1::GB11714, "6000373-41", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected '-' at offset 8, found '4'")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB11714, "60003734-A", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 9, found 'A'")));
  EXPECT_THAT(DecodeStructuredCode(v1::GB11714, "60003734", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("got 8")));
}

TEST(DecodeStructuredCodeTest, LuhnAndIso7064) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(v1::LUHN, "79927398713", kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  EXPECT_EQ(PartsOf(decoded), (Parts{{"body", "7992739871"}, {"check", "3"}}));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(v1::LUHN, "79927398714", kToday));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_THAT(
      DecodeStructuredCode(v1::LUHN, "7992739871X", kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offset 10")));
  EXPECT_THAT(
      DecodeStructuredCode(v1::LUHN, std::string(33, '1'), kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("got 33")));

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded,
      DecodeStructuredCode(v1::ISO7064_MOD11_2, "0000000218250097", kToday));
  EXPECT_TRUE(decoded.outcome.ok());
  EXPECT_EQ(PartsOf(decoded),
            (Parts{{"body", "000000021825009"}, {"check", "7"}}));
  EXPECT_THAT(DecodeStructuredCode(v1::ISO7064_MOD11_2, "7", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("got 1")));
  EXPECT_THAT(DecodeStructuredCode(v1::ISO7064_MOD11_2, "12-3", kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("offset 2, found '-'")));
}

TEST(DecodeStructuredCodeTest, NoStructureWithoutAlgorithm) {
  EXPECT_THAT(
      DecodeStructuredCode(v1::CHECKSUM_NONE, "123", kToday),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CHECKSUM_NONE")));
  EXPECT_THAT(EncodeStructuredCode(v1::CHECKSUM_NONE, "123"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CodePartNames(v1::CHECKSUM_NONE), IsEmpty());
  EXPECT_THAT(CodePartNames(static_cast<v1::ChecksumAlgorithm>(50)), IsEmpty());
}

TEST(EncodeStructuredCodeTest, AppendsCheckCharacter) {
  EXPECT_EQ(*EncodeStructuredCode(v1::GB11643, "11010519491231002"),
            "11010519491231002X");
  EXPECT_EQ(*EncodeStructuredCode(v1::GB32100, "91110000600037341"),
            "91110000600037341L");
  EXPECT_EQ(*EncodeStructuredCode(v1::GB11714, "60003734"), "600037341");
  // The embedded organisation code must itself be valid (SPEC §2.5).
  EXPECT_THAT(EncodeStructuredCode(v1::GB32100, "91330106MA2KXXXX0"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("positions 9-17")));
  EXPECT_EQ(*EncodeStructuredCode(v1::LUHN, "7992739871"), "79927398713");
  EXPECT_EQ(*EncodeStructuredCode(v1::ISO7064_MOD11_2, "0794"), "07940");
  EXPECT_THAT(EncodeStructuredCode(v1::GB11643, "1101051949123100"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("17 characters, got 16")));
  EXPECT_THAT(EncodeStructuredCode(v1::GB11714, "60003734-"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("8 characters, got 9")));
}

TEST(CodePartNamesTest, MatchDecodedParts) {
  EXPECT_THAT(ToStrings(CodePartNames(v1::GB11643)),
              ElementsAre("address_code", "birth_date", "sequence", "sex",
                          "nationality", "check"));
  EXPECT_THAT(ToStrings(CodePartNames(v1::GB32100)),
              ElementsAre("registration_authority", "organization_type",
                          "division_code", "organization_code", "check"));
  for (v1::ChecksumAlgorithm a : {v1::GB11714, v1::LUHN, v1::ISO7064_MOD11_2}) {
    EXPECT_THAT(ToStrings(CodePartNames(a)), ElementsAre("body", "check"));
  }
}

// --- Generated round trips --------------------------------------------------

using codec_testing::kDigits;
using codec_testing::kGb11714Alphabet;
using codec_testing::kGb32100Alphabet;
using codec_testing::RandomString;

// Encodes random valid bodies, decodes the codes and checks that the parts
// put back together give the code, that the outcome passes and that the part
// names are CodePartNames.
TEST(StructuredCodeRoundTripTest, RandomBodies) {
  std::mt19937 rng(2024);
  std::uniform_int_distribution<int> year(1900, 2023), month(1, 12), day(1, 28),
      length(1, 18);
  for (int n = 0; n < 500; ++n) {
    struct Case {
      v1::ChecksumAlgorithm algorithm;
      std::string body;
    };
    const std::string org_code = *EncodeStructuredCode(
        v1::GB11714, RandomString(rng, kGb32100Alphabet, 8));
    const std::vector<Case> cases = {
        {v1::GB11643,
         absl::StrFormat("33%s%04d%02d%02d%s", RandomString(rng, kDigits, 4),
                         year(rng), month(rng), day(rng),
                         RandomString(rng, kDigits, 3))},
        {v1::GB32100,
         absl::StrCat(RandomString(rng, kGb32100Alphabet, 8), org_code)},
        {v1::GB11714, RandomString(rng, kGb11714Alphabet, 8)},
        {v1::LUHN, RandomString(rng, kDigits, length(rng))},
        {v1::ISO7064_MOD11_2, RandomString(rng, kDigits, length(rng))},
    };
    for (const Case& c : cases) {
      SCOPED_TRACE(absl::StrCat(ChecksumName(c.algorithm), " ", c.body));
      SHUYUAN_ASSERT_OK_AND_ASSIGN(const std::string code,
                                   EncodeStructuredCode(c.algorithm, c.body));
      ASSERT_EQ(code.size(), c.body.size() + 1);
      EXPECT_EQ(code.substr(0, c.body.size()), c.body);
      SHUYUAN_ASSERT_OK_AND_ASSIGN(
          const DecodedCode decoded,
          DecodeStructuredCode(c.algorithm, code, kToday));
      EXPECT_TRUE(decoded.outcome.ok()) << decoded.outcome.detail;
      EXPECT_EQ(NamesOf(decoded), ToStrings(CodePartNames(c.algorithm)));
      std::string joined;
      for (const CodePart& part : decoded.parts) {
        if (part.name != "sex" && part.name != "nationality") {
          joined += part.value;
        }
      }
      EXPECT_EQ(joined, code);
      if (c.algorithm == v1::GB11643) {
        EXPECT_EQ(decoded.parts[3].value,
                  (code[16] - '0') % 2 == 1 ? "1" : "2");
      }
    }
  }
}

// 15-digit numbers decode into the parts of their 18-digit upgrade (19 is
// inserted before the year, the check character appended).
TEST(StructuredCodeRoundTripTest, FirstGenerationMatchesUpgrade) {
  std::mt19937 rng(1999);
  std::uniform_int_distribution<int> year(0, 99), month(1, 12), day(1, 28);
  for (int n = 0; n < 200; ++n) {
    const std::string old_id = absl::StrFormat(
        "44%s%02d%02d%02d%s", RandomString(rng, kDigits, 4), year(rng),
        month(rng), day(rng), RandomString(rng, kDigits, 3));
    SHUYUAN_ASSERT_OK_AND_ASSIGN(
        const std::string new_id,
        EncodeStructuredCode(
            v1::GB11643,
            absl::StrCat(old_id.substr(0, 6), "19", old_id.substr(6))));
    SHUYUAN_ASSERT_OK_AND_ASSIGN(
        const DecodedCode old_parts,
        DecodeStructuredCode(v1::GB11643, old_id, kToday));
    SHUYUAN_ASSERT_OK_AND_ASSIGN(
        DecodedCode new_parts,
        DecodeStructuredCode(v1::GB11643, new_id, kToday));
    EXPECT_TRUE(old_parts.outcome.ok()) << old_id;
    EXPECT_TRUE(new_parts.outcome.ok()) << new_id;
    new_parts.parts.pop_back();  // the 15-digit form has no check part
    EXPECT_EQ(PartsOf(old_parts), PartsOf(new_parts)) << old_id;
  }
}

}  // namespace
}  // namespace shuyuan::codec
