#include "codec/record_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unicode/ucnv.h"
#include "unicode/unistr.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// UTF-8 text re-encoded as GB18030 bytes by ICU.
std::string ToGb18030(const std::string& utf8) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("gb18030", &status);
  EXPECT_TRUE(U_SUCCESS(status));
  std::string out(static_cast<size_t>(u.length()) * 4 + 8, '\0');
  status = U_ZERO_ERROR;
  const int32_t n =
      ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()),
                      u.getBuffer(), u.length(), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  ucnv_close(cnv);
  out.resize(static_cast<size_t>(n));
  return out;
}

// Everything a reader yields, for whole-input comparisons.
struct ReadResult {
  std::vector<std::string> header;
  std::vector<InputRow> rows;
  TextEncoding encoding = TextEncoding::kAuto;
};

ReadResult ReadAll(const std::string& input, RecordReaderOptions options) {
  ReadResult result;
  std::istringstream in(input);
  auto reader = RecordReader::Open(&in, options);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return result;
  result.header = (*reader)->header();
  result.encoding = (*reader)->encoding();
  InputRow row;
  while ((*reader)->Next(&row)) result.rows.push_back(row);
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status();
  EXPECT_EQ((*reader)->bytes_read(), input.size());
  return result;
}

RecordReaderOptions Csv(TextEncoding encoding = TextEncoding::kAuto) {
  RecordReaderOptions options;
  options.format = RecordFormat::kCsv;
  options.encoding = encoding;
  return options;
}

RecordReaderOptions Tsv() {
  RecordReaderOptions options;
  options.format = RecordFormat::kTsv;
  return options;
}

RecordReaderOptions Jsonl(TextEncoding encoding = TextEncoding::kAuto) {
  RecordReaderOptions options;
  options.format = RecordFormat::kJsonl;
  options.encoding = encoding;
  return options;
}

