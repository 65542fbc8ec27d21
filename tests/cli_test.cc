// End-to-end runs of the real `shuyuan` binary's local commands (SPEC §5) on
// the definitions in tests/testdata: what it prints, one JSON line per value,
// and its exit codes.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/result.pb.h"
#include "tests/testing/run_binary.h"

extern char** environ;

namespace shuyuan {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kBinary[] = SHUYUAN_BINARY_DIR "/client/shuyuan";
constexpr char kTestdata[] = SHUYUAN_SOURCE_DIR "/tests/testdata";

struct Outcome : tests_testing::RunOutcome {
  // Non-empty stdout lines.
  std::vector<std::string> Lines() const {
    return absl::StrSplit(out, '\n', absl::SkipEmpty());
  }
};

using tests_testing::ReadFile;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kBinary)) << kBinary << " was not built";
    const ::testing::TestInfo* info =
        ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat("shuyuan_cli_test_", info->name(), "_", getpid());
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
  }

  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Runs the binary with `args`, stdout and stderr captured separately.
  Outcome Shuyuan(const std::vector<std::string>& args) {
    return Outcome{tests_testing::RunBinary(kBinary, args, dir_)};
  }

  static v1::ValueResult ParseValueResult(const std::string& line) {
    v1::ValueResult result;
    const auto status =
        google::protobuf::util::JsonStringToMessage(line, &result);
    EXPECT_TRUE(status.ok()) << status.ToString() << " in: " << line;
    return result;
  }

  static google::protobuf::Struct ParseStruct(const std::string& line) {
    google::protobuf::Struct result;
    const auto status =
        google::protobuf::util::JsonStringToMessage(line, &result);
    EXPECT_TRUE(status.ok()) << status.ToString() << " in: " << line;
    return result;
  }

  static std::string Field(const google::protobuf::Struct& s,
                           const std::string& key) {
    auto it = s.fields().find(key);
    return it == s.fields().end() ? "<missing>" : it->second.string_value();
  }

  fs::path dir_;
  const std::string spec_ = absl::StrCat(kTestdata, "/spec_example.yaml");
  const std::string cli_defs_ = absl::StrCat(kTestdata, "/cli/defs");
};

