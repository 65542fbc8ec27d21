#include "codec/examples_runner.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/testing/in_memory_resolver.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

using TestResolver = codec_testing::InMemoryResolver;
using codec_testing::ParseTextProto;

constexpr char kSexCodes[] = R"pb(
  id: "GB_T_2261_1"
  entries { code: "1" name_zh: "男性" aliases: "男" }
  entries { code: "2" name_zh: "女性" aliases: "女" }
)pb";

// SPEC §2.10's XBDM with its examples.
constexpr char kXbdm[] = R"pb(
  id: "XBDM"
  data_type: STRING
  format: "n1"
  value_domain { code_list: "GB_T_2261_1" }
  normalize { trim {} }
  normalize { map {} }
  examples { value: "1" valid: true }
  examples { value: "男" valid: true normalized: "1" }
  examples { value: "3" valid: false issue: CODE_NOT_IN_LIST }
)pb";

constexpr char kGmsfhm[] = R"pb(
  id: "GMSFHM"
  data_type: STRING
  format: "c18"
  sensitivity: L3
  value_domain { checksum: GB11643 }
  normalize { trim {} }
  normalize { upper {} }
)pb";

class ExamplesRunnerTest : public ::testing::Test {
 protected:
  ExamplesRunnerTest() {
    resolver_.Add(ParseTextProto<v1::CodeList>(kSexCodes));
    resolver_.Add(ParseTextProto<v1::DataElement>(kXbdm));
    resolver_.Add(ParseTextProto<v1::DataElement>(kGmsfhm));
  }

  std::vector<std::string> RunElement(const v1::DataElement& element) {
    absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
        CompiledElement::Compile(element, resolver_);
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    if (!compiled.ok()) return {"<compile error>"};
    return RunElementExamples(**compiled);
  }

  std::vector<std::string> RunSchema(const v1::RecordSchema& schema) {
    absl::StatusOr<std::shared_ptr<const CompiledSchema>> compiled =
        CompiledSchema::Compile(schema, resolver_);
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    if (!compiled.ok()) return {"<compile error>"};
    return RunSchemaExamples(**compiled);
  }

  TestResolver resolver_;
};

TEST_F(ExamplesRunnerTest, PassingElementExamples) {
  EXPECT_THAT(RunElement(ParseTextProto<v1::DataElement>(kXbdm)), IsEmpty());
  EXPECT_THAT(
      VerifyElementExamples(ParseTextProto<v1::DataElement>(kXbdm), resolver_),
      IsOk());
}

TEST_F(ExamplesRunnerTest, WrongValidityNamesItemAndExample) {
  v1::DataElement element = ParseTextProto<v1::DataElement>(kXbdm);
  element.mutable_examples(2)->set_valid(true);  // "3" is not a code
  const std::vector<std::string> failures = RunElement(element);
  ASSERT_THAT(failures, SizeIs(1));
  EXPECT_THAT(failures[0], AllOf(HasSubstr("XBDM example 3"), HasSubstr("'3'"),
                                 HasSubstr("expected valid"),
                                 HasSubstr("CODE_NOT_IN_LIST")));
  EXPECT_THAT(failures[0], Not(HasSubstr("\n")));
  EXPECT_THAT(VerifyElementExamples(element, resolver_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("XBDM example 3")));
}

TEST_F(ExamplesRunnerTest, WrongNormalizedValue) {
  v1::DataElement element = ParseTextProto<v1::DataElement>(kXbdm);
  element.mutable_examples(1)->set_normalized("2");
  EXPECT_THAT(RunElement(element),
              ElementsAre(AllOf(HasSubstr("XBDM example 2"),
                                HasSubstr("expected normalized '2'"),
                                HasSubstr("got '1'"))));
}

TEST_F(ExamplesRunnerTest, MissingExpectedIssue) {
  v1::DataElement element = ParseTextProto<v1::DataElement>(kXbdm);
  element.mutable_examples(2)->set_issue(v1::CODE_NOT_EFFECTIVE);
  EXPECT_THAT(RunElement(element),
              ElementsAre(AllOf(HasSubstr("XBDM example 3"),
                                HasSubstr("expected issue CODE_NOT_EFFECTIVE"),
                                HasSubstr("CODE_NOT_IN_LIST"))));
}

