#include "codec/internal/yaml_to_json.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {
namespace {

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

// Converts `yaml` for `root`; returns the JSON documents or the error.
absl::StatusOr<std::vector<JsonDocument>> Convert(
    const std::string& yaml, const google::protobuf::Descriptor& root,
    const YamlToJsonOptions& options = {}) {
  std::vector<JsonDocument> documents;
  absl::Status status =
      ConvertYamlToJson(yaml, "t.yaml", root, options, [&](JsonDocument d) {
        documents.push_back(std::move(d));
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return documents;
}

std::string OneJson(const std::string& yaml,
                    const google::protobuf::Descriptor& root,
                    const YamlToJsonOptions& options = {}) {
  absl::StatusOr<std::vector<JsonDocument>> documents =
      Convert(yaml, root, options);
  EXPECT_THAT(documents, IsOk());
  if (!documents.ok() || documents->size() != 1) return "<none>";
  return (*documents)[0].json;
}

TEST(EditDistanceTest, CountsEditsAndTranspositions) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("max_lenght", "max_length"), 1);
  EXPECT_EQ(EditDistance("STRNG", "STRING"), 1);
  EXPECT_EQ(EditDistance("string", "STRING"), 0);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
}

TEST(YamlToJsonTest, WritesProtoNamesAndTypedScalars) {
  EXPECT_EQ(OneJson(R"(dataElement:
  id: 007
  dataType: DATE
  valueDomain: {maxLength: +12, min_length: 0}
  aliases: {"a\"b": "c\\d\n"}
  synonyms: [x, 'y']
)",
                    *v1::DefinitionDocument::descriptor()),
            R"({"data_element":{"id":"007","data_type":"DATE",)"
            R"("value_domain":{"max_length":12,"min_length":0},)"
            R"("aliases":{"a\"b":"c\\d\n"},"synonyms":["x","y"]}})");
}

TEST(YamlToJsonTest, SixtyFourBitIntegersAndDoublesFollowTheJsonMapping) {
  const google::protobuf::Descriptor& option =
      *google::protobuf::UninterpretedOption::descriptor();
  EXPECT_EQ(OneJson("positive_int_value: 18446744073709551615\n"
                    "negative_int_value: -9223372036854775808\n"
                    "double_value: 1.5e3\n",
                    option),
            R"({"positive_int_value":"18446744073709551615",)"
            R"("negative_int_value":"-9223372036854775808",)"
            R"("double_value":1500})");
  EXPECT_EQ(OneJson("double_value: -.inf\n", option),
            R"({"double_value":"-Infinity"})");
  EXPECT_THAT(Convert("positive_int_value: 18446744073709551616\n", option),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "t.yaml:1: field 'positive_int_value': "
                       "'18446744073709551616' is out of range for uint64"));
  EXPECT_THAT(Convert("double_value: 1,5\n", option),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "t.yaml:1: field 'double_value': expected a number, "
                       "found '1,5'"));
}

TEST(YamlToJsonTest, Proto2EnumsBoolsAndNestedLists) {
  EXPECT_EQ(OneJson(R"(name: a.proto
message_type:
  - name: M
    field:
      - {name: f, number: 1, label: LABEL_OPTIONAL, type: TYPE_STRING}
options: {java_multiple_files: True, optimize_for: SPEED}
)",
                    *google::protobuf::FileDescriptorProto::descriptor()),
            R"({"name":"a.proto","message_type":[{"name":"M","field":[)"
            R"({"name":"f","number":1,"label":"LABEL_OPTIONAL",)"
            R"("type":"TYPE_STRING"}]}],"options":{"java_multiple_files":)"
            R"(true,"optimize_for":"SPEED"}})");
}

TEST(YamlToJsonTest, WithoutRequiredOneofAnyMappingIsADocument) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      std::vector<JsonDocument> documents,
      Convert("{}\n---\n\nname: x\n",
              *google::protobuf::FileDescriptorProto::descriptor()));
  EXPECT_THAT(documents,
              ElementsAre(Field(&JsonDocument::json, "{}"),
                          Field(&JsonDocument::json, R"({"name":"x"})")));
  EXPECT_EQ(documents[1].line, 4);
}

TEST(YamlToJsonTest, DocumentListsCanBeTurnedOff) {
  YamlToJsonOptions options;
  options.allow_document_lists = false;
  EXPECT_THAT(
      Convert("- name: x\n",
              *google::protobuf::FileDescriptorProto::descriptor(), options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "t.yaml:1: a document must be a mapping"));
}

TEST(YamlToJsonTest, MaxDepthIsEnforced) {
  YamlToJsonOptions options;
  options.max_depth = 3;
  const auto& file = *google::protobuf::FileDescriptorProto::descriptor();
  SHUYUAN_EXPECT_OK(Convert("message_type: [{name: M}]\n", file, options));
  EXPECT_THAT(Convert("message_type: [{field: [{name: f}]}]\n", file, options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "t.yaml:1: field 'message_type[0].field': nested "
                       "deeper than 3 levels"));
}

TEST(YamlToJsonTest, RefusedFieldsAreRefusedAnywhere) {
  YamlToJsonOptions options;
  options.refused_fields.emplace("number", "numbers are assigned elsewhere");
  EXPECT_THAT(
      Convert("message_type:\n  - field:\n      - name: f\n        number: 1\n",
              *google::protobuf::FileDescriptorProto::descriptor(), options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "t.yaml:4: field 'message_type[0].field[0].number': numbers "
               "are assigned elsewhere"));
}

TEST(YamlToJsonTest, CallbackErrorsStopTheConversion) {
  int calls = 0;
  absl::Status status = ConvertYamlToJson(
      "name: a\n---\nname: b\n---\nname: c\n", "t.yaml",
      *google::protobuf::FileDescriptorProto::descriptor(), {},
      [&](JsonDocument) {
        ++calls;
        return calls == 2 ? absl::AbortedError("stop") : absl::OkStatus();
      });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted, "stop"));
  EXPECT_EQ(calls, 2);
}

TEST(YamlToJsonTest, UnknownRequiredOneofIsRefused) {
  YamlToJsonOptions options;
  options.required_oneof = "nope";
  EXPECT_THAT(Convert("{}", *v1::DefinitionDocument::descriptor(), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("has no oneof 'nope'")));
}

}  // namespace
}  // namespace shuyuan::codec_internal
