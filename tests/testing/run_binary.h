// Runs a real binary from an end-to-end test: arguments as given (no shell),
// standard input from a file, standard output and error captured through
// files (so that neither pipe can fill up and block the child).
//
//   RunOutcome run = RunBinary(kShuyuan, {"check", "--defs", dir, ...}, dir);
//   EXPECT_EQ(run.exit_code, 0);
//   EXPECT_THAT(run.out, HasSubstr("\"valid\":true"));
//
//   // Or started, signalled, then collected (peak memory included):
//   RunningBinary child = StartBinary(kShuyuan, args, dir, "/dev/null", dir);
//   kill(child.pid, SIGINT);
//   RunOutcome done = WaitBinary(child);   // done.term_signal == SIGINT
//
// Test-only. Concurrent calls need distinct scratch directories.
#ifndef SHUYUAN_TESTS_TESTING_RUN_BINARY_H_
#define SHUYUAN_TESTS_TESTING_RUN_BINARY_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

extern char** environ;

namespace shuyuan::tests_testing {

struct RunOutcome {
  int exit_code = -1;   // -1 when the child could not run or did not exit
  int term_signal = 0;  // the signal that ended the child, if one did
  long max_rss_kb = 0;  // the child's peak resident set size
  std::string out;
  std::string err;
};

// A child started by StartBinary, to collect with WaitBinary.
struct RunningBinary {
  pid_t pid = -1;  // -1 when it could not start
  std::filesystem::path scratch_dir;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Starts `binary` with `args`; `scratch_dir` receives the capture files.
// The child runs in `cwd` when it is given.
inline RunningBinary StartBinary(const std::string& binary,
                                 const std::vector<std::string>& args,
                                 const std::filesystem::path& scratch_dir,
                                 const std::string& stdin_path = "/dev/null",
                                 const std::filesystem::path& cwd = {}) {
  const std::string out_path = (scratch_dir / "stdout").string();
  const std::string err_path = (scratch_dir / "stderr").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path.c_str(),
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  }
  std::vector<std::string> words = {binary};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  RunningBinary child;
  child.scratch_dir = scratch_dir;
  const int spawned = posix_spawn(&child.pid, binary.c_str(), &actions, nullptr,
                                  argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "posix_spawn " << binary << ": " << strerror(spawned);
    child.pid = -1;
  }
  return child;
}

// Waits for the child and collects what it printed and how it ended.
inline RunOutcome WaitBinary(const RunningBinary& child) {
  RunOutcome run;
  if (child.pid < 0) return run;
  int status = 0;
  struct rusage usage;
  if (wait4(child.pid, &status, 0, &usage) != child.pid) {
    ADD_FAILURE() << "wait4: " << strerror(errno);
    return run;
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.term_signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  run.max_rss_kb = usage.ru_maxrss;
  run.out = ReadFile(child.scratch_dir / "stdout");
  run.err = ReadFile(child.scratch_dir / "stderr");
  return run;
}

// Runs `binary` with `args` to its end; it must exit, not die of a signal.
inline RunOutcome RunBinary(const std::string& binary,
                            const std::vector<std::string>& args,
                            const std::filesystem::path& scratch_dir,
                            const std::string& stdin_path = "/dev/null",
                            const std::filesystem::path& cwd = {}) {
  RunOutcome run =
      WaitBinary(StartBinary(binary, args, scratch_dir, stdin_path, cwd));
  EXPECT_EQ(run.term_signal, 0)
      << binary << " did not exit normally: signal " << run.term_signal;
  return run;
}

}  // namespace shuyuan::tests_testing

#endif  // SHUYUAN_TESTS_TESTING_RUN_BINARY_H_
