#include "registry/compatibility.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "codec/testing/in_memory_resolver.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::registry {
namespace {

using ::shuyuan::codec_testing::ParseTextProto;
using ::shuyuan::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

// Pinned versions held in maps, keyed by "ID@N".
class MapLoader : public VersionLoader {
 public:
  void AddElement(const std::string& ref, const std::string& text) {
    elements_[ref] = ParseTextProto<v1::DataElement>(text);
  }
  void AddCodeList(const std::string& ref, const std::string& text) {
    code_lists_[ref] = ParseTextProto<v1::CodeList>(text);
  }

  absl::StatusOr<v1::DataElement> LoadElement(
      absl::string_view pinned_ref) const override {
    return Find(elements_, pinned_ref);
  }
  absl::StatusOr<v1::CodeList> LoadCodeList(
      absl::string_view pinned_ref) const override {
    return Find(code_lists_, pinned_ref);
  }

 private:
  template <typename Message>
  static absl::StatusOr<Message> Find(
      const std::map<std::string, Message>& items, absl::string_view ref) {
    auto it = items.find(std::string(ref));
    if (it == items.end()) {
      return absl::NotFoundError(absl::StrCat("no version ", ref));
    }
    return it->second;
  }

  std::map<std::string, v1::DataElement> elements_;
  std::map<std::string, v1::CodeList> code_lists_;
};

v1::DefinitionDocument Doc(const v1::DataElement& element) {
  v1::DefinitionDocument doc;
  *doc.mutable_data_element() = element;
  return doc;
}
v1::DefinitionDocument Doc(const v1::CodeList& list) {
  v1::DefinitionDocument doc;
  *doc.mutable_code_list() = list;
  return doc;
}
v1::DefinitionDocument Doc(const v1::RecordSchema& schema) {
  v1::DefinitionDocument doc;
  *doc.mutable_record_schema() = schema;
  return doc;
}
v1::DefinitionDocument Doc(const v1::Term& term) {
  v1::DefinitionDocument doc;
  *doc.mutable_term() = term;
  return doc;
}

// The lines of a classification as (description, breaking).
std::vector<std::pair<std::string, bool>> Lines(const Classification& c) {
  std::vector<std::pair<std::string, bool>> lines;
  for (const v1::Change& change : c.changes) {
    lines.emplace_back(change.description(), change.breaking());
  }
  return lines;
}

// Classifies `after` against `before`, both of the same message type.
template <typename Item>
absl::StatusOr<Classification> ClassifyItems(
    const Item& before, const Item& after,
    const VersionLoader& loader = MapLoader()) {
  return Classify(Doc(before), Doc(after), loader);
}

constexpr char kName[] = R"pb(
  id: "XM"
  name_zh: "姓名"
  name_en: "Name"
  definition: "个人的姓名"
  data_type: STRING
  format: "an..50"
  value_domain { max_length: 50 }
)pb";

v1::DataElement Element(const std::string& text = kName) {
  return ParseTextProto<v1::DataElement>(text);
}

// ---------------------------------------------------------------------------
// Classify's contract.

TEST(ClassifyTest, IdenticalContentIsCompatibleWithoutChanges) {
  v1::DataElement a = Element();
  v1::DataElement b = a;
  b.mutable_version_info()->set_version(2);
  b.mutable_version_info()->set_content_hash("abc");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(c.changes, IsEmpty());
}

TEST(ClassifyTest, RefusesDifferentKinds) {
  v1::CodeList list;
  list.set_id("XM");
  EXPECT_THAT(Classify(Doc(Element()), Doc(list), MapLoader()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a code_list against a data_element")));
}

TEST(ClassifyTest, RefusesDifferentIds) {
  v1::DataElement b = Element();
  b.set_id("XB");
  EXPECT_THAT(ClassifyItems(Element(), b),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("'XB' against 'XM'")));
}

TEST(ClassifyTest, RefusesEmptyDocuments) {
  EXPECT_THAT(
      Classify(v1::DefinitionDocument(), Doc(Element()), MapLoader()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("holds no item")));
}

TEST(ClassifyTest, LinesFollowTheMessageOrder) {
  v1::DataElement b = Element();
  b.set_format("an..60");                           // field 6
  b.set_name_zh("名字");                            // field 2
  b.mutable_value_domain()->set_pattern("[A-Z]+");  // field 7
  b.set_remarks("新备注");                          // field 16
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("name_zh changed", false),
                  Pair("format an..50 → an..60: widens", false),
                  Pair("pattern added", true), Pair("remarks changed", false)));
}

