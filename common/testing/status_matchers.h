// gMock matchers for absl::Status and absl::StatusOr (Debian's Abseil has
// none):
//
//   EXPECT_THAT(ParseFormat("n8"), IsOk());
//   EXPECT_THAT(ParseFormat("x8"),
//               StatusIs(absl::StatusCode::kInvalidArgument,
//                        testing::HasSubstr("offset 0")));
//   SHUYUAN_ASSERT_OK_AND_ASSIGN(Format f, ParseFormat("an..50"));
#ifndef SHUYUAN_COMMON_TESTING_STATUS_MATCHERS_H_
#define SHUYUAN_COMMON_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::testing {

inline const absl::Status& GetStatus(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = ::shuyuan::testing::GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& status = ::shuyuan::testing::GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& status = ::shuyuan::testing::GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(
             message_matcher, std::string(status.message()), result_listener);
}

}  // namespace shuyuan::testing

#define SHUYUAN_ASSERT_OK(expr) ASSERT_THAT((expr), ::shuyuan::testing::IsOk())
#define SHUYUAN_EXPECT_OK(expr) EXPECT_THAT((expr), ::shuyuan::testing::IsOk())

#define SHUYUAN_ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  SHUYUAN_ASSERT_OK_AND_ASSIGN_IMPL_(            \
      SHUYUAN_TESTING_CONCAT_(shuyuan_statusor_, __LINE__), lhs, rexpr)
#define SHUYUAN_TESTING_CONCAT_INNER_(a, b) a##b
#define SHUYUAN_TESTING_CONCAT_(a, b) SHUYUAN_TESTING_CONCAT_INNER_(a, b)
#define SHUYUAN_ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                       \
  ASSERT_TRUE(statusor.ok()) << statusor.status();               \
  lhs = std::move(statusor).value()

#endif  // SHUYUAN_COMMON_TESTING_STATUS_MATCHERS_H_
