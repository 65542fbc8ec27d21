// RecordReader::NextChunk and chunk readers against Next: the same rows,
// line for line and byte for byte, whatever the chunk size, on inputs made
// to break the cut (stray quotes, quoted line ends, CRLF, blank lines, rows
// over max_row_bytes, GB18030, JSONL, TSV, no final LF).
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "codec/record_reader.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

struct Rows {
  std::vector<InputRow> rows;
  uint64_t lines = 0;
  uint64_t bytes = 0;
};

Rows ReadByRows(const std::string& input, const RecordReaderOptions& options) {
  Rows out;
  std::istringstream in(input);
  auto reader = RecordReader::Open(&in, options);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return out;
  InputRow row;
  while ((*reader)->Next(&row)) out.rows.push_back(row);
  out.lines = (*reader)->lines_read();
  out.bytes = (*reader)->bytes_read();
  return out;
}

Rows ReadByChunks(const std::string& input, const RecordReaderOptions& options,
                  size_t chunk_bytes) {
  Rows out;
  std::istringstream in(input);
  auto reader = RecordReader::Open(&in, options);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return out;
  auto chunk_reader = (*reader)->NewChunkReader();
  EXPECT_TRUE(chunk_reader.ok()) << chunk_reader.status();
  RowChunk chunk;
  InputRow row;
  while ((*reader)->NextChunk(chunk_bytes, &chunk)) {
    EXPECT_GT(chunk.bytes, 0u);
    for (const RowChunk::Piece& piece : chunk.pieces) {
      if (piece.parsed) {
        out.rows.push_back(chunk.rows[piece.begin]);
        continue;
      }
      (*chunk_reader)
          ->ReadRun(absl::string_view(chunk.text)
                        .substr(piece.begin, piece.end - piece.begin),
                    piece.first_line);
      while ((*chunk_reader)->Next(&row)) out.rows.push_back(row);
      EXPECT_TRUE((*chunk_reader)->status().ok());
    }
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status();
  out.lines = (*reader)->lines_read();
  out.bytes = (*reader)->bytes_read();
  return out;
}

// Compares everything but `index`, which chunk readers count per run.
void ExpectSameRows(const Rows& want, const Rows& got) {
  EXPECT_EQ(got.lines, want.lines);
  EXPECT_EQ(got.bytes, want.bytes);
  ASSERT_EQ(got.rows.size(), want.rows.size());
  for (size_t i = 0; i < want.rows.size(); ++i) {
    SCOPED_TRACE(absl::StrCat("row ", i));
    const InputRow& a = want.rows[i];
    const InputRow& b = got.rows[i];
    EXPECT_EQ(b.line, a.line);
    EXPECT_EQ(b.line_count, a.line_count);
    EXPECT_EQ(b.values, a.values);
    EXPECT_EQ(b.keys, a.keys);
    EXPECT_EQ(b.raw, a.raw);
    EXPECT_EQ(b.issue, a.issue);
    EXPECT_EQ(b.issue_detail, a.issue_detail);
    EXPECT_EQ(b.issue_detail_zh, a.issue_detail_zh);
  }
}

void ExpectChunksReadAsRows(const std::string& input,
                            const RecordReaderOptions& options) {
  SCOPED_TRACE(absl::CEscape(input));
  const Rows want = ReadByRows(input, options);
  for (size_t chunk_bytes : {1, 2, 7, 16, 33, 100, 4096}) {
    SCOPED_TRACE(absl::StrCat("chunk_bytes ", chunk_bytes));
    ExpectSameRows(want, ReadByChunks(input, options, chunk_bytes));
  }
}

RecordReaderOptions Options(RecordFormat format, size_t max_row_bytes = 64) {
  RecordReaderOptions options;
  options.format = format;
  options.max_row_bytes = max_row_bytes;
  return options;
}

TEST(RecordReaderChunksTest, CsvRowsThatQuotesCarryOrBreak) {
  const RecordReaderOptions csv = Options(RecordFormat::kCsv);
  for (const std::string& input : std::vector<std::string>{
           "a,b,c\n1,2,3\n4,5,6\n",
           "a,b,c\r\n1,\"x,y\",3\r\n\r\n4,5,6",
           "a,b,c\n1,\"two\nlines\",3\n4,5,6\n",
           "a,b,c\n1,\"stray,2,3\n4,5,6\n7,8,9\n",
           "a,b,c\n1,2\"3,4\n\"open,5,6\n7,\"8\n9\",x\n",
           "a,b,c\n\"\"\"q\"\"\",2,3\n1,2,\"unclosed\n",
           "a,b,c\n1,\"x\"y,3\n4,5,6,7\n\n\n8,9,10\n",
           "a,b,c\n1,2,3\n" + std::string(100, 'z') + "\n4,5,6\n",
           "a,b,c\n1,\"" + std::string(100, 'q') + "\n\",3\n4,5,6\n",
           "a,b,c\n1,\"long\n" + std::string(80, 'w') + "\",3\n4,5,6\n",
           "a,b,c\n1,2,\xff\xfe\n4,\"\xe4\xb8\n\",6\n",
           "a,b,c\n1,2,3",
           "a,b,c\n1,2,\"3",
       }) {
    ExpectChunksReadAsRows(input, csv);
  }
}

TEST(RecordReaderChunksTest, Gb18030Csv) {
  RecordReaderOptions csv = Options(RecordFormat::kCsv);
  csv.encoding = TextEncoding::kGb18030;
  // 中文 in GB18030 (D6 D0 CE C4), a bad byte pair, a quoted line end.
  ExpectChunksReadAsRows(
      "a,b\n\xd6\xd0,\xce\xc4\n\x81\x22,1\n\"\xd6\xd0\n\",2\n\xce\xc4,3\n",
      csv);
}

TEST(RecordReaderChunksTest, TsvAndJsonl) {
  ExpectChunksReadAsRows(
      "a\tb\n1\t\"2\n3\t4\t5\n\n" + std::string(70, 't') + "\n6\t7",
      Options(RecordFormat::kTsv));
  ExpectChunksReadAsRows(
      "{\"a\":\"1\"}\n  \n{\"a\":\"x\",\"a\":\"y\"}\r\n{\"a\":[1]}\n{\"b\":\"" +
          std::string(80, 'j') + "\"}\n{\"a\":2}",
      Options(RecordFormat::kJsonl));
}

TEST(RecordReaderChunksTest, LinesOfAMegabyteAreParsedByTheTakingReader) {
  const std::string long_value(size_t{3} << 20, 'v');
  const std::string input =
      "a,b\n1," + long_value + "\n2,3\n4,\"" + long_value + "\n\",5\n6,7\n";
  ExpectSameRows(
      ReadByRows(input, Options(RecordFormat::kCsv, 16 << 20)),
      ReadByChunks(input, Options(RecordFormat::kCsv, 16 << 20), 1 << 20));
  ExpectSameRows(ReadByRows(input, Options(RecordFormat::kCsv, 1000)),
                 ReadByChunks(input, Options(RecordFormat::kCsv, 1000), 4096));
}

TEST(RecordReaderChunksTest, RandomMutationsOfAQuotedCsv) {
  std::mt19937 rng(11);
  const std::string pieces[] = {",",  "\"",   "\n", "\r\n", "x",
                                "中", "\"\"", " ",  "\xff"};
  for (int round = 0; round < 300; ++round) {
    std::string input = "a,b,c\n";
    const int n = 5 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) input += pieces[rng() % std::size(pieces)];
    ExpectChunksReadAsRows(input, Options(RecordFormat::kCsv, 12));
  }
}

}  // namespace
}  // namespace shuyuan::codec
