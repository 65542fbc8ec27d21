#include "client/as_of_flag.h"

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::HasSubstr;

TEST(AsOfFlagTest, TakesExactlyARealIsoDate) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(AsOf day, ParseAsOfFlag("2020-02-29"));
  EXPECT_EQ(day.key, 20200229);
  EXPECT_EQ(day.iso, "2020-02-29");
  for (const char* bad :
       {"20230101", "", "2023-1-1", "2023-02-29", " 2023-01-01", "today"}) {
    EXPECT_THAT(ParseAsOfFlag(std::string(bad)),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr(absl::StrCat("'", bad, "'"))));
  }
}

TEST(AsOfFlagTest, WithoutTheFlagItIsToday) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(AsOf today, ParseAsOfFlag(std::nullopt));
  EXPECT_EQ(today.key, codec::MakeDateKey(codec::Today()));
  EXPECT_EQ(today.iso.size(), 10u);
}

}  // namespace
}  // namespace shuyuan::client
