// The catalog's generated code lists are never edited by hand; a test
// regenerates each and checks that the checked-in file is identical
// (skipping, with the reason, when its source is absent):
// - catalog/code_lists/GB_T_2260.yaml: scripts/generate_gb2260_list.sh runs
//   the project's converter, scripts/codelist_tsv_to_yaml.py, over the
//   shared 1981-2024 history (SHUYUAN_SHARED_DATA_DIR/gb2260/history.tsv,
//   CC0);
// - catalog/code_lists/GB_T_2659_1.yaml: scripts/iso3166_to_yaml.py reads
//   Debian's iso-codes package.
// It also checks the converter's year-span mode and refusals on small files.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/run_binary.h"

namespace shuyuan {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using tests_testing::ReadFile;
using tests_testing::RunBinary;
using tests_testing::RunOutcome;

constexpr char kPython[] = "/usr/bin/python3";
constexpr char kBash[] = "/bin/bash";
constexpr char kConverter[] =
    SHUYUAN_SOURCE_DIR "/scripts/codelist_tsv_to_yaml.py";
constexpr char kGenerator[] =
    SHUYUAN_SOURCE_DIR "/scripts/generate_gb2260_list.sh";
constexpr char kCountries[] = SHUYUAN_SOURCE_DIR "/scripts/iso3166_to_yaml.py";
constexpr char kIsoCodes[] = "/usr/share/iso-codes/json/iso_3166-1.json";

// "" when `generated` is the content of `checked_in`; otherwise the first
// line that differs, both ways, and how to regenerate the file.
std::string Difference(const std::string& generated,
                       const std::string& checked_in,
                       const std::string& regenerate) {
  const std::string have = ReadFile(checked_in);
  if (generated == have) return "";
  const std::vector<std::string> want_lines = absl::StrSplit(generated, '\n');
  const std::vector<std::string> have_lines = absl::StrSplit(have, '\n');
  size_t line = 0;
  while (line < want_lines.size() && line < have_lines.size() &&
         want_lines[line] == have_lines[line]) {
    ++line;
  }
  return absl::StrCat(
      checked_in, " differs from the generator's output at line ", line + 1,
      ":\n  checked in: ",
      line < have_lines.size() ? have_lines[line] : "(end of file)",
      "\n  generated:  ",
      line < want_lines.size() ? want_lines[line] : "(end of file)",
      "\nRegenerate it with: ", regenerate);
}

class GeneratedListsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("generated_lists_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  RunOutcome Convert(std::vector<std::string> args) {
    args.insert(args.begin(), kConverter);
    return RunBinary(kPython, args, dir_);
  }

  fs::path dir_;
};

TEST_F(GeneratedListsTest, CheckedInCountyListIsTheConvertersOutput) {
  const fs::path shared = SHUYUAN_SHARED_DATA_DIR;
  if (!fs::exists(shared / "gb2260" / "history.tsv")) {
    GTEST_SKIP() << "no " << (shared / "gb2260" / "history.tsv")
                 << " (the shared GB/T 2260 data): cannot regenerate "
                    "catalog/code_lists/GB_T_2260.yaml";
  }
  const RunOutcome run = RunBinary(kBash, {kGenerator, shared.string()}, dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Difference(run.out,
                       SHUYUAN_SOURCE_DIR "/catalog/code_lists/GB_T_2260.yaml",
                       "make catalog-gb2260"),
            "");
}

TEST_F(GeneratedListsTest, CheckedInCountryListIsTheGeneratorsOutput) {
  if (!fs::exists(kIsoCodes)) {
    GTEST_SKIP() << "no " << kIsoCodes << " (Debian's iso-codes package): "
                 << "cannot regenerate catalog/code_lists/GB_T_2659_1.yaml";
  }
  const RunOutcome run = RunBinary(kPython, {kCountries}, dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(
      Difference(run.out,
                 SHUYUAN_SOURCE_DIR "/catalog/code_lists/GB_T_2659_1.yaml",
                 "make catalog-gb2659"),
      "");
  EXPECT_THAT(run.out, HasSubstr("{code: \"CHN\", name_zh: \"中国\", "
                                 "name_en: \"China\", aliases: [\"156\", "
                                 "\"CN\", \"中华人民共和国\"]}"));
}

TEST_F(GeneratedListsTest, YearSpansBecomeEffectiveDates) {
  const std::string tsv = Write("history.tsv",
                                "code\tname\tfirst_year\tlast_year\n"
                                "110000\t北京市\t1981\t2024\n"
                                "120110\t东郊区\t1981\t1991\n"
                                "120110\t东丽区\t1992\t2024\n"
                                "330103\t下城区\t1983\t2020\n");
  const std::string overlay = Write("overlay.tsv",
                                    "code\tname_zh\tname_en\taliases\n"
                                    "110000\t北京市\tBeijing\t北京;京\n");
  const RunOutcome run =
      Convert({"--id", "L", "--name-zh", "名", "--oldest-from", "1980-01-01",
               "--overlay", overlay, "--comment", "from a test", tsv});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("# from a test\n"));
  // The oldest year starts on --oldest-from; the newest year stays open.
  EXPECT_THAT(run.out,
              HasSubstr("- {code: \"110000\", name_zh: \"北京市\", name_en: "
                        "\"Beijing\", valid_from: \"1980-01-01\", aliases: "
                        "[\"北京\", \"京\"]}\n"));
  EXPECT_THAT(run.out, HasSubstr("- {code: \"120110\", name_zh: \"东郊区\", "
                                 "valid_from: \"1980-01-01\", valid_to: "
                                 "\"1991-12-31\"}\n"));
  EXPECT_THAT(run.out, HasSubstr("- {code: \"120110\", name_zh: \"东丽区\", "
                                 "valid_from: \"1992-01-01\"}\n"));
  EXPECT_THAT(run.out, HasSubstr("- {code: \"330103\", name_zh: \"下城区\", "
                                 "valid_from: \"1983-01-01\", valid_to: "
                                 "\"2020-12-31\"}\n"));
}

TEST_F(GeneratedListsTest, ConverterRefusesWhatItCannotConvertFaithfully) {
  const std::string spans = Write("spans.tsv",
                                  "code\tname\tfirst_year\tlast_year\n"
                                  "110000\t北京市\t1981\t2024\n"
                                  "110111\t房山区\t86\t2024\n");
  RunOutcome run = Convert({"--id", "L", "--name-zh", "名", spans});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("spans.tsv:3: column 'first_year' is '86'"));
  EXPECT_TRUE(run.out.empty()) << "nothing is written after an error";

  const std::string good = Write("good.tsv",
                                 "code\tname\tfirst_year\tlast_year\n"
                                 "110000\t北京市\t1981\t2024\n");
  const std::string overlay = Write("overlay.tsv",
                                    "code\tname_zh\tname_en\n"
                                    "110000\t北京\tBeijing\n");
  run = Convert({"--id", "L", "--name-zh", "名", "--overlay", overlay, good});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("overlay.tsv:2: 0 entries have code "
                                 "'110000' and name '北京'"));

  run = Convert(
      {"--id", "L", "--name-zh", "名", "--oldest-from", "1982-01-01", good});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("after the oldest year 1981"));

  const std::string mixed = Write("mixed.tsv",
                                  "code\tname_zh\tfirst_year\tlast_year\n"
                                  "110000\t北京市\t1981\t2024\n");
  run = Convert({"--id", "L", "--name-zh", "名", mixed});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("cannot be combined with first_year"));
}

}  // namespace
}  // namespace shuyuan
