#include "codec/coding_rule.h"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/checksum.h"
#include "codec/code_list_index.h"
#include "codec/definition_error.h"
#include "codec/definition_loader.h"
#include "codec/testing/in_memory_resolver.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

// Counts heap allocations so that tests can assert Verify makes none.
namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// The replacements below pair malloc with free; GCC cannot see that and
// warns about frees of operator new's memory.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr DateKey kAsOf = 20240601;

// The example of SPEC §2.12, against a few divisions of GB/T 2260.
constexpr char kZjCatalogCode[] = R"yaml(
code_list:
  id: GB_T_2260
  entries:
    - {code: "330000", name_zh: 浙江省}
    - {code: "500000", name_zh: 重庆市, valid_from: "1997-03-14"}
---
coding_rule:
  id: ZJ_CATALOG_CODE
  segments:
    - {name: division_code, name_zh: 行政区划, length: 6, code_list: GB_T_2260}
    - {name: department, length: 3, charset: "0-9"}
    - {name: category, length: 1, allowed: ["1", "2", "3"]}
    - {name: opened_on, length: 8, date: YYYYMMDD, not_future: true}
    - {name: sequence, length: 4, charset: "0-9"}
    - {name: check, length: 1, check: {algorithm: ISO7064_MOD37_36}}
  parts:
    - {name: sequence_parity, from: sequence, parity: {odd: "1", even: "2"}}
    - {name: province, substring: {start: 0, length: 2}}
)yaml";

// GB 11714 and GB 32100 as WEIGHTED rules, one nesting the other.
constexpr char kNationalCodes[] = R"yaml(
coding_rule:
  id: GB_11714
  segments:
    - {name: body, length: 8, charset: "0-9A-Z"}
    - name: check
      check:
        algorithm: WEIGHTED
        weighted: {alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   weights: [3, 7, 9, 10, 5, 8, 4, 2], modulus: 11,
                   check_chars: "0X987654321"}
---
coding_rule:
  id: GB_32100
  segments:
    - {name: registration_authority, length: 1, charset: "0-9A-HJ-NPQRTUWXY"}
    - {name: organization_type, length: 1, charset: "0-9A-HJ-NPQRTUWXY"}
    - {name: division_code, length: 6, charset: "0-9"}
    - {name: organization_code, coding_rule: GB_11714,
       charset: "0-9A-HJ-NPQRTUWXY"}
    - name: check
      check:
        algorithm: WEIGHTED
        weighted: {alphabet: "0123456789ABCDEFGHJKLMNPQRTUWXY",
                   weights: [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8,
                             24, 10, 30, 28],
                   modulus: 31, check_chars: "0YXWUTRQPNMLKJHGFEDCBA987654321"}
)yaml";

// A resolver fed from YAML definition text, counting compiled code lists.
class Resolver : public codec_testing::InMemoryResolver {
 public:
  void Load(const std::string& yaml) {
    absl::StatusOr<std::vector<LoadedDocument>> documents =
        ParseDefinitionText(yaml, "test.yaml");
    ASSERT_TRUE(documents.ok()) << documents.status();
    for (LoadedDocument& d : *documents) {
      if (d.document.has_coding_rule()) Add(d.document.coding_rule());
      if (d.document.has_code_list()) Add(d.document.code_list());
    }
  }
  absl::StatusOr<std::shared_ptr<const CompiledCodeList>> CompileCodeList(
      const v1::CodeList& list) const override {
    ++compiled_lists;
    return DefinitionResolver::CompileCodeList(list);
  }
  mutable int compiled_lists = 0;
};

class CodingRuleTest : public ::testing::Test {
 protected:
  std::shared_ptr<const CompiledCodingRule> Compile(const std::string& yaml,
                                                    const std::string& id) {
    resolver_.Load(yaml);
    absl::StatusOr<const v1::CodingRule*> proto =
        resolver_.ResolveCodingRule(id);
    EXPECT_TRUE(proto.ok()) << proto.status();
    if (!proto.ok()) return nullptr;
    absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> rule =
        CompiledCodingRule::Compile(**proto, resolver_);
    EXPECT_TRUE(rule.ok()) << rule.status();
    return rule.ok() ? *rule : nullptr;
  }

