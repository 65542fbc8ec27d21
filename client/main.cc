// `shuyuan`: the client and batch CLI (SPEC §5). This build carries the
// local commands, which need no server, including batch `normalize`.
#include <iostream>
#include <string>
#include <vector>

#include "client/local_commands.h"
#include "client/normalize_command.h"

namespace {

constexpr char kUsage[] = R"(usage: shuyuan COMMAND [FLAGS] [ARGS]

Local commands (no server needed):
  check  --defs DIR|BUNDLE --element ID [--as-of YYYY-MM-DD] VALUE...
         normalise and validate values; one JSON line per value:
         {"value","valid","normalized","issues":[{"code","severity","message","message_zh",...}],...}
  decode --defs DIR|BUNDLE --element ID [--as-of YYYY-MM-DD] VALUE...
         split structured codes (GB 11643 ID, GB 32100 USCC, GB 11714 ...)
         into their parts; one JSON line per value
  encode --defs DIR|BUNDLE --element ID BODY...
         compute the check character: body → full code
  normalize --defs DIR|BUNDLE --schema ID --in FILE --out FILE
         --rejects FILE --report FILE [--report-html FILE]
         [--format csv|tsv|jsonl] [--encoding auto|utf-8|gb18030]
         [--mapping FILE] [--threads N] [--as-of YYYY-MM-DD]
         [--max-row-bytes N] [--fail-on-reject]
         batch: clean file, rejects file (JSONL) and JSON report; "-" for
         stdin/stdout. `shuyuan normalize --help` for details. The online
         variants (--bundle/--server) come with the registry client.

`shuyuan COMMAND --help` prints the usage of each command.

Exit codes: 0 done; 2 usage or definition error; 3 rows rejected with
--fail-on-reject; 4 I/O failure.
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return shuyuan::client::kExitUsage;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "check") {
    return shuyuan::client::RunCheck(args, std::cout, std::cerr);
  }
  if (command == "decode") {
    return shuyuan::client::RunDecode(args, std::cout, std::cerr);
  }
  if (command == "encode") {
    return shuyuan::client::RunEncode(args, std::cout, std::cerr);
  }
  if (command == "normalize") {
    return shuyuan::client::RunNormalize(args, std::cout, std::cerr);
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return shuyuan::client::kExitOk;
  }
  std::cerr << "error: unknown command '" << command << "'\n\n" << kUsage;
  return shuyuan::client::kExitUsage;
}
