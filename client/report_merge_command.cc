#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "client/batch_pipeline.h"
#include "client/batch_report.h"
#include "client/cli_options.h"
#include "client/internal/html_report.h"
#include "client/internal/output_file.h"
#include "client/internal/report_reader.h"
#include "client/local_commands.h"
#include "client/report_merge.h"
#include "client/split_commands.h"

namespace shuyuan::client {
namespace {

constexpr char kReportMergeUsage[] =
    R"(usage: shuyuan report merge PART.json... -o REPORT.json
           [--report-html FILE] [--input NAME] [--out NAME] [--rejects NAME]

Joins the reports of the parts of one split run (shuyuan normalize --range,
on the ranges shuyuan split printed) into the report of the whole run:
every count is the sum of the parts' and equals what one normalize run on
the whole file reports (rows_in = rows_clean + rows_rejected, lines_in,
input_bytes, issues, normalized ...); samples are the first ones in input
order, as many per issue code as one run keeps; "parts" lists each part's
range, input_sha256 (of the range's bytes) and rows. The whole run's
input_sha256 is null: it cannot be made from the parts' digests. elapsed_s
is the parts' elapsed times added (work, not wall time); threads the
largest part's.

The parts may be given in any order. They must be part reports (with
"range") of the same schema, definitions, as_of, format, encoding, columns
and input size, and their ranges must run from the data start to the end
of the input without gap or overlap; otherwise nothing is written and the
error names the part (exit 2). With the parts' clean files concatenated in
range order (one header) and their rejects files likewise, the run's
outputs are byte-identical to a single run's.

  -o FILE           the merged report (JSON), written under a temporary
                    name and renamed on success
  --report-html F   the same report as one self-contained HTML page
  --input NAME      the input to name in the report (default: the parts'
                    input when they all name the same one, else "")
  --out NAME, --rejects NAME
                    the joined clean and rejects files to name in the
                    report (default: "")

Exit codes: 0 done; 2 usage error or parts that do not make one run; 4 a
part unreadable or the report not written.
)";

struct MergeFlags {
  std::string report;
  std::string report_html;
  std::string input;
  std::string out;
  std::string rejects;
  std::vector<std::string> parts;
};

absl::StatusOr<BatchReport> ReadAndMerge(const MergeFlags& flags) {
  std::vector<NamedReport> parts;
  for (const std::string& path : flags.parts) {
    absl::StatusOr<BatchReport> part = client_internal::ReadReportFile(path);
    if (!part.ok()) return part.status();
    parts.push_back({path, *std::move(part)});
  }
  absl::StatusOr<BatchReport> whole =
      MergeReports(std::move(parts), BatchOptions().samples_per_code);
  if (!whole.ok()) return whole.status();
  if (!flags.input.empty()) whole->input = flags.input;
  if (!flags.out.empty()) whole->clean_output = flags.out;
  if (!flags.rejects.empty()) whole->rejects_output = flags.rejects;
  return whole;
}

absl::Status WriteMerged(const MergeFlags& flags, const BatchReport& whole) {
  std::vector<std::unique_ptr<client_internal::OutputFile>> files;
  for (const std::string* path : {&flags.report, &flags.report_html}) {
    if (path->empty()) continue;
    absl::StatusOr<std::unique_ptr<client_internal::OutputFile>> file =
        client_internal::OutputFile::Create(*path);
    if (!file.ok()) return file.status();
    files.push_back(*std::move(file));
  }
  absl::Status written = files[0]->Write(RenderReportJson(whole));
  if (written.ok() && files.size() > 1) {
    written = files[1]->Write(client_internal::RenderHtmlReport(whole));
  }
  if (!written.ok()) return written;
  std::vector<client_internal::OutputFile*> commit;
  for (const auto& file : files) commit.push_back(file.get());
  return client_internal::CommitOutputs(commit);
}

}  // namespace

int RunReportMerge(const std::vector<std::string>& args, GlobalOptions globals,
                   std::ostream& out, std::ostream& err) {
  MergeFlags flags;
  CommandLine line("report merge");
  line.Value({"-o", "--output"}, &flags.report)
      .Value({"--report-html"}, &flags.report_html)
      .Value({"--input"}, &flags.input)
      .Value({"--out"}, &flags.out)
      .Value({"--rejects"}, &flags.rejects);
  absl::Status parsed = line.Parse(args, &globals, &flags.parts);
  if (parsed.ok() && line.help()) {
    out << kReportMergeUsage;
    return kExitOk;
  }
  if (parsed.ok() && (flags.report.empty() || flags.parts.empty())) {
    parsed = absl::InvalidArgumentError(
        "report merge: give the part reports and -o FILE (see shuyuan report "
        "merge --help)");
  }
  if (!parsed.ok()) {
    err << "error: " << parsed.message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<BatchReport> whole = ReadAndMerge(flags);
  if (!whole.ok()) {
    err << "error: report merge: " << whole.status().message() << "\n";
    return whole.status().code() == absl::StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  if (absl::Status written = WriteMerged(flags, *whole); !written.ok()) {
    err << "error: report merge: " << written.message() << "\n";
    return kExitFailure;
  }
  err << "report merge: " << flags.parts.size() << " parts, " << whole->rows_in
      << " rows: " << whole->rows_clean << " clean, " << whole->rows_rejected
      << " rejected\n";
  return kExitOk;
}

}  // namespace shuyuan::client
