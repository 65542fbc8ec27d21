#include "codec/definition_loader.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// The whole example of SPEC §2.10.
constexpr char kSpecExample[] = R"yaml(code_list:
  id: GB_T_2261_1
  name_zh: 人的性别代码
  name_en: Codes for sexes of human
  standard: GB/T 2261.1-2003
  entries:
    - {code: "0", name_zh: 未知的性别, name_en: Not known}
    - {code: "1", name_zh: 男性, name_en: Male, aliases: [男, M]}
    - {code: "2", name_zh: 女性, name_en: Female, aliases: [女, F]}
    - {code: "9", name_zh: 未说明的性别, name_en: Not applicable}
---
data_element:
  id: XBDM
  name_zh: 性别代码
  name_en: Sex code
  definition: 人的性别，按 GB/T 2261.1 编码。
  data_type: STRING
  format: n1
  value_domain: {code_list: GB_T_2261_1}
  normalize:
    - trim: {}
    - map: {}
  examples:
    - {value: "1", valid: true}
    - {value: "男", valid: true, normalized: "1"}
    - {value: "3", valid: false, issue: CODE_NOT_IN_LIST}
---
data_element:
  id: GMSFHM
  name_zh: 公民身份号码
  name_en: Citizen identity number
  definition: 由十七位数字本体码和一位校验码组成的特征组合码（GB 11643-1999）。
  data_type: STRING
  format: c18
  sensitivity: L3
  synonyms: [身份证号, 居民身份证号码]
  value_domain: {checksum: GB11643}
  normalize:
    - width: {}
    - trim: {}
    - upper: {}
    - replace: {pairs: {"×": "X"}}
    - id15to18: {}
  examples:
    - {value: "11010519491231002X", valid: true}
    - {value: "11010519491231002x", valid: true, normalized: "11010519491231002X"}
    - {value: "110105194912310021", valid: false, issue: CHECKSUM_MISMATCH}
---
data_element:
  id: CSRQ
  name_zh: 出生日期
  name_en: Date of birth
  definition: 人出生的公历日期。
  data_type: DATE
  format: YYYYMMDD
  value_domain: {min_date: "1800-01-01"}
  normalize:
    - width: {}
    - trim: {}
    - date: {inputs: ["YYYY年M月D日", "YYYY-M-D", "YYYY/M/D", "YYYY.M.D", "YYYYMMDD"]}
  examples:
    - {value: "2021年7月8日", valid: true, normalized: "20210708"}
    - {value: "20210230", valid: false, issue: INVALID_DATE}
---
record_schema:
  id: NATURAL_PERSON_BASIC
  name_zh: 自然人基本信息
  name_en: Natural person basic information
  fields:
    - {name: gmsfhm, element: GMSFHM, required: true, aliases: [身份证号, sfzh]}
    - {name: xbdm, element: XBDM, aliases: [性别]}
    - {name: csrq, element: CSRQ, derive: {from: gmsfhm, part: birth_date}}
  rules:
    - id_birth_date: {id: gmsfhm, date: csrq}
    - id_sex: {id: gmsfhm, sex: xbdm}
)yaml";

// The message of a failed parse of `text` as file "f.yaml".
std::string ErrorOf(const std::string& text) {
  absl::StatusOr<std::vector<LoadedDocument>> result =
      ParseDefinitionText(text, "f.yaml");
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  return std::string(result.status().message());
}

