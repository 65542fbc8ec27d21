#include "client/report_merge.h"

#include <string>
#include <vector>

#include "client/batch_report.h"
#include "client/internal/report_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

// A part report of a 3-field schema over bytes [start, end) of a 100-byte
// file whose data starts at byte 10.
BatchReport Part(uint64_t start, uint64_t end, uint64_t first_line) {
  BatchReport part;
  part.schema_ref = "S";
  part.input = "in.csv";
  part.input_format = "csv";
  part.encoding = "utf-8";
  part.as_of = "2024-06-01";
  part.threads = 1;
  part.input_bytes = end - start;
  part.input_sha256 = "ab";
  part.definitions = {{"record_schema", "S", std::nullopt, "S", "cd"}};
  part.columns = {{"c", "a", "name"}};
  part.range = ReportRange{start, end, first_line, 100, 10};
  part.layout = {{"a", {"default", "trim", "derive"}},
                 {"b", {"default", "upper", "derive"}},
                 {"c", {"default", "derive"}}};
  return part;
}

TEST(ReportMergeTest, SumsInTheOrderOfOneRun) {
  BatchReport first = Part(10, 50, 2);
  first.rows_in = 3;
  first.rows_clean = 2;
  first.rows_rejected = 1;
  first.lines_in = 3;
  first.issues = {{"b", {{"CHECKSUM_MISMATCH", 1}}}};
  first.issues_by_code = {{"CHECKSUM_MISMATCH", 1}};
  first.normalized = {{"b", {{"upper", 2}}}};
  first.samples = {{"CHECKSUM_MISMATCH", {{3, "b"}, {4, "b"}}}};
  BatchReport second = Part(50, 100, 5);
  second.rows_in = 2;
  second.rows_clean = 1;
  second.rows_rejected = 1;
  second.lines_in = 2;
  second.issues = {{"", {{"MALFORMED_ROW", 1}}},
                   {"a", {{"REQUIRED_MISSING", 1}}},
                   {"b", {{"PATTERN_MISMATCH", 1}, {"CHECKSUM_MISMATCH", 2}}}};
  second.issues_by_code = {{"REQUIRED_MISSING", 1}, {"MALFORMED_ROW", 1}};
  second.normalized = {{"a", {{"trim", 1}}}, {"b", {{"default", 1}}}};
  second.samples = {{"CHECKSUM_MISMATCH", {{5, "b"}, {6, "b"}}}};

  // Given in reverse: merge sorts by range.
  absl::StatusOr<BatchReport> whole =
      MergeReports({{"p1.json", second}, {"p0.json", first}}, 3);
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->rows_in, 5u);
  EXPECT_EQ(whole->rows_clean + whole->rows_rejected, 5u);
  EXPECT_EQ(whole->lines_in, 1u + 3 + 2);  // the header line, then parts
  EXPECT_EQ(whole->input_bytes, 100u);
  ASSERT_EQ(whole->issues.size(), 3u);
  EXPECT_EQ(whole->issues[0].field, "");  // the row's own issues first
  EXPECT_EQ(whole->issues[1].field, "a");
  EXPECT_EQ(whole->issues[2].field, "b");
  // Codes in enum order (PATTERN_MISMATCH = 9, CHECKSUM_MISMATCH = 10),
  // not in the order the parts first listed them.
  EXPECT_THAT(
      whole->issues[2].counts,
      ElementsAre(Pair("PATTERN_MISMATCH", 1), Pair("CHECKSUM_MISMATCH", 3)));
  ASSERT_EQ(whole->normalized.size(), 2u);
  EXPECT_EQ(whole->normalized[0].field, "a");
  EXPECT_THAT(whole->normalized[1].counts,
              ElementsAre(Pair("default", 1), Pair("upper", 2)));
  ASSERT_EQ(whole->samples.size(), 1u);
  ASSERT_EQ(whole->samples[0].samples.size(), 3u);  // bounded as one run
  EXPECT_EQ(whole->samples[0].samples[2].line, 5u);
  ASSERT_EQ(whole->parts.size(), 2u);
  EXPECT_EQ(whole->parts[0].report, "p0.json");
  EXPECT_FALSE(whole->range.has_value());
}

TEST(ReportMergeTest, RefusesPartsThatAreNotOneRun) {
  BatchReport late = Part(10, 50, 2);
  late.range->start = 20;
  EXPECT_THAT(
      MergeReports({{"p0.json", late}, {"p1.json", Part(50, 100, 5)}}, 3)
          .status()
          .message(),
      HasSubstr("p0.json: range 20:50 leaves a gap after byte 10"));
  BatchReport other = Part(50, 100, 5);
  other.definitions[0].sha256 = "ef";
  EXPECT_THAT(
      MergeReports({{"p0.json", Part(10, 50, 2)}, {"p1.json", other}}, 3)
          .status()
          .message(),
      HasSubstr("p1.json: its definitions differs"));
  BatchReport whole = Part(10, 100, 2);
  whole.range.reset();
  EXPECT_THAT(MergeReports({{"all.json", whole}}, 3).status().message(),
              HasSubstr("not the report of a part"));
  EXPECT_FALSE(MergeReports({}, 3).ok());
}

TEST(ReportReaderTest, ReadsBackWhatRenderWrote) {
  BatchReport part = Part(10, 50, 2);
  part.rows_in = 1;
  part.rows_clean = 1;
  part.issues = {{"", {{"MALFORMED_ROW", 1}}}};
  part.samples = {{"MALFORMED_ROW", {{3, "", "ERROR", "x", "y", "m"}}}};
  part.unknown_columns = {"z"};
  part.elapsed_s = 0.5;
  const std::string json = RenderReportJson(part);
  absl::StatusOr<BatchReport> read =
      client_internal::ReadReportJson(json, "p.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(RenderReportJson(*read), json);
  EXPECT_THAT(client_internal::ReadReportJson("{\"schema\": 1}", "p.json")
                  .status()
                  .message(),
              HasSubstr("p.json: schema is not a string"));
  EXPECT_THAT(client_internal::ReadReportJson("[", "p.json").status().message(),
              HasSubstr("p.json: not JSON"));
}

}  // namespace
}  // namespace shuyuan::client
