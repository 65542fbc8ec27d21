// What every online command does before and around its call: parse its
// flags and the global ones, answer --help, check the number of positional
// words, open the connection, and turn a failure into a message and an exit
// code (SPEC §5).
//
//   OnlineCommand command({"get", "reader", kGetUsage}, globals, out, err);
//   CommandLine line("get");
//   std::vector<std::string> words;
//   if (!command.Parse(&line, args, &words, 2, 2)) return command.exit_code();
//   std::shared_ptr<const Connection> connection = command.Connect();
//   if (connection == nullptr) return command.exit_code();
//   ...
//   if (!response.ok()) return command.Fail(response.status());
//
// Not thread-safe; one per command run.
#ifndef SHUYUAN_CLIENT_INTERNAL_ONLINE_COMMAND_H_
#define SHUYUAN_CLIENT_INTERNAL_ONLINE_COMMAND_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "client/cli_options.h"
#include "client/connection.h"
#include "client/output_format.h"

namespace shuyuan::client_internal {

struct CommandSpec {
  const char* name;   // "codelist import"
  const char* role;   // the server role it needs: "reader", "steward", ...
  const char* usage;  // the --help text
};

class OnlineCommand {
 public:
  OnlineCommand(const CommandSpec& spec, const client::GlobalOptions& globals,
                std::ostream& out, std::ostream& err);

  // Parses `args` with `line` (global flags allowed anywhere) and checks
  // that there are from `min_words` to `max_words` positional words. False
  // when the command ends here: after --help (exit 0) or a usage error
  // (printed; exit 2); exit_code() says which.
  bool Parse(client::CommandLine* line, const std::vector<std::string>& args,
             std::vector<std::string>* words, size_t min_words,
             size_t max_words);

  // The connection of the global options; nullptr after printing why not,
  // exit_code() 2 for a bad flag (a token with spaces) or 4 for a file that
  // cannot be read (--tls-ca).
  std::shared_ptr<const client::Connection> Connect();

  // Prints "error: MESSAGE" and a pointer to --help; returns 2.
  int Usage(absl::string_view message);
  // Prints the failure (client::ReportFailure) and returns its exit code.
  int Fail(const absl::Status& status);

  int exit_code() const { return exit_code_; }
  client::OutputFormat format() const { return globals_.format(); }
  const client::GlobalOptions& globals() const { return globals_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

 private:
  const CommandSpec spec_;
  client::GlobalOptions globals_;
  std::ostream& out_;
  std::ostream& err_;
  int exit_code_ = 0;
};

// Ends a command whose output is done: 0, or 4 when `out` failed (a closed
// pipe, a full disk).
int FinishOutput(std::ostream& out, std::ostream& err);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_ONLINE_COMMAND_H_
