#include "bench/internal/truth_rows.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec/record_reader.h"

namespace shuyuan::bench_internal {
namespace {

// One line of the truth file: index, line, verdict, issue, field.
struct TruthLine {
  bool clean = true;
  v1::IssueCode issue = v1::ISSUE_CODE_UNSPECIFIED;
};

absl::StatusOr<std::vector<TruthLine>> ReadTruth(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<TruthLine> truth;
  std::string line;
  std::getline(in, line);  // header
  for (int n = 2; std::getline(in, line); ++n) {
    const std::vector<absl::string_view> cells = absl::StrSplit(line, '\t');
    if (cells.size() < 4) {
      return absl::DataLossError(
          absl::StrCat(path, ":", n, ": expected 5 tab-separated cells"));
    }
    TruthLine t;
    t.clean = cells[2] == "clean";
    if (!cells[3].empty() &&
        !v1::IssueCode_Parse(std::string(cells[3]), &t.issue)) {
      return absl::DataLossError(
          absl::StrCat(path, ":", n, ": unknown issue '", cells[3], "'"));
    }
    truth.push_back(t);
  }
  return truth;
}

absl::Status RunGenerator(const TruthOptions& o, const std::string& csv,
                          const std::string& truth) {
  const std::string command = absl::StrCat(
      o.generator, " --schema ", o.schema, " --rows ", o.rows, " --seed ",
      o.seed, " --error-rate ", o.error_rate, " --as-of ", o.as_of,
      " --catalog ", o.catalog, " --format csv --out ", csv, " --truth ", truth,
      " >/dev/null");
  const int rc = std::system(command.c_str());
  if (rc != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("the generator failed (status ", rc, "): ", command));
  }
  return absl::OkStatus();
}

}  // namespace

v1::IssueCode PrimaryIssue(const codec::RecordResult& result) {
  for (const codec::Issue& issue : result.issues()) {
    if (issue.severity == v1::ERROR) return issue.code;
  }
  return v1::ISSUE_CODE_UNSPECIFIED;
}

absl::StatusOr<TruthRows> GenerateTruthRows(
    const TruthOptions& o, const codec::CompiledSchema& schema) {
  const std::string stem =
      absl::StrCat(o.scratch_dir, "/ceiling-", o.schema, "-", getpid(), "-",
                   static_cast<int>(o.error_rate * 1000));
  const std::string csv = stem + ".csv";
  const std::string truth_path = stem + ".truth.tsv";
  absl::Status generated = RunGenerator(o, csv, truth_path);
  absl::StatusOr<std::vector<TruthLine>> truth =
      generated.ok() ? ReadTruth(truth_path) : generated;
  codec::RecordReaderOptions options;
  options.encoding = codec::TextEncoding::kUtf8;
  absl::StatusOr<std::unique_ptr<codec::RecordReader>> reader =
      truth.ok() ? codec::RecordReader::OpenFile(csv, options) : truth.status();
  if (!reader.ok()) {
    std::remove(csv.c_str());
    std::remove(truth_path.c_str());
    return reader.status();
  }
  std::vector<int> field_of;
  for (const std::string& column : (*reader)->header()) {
    field_of.push_back(schema.FindField(column));
  }
  TruthRows rows;
  codec::InputRow row;
  absl::Status status;
  while (status.ok() && (*reader)->Next(&row)) {
    if (row.index >= truth->size()) {
      status = absl::DataLossError(
          absl::StrCat("row ", row.index, " has no line in ", truth_path));
      break;
    }
    const TruthLine& t = (*truth)[row.index];
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) {
      if (t.clean || t.issue != row.issue) {
        status = absl::DataLossError(absl::StrCat(
            "row ", row.index, " (line ", row.line, "): the reader says ",
            v1::IssueCode_Name(row.issue), ", the truth ",
            t.clean ? "clean" : v1::IssueCode_Name(t.issue)));
      }
      ++rows.reader_rejected;
      continue;
    }
    std::vector<std::string>& values =
        rows.values.emplace_back(schema.field_count());
    for (size_t c = 0; c < row.values.size() && c < field_of.size(); ++c) {
      if (field_of[c] >= 0) values[field_of[c]] = std::move(row.values[c]);
    }
    rows.expected.push_back(t.clean ? v1::ISSUE_CODE_UNSPECIFIED : t.issue);
    rows.clean += t.clean;
  }
  if (status.ok()) status = (*reader)->status();
  std::remove(csv.c_str());
  std::remove(truth_path.c_str());
  if (!status.ok()) return status;
  for (const std::vector<std::string>& values : rows.values) {
    rows.views.emplace_back(values.begin(), values.end());
  }
  return rows;
}

}  // namespace shuyuan::bench_internal
