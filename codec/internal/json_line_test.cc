// The simdjson path of ParseFlatJsonObject against the hand-written parser
// that defines the contract: every line simdjson accepts, the hand-written
// parser accepts with the same keys and values; what simdjson refuses is
// left to it. Edge cases, then random mutations of a realistic row.
#include "codec/internal/json_line.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "codec/internal/json_line_simd.h"
#include "codec/internal/text_decoder.h"
#include "gtest/gtest.h"

namespace shuyuan::codec_internal {
namespace {

void ExpectSimdAgrees(const std::string& line) {
  SCOPED_TRACE(absl::CEscape(line));
  std::vector<std::string> k1, v1, k2, v2;
  JsonLineError e1, e2;
  const bool by_hand = ParseFlatJsonObjectByHand(line, &k1, &v1, &e1);
  const bool both = ParseFlatJsonObject(line, &k2, &v2, &e2);
  EXPECT_EQ(both, by_hand);
  if (by_hand) {
    EXPECT_EQ(k2, k1);
    EXPECT_EQ(v2, v1);
  } else {
    EXPECT_STREQ(e2.message, e1.message);
    EXPECT_EQ(e2.offset, e1.offset);
  }
  std::vector<std::string> k3, v3;
  if (ParseFlatJsonObjectSimd(line, &k3, &v3)) {
    EXPECT_TRUE(by_hand) << "simdjson accepted what the contract refuses";
    EXPECT_EQ(k3, k1);
    EXPECT_EQ(v3, v1);
  }
}

TEST(JsonLineTest, SimdjsonAcceptsOnlyWhatTheContractAccepts) {
  for (const std::string line : {R"({})",
                                 R"( { "a" : "x" , "b" : 1 } )",
                                 R"({"a":-0.5e+3})",
                                 R"({"a":true,"b":false,"c":null})",
                                 R"({"a":"\u00e9\ud83d\ude00"})",
                                 R"({"a":"\"\\\/\b\f\n\r\t"})",
                                 R"({"a":1}})",
                                 R"({"a":1} x)",
                                 R"({"a":1}{"b":2})",
                                 R"({"a":01})",
                                 R"({"a":1.})",
                                 R"({"a":-})",
                                 R"({"a":1e400})",
                                 R"({"a":123456789012345678901234567890})",
                                 R"({"a":tru})",
                                 R"({"a":1,})",
                                 R"({"a":{"b":1}})",
                                 R"({"a":[1]})",
                                 R"({"a":"x","a":"y"})",
                                 R"({"\u0061":1,"a":2})",
                                 R"({"a":"\ud800"})",
                                 R"({"a":"\x"})",
                                 "{\"a\":\"x\x01y\"}",
                                 R"([1])",
                                 R"("a")",
                                 R"()",
                                 R"({"a" 1})",
                                 R"({a:1})",
                                 R"({"a":"1"   )",
                                 "{\"a\":\"\\u0000\"}",
                                 "{\"a\":1}\t",
                                 "{\"中文\":\"值\"}"}) {
    ExpectSimdAgrees(line);
  }
}

TEST(JsonLineTest, RandomMutationsAgree) {
  const std::string row =
      R"({"统一社会信用代码":"91110000600037341L","注册资本":160.5,)"
      R"("成立日期":"2015年3月8日","x":null,"y":true,"z":"a\"b\\c\u4e2d"})";
  const std::string pieces[] = {"{", "}", "\"", ",",    ":",   "\\", "1",
                                "e", " ", "[",  "null", "\\u", "-",  "."};
  std::mt19937 rng(3);
  int accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string line = row;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < edits; ++i) {
      size_t at = rng() % (line.size() + 1);
      // At a character boundary, so that the line stays UTF-8.
      while (at < line.size() && (line[at] & 0xC0) == 0x80) --at;
      if (rng() % 2 == 0 && at < line.size() &&
          static_cast<unsigned char>(line[at]) < 0x80) {
        line.erase(at, 1);
      } else {
        line.insert(at, pieces[rng() % std::size(pieces)]);
      }
    }
    // The reader parses decoded text: valid UTF-8.
    ASSERT_EQ(FindInvalidUtf8(line), std::string::npos);
    ExpectSimdAgrees(line);
    std::vector<std::string> keys, values;
    accepted += ParseFlatJsonObjectSimd(line, &keys, &values);
  }
  EXPECT_GT(accepted, 100);  // the fast path was exercised
}

}  // namespace
}  // namespace shuyuan::codec_internal
