#include "client/normalize_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/batch_pipeline.h"
#include "client/batch_report.h"
#include "client/definition_source.h"
#include "client/internal/hashing_input.h"
#include "client/internal/html_report.h"
#include "client/internal/output_file.h"
#include "client/local_commands.h"
#include "codec/compiled_schema.h"
#include "codec/content_hash.h"
#include "codec/date_time.h"
#include "codec/definition_set.h"
#include "codec/record_reader.h"
#include "codec/sha256.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace shuyuan::client {

const char kNormalizeUsage[] =
    R"(usage: shuyuan normalize (--defs DIR|BUNDLE | --bundle FILE |
           --server HOST:PORT) --schema REF --in FILE
           --out FILE --rejects FILE --report FILE [--report-html FILE]
           [--format csv|tsv|jsonl] [--encoding auto|utf-8|gb18030]
           [--mapping FILE] [--threads N] [--as-of YYYY-MM-DD]
           [--fail-on-reject]

Validates and normalises every row of FILE against record schema REF from
local definitions (a directory of YAML/JSON files or a bundle file), a
bundle written by `shuyuan bundle export`, or the registry: --server
fetches the bundle of the schema version REF denotes (ID: the STANDARD
version, ID@N, ID@latest) and runs the same local pipeline on it.

  --defs DIR|FILE   definition files, or a bundle file (*.pb, *.bundle)
  --bundle FILE     a bundle file (shuyuan bundle export)
  --server H:P      the registry (with --token or SHUYUAN_TOKEN, --tls-ca or
                    SHUYUAN_TLS_CA as for the online commands); needs the
                    reader role

  --in FILE         CSV (RFC 4180), TSV or JSONL; "-" reads standard input
  --format F        csv, tsv or jsonl; default from the extension of --in
                    (.csv, .tsv, .jsonl/.ndjson), else csv
  --encoding E      auto (UTF-8 when the first MiB reads as UTF-8, a few
                    corrupt bytes allowed, else GB18030), utf-8 or gb18030
                    (also reads GBK); default auto
  --out FILE        clean rows, UTF-8: CSV whose header is the schema's field
                    names in schema order, or JSONL objects for JSONL input;
                    "-" writes standard output
  --rejects FILE    JSONL, one object per rejected row: {"line", "row" (the
                    original text), "issues": [{"field", "code", "severity",
                    "message", "message_zh", ...}]}; values masked for L3/L4
  --report FILE     JSON: rows_in, rows_clean, rows_with_warnings,
                    rows_rejected, issues, normalized, samples,
                    definitions, input_sha256, elapsed_s, rows_per_s,
                    mb_per_s, encoding
  --report-html F   the same report as one self-contained HTML page
  --mapping FILE    JSON object {"column": "FIELD", ...}: maps input columns
                    (or JSONL keys) to schema fields, overriding the
                    matching by field name and alias; "" skips a column
  --threads N       worker threads; default: all cores. Output is identical
                    for any N
  --as-of DATE      reference date for effective-date checks; default today
  --fail-on-reject  exit 3 when any row was rejected

Every input row lands in exactly one of --out and --rejects. Outputs are
written under temporary names and renamed when the run succeeds; a failed
run leaves none of them behind. A required field that no column maps to
fails before any output is written.

Exit codes: 0 done; 2 usage or definition error (an unknown schema on the
server too); 3 rows rejected with --fail-on-reject; 4 I/O failure, or with
--server the server unreachable or an auth failure.

The report's `definitions` names the schema, elements and code lists used,
each with its version (for bundle and server runs) and content hash.
A bundle whose items do not match their content hashes is refused.
)";

