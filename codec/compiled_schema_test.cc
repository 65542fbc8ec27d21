#include "codec/compiled_schema.h"

#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "codec/checksum.h"
#include "codec/date_time.h"
#include "codec/definition_loader.h"
#include "codec/issue.h"
#include "codec/structured_code.h"
#include "codec/testing/in_memory_resolver.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

using Columns = std::vector<std::pair<std::string, std::string>>;

using TestResolver = codec_testing::InMemoryResolver;
using codec_testing::ParseTextProto;

// The SPEC §2.10 definitions, plus what the legal-person fixture needs.
void AddDefinitions(TestResolver* resolver) {
  resolver->AddCodeList(R"pb(
    id: "GB_T_2261_1"
    entries { code: "0" name_zh: "未知的性别" }
    entries { code: "1" name_zh: "男性" aliases: "男" aliases: "M" }
    entries { code: "2" name_zh: "女性" aliases: "女" aliases: "F" }
    entries { code: "9" name_zh: "未说明的性别" }
  )pb");
  resolver->AddElement(R"pb(
    id: "XBDM"
    data_type: STRING
    format: "n1"
    value_domain { code_list: "GB_T_2261_1" }
    normalize { trim {} }
    normalize { map {} }
  )pb");
  resolver->AddElement(R"pb(
    id: "GMSFHM"
    data_type: STRING
    format: "c18"
    sensitivity: L3
    value_domain { checksum: GB11643 }
    normalize { width {} }
    normalize { trim {} }
    normalize { upper {} }
    normalize { replace { pairs { key: "×" value: "X" } } }
    normalize { id15to18 {} }
  )pb");
  constexpr char kDateInputs[] = R"pb(
    normalize { width {} }
    normalize { trim {} }
    normalize {
      date {
        inputs: "YYYY年M月D日"
        inputs: "YYYY-M-D"
        inputs: "YYYY/M/D"
        inputs: "YYYY.M.D"
        inputs: "YYYYMMDD"
      }
    }
  )pb";
  resolver->AddElement(absl::StrCat(R"pb(
                                      id: "CSRQ"
                                      data_type: DATE
                                      format: "YYYYMMDD"
                                      value_domain { min_date: "1800-01-01" }
                                    )pb",
                                    kDateInputs));
  resolver->AddElement(absl::StrCat(R"pb(
                                      id: "CSRQ_ISO"
                                      data_type: DATE
                                      format: "YYYY-MM-DD"
                                    )pb",
                                    kDateInputs));
  // Legal persons.
  resolver->AddCodeList(R"pb(
    id: "DIVISIONS"
    entries { code: "110000" name_zh: "北京市" }
    entries { code: "330106" name_zh: "西湖区" }
    entries {
      code: "330103"
      name_zh: "下城区"
      valid_from: "1983-01-01"
      valid_to: "2020-12-31"
    }
  )pb");
  resolver->AddElement(R"pb(
    id: "TYSHXYDM"
    data_type: STRING
    format: "c18"
    value_domain { checksum: GB32100 }
    normalize { trim {} }
    normalize { upper {} }
  )pb");
  resolver->AddElement(R"pb(
    id: "ZZJGDM"
    data_type: STRING
    format: "c9..10"
    value_domain { checksum: GB11714 }
    normalize { trim {} }
    normalize { upper {} }
  )pb");
  resolver->AddElement(R"pb(
    id: "XZQHDM"
    data_type: STRING
    format: "n6"
    value_domain { code_list: "DIVISIONS" }
    normalize { trim {} }
    normalize { map {} }
  )pb");
  resolver->AddElement(absl::StrCat(R"pb(
                                      id: "RQ"
                                      data_type: DATE
                                      format: "YYYYMMDD"
                                    )pb",
                                    kDateInputs));
  resolver->AddElement(R"pb(
    id: "ZXYY"
    data_type: STRING
    format: "c..100"
    normalize { trim {} }
  )pb");
  resolver->AddElement(R"pb(
    id: "DJZT"
    data_type: STRING
    format: "n1"
    value_domain { allowed_values: "1" allowed_values: "2" }
  )pb");
}

constexpr char kNaturalPerson[] = R"pb(
  id: "NATURAL_PERSON_BASIC"
  fields {
    name: "gmsfhm"
    element: "GMSFHM"
    required: true
    aliases: "身份证号"
    aliases: "sfzh"
  }
  fields { name: "xbdm" element: "XBDM" aliases: "性别" }
  fields {
    name: "csrq"
    element: "CSRQ"
    derive { from: "gmsfhm" part: "birth_date" }
  }
  rules { id_birth_date { id: "gmsfhm" date: "csrq" } }
  rules { id_sex { id: "gmsfhm" sex: "xbdm" } }
)pb";

