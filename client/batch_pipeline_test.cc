#include "client/batch_pipeline.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "codec/definition_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kSchema[] = R"(record_schema:
  id: MINI
  name_zh: 测试
  name_en: Test
  fields:
    - {name: uscc, element: TYSHXYDM, required: true, aliases: [统一代码]}
    - {name: division, element: XZQHDM, aliases: [区划]}
)";

class BatchPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat("batch_pipeline_test_", getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy_file(
        fs::path(SHUYUAN_SOURCE_DIR) / "tests/testdata/cli/defs/divisions.yaml",
        dir_ / "divisions.yaml");
    std::ofstream(dir_ / "schema.yaml") << kSchema;
    absl::StatusOr<codec::DefinitionSet> defs =
        codec::DefinitionSet::Load(dir_.string());
    ASSERT_TRUE(defs.ok()) << defs.status();
    defs_ = std::make_unique<codec::DefinitionSet>(*std::move(defs));
    auto schema =
        codec::CompiledSchema::Compile(*defs_->FindSchema("MINI"), *defs_);
    ASSERT_TRUE(schema.ok()) << schema.status();
    schema_ = *std::move(schema);
  }
  void TearDown() override { fs::remove_all(dir_); }

  struct Run {
    absl::Status status;
    std::string clean;
    std::string rejects;
    BatchReport report;
  };

  Run Normalize(const std::string& input, int threads,
                codec::RecordFormat format = codec::RecordFormat::kCsv,
                absl::flat_hash_map<std::string, std::string> mapping = {}) {
    Run run;
    std::istringstream in(input);
    codec::RecordReaderOptions reader_options;
    reader_options.format = format;
    auto reader = codec::RecordReader::Open(&in, reader_options);
    if (!reader.ok()) {
      run.status = reader.status();
      return run;
    }
    auto columns = ColumnResolver::Create(*schema_, mapping, "mapping.json");
    if (!columns.ok()) {
      run.status = columns.status();
      return run;
    }
    BatchOptions options;
    options.threads = threads;
    options.batch_rows = batch_rows_;  // many batches, to exercise ordering
    options.batch_bytes = batch_bytes_;
    options.validate.as_of = codec::MakeDateKey(2024, 1, 1);
    options.jsonl_output = format == codec::RecordFormat::kJsonl;
    run.status = RunBatchPipeline(
        *columns, reader->get(), options,
        [&](absl::string_view s) {
          run.clean.append(s.data(), s.size());
          return absl::OkStatus();
        },
        [&](absl::string_view s) {
          run.rejects.append(s.data(), s.size());
          return absl::OkStatus();
        },
        &run.report);
    return run;
  }

  size_t batch_rows_ = 2;
  size_t batch_bytes_ = size_t{1} << 20;
  fs::path dir_;
  std::unique_ptr<codec::DefinitionSet> defs_;
  std::shared_ptr<const codec::CompiledSchema> schema_;
};

constexpr char kInput[] =
    "统一代码,区划,备注\n"
    " 91110000600037341l ,330106,x\n"    // trim + upper
    "91110000600037341N,330106,y\n"      // checksum
    "91110000600037341L,330103,z\n"      // not effective in 2024
    "91110000600037341L,\"33\"0106,w\n"  // bad quoting
    "91110000600037341L,,\n"             // division optional
    "91110000600037341L,330106,\"a,\"\"b\"\n";

TEST_F(BatchPipelineTest, SortsEveryRowIntoCleanOrRejects) {
  const Run run = Normalize(kInput, 1);
  ASSERT_TRUE(run.status.ok()) << run.status;
  EXPECT_EQ(run.clean,
            "uscc,division\n"
            "91110000600037341L,330106\n"
            "91110000600037341L,\n"
            "91110000600037341L,330106\n");
  EXPECT_EQ(run.report.rows_in, 6u);
  EXPECT_EQ(run.report.rows_clean, 3u);
  EXPECT_EQ(run.report.rows_rejected, 3u);
  EXPECT_EQ(run.report.rows_in,
            run.report.rows_clean + run.report.rows_rejected);
  EXPECT_THAT(run.rejects, HasSubstr(R"("line":3,"row":"91110000600037341N)"));
  EXPECT_THAT(run.rejects, HasSubstr(R"("code":"CHECKSUM_MISMATCH")"));
  EXPECT_THAT(run.rejects, HasSubstr(R"("code":"CODE_NOT_EFFECTIVE")"));
  EXPECT_THAT(run.rejects, HasSubstr(R"("line":5,)"));
  EXPECT_THAT(run.rejects, HasSubstr(R"("code":"MALFORMED_ROW")"));
  EXPECT_EQ(run.report.unknown_columns, std::vector<std::string>{"备注"});
  ASSERT_FALSE(run.report.normalized.empty());
  EXPECT_EQ(run.report.normalized[0].field, "uscc");
}

TEST_F(BatchPipelineTest, OutputIsTheSameForAnyThreadCount) {
  std::string input = "统一代码,区划\n";
  for (int i = 0; i < 300; ++i) {
    input += i % 7 == 0 ? "91110000600037341N,330106\n"
                        : " 91110000600037341L,330106\n";
  }
  const Run one = Normalize(input, 1);
  const Run three = Normalize(input, 3);
  ASSERT_TRUE(one.status.ok()) << one.status;
  ASSERT_TRUE(three.status.ok()) << three.status;
  EXPECT_EQ(one.clean, three.clean);
  EXPECT_EQ(one.rejects, three.rejects);
  EXPECT_EQ(RenderReportJson(one.report), RenderReportJson(three.report));
  EXPECT_EQ(three.report.rows_rejected, 43u);
}

TEST_F(BatchPipelineTest, MissingRequiredColumnNamesFieldAndColumns) {
  auto columns = ColumnResolver::Create(*schema_, {}, "");
  ASSERT_TRUE(columns.ok());
  const absl::Status status = columns->CheckHeader({"区划", "名称"}, "in.csv");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("in.csv"));
  EXPECT_THAT(status.message(), HasSubstr("'uscc'"));
  EXPECT_THAT(status.message(), HasSubstr("columns seen: 区划, 名称"));
  EXPECT_TRUE(columns->CheckHeader({"USCC", "x"}, "in.csv").ok());
}

