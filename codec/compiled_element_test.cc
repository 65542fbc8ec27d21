#include "codec/compiled_element.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "codec/date_time.h"
#include "codec/issue.h"
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using TestResolver = codec_testing::InMemoryResolver;
using codec_testing::ParseTextProto;

constexpr char kSexCodes[] = R"pb(
  id: "GB_T_2261_1"
  name_zh: "人的性别代码"
  entries { code: "0" name_zh: "未知的性别" }
  entries { code: "1" name_zh: "男性" aliases: "男" aliases: "M" }
  entries { code: "2" name_zh: "女性" aliases: "女" aliases: "F" }
  entries { code: "9" name_zh: "未说明的性别" }
)pb";

// SPEC §2.10.
constexpr char kXbdm[] = R"pb(
  id: "XBDM"
  name_zh: "性别代码"
  data_type: STRING
  format: "n1"
  value_domain { code_list: "GB_T_2261_1" }
  normalize { trim {} }
  normalize { map {} }
)pb";

constexpr char kGmsfhm[] = R"pb(
  id: "GMSFHM"
  name_zh: "公民身份号码"
  data_type: STRING
  format: "c18"
  sensitivity: L3
  value_domain { checksum: GB11643 }
  normalize { width {} }
  normalize { trim {} }
  normalize { upper {} }
  normalize { replace { pairs { key: "×" value: "X" } } }
  normalize { id15to18 {} }
)pb";

constexpr char kCsrq[] = R"pb(
  id: "CSRQ"
  name_zh: "出生日期"
  data_type: DATE
  format: "YYYYMMDD"
  value_domain { min_date: "1800-01-01" }
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

const DateKey kToday = MakeDateKey(2024, 6, 1);

class CompiledElementTest : public ::testing::Test {
 protected:
  CompiledElementTest() {
    resolver_.Add(ParseTextProto<v1::CodeList>(kSexCodes));
  }

  std::shared_ptr<const CompiledElement> Compile(const std::string& text) {
    absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
        CompiledElement::Compile(ParseTextProto<v1::DataElement>(text),
                                 resolver_);
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    return compiled.ok() ? *compiled : nullptr;
  }

  absl::Status CompileError(const std::string& text) {
    return CompiledElement::Compile(ParseTextProto<v1::DataElement>(text),
                                    resolver_)
        .status();
  }

  // Codes of the issues CheckValue reports for `raw`.
  static std::vector<std::string> Codes(const v1::ValueResult& result) {
    std::vector<std::string> codes;
    for (const v1::Issue& issue : result.issues()) {
      codes.push_back(std::string(IssueCodeName(issue.code())));
    }
    return codes;
  }

  static v1::ValueResult CheckValue(const CompiledElement& element,
                                    absl::string_view raw,
                                    DateKey as_of = kToday) {
    v1::ValueResult result;
    element.CheckValue(raw, as_of, &result);
    return result;
  }

  TestResolver resolver_;
};

TEST_F(CompiledElementTest, XbdmMapsNamesAndRefusesUnknownCodes) {
  auto xbdm = Compile(kXbdm);
  ASSERT_NE(xbdm, nullptr);
  EXPECT_EQ(xbdm->id(), "XBDM");
  EXPECT_EQ(xbdm->ref(), "XBDM");

  v1::ValueResult one = CheckValue(*xbdm, "1");
  EXPECT_TRUE(one.valid());
  EXPECT_EQ(one.value(), "1");
  EXPECT_EQ(one.normalized(), "1");
  EXPECT_THAT(one.issues(), IsEmpty());
  EXPECT_THAT(one.normalizations(), IsEmpty());

  v1::ValueResult male = CheckValue(*xbdm, "男");
  EXPECT_TRUE(male.valid());
  EXPECT_EQ(male.value(), "男");
  EXPECT_EQ(male.normalized(), "1");
  ASSERT_EQ(male.normalizations_size(), 1);
  EXPECT_EQ(male.normalizations(0).step(), "map");
  EXPECT_EQ(male.normalizations(0).field(), "XBDM");

  v1::ValueResult female = CheckValue(*xbdm, " 女性 ");
  EXPECT_TRUE(female.valid());
  EXPECT_EQ(female.normalized(), "2");
  ASSERT_EQ(female.normalizations_size(), 2);
  EXPECT_EQ(female.normalizations(0).step(), "trim");
  EXPECT_EQ(female.normalizations(1).step(), "map");

  v1::ValueResult three = CheckValue(*xbdm, "3");
  EXPECT_FALSE(three.valid());
  EXPECT_THAT(Codes(three), ElementsAre("CODE_NOT_IN_LIST"));
  EXPECT_EQ(three.issues(0).severity(), v1::ERROR);
  EXPECT_EQ(three.issues(0).element(), "XBDM");
  EXPECT_THAT(three.issues(0).message(), HasSubstr("GB_T_2261_1"));
  EXPECT_FALSE(three.issues(0).message_zh().empty());
  // XBDM is not sensitive: values appear as given.
  EXPECT_EQ(three.issues(0).original_value(), "3");

  v1::ValueResult empty = CheckValue(*xbdm, "  ");
  EXPECT_FALSE(empty.valid());
  EXPECT_THAT(Codes(empty), ElementsAre("REQUIRED_MISSING"));
}

