#include "server/server_options.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace shuyuan::server {
namespace {

struct StringFlag {
  const char* name;
  std::string ServerOptions::*field;
};
struct NumberFlag {
  const char* name;
  int64_t ServerOptions::*field;
};

const StringFlag kStringFlags[] = {
    {"--listen", &ServerOptions::listen},
    {"--data-dir", &ServerOptions::data_dir},
    {"--seed", &ServerOptions::seed},
    {"--tokens", &ServerOptions::tokens},
    {"--tls-cert", &ServerOptions::tls_cert},
    {"--tls-key", &ServerOptions::tls_key},
    {"--backup-dir", &ServerOptions::backup_dir},
};
const NumberFlag kNumberFlags[] = {
    {"--max-message-bytes", &ServerOptions::max_message_bytes},
    {"--max-batch-records", &ServerOptions::max_batch_records},
    {"--max-record-fields", &ServerOptions::max_record_fields},
    {"--max-value-bytes", &ServerOptions::max_value_bytes},
    {"--max-chunk-entries", &ServerOptions::max_chunk_entries},
    {"--max-page-size", &ServerOptions::max_page_size},
};

}  // namespace

absl::StatusOr<ServerOptions> ParseServerFlags(
    const std::vector<std::string>& args) {
  ServerOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::string value;
    bool has_value = false;
    const size_t eq = flag.find('=');
    if (absl::StartsWith(flag, "--") && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_value = true;
    }
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      continue;
    }
    if (flag == "--bench-echo") {
      options.bench_echo = true;
      continue;
    }
    if (flag == "--quiet") {
      options.log_calls = false;
      continue;
    }
    auto take_value = [&]() -> absl::StatusOr<std::string> {
      if (has_value) return value;
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat(flag, " needs a value (shuyuan-server --help)"));
      }
      return args[++i];
    };
    bool known = false;
    for (const StringFlag& f : kStringFlags) {
      if (flag != f.name) continue;
      absl::StatusOr<std::string> v = take_value();
      if (!v.ok()) return v.status();
      options.*(f.field) = *v;
      known = true;
    }
    for (const NumberFlag& f : kNumberFlags) {
      if (flag != f.name) continue;
      absl::StatusOr<std::string> v = take_value();
      if (!v.ok()) return v.status();
      int64_t n = 0;
      if (!absl::SimpleAtoi(*v, &n) || n <= 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            flag, " '", *v, "': expected a positive whole number"));
      }
      options.*(f.field) = n;
      known = true;
    }
    if (flag == "--registry-threads") {
      absl::StatusOr<std::string> v = take_value();
      if (!v.ok()) return v.status();
      if (!absl::SimpleAtoi(*v, &options.registry_threads) ||
          options.registry_threads <= 0 || options.registry_threads > 256) {
        return absl::InvalidArgumentError(
            absl::StrCat(flag, " '", *v, "': expected 1 to 256"));
      }
      known = true;
    }
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown flag '", args[i], "' (shuyuan-server --help lists them)"));
    }
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key go together: give both or neither");
  }
  if (options.max_message_bytes > INT32_MAX) {
    return absl::InvalidArgumentError(
        "--max-message-bytes: at most 2147483647");
  }
  return options;
}

std::string ServerUsage() {
  const ServerOptions d;
  return absl::StrCat(
      "usage: shuyuan-server [FLAGS]\n"
      "\n"
      "The shuyuan registry and codec over gRPC (RegistryService, "
      "CodecService,\n"
      "grpc.health.v1.Health, server reflection).\n"
      "\n"
      "  --listen HOST:PORT        address to serve (default ",
      d.listen,
      ");\n"
      "                            anything but loopback needs --tokens\n"
      "  --data-dir DIR            RocksDB store (default ",
      d.data_dir,
      ")\n"
      "  --seed DIR                load definition files at start; new "
      "items are\n"
      "                            promoted to STANDARD by 'seed' "
      "(idempotent)\n"
      "  --tokens FILE             SHA256_HEX PRINCIPAL ROLE[,ROLE] lines "
      "(shuyuan\n"
      "                            token hash); re-read on SIGHUP. Without "
      "it\n"
      "                            every local caller has every role\n"
      "  --tls-cert FILE           TLS certificate chain (PEM), with "
      "--tls-key\n"
      "  --tls-key FILE            TLS private key (PEM)\n"
      "  --backup-dir DIR          where the Backup RPC writes (default: "
      "none,\n"
      "                            Backup refused)\n"
      "  --max-message-bytes N     largest request (default ",
      d.max_message_bytes,
      ")\n"
      "  --max-batch-records N     records per ValidateBatch (default ",
      d.max_batch_records,
      ")\n"
      "  --max-record-fields N     fields per record (default ",
      d.max_record_fields,
      ")\n"
      "  --max-value-bytes N       bytes per value (default ",
      d.max_value_bytes,
      ")\n"
      "  --max-chunk-entries N     entries per code-list chunk (default ",
      d.max_chunk_entries,
      ")\n"
      "  --max-page-size N         items per list page (default ",
      d.max_page_size,
      ")\n"
      "  --registry-threads N      threads for registry writes (default ",
      d.registry_threads,
      ")\n"
      "  --bench-echo              serve CodecService.Echo (benchmark "
      "baseline)\n"
      "  --quiet                   no per-call log lines\n"
      "  --help                    this text\n"
      "\n"
      "Signals: SIGTERM/SIGINT finish in-flight calls and close the store; "
      "SIGHUP\n"
      "re-reads --tokens.\n");
}

bool IsLoopback(const std::string& listen) {
  std::string host = listen;
  if (absl::StartsWith(host, "ipv4:")) host = host.substr(5);
  if (absl::StartsWith(host, "ipv6:")) host = host.substr(5);
  if (absl::StartsWith(host, "[")) {
    return absl::StartsWith(host, "[::1]");
  }
  host = host.substr(0, host.rfind(':'));
  return host == "localhost" || absl::StartsWith(host, "127.");
}

}  // namespace shuyuan::server