// ---------------------------------------------------------------------------
// SPEC §2.8's examples.

TEST(SpecExamplesTest, LongerMaxLengthIsCompatible) {
  v1::DataElement b = Element();
  b.mutable_value_domain()->set_max_length(80);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("max_length 50 → 80: widens", false)));
}

TEST(SpecExamplesTest, AddedCodeIsCompatible) {
  auto a = ParseTextProto<v1::CodeList>(
      R"pb(id: "SEX"
           entries { code: "1" name_zh: "男" })pb");
  auto b = ParseTextProto<v1::CodeList>(
      R"pb(id: "SEX"
           entries { code: "1" name_zh: "男" }
           entries { code: "2" name_zh: "女" })pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("code 2 added", false)));
}

TEST(SpecExamplesTest, NarrowedTypeIsBreaking) {
  v1::DataElement b = Element();
  b.set_data_type(v1::INTEGER);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("data_type STRING → INTEGER", true)));
}

TEST(SpecExamplesTest, NarrowedFormatIsBreaking) {
  v1::DataElement b = Element();
  b.set_format("an..30");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format an..50 → an..30: narrows", true)));
}

TEST(SpecExamplesTest, RemovedCodeIsBreaking) {
  auto a = ParseTextProto<v1::CodeList>(
      R"pb(id: "GB_T_2260"
           entries { code: "330102" name_zh: "上城区" }
           entries { code: "330103" name_zh: "下城区" })pb");
  auto b = ParseTextProto<v1::CodeList>(
      R"pb(id: "GB_T_2260"
           entries { code: "330102" name_zh: "上城区" })pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("code 330103 removed", true)));
}

TEST(SpecExamplesTest, ChangedPatternIsBreaking) {
  v1::DataElement a = Element();
  a.mutable_value_domain()->set_pattern("[0-9]+");
  v1::DataElement b = Element();
  b.mutable_value_domain()->set_pattern("[0-9]{6}");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("pattern changed", true)));
}

TEST(SpecExamplesTest, ChangedChecksumIsBreaking) {
  v1::DataElement a = Element();
  a.mutable_value_domain()->set_checksum(v1::GB11643);
  v1::DataElement b = Element();
  b.mutable_value_domain()->set_checksum(v1::LUHN);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("checksum GB11643 → LUHN", true)));
}

// ---------------------------------------------------------------------------
// Data element attributes.

// Classifies Element() with its format replaced.
absl::StatusOr<Classification> FormatChange(const std::string& from,
                                            const std::string& to) {
  v1::DataElement a = Element();
  a.set_format(from);
  v1::DataElement b = Element();
  b.set_format(to);
  return ClassifyItems(a, b);
}

TEST(ElementFormatTest, MinLengthRaisedNarrows) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("n2..6", "n4..6"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format n2..6 → n4..6: narrows", true)));
}

TEST(ElementFormatTest, LengthsWidenedAreCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, FormatChange("n4..6", "n..8"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format n4..6 → n..8: widens", false)));
}

TEST(ElementFormatTest, ClassNarrowedIsBreaking) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("c..50", "an..50"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format c..50 → an..50: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, FormatChange("an..50", "n..50"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
}

TEST(ElementFormatTest, ClassWidenedIsCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("a..50", "an..50"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format a..50 → an..50: widens", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, FormatChange("an..50", "c..50"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(ElementFormatTest, UnrelatedClassesAreBreaking) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("a..50", "n..50"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format a..50 → n..50: changed", true)));
}

TEST(ElementFormatTest, NarrowingWinsOverWidening) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("an..50", "n..60"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format an..50 → n..60: narrows", true)));
}