TEST_F(CompiledElementTest, GmsfhmNormalisesAndChecksTheCheckCharacter) {
  auto gmsfhm = Compile(kGmsfhm);
  ASSERT_NE(gmsfhm, nullptr);
  EXPECT_EQ(gmsfhm->checksum(), v1::GB11643);
  EXPECT_EQ(gmsfhm->sensitivity(), v1::L3);

  v1::ValueResult valid = CheckValue(*gmsfhm, "11010519491231002X");
  EXPECT_TRUE(valid.valid());
  EXPECT_EQ(valid.normalized(), "11010519491231002X");
  EXPECT_THAT(valid.issues(), IsEmpty());

  v1::ValueResult lower = CheckValue(*gmsfhm, "11010519491231002x");
  EXPECT_TRUE(lower.valid());
  EXPECT_EQ(lower.normalized(), "11010519491231002X");
  ASSERT_EQ(lower.normalizations_size(), 1);
  EXPECT_EQ(lower.normalizations(0).step(), "upper");

  v1::ValueResult full_width =
      CheckValue(*gmsfhm, "１１０１０５１９４９１２３１００２Ｘ");
  EXPECT_TRUE(full_width.valid()) << full_width.DebugString();
  EXPECT_EQ(full_width.normalized(), "11010519491231002X");

  v1::ValueResult times = CheckValue(*gmsfhm, "11010519491231002×");
  EXPECT_TRUE(times.valid());
  EXPECT_EQ(times.normalized(), "11010519491231002X");

  v1::ValueResult first_generation = CheckValue(*gmsfhm, "110105491231002");
  EXPECT_TRUE(first_generation.valid()) << first_generation.DebugString();
  EXPECT_EQ(first_generation.normalized(), "11010519491231002X");

  v1::ValueResult wrong = CheckValue(*gmsfhm, "110105194912310021");
  EXPECT_FALSE(wrong.valid());
  EXPECT_THAT(Codes(wrong), ElementsAre("CHECKSUM_MISMATCH"));
  EXPECT_EQ(wrong.issues(0).element(), "GMSFHM");
  EXPECT_THAT(wrong.issues(0).rule(), HasSubstr("GB11643"));
}

TEST_F(CompiledElementTest, SensitiveValuesAreMaskedInIssues) {
  auto gmsfhm = Compile(kGmsfhm);
  ASSERT_NE(gmsfhm, nullptr);
  v1::ValueResult wrong = CheckValue(*gmsfhm, "110105194912310021");
  ASSERT_EQ(wrong.issues_size(), 1);
  EXPECT_EQ(wrong.issues(0).original_value(), "110*************21");
  EXPECT_EQ(wrong.issues(0).normalized_value(), "110*************21");
  // No message may carry the value in clear either.
  EXPECT_THAT(wrong.issues(0).message(),
              ::testing::Not(HasSubstr("194912310021")));

  v1::ValueResult lower = CheckValue(*gmsfhm, "11010519491231003x");
  ASSERT_EQ(lower.issues_size(), 1);
  EXPECT_EQ(lower.issues(0).original_value(), "110*************3x");
  EXPECT_EQ(lower.issues(0).normalized_value(), "110*************3X");
}

