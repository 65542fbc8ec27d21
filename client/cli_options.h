// Command-line plumbing of the online commands (SPEC §5): the global flags
// (--server, --token, --tls-ca, --tls, -o), accepted before or after the
// command; a small flag parser for each command's own flags; the names of
// kinds and statuses on the command line; and the exit code and message for
// a failed call.
//
//   GlobalOptions globals;                    // flags before the command
//   std::string status;
//   bool all_versions = false;
//   std::vector<std::string> words;           // positional arguments
//   CommandLine line("list");
//   line.Value({"--status"}, &status).Switch({"--all-versions"},
//   &all_versions); SHUYUAN_RETURN_IF_ERROR(line.Parse(args, &globals,
//   &words)); if (line.help()) ...
//
// Environment: SHUYUAN_SERVER, SHUYUAN_TOKEN and SHUYUAN_TLS_CA stand in
// for --server, --token and --tls-ca when those are not given.
//
// Functions are thread-safe; a CommandLine is not (one per command).
#ifndef SHUYUAN_CLIENT_CLI_OPTIONS_H_
#define SHUYUAN_CLIENT_CLI_OPTIONS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/connection.h"
#include "client/output_format.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::client {

// The global flags as given; unset ones fall back to the environment, then
// to the defaults, when resolved.
struct GlobalOptions {
  std::optional<std::string> server;   // --server HOST:PORT
  std::optional<std::string> token;    // --token TOKEN
  std::optional<std::string> tls_ca;   // --tls-ca FILE
  bool tls = false;                    // --tls
  std::optional<OutputFormat> output;  // -o / --output table|yaml|json

  // Flags, else SHUYUAN_SERVER / SHUYUAN_TOKEN / SHUYUAN_TLS_CA, else the
  // ConnectionOptions defaults.
  ConnectionOptions Connection() const;
  // -o, else table.
  OutputFormat format() const { return output.value_or(OutputFormat::kTable); }
  // The flags that were given, as words again (for commands that parse
  // their own flags, such as normalize): "--server", "H:P", ...; -o is left
  // out.
  std::vector<std::string> ConnectionWords() const;
};

// Parses the global flag at args[*i], advancing *i past its value. Returns
// false when args[*i] is not a global flag; InvalidArgument for a missing or
// bad value.
absl::StatusOr<bool> ParseGlobalFlag(const std::vector<std::string>& args,
                                     size_t* i, GlobalOptions* globals);

// The flags of one command, then the global ones, in any order; "--flag
// VALUE" and "--flag=VALUE" both work; "--" ends the flags.
class CommandLine {
 public:
  explicit CommandLine(std::string command) : command_(std::move(command)) {}

  // A flag taking a value (the first name is the one used in messages).
  CommandLine& Value(std::initializer_list<const char*> names,
                     std::string* target);
  // A flag taking a non-negative number.
  CommandLine& Number(std::initializer_list<const char*> names,
                      uint64_t* target);
  // A flag without a value.
  CommandLine& Switch(std::initializer_list<const char*> names, bool* target);

  // Parses `args` (the words after the command). InvalidArgument naming the
  // flag for an unknown flag or a missing or bad value. --help / -h set
  // help() and stop the parse.
  absl::Status Parse(const std::vector<std::string>& args,
                     GlobalOptions* globals,
                     std::vector<std::string>* positional);
  bool help() const { return help_; }

 private:
  enum class Type { kValue, kNumber, kSwitch };
  struct Flag {
    std::vector<std::string> names;
    Type type;
    void* target;
  };
  const Flag* Find(absl::string_view name) const;

  std::string command_;
  std::vector<Flag> flags_;
  bool help_ = false;
};

// "element", "codelist", "schema", "term", "rule" → the ItemKind;
// InvalidArgument
// naming the choices otherwise.
absl::StatusOr<v1::ItemKind> ParseKind(absl::string_view name);
// The command-line name of a kind ("element"), "?" for an unknown one.
absl::string_view KindName(v1::ItemKind kind);
// A registration status by name, case-insensitive ("standard" →
// STANDARD); InvalidArgument listing the statuses otherwise.
absl::StatusOr<v1::RegistrationStatus> ParseStatus(absl::string_view name);

// The exit code (SPEC §5) for a failed call or step: 2 for a request the
// caller got wrong (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION,
// ALREADY_EXISTS, OUT_OF_RANGE, RESOURCE_EXHAUSTED); 4 for the rest
// (UNAVAILABLE, auth, I/O, DATA_LOSS, INTERNAL, deadlines).
int ExitCodeFor(const absl::Status& status);

// What a command needs to explain a failure: its name, the role it needs
// on the server (SPEC §4) and the server it talked to.
struct CommandContext {
  std::string command;      // "promote"
  std::string role;         // "steward"
  std::string server;       // "127.0.0.1:50051"
  bool sent_token = false;  // whether the calls carried a token
};

// What to do about `status`, one line, or "" when there is nothing to add:
// pass a valid token (UNAUTHENTICATED), get one with the role the command
// needs (PERMISSION_DENIED), check the server address (UNAVAILABLE).
std::string FailureHint(const CommandContext& context,
                        const absl::Status& status);

// Prints "error: MESSAGE" and the hint for `status` on `err` and returns its
// exit code.
int ReportFailure(const CommandContext& context, const absl::Status& status,
                  std::ostream& err);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_CLI_OPTIONS_H_