constexpr char kLegalPerson[] = R"pb(
  id: "LEGAL_PERSON_BASIC"
  fields {
    name: "tyshxydm"
    element: "TYSHXYDM"
    required: true
    aliases: "统一社会信用代码"
  }
  fields { name: "zzjgdm" element: "ZZJGDM" }
  fields { name: "xzqh" element: "XZQHDM" }
  fields {
    name: "zcdqh"
    element: "XZQHDM"
    derive { from: "tyshxydm" part: "division_code" }
  }
  fields { name: "clrq" element: "RQ" required: true }
  fields { name: "zxrq" element: "RQ" }
  fields { name: "zxyy" element: "ZXYY" }
  fields { name: "djzt" element: "DJZT" default: "1" }
  rules { uscc_org_code { uscc: "tyshxydm" org_code: "zzjgdm" } }
  rules { uscc_division { uscc: "tyshxydm" division: "xzqh" } }
  rules { date_order { a: "clrq" b: "zxrq" } }
  rules { required_if { field: "zxyy" other: "zxrq" } }
)pb";

constexpr char kId[] = "11010519491231002X";  // born 1949-12-31, female
const DateKey kToday = MakeDateKey(2024, 6, 1);

class CompiledSchemaTest : public ::testing::Test {
 protected:
  CompiledSchemaTest() { AddDefinitions(&resolver_); }

  std::shared_ptr<const CompiledSchema> Compile(const std::string& text) {
    absl::StatusOr<std::shared_ptr<const CompiledSchema>> compiled =
        CompiledSchema::Compile(ParseTextProto<v1::RecordSchema>(text),
                                resolver_);
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    return compiled.ok() ? *compiled : nullptr;
  }

  absl::Status CompileError(const std::string& text) {
    return CompiledSchema::Compile(ParseTextProto<v1::RecordSchema>(text),
                                   resolver_)
        .status();
  }

  static ValidateOptions Options(DateKey as_of = kToday) {
    ValidateOptions options;
    options.as_of = as_of;
    return options;
  }

  // Validates named columns and returns the API form.
  v1::RecordResult ValidateNamed(const CompiledSchema& schema,
                                 const Columns& columns,
                                 ValidateOptions options = Options()) {
    // The result views its input: keep the columns alive with it.
    columns_ = columns;
    schema.ValidateNamed(columns_, options, &result_);
    v1::RecordResult proto;
    schema.ToProto(result_, &proto);
    return proto;
  }

  // "field:CODE" for every issue.
  static std::vector<std::string> Issues(const v1::RecordResult& result) {
    std::vector<std::string> out;
    for (const v1::Issue& issue : result.issues()) {
      out.push_back(
          absl::StrCat(issue.field(), ":", IssueCodeName(issue.code())));
    }
    return out;
  }

  static std::string Value(const v1::RecordResult& result,
                           absl::string_view name) {
    for (const v1::FieldValue& value : result.values()) {
      if (value.name() == name) return value.value();
    }
    return "<no such field>";
  }

  static std::vector<std::pair<std::string, std::string>> Steps(
      const v1::RecordResult& result) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const v1::Normalization& n : result.normalizations()) {
      out.emplace_back(n.field(), n.step());
    }
    return out;
  }

  TestResolver resolver_;
  Columns columns_;
  RecordResult result_;
};

TEST_F(CompiledSchemaTest, DerivesBirthDateWhenMissing) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->field_count(), 3u);
  v1::RecordResult result = ValidateNamed(*schema, {{"gmsfhm", kId}});
  EXPECT_EQ(result.verdict(), v1::VALID) << result.DebugString();
  EXPECT_THAT(result.issues(), IsEmpty());
  EXPECT_EQ(Value(result, "gmsfhm"), kId);
  EXPECT_EQ(Value(result, "xbdm"), "");
  EXPECT_EQ(Value(result, "csrq"), "19491231");
  EXPECT_THAT(Steps(result), ElementsAre(Pair("csrq", "derive")));
  EXPECT_TRUE(result_.derived(2));
  EXPECT_FALSE(result_.derived(0));
  EXPECT_EQ(result_.value(2), "19491231");
}

