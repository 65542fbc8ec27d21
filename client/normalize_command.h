// `shuyuan normalize`: the local batch command (SPEC §5, §6). It validates
// and normalises a CSV/TSV/JSONL file (UTF-8 or GB18030) against a record
// schema from local definitions and writes a clean file, a rejects file and
// a JSON report (optionally an HTML one). A run whose files overlap is
// refused before anything is read; outputs get their final names only when
// the whole run succeeded, and a failed or interrupted run leaves nothing
// behind (client/internal/output_file.h, interrupt_cleanup.h).
//
//   shuyuan normalize --defs catalog --schema LEGAL_PERSON_BASIC
//       --in legacy.csv --out clean.csv --rejects rejects.jsonl
//       --report report.json [--report-html report.html] [--threads 4]
//
//   std::vector<std::string> args = {"--defs", "catalog", ...};
//   int exit_code = shuyuan::client::RunNormalize(args, std::cout, std::cerr);
//
// Returns the process exit code: 0 done; 2 usage or definition error
// (including overlapping files, and a required field no column maps to,
// before any output exists); 3 done but rows were rejected and
// --fail-on-reject was given; 4 I/O failure. `out` receives the help text;
// errors, progress (when standard error is a terminal) and a one-line
// summary go to `err`.
#ifndef SHUYUAN_CLIENT_NORMALIZE_COMMAND_H_
#define SHUYUAN_CLIENT_NORMALIZE_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace shuyuan::client {

// The usage text of `shuyuan normalize --help`.
extern const char kNormalizeUsage[];

// `args` are the words after "normalize". Not thread-safe: for the duration
// of the run it installs the interrupt handlers (SIGINT, SIGTERM, SIGHUP,
// SIGPIPE), and it sets glibc's mmap threshold for the process; it also
// uses standard input/output when "-" is given.
int RunNormalize(const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_NORMALIZE_COMMAND_H_
