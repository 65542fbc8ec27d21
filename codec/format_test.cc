#include "codec/format.h"

#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

constexpr size_t npos = absl::string_view::npos;

TEST(ParseFormatTest, ExactLength) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format f, ParseFormat("n8"));
  EXPECT_EQ(f.text, "n8");
  EXPECT_EQ(f.char_class, CharClass::kNumeric);
  EXPECT_EQ(f.min_length, 8u);
  EXPECT_EQ(f.max_length, 8u);
  EXPECT_FALSE(f.scale.has_value());
  EXPECT_EQ(f.layout, DateTimeLayout::kNone);
}

TEST(ParseFormatTest, AtMost) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format f, ParseFormat("an..50"));
  EXPECT_EQ(f.char_class, CharClass::kAlphaNumeric);
  EXPECT_EQ(f.min_length, 0u);
  EXPECT_EQ(f.max_length, 50u);
}

TEST(ParseFormatTest, Range) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format f, ParseFormat("n2..3"));
  EXPECT_EQ(f.char_class, CharClass::kNumeric);
  EXPECT_EQ(f.min_length, 2u);
  EXPECT_EQ(f.max_length, 3u);
}

TEST(ParseFormatTest, Scale) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format f, ParseFormat("n..18,2"));
  EXPECT_EQ(f.min_length, 0u);
  EXPECT_EQ(f.max_length, 18u);
  ASSERT_TRUE(f.scale.has_value());
  EXPECT_EQ(*f.scale, 2u);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format g, ParseFormat("n10,0"));
  EXPECT_EQ(g.scale, 0u);
}

TEST(ParseFormatTest, ClassesAndCase) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format a, ParseFormat("a..30"));
  EXPECT_EQ(a.char_class, CharClass::kAlpha);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format c, ParseFormat("c18"));
  EXPECT_EQ(c.char_class, CharClass::kAny);
  EXPECT_EQ(c.max_length, 18u);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format upper, ParseFormat("AN..50"));
  EXPECT_EQ(upper.char_class, CharClass::kAlphaNumeric);
  EXPECT_EQ(upper.text, "AN..50");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format mixed, ParseFormat("aN2..3"));
  EXPECT_EQ(mixed.char_class, CharClass::kAlphaNumeric);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format n, ParseFormat("N6"));
  EXPECT_EQ(n.char_class, CharClass::kNumeric);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Format cc, ParseFormat("C..100"));
  EXPECT_EQ(cc.char_class, CharClass::kAny);
  EXPECT_EQ(cc.max_length, 100u);
}

TEST(ParseFormatTest, DateTimeLayouts) {
  struct Case {
    const char* text;
    DateTimeLayout layout;
    uint32_t length;
  };
  const Case cases[] = {
      {"YYYYMMDD", DateTimeLayout::kYyyymmdd, 8},
      {"YYYY-MM-DD", DateTimeLayout::kYyyy_Mm_Dd, 10},
      {"YYYYMMDDhhmmss", DateTimeLayout::kYyyymmddhhmmss, 14},
      {"YYYY-MM-DDThh:mm:ss", DateTimeLayout::kYyyy_Mm_DdThh_mm_ss, 19},
      {"hhmmss", DateTimeLayout::kHhmmss, 6},
      {"hh:mm:ss", DateTimeLayout::kHh_mm_ss, 8},
      {"D8", DateTimeLayout::kYyyymmdd, 8},
      {"DT14", DateTimeLayout::kYyyymmddhhmmss, 14},
      {"T6", DateTimeLayout::kHhmmss, 6},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    SHUYUAN_ASSERT_OK_AND_ASSIGN(Format f, ParseFormat(c.text));
    EXPECT_EQ(f.text, c.text);
    EXPECT_EQ(f.layout, c.layout);
    EXPECT_EQ(f.char_class, CharClass::kAny);
    EXPECT_EQ(f.min_length, c.length);
    EXPECT_EQ(f.max_length, c.length);
  }
}

