#include "server/server.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "server/codec_service.h"
#include "server/internal/call.h"
#include "server/internal/work_queue.h"
#include "server/registry_service.h"

namespace shuyuan::server {
namespace internal_server {

// What a running server owns, in construction order (destroyed in reverse:
// the gRPC server before the services before the registry).
struct Parts {
  std::unique_ptr<registry::Registry> registry;
  std::unique_ptr<Authenticator> auth;
  std::unique_ptr<server_internal::WorkQueue> work;
  server_internal::ServiceEnv env;
  std::unique_ptr<RegistryServiceImpl> registry_service;
  std::unique_ptr<CodecServiceImpl> codec_service;
  std::unique_ptr<grpc::Server> grpc_server;
};

}  // namespace internal_server

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat(flag, " ", path, ": cannot read the file"));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(
    const ServerOptions& options) {
  if (options.tls_cert.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  SHUYUAN_ASSIGN_OR_RETURN(pair.cert_chain,
                           ReadPem(options.tls_cert, "--tls-cert"));
  SHUYUAN_ASSIGN_OR_RETURN(pair.private_key,
                           ReadPem(options.tls_key, "--tls-key"));
  ssl.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options) {
  if (options.tokens.empty() && !IsLoopback(options.listen)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--listen ", options.listen,
        " is not a loopback address, and without --tokens every caller "
        "would hold every role; give --tokens FILE (see `shuyuan token "
        "hash`) or listen on 127.0.0.1"));
  }
  std::unique_ptr<Server> server(new Server());
  server->options_ = options;
  auto parts = std::make_unique<internal_server::Parts>();
  if (options.tokens.empty()) {
    parts->auth = Authenticator::Open();
  } else {
    SHUYUAN_ASSIGN_OR_RETURN(parts->auth,
                             Authenticator::FromFile(options.tokens));
  }
  SHUYUAN_ASSIGN_OR_RETURN(auto credentials, Credentials(options));
  registry::RegistryOptions registry_options;
  registry_options.data_dir = options.data_dir;
  registry_options.max_page_size = static_cast<uint32_t>(options.max_page_size);
  SHUYUAN_ASSIGN_OR_RETURN(parts->registry,
                           registry::Registry::Open(registry_options));
  if (!options.seed.empty()) {
    SHUYUAN_ASSIGN_OR_RETURN(server->seed_report_,
                             SeedRegistry(*parts->registry, options.seed));
  }
  parts->work =
      std::make_unique<server_internal::WorkQueue>(options.registry_threads);
  parts->env.registry = parts->registry.get();
  parts->env.auth = parts->auth.get();
  parts->env.options = &server->options_;
  parts->env.work = parts->work.get();
  parts->registry_service = std::make_unique<RegistryServiceImpl>(parts->env);
  parts->codec_service = std::make_unique<CodecServiceImpl>(parts->env);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(options.max_message_bytes));
  builder.RegisterService(parts->registry_service.get());
  builder.RegisterService(parts->codec_service.get());
  parts->grpc_server = builder.BuildAndStart();
  if (parts->grpc_server == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat(
        "--listen ", options.listen,
        ": cannot bind (in use by another process, or not an address of "
        "this machine)"));
  }
  parts->grpc_server->GetHealthCheckService()->SetServingStatus(true);
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  server->address_ = absl::StrCat(host, ":", server->port_);
  server->parts_ = std::move(parts);
  return server;
}

Server::~Server() { Shutdown(); }

void Server::Wait() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&shut_down_));
}

void Server::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_ || parts_ == nullptr) {
      shut_down_ = true;
      return;
    }
  }
  parts_->grpc_server->GetHealthCheckService()->SetServingStatus(false);
  parts_->registry_service->EndWatches();
  parts_->grpc_server->Shutdown(
      absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  parts_->grpc_server->Wait();
  parts_->work->Stop();
  parts_.reset();  // closes the store
  absl::MutexLock lock(&mu_);
  shut_down_ = true;
}

absl::Status Server::ReloadTokens() {
  if (parts_ == nullptr) return absl::OkStatus();
  return parts_->auth->Reload();
}

}  // namespace shuyuan::server