  // The issue code and the segment at fault, as "CODE segment".
  static std::string Verdict(const CompiledCodingRule& rule,
                             absl::string_view value, DateKey as_of = kAsOf) {
    const CodingRuleOutcome outcome = rule.Verify(value, as_of);
    if (outcome.ok()) return "OK";
    return absl::StrCat(v1::IssueCode_Name(outcome.code), " ",
                        rule.IssueRule(outcome));
  }

  // The code Encode makes of `body`, or "error: MESSAGE".
  static std::string Encoded(const CompiledCodingRule& rule,
                             absl::string_view body) {
    absl::StatusOr<std::string> code = rule.Encode(body);
    if (!code.ok()) return absl::StrCat("error: ", code.status().message());
    return *code;
  }

  Resolver resolver_;
};

TEST_F(CodingRuleTest, SpecExampleChecksEverySegmentInOrder) {
  auto rule = Compile(kZjCatalogCode, "ZJ_CATALOG_CODE");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->min_length(), 23u);
  EXPECT_EQ(rule->max_length(), 23u);
  EXPECT_EQ(Verdict(*rule, "3300000011202106080001F"), "OK");
  EXPECT_EQ(Verdict(*rule, "3300000011202106080002D"), "OK");
  EXPECT_EQ(Verdict(*rule, "330000001120210608001F"),
            "LENGTH_OUT_OF_RANGE coding_rule ZJ_CATALOG_CODE");
  EXPECT_EQ(Verdict(*rule, "3300000A11202106080001F"),
            "CHARSET_VIOLATION coding_rule ZJ_CATALOG_CODE segment "
            "department");
  EXPECT_EQ(Verdict(*rule, "3300000014202106080001F"),
            "CODE_NOT_IN_LIST coding_rule ZJ_CATALOG_CODE segment category");
  EXPECT_EQ(Verdict(*rule, "9999990011202106080001F"),
            "CODE_NOT_IN_LIST coding_rule ZJ_CATALOG_CODE segment "
            "division_code");
  EXPECT_EQ(Verdict(*rule, "5000000011202106080001S"), "OK");
  EXPECT_EQ(Verdict(*rule, "5000000011199001010001F", 19950101),
            "CODE_NOT_EFFECTIVE coding_rule ZJ_CATALOG_CODE segment "
            "division_code");
  EXPECT_EQ(Verdict(*rule, "3300000011202102300001F"),
            "INVALID_DATE coding_rule ZJ_CATALOG_CODE segment opened_on");
  EXPECT_EQ(Verdict(*rule, "3300000011203001010001F"),
            "DATE_OUT_OF_RANGE coding_rule ZJ_CATALOG_CODE segment opened_on");
  // 0 = no reference date: not_future and effective dates are skipped.
  EXPECT_EQ(Verdict(*rule, "3300000011203001010001F", 0),
            "CHECKSUM_MISMATCH coding_rule ZJ_CATALOG_CODE segment check");
  EXPECT_EQ(Verdict(*rule, "3300000011202106080001G"),
            "CHECKSUM_MISMATCH coding_rule ZJ_CATALOG_CODE segment check");
  // Lower case is not in the check's alphabet: a shape fault, not a check.
  EXPECT_EQ(Verdict(*rule, "3300000011202106080001f"),
            "CHARSET_VIOLATION coding_rule ZJ_CATALOG_CODE segment check");
  // Meaning before check characters: a wrong date with a wrong check is
  // reported as the date.
  EXPECT_EQ(Verdict(*rule, "3300000011202102300001Z"),
            "INVALID_DATE coding_rule ZJ_CATALOG_CODE segment opened_on");
}

