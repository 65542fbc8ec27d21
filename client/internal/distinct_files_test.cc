#include "client/internal/distinct_files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::client_internal {
namespace {

namespace fs = std::filesystem;
using ::shuyuan::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

class DistinctFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat("distinct_files_test_", getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
    std::ofstream(dir_ / "in.csv") << "a\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  absl::Status Check(const std::string& in, const std::string& out,
                     const std::string& rejects = "-") {
    return CheckDistinctFiles({{"--in", in, false},
                               {"--out", out, true},
                               {"--rejects", rejects, true}});
  }
  std::string P(const std::string& relative) const {
    return (dir_ / relative).string();
  }

  fs::path dir_;
};

TEST_F(DistinctFilesTest, TheInputWrittenAnyWay) {
  fs::create_symlink(P("in.csv"), P("link.csv"));
  fs::create_hard_link(P("in.csv"), P("hard.csv"));
  for (const std::string& out :
       {P("in.csv"), P("./in.csv"), P("sub/../in.csv"), P("link.csv"),
        P("hard.csv"), P("sub/./../in.csv")}) {
    EXPECT_THAT(Check(P("in.csv"), out),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("--out and --in name the same file"),
                               HasSubstr(out))));
  }
  SHUYUAN_EXPECT_OK(Check(P("in.csv"), P("sub/in.csv")));
}

TEST_F(DistinctFilesTest, TwoOutputsThatDoNotExistYet) {
  EXPECT_THAT(Check(P("in.csv"), P("c.csv"), P("sub/../c.csv")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--rejects and --out name the same file")));
  // A dangling link to a file yet to be created is that file.
  fs::create_symlink(P("sub/new.csv"), P("dangling.csv"));
  EXPECT_THAT(Check(P("in.csv"), P("dangling.csv"), P("sub/new.csv")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  SHUYUAN_EXPECT_OK(Check(P("in.csv"), P("c.csv"), P("d.csv")));
}

TEST_F(DistinctFilesTest, StandardStreamsAndDevices) {
  EXPECT_THAT(Check("-", "-", "-"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("both write to standard output")));
  SHUYUAN_EXPECT_OK(Check("-", "-", P("r.jsonl")));
  SHUYUAN_EXPECT_OK(Check(P("in.csv"), "/dev/null", "/dev/null"));
  // Files that are only read may coincide.
  SHUYUAN_EXPECT_OK(CheckDistinctFiles(
      {{"--in", P("in.csv"), false}, {"--mapping", P("in.csv"), false}}));
}

}  // namespace
}  // namespace shuyuan::client_internal
