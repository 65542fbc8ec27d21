// A real shuyuan-server for end-to-end tests: started on a free loopback
// port (--listen 127.0.0.1:0; the port is read from its "listening on"
// line), stopped with SIGTERM when the object goes away.
//
//   ServerProcess server(dir.path(), {"--seed", catalog});
//   ASSERT_TRUE(server.started()) << server.log();
//   auto channel = grpc::CreateChannel(server.address(), ...);
//   int exit_code = server.Stop(SIGTERM);  // 0 after a graceful shutdown
//
// Test-only; not thread-safe.
#ifndef SHUYUAN_TESTS_TESTING_SERVER_PROCESS_H_
#define SHUYUAN_TESTS_TESTING_SERVER_PROCESS_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/run_binary.h"

namespace shuyuan::tests_testing {

inline constexpr char kServerBinary[] =
    SHUYUAN_BINARY_DIR "/server/shuyuan-server";

class ServerProcess {
 public:
  // Starts the server with its store in `dir`/data (unless `args` name a
  // --data-dir) and waits up to 60 s for it to listen.
  ServerProcess(const std::string& dir, std::vector<std::string> args,
                const std::string& name = "server")
      : scratch_(std::filesystem::path(dir) / name),
        log_path_((scratch_ / "stderr").string()) {
    std::filesystem::create_directories(scratch_);
    std::vector<std::string> all = {"--listen", "127.0.0.1:0"};
    bool has_data_dir = false;
    for (const std::string& a : args) has_data_dir |= a == "--data-dir";
    if (!has_data_dir) {
      all.push_back("--data-dir");
      all.push_back(dir + "/data");
    }
    all.insert(all.end(), args.begin(), args.end());
    pid_ = StartBinary(kServerBinary, all, scratch_).pid;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
      const std::string text = log();
      const size_t at = text.find("listening on ");
      if (at != std::string::npos) {
        const size_t end = text.find(' ', at + 13);
        address_ = text.substr(at + 13, end - at - 13);
        return;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) Stop(SIGKILL);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return !address_.empty() && pid_ > 0; }
  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return ReadFile(log_path_); }
  // The exit code when the server stopped by itself during start.
  int exit_code() const { return exit_code_; }

  // Sends `signal` and waits; the exit code (-1 when killed by a signal).
  int Stop(int signal) {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }

 private:
  std::filesystem::path scratch_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::string address_;
  int exit_code_ = -1;
};

}  // namespace shuyuan::tests_testing

#endif  // SHUYUAN_TESTS_TESTING_SERVER_PROCESS_H_