TEST_F(CompiledSchemaTest, DerivedDateIsWrittenInTheElementsOwnFormat) {
  auto schema = Compile(R"pb(
    id: "P"
    fields { name: "gmsfhm" element: "GMSFHM" required: true }
    fields {
      name: "csrq"
      element: "CSRQ_ISO"
      derive { from: "gmsfhm" part: "birth_date" }
    }
    rules { id_birth_date { id: "gmsfhm" date: "csrq" } }
  )pb");
  ASSERT_NE(schema, nullptr);
  v1::RecordResult derived = ValidateNamed(*schema, {{"gmsfhm", kId}});
  EXPECT_EQ(derived.verdict(), v1::VALID) << derived.DebugString();
  EXPECT_EQ(Value(derived, "csrq"), "1949-12-31");
  // A present value in any accepted input form is compared as a date.
  v1::RecordResult present =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"csrq", "1949年12月31日"}});
  EXPECT_EQ(present.verdict(), v1::VALID) << present.DebugString();
  EXPECT_EQ(Value(present, "csrq"), "1949-12-31");
  v1::RecordResult wrong =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"csrq", "1950-01-01"}});
  EXPECT_EQ(wrong.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(wrong), ElementsAre("csrq:CROSS_FIELD_MISMATCH"));
}

TEST_F(CompiledSchemaTest, PresentBirthDateMustAgreeWithTheId) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  v1::RecordResult same =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"csrq", "1949/12/31"}});
  EXPECT_EQ(same.verdict(), v1::VALID) << same.DebugString();
  EXPECT_EQ(Value(same, "csrq"), "19491231");
  EXPECT_THAT(Steps(same), ElementsAre(Pair("csrq", "date")));

  v1::RecordResult differs =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"csrq", "19500101"}});
  EXPECT_EQ(differs.verdict(), v1::INVALID);
  // Reported once, on the date field, keeping the value as given.
  EXPECT_THAT(Issues(differs), ElementsAre("csrq:CROSS_FIELD_MISMATCH"));
  EXPECT_EQ(Value(differs, "csrq"), "19500101");
  EXPECT_EQ(differs.issues(0).element(), "CSRQ");
  EXPECT_EQ(differs.issues(0).original_value(), "19500101");
}

TEST_F(CompiledSchemaTest, IdSexRule) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  v1::RecordResult female =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"xbdm", "女"}});
  EXPECT_EQ(female.verdict(), v1::VALID) << female.DebugString();
  EXPECT_EQ(Value(female, "xbdm"), "2");

  v1::RecordResult male =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"xbdm", "1"}});
  EXPECT_EQ(male.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(male), ElementsAre("xbdm:CROSS_FIELD_MISMATCH"));
  EXPECT_EQ(male.issues(0).rule(), "id_sex(gmsfhm, xbdm)");
  EXPECT_FALSE(male.issues(0).message_zh().empty());

  // A sex code outside the list is the field's own error; the rule stays
  // silent about it.
  v1::RecordResult unknown =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"xbdm", "3"}});
  EXPECT_THAT(Issues(unknown), ElementsAre("xbdm:CODE_NOT_IN_LIST"));
}

TEST_F(CompiledSchemaTest, RequiredMissing) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  v1::RecordResult missing = ValidateNamed(*schema, {{"xbdm", "1"}});
  EXPECT_EQ(missing.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(missing), ElementsAre("gmsfhm:REQUIRED_MISSING"));
  EXPECT_EQ(Value(missing, "csrq"), "");

  v1::RecordResult blank = ValidateNamed(*schema, {{"gmsfhm", "   "}});
  EXPECT_THAT(Issues(blank), ElementsAre("gmsfhm:REQUIRED_MISSING"));
}

TEST_F(CompiledSchemaTest, ColumnAliases) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->FindField("gmsfhm"), 0);
  EXPECT_EQ(schema->FindField("身份证号"), 0);
  EXPECT_EQ(schema->FindField("sfzh"), 0);
  EXPECT_EQ(schema->FindField("SFZH"), 0);
  EXPECT_EQ(schema->FindField("性别"), 1);
  EXPECT_EQ(schema->FindField("CSRQ"), 2);
  EXPECT_EQ(schema->FindField("出生日期"), -1);

  v1::RecordResult zh = ValidateNamed(
      *schema, {{"身份证号", "11010519491231002x"}, {"性别", "女"}});
  EXPECT_EQ(zh.verdict(), v1::VALID) << zh.DebugString();
  EXPECT_EQ(Value(zh, "gmsfhm"), kId);
  EXPECT_EQ(Value(zh, "xbdm"), "2");
  EXPECT_EQ(Value(zh, "csrq"), "19491231");

  v1::RecordResult pinyin = ValidateNamed(*schema, {{"sfzh", kId}});
  EXPECT_EQ(pinyin.verdict(), v1::VALID);
  EXPECT_EQ(Value(pinyin, "gmsfhm"), kId);

  // Two columns for one field must agree.
  v1::RecordResult agree =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"sfzh", kId}});
  EXPECT_EQ(agree.verdict(), v1::VALID);
  v1::RecordResult disagree =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"sfzh", "440524188001010014"}});
  EXPECT_EQ(disagree.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(disagree), Contains("gmsfhm:AMBIGUOUS_VALUE"));
}

