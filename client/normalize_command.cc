#include "client/normalize_command.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/as_of_flag.h"
#include "client/batch_pipeline.h"
#include "client/batch_report.h"
#include "client/definition_source.h"
#include "client/internal/distinct_files.h"
#include "client/internal/hashing_input.h"
#include "client/internal/html_report.h"
#include "client/internal/interrupt_cleanup.h"
#include "client/internal/normalize_options.h"
#include "client/internal/output_file.h"
#include "client/internal/progress_line.h"
#include "client/internal/range_input.h"
#include "client/internal/range_part.h"
#include "client/local_commands.h"
#include "client/local_definitions.h"
#include "codec/compiled_schema.h"
#include "codec/content_hash.h"
#include "codec/definition_set.h"
#include "codec/record_reader.h"

namespace shuyuan::client {

const char kNormalizeUsage[] =
    R"(usage: shuyuan normalize (--defs DIR|BUNDLE | --bundle FILE |
           --server HOST:PORT) --schema REF --in FILE
           --out FILE --rejects FILE --report FILE [--report-html FILE]
           [--format csv|tsv|jsonl] [--encoding auto|utf-8|gb18030]
           [--mapping FILE] [--threads N] [--as-of YYYY-MM-DD]
           [--max-row-bytes N] [--fail-on-reject]
           [--range START:END [--first-line N]]

Validates and normalises every row of FILE against record schema REF from
local definitions (a directory of YAML/JSON files or a bundle file; every
definition in it must load and compile), a bundle written by `shuyuan
bundle export`, or the registry: --server fetches the bundle of the schema
version REF denotes (ID: the STANDARD version, ID@N, ID@latest) and runs
the same local pipeline on it.

  --defs DIR|FILE   definition files, or a bundle file (*.pb, *.bundle)
  --bundle FILE     a bundle file (shuyuan bundle export)
  --server H:P      the registry (with --token or SHUYUAN_TOKEN, --tls-ca or
                    SHUYUAN_TLS_CA as for the online commands); needs the
                    reader role

  --in FILE         CSV (RFC 4180), TSV or JSONL; "-" reads standard input.
                    An empty input is a run of 0 rows
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
                    rows_rejected, lines_in, issues, normalized, samples,
                    definitions, input_sha256, elapsed_s, rows_per_s,
                    mb_per_s, encoding
  --report-html F   the same report as one self-contained HTML page
  --mapping FILE    JSON object {"column": "FIELD", ...}: maps input columns
                    (or JSONL keys) to schema fields, overriding the
                    matching by field name and alias; "" skips a column
  --threads N       worker threads; default: all cores. Output is identical
                    for any N
  --as-of DATE      reference date for effective-date checks, exactly
                    YYYY-MM-DD; default today (China Standard Time)
  --max-row-bytes N longest row in bytes (default 16777216 = 16 MiB); a
                    longer row is a MALFORMED_ROW reject, read in bounded
                    memory
  --fail-on-reject  exit 3 when any row was rejected
  --range S:E       only the rows whose first byte is in [S, E), with the
                    file's header and line numbers as in the whole file:
                    one part of a split run (shuyuan split prints the
                    ranges; shuyuan report merge joins the part reports).
                    S must be where the data starts or follow a line break,
                    and E must end the file or be where a row starts (else
                    exit 2). The report gets "range" and "layout" (for
                    report merge); its input_sha256, input_bytes and
                    lines_in are the range's
  --first-line N    the physical line of S (split -o json gives it);
                    default: count the line breaks before S

Every input row lands in exactly one of --out and --rejects, and every
physical line of the input in at most one row (lines_in counts them). A
quoted field that would swallow following lines into a row of the wrong
shape is not accepted: its first line is the reject and reading resumes on
the next line. Values quoted in issues and samples are cut to 256
characters, their full length noted; a reject line holds its row once.

A run whose input, outputs or mapping file are the same file (however the
paths are written: ./, .., absolute, links) is refused before anything is
read. Outputs get their final names only when the whole run succeeded;
until then they have no name (or a hidden temporary one). A failed or
interrupted run (Ctrl-C, SIGTERM) leaves nothing behind, and the first
Ctrl-C stops at once. A required field that no column maps to fails before
any output is written.

