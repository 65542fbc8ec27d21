// Governance commands: promote and retire (registration status moves, SPEC
// §2.8) and audit (the append-only log and its change feed, §2.9).
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/internal/interrupt_watcher.h"
#include "client/internal/online_command.h"
#include "client/online_commands.h"
#include "client/registry_client.h"

namespace shuyuan::client {
namespace {

using client_internal::FinishOutput;
using client_internal::OnlineCommand;

constexpr char kPromoteUsage[] =
    R"(usage: shuyuan promote KIND REF --to STATUS --reason TEXT

Moves a version forward along the registration statuses (ISO/IEC 11179-6):
INCOMPLETE, CANDIDATE, RECORDED, QUALIFIED, STANDARD, PREFERRED_STANDARD.
Reaching STANDARD supersedes the id's previous STANDARD version in the same
write; a schema cannot reach STANDARD while it pins a RETIRED item. The
move and its reason land in the audit log.

  KIND           element, codelist, schema, term or rule
  REF            ID@N (or ID@latest)
  --to STATUS    the new status (any case)
  --reason TEXT  why (required)

Needs the steward role. Exit codes: 0 done; 2 an illegal move or a bad
reference; 4 server unreachable or auth failure.
)";

constexpr char kRetireUsage[] = R"(usage: shuyuan retire KIND REF --reason TEXT

Moves a version to RETIRED (from any status) and lists the STANDARD schemas
that still pin it. Needs the steward role.
)";

constexpr char kAuditUsage[] =
    R"(usage: shuyuan audit [--from SEQ] [--limit N] [--follow]

Prints the audit log: every mutation with its sequence number, time,
principal, action, item, status before and after, and reason.

  --from SEQ   records after sequence number SEQ (default 0: from the start)
  --limit N    at most N records (default: the server's, 100); not with
               --follow
  --follow     after the records so far, keep printing new ones as they
               happen (the Watch stream) until Ctrl-C; with -o json one
               JSON object per line

Needs the reader role.
)";

std::string Ref(const v1::ItemSummary& item) {
  return absl::StrCat(item.id(), "@", item.version());
}

std::string StatusMove(const v1::AuditRecord& record) {
  if (record.status_before() == v1::REGISTRATION_STATUS_UNSPECIFIED &&
      record.status_after() == v1::REGISTRATION_STATUS_UNSPECIFIED) {
    return "";
  }
  if (record.status_before() == v1::REGISTRATION_STATUS_UNSPECIFIED) {
    return v1::RegistrationStatus_Name(record.status_after());
  }
  return absl::StrCat(v1::RegistrationStatus_Name(record.status_before()),
                      " → ",
                      v1::RegistrationStatus_Name(record.status_after()));
}

std::vector<std::string> AuditRow(const v1::AuditRecord& record) {
  return {absl::StrCat(record.seq()),
          record.time(),
          record.principal(),
          record.action(),
          std::string(KindName(record.kind())),
          record.ref(),
          StatusMove(record),
          record.reason()};
}

const std::vector<std::string> kAuditHeader = {
    "SEQ", "TIME", "PRINCIPAL", "ACTION", "KIND", "REF", "STATUS", "REASON"};

int MoveStatus(OnlineCommand& command, const std::vector<std::string>& words,
               v1::RegistrationStatus status, const std::string& reason) {
  absl::StatusOr<v1::ItemKind> kind = ParseKind(words[0]);
  if (!kind.ok()) return command.Usage(kind.status().message());
  if (reason.empty()) return command.Usage("--reason TEXT is required");
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  v1::SetStatusRequest request;
  request.set_kind(*kind);
  request.set_ref(words[1]);
  request.set_status(status);
  request.set_reason(reason);
  absl::StatusOr<v1::SetStatusResponse> response =
      RegistryClient(connection).SetStatus(request);
  if (!response.ok()) return command.Fail(response.status());
  std::ostream& out = command.out();
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*response, command.format(), out);
    return FinishOutput(out, command.err());
  }
  out << KindName(*kind) << " " << Ref(response->item()) << " is now "
      << v1::RegistrationStatus_Name(response->item().registration_status())
      << "\n";
  for (const v1::ItemSummary& item : response->superseded()) {
    out << "  superseded  " << Ref(item) << "\n";
  }
  for (const v1::ItemSummary& item : response->pinned_by()) {
    out << "  still pinned by STANDARD " << KindName(item.kind()) << " "
        << Ref(item) << "\n";
  }
  return FinishOutput(out, command.err());
}

