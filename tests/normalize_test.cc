// End-to-end runs of `shuyuan normalize` (SPEC §6) on real files in a fresh
// temporary directory per test: the legacy sample's planted counts, thread
// count independence, GB18030 vs UTF-8 input, stdin/stdout, JSONL, mapping
// files, exit codes and the temp-file-then-rename guarantee.
#include <fcntl.h>
#include <iconv.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "codec/sha256.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/run_binary.h"

extern char** environ;

namespace shuyuan {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kBinary[] = SHUYUAN_BINARY_DIR "/client/shuyuan";
constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";
constexpr char kLegacy[] =
    SHUYUAN_SOURCE_DIR "/examples/legacy_legal_persons.csv";
constexpr char kSummary[] =
    SHUYUAN_SOURCE_DIR "/examples/expected_legacy_summary.json";
constexpr char kTestdata[] = SHUYUAN_SOURCE_DIR "/tests/testdata/normalize";

using tests_testing::ReadFile;

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct result;
  const auto status =
      google::protobuf::util::JsonStringToMessage(text, &result);
  EXPECT_TRUE(status.ok()) << status.ToString()
                           << " in: " << text.substr(0, 200);
  return result;
}

double Number(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  EXPECT_NE(it, s.fields().end()) << "missing " << key;
  return it == s.fields().end() ? -1 : it->second.number_value();
}

std::string String(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  EXPECT_NE(it, s.fields().end()) << "missing " << key;
  return it == s.fields().end() ? "" : it->second.string_value();
}

// GB18030 → UTF-8 with iconv(3); bytes that are not GB18030 are copied as
// they are (so they stay invalid in the UTF-8 twin too).
std::string Gb18030ToUtf8(const std::string& in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1)) << strerror(errno);
  std::string out;
  char* src = const_cast<char*>(in.data());
  size_t left = in.size();
  std::vector<char> buffer(4 * in.size() + 16);
  while (left > 0) {
    char* dst = buffer.data();
    size_t room = buffer.size();
    const size_t rc = iconv(cd, &src, &left, &dst, &room);
    out.append(buffer.data(), dst - buffer.data());
    if (rc == static_cast<size_t>(-1)) {
      if (errno != EILSEQ && errno != EINVAL) {
        ADD_FAILURE() << "iconv: " << strerror(errno);
        break;
      }
      out.push_back(*src);
      ++src;
      --left;
    }
  }
  iconv_close(cd);
  return out;
}

using Outcome = tests_testing::RunOutcome;

class NormalizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kBinary)) << kBinary << " was not built";
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat(
               "shuyuan_normalize_test_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name(),
               "_", getpid());
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_ / "out"));
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Runs `shuyuan normalize ARGS`; stdin from `stdin_path` (default
  // /dev/null), stdout and stderr captured.
  Outcome Shuyuan(const std::vector<std::string>& args,
                  const std::string& stdin_path = "/dev/null") {
    std::vector<std::string> words = {"normalize"};
    words.insert(words.end(), args.begin(), args.end());
    return tests_testing::RunBinary(kBinary, words, dir_, stdin_path);
  }

  // The usual flags with outputs in out/ named after `tag`.
  std::vector<std::string> Flags(const std::string& in, const std::string& tag,
                                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--defs",    kCatalog,
                                     "--schema",  "LEGAL_PERSON_BASIC",
                                     "--in",      in,
                                     "--out",     Out(tag + ".clean"),
                                     "--rejects", Out(tag + ".rejects.jsonl"),
                                     "--report",  Out(tag + ".report.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  std::string Out(const std::string& name) const {
    return (dir_ / "out" / name).string();
  }
  std::vector<std::string> OutFiles() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "out")) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

