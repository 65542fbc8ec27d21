#include "client/internal/output_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace shuyuan::client_internal {
namespace {

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat(
               "output_file_test_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name(),
               "_", getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  size_t Entries() const {
    return std::distance(fs::directory_iterator(dir_),
                         fs::directory_iterator());
  }

  fs::path dir_;
};

TEST_F(OutputFileTest, AppearsOnlyAfterCommit) {
  const std::string path = (dir_ / "out.csv").string();
  {
    absl::StatusOr<std::unique_ptr<OutputFile>> file = OutputFile::Create(path);
    ASSERT_TRUE(file.ok()) << file.status();
    ASSERT_TRUE((*file)->Write("a,b\n").ok());
    ASSERT_TRUE((*file)->Write("1,2\n").ok());
    EXPECT_FALSE(fs::exists(path));
    EXPECT_EQ(Entries(), 1u);  // the temporary file
    EXPECT_EQ((*file)->bytes_written(), 8u);
    ASSERT_TRUE((*file)->Commit().ok());
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "a,b\n1,2\n");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(OutputFileTest, UncommittedFileLeavesNothing) {
  const std::string path = (dir_ / "out.csv").string();
  {
    absl::StatusOr<std::unique_ptr<OutputFile>> file = OutputFile::Create(path);
    ASSERT_TRUE(file.ok()) << file.status();
    ASSERT_TRUE((*file)->Write("partial").ok());
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(Entries(), 0u);
}

TEST_F(OutputFileTest, MissingDirectoryIsNotFoundNamingThePath) {
  const std::string path = (dir_ / "no" / "out.csv").string();
  absl::StatusOr<std::unique_ptr<OutputFile>> file = OutputFile::Create(path);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(file.status().message().find(path), absl::string_view::npos);
}

}  // namespace
}  // namespace shuyuan::client_internal