TEST(ElementFormatTest, ScaleLoweredNarrows) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("n..18,2", "n..18,1"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format n..18,2 → n..18,1: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, FormatChange("n..18,2", "n..18"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, FormatChange("n..18", "n..18,2"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(ElementFormatTest, DatetimeLayoutChangedIsBreaking) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("YYYYMMDD", "YYYY-MM-DD"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format YYYYMMDD → YYYY-MM-DD: changed", true)));
}

TEST(ElementFormatTest, SameFormatWrittenOtherwiseIsCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               FormatChange("D8", "YYYYMMDD"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format D8 → YYYYMMDD: same meaning", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, FormatChange("AN..50", "an..50"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(ElementFormatTest, FormatAddedNarrowsAndRemovedWidens) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, FormatChange("", "an..50"));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format an..50 added: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, FormatChange("an..50", ""));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("format an..50 removed: widens", false)));
}

TEST(ElementTest, LengthUnitChangedIsBreaking) {
  v1::DataElement b = Element();
  b.set_length_unit(v1::GB18030_BYTES);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair(
                            "length_unit CODE_POINTS → GB18030_BYTES", true)));
}

TEST(ElementTest, AliasRemovedOrRemappedBreaksAndAddedIsCompatible) {
  v1::DataElement a = Element();
  (*a.mutable_aliases())["男性"] = "1";
  (*a.mutable_aliases())["M"] = "1";
  v1::DataElement b = Element();
  (*b.mutable_aliases())["M"] = "2";
  (*b.mutable_aliases())["F"] = "2";
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("alias 'F' added", false),
                                    Pair("alias 'M': 1 → 2", true),
                                    Pair("alias '男性' removed", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(ElementTest, NormalizeStepsAddedAreCompatible) {
  v1::DataElement a = Element();
  a.add_normalize()->mutable_trim();
  v1::DataElement b = Element();
  b.add_normalize()->mutable_width();
  b.add_normalize()->mutable_trim();
  b.add_normalize()->mutable_upper();
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("normalize: width added", false),
                                    Pair("normalize: upper added", false)));
}

TEST(ElementTest, NormalizeStepsReorderedOrRemovedAreBreaking) {
  v1::DataElement a = Element();
  a.add_normalize()->mutable_trim();
  a.add_normalize()->mutable_upper();
  v1::DataElement b = Element();
  b.add_normalize()->mutable_upper();
  b.add_normalize()->mutable_trim();
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("normalize: steps changed", true)));
  v1::DataElement padded = Element();
  padded.add_normalize()->mutable_pad_left()->set_width(2);
  v1::DataElement wider = Element();
  wider.add_normalize()->mutable_pad_left()->set_width(3);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(padded, wider));
  EXPECT_EQ(c.verdict, v1::BREAKING);
}

TEST(ElementTest, DescriptiveAttributesAreCompatible) {
  v1::DataElement b = Element();
  b.set_name_en("Full name");
  b.set_definition("新定义");
  b.add_synonyms("名字");
  b.set_sensitivity(v1::L3);
  b.set_standard("GB/T 1");
  b.add_examples()->set_value("张三");
  b.add_terms("XM_TERM@1");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("name_en changed", false),
                                    Pair("definition changed", false),
                                    Pair("synonyms changed", false),
                                    Pair("sensitivity changed", false),
                                    Pair("standard changed", false),
                                    Pair("examples changed", false),
                                    Pair("terms changed", false)));
}

TEST(ElementTest, FieldUnknownToThisBuildIsBreaking) {
  v1::DataElement b = Element();
  b.GetReflection()->MutableUnknownFields(&b)->AddLengthDelimited(99, "x");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("#99 changed", true)));
}

// ---------------------------------------------------------------------------
// Value domain attributes.

// Classifies Element() with value domains `from` → `to` (text format).
absl::StatusOr<Classification> DomainChange(
    const std::string& from, const std::string& to,
    const VersionLoader& loader = MapLoader()) {
  v1::DataElement a = Element();
  *a.mutable_value_domain() = ParseTextProto<v1::ValueDomain>(from);
  v1::DataElement b = Element();
  *b.mutable_value_domain() = ParseTextProto<v1::ValueDomain>(to);
  return ClassifyItems(a, b, loader);
}

