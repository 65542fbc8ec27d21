// `shuyuan`: the client and batch CLI (SPEC §5). This file only dispatches:
// the local commands live in local_commands.cc and normalize_command.cc,
// the online ones in online_commands.h's files, `token hash` in
// token_command.cc.
#include <iostream>
#include <string>
#include <vector>

#include "client/cli_options.h"
#include "client/local_commands.h"
#include "client/normalize_command.h"
#include "client/online_commands.h"
#include "client/split_commands.h"
#include "client/token_command.h"

namespace {

using shuyuan::client::GlobalOptions;

constexpr char kUsage[] =
    R"(usage: shuyuan [GLOBAL FLAGS] COMMAND [FLAGS] [ARGS]

Registry commands (talk to shuyuan-server):
  apply -f FILE_OR_DIR [--dry-run] [--allow-breaking]
                   register definition files as one set; per item: created vN /
                   unchanged vN / refused with FILE:LINE reasons, pinned
                   references, compatibility
  get KIND REF     one version: status, hash, who pins it, the definition
  list KIND [--status S] [--prefix P] [--all-versions]
  search QUERY [--kind K] [--limit N]
  history KIND ID  every version of an id
  diff KIND REF_A REF_B
                   compatibility of B against A, one line per change
  promote KIND REF --to STATUS --reason TEXT
  retire KIND REF --reason TEXT
  audit [--from SEQ] [--limit N] [--follow]
  codelist import ID --file codes.tsv|codes.csv --name-zh NAME [...]
                   stream a code list of any size (10,000 entries a chunk)
  validate --schema REF (--record JSON | --in FILE.jsonl) [--as-of DATE]
                   validate records online
  bundle export --schema REF -o FILE
                   a schema version with everything it pins, for offline use

  KIND is element, codelist, schema, term or rule (coding rule); REF is ID
  (the STANDARD version), ID@N or ID@latest.

Local commands (no server needed):
  check  --defs DIR|BUNDLE --element ID [--as-of YYYY-MM-DD] VALUE...
         normalise and validate values; one JSON line per value:
         {"value","valid","normalized","issues":[{"code","severity","message","message_zh",...}],...}
  decode --defs DIR|BUNDLE --element ID [--as-of YYYY-MM-DD] VALUE...
         split structured codes (GB 11643 ID, GB 32100 USCC, GB 11714 ...)
         into their parts; one JSON line per value
  encode --defs DIR|BUNDLE --element ID BODY...
         compute the check character: body → full code
  normalize (--defs DIR|BUNDLE | --bundle FILE | --server HOST:PORT)
         --schema REF --in FILE --out FILE --rejects FILE --report FILE
         [--report-html FILE] [--format csv|tsv|jsonl]
         [--encoding auto|utf-8|gb18030] [--mapping FILE] [--threads N]
         [--as-of YYYY-MM-DD] [--max-row-bytes N] [--fail-on-reject]
         [--range START:END [--first-line N]]
         batch: clean file, rejects file (JSONL) and JSON report; "-" for
         stdin/stdout. `shuyuan normalize --help` for details
  split  --in FILE (--parts N | --part-bytes B) [--format F] [--encoding E]
         byte ranges START:END that start at rows, for normalize --range
         (-o json: with each range's first line and the resolved encoding)
  report merge PART.json... -o REPORT.json [--report-html FILE]
         the report of the whole run from its parts' reports
  token hash --principal NAME [--roles reader,registrant,steward,admin]
         a new random token and its line for the server's tokens file

Global flags (before or after the command):
  --server HOST:PORT   the server; default 127.0.0.1:50051, env SHUYUAN_SERVER
  --token TOKEN        bearer token; env SHUYUAN_TOKEN
  --tls-ca FILE        use TLS, trusting this CA (PEM); env SHUYUAN_TLS_CA
  --tls                use TLS, trusting the system's CAs
  -o table|yaml|json   output form; default table (yaml and json use the
                       protobuf field names)

`shuyuan COMMAND --help` describes each command.

Exit codes: 0 done; 2 usage or definition error, refused apply, unknown
reference; 3 rows rejected with --fail-on-reject; 4 server unreachable, I/O
or auth failure.
)";

struct OnlineEntry {
  const char* name;
  shuyuan::client::OnlineCommandFunction run;
};

constexpr OnlineEntry kOnlineCommands[] = {
    {"apply", shuyuan::client::RunApply},
    {"get", shuyuan::client::RunGet},
    {"list", shuyuan::client::RunList},
    {"search", shuyuan::client::RunSearch},
    {"history", shuyuan::client::RunHistory},
    {"diff", shuyuan::client::RunDiff},
    {"promote", shuyuan::client::RunPromote},
    {"retire", shuyuan::client::RunRetire},
    {"audit", shuyuan::client::RunAudit},
    {"codelist import", shuyuan::client::RunCodeListImport},
    {"validate", shuyuan::client::RunValidate},
    {"bundle export", shuyuan::client::RunBundleExport},
    {"token hash", shuyuan::client::RunTokenHash},
};

int UsageError(const std::string& message) {
  std::cerr << "error: " << message << "\n\n" << kUsage;
  return shuyuan::client::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  GlobalOptions globals;
  size_t i = 0;
  for (; i < words.size() && words[i].size() > 1 && words[i][0] == '-'; ++i) {
    if (words[i] == "--help" || words[i] == "-h") {
      std::cout << kUsage;
      return shuyuan::client::kExitOk;
    }
    absl::StatusOr<bool> global =
        shuyuan::client::ParseGlobalFlag(words, &i, &globals);
    if (!global.ok()) return UsageError(std::string(global.status().message()));
    if (!*global) return UsageError("unknown flag '" + words[i] + "'");
  }
  if (i == words.size()) {
    std::cerr << kUsage;
    return shuyuan::client::kExitUsage;
  }
  std::string command = words[i++];
  if ((command == "codelist" || command == "bundle" || command == "token" ||
       command == "report") &&
      i < words.size()) {
    command += " " + words[i++];
  }
  std::vector<std::string> args(words.begin() + i, words.end());

  if (command == "help") {
    std::cout << kUsage;
    return shuyuan::client::kExitOk;
  }
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
    // normalize parses its own flags, the connection ones among them.
    std::vector<std::string> with_globals = globals.ConnectionWords();
    with_globals.insert(with_globals.end(), args.begin(), args.end());
    return shuyuan::client::RunNormalize(with_globals, std::cout, std::cerr);
  }
  if (command == "split") {
    return shuyuan::client::RunSplit(args, globals, std::cout, std::cerr);
  }
  if (command == "report merge") {
    return shuyuan::client::RunReportMerge(args, globals, std::cout, std::cerr);
  }
  for (const OnlineEntry& entry : kOnlineCommands) {
    if (command == entry.name) {
      return entry.run(args, globals, std::cout, std::cerr);
    }
  }
  return UsageError("unknown command '" + command + "'");
}