TEST_F(CompiledSchemaTest, UnknownColumnIsAWarning) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  v1::RecordResult result =
      ValidateNamed(*schema, {{"gmsfhm", kId}, {"beizhu", "x"}});
  EXPECT_EQ(result.verdict(), v1::VALID_WITH_WARNINGS);
  ASSERT_EQ(result.issues_size(), 1);
  EXPECT_EQ(result.issues(0).code(), v1::UNKNOWN_FIELD);
  EXPECT_EQ(result.issues(0).severity(), v1::WARNING);
  EXPECT_EQ(result.issues(0).field(), "beizhu");
  EXPECT_THAT(result.issues(0).message(), HasSubstr("NATURAL_PERSON_BASIC"));
  EXPECT_TRUE(result_.ok());

  // With an error as well the verdict is INVALID.
  v1::RecordResult both = ValidateNamed(
      *schema, {{"gmsfhm", "110105194912310021"}, {"beizhu", "x"}});
  EXPECT_EQ(both.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(both), UnorderedElementsAre("gmsfhm:CHECKSUM_MISMATCH",
                                                 "beizhu:UNKNOWN_FIELD"));
}

TEST_F(CompiledSchemaTest, NormalizationProvenance) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  v1::RecordResult result = ValidateNamed(
      *schema, {{"gmsfhm", " 11010519491231002x"}, {"xbdm", "女性"}});
  EXPECT_EQ(result.verdict(), v1::VALID) << result.DebugString();
  EXPECT_THAT(Steps(result),
              ElementsAre(Pair("gmsfhm", "trim"), Pair("gmsfhm", "upper"),
                          Pair("xbdm", "map"), Pair("csrq", "derive")));
  EXPECT_EQ(result_.original(0), " 11010519491231002x");
  EXPECT_EQ(result_.value(0), kId);
  EXPECT_EQ(result_.changed_steps(0), (1u << 1) | (1u << 2));
  EXPECT_EQ(result_.changed_steps(1), 1u << 1);
}

TEST_F(CompiledSchemaTest, SensitiveValuesAreMaskedInIssues) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  v1::RecordResult result = ValidateNamed(
      *schema, {{"gmsfhm", "110105194912310021"}, {"csrq", "2021-02-30"}});
  EXPECT_EQ(result.verdict(), v1::INVALID);
  ASSERT_EQ(result.issues_size(), 2) << result.DebugString();
  const v1::Issue& id = result.issues(0);
  EXPECT_EQ(id.field(), "gmsfhm");
  EXPECT_EQ(id.code(), v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(id.element(), "GMSFHM");
  EXPECT_EQ(id.original_value(), "110*************21");
  EXPECT_EQ(id.normalized_value(), "110*************21");
  // Not sensitive: shown as given.
  const v1::Issue& date = result.issues(1);
  EXPECT_EQ(date.field(), "csrq");
  EXPECT_EQ(date.original_value(), "2021-02-30");
  EXPECT_EQ(date.code(), v1::INVALID_DATE);
  // The invalid ID derives nothing.
  EXPECT_THAT(Steps(result), ElementsAre(Pair("csrq", "date")));
}

TEST_F(CompiledSchemaTest, RuleMessagesMaskSensitiveValues) {
  resolver_.AddElement(
      R"pb(
        id: "RQ_L3" data_type: DATE format: "YYYYMMDD" sensitivity: L3
      )pb");
  auto schema = Compile(R"pb(
    id: "S"
    fields { name: "a" element: "RQ_L3" }
    fields { name: "b" element: "RQ_L3" }
    rules { date_order { a: "a" b: "b" } }
  )pb");
  ASSERT_NE(schema, nullptr);
  v1::RecordResult result =
      ValidateNamed(*schema, {{"a", "20200102"}, {"b", "20200101"}});
  ASSERT_THAT(Issues(result), ElementsAre("b:CROSS_FIELD_MISMATCH"));
  for (const std::string& text :
       {result.issues(0).message(), result.issues(0).message_zh()}) {
    EXPECT_THAT(text, AllOf(::testing::Not(HasSubstr("20200102")),
                            ::testing::Not(HasSubstr("20200101")),
                            HasSubstr("202***02"), HasSubstr("202***01")));
  }
  EXPECT_EQ(result.issues(0).original_value(), "202***01");
}