TEST_F(CodingRuleTest, MessagesNameTheSegmentInBothLanguages) {
  auto rule = Compile(kZjCatalogCode, "ZJ_CATALOG_CODE");
  ASSERT_NE(rule, nullptr);
  auto describe = [&](absl::string_view value, DateKey as_of = kAsOf) {
    return rule->Describe(rule->Verify(value, as_of), value, as_of, v1::L1);
  };
  CodingRuleMessage m = describe("330000001120210608001F");
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: the code has 22 characters; the coding rule "
            "takes 23");
  EXPECT_EQ(m.message_zh,
            "ZJ_CATALOG_CODE：编码长度为 22 个字符，编码规则要求 23 个字符");
  m = describe("3300000A11202106080001F");
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: character 'A' at position 8 is not allowed in "
            "segment department (expected 0-9)");
  EXPECT_EQ(m.message_zh,
            "ZJ_CATALOG_CODE：第 8 位字符“A”不符合段“department”（应为 0-9）");
  m = describe("3300000014202106080001F");
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: segment category ('4') is not one of: 1, 2, 3");
  EXPECT_EQ(m.message_zh,
            "ZJ_CATALOG_CODE：段“category”的值“4”不在允许值中：1、2、3");
  m = describe("9999990011202106080001F");
  EXPECT_EQ(m.message_zh,
            "ZJ_CATALOG_CODE：段“行政区划”的值“999999”不是代码集 GB_T_2260 "
            "中的代码");
  m = describe("5000000011199001010001F", 19950101);
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: segment division_code: code '500000' of "
            "GB_T_2260 is not in force on 1995-01-01 (valid 1997-03-14..)");
  m = describe("3300000011202102300001F");
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: segment opened_on ('20210230') is not a real "
            "date (YYYYMMDD)");
  m = describe("3300000011203001010001F");
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: segment opened_on ('20300101') is after the "
            "reference date 2024-06-01");
  m = describe("3300000011202106080001G");
  EXPECT_EQ(m.message,
            "ZJ_CATALOG_CODE: the check character of segment check does not "
            "match ISO7064_MOD37_36");
  EXPECT_EQ(m.message_zh,
            "ZJ_CATALOG_CODE：段“check”的校验码不符合 ISO7064_MOD37_36");
  // Sensitive elements mask quoted values as issues do.
  const absl::string_view date_fault = "3300000011202102300001F";
  EXPECT_THAT(
      rule->Describe(rule->Verify(date_fault, kAsOf), date_fault, kAsOf, v1::L3)
          .message,
      HasSubstr("('202***30')"));
}

TEST_F(CodingRuleTest, CharactersBeyondAsciiCountAsCharacters) {
  auto rule = Compile(kZjCatalogCode, "ZJ_CATALOG_CODE");
  ASSERT_NE(rule, nullptr);
  // A full-width digit: 23 characters, 25 bytes.
  const std::string wide =
      "\xEF\xBC\x93"
      "300000011202106080001F";
  CodingRuleOutcome outcome = rule->Verify(wide, kAsOf);
  EXPECT_EQ(outcome.code, v1::CHARSET_VIOLATION);
  EXPECT_EQ(rule->IssueRule(outcome),
            "coding_rule ZJ_CATALOG_CODE segment division_code");
  EXPECT_EQ(rule->Describe(outcome, wide, kAsOf, v1::L1).message,
            "ZJ_CATALOG_CODE: character '３' at position 1 is not allowed in "
            "segment division_code (expected !-~)");
  // 23 bytes but 21 characters.
  const std::string short_wide =
      "\xEF\xBC\x93"
      "3000000112021060800F";
  outcome = rule->Verify(short_wide, kAsOf);
  EXPECT_EQ(outcome.code, v1::LENGTH_OUT_OF_RANGE);
  EXPECT_EQ(outcome.length, 21u);
  // A value beyond ASCII is reported at its first such character, even
  // after an ASCII fault.
  const std::string late = "3300000A11202106080001\xC3\xA9";
  outcome = rule->Verify(late, kAsOf);
  EXPECT_EQ(outcome.code, v1::CHARSET_VIOLATION);
  EXPECT_EQ(rule->IssueRule(outcome),
            "coding_rule ZJ_CATALOG_CODE segment check");
  EXPECT_THAT(rule->Describe(outcome, late, kAsOf, v1::L1).message,
              HasSubstr("character 'é' at position 23"));
}

