// `shuyuan codelist import ID --file codes.tsv|codes.csv ...`: a code list
// of any size streamed to CreateCodeList in chunks of at most 10,000
// entries, read from the file one chunk at a time.
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/codelist_file.h"
#include "client/grpc_status.h"
#include "client/internal/item_outcome_text.h"
#include "client/internal/online_command.h"
#include "client/online_commands.h"
#include "client/registry_client.h"
#include "re2/re2.h"

namespace shuyuan::client {
namespace {

using client_internal::OnlineCommand;

// Entries per CodeListChunk: well under the server's per-chunk limit
// (100,000) and a few MiB per message.
constexpr size_t kChunkEntries = 10000;

constexpr char kImportUsage[] =
    R"(usage: shuyuan codelist import ID --file FILE --name-zh NAME
           [--name-en NAME] [--standard TEXT] [--remarks TEXT]
           [--format tsv|csv] [--allow-breaking] [--dry-run]

Registers a new version of code list ID from a TSV or CSV file, streamed to
the server in chunks of 10,000 entries: a list of 1,000,000 entries imports
with flat memory on the client. The header row names the columns (any
order, any case):

  code        the code (required)
  name_zh     its Chinese name (required column)
  name_en     its English name
  parent      the parent code, for hierarchical lists
  valid_from  first day in force, YYYY-MM-DD (empty: always)
  valid_to    last day in force, YYYY-MM-DD (empty: still in force)
  aliases     legacy names the `map` step accepts, separated by '|' or ';'
              (男|男性|M)

Values lose surrounding spaces; blank lines are skipped. UTF-8 or GB18030.
TSV has no quoting; CSV follows RFC 4180.

  --file FILE        the entries (.tsv or .csv; "-" reads standard input
                     and needs --format)
  --name-zh NAME     the list's Chinese name (required)
  --name-en, --standard, --remarks
                     the list's other header fields. The header is what the
                     flags say, so give the same flags on every import: an
                     unchanged file then leaves the list UNCHANGED
  --format F         tsv or csv, when the extension does not say
  --allow-breaking   accept a BREAKING version (codes removed; steward role)
  --dry-run          check and report everything, write nothing

Prints the outcome as `shuyuan apply` does (created vN / unchanged vN /
refused, with the changes against the previous version); errors name
FILE:LINE. A progress line shows on standard error when it is a terminal.

Needs the registrant role. Exit codes: 0 done; 2 a bad file or a refused
list; 4 server unreachable, I/O or auth failure.
)";

struct ImportOptions {
  std::string file;
  std::string format;
  bool allow_breaking = false;
  bool dry_run = false;
  v1::CodeList header;
};

// A progress line on a terminal: entries sent, MB/s, % and ETA for files.
class ImportProgress {
 public:
  ImportProgress(std::ostream& err, bool shown)
      : err_(err), shown_(shown), start_(absl::Now()) {}

  void Update(const CodeListFileReader& reader) {
    if (!shown_) return;
    const double seconds =
        absl::FDivDuration(absl::Now() - start_, absl::Seconds(1));
    const uint64_t bytes = reader.bytes_read();
    std::string line = absl::StrFormat(
        "\rcodelist import: %d entries  %.1f MB/s", reader.entries_read(),
        seconds > 0 ? bytes / 1e6 / seconds : 0.0);
    if (reader.file_size().has_value() && *reader.file_size() > 0 &&
        bytes > 0) {
      const double done =
          std::min(1.0, static_cast<double>(bytes) / *reader.file_size());
      const int eta = static_cast<int>(seconds / done * (1 - done) + 0.5);
      absl::StrAppendFormat(&line, "  %3.0f%%  ETA %d:%02d", done * 100,
                            eta / 60, eta % 60);
    }
    err_ << line << "\033[K" << std::flush;
  }

  void Clear() {
    if (shown_) err_ << "\r\033[K" << std::flush;
  }

  double seconds() const {
    return absl::FDivDuration(absl::Now() - start_, absl::Seconds(1));
  }

