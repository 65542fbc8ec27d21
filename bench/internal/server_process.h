// A shuyuan-server process started by a benchmark: on a free loopback port
// (--listen 127.0.0.1:0; the port is read from its "listening on" line on
// standard error), with its resident memory and CPU time readable from
// /proc while it runs, and stopped with SIGTERM.
//
//   absl::StatusOr<std::unique_ptr<ServerProcess>> server =
//       ServerProcess::Start(binary, {"--data-dir", dir, "--quiet"},
//                            dir + "/server.log", absl::Seconds(60));
//   auto channel = grpc::CreateChannel((*server)->address(), ...);
//   absl::StatusOr<int64_t> rss = (*server)->RssKiB();
//   int exit_code = (*server)->Stop();  // 0 after a graceful shutdown
//
// Not thread-safe; one owner.
#ifndef SHUYUAN_BENCH_INTERNAL_SERVER_PROCESS_H_
#define SHUYUAN_BENCH_INTERNAL_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace shuyuan::bench_internal {

class ServerProcess {
 public:
  // Starts `binary` with `args` and --listen 127.0.0.1:0, standard output
  // and error going to `log_path`, and waits up to `timeout` for it to
  // listen (polling the log every millisecond, so that a cold start can be
  // timed from the caller's side). Unavailable, with the log's tail, when
  // the server exits or does not listen in time; Internal when it cannot
  // be spawned.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::string& binary, const std::vector<std::string>& args,
      const std::string& log_path, absl::Duration timeout);
  // Kills the server (SIGKILL) when it still runs.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // "127.0.0.1:PORT".
  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }

  // VmRSS of the running server, in KiB.
  absl::StatusOr<int64_t> RssKiB() const;
  // User plus system CPU time the server has used so far (all threads).
  absl::StatusOr<double> CpuSeconds() const;

  // Sends SIGTERM and waits; the exit code, or -1 when a signal killed it.
  int Stop();

 private:
  ServerProcess(pid_t pid, std::string log_path)
      : pid_(pid), log_path_(std::move(log_path)) {}

  pid_t pid_;
  std::string log_path_;
  std::string address_;
};

// The shuyuan-server built next to the running program
// (<build>/bench/X → <build>/server/shuyuan-server).
std::string DefaultServerBinary();

// User plus system CPU time of this process so far (all threads).
double ProcessCpuSeconds();

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_SERVER_PROCESS_H_