TEST(ValueDomainTest, MaxLengthLoweredNarrows) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c, DomainChange("max_length: 50", "max_length: 30"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("max_length 50 → 30: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange("max_length: 30", "max_length: 50"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("max_length 30 → 50: widens", false)));
}

TEST(ValueDomainTest, MinLengthRaisedNarrows) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               DomainChange("min_length: 2", "min_length: 4"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("min_length 2 → 4: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c,
                               DomainChange("min_length: 4", "min_length: 2"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(ValueDomainTest, LengthBoundAddedNarrowsAndRemovedWidens) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               DomainChange("", "max_length: 30"));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("max_length 30 added: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, DomainChange("min_length: 2", ""));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("min_length 2 removed: widens", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, DomainChange("", "min_length: 0"));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("min_length 0 added: same meaning", false)));
}

TEST(ValueDomainTest, PatternAddedOrChangedBreaksAndRemovedIsCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               DomainChange("", R"pb(pattern: "[0-9]+")pb"));
  EXPECT_THAT(Lines(c), ElementsAre(Pair("pattern added", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, DomainChange(R"pb(pattern: "[0-9]+")pb", ""));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("pattern removed", false)));
}

TEST(ValueDomainTest, ValueBoundsCompareAsDecimals) {
  // As text "9" > "10"; as numbers the maximum grew.
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c,
      DomainChange(R"pb(max_value: "9")pb", R"pb(max_value: "10")pb"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("max_value 9 → 10: widens", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(max_value: "100")pb", R"pb(max_value: "99.5")pb"));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("max_value 100 → 99.5: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(min_value: "-1")pb", R"pb(min_value: "0")pb"));
  EXPECT_THAT(Lines(c), ElementsAre(Pair("min_value -1 → 0: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(min_value: "10")pb", R"pb(min_value: "10.00")pb"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("min_value 10 → 10.00: same meaning", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, DomainChange("", R"pb(min_value: "0")pb"));
  EXPECT_THAT(Lines(c), ElementsAre(Pair("min_value 0 added: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, DomainChange(R"pb(max_value: "5")pb", ""));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("max_value 5 removed: widens", false)));
}

TEST(ValueDomainTest, DateBoundsCompareAsDates) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               DomainChange(R"pb(max_date: "2030-12-31")pb",
                                            R"pb(max_date: "2029-01-01")pb"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("max_date 2030-12-31 → 2029-01-01: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c,
                               DomainChange(R"pb(min_date: "1900-01-01")pb",
                                            R"pb(min_date: "1850-01-01")pb"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("min_date 1900-01-01 → 1850-01-01: widens", false)));
}

TEST(ValueDomainTest, ChecksumAddedBreaksAndRemovedIsCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               DomainChange("", "checksum: GB11643"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("checksum GB11643 added", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, DomainChange("checksum: GB11643", ""));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("checksum GB11643 removed", false)));
}

TEST(ValueDomainTest, ChecksumSeverityToErrorNarrows) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c,
      DomainChange("checksum: LUHN checksum_severity: WARNING",
                   "checksum: LUHN checksum_severity: ERROR"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("checksum_severity WARNING → ERROR: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange("checksum: LUHN checksum_severity: ERROR",
                      "checksum: LUHN checksum_severity: WARNING"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("checksum_severity ERROR → WARNING: widens", false)));
}

TEST(ValueDomainTest, AllowedValueRemovedBreaksAndAddedIsCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c, DomainChange(R"pb(allowed_values: [ "x", "y" ])pb",
                                     R"pb(allowed_values: [ "y", "z" ])pb"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("allowed value 'x' removed", true),
                                    Pair("allowed value 'z' added", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(allowed_values: [ "y" ])pb",
                      R"pb(allowed_values: [ "y", "z" ])pb"));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(ValueDomainTest, EnumerationIntroducedNarrowsAndDroppedWidens) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c, DomainChange("", R"pb(allowed_values: [ "y" ])pb"));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("allowed_values added: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(allowed_values: [ "y" ])pb", ""));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("allowed_values removed: widens", false)));
}

TEST(ValueDomainTest, CodeListOfAnotherIdIsBreaking) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c, DomainChange(R"pb(code_list: "GB_T_2261_1@1")pb",
                                     R"pb(code_list: "GB_T_2261_2@1")pb"));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(
          Pair("code_list GB_T_2261_1@1 → GB_T_2261_2@1: another list", true)));
}

TEST(ValueDomainTest, CodeListAddedBreaksAndRemovedIsCompatible) {
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c, DomainChange("", R"pb(code_list: "GB_T_2261_1@1")pb"));
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("code_list GB_T_2261_1@1 added", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(code_list: "GB_T_2261_1@1")pb", ""));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("code_list GB_T_2261_1@1 removed", false)));
}

TEST(ValueDomainTest, CodeListNewVersionIsComparedEntryByEntry) {
  MapLoader loader;
  loader.AddCodeList("GB_T_2260@1", R"pb(
    id: "GB_T_2260"
    entries { code: "330102" name_zh: "上城区" }
    entries { code: "330103" name_zh: "下城区" valid_to: "2021-12-31" }
  )pb");
  loader.AddCodeList("GB_T_2260@2", R"pb(
    id: "GB_T_2260"
    entries { code: "330102" name_zh: "上城区" }
    entries { code: "330103" name_zh: "下城区" valid_to: "2020-12-31" }
    entries { code: "330110" name_zh: "余杭区" }
  )pb");
  loader.AddCodeList("GB_T_2260@3", R"pb(
    id: "GB_T_2260"
    entries { code: "330102" name_zh: "上城区" }
    entries { code: "330103" name_zh: "下城区" valid_to: "2021-12-31" }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      Classification c,
      DomainChange(R"pb(code_list: "GB_T_2260@1")pb",
                   R"pb(code_list: "GB_T_2260@2")pb", loader));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("code_list GB_T_2260@1 → @2: code 330103: "
                               "valid_to 2021-12-31 → 2020-12-31: narrows",
                               true),
                          Pair("code_list GB_T_2260@1 → @2: code 330110 added",
                               false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(
      c, DomainChange(R"pb(code_list: "GB_T_2260@1")pb",
                      R"pb(code_list: "GB_T_2260@3")pb", loader));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("code_list GB_T_2260@1 → @3: same content", false)));
}