namespace {

using client_internal::HashingInput;
using client_internal::OutputFile;

struct NormalizeOptions {
  DefinitionSource source;  // --defs, --bundle or --server
  std::string schema;
  std::string in;
  std::string out;
  std::string rejects;
  std::string report;
  std::string report_html;
  std::string format;
  std::string encoding = "auto";
  std::string mapping;
  int threads = 0;
  std::string as_of;
  bool fail_on_reject = false;
  bool help = false;
};

absl::StatusOr<NormalizeOptions> ParseOptions(
    const std::vector<std::string>& args) {
  NormalizeOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::StatusOr<bool> source_flag = options.source.ParseFlag(args, &i);
    if (!source_flag.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("normalize: ", source_flag.status().message()));
    }
    if (*source_flag) continue;
    const std::string& arg = args[i];
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (const size_t eq = arg.find('=');
        absl::StartsWith(arg, "--") && eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    auto value = [&]() -> absl::StatusOr<std::string> {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("normalize: ", name, " needs a value"));
      }
      return args[++i];
    };
    std::string* target = nullptr;
    if (name == "--help" || name == "-h") {
      options.help = true;
      continue;
    } else if (name == "--fail-on-reject") {
      options.fail_on_reject = true;
      continue;
    } else if (name == "--schema") {
      target = &options.schema;
    } else if (name == "--in") {
      target = &options.in;
    } else if (name == "--out") {
      target = &options.out;
    } else if (name == "--rejects") {
      target = &options.rejects;
    } else if (name == "--report") {
      target = &options.report;
    } else if (name == "--report-html") {
      target = &options.report_html;
    } else if (name == "--format") {
      target = &options.format;
    } else if (name == "--encoding") {
      target = &options.encoding;
    } else if (name == "--mapping") {
      target = &options.mapping;
    } else if (name == "--as-of") {
      target = &options.as_of;
    } else if (name == "--threads") {
      absl::StatusOr<std::string> text = value();
      if (!text.ok()) return text.status();
      if (!absl::SimpleAtoi(*text, &options.threads) || options.threads < 1 ||
          options.threads > 1024) {
        return absl::InvalidArgumentError(
            absl::StrCat("normalize: --threads '", *text,
                         "' is not a number from 1 to 1024"));
      }
      continue;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "normalize: unexpected argument '", arg, "' (see --help)"));
    }
    absl::StatusOr<std::string> text = value();
    if (!text.ok()) return text.status();
    *target = *std::move(text);
  }
  if (options.help) return options;
  std::vector<std::string> missing;
  for (const auto& [flag, value] :
       {std::pair<const char*, const std::string*>{"--schema", &options.schema},
        {"--in", &options.in},
        {"--out", &options.out},
        {"--rejects", &options.rejects},
        {"--report", &options.report}}) {
    if (value->empty()) missing.push_back(flag);
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("normalize: missing ", absl::StrJoin(missing, ", "),
                     " (see shuyuan normalize --help)"));
  }
  if (absl::Status s = options.source.Check(); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("normalize: ", s.message()));
  }
  // One stream per output, and no output over another or over the input.
  std::vector<std::pair<const char*, const std::string*>> outputs = {
      {"--out", &options.out},
      {"--rejects", &options.rejects},
      {"--report", &options.report}};
  if (!options.report_html.empty()) {
    outputs.push_back({"--report-html", &options.report_html});
  }
  for (size_t a = 0; a < outputs.size(); ++a) {
    if (*outputs[a].second != "-" && *outputs[a].second == options.in) {
      return absl::InvalidArgumentError(
          absl::StrCat("normalize: ", outputs[a].first,
                       " names the input file ", options.in));
    }
    for (size_t b = a + 1; b < outputs.size(); ++b) {
      if (*outputs[a].second == *outputs[b].second) {
        return absl::InvalidArgumentError(absl::StrCat(
            "normalize: ", outputs[a].first, " and ", outputs[b].first,
            " both name ", *outputs[a].second,
            *outputs[a].second == "-" ? " (standard output)" : ""));
      }
    }
  }
  return options;
}

absl::StatusOr<codec::DateKey> ParseAsOf(const std::string& text,
                                         std::string* iso) {
  absl::CivilDay day = codec::Today();
  if (!text.empty() && !codec::ParseIsoDate(text, &day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("normalize: --as-of '", text,
                     "' is not a real date written YYYY-MM-DD"));
  }
  *iso = absl::FormatCivilTime(day);
  return codec::MakeDateKey(day);
}