TEST_F(NormalizeTest, LegacySampleGivesThePlantedCountsOnAnyThreadCount) {
  const google::protobuf::Struct expected = ParseJson(ReadFile(kSummary))
                                                .fields()
                                                .at("expected_report")
                                                .struct_value();
  for (const char* threads : {"1", "2"}) {
    SCOPED_TRACE(absl::StrCat("--threads ", threads));
    const Outcome run = Shuyuan(Flags(kLegacy, threads,
                                      {"--threads", threads, "--report-html",
                                       Out(absl::StrCat(threads, ".html"))}));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_THAT(run.err,
                HasSubstr(absl::StrFormat(
                    "2400 rows: %.0f clean (%.0f with warnings), %.0f rejected",
                    Number(expected, "rows_clean"),
                    Number(expected, "rows_with_warnings"),
                    Number(expected, "rows_rejected"))));
    const google::protobuf::Struct report =
        ParseJson(ReadFile(Out(absl::StrCat(threads, ".report.json"))));
    for (const char* key :
         {"rows_in", "rows_clean", "rows_with_warnings", "rows_rejected"}) {
      EXPECT_EQ(Number(report, key), Number(expected, key)) << key;
    }
    EXPECT_EQ(Number(report, "rows_in"),
              Number(report, "rows_clean") + Number(report, "rows_rejected"));
    EXPECT_EQ(String(report, "encoding"), "gb18030");
    EXPECT_EQ(String(report, "input_sha256"),
              codec::Sha256Hex(ReadFile(kLegacy)));
    EXPECT_EQ(Number(report, "input_bytes"), fs::file_size(kLegacy));
    EXPECT_GT(Number(report, "mb_per_s"), 0);
    const auto& issues_by_code =
        report.fields().at("issues_by_code").struct_value();
    EXPECT_EQ(Number(issues_by_code, "INVALID_ENCODING"), 1);
    EXPECT_EQ(Number(issues_by_code, "MALFORMED_ROW"), 4);
    const auto& definitions = report.fields().at("definitions").list_value();
    ASSERT_GE(definitions.values_size(), 20);
    EXPECT_EQ(String(definitions.values(0).struct_value(), "ref"),
              "LEGAL_PERSON_BASIC");
    EXPECT_EQ(String(definitions.values(0).struct_value(), "sha256").size(),
              64u);
    EXPECT_TRUE(report.fields().at("samples").struct_value().fields().count(
        "CHECKSUM_MISMATCH"));

    // Rejects: one JSON object per rejected row, in input order.
    const std::vector<std::string> rejects =
        absl::StrSplit(ReadFile(Out(absl::StrCat(threads, ".rejects.jsonl"))),
                       '\n', absl::SkipEmpty());
    ASSERT_EQ(rejects.size(), Number(expected, "rows_rejected"));
    double last_line = 0;
    for (const std::string& line : rejects) {
      const google::protobuf::Struct reject = ParseJson(line);
      EXPECT_GT(Number(reject, "line"), last_line);
      last_line = Number(reject, "line");
      EXPECT_FALSE(String(reject, "row").empty());
      EXPECT_GE(reject.fields().at("issues").list_value().values_size(), 1);
    }
    const std::string clean = ReadFile(Out(absl::StrCat(threads, ".clean")));
    EXPECT_THAT(clean, StartsWith("tyshxydm,zzjgdm,jgmc,djglbmdm,xzqhdm,"));
    const std::string html = ReadFile(Out(absl::StrCat(threads, ".html")));
    EXPECT_THAT(html, StartsWith("<!DOCTYPE html>"));
    EXPECT_THAT(html, HasSubstr("<svg"));
    EXPECT_THAT(html, ::testing::Not(HasSubstr("<script")));
    EXPECT_THAT(html, ::testing::Not(HasSubstr("<link")));
  }
  EXPECT_EQ(ReadFile(Out("1.clean")), ReadFile(Out("2.clean")));
  EXPECT_EQ(ReadFile(Out("1.rejects.jsonl")), ReadFile(Out("2.rejects.jsonl")));
}