TEST(ParseFormatTest, ErrorNamesOffsetOfBadCharacter) {
  EXPECT_THAT(ParseFormat("an..5O"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("format 'an..5O': expected a digit at "
                                 "offset 5, found 'O'")));
  EXPECT_THAT(ParseFormat("x8"), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("at offset 0, found 'x'")));
  EXPECT_THAT(ParseFormat("n"), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("at offset 1, found the "
                                                   "end of the text")));
  EXPECT_THAT(ParseFormat("an.5"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a second '.' at offset 3")));
  EXPECT_THAT(ParseFormat("n.."),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit at offset 3")));
  EXPECT_THAT(ParseFormat("n..18,"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit at offset 6")));
  EXPECT_THAT(ParseFormat("n..18,2x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit at offset 7, found 'x'")));
  EXPECT_THAT(ParseFormat("ax8"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit or '..' at offset 1")));
  EXPECT_THAT(ParseFormat("n8.."),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit at offset 4")));
  EXPECT_THAT(ParseFormat(""), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("at offset 0")));
  EXPECT_THAT(ParseFormat("n８"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at offset 1, found '８'")));
}

TEST(ParseFormatTest, SpacesAreErrors) {
  EXPECT_THAT(ParseFormat(" n8"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at offset 0, found a space")));
  EXPECT_THAT(ParseFormat("n8 "),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at offset 2, found a space")));
  EXPECT_THAT(ParseFormat("an ..50"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at offset 2, found a space")));
  EXPECT_THAT(ParseFormat("YYYYMMDD "),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at offset 8, found a space")));
}

TEST(ParseFormatTest, LengthRules) {
  EXPECT_THAT(ParseFormat("n0"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("length must be at least 1 at offset 1")));
  EXPECT_THAT(ParseFormat("n0..5"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("length must be at least 1")));
  EXPECT_THAT(ParseFormat("an..0"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("maximum length must be at least 1 at "
                                 "offset 4")));
  EXPECT_THAT(ParseFormat("n5..3"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("minimum length 5 exceeds maximum length 3")));
  EXPECT_THAT(ParseFormat("n..5,5"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("scale 5 must be less than the maximum "
                                 "length 5 at offset 5")));
  EXPECT_THAT(ParseFormat("an..10,2"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("scale is allowed only with class n")));
  EXPECT_THAT(ParseFormat("n99999999999"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("number too large at offset 1")));
  SHUYUAN_EXPECT_OK(ParseFormat("n4294967295"));
}

TEST(ParseFormatTest, DateTimeLayoutErrors) {
  EXPECT_THAT(ParseFormat("yyyymmdd"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("case-sensitive at offset 0, write "
                                 "'YYYYMMDD'")));
  EXPECT_THAT(ParseFormat("YYYYMMDDhh"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a datetime layout at offset 10")));
  EXPECT_THAT(ParseFormat("YYYY/MM/DD"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at offset 4, found '/'")));
}

TEST(CharClassTest, Numeric) {
  EXPECT_EQ(FindCharClassViolation("0123456789", CharClass::kNumeric), npos);
  EXPECT_EQ(FindCharClassViolation("", CharClass::kNumeric), npos);
  EXPECT_EQ(FindCharClassViolation("12a4", CharClass::kNumeric), 2u);
  EXPECT_EQ(FindCharClassViolation("1.5", CharClass::kNumeric), 1u);
  EXPECT_EQ(FindCharClassViolation("-1", CharClass::kNumeric), 0u);
  // Full-width digits are not ASCII digits.
  EXPECT_EQ(FindCharClassViolation("1２", CharClass::kNumeric), 1u);
}

TEST(CharClassTest, AlphaAcceptsLettersOfAnyScriptAndNameSeparators) {
  EXPECT_EQ(FindCharClassViolation("张三", CharClass::kAlpha), npos);
  EXPECT_EQ(FindCharClassViolation("阿卜杜·热合曼", CharClass::kAlpha), npos);
  EXPECT_EQ(FindCharClassViolation("John Smith", CharClass::kAlpha), npos);
  EXPECT_EQ(FindCharClassViolation("Ølberg Straße", CharClass::kAlpha), npos);
  EXPECT_EQ(FindCharClassViolation("Иван", CharClass::kAlpha), npos);
  EXPECT_EQ(FindCharClassViolation("ئابدۇ", CharClass::kAlpha), npos);
  EXPECT_EQ(FindCharClassViolation("张3", CharClass::kAlpha), 3u);
  EXPECT_EQ(FindCharClassViolation("张-三", CharClass::kAlpha), 3u);
  // U+3000 (ideographic space) and U+30FB (katakana middle dot) are not
  // among the separators.
  EXPECT_EQ(FindCharClassViolation("张\u3000三", CharClass::kAlpha), 3u);
  EXPECT_EQ(FindCharClassViolation("阿卜杜\u30fb热合曼", CharClass::kAlpha),
            9u);
  EXPECT_EQ(FindCharClassViolation("①", CharClass::kAlpha), 0u);
}

TEST(CharClassTest, AlphaNumeric) {
  EXPECT_EQ(FindCharClassViolation("ABC123张三", CharClass::kAlphaNumeric),
            npos);
  EXPECT_EQ(FindCharClassViolation("阿卜杜·热合曼2", CharClass::kAlphaNumeric),
            npos);
  EXPECT_EQ(FindCharClassViolation("A_1", CharClass::kAlphaNumeric), 1u);
  EXPECT_EQ(FindCharClassViolation("浙A·12345", CharClass::kAlphaNumeric),
            npos);
  EXPECT_EQ(FindCharClassViolation("(1)", CharClass::kAlphaNumeric), 0u);
}

TEST(CharClassTest, AnyRejectsOnlyControls) {
  EXPECT_EQ(FindCharClassViolation("①™ 张三 !~", CharClass::kAny), npos);
  EXPECT_EQ(FindCharClassViolation("91330000MA27U0XXXX", CharClass::kAny),
            npos);
  EXPECT_EQ(FindCharClassViolation("a\tb", CharClass::kAny), 1u);
  EXPECT_EQ(FindCharClassViolation("ab\n", CharClass::kAny), 2u);
  EXPECT_EQ(
      FindCharClassViolation(absl::string_view("a\0b", 3), CharClass::kAny),
      1u);
  EXPECT_EQ(FindCharClassViolation("x\x7f", CharClass::kAny), 1u);
  EXPECT_EQ(FindCharClassViolation("x\u0085", CharClass::kAny), 1u);  // NEL
  EXPECT_EQ(FindCharClassViolation("\u00a0", CharClass::kAny), npos);
}

TEST(CharClassTest, InvalidUtf8IsAViolationAtTheBadByte) {
  EXPECT_EQ(FindCharClassViolation("ab\xff", CharClass::kAny), 2u);
  EXPECT_EQ(FindCharClassViolation("张\xe4\xb8", CharClass::kAlpha), 3u);
  EXPECT_EQ(FindCharClassViolation("\xc0\xaf", CharClass::kAny),
            0u);  // overlong
  EXPECT_EQ(FindCharClassViolation("a\xed\xa0\x80", CharClass::kAny),
            1u);  // surrogate
  EXPECT_EQ(FindCharClassViolation("1\xe4", CharClass::kNumeric), 1u);
}

TEST(ValueLengthTest, CodePoints) {
  EXPECT_EQ(ValueLength("", v1::CODE_POINTS), 0u);
  EXPECT_EQ(ValueLength("abc", v1::CODE_POINTS), 3u);
  EXPECT_EQ(ValueLength("张三", v1::CODE_POINTS), 2u);
  EXPECT_EQ(ValueLength("阿卜杜·热合曼", v1::CODE_POINTS), 7u);
  EXPECT_EQ(ValueLength("𠀀a", v1::CODE_POINTS), 2u);
  EXPECT_EQ(ValueLength("a\xff"
                        "b",
                        v1::CODE_POINTS),
            3u);
}

TEST(ValueLengthTest, Utf8Bytes) {
  EXPECT_EQ(ValueLength("abc", v1::UTF8_BYTES), 3u);
  EXPECT_EQ(ValueLength("张三", v1::UTF8_BYTES), 6u);
  EXPECT_EQ(ValueLength("𠀀", v1::UTF8_BYTES), 4u);
}

TEST(ValueLengthTest, Gb18030Bytes) {
  EXPECT_EQ(ValueLength("abc", v1::GB18030_BYTES), 3u);
  EXPECT_EQ(ValueLength("张三", v1::GB18030_BYTES), 4u);  // GB2312 area
  EXPECT_EQ(ValueLength("·", v1::GB18030_BYTES), 2u);     // A1A4
  EXPECT_EQ(ValueLength("€", v1::GB18030_BYTES), 2u);     // A2E3
  EXPECT_EQ(ValueLength("①", v1::GB18030_BYTES), 2u);     // A2D9
  // Four-byte BMP characters: U+0080, U+00A5, ™ U+2122, CJK Ext-A U+3400,
  // Uyghur letters, Hangul.
  EXPECT_EQ(ValueLength("\u0080", v1::GB18030_BYTES), 4u);
  EXPECT_EQ(ValueLength("¥", v1::GB18030_BYTES), 4u);
  EXPECT_EQ(ValueLength("™", v1::GB18030_BYTES), 4u);
  EXPECT_EQ(ValueLength("㐀", v1::GB18030_BYTES), 4u);
  EXPECT_EQ(ValueLength("ئ", v1::GB18030_BYTES), 4u);
  EXPECT_EQ(ValueLength("한", v1::GB18030_BYTES), 4u);
  EXPECT_EQ(ValueLength("𠀀", v1::GB18030_BYTES), 4u);  // supplementary
  EXPECT_EQ(ValueLength("阿卜杜·热合曼", v1::GB18030_BYTES), 14u);
  EXPECT_EQ(ValueLength("a张™", v1::GB18030_BYTES), 7u);
  EXPECT_EQ(ValueLength("\xff", v1::GB18030_BYTES), 4u);  // as U+FFFD
}

}  // namespace
}  // namespace shuyuan::codec
