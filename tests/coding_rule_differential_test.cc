// The catalog's coding rules GB_11643, GB_11714 and GB_32100 (SPEC §2.12)
// against the built-in checksums of the same codes (SPEC §2.5), on 100,000
// random values each, half valid and half corrupted: both must reach the
// same verdict with the same issue, decode into the same parts and encode
// bodies alike.
//
// A built-in reports a value of the wrong shape as FORMAT_MISMATCH, where a
// rule says which part of the shape is wrong: LENGTH_OUT_OF_RANGE,
// CHARSET_VIOLATION, or CODE_NOT_IN_LIST for a province code outside its
// allowed list. And the built-in GB32100 does not check the shape of the
// organisation code it embeds, so a character no GB 11714 code can hold
// there (a letter as its check character) is its CHECKSUM_MISMATCH, and the
// nested rule's CHARSET_VIOLATION in segment organization_code. Every other
// issue must be the same.
//
// Where a built-in applies a rule that segments cannot express, the values
// it concerns are left out, and each test names that rule:
//  - GB 11643: foreigners' permanent residence ID numbers (2023), "9"
//    followed by a province code — a second layout of the first three
//    digits;
//  - GB 11714: the hyphenated form XXXXXXXX-X, an optional separator
//    (elements remove it with a normaliser).
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/checksum.h"
#include "codec/coding_rule.h"
#include "codec/definition_set.h"
#include "codec/structured_code.h"
#include "codec/testing/random_codes.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

using codec_testing::kDigits;
using codec_testing::kGb11714Alphabet;
using codec_testing::kGb32100Alphabet;
using codec_testing::RandomString;

constexpr int kValues = 100000;
constexpr DateKey kAsOf = 20240601;

const DefinitionSet& Catalog() {
  static const DefinitionSet* defs = [] {
    absl::StatusOr<DefinitionSet> loaded =
        DefinitionSet::Load(std::string(SHUYUAN_SOURCE_DIR) + "/catalog");
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? new DefinitionSet(*std::move(loaded))
                       : new DefinitionSet();
  }();
  return *defs;
}

std::shared_ptr<const CompiledCodingRule> Rule(const std::string& id) {
  const v1::CodingRule* proto = Catalog().FindCodingRule(id);
  EXPECT_NE(proto, nullptr) << id;
  if (proto == nullptr) return nullptr;
  absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> rule =
      CompiledCodingRule::Compile(*proto, Catalog());
  EXPECT_TRUE(rule.ok()) << rule.status();
  return rule.ok() ? *rule : nullptr;
}

// A corrupted copy of `value`: one of the mistakes people and systems make.
std::string Corrupt(std::mt19937& rng, const std::string& value,
                    absl::string_view alphabet) {
  // Substitutes draw on the code's own alphabet, and on characters next to
  // it (lower case, punctuation, the letters a code leaves out).
  const std::string pool = absl::StrCat(alphabet, "xaz-IOSVZ *#");
  std::uniform_int_distribution<int> kind(0, 5);
  std::uniform_int_distribution<size_t> at(0, value.size() - 1);
  std::string out = value;
  switch (kind(rng)) {
    case 0:
    case 1:  // a wrong character, the most common mistake
      out[at(rng)] = RandomString(rng, pool, 1)[0];
      break;
    case 2: {  // two neighbours swapped
      const size_t i = at(rng);
      if (i + 1 < out.size()) std::swap(out[i], out[i + 1]);
      break;
    }
    case 3:  // a character lost
      out.erase(at(rng), 1);
      break;
    case 4:  // a character added
      out.insert(at(rng), 1, RandomString(rng, pool, 1)[0]);
      break;
    default:  // noise of about the right length
      out = RandomString(rng, pool,
                         std::uniform_int_distribution<int>(
                             static_cast<int>(value.size()) - 1,
                             static_cast<int>(value.size()) + 1)(rng));
      break;
  }
  return out;
}

// Whether the rule's issue is the built-in's, as the header explains.
bool SameIssue(v1::IssueCode builtin, const CompiledCodingRule& rule,
               const CodingRuleOutcome& ours) {
  if (builtin == v1::FORMAT_MISMATCH) {
    return ours.code == v1::LENGTH_OUT_OF_RANGE ||
           ours.code == v1::CHARSET_VIOLATION ||
           ours.code == v1::CODE_NOT_IN_LIST;
  }
  if (builtin == v1::CHECKSUM_MISMATCH && ours.code == v1::CHARSET_VIOLATION) {
    return absl::StartsWith(rule.IssueRule(ours),
                            "coding_rule GB_32100 segment organization_code");
  }
  return builtin == ours.code;
}

