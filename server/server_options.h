// The flags of shuyuan-server (SPEC §4) with their defaults, and their
// parser. Every limit names the flag that raises it in its error.
//
//   absl::StatusOr<ServerOptions> options = ParseServerFlags(args);
//   if (!options.ok()) { std::cerr << options.status().message(); ... }
//
// Pure functions; thread-safe.
#ifndef SHUYUAN_SERVER_SERVER_OPTIONS_H_
#define SHUYUAN_SERVER_SERVER_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace shuyuan::server {

struct ServerOptions {
  // Address to listen on. Anything but loopback needs --tokens.
  std::string listen = "127.0.0.1:50051";
  // RocksDB store of the registry.
  std::string data_dir = "./shuyuan-data";
  // Definition files loaded at start (idempotent), promoted to STANDARD.
  std::string seed;
  // Tokens file (SHA256_HEX PRINCIPAL ROLES per line); re-read on SIGHUP.
  std::string tokens;
  // TLS certificate chain and private key (PEM); both or neither.
  std::string tls_cert;
  std::string tls_key;
  // Where Backup writes; the Backup RPC is refused without it.
  std::string backup_dir;
  // Limits (SPEC §4). Raise when a legitimate request hits one.
  int64_t max_message_bytes = 64 << 20;
  int64_t max_batch_records = 10000;
  int64_t max_record_fields = 1000;
  int64_t max_value_bytes = 64 << 10;
  int64_t max_chunk_entries = 100000;
  int64_t max_page_size = 1000;
  // Threads for registry work that waits on the disk.
  int registry_threads = 4;
  // Serve the Echo RPC (a benchmark baseline); off by default.
  bool bench_echo = false;
  // Log one line per call to stderr.
  bool log_calls = true;
  // Set by --help.
  bool help = false;
};

// Parses `args` (without the program name). InvalidArgument naming the flag
// for an unknown flag, a missing value or a bad number.
absl::StatusOr<ServerOptions> ParseServerFlags(
    const std::vector<std::string>& args);

// The --help text: every flag with its default.
std::string ServerUsage();

// True when `listen` names a loopback host (127.0.0.0/8, [::1],
// localhost).
bool IsLoopback(const std::string& listen);

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_SERVER_OPTIONS_H_