Exit codes: 0 done; 2 usage or definition error (an unknown schema on the
server too); 3 rows rejected with --fail-on-reject; 4 I/O failure, or with
--server the server unreachable or an auth failure.

The report's `definitions` names the schema, elements and code lists used,
each with its version (for bundle and server runs) and content hash.
A bundle whose items do not match their content hashes is refused.
)";

namespace {

using client_internal::HashingInput;
using client_internal::NormalizeOptions;
using client_internal::OutputFile;
using client_internal::RangeInput;

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
    // The lists the element was compiled with, as the schema's
    // dependencies() lists them: its code list and its address codes.
    for (const std::string* ref :
         {&element.code_list_ref(), &element.address_codes_ref()}) {
      if (ref->empty() || !seen.insert(absl::StrCat("c:", *ref)).second) {
        continue;
      }
      const v1::CodeList* list = defs.FindCodeList(*ref);
      if (list != nullptr) lists.push_back(Digest("code_list", *list, *ref));
    }
  }
  digests.insert(digests.end(), lists.begin(), lists.end());
  return digests;
}

// Files that are read and written, for CheckDistinctFiles.
std::vector<client_internal::FileRole> FileRoles(
    const NormalizeOptions& options) {
  return {{"--in", options.in, false},
          {"--bundle", options.source.bundle, false},
          {"--mapping", options.mapping, false},
          {"--out", options.out, true},
          {"--rejects", options.rejects, true},
          {"--report", options.report, true},
          {"--report-html", options.report_html, true}};
}

// One `shuyuan normalize` run, step by step. Each step returns false after
// printing its error and setting the exit code.
class NormalizeRun {
 public:
  NormalizeRun(const NormalizeOptions& options, std::ostream& err)
      : options_(options), err_(err) {}

  int Run() {
    if (Prepare() && OpenInput() && CreateOutputs() && Process() &&
        (!options_.range.has_value() || FinishRange()) && WriteReports()) {
      PrintSummary();
      return options_.fail_on_reject && report_.rows_rejected > 0
                 ? kExitRejected
                 : kExitOk;
    }
    return exit_code_;
  }

 private:
  bool Fail(int exit_code, const absl::Status& status) {
    err_ << "error: " << status.message() << "\n";
    exit_code_ = exit_code;
    return false;
  }

  // Flags, definitions and columns: everything but the files.
  bool Prepare() {
    absl::StatusOr<AsOf> as_of = ParseAsOfFlag(options_.as_of);
    if (!as_of.ok()) return Fail(kExitUsage, as_of.status());
    as_of_ = *std::move(as_of);
    absl::StatusOr<codec::RecordFormat> format = ResolveFormat(options_);
    if (!format.ok()) return Fail(kExitUsage, format.status());
    format_ = *format;
    absl::StatusOr<codec::TextEncoding> encoding =
        codec::ParseTextEncoding(options_.encoding);
    if (!encoding.ok()) {
      return Fail(kExitUsage, absl::InvalidArgumentError(absl::StrCat(
                                  "normalize: --encoding '", options_.encoding,
                                  "' is not one of auto, utf-8, gb18030")));
    }
    encoding_ = *encoding;
    absl::StatusOr<LocalDefinitions> defs =
        LoadDefinitions(options_.source, options_.schema);
    if (!defs.ok()) {
      return Fail(defs.status().code() == absl::StatusCode::kInvalidArgument
                      ? kExitUsage
                      : kExitFailure,
                  defs.status());
    }
    defs_.emplace(*std::move(defs));
    absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>> schema =
        defs_->Schema(options_.schema);
    if (!schema.ok()) return Fail(kExitUsage, schema.status());
    schema_ = *std::move(schema);
    auto mapping = client_internal::LoadMapping(options_.mapping);
    if (!mapping.ok()) {
      return Fail(mapping.status().code() == absl::StatusCode::kNotFound
                      ? kExitFailure
                      : kExitUsage,
                  mapping.status());
    }
    absl::StatusOr<ColumnResolver> columns =
        ColumnResolver::Create(*schema_, *mapping, options_.mapping);
    if (!columns.ok()) return Fail(kExitUsage, columns.status());
    columns_.emplace(*std::move(columns));
    return true;
  }