TEST_F(CompiledSchemaTest, PositionalValidateAndResultReuse) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  RecordResult result;
  const std::vector<absl::string_view> bad = {"110105194912310021", "9",
                                              "20000101"};
  schema->Validate(bad, Options(), &result);
  EXPECT_EQ(result.verdict(), v1::INVALID);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.issues().size(), 1u);
  EXPECT_EQ(result.issues()[0].code, v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(result.issues()[0].field, 0);

  // Shorter than the schema: missing trailing fields are empty.
  const std::vector<absl::string_view> good = {kId};
  schema->Validate(good, Options(), &result);
  EXPECT_EQ(result.verdict(), v1::VALID);
  EXPECT_THAT(result.issues(), IsEmpty());
  EXPECT_EQ(result.field_count(), 3u);
  EXPECT_EQ(result.value(1), "");
  EXPECT_EQ(result.value(2), "19491231");
  EXPECT_TRUE(result.derived(2));
}

TEST_F(CompiledSchemaTest, DependenciesListElementsAndCodeLists) {
  auto schema = Compile(kNaturalPerson);
  ASSERT_NE(schema, nullptr);
  EXPECT_THAT(schema->dependencies(),
              UnorderedElementsAre("GMSFHM", "XBDM", "GB_T_2261_1", "CSRQ"));
  EXPECT_EQ(schema->ref(), "NATURAL_PERSON_BASIC");
}

TEST_F(CompiledSchemaTest, RequiredDerivedFieldWithoutAValidSource) {
  auto schema = Compile(R"pb(
    id: "P"
    fields { name: "gmsfhm" element: "GMSFHM" }
    fields {
      name: "csrq"
      element: "CSRQ"
      required: true
      derive { from: "gmsfhm" part: "birth_date" }
    }
  )pb");
  ASSERT_NE(schema, nullptr);
  EXPECT_THAT(
      Issues(ValidateNamed(*schema, {{"gmsfhm", "110105194912310021"}})),
      ElementsAre("gmsfhm:CHECKSUM_MISMATCH", "csrq:REQUIRED_MISSING"));
  EXPECT_THAT(Issues(ValidateNamed(*schema, {})),
              ElementsAre("csrq:REQUIRED_MISSING"));
  EXPECT_EQ(ValidateNamed(*schema, {{"csrq", "19491231"}}).verdict(),
            v1::VALID);
}

TEST_F(CompiledSchemaTest, SupersededElementWarns) {
  resolver_.AddElement(R"pb(
    id: "XBDM_OLD"
    data_type: STRING
    format: "n1"
    version_info { version: 2 registration_status: SUPERSEDED }
  )pb");
  auto schema = Compile(R"pb(
    id: "P"
    fields { name: "xb" element: "XBDM_OLD@2" }
  )pb");
  ASSERT_NE(schema, nullptr);
  v1::RecordResult result = ValidateNamed(*schema, {{"xb", "1"}});
  EXPECT_EQ(result.verdict(), v1::VALID_WITH_WARNINGS);
  ASSERT_EQ(result.issues_size(), 1);
  EXPECT_EQ(result.issues(0).code(), v1::SUPERSEDED_DEFINITION);
  EXPECT_EQ(result.issues(0).severity(), v1::WARNING);
  EXPECT_EQ(result.issues(0).element(), "XBDM_OLD@2");
  // Nothing to warn about when the field is empty.
  EXPECT_EQ(ValidateNamed(*schema, {}).verdict(), v1::VALID);
}

// ---------------------------------------------------------------------------
// A legal-person record: USCC rules, dates, defaults, reference dates.

class LegalPersonTest : public CompiledSchemaTest {
 protected:
  void SetUp() override {
    schema_ = Compile(kLegalPerson);
    ASSERT_NE(schema_, nullptr);
  }

  // A USCC "9 1 <division> <org code>" with its check character.
  static std::string Uscc(absl::string_view division,
                          absl::string_view org_code) {
    absl::StatusOr<std::string> code = EncodeStructuredCode(
        v1::GB32100, absl::StrCat("91", division, org_code));
    EXPECT_TRUE(code.ok()) << code.status();
    return code.ok() ? *code : "";
  }

  std::shared_ptr<const CompiledSchema> schema_;
};

constexpr char kBeijingUscc[] = "91110000600037341L";