TEST_F(CompiledElementTest, SensitiveValuesNeverAppearInMessages) {
  // Masking original_value is pointless if the message repeats the value.
  auto date = Compile(R"pb(
    id: "CSRQ_L3"
    data_type: DATE
    format: "YYYYMMDD"
    sensitivity: L3
    value_domain { min_date: "1800-01-01" }
  )pb");
  auto number = Compile(R"pb(
    id: "SR_L4"
    data_type: INTEGER
    format: "n..9"
    sensitivity: L4
    value_domain { max_value: "100" }
  )pb");
  auto text = Compile(R"pb(
    id: "MM_L3"
    data_type: STRING
    format: "c..20"
    sensitivity: L3
    value_domain { allowed_values: "ABCDEFGH" }
  )pb");
  ASSERT_NE(date, nullptr);
  ASSERT_NE(number, nullptr);
  ASSERT_NE(text, nullptr);
  const struct {
    const CompiledElement* element;
    const char* value;
    const char* code;
  } kCases[] = {
      {date.get(), "1949-12-31", "FORMAT_MISMATCH"},
      {date.get(), "19491232", "INVALID_DATE"},
      {date.get(), "17991231", "DATE_OUT_OF_RANGE"},
      {number.get(), "12a45678", "TYPE_MISMATCH"},
      {number.get(), "123456", "VALUE_OUT_OF_RANGE"},
      {text.get(), "ZYXWVUTS", "CODE_NOT_IN_LIST"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.value);
    v1::ValueResult result = CheckValue(*c.element, c.value);
    EXPECT_THAT(Codes(result), ElementsAre(c.code));
    for (const v1::Issue& issue : result.issues()) {
      EXPECT_THAT(issue.message(), ::testing::Not(HasSubstr(c.value)));
      EXPECT_THAT(issue.message_zh(), ::testing::Not(HasSubstr(c.value)));
      EXPECT_EQ(issue.original_value(),
                MaskValue(c.value, c.element->sensitivity()));
    }
  }
}

TEST_F(CompiledElementTest, CsrqParsesInputFormsIntoItsOwnFormat) {
  auto csrq = Compile(kCsrq);
  ASSERT_NE(csrq, nullptr);
  v1::ValueResult chinese = CheckValue(*csrq, "2021年7月8日");
  EXPECT_TRUE(chinese.valid());
  EXPECT_EQ(chinese.normalized(), "20210708");
  ASSERT_EQ(chinese.normalizations_size(), 1);
  EXPECT_EQ(chinese.normalizations(0).step(), "date");

  EXPECT_EQ(CheckValue(*csrq, "2021/7/8").normalized(), "20210708");
  EXPECT_EQ(CheckValue(*csrq, "2021.07.08").normalized(), "20210708");
  EXPECT_TRUE(CheckValue(*csrq, "20210708").valid());

  v1::ValueResult feb30 = CheckValue(*csrq, "20210230");
  EXPECT_FALSE(feb30.valid());
  EXPECT_THAT(Codes(feb30), ElementsAre("INVALID_DATE"));

  v1::ValueResult early = CheckValue(*csrq, "17991231");
  EXPECT_FALSE(early.valid());
  EXPECT_THAT(Codes(early), ElementsAre("DATE_OUT_OF_RANGE"));
  EXPECT_THAT(early.issues(0).message(), HasSubstr("1800-01-01"));
  EXPECT_TRUE(CheckValue(*csrq, "18000101").valid());

  DateTimeFields fields;
  ASSERT_TRUE(csrq->ParseDate("20210708", &fields));
  EXPECT_EQ(fields.year, 2021);
  EXPECT_EQ(fields.month, 7);
  EXPECT_EQ(fields.day, 8);
  EXPECT_FALSE(csrq->ParseDate("2021-07-08", &fields));
}

TEST_F(CompiledElementTest, MaxDateAndIsoLayout) {
  auto element = Compile(R"pb(
    id: "DJRQ"
    data_type: DATE
    format: "YYYY-MM-DD"
    value_domain { min_date: "2000-01-01" max_date: "2030-12-31" }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "2030-12-31").valid());
  EXPECT_THAT(Codes(CheckValue(*element, "2031-01-01")),
              ElementsAre("DATE_OUT_OF_RANGE"));
  EXPECT_THAT(Codes(CheckValue(*element, "1999-12-31")),
              ElementsAre("DATE_OUT_OF_RANGE"));
  EXPECT_THAT(Codes(CheckValue(*element, "20200101")),
              ElementsAre("FORMAT_MISMATCH"));
}

