// The data generator's ground truth against the codec: every generated row,
// read by the record reader and validated by LEGAL_PERSON_BASIC or
// NATURAL_PERSON_BASIC compiled from catalog/, gets the verdict, first ERROR
// issue and field that the truth file names, in every format, encoding and
// messy layout. Also: a seed gives byte-identical files, and the format and
// encoding twins hold the same rows.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "codec/issue.h"
#include "codec/record_reader.h"
#include "datagen/dataset_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan {
namespace {

using codec::CompiledSchema;
using codec::DefinitionSet;
using codec::InputRow;
using codec::RecordReader;
using codec::RecordReaderOptions;
using codec::RecordResult;
using datagen::DatasetOptions;
using datagen::DatasetSummary;
using datagen::OutputEncoding;
using datagen::OutputFormat;

constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";

const DefinitionSet& Catalog() {
  static const DefinitionSet* defs = [] {
    absl::StatusOr<DefinitionSet> loaded = DefinitionSet::Load(kCatalog);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? new DefinitionSet(*std::move(loaded))
                       : new DefinitionSet();
  }();
  return *defs;
}

std::shared_ptr<const CompiledSchema> Schema(const std::string& id) {
  const v1::RecordSchema* proto = Catalog().FindSchema(id);
  EXPECT_NE(proto, nullptr) << id;
  if (proto == nullptr) return nullptr;
  absl::StatusOr<std::shared_ptr<const CompiledSchema>> schema =
      CompiledSchema::Compile(*proto, Catalog());
  EXPECT_TRUE(schema.ok()) << schema.status();
  return schema.ok() ? *schema : nullptr;
}

struct TruthRow {
  uint64_t index = 0;
  uint64_t line = 0;
  std::string verdict, issue, field;
};

std::vector<TruthRow> ReadTruth(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  std::vector<TruthRow> rows;
  std::getline(in, text);
  EXPECT_EQ(text, "index\tline\tverdict\tissue\tfield");
  while (std::getline(in, text)) {
    std::vector<std::string> cells = absl::StrSplit(text, '\t');
    EXPECT_EQ(cells.size(), 5u) << text;
    if (cells.size() != 5) break;
    TruthRow& row = rows.emplace_back();
    EXPECT_TRUE(absl::SimpleAtoi(cells[0], &row.index)) << text;
    EXPECT_TRUE(absl::SimpleAtoi(cells[1], &row.line)) << text;
    row.verdict = cells[2];
    row.issue = cells[3];
    row.field = cells[4];
  }
  return rows;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class DatagenTruthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat(
               "datagen_truth_test_", getpid(), "_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  DatasetOptions Options(const std::string& schema, const std::string& name) {
    DatasetOptions options;
    options.schema = schema;
    options.rows = 20000;
    options.error_rate = 0.1;
    options.seed = 7;
    options.catalog_dir = kCatalog;
    options.out_path = dir_ / name;
    options.truth_path = dir_ / (name + ".truth.tsv");
    return options;
  }

  DatasetSummary Generate(const DatasetOptions& options) {
    absl::StatusOr<DatasetSummary> summary = datagen::WriteDataset(options);
    EXPECT_TRUE(summary.ok()) << summary.status();
    return summary.ok() ? *summary : DatasetSummary();
  }

  // Runs the file through the reader and the schema and compares each row
  // with the truth; returns the disagreements (at most 20 described).
  std::vector<std::string> Disagreements(const DatasetOptions& options);

  std::filesystem::path dir_;
};

std::vector<std::string> DatagenTruthTest::Disagreements(
    const DatasetOptions& options) {
  std::vector<std::string> out;
  const std::shared_ptr<const CompiledSchema> schema = Schema(options.schema);
  if (schema == nullptr) return {"schema did not compile"};
  const std::vector<TruthRow> truth = ReadTruth(options.truth_path);
  RecordReaderOptions reader_options;  // encoding auto, as normalize's default
  reader_options.format = options.layout.format == OutputFormat::kCsv
                              ? codec::RecordFormat::kCsv
                              : codec::RecordFormat::kJsonl;
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      RecordReader::OpenFile(options.out_path, reader_options);
  if (!reader.ok()) return {std::string(reader.status().message())};
  std::vector<int> column_field;
  for (const std::string& name : (*reader)->header()) {
    column_field.push_back(schema->FindField(name));
  }
  codec::ValidateOptions validate;
  validate.as_of = codec::MakeDateKey(options.as_of.year, options.as_of.month,
                                      options.as_of.day);
  InputRow row;
  RecordResult result;
  size_t n = 0;
  size_t wrong = 0;
  while ((*reader)->Next(&row)) {
    std::string verdict = "clean", issue, field;
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) {
      verdict = "rejected";
      issue = std::string(codec::IssueCodeName(row.issue));
    } else {
      std::vector<absl::string_view> values(schema->field_count());
      const bool keyed = !row.keys.empty();
      for (size_t c = 0; c < row.values.size(); ++c) {
        const int f = keyed ? schema->FindField(row.keys[c])
                            : (c < column_field.size() ? column_field[c] : -1);
        if (f >= 0) values[f] = row.values[c];
      }
      schema->Validate(values, validate, &result);
      if (!result.ok()) {
        verdict = "rejected";
        for (const codec::Issue& i : result.issues()) {
          if (i.severity != v1::ERROR) continue;
          issue = std::string(codec::IssueCodeName(i.code));
          field = i.field >= 0 ? schema->field(i.field).name : "";
          break;
        }
      }
    }
    const TruthRow expected = n < truth.size() ? truth[n] : TruthRow();
    ++n;
    if (expected.index == row.index && expected.line == row.line &&
        expected.verdict == verdict && expected.issue == issue &&
        expected.field == field) {
      continue;
    }
    if (++wrong > 20) continue;
    std::string detail;
    if (row.issue == v1::ISSUE_CODE_UNSPECIFIED) {
      for (const codec::Issue& i : result.issues()) {
        absl::StrAppend(&detail, " [", codec::IssueCodeName(i.code), " ",
                        i.field >= 0 ? schema->field(i.field).name : "", ": ",
                        i.message, "]");
      }
    } else {
      detail = row.issue_detail;
    }
    out.push_back(absl::StrCat(
        "row ", row.index, " line ", row.line, ": truth says ", expected.index,
        "/", expected.line, " ", expected.verdict, " ", expected.issue, " ",
        expected.field, "; codec says ", verdict, " ", issue, " ", field,
        detail, "\n  raw: ", row.raw));
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status();
  if (n != truth.size()) {
    out.push_back(absl::StrCat("the reader saw ", n, " rows, the truth has ",
                               truth.size()));
  }
  if (wrong > 20) out.push_back(absl::StrCat("... ", wrong, " rows in all"));
  return out;
}

TEST_F(DatagenTruthTest, LegalPersonUtf8CsvMatchesTheCodec) {
  DatasetOptions options = Options("LEGAL_PERSON_BASIC", "lp.csv");
  const DatasetSummary summary = Generate(options);
  EXPECT_EQ(summary.rows, 20000u);
  EXPECT_EQ(summary.clean + summary.rejected, summary.rows);
  EXPECT_GT(summary.rejected, 1700u);
  EXPECT_GE(summary.by_issue.size(), 17u);
  EXPECT_THAT(Disagreements(options), ::testing::IsEmpty());
}

}  // namespace
}  // namespace shuyuan
