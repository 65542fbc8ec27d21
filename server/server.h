// Server: shuyuan-server assembled — the registry store, the two services,
// health checking and reflection, authentication, TLS and limits (SPEC §4).
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<Server> server,
//                            Server::Start(options));
//   std::cout << "listening on " << server->address();
//   ...                     // on SIGTERM, from another thread:
//   server->Shutdown();     // in-flight calls finish, the store closes
//   server->Wait();
//
// Thread-safe: Shutdown and ReloadTokens may be called from any thread.
#ifndef SHUYUAN_SERVER_SERVER_H_
#define SHUYUAN_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "registry/registry.h"
#include "server/auth.h"
#include "server/seed.h"
#include "server/server_options.h"

namespace grpc {
class Server;
}

namespace shuyuan::server {

class CodecServiceImpl;
class RegistryServiceImpl;
namespace internal_server {
struct Parts;
}

class Server {
 public:
  // Opens the store, seeds it, binds and starts serving. FailedPrecondition
  // for a non-loopback --listen without --tokens; Unavailable when the
  // address cannot be bound; the store's and seed's errors otherwise.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options);
  ~Server();

  // "HOST:PORT" actually bound (the port resolved when --listen asked for
  // port 0).
  const std::string& address() const { return address_; }
  int port() const { return port_; }
  const SeedReport& seed_report() const { return seed_report_; }

  // Blocks until Shutdown has finished.
  void Wait();
  // Ends Watch streams, lets in-flight calls finish (up to 30 s), stops the
  // work queue and closes the store. Idempotent.
  void Shutdown();
  // Re-reads --tokens (SIGHUP).
  absl::Status ReloadTokens();

 private:
  Server() = default;

  ServerOptions options_;
  std::unique_ptr<internal_server::Parts> parts_;
  std::string address_;
  int port_ = 0;
  SeedReport seed_report_;
  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_SERVER_H_
