#include "registry/internal/keys.h"

#include <string>

#include "gtest/gtest.h"

namespace shuyuan::registry_internal {
namespace {

TEST(KeysTest, ItemKeysRoundTripAndSortByVersion) {
  const std::string k2 = ItemKey(v1::DATA_ELEMENT, "GMSFHM", 2);
  const std::string k10 = ItemKey(v1::DATA_ELEMENT, "GMSFHM", 10);
  EXPECT_LT(k2, k10);  // big-endian versions sort numerically
  auto parsed = ParseItemKey(k10);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, v1::DATA_ELEMENT);
  EXPECT_EQ(parsed->id, "GMSFHM");
  EXPECT_EQ(parsed->version, 10u);
  // An id that is a prefix of another never shares its item prefix.
  EXPECT_NE(ItemKey(v1::DATA_ELEMENT, "GMSFHMX", 1)
                .rfind(ItemIdPrefix(v1::DATA_ELEMENT, "GMSFHM"), 0),
            0u);
  EXPECT_FALSE(ParseItemKey("garbage").has_value());
  EXPECT_FALSE(ParseItemKey(k10.substr(0, k10.size() - 1)).has_value());
}

TEST(KeysTest, PinAndPostingKeysRoundTrip) {
  const std::string pin =
      PinKey(v1::CODE_LIST, "GB_T_2261_1", 3, v1::DATA_ELEMENT, "XBDM", 7);
  EXPECT_EQ(pin.rfind(PinTargetPrefix(v1::CODE_LIST, "GB_T_2261_1", 3), 0), 0u);
  auto parsed = ParsePinKey(pin);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->target_id, "GB_T_2261_1");
  EXPECT_EQ(parsed->target_version, 3u);
  EXPECT_EQ(parsed->source_kind, v1::DATA_ELEMENT);
  EXPECT_EQ(parsed->source_id, "XBDM");
  EXPECT_EQ(parsed->source_version, 7u);

  auto posting = ParsePostingKey(PostingKey("身份", v1::TERM, "T1"));
  ASSERT_TRUE(posting.has_value());
  EXPECT_EQ(posting->token, "身份");
  EXPECT_EQ(posting->kind, v1::TERM);
  EXPECT_EQ(posting->id, "T1");
}

TEST(KeysTest, HeadsAndFixedIntegers) {
  Head head{42, v1::NONE};
  auto decoded = DecodeHead(EncodeHead(head));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->latest, 42u);
  EXPECT_EQ(decoded->policy, v1::NONE);
  EXPECT_FALSE(DecodeHead("abc").has_value());
  EXPECT_EQ(DecodeFixed64(EncodeFixed64(0x0102030405060708ull)),
            0x0102030405060708ull);
  EXPECT_LT(AuditKey(255), AuditKey(256));
}

}  // namespace
}  // namespace shuyuan::registry_internal