  // The input, its encoding resolved and its header checked, before any
  // output exists.
  bool OpenInput() {
    input_name_ = options_.in == "-" ? "<stdin>" : options_.in;
    if (!OpenStream()) return false;
    codec::RecordReaderOptions reader_options;
    reader_options.format = format_;
    reader_options.encoding = encoding_;
    reader_options.max_row_bytes = options_.max_row_bytes;
    absl::StatusOr<std::unique_ptr<codec::RecordReader>> reader =
        codec::RecordReader::Open(stream_, reader_options);
    if (!reader.ok()) {
      const absl::Status status =
          InputStatus().ok() ? reader.status() : InputStatus();
      return Fail(IoOrUsage(status),
                  absl::Status(status.code(), absl::StrCat(input_name_, ": ",
                                                           status.message())));
    }
    reader_ = *std::move(reader);
    if (options_.range.has_value() && !SeekRange()) return false;
    // An empty input has no header to check: it is a run of 0 rows.
    if (format_ != codec::RecordFormat::kJsonl && !reader_->header().empty()) {
      absl::Status s = columns_->CheckHeader(reader_->header(), input_name_);
      if (!s.ok()) return Fail(kExitUsage, s);
    }
    return true;
  }

  // The whole input (hashed as it is read), or for --range the file with
  // the range's bytes hashed.
  bool OpenStream() {
    if (options_.range.has_value()) {
      absl::StatusOr<std::unique_ptr<RangeInput>> input = RangeInput::Open(
          options_.in, options_.range->start, options_.range->end);
      if (!input.ok()) return Fail(IoOrUsage(input.status()), input.status());
      range_input_ = *std::move(input);
      stream_ = range_input_->stream();
      return true;
    }
    absl::StatusOr<std::unique_ptr<HashingInput>> input =
        HashingInput::Open(options_.in);
    if (!input.ok()) return Fail(IoOrUsage(input.status()), input.status());
    input_ = *std::move(input);
    stream_ = input_->stream();
    return true;
  }

  absl::Status InputStatus() const {
    return range_input_ != nullptr ? range_input_->status() : input_->status();
  }

  // --range: START checked and the reader moved there (range_part.h).
  bool SeekRange() {
    absl::StatusOr<client_internal::RangeStart> start =
        client_internal::BeginRange(*options_.range, options_.first_line,
                                    *range_input_, reader_.get());
    if (!start.ok()) return FailOnInput(start.status());
    range_start_ = *start;
    return true;
  }

  // --range, after the rows: END checked, the range counted in the report.
  bool FinishRange() {
    absl::Status finished = client_internal::FinishRange(
        *options_.range, range_start_, *reader_, range_input_.get(), &report_);
    if (!finished.ok()) return FailOnInput(finished);
    report_.layout = client_internal::ReportLayout(*schema_);
    return true;
  }

  bool FailOnInput(const absl::Status& status) {
    return Fail(IoOrUsage(status),
                absl::Status(status.code(), absl::StrCat(input_name_, ": ",
                                                         status.message())));
  }

  // Outputs, unnamed (or under temporary names) until everything succeeded.
  bool CreateOutputs() {
    for (const std::string* path : {&options_.out, &options_.rejects,
                                    &options_.report, &options_.report_html}) {
      if (path->empty()) {
        files_.push_back(nullptr);
        continue;
      }
      absl::StatusOr<std::unique_ptr<OutputFile>> file =
          OutputFile::Create(*path);
      if (!file.ok()) return Fail(kExitFailure, file.status());
      files_.push_back(*std::move(file));
    }
    return true;
  }

  bool Process() {
    BatchOptions batch;
    batch.threads = options_.threads;
    batch.validate.as_of = as_of_.key;
    batch.jsonl_output = format_ == codec::RecordFormat::kJsonl;
    std::optional<client_internal::ProgressLine> progress;
    if (isatty(STDERR_FILENO)) {
      progress.emplace(err_, range_input_ != nullptr
                                 ? std::optional<uint64_t>(range_input_->size())
                                 : input_->size());
      batch.progress = [&progress](uint64_t rows, uint64_t bytes) {
        progress->Update(rows, bytes);
      };
    }
    OutputFile& clean_file = *files_[0];
    OutputFile& rejects_file = *files_[1];
    const ByteSink clean = [&clean_file](absl::string_view data) {
      return clean_file.Write(data);
    };
    const ByteSink rejects = [&rejects_file](absl::string_view data) {
      return rejects_file.Write(data);
    };
    const absl::Time start = absl::Now();
    absl::Status run = RunBatchPipeline(*columns_, reader_.get(), batch, clean,
                                        rejects, &report_);
    report_.elapsed_s =
        absl::FDivDuration(absl::Now() - start, absl::Seconds(1));
    if (progress) progress->Clear();
    if (!InputStatus().ok()) run = InputStatus();
    if (!run.ok()) {
      return Fail(kExitFailure,
                  absl::Status(run.code(),
                               absl::StrCat(input_name_, ": ", run.message())));
    }
    return true;
  }

