#include "client/grpc_status.h"

#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

using google::protobuf::UnknownFieldSet;
using ::testing::ElementsAre;
using ::testing::Pair;

std::string Serialize(const UnknownFieldSet& set) {
  std::string bytes;
  EXPECT_TRUE(set.SerializeToString(&bytes));
  return bytes;
}

// A google.rpc.Status holding a google.rpc.BadRequest with the given
// violations, written field by field as the server's generated code would.
std::string StatusWithViolations(
    const std::vector<std::pair<std::string, std::string>>& violations) {
  UnknownFieldSet bad_request;
  for (const auto& [field, description] : violations) {
    UnknownFieldSet violation;
    violation.AddLengthDelimited(1, field);
    violation.AddLengthDelimited(2, description);
    bad_request.AddLengthDelimited(1, Serialize(violation));
  }
  UnknownFieldSet any;
  any.AddLengthDelimited(1, "type.googleapis.com/google.rpc.BadRequest");
  any.AddLengthDelimited(2, Serialize(bad_request));
  UnknownFieldSet other;
  other.AddLengthDelimited(1, "type.googleapis.com/google.rpc.ErrorInfo");
  other.AddLengthDelimited(2, "\x0a\x01x");
  UnknownFieldSet status;
  status.AddVarint(1, 3);
  status.AddLengthDelimited(2, "bad definition");
  status.AddLengthDelimited(3, Serialize(other));
  status.AddLengthDelimited(3, Serialize(any));
  return Serialize(status);
}

TEST(GrpcStatusTest, KeepsCodeAndMessage) {
  const absl::Status status = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "needs steward"));
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(), "needs steward");
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
  EXPECT_EQ(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "x")).code(),
      absl::StatusCode::kUnavailable);
}

TEST(GrpcStatusTest, AppendsBadRequestFieldViolations) {
  const std::string details = StatusWithViolations(
      {{"data_element.format", "expected a digit at offset 4"},
       {"data_element.id", "empty"}});
  EXPECT_THAT(
      FieldViolations(details),
      ElementsAre(Pair("data_element.format", "expected a digit at offset 4"),
                  Pair("data_element.id", "empty")));
  const absl::Status status = FromGrpcStatus(grpc::Status(
      grpc::StatusCode::INVALID_ARGUMENT, "bad definition", details));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "bad definition\n  data_element.format: expected a digit at "
            "offset 4\n  data_element.id: empty");
}

TEST(GrpcStatusTest, IgnoresDetailsThatDoNotParse) {
  EXPECT_TRUE(FieldViolations("").empty());
  EXPECT_TRUE(FieldViolations("\xff\xff\xff").empty());
  const absl::Status status =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad",
                                  std::string("\x1a\x02\xff\xff")));
  EXPECT_EQ(status.message(), "bad");
}

}  // namespace
}  // namespace shuyuan::client
