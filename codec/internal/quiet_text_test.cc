#include "codec/internal/quiet_text.h"

#include <string>

#include "gtest/gtest.h"

namespace shuyuan::codec_internal {
namespace {

// width, trim, collapse_spaces and an `upper` step.
QuietText TextSteps() {
  QuietText quiet;
  quiet.set_width();
  quiet.set_ends();
  quiet.set_collapse();
  quiet.WakeAscii(0x09, 0x0D);
  quiet.WakeAscii(' ', ' ');
  quiet.WakeAscii('a', 'z');
  quiet.Finish();
  return quiet;
}

TEST(QuietTextTest, CanonicalAsciiAndChineseAreQuiet) {
  const QuietText quiet = TextSteps();
  EXPECT_TRUE(quiet.IsQuiet(""));
  EXPECT_TRUE(quiet.IsQuiet("91330000MA27U9XH4A"));
  EXPECT_TRUE(quiet.IsQuiet("浙江省杭州市西湖区"));
  EXPECT_TRUE(quiet.IsQuiet("软件开发、销售"));   // U+3001: not width's
  EXPECT_FALSE(quiet.IsQuiet("一般项目：软件"));  // U+FF1A: width's
}

TEST(QuietTextTest, WhatAStepActsOnIsNotQuiet) {
  const QuietText quiet = TextSteps();
  EXPECT_FALSE(quiet.IsQuiet("abc"));                   // upper
  EXPECT_FALSE(quiet.IsQuiet("0571 87654321"));         // collapse (space)
  EXPECT_FALSE(quiet.IsQuiet("１２３"));                // width
  EXPECT_FALSE(quiet.IsQuiet("浙江\xE3\x80\x80杭州"));  // U+3000: width
  EXPECT_FALSE(quiet.IsQuiet("浙江\xE2\x80\x83杭州"));  // U+2003: collapse
  EXPECT_FALSE(quiet.IsQuiet("\xE2\x80\x8B杭州"));      // U+200B at an end
  EXPECT_FALSE(quiet.IsQuiet("杭州\xFF"));              // ill-formed
}

TEST(QuietTextTest, NfcAndBlockedCharacters) {
  QuietText quiet;
  quiet.set_nfc();
  quiet.Block(0x4E07);  // 万, as a replace key's first character
  quiet.Finish();
  EXPECT_TRUE(quiet.IsQuiet("浙江（杭州）"));
  EXPECT_FALSE(quiet.IsQuiet("e\xCC\x81"));  // e + U+0301 combines
  EXPECT_FALSE(quiet.IsQuiet("100万"));
  QuietText ascii_only;
  ascii_only.BlockAllNonAscii();
  ascii_only.Finish();
  EXPECT_TRUE(ascii_only.IsQuiet("ABC"));
  EXPECT_FALSE(ascii_only.IsQuiet("张三"));
}

TEST(QuietTextTest, LongNonAsciiTextIsLeftToTheSteps) {
  const QuietText quiet = TextSteps();
  std::string text;
  while (text.size() <= QuietText::kMaxNonAsciiBytes) text += "浙";
  EXPECT_FALSE(quiet.IsQuiet(text));
  EXPECT_TRUE(quiet.IsQuiet(std::string(200, 'A')));
}

}  // namespace
}  // namespace shuyuan::codec_internal
