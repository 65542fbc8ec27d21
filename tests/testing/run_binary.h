// Runs a real binary from an end-to-end test: arguments as given (no shell),
// standard input from a file, standard output and error captured through
// files (so that neither pipe can fill up and block the child).
//
//   RunOutcome run = RunBinary(kShuyuan, {"check", "--defs", dir, ...}, dir);
//   EXPECT_EQ(run.exit_code, 0);
//   EXPECT_THAT(run.out, HasSubstr("\"valid\":true"));
//
// Test-only. Concurrent calls need distinct scratch directories.
#ifndef SHUYUAN_TESTS_TESTING_RUN_BINARY_H_
#define SHUYUAN_TESTS_TESTING_RUN_BINARY_H_

#include <fcntl.h>
#include <spawn.h>
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
  int exit_code = -1;  // -1 when the child could not run or did not exit
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Starts `binary` with `args`, its standard output and error going to
// `out_path` and `err_path`. The child's pid, or -1 (with a test failure).
inline pid_t SpawnBinary(const std::string& binary,
                         const std::vector<std::string>& args,
                         const std::string& out_path,
                         const std::string& err_path,
                         const std::string& stdin_path = "/dev/null") {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path.c_str(),
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> words = {binary};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  pid_t pid;
  const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr,
                                  argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "posix_spawn " << binary << ": " << strerror(spawned);
    return -1;
  }
  return pid;
}

// Runs `binary` with `args`; `scratch_dir` receives the capture files.
inline RunOutcome RunBinary(const std::string& binary,
                            const std::vector<std::string>& args,
                            const std::filesystem::path& scratch_dir,
                            const std::string& stdin_path = "/dev/null") {
  const std::string out_path = (scratch_dir / "stdout").string();
  const std::string err_path = (scratch_dir / "stderr").string();
  RunOutcome run;
  const pid_t pid = SpawnBinary(binary, args, out_path, err_path, stdin_path);
  if (pid < 0) return run;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) {
    ADD_FAILURE() << "waitpid: " << strerror(errno);
    return run;
  }
  EXPECT_TRUE(WIFEXITED(status))
      << binary << " did not exit normally: " << status;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  return run;
}

}  // namespace shuyuan::tests_testing

#endif  // SHUYUAN_TESTS_TESTING_RUN_BINARY_H_