absl::StatusOr<codec::RecordFormat> ResolveFormat(
    const NormalizeOptions& options) {
  if (!options.format.empty()) {
    absl::StatusOr<codec::RecordFormat> format =
        codec::ParseRecordFormat(options.format);
    if (!format.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("normalize: --format '", options.format,
                       "' is not one of csv, tsv, jsonl"));
    }
    return format;
  }
  const std::string in = absl::AsciiStrToLower(options.in);
  if (absl::EndsWith(in, ".tsv")) return codec::RecordFormat::kTsv;
  if (absl::EndsWith(in, ".jsonl") || absl::EndsWith(in, ".ndjson")) {
    return codec::RecordFormat::kJsonl;
  }
  return codec::RecordFormat::kCsv;
}

// Reads the mapping file: a JSON object {"column": "FIELD" | "" | null}.
// Sets *io_error when the file cannot be read (exit 4, not 2).
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> LoadMapping(
    const std::string& path, bool* io_error) {
  absl::flat_hash_map<std::string, std::string> mapping;
  if (path.empty()) return mapping;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    *io_error = true;
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot read the mapping file"));
  }
  google::protobuf::Struct object;
  const auto status =
      google::protobuf::util::JsonStringToMessage(text.str(), &object);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": not a JSON object {\"column\": \"FIELD\", ...}: ",
        std::string(status.message().data(), status.message().size())));
  }
  for (const auto& [column, target] : object.fields()) {
    if (target.kind_case() == google::protobuf::Value::kNullValue) {
      mapping[column] = "";
    } else if (target.kind_case() == google::protobuf::Value::kStringValue) {
      mapping[column] = target.string_value();
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": column '", column,
                       "' must map to a field name (a string) or \"\""));
    }
  }
  return mapping;
}

template <typename Message>
DefinitionDigest Digest(absl::string_view kind, const Message& message,
                        const std::string& ref) {
  DefinitionDigest digest;
  digest.kind = std::string(kind);
  digest.id = message.id();
  if (message.version_info().version() > 0) {
    digest.version = message.version_info().version();
  }
  digest.ref = ref;
  digest.sha256 = codec::ContentHash(message);
  return digest;
}

// The schema, its elements and their code lists, in schema field order.
std::vector<DefinitionDigest> DefinitionDigests(
    const codec::CompiledSchema& schema, const codec::DefinitionSet& defs) {
  std::vector<DefinitionDigest> digests;
  digests.push_back(Digest("record_schema", schema.definition(), schema.ref()));
  absl::flat_hash_set<std::string> seen;
  std::vector<DefinitionDigest> lists;
  for (size_t i = 0; i < schema.field_count(); ++i) {
    const codec::CompiledElement& element = *schema.field(i).element;
    if (!seen.insert(absl::StrCat("e:", element.ref())).second) continue;
    digests.push_back(
        Digest("data_element", element.definition(), element.ref()));
    const std::string& list_ref =
        element.definition().value_domain().code_list();
    if (list_ref.empty()) continue;
    const v1::CodeList* list = defs.FindCodeList(list_ref);
    if (list == nullptr) continue;
    const std::string ref = codec::ItemRef(list->id(), list->version_info());
    if (!seen.insert(absl::StrCat("c:", ref)).second) continue;
    lists.push_back(Digest("code_list", *list, ref));
  }
  digests.insert(digests.end(), lists.begin(), lists.end());
  return digests;
}

// A progress line on a terminal: rows, MB/s and, for a file, % and ETA.
class ProgressLine {
 public:
  ProgressLine(std::ostream& err, std::optional<uint64_t> total_bytes)
      : err_(err), total_(total_bytes), start_(absl::Now()) {}

