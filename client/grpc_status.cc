#include "client/grpc_status.h"

#include "absl/strings/cord.h"
#include "absl/types/optional.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace shuyuan::client {
namespace {

constexpr char kBadRequestType[] = "type.googleapis.com/google.rpc.BadRequest";

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status converted(static_cast<absl::StatusCode>(status.error_code()),
                         status.error_message());
  google::rpc::Status details;
  if (status.error_details().empty() ||
      !details.ParseFromString(status.error_details())) {
    return converted;
  }
  google::rpc::BadRequest all;
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::BadRequest bad_request;
    if (detail.Is<google::rpc::BadRequest>() && detail.UnpackTo(&bad_request)) {
      all.MergeFrom(bad_request);
    }
  }
  if (!all.field_violations().empty()) {
    converted.SetPayload(kBadRequestType, absl::Cord(all.SerializeAsString()));
  }
  return converted;
}

std::vector<std::pair<std::string, std::string>> FieldViolations(
    const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> violations;
  const absl::optional<absl::Cord> payload = status.GetPayload(kBadRequestType);
  google::rpc::BadRequest bad_request;
  if (!payload.has_value() ||
      !bad_request.ParseFromString(std::string(*payload))) {
    return violations;
  }
  for (const auto& violation : bad_request.field_violations()) {
    violations.emplace_back(violation.field(), violation.description());
  }
  return violations;
}

}  // namespace shuyuan::client