TEST_F(LegalPersonTest, CleanRecordWithDefaultsAndDerivation) {
  v1::RecordResult result =
      ValidateNamed(*schema_, {{"统一社会信用代码", kBeijingUscc},
                               {"zzjgdm", "60003734-1"},
                               {"xzqh", "北京市"},
                               {"clrq", "1990-1-2"}});
  EXPECT_EQ(result.verdict(), v1::VALID) << result.DebugString();
  EXPECT_EQ(Value(result, "tyshxydm"), kBeijingUscc);
  EXPECT_EQ(Value(result, "xzqh"), "110000");
  EXPECT_EQ(Value(result, "zcdqh"), "110000");
  EXPECT_EQ(Value(result, "clrq"), "19900102");
  EXPECT_EQ(Value(result, "djzt"), "1");
  EXPECT_TRUE(result_.defaulted(7));
  EXPECT_EQ(result_.original(7), "");
  EXPECT_THAT(Steps(result), Contains(Pair("djzt", "default")));
  EXPECT_THAT(Steps(result), Contains(Pair("zcdqh", "derive")));
  EXPECT_THAT(Steps(result), Contains(Pair("xzqh", "map")));

  // A given value wins over the default and is still checked.
  v1::RecordResult given = ValidateNamed(
      *schema_,
      {{"tyshxydm", kBeijingUscc}, {"clrq", "19900102"}, {"djzt", "3"}});
  EXPECT_THAT(Issues(given), ElementsAre("djzt:CODE_NOT_IN_LIST"));
  EXPECT_FALSE(result_.defaulted(7));
}

TEST_F(LegalPersonTest, UsccOrgCode) {
  v1::RecordResult plain = ValidateNamed(*schema_, {{"tyshxydm", kBeijingUscc},
                                                    {"zzjgdm", "600037341"},
                                                    {"clrq", "19900102"}});
  EXPECT_EQ(plain.verdict(), v1::VALID) << plain.DebugString();

  // 12345678-8 is a valid organisation code, but not this company's.
  v1::RecordResult other = ValidateNamed(*schema_, {{"tyshxydm", kBeijingUscc},
                                                    {"zzjgdm", "12345678-8"},
                                                    {"clrq", "19900102"}});
  EXPECT_EQ(other.verdict(), v1::INVALID) << other.DebugString();
  EXPECT_THAT(Issues(other), ElementsAre("zzjgdm:CROSS_FIELD_MISMATCH"));
  EXPECT_EQ(other.issues(0).rule(), "uscc_org_code(tyshxydm, zzjgdm)");
}

TEST_F(LegalPersonTest, UsccDivisionAndItsDerivation) {
  v1::RecordResult wrong = ValidateNamed(
      *schema_,
      {{"tyshxydm", kBeijingUscc}, {"xzqh", "330106"}, {"clrq", "19900102"}});
  EXPECT_EQ(wrong.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(wrong), ElementsAre("xzqh:CROSS_FIELD_MISMATCH"));
  EXPECT_EQ(wrong.issues(0).rule(), "uscc_division(tyshxydm, xzqh)");

  v1::RecordResult derived_differs = ValidateNamed(
      *schema_,
      {{"tyshxydm", kBeijingUscc}, {"zcdqh", "330106"}, {"clrq", "19900102"}});
  EXPECT_THAT(Issues(derived_differs),
              ElementsAre("zcdqh:CROSS_FIELD_MISMATCH"));
}

TEST_F(LegalPersonTest, DateOrder) {
  v1::RecordResult ok = ValidateNamed(*schema_, {{"tyshxydm", kBeijingUscc},
                                                 {"clrq", "19900102"},
                                                 {"zxrq", "19900102"},
                                                 {"zxyy", "歇业"}});
  EXPECT_EQ(ok.verdict(), v1::VALID) << ok.DebugString();

  v1::RecordResult reversed =
      ValidateNamed(*schema_, {{"tyshxydm", kBeijingUscc},
                               {"clrq", "19900102"},
                               {"zxrq", "19900101"},
                               {"zxyy", "歇业"}});
  EXPECT_EQ(reversed.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(reversed), ElementsAre("zxrq:CROSS_FIELD_MISMATCH"));
  EXPECT_EQ(reversed.issues(0).rule(), "date_order(clrq, zxrq)");
  EXPECT_THAT(reversed.issues(0).message(),
              AllOf(HasSubstr("19900102"), HasSubstr("19900101")));
}

TEST_F(LegalPersonTest, RequiredIf) {
  v1::RecordResult missing = ValidateNamed(
      *schema_,
      {{"tyshxydm", kBeijingUscc}, {"clrq", "19900102"}, {"zxrq", "20000101"}});
  EXPECT_EQ(missing.verdict(), v1::INVALID);
  EXPECT_THAT(Issues(missing), ElementsAre("zxyy:REQUIRED_MISSING"));
  EXPECT_EQ(missing.issues(0).rule(), "required_if(zxyy, zxrq)");

  // Without the other field, nothing is required.
  v1::RecordResult absent = ValidateNamed(
      *schema_, {{"tyshxydm", kBeijingUscc}, {"clrq", "19900102"}});
  EXPECT_EQ(absent.verdict(), v1::VALID) << absent.DebugString();
}