TEST_F(BatchPipelineTest, MappingOverridesAndSkipsColumns) {
  const Run run =
      Normalize("code,区划\n91110000600037341L,bogus\n", 1,
                codec::RecordFormat::kCsv, {{"code", "uscc"}, {"区划", ""}});
  ASSERT_TRUE(run.status.ok()) << run.status;
  EXPECT_EQ(run.clean, "uscc,division\n91110000600037341L,\n");
  EXPECT_TRUE(run.report.unknown_columns.empty());
  ASSERT_EQ(run.report.columns.size(), 2u);
  EXPECT_EQ(run.report.columns[0].how, "mapping");
  EXPECT_EQ(run.report.columns[1].how, "ignored");

  const Run bad =
      Normalize("code\n1\n", 1, codec::RecordFormat::kCsv, {{"code", "nope"}});
  EXPECT_EQ(bad.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status.message(), HasSubstr("mapping.json"));
  EXPECT_THAT(bad.status.message(), HasSubstr("'nope'"));
}

TEST_F(BatchPipelineTest, JsonlInAndOut) {
  const Run run = Normalize(
      "{\"uscc\":\"91110000600037341l\",\"extra\":1}\n"
      "{\"uscc\":\"91110000600037341L\",\"统一代码\":\"91110000600037341N\"}\n"
      "not json\n",
      2, codec::RecordFormat::kJsonl);
  ASSERT_TRUE(run.status.ok()) << run.status;
  EXPECT_EQ(run.clean, "{\"uscc\":\"91110000600037341L\",\"division\":\"\"}\n");
  EXPECT_EQ(run.report.rows_rejected, 2u);
  EXPECT_THAT(run.rejects, HasSubstr("AMBIGUOUS_VALUE"));
  EXPECT_THAT(run.rejects, HasSubstr("MALFORMED_ROW"));
  EXPECT_EQ(run.report.unknown_columns, std::vector<std::string>{"extra"});
}

TEST_F(BatchPipelineTest, SinkErrorStopsTheRun) {
  std::string input = "uscc\n";
  for (int i = 0; i < 100; ++i) input += "91110000600037341L\n";
  for (int threads : {1, 2}) {
    std::istringstream in(input);
    auto reader = codec::RecordReader::Open(&in, {});
    ASSERT_TRUE(reader.ok());
    auto columns = ColumnResolver::Create(*schema_, {}, "");
    ASSERT_TRUE(columns.ok());
    BatchOptions options;
    options.threads = threads;
    options.batch_rows = 3;    // one thread: batches of 3 rows
    options.batch_bytes = 40;  // several: chunks of about 2 rows
    int writes = 0;
    BatchReport report;
    const absl::Status status = RunBatchPipeline(
        *columns, reader->get(), options,
        [&](absl::string_view) {
          return ++writes > 2 ? absl::ResourceExhaustedError("disk full")
                              : absl::OkStatus();
        },
        [](absl::string_view) { return absl::OkStatus(); }, &report);
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
    EXPECT_EQ(writes, 3);
  }
}

TEST_F(BatchPipelineTest, RowsClosedByBytesGiveTheSameOutput) {
  std::string input = "统一代码,区划,备注\n";
  for (int i = 0; i < 200; ++i) {
    absl::StrAppend(&input, " 91110000600037341L,330106,",
                    std::string(i % 13 == 0 ? 5000 : 10, 'n'), "\n");
  }
  batch_rows_ = 4096;
  const Run by_rows = Normalize(input, 1);
  batch_bytes_ = 64;  // about one row per batch
  for (int threads : {1, 3}) {
    const Run by_bytes = Normalize(input, threads);
    ASSERT_TRUE(by_bytes.status.ok()) << by_bytes.status;
    EXPECT_EQ(by_bytes.clean, by_rows.clean);
    EXPECT_EQ(RenderReportJson(by_bytes.report),
              RenderReportJson(by_rows.report));
  }
}

