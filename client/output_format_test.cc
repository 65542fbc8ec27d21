#include "client/output_format.h"

#include <yaml-cpp/yaml.h>

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::client {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DisplayWidthTest, CountsWideCharactersTwice) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("GMSFHM"), 6);
  EXPECT_EQ(DisplayWidth("公民身份号码"), 12);
  EXPECT_EQ(DisplayWidth("中a"), 3);
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4);       // fullwidth forms
  EXPECT_EQ(DisplayWidth("，。、"), 6);     // CJK punctuation
  EXPECT_EQ(DisplayWidth("①"), 1);          // ambiguous width: narrow
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);  // e + combining acute
  EXPECT_EQ(DisplayWidth("a\xE2\x80\x8B"
                         "b"),
            2);                            // zero-width space
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2);  // invalid bytes: one each
}

TEST(DisplayWidthTest, PadsToDisplayColumns) {
  EXPECT_EQ(PadToWidth("性别", 6), "性别  ");
  EXPECT_EQ(PadToWidth("ab", 6), "ab    ");
  EXPECT_EQ(PadToWidth("公民身份号码", 4), "公民身份号码");
}

TEST(TableTest, AlignsColumnsByDisplayWidth) {
  Table table({"ID", "NAME", "STATUS"});
  table.AddRow({"GMSFHM", "公民身份号码", "STANDARD"});
  table.AddRow({"XBDM", "性别代码", "CANDIDATE"});
  table.AddRow({"ZZJGDM", "Organization code", "RETIRED"});
  std::ostringstream out;
  table.Print(out);
  const std::vector<std::string> lines =
      absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "ID      NAME               STATUS");
  // The third column starts at the same display column on every line.
  for (const std::string& line : lines) {
    const size_t status = line.find_last_of(' ') + 1;
    EXPECT_EQ(DisplayWidth(line.substr(0, status)), 27) << line;
  }
  EXPECT_EQ(lines[1], "GMSFHM  公民身份号码       STANDARD");
}

TEST(TableTest, NoTrailingSpacesAndShortRows) {
  Table table({"A", "B"});
  table.AddRow({"xxxx", ""});
  table.AddRow({"y"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(), "A     B\nxxxx\ny\n");
}

v1::ItemSummary Summary() {
  v1::ItemSummary item;
  item.set_kind(v1::CODE_LIST);
  item.set_id("01");
  item.set_version(3);
  item.set_registration_status(v1::STANDARD);
  item.set_name_zh("true");
  item.set_name_en("a: b # c");
  item.set_content_hash("");
  return item;
}

TEST(MessageToJsonTest, ProtobufFieldNamesAndDefaults) {
  v1::ApplyResponse response;
  response.add_items()->set_id("XBDM");
  const std::string json = MessageToJson(response);
  EXPECT_THAT(json, HasSubstr("\"applied\": false"));
  EXPECT_THAT(json, HasSubstr("\"registration_status\": "
                              "\"REGISTRATION_STATUS_UNSPECIFIED\""));
  v1::ApplyResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(parsed, response));
  EXPECT_THAT(MessageToJson(response, /*pretty=*/false), Not(HasSubstr("\n")));
  EXPECT_THAT(MessageToJson(response, true, /*include_defaults=*/false),
              Not(HasSubstr("applied")));
}

TEST(MessageToYamlTest, KeepsStringsStringsAndFieldOrder) {
  const std::string yaml = MessageToYaml(Summary());
  EXPECT_THAT(yaml, HasSubstr("id: \"01\""));
  EXPECT_THAT(yaml, HasSubstr("name_zh: \"true\""));
  EXPECT_LT(yaml.find("kind:"), yaml.find("id:"));
  EXPECT_LT(yaml.find("id:"), yaml.find("version:"));
  const YAML::Node node = YAML::Load(yaml);
  EXPECT_EQ(node["kind"].as<std::string>(), "CODE_LIST");
  EXPECT_EQ(node["id"].as<std::string>(), "01");
  EXPECT_EQ(node["version"].as<int>(), 3);
  EXPECT_EQ(node["name_zh"].as<std::string>(), "true");
  EXPECT_EQ(node["name_en"].as<std::string>(), "a: b # c");
  EXPECT_EQ(node["content_hash"].as<std::string>(), "");
}

TEST(MessageToYamlTest, NestedListsAndChinese) {
  v1::SearchResponse response;
  v1::SearchHit* hit = response.add_hits();
  hit->mutable_item()->set_name_zh("公民身份号码");
  hit->set_match("name");
  response.add_hits()->set_match("synonym");
  const YAML::Node node = YAML::Load(MessageToYaml(response));
  ASSERT_TRUE(node["hits"].IsSequence());
  ASSERT_EQ(node["hits"].size(), 2u);
  EXPECT_EQ(node["hits"][0]["item"]["name_zh"].as<std::string>(),
            "公民身份号码");
  EXPECT_EQ(node["hits"][1]["match"].as<std::string>(), "synonym");
}

TEST(ParseOutputFormatTest, NamesTheChoices) {
  EXPECT_EQ(*ParseOutputFormat("yaml"), OutputFormat::kYaml);
  EXPECT_EQ(*ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_THAT(std::string(ParseOutputFormat("xml").status().message()),
              HasSubstr("table, yaml, json"));
}

}  // namespace
}  // namespace shuyuan::client
