#include "codec/element_code.h"

#include <memory>
#include <string>
#include <vector>

#include "codec/compiled_element.h"
#include "codec/definition_error.h"
#include "codec/definition_loader.h"
#include "codec/testing/in_memory_resolver.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr DateKey kAsOf = 20240601;

// An element of the SPEC §2.12 rule, another of a built-in checksum, and one
// with no structure.
constexpr char kDefinitions[] = R"yaml(
code_list:
  id: GB_T_2260
  entries: [{code: "330000", name_zh: 浙江省}]
---
coding_rule:
  id: ZJ_CATALOG_CODE
  segments:
    - {name: division_code, length: 6, code_list: GB_T_2260}
    - {name: department, length: 3, charset: "0-9"}
    - {name: category, allowed: ["1", "2", "3"]}
    - {name: opened_on, date: YYYYMMDD, not_future: true}
    - {name: sequence, length: 4, charset: "0-9"}
    - {name: check, check: {algorithm: ISO7064_MOD37_36}}
  parts:
    - {name: sequence_parity, from: sequence, parity: {odd: "1", even: "2"}}
---
data_element:
  id: MLBM
  data_type: STRING
  format: c23
  value_domain: {coding_rule: ZJ_CATALOG_CODE}
  normalize: [{trim: {}}, {upper: {}}]
---
data_element:
  id: MLBM_LENIENT
  data_type: STRING
  format: c23
  value_domain: {coding_rule: ZJ_CATALOG_CODE, checksum_severity: WARNING}
---
data_element:
  id: GMSFHM
  data_type: STRING
  format: c18
  value_domain: {checksum: GB11643}
---
data_element: {id: XM, data_type: STRING, format: "c..50"}
)yaml";

class ElementCodeTest : public ::testing::Test {
 protected:
  void SetUp() override { Load(kDefinitions); }

  void Load(const std::string& yaml) {
    absl::StatusOr<std::vector<LoadedDocument>> documents =
        ParseDefinitionText(yaml, "test.yaml");
    ASSERT_TRUE(documents.ok()) << documents.status();
    for (LoadedDocument& d : *documents) {
      if (d.document.has_coding_rule()) resolver_.Add(d.document.coding_rule());
      if (d.document.has_code_list()) resolver_.Add(d.document.code_list());
      if (d.document.has_data_element()) {
        resolver_.Add(d.document.data_element());
      }
    }
  }

  absl::StatusOr<std::shared_ptr<const CompiledElement>> Compile(
      const std::string& id) {
    absl::StatusOr<const v1::DataElement*> proto = resolver_.ResolveElement(id);
    if (!proto.ok()) return proto.status();
    return CompiledElement::Compile(**proto, resolver_);
  }

  std::shared_ptr<const CompiledElement> Element(const std::string& id) {
    absl::StatusOr<std::shared_ptr<const CompiledElement>> element =
        Compile(id);
    EXPECT_TRUE(element.ok()) << element.status();
    return element.ok() ? *element : nullptr;
  }

  codec_testing::InMemoryResolver resolver_;
};

TEST_F(ElementCodeTest, ElementsValidateThroughTheirRule) {
  auto element = Element("MLBM");
  ASSERT_NE(element, nullptr);
  v1::ValueResult result;
  element->CheckValue(" 3300000011202106080001f ", kAsOf, &result);
  EXPECT_TRUE(result.valid());
  EXPECT_EQ(result.normalized(), "3300000011202106080001F");

  element->CheckValue("3300000011202102300001F", kAsOf, &result);
  EXPECT_FALSE(result.valid());
  ASSERT_EQ(result.issues_size(), 1);
  const v1::Issue& issue = result.issues(0);
  EXPECT_EQ(issue.code(), v1::INVALID_DATE);
  EXPECT_EQ(issue.severity(), v1::ERROR);
  EXPECT_EQ(issue.rule(), "coding_rule ZJ_CATALOG_CODE segment opened_on");
  EXPECT_EQ(issue.element(), "MLBM");
  EXPECT_EQ(issue.message(),
            "ZJ_CATALOG_CODE: segment opened_on ('20210230') is not a real "
            "date (YYYYMMDD)");
  EXPECT_EQ(issue.message_zh(),
            "ZJ_CATALOG_CODE：段“opened_on”的值“20210230”不是有效的日期"
            "（YYYYMMDD）");

  for (const auto& [value, code] :
       std::vector<std::pair<std::string, v1::IssueCode>>{
           {"3300000011202106080001G", v1::CHECKSUM_MISMATCH},
           {"3300000A11202106080001F", v1::CHARSET_VIOLATION},
           {"3300000014202106080001F", v1::CODE_NOT_IN_LIST},
           {"3300000011203001010001F", v1::DATE_OUT_OF_RANGE}}) {
    element->CheckValue(value, kAsOf, &result);
    ASSERT_EQ(result.issues_size(), 1) << value;
    EXPECT_EQ(result.issues(0).code(), code) << value;
  }
  // The element's own format runs first: 22 characters fail c23.
  element->CheckValue("330000001120210608001F", kAsOf, &result);
  ASSERT_EQ(result.issues_size(), 1);
  EXPECT_EQ(result.issues(0).code(), v1::LENGTH_OUT_OF_RANGE);
  EXPECT_EQ(result.issues(0).rule(), "format");
}

