// The two-byte table against ICU: every pair it maps gives ICU's text, and
// whole texts (ASCII, two- and four-byte characters, invalid bytes) decode
// through Gb18030Decoder exactly as ICU alone decodes them.
#include "codec/internal/gb18030_pairs.h"

#include <random>
#include <string>

#include "codec/internal/text_decoder.h"
#include "gtest/gtest.h"
#include "unicode/unistr.h"

namespace shuyuan::codec_internal {
namespace {

std::string IcuToUtf8(const std::string& gb) {
  std::string out;
  icu::UnicodeString(gb.data(), static_cast<int32_t>(gb.size()), "gb18030")
      .toUTF8String(out);
  return out;
}

std::string IcuToGb18030(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<size_t>(u.length()) * 4 + 8, '\0');
  const int32_t n = u.extract(0, u.length(), out.data(),
                              static_cast<uint32_t>(out.size()), "gb18030");
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(Gb18030PairsTest, EveryMappedPairIsIcusCharacter) {
  const Gb18030Pairs& pairs = Gb18030Pairs::Get();
  int mapped = 0;
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      const std::string pair = {static_cast<char>(lead),
                                static_cast<char>(trail)};
      std::string out;
      if (!pairs.DecodeAsciiAndPairs(pair, &out)) continue;
      ++mapped;
      EXPECT_EQ(out, IcuToUtf8(pair)) << lead << " " << trail;
    }
  }
  EXPECT_GT(mapped, 20000);  // GBK's 21,886 characters and more
}

TEST(Gb18030PairsTest, DecoderGivesIcusTextForMixedInput) {
  auto decoder = Gb18030Decoder::Create();
  ASSERT_TRUE(decoder.ok());
  const std::string pool[] = {"a", ",",  "中",       "文", "，", "１",
                              "€", "𠀀", "\xC2\xB7", "é",  "\"", "\xE2\x80\x94",
                              " "};
  std::mt19937 rng(5);
  for (int round = 0; round < 2000; ++round) {
    std::string utf8;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) utf8 += pool[rng() % std::size(pool)];
    std::string gb = IcuToGb18030(utf8);
    std::string out;
    EXPECT_TRUE((*decoder)->Decode(gb, &out));
    EXPECT_EQ(out, utf8);
    // A stray byte makes it invalid: the table declines, ICU reports it.
    if (!gb.empty()) {
      gb.insert(rng() % gb.size(), 1, '\xFF');  // never valid
      DecodeError error;
      EXPECT_FALSE((*decoder)->Decode(gb, &out, &error));
    }
  }
}

}  // namespace
}  // namespace shuyuan::codec_internal
