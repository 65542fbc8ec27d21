#include "registry/internal/search_tokens.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::registry_internal {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Not;

TEST(SearchTokensTest, ChineseIsIndexedByUnigramsAndBigrams) {
  const std::vector<std::string> tokens = IndexTokens({"公民身份号码"});
  EXPECT_THAT(tokens, IsSupersetOf({"公", "身", "公民", "身份", "号码"}));
  // Every query token of a substring is indexed: 身份 finds 公民身份号码.
  for (const char* query : {"身份", "民身份号", "码", "公民身份号码"}) {
    for (const std::string& token : QueryTokens(query)) {
      EXPECT_THAT(tokens, Contains(token)) << query;
    }
  }
  EXPECT_THAT(QueryTokens("身份"), ElementsAre("身份"));
  EXPECT_THAT(QueryTokens("身"), ElementsAre("身"));
}

TEST(SearchTokensTest, EnglishWordsMatchByPrefixIgnoringCase) {
  const std::vector<std::string> tokens =
      IndexTokens({"Citizen identity number"});
  EXPECT_THAT(tokens, IsSupersetOf({"c", "cit", "citizen", "identity"}));
  EXPECT_THAT(QueryTokens("CIT Iden"), ElementsAre("cit", "iden"));
  for (const std::string& token : QueryTokens("citizen ID")) {
    EXPECT_THAT(tokens, Contains(token));
  }
}

TEST(SearchTokensTest, SeparatorsSplitRunsAndNothingCrossesThem) {
  const std::vector<std::string> tokens = IndexTokens({"法人·代表"});
  EXPECT_THAT(tokens, Not(Contains("人代")));
  EXPECT_THAT(tokens, Contains("法人"));
  EXPECT_THAT(QueryTokens("  ,, "), ElementsAre());
  EXPECT_EQ(FoldCase("GMSFHM 身份"), "gmsfhm 身份");
}

TEST(SearchTokensTest, IllFormedTextStillTokenizes) {
  const std::string bad = "\xE8\xBA\xAB\xFF\xE4";
  EXPECT_THAT(IndexTokens({bad}), Contains("身"));
  EXPECT_THAT(QueryTokens(bad), Contains("身\xFF"));
}

}  // namespace
}  // namespace shuyuan::registry_internal