TEST_F(CompiledElementTest, IntegerTypeMismatch) {
  auto element = Compile(R"pb(
    id: "RS" data_type: INTEGER format: "n..6"
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "123456").valid());
  EXPECT_THAT(Codes(CheckValue(*element, "12a")), ElementsAre("TYPE_MISMATCH"));
  EXPECT_THAT(Codes(CheckValue(*element, "1.5")), ElementsAre("TYPE_MISMATCH"));
  EXPECT_THAT(Codes(CheckValue(*element, "1234567")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));
}

TEST_F(CompiledElementTest, DecimalScaleRangeAndType) {
  auto element = Compile(R"pb(
    id: "ZCZB"
    data_type: DECIMAL
    format: "n..18,2"
    value_domain { min_value: "0" max_value: "99999999.99" }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "12.34").valid());
  EXPECT_TRUE(CheckValue(*element, "99999999.99").valid());
  EXPECT_TRUE(CheckValue(*element, "0").valid());
  EXPECT_THAT(Codes(CheckValue(*element, "12.345")),
              ElementsAre("SCALE_EXCEEDED"));
  EXPECT_THAT(Codes(CheckValue(*element, "abc")), ElementsAre("TYPE_MISMATCH"));
  EXPECT_THAT(Codes(CheckValue(*element, "1,000")),
              ElementsAre("TYPE_MISMATCH"));
  v1::ValueResult above = CheckValue(*element, "100000000");
  EXPECT_FALSE(above.valid());
  EXPECT_THAT(Codes(above), ElementsAre("VALUE_OUT_OF_RANGE"));
  EXPECT_THAT(above.issues(0).message(), HasSubstr("99999999.99"));
  EXPECT_THAT(Codes(CheckValue(*element, "-0.01")),
              ElementsAre("VALUE_OUT_OF_RANGE"));
  EXPECT_THAT(Codes(CheckValue(*element, "1234567890123456789")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));
}

TEST_F(CompiledElementTest, LengthAndCharset) {
  auto code = Compile(R"pb(
    id: "XZQH" data_type: STRING format: "n6"
  )pb");
  ASSERT_NE(code, nullptr);
  EXPECT_TRUE(CheckValue(*code, "330106").valid());
  v1::ValueResult letters = CheckValue(*code, "33A106");
  EXPECT_FALSE(letters.valid());
  EXPECT_THAT(Codes(letters), ElementsAre("CHARSET_VIOLATION"));
  EXPECT_THAT(letters.issues(0).message(),
              AllOf(HasSubstr("'A'"), HasSubstr("offset 2")));
  EXPECT_THAT(Codes(CheckValue(*code, "33010")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));
  EXPECT_THAT(Codes(CheckValue(*code, "3301066")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));

  auto name = Compile(R"pb(
    id: "XM" data_type: STRING format: "a..50"
  )pb");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(CheckValue(*name, "阿卜杜·热合曼").valid());
  EXPECT_TRUE(CheckValue(*name, "John Smith").valid());
  EXPECT_TRUE(CheckValue(*name, "张三").valid());
  const v1::ValueResult digit = CheckValue(*name, "张三1");
  EXPECT_THAT(Codes(digit), ElementsAre("CHARSET_VIOLATION"));
  // Offsets count characters, not bytes: '1' is the third character.
  EXPECT_THAT(digit.issues(0).message(), HasSubstr("'1' at offset 2 "));
  EXPECT_THAT(digit.issues(0).message_zh(), HasSubstr("第 3 个字符“1”"));
  // 50 characters (150 UTF-8 bytes) fit; 51 do not.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "名";
  EXPECT_TRUE(CheckValue(*name, fifty).valid());
  EXPECT_THAT(Codes(CheckValue(*name, fifty + "名")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));
}

TEST_F(CompiledElementTest, ByteLengthUnit) {
  auto element = Compile(
      R"pb(
        id: "DWMC" data_type: STRING format: "c..6" length_unit: UTF8_BYTES
      )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "浙江").valid());  // 6 bytes
  EXPECT_THAT(Codes(CheckValue(*element, "浙江省")),  // 9 bytes
              ElementsAre("LENGTH_OUT_OF_RANGE"));
}