TEST(ParseDefinitionTextTest, SpecExampleLoadsEveryField) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(kSpecExample, "spec.yaml"));
  ASSERT_EQ(documents.size(), 5u);

  // Locations: the line of each item key.
  EXPECT_EQ(documents[0].location.file, "spec.yaml");
  EXPECT_EQ(documents[0].location.line, 1);
  EXPECT_EQ(documents[1].location.line, 12);
  EXPECT_EQ(documents[2].location.line, 28);
  EXPECT_EQ(documents[3].location.line, 49);
  EXPECT_EQ(documents[4].location.line, 65);

  ASSERT_TRUE(documents[0].document.has_code_list());
  const v1::CodeList& sex = documents[0].document.code_list();
  EXPECT_EQ(sex.id(), "GB_T_2261_1");
  EXPECT_EQ(sex.name_zh(), "人的性别代码");
  EXPECT_EQ(sex.name_en(), "Codes for sexes of human");
  EXPECT_EQ(sex.standard(), "GB/T 2261.1-2003");
  ASSERT_EQ(sex.entries_size(), 4);
  EXPECT_EQ(sex.entries(0).code(), "0");
  EXPECT_EQ(sex.entries(0).name_zh(), "未知的性别");
  EXPECT_EQ(sex.entries(0).name_en(), "Not known");
  EXPECT_EQ(sex.entries(1).code(), "1");
  EXPECT_THAT(sex.entries(1).aliases(), ElementsAre("男", "M"));
  EXPECT_THAT(sex.entries(2).aliases(), ElementsAre("女", "F"));
  EXPECT_EQ(sex.entries(3).code(), "9");
  EXPECT_EQ(sex.entries(3).name_en(), "Not applicable");

  ASSERT_TRUE(documents[1].document.has_data_element());
  const v1::DataElement& xbdm = documents[1].document.data_element();
  EXPECT_EQ(xbdm.id(), "XBDM");
  EXPECT_EQ(xbdm.definition(), "人的性别，按 GB/T 2261.1 编码。");
  EXPECT_EQ(xbdm.data_type(), v1::STRING);
  EXPECT_EQ(xbdm.format(), "n1");
  EXPECT_EQ(xbdm.value_domain().code_list(), "GB_T_2261_1");
  ASSERT_EQ(xbdm.normalize_size(), 2);
  EXPECT_TRUE(xbdm.normalize(0).has_trim());
  EXPECT_TRUE(xbdm.normalize(1).has_map());
  ASSERT_EQ(xbdm.examples_size(), 3);
  EXPECT_EQ(xbdm.examples(0).value(), "1");
  EXPECT_TRUE(xbdm.examples(0).valid());
  EXPECT_FALSE(xbdm.examples(0).has_normalized());
  EXPECT_EQ(xbdm.examples(1).value(), "男");
  EXPECT_EQ(xbdm.examples(1).normalized(), "1");
  EXPECT_FALSE(xbdm.examples(2).valid());
  EXPECT_EQ(xbdm.examples(2).issue(), v1::CODE_NOT_IN_LIST);

  const v1::DataElement& gmsfhm = documents[2].document.data_element();
  EXPECT_EQ(gmsfhm.id(), "GMSFHM");
  EXPECT_EQ(gmsfhm.format(), "c18");
  EXPECT_EQ(gmsfhm.sensitivity(), v1::L3);
  EXPECT_THAT(gmsfhm.synonyms(), ElementsAre("身份证号", "居民身份证号码"));
  EXPECT_EQ(gmsfhm.value_domain().checksum(), v1::GB11643);
  ASSERT_EQ(gmsfhm.normalize_size(), 5);
  EXPECT_TRUE(gmsfhm.normalize(0).has_width());
  EXPECT_TRUE(gmsfhm.normalize(1).has_trim());
  EXPECT_TRUE(gmsfhm.normalize(2).has_upper());
  ASSERT_TRUE(gmsfhm.normalize(3).has_replace());
  EXPECT_THAT(gmsfhm.normalize(3).replace().pairs(),
              UnorderedElementsAre(Pair("×", "X")));
  EXPECT_TRUE(gmsfhm.normalize(4).has_id15to18());
  ASSERT_EQ(gmsfhm.examples_size(), 3);
  EXPECT_EQ(gmsfhm.examples(1).normalized(), "11010519491231002X");
  EXPECT_EQ(gmsfhm.examples(2).issue(), v1::CHECKSUM_MISMATCH);

  const v1::DataElement& csrq = documents[3].document.data_element();
  EXPECT_EQ(csrq.data_type(), v1::DATE);
  EXPECT_EQ(csrq.format(), "YYYYMMDD");
  EXPECT_EQ(csrq.value_domain().min_date(), "1800-01-01");
  ASSERT_EQ(csrq.normalize_size(), 3);
  ASSERT_TRUE(csrq.normalize(2).has_date());
  EXPECT_THAT(csrq.normalize(2).date().inputs(),
              ElementsAre("YYYY年M月D日", "YYYY-M-D", "YYYY/M/D", "YYYY.M.D",
                          "YYYYMMDD"));
  ASSERT_EQ(csrq.examples_size(), 2);
  EXPECT_EQ(csrq.examples(0).value(), "2021年7月8日");
  EXPECT_EQ(csrq.examples(0).normalized(), "20210708");
  EXPECT_EQ(csrq.examples(1).issue(), v1::INVALID_DATE);

  ASSERT_TRUE(documents[4].document.has_record_schema());
  const v1::RecordSchema& schema = documents[4].document.record_schema();
  EXPECT_EQ(schema.id(), "NATURAL_PERSON_BASIC");
  EXPECT_EQ(schema.name_zh(), "自然人基本信息");
  ASSERT_EQ(schema.fields_size(), 3);
  EXPECT_EQ(schema.fields(0).name(), "gmsfhm");
  EXPECT_EQ(schema.fields(0).element(), "GMSFHM");
  EXPECT_TRUE(schema.fields(0).required());
  EXPECT_THAT(schema.fields(0).aliases(), ElementsAre("身份证号", "sfzh"));
  EXPECT_FALSE(schema.fields(1).required());
  EXPECT_THAT(schema.fields(1).aliases(), ElementsAre("性别"));
  EXPECT_EQ(schema.fields(2).derive().from(), "gmsfhm");
  EXPECT_EQ(schema.fields(2).derive().part(), "birth_date");
  ASSERT_EQ(schema.rules_size(), 2);
  EXPECT_EQ(schema.rules(0).id_birth_date().id(), "gmsfhm");
  EXPECT_EQ(schema.rules(0).id_birth_date().date(), "csrq");
  EXPECT_EQ(schema.rules(1).id_sex().id(), "gmsfhm");
  EXPECT_EQ(schema.rules(1).id_sex().sex(), "xbdm");
}

