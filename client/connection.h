// A connection to shuyuan-server (SPEC §4, §5): the gRPC channel, plain text
// or TLS, and what every call carries — the bearer token as
// `authorization: Bearer TOKEN` metadata and a deadline.
//
//   ConnectionOptions options;
//   options.server = "127.0.0.1:50051";
//   options.token = token;                        // from --token / env
//   SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const Connection> connection,
//                            Connection::Open(options));
//   RegistryClient registry(connection);          // client/registry_client.h
//
// Opening does not contact the server: an unreachable server shows as
// UNAVAILABLE on the first call. Thread-safe; shared by the clients built on
// it, which keep it alive.
#ifndef SHUYUAN_CLIENT_CONNECTION_H_
#define SHUYUAN_CLIENT_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace shuyuan::client {

struct ConnectionOptions {
  // HOST:PORT of shuyuan-server. Default 127.0.0.1:50051, as the server's
  // --listen default.
  std::string server = "127.0.0.1:50051";
  // Sent as `authorization: Bearer TOKEN` on every call; nothing is sent
  // when empty (a server without a tokens file, on loopback).
  std::string token;
  // A PEM file of CA certificates to trust: the connection uses TLS when it
  // is set. Set it for a server started with --tls-cert/--tls-key.
  std::string tls_ca_file;
  // TLS trusting the system's CA roots, when tls_ca_file is empty. Default
  // false: plain text.
  bool tls = false;
  // Deadline of ordinary calls. Default 30 s; the clients give imports,
  // applies, bundle exports and backups longer ones of their own.
  absl::Duration timeout = absl::Seconds(30);
};

// Lets another thread (a signal watcher, say) cancel a long call: Watch,
// CreateCodeList, ValidateStream. A call made with a cancelled CallCancel
// ends at once with CANCELLED. Thread-safe.
class CallCancel {
 public:
  CallCancel() = default;
  CallCancel(const CallCancel&) = delete;
  CallCancel& operator=(const CallCancel&) = delete;

  // Cancels the running call, if any, and every later one. Idempotent.
  void Cancel();
  bool cancelled() const;

  // For the clients: registers the running call's context (nullptr when it
  // ends). Cancels it at once when Cancel came first.
  void Attach(grpc::ClientContext* context);

 private:
  mutable absl::Mutex mu_;
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mu_) = nullptr;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
};

class Connection {
 public:
  // InvalidArgument for an empty server or a token that cannot travel as a
  // header (control characters, spaces); NotFound / PermissionDenied naming
  // tls_ca_file when it cannot be read.
  static absl::StatusOr<std::shared_ptr<const Connection>> Open(
      ConnectionOptions options);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const ConnectionOptions& options() const { return options_; }

  // Adds the token to `context` and sets its deadline `timeout` from now
  // (none for absl::InfiniteDuration()).
  void Prepare(grpc::ClientContext* context, absl::Duration timeout) const;
  // As above with options().timeout.
  void Prepare(grpc::ClientContext* context) const {
    Prepare(context, options_.timeout);
  }

 private:
  Connection(ConnectionOptions options, std::shared_ptr<grpc::Channel> channel)
      : options_(std::move(options)), channel_(std::move(channel)) {}

  const ConnectionOptions options_;
  const std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_CONNECTION_H_
