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

#include "absl/strings/match.h"
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

// One data set layout: schema, format, encoding, messy.
struct Layout {
  const char* schema;
  OutputFormat format;
  OutputEncoding encoding;
  bool messy;
  const char* name;
  datagen::CivilDate as_of = {2024, 6, 1};
};

class DatagenLayoutTest : public DatagenTruthTest,
                          public ::testing::WithParamInterface<Layout> {};

TEST_P(DatagenLayoutTest, EveryRowGetsTheVerdictAndIssueOfTheTruth) {
  const Layout& layout = GetParam();
  DatasetOptions options = Options(layout.schema, layout.name);
  options.layout.format = layout.format;
  options.layout.encoding = layout.encoding;
  options.layout.messy = layout.messy;
  options.as_of = layout.as_of;
  const DatasetSummary summary = Generate(options);
  EXPECT_EQ(summary.rows, 20000u);
  EXPECT_EQ(summary.clean + summary.rejected, summary.rows);
  // 10% errors, give or take the draw.
  EXPECT_GT(summary.rejected, 1800u);
  EXPECT_LT(summary.rejected, 2200u);
  // Every class the schema raises, each about equally often.
  const size_t classes =
      std::string(layout.schema) == "LEGAL_PERSON_BASIC" ? 17 : 13;
  EXPECT_EQ(summary.by_issue.size(), classes);
  for (const auto& [issue, count] : summary.by_issue) {
    EXPECT_GE(count, summary.rejected / classes - 1) << issue;
  }
  EXPECT_THAT(Disagreements(options), ::testing::IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, DatagenLayoutTest,
    ::testing::Values(
        Layout{"LEGAL_PERSON_BASIC", OutputFormat::kCsv, OutputEncoding::kUtf8,
               false, "LegalCsv"},
        Layout{"LEGAL_PERSON_BASIC", OutputFormat::kCsv,
               OutputEncoding::kGb18030, false, "LegalCsvGb18030"},
        Layout{"LEGAL_PERSON_BASIC", OutputFormat::kJsonl,
               OutputEncoding::kUtf8, false, "LegalJsonl"},
        Layout{"LEGAL_PERSON_BASIC", OutputFormat::kCsv, OutputEncoding::kUtf8,
               true, "LegalMessyCsv"},
        Layout{"LEGAL_PERSON_BASIC", OutputFormat::kCsv,
               OutputEncoding::kGb18030, true, "LegalMessyCsvGb18030"},
        Layout{"NATURAL_PERSON_BASIC", OutputFormat::kCsv,
               OutputEncoding::kUtf8, false, "NaturalCsv"},
        Layout{"NATURAL_PERSON_BASIC", OutputFormat::kCsv,
               OutputEncoding::kGb18030, false, "NaturalCsvGb18030"},
        Layout{"NATURAL_PERSON_BASIC", OutputFormat::kJsonl,
               OutputEncoding::kGb18030, false, "NaturalJsonlGb18030"},
        Layout{"NATURAL_PERSON_BASIC", OutputFormat::kCsv,
               OutputEncoding::kUtf8, true, "NaturalMessyCsv"},
        // Other reference dates: other divisions in force, other statuses.
        Layout{"LEGAL_PERSON_BASIC",
               OutputFormat::kCsv,
               OutputEncoding::kUtf8,
               false,
               "LegalCsvAsOf2005",
               {2005, 1, 1}},
        Layout{"NATURAL_PERSON_BASIC",
               OutputFormat::kJsonl,
               OutputEncoding::kUtf8,
               false,
               "NaturalJsonlAsOf2019",
               {2019, 6, 1}}),
    [](const ::testing::TestParamInfo<Layout>& info) {
      return std::string(info.param.name);
    });

// In another process too: nothing may hang on hash seeds or addresses.
TEST_F(DatagenTruthTest, OneSeedGivesByteIdenticalFiles) {
  DatasetOptions a = Options("LEGAL_PERSON_BASIC", "a.csv");
  a.layout.messy = true;
  DatasetOptions b = a;
  b.out_path = dir_ / "b.csv";
  b.truth_path = dir_ / "b.truth.tsv";
  Generate(a);
  const std::string command = absl::StrCat(
      SHUYUAN_BINARY_DIR "/datagen/shuyuan-datagen --catalog ", kCatalog,
      " --schema LEGAL_PERSON_BASIC --rows 20000 --error-rate 0.1 --seed 7 "
      "--messy --out ",
      b.out_path, " --truth ", b.truth_path, " > ",
      (dir_ / "summary.json").string());
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::string data = ReadFile(a.out_path);
  EXPECT_GT(data.size(), 1000000u);
  EXPECT_TRUE(data == ReadFile(b.out_path));
  EXPECT_TRUE(ReadFile(a.truth_path) == ReadFile(b.truth_path));
  DatasetOptions c = a;
  c.seed = 8;
  c.out_path = dir_ / "c.csv";
  c.truth_path = dir_ / "c.truth.tsv";
  Generate(c);
  EXPECT_FALSE(data == ReadFile(c.out_path));
}

// The rows of a file as the reader decodes them, keyed by column name;
// rows the reader rejects are left empty.
std::vector<std::map<std::string, std::string>> ReadRows(
    const std::string& path, codec::RecordFormat format) {
  RecordReaderOptions options;
  options.format = format;
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      RecordReader::OpenFile(path, options);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<std::map<std::string, std::string>> rows;
  if (!reader.ok()) return rows;
  InputRow row;
  while ((*reader)->Next(&row)) {
    std::map<std::string, std::string>& out = rows.emplace_back();
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) continue;
    for (size_t c = 0; c < row.values.size(); ++c) {
      out[row.keys.empty() ? (*reader)->header()[c] : row.keys[c]] =
          row.values[c];
    }
  }
  return rows;
}