TEST(ParseDefinitionTextTest, StringFieldsKeepPlainScalarsAsWritten) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"(code_list:
  id: GB_T_3304
  entries:
    - {code: 01, name_zh: 汉族}
    - {code: 1, name_zh: 一}
    - {code: 1.50, name_zh: 数}
    - {code: true, name_zh: 真}
    - {code: 2021-07-08, name_zh: 日, valid_from: 2021-07-08}
    - {code: "~", name_zh: 波浪}
)",
                                                   "nation.yaml"));
  ASSERT_EQ(documents.size(), 1u);
  const v1::CodeList& list = documents[0].document.code_list();
  ASSERT_EQ(list.entries_size(), 6);
  EXPECT_EQ(list.entries(0).code(), "01");
  EXPECT_EQ(list.entries(1).code(), "1");
  EXPECT_EQ(list.entries(2).code(), "1.50");
  EXPECT_EQ(list.entries(3).code(), "true");
  EXPECT_EQ(list.entries(4).code(), "2021-07-08");
  EXPECT_EQ(list.entries(4).valid_from(), "2021-07-08");
  EXPECT_EQ(list.entries(5).code(), "~");
}

TEST(ParseDefinitionTextTest, MapKeysAndValuesStayStrings) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"(data_element:
  id: MZDM
  aliases: {1: 01, 汉: 01, "M": 2}
  normalize:
    - pad_left: {width: 2, fill: 0}
)",
                                                   "f.yaml"));
  const v1::DataElement& element = documents[0].document.data_element();
  EXPECT_THAT(
      element.aliases(),
      UnorderedElementsAre(Pair("1", "01"), Pair("汉", "01"), Pair("M", "2")));
  EXPECT_EQ(element.normalize(0).pad_left().width(), 2u);
  EXPECT_EQ(element.normalize(0).pad_left().fill(), "0");
}