TEST_F(CodingRuleTest, DecodesEverySegmentAndPart) {
  auto rule = Compile(kZjCatalogCode, "ZJ_CATALOG_CODE");
  ASSERT_NE(rule, nullptr);
  EXPECT_THAT(
      rule->part_names(),
      ElementsAre("division_code", "department", "category", "opened_on",
                  "sequence", "check", "sequence_parity", "province"));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(DecodedCode decoded,
                               rule->Decode("3300000011202106080001F", kAsOf));
  std::vector<std::string> parts;
  for (const CodePart& part : decoded.parts) {
    parts.push_back(part.name + "=" + part.value);
  }
  EXPECT_THAT(
      parts, ElementsAre("division_code=330000", "department=001", "category=1",
                         "opened_on=20210608", "sequence=0001", "check=F",
                         "sequence_parity=1", "province=33"));
  EXPECT_TRUE(decoded.outcome.ok());
  EXPECT_TRUE(decoded.message.empty());
  // A wrong check character still decodes, with the reason.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(decoded,
                               rule->Decode("3300000011202106080002F", kAsOf));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_THAT(decoded.message, HasSubstr("segment check"));
  EXPECT_THAT(decoded.message_zh, HasSubstr("校验码"));
  EXPECT_EQ(decoded.parts[6].value, "2");
  // Not shaped as the code at all: an error saying why.
  EXPECT_THAT(rule->Decode("33000000112021060800", kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the code has 20 characters")));
  EXPECT_EQ(rule->PartOf("3300000011202106080002D", "sequence_parity"), "2");
  EXPECT_EQ(rule->PartOf("3300000011202106080002D", "opened_on"), "20210608");
  EXPECT_EQ(rule->PartOf("3300000011202106080002D", "nothing"), "");
  EXPECT_EQ(rule->PartIndex("check"), 5);
}

TEST_F(CodingRuleTest, EncodeComputesTheCheckCharacters) {
  auto rule = Compile(kZjCatalogCode, "ZJ_CATALOG_CODE");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(Encoded(*rule, "3300000011202106080001"),
            ("3300000011202106080001F"));
  // Meaning is not checked, so test data for it can be built.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::string bad_date,
                               rule->Encode("3300000011202102300001"));
  EXPECT_EQ(rule->Verify(bad_date, kAsOf).code, v1::INVALID_DATE);
  EXPECT_THAT(rule->Encode("33000000112021060800"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a body (the code without its check "
                                 "segments) has 22 characters, got 20")));
  EXPECT_THAT(rule->Encode("330000001120210608000X"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "ZJ_CATALOG_CODE: expected 0-9 (segment sequence) at "
                       "offset 21 of the body, found 'X'"));
}

TEST_F(CodingRuleTest, NestedRulesValidateDecodeAndEncode) {
  auto rule = Compile(kNationalCodes, "GB_32100");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(Verdict(*rule, "91110000600037341L"), "OK");
  EXPECT_EQ(Verdict(*rule, "91110000600037341N"),
            "CHECKSUM_MISMATCH coding_rule GB_32100 segment check");
  EXPECT_EQ(Verdict(*rule, "91110000600037342P"),
            "CHECKSUM_MISMATCH coding_rule GB_32100 segment "
            "organization_code.check");
  // The nested rule takes I; the outer charset narrows it away.
  EXPECT_EQ(Verdict(*rule, "911100006000373I1L"),
            "CHARSET_VIOLATION coding_rule GB_32100 segment "
            "organization_code");
  EXPECT_THAT(rule->part_names(),
              ElementsAre("registration_authority", "organization_type",
                          "division_code", "organization_code",
                          "organization_code.body", "organization_code.check",
                          "check"));
  EXPECT_EQ(rule->PartOf("91110000600037341L", "organization_code.body"),
            "60003734");
  EXPECT_EQ(Encoded(*rule, "91110000600037341"), ("91110000600037341L"));
  EXPECT_THAT(rule->Encode("91110000600037342"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("segment organization_code ('600037342') "
                                 "fails the check characters of GB_11714")));
  const absl::string_view nested_fault = "91110000600037342P";
  EXPECT_EQ(rule->Describe(rule->Verify(nested_fault, kAsOf), nested_fault,
                           kAsOf, v1::L1)
                .message,
            "GB_32100: the check character of segment organization_code.check "
            "does not match WEIGHTED");
}