TEST_F(CompiledElementTest, ValueDomainLengthBounds) {
  auto element = Compile(R"pb(
    id: "BZ"
    data_type: STRING
    format: "c..100"
    value_domain { min_length: 2 max_length: 4 }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "备注").valid());
  EXPECT_THAT(Codes(CheckValue(*element, "备")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));
  EXPECT_THAT(Codes(CheckValue(*element, "备注备注备")),
              ElementsAre("LENGTH_OUT_OF_RANGE"));
}

TEST_F(CompiledElementTest, PatternMustMatchTheWholeValue) {
  auto element = Compile(R"pb(
    id: "CPH"
    data_type: STRING
    format: "an..10"
    value_domain { pattern: "[A-Z]{2}[0-9]+" }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "AB12").valid());
  EXPECT_THAT(Codes(CheckValue(*element, "ab12")),
              ElementsAre("PATTERN_MISMATCH"));
  EXPECT_THAT(Codes(CheckValue(*element, "AB12x")),
              ElementsAre("PATTERN_MISMATCH"));
  EXPECT_THAT(Codes(CheckValue(*element, "xAB12")),
              ElementsAre("PATTERN_MISMATCH"));
}

TEST_F(CompiledElementTest, AllowedValues) {
  auto element = Compile(R"pb(
    id: "SFBZ"
    data_type: STRING
    format: "a1"
    value_domain { allowed_values: "Y" allowed_values: "N" }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "Y").valid());
  EXPECT_TRUE(CheckValue(*element, "N").valid());
  v1::ValueResult other = CheckValue(*element, "X");
  EXPECT_FALSE(other.valid());
  EXPECT_THAT(Codes(other), ElementsAre("CODE_NOT_IN_LIST"));
  EXPECT_THAT(other.issues(0).message(), AllOf(HasSubstr("Y"), HasSubstr("N")));
}

TEST_F(CompiledElementTest, LuhnWarningLeavesTheValueValid) {
  constexpr char kAccount[] = R"pb(
    id: "YHZH"
    data_type: STRING
    format: "n..19"
    value_domain { checksum: LUHN checksum_severity: WARNING }
  )pb";
  auto warning = Compile(kAccount);
  ASSERT_NE(warning, nullptr);
  EXPECT_THAT(CheckValue(*warning, "79927398713").issues(), IsEmpty());
  v1::ValueResult bad = CheckValue(*warning, "79927398710");
  EXPECT_TRUE(bad.valid());
  EXPECT_THAT(Codes(bad), ElementsAre("CHECKSUM_MISMATCH"));
  EXPECT_EQ(bad.issues(0).severity(), v1::WARNING);

  std::vector<Issue> issues;
  EXPECT_TRUE(warning->Check("79927398710", kToday, 4, &issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, 4);
  EXPECT_EQ(issues[0].severity, v1::WARNING);

  auto error = Compile(R"pb(
    id: "YHKH"
    data_type: STRING
    format: "n..19"
    value_domain { checksum: LUHN }
  )pb");
  ASSERT_NE(error, nullptr);
  v1::ValueResult refused = CheckValue(*error, "79927398710");
  EXPECT_FALSE(refused.valid());
  EXPECT_EQ(refused.issues(0).severity(), v1::ERROR);
}

TEST_F(CompiledElementTest, CheckTagsIssuesWithTheFieldAndStopsAtFirstError) {
  auto element = Compile(R"pb(
    id: "XZQH"
    data_type: STRING
    format: "n6"
    value_domain { pattern: "33[0-9]{4}" }
  )pb");
  ASSERT_NE(element, nullptr);
  std::vector<Issue> issues;
  EXPECT_TRUE(element->Check("330106", kToday, 2, &issues));
  EXPECT_THAT(issues, IsEmpty());
  // Format fails first; the pattern is not consulted.
  EXPECT_FALSE(element->Check("3301", kToday, 2, &issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, v1::LENGTH_OUT_OF_RANGE);
  EXPECT_EQ(issues[0].field, 2);
  EXPECT_FALSE(element->Check("110106", kToday, 3, &issues));
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[1].code, v1::PATTERN_MISMATCH);
  EXPECT_EQ(issues[1].field, 3);
}

