// `shuyuan split`, `normalize --range` and `report merge` end to end (issue
// 14): on inputs built to be hard to cut (a quoted newline, a stray quote,
// BOM, CRLF, blank lines, no final line break, GB18030, header only, empty),
// every way of splitting gives clean and rejects files byte-identical to
// one run's, and a merged report whose counts equal one run's, in the same
// order; ranges that do not start or end at rows are refused.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "codec/sha256.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/run_binary.h"
#include "unicode/ucnv.h"
#include "unicode/unistr.h"

namespace shuyuan {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using tests_testing::ReadFile;
using Outcome = tests_testing::RunOutcome;

constexpr char kBinary[] = SHUYUAN_BINARY_DIR "/client/shuyuan";
constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";
constexpr char kSmallJsonl[] =
    SHUYUAN_SOURCE_DIR "/tests/testdata/normalize/small.jsonl";

constexpr char kHeader[] =
    "统一代码,组织机构代码,企业名称,法人代表,法人代表身份证号,法人代表性别,"
    "注册资金,成立日期,核准日期,登记机关,经营范围,住所,行业门类,经营状态,"
    "邮政编码,联系电话,电子邮箱,开户账号";
// Rows of the legacy sample; {NAME} is the company name, {SCOPE} the
// business scope (to hold quotes and line breaks).
constexpr char kRow[] =
    "915100006604956000,660495600,{NAME},陶刚,310104196409261099,1,3,"
    "20110522,,成都市市场监督管理局,{SCOPE},四川省成都市滨江路703号,D,1,"
    "610604,028-68142308,contact1@example.cn,6228583268105026867";
constexpr char kBadRow[] =
    "91330000MAC4NM2009,,{NAME},姜杰,350203199008069902,2,300,20081217,,"
    "温州市市场监督管理局,{SCOPE},浙江省温州市建设路235号,R,1,325488,"
    "0577-49010755,contact2@example.cn,6228051395251988252";

std::string Row(const char* pattern, const std::string& name,
                const std::string& scope) {
  return absl::StrReplaceAll(pattern, {{"{NAME}", name}, {"{SCOPE}", scope}});
}

// Twelve rows: clean and rejected ones, one whose quoted field spans two
// lines, one with a quote that never closes properly (its first line is a
// reject alone), one with a stray quote inside a field, blank lines.
std::string Tricky(const std::string& eol) {
  std::vector<std::string> lines = {kHeader, ""};
  for (int i = 0; i < 12; ++i) {
    const std::string name = absl::StrCat("四川同舟电力工程有限公司", i);
    if (i == 3) {
      lines.push_back(Row(kRow, name, "\"许可项目：输电、" + eol + "供电\""));
    } else if (i == 6) {
      lines.push_back(Row(kRow, name, "\"一般项目：组织"));
    } else if (i == 8) {
      lines.push_back(Row(kBadRow, name, "设计\"代理"));
    } else {
      lines.push_back(Row(i % 4 == 1 ? kBadRow : kRow, name, "一般项目"));
    }
    if (i == 9) lines.push_back("");
  }
  return absl::StrJoin(lines, eol);
}

std::string ToGb18030(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("gb18030", &status);
  std::string out(static_cast<size_t>(u.length()) * 4 + 8, '\0');
  const int32_t n =
      ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()),
                      u.getBuffer(), u.length(), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  ucnv_close(cnv);
  out.resize(static_cast<size_t>(n));
  return out;
}

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct result;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &result).ok())
      << text.substr(0, 200);
  return result;
}

// The part of a report from rows_in up to the timing: every count, the
// columns, issues, normalisations, samples and definitions, in order.
std::string CountsSection(const std::string& report) {
  const size_t from = report.find("\"rows_in\"");
  const size_t to = report.find("\"elapsed_s\"");
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  return report.substr(from, to - from);
}

class SplitRangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kBinary)) << kBinary << " was not built";
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat(
               "shuyuan_split_test_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name(),
               "_", getpid());
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_ / "out"));
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::string Out(const std::string& name) const {
    return (dir_ / "out" / name).string();
  }
  Outcome Shuyuan(const std::vector<std::string>& args) {
    return tests_testing::RunBinary(kBinary, args, dir_);
  }
  Outcome Normalize(const std::string& in, const std::string& tag,
                    std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"normalize",
                                     "--defs",
                                     kCatalog,
                                     "--schema",
                                     "LEGAL_PERSON_BASIC",
                                     "--as-of",
                                     "2024-06-01",
                                     "--in",
                                     in,
                                     "--out",
                                     Out(tag + ".csv"),
                                     "--rejects",
                                     Out(tag + ".rejects.jsonl"),
                                     "--report",
                                     Out(tag + ".json"),
                                     "--threads",
                                     "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Shuyuan(args);
  }
  std::vector<std::string> Split(const std::string& in, const std::string& how,
                                 const std::string& value) {
    const Outcome run = Shuyuan({"split", "--in", in, how, value});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  }

  // One run on `in`, then for each way of splitting: a run per range, the
  // parts joined and merged, compared with the one run.
  void ExpectSplitRunsMatchOneRun(const std::string& in,
                                  bool csv_output = true) {
    const Outcome whole = Normalize(in, "whole");
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    const std::string clean = ReadFile(Out("whole.csv"));
    const std::string rejects = ReadFile(Out("whole.rejects.jsonl"));
    const std::string report = ReadFile(Out("whole.json"));
    for (const auto& [how, value] :
         std::vector<std::pair<std::string, std::string>>{
             {"--part-bytes", "1"},
             {"--part-bytes", "700"},
             {"--parts", "3"},
             {"--parts", "1"}}) {
      SCOPED_TRACE(absl::StrCat(in, " split ", how, " ", value));
      const std::vector<std::string> ranges = Split(in, how, value);
      ASSERT_FALSE(ranges.empty());
      std::string joined_clean, joined_rejects;
      std::vector<std::string> merge = {"report", "merge"};
      for (size_t i = 0; i < ranges.size(); ++i) {
        const std::string tag = absl::StrCat("part", i);
        // Parts on 2 threads read by chunks (RecordReader::NextChunk).
        const Outcome part = Normalize(
            in, tag,
            {"--range", ranges[i], "--threads", value == "3" ? "2" : "1"});
        ASSERT_EQ(part.exit_code, 0) << ranges[i] << ": " << part.err;
        const std::string part_clean = ReadFile(Out(tag + ".csv"));
        // CSV clean files each start with the header; JSONL ones do not.
        joined_clean += i == 0 || !csv_output
                            ? part_clean
                            : part_clean.substr(part_clean.find('\n') + 1);
        joined_rejects += ReadFile(Out(tag + ".rejects.jsonl"));
        merge.push_back(Out(tag + ".json"));
      }
      EXPECT_EQ(joined_clean, clean);
      EXPECT_EQ(joined_rejects, rejects);
      std::reverse(merge.begin() + 2, merge.end());  // any order will do
      merge.insert(merge.end(), {"-o", Out("merged.json")});
      const Outcome merged = Shuyuan(merge);
      ASSERT_EQ(merged.exit_code, 0) << merged.err;
      const std::string merged_report = ReadFile(Out("merged.json"));
      EXPECT_EQ(CountsSection(merged_report), CountsSection(report));
      const google::protobuf::Struct a = ParseJson(report);
      const google::protobuf::Struct b = ParseJson(merged_report);
      EXPECT_EQ(a.fields().at("input_bytes").number_value(),
                b.fields().at("input_bytes").number_value());
      EXPECT_EQ(b.fields().at("parts").list_value().values_size(),
                static_cast<int>(ranges.size()));
    }
  }

  fs::path dir_;
};

TEST_F(SplitRangeTest, QuotedNewlineAndStrayQuotesLf) {
  ExpectSplitRunsMatchOneRun(Write("lf.csv", Tricky("\n") + "\n"));
}

TEST_F(SplitRangeTest, BomCrlfBlankLinesAndNoFinalLineBreak) {
  ExpectSplitRunsMatchOneRun(
      Write("crlf.csv", "\xEF\xBB\xBF" + Tricky("\r\n") + "\r\n\r\n\n"));
  ExpectSplitRunsMatchOneRun(Write("unterminated.csv", Tricky("\r\n")));
}

TEST_F(SplitRangeTest, Gb18030) {
  ExpectSplitRunsMatchOneRun(Write("gb.csv", ToGb18030(Tricky("\n") + "\n")));
}

TEST_F(SplitRangeTest, JsonlWithBlankAndBadLines) {
  const std::string lines = ReadFile(kSmallJsonl);
  ExpectSplitRunsMatchOneRun(
      Write("small.jsonl", "\n" + lines + "  \n{\"broken\": \n" + lines),
      /*csv_output=*/false);
}

TEST_F(SplitRangeTest, HeaderOnlyAndEmptyFilesAreOneRangeWithoutRows) {
  const std::string header = Write("header.csv", std::string(kHeader) + "\n");
  EXPECT_THAT(Split(header, "--parts", "4"),
              ::testing::ElementsAre(absl::StrCat(fs::file_size(header), ":",
                                                  fs::file_size(header))));
  ExpectSplitRunsMatchOneRun(header);
  ExpectSplitRunsMatchOneRun(Write("bare_header.csv", kHeader));
  const std::string empty = Write("empty.csv", "");
  EXPECT_THAT(Split(empty, "--parts", "2"), ::testing::ElementsAre("0:0"));
  ExpectSplitRunsMatchOneRun(empty);
}