TEST_F(CodingRuleTest, NestedRuleCompilesOnce) {
  auto rule = Compile(R"yaml(
code_list:
  id: YN
  entries: [{code: "Y"}, {code: "N"}]
---
coding_rule:
  id: FLAG
  segments: [{name: flag, length: 1, code_list: YN}]
---
coding_rule:
  id: TWO_FLAGS
  segments:
    - {name: a, coding_rule: FLAG}
    - {name: b, coding_rule: FLAG}
)yaml",
                      "TWO_FLAGS");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(resolver_.compiled_lists, 1);
  EXPECT_EQ(Verdict(*rule, "YN"), "OK");
  EXPECT_EQ(Verdict(*rule, "YX"),
            "CODE_NOT_IN_LIST coding_rule TWO_FLAGS segment b.flag");
}

TEST_F(CodingRuleTest, VariableLengthSegmentAnchorsTheRestAtTheEnd) {
  auto rule = Compile(R"yaml(
coding_rule:
  id: CARD
  segments:
    - {name: scheme, fixed: "CN"}
    - {name: account, min_length: 12, max_length: 18, charset: "0-9"}
    - {name: branch, length: 2, charset: "0-9"}
    - {name: check, check: {algorithm: LUHN, over: [account, branch]}}
)yaml",
                      "CARD");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->min_length(), 17u);
  EXPECT_EQ(rule->max_length(), 23u);
  // Luhn over account and branch, as the built-in LUHN computes it.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      const char luhn, ComputeCheckCharacter(v1::LUHN, "4111111111111111"));
  EXPECT_EQ(Encoded(*rule,
                    "CN"
                    "41111111111111"
                    "11"),
            (absl::StrCat("CN4111111111111111", std::string(1, luhn))));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::string code,
                               rule->Encode("CN622202020011223344"));
  EXPECT_EQ(Verdict(*rule, code), "OK");
  EXPECT_EQ(rule->PartOf(code, "account"), "6222020200112233");
  EXPECT_EQ(rule->PartOf(code, "branch"), "44");
  EXPECT_EQ(Verdict(*rule, "CX4111111111111111"),
            "CHARSET_VIOLATION coding_rule CARD segment scheme");
  EXPECT_EQ(Verdict(*rule, "CN41111111111111112"),
            "CHECKSUM_MISMATCH coding_rule CARD segment check");
  EXPECT_EQ(Verdict(*rule, "CN4111111111111111111111111"),
            "LENGTH_OUT_OF_RANGE coding_rule CARD");
  EXPECT_THAT(rule->Decode("CN1234", kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the coding rule takes 17 to 23")));
}

TEST_F(CodingRuleTest, TwoCheckCharactersOfMod97_10) {
  // ISO 13616 IBAN GB82 WEST 1234 5698 7654 32, with its country code and
  // check digits moved to the end as the check reads them.
  auto rule = Compile(R"yaml(
coding_rule:
  id: IBAN_GB_REARRANGED
  segments:
    - {name: bank, length: 4, charset: "A-Z"}
    - {name: account, length: 14, charset: "0-9"}
    - {name: country, fixed: "GB"}
    - {name: check, check: {algorithm: ISO7064_MOD97_10}}
)yaml",
                      "IBAN_GB_REARRANGED");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(Verdict(*rule, "WEST12345698765432GB82"), "OK");
  EXPECT_EQ(Verdict(*rule, "WEST12345698765433GB82"),
            "CHECKSUM_MISMATCH coding_rule IBAN_GB_REARRANGED segment check");
  EXPECT_EQ(Encoded(*rule, "WEST12345698765432GB"), ("WEST12345698765432GB82"));
  EXPECT_EQ(rule->PartOf("WEST12345698765432GB82", "check"), "82");
  const absl::string_view wrong = "WEST12345698765432GB83";
  EXPECT_THAT(
      rule->Describe(rule->Verify(wrong, kAsOf), wrong, kAsOf, v1::L1).message,
      HasSubstr("the check characters of segment check do not match "
                "ISO7064_MOD97_10"));
}

