#include "datagen/dataset_writer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "datagen/code_tables.h"
#include "datagen/divisions.h"
#include "datagen/legal_person_rows.h"
#include "datagen/natural_person_rows.h"
#include "datagen/output_file.h"
#include "datagen/value_makers.h"

namespace shuyuan::datagen {
namespace {

// Row faults in a FaultPlan, beside the generator's field faults (>= 0).
constexpr int kPlanMalformed = -1;
constexpr int kPlanInvalidEncoding = -2;

// The order in which error rows take their faults: class after class (one
// class per issue code), and within a class variant after variant.
class FaultPlan {
 public:
  explicit FaultPlan(const std::vector<FaultKind>& faults) {
    std::vector<std::string_view> issues;
    for (int k = 0; k < static_cast<int>(faults.size()); ++k) {
      auto it = std::find(issues.begin(), issues.end(), faults[k].issue);
      if (it == issues.end()) {
        issues.push_back(faults[k].issue);
        classes_.emplace_back();
        it = issues.end() - 1;
      }
      classes_[it - issues.begin()].push_back(k);
    }
    classes_.push_back({kPlanMalformed});
    classes_.push_back({kPlanInvalidEncoding});
  }

  // The fault of the `k`th error row.
  int Pick(uint64_t k) const {
    const std::vector<int>& c = classes_[k % classes_.size()];
    return c[(k / classes_.size()) % c.size()];
  }

 private:
  std::vector<std::vector<int>> classes_;
};

absl::StatusOr<std::unique_ptr<RecordGenerator>> MakeGenerator(
    const std::string& schema, const CodeTables& tables,
    const ValueMakers& makers) {
  if (schema == "LEGAL_PERSON_BASIC") {
    absl::StatusOr<std::unique_ptr<LegalPersonRows>> rows =
        LegalPersonRows::Create(tables, makers);
    if (!rows.ok()) return rows.status();
    return std::unique_ptr<RecordGenerator>(*std::move(rows));
  }
  if (schema == "NATURAL_PERSON_BASIC") {
    absl::StatusOr<std::unique_ptr<NaturalPersonRows>> rows =
        NaturalPersonRows::Create(tables, makers);
    if (!rows.ok()) return rows.status();
    return std::unique_ptr<RecordGenerator>(*std::move(rows));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--schema '", schema,
                   "': the generator knows LEGAL_PERSON_BASIC and "
                   "NATURAL_PERSON_BASIC"));
}

absl::Status CheckOptions(const DatasetOptions& options) {
  if (!(options.error_rate >= 0 && options.error_rate <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--error-rate ", options.error_rate, " is not between 0 and 1"));
  }
  if (options.as_of.Key() < 20000101) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--as-of ", options.as_of.Key(),
        " is before 2000-01-01: the generated organisations are founded "
        "from 1990 and their representatives are adults"));
  }
  if (options.out_path.empty()) {
    return absl::InvalidArgumentError("--out FILE is required");
  }
  if (options.out_path == options.truth_path) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--out and --truth are the same file '", options.out_path, "'"));
  }
  return absl::OkStatus();
}

// A row fault replaces the row's line breaks (which only messy values
// hold) by spaces, so that the fault costs exactly one physical line.
void PlantRowFault(int pick, GeneratedRow* row) {
  for (std::string& value : row->values) {
    std::replace(value.begin(), value.end(), '\n', ' ');
  }
  row->fault = pick == kPlanMalformed ? RowFault::kMalformed
                                      : RowFault::kInvalidEncoding;
  row->issue = pick == kPlanMalformed ? kMalformedRow : kInvalidEncoding;
  row->field = {};
}

void AppendTruth(uint64_t index, uint64_t line, const GeneratedRow& row,
                 std::string* out) {
  absl::StrAppend(out, index, "\t", line, "\t",
                  row.issue.empty() ? "clean" : "rejected", "\t");
  out->append(row.issue).append("\t").append(row.field).append("\n");
}

}  // namespace