  // The reports, then every output under its final name at once.
  bool WriteReports() {
    report_.schema_ref = schema_->ref();
    report_.input = input_name_;
    report_.input_format = std::string(codec::RecordFormatName(format_));
    report_.encoding =
        std::string(codec::TextEncodingName(reader_->encoding()));
    if (range_input_ == nullptr) report_.input_sha256 = input_->HexDigest();
    report_.as_of = as_of_.iso;
    report_.threads = options_.threads > 0
                          ? options_.threads
                          : static_cast<int>(std::max(
                                1u, std::thread::hardware_concurrency()));
    report_.clean_output = options_.out == "-" ? "<stdout>" : options_.out;
    report_.rejects_output =
        options_.rejects == "-" ? "<stdout>" : options_.rejects;
    report_.definitions = DefinitionDigests(*schema_, defs_->set());
    absl::Status written = files_[2]->Write(RenderReportJson(report_));
    if (written.ok() && files_[3] != nullptr) {
      written = files_[3]->Write(client_internal::RenderHtmlReport(report_));
    }
    if (written.ok()) {
      written = client_internal::CommitOutputs(
          {files_[0].get(), files_[1].get(), files_[2].get(), files_[3].get()});
    }
    if (!written.ok()) return Fail(kExitFailure, written);
    return true;
  }

  void PrintSummary() {
    err_ << absl::StrFormat(
        "normalize: %d rows: %d clean (%d with warnings), %d rejected; "
        "%.1f MB/s\n",
        report_.rows_in, report_.rows_clean, report_.rows_with_warnings,
        report_.rows_rejected,
        report_.elapsed_s > 0 ? report_.input_bytes / 1e6 / report_.elapsed_s
                              : 0.0);
  }

  static int IoOrUsage(const absl::Status& status) {
    return status.code() == absl::StatusCode::kInvalidArgument ? kExitUsage
                                                               : kExitFailure;
  }

  const NormalizeOptions& options_;
  std::ostream& err_;
  int exit_code_ = kExitFailure;
  AsOf as_of_;
  codec::RecordFormat format_ = codec::RecordFormat::kCsv;
  codec::TextEncoding encoding_ = codec::TextEncoding::kAuto;
  std::optional<LocalDefinitions> defs_;
  std::shared_ptr<const codec::CompiledSchema> schema_;
  std::optional<ColumnResolver> columns_;
  std::string input_name_;
  std::unique_ptr<HashingInput> input_;      // the whole input, or
  std::unique_ptr<RangeInput> range_input_;  // the file of --range
  std::istream* stream_ = nullptr;           // either's
  client_internal::RangeStart range_start_;
  std::unique_ptr<codec::RecordReader> reader_;
  std::vector<std::unique_ptr<OutputFile>> files_;  // out, rejects, reports
  BatchReport report_;
};

}  // namespace

int RunNormalize(const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) {
  absl::StatusOr<NormalizeOptions> options =
      client_internal::ParseNormalizeOptions(args);
  if (!options.ok()) {
    err << "error: " << options.status().message() << "\n";
    return kExitUsage;
  }
  if (options->help) {
    out << kNormalizeUsage;
    return kExitOk;
  }
  // Before a byte is read: no file may be another's.
  if (absl::Status distinct =
          client_internal::CheckDistinctFiles(FileRoles(*options));
      !distinct.ok()) {
    err << "error: normalize: " << distinct.message() << "\n";
    return kExitUsage;
  }
  // Blocks of a MiB or more get their own mappings, returned to the system
  // when freed. glibc would otherwise raise that threshold to the largest
  // block freed, and the buffers a huge row needed would stay in the heap.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  client_internal::ScopedInterruptCleanup cleanup("normalize");
  return NormalizeRun(*options, err).Run();
}

}  // namespace shuyuan::client
