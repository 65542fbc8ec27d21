#include "client/codelist_file.h"

#include <string>

#include "common/testing/status_matchers.h"
#include "common/testing/temp_dir.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::client {
namespace {

using ::shuyuan::testing::StatusIs;
using ::shuyuan::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Entries = google::protobuf::RepeatedPtrField<v1::CodeEntry>;

// Reads every entry of `path`.
absl::StatusOr<Entries> ReadAll(const std::string& path) {
  absl::StatusOr<std::unique_ptr<CodeListFileReader>> reader =
      CodeListFileReader::Open(path);
  if (!reader.ok()) return reader.status();
  Entries entries;
  while (true) {
    absl::StatusOr<size_t> n = (*reader)->Read(3, &entries);
    if (!n.ok()) return n.status();
    if (*n == 0) return entries;
  }
}

TEST(CodeListFileTest, ReadsEveryColumnOfATsv) {
  TempDir dir;
  const std::string path = dir.Write(
      "codes.tsv",
      "\xEF\xBB\xBF"
      "Code\tname_zh\tNAME_EN\tparent\tvalid_from\tvalid_to\taliases\n"
      "1\t男性\tMale\t\t\t\t男|男性 ; M\n"
      " 110101 \t东城区\t\t110000\t1987-01-01\t2021-12-31\t\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Entries entries, ReadAll(path));
  ASSERT_EQ(entries.size(), 2);
  EXPECT_EQ(entries[0].code(), "1");
  EXPECT_EQ(entries[0].name_zh(), "男性");
  EXPECT_EQ(entries[0].name_en(), "Male");
  EXPECT_THAT(entries[0].aliases(), ElementsAre("男", "男性", "M"));
  EXPECT_EQ(entries[1].code(), "110101");
  EXPECT_EQ(entries[1].parent(), "110000");
  EXPECT_EQ(entries[1].valid_from(), "1987-01-01");
  EXPECT_EQ(entries[1].valid_to(), "2021-12-31");
  EXPECT_TRUE(entries[1].aliases().empty());
}

TEST(CodeListFileTest, CsvInAnyColumnOrderWithQuotes) {
  TempDir dir;
  const std::string path = dir.Write(
      "codes.csv", "name_zh,code\r\n\"汉族\",01\r\n\"蒙古族, 蒙\",02\r\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Entries entries, ReadAll(path));
  ASSERT_EQ(entries.size(), 2);
  EXPECT_EQ(entries[0].code(), "01");
  EXPECT_EQ(entries[0].name_zh(), "汉族");
  EXPECT_EQ(entries[1].name_zh(), "蒙古族, 蒙");
}

TEST(CodeListFileTest, ReadsGb18030) {
  TempDir dir;
  // 北京 in GB18030.
  const std::string path =
      dir.Write("codes.tsv", "code\tname_zh\n110000\t\xB1\xB1\xBE\xA9\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Entries entries, ReadAll(path));
  ASSERT_EQ(entries.size(), 1);
  EXPECT_EQ(entries[0].name_zh(), "北京");
}

TEST(CodeListFileTest, ChunksAndLinesOfEntries) {
  TempDir dir;
  std::string text = "code,name_zh\n";
  for (int i = 0; i < 25; ++i) {
    if (i == 10) text += "\n\n";                // blank lines: skipped
    if (i == 20) text += "X,\"two\nlines\"\n";  // a quoted line break
    text += std::to_string(i) + ",n\n";
  }
  const std::string path = dir.Write("codes.csv", text);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(std::unique_ptr<CodeListFileReader> reader,
                               CodeListFileReader::Open(path));
  Entries chunk;
  std::vector<size_t> sizes;
  while (true) {
    chunk.Clear();
    SHUYUAN_ASSERT_OK_AND_ASSIGN(size_t n, reader->Read(10, &chunk));
    sizes.push_back(n);
    if (n == 0) break;
  }
  EXPECT_THAT(sizes, ElementsAre(10, 10, 6, 0));
  EXPECT_EQ(reader->entries_read(), 26u);
  EXPECT_EQ(reader->LineOfEntry(0), 2u);
  EXPECT_EQ(reader->LineOfEntry(9), 11u);
  EXPECT_EQ(reader->LineOfEntry(10), 14u);  // after two blank lines
  EXPECT_EQ(reader->LineOfEntry(19), 23u);
  EXPECT_EQ(reader->LineOfEntry(20), 24u);  // "X", two lines long
  EXPECT_EQ(reader->LineOfEntry(21), 26u);
  EXPECT_EQ(reader->LineOfEntry(25), 30u);
  EXPECT_EQ(reader->LineOfEntry(26), 0u);  // never read
}

TEST(CodeListFileTest, RowErrorsNameFileLineAndColumn) {
  TempDir dir;
  const std::string header = "code\tname_zh\tvalid_from\tvalid_to\n";
  EXPECT_THAT(
      ReadAll(dir.Write("a.tsv", header + "1\ta\t2021-02-30\t\n")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("a.tsv:2: column 'valid_from': '2021-02-30' is not "
                         "a real date written YYYY-MM-DD")));
  EXPECT_THAT(
      ReadAll(dir.Write("b.tsv", header + "1\ta\t\t\n2\tb\t2021-01-02\t"
                                          "2021-01-01\n")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("b.tsv:3: column 'valid_to': 2021-01-01 is before "
                         "valid_from 2021-01-02")));
  EXPECT_THAT(ReadAll(dir.Write("c.tsv", header + " \ta\t\t\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("c.tsv:2: column 'code': empty code")));
  EXPECT_THAT(ReadAll(dir.Write("d.tsv", header + "1\ta\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("d.tsv:2: MALFORMED_ROW")));
}

TEST(CodeListFileTest, HeaderErrors) {
  TempDir dir;
  EXPECT_THAT(ReadAll(dir.Write("a.tsv", "code\tname\n1\tx\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("header column 2 'name' is not one of code, "
                                 "name_zh, name_en, parent, valid_from, "
                                 "valid_to, aliases")));
  EXPECT_THAT(ReadAll(dir.Write("b.tsv", "code\tname_en\n1\tx\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the header has no 'name_zh' column")));
  EXPECT_THAT(ReadAll(dir.Write("c.tsv", "code\tname_zh\tCODE\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("names column 'code' twice")));
  EXPECT_THAT(ReadAll(dir.Write("d.txt", "code\tname_zh\n")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("name a .tsv or .csv file")));
  EXPECT_THAT(ReadAll(dir.Path("missing.tsv")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.tsv")));
}

TEST(CodeListFileTest, FormatOverridesTheExtension) {
  TempDir dir;
  const std::string path = dir.Write("codes.txt", "code\tname_zh\n1\ta\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<CodeListFileReader> reader,
      CodeListFileReader::Open(path, codec::RecordFormat::kTsv));
  Entries entries;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(size_t n, reader->Read(10, &entries));
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(reader->file_size(), std::optional<uint64_t>(17));
}

}  // namespace
}  // namespace shuyuan::client
