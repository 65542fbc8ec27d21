// scripts/codelist_tsv_to_yaml.py, as catalog/README.md documents it: with
// -o it writes its output atomically, so a conversion that fails leaves the
// target as it was (a shell redirect would have emptied it), and one that
// succeeds gives a definition file that loads.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "codec/definition_set.h"
#include "gtest/gtest.h"
#include "tests/testing/run_binary.h"

namespace shuyuan {
namespace {

namespace fs = std::filesystem;
using tests_testing::ReadFile;

class CodelistScriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat("codelist_script_test_", getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the script; returns its exit status.
  int Convert(const std::string& tsv, const std::string& output) {
    tests_testing::RunOutcome run = tests_testing::RunBinary(
        "/usr/bin/python3",
        {SHUYUAN_SOURCE_DIR "/scripts/codelist_tsv_to_yaml.py", "--id", "L",
         "--name-zh", "测试", "-o", output, tsv},
        dir_);
    err_ = run.err;
    return run.exit_code;
  }

  fs::path dir_;
  std::string err_;
};

TEST_F(CodelistScriptTest, AFailedConversionLeavesTheTargetAsItWas) {
  const fs::path target = dir_ / "L.yaml";
  std::ofstream(target) << "code_list: {id: L, name_zh: 旧}\n";
  std::ofstream(dir_ / "bad.tsv") << "code\tname_zh\n1\t一\n\t二\n";
  EXPECT_EQ(Convert((dir_ / "bad.tsv").string(), target.string()), 2);
  EXPECT_NE(err_.find("bad.tsv:3: column 'code' is empty"), std::string::npos)
      << err_;
  EXPECT_EQ(ReadFile(target), "code_list: {id: L, name_zh: 旧}\n");
  EXPECT_EQ(
      std::distance(fs::directory_iterator(dir_), fs::directory_iterator()),
      4);  // L.yaml, bad.tsv, stdout, stderr: no temporary file
}

TEST_F(CodelistScriptTest, ASuccessfulConversionReplacesTheTarget) {
  const fs::path target = dir_ / "defs" / "L.yaml";
  fs::create_directories(target.parent_path());
  std::ofstream(target) << "old";
  std::ofstream(dir_ / "good.tsv") << "code\tname_zh\tvalid_from\n"
                                      "01\t一\t2001-01-01\n02\t二\t\n";
  ASSERT_EQ(Convert((dir_ / "good.tsv").string(), target.string()), 0) << err_;
  absl::StatusOr<codec::DefinitionSet> defs =
      codec::DefinitionSet::Load(target.parent_path().string());
  ASSERT_TRUE(defs.ok()) << defs.status();
  ASSERT_NE(defs->FindCodeList("L"), nullptr);
  EXPECT_EQ(defs->FindCodeList("L")->entries_size(), 2);
  EXPECT_EQ(defs->FindCodeList("L")->entries(0).code(), "01");
}

}  // namespace
}  // namespace shuyuan
