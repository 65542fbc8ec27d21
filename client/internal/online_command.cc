#include "client/internal/online_command.h"

#include "absl/strings/str_cat.h"

namespace shuyuan::client_internal {

OnlineCommand::OnlineCommand(const CommandSpec& spec,
                             const client::GlobalOptions& globals,
                             std::ostream& out, std::ostream& err)
    : spec_(spec), globals_(globals), out_(out), err_(err) {}

bool OnlineCommand::Parse(client::CommandLine* line,
                          const std::vector<std::string>& args,
                          std::vector<std::string>* words, size_t min_words,
                          size_t max_words) {
  const absl::Status parsed = line->Parse(args, &globals_, words);
  if (!parsed.ok()) {
    Usage(parsed.message());
    return false;
  }
  if (line->help()) {
    out_ << spec_.usage;
    exit_code_ = 0;
    return false;
  }
  if (words->size() < min_words || words->size() > max_words) {
    Usage(absl::StrCat(
        spec_.name, ": expected ",
        min_words == max_words ? absl::StrCat(min_words)
                               : absl::StrCat(min_words, " to ", max_words),
        " argument", max_words == 1 ? "" : "s", ", got ", words->size()));
    return false;
  }
  return true;
}

std::shared_ptr<const client::Connection> OnlineCommand::Connect() {
  absl::StatusOr<std::shared_ptr<const client::Connection>> connection =
      client::Connection::Open(globals_.Connection());
  if (!connection.ok()) {
    // Nothing was sent: a bad flag (2), or a file that cannot be read (4).
    err_ << "error: " << connection.status().message() << "\n";
    exit_code_ =
        connection.status().code() == absl::StatusCode::kInvalidArgument ? 2
                                                                         : 4;
    return nullptr;
  }
  return *std::move(connection);
}

int OnlineCommand::Usage(absl::string_view message) {
  err_ << "error: " << message << "\n(see shuyuan " << spec_.name
       << " --help)\n";
  exit_code_ = 2;
  return exit_code_;
}

int OnlineCommand::Fail(const absl::Status& status) {
  const client::ConnectionOptions connection = globals_.Connection();
  exit_code_ = client::ReportFailure(
      {spec_.name, spec_.role, connection.server, !connection.token.empty()},
      status, err_);
  return exit_code_;
}

int FinishOutput(std::ostream& out, std::ostream& err) {
  out.flush();
  if (out.good()) return 0;
  err << "error: could not write the output\n";
  return 4;
}

}  // namespace shuyuan::client_internal