TEST_F(CodingRuleTest, VerifyAllocatesNothing) {
  auto zj = Compile(kZjCatalogCode, "ZJ_CATALOG_CODE");
  auto uscc = Compile(kNationalCodes, "GB_32100");
  ASSERT_NE(zj, nullptr);
  ASSERT_NE(uscc, nullptr);
  const std::vector<std::string> zj_values = {"3300000011202106080001F",
                                              "3300000011202106080002D",
                                              "3300000A11202106080001F",
                                              "9999990011202106080001F",
                                              "3300000011202102300001F",
                                              "3300000011202106080001G",
                                              "330000001120210608001F",
                                              "\xEF\xBC\x93"
                                              "300000011202106080001F"};
  const std::vector<std::string> uscc_values = {
      "91110000600037341L", "91110000600037341N", "91110000600037342P"};
  int ok = 0;
  const long before = g_allocations.load();
  for (int round = 0; round < 3; ++round) {
    for (const std::string& v : zj_values) ok += zj->Verify(v, kAsOf).ok();
    for (const std::string& v : uscc_values) {
      ok += uscc->Verify(v, kAsOf).ok();
      ok += !uscc->PartOf(v, "organization_code.body").empty();
    }
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_EQ(ok, 3 * (2 + 1 + 3));
}

// One definition error: its status code and ErrorSite field.
struct DefinitionCase {
  const char* yaml;  // coding rule BAD and what it refers to
  absl::StatusCode code;
  const char* field;
  const char* message;  // a substring of the message
};

TEST_F(CodingRuleTest, RefusesDefinitionsThatCannotWorkNamingTheSegment) {
  const DefinitionCase cases[] = {
      {"{id: BAD}", absl::StatusCode::kInvalidArgument, "segments",
       "at least one segment"},
      {"{id: BAD, segments: [{name: 1a, length: 2, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].name", "[A-Za-z]"},
      {"{id: BAD, segments: [{name: a, length: 1, charset: '0-9'}, {name: a, "
       "length: 1, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].name", "another"},
      {"{id: BAD, segments: [{name: a, fixed: X, allowed: [Y]}]}",
       absl::StatusCode::kInvalidArgument, "segments[0]",
       "found: allowed, fixed"},
      {"{id: BAD, segments: [{name: a, date: YYYYMMDD, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].charset", "narrows"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '9-0'}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].charset",
       "a reversed range at offset 0"},
      {"{id: BAD, segments: [{name: a, length: 6, date: YYYYMMDD}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].length",
       "length 6 does not add up: date YYYYMMDD has 8 characters"},
      {"{id: BAD, segments: [{name: a, date: YYMMDD}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].date",
       "not a datetime form"},
      {"{id: BAD, segments: [{name: a, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].length",
       "a length is required"},
      {"{id: BAD, segments: [{name: a, allowed: ['123456789']}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].allowed[0]",
       "at most 8 characters"},
      {"{id: BAD, segments: [{name: a, allowed: ['1', '22']}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].allowed[1]",
       "one length"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9', "
       "not_future: true}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].not_future",
       "date segment"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}, {name: c, "
       "check: {}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].check.algorithm",
       "check.algorithm is required"},
      {"{id: BAD, segments: [{name: c, check: {algorithm: LUHN, over: [a]}}, "
       "{name: a, length: 2, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].check.over[0]",
       "'a' is a later segment"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}, {name: c, "
       "check: {algorithm: LUHN, over: [b]}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].check.over[0]",
       "no segment is named 'b'"},
      {"{id: BAD, segments: [{name: c, check: {algorithm: LUHN}}]}",
       absl::StatusCode::kInvalidArgument, "segments[0].check",
       "needs a segment before it"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}, {name: c, "
       "length: 2, check: {algorithm: LUHN}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].length",
       "LUHN computes 1 character"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}, {name: c, "
       "check: {algorithm: WEIGHTED, weighted: {alphabet: '0123456789', "
       "weights: [1, 2, 3], modulus: 11, check_chars: '0123456789X'}}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].check.weighted.weights",
       "3 weights for 2 checked characters"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}, {name: c, "
       "check: {algorithm: WEIGHTED, weighted: {alphabet: '0123456789', "
       "weights: [1, 2], modulus: 11, check_chars: '0123456789'}}}]}",
       absl::StatusCode::kInvalidArgument,
       "segments[1].check.weighted.check_chars", "modulus 11"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9A-Z'}, {name: "
       "c, check: {algorithm: ISO7064_MOD11_2}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].check",
       "segment 'a' may hold characters that ISO7064_MOD11_2 does not read"},
      {"{id: BAD, segments: [{name: a, length: 6, code_list: LETTERS}, "
       "{name: c, check: {algorithm: LUHN}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].check",
       "narrow it with a charset"},
      {"{id: BAD, segments: [{name: a, min_length: 1, max_length: 3, charset: "
       "'0-9'}, {name: b, min_length: 1, max_length: 3, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].max_length",
       "already has a variable length"},
      {"{id: BAD, segments: [{name: a, min_length: 1, max_length: 3, charset: "
       "'0-9'}, {name: c, check: {algorithm: WEIGHTED, weighted: {alphabet: "
       "'0123456789', weights: [1], modulus: 10, check_chars: "
       "'0123456789'}}}]}",
       absl::StatusCode::kInvalidArgument, "segments[1].check.weighted.weights",
       "fixed number of characters"},
      {"{id: BAD, segments: [{name: a, length: 300, charset: '0-9'}]}",
       absl::StatusCode::kInvalidArgument, "segments", "at most 256"},
      {"{id: BAD, segments: [{name: a, coding_rule: NOWHERE}]}",
       absl::StatusCode::kNotFound, "segments[0].coding_rule", "NOWHERE"},
      {"{id: BAD, segments: [{name: a, length: 2, code_list: NOWHERE}]}",
       absl::StatusCode::kNotFound, "segments[0].code_list", "NOWHERE"},
      {"{id: BAD, segments: [{name: a, coding_rule: BAD}]}",
       absl::StatusCode::kInvalidArgument, "segments", "nests itself"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}], parts: "
       "[{name: p, from: z, substring: {start: 0, length: 1}}]}",
       absl::StatusCode::kInvalidArgument, "parts[0].from",
       "no segment is named 'z'"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9A'}], parts: "
       "[{name: p, from: a, parity: {odd: '1', even: '2'}}]}",
       absl::StatusCode::kInvalidArgument, "parts[0].from",
       "does not end in a digit"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}], parts: "
       "[{name: p, from: a, substring: {start: 1, length: 2}}]}",
       absl::StatusCode::kInvalidArgument, "parts[0].substring",
       "characters 1 to 3 do not lie within the 2 of a"},
      {"{id: BAD, segments: [{name: a, length: 2, charset: '0-9'}], parts: "
       "[{name: a, substring: {start: 0, length: 1}}]}",
       absl::StatusCode::kInvalidArgument, "parts[0].name",
       "a segment or another part has this name"},
  };
  for (const DefinitionCase& c : cases) {
    SCOPED_TRACE(c.yaml);
    Resolver resolver;
    resolver.Load(
        absl::StrCat("code_list: {id: LETTERS, entries: [{code: "
                     "'AB1234'}]}\n---\ncoding_rule: ",
                     c.yaml, "\n"));
    absl::StatusOr<const v1::CodingRule*> proto =
        resolver.ResolveCodingRule("BAD");
    ASSERT_TRUE(proto.ok());
    absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> rule =
        CompiledCodingRule::Compile(**proto, resolver);
    ASSERT_FALSE(rule.ok());
    EXPECT_EQ(rule.status().code(), c.code) << rule.status();
    EXPECT_THAT(rule.status().message(), HasSubstr(c.message));
    const std::optional<ErrorSite> site = ErrorSiteOf(rule.status());
    ASSERT_TRUE(site.has_value()) << rule.status();
    EXPECT_EQ(site->kind, "coding_rule");
    EXPECT_EQ(site->id, "BAD");
    EXPECT_EQ(site->field, c.field) << rule.status();
  }
}

}  // namespace
}  // namespace shuyuan::codec
