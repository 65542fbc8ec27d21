// End-to-end runs of `shuyuan normalize` against what used to lose data
// silently (issue 6; SPEC §6): the real binary on real files in a fresh
// temporary directory per test. Paths that name one file, a stray quote in
// a long file, rows of 10 MB, Ctrl-C in the middle of a run, an empty
// input, a huge field in the reports, and where a compile error points.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "codec/sha256.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/run_binary.h"

namespace shuyuan {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using tests_testing::ReadFile;
using tests_testing::RunOutcome;

constexpr char kBinary[] = SHUYUAN_BINARY_DIR "/client/shuyuan";
constexpr char kCatalog[] = SHUYUAN_SOURCE_DIR "/catalog";
constexpr char kLegacy[] =
    SHUYUAN_SOURCE_DIR "/examples/legacy_legal_persons.csv";
constexpr char kHeader[] = "统一社会信用代码,机构名称,成立日期,经营状态\n";
constexpr char kGoodRow[] = "91330000MA27U9XH4A,某公司,2015-03-08,1\n";

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct result;
  const auto status =
      google::protobuf::util::JsonStringToMessage(text, &result);
  EXPECT_TRUE(status.ok()) << status.ToString() << " in "
                           << text.substr(0, 200);
  return result;
}

double Number(const google::protobuf::Struct& s, const std::string& key) {
  auto it = s.fields().find(key);
  EXPECT_NE(it, s.fields().end()) << "missing " << key;
  return it == s.fields().end() ? -1 : it->second.number_value();
}

class NormalizeSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kBinary)) << kBinary << " was not built";
    dir_ = fs::path(::testing::TempDir()) /
           absl::StrCat(
               "shuyuan_normalize_safety_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name(),
               "_", getpid());
    fs::remove_all(dir_);
    ASSERT_TRUE(fs::create_directories(dir_ / "out"));
    ASSERT_TRUE(fs::create_directories(dir_ / "run"));  // stdout, stderr
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // `shuyuan normalize ARGS` run in dir_, so relative paths are dir_'s.
  RunOutcome Normalize(const std::vector<std::string>& args,
                       const std::string& stdin_path = "/dev/null") {
    std::vector<std::string> words = {"normalize", "--defs", kCatalog,
                                      "--schema", "LEGAL_PERSON_BASIC"};
    words.insert(words.end(), args.begin(), args.end());
    return tests_testing::RunBinary(kBinary, words, dir_ / "run", stdin_path,
                                    dir_);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  // Every entry of `sub` with its size, to compare a folder before and after.
  std::map<std::string, uintmax_t> Listing(const std::string& sub) const {
    std::map<std::string, uintmax_t> entries;
    for (const auto& entry : fs::directory_iterator(dir_ / sub)) {
      entries[entry.path().filename().string()] =
          entry.is_regular_file() ? entry.file_size() : 0;
    }
    return entries;
  }

  fs::path dir_;
};