TEST(ParseDefinitionTextTest, AcceptsLowerCamelCaseNames) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"(dataElement:
  id: XM
  nameZh: 姓名
  dataType: STRING
  lengthUnit: GB18030_BYTES
  valueDomain: {maxLength: 50, minLength: 1, checksumSeverity: WARNING}
  normalize:
    - collapseSpaces: {}
    - padLeft: {width: 3}
)",
                                                   "camel.yaml"));
  ASSERT_EQ(documents.size(), 1u);
  const v1::DataElement& element = documents[0].document.data_element();
  EXPECT_EQ(element.name_zh(), "姓名");
  EXPECT_EQ(element.data_type(), v1::STRING);
  EXPECT_EQ(element.length_unit(), v1::GB18030_BYTES);
  EXPECT_EQ(element.value_domain().max_length(), 50u);
  EXPECT_TRUE(element.value_domain().has_min_length());
  EXPECT_EQ(element.value_domain().min_length(), 1u);
  EXPECT_EQ(element.value_domain().checksum_severity(), v1::WARNING);
  EXPECT_TRUE(element.normalize(0).has_collapse_spaces());
  EXPECT_EQ(element.normalize(1).pad_left().width(), 3u);
}

TEST(ParseDefinitionTextTest, NullAndEmptyValuesLeaveFieldsUnset) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"(data_element:
  id: XM
  name_en:
  remarks: ~
  unit: null
  value_domain: {max_length: ~}
  normalize:
    - trim:
)",
                                                   "f.yaml"));
  const v1::DataElement& element = documents[0].document.data_element();
  EXPECT_EQ(element.id(), "XM");
  EXPECT_EQ(element.name_en(), "");
  EXPECT_EQ(element.remarks(), "");
  EXPECT_TRUE(element.has_value_domain());
  EXPECT_FALSE(element.value_domain().has_max_length());
  // A message alternative written without a body is still chosen.
  ASSERT_EQ(element.normalize_size(), 1);
  EXPECT_TRUE(element.normalize(0).has_trim());
}

TEST(ParseDefinitionTextTest, ReadsJson) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"({
	"code_list": {
		"id": "YN",
		"nameZh": "是否",
		"entries": [
			{"code": "1", "name_zh": "是", "aliases": ["Y", "\u662f\/yes"]},
			{"code": "0", "name_zh": "否"}
		]
	}
}
)",
                                                   "yn.json"));
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].location.line, 2);
  const v1::CodeList& list = documents[0].document.code_list();
  EXPECT_EQ(list.id(), "YN");
  EXPECT_EQ(list.name_zh(), "是否");
  ASSERT_EQ(list.entries_size(), 2);
  EXPECT_THAT(list.entries(0).aliases(), ElementsAre("Y", "是/yes"));
  EXPECT_EQ(list.entries(1).code(), "0");
}

TEST(ParseDefinitionTextTest, JsonArrayHoldsSeveralItems) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"([
  {"code_list": {"id": "A"}},
  {"data_element": {"id": "B", "data_type": "INTEGER"}}
])",
                                                   "list.json"));
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].document.code_list().id(), "A");
  EXPECT_EQ(documents[0].location.line, 2);
  EXPECT_EQ(documents[1].document.data_element().data_type(), v1::INTEGER);
  EXPECT_EQ(documents[1].location.line, 3);
}

TEST(ParseDefinitionTextTest, MultipleDocumentsSkippingEmptyOnes) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"(# catalog header
---
code_list: {id: A}
---
# nothing here
---
---
data_element:
  id: B