TEST(ParseNamesTest, FormatsAndEncodings) {
  EXPECT_EQ(*ParseRecordFormat("csv"), RecordFormat::kCsv);
  EXPECT_EQ(*ParseRecordFormat("TSV"), RecordFormat::kTsv);
  EXPECT_EQ(*ParseRecordFormat("jsonl"), RecordFormat::kJsonl);
  EXPECT_THAT(ParseRecordFormat("xlsx"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected csv, tsv or jsonl")));
  EXPECT_EQ(*ParseTextEncoding("auto"), TextEncoding::kAuto);
  EXPECT_EQ(*ParseTextEncoding("utf-8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("UTF8"), TextEncoding::kUtf8);
  EXPECT_EQ(*ParseTextEncoding("gb18030"), TextEncoding::kGb18030);
  EXPECT_EQ(*ParseTextEncoding("GBK"), TextEncoding::kGb18030);
  EXPECT_THAT(
      ParseTextEncoding("latin1"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'latin1'")));
  EXPECT_EQ(TextEncodingName(TextEncoding::kGb18030), "gb18030");
  EXPECT_EQ(RecordFormatName(RecordFormat::kJsonl), "jsonl");
}

TEST(CsvTest, SimpleRows) {
  ReadResult r = ReadAll("id,name,age\n1,张三,30\n2,李四,41\n", Csv());
  EXPECT_THAT(r.header, ElementsAre("id", "name", "age"));
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_THAT(r.rows[0].values, ElementsAre("1", "张三", "30"));
  EXPECT_EQ(r.rows[0].line, 2u);
  EXPECT_EQ(r.rows[0].index, 0u);
  EXPECT_EQ(r.rows[0].raw, "1,张三,30");
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[0].keys, IsEmpty());
  EXPECT_THAT(r.rows[1].values, ElementsAre("2", "李四", "41"));
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_EQ(r.rows[1].index, 1u);
}

TEST(CsvTest, Rfc4180QuotingEscapesAndEmbeddedNewlines) {
  const std::string input =
      "a,b,c\r\n"
      "\"x, y\",\"he said \"\"hi\"\"\",plain\r\n"
      "\"line1\nline2\r\nline3\",,\"\"\r\n"
      "last,\"\",\"q\"\r\n";
  ReadResult r = ReadAll(input, Csv());
  EXPECT_THAT(r.header, ElementsAre("a", "b", "c"));
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_THAT(r.rows[0].values, ElementsAre("x, y", "he said \"hi\"", "plain"));
  EXPECT_EQ(r.rows[0].line, 2u);
  EXPECT_THAT(r.rows[1].values, ElementsAre("line1\nline2\r\nline3", "", ""));
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_EQ(r.rows[1].raw, "\"line1\nline2\r\nline3\",,\"\"");
  EXPECT_EQ(r.rows[1].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[2].values, ElementsAre("last", "", "q"));
  EXPECT_EQ(r.rows[2].line, 6u);
  EXPECT_EQ(r.rows[2].index, 2u);
}

TEST(CsvTest, QuotedHeaderAndTrailingEmptyField) {
  ReadResult r = ReadAll("\"id\",\"名称\",x\n1,2,\n", Csv());
  EXPECT_THAT(r.header, ElementsAre("id", "名称", "x"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_THAT(r.rows[0].values, ElementsAre("1", "2", ""));
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(CsvTest, BomIsRemoved) {
  ReadResult r = ReadAll("\xEF\xBB\xBFid,name\n1,a\n", Csv());
  EXPECT_THAT(r.header, ElementsAre("id", "name"));
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].line, 2u);
  ReadResult explicit_utf8 =
      ReadAll("\xEF\xBB\xBFid\n1\n", Csv(TextEncoding::kUtf8));
  EXPECT_THAT(explicit_utf8.header, ElementsAre("id"));
}

TEST(CsvTest, WrongColumnCountKeepsValues) {
  ReadResult r = ReadAll("a,b,c\n1,2\n1,2,3\n1,2,3,4\n", Csv());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[0].issue_detail, "line 2: expected 3 columns, found 2");
  EXPECT_EQ(r.rows[0].issue_detail_zh, "第 2 行：应有 3 列，实有 2 列");
  EXPECT_THAT(r.rows[0].values, ElementsAre("1", "2"));
  EXPECT_EQ(r.rows[0].raw, "1,2");
  EXPECT_EQ(r.rows[1].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[1].values, ElementsAre("1", "2", "3"));
  EXPECT_EQ(r.rows[2].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[2].issue_detail, "line 4: expected 3 columns, found 4");
  EXPECT_EQ(r.rows[2].index, 2u);
}

TEST(CsvTest, UnterminatedQuoteCostsOnlyItsLine) {
  ReadResult r = ReadAll("a,b\n1,2\n3,\"open\n4,5\n", Csv());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(r.rows[1].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[1].issue_detail,
            "line 3: a quoted field is not closed on this line; read on, it "
            "would never close and would take the rest of the input, so the "
            "line is rejected alone and reading resumes on line 4");
  EXPECT_EQ(r.rows[1].issue_detail_zh,
            "第 3 行：引号字段未在本行闭合；若继续读下去，它将一直不闭合，"
            "吞掉其余全部输入，因此仅拒绝本行，从第 4 行继续读取");
  EXPECT_THAT(r.rows[1].values, ElementsAre("3", "open"));
  EXPECT_EQ(r.rows[1].raw, "3,\"open");
  EXPECT_EQ(r.rows[1].line_count, 1u);
  EXPECT_EQ(r.rows[2].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[2].values, ElementsAre("4", "5"));
  EXPECT_EQ(r.rows[2].line, 4u);
  // On the last line there is nothing to resume: the row is malformed.
  ReadResult last = ReadAll("a,b\n1,\"open", Csv());
  ASSERT_EQ(last.rows.size(), 1u);
  EXPECT_EQ(last.rows[0].issue_detail,
            "line 2: unterminated quoted field at byte 2 of the row");
  EXPECT_EQ(last.rows[0].issue_detail_zh,
            "第 2 行：本行第 2 字节处引号字段未闭合");
  EXPECT_THAT(last.rows[0].values, ElementsAre("1", "open"));
}

TEST(CsvTest, QuotesCarryARowOverLinesOnlyIntoTheRightShape) {
  // Right shape: one row over two lines.
  ReadResult good = ReadAll("a,b\n1,\"x\r\ny\"\n2,3\n", Csv());
  ASSERT_EQ(good.rows.size(), 2u);
  EXPECT_EQ(good.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(good.rows[0].values, ElementsAre("1", "x\r\ny"));
  EXPECT_EQ(good.rows[0].line, 2u);
  EXPECT_EQ(good.rows[0].line_count, 2u);
  EXPECT_EQ(good.rows[1].line, 4u);
  // Wrong column count: the first line alone is rejected.
  ReadResult wide = ReadAll("a,b\n1,\"x\ny,z\",w\n2,3\n", Csv());
  ASSERT_EQ(wide.rows.size(), 3u);
  EXPECT_EQ(wide.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_THAT(wide.rows[0].issue_detail,
              HasSubstr("it would make a row of 3 columns over 2 lines (the "
                        "header has 2)"));
  EXPECT_THAT(wide.rows[0].issue_detail_zh,
              HasSubstr("将形成跨 2 行、共 3 列的行（表头为 2 列）"));
  EXPECT_EQ(wide.rows[1].issue, v1::MALFORMED_ROW);  // y,z",w
  EXPECT_EQ(wide.rows[1].line, 3u);
  EXPECT_THAT(wide.rows[2].values, ElementsAre("2", "3"));
  // A structural problem further down: the first line alone is rejected.
  ReadResult bad = ReadAll("a,b,c\n1,\"x,y\n2,3,4\n5,\"q\",6\n7,8,9\n", Csv());
  ASSERT_EQ(bad.rows.size(), 4u);
  EXPECT_EQ(bad.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_THAT(
      bad.rows[0].issue_detail,
      HasSubstr("malformed row (text after a closing quote on line 4)"));
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(bad.rows[i].issue, v1::ISSUE_CODE_UNSPECIFIED) << i;
    EXPECT_EQ(bad.rows[i].line, i + 2);
  }
}

TEST(CsvTest, StrayQuotes) {
  ReadResult r = ReadAll("a,b\nab\"c,d\n\"x\"y,z\n\"ok\",\"fine\"\n", Csv());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[0].issue_detail,
            "line 2: quote inside an unquoted field at byte 2 of the row");
  EXPECT_THAT(r.rows[0].values, ElementsAre("ab\"c", "d"));
  EXPECT_EQ(r.rows[1].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[1].issue_detail,
            "line 3: text after a closing quote at byte 3 of the row");
  EXPECT_THAT(r.rows[1].values, ElementsAre("xy", "z"));
  EXPECT_EQ(r.rows[2].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[2].values, ElementsAre("ok", "fine"));
  EXPECT_EQ(r.rows[2].line, 4u);
}

TEST(CsvTest, BlankLinesAreSkippedButCounted) {
  ReadResult r = ReadAll("\n\r\nid,v\n\n1,a\r\n\r\n\n2,b\n\n", Csv());
  EXPECT_THAT(r.header, ElementsAre("id", "v"));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].line, 5u);
  EXPECT_EQ(r.rows[0].index, 0u);
  EXPECT_EQ(r.rows[1].line, 8u);
  EXPECT_EQ(r.rows[1].index, 1u);
}

TEST(CsvTest, NoTrailingNewline) {
  ReadResult r = ReadAll("a,b\n1,2\n3,\"4\"", Csv());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_THAT(r.rows[1].values, ElementsAre("3", "4"));
  EXPECT_EQ(r.rows[1].issue, v1::ISSUE_CODE_UNSPECIFIED);
  ReadResult crlf = ReadAll("a,b\r\n1,2\r", Csv());
  ASSERT_EQ(crlf.rows.size(), 1u);
  EXPECT_THAT(crlf.rows[0].values, ElementsAre("1", "2"));
  ReadResult header_only = ReadAll("a,b", Csv());
  EXPECT_THAT(header_only.header, ElementsAre("a", "b"));
  EXPECT_THAT(header_only.rows, IsEmpty());
}

TEST(CsvTest, EmptyInputHasNoHeaderAndNoRows) {
  for (const auto& [input, lines] :
       std::vector<std::pair<std::string, uint64_t>>{
           {"", 0}, {"\n\n", 2}, {"\r\n", 1}, {"\xEF\xBB\xBF", 1}}) {
    for (const RecordReaderOptions& options : {Csv(), Tsv(), Jsonl()}) {
      std::istringstream in(input);
      SHUYUAN_ASSERT_OK_AND_ASSIGN(auto reader,
                                   RecordReader::Open(&in, options));
      EXPECT_THAT(reader->header(), IsEmpty());
      InputRow row;
      EXPECT_FALSE(reader->Next(&row));
      SHUYUAN_EXPECT_OK(reader->status());
      EXPECT_EQ(reader->lines_read(), lines) << absl::CEscape(input);
    }
  }
}

TEST(CsvTest, MalformedHeaderIsAnError) {
  std::istringstream in("a,\"b\n1,2\n");
  EXPECT_THAT(RecordReader::Open(&in, Csv()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bad header row: line 1: unterminated")));
}

TEST(CsvTest, RowBufferIsReusedAcrossWidths) {
  std::istringstream in("a,b,c\n1,2,3\n4\n5,6,7\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(auto reader, RecordReader::Open(&in, Csv()));
  InputRow row;
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_THAT(row.values, ElementsAre("1", "2", "3"));
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_THAT(row.values, ElementsAre("4"));
  EXPECT_EQ(row.issue, v1::MALFORMED_ROW);
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_THAT(row.values, ElementsAre("5", "6", "7"));
  EXPECT_EQ(row.issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_TRUE(row.issue_detail.empty());
  EXPECT_FALSE(reader->Next(&row));
  EXPECT_FALSE(reader->Next(&row));
  SHUYUAN_EXPECT_OK(reader->status());
}

TEST(CsvTest, InvalidUtf8MarksTheRow) {
  ReadResult r =
      ReadAll("id,name\n1,ab\xC3\x28z\n2,ok\n", Csv(TextEncoding::kUtf8));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].issue, v1::INVALID_ENCODING);
  EXPECT_EQ(r.rows[0].issue_detail,
            "line 2: invalid UTF-8 byte sequence at byte 4 of the row (0xC3)");
  EXPECT_EQ(r.rows[0].raw, "1,ab\uFFFD(z");
  EXPECT_THAT(r.rows[0].values, ElementsAre("1", "ab\uFFFD(z"));
  EXPECT_EQ(r.rows[1].issue, v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(CsvTest, EncodingAndStructureProblemsAreBothNamed) {
  ReadResult r = ReadAll("a,b\n\xFF\n", Csv(TextEncoding::kUtf8));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].issue, v1::INVALID_ENCODING);
  EXPECT_EQ(r.rows[0].issue_detail,
            "line 2: invalid UTF-8 byte sequence at byte 0 of the row (0xFF); "
            "also expected 2 columns, found 1");
}

TEST(CsvTest, Gb18030InputMatchesItsUtf8Twin) {
  const std::string utf8 =
      "证件号码,姓名,地址,备注\r\n"
      "110101199003074477,阿卜杜·热合曼,\"北京市, 东城区\",\"说\"\"好\"\"\"\r\n"
      "330106200001011234,张三,\"浙江省\n杭州市\",㐀€™①\r\n"
      "1,李四,,𠀀\r\n";
  const std::string gb = ToGb18030(utf8);
  ASSERT_NE(gb, utf8);
  ReadResult a = ReadAll(utf8, Csv());
  ReadResult b = ReadAll(gb, Csv());
  ReadResult c = ReadAll(gb, Csv(TextEncoding::kGb18030));
  EXPECT_EQ(a.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(b.encoding, TextEncoding::kGb18030);
  EXPECT_EQ(c.encoding, TextEncoding::kGb18030);
  EXPECT_THAT(b.header, ElementsAre("证件号码", "姓名", "地址", "备注"));
  for (const ReadResult* other : {&b, &c}) {
    EXPECT_EQ(other->header, a.header);
    ASSERT_EQ(other->rows.size(), a.rows.size());
    for (size_t i = 0; i < a.rows.size(); ++i) {
      EXPECT_EQ(other->rows[i].values, a.rows[i].values);
      EXPECT_EQ(other->rows[i].raw, a.rows[i].raw);
      EXPECT_EQ(other->rows[i].line, a.rows[i].line);
      EXPECT_EQ(other->rows[i].issue, v1::ISSUE_CODE_UNSPECIFIED);
    }
  }
  EXPECT_THAT(b.rows[0].values[2], "北京市, 东城区");
  EXPECT_THAT(b.rows[1].values[3], "㐀€™①");
}

TEST(CsvTest, InvalidGb18030MarksTheRow) {
  // 0x81 followed by '"'... is not a GB18030 character; 0xFF never is.
  const std::string input = ToGb18030("编号,名称\n1,张三\n") +
                            "2,\xD5\xC5\x81,\n" + ToGb18030("3,李四\n") +
                            "4,\xFF\n";
  ReadResult r = ReadAll(input, Csv(TextEncoding::kGb18030));
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(r.rows[1].issue, v1::INVALID_ENCODING);
  EXPECT_EQ(r.rows[1].issue_detail,
            "line 3: invalid GB18030 byte sequence at byte 4 of the row "
            "(0x81); also expected 2 columns, found 3");
  EXPECT_THAT(r.rows[1].values, ElementsAre("2", "张\uFFFD", ""));
  EXPECT_EQ(r.rows[1].raw, "2,张\uFFFD,");
  EXPECT_EQ(r.rows[2].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[2].values, ElementsAre("3", "李四"));
  EXPECT_EQ(r.rows[3].issue, v1::INVALID_ENCODING);
  EXPECT_THAT(r.rows[3].issue_detail, HasSubstr("at byte 2 of the row (0xFF)"));
}

TEST(CsvTest, Gb18030Bom) {
  const std::string input = "\x84\x31\x95\x33" + ToGb18030("名称\n值\n");
  ReadResult r = ReadAll(input, Csv(TextEncoding::kGb18030));
  EXPECT_THAT(r.header, ElementsAre("名称"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_THAT(r.rows[0].values, ElementsAre("值"));
}

TEST(AutoEncodingTest, Utf8CharacterCutAtTheSniffLimitIsStillUtf8) {
  // "张" (3 bytes) straddles the 1 MiB sniffing prefix.
  std::string input = "v\n";
  const size_t limit = size_t{1} << 20;
  while (input.size() < limit - 1 - 100) input += std::string(99, 'x') + "\n";
  input += std::string(limit - 1 - input.size(), 'y');
  input += "张\n";
  ASSERT_EQ(input.substr(limit - 1, 3), "张");
  ReadResult r = ReadAll(input, Csv());
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  ASSERT_FALSE(r.rows.empty());
  EXPECT_EQ(r.rows.back().values[0],
            std::string(r.rows.back().values[0].size() - 3, 'y') + "张");
  for (const InputRow& row : r.rows) {
    EXPECT_EQ(row.issue, v1::ISSUE_CODE_UNSPECIFIED) << row.issue_detail;
  }
}

TEST(AutoEncodingTest, ExactlyTheFirstMibDecides) {
  // ASCII up to 1 MiB, then GBK text (张三) a few KiB later, still within
  // what the first reads bring in: only the first MiB is looked at.
  std::string input = "v\n";
  const size_t limit = size_t{1} << 20;
  while (input.size() < limit + 4096) input += std::string(99, 'x') + "\n";
  input += "\xD5\xC5\xC8\xFD\n";
  ReadResult r = ReadAll(input, Csv());
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(r.rows.back().issue, v1::INVALID_ENCODING);
  EXPECT_THAT(r.rows.back().issue_detail_zh,
              HasSubstr("字节处的 UTF-8 字节序列无效（0xD5"));
}

TEST(AutoEncodingTest, LateGbBytesInUtf8InputOnlyMarkTheirRow) {
  std::string input = "v\n";
  while (input.size() < (size_t{3} << 20)) input += "张三李四王五\n";
  input += ToGb18030("赵六") + "\n后\n";
  ReadResult r = ReadAll(input, Csv());
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  ASSERT_GE(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[r.rows.size() - 2].issue, v1::INVALID_ENCODING);
  EXPECT_EQ(r.rows.back().issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(r.rows.back().values[0], "后");
  size_t bad = 0;
  for (const InputRow& row : r.rows) bad += row.issue != 0;
  EXPECT_EQ(bad, 1u);
}

TEST(AutoEncodingTest, AFewCorruptBytesDoNotMakeUtf8IntoGb18030) {
  // One stray byte in a UTF-8 file must not turn every row into mojibake:
  // only its row is INVALID_ENCODING.
  std::string input = "name\n";
  for (int i = 0; i < 40; ++i) input += "浙江数元科技有限公司\n";
  input += "bad\xFFrow\n";
  ReadResult r = ReadAll(input, Csv());
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  ASSERT_EQ(r.rows.size(), 41u);
  EXPECT_EQ(r.rows[0].values[0], "浙江数元科技有限公司");
  EXPECT_EQ(r.rows[40].issue, v1::INVALID_ENCODING);
}

TEST(AutoEncodingTest, Gb18030TextIsStillGb18030) {
  std::string input = ToGb18030("名称\n");
  for (int i = 0; i < 40; ++i) input += ToGb18030("浙江数元科技有限公司\n");
  ReadResult r = ReadAll(input, Csv());
  EXPECT_EQ(r.encoding, TextEncoding::kGb18030);
  ASSERT_EQ(r.rows.size(), 40u);
  EXPECT_EQ(r.rows[39].values[0], "浙江数元科技有限公司");
}

TEST(ChunkingTest, RowsAcrossChunkBoundaries) {
  std::string input = "id,text\n";
  std::vector<std::string> expected;
  for (int i = 0; input.size() < (size_t{5} << 20); ++i) {
    std::string text = absl::StrCat("值", i, std::string(i % 977, 'x'),
                                    i % 3 == 0 ? "\n\"q\"," : "");
    expected.push_back(text);
    std::string quoted;
    for (char c : text) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    absl::StrAppend(&input, i, ",\"", quoted, "\"\r\n");
  }
  ReadResult r = ReadAll(input, Csv());
  ASSERT_EQ(r.rows.size(), expected.size());
  uint64_t line = 2;
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(r.rows[i].values.size(), 2u);
    EXPECT_EQ(r.rows[i].values[0], absl::StrCat(i));
    EXPECT_EQ(r.rows[i].values[1], expected[i]);
    EXPECT_EQ(r.rows[i].line, line);
    EXPECT_EQ(r.rows[i].index, i);
    line += i % 3 == 0 ? 2 : 1;
  }
}

TEST(MaxRowBytesTest, LongRowIsMalformedAndReadingResumes) {
  RecordReaderOptions options = Csv();
  options.max_row_bytes = 16;
  ReadResult r =
      ReadAll("a,b\n1,short\n2,this row is far too long\n3,ok\n", options);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(r.rows[1].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[1].issue_detail,
            "line 3: row of 26 bytes is longer than max_row_bytes (16 "
            "bytes); skipped to line 4");
  EXPECT_EQ(
      r.rows[1].issue_detail_zh,
      "第 3 行：行长 26 字节，超过 max_row_bytes（16 字节）；已跳至第 4 行");
  EXPECT_EQ(r.rows[1].raw, "2,this row is fa");
  EXPECT_THAT(r.rows[1].values, IsEmpty());
  EXPECT_EQ(r.rows[1].index, 1u);
  EXPECT_THAT(r.rows[2].values, ElementsAre("3", "ok"));
  EXPECT_EQ(r.rows[2].line, 4u);
  EXPECT_EQ(r.rows[2].index, 2u);
}

TEST(MaxRowBytesTest, UnterminatedQuoteBeyondTheLimitCostsOneLine) {
  RecordReaderOptions options = Csv();
  options.max_row_bytes = 1000;
  std::string input = "a,b\n1,\"never closed\n";
  for (int i = 0; i < 300000; ++i) input += "x,y\n";
  ReadResult r = ReadAll(input, options);
  // The quote would make a row past the limit: its line alone is the
  // reject, and every following line reads as a row again.
  ASSERT_EQ(r.rows.size(), 300001u);
  EXPECT_EQ(r.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_THAT(r.rows[0].issue_detail,
              HasSubstr("it would make a row longer than max_row_bytes (1000 "
                        "bytes), so the line is rejected alone and reading "
                        "resumes on line 3"));
  EXPECT_EQ(r.rows[0].raw, "1,\"never closed");
  EXPECT_EQ(r.rows[1].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_EQ(r.rows.back().issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows.back().values, ElementsAre("x", "y"));
  EXPECT_EQ(r.rows.back().line, 300002u);
}

TEST(MaxRowBytesTest, OverlongLineKeepsOnlyAPrefix) {
  RecordReaderOptions options = Csv();
  options.max_row_bytes = 4096;
  const std::string long_value(3 << 20, 'v');
  ReadResult r = ReadAll("a,b\n1," + long_value + "\r\n2,3\n", options);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[0].raw.size(), kOverlongRawBytes);
  EXPECT_THAT(r.rows[0].issue_detail,
              HasSubstr(absl::StrCat("row of ", long_value.size() + 2,
                                     " bytes is longer")));
  EXPECT_THAT(r.rows[1].values, ElementsAre("2", "3"));
}

TEST(MaxRowBytesTest, LongLineWithoutNewlineToEof) {
  RecordReaderOptions options = Tsv();
  options.max_row_bytes = 100;
  ReadResult r = ReadAll("a\n" + std::string(3 << 20, 'z'), options);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].issue, v1::MALFORMED_ROW);
  EXPECT_THAT(r.rows[0].issue_detail, HasSubstr("to the end of the input"));
  EXPECT_EQ(r.rows[0].raw, std::string(100, 'z'));
}

TEST(HugeRowTest, ValuesAreThoseOfAnyRow) {
  // A row of more than a MiB takes another path (its values are scanned
  // again from its text): quotes, "" escapes, CR/LF inside quotes, a CR
  // kept before the CRLF, and an invalid byte must come out the same.
  std::string big;
  while (big.size() < (size_t{3} << 20) / 2) big += "ab\"c\r\nd,张";
  std::string quoted;
  for (char c : big) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  const std::string text = "1,\"" + quoted + "\",tail\xFF\r";
  ReadResult r = ReadAll("a,b,c\n" + text + "\r\n2,x,y\n", Csv());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].issue, v1::INVALID_ENCODING);
  EXPECT_THAT(r.rows[0].values, ElementsAre("1", big, "tail\uFFFD\r"));
  EXPECT_EQ(r.rows[0].line_count, 1 + static_cast<uint64_t>(std::count(
                                          big.begin(), big.end(), '\n')));
  EXPECT_EQ(r.rows[1].line, 2 + r.rows[0].line_count);
  EXPECT_THAT(r.rows[1].values, ElementsAre("2", "x", "y"));
  // The same in GB18030, and as TSV and JSONL.
  ReadResult gb = ReadAll(ToGb18030("a,b,c\n1,\"" + quoted + "\",t\r\n"),
                          Csv(TextEncoding::kGb18030));
  ASSERT_EQ(gb.rows.size(), 1u);
  EXPECT_THAT(gb.rows[0].values, ElementsAre("1", big, "t"));
  const std::string plain(size_t{2} << 20, 'p');
  ReadResult tsv = ReadAll("a\tb\n" + plain + "\t\"q\"\n", Tsv());
  ASSERT_EQ(tsv.rows.size(), 1u);
  EXPECT_THAT(tsv.rows[0].values, ElementsAre(plain, "\"q\""));
  ReadResult jsonl = ReadAll("{\"k\":\"" + plain + "\"}\n{\"k\":1}", Jsonl());
  ASSERT_EQ(jsonl.rows.size(), 2u);
  EXPECT_THAT(jsonl.rows[0].values, ElementsAre(plain));
  EXPECT_THAT(jsonl.rows[1].values, ElementsAre("1"));
  // An unterminated quote on the last line takes the rest, as for any row.
  ReadResult open = ReadAll("a,b\n1,\"" + plain, Csv());
  ASSERT_EQ(open.rows.size(), 1u);
  EXPECT_THAT(open.rows[0].issue_detail, HasSubstr("unterminated quoted"));
  EXPECT_THAT(open.rows[0].values, ElementsAre("1", plain));
}

TEST(TsvTest, TabsAndLiteralQuotes) {
  ReadResult r =
      ReadAll("id\tname\tnote\r\n1\t\"张三\"\ta,b\r\n\n2\t\t\r\n3\tx\n", Tsv());
  EXPECT_THAT(r.header, ElementsAre("id", "name", "note"));
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_THAT(r.rows[0].values, ElementsAre("1", "\"张三\"", "a,b"));
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_THAT(r.rows[1].values, ElementsAre("2", "", ""));
  EXPECT_EQ(r.rows[1].line, 4u);
  EXPECT_EQ(r.rows[2].issue, v1::MALFORMED_ROW);
  EXPECT_EQ(r.rows[2].issue_detail, "line 5: expected 3 columns, found 2");
}

TEST(JsonlTest, ValuesEscapesAndNull) {
  const std::string input =
      "{\"id\": \"1\", \"name\": \"\\u5f20\\u4e09\", \"n\": -12.5e3, "
      "\"ok\": true, \"no\": false, \"gone\": null}\n"
      "  \n"
      "{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\",\"e\":\"\\ud840\\udc00\"}\r\n"
      "{}\n";
  ReadResult r = ReadAll(input, Jsonl());
  EXPECT_THAT(r.header, IsEmpty());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_THAT(r.rows[0].keys,
              ElementsAre("id", "name", "n", "ok", "no", "gone"));
  EXPECT_THAT(r.rows[0].values,
              ElementsAre("1", "张三", "-12.5e3", "true", "false", ""));
  EXPECT_EQ(r.rows[0].issue, v1::ISSUE_CODE_UNSPECIFIED);
  EXPECT_EQ(r.rows[0].line, 1u);
  EXPECT_THAT(r.rows[1].keys, ElementsAre("s", "e"));
  EXPECT_THAT(r.rows[1].values, ElementsAre("a\"b\\c/d\b\f\n\r\t", "𠀀"));
  EXPECT_EQ(r.rows[1].line, 3u);
  EXPECT_EQ(r.rows[1].index, 1u);
  EXPECT_THAT(r.rows[2].keys, IsEmpty());
  EXPECT_EQ(r.rows[2].issue, v1::ISSUE_CODE_UNSPECIFIED);
}

TEST(JsonlTest, MalformedRows) {
  struct Case {
    std::string line;
    std::string detail;
  };
  const Case cases[] = {
      {R"({"a":{"b":1}})", "line 1: invalid JSON at byte 5: nested object"},
      {R"({"a":[1]})", "line 1: invalid JSON at byte 5: array value"},
      {R"({"a":1,"a":2})", "line 1: invalid JSON at byte 7: duplicate key"},
      {R"({"a":1)", "line 1: invalid JSON at byte 6: expected ',' or '}'"},
      {R"({"a" 1})", "line 1: invalid JSON at byte 5: expected ':'"},
      {R"([1,2])", "line 1: invalid JSON at byte 0: expected '{'"},
      {R"({"a":01})", "line 1: invalid JSON at byte 6: expected ',' or '}'"},
      {R"({"a":"\ud800"})", "line 1: invalid JSON at byte 6: unpaired high"},
      {R"({"a":"\x"})", "line 1: invalid JSON at byte 6: bad escape"},
      {R"({"a":tru})", "line 1: invalid JSON at byte 5: expected a string"},
      {R"({"a":1} x)", "line 1: invalid JSON at byte 8: unexpected text"},
      {"{\"a\":\"tab\there\"}", "line 1: invalid JSON at byte 9: control"},
      {R"({a:1})", "line 1: invalid JSON at byte 1: expected a string key"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    ReadResult r = ReadAll(c.line + "\n{\"ok\":1}\n", Jsonl());
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].issue, v1::MALFORMED_ROW);
    EXPECT_THAT(r.rows[0].issue_detail, HasSubstr(c.detail));
    EXPECT_EQ(r.rows[0].raw, c.line);
    EXPECT_EQ(r.rows[1].issue, v1::ISSUE_CODE_UNSPECIFIED);
    EXPECT_THAT(r.rows[1].values, ElementsAre("1"));
  }
}

TEST(JsonlTest, EmptyInputHasNoRows) {
  ReadResult r = ReadAll("", Jsonl());
  EXPECT_THAT(r.rows, IsEmpty());
  ReadResult blank = ReadAll("\n \n", Jsonl());
  EXPECT_THAT(blank.rows, IsEmpty());
}

TEST(JsonlTest, Gb18030AndInvalidBytes) {
  const std::string utf8 =
      "{\"姓名\":\"阿卜杜·热合曼\",\"码\":\"\\u00b7\"}\n{\"x\":\"𠀀㐀\"}\n";
  ReadResult a = ReadAll(utf8, Jsonl());
  ReadResult b = ReadAll(ToGb18030(utf8), Jsonl());
  EXPECT_EQ(b.encoding, TextEncoding::kGb18030);
  ASSERT_EQ(b.rows.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(b.rows[i].keys, a.rows[i].keys);
    EXPECT_EQ(b.rows[i].values, a.rows[i].values);
    EXPECT_EQ(b.rows[i].issue, v1::ISSUE_CODE_UNSPECIFIED);
  }
  EXPECT_THAT(b.rows[0].values, ElementsAre("阿卜杜·热合曼", "·"));
  ReadResult bad =
      ReadAll("{\"a\":\"\xE4\xB8\"}\n", Jsonl(TextEncoding::kUtf8));
  ASSERT_EQ(bad.rows.size(), 1u);
  EXPECT_EQ(bad.rows[0].issue, v1::INVALID_ENCODING);
  EXPECT_THAT(bad.rows[0].issue_detail,
              HasSubstr("invalid UTF-8 byte sequence at byte 6 of the row "
                        "(0xE4 0xB8)"));
  EXPECT_THAT(bad.rows[0].values, ElementsAre("\uFFFD"));
}

TEST(OpenFileTest, MissingFileNamesThePath) {
  EXPECT_THAT(RecordReader::OpenFile("/nonexistent/dir/in.csv", Csv()),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("'/nonexistent/dir/in.csv'")));
  EXPECT_THAT(RecordReader::OpenFile("/", Csv()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is a directory")));
}

TEST(OpenFileTest, ReadsAFile) {
  const std::string path =
      absl::StrCat(::testing::TempDir(), "/reader_", ::getpid(), ".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a,b\n1,2\n";
  }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(auto reader,
                               RecordReader::OpenFile(path, Csv()));
  InputRow row;
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_THAT(row.values, ElementsAre("1", "2"));
  EXPECT_FALSE(reader->Next(&row));
  std::remove(path.c_str());
  const std::string empty = path + ".empty";
  { std::ofstream out(empty, std::ios::binary); }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(auto none, RecordReader::OpenFile(empty, Csv()));
  EXPECT_FALSE(none->Next(&row));
  std::remove(empty.c_str());
}

// A valid CSV with quoted commas, "" escapes, quoted line breaks, CRLF
// rows and blank lines, for the mutation test below.
std::string ValidCsv(std::mt19937* rng, int rows) {
  std::string csv = "id,name,note,amount\n";
  for (int i = 0; i < rows; ++i) {
    switch ((*rng)() % 5) {
      case 0:
        absl::StrAppend(&csv, i, ",\"张, 三\",\"说\"\"好\"\"\",1.5\n");
        break;
      case 1:
        absl::StrAppend(&csv, i, ",李四,\"two\nlines\",2\r\n");
        break;
      case 2:
        absl::StrAppend(&csv, i, ",王五,,3\n\n");
        break;
      default:
        absl::StrAppend(&csv, i, ",name", i, ",plain note,", i % 97, "\n");
    }
  }
  return csv;
}

// Replaces, inserts or deletes a few bytes after the header, favouring the
// bytes that matter to a CSV reader.
std::string Mutate(std::string csv, std::mt19937* rng) {
  static constexpr char kBytes[] = {'"',    '"',    '\n', '\r', ',',
                                    '\xFF', '\xE4', 'a',  '\t', '\0'};
  const size_t header = csv.find('\n') + 1;
  const int edits = 1 + static_cast<int>((*rng)() % 6);
  for (int e = 0; e < edits && csv.size() > header; ++e) {
    const size_t at = header + (*rng)() % (csv.size() - header);
    const char byte = kBytes[(*rng)() % sizeof(kBytes)];
    switch ((*rng)() % 3) {
      case 0:
        csv[at] = byte;
        break;
      case 1:
        csv.insert(csv.begin() + at, byte);
        break;
      default:
        csv.erase(at, 1);
    }
  }
  return csv;
}

TEST(LineAccountingTest, EveryPhysicalLineIsInExactlyOneRowOrBlank) {
  std::mt19937 rng(20240601);
  for (int round = 0; round < 400; ++round) {
    const std::string input = Mutate(ValidCsv(&rng, 40), &rng);
    RecordReaderOptions options = Csv();
    if (round % 3 == 0) options.max_row_bytes = 48;
    if (round % 4 == 0) options.encoding = TextEncoding::kGb18030;
    SCOPED_TRACE(absl::StrCat("round ", round, ": ", absl::CEscape(input)));
    std::istringstream in(input);
    SHUYUAN_ASSERT_OK_AND_ASSIGN(auto reader, RecordReader::Open(&in, options));
    // The physical lines: LF-terminated, plus an unterminated tail.
    std::vector<std::string> lines = absl::StrSplit(input, '\n');
    if (lines.back().empty()) lines.pop_back();
    std::vector<int> owner(lines.size() + 1, 0);  // 1-based line → rows
    owner[1] = 1;                                 // the header
    InputRow row;
    uint64_t rows = 0;
    while (reader->Next(&row)) {
      ++rows;
      ASSERT_GE(row.line_count, 1u);
      ASSERT_LE(row.line + row.line_count - 1, lines.size());
      for (uint64_t l = row.line; l < row.line + row.line_count; ++l) {
        ++owner[l];
      }
      EXPECT_EQ(row.issue == v1::ISSUE_CODE_UNSPECIFIED,
                row.issue_detail.empty());
      EXPECT_EQ(row.issue_detail.empty(), row.issue_detail_zh.empty());
    }
    SHUYUAN_ASSERT_OK(reader->status());
    EXPECT_EQ(reader->lines_read(), lines.size());
    for (size_t l = 1; l <= lines.size(); ++l) {
      const std::string& text = lines[l - 1];
      if (owner[l] == 0) {
        EXPECT_TRUE(text.empty() || text == "\r") << "line " << l;
      } else {
        EXPECT_EQ(owner[l], 1) << "line " << l;
      }
    }
  }
}

// Split support (shuyuan split / normalize --range): each row's offset is
// where its bytes start, and a reader moved to a row's offset reads the
// same rows, numbered the same, as the whole read from there on.
TEST(RangeTest, OffsetsAndSeekRangeAgreeWithAWholeRead) {
  const std::string input =
      "\xEF\xBB\xBF"
      "a,b\r\n\r\n1,\"x\r\ny\"\r\n2,\"z\n3,w\n\n4,\"q\"\"\"\n5,v";
  RecordReaderOptions options;
  const ReadResult whole = ReadAll(input, options);
  ASSERT_EQ(whole.rows.size(), 5u);
  for (const InputRow& row : whole.rows) {
    EXPECT_TRUE(row.offset == 0 || input[row.offset - 1] == '\n') << row.line;
  }
  EXPECT_EQ(input.substr(whole.rows[1].offset, 4), "2,\"z");
  for (size_t from = 0; from < whole.rows.size(); ++from) {
    for (size_t to = from; to <= whole.rows.size(); ++to) {
      std::istringstream in(input);
      auto reader = RecordReader::Open(&in, options);
      ASSERT_TRUE(reader.ok()) << reader.status();
      EXPECT_EQ((*reader)->offset(), 8u);  // BOM and "a,b\r\n"
      const uint64_t end =
          to == whole.rows.size() ? input.size() : whole.rows[to].offset;
      ASSERT_TRUE(
          (*reader)
              ->SeekRange(whole.rows[from].offset, end, whole.rows[from].line)
              .ok());
      InputRow row;
      for (size_t i = from; i < to; ++i) {
        ASSERT_TRUE((*reader)->Next(&row)) << from << ":" << to;
        EXPECT_EQ(row.line, whole.rows[i].line);
        EXPECT_EQ(row.offset, whole.rows[i].offset);
        EXPECT_EQ(row.raw, whole.rows[i].raw);
        EXPECT_EQ(row.issue_detail, whole.rows[i].issue_detail);
      }
      EXPECT_FALSE((*reader)->Next(&row)) << from << ":" << to;
      EXPECT_EQ((*reader)->offset(), end);
    }
  }
}

// NextChunk (the parallel pipeline's reading) stops at the range's end as
// Next does, whatever the chunk size.
TEST(RangeTest, NextChunkKeepsToTheRange) {
  const std::string input =
      "a,b\n1,\"x\ny\"\n2,\"z\n3,w\n\n4,\"q\"\"\"\n5,v\n6,u\n7,t";
  const ReadResult whole = ReadAll(input, RecordReaderOptions());
  ASSERT_EQ(whole.rows.size(), 7u);
  for (size_t chunk_bytes : {1, 5, 64}) {
    for (size_t from = 0; from < whole.rows.size(); ++from) {
      for (size_t to = from; to <= whole.rows.size(); ++to) {
        SCOPED_TRACE(absl::StrCat(chunk_bytes, " ", from, ":", to));
        std::istringstream in(input);
        auto reader = RecordReader::Open(&in, RecordReaderOptions());
        ASSERT_TRUE(reader.ok());
        const uint64_t end =
            to == whole.rows.size() ? input.size() : whole.rows[to].offset;
        ASSERT_TRUE(
            (*reader)
                ->SeekRange(whole.rows[from].offset, end, whole.rows[from].line)
                .ok());
        auto chunk_reader = (*reader)->NewChunkReader();
        ASSERT_TRUE(chunk_reader.ok());
        std::vector<InputRow> rows;
        RowChunk chunk;
        InputRow row;
        while ((*reader)->NextChunk(chunk_bytes, &chunk)) {
          for (const RowChunk::Piece& piece : chunk.pieces) {
            if (piece.parsed) {
              rows.push_back(chunk.rows[piece.begin]);
              continue;
            }
            (*chunk_reader)
                ->ReadRun(absl::string_view(chunk.text)
                              .substr(piece.begin, piece.end - piece.begin),
                          piece.first_line);
            while ((*chunk_reader)->Next(&row)) rows.push_back(row);
          }
        }
        EXPECT_EQ((*reader)->offset(), end);
        ASSERT_EQ(rows.size(), to - from);
        for (size_t i = from; i < to; ++i) {
          EXPECT_EQ(rows[i - from].line, whole.rows[i].line);
          EXPECT_EQ(rows[i - from].raw, whole.rows[i].raw);
          EXPECT_EQ(rows[i - from].issue_detail, whole.rows[i].issue_detail);
        }
      }
    }
  }
}

TEST(RangeTest, SeekRangeRefusesTheHeader) {
  std::istringstream in("a,b\n1,2\n");
  auto reader = RecordReader::Open(&in, RecordReaderOptions());
  ASSERT_TRUE(reader.ok());
  EXPECT_THAT((*reader)->SeekRange(2, 8, 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT((*reader)->SeekRange(8, 4, 2),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace shuyuan::codec