TEST_F(LegalPersonTest, ReferenceDateFromARecordField) {
  const std::string uscc = Uscc("330103", "600037341");
  ASSERT_EQ(uscc.size(), 18u);
  const Columns founded_2019 = {
      {"tyshxydm", uscc}, {"xzqh", "330103"}, {"clrq", "20190601"}};
  const Columns founded_2022 = {
      {"tyshxydm", uscc}, {"xzqh", "330103"}, {"clrq", "20220601"}};

  // Against today (2024) the division is no longer in force.
  v1::RecordResult today = ValidateNamed(*schema_, founded_2019);
  EXPECT_THAT(Issues(today), Contains("xzqh:CODE_NOT_EFFECTIVE"));

  ValidateOptions by_field = Options();
  by_field.as_of_field = schema_->FindField("clrq");
  ASSERT_EQ(by_field.as_of_field, 4);
  v1::RecordResult in_2019 = ValidateNamed(*schema_, founded_2019, by_field);
  EXPECT_EQ(in_2019.verdict(), v1::VALID) << in_2019.DebugString();
  v1::RecordResult in_2022 = ValidateNamed(*schema_, founded_2022, by_field);
  EXPECT_EQ(in_2022.verdict(), v1::INVALID);
  // Both the field and the division derived from the USCC are checked
  // against the record's date.
  EXPECT_THAT(Issues(in_2022),
              UnorderedElementsAre("xzqh:CODE_NOT_EFFECTIVE",
                                   "zcdqh:CODE_NOT_EFFECTIVE"));
  EXPECT_THAT(in_2022.issues(0).message(), HasSubstr("2022-06-01"));

  // An explicit as_of without the field behaves the same way.
  v1::RecordResult as_of_2019 =
      ValidateNamed(*schema_, founded_2022, Options(MakeDateKey(2019, 1, 1)));
  EXPECT_EQ(as_of_2019.verdict(), v1::VALID) << as_of_2019.DebugString();
}

TEST_F(LegalPersonTest, InvalidReferenceFieldFallsBackToAsOf) {
  const std::string uscc = Uscc("330103", "600037341");
  ValidateOptions by_field = Options(MakeDateKey(2019, 1, 1));
  by_field.as_of_field = schema_->FindField("clrq");
  v1::RecordResult result = ValidateNamed(
      *schema_, {{"tyshxydm", uscc}, {"xzqh", "330103"}, {"clrq", "20220230"}},
      by_field);
  EXPECT_THAT(Issues(result), ElementsAre("clrq:INVALID_DATE"));
}

// ---------------------------------------------------------------------------
// Compile errors.

TEST_F(CompiledSchemaTest, RuleOverUnknownField) {
  EXPECT_THAT(
      CompileError(R"pb(
        id: "S"
        fields { name: "gmsfhm" element: "GMSFHM" }
        rules { id_sex { id: "gmsfhm" sex: "xb" } }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("record schema S"),
                     HasSubstr("id_sex(gmsfhm, xb)"), HasSubstr("'xb'"))));
}

TEST_F(CompiledSchemaTest, DeriveOfAPartTheCodeLacks) {
  EXPECT_THAT(
      CompileError(R"pb(
        id: "S"
        fields { name: "gmsfhm" element: "GMSFHM" }
        fields {
          name: "qh"
          element: "XZQHDM"
          derive { from: "gmsfhm" part: "division_code" }
        }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("'division_code'"), HasSubstr("birth_date"))));
  EXPECT_THAT(CompileError(R"pb(
                id: "S"
                fields { name: "xbdm" element: "XBDM" }
                fields {
                  name: "csrq"
                  element: "CSRQ"
                  derive { from: "xbdm" part: "birth_date" }
                }
              )pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a structured code")));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "S"
        fields { name: "gmsfhm" element: "GMSFHM" }
        fields {
          name: "csrq"
          element: "CSRQ"
          derive { from: "sfzh" part: "birth_date" }
        }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'sfzh'")));
}