TEST_F(NormalizeTest, Gb18030AndItsUtf8TwinGiveTheSameCleanFile) {
  const std::string twin = (dir_ / "legacy_utf8.csv").string();
  std::ofstream(twin, std::ios::binary) << Gb18030ToUtf8(ReadFile(kLegacy));
  const Outcome gb = Shuyuan(Flags(kLegacy, "gb"));
  ASSERT_EQ(gb.exit_code, 0) << gb.err;
  // The twin keeps the sample's one invalid byte, so auto would sniff
  // GB18030: name the encoding.
  const Outcome utf8 = Shuyuan(Flags(twin, "utf8", {"--encoding", "utf-8"}));
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  EXPECT_EQ(ReadFile(Out("gb.clean")), ReadFile(Out("utf8.clean")));
  const google::protobuf::Struct report =
      ParseJson(ReadFile(Out("utf8.report.json")));
  EXPECT_EQ(String(report, "encoding"), "utf-8");
  const google::protobuf::Struct expected = ParseJson(ReadFile(kSummary))
                                                .fields()
                                                .at("expected_report")
                                                .struct_value();
  EXPECT_EQ(Number(report, "rows_clean"), Number(expected, "rows_clean"));
  EXPECT_EQ(Number(report, "rows_rejected"), Number(expected, "rows_rejected"));
}

TEST_F(NormalizeTest, MissingRequiredColumnFailsBeforeAnyOutput) {
  const std::string in = (dir_ / "partial.csv").string();
  std::ofstream(in) << "企业名称,成立日期,经营状态\n某公司,2015-03-08,在营\n";
  const Outcome run = Shuyuan(Flags(in, "partial"));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("partial.csv"));
  EXPECT_THAT(run.err, HasSubstr("required field 'tyshxydm'"));
  EXPECT_THAT(run.err, HasSubstr("columns seen: 企业名称, 成立日期, 经营状态"));
  EXPECT_THAT(OutFiles(), ::testing::IsEmpty());
}

TEST_F(NormalizeTest, MappingFileMapsColumns) {
  const std::string mapped = absl::StrCat(kTestdata, "/mapped.csv");
  const Outcome without = Shuyuan(Flags(mapped, "without"));
  EXPECT_EQ(without.exit_code, 2);
  const Outcome with = Shuyuan(Flags(
      mapped, "with", {"--mapping", absl::StrCat(kTestdata, "/mapping.json")}));
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_THAT(ReadFile(Out("with.clean")),
              HasSubstr("\n91330000MA27U9XH4A,MA27U9XH4,浙江数元科技有限公司,9,"
                        "330000,,,,,20150308,,,,,,1,,,,\n"));
}