TEST_F(ElementCodeTest, ChecksumSeverityGovernsCheckCharactersOnly) {
  auto element = Element("MLBM_LENIENT");
  ASSERT_NE(element, nullptr);
  v1::ValueResult result;
  element->CheckValue("3300000011202106080001G", kAsOf, &result);
  EXPECT_TRUE(result.valid());
  ASSERT_EQ(result.issues_size(), 1);
  EXPECT_EQ(result.issues(0).severity(), v1::WARNING);
  element->CheckValue("3300000011202102300001F", kAsOf, &result);
  EXPECT_FALSE(result.valid());
}

TEST_F(ElementCodeTest, CompileErrorsAreSited) {
  Load(R"yaml(
data_element:
  id: BOTH
  data_type: STRING
  format: c23
  value_domain: {coding_rule: ZJ_CATALOG_CODE, checksum: LUHN}
---
data_element:
  id: NOWHERE
  data_type: STRING
  format: c23
  value_domain: {coding_rule: NO_SUCH_RULE}
---
coding_rule:
  id: BROKEN
  segments: [{name: a, length: 2, charset: "9-0"}]
---
data_element:
  id: USES_BROKEN
  data_type: STRING
  format: c2
  value_domain: {coding_rule: BROKEN}
)yaml");
  auto site = [&](const std::string& id) {
    absl::StatusOr<std::shared_ptr<const CompiledElement>> e = Compile(id);
    EXPECT_FALSE(e.ok()) << id;
    const std::optional<ErrorSite> s = ErrorSiteOf(e.status());
    return s.has_value() ? s->Path() + " " + s->id : std::string("none");
  };
  EXPECT_EQ(site("BOTH"), "data_element.value_domain.coding_rule BOTH");
  EXPECT_EQ(site("NOWHERE"), "data_element.value_domain.coding_rule NOWHERE");
  EXPECT_THAT(Compile("NOWHERE"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("NO_SUCH_RULE")));
  // The rule's own mistake is told in the rule.
  EXPECT_EQ(site("USES_BROKEN"), "coding_rule.segments[0].charset BROKEN");
}

TEST_F(ElementCodeTest, OneCallDecodesAndEncodesRulesAndBuiltIns) {
  auto rule_element = Element("MLBM");
  auto builtin = Element("GMSFHM");
  auto plain = Element("XM");
  ASSERT_NE(rule_element, nullptr);
  ASSERT_NE(builtin, nullptr);
  ASSERT_NE(plain, nullptr);
  EXPECT_TRUE(IsStructuredCode(*rule_element));
  EXPECT_TRUE(IsStructuredCode(*builtin));
  EXPECT_FALSE(IsStructuredCode(*plain));
  EXPECT_THAT(CodePartNames(*builtin), ElementsAre("address_code", "birth_date",
                                                   "sequence", "sex", "check"));
  EXPECT_EQ(CodePartNames(*rule_element).size(), 7u);

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      DecodedCode decoded,
      DecodeStructuredCode(*rule_element, "3300000011202106080002F", kAsOf));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_THAT(decoded.message, HasSubstr("segment check"));
  EXPECT_EQ(decoded.parts.back().name, "sequence_parity");
  EXPECT_EQ(decoded.parts.back().value, "2");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      decoded, DecodeStructuredCode(*builtin, "110105194912310021", kAsOf));
  EXPECT_EQ(decoded.outcome.code, v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(decoded.message,
            "GB11643: the check character (position 18) does not match GB "
            "11643");

  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      std::string code,
      EncodeStructuredCode(*rule_element, "3300000011202106080001"));
  EXPECT_EQ(code, "3300000011202106080001F");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      std::string id, EncodeStructuredCode(*builtin, "11010519491231002"));
  EXPECT_EQ(id, "11010519491231002X");
  EXPECT_EQ(CodePartOf(*builtin, id, "sex"), "2");
  EXPECT_EQ(CodePartOf(*rule_element, "3300000011202106080001F", "category"),
            "1");
  EXPECT_THAT(DecodeStructuredCode(*plain, "张三", kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a structured code")));
  EXPECT_THAT(EncodeStructuredCode(*plain, "张三"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a structured code")));
}

}  // namespace
}  // namespace shuyuan::codec