...
---
record_schema: {id: C}
)",
                                                   "multi.yaml"));
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0].document.code_list().id(), "A");
  EXPECT_EQ(documents[0].location.line, 3);
  EXPECT_EQ(documents[1].document.data_element().id(), "B");
  EXPECT_EQ(documents[1].location.line, 8);
  EXPECT_EQ(documents[2].document.record_schema().id(), "C");
  EXPECT_EQ(documents[2].location.line, 12);
}

// Coding rules (SPEC §2.12) load through the same descriptor-driven path:
// nested messages, a scoped enum, repeated numbers and strings.
TEST(ParseDefinitionTextTest, CodingRule) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText(R"(coding_rule:
  id: ZJ_CATALOG_CODE
  name_zh: 公共数据目录编码
  segments:
    - {name: division_code, length: 6, code_list: GB_T_2260}
    - {name: category, allowed: [1, "2", 03]}
    - {name: opened_on, date: YYYYMMDD, not_future: true}
    - {name: sequence, length: 4, charset: 0-9}
    - name: check
      check:
        algorithm: WEIGHTED
        over: [division_code, sequence]
        weighted: {alphabet: "0123456789", weights: [3, 7], modulus: 11,
                   check_chars: 10X98765432}
  parts:
    - {name: parity, from: sequence, parity: {odd: 1, even: 2}}
    - {name: province, substring: {start: 0, length: 2}}
  examples: [{value: "x", valid: false, issue: CHECKSUM_MISMATCH}]
)",
                                                   "rule.yaml"));
  ASSERT_EQ(documents.size(), 1u);
  ASSERT_TRUE(documents[0].document.has_coding_rule());
  const v1::CodingRule& rule = documents[0].document.coding_rule();
  EXPECT_EQ(rule.id(), "ZJ_CATALOG_CODE");
  ASSERT_EQ(rule.segments_size(), 5);
  EXPECT_THAT(rule.segments(1).allowed(), ElementsAre("1", "2", "03"));
  EXPECT_TRUE(rule.segments(2).not_future());
  EXPECT_EQ(rule.segments(3).charset(), "0-9");
  const v1::CodingCheck& check = rule.segments(4).check();
  EXPECT_EQ(check.algorithm(), v1::CodingCheck::WEIGHTED);
  EXPECT_THAT(check.over(), ElementsAre("division_code", "sequence"));
  EXPECT_THAT(check.weighted().weights(), ElementsAre(3, 7));
  EXPECT_EQ(check.weighted().check_chars(), "10X98765432");
  EXPECT_EQ(rule.parts(0).parity().odd(), "1");
  EXPECT_EQ(rule.parts(1).substring().length(), 2u);
  EXPECT_EQ(rule.examples(0).issue(), v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(documents[0].location.LineOf("coding_rule.segments[4].check"), 10);
  EXPECT_EQ(ErrorOf("coding_rule:\n  segments:\n    - check: {algorithm: "
                    "MOD11}\n"),
            "f.yaml:3: field 'coding_rule.segments[0].check.algorithm': "
            "'MOD11' is not one of ISO7064_MOD11_2, ISO7064_MOD37_2, "
            "ISO7064_MOD97_10, ISO7064_MOD11_10, ISO7064_MOD37_36, LUHN, "
            "WEIGHTED");
}

TEST(ParseDefinitionTextTest, EmptyTextHasNoDocuments) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               ParseDefinitionText("", "empty.yaml"));
  EXPECT_TRUE(documents.empty());
  SHUYUAN_ASSERT_OK_AND_ASSIGN(documents,
                               ParseDefinitionText("# only\n", "c.yaml"));
  EXPECT_TRUE(documents.empty());
}

TEST(ParseDefinitionTextTest, UnknownFieldSuggestsTheClosestName) {
  EXPECT_EQ(ErrorOf(R"(data_element:
  id: XM
  value_domain:
    max_lenght: 50
)"),
            "f.yaml:4: field 'data_element.value_domain.max_lenght': unknown "
            "field (did you mean 'max_length'?)");
  EXPECT_EQ(ErrorOf("data_elemnt:\n  id: XM\n"),
            "f.yaml:1: field 'data_elemnt': unknown field (did you mean "
            "'data_element'?)");
}

