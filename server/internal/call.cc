#include "server/internal/call.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "server/status_mapping.h"

namespace shuyuan::server_internal {

Call::Call(const ServiceEnv& env, grpc::CallbackServerContext* context,
           const char* method)
    : env_(&env), context_(context), method_(method), start_(absl::Now()) {}

grpc::Status Call::Authorize(server::Role role) {
  absl::string_view authorization;
  const auto& metadata = context_->client_metadata();
  auto it = metadata.find("authorization");
  if (it != metadata.end()) {
    authorization = absl::string_view(it->second.data(), it->second.size());
  }
  absl::StatusOr<server::Principal> who =
      env_->auth->Authenticate(authorization);
  if (!who.ok()) return server::ToGrpcStatus(who.status());
  principal_ = *std::move(who);
  return Require(role, method_);
}

grpc::Status Call::Require(server::Role role, const char* what) const {
  if (principal_.Has(role)) return grpc::Status::OK;
  return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                      absl::StrCat(what, " needs the '", server::RoleName(role),
                                   "' role, which principal '", principal_.name,
                                   "' does not hold"));
}

void Call::Log(const grpc::Status& status, size_t request_bytes,
               size_t response_bytes) const {
  if (!env_->options->log_calls) return;
  const std::string line = absl::StrCat(
      "call method=", method_,
      " principal=", principal_.name.empty() ? "-" : principal_.name,
      " code=", static_cast<int>(status.error_code()),
      " ms=", absl::ToDoubleMilliseconds(absl::Now() - start_),
      " request_bytes=", request_bytes, " response_bytes=", response_bytes,
      "\n");
  std::fputs(line.c_str(), stderr);
}

void Call::Finish(grpc::ServerUnaryReactor* reactor, const grpc::Status& status,
                  size_t request_bytes, size_t response_bytes) const {
  Log(status, request_bytes, status.ok() ? response_bytes : 0);
  reactor->Finish(status);
}

}  // namespace shuyuan::server_internal