TEST_F(BatchPipelineTest, AHugeValueIsQuotedOnceInItsRejectLine) {
  const std::string huge(100000, '9');
  const Run run =
      Normalize("统一代码,区划\n91110000600037341L," + huge + "\n", 2);
  ASSERT_TRUE(run.status.ok()) << run.status;
  ASSERT_EQ(run.report.rows_rejected, 1u);
  // The row once, in full; the issue quotes the value cut, its length noted.
  EXPECT_THAT(run.rejects, HasSubstr("91110000600037341L," + huge + "\""));
  EXPECT_THAT(run.rejects,
              HasSubstr(std::string(256, '9') + "…[100000 chars]"));
  EXPECT_LT(run.rejects.size(), huge.size() + 4000);
  ASSERT_EQ(run.report.samples.size(), 1u);
  for (const IssueSample& sample : run.report.samples[0].samples) {
    EXPECT_LT(sample.original_value.size(), 300u);
    EXPECT_LT(sample.message.size(), 1000u);
  }
}

// A valid input for the MINI schema with quoted commas, "" escapes, quoted
// line breaks, CRLF rows and blank lines.
std::string ValidInput(std::mt19937* rng, int rows) {
  std::string csv = "统一代码,区划,备注\n";
  for (int i = 0; i < rows; ++i) {
    switch ((*rng)() % 4) {
      case 0:
        absl::StrAppend(&csv, "91110000600037341L,330106,\"a, \"\"b\"\"\"\n");
        break;
      case 1:
        absl::StrAppend(&csv, "91110000600037341L,,\"two\nlines\"\r\n");
        break;
      case 2:
        absl::StrAppend(&csv, "91110000600037341L,330106,x\n\n");
        break;
      default:
        absl::StrAppend(&csv, "91110000600037341N,330106,", i, "\n");
    }
  }
  return csv;
}

// Replaces, inserts or deletes a few bytes after the header, favouring the
// bytes that matter to a CSV reader.
std::string Mutate(std::string csv, std::mt19937* rng) {
  static constexpr char kBytes[] = {'"', '"',    '\n',   '\r', ',',
                                    ',', '\xFF', '\xE4', 'a'};
  const size_t header = csv.find('\n') + 1;
  const int edits = 1 + static_cast<int>((*rng)() % 5);
  for (int e = 0; e < edits && csv.size() > header; ++e) {
    const size_t at = header + (*rng)() % (csv.size() - header);
    const char byte = kBytes[(*rng)() % sizeof(kBytes)];
    switch ((*rng)() % 3) {
      case 0:
        csv[at] = byte;
        break;
      case 1:
        csv.insert(csv.begin() + at, byte);
        break;
      default:
        csv.erase(at, 1);
    }
  }
  return csv;
}

// The start lines of the rows a reader finds in `input`.
std::vector<uint64_t> RowLines(const std::string& input) {
  std::istringstream in(input);
  auto reader = codec::RecordReader::Open(&in, {});
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<uint64_t> lines;
  codec::InputRow row;
  while (reader.ok() && (*reader)->Next(&row)) lines.push_back(row.line);
  return lines;
}

TEST_F(BatchPipelineTest, MutatedInputsAccountForEveryRowAndLine) {
  std::mt19937 rng(7);
  for (int round = 0; round < 150; ++round) {
    const std::string input = Mutate(ValidInput(&rng, 30), &rng);
    SCOPED_TRACE(absl::StrCat("round ", round, ": ", absl::CEscape(input)));
    const uint64_t physical_lines =
        std::count(input.begin(), input.end(), '\n') +
        (input.back() != '\n' ? 1 : 0);
    const std::vector<uint64_t> row_lines = RowLines(input);
    batch_bytes_ = 1 + rng() % 200;
    batch_rows_ = 1 + rng() % 5;
    const Run one = Normalize(input, 1);
    const Run three = Normalize(input, 3);
    ASSERT_TRUE(one.status.ok()) << one.status;
    ASSERT_TRUE(three.status.ok()) << three.status;
    EXPECT_EQ(one.clean, three.clean);
    EXPECT_EQ(one.rejects, three.rejects);
    const BatchReport& report = three.report;
    EXPECT_EQ(report.lines_in, physical_lines);
    EXPECT_EQ(report.rows_in, row_lines.size());
    EXPECT_EQ(report.rows_clean + report.rows_rejected, report.rows_in);
    // Each row is in exactly one output: the clean file reads back as
    // rows_clean rows, and the rejects name rows_rejected distinct rows.
    EXPECT_EQ(RowLines(three.clean).size(), report.rows_clean);
    std::set<uint64_t> rejected;
    for (absl::string_view line :
         absl::StrSplit(three.rejects, '\n', absl::SkipEmpty())) {
      uint64_t at = 0;
      ASSERT_TRUE(absl::SimpleAtoi(line.substr(8, line.find(',') - 8), &at))
          << line;
      EXPECT_TRUE(std::binary_search(row_lines.begin(), row_lines.end(), at));
      rejected.insert(at);
    }
    EXPECT_EQ(rejected.size(), report.rows_rejected);
  }
}

}  // namespace
}  // namespace shuyuan::client