TEST_F(NormalizeTest, StdinToStdout) {
  const std::vector<std::string> args = {"--defs",    kCatalog,
                                         "--schema",  "LEGAL_PERSON_BASIC",
                                         "--in",      "-",
                                         "--out",     "-",
                                         "--rejects", Out("rejects.jsonl"),
                                         "--report",  Out("report.json")};
  const Outcome run = Shuyuan(args, absl::StrCat(kTestdata, "/small.csv"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "tyshxydm,zzjgdm,jgmc,djglbmdm,xzqhdm,fddbrxm,fddbrzjhm,fddbrxbdm,"
            "zczb,clrq,hzrq,djjg,jyfw,zs,hydm,jyzt,yzbm,gddhhm,dzyx,khyhzh\n"
            "91330000MA27U9XH4A,MA27U9XH4,浙江数元科技有限公司,9,330000,,,,,"
            "20150308,,,,,,1,,,,\n"
            "91330000MA27U9XH4A,MA27U9XH4,\"浙江数元科技有限公司, "
            "分公司\",9,330000,,,"
            ",,20150308,,,,,,1,,,,\n");
  EXPECT_THAT(ReadFile(Out("rejects.jsonl")),
              StartsWith("{\"line\":4,\"row\":\"91330000MA27U9XH4B,坏公司,"));
  const google::protobuf::Struct report =
      ParseJson(ReadFile(Out("report.json")));
  EXPECT_EQ(String(report, "input"), "<stdin>");
  EXPECT_EQ(String(report, "encoding"), "utf-8");
  EXPECT_EQ(report.fields()
                .at("unknown_columns")
                .list_value()
                .values(0)
                .string_value(),
            "备注");
  EXPECT_EQ(String(report, "input_sha256"),
            codec::Sha256Hex(ReadFile(absl::StrCat(kTestdata, "/small.csv"))));
}

TEST_F(NormalizeTest, FailOnRejectExitsThreeAfterWritingEverything) {
  const std::string small = absl::StrCat(kTestdata, "/small.csv");
  EXPECT_EQ(Shuyuan(Flags(small, "plain")).exit_code, 0);
  const Outcome run = Shuyuan(Flags(small, "strict", {"--fail-on-reject"}));
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_TRUE(fs::exists(Out("strict.clean")));
  EXPECT_TRUE(fs::exists(Out("strict.report.json")));
  // A run without rejects exits 0 even with the flag.
  const Outcome clean =
      Shuyuan(Flags(absl::StrCat(kTestdata, "/mapped.csv"), "ok",
                    {"--fail-on-reject", "--mapping",
                     absl::StrCat(kTestdata, "/mapping.json")}));
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
}

TEST_F(NormalizeTest, JsonlInputGivesJsonlOutput) {
  const Outcome run =
      Shuyuan(Flags(absl::StrCat(kTestdata, "/small.jsonl"), "j"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> clean =
      absl::StrSplit(ReadFile(Out("j.clean")), '\n', absl::SkipEmpty());
  ASSERT_EQ(clean.size(), 2u);
  const google::protobuf::Struct first = ParseJson(clean[0]);
  EXPECT_EQ(String(first, "tyshxydm"), "91330000MA27U9XH4A");
  EXPECT_EQ(String(first, "clrq"), "20150308");
  EXPECT_EQ(String(first, "jyzt"), "1");
  EXPECT_EQ(String(ParseJson(clean[1]), "jgmc"), "浙江数元\"引号\"公司");
  const google::protobuf::Struct reject =
      ParseJson(ReadFile(Out("j.rejects.jsonl")));
  EXPECT_EQ(Number(reject, "line"), 2);
  const google::protobuf::Struct report =
      ParseJson(ReadFile(Out("j.report.json")));
  EXPECT_EQ(String(report, "input_format"), "jsonl");
  EXPECT_EQ(Number(report, "rows_in"), 3);
  EXPECT_EQ(report.fields()
                .at("unknown_columns")
                .list_value()
                .values(0)
                .string_value(),
            "extra");
}

TEST_F(NormalizeTest, FailedRunLeavesNoFileUnderAFinalName) {
  const Outcome run =
      Shuyuan({"--defs", kCatalog, "--schema", "LEGAL_PERSON_BASIC", "--in",
               kLegacy, "--out", Out("clean.csv"), "--rejects",
               (dir_ / "missing-dir" / "rejects.jsonl").string(), "--report",
               Out("report.json")});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.err, HasSubstr("missing-dir/rejects.jsonl"));
  EXPECT_THAT(OutFiles(), ::testing::IsEmpty());  // temp files removed too
}

TEST_F(NormalizeTest, UsageErrors) {
  EXPECT_EQ(Shuyuan({"--defs", kCatalog}).exit_code, 2);
  const Outcome online = Shuyuan(Flags(kLegacy, "x", {"--server", "h:1"}));
  EXPECT_EQ(online.exit_code, 2);
  EXPECT_THAT(online.err, HasSubstr("--defs"));
  const Outcome schema =
      Shuyuan({"--defs", kCatalog, "--schema", "NOPE", "--in", kLegacy, "--out",
               Out("a"), "--rejects", Out("b"), "--report", Out("c")});
  EXPECT_EQ(schema.exit_code, 2);
  EXPECT_THAT(schema.err, HasSubstr("NOPE"));
  const Outcome missing_input = Shuyuan(Flags(Out("nothing.csv"), "m"));
  EXPECT_EQ(missing_input.exit_code, 4);
  EXPECT_THAT(missing_input.err, HasSubstr("nothing.csv"));
  EXPECT_THAT(OutFiles(), ::testing::IsEmpty());
  const Outcome help = Shuyuan({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--report-html"));
}

}  // namespace
}  // namespace shuyuan
