#include "datagen/check_characters.h"

#include "gtest/gtest.h"

namespace shuyuan::datagen {
namespace {

// The test vectors of SPEC §2.5 and the standards' own examples.
TEST(CheckCharactersTest, Gb11643) {
  EXPECT_EQ(Gb11643Check("11010519491231002"), 'X');
  EXPECT_EQ(Gb11643Check("44052418800101001"), '4');
  EXPECT_EQ(Gb11643Check("33010619900307001"), '4');
}

TEST(CheckCharactersTest, Gb32100) {
  EXPECT_EQ(Gb32100Check("91110000600037341"), 'L');
  EXPECT_EQ(Gb32100Check("91330000MA27U9XH4"), 'A');
  EXPECT_EQ(Gb32100Value('0'), 0);
  EXPECT_EQ(Gb32100Value('Y'), 30);
  for (char c : {'I', 'O', 'S', 'V', 'Z', 'a'}) {
    EXPECT_EQ(Gb32100Value(c), -1) << c;
  }
}

TEST(CheckCharactersTest, Gb11714) {
  EXPECT_EQ(Gb11714Check("60003734"), '1');
  EXPECT_EQ(Gb11714Check("MA27U9XH"), '4');
  EXPECT_EQ(Gb11714Check("73918862"), 'X');
}

TEST(CheckCharactersTest, Luhn) {
  EXPECT_EQ(LuhnCheck("622848040256489001"), '8');
  EXPECT_EQ(LuhnCheck("7992739871"), '3');
}

}  // namespace
}  // namespace shuyuan::datagen