TEST(ValueDomainTest, CodeListLoadErrorsAndUnpinnedReferencesAreErrors) {
  EXPECT_THAT(DomainChange(R"pb(code_list: "GB_T_2260@1")pb",
                           R"pb(code_list: "GB_T_2260@2")pb"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("loading code list 'GB_T_2260@1'")));
  EXPECT_THAT(DomainChange(R"pb(code_list: "GB_T_2260@1")pb",
                           R"pb(code_list: "GB_T_2260")pb"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("'GB_T_2260' is not pinned")));
}

TEST(ValueDomainTest, FieldWithoutRuleIsBreaking) {
  v1::DataElement b = Element();
  v1::ValueDomain* domain = b.mutable_value_domain();
  const google::protobuf::FieldDescriptor* address_codes =
      v1::ValueDomain::descriptor()->FindFieldByName("address_codes");
  std::string expected;
  if (address_codes != nullptr) {
    domain->GetReflection()->SetString(domain, address_codes, "GB_T_2260@1");
    expected = "value_domain.address_codes changed";
  } else {
    // As a model that has it writes it: field 12, length-delimited.
    domain->GetReflection()->MutableUnknownFields(domain)->AddLengthDelimited(
        12, "GB_T_2260@1");
    expected = "value_domain.#12 changed";
  }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Element(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair(expected, true)));
}

// ---------------------------------------------------------------------------
// Code lists.

TEST(CodeListTest, ValidityNarrowedBreaksAndWidenedIsCompatible) {
  auto a = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "1" valid_from: "2000-01-01" valid_to: "2021-12-31" }
    entries { code: "2" }
    entries { code: "3" valid_from: "2010-01-01" }
  )pb");
  auto b = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "1" valid_from: "1990-01-01" valid_to: "2020-12-31" }
    entries { code: "2" valid_to: "2020-12-31" }
    entries { code: "3" valid_from: "2012-01-01" }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(
          Pair("code 1: valid_from 2000-01-01 → 1990-01-01: widens", false),
          Pair("code 1: valid_to 2021-12-31 → 2020-12-31: narrows", true),
          Pair("code 2: valid_to 2020-12-31 added: narrows", true),
          Pair("code 3: valid_from 2010-01-01 → 2012-01-01: narrows", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(b, a));
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("code 1: valid_from 1990-01-01 → 2000-01-01: "
                       "narrows",
                       true),
                  Pair("code 1: valid_to 2020-12-31 → 2021-12-31: "
                       "widens",
                       false),
                  Pair("code 2: valid_to 2020-12-31 removed: widens", false),
                  Pair("code 3: valid_from 2012-01-01 → 2010-01-01: "
                       "widens",
                       false)));
}

TEST(CodeListTest, ValidityComparesTheUnionOfPeriods) {
  // A renamed division: two entries whose periods meet, then one entry for
  // the same days.
  auto a = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "330103" name_zh: "下城区" valid_to: "2000-12-31" }
    entries { code: "330103" name_zh: "新下城区" valid_from: "2001-01-01" }
  )pb");
  auto b = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "330103" name_zh: "下城区" }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(
          Pair("code 330103: name_zh '下城区; 新下城区' → '下城区'", false)));
  // A gap opened in the middle narrows.
  auto gap = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "330103" name_zh: "下城区" valid_to: "1999-12-31" }
    entries { code: "330103" name_zh: "新下城区" valid_from: "2001-01-01" }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(a, gap));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("code 330103: validity open..open → "
                               "open..1999-12-31, 2001-01-01..open: narrows",
                               true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(gap, a));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(CodeListTest, EntryNamesAndParentAreCompatible) {
  auto a = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries {
      code: "330102"
      name_zh: "上城区"
      name_en: "Shangcheng"
      parent: "330100"
    }
  )pb");
  auto b = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "330102" name_zh: "上城新区" parent: "330000" }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("code 330102: name_zh '上城区' → '上城新区'", false),
                  Pair("code 330102: name_en 'Shangcheng' → ''", false),
                  Pair("code 330102: parent '330100' → '330000'", false)));
}

