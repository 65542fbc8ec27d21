// The `shuyuan` commands that need no server (SPEC §5): data engineers try a
// definition before applying it, and scripts check or decode values.
//
//   shuyuan check  --defs DIR --element ID [--as-of YYYY-MM-DD] VALUE...
//   shuyuan decode --defs DIR --element ID [--as-of YYYY-MM-DD] VALUE...
//   shuyuan encode --defs DIR --element ID BODY...
//
// Each prints one JSON line per value on `out` (or, with --help, its usage)
// and returns the process exit code (0 done, 2 usage or definition error, 4
// I/O failure); errors go to `err` and name the file, line and field when
// there is one. Every definition under --defs is loaded and compiled
// (LocalDefinitions), and --as-of is read by ParseAsOfFlag, as in every
// command. The functions keep no state between calls; concurrent calls
// need their own streams.
#ifndef SHUYUAN_CLIENT_LOCAL_COMMANDS_H_
#define SHUYUAN_CLIENT_LOCAL_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace shuyuan::client {

// Exit codes of the CLI (SPEC §5).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRejected = 3;
inline constexpr int kExitFailure = 4;

// `args` are the words after the command name.
int RunCheck(const std::vector<std::string>& args, std::ostream& out,
             std::ostream& err);
int RunDecode(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err);
int RunEncode(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_LOCAL_COMMANDS_H_