TEST(ParseDefinitionTextTest, UnknownFieldWithoutNeighbourListsTheFields) {
  EXPECT_EQ(ErrorOf("code_list:\n  entries:\n    - {code: '1', zzzzzzzz: x}\n"),
            "f.yaml:3: field 'code_list.entries[0].zzzzzzzz': unknown field "
            "(CodeEntry has code, name_zh, name_en, parent, valid_from, "
            "valid_to, aliases)");
}

TEST(ParseDefinitionTextTest, BadEnumNameListsTheNames) {
  EXPECT_EQ(ErrorOf("data_element:\n  id: XM\n  data_type: STRNG\n"),
            "f.yaml:3: field 'data_element.data_type': 'STRNG' is not one of "
            "STRING, INTEGER, DECIMAL, DATE, DATETIME, TIME, BOOLEAN, BINARY "
            "(did you mean 'STRING'?)");
  EXPECT_EQ(ErrorOf("data_element:\n  examples:\n    - {value: x, issue: "
                    "NOPE_AT_ALL_ZZZZZZZZZZZZZZZZZZZZZZZ}\n"),
            "f.yaml:3: field 'data_element.examples[0].issue': "
            "'NOPE_AT_ALL_ZZZZZZZZZZZZZZZZZZZZZZZ' is not one of "
            "REQUIRED_MISSING, UNKNOWN_FIELD, INVALID_ENCODING, MALFORMED_ROW, "
            "TYPE_MISMATCH, LENGTH_OUT_OF_RANGE, CHARSET_VIOLATION, "
            "FORMAT_MISMATCH, PATTERN_MISMATCH, CHECKSUM_MISMATCH, "
            "INVALID_DATE, DATE_OUT_OF_RANGE, VALUE_OUT_OF_RANGE, "
            "SCALE_EXCEEDED, CODE_NOT_IN_LIST, CODE_NOT_EFFECTIVE, "
            "CROSS_FIELD_MISMATCH, AMBIGUOUS_VALUE, SUPERSEDED_DEFINITION");
  EXPECT_THAT(ErrorOf("data_element:\n  sensitivity: l3\n"),
              HasSubstr("(did you mean 'L3'?)"));
}

TEST(ParseDefinitionTextTest, WrongTypesNameFieldAndLine) {
  EXPECT_EQ(ErrorOf("data_element:\n  value_domain:\n    max_length: fifty\n"),
            "f.yaml:3: field 'data_element.value_domain.max_length': expected "
            "an integer (uint32), found 'fifty'");
  EXPECT_EQ(ErrorOf("data_element:\n  value_domain: {max_length: -1}\n"),
            "f.yaml:2: field 'data_element.value_domain.max_length': '-1' is "
            "out of range for uint32");
  EXPECT_EQ(ErrorOf("data_element:\n  examples:\n    - {value: x, valid: "
                    "yes}\n"),
            "f.yaml:3: field 'data_element.examples[0].valid': expected true "
            "or false, found 'yes'");
  EXPECT_EQ(ErrorOf("data_element:\n  examples:\n    - {value: x, valid: "
                    "\"true\"}\n"),
            "f.yaml:3: field 'data_element.examples[0].valid': expected true "
            "or false, found the string 'true'");
  EXPECT_EQ(ErrorOf("data_element:\n  synonyms: 身份证号\n"),
            "f.yaml:2: field 'data_element.synonyms': expected a list, found "
            "'身份证号'");
  EXPECT_EQ(ErrorOf("data_element:\n  name_zh: [a, b]\n"),
            "f.yaml:2: field 'data_element.name_zh': expected a string, found "
            "a list");
  EXPECT_EQ(ErrorOf("data_element:\n  normalize:\n    - trim\n"),
            "f.yaml:3: field 'data_element.normalize[0]': expected a mapping, "
            "found 'trim' (write 'trim: {}')");
  EXPECT_EQ(ErrorOf("data_element:\n  aliases: [a]\n"),
            "f.yaml:2: field 'data_element.aliases': expected a mapping of "
            "keys to values, found a list");
  EXPECT_EQ(
      ErrorOf(
          "data_element:\n  normalize:\n    - replace: {pairs: {a: [b]}}\n"),
      "f.yaml:3: field 'data_element.normalize[0].replace.pairs[\"a\"]': "
      "expected a string, found a list");
  EXPECT_EQ(ErrorOf("data_element:\n  synonyms: [a, ~]\n"),
            "f.yaml:2: field 'data_element.synonyms[1]': a list item may not "
            "be empty");
}

