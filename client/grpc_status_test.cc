#include "client/grpc_status.h"

#include <string>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

// What the server sends for a definition error (server/status_mapping.h):
// a google.rpc.Status with a BadRequest, beside a detail of another type.
std::string StatusWithViolations(
    const std::vector<std::pair<std::string, std::string>>& violations) {
  google::rpc::BadRequest bad_request;
  for (const auto& [field, description] : violations) {
    auto* violation = bad_request.add_field_violations();
    violation->set_field(field);
    violation->set_description(description);
  }
  google::rpc::Status status;
  status.set_code(3);
  status.set_message("bad definition");
  google::protobuf::Any* other = status.add_details();
  other->set_type_url("type.googleapis.com/google.rpc.ErrorInfo");
  other->set_value("\x0a\x01x");
  status.add_details()->PackFrom(bad_request);
  return status.SerializeAsString();
}

TEST(GrpcStatusTest, KeepsCodeAndMessage) {
  const absl::Status status = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "needs steward"));
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(), "needs steward");
  EXPECT_THAT(FieldViolations(status), IsEmpty());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
  EXPECT_EQ(
      FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "x")).code(),
      absl::StatusCode::kUnavailable);
}

TEST(GrpcStatusTest, KeepsBadRequestFieldViolations) {
  const absl::Status status = FromGrpcStatus(grpc::Status(
      grpc::StatusCode::INVALID_ARGUMENT, "L refused",
      StatusWithViolations({{"code_list.entries[3].valid_from", "bad date"},
                            {"code_list.id", "empty"}})));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "L refused");
  EXPECT_THAT(FieldViolations(status),
              ElementsAre(Pair("code_list.entries[3].valid_from", "bad date"),
                          Pair("code_list.id", "empty")));
}

TEST(GrpcStatusTest, IgnoresDetailsThatDoNotParse) {
  const absl::Status status = FromGrpcStatus(grpc::Status(
      grpc::StatusCode::INVALID_ARGUMENT, "bad", std::string("\x1a\x02\xff")));
  EXPECT_EQ(status.message(), "bad");
  EXPECT_THAT(FieldViolations(status), IsEmpty());
}

}  // namespace
}  // namespace shuyuan::client
