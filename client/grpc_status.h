// The client's one conversion from grpc::Status to absl::Status (STYLE: one
// conversion per boundary). The codes share google.rpc.Code values. When the
// server attached a google.rpc.Status with google.rpc.BadRequest field
// violations (SPEC §4: definition errors), each violation is appended to
// the message as "\n  FIELD: DESCRIPTION".
//
//   grpc::Status status = stub->GetItem(&context, request, &response);
//   if (!status.ok()) return FromGrpcStatus(status);
//
// Thread-safe.
#ifndef SHUYUAN_CLIENT_GRPC_STATUS_H_
#define SHUYUAN_CLIENT_GRPC_STATUS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace shuyuan::client {

absl::Status FromGrpcStatus(const grpc::Status& status);

// The google.rpc.BadRequest field violations in a serialized google.rpc.Status
// (grpc::Status::error_details()), as (field, description) pairs in order;
// empty when there are none or the bytes do not parse. Read from the wire
// format, as Debian ships no generated google.rpc messages.
std::vector<std::pair<std::string, std::string>> FieldViolations(
    const std::string& status_details);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_GRPC_STATUS_H_
