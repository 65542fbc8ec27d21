// `shuyuan validate --schema REF (--record JSON | --in FILE.jsonl)`: records
// validated online by the codec service (ValidateRecord for one record,
// ValidateStream for a file).
#include <atomic>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "client/codec_client.h"
#include "client/internal/online_command.h"
#include "client/online_commands.h"
#include "codec/date_time.h"
#include "codec/record_reader.h"

namespace shuyuan::client {
namespace {

using client_internal::FinishOutput;
using client_internal::OnlineCommand;

constexpr char kValidateUsage[] =
    R"(usage: shuyuan validate --schema REF (--record JSON | --in FILE)
           [--as-of YYYY-MM-DD] [--as-of-field FIELD] [--fail-on-reject]

Validates and normalises records against a registered record schema, online
(the codec service). Column names match the schema's field names, then
their aliases.

  --schema REF       ID (the STANDARD version), ID@N or ID@latest
  --record JSON      one record as a flat JSON object:
                     '{"gmsfhm": "11010519491231002x", "xbdm": "男"}'
  --in FILE          JSONL, one such object per line ("-": standard input),
                     streamed: results come back in input order as the
                     server produces them, memory stays flat
  --as-of DATE       reference date of effective-date checks; default today
  --as-of-field F    take each record's reference date from its field F
  --fail-on-reject   exit 3 when any record is INVALID (or a line of FILE
                     is not a JSON object)

Prints per record its verdict (VALID, VALID_WITH_WARNINGS, INVALID), the
normalised values (--record) and the issues; with --in each result names
its line. -o json prints the response message (for --in one JSON object
per line, with "line"); -o yaml one YAML document per record.

Needs the reader role. Exit codes: 0 done; 2 usage error or an unknown
schema; 3 records rejected with --fail-on-reject; 4 server unreachable,
I/O or auth failure.
)";

struct ValidateOptions {
  std::string schema;
  std::string record;
  std::string in;
  std::string as_of;
  std::string as_of_field;
  bool fail_on_reject = false;
};

// Fills `*request`'s record from a row of the JSONL reader.
void SetRecord(const codec::InputRow& row, v1::ValidateRecordRequest* request) {
  for (size_t i = 0; i < row.keys.size() && i < row.values.size(); ++i) {
    v1::RecordField* field = request->mutable_record()->add_fields();
    field->set_name(row.keys[i]);
    field->set_value(row.values[i]);
  }
}

std::string IssueLine(const v1::Issue& issue) {
  std::string line = absl::StrCat(
      v1::Severity_Name(issue.severity()), "  ", issue.field(), "  ",
      v1::IssueCode_Name(issue.code()), "  ", issue.message_zh());
  if (!issue.message().empty()) absl::StrAppend(&line, " / ", issue.message());
  return line;
}

void PrintOneRecord(const v1::ValidateRecordResponse& response,
                    std::ostream& out) {
  const v1::RecordResult& result = response.result();
  out << response.schema_ref() << ": " << v1::Verdict_Name(result.verdict())
      << "\n\n";
  Table values({"FIELD", "VALUE"});
  for (const v1::FieldValue& value : result.values()) {
    values.AddRow({value.name(), value.value()});
  }
  values.Print(out);
  if (!result.normalizations().empty()) {
    out << "\nnormalised:";
    for (const v1::Normalization& n : result.normalizations()) {
      out << " " << n.field() << " (" << n.step() << ")";
    }
    out << "\n";
  }
  if (!result.issues().empty()) {
    out << "\n";
    Table issues({"SEVERITY", "FIELD", "CODE", "MESSAGE"});
    for (const v1::Issue& issue : result.issues()) {
      issues.AddRow(
          {v1::Severity_Name(issue.severity()), issue.field(),
           v1::IssueCode_Name(issue.code()),
           issue.message().empty()
               ? issue.message_zh()
               : absl::StrCat(issue.message_zh(), " / ", issue.message())});
    }
    issues.Print(out);
  }
}

void PrintStreamed(uint64_t line, const v1::ValidateRecordResponse& response,
                   OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::kJson) {
    // The response message with the input line in front.
    const std::string json = MessageToJson(response, /*pretty=*/false);
    out << "{\"line\":" << line << (json.size() > 2 ? "," : "")
        << json.substr(1) << "\n";
  } else if (format == OutputFormat::kYaml) {
    out << "---\nline: " << line << "\n" << MessageToYaml(response) << "\n";
  } else {
    out << "line " << line << ": "
        << v1::Verdict_Name(response.result().verdict()) << "\n";
    for (const v1::Issue& issue : response.result().issues()) {
      out << "  " << IssueLine(issue) << "\n";
    }
  }
}

