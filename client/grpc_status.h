// The client's one conversion from grpc::Status to absl::Status (STYLE: one
// conversion per boundary). The codes share google.rpc.Code values and the
// message is kept as the server wrote it. When the server attached a
// google.rpc.Status with a google.rpc.BadRequest (SPEC §4: definition
// errors; server/status_mapping.h), the BadRequest travels on as the
// status's payload under its type URL, so that a command can place each
// field violation (a code list's entries[N] on a line of its file, say).
//
//   grpc::Status status = stub->GetItem(&context, request, &response);
//   if (!status.ok()) return FromGrpcStatus(status);
//   ...
//   for (const auto& [field, description] : FieldViolations(error)) ...
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

// The field violations FromGrpcStatus kept, as (field, description) pairs
// in the server's order; empty when there are none.
std::vector<std::pair<std::string, std::string>> FieldViolations(
    const absl::Status& status);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_GRPC_STATUS_H_