// Runs the comparison over `values`; returns how many were valid.
int Compare(v1::ChecksumAlgorithm algorithm, const CompiledCodingRule& rule,
            const std::vector<std::string>& values) {
  int valid = 0;
  int reported = 0;
  for (const std::string& value : values) {
    const ChecksumOutcome builtin = VerifyChecksum(algorithm, value, kAsOf);
    const CodingRuleOutcome ours = rule.Verify(value, kAsOf);
    if (!SameIssue(builtin.code, rule, ours)) {
      if (++reported <= 20) {
        ADD_FAILURE() << "'" << value << "': built-in "
                      << v1::IssueCode_Name(builtin.code) << " ("
                      << builtin.detail << "), rule "
                      << v1::IssueCode_Name(ours.code) << " ("
                      << rule.Describe(ours, value, kAsOf, v1::L1).message
                      << ")";
      }
      continue;
    }
    if (!builtin.ok()) continue;
    ++valid;
    for (absl::string_view part : CodePartNames(algorithm)) {
      EXPECT_EQ(rule.PartOf(value, part), CodePartOf(algorithm, value, part))
          << value << " part " << part;
    }
    const absl::string_view body =
        absl::string_view(value).substr(0, value.size() - 1);
    absl::StatusOr<std::string> encoded = rule.Encode(body);
    absl::StatusOr<std::string> expected =
        EncodeStructuredCode(algorithm, body);
    EXPECT_TRUE(encoded.ok() && expected.ok()) << value;
    if (encoded.ok() && expected.ok()) EXPECT_EQ(*encoded, *expected);
  }
  EXPECT_EQ(reported, 0) << reported << " values disagree";
  return valid;
}

constexpr absl::string_view kProvinces[] = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
    "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"};

// A citizen ID number whose check character is right; the province, date
// and day may be wrong on purpose.
std::string RandomId(std::mt19937& rng) {
  std::uniform_int_distribution<int> pick(0, 99);
  std::string province =
      pick(rng) < 85
          ? std::string(kProvinces[pick(rng) % std::size(kProvinces)])
          : RandomString(rng, kDigits, 2);
  const int year = pick(rng) < 90 ? 1900 + pick(rng) * 13 % 125 : 2030;
  const int month = pick(rng) < 95 ? 1 + pick(rng) % 12 : 13;
  const int day = 1 + pick(rng) % 31;  // 31 in a 30-day month: unreal
  const std::string body = absl::StrFormat(
      "%s%s%04d%02d%02d%s", province, RandomString(rng, kDigits, 4), year,
      month, day, RandomString(rng, kDigits, 3));
  return *EncodeStructuredCode(v1::GB11643, body);
}

TEST(CodingRuleDifferentialTest, Gb11643AgreesWithTheBuiltIn) {
  auto rule = Rule("GB_11643");
  ASSERT_NE(rule, nullptr);
  std::mt19937 rng(11643);
  std::vector<std::string> values;
  int left_out = 0;
  for (int n = 0; static_cast<int>(values.size()) < kValues; ++n) {
    std::string value = RandomId(rng);
    if (n % 2 == 1) value = Corrupt(rng, value, "0123456789X");
    if (n % 97 == 0) {
      value = *EncodeStructuredCode(v1::GB11643, "91101051949123100");
    }
    // Segments cannot express the foreign permanent residence prefix:
    // "9" + province is a second layout of the address code.
    if (!value.empty() && value[0] == '9') {
      ++left_out;
      continue;
    }
    values.push_back(std::move(value));
  }
  EXPECT_GT(left_out, 0);  // the rule left out was really met
  EXPECT_GT(Compare(v1::GB11643, *rule, values), kValues / 4);
}

TEST(CodingRuleDifferentialTest, Gb11714AgreesWithTheBuiltIn) {
  auto rule = Rule("GB_11714");
  ASSERT_NE(rule, nullptr);
  std::mt19937 rng(11714);
  std::vector<std::string> values;
  int left_out = 0;
  for (int n = 0; static_cast<int>(values.size()) < kValues; ++n) {
    std::string value = *EncodeStructuredCode(
        v1::GB11714, RandomString(rng, kGb11714Alphabet, 8));
    if (n % 2 == 1) value = Corrupt(rng, value, kGb11714Alphabet);
    if (n % 89 == 0) value.insert(8, "-");
    // Segments cannot express the optional hyphen of XXXXXXXX-X.
    if (value.size() == 10 && value[8] == '-') {
      ++left_out;
      continue;
    }
    values.push_back(std::move(value));
  }
  EXPECT_GT(left_out, 0);
  EXPECT_GT(Compare(v1::GB11714, *rule, values), kValues / 4);
}

TEST(CodingRuleDifferentialTest, Gb32100AgreesWithTheBuiltIn) {
  auto rule = Rule("GB_32100");
  ASSERT_NE(rule, nullptr);
  std::mt19937 rng(32100);
  std::uniform_int_distribution<int> pick(0, 99);
  std::vector<std::string> values;
  while (static_cast<int>(values.size()) < kValues) {
    // Mostly with a valid organisation code inside; sometimes a bad one.
    std::string org = RandomString(rng, kGb32100Alphabet, 8);
    org.push_back(pick(rng) < 90 ? *ComputeCheckCharacter(v1::GB11714, org)
                                 : RandomString(rng, "0123456789X", 1)[0]);
    const std::string body =
        absl::StrCat(RandomString(rng, kGb32100Alphabet, 8), org);
    std::string value = absl::StrCat(
        body, std::string(1, *ComputeCheckCharacter(v1::GB32100, body)));
    if (values.size() % 2 == 1) value = Corrupt(rng, value, kGb32100Alphabet);
    values.push_back(std::move(value));
  }
  EXPECT_GT(Compare(v1::GB32100, *rule, values), kValues / 4);
}

}  // namespace
}  // namespace shuyuan::codec
