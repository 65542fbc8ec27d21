// The one absl::Status ↔ grpc::Status conversion of the server (STYLE: one
// conversion per boundary). The code numbers are shared (google.rpc.Code).
// Definition errors carry a google.rpc.BadRequest with field violations in
// the standard grpc-status-details-bin trailer: from the codec's ErrorSite
// (codec/definition_error.h), or from a refused item's problems.
//
//   reactor->Finish(ToGrpcStatus(registry->Get(request).status()));
//   reactor->Finish(RefusalToGrpcStatus(outcome));  // REFUSED outcome
//
// Pure functions; thread-safe.
#ifndef SHUYUAN_SERVER_STATUS_MAPPING_H_
#define SHUYUAN_SERVER_STATUS_MAPPING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::server {

grpc::Status ToGrpcStatus(const absl::Status& status);

// INVALID_ARGUMENT with one field violation per problem of a refused item.
grpc::Status RefusalToGrpcStatus(const v1::ItemOutcome& outcome);

// `code` and `message` with a BadRequest of (field, description) pairs.
grpc::Status BadRequestStatus(
    grpc::StatusCode code, const std::string& message,
    const std::vector<std::pair<std::string, std::string>>& violations);

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_STATUS_MAPPING_H_