int ValidateOne(OnlineCommand& command, const ValidateOptions& options,
                v1::ValidateRecordRequest request) {
  std::istringstream text(options.record);
  codec::RecordReaderOptions reader_options;
  reader_options.format = codec::RecordFormat::kJsonl;
  reader_options.encoding = codec::TextEncoding::kUtf8;
  absl::StatusOr<std::unique_ptr<codec::RecordReader>> reader =
      codec::RecordReader::Open(&text, reader_options);
  codec::InputRow row;
  if (!reader.ok() || !(*reader)->Next(&row)) {
    return command.Usage("validate: --record is empty");
  }
  if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) {
    return command.Usage(absl::StrCat(
        "validate: --record is not a flat JSON object: ", row.issue_detail));
  }
  SetRecord(row, &request);
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  absl::StatusOr<v1::ValidateRecordResponse> response =
      CodecClient(connection).ValidateRecord(request);
  if (!response.ok()) return command.Fail(response.status());
  std::ostream& out = command.out();
  if (command.format() == OutputFormat::kTable) {
    PrintOneRecord(*response, out);
  } else {
    PrintMessage(*response, command.format(), out);
  }
  const int written = FinishOutput(out, command.err());
  if (written != 0) return written;
  return options.fail_on_reject && response->result().verdict() == v1::INVALID
             ? 3
             : 0;
}

int ValidateFile(OnlineCommand& command, const ValidateOptions& options,
                 const v1::ValidateRecordRequest& prototype) {
  codec::RecordReaderOptions reader_options;
  reader_options.format = codec::RecordFormat::kJsonl;
  absl::StatusOr<std::unique_ptr<codec::RecordReader>> reader =
      codec::RecordReader::OpenFile(options.in, reader_options);
  if (!reader.ok()) {
    command.err() << "error: " << reader.status().message() << "\n";
    return reader.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 4;
  }
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  const std::string name = options.in == "-" ? "<stdin>" : options.in;
  std::atomic<uint64_t> malformed{0};
  codec::InputRow row;
  // Runs on the stream's writer thread; it alone writes to err meanwhile.
  auto next = [&](v1::ValidateRecordRequest* request,
                  uint64_t* tag) -> absl::StatusOr<bool> {
    while ((*reader)->Next(&row)) {
      if (row.issue == v1::ISSUE_CODE_UNSPECIFIED) {
        *request = prototype;
        SetRecord(row, request);
        *tag = row.line;
        return true;
      }
      malformed.fetch_add(1);
      // The reader's detail starts "line N: "; the prefix says it already.
      absl::string_view detail = row.issue_detail;
      absl::ConsumePrefix(&detail, absl::StrCat("line ", row.line, ": "));
      command.err() << name << ":" << row.line << ": "
                    << v1::IssueCode_Name(row.issue) << ": " << detail << "\n";
    }
    if (!(*reader)->status().ok()) {
      return absl::DataLossError(
          absl::StrCat(name, ": ", (*reader)->status().message()));
    }
    return false;
  };
  uint64_t counts[4] = {0, 0, 0, 0};  // by Verdict
  std::ostream& out = command.out();
  const absl::Status status =
      CodecClient(connection)
          .ValidateStream(
              next,
              [&](uint64_t line, const v1::ValidateRecordResponse& response) {
                ++counts[response.result().verdict() & 3];
                PrintStreamed(line, response, command.format(), out);
              });
  if (!status.ok()) return command.Fail(status);
  const int written = FinishOutput(out, command.err());
  const uint64_t records =
      counts[v1::VALID] + counts[v1::VALID_WITH_WARNINGS] + counts[v1::INVALID];
  command.err() << "validate: " << records
                << (records == 1 ? " record: " : " records: ")
                << counts[v1::VALID] << " valid, "
                << counts[v1::VALID_WITH_WARNINGS] << " with warnings, "
                << counts[v1::INVALID] << " invalid";
  if (const uint64_t bad = malformed.load(); bad > 0) {
    command.err() << "; " << bad
                  << (bad == 1 ? " malformed line" : " malformed lines");
  }
  command.err() << "\n";
  if (written != 0) return written;
  return options.fail_on_reject && counts[v1::INVALID] + malformed.load() > 0
             ? 3
             : 0;
}

}  // namespace

int RunValidate(const std::vector<std::string>& args,
                const GlobalOptions& globals, std::ostream& out,
                std::ostream& err) {
  OnlineCommand command({"validate", "reader", kValidateUsage}, globals, out,
                        err);
  ValidateOptions options;
  CommandLine line("validate");
  line.Value({"--schema"}, &options.schema)
      .Value({"--record"}, &options.record)
      .Value({"--in"}, &options.in)
      .Value({"--as-of"}, &options.as_of)
      .Value({"--as-of-field"}, &options.as_of_field)
      .Switch({"--fail-on-reject"}, &options.fail_on_reject);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 0, 0)) return command.exit_code();
  if (options.schema.empty()) {
    return command.Usage("validate: --schema REF is required");
  }
  if (options.record.empty() == options.in.empty()) {
    return command.Usage("validate: give one of --record JSON and --in FILE");
  }
  absl::CivilDay day;
  if (!options.as_of.empty() && !codec::ParseIsoDate(options.as_of, &day)) {
    return command.Usage(absl::StrCat("validate: --as-of '", options.as_of,
                                      "' is not a real date YYYY-MM-DD"));
  }
  v1::ValidateRecordRequest request;
  request.set_schema(options.schema);
  request.set_as_of(options.as_of);
  request.set_as_of_field(options.as_of_field);
  return options.record.empty() ? ValidateFile(command, options, request)
                                : ValidateOne(command, options, request);
}

}  // namespace shuyuan::client
