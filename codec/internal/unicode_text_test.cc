#include "codec/internal/unicode_text.h"

#include <string>

#include "gtest/gtest.h"

namespace shuyuan::codec_internal {
namespace {

TEST(DecodeUtf8Test, WellFormed) {
  const std::string s = "a\u00e9\u4e2d\U0001F600";
  const char* p = s.data();
  const char* end = p + s.size();
  Utf8Char c = DecodeUtf8(p, end);
  EXPECT_EQ(c.cp, U'a');
  EXPECT_EQ(c.length, 1);
  p += c.length;
  c = DecodeUtf8(p, end);
  EXPECT_EQ(c.cp, 0xE9u);
  EXPECT_EQ(c.length, 2);
  p += c.length;
  c = DecodeUtf8(p, end);
  EXPECT_EQ(c.cp, 0x4E2Du);
  EXPECT_EQ(c.length, 3);
  p += c.length;
  c = DecodeUtf8(p, end);
  EXPECT_EQ(c.cp, 0x1F600u);
  EXPECT_EQ(c.length, 4);
}

TEST(DecodeUtf8Test, IllFormedBytesDecodeAsOneInvalidByte) {
  for (const std::string& s :
       {std::string("\x80"), std::string("\xC0\xAF"),  // overlong '/'
        std::string("\xE4\xB8"),                       // truncated
        std::string("\xED\xA0\x80"),                   // surrogate
        std::string("\xF4\x90\x80\x80"),               // above U+10FFFF
        std::string("\xFF")}) {
    const Utf8Char c = DecodeUtf8(s.data(), s.data() + s.size());
    EXPECT_EQ(c.cp, kInvalidCodePoint) << s.size();
    EXPECT_EQ(c.length, 1);
  }
}

TEST(EncodeUtf8Test, RoundTrips) {
  for (char32_t cp :
       {U'A', char32_t{0xE9}, char32_t{0x3000}, char32_t{0x1F600}}) {
    char buf[4];
    const int n = EncodeUtf8(cp, buf);
    const Utf8Char c = DecodeUtf8(buf, buf + n);
    EXPECT_EQ(c.cp, cp);
    EXPECT_EQ(c.length, n);
  }
}

TEST(UnicodeTextTest, AsciiValidityAndCounts) {
  EXPECT_TRUE(IsAscii("110105194912310021"));
  EXPECT_TRUE(IsAscii(""));
  EXPECT_FALSE(IsAscii("11010519491231002\u00d7"));
  EXPECT_TRUE(IsValidUtf8("\u4e2d\u6587"));
  EXPECT_FALSE(IsValidUtf8("ab\xE4\xB8"));
  EXPECT_EQ(CountCodePoints("\u4e2d\u6587ab"), 4u);
  EXPECT_EQ(CountCodePoints("a\xFF"), 2u);
}

TEST(UnicodeTextTest, WhiteSpaceSets) {
  for (char32_t cp :
       {char32_t{0x09}, char32_t{0x0D}, char32_t{0x20}, char32_t{0x85},
        char32_t{0xA0}, char32_t{0x1680}, char32_t{0x2000}, char32_t{0x200A},
        char32_t{0x2028}, char32_t{0x2029}, char32_t{0x202F}, char32_t{0x205F},
        char32_t{0x3000}}) {
    EXPECT_TRUE(IsWhiteSpace(cp)) << std::hex << static_cast<uint32_t>(cp);
    EXPECT_TRUE(IsTrimmable(cp)) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_FALSE(IsWhiteSpace(0x200B));
  EXPECT_FALSE(IsWhiteSpace(0xFEFF));
  EXPECT_TRUE(IsTrimmable(0x200B));
  EXPECT_TRUE(IsTrimmable(0xFEFF));
  EXPECT_FALSE(IsTrimmable('a'));
  EXPECT_FALSE(IsTrimmable(0x4E2D));
}

TEST(TrimViewTest, StripsBothEnds) {
  EXPECT_EQ(TrimView(" \t\u3000\u00a0abc d\u200b\ufeff\r\n"), "abc d");
  EXPECT_EQ(TrimView("\u3000\u3000"), "");
  EXPECT_EQ(TrimView("abc"), "abc");
  EXPECT_EQ(TrimView(""), "");
}

TEST(TrimViewTest, KeepsIllFormedBytes) {
  // A trailing continuation byte that is not part of a white-space character
  // stays, as does a truncated sequence at the start.
  EXPECT_EQ(TrimView(" a\x80 "), "a\x80");
  EXPECT_EQ(TrimView("\xE3\x80 x"), "\xE3\x80 x");
  // U+3000 is E3 80 80: its last two bytes alone are not white space.
  EXPECT_EQ(TrimView("x\x80\x80"), "x\x80\x80");
}

}  // namespace
}  // namespace shuyuan::codec_internal