  void Update(uint64_t rows, uint64_t bytes) {
    const double seconds =
        absl::FDivDuration(absl::Now() - start_, absl::Seconds(1));
    const double mb_per_s = seconds > 0 ? bytes / 1e6 / seconds : 0;
    std::string line =
        absl::StrFormat("\rnormalize: %d rows  %.1f MB/s", rows, mb_per_s);
    if (total_.has_value() && *total_ > 0 && bytes > 0) {
      const double done = static_cast<double>(bytes) / *total_;
      const int eta = static_cast<int>(seconds / done * (1 - done) + 0.5);
      absl::StrAppendFormat(&line, "  %3.0f%%  ETA %d:%02d", done * 100,
                            eta / 60, eta % 60);
    }
    err_ << line << "\033[K" << std::flush;
    shown_ = true;
  }

  void Clear() {
    if (shown_) err_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& err_;
  const std::optional<uint64_t> total_;
  const absl::Time start_;
  bool shown_ = false;
};

int Fail(std::ostream& err, int code, const absl::Status& status) {
  err << "error: " << status.message() << "\n";
  return code;
}

int IoOrUsage(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument ? kExitUsage
                                                             : kExitFailure;
}

}  // namespace

int RunNormalize(const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) {
  absl::StatusOr<NormalizeOptions> parsed = ParseOptions(args);
  if (!parsed.ok()) return Fail(err, kExitUsage, parsed.status());
  const NormalizeOptions& options = *parsed;
  if (options.help) {
    out << kNormalizeUsage;
    return kExitOk;
  }
  std::string as_of_text;
  absl::StatusOr<codec::DateKey> as_of = ParseAsOf(options.as_of, &as_of_text);
  if (!as_of.ok()) return Fail(err, kExitUsage, as_of.status());
  absl::StatusOr<codec::RecordFormat> format = ResolveFormat(options);
  if (!format.ok()) return Fail(err, kExitUsage, format.status());
  absl::StatusOr<codec::TextEncoding> encoding =
      codec::ParseTextEncoding(options.encoding);
  if (!encoding.ok()) {
    return Fail(err, kExitUsage,
                absl::InvalidArgumentError(
                    absl::StrCat("normalize: --encoding '", options.encoding,
                                 "' is not one of auto, utf-8, gb18030")));
  }

  // Definitions.
  absl::StatusOr<codec::DefinitionSet> defs =
      LoadDefinitions(options.source, options.schema);
  if (!defs.ok()) return Fail(err, IoOrUsage(defs.status()), defs.status());
  const v1::RecordSchema* schema_proto = defs->FindSchema(options.schema);
  if (schema_proto == nullptr) {
    return Fail(err, kExitUsage,
                absl::NotFoundError(
                    absl::StrCat("no record schema '", options.schema, "' in ",
                                 options.source.Describe(), " (",
                                 defs->schemas().size(), " schemas loaded)")));
  }
  absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> schema =
      codec::CompiledSchema::Compile(*schema_proto, *defs);
  if (!schema.ok()) {
    const codec::SourceLocation* where = defs->SchemaLocation(options.schema);
    err << "error: ";
    if (where != nullptr) err << where->file << ":" << where->line << ": ";
    err << schema.status().message() << "\n";
    return kExitUsage;
  }
  bool mapping_io_error = false;
  absl::StatusOr<absl::flat_hash_map<std::string, std::string>> mapping =
      LoadMapping(options.mapping, &mapping_io_error);
  if (!mapping.ok()) {
    return Fail(err, mapping_io_error ? kExitFailure : kExitUsage,
                mapping.status());
  }
  absl::StatusOr<ColumnResolver> columns =
      ColumnResolver::Create(**schema, *mapping, options.mapping);
  if (!columns.ok()) return Fail(err, kExitUsage, columns.status());

  // Input: opened, its encoding resolved and its header checked before any
  // output exists.
  absl::StatusOr<std::unique_ptr<HashingInput>> input =
      HashingInput::Open(options.in);
  if (!input.ok()) return Fail(err, IoOrUsage(input.status()), input.status());
  const std::string input_name = options.in == "-" ? "<stdin>" : options.in;
  codec::RecordReaderOptions reader_options;
  reader_options.format = *format;
  reader_options.encoding = *encoding;
  absl::StatusOr<std::unique_ptr<codec::RecordReader>> reader =
      codec::RecordReader::Open((*input)->stream(), reader_options);
  if (!reader.ok()) {
    const absl::Status status =
        (*input)->status().ok() ? reader.status() : (*input)->status();
    return Fail(err, IoOrUsage(status),
                absl::Status(status.code(),
                             absl::StrCat(input_name, ": ", status.message())));
  }
  if (*format != codec::RecordFormat::kJsonl) {
    if (absl::Status s = columns->CheckHeader((*reader)->header(), input_name);
        !s.ok()) {
      return Fail(err, kExitUsage, s);
    }
  }

  // Outputs, under temporary names until everything succeeded.
  std::vector<std::unique_ptr<OutputFile>> files;
  for (const std::string* path : {&options.out, &options.rejects,
                                  &options.report, &options.report_html}) {
    if (path->empty()) {
      files.push_back(nullptr);
      continue;
    }
    absl::StatusOr<std::unique_ptr<OutputFile>> file =
        OutputFile::Create(*path);
    if (!file.ok()) return Fail(err, kExitFailure, file.status());
    files.push_back(*std::move(file));
  }
  OutputFile& clean_file = *files[0];
  OutputFile& rejects_file = *files[1];

  BatchOptions batch;
  batch.threads = options.threads;
  batch.validate.as_of = *as_of;
  batch.jsonl_output = *format == codec::RecordFormat::kJsonl;
  std::optional<ProgressLine> progress;
  if (isatty(STDERR_FILENO)) {
    progress.emplace(err, (*input)->size());
    batch.progress = [&progress](uint64_t rows, uint64_t bytes) {
      progress->Update(rows, bytes);
    };
  }
  const ByteSink clean = [&clean_file](absl::string_view data) {
    return clean_file.Write(data);
  };
  const ByteSink rejects = [&rejects_file](absl::string_view data) {
    return rejects_file.Write(data);
  };
  BatchReport report;
  const absl::Time start = absl::Now();
  absl::Status run =
      RunBatchPipeline(*columns, reader->get(), batch, clean, rejects, &report);
  report.elapsed_s = absl::FDivDuration(absl::Now() - start, absl::Seconds(1));
  if (progress) progress->Clear();
  if (!(*input)->status().ok()) run = (*input)->status();
  if (!run.ok()) {
    return Fail(err, kExitFailure,
                absl::Status(run.code(),
                             absl::StrCat(input_name, ": ", run.message())));
  }

  report.schema_ref = (*schema)->ref();
  report.input = input_name;
  report.input_format = std::string(codec::RecordFormatName(*format));
  report.encoding = std::string(codec::TextEncodingName((*reader)->encoding()));
  report.input_sha256 = (*input)->HexDigest();
  report.as_of = as_of_text;
  report.threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  report.clean_output = options.out == "-" ? "<stdout>" : options.out;
  report.rejects_output = options.rejects == "-" ? "<stdout>" : options.rejects;
  report.definitions = DefinitionDigests(**schema, *defs);

  absl::Status written = files[2]->Write(RenderReportJson(report));
  if (written.ok() && files[3] != nullptr) {
    written = files[3]->Write(client_internal::RenderHtmlReport(report));
  }
  for (const auto& file : files) {
    if (!written.ok()) break;
    if (file != nullptr) written = file->Commit();
  }
  if (!written.ok()) return Fail(err, kExitFailure, written);

  err << absl::StrFormat(
      "normalize: %d rows: %d clean (%d with warnings), %d rejected; "
      "%.1f MB/s\n",
      report.rows_in, report.rows_clean, report.rows_with_warnings,
      report.rows_rejected,
      report.elapsed_s > 0 ? report.input_bytes / 1e6 / report.elapsed_s : 0.0);
  if (options.fail_on_reject && report.rows_rejected > 0) return kExitRejected;
  return kExitOk;
}

}  // namespace shuyuan::client