TEST(CodeListTest, EntryAliasRemovedBreaksAndAddedIsCompatible) {
  auto a = ParseTextProto<v1::CodeList>(R"pb(
    id: "SEX"
    entries {
      code: "1"
      name_zh: "男"
      aliases: [ "男性", "M" ]
    }
  )pb");
  auto b = ParseTextProto<v1::CodeList>(R"pb(
    id: "SEX"
    entries {
      code: "1"
      name_zh: "男"
      aliases: [ "M", "male" ]
    }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("code 1: alias '男性' removed", true),
                                    Pair("code 1: alias 'male' added", false)));
}

TEST(CodeListTest, DescriptiveAttributesAreCompatible) {
  auto a = ParseTextProto<v1::CodeList>(R"pb(id: "L" name_zh: "旧")pb");
  auto b = ParseTextProto<v1::CodeList>(R"pb(id: "L"
                                             name_zh: "新"
                                             standard: "GB/T 2260-2007")pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("name_zh changed", false),
                                    Pair("standard changed", false)));
}

TEST(CodeListTest, EntriesAreReportedInCodeOrder) {
  auto a = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "3" }
    entries { code: "5" name_zh: "五" }
    entries { code: "1" }
  )pb");
  auto b = ParseTextProto<v1::CodeList>(R"pb(
    id: "L"
    entries { code: "4" }
    entries { code: "5" name_zh: "伍" }
    entries { code: "2" }
  )pb");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("code 1 removed", true), Pair("code 2 added", false),
                  Pair("code 3 removed", true), Pair("code 4 added", false),
                  Pair("code 5: name_zh '五' → '伍'", false)));
}

TEST(CodeListTest, MalformedDateIsInvalidArgument) {
  auto a = ParseTextProto<v1::CodeList>(
      R"pb(id: "L"
           entries { code: "1" valid_to: "2021-12-31" })pb");
  auto b = ParseTextProto<v1::CodeList>(
      R"pb(id: "L"
           entries { code: "1" valid_to: "2021-13-01" })pb");
  EXPECT_THAT(ClassifyItems(a, b),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("code 1: valid_to '2021-13-01'")));
}

TEST(CodeListTest, LinesAreCappedButTheVerdictCountsAll) {
  v1::CodeList a;
  a.set_id("L");
  v1::CodeList b = a;
  for (int i = 0; i < 150; ++i)
    b.add_entries()->set_code(absl::StrCat(100 + i));
  a.add_entries()->set_code("999");  // removed; sorts after every added code
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  ASSERT_EQ(c.changes.size(), kMaxChangeLines);
  EXPECT_EQ(c.changes[0].description(), "code 100 added");
  EXPECT_EQ(c.changes[98].description(), "code 198 added");
  EXPECT_EQ(c.changes[99].description(), "… and 52 more changes");
  EXPECT_TRUE(c.changes[99].breaking());
  for (int i = 0; i < 99; ++i) EXPECT_FALSE(c.changes[i].breaking()) << i;
}

// 1,000,000 entries: 1,000 codes removed, 200 narrowed, 500 added. The time
// it takes is the benchmark's business; here it must finish and be right.
TEST(CodeListTest, MillionEntriesClassify) {
  v1::DefinitionDocument before;
  v1::DefinitionDocument after;
  v1::CodeList* a = before.mutable_code_list();
  v1::CodeList* b = after.mutable_code_list();
  a->set_id("BIG");
  b->set_id("BIG");
  a->mutable_entries()->Reserve(1000000);
  b->mutable_entries()->Reserve(1000500);
  for (int i = 0; i < 1000000; ++i) {
    v1::CodeEntry* entry = a->add_entries();
    entry->set_code(absl::StrCat(1000000 + i));
    entry->set_name_zh("名称");
    if (i % 1000 == 0) continue;
    v1::CodeEntry* copy = b->add_entries();
    *copy = *entry;
    if (i % 5000 == 1) copy->set_valid_to("2020-12-31");
  }
  for (int i = 0; i < 500; ++i) {
    b->add_entries()->set_code(absl::StrCat(2000000 + i));
  }
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               Classify(before, after, MapLoader()));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  ASSERT_EQ(c.changes.size(), kMaxChangeLines);
  EXPECT_EQ(c.changes[0].description(), "code 1000000 removed");
  EXPECT_EQ(c.changes[1].description(),
            "code 1000001: valid_to 2020-12-31 added: narrows");
  EXPECT_EQ(c.changes[2].description(), "code 1001000 removed");
  for (int i = 1; i < 99; ++i) {
    EXPECT_LT(c.changes[i - 1].description(), c.changes[i].description());
  }
  EXPECT_EQ(c.changes[99].description(), "… and 1601 more changes");

  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, Classify(before, before, MapLoader()));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(c.changes, IsEmpty());
}

