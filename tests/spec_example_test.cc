// The definition-file example of SPEC §2.10 (tests/testdata/spec_example.yaml,
// verbatim) must load through DefinitionSet, compile, and behave as its own
// examples say.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/date_time.h"
#include "codec/definition_set.h"
#include "codec/examples_runner.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan {
namespace {

using ::shuyuan::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kSpecExample[] =
    SHUYUAN_SOURCE_DIR "/tests/testdata/spec_example.yaml";

class SpecExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<codec::DefinitionSet> defs =
        codec::DefinitionSet::Load(kSpecExample);
    ASSERT_TRUE(defs.ok()) << defs.status();
    defs_ = std::make_unique<codec::DefinitionSet>(*std::move(defs));
  }

  std::unique_ptr<codec::DefinitionSet> defs_;
};

TEST_F(SpecExampleTest, LoadsEveryItem) {
  std::vector<std::string> elements;
  for (const v1::DataElement* e : defs_->elements())
    elements.push_back(e->id());
  EXPECT_THAT(elements, ElementsAre("XBDM", "GMSFHM", "CSRQ"));
  ASSERT_EQ(defs_->code_lists().size(), 1u);
  EXPECT_EQ(defs_->code_lists()[0]->id(), "GB_T_2261_1");
  EXPECT_EQ(defs_->code_lists()[0]->entries_size(), 4);
  ASSERT_EQ(defs_->schemas().size(), 1u);
  EXPECT_EQ(defs_->schemas()[0]->id(), "NATURAL_PERSON_BASIC");
  EXPECT_EQ(defs_->size(), 5u);

  // A few fields as the YAML wrote them.
  const v1::DataElement* gmsfhm = defs_->FindElement("GMSFHM");
  ASSERT_NE(gmsfhm, nullptr);
  EXPECT_EQ(gmsfhm->sensitivity(), v1::L3);
  EXPECT_EQ(gmsfhm->value_domain().checksum(), v1::GB11643);
  EXPECT_THAT(gmsfhm->synonyms(), ElementsAre("身份证号", "居民身份证号码"));
  EXPECT_EQ(gmsfhm->normalize_size(), 5);
  EXPECT_EQ(gmsfhm->normalize(3).replace().pairs().at("×"), "X");
  EXPECT_EQ(defs_->FindElement("CSRQ")->value_domain().min_date(),
            "1800-01-01");
  EXPECT_THAT(defs_->FindCodeList("GB_T_2261_1")->entries(1).aliases(),
              ElementsAre("男", "M"));
  const codec::SourceLocation* where = defs_->ElementLocation("XBDM");
  ASSERT_NE(where, nullptr);
  EXPECT_EQ(where->file, kSpecExample);
  EXPECT_GT(where->line, 1);
}

TEST_F(SpecExampleTest, EveryElementExamplePasses) {
  int examples = 0;
  for (const v1::DataElement* element : defs_->elements()) {
    SCOPED_TRACE(element->id());
    auto compiled = codec::CompiledElement::Compile(*element, *defs_);
    ASSERT_TRUE(compiled.ok()) << compiled.status();
    EXPECT_THAT(codec::RunElementExamples(**compiled), IsEmpty());
    EXPECT_THAT(codec::VerifyElementExamples(*element, *defs_), IsOk());
    examples += element->examples_size();
  }
  // 3 + 3 + 2 examples in the SPEC: none may be silently dropped.
  EXPECT_EQ(examples, 8);
}

TEST_F(SpecExampleTest, SchemaCompilesAndItsExamplesPass) {
  const v1::RecordSchema* schema = defs_->FindSchema("NATURAL_PERSON_BASIC");
  ASSERT_NE(schema, nullptr);
  auto compiled = codec::CompiledSchema::Compile(*schema, *defs_);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  EXPECT_THAT(codec::RunSchemaExamples(**compiled), IsEmpty());
  EXPECT_THAT((*compiled)->dependencies(),
              UnorderedElementsAre("GMSFHM", "XBDM", "GB_T_2261_1", "CSRQ"));

  // The SPEC's schema carries no record examples of its own; these state
  // what §2.7 says it does, and must pass through the same runner.
  v1::RecordSchema with_examples = *schema;
  auto add = [&](std::vector<std::pair<std::string, std::string>> record,
                 bool valid, v1::IssueCode issue, const std::string& field) {
    v1::RecordExample* ex = with_examples.add_examples();
    for (auto& [k, v] : record) (*ex->mutable_record())[k] = v;
    ex->set_valid(valid);
    ex->set_issue(issue);
    ex->set_field(field);
    return ex;
  };
  (*add({{"身份证号", "11010519491231002x"}, {"性别", "女"}}, true,
        v1::ISSUE_CODE_UNSPECIFIED, "")
        ->mutable_normalized())["csrq"] = "19491231";
  add({{"sfzh", "11010519491231002X"}, {"csrq", "19500101"}}, false,
      v1::CROSS_FIELD_MISMATCH, "csrq");
  add({{"gmsfhm", "11010519491231002X"}, {"xbdm", "男"}}, false,
      v1::CROSS_FIELD_MISMATCH, "xbdm");
  add({{"xbdm", "1"}}, false, v1::REQUIRED_MISSING, "gmsfhm");
  add({{"gmsfhm", "11010519491231002X"}, {"beizhu", "x"}}, true,
      v1::UNKNOWN_FIELD, "");
  EXPECT_THAT(codec::VerifySchemaExamples(with_examples, *defs_), IsOk());

  // And the runner is not vacuous: a wrong expectation fails.
  with_examples.mutable_examples(1)->set_valid(true);
  auto failing = codec::CompiledSchema::Compile(with_examples, *defs_);
  ASSERT_TRUE(failing.ok());
  const std::vector<std::string> failures = codec::RunSchemaExamples(**failing);
  ASSERT_EQ(failures.size(), 1u) << absl::StrJoin(failures, "\n");
  EXPECT_THAT(failures[0],
              ::testing::HasSubstr("NATURAL_PERSON_BASIC example 2"));
}

}  // namespace
}  // namespace shuyuan