TEST(ParseDefinitionTextTest, QuotedIntegersAreAccepted) {
  // The protobuf JSON mapping writes 64-bit integers as strings; accept the
  // same for all integer fields.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      std::vector<LoadedDocument> documents,
      ParseDefinitionText("data_element:\n  value_domain: {max_length: "
                          "\"18\"}\n",
                          "f.yaml"));
  EXPECT_EQ(documents[0].document.data_element().value_domain().max_length(),
            18u);
}

TEST(ParseDefinitionTextTest, BadYamlGivesLineAndColumn) {
  EXPECT_EQ(
      ErrorOf("data_element:\n  id: XM\n  value_domain: {min_length: 1\n"),
      "f.yaml:4:1: bad YAML: end of map flow not found");
  EXPECT_EQ(ErrorOf("code_list:\n  id: A\n name_zh: b\n"),
            "f.yaml:3:2: bad YAML: end of map not found");
  EXPECT_EQ(ErrorOf("code_list:\n  id: \"A\\q\"\n"),
            "f.yaml:2:11: bad YAML: unknown escape character: q");
}

TEST(ParseDefinitionTextTest, DocumentMustHoldExactlyOneItem) {
  EXPECT_EQ(ErrorOf("---\ndata_element:\n  id: A\ncode_list:\n  id: B\n"),
            "f.yaml:2: a document must hold exactly one of data_element, "
            "code_list, record_schema, term, coding_rule (found: data_element, "
            "code_list)");
  EXPECT_EQ(ErrorOf("code_list: {id: A}\n---\n{}\n"),
            "f.yaml:3: a document must hold exactly one of data_element, "
            "code_list, record_schema, term, coding_rule (found: none)");
  EXPECT_EQ(ErrorOf("just a string\n"),
            "f.yaml:1: a document must be a mapping holding one of "
            "data_element, code_list, record_schema, term, coding_rule");
  EXPECT_EQ(ErrorOf("- code_list: {id: A}\n- 42\n"),
            "f.yaml:2: a document must be a mapping holding one of "
            "data_element, code_list, record_schema, term, coding_rule");
}

TEST(ParseDefinitionTextTest, RefusesVersionInfo) {
  EXPECT_EQ(ErrorOf("code_list:\n  id: A\n  version_info: {version: 3}\n"),
            "f.yaml:3: field 'code_list.version_info': a version is never "
            "written in a definition file: the registry assigns it (SPEC "
            "§2.1)");
  EXPECT_THAT(ErrorOf("record_schema:\n  versionInfo: ~\n"),
              HasSubstr("f.yaml:2: field 'record_schema.version_info': a "
                        "version is never written"));
}

TEST(ParseDefinitionTextTest, RefusesDuplicateKeys) {
  EXPECT_EQ(ErrorOf("data_element:\n  id: A\n  name_zh: x\n  name_zh: y\n"),
            "f.yaml:4: field 'data_element.name_zh': given twice (first on "
            "line 3)");
  EXPECT_EQ(ErrorOf("data_element:\n  name_zh: x\n  nameZh: y\n"),
            "f.yaml:3: field 'data_element.name_zh': given twice (first on "
            "line 2)");
  EXPECT_EQ(ErrorOf("data_element:\n  aliases:\n    男: '1'\n    男: '2'\n"),
            "f.yaml:4: field 'data_element.aliases': key '男' given twice "
            "(first on line 3)");
}

