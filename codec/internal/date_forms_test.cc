#include "codec/internal/date_forms.h"

#include <string>

#include "codec/date_time.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::codec_internal {
namespace {

using codec::DateTimeFields;
using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

// Date and time as one comparable string "Y-M-D h:m:s".
std::string Show(const DateTimeFields& f) {
  return std::to_string(f.year) + "-" + std::to_string(f.month) + "-" +
         std::to_string(f.day) + " " + std::to_string(f.hour) + ":" +
         std::to_string(f.minute) + ":" + std::to_string(f.second);
}

// The fields `form` reads from `value`, or "no match".
std::string MatchOf(absl::string_view form, absl::string_view value) {
  absl::StatusOr<DateForm> compiled = DateForm::Compile(form);
  if (!compiled.ok()) return std::string(compiled.status().message());
  DateTimeFields f;
  if (!compiled->Match(value, &f)) return "no match";
  return Show(f);
}

TEST(DateFormTest, ChineseAndSeparatedForms) {
  EXPECT_EQ(MatchOf("YYYY年M月D日", "2021年7月8日"), "2021-7-8 0:0:0");
  EXPECT_EQ(MatchOf("YYYY年M月D日", "2021年07月08日"), "2021-7-8 0:0:0");
  EXPECT_EQ(MatchOf("YYYY年M月D日", "2021年12月31日"), "2021-12-31 0:0:0");
  EXPECT_EQ(MatchOf("YYYY.M.D", "2021.7.8"), "2021-7-8 0:0:0");
  EXPECT_EQ(MatchOf("YYYY/M/D", "2021/07/08"), "2021-7-8 0:0:0");
  EXPECT_EQ(MatchOf("YYYY-M-D hh:mm:ss", "2021-7-8 12:30:05"),
            "2021-7-8 12:30:5");
  EXPECT_EQ(MatchOf("YYYY-MM-DDThh:mm", "2021-07-08T23:59"),
            "2021-7-8 23:59:0");
}

TEST(DateFormTest, WholeValueMustMatch) {
  EXPECT_EQ(MatchOf("YYYY/M/D", "2021/7/8 "), "no match");
  EXPECT_EQ(MatchOf("YYYY/M/D", "x2021/7/8"), "no match");
  EXPECT_EQ(MatchOf("YYYY/M/D", "2021/7/"), "no match");
  EXPECT_EQ(MatchOf("YYYY/M/D", "2021/123/8"), "no match");
  EXPECT_EQ(MatchOf("YYYY/MM/DD", "2021/7/08"), "no match");
  EXPECT_EQ(MatchOf("YYYY/M/D", "21/7/8"), "no match");
  EXPECT_EQ(MatchOf("YYYY/M/D", "2021/x/8"), "no match");
  EXPECT_EQ(MatchOf("YYYY/M/D", ""), "no match");
}

TEST(DateFormTest, AdjacentVariableWidthTokensBacktrack) {
  EXPECT_EQ(MatchOf("YYYYMD", "202111"), "2021-1-1 0:0:0");
  EXPECT_EQ(MatchOf("YYYYMD", "2021123"), "2021-12-3 0:0:0");
  // 13 is no month, so the real reading 1/31 wins over 13/1.
  EXPECT_EQ(MatchOf("YYYYMD", "2021131"), "2021-1-31 0:0:0");
  EXPECT_EQ(MatchOf("YYYYMD", "20211231"), "2021-12-31 0:0:0");
  EXPECT_EQ(MatchOf("YYYYMD", "202112311"), "no match");
}

TEST(DateFormTest, UnrealDatesStillMatch) {
  // Validation must see 2021-02-30 and report INVALID_DATE.
  EXPECT_EQ(MatchOf("YYYY年M月D日", "2021年2月30日"), "2021-2-30 0:0:0");
  EXPECT_EQ(MatchOf("YYYY-M-D hh:mm:ss", "2021-7-8 25:00:00"),
            "2021-7-8 25:0:0");
}

TEST(DateFormTest, OptionalFraction) {
  EXPECT_EQ(MatchOf("YYYY-MM-DD hh:mm:ss[.f]", "2021-07-08 12:30:00.123"),
            "2021-7-8 12:30:0");
  EXPECT_EQ(MatchOf("YYYY-MM-DD hh:mm:ss[.f]", "2021-07-08 12:30:00"),
            "2021-7-8 12:30:0");
  EXPECT_EQ(MatchOf("YYYY-MM-DD hh:mm:ss[.f]", "2021-07-08 12:30:00."),
            "no match");
  EXPECT_EQ(MatchOf("YYYYMMDD[.f]", "20210708.5"), "2021-7-8 0:0:0");
}

// Spreadsheets write the hour without a leading zero: 2015/3/8 0:00:00.
TEST(DateFormTest, OneOrTwoDigitHour) {
  EXPECT_EQ(MatchOf("YYYY/M/D h:mm:ss", "2015/3/8 0:00:00"), "2015-3-8 0:0:0");
  EXPECT_EQ(MatchOf("YYYY/M/D h:mm:ss", "2015/3/8 13:05:09"),
            "2015-3-8 13:5:9");
  EXPECT_EQ(MatchOf("YYYY/M/D h:mm", "2015/3/8 9:30"), "2015-3-8 9:30:0");
  EXPECT_EQ(MatchOf("YYYY/M/D h:mm:ss", "2015/3/8 123:00:00"), "no match");
  EXPECT_FALSE(DateForm::Compile("YYYY-M-D h:mm hh").ok());
}

TEST(DateFormTest, TimeOnlyForms) {
  EXPECT_EQ(MatchOf("hh时mm分", "08时05分"), "0-0-0 8:5:0");
  EXPECT_EQ(MatchOf("hh:mm:ss", "23:59:59"), "0-0-0 23:59:59");
}

TEST(DateFormTest, CompileErrors) {
  EXPECT_THAT(DateForm::Compile("YYYY-Q"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown token 'Q' in input form 'YYYY-Q'")));
  EXPECT_THAT(DateForm::Compile("YY-M-D"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("two-digit year")));
  EXPECT_THAT(DateForm::Compile("yyyy-MM-dd"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown token 'yyyy'")));
  EXPECT_THAT(DateForm::Compile("YYYY-MM-DD HH:mm"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown token 'HH'")));
  EXPECT_THAT(DateForm::Compile("YYYYY"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown token 'YYYYY'")));
  EXPECT_THAT(DateForm::Compile("YYYY-M-D-M"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("more than once")));
  EXPECT_THAT(DateForm::Compile("YYYY-MM"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("incomplete date")));
  EXPECT_THAT(DateForm::Compile("YYYY-M-D mm:ss"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("minutes 'mm' without hours")));
  EXPECT_THAT(DateForm::Compile("YYYY-M-D [f]"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown token '['")));
  EXPECT_THAT(DateForm::Compile("年月日"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no date or time field")));
  EXPECT_THAT(DateForm::Compile(""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("empty input form")));
}

TEST(DateFormTest, FormFacts) {
  absl::StatusOr<DateForm> f = DateForm::Compile("YYYY-M-D hh:mm");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->has_date());
  EXPECT_TRUE(f->has_time());
  EXPECT_EQ(f->kind(), DateForm::Kind::kPattern);
  EXPECT_EQ(f->text(), "YYYY-M-D hh:mm");
  f = DateForm::Compile("cn_numeral");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->kind(), DateForm::Kind::kCnNumeral);
  EXPECT_TRUE(f->has_date());
  EXPECT_FALSE(f->has_time());
  f = DateForm::Compile("excel_serial");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->kind(), DateForm::Kind::kExcelSerial);
}

TEST(CnNumeralTest, Dates) {
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年七月八日"), "2021-7-8 0:0:0");
  EXPECT_EQ(MatchOf("cn_numeral", "二〇〇〇年十二月三十一日"),
            "2000-12-31 0:0:0");
  EXPECT_EQ(MatchOf("cn_numeral", "二○○○年十月十日"), "2000-10-10 0:0:0");
  EXPECT_EQ(MatchOf("cn_numeral", "二零二一年一月二十号"), "2021-1-20 0:0:0");
  EXPECT_EQ(MatchOf("cn_numeral", "一九四九年十月一日"), "1949-10-1 0:0:0");
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年二月十九日"), "2021-2-19 0:0:0");
  // Not real, but matched: validation reports INVALID_DATE.
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年二月三十日"), "2021-2-30 0:0:0");
}

TEST(CnNumeralTest, Rejects) {
  EXPECT_EQ(MatchOf("cn_numeral", "二一年七月八日"), "no match");  // 2 digits
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年七月八"), "no match");
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年七月八日 "), "no match");
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年〇月八日"), "no match");
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一年一十月八日"), "no match");
  EXPECT_EQ(MatchOf("cn_numeral", "2021年7月8日"), "no match");
  EXPECT_EQ(MatchOf("cn_numeral", "二〇二一"), "no match");
  EXPECT_EQ(MatchOf("cn_numeral", "\xE4\xB8"), "no match");
}

TEST(ExcelSerialTest, Dates) {
  EXPECT_EQ(MatchOf("excel_serial", "44385"), "2021-7-8 0:0:0");
  EXPECT_EQ(MatchOf("excel_serial", "1"), "1900-1-1 0:0:0");
  EXPECT_EQ(MatchOf("excel_serial", "59"), "1900-2-28 0:0:0");
  EXPECT_EQ(MatchOf("excel_serial", "61"), "1900-3-1 0:0:0");
  EXPECT_EQ(MatchOf("excel_serial", "36526"), "2000-1-1 0:0:0");
  EXPECT_EQ(MatchOf("excel_serial", "2958465"), "9999-12-31 0:0:0");
}

TEST(ExcelSerialTest, FractionIsTimeOfDay) {
  EXPECT_EQ(MatchOf("excel_serial", "44385.5"), "2021-7-8 12:0:0");
  EXPECT_EQ(MatchOf("excel_serial", "44385.75"), "2021-7-8 18:0:0");
  // 12:30:00 = 0.5208333...; rounding to the second recovers it.
  EXPECT_EQ(MatchOf("excel_serial", "44385.520833333"), "2021-7-8 12:30:0");
  // A fraction that rounds up to midnight belongs to the next day.
  EXPECT_EQ(MatchOf("excel_serial", "44385.999999999999"), "2021-7-9 0:0:0");
}

TEST(ExcelSerialTest, Rejects) {
  // 60 is Excel's fictitious 1900-02-29: refusing it leaves the value for
  // validation instead of inventing a date.
  EXPECT_EQ(MatchOf("excel_serial", "60"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "0"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "044385"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "-44385"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "+44385"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "2958466"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "20210708"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "44385."), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "44385.5x"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", "2958465.9999999"), "no match");
  EXPECT_EQ(MatchOf("excel_serial", ""), "no match");
}

}  // namespace
}  // namespace shuyuan::codec_internal