TEST_F(NormalizeSafetyTest, TheInputWrittenAnotherWayIsRefused) {
  Write("same.csv", absl::StrCat(kHeader, kGoodRow));
  fs::create_directories(dir_ / "sub");
  fs::create_symlink("same.csv", dir_ / "link.csv");
  const std::string sha = codec::Sha256Hex(ReadFile(dir_ / "same.csv"));
  const auto before = Listing(".");
  for (const std::string& out :
       {std::string("./same.csv"), (dir_ / "same.csv").string(),
        std::string("sub/../same.csv"), std::string("link.csv")}) {
    SCOPED_TRACE(out);
    const RunOutcome run =
        Normalize({"--in", "same.csv", "--out", out, "--rejects", "out/r.jsonl",
                   "--report", "out/report.json"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_THAT(run.err, AllOf(HasSubstr("--out and --in name the same file"),
                               HasSubstr(out)));
    EXPECT_EQ(codec::Sha256Hex(ReadFile(dir_ / "same.csv")), sha);
    EXPECT_EQ(Listing("."), before);
    EXPECT_THAT(Listing("out"), IsEmpty());
  }
}

TEST_F(NormalizeSafetyTest, TwoOutputsOnOneFileAreRefused) {
  Write("in.csv", absl::StrCat(kHeader, kGoodRow));
  const RunOutcome run =
      Normalize({"--in", "in.csv", "--out", "out/c.csv", "--rejects",
                 "./out/c.csv", "--report", "out/report.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--rejects and --out name the same file "
                                 "(./out/c.csv and out/c.csv)"));
  EXPECT_THAT(Listing("out"), IsEmpty());
  const RunOutcome both_stdout =
      Normalize({"--in", "in.csv", "--out", "-", "--rejects", "-", "--report",
                 "out/report.json"});
  EXPECT_EQ(both_stdout.exit_code, 2);
  EXPECT_THAT(both_stdout.err, HasSubstr("both write to standard output"));
}

TEST_F(NormalizeSafetyTest, AStrayQuoteCostsOneLineNotTheRestOfTheFile) {
  // 100,001 data rows; data row 2 (physical line 3) opens a quote that
  // nothing closes.
  std::string input = kHeader;
  for (int i = 0; i < 100001; ++i) {
    input += i == 1 ? "91330000MA27U9XH4A,\"某公司,2015-03-08,1\n" : kGoodRow;
  }
  Write("in.csv", input);
  const RunOutcome run =
      Normalize({"--in", "in.csv", "--out", "out/clean.csv", "--rejects",
                 "out/rejects.jsonl", "--report", "out/report.json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const google::protobuf::Struct report =
      ParseJson(ReadFile(dir_ / "out/report.json"));
  EXPECT_EQ(Number(report, "rows_in"), 100001);
  EXPECT_EQ(Number(report, "rows_clean"), 100000);
  EXPECT_EQ(Number(report, "rows_rejected"), 1);
  EXPECT_EQ(Number(report, "lines_in"), 100002);  // the header is a line
  const std::string rejects = ReadFile(dir_ / "out/rejects.jsonl");
  EXPECT_THAT(
      rejects,
      AllOf(HasSubstr("{\"line\":3,\"row\":\"91330000MA27U9XH4A,"
                      "\\\"某公司,2015-03-08,1\",\"issues\""),
            HasSubstr("MALFORMED_ROW"),
            HasSubstr("\"message_zh\":\"第 3 行：引号字段未在本行闭合")));
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 1);
}

// Writes `pieces` (each `repeat` times) into the FIFO `path` from a thread,
// for a child that reads it as its standard input; joins on destruction.
class FifoFeeder {
 public:
  FifoFeeder(const fs::path& path, std::vector<std::string> pieces, int repeat)
      : pieces_(std::move(pieces)) {
    EXPECT_EQ(mkfifo(path.c_str(), 0600), 0) << strerror(errno);
    thread_ = std::thread([this, path, repeat] {
      const int fd = open(path.c_str(), O_WRONLY);
      for (int r = 0; fd >= 0 && r < repeat; ++r) {
        for (const std::string& piece : pieces_) {
          for (size_t done = 0; done < piece.size();) {
            const ssize_t n =
                write(fd, piece.data() + done, piece.size() - done);
            if (n <= 0) return (void)close(fd);  // the reader went away
            done += static_cast<size_t>(n);
          }
        }
        if (r == 0 && repeat > 1) pieces_.erase(pieces_.begin());  // header
      }
      close(fd);
    });
  }
  ~FifoFeeder() { thread_.join(); }

 private:
  std::vector<std::string> pieces_;
  std::thread thread_;
};

TEST_F(NormalizeSafetyTest, RowsOfTenMegabytesStayWithinTwiceTheFlatMemory) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer keeps freed memory in quarantine: peak "
                  "memory is measured in the regular build";
#endif
  signal(SIGPIPE, SIG_IGN);  // should a child stop reading early
  // Both inputs come through a FIFO: nothing on disk, only the run is timed.
  const std::string legacy = ReadFile(kLegacy);
  const size_t body = legacy.find('\n') + 1;
  const size_t last = legacy.rfind('\n', legacy.size() - 2) + 1;
  const std::string huge_row = absl::StrCat(
      "91330000MA27U9XH4A,", std::string(10 << 20, 'x'), ",2015-03-08,1\n");
  std::map<std::string, long> rss;
  for (const std::string name : {"flat", "huge"}) {
    std::optional<FifoFeeder> feeder;
    if (name == "flat") {
      // Ordinary rows (the sample's, without its broken last row), 16 MB:
      // enough to fill every batch in flight.
      feeder.emplace(dir_ / "flat.fifo",
                     std::vector<std::string>{legacy.substr(0, body),
                                              legacy.substr(body, last - body)},
                     (size_t{16} << 20) / (last - body) + 1);
    } else {
      feeder.emplace(dir_ / "huge.fifo",
                     std::vector<std::string>{kHeader, huge_row}, 32);
    }
    const RunOutcome run =
        Normalize({"--in", "-", "--out", "/dev/null", "--rejects", "/dev/null",
                   "--report", "out/" + name + ".json", "--threads", "2"},
                  (dir_ / (name + ".fifo")).string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    rss[name] = run.max_rss_kb;
  }
  signal(SIGPIPE, SIG_DFL);
  RecordProperty("flat_rss_kb", static_cast<int>(rss["flat"]));
  RecordProperty("huge_rss_kb", static_cast<int>(rss["huge"]));
  const google::protobuf::Struct report =
      ParseJson(ReadFile(dir_ / "out/huge.json"));
  EXPECT_EQ(Number(report, "rows_in"), 32);
  EXPECT_EQ(Number(report, "rows_rejected"), 32);  // 机构名称 takes 200
  EXPECT_EQ(Number(report, "input_bytes"),
            std::string(kHeader).size() + 32 * huge_row.size());
  EXPECT_LE(rss["huge"], 2 * rss["flat"])
      << "peak RSS " << rss["huge"] << " KB for 32 rows of 10 MB, "
      << rss["flat"] << " KB for ordinary rows";
}

TEST_F(NormalizeSafetyTest, CtrlCLeavesTheOutputFolderAsItWas) {
  // A FIFO as input keeps the run going until the test interrupts it.
  ASSERT_EQ(mkfifo((dir_ / "in.fifo").c_str(), 0600), 0);
  Write("out/clean.csv", "yesterday's clean file\n");
  Write("out/keep.txt", "unrelated\n");
  const auto before = Listing("out");
  const tests_testing::RunningBinary child = tests_testing::StartBinary(
      kBinary,
      {"normalize", "--defs", kCatalog, "--schema", "LEGAL_PERSON_BASIC",
       "--in", "in.fifo", "--out", "out/clean.csv", "--rejects",
       "out/rejects.jsonl", "--report", "out/report.json", "--report-html",
       "out/report.html"},
      dir_ / "run", "/dev/null", dir_);
  ASSERT_GT(child.pid, 0);
  signal(SIGPIPE, SIG_IGN);  // should the child end first
  const int fifo = open((dir_ / "in.fifo").c_str(), O_WRONLY);
  ASSERT_GE(fifo, 0);
  // Far more than the pipe and the reader buffer: the run is under way,
  // its outputs created and written, when the writes return.
  std::string rows = kHeader;
  while (rows.size() < (size_t{8} << 20)) rows += kGoodRow;
  for (size_t done = 0; done < rows.size();) {
    const ssize_t n = write(fifo, rows.data() + done, rows.size() - done);
    ASSERT_GT(n, 0) << strerror(errno);
    done += static_cast<size_t>(n);
  }
  ASSERT_EQ(kill(child.pid, SIGINT), 0);
  const RunOutcome run = tests_testing::WaitBinary(child);
  close(fifo);
  signal(SIGPIPE, SIG_DFL);
  EXPECT_EQ(run.term_signal, SIGINT) << "exit " << run.exit_code << run.err;
  EXPECT_THAT(run.err, HasSubstr("normalize: interrupted"));
  EXPECT_EQ(Listing("out"), before);
  EXPECT_EQ(ReadFile(dir_ / "out/clean.csv"), "yesterday's clean file\n");
}

TEST_F(NormalizeSafetyTest, AnEmptyInputIsARunOfZeroRows) {
  Write("empty.csv", "");
  for (const std::string in : {"empty.csv", "-"}) {
    SCOPED_TRACE(in);
    const RunOutcome run =
        Normalize({"--in", in, "--out", "out/clean.csv", "--rejects",
                   "out/r.jsonl", "--report", "out/report.json"},
                  (dir_ / "empty.csv").string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const google::protobuf::Struct report =
        ParseJson(ReadFile(dir_ / "out/report.json"));
    EXPECT_EQ(Number(report, "rows_in"), 0);
    EXPECT_EQ(Number(report, "lines_in"), 0);
    EXPECT_THAT(ReadFile(dir_ / "out/clean.csv"),
                ::testing::StartsWith("tyshxydm,zzjgdm,jgmc,"));
    EXPECT_EQ(ReadFile(dir_ / "out/r.jsonl"), "");
  }
}

TEST_F(NormalizeSafetyTest, AHugeFieldIsQuotedOnceAndBounded) {
  const std::string field(1 << 20, 'x');
  Write("in.csv", absl::StrCat(kHeader, "91330000MA27U9XH4A,", field,
                               ",2015-03-08,1\n", kGoodRow));
  const RunOutcome run = Normalize(
      {"--in", "in.csv", "--out", "out/clean.csv", "--rejects", "out/r.jsonl",
       "--report", "out/report.json", "--report-html", "out/report.html"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string rejects = ReadFile(dir_ / "out/r.jsonl");
  ASSERT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 1);
  EXPECT_LT(rejects.size(), field.size() + 4096);  // the row, once
  EXPECT_THAT(rejects, HasSubstr(std::string(256, 'x') + "…[1048576 chars]"));
  EXPECT_LT(fs::file_size(dir_ / "out/report.json"), 64u << 10);
  EXPECT_LT(fs::file_size(dir_ / "out/report.html"), 64u << 10);
}

TEST_F(NormalizeSafetyTest, MaxRowBytesBoundsARow) {
  Write("in.csv",
        absl::StrCat(kHeader, "91330000MA27U9XH4A,", std::string(300, 'x'),
                     ",2015-03-08,1\n", kGoodRow));
  const RunOutcome run = Normalize(
      {"--in", "in.csv", "--out", "out/clean.csv", "--rejects", "out/r.jsonl",
       "--report", "out/report.json", "--max-row-bytes", "100"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(ReadFile(dir_ / "out/r.jsonl"),
              AllOf(HasSubstr("\"line\":2"),
                    HasSubstr("is longer than max_row_bytes (100 bytes)")));
  EXPECT_EQ(Number(ParseJson(ReadFile(dir_ / "out/report.json")), "rows_clean"),
            1);
  const RunOutcome bad =
      Normalize({"--in", "in.csv", "--out", "out/c", "--rejects", "out/r",
                 "--report", "out/p", "--max-row-bytes", "0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--max-row-bytes '0'"));
}

TEST_F(NormalizeSafetyTest, ACompileErrorNamesTheItemAtFault) {
  fs::copy(kCatalog, dir_ / "defs", fs::copy_options::recursive);
  const fs::path jyzt = dir_ / "defs" / "data_elements" / "JYZT.yaml";
  std::string text = ReadFile(jyzt);
  const size_t at = text.find("format: n1");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 10, "format: n1x");
  Write("defs/data_elements/JYZT.yaml", text);
  Write("in.csv", absl::StrCat(kHeader, kGoodRow));
  const RunOutcome run = tests_testing::RunBinary(
      kBinary,
      {"normalize", "--defs", "defs", "--schema", "LEGAL_PERSON_BASIC", "--in",
       "in.csv", "--out", "out/c", "--rejects", "out/r", "--report", "out/p"},
      dir_ / "run", "/dev/null", dir_);
  EXPECT_EQ(run.exit_code, 2);
  // The element's own file and line, not the schema's.
  EXPECT_THAT(run.err, HasSubstr("defs/data_elements/JYZT.yaml:7: "));
  EXPECT_THAT(Listing("out"), IsEmpty());
}

}  // namespace
}  // namespace shuyuan