TEST_F(DatagenTruthTest, FormatAndEncodingTwinsHoldTheSameRows) {
  DatasetOptions csv = Options("NATURAL_PERSON_BASIC", "n.csv");
  csv.rows = 5000;
  DatasetOptions gb = csv;
  gb.layout.encoding = OutputEncoding::kGb18030;
  gb.out_path = dir_ / "n.gb.csv";
  gb.truth_path = dir_ / "n.gb.truth.tsv";
  DatasetOptions jsonl = csv;
  jsonl.layout.format = OutputFormat::kJsonl;
  jsonl.out_path = dir_ / "n.jsonl";
  jsonl.truth_path = dir_ / "n.jsonl.truth.tsv";
  for (const DatasetOptions* o : {&csv, &gb, &jsonl}) Generate(*o);
  const auto rows = ReadRows(csv.out_path, codec::RecordFormat::kCsv);
  EXPECT_EQ(rows.size(), 5000u);
  EXPECT_TRUE(rows == ReadRows(gb.out_path, codec::RecordFormat::kCsv));
  EXPECT_TRUE(rows == ReadRows(jsonl.out_path, codec::RecordFormat::kJsonl));
  // The truth differs only in the line numbers of JSONL (no header).
  const auto a = ReadTruth(csv.truth_path);
  const auto b = ReadTruth(jsonl.truth_path);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].line, b[i].line + 1);
    EXPECT_EQ(a[i].issue, b[i].issue);
    EXPECT_EQ(a[i].field, b[i].field);
  }
}

// The string value of `"key":"..."` at or after `from` in a line of JSON
// whose values hold no escaped quotes (issue fields and codes).
std::string StringAfter(const std::string& text, const std::string& key,
                        size_t from) {
  const std::string start = absl::StrCat("\"", key, "\":\"");
  const size_t at = text.find(start, from);
  if (at == std::string::npos) return "?";
  const size_t begin = at + start.size();
  return text.substr(begin, text.find('"', begin) - begin);
}

// The first ERROR issue of each line of a normalize rejects file, by the
// physical line of its row: "CODE field".
std::map<uint64_t, std::string> RejectsByLine(const std::string& path) {
  std::map<uint64_t, std::string> out;
  std::ifstream in(path);
  std::string text;
  while (std::getline(in, text)) {
    uint64_t line = 0;
    EXPECT_TRUE(absl::StartsWith(text, "{\"line\":") &&
                absl::SimpleAtoi(text.substr(8, text.find(',') - 8), &line))
        << text;
    // The row's text is an escaped JSON string: no bare `"issues":[` in it.
    const size_t error =
        text.find("\"severity\":\"ERROR\"", text.find("\"issues\":["));
    const size_t object = text.rfind("{\"field\":", error);
    out[line] = absl::StrCat(StringAfter(text, "code", object), " ",
                             StringAfter(text, "field", object));
  }
  return out;
}

// The real CLI on the real file: its rejects are exactly the truth's.
TEST_F(DatagenTruthTest, NormalizeCommandRejectsWhatTheTruthSays) {
  DatasetOptions options = Options("LEGAL_PERSON_BASIC", "cli.csv");
  options.rows = 5000;
  options.layout.messy = true;
  options.layout.encoding = OutputEncoding::kGb18030;
  Generate(options);
  const std::string command = absl::StrCat(
      SHUYUAN_BINARY_DIR "/client/shuyuan normalize --defs ", kCatalog,
      " --schema LEGAL_PERSON_BASIC --as-of 2024-06-01 --in ", options.out_path,
      " --out ", (dir_ / "clean.csv").string(), " --rejects ",
      (dir_ / "rejects.jsonl").string(), " --report ",
      (dir_ / "report.json").string(), " 2>/dev/null");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::map<uint64_t, std::string> rejects =
      RejectsByLine(dir_ / "rejects.jsonl");
  size_t rejected = 0;
  for (const TruthRow& row : ReadTruth(options.truth_path)) {
    auto it = rejects.find(row.line);
    if (row.verdict == "clean") {
      EXPECT_TRUE(it == rejects.end())
          << "line " << row.line << ": " << it->second;
      continue;
    }
    ++rejected;
    ASSERT_TRUE(it != rejects.end()) << "line " << row.line;
    EXPECT_EQ(it->second, absl::StrCat(row.issue, " ", row.field))
        << "line " << row.line;
  }
  EXPECT_EQ(rejects.size(), rejected);
  EXPECT_GT(rejected, 400u);
}

}  // namespace
}  // namespace shuyuan