 private:
  std::ostream& err_;
  const bool shown_;
  const absl::Time start_;
};

// "FILE:LINE: " for a problem at code_list.entries[N]...; "FILE: " else.
std::string ProblemSite(const CodeListFileReader& reader,
                        const std::string& field) {
  static const LazyRE2 kEntry = {R"(entries\[(\d+)\])"};
  uint64_t index = 0;
  if (RE2::PartialMatch(field, *kEntry, &index)) {
    if (const uint64_t line = reader.LineOfEntry(index); line > 0) {
      return absl::StrCat(reader.path(), ":", line, ": ");
    }
  }
  return absl::StrCat(reader.path(), ": ");
}

// The server answers a refused list with INVALID_ARGUMENT and one field
// violation per problem (server/status_mapping.h): made an outcome again,
// so that it prints as apply's do, each entry's problem on its line.
absl::StatusOr<v1::ItemOutcome> RefusalOf(const absl::Status& status,
                                          const std::string& id) {
  const auto violations = FieldViolations(status);
  if (status.code() != absl::StatusCode::kInvalidArgument ||
      violations.empty()) {
    return status;
  }
  v1::ItemOutcome outcome;
  outcome.set_kind(v1::CODE_LIST);
  outcome.set_id(id);
  outcome.set_action(v1::ItemOutcome::REFUSED);
  for (const auto& [field, description] : violations) {
    v1::DefinitionProblem* problem = outcome.add_problems();
    problem->set_field(field);
    problem->set_description(description);
  }
  return outcome;
}

int Import(OnlineCommand& command, const ImportOptions& options,
           CodeListFileReader& reader) {
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  ImportProgress progress(command.err(), isatty(STDERR_FILENO) == 1);
  bool first = true;
  absl::StatusOr<v1::ItemOutcome> outcome =
      RegistryClient(connection)
          .CreateCodeList(
              [&](v1::CodeListChunk* chunk) -> absl::StatusOr<bool> {
                v1::CodeList* list = chunk->mutable_code_list();
                if (first) {
                  // The header travels in the first chunk, even for no entries.
                  *list = options.header;
                  chunk->set_allow_breaking(options.allow_breaking);
                  chunk->set_dry_run(options.dry_run);
                }
                absl::StatusOr<size_t> read =
                    reader.Read(kChunkEntries, list->mutable_entries());
                if (!read.ok()) return read.status();
                if (!first && *read == 0) return false;
                first = false;
                progress.Update(reader);
                return true;
              });
  progress.Clear();
  if (!outcome.ok()) outcome = RefusalOf(outcome.status(), options.header.id());
  if (!outcome.ok()) return command.Fail(outcome.status());
  std::ostream& out = command.out();
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*outcome, command.format(), out);
  } else {
    client_internal::PrintItemOutcome(
        *outcome, options.dry_run,
        [&reader](const std::string& field) {
          return ProblemSite(reader, field);
        },
        out);
  }
  const int written = client_internal::FinishOutput(out, command.err());
  command.err() << absl::StrFormat(
      "codelist import: %d entries from %s in %.1f s\n", reader.entries_read(),
      reader.path(), progress.seconds());
  return outcome->action() == v1::ItemOutcome::REFUSED ? 2 : written;
}

}  // namespace

int RunCodeListImport(const std::vector<std::string>& args,
                      const GlobalOptions& globals, std::ostream& out,
                      std::ostream& err) {
  OnlineCommand command({"codelist import", "registrant", kImportUsage},
                        globals, out, err);
  ImportOptions options;
  std::string name_zh, name_en, standard, remarks;
  CommandLine line("codelist import");
  line.Value({"--file"}, &options.file)
      .Value({"--format"}, &options.format)
      .Value({"--name-zh"}, &name_zh)
      .Value({"--name-en"}, &name_en)
      .Value({"--standard"}, &standard)
      .Value({"--remarks"}, &remarks)
      .Switch({"--allow-breaking"}, &options.allow_breaking)
      .Switch({"--dry-run"}, &options.dry_run);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 1, 1)) return command.exit_code();
  if (options.file.empty()) {
    return command.Usage("codelist import: --file FILE is required");
  }
  if (name_zh.empty()) {
    return command.Usage("codelist import: --name-zh NAME is required");
  }
  options.header.set_id(words[0]);
  options.header.set_name_zh(name_zh);
  options.header.set_name_en(name_en);
  options.header.set_standard(standard);
  options.header.set_remarks(remarks);
  std::optional<codec::RecordFormat> format;
  if (!options.format.empty()) {
    absl::StatusOr<codec::RecordFormat> parsed =
        codec::ParseRecordFormat(options.format);
    if (!parsed.ok() || *parsed == codec::RecordFormat::kJsonl) {
      return command.Usage(absl::StrCat("codelist import: --format '",
                                        options.format,
                                        "' is not one of tsv, csv"));
    }
    format = *parsed;
  }
  absl::StatusOr<std::unique_ptr<CodeListFileReader>> reader =
      CodeListFileReader::Open(options.file, format);
  if (!reader.ok()) {
    err << "error: " << reader.status().message() << "\n";
    return reader.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 4;
  }
  return Import(command, options, **reader);
}

}  // namespace shuyuan::client
