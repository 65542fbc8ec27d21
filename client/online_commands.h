// The `shuyuan` commands that talk to shuyuan-server (SPEC §5):
//
//   shuyuan apply -f FILE_OR_DIR [--dry-run] [--allow-breaking]
//   shuyuan get KIND REF
//   shuyuan list KIND [--status S] [--prefix P] [--all-versions]
//   shuyuan search QUERY [--kind K] [--limit N]
//   shuyuan history KIND ID
//   shuyuan diff KIND REF_A REF_B
//   shuyuan promote KIND REF --to STATUS --reason TEXT
//   shuyuan retire KIND REF --reason TEXT
//   shuyuan audit [--from SEQ] [--limit N] [--follow]
//   shuyuan codelist import ID --file FILE --name-zh NAME [...]
//   shuyuan validate --schema REF (--record JSON | --in FILE) [...]
//   shuyuan bundle export --schema REF -o FILE
//
// KIND is element, codelist, schema, term or rule. `globals` holds the global
// flags given before the command; those given after it are parsed by each
// command. Each function returns the process exit code: 0 done; 2 usage or
// definition error, a refused apply, or a bad reference (INVALID_ARGUMENT,
// NOT_FOUND, FAILED_PRECONDITION from the server); 3 records rejected with
// --fail-on-reject; 4 server unreachable, I/O or auth failure. Results go
// to `out` in the -o form (table, yaml, json); errors to `err`.
//
// The functions keep no state between calls; concurrent calls need their
// own streams.
#ifndef SHUYUAN_CLIENT_ONLINE_COMMANDS_H_
#define SHUYUAN_CLIENT_ONLINE_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "client/cli_options.h"

namespace shuyuan::client {

// `args` are the words after the command name ("codelist import" and
// "bundle export" count as one name).
using OnlineCommandFunction = int (*)(const std::vector<std::string>& args,
                                      const GlobalOptions& globals,
                                      std::ostream& out, std::ostream& err);

int RunApply(const std::vector<std::string>& args, const GlobalOptions& globals,
             std::ostream& out, std::ostream& err);
int RunGet(const std::vector<std::string>& args, const GlobalOptions& globals,
           std::ostream& out, std::ostream& err);
int RunList(const std::vector<std::string>& args, const GlobalOptions& globals,
            std::ostream& out, std::ostream& err);
int RunSearch(const std::vector<std::string>& args,
              const GlobalOptions& globals, std::ostream& out,
              std::ostream& err);
int RunHistory(const std::vector<std::string>& args,
               const GlobalOptions& globals, std::ostream& out,
               std::ostream& err);
int RunDiff(const std::vector<std::string>& args, const GlobalOptions& globals,
            std::ostream& out, std::ostream& err);
int RunPromote(const std::vector<std::string>& args,
               const GlobalOptions& globals, std::ostream& out,
               std::ostream& err);
int RunRetire(const std::vector<std::string>& args,
              const GlobalOptions& globals, std::ostream& out,
              std::ostream& err);
int RunAudit(const std::vector<std::string>& args, const GlobalOptions& globals,
             std::ostream& out, std::ostream& err);
int RunCodeListImport(const std::vector<std::string>& args,
                      const GlobalOptions& globals, std::ostream& out,
                      std::ostream& err);
int RunValidate(const std::vector<std::string>& args,
                const GlobalOptions& globals, std::ostream& out,
                std::ostream& err);
int RunBundleExport(const std::vector<std::string>& args,
                    const GlobalOptions& globals, std::ostream& out,
                    std::ostream& err);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_ONLINE_COMMANDS_H_
