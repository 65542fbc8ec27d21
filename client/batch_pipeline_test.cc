#include "client/batch_pipeline.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
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
    options.batch_rows = 2;  // many batches, to exercise ordering
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
    options.batch_rows = 3;
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

}  // namespace
}  // namespace shuyuan::client