std::string DatasetSummary::ToJson() const {
  std::string json =
      absl::StrCat("{\"rows\":", rows, ",\"clean\":", clean,
                   ",\"rejected\":", rejected, ",\"by_issue\":{");
  bool first = true;
  for (const auto& [issue, count] : by_issue) {
    absl::StrAppend(&json, first ? "" : ",", "\"", issue, "\":", count);
    first = false;
  }
  json.append("}}");
  return json;
}

absl::StatusOr<DatasetSummary> WriteDataset(const DatasetOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  absl::StatusOr<CodeTables> tables = CodeTables::Load(options.catalog_dir);
  if (!tables.ok()) return tables.status();
  absl::StatusOr<const CodeList*> gb2260 = tables->Find("GB_T_2260");
  if (!gb2260.ok()) return gb2260.status();
  absl::StatusOr<Divisions> divisions =
      Divisions::Build(**gb2260, options.as_of);
  if (!divisions.ok()) return divisions.status();
  const ValueMakers makers(*divisions, options.as_of);
  absl::StatusOr<std::unique_ptr<RecordGenerator>> generator =
      MakeGenerator(options.schema, *tables, makers);
  if (!generator.ok()) return generator.status();
  absl::StatusOr<std::unique_ptr<RowEncoder>> encoder =
      RowEncoder::Create(options.layout, (*generator)->columns());
  if (!encoder.ok()) return encoder.status();
  absl::StatusOr<std::unique_ptr<OutputFile>> data =
      OutputFile::Open(options.out_path);
  if (!data.ok()) return data.status();
  std::unique_ptr<OutputFile> truth;
  if (!options.truth_path.empty()) {
    absl::StatusOr<std::unique_ptr<OutputFile>> opened =
        OutputFile::Open(options.truth_path);
    if (!opened.ok()) return opened.status();
    truth = *std::move(opened);
    truth->buffer().append("index\tline\tverdict\tissue\tfield\n");
  }

  const FaultPlan plan((*generator)->faults());
  const uint32_t error_ppm =
      static_cast<uint32_t>(std::lround(options.error_rate * 1e6));
  DatasetSummary summary;
  uint64_t line = 1 + (*encoder)->AppendHeader(&(*data)->buffer());
  uint64_t errors = 0;
  GeneratedRow row;
  for (uint64_t i = 0; i < options.rows; ++i) {
    Rng rng = Rng::ForRow(options.seed, i);
    const bool error = rng.Below(1000000) < error_ppm;
    const int pick = error ? plan.Pick(errors++) : -1;
    (*generator)->MakeRow(rng, std::max(pick, -1), options.layout.messy, &row);
    if (pick < 0 && error) PlantRowFault(pick, &row);
    Rng layout_rng = Rng::ForRow(options.seed ^ 0x6C61796F7574ull, i);
    if (truth != nullptr) AppendTruth(i, line, row, &truth->buffer());
    absl::StatusOr<uint64_t> lines =
        (*encoder)->AppendRow(row, layout_rng, &(*data)->buffer());
    if (!lines.ok()) return lines.status();
    line += *lines;
    if (row.issue.empty()) {
      ++summary.clean;
    } else {
      ++summary.rejected;
      ++summary.by_issue[std::string(row.issue)];
    }
    if (absl::Status s = (*data)->FlushIfFull(); !s.ok()) return s;
    if (truth != nullptr) {
      if (absl::Status s = truth->FlushIfFull(); !s.ok()) return s;
    }
  }
  summary.rows = options.rows;
  if (absl::Status s = (*data)->Close(); !s.ok()) return s;
  summary.bytes = (*data)->bytes();
  if (truth != nullptr) {
    if (absl::Status s = truth->Close(); !s.ok()) return s;
  }
  return summary;
}

}  // namespace shuyuan::datagen
