#include "codec/issue.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

TEST(IssueCodeNameTest, NamesAreTheStableCodes) {
  EXPECT_EQ(IssueCodeName(v1::CHECKSUM_MISMATCH), "CHECKSUM_MISMATCH");
  EXPECT_EQ(IssueCodeName(v1::CODE_NOT_EFFECTIVE), "CODE_NOT_EFFECTIVE");
  EXPECT_EQ(IssueCodeName(v1::REQUIRED_MISSING), "REQUIRED_MISSING");
  EXPECT_EQ(IssueCodeName(v1::SUPERSEDED_DEFINITION), "SUPERSEDED_DEFINITION");
}

TEST(IssueCodeNameTest, RoundTripsEveryCode) {
  const google::protobuf::EnumDescriptor* codes = v1::IssueCode_descriptor();
  ASSERT_GE(codes->value_count(), 20);
  for (int i = 0; i < codes->value_count(); ++i) {
    const auto code = static_cast<v1::IssueCode>(codes->value(i)->number());
    EXPECT_EQ(IssueCodeFromName(IssueCodeName(code)), code)
        << codes->value(i)->name();
  }
}

TEST(IssueCodeFromNameTest, UnknownNamesAreUnspecified) {
  EXPECT_EQ(IssueCodeFromName("NO_SUCH_CODE"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(IssueCodeFromName("checksum_mismatch"), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(IssueCodeFromName(""), v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(IssueCodeFromName("CODE_NOT_IN_LIST"), v1::CODE_NOT_IN_LIST);
}

TEST(MaskValueTest, LowSensitivityIsUnchanged) {
  EXPECT_EQ(MaskValue("11010519491231002X", v1::SENSITIVITY_UNSPECIFIED),
            "11010519491231002X");
  EXPECT_EQ(MaskValue("11010519491231002X", v1::L1), "11010519491231002X");
  EXPECT_EQ(MaskValue("11010519491231002X", v1::L2), "11010519491231002X");
}

TEST(MaskValueTest, KeepsFirstThreeAndLastTwo) {
  EXPECT_EQ(MaskValue("11010519491231002X", v1::L3), "110*************2X");
  EXPECT_EQ(MaskValue("11010519491231002X", v1::L4), "110*************2X");
  EXPECT_EQ(MaskValue("123456", v1::L3), "123*56");
}

TEST(MaskValueTest, ShortValuesAreMaskedWhole) {
  EXPECT_EQ(MaskValue("12345", v1::L3), "*****");
  EXPECT_EQ(MaskValue("1", v1::L4), "*");
  EXPECT_EQ(MaskValue("", v1::L3), "");
}

TEST(MaskValueTest, CountsCodePointsNotBytes) {
  // One '*' per hidden character, whatever its UTF-8 length.
  EXPECT_EQ(MaskValue("欧阳娜娜", v1::L3), "****");
  EXPECT_EQ(MaskValue("阿卜杜·热合曼", v1::L3), "阿卜杜**合曼");
  EXPECT_EQ(MaskValue("浙江省杭州市西湖区", v1::L3), "浙江省****湖区");
}

TEST(MaskValueTest, LongValuesAreCutWithTheirLengthNoted) {
  const std::string long_id(300, '7');
  EXPECT_EQ(MaskValue(long_id, v1::L1), std::string(256, '7') + "…[300 chars]");
  EXPECT_EQ(MaskValue(long_id, v1::L3),
            "777" + std::string(253, '*') + "…[300 chars]");
  EXPECT_EQ(MaskValue(long_id, v1::L1, /*max_chars=*/0), long_id);
  EXPECT_EQ(MaskValue("张三李四王五", v1::L1, 2), "张三…[6 chars]");
  EXPECT_EQ(MaskValue("张三李四王五", v1::L3, 4), "张三李*…[6 chars]");
  // A huge value costs its length, not a copy per character.
  const std::string huge(10 << 20, 'v');
  EXPECT_EQ(MaskValue(huge, v1::L4).size(),
            kMaxQuotedChars + std::string("…[10485760 chars]").size());
}

}  // namespace
}  // namespace shuyuan::codec
