#include "client/connection.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace shuyuan::client {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string what =
        absl::StrCat("--tls-ca ", path, ": ", std::strerror(error));
    return error == ENOENT ? absl::NotFoundError(what)
                           : absl::PermissionDeniedError(what);
  }
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-ca ", path, ": no PEM certificate in the file"));
  }
  return text.str();
}

absl::Status CheckToken(const std::string& token) {
  for (const char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) {
      return absl::InvalidArgumentError(
          "the token (--token or SHUYUAN_TOKEN) may hold printable ASCII "
          "characters only, no spaces");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Connection>> Connection::Open(
    ConnectionOptions options) {
  if (options.server.empty()) {
    return absl::InvalidArgumentError("--server HOST:PORT is empty");
  }
  if (absl::Status status = CheckToken(options.token); !status.ok()) {
    return status;
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (!options.tls_ca_file.empty()) {
    absl::StatusOr<std::string> pem = ReadPem(options.tls_ca_file);
    if (!pem.ok()) return pem.status();
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *std::move(pem);
    credentials = grpc::SslCredentials(ssl);
  } else if (options.tls) {
    credentials = grpc::SslCredentials(grpc::SslCredentialsOptions());
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments arguments;
  // Bundles and code lists with many entries exceed gRPC's 4 MiB default;
  // the server enforces its own limits.
  arguments.SetMaxReceiveMessageSize(-1);
  arguments.SetMaxSendMessageSize(-1);
  arguments.SetUserAgentPrefix("shuyuan-cli");
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateCustomChannel(options.server, credentials, arguments);
  return std::shared_ptr<const Connection>(
      new Connection(std::move(options), std::move(channel)));
}

void Connection::Prepare(grpc::ClientContext* context,
                         absl::Duration timeout) const {
  if (!options_.token.empty()) {
    context->AddMetadata("authorization",
                         absl::StrCat("Bearer ", options_.token));
  }
  if (timeout != absl::InfiniteDuration()) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  }
}

void CallCancel::Cancel() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  if (context_ != nullptr) context_->TryCancel();
}

bool CallCancel::cancelled() const {
  absl::MutexLock lock(&mu_);
  return cancelled_;
}

void CallCancel::Attach(grpc::ClientContext* context) {
  absl::MutexLock lock(&mu_);
  context_ = context;
  if (context_ != nullptr && cancelled_) context_->TryCancel();
}

}  // namespace shuyuan::client