TEST_F(ExamplesRunnerTest, SeveralFailuresOneLineEach) {
  v1::DataElement element = ParseTextProto<v1::DataElement>(kXbdm);
  element.mutable_examples(0)->set_valid(false);
  element.mutable_examples(2)->set_valid(true);
  const std::vector<std::string> failures = RunElement(element);
  ASSERT_THAT(failures, SizeIs(2));
  EXPECT_THAT(failures[0], HasSubstr("XBDM example 1"));
  EXPECT_THAT(failures[1], HasSubstr("XBDM example 3"));
  const absl::Status status = VerifyElementExamples(element, resolver_);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               AllOf(HasSubstr("example 1"), HasSubstr("\n"),
                                     HasSubstr("example 3"))));
}

TEST_F(ExamplesRunnerTest, ExampleAsOfSelectsTheReferenceDate) {
  resolver_.Add(ParseTextProto<v1::CodeList>(R"pb(
    id: "DIVISIONS"
    entries {
      code: "330103"
      name_zh: "下城区"
      valid_from: "1983-01-01"
      valid_to: "2020-12-31"
    }
  )pb"));
  v1::DataElement element = ParseTextProto<v1::DataElement>(R"pb(
    id: "XZQHDM"
    data_type: STRING
    format: "n6"
    value_domain { code_list: "DIVISIONS" }
    examples { value: "330103" valid: true as_of: "2019-06-01" }
    examples {
      value: "330103"
      valid: false
      as_of: "2022-06-01"
      issue: CODE_NOT_EFFECTIVE
    }
  )pb");
  EXPECT_THAT(RunElement(element), IsEmpty());
  element.mutable_examples(0)->set_as_of("2019/06/01");
  EXPECT_THAT(RunElement(element),
              ElementsAre(AllOf(HasSubstr("XZQHDM example 1"),
                                HasSubstr("2019/06/01"))));
}

TEST_F(ExamplesRunnerTest, VerifyReportsCompileErrors) {
  v1::DataElement element = ParseTextProto<v1::DataElement>(kXbdm);
  element.set_format("n..");
  EXPECT_THAT(VerifyElementExamples(element, resolver_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("data element XBDM")));
}

constexpr char kSchema[] = R"pb(
  id: "P"
  fields { name: "gmsfhm" element: "GMSFHM" required: true aliases: "sfzh" }
  fields { name: "xbdm" element: "XBDM" }
  rules { id_sex { id: "gmsfhm" sex: "xbdm" } }
  examples {
    record { key: "sfzh" value: "11010519491231002x" }
    record { key: "xbdm" value: "女" }
    valid: true
    normalized { key: "gmsfhm" value: "11010519491231002X" }
    normalized { key: "xbdm" value: "2" }
  }
  examples {
    record { key: "gmsfhm" value: "11010519491231002X" }
    record { key: "xbdm" value: "1" }
    valid: false
    issue: CROSS_FIELD_MISMATCH
    field: "xbdm"
  }
  examples {
    record { key: "xbdm" value: "1" }
    valid: false
    issue: REQUIRED_MISSING
    field: "gmsfhm"
  }
)pb";

TEST_F(ExamplesRunnerTest, PassingSchemaExamples) {
  EXPECT_THAT(RunSchema(ParseTextProto<v1::RecordSchema>(kSchema)), IsEmpty());
  EXPECT_THAT(VerifySchemaExamples(ParseTextProto<v1::RecordSchema>(kSchema),
                                   resolver_),
              IsOk());
}

TEST_F(ExamplesRunnerTest, FailingSchemaExamples) {
  v1::RecordSchema schema = ParseTextProto<v1::RecordSchema>(kSchema);
  (*schema.mutable_examples(0)->mutable_normalized())["xbdm"] = "1";
  schema.mutable_examples(1)->set_field("gmsfhm");  // wrong field
  const std::vector<std::string> failures = RunSchema(schema);
  ASSERT_THAT(failures, SizeIs(2));
  EXPECT_THAT(failures[0],
              AllOf(HasSubstr("P example 1"), HasSubstr("expected xbdm = '1'"),
                    HasSubstr("got '2'")));
  EXPECT_THAT(failures[1], AllOf(HasSubstr("P example 2"),
                                 HasSubstr("CROSS_FIELD_MISMATCH on gmsfhm")));
  EXPECT_THAT(
      VerifySchemaExamples(schema, resolver_),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("P example 2")));
}

TEST_F(ExamplesRunnerTest, SchemaExampleNamingUnknownField) {
  v1::RecordSchema schema = ParseTextProto<v1::RecordSchema>(kSchema);
  (*schema.mutable_examples(0)->mutable_normalized())["nosuch"] = "x";
  EXPECT_THAT(RunSchema(schema), ElementsAre(AllOf(HasSubstr("P example 1"),
                                                   HasSubstr("'nosuch'"))));
}

}  // namespace
}  // namespace shuyuan::codec