// ---------------------------------------------------------------------------
// Record schemas.

constexpr char kPerson[] = R"pb(
  id: "PERSON"
  name_zh: "自然人"
  fields {
    name: "gmsfhm"
    element: "GMSFHM@1"
    required: true
    aliases: "身份证号"
  }
  fields { name: "xbdm" element: "XBDM@1" }
  fields {
    name: "csrq"
    element: "CSRQ@1"
    required: true
    derive { from: "gmsfhm" part: "birth_date" }
  }
  rules { id_birth_date { id: "gmsfhm" date: "csrq" } }
)pb";

v1::RecordSchema Person() { return ParseTextProto<v1::RecordSchema>(kPerson); }

v1::SchemaField* FieldOf(v1::RecordSchema& schema, absl::string_view name) {
  for (v1::SchemaField& field : *schema.mutable_fields()) {
    if (field.name() == name) return &field;
  }
  ADD_FAILURE() << "no field " << name;
  return schema.add_fields();
}

TEST(SchemaTest, FieldRemovedIsBreaking) {
  v1::RecordSchema b = Person();
  b.mutable_fields()->DeleteSubrange(1, 1);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("field xbdm removed", true)));
}

TEST(SchemaTest, FieldAddedBreaksOnlyWhenRequiredWithoutDefaultOrDerive) {
  v1::RecordSchema b = Person();
  v1::SchemaField* field = b.add_fields();
  field->set_name("mz");
  field->set_element("MZ@1");
  field->set_required(true);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("field mz added: required", true)));

  field->set_default_("01");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("field mz added", false)));

  field->clear_default_();
  field->mutable_derive()->set_from("gmsfhm");
  field->mutable_derive()->set_part("sex");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);

  field->clear_derive();
  field->set_required(false);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
}

TEST(SchemaTest, RequiredFalseToTrueIsBreaking) {
  v1::RecordSchema b = Person();
  FieldOf(b, "xbdm")->set_required(true);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field xbdm: required false → true", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(b, Person()));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field xbdm: required true → false", false)));
}

TEST(SchemaTest, ElementOfAnotherIdIsBreaking) {
  v1::RecordSchema b = Person();
  FieldOf(b, "xbdm")->set_element("XB@1");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair(
                  "field xbdm: element XBDM@1 → XB@1: another element", true)));
}

TEST(SchemaTest, ElementNewVersionIsComparedAttributeByAttribute) {
  MapLoader loader;
  loader.AddElement("GMSFHM@1", R"pb(
    id: "GMSFHM"
    data_type: STRING
    format: "c18"
    value_domain { max_length: 18 }
  )pb");
  loader.AddElement("GMSFHM@2", R"pb(
    id: "GMSFHM"
    data_type: STRING
    format: "c18"
    value_domain { max_length: 15 }
  )pb");
  v1::RecordSchema b = Person();
  FieldOf(b, "gmsfhm")->set_element("GMSFHM@2");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               ClassifyItems(Person(), b, loader));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("field gmsfhm: element GMSFHM@1 → @2: "
                                         "max_length 18 → 15: narrows",
                                         true)));
}

TEST(SchemaTest, NestedReferencesComposeTheirPrefixes) {
  MapLoader loader;
  loader.AddElement("XBDM@1", R"pb(
    id: "XBDM"
    data_type: STRING
    format: "n1"
    value_domain { code_list: "GB_T_2261_1@1" }
  )pb");
  loader.AddElement("XBDM@2", R"pb(
    id: "XBDM"
    data_type: STRING
    format: "n1"
    value_domain { code_list: "GB_T_2261_1@2" }
  )pb");
  loader.AddCodeList("GB_T_2261_1@1", R"pb(
    id: "GB_T_2261_1"
    entries { code: "1" }
    entries { code: "9" }
  )pb");
  loader.AddCodeList("GB_T_2261_1@2", R"pb(
    id: "GB_T_2261_1"
    entries { code: "1" }
  )pb");
  v1::RecordSchema b = Person();
  FieldOf(b, "xbdm")->set_element("XBDM@2");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c,
                               ClassifyItems(Person(), b, loader));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field xbdm: element XBDM@1 → @2: code_list "
                               "GB_T_2261_1@1 → @2: code 9 removed",
                               true)));
}