TEST_F(CliTest, CheckPrintsOneJsonLinePerValue) {
  const Outcome run = Shuyuan({"check", "--defs", spec_, "--element", "GMSFHM",
                               "11010519491231002x", "110105194912310021"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, IsEmpty());
  const std::vector<std::string> lines = run.Lines();
  ASSERT_THAT(lines, SizeIs(2)) << run.out;

  const v1::ValueResult first = ParseValueResult(lines[0]);
  EXPECT_EQ(first.value(), "11010519491231002x");
  EXPECT_TRUE(first.valid());
  EXPECT_EQ(first.normalized(), "11010519491231002X");
  EXPECT_THAT(first.issues(), IsEmpty());
  // Field names as the SPEC writes them, and `valid` even when false.
  EXPECT_THAT(lines[0],
              AllOf(HasSubstr("\"value\""), HasSubstr("\"valid\""),
                    HasSubstr("\"normalized\""), HasSubstr("\"issues\"")));

  const v1::ValueResult second = ParseValueResult(lines[1]);
  EXPECT_EQ(second.value(), "110105194912310021");
  EXPECT_FALSE(second.valid());
  ASSERT_EQ(second.issues_size(), 1) << lines[1];
  EXPECT_EQ(second.issues(0).code(), v1::CHECKSUM_MISMATCH);
  EXPECT_EQ(second.issues(0).severity(), v1::ERROR);
  EXPECT_FALSE(second.issues(0).message().empty());
  EXPECT_FALSE(second.issues(0).message_zh().empty());
  EXPECT_THAT(lines[1], AllOf(HasSubstr("\"valid\":false"),
                              HasSubstr("\"CHECKSUM_MISMATCH\""),
                              HasSubstr("\"message_zh\"")));
  // GMSFHM is L3: the issue masks the value.
  EXPECT_EQ(second.issues(0).original_value(), "110*************21");
}

TEST_F(CliTest, CheckMapsNamesThroughTheCodeList) {
  const Outcome run =
      Shuyuan({"check", "--defs", spec_, "--element", "XBDM", "男", "3"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines = run.Lines();
  ASSERT_THAT(lines, SizeIs(2)) << run.out;
  const v1::ValueResult male = ParseValueResult(lines[0]);
  EXPECT_TRUE(male.valid());
  EXPECT_EQ(male.normalized(), "1");
  const v1::ValueResult three = ParseValueResult(lines[1]);
  EXPECT_FALSE(three.valid());
  ASSERT_EQ(three.issues_size(), 1);
  EXPECT_EQ(three.issues(0).code(), v1::CODE_NOT_IN_LIST);
}

TEST_F(CliTest, CheckAsOf) {
  const Outcome in_2020 =
      Shuyuan({"check", "--defs", cli_defs_, "--element", "XZQHDM", "--as-of",
               "2020-06-01", "330103"});
  EXPECT_EQ(in_2020.exit_code, 0) << in_2020.err;
  ASSERT_THAT(in_2020.Lines(), SizeIs(1));
  EXPECT_TRUE(ParseValueResult(in_2020.Lines()[0]).valid()) << in_2020.out;

  const Outcome in_2022 =
      Shuyuan({"check", "--defs", cli_defs_, "--element", "XZQHDM",
               "--as-of=2022-06-01", "330103", "东郊区"});
  EXPECT_EQ(in_2022.exit_code, 0) << in_2022.err;
  ASSERT_THAT(in_2022.Lines(), SizeIs(2));
  const v1::ValueResult abolished = ParseValueResult(in_2022.Lines()[0]);
  EXPECT_FALSE(abolished.valid());
  ASSERT_EQ(abolished.issues_size(), 1);
  EXPECT_EQ(abolished.issues(0).code(), v1::CODE_NOT_EFFECTIVE);
  EXPECT_THAT(abolished.issues(0).message(), HasSubstr("2022-06-01"));
  // The old name of 120110 maps to the code, which is in force.
  const v1::ValueResult renamed = ParseValueResult(in_2022.Lines()[1]);
  EXPECT_TRUE(renamed.valid()) << in_2022.Lines()[1];
  EXPECT_EQ(renamed.normalized(), "120110");

  const Outcome bad_date =
      Shuyuan({"check", "--defs", cli_defs_, "--element", "XZQHDM", "--as-of",
               "2022-13-01", "330103"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_THAT(bad_date.err, HasSubstr("2022-13-01"));
  EXPECT_THAT(bad_date.out, IsEmpty());
}

TEST_F(CliTest, DefsDirectory) {
  // A directory of several files, copied to a fresh place.
  fs::copy_file(spec_, dir_ / "spec_example.yaml");
  fs::create_directories(dir_ / "more");
  fs::copy_file(fs::path(cli_defs_) / "divisions.yaml",
                dir_ / "more" / "divisions.yaml");
  const Outcome run =
      Shuyuan({"check", "--defs", dir_.string(), "--element", "TYSHXYDM",
               " 91110000600037341l", "91110000600037341N"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(2)) << run.out;
  const v1::ValueResult good = ParseValueResult(run.Lines()[0]);
  EXPECT_TRUE(good.valid());
  EXPECT_EQ(good.normalized(), "91110000600037341L");
  const v1::ValueResult bad = ParseValueResult(run.Lines()[1]);
  EXPECT_FALSE(bad.valid());
  ASSERT_EQ(bad.issues_size(), 1);
  EXPECT_EQ(bad.issues(0).code(), v1::CHECKSUM_MISMATCH);
}

TEST_F(CliTest, DecodeCitizenId) {
  const Outcome run = Shuyuan(
      {"decode", "--defs", spec_, "--element", "GMSFHM", "11010519491231002X"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(1)) << run.out;
  const google::protobuf::Struct line = ParseStruct(run.Lines()[0]);
  EXPECT_EQ(Field(line, "value"), "11010519491231002X");
  EXPECT_TRUE(line.fields().at("valid").bool_value());
  ASSERT_TRUE(line.fields().contains("parts")) << run.out;
  const google::protobuf::Struct& parts =
      line.fields().at("parts").struct_value();
  EXPECT_EQ(Field(parts, "address_code"), "110105");
  EXPECT_EQ(Field(parts, "birth_date"), "19491231");
  EXPECT_EQ(Field(parts, "sequence"), "002");
  EXPECT_EQ(Field(parts, "sex"), "2");
  EXPECT_EQ(Field(parts, "check"), "X");
}

TEST_F(CliTest, DecodeNormalisesFirstAndReportsBadCheck) {
  const Outcome run = Shuyuan({"decode", "--defs", spec_, "--element", "GMSFHM",
                               "11010519491231002x", "110105194912310021"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(2)) << run.out;
  const google::protobuf::Struct lower = ParseStruct(run.Lines()[0]);
  EXPECT_EQ(Field(lower, "normalized"), "11010519491231002X");
  EXPECT_TRUE(lower.fields().at("valid").bool_value());
  // A wrong check character still decodes, with the reason.
  const google::protobuf::Struct wrong = ParseStruct(run.Lines()[1]);
  EXPECT_FALSE(wrong.fields().at("valid").bool_value());
  EXPECT_EQ(Field(wrong, "issue"), "CHECKSUM_MISMATCH");
  ASSERT_TRUE(wrong.fields().contains("parts"));
  EXPECT_EQ(Field(wrong.fields().at("parts").struct_value(), "sex"), "2");
}

// The shipped catalog: GMSFHM checks and names its address code against the
// county-level GB/T 2260 history.
TEST_F(CliTest, DecodeNamesTheDivisionAsOfTheBirthDate) {
  const Outcome run = Shuyuan(
      {"decode", "--defs", SHUYUAN_SOURCE_DIR "/catalog", "--element", "GMSFHM",
       "120110198012010073", "120110199212010072", "110111198012010078"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(3)) << run.out;
  const google::protobuf::Struct in_1980 = ParseStruct(run.Lines()[0]);
  EXPECT_TRUE(in_1980.fields().at("valid").bool_value());
  EXPECT_EQ(Field(in_1980.fields().at("parts").struct_value(), "address_name"),
            "东郊区");
  const google::protobuf::Struct in_1992 = ParseStruct(run.Lines()[1]);
  EXPECT_EQ(Field(in_1992.fields().at("parts").struct_value(), "address_name"),
            "东丽区");
  // 房山区 came into force in 1986.
  const google::protobuf::Struct early = ParseStruct(run.Lines()[2]);
  EXPECT_FALSE(early.fields().at("valid").bool_value());
  EXPECT_EQ(Field(early, "issue"), "CODE_NOT_EFFECTIVE");
  EXPECT_EQ(Field(early.fields().at("parts").struct_value(), "address_name"),
            "房山区");
}

TEST_F(CliTest, DecodeNeedsAStructuredCode) {
  const Outcome run =
      Shuyuan({"decode", "--defs", spec_, "--element", "XBDM", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("XBDM"), HasSubstr("structured code")));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, EncodeComputesTheCheckCharacter) {
  const Outcome run = Shuyuan({"encode", "--defs", spec_, "--element", "GMSFHM",
                               "11010519491231002", "4405241880010100"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(2)) << run.out;
  const google::protobuf::Struct id = ParseStruct(run.Lines()[0]);
  EXPECT_EQ(Field(id, "body"), "11010519491231002");
  EXPECT_EQ(Field(id, "code"), "11010519491231002X");
  // A body of the wrong length is an error for that value only.
  const google::protobuf::Struct short_body = ParseStruct(run.Lines()[1]);
  EXPECT_EQ(Field(short_body, "code"), "<missing>");
  EXPECT_NE(Field(short_body, "error"), "<missing>");

  const Outcome uscc = Shuyuan({"encode", "--defs", cli_defs_, "--element",
                                "TYSHXYDM", "91110000600037341"});
  EXPECT_EQ(uscc.exit_code, 0) << uscc.err;
  ASSERT_THAT(uscc.Lines(), SizeIs(1));
  EXPECT_EQ(Field(ParseStruct(uscc.Lines()[0]), "code"), "91110000600037341L");
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  const Outcome none = Shuyuan({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("usage: shuyuan"));

  const Outcome unknown = Shuyuan({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown command 'frobnicate'"));

  const Outcome no_defs = Shuyuan({"check", "--element", "GMSFHM", "1"});
  EXPECT_EQ(no_defs.exit_code, 2);
  EXPECT_THAT(no_defs.err, HasSubstr("--defs"));

  const Outcome no_values =
      Shuyuan({"check", "--defs", spec_, "--element", "GMSFHM"});
  EXPECT_EQ(no_values.exit_code, 2);
  EXPECT_THAT(no_values.err, HasSubstr("value"));

  const Outcome bad_flag =
      Shuyuan({"check", "--defs", spec_, "--element", "GMSFHM", "--frob", "1"});
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_THAT(bad_flag.err, HasSubstr("--frob"));

  const Outcome dangling = Shuyuan({"check", "--defs"});
  EXPECT_EQ(dangling.exit_code, 2);
  EXPECT_THAT(dangling.err, HasSubstr("--defs needs a value"));

  // encode takes no reference date.
  const Outcome encode_as_of =
      Shuyuan({"encode", "--defs", spec_, "--element", "GMSFHM", "--as-of",
               "2020-01-01", "11010519491231002"});
  EXPECT_EQ(encode_as_of.exit_code, 2);
  EXPECT_THAT(encode_as_of.err, HasSubstr("--as-of"));

  for (const Outcome* run :
       {&none, &unknown, &no_defs, &no_values, &bad_flag}) {
    EXPECT_THAT(run->out, IsEmpty());
  }

  const Outcome help = Shuyuan({"help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("check"));
}

TEST_F(CliTest, ValuesAfterDoubleDash) {
  const Outcome run =
      Shuyuan({"check", "--defs", spec_, "--element", "XBDM", "--", "--", "1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(2)) << run.out;
  EXPECT_EQ(ParseValueResult(run.Lines()[0]).value(), "--");
  EXPECT_FALSE(ParseValueResult(run.Lines()[0]).valid());
  EXPECT_TRUE(ParseValueResult(run.Lines()[1]).valid());
}

TEST_F(CliTest, UnknownFieldInADefinitionFile) {
  const std::string bad = absl::StrCat(kTestdata, "/cli/bad");
  const Outcome run =
      Shuyuan({"check", "--defs", bad, "--element", "XBDM", "1"});
  EXPECT_EQ(run.exit_code, 2);
  // file:line of the misspelt key, and the field.
  EXPECT_THAT(run.err,
              AllOf(HasSubstr("unknown_field.yaml:7"), HasSubstr("formatt")));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, UnknownElement) {
  const Outcome run =
      Shuyuan({"check", "--defs", spec_, "--element", "NOPE", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("'NOPE'"), HasSubstr(spec_)));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, MissingDefsPath) {
  const std::string missing = (dir_ / "no_such_dir").string();
  const Outcome run =
      Shuyuan({"check", "--defs", missing, "--element", "XBDM", "1"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr(missing));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, ElementThatDoesNotCompileNamesItsFileAndLine) {
  std::ofstream(dir_ / "broken.yaml") << R"(# line 1
data_element:
  id: BAD
  name_zh: 坏
  data_type: DATE
  format: n8
)";
  const Outcome run = Shuyuan(
      {"check", "--defs", dir_.string(), "--element", "BAD", "20200101"});
  EXPECT_EQ(run.exit_code, 2);
  // The line of the field at fault (format), not just of the document.
  EXPECT_THAT(run.err, AllOf(HasSubstr("broken.yaml:6:"), HasSubstr("DATE"),
                             HasSubstr("n8")));
}

TEST_F(CliTest, CompileErrorsPointAtTheFieldInItsOwnFile) {
  std::ofstream(dir_ / "list.yaml") << R"(code_list:
  id: L
  entries:
    - {code: "1", name_zh: 一}
    - {code: "1", name_zh: 壹, valid_from: "2001-01-01"}
)";
  std::ofstream(dir_ / "elements.yaml") << R"(data_element:
  id: USES_L
  data_type: STRING
  format: n1
  value_domain: {code_list: L}
---
data_element:
  id: BAD_STEP
  data_type: DATE
  format: YYYYMMDD
  normalize:
    - trim: {}
    - date:
        inputs: ["YYYY-Q"]
)";
  // The element is fine; its code list's second entry is not.
  Outcome run =
      Shuyuan({"check", "--defs", dir_.string(), "--element", "USES_L", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("list.yaml:5:"), HasSubstr("entries[1]"),
                             HasSubstr("overlap")));
  // Every definition compiles, so the list is fixed before the next one.
  std::ofstream(dir_ / "list.yaml") << R"(code_list:
  id: L
  entries:
    - {code: "1", name_zh: 一}
)";
  run =
      Shuyuan({"check", "--defs", dir_.string(), "--element", "BAD_STEP", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("elements.yaml:13:"),
                             HasSubstr("normalize[1]"), HasSubstr("'Q'")));
}

// An element whose structure is a coding rule (SPEC §2.12): the catalog's
// example GGSJMLBM over ZJ_CATALOG_CODE.
TEST_F(CliTest, CodingRuleElementsCheckDecodeAndEncode) {
  const std::string catalog = absl::StrCat(SHUYUAN_SOURCE_DIR, "/catalog");
  Outcome run = Shuyuan({"check", "--defs", catalog, "--element", "GGSJMLBM",
                         "--as-of", "2024-06-01", "3300000011202106080001f",
                         "3300000011202102300001F"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(2)) << run.out;
  EXPECT_TRUE(ParseValueResult(run.Lines()[0]).valid());
  const v1::ValueResult bad = ParseValueResult(run.Lines()[1]);
  ASSERT_EQ(bad.issues_size(), 1);
  EXPECT_EQ(bad.issues(0).code(), v1::INVALID_DATE);
  EXPECT_EQ(bad.issues(0).rule(),
            "coding_rule ZJ_CATALOG_CODE segment opened_on");

  run = Shuyuan({"decode", "--defs", catalog, "--element", "GGSJMLBM",
                 "3300000011202106080002F"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(1)) << run.out;
  const google::protobuf::Struct line = ParseStruct(run.Lines()[0]);
  EXPECT_FALSE(line.fields().at("valid").bool_value());
  EXPECT_EQ(Field(line, "issue"), "CHECKSUM_MISMATCH");
  EXPECT_THAT(Field(line, "message"), HasSubstr("segment check"));
  const google::protobuf::Struct& parts =
      line.fields().at("parts").struct_value();
  EXPECT_EQ(Field(parts, "opened_on"), "20210608");
  EXPECT_EQ(Field(parts, "sequence_parity"), "2");

  run = Shuyuan({"encode", "--defs", catalog, "--element", "GGSJMLBM",
                 "3300000011202106080002"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(1)) << run.out;
  EXPECT_EQ(Field(ParseStruct(run.Lines()[0]), "code"),
            "3300000011202106080002D");
}

TEST_F(CliTest, CodingRuleErrorsPointAtTheSegmentInItsOwnFile) {
  std::ofstream(dir_ / "rule.yaml") << R"(coding_rule:
  id: R
  segments:
    - {name: body, length: 4, charset: "0-9"}
    - name: check
      check:
        algorithm: WEIGHTED
        weighted: {alphabet: "0123456789", weights: [1, 2, 3],
                   modulus: 11, check_chars: "0123456789X"}
)";
  std::ofstream(dir_ / "element.yaml") << R"(data_element:
  id: USES_R
  data_type: STRING
  format: c5
  value_domain: {coding_rule: R}
)";
  const Outcome run =
      Shuyuan({"check", "--defs", dir_.string(), "--element", "USES_R", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err,
              AllOf(HasSubstr("rule.yaml:8:"), HasSubstr("segments[1]"),
                    HasSubstr("3 weights for 4 checked characters")));
}

TEST_F(CliTest, HelpOnEveryCommand) {
  for (const std::string command : {"check", "decode", "encode", "normalize"}) {
    for (const std::string flag : {"--help", "-h"}) {
      const Outcome run = Shuyuan({command, flag});
      EXPECT_EQ(run.exit_code, 0) << command << " " << flag << ": " << run.err;
      EXPECT_THAT(run.out, HasSubstr("usage: shuyuan " + command));
      EXPECT_THAT(run.out, HasSubstr("--defs DIR|BUNDLE"));
      EXPECT_THAT(run.err, IsEmpty());
    }
  }
  // Help wins over missing or bad flags.
  const Outcome partial = Shuyuan({"check", "--element", "X", "--help"});
  EXPECT_EQ(partial.exit_code, 0);
  EXPECT_THAT(Shuyuan({"check", "--help"}).out,
              HasSubstr("[--as-of YYYY-MM-DD]"));
  EXPECT_THAT(Shuyuan({"encode", "--help"}).out,
              ::testing::Not(HasSubstr("--as-of")));
  EXPECT_THAT(Shuyuan({"normalize", "--help"}).out,
              HasSubstr("--max-row-bytes N"));
}

TEST_F(CliTest, AsOfTakesExactlyYyyyMmDdEverywhere) {
  for (const std::string command : {"check", "decode"}) {
    for (const std::string bad : {"20230101", "", "2023-1-1", "2023-02-30"}) {
      const Outcome run =
          Shuyuan({command, "--defs", spec_, "--element", "GMSFHM", "--as-of",
                   bad, "11010519491231002X"});
      EXPECT_EQ(run.exit_code, 2) << command << " --as-of '" << bad << "'";
      EXPECT_THAT(run.err, HasSubstr("--as-of '" + bad + "'"));
      EXPECT_THAT(run.out, IsEmpty());
    }
    const Outcome good =
        Shuyuan({command, "--defs", spec_, "--element", "GMSFHM",
                 "--as-of=2023-01-01", "11010519491231002X"});
    EXPECT_EQ(good.exit_code, 0) << good.err;
  }
  const Outcome normalize =
      Shuyuan({"normalize", "--defs", spec_, "--schema", "NATURAL_PERSON_BASIC",
               "--in", "in.csv", "--out", "o", "--rejects", "r", "--report",
               "p", "--as-of", "20230101"});
  EXPECT_EQ(normalize.exit_code, 2);
  EXPECT_THAT(normalize.err, HasSubstr("--as-of '20230101'"));
}

TEST_F(CliTest, EveryDefinitionUnderDefsIsCompiled) {
  fs::copy_file(spec_, dir_ / "spec_example.yaml");
  // A broken element that XBDM does not use.
  std::ofstream(dir_ / "unused.yaml") << R"(# line 1
data_element:
  id: UNUSED
  name_zh: 坏
  data_type: DATE
  format: n8
)";
  const Outcome run =
      Shuyuan({"check", "--defs", dir_.string(), "--element", "XBDM", "1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("unused.yaml:6:"), HasSubstr("n8")));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, CharsetViolationOffsetsCountCharacters) {
  const Outcome run = Shuyuan({"check", "--defs", SHUYUAN_SOURCE_DIR "/catalog",
                               "--element", "XM", "张三1"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  ASSERT_THAT(run.Lines(), SizeIs(1));
  const v1::ValueResult result = ParseValueResult(run.Lines()[0]);
  ASSERT_EQ(result.issues_size(), 1) << run.out;
  EXPECT_EQ(result.issues(0).code(), v1::CHARSET_VIOLATION);
  EXPECT_THAT(result.issues(0).message(), HasSubstr("'1' at offset 2 "));
  EXPECT_THAT(result.issues(0).message_zh(), HasSubstr("第 3 个字符"));
}

}  // namespace
}  // namespace shuyuan
