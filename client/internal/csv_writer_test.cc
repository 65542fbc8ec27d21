#include "client/internal/csv_writer.h"

#include <string>

#include "gtest/gtest.h"

namespace shuyuan::client_internal {
namespace {

std::string Field(absl::string_view value, char delimiter = ',') {
  std::string out;
  AppendCsvField(value, delimiter, &out);
  return out;
}

TEST(CsvWriterTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(Field("plain 文本"), "plain 文本");
  EXPECT_EQ(Field(""), "");
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("line\r\nbreak"), "\"line\r\nbreak\"");
  EXPECT_EQ(Field(" padded"), "\" padded\"");
  EXPECT_EQ(Field("a\tb"), "a\tb");
  EXPECT_EQ(Field("a\tb", '\t'), "\"a\tb\"");
}

TEST(CsvWriterTest, ValuesOfEveryLengthAreScannedToTheirLastByte) {
  for (size_t length = 1; length <= 40; ++length) {
    const std::string text(length, 'x');
    EXPECT_EQ(Field(text), text);
    for (const char special : {',', '"', '\n', '\r'}) {
      for (size_t at = 0; at < length; ++at) {
        std::string value = text;
        value[at] = special;
        const std::string want =
            special == '"' ? value.substr(0, at) + "\"\"" + value.substr(at + 1)
                           : value;
        EXPECT_EQ(Field(value), "\"" + want + "\"") << length << " " << at;
      }
    }
  }
}

TEST(CsvWriterTest, WriteCsvFieldStaysWithinItsBound) {
  for (const std::string value : {"", "a", "\"\"\"", " x ", "a,b\"c"}) {
    std::string buffer(CsvFieldBound(value) + 1, '#');
    char* end = WriteCsvField(value, ',', buffer.data());
    EXPECT_LE(end - buffer.data(), static_cast<long>(CsvFieldBound(value)));
    EXPECT_EQ(buffer.back(), '#');
    EXPECT_EQ(std::string(buffer.data(), end), Field(value));
  }
}

TEST(CsvWriterTest, LongValuesAreScannedToTheirLastByte) {
  const std::string text(40, 'x');  // past the 16-byte blocks
  EXPECT_EQ(Field(text), text);
  for (const char special : {',', '"', '\n', '\r'}) {
    for (size_t at : {0, 15, 16, 31, 39}) {
      std::string value = text;
      value[at] = special;
      std::string want =
          special == '"' ? value.substr(0, at) + "\"\"" + value.substr(at + 1)
                         : value;
      EXPECT_EQ(Field(value), "\"" + want + "\"") << at;
    }
  }
}

}  // namespace
}  // namespace shuyuan::client_internal
