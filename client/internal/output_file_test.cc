#include "client/internal/output_file.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "client/internal/interrupt_cleanup.h"
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

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(OutputFileTest, AppearsOnlyAfterCommit) {
  const std::string path = (dir_ / "out.csv").string();
  for (const bool unnamed : {true, false}) {
    SCOPED_TRACE(unnamed ? "unnamed" : "named");
    fs::remove(path);
    absl::StatusOr<std::unique_ptr<OutputFile>> file =
        OutputFile::Create(path, {.unnamed = unnamed});
    ASSERT_TRUE(file.ok()) << file.status();
    ASSERT_TRUE((*file)->Write("a,b\n").ok());
    ASSERT_TRUE((*file)->Write("1,2\n").ok());
    EXPECT_FALSE(fs::exists(path));
    // An unnamed file has no name at all until it is committed; the named
    // fallback has its temporary name.
    EXPECT_EQ(Entries(), (*file)->unnamed() ? 0u : 1u);
    if (!unnamed) EXPECT_FALSE((*file)->unnamed());
    EXPECT_EQ((*file)->bytes_written(), 8u);
    ASSERT_TRUE(CommitOutputs({file->get()}).ok());
    EXPECT_EQ(Read(path), "a,b\n1,2\n");
    EXPECT_EQ(Entries(), 1u);
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::owner_write,
              fs::perms::owner_write);
  }
}

TEST_F(OutputFileTest, UncommittedFileLeavesNothing) {
  const std::string path = (dir_ / "out.csv").string();
  for (const bool unnamed : {true, false}) {
    absl::StatusOr<std::unique_ptr<OutputFile>> file =
        OutputFile::Create(path, {.unnamed = unnamed});
    ASSERT_TRUE(file.ok()) << file.status();
    ASSERT_TRUE((*file)->Write("partial").ok());
    file->reset();
    EXPECT_FALSE(fs::exists(path));
    EXPECT_EQ(Entries(), 0u);
  }
}

TEST_F(OutputFileTest, CommitReplacesAnOldFile) {
  const std::string path = (dir_ / "out.csv").string();
  std::ofstream(path) << "old";
  absl::StatusOr<std::unique_ptr<OutputFile>> file = OutputFile::Create(path);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Write("new").ok());
  EXPECT_EQ(Read(path), "old");
  ASSERT_TRUE(CommitOutputs({file->get(), nullptr}).ok());
  EXPECT_EQ(Read(path), "new");
  EXPECT_EQ(Entries(), 1u);
  EXPECT_EQ(CommitOutputs({file->get()}).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(OutputFileTest, AFailedStageTouchesNoFinalName) {
  fs::create_directories(dir_ / "b");
  const std::string a = (dir_ / "a.csv").string();
  auto first = OutputFile::Create(a);
  auto second = OutputFile::Create((dir_ / "b" / "b.csv").string());
  ASSERT_TRUE(first.ok() && second.ok());
  if (!(*second)->unnamed()) GTEST_SKIP() << "no O_TMPFILE here";
  // The second file's folder goes away: it cannot be linked there, so the
  // first must not get its final name either.
  fs::remove(dir_ / "b");
  const absl::Status status = CommitOutputs({first->get(), second->get()});
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  first->reset();
  second->reset();
  EXPECT_FALSE(fs::exists(a));
  EXPECT_EQ(Entries(), 0u);
}

TEST_F(OutputFileTest, DevicesAreWrittenDirectly) {
  absl::StatusOr<std::unique_ptr<OutputFile>> file =
      OutputFile::Create("/dev/null");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE((*file)->Write("discarded").ok());
  ASSERT_TRUE(CommitOutputs({file->get()}).ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  EXPECT_EQ(OutputFile::Create(dir_.string()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A child process writes an output, then receives `signal_number` with the
// cleanup handler installed: it must die of that signal and leave nothing.
void InterruptChild(const fs::path& dir, bool unnamed, int signal_number) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ScopedInterruptCleanup cleanup("output_file_test");
    auto file =
        OutputFile::Create((dir / "out.csv").string(), {.unnamed = unnamed});
    if (!file.ok() || !(*file)->Write("partial").ok()) _exit(1);
    kill(getpid(), signal_number);
    _exit(2);  // not reached: the handler ends the process
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), signal_number);
}

TEST_F(OutputFileTest, AnInterruptLeavesNothing) {
  for (const bool unnamed : {true, false}) {
    for (const int signal_number : {SIGINT, SIGTERM}) {
      SCOPED_TRACE(
          absl::StrCat(unnamed ? "unnamed " : "named ", signal_number));
      InterruptChild(dir_, unnamed, signal_number);
      EXPECT_EQ(Entries(), 0u);
    }
  }
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