// A row of the followed feed: the columns but the last at fixed widths
// (the rows to come are unknown, so a table cannot measure them).
std::string FollowedLine(const std::vector<std::string>& row) {
  constexpr int kWidths[] = {6, 24, 10, 7, 8, 24, 22};
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    line += i + 1 < row.size() && i < std::size(kWidths)
                ? PadToWidth(row[i], kWidths[i]) + "  "
                : row[i];
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// Prints one record of the followed feed at once: JSON/YAML per record,
// or a table row of fixed-width leading columns.
void PrintFollowed(const v1::AuditRecord& record, OutputFormat format,
                   std::ostream& out) {
  if (format == OutputFormat::kJson) {
    out << MessageToJson(record, /*pretty=*/false) << "\n";
  } else if (format == OutputFormat::kYaml) {
    out << "---\n" << MessageToYaml(record) << "\n";
  } else {
    out << FollowedLine(AuditRow(record)) << "\n";
  }
  out.flush();
}

int FollowAudit(OnlineCommand& command, uint64_t from) {
  std::ostream& out = command.out();
  CallCancel cancel;
  // Before the connection exists, so that gRPC's threads never take Ctrl-C.
  client_internal::InterruptWatcher watcher(&cancel);
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  if (command.format() == OutputFormat::kTable) {
    out << FollowedLine(kAuditHeader) << "\n" << std::flush;
  }
  v1::WatchRequest request;
  request.set_from_seq(from);
  const absl::Status status =
      RegistryClient(connection)
          .Watch(
              request,
              [&](const v1::AuditRecord& record) {
                PrintFollowed(record, command.format(), out);
                return out.good();
              },
              &cancel);
  if (!status.ok()) return command.Fail(status);
  return FinishOutput(out, command.err());
}

}  // namespace

int RunPromote(const std::vector<std::string>& args,
               const GlobalOptions& globals, std::ostream& out,
               std::ostream& err) {
  OnlineCommand command({"promote", "steward", kPromoteUsage}, globals, out,
                        err);
  std::string to;
  std::string reason;
  CommandLine line("promote");
  line.Value({"--to"}, &to).Value({"--reason"}, &reason);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 2, 2)) return command.exit_code();
  if (to.empty()) return command.Usage("promote: --to STATUS is required");
  absl::StatusOr<v1::RegistrationStatus> status = ParseStatus(to);
  if (!status.ok()) return command.Usage(status.status().message());
  return MoveStatus(command, words, *status, reason);
}

int RunRetire(const std::vector<std::string>& args,
              const GlobalOptions& globals, std::ostream& out,
              std::ostream& err) {
  OnlineCommand command({"retire", "steward", kRetireUsage}, globals, out, err);
  std::string reason;
  CommandLine line("retire");
  line.Value({"--reason"}, &reason);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 2, 2)) return command.exit_code();
  return MoveStatus(command, words, v1::RETIRED, reason);
}

int RunAudit(const std::vector<std::string>& args, const GlobalOptions& globals,
             std::ostream& out, std::ostream& err) {
  OnlineCommand command({"audit", "reader", kAuditUsage}, globals, out, err);
  uint64_t from = 0;
  uint64_t limit = 0;
  bool follow = false;
  CommandLine line("audit");
  line.Number({"--from"}, &from)
      .Number({"--limit"}, &limit)
      .Switch({"--follow", "-f"}, &follow);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 0, 0)) return command.exit_code();
  if (follow) {
    if (limit > 0) return command.Usage("audit: --limit and --follow conflict");
    return FollowAudit(command, from);
  }
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  v1::ListAuditRequest request;
  request.set_from_seq(from);
  request.set_limit(static_cast<uint32_t>(std::min<uint64_t>(limit, 1u << 30)));
  absl::StatusOr<v1::ListAuditResponse> response =
      RegistryClient(connection).ListAudit(request);
  if (!response.ok()) return command.Fail(response.status());
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*response, command.format(), out);
    return FinishOutput(out, err);
  }
  Table table(kAuditHeader);
  for (const v1::AuditRecord& record : response->records()) {
    table.AddRow(AuditRow(record));
  }
  table.Print(out);
  const uint64_t shown_to =
      response->records().empty() ? from : response->records().rbegin()->seq();
  if (shown_to < response->last_seq()) {
    out << "(more: shuyuan audit --from " << shown_to << ")\n";
  }
  return FinishOutput(out, err);
}

}  // namespace shuyuan::client