TEST_F(CompiledElementTest, CodeListEffectiveDatesFollowTheReferenceDate) {
  resolver_.Add(ParseTextProto<v1::CodeList>(R"pb(
    id: "DIVISIONS"
    entries {
      code: "330103"
      name_zh: "下城区"
      valid_from: "1983-01-01"
      valid_to: "2020-12-31"
    }
    entries { code: "330106" name_zh: "西湖区" }
  )pb"));
  auto element = Compile(R"pb(
    id: "XZQHDM"
    data_type: STRING
    format: "n6"
    value_domain { code_list: "DIVISIONS" }
    normalize { map {} }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_TRUE(CheckValue(*element, "330103", MakeDateKey(2019, 1, 1)).valid());
  v1::ValueResult late =
      CheckValue(*element, "330103", MakeDateKey(2023, 1, 1));
  EXPECT_FALSE(late.valid());
  EXPECT_THAT(Codes(late), ElementsAre("CODE_NOT_EFFECTIVE"));
  EXPECT_THAT(
      late.issues(0).message(),
      AllOf(HasSubstr("2023-01-01"), HasSubstr("1983-01-01..2020-12-31")));
  // The old name still maps, and then the code is reported as not in force.
  v1::ValueResult by_name =
      CheckValue(*element, "下城区", MakeDateKey(2023, 1, 1));
  EXPECT_EQ(by_name.normalized(), "330103");
  EXPECT_THAT(Codes(by_name), ElementsAre("CODE_NOT_EFFECTIVE"));
  EXPECT_THAT(Codes(CheckValue(*element, "999999")),
              ElementsAre("CODE_NOT_IN_LIST"));
}

TEST_F(CompiledElementTest, AmbiguousNameIsReported) {
  resolver_.Add(ParseTextProto<v1::CodeList>(R"pb(
    id: "DIVISIONS"
    entries { code: "110105" name_zh: "朝阳区" }
    entries { code: "220104" name_zh: "朝阳区" }
  )pb"));
  auto element = Compile(R"pb(
    id: "XZQHDM"
    data_type: STRING
    format: "n6"
    value_domain { code_list: "DIVISIONS" }
    normalize { map {} }
  )pb");
  ASSERT_NE(element, nullptr);
  v1::ValueResult result = CheckValue(*element, "朝阳区");
  EXPECT_FALSE(result.valid());
  EXPECT_THAT(Codes(result), ElementsAre("AMBIGUOUS_VALUE"));
}

TEST_F(CompiledElementTest, InvalidUtf8IsInvalidEncodingAndNeverLeaks) {
  auto text = Compile(R"pb(
    id: "JGMC" data_type: STRING format: "c..50"
  )pb");
  auto date = Compile(R"pb(
    id: "CLRQ" data_type: DATE format: "YYYYMMDD"
  )pb");
  ASSERT_NE(text, nullptr);
  ASSERT_NE(date, nullptr);
  for (const auto& [element, value] :
       {std::pair{text, std::string("ab\xFF")},
        std::pair{text, std::string("\xE4\xB8")},
        std::pair{date, std::string("2021\xE5\xB9")}}) {
    v1::ValueResult result = CheckValue(*element, value);
    EXPECT_FALSE(result.valid());
    EXPECT_THAT(Codes(result), ElementsAre("INVALID_ENCODING"));
    // Every string that leaves the codec is UTF-8 (proto3 requires it).
    std::string wire;
    EXPECT_TRUE(result.SerializeToString(&wire));
    EXPECT_THAT(result.value(), HasSubstr("\xEF\xBF\xBD"));  // U+FFFD
    EXPECT_THAT(result.issues(0).message(), HasSubstr("not valid UTF-8"));
  }
}

TEST_F(CompiledElementTest, ElementAliasesWinOverTheCodeList) {
  auto element = Compile(R"pb(
    id: "XBDM"
    data_type: STRING
    format: "n1"
    value_domain { code_list: "GB_T_2261_1" }
    aliases { key: "男士" value: "1" }
    aliases { key: "M" value: "2" }
    normalize { map {} }
  )pb");
  ASSERT_NE(element, nullptr);
  EXPECT_EQ(CheckValue(*element, "男士").normalized(), "1");
  EXPECT_EQ(CheckValue(*element, "M").normalized(), "2");
  EXPECT_EQ(CheckValue(*element, "F").normalized(), "2");
}

TEST_F(CompiledElementTest, CompiledElementOutlivesItsProto) {
  // The compiled element must own everything it uses: bounds, pattern,
  // aliases, steps. Changing or destroying the proto afterwards must not
  // change how it validates.
  auto proto =
      std::make_unique<v1::DataElement>(ParseTextProto<v1::DataElement>(R"pb(
        id: "NL"
        data_type: INTEGER
        format: "n..3"
        value_domain { min_value: "10" max_value: "20" }
        aliases { key: "十五" value: "15" }
        normalize { trim {} }
        normalize { map {} }
      )pb"));
  absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
      CompiledElement::Compile(*proto, resolver_);
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  // Same-length rewrites reuse the strings' buffers in place.
  proto->mutable_value_domain()->set_min_value("90");
  proto->mutable_value_domain()->set_max_value("99");
  (*proto->mutable_aliases())["十五"] = "99";
  const auto& element = **compiled;
  EXPECT_TRUE(CheckValue(element, "15").valid())
      << CheckValue(element, "15").DebugString();
  EXPECT_THAT(Codes(CheckValue(element, "21")),
              ElementsAre("VALUE_OUT_OF_RANGE"));
  proto.reset();
  EXPECT_EQ(CheckValue(element, " 十五 ").normalized(), "15");
  EXPECT_TRUE(CheckValue(element, "10").valid());
  EXPECT_THAT(Codes(CheckValue(element, "9")),
              ElementsAre("VALUE_OUT_OF_RANGE"));
}

TEST_F(CompiledElementTest, CompileErrors) {
  EXPECT_THAT(
      CompileError(R"pb(id: "X" data_type: STRING format: "an..5O")pb"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("data element X"), HasSubstr("offset 5"))));
  EXPECT_THAT(
      CompileError(R"pb(id: "X" data_type: STRING format: "x8")pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offset 0")));
  EXPECT_THAT(
      CompileError(R"pb(id: "X" data_type: STRING)pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("format")));
  EXPECT_THAT(
      CompileError(R"pb(id: "X" format: "n2")pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("data_type")));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "X"
        data_type: STRING
        format: "an..9"
        value_domain { pattern: "([A-Z]" }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("value_domain.pattern"), HasSubstr("([A-Z]"))));
  EXPECT_THAT(CompileError(R"pb(id: "X" data_type: DATE format: "n8")pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("DATE"), HasSubstr("'n8'"))));
  EXPECT_THAT(
      CompileError(R"pb(id: "X" data_type: INTEGER format: "an..9")pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("INTEGER")));
  EXPECT_THAT(
      CompileError(R"pb(id: "X" data_type: INTEGER format: "n..9,2")pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("INTEGER")));
  EXPECT_THAT(CompileError(R"pb(
                id: "X"
                data_type: STRING
                format: "n6"
                value_domain { code_list: "NO_SUCH_LIST" }
              )pb"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("NO_SUCH_LIST")));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "X"
        data_type: DATE
        format: "YYYYMMDD"
        value_domain { min_date: "1800/01/01" }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("min_date")));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "X"
        data_type: STRING
        format: "c9"
        value_domain { min_value: "1" }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("min_value")));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "X"
        data_type: DECIMAL
        format: "n..9,2"
        value_domain { min_value: "5" max_value: "1" }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("min_value")));
  // A date step needs a date format to write into.
  EXPECT_THAT(CompileError(R"pb(
                id: "X"
                data_type: STRING
                format: "c9"
                normalize { date { inputs: "YYYY/M/D" } }
              )pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("data element X")));
  // A code list that does not compile is the element's error too.
  resolver_.Add(ParseTextProto<v1::CodeList>(R"pb(
    id: "BROKEN"
    entries { code: "1" valid_from: "2020-13-01" }
  )pb"));
  EXPECT_THAT(
      CompileError(R"pb(
        id: "X"
        data_type: STRING
        format: "n1"
        value_domain { code_list: "BROKEN" }
      )pb"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2020-13-01")));
}

TEST(ItemRefTest, VersionedAndUnversioned) {
  v1::VersionInfo info;
  EXPECT_EQ(ItemRef("GMSFHM", info), "GMSFHM");
  info.set_version(3);
  EXPECT_EQ(ItemRef("GMSFHM", info), "GMSFHM@3");
}

}  // namespace
}  // namespace shuyuan::codec