TEST_F(CompiledSchemaTest, DuplicateFieldAndColumn) {
  EXPECT_THAT(CompileError(R"pb(
                id: "S"
                fields { name: "gmsfhm" element: "GMSFHM" }
                fields { name: "gmsfhm" element: "GMSFHM" }
              )pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("'gmsfhm'"), HasSubstr("twice"))));
  EXPECT_THAT(CompileError(R"pb(
                id: "S"
                fields { name: "gmsfhm" element: "GMSFHM" aliases: "id" }
                fields { name: "xbdm" element: "XBDM" aliases: "id" }
              )pb"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'id'")));
}

TEST_F(CompiledSchemaTest, OtherCompileErrors) {
  EXPECT_THAT(
      CompileError(R"pb(id: "S")pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no fields")));
  EXPECT_THAT(CompileError(R"pb(
                id: "S"
                fields { name: "x" element: "NO_SUCH" }
              )pb"),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("'x'"), HasSubstr("NO_SUCH"))));
  // Rules over fields of the wrong kind.
  EXPECT_THAT(
      CompileError(R"pb(
        id: "S"
        fields { name: "xbdm" element: "XBDM" }
        fields { name: "xb2" element: "XBDM" }
        rules { id_sex { id: "xbdm" sex: "xb2" } }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("GB11643")));
  EXPECT_THAT(CompileError(R"pb(
                id: "S"
                fields { name: "a" element: "XBDM" }
                fields { name: "b" element: "CSRQ" }
                rules { date_order { a: "a" b: "b" } }
              )pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date_order(a, b)")));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "S"
        fields { name: "a" element: "XBDM" }
        rules {}
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("rules[0]")));
}

// Derived fields read any part of a coding rule, as they do the built-ins'.
TEST(CodingRuleDerivationTest, DerivesFromAnyPartOfARule) {
  absl::StatusOr<std::vector<LoadedDocument>> documents =
      ParseDefinitionText(R"yaml(
coding_rule:
  id: PERMIT
  segments:
    - {name: prefix, fixed: "ZJ"}
    - {name: issued_on, date: YYYYMMDD}
    - {name: serial, length: 3, charset: "0-9"}
    - {name: check, check: {algorithm: ISO7064_MOD11_2, over: [issued_on, serial]}}
  parts:
    - {name: serial_parity, from: serial, parity: {odd: "1", even: "2"}}
---
data_element:
  id: PERMIT_NO
  data_type: STRING
  format: c14
  value_domain: {coding_rule: PERMIT}
---
data_element: {id: ISSUED, data_type: DATE, format: YYYY-MM-DD}
---
data_element: {id: PARITY, data_type: STRING, format: n1}
---
record_schema:
  id: PERMITS
  fields:
    - {name: permit, element: PERMIT_NO, required: true}
    - {name: issued, element: ISSUED, derive: {from: permit, part: issued_on}}
    - {name: parity, element: PARITY, derive: {from: permit, part: serial_parity}}
)yaml",
                          "permits.yaml");
  ASSERT_TRUE(documents.ok()) << documents.status();
  TestResolver resolver;
  for (LoadedDocument& d : *documents) {
    if (d.document.has_coding_rule()) resolver.Add(d.document.coding_rule());
    if (d.document.has_data_element()) resolver.Add(d.document.data_element());
    if (d.document.has_record_schema()) {
      resolver.Add(d.document.record_schema());
    }
  }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(const v1::RecordSchema* proto,
                               resolver.ResolveSchema("PERMITS"));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::shared_ptr<const CompiledSchema> schema,
                               CompiledSchema::Compile(*proto, resolver));
  // ISO 7064 MOD 11-2 over 20240115 and 007 gives 9.
  const std::string permit =
      "ZJ20240115007" + std::string(1, *ComputeCheckCharacter(
                                           v1::ISO7064_MOD11_2, "20240115007"));
  RecordResult result;
  schema->Validate({permit}, ValidateOptions{20240601, -1}, &result);
  EXPECT_EQ(result.verdict(), v1::VALID);
  EXPECT_EQ(result.value(1), "2024-01-15");
  EXPECT_EQ(result.value(2), "1");
  EXPECT_TRUE(result.derived(1));
  // A present value that disagrees with the rule's part.
  schema->Validate({permit, "2024-01-16", "1"}, ValidateOptions{20240601, -1},
                   &result);
  ASSERT_EQ(result.issues().size(), 1u);
  EXPECT_EQ(result.issues()[0].code, v1::CROSS_FIELD_MISMATCH);
  // A part the rule lacks is refused when the schema compiles.
  v1::RecordSchema wrong = *proto;
  wrong.mutable_fields(2)->mutable_derive()->set_part("sex");
  EXPECT_THAT(CompiledSchema::Compile(wrong, resolver),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("derive.part 'sex' is not a part of field "
                                 "'permit'")));
}

}  // namespace
}  // namespace shuyuan::codec
