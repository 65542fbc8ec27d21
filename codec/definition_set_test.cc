#include "codec/definition_set.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/content_hash.h"
#include "codec/definition_error.h"
#include "codec/definition_loader.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

namespace fs = std::filesystem;

using ::shuyuan::testing::IsOk;
using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A fresh temporary folder per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (fs::temp_directory_path() / "definition_set_testXXXXXX").string();
    EXPECT_NE(mkdtemp(pattern.data()), nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  // Writes `contents` to `relative` (creating folders) and returns its path.
  std::string Write(const std::string& relative, const std::string& contents) {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
    return file.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

LoadedDocument ElementDocument(const std::string& id, int line,
                               uint32_t version = 0) {
  LoadedDocument document;
  document.document.mutable_data_element()->set_id(id);
  if (version != 0) {
    document.document.mutable_data_element()
        ->mutable_version_info()
        ->set_version(version);
  }
  document.location = {"defs.yaml", line};
  return document;
}

std::vector<std::string> ElementIds(const DefinitionSet& set) {
  std::vector<std::string> ids;
  for (const v1::DataElement* element : set.elements()) {
    ids.push_back(element->id());
  }
  return ids;
}

TEST(DefinitionSetTest, LoadsADirectoryRecursivelyInPathOrder) {
  TempDir dir;
  dir.Write("b/person.yaml", R"(data_element:
  id: XBDM
  value_domain: {code_list: GB_T_2261_1}
---
record_schema:
  id: PERSON
  fields:
    - {name: xbdm, element: XBDM}
)");
  dir.Write("a/codes.yml",
            "code_list:\n  id: GB_T_2261_1\n  entries:\n"
            "    - {code: 1, name_zh: 男性}\n");
  dir.Write("c.json",
            R"({"data_element": {"id": "CSRQ", "dataType": "DATE"}})");
  dir.Write("README.md", "not a definition: ignored");
  dir.Write(".hidden/broken.yaml", "this: [is not loaded");
  dir.Write(".swap.yaml", "neither: [is this");

  SHUYUAN_ASSERT_OK_AND_ASSIGN(DefinitionSet set,
                               DefinitionSet::Load(dir.path()));
  EXPECT_EQ(set.size(), 4u);
  EXPECT_THAT(ElementIds(set), ElementsAre("XBDM", "CSRQ"));
  ASSERT_EQ(set.code_lists().size(), 1u);
  EXPECT_EQ(set.code_lists()[0]->entries(0).code(), "1");
  ASSERT_EQ(set.schemas().size(), 1u);

  const v1::RecordSchema* schema = set.FindSchema("PERSON");
  ASSERT_NE(schema, nullptr);
  const v1::DataElement* element = set.FindElement(schema->fields(0).element());
  ASSERT_NE(element, nullptr);
  EXPECT_EQ(element->id(), "XBDM");
  const v1::CodeList* codes =
      set.FindCodeList(element->value_domain().code_list());
  ASSERT_NE(codes, nullptr);
  EXPECT_EQ(codes->id(), "GB_T_2261_1");

  const SourceLocation* where = set.SchemaLocation("PERSON");
  ASSERT_NE(where, nullptr);
  EXPECT_EQ(where->file, (fs::path(dir.path()) / "b/person.yaml").string());
  EXPECT_EQ(where->line, 5);
  ASSERT_NE(set.CodeListLocation("GB_T_2261_1"), nullptr);
  EXPECT_EQ(set.CodeListLocation("GB_T_2261_1")->line, 1);
  EXPECT_EQ(set.ElementLocation("CSRQ")->file,
            (fs::path(dir.path()) / "c.json").string());
  EXPECT_EQ(set.ElementLocation("NOPE"), nullptr);
}

TEST(DefinitionSetTest, LoadsOneFile) {
  TempDir dir;
  const std::string file =
      dir.Write("one.txt", "code_list: {id: A}\n---\ncode_list: {id: B}\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(DefinitionSet set, DefinitionSet::Load(file));
  ASSERT_EQ(set.code_lists().size(), 2u);
  EXPECT_EQ(set.code_lists()[1]->id(), "B");
  EXPECT_EQ(set.CodeListLocation("B")->line, 3);
}

TEST(DefinitionSetTest, ErrorsNameTheFileAndLine) {
  TempDir dir;
  const std::string bad = dir.Write("x/bad.yaml",
                                    "code_list: {id: A}\n---\ndata_element:\n"
                                    "  data_type: STRNG\n");
  EXPECT_THAT(DefinitionSet::Load(dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(
                           bad,
                           ":4: field 'data_element.data_type': 'STRNG' "
                           "is not one of"))));
}

TEST(DefinitionSetTest, MissingPathIsNotFound) {
  TempDir dir;
  const std::string missing = dir.path() + "/nothing-here";
  EXPECT_THAT(DefinitionSet::Load(missing),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(missing)));
}

TEST(DefinitionSetTest, DuplicateIdsNameBothLocations) {
  TempDir dir;
  const std::string first = dir.Write("a.yaml", "data_element: {id: XM}\n");
  const std::string second = dir.Write(
      "b.yaml", "code_list: {id: XM}\n---\ndata_element:\n  id: XM\n");
  EXPECT_THAT(DefinitionSet::Load(dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       absl::StrCat(second,
                                    ":3: duplicate data_element 'XM': already "
                                    "defined at ",
                                    first, ":1")));
}

TEST(DefinitionSetTest, AddChecksIds) {
  DefinitionSet set;
  SHUYUAN_EXPECT_OK(set.Add(ElementDocument("GB_T_2261.1-2003", 1)));
  SHUYUAN_EXPECT_OK(set.Add(ElementDocument(std::string(64, 'a'), 2)));
  EXPECT_THAT(set.Add(ElementDocument(std::string(65, 'a'), 3)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("defs.yaml:3: field 'data_element.id'")));
  EXPECT_THAT(set.Add(ElementDocument("1ABC", 4)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "defs.yaml:4: field 'data_element.id': '1ABC' is not a "
                       "valid id ([A-Za-z][A-Za-z0-9_.-]{0,63})"));
  EXPECT_THAT(set.Add(ElementDocument("A B", 5)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(set.Add(ElementDocument("", 6)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "defs.yaml:6: field 'data_element.id': an id is "
                       "required"));
  EXPECT_THAT(set.Add(LoadedDocument{{}, {"empty.yaml", 9}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("empty.yaml:9: the document holds no")));
  EXPECT_THAT(ElementIds(set),
              ElementsAre("GB_T_2261.1-2003", std::string(64, 'a')));
}

TEST(DefinitionSetTest, ResolvesReferences) {
  DefinitionSet set;
  SHUYUAN_ASSERT_OK(set.Add(ElementDocument("XM", 1)));
  const v1::DataElement* xm = set.FindElement("XM");
  ASSERT_NE(xm, nullptr);
  EXPECT_EQ(set.FindElement("XM@latest"), xm);
  // Files carry no versions: a pinned reference finds the local item.
  EXPECT_EQ(set.FindElement("XM@3"), xm);
  EXPECT_EQ(set.FindElement("XM@0"), nullptr);
  EXPECT_EQ(set.FindElement("XM@"), nullptr);
  EXPECT_EQ(set.FindElement("XM@x"), nullptr);
  EXPECT_EQ(set.FindElement("XM@-1"), nullptr);
  EXPECT_EQ(set.FindElement("xm"), nullptr);
  EXPECT_EQ(set.FindElement(""), nullptr);
  EXPECT_EQ(set.FindCodeList("XM"), nullptr);
  EXPECT_EQ(set.FindSchema("XM"), nullptr);
}

TEST(DefinitionSetTest, VersionedItemsResolveByVersion) {
  DefinitionSet set;
  SHUYUAN_ASSERT_OK(set.Add(ElementDocument("XM", 1, 2)));
  SHUYUAN_ASSERT_OK(set.Add(ElementDocument("XM", 2, 5)));
  EXPECT_EQ(set.FindElement("XM@2")->version_info().version(), 2u);
  EXPECT_EQ(set.FindElement("XM@5")->version_info().version(), 5u);
  EXPECT_EQ(set.FindElement("XM")->version_info().version(), 5u);
  EXPECT_EQ(set.FindElement("XM@latest")->version_info().version(), 5u);
  EXPECT_EQ(set.FindElement("XM@3"), nullptr);
  EXPECT_EQ(set.ElementLocation("XM@2")->line, 1);
  EXPECT_THAT(set.Add(ElementDocument("XM", 3, 5)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "defs.yaml:3: duplicate data_element 'XM@5': already "
                       "defined at defs.yaml:2"));
  EXPECT_THAT(set.Add(ElementDocument("XM", 4)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("duplicate data_element 'XM'")));
}

TEST(DefinitionSetTest, PointersSurviveMovesAndGrowth) {
  DefinitionSet set;
  SHUYUAN_ASSERT_OK(set.Add(ElementDocument("E0", 1)));
  const v1::DataElement* first = set.FindElement("E0");
  for (int i = 1; i < 1000; ++i) {
    SHUYUAN_ASSERT_OK(set.Add(ElementDocument(absl::StrCat("E", i), i + 1)));
  }
  DefinitionSet moved = std::move(set);
  EXPECT_EQ(moved.FindElement("E0"), first);
  EXPECT_EQ(first->id(), "E0");
  EXPECT_EQ(moved.elements().size(), 1000u);
  EXPECT_EQ(moved.elements()[999]->id(), "E999");
}

TEST(DefinitionSetTest, BundleRoundTrip) {
  v1::Bundle bundle;
  v1::RecordSchema* schema = bundle.mutable_schema();
  schema->set_id("PERSON");
  schema->mutable_version_info()->set_version(3);
  v1::SchemaField* field = schema->add_fields();
  field->set_name("xbdm");
  field->set_element("XBDM@2");
  v1::DataElement* element = bundle.add_elements();
  element->set_id("XBDM");
  element->set_data_type(v1::STRING);
  element->mutable_value_domain()->set_code_list("GB_T_2261_1@1");
  element->mutable_version_info()->set_version(2);
  v1::CodeList* codes = bundle.add_code_lists();
  codes->set_id("GB_T_2261_1");
  codes->mutable_version_info()->set_version(1);
  codes->add_entries()->set_code("1");
  v1::CodingRule* rule = bundle.add_coding_rules();
  rule->set_id("ZJ_CODE");
  rule->mutable_version_info()->set_version(4);
  rule->add_segments()->set_name("body");

  TempDir dir;
  const std::string file = dir.Write("person.bundle", "");
  {
    std::ofstream out(file, std::ios::binary);
    ASSERT_TRUE(bundle.SerializeToOstream(&out));
  }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(DefinitionSet set, DefinitionSet::Load(file));
  EXPECT_EQ(set.size(), 4u);
  ASSERT_NE(set.FindCodingRule("ZJ_CODE@4"), nullptr);
  EXPECT_EQ(set.FindCodingRule("ZJ_CODE@4")->segments(0).name(), "body");
  EXPECT_EQ(set.FindCodingRule("ZJ_CODE@3"), nullptr);
  const v1::RecordSchema* loaded = set.FindSchema("PERSON@3");
  ASSERT_NE(loaded, nullptr);
  const v1::DataElement* xbdm = set.FindElement(loaded->fields(0).element());
  ASSERT_NE(xbdm, nullptr);
  EXPECT_EQ(xbdm->data_type(), v1::STRING);
  const v1::CodeList* list = set.FindCodeList(xbdm->value_domain().code_list());
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->entries(0).code(), "1");
  EXPECT_EQ(set.FindElement("XBDM@1"), nullptr);
  EXPECT_EQ(set.ElementLocation("XBDM")->file, file);
  EXPECT_EQ(set.ElementLocation("XBDM")->line, 0);

  // A .pb file is a bundle too; garbage in one is refused naming it.
  const std::string garbage = dir.Write("broken.pb", "\x0a\xff\xff");
  EXPECT_THAT(DefinitionSet::Load(garbage),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(garbage + ": not a bundle")));
}

TEST(DefinitionSetTest, BundleContentHashesAreChecked) {
  v1::Bundle bundle;
  bundle.set_format_version(1);
  v1::CodeList* codes = bundle.add_code_lists();
  codes->set_id("YN");
  codes->add_entries()->set_code("1");
  codes->mutable_version_info()->set_version(2);
  codes->mutable_version_info()->set_content_hash(ContentHash(*codes));
  {
    DefinitionSet set;
    SHUYUAN_EXPECT_OK(set.AddBundle(bundle, "yn.bundle"));
    EXPECT_NE(set.FindCodeList("YN@2"), nullptr);
  }
  // One entry changed after export: the bundle is refused, naming the item.
  codes->mutable_entries(0)->set_code("2");
  {
    DefinitionSet set;
    EXPECT_THAT(set.AddBundle(bundle, "yn.bundle"),
                StatusIs(absl::StatusCode::kDataLoss,
                         HasSubstr("yn.bundle: code list YN@2 does not match "
                                   "its content hash")));
    EXPECT_EQ(set.size(), 0u);
  }
  codes->mutable_entries(0)->set_code("1");
  bundle.set_format_version(2);
  DefinitionSet set;
  EXPECT_THAT(set.AddBundle(bundle, "yn.bundle"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("format_version 2")));
}

TEST(DefinitionSetTest, UsableThroughTheResolverInterface) {
  TempDir dir;
  dir.Write("a.yaml", "code_list: {id: YN, entries: [{code: 1}]}\n");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(DefinitionSet set,
                               DefinitionSet::Load(dir.path()));
  const DefinitionResolver& resolver = set;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(const v1::CodeList* list,
                               resolver.ResolveCodeList("YN@latest"));
  EXPECT_EQ(list->entries(0).code(), "1");
  EXPECT_THAT(resolver.ResolveCodeList("NO"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("code list 'NO' is not defined")));
  EXPECT_THAT(resolver.ResolveElement("YN@0"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("positive integer")));
}

TEST(DefinitionSetTest, CodingRulesAreAKindOfTheirOwn) {
  TempDir dir;
  const std::string file = dir.Write("rules.yaml", R"(coding_rule:
  id: ZJ_CODE
  segments:
    - {name: body, length: 4, charset: "0-9"}
---
data_element: {id: ZJ_CODE, value_domain: {coding_rule: ZJ_CODE}}
)");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(DefinitionSet set,
                               DefinitionSet::Load(dir.path()));
  EXPECT_EQ(set.size(), 2u);
  ASSERT_EQ(set.coding_rules().size(), 1u);
  const v1::CodingRule* rule = set.FindCodingRule("ZJ_CODE@latest");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->segments(0).charset(), "0-9");
  const DefinitionResolver& resolver = set;
  SHUYUAN_ASSERT_OK_AND_ASSIGN(const v1::CodingRule* resolved,
                               resolver.ResolveCodingRule("ZJ_CODE@2"));
  EXPECT_EQ(resolved, rule);
  EXPECT_THAT(resolver.ResolveCodingRule("NO"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("coding rule 'NO' is not defined")));
  EXPECT_EQ(set.CodingRuleLocation("ZJ_CODE")->line, 1);
  // A compile error sited in a rule is told at the line of its field.
  const absl::Status error =
      WithErrorSite(absl::InvalidArgumentError("bad charset"),
                    {"coding_rule", "ZJ_CODE", "segments[0].charset"});
  EXPECT_EQ(set.Describe(error), file + ":4: bad charset");
  // Same id, different kinds: no clash; same kind: a duplicate.
  LoadedDocument again;
  again.document.mutable_coding_rule()->set_id("ZJ_CODE");
  again.location.file = "other.yaml";
  again.location.line = 9;
  EXPECT_THAT(set.Add(std::move(again)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("duplicate coding_rule 'ZJ_CODE'")));
}

}  // namespace
}  // namespace shuyuan::codec