TEST(ParseDefinitionTextTest, RefusesTwoAlternativesInOneItem) {
  EXPECT_EQ(ErrorOf("data_element:\n  normalize:\n    - {trim: {}, upper: "
                    "{}}\n"),
            "f.yaml:3: field 'data_element.normalize[0].upper': 'trim' (line "
            "3) and 'upper' are alternatives: give one per item");
}

TEST(ParseDefinitionTextTest, RefusesAliasesAndDeepNesting) {
  EXPECT_THAT(ErrorOf("data_element:\n  id: &x A\n  name_zh: *x\n"),
              HasSubstr("f.yaml:3: field 'data_element.name_zh': aliases "
                        "(*name) are not supported"));
  // Deep nesting is refused long before any stack is at risk.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(ErrorOf(deep),
            "f.yaml:1: a document must be a mapping holding "
            "one of data_element, code_list, record_schema, term, "
            "coding_rule");
  std::string deep_map = "data_element:\n  value_domain: ";
  for (int i = 0; i < 100000; ++i) deep_map += "{a: ";
  EXPECT_THAT(ErrorOf(deep_map),
              HasSubstr("field 'data_element.value_domain.a': unknown field"));
}

TEST(ParseDefinitionTextTest, RefusesControlCharacters) {
  EXPECT_EQ(ErrorOf("data_element:\n  id: A\x04"
                    "B\n"),
            "f.yaml:2:8: bad YAML: control character U+0004 is not allowed "
            "(definition files are UTF-8 text)");
  // Found by fuzzing: yaml-cpp looped forever on this input.
  EXPECT_EQ(ErrorOf(std::string(",ecord_schema:\n\0'id: NAT  -\0\0\0}\n", 32)),
            "f.yaml:2:1: bad YAML: control character U+0000 is not allowed "
            "(definition files are UTF-8 text)");
}

TEST(ParseDefinitionTextTest, AcceptsByteOrderMarkAndCrlf) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      std::vector<LoadedDocument> documents,
      ParseDefinitionText("\xEF\xBB\xBF"
                          "code_list:\r\n  id: A\r\n  name_zh: "
                          "是否\r\n",
                          "bom.yaml"));
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].document.code_list().id(), "A");
  EXPECT_EQ(documents[0].document.code_list().name_zh(), "是否");
}

TEST(ParseDefinitionTextTest, RefusesInvalidUtf8) {
  EXPECT_EQ(ErrorOf("data_element:\n  name_zh: \"a\xff\"\n"),
            "f.yaml:2: field 'data_element.name_zh': not valid UTF-8");
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    char name[] = "/tmp/definition_loader_testXXXXXX";
    const int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    close(fd);
    path_ = name;
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(LoadDefinitionFileTest, ReadsAFileAndNamesItInErrors) {
  TempFile good("code_list: {id: A, entries: [{code: 01}]}\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::vector<LoadedDocument> documents,
                               LoadDefinitionFile(good.path()));
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].location.file, good.path());
  EXPECT_EQ(documents[0].document.code_list().entries(0).code(), "01");

  TempFile bad("code_list: {id: A, entris: []}\n");
  EXPECT_THAT(LoadDefinitionFile(bad.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       absl::StrCat(bad.path(),
                                    ":1: field 'code_list.entris': unknown "
                                    "field (did you mean 'entries'?)")));
}

TEST(LoadDefinitionFileTest, MissingFileIsNotFound) {
  EXPECT_THAT(LoadDefinitionFile("/nonexistent/shuyuan/defs.yaml"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("/nonexistent/shuyuan/defs.yaml")));
}

TEST(LoadBundleFileTest, RejectsGarbage) {
  TempFile garbage("\xff\xff\xff\xff not a protobuf");
  EXPECT_THAT(
      LoadBundleFile(garbage.path()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a bundle")));
}

}  // namespace
}  // namespace shuyuan::codec
