// What every RPC handler of the server shares: the services' environment,
// authentication and authorisation of the caller, and the one log line per
// call (method, principal, code, latency, sizes — never a value, never a
// token).
//
//   Call call(env, context, "GetItem");
//   grpc::Status status = call.Authorize(Role::kReader);
//   if (status.ok()) status = ...;
//   call.Finish(reactor, status, request.ByteSizeLong(),
//   response.ByteSizeLong());
//
// A Call is used by one thread at a time; it may move to the work queue.
#ifndef SHUYUAN_SERVER_INTERNAL_CALL_H_
#define SHUYUAN_SERVER_INTERNAL_CALL_H_

#include <cstddef>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "grpcpp/support/status.h"
#include "registry/registry.h"
#include "server/auth.h"
#include "server/internal/work_queue.h"
#include "server/server_options.h"

namespace shuyuan::server_internal {

// Everything the services need; owned by the Server, outlives the calls.
struct ServiceEnv {
  registry::Registry* registry = nullptr;
  server::Authenticator* auth = nullptr;
  const server::ServerOptions* options = nullptr;
  WorkQueue* work = nullptr;
};

class Call {
 public:
  Call(const ServiceEnv& env, grpc::CallbackServerContext* context,
       const char* method);

  // UNAUTHENTICATED without a valid token; PERMISSION_DENIED naming the
  // role the method needs.
  grpc::Status Authorize(server::Role role);
  // PERMISSION_DENIED unless the caller also holds `role`, for a request
  // option (allow_breaking) rather than the method itself.
  grpc::Status Require(server::Role role, const char* what) const;

  const server::Principal& principal() const { return principal_; }
  registry::Actor actor() const { return registry::Actor{principal_.name}; }

  // Logs the call and finishes `reactor` with `status`.
  void Finish(grpc::ServerUnaryReactor* reactor, const grpc::Status& status,
              size_t request_bytes, size_t response_bytes) const;
  // Logs a streaming call's end.
  void Log(const grpc::Status& status, size_t request_bytes,
           size_t response_bytes) const;

 private:
  const ServiceEnv* env_;
  grpc::CallbackServerContext* context_;
  const char* method_;
  absl::Time start_;
  server::Principal principal_;
};

}  // namespace shuyuan::server_internal

#endif  // SHUYUAN_SERVER_INTERNAL_CALL_H_
