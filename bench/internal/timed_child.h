// Runs a program to completion and measures it as the kernel saw it: wall
// time, user and system CPU and peak resident memory (wait4's rusage of
// that one child), for benchmarks that time real binaries such as
// `shuyuan normalize`, `cat` and `wc`.
//
//   SHUYUAN_ASSIGN_OR_RETURN(
//       ChildRun run, RunTimedChild({"/usr/bin/wc", "-l", path}, out_path));
//   double mb_per_s = bytes / 1e6 / run.wall_s;
//   long peak_kb = run.max_rss_kb;
//
// Thread-compatible: each call waits only for the child it started.
#ifndef SHUYUAN_BENCH_INTERNAL_TIMED_CHILD_H_
#define SHUYUAN_BENCH_INTERNAL_TIMED_CHILD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace shuyuan::bench_internal {

struct ChildRun {
  int exit_code = -1;  // or 128 + the signal that ended it
  double wall_s = 0;
  double user_s = 0;
  double sys_s = 0;
  long max_rss_kb = 0;
  double cpu_s() const { return user_s + sys_s; }
};

// Starts argv[0] (a path) with `argv`, its standard output sent to
// `stdout_path` ("/dev/null" to discard) and its standard error to
// `stderr_path`, and waits for it. Internal naming the program when it
// cannot be started.
absl::StatusOr<ChildRun> RunTimedChild(const std::vector<std::string>& argv,
                                       const std::string& stdout_path,
                                       const std::string& stderr_path);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_TIMED_CHILD_H_
