#include "codec/content_hash.h"

#include <set>
#include <string>

#include "codec/definition_set.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

// The golden hashes of four catalog items (SPEC §2.1: the hash must never
// drift, since clients cache compiled forms by it). When a catalog file
// changes on purpose, update its hash here in the same commit; when it did
// not change and this fails, the hash function drifted, which must not ship.
TEST(ContentHashTest, GoldenCatalogHashes) {
  absl::StatusOr<DefinitionSet> defs =
      DefinitionSet::Load(SHUYUAN_SOURCE_DIR "/catalog");
  ASSERT_TRUE(defs.ok()) << defs.status();
  const v1::CodeList* sex = defs->FindCodeList("GB_T_2261_1");
  const v1::DataElement* id_number = defs->FindElement("GMSFHM");
  const v1::RecordSchema* person = defs->FindSchema("NATURAL_PERSON_BASIC");
  ASSERT_NE(sex, nullptr);
  ASSERT_NE(id_number, nullptr);
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(ContentHash(*sex),
            "a1bbee800a8686bdfccf5c9c86b9af6cf2bc16e99627c77e23f611936e0e203d");
  EXPECT_EQ(ContentHash(*id_number),
            "5601b381c23a1a0d7ff95c9e82d24fe726652863caf5b0913482913e89056db7");
  EXPECT_EQ(ContentHash(*person),
            "03dd84193c6f066e891564a4e2d3c4fa094964628564ef4e62695366dad56242");
  const v1::CodingRule* id_rule = defs->FindCodingRule("GB_11643");
  ASSERT_NE(id_rule, nullptr);
  EXPECT_EQ(ContentHash(*id_rule),
            "0b47bff47d36553ce5f0091d10189f13d01714ff199c527d971c31f2ed102590");
}

TEST(ContentHashTest, IgnoresVersionInfoOnly) {
  v1::DataElement element;
  element.set_id("XBDM");
  element.set_name_zh("性别代码");
  const std::string hash = ContentHash(element);
  EXPECT_EQ(hash.size(), 64u);
  element.mutable_version_info()->set_version(7);
  element.mutable_version_info()->set_content_hash("x");
  EXPECT_EQ(ContentHash(element), hash);
  element.set_name_en("Sex code");
  EXPECT_NE(ContentHash(element), hash);
}

TEST(ContentHashTest, MapOrderDoesNotMatter) {
  v1::DataElement a;
  a.set_id("X");
  (*a.mutable_aliases())["男"] = "1";
  (*a.mutable_aliases())["女"] = "2";
  v1::DataElement b;
  b.set_id("X");
  (*b.mutable_aliases())["女"] = "2";
  (*b.mutable_aliases())["男"] = "1";
  EXPECT_EQ(ContentHash(a), ContentHash(b));
}

TEST(ContentHashTest, StreamingCodeListHashEqualsWholeListHash) {
  v1::CodeList list;
  list.set_id("GB_T_2260");
  list.set_name_zh("行政区划代码");
  list.set_name_en("Administrative divisions");
  list.set_standard("GB/T 2260");
  list.set_remarks("r");
  list.mutable_version_info()->set_version(3);
  for (int i = 0; i < 1000; ++i) {
    v1::CodeEntry* entry = list.add_entries();
    entry->set_code(std::to_string(110000 + i));
    entry->set_name_zh("区" + std::to_string(i));
    if (i % 3 == 0) entry->set_valid_from("1990-01-01");
    if (i % 7 == 0) entry->add_aliases("alias" + std::to_string(i));
  }
  v1::CodeList header = list;
  header.clear_entries();
  CodeListHasher hasher(header);
  for (const v1::CodeEntry& entry : list.entries()) hasher.Add(entry);
  const std::string streamed = hasher.Finish();

  v1::CodeList copy = list;
  copy.clear_version_info();
  std::string bytes;
  ASSERT_TRUE(copy.SerializeToString(&bytes));
  EXPECT_EQ(streamed, Sha256Hex(bytes));
  EXPECT_EQ(ContentHash(list), streamed);
}

// CodeListHasher copies the header fields by name; a field added to CodeList
// must be added there too. This fails until it is.
TEST(ContentHashTest, CodeListFieldsAreTheOnesTheHasherKnows) {
  const google::protobuf::Descriptor* d = v1::CodeList::descriptor();
  std::set<int> numbers;
  for (int i = 0; i < d->field_count(); ++i) {
    numbers.insert(d->field(i)->number());
  }
  EXPECT_EQ(numbers, (std::set<int>{1, 2, 3, 4, 5, 6, 30}));
}

}  // namespace
}  // namespace shuyuan::codec