TEST(SchemaTest, ElementLoadErrorNamesTheReference) {
  v1::RecordSchema b = Person();
  FieldOf(b, "gmsfhm")->set_element("GMSFHM@2");
  EXPECT_THAT(ClassifyItems(Person(), b),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("loading element 'GMSFHM@1'")));
}

TEST(SchemaTest, FieldAliasRemovedBreaksAndAddedIsCompatible) {
  v1::RecordSchema b = Person();
  FieldOf(b, "gmsfhm")->clear_aliases();
  FieldOf(b, "gmsfhm")->add_aliases("sfzh");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field gmsfhm: alias '身份证号' removed", true),
                          Pair("field gmsfhm: alias 'sfzh' added", false)));
}

TEST(SchemaTest, DefaultRemovedBreaksAndAddedOrChangedIsCompatible) {
  v1::RecordSchema a = Person();
  v1::RecordSchema b = Person();
  FieldOf(b, "xbdm")->set_default_("0");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field xbdm: default '0' added", false)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(b, a));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field xbdm: default '0' removed", true)));
  FieldOf(a, "xbdm")->set_default_("9");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field xbdm: default '9' → '0'", false)));
}

TEST(SchemaTest, DeriveRemovedFromRequiredFieldBreaks) {
  v1::RecordSchema b = Person();
  FieldOf(b, "csrq")->clear_derive();
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("field csrq: derive gmsfhm.birth_date removed", true)));
  // From an optional field, and added or changed: compatible.
  v1::RecordSchema optional = Person();
  FieldOf(optional, "csrq")->set_required(false);
  v1::RecordSchema optional_plain = optional;
  FieldOf(optional_plain, "csrq")->clear_derive();
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(optional, optional_plain));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(b, Person()));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(
      Lines(c),
      ElementsAre(Pair("field csrq: derive gmsfhm.birth_date added", false)));
  v1::RecordSchema moved = Person();
  FieldOf(moved, "csrq")->mutable_derive()->set_from("sfzh");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(Person(), moved));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("field csrq: derive gmsfhm.birth_date → "
                               "sfzh.birth_date",
                               false)));
}

TEST(SchemaTest, RuleAddedBreaksAndRemovedIsCompatible) {
  v1::RecordSchema b = Person();
  v1::IdSexRule* rule = b.add_rules()->mutable_id_sex();
  rule->set_id("gmsfhm");
  rule->set_sex("xbdm");
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::BREAKING);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("rule id_sex(gmsfhm, xbdm) added", true)));
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(b, Person()));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c),
              ElementsAre(Pair("rule id_sex(gmsfhm, xbdm) removed", false)));
  // Rules are a set: reordering them changes nothing.
  v1::RecordSchema reordered = b;
  reordered.mutable_rules()->SwapElements(0, 1);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(c, ClassifyItems(b, reordered));
  EXPECT_THAT(c.changes, IsEmpty());
}

TEST(SchemaTest, DescriptiveAttributesAreCompatible) {
  v1::RecordSchema b = Person();
  b.set_name_en("Natural person");
  b.set_description("基本信息");
  b.add_examples()->set_valid(true);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(Person(), b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("name_en changed", false),
                                    Pair("description changed", false),
                                    Pair("examples changed", false)));
}

// ---------------------------------------------------------------------------
// Terms.

TEST(TermTest, EveryChangeIsCompatible) {
  auto a = ParseTextProto<v1::Term>(R"pb(
    id: "T_GMSFHM"
    name_zh: "公民身份号码"
    synonyms: "身份证号码"
    broader: "T_ID@1"
  )pb");
  auto b = ParseTextProto<v1::Term>(R"pb(
    id: "T_GMSFHM"
    name_zh: "公民身份证号码"
    definition: "..."
    synonyms: "身份证号"
    deprecated: "身份证编号"
  )pb");
  b.GetReflection()->MutableUnknownFields(&b)->AddVarint(99, 1);
  SHUYUAN_ASSERT_OK_AND_ASSIGN(Classification c, ClassifyItems(a, b));
  EXPECT_EQ(c.verdict, v1::COMPATIBLE);
  EXPECT_THAT(Lines(c), ElementsAre(Pair("name_zh changed", false),
                                    Pair("definition changed", false),
                                    Pair("synonyms: 身份证号码 removed", false),
                                    Pair("synonyms: 身份证号 added", false),
                                    Pair("deprecated: 身份证编号 added", false),
                                    Pair("broader: T_ID@1 removed", false),
                                    Pair("#99 changed", false)));
}

}  // namespace
}  // namespace shuyuan::registry
