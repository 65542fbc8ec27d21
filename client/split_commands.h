// The commands that run one batch as parts (SPEC §5, §6 "beyond one
// machine"): `shuyuan split` prints row-aligned byte ranges of an input,
// each part runs `shuyuan normalize --range`, and `shuyuan report merge`
// joins the part reports into the report of the whole run.
//
//   shuyuan split --in legacy.csv --parts 8 [-o json]
//   shuyuan normalize ... --in legacy.csv --range 1043:52011 ...
//   shuyuan report merge part-0.json part-1.json ... -o report.json
//
//   int exit_code = shuyuan::client::RunSplit(args, globals, std::cout,
//                                             std::cerr);
//
// Both return the process exit code: 0 done; 2 usage error, or parts that
// do not make one run; 4 I/O failure. Results go to `out` (split) or to the
// -o file (merge, written under a temporary name and renamed on success);
// errors to `err`. They keep no state between calls.
#ifndef SHUYUAN_CLIENT_SPLIT_COMMANDS_H_
#define SHUYUAN_CLIENT_SPLIT_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "client/cli_options.h"

namespace shuyuan::client {

// `args` are the words after "split". Prints one START:END line per range,
// or with -o json one object: {"input", "input_size", "format",
// "encoding" (resolved), "data_start", "ranges": [{"start", "end",
// "first_line"}]}.
int RunSplit(const std::vector<std::string>& args, GlobalOptions globals,
             std::ostream& out, std::ostream& err);

// `args` are the words after "report merge": part reports, -o FILE,
// optionally --report-html FILE.
int RunReportMerge(const std::vector<std::string>& args, GlobalOptions globals,
                   std::ostream& out, std::ostream& err);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_SPLIT_COMMANDS_H_