TEST_F(SplitRangeTest, SplitJsonGivesFirstLinesAndTheResolvedEncoding) {
  const std::string in = Write("gb.csv", ToGb18030(Tricky("\n") + "\n"));
  const Outcome run =
      Shuyuan({"split", "--in", in, "--parts", "3", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const google::protobuf::Struct plan = ParseJson(run.out);
  EXPECT_EQ(plan.fields().at("encoding").string_value(), "gb18030");
  const auto& ranges = plan.fields().at("ranges").list_value();
  ASSERT_EQ(ranges.values_size(), 3);
  const std::string bytes = ReadFile(in);
  for (const auto& value : ranges.values()) {
    const auto& range = value.struct_value().fields();
    const size_t start = static_cast<size_t>(range.at("start").number_value());
    EXPECT_EQ(range.at("first_line").number_value(),
              1 + std::count(bytes.begin(), bytes.begin() + start, '\n'));
  }
  // --first-line as split gives it numbers lines as counting would.
  const auto& last = ranges.values(2).struct_value().fields();
  const std::string range = absl::StrCat(last.at("start").number_value(), ":",
                                         last.at("end").number_value());
  ASSERT_EQ(Normalize(in, "counted", {"--range", range}).exit_code, 0);
  ASSERT_EQ(Normalize(in, "given",
                      {"--range", range, "--first-line",
                       absl::StrCat(last.at("first_line").number_value())})
                .exit_code,
            0);
  EXPECT_EQ(ReadFile(Out("given.rejects.jsonl")),
            ReadFile(Out("counted.rejects.jsonl")));
}

TEST_F(SplitRangeTest, RangesNotAtRowsAreRefused) {
  const std::string text = Tricky("\n") + "\n";
  const std::string in = Write("lf.csv", text);
  // The second line of the row whose quoted field spans two lines follows
  // a line break but is no row boundary: the part before it says so.
  const size_t inside = text.find("供电\"");
  const size_t data_start = std::string(kHeader).size() + 1;
  Outcome run =
      Normalize(in, "a", {"--range", absl::StrCat(data_start, ":", inside)});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("END is not a row boundary"));
  run = Normalize(in, "b",
                  {"--range", absl::StrCat(inside + 3, ":", text.size())});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("START is not a row boundary"));
  run = Normalize(in, "c", {"--range", absl::StrCat("5:", text.size())});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("START is inside the header"));
  run = Normalize(in, "d", {"--range", absl::StrCat("0:", text.size() + 1)});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("not within the file"));
  // Nothing was left behind by the refused runs.
  EXPECT_TRUE(fs::is_empty(dir_ / "out"));
}

TEST_F(SplitRangeTest, MergeRefusesGapsOverlapsAndForeignParts) {
  const std::string in = Write("lf.csv", Tricky("\n") + "\n");
  const std::vector<std::string> ranges = Split(in, "--parts", "3");
  ASSERT_EQ(ranges.size(), 3u);
  for (size_t i = 0; i < ranges.size(); ++i) {
    ASSERT_EQ(
        Normalize(in, absl::StrCat("p", i), {"--range", ranges[i]}).exit_code,
        0);
  }
  Outcome run = Shuyuan(
      {"report", "merge", Out("p0.json"), Out("p2.json"), "-o", Out("m.json")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("leaves a gap"));
  run = Shuyuan({"report", "merge", Out("p0.json"), Out("p1.json"),
                 Out("p1.json"), Out("p2.json"), "-o", Out("m.json")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("overlaps"));
  run = Shuyuan(
      {"report", "merge", Out("p0.json"), Out("p1.json"), "-o", Out("m.json")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("a part is missing"));
  ASSERT_EQ(
      Normalize(in, "other", {"--range", ranges[2], "--as-of", "2020-01-01"})
          .exit_code,
      0);
  run = Shuyuan({"report", "merge", Out("p0.json"), Out("p1.json"),
                 Out("other.json"), "-o", Out("m.json")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("as_of differs"));
  ASSERT_EQ(Normalize(in, "whole").exit_code, 0);
  run = Shuyuan({"report", "merge", Out("whole.json"), "-o", Out("m.json")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("not the report of a part"));
  EXPECT_FALSE(fs::exists(Out("m.json")));
}

}  // namespace
}  // namespace shuyuan
