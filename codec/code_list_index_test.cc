#include "codec/code_list_index.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/date_time.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "google/protobuf/arena.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

using ::shuyuan::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

v1::CodeEntry* AddEntry(v1::CodeList* list, const std::string& code,
                        const std::string& name_zh,
                        const std::string& valid_from = "",
                        const std::string& valid_to = "") {
  v1::CodeEntry* entry = list->add_entries();
  entry->set_code(code);
  entry->set_name_zh(name_zh);
  entry->set_valid_from(valid_from);
  entry->set_valid_to(valid_to);
  return entry;
}

std::shared_ptr<const CompiledCodeList> CompileOrDie(const v1::CodeList& list) {
  absl::StatusOr<std::shared_ptr<const CompiledCodeList>> compiled =
      CompiledCodeList::Compile(list);
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  return compiled.ok() ? *compiled : nullptr;
}

std::string LookupCode(const CompiledCodeList& list, absl::string_view value,
                       DateKey as_of) {
  const MapLookup found = list.LookupName(value, as_of);
  if (found.kind != MapLookup::kFound) return "<none>";
  return std::string(found.code);
}

TEST(CompiledCodeListTest, ClosedPeriodIsInclusiveAtBothEnds) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "A", "甲", "2000-01-01", "2010-12-31");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->Check("A", MakeDateKey(1999, 12, 31)),
            CodeMembership::kNotEffective);
  EXPECT_EQ(compiled->Check("A", MakeDateKey(2000, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("A", MakeDateKey(2005, 6, 15)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("A", MakeDateKey(2010, 12, 31)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("A", MakeDateKey(2011, 1, 1)),
            CodeMembership::kNotEffective);
  // 0 ignores dates.
  EXPECT_EQ(compiled->Check("A", 0), CodeMembership::kMember);
}

TEST(CompiledCodeListTest, OpenEnds) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "FROM", "起", "2000-01-01", "");
  AddEntry(&list, "TO", "止", "", "2000-01-01");
  AddEntry(&list, "ALWAYS", "常");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->Check("FROM", MakeDateKey(1999, 12, 31)),
            CodeMembership::kNotEffective);
  EXPECT_EQ(compiled->Check("FROM", MakeDateKey(9999, 12, 31)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("TO", MakeDateKey(1, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("TO", MakeDateKey(2000, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("TO", MakeDateKey(2000, 1, 2)),
            CodeMembership::kNotEffective);
  EXPECT_EQ(compiled->Check("ALWAYS", MakeDateKey(1, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("ALWAYS", MakeDateKey(9999, 12, 31)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->entry_count(), 3u);
}

TEST(CompiledCodeListTest, UnknownCodeIsNotInListWhateverTheDate) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "1", "男性");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->Check("3", MakeDateKey(2020, 1, 1)),
            CodeMembership::kNotInList);
  EXPECT_EQ(compiled->Check("3", 0), CodeMembership::kNotInList);
  EXPECT_EQ(compiled->Check("", 0), CodeMembership::kNotInList);
  // Codes are matched exactly: no prefix or case folding.
  EXPECT_EQ(compiled->Check("10", 0), CodeMembership::kNotInList);
  EXPECT_EQ(compiled->DescribePeriods("3"), "");
}

TEST(CompiledCodeListTest, RenamedCodeHasSeveralPeriods) {
  v1::CodeList list;
  list.set_id("GB_T_2260");
  // Listed out of order on purpose: compile sorts by start date.
  AddEntry(&list, "120110", "东丽区", "1992-01-01", "");
  AddEntry(&list, "120110", "东郊区", "1981-01-01", "1991-12-31");
  AddEntry(&list, "130107", "井陉矿区", "1983-01-01", "1988-12-31");
  AddEntry(&list, "130107", "井陉矿区", "1992-01-01", "");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->entry_count(), 4u);
  EXPECT_EQ(compiled->Check("120110", MakeDateKey(1985, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("120110", MakeDateKey(2020, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("120110", MakeDateKey(1980, 12, 31)),
            CodeMembership::kNotEffective);
  EXPECT_EQ(compiled->Check("130107", MakeDateKey(1990, 6, 1)),
            CodeMembership::kNotEffective);
  EXPECT_EQ(compiled->Check("130107", MakeDateKey(1988, 12, 31)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("130107", MakeDateKey(1992, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->DescribePeriods("120110"),
            "1981-01-01..1991-12-31, 1992-01-01..");
  // Both names map to the code, each preferred in its own period.
  EXPECT_EQ(LookupCode(*compiled, "东郊区", MakeDateKey(1985, 1, 1)), "120110");
  EXPECT_EQ(LookupCode(*compiled, "东郊区", MakeDateKey(2020, 1, 1)), "120110");
  EXPECT_EQ(LookupCode(*compiled, "东丽区", MakeDateKey(2020, 1, 1)), "120110");
  // The same name on two entries of one code is not ambiguous.
  EXPECT_EQ(LookupCode(*compiled, "井陉矿区", MakeDateKey(1990, 1, 1)),
            "130107");
}

TEST(CompiledCodeListTest, NameOnTakesTheEntryInForceOrTheNearest) {
  v1::CodeList list;
  list.set_id("GB_T_2260");
  AddEntry(&list, "120110", "东丽区", "1992-01-01", "");
  AddEntry(&list, "120110", "东郊区", "1981-01-01", "1991-12-31");
  AddEntry(&list, "330103", "下城区", "1983-01-01", "2020-12-31");
  AddEntry(&list, "130107", "井陉矿区", "1983-01-01", "1988-12-31");
  AddEntry(&list, "130107", "井陉矿区（复设）", "1992-01-01", "");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->NameOn("120110", MakeDateKey(1991, 12, 31)), "东郊区");
  EXPECT_EQ(compiled->NameOn("120110", MakeDateKey(1992, 1, 1)), "东丽区");
  // Before the code's first period: its first name.
  EXPECT_EQ(compiled->NameOn("120110", MakeDateKey(1949, 10, 1)), "东郊区");
  // After its last period: its last name.
  EXPECT_EQ(compiled->NameOn("330103", MakeDateKey(2023, 1, 1)), "下城区");
  // In a gap between periods: the next one.
  EXPECT_EQ(compiled->NameOn("130107", MakeDateKey(1990, 1, 1)),
            "井陉矿区（复设）");
  EXPECT_EQ(compiled->NameOn("999999", MakeDateKey(1990, 1, 1)), "");
  // Any date (0) is covered by the first period.
  EXPECT_EQ(compiled->NameOn("120110", 0), "东郊区");
}

TEST(CompiledCodeListTest, EarliestValidFrom) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "2", "b", "1992-01-01", "");
  AddEntry(&list, "1", "a", "1980-01-01", "1991-12-31");
  auto dated = CompileOrDie(list);
  ASSERT_NE(dated, nullptr);
  EXPECT_EQ(dated->earliest_valid_from(), MakeDateKey(1980, 1, 1));
  // An entry without valid_from makes the list cover every date.
  AddEntry(&list, "3", "c");
  auto open = CompileOrDie(list);
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->earliest_valid_from(), 0);
  auto empty = CompileOrDie(v1::CodeList());
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(empty->earliest_valid_from(), 0);
}

TEST(CompiledCodeListTest, OverlappingPeriodsAreRefusedNamingTheCode) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "X1", "甲", "2000-01-01", "2010-12-31");
  AddEntry(&list, "X1", "乙", "2010-06-01", "");
  EXPECT_THAT(CompiledCodeList::Compile(list),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("'X1'"), HasSubstr("overlap"))));
}

TEST(CompiledCodeListTest, PeriodsTouchingOnOneDayOverlap) {
  // Both ends are inclusive: a period ending on the day the next starts
  // overlaps it by one day.
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "X2", "甲", "2000-01-01", "2010-12-31");
  AddEntry(&list, "X2", "乙", "2010-12-31", "");
  EXPECT_THAT(CompiledCodeList::Compile(list),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'X2'")));

  v1::CodeList adjacent;
  adjacent.set_id("L");
  AddEntry(&adjacent, "X2", "甲", "2000-01-01", "2010-12-31");
  AddEntry(&adjacent, "X2", "乙", "2011-01-01", "");
  auto compiled = CompileOrDie(adjacent);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->Check("X2", MakeDateKey(2010, 12, 31)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("X2", MakeDateKey(2011, 1, 1)),
            CodeMembership::kMember);
}

TEST(CompiledCodeListTest, OpenPeriodsOfOneCodeOverlap) {
  v1::CodeList undated;
  undated.set_id("L");
  AddEntry(&undated, "Y", "甲");
  AddEntry(&undated, "Y", "乙");
  EXPECT_THAT(CompiledCodeList::Compile(undated),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'Y'")));

  v1::CodeList open_start;
  open_start.set_id("L");
  AddEntry(&open_start, "Z", "甲", "2005-01-01", "2006-01-01");
  AddEntry(&open_start, "Z", "乙", "", "2001-01-01");
  AddEntry(&open_start, "Z", "丙", "", "2003-01-01");
  EXPECT_THAT(CompiledCodeList::Compile(open_start),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'Z'")));
}

TEST(CompiledCodeListTest, BadDatesAreRefusedNamingTheEntry) {
  {
    v1::CodeList list;
    list.set_id("L");
    AddEntry(&list, "1", "甲");
    AddEntry(&list, "2", "乙", "2020/01/01", "");
    EXPECT_THAT(
        CompiledCodeList::Compile(list),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 AllOf(HasSubstr("entries[1]"), HasSubstr("'2'"),
                       HasSubstr("valid_from"), HasSubstr("2020/01/01"))));
  }
  {
    v1::CodeList list;
    list.set_id("L");
    AddEntry(&list, "7", "甲", "", "2021-02-30");
    EXPECT_THAT(CompiledCodeList::Compile(list),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("entries[0]"), HasSubstr("valid_to"),
                               HasSubstr("2021-02-30"))));
  }
  {
    v1::CodeList list;
    list.set_id("L");
    AddEntry(&list, "8", "甲", "2021-01-01", "2020-01-01");
    EXPECT_THAT(CompiledCodeList::Compile(list),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("entries[0]"), HasSubstr("'8'"),
                               HasSubstr("after"))));
  }
  {
    v1::CodeList list;
    list.set_id("L");
    AddEntry(&list, "1", "甲");
    AddEntry(&list, "", "空");
    EXPECT_THAT(
        CompiledCodeList::Compile(list),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 AllOf(HasSubstr("entries[1]"), HasSubstr("empty code"))));
  }
}

TEST(CompiledCodeListTest, LookupNameByNameAndAlias) {
  v1::CodeList list;
  list.set_id("GB_T_2261_1");
  AddEntry(&list, "0", "未知的性别");
  v1::CodeEntry* male = AddEntry(&list, "1", "男性");
  male->add_aliases("男");
  male->add_aliases("M");
  v1::CodeEntry* female = AddEntry(&list, "2", "女性");
  female->add_aliases("女");
  female->add_aliases("F");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  const DateKey day = MakeDateKey(2024, 1, 1);
  EXPECT_EQ(LookupCode(*compiled, "男性", day), "1");
  EXPECT_EQ(LookupCode(*compiled, "男", day), "1");
  EXPECT_EQ(LookupCode(*compiled, "M", day), "1");
  EXPECT_EQ(LookupCode(*compiled, "女", day), "2");
  EXPECT_EQ(LookupCode(*compiled, "未知的性别", day), "0");
  EXPECT_EQ(compiled->LookupName("m", day).kind, MapLookup::kNotFound);
  EXPECT_EQ(compiled->LookupName("男 ", day).kind, MapLookup::kNotFound);
  EXPECT_EQ(compiled->LookupName("", day).kind, MapLookup::kNotFound);
}

TEST(CompiledCodeListTest, SameNameForTwoCodesIsAmbiguous) {
  v1::CodeList list;
  list.set_id("GB_T_2260");
  AddEntry(&list, "110105", "朝阳区");
  AddEntry(&list, "220104", "朝阳区");
  AddEntry(&list, "110106", "丰台区");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->LookupName("朝阳区", MakeDateKey(2020, 1, 1)).kind,
            MapLookup::kAmbiguous);
  EXPECT_EQ(compiled->LookupName("朝阳区", 0).kind, MapLookup::kAmbiguous);
  EXPECT_EQ(LookupCode(*compiled, "丰台区", MakeDateKey(2020, 1, 1)), "110106");
}

TEST(CompiledCodeListTest, EntryInForcePreferredOverOthersOfTheSameName) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "OLD", "新区", "1990-01-01", "2009-12-31");
  AddEntry(&list, "NEW", "新区", "2010-01-01", "");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(LookupCode(*compiled, "新区", MakeDateKey(2005, 1, 1)), "OLD");
  EXPECT_EQ(LookupCode(*compiled, "新区", MakeDateKey(2015, 1, 1)), "NEW");
  // Neither in force: both count, so the name is ambiguous.
  EXPECT_EQ(compiled->LookupName("新区", MakeDateKey(1980, 1, 1)).kind,
            MapLookup::kAmbiguous);
  // Without a date every entry is in force.
  EXPECT_EQ(compiled->LookupName("新区", 0).kind, MapLookup::kAmbiguous);
}

TEST(CompiledCodeListTest, NameOfEntryNotInForceStillMaps) {
  v1::CodeList list;
  list.set_id("L");
  AddEntry(&list, "330103", "下城区", "1983-01-01", "2020-12-31");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  // Maps, so that validation can report CODE_NOT_EFFECTIVE on the code.
  EXPECT_EQ(LookupCode(*compiled, "下城区", MakeDateKey(2022, 6, 1)), "330103");
}

TEST(CompiledCodeListTest, ValueThatIsACodeIsNotMapped) {
  v1::CodeList list;
  list.set_id("L");
  // A confusing legacy list: entry "2" carries alias "1", which is also a
  // code of its own. The value "1" must stay "1".
  AddEntry(&list, "1", "一");
  v1::CodeEntry* two = AddEntry(&list, "2", "二");
  two->add_aliases("1");
  two->add_aliases("贰");
  auto compiled = CompileOrDie(list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->LookupName("1", 0).kind, MapLookup::kNotFound);
  EXPECT_EQ(compiled->LookupName("2", 0).kind, MapLookup::kNotFound);
  EXPECT_EQ(LookupCode(*compiled, "贰", 0), "2");
}

TEST(CompiledCodeListTest, CompiledListDoesNotReferToTheProto) {
  auto list = std::make_unique<v1::CodeList>();
  list->set_id("L");
  AddEntry(list.get(), "01", "汉族")->add_aliases("汉");
  auto compiled = CompileOrDie(*list);
  ASSERT_NE(compiled, nullptr);
  list.reset();
  EXPECT_EQ(compiled->id(), "L");
  EXPECT_EQ(compiled->Check("01", 0), CodeMembership::kMember);
  EXPECT_EQ(LookupCode(*compiled, "汉", 0), "01");
}

TEST(CompiledCodeListTest, MillionEntriesCompileAndAnswer) {
  // SPEC §2.4: lists of 1,000,000 entries compile comfortably. Speed is
  // bench/'s business; this checks that such a list compiles and answers.
  constexpr int kEntries = 1000000;
  google::protobuf::Arena arena;
  auto* list = google::protobuf::Arena::CreateMessage<v1::CodeList>(&arena);
  list->set_id("BIG");
  list->mutable_entries()->Reserve(kEntries);
  char code[8];
  for (int i = 0; i < kEntries; ++i) {
    v1::CodeEntry* entry = list->add_entries();
    absl::SNPrintF(code, sizeof(code), "%07d", i);
    entry->set_code(code);
    entry->set_name_zh(absl::StrCat("名称", i));
    // Every tenth code has ended.
    if (i % 10 == 0) entry->set_valid_to("2020-12-31");
  }
  auto compiled = CompileOrDie(*list);
  ASSERT_NE(compiled, nullptr);
  EXPECT_EQ(compiled->entry_count(), static_cast<size_t>(kEntries));
  const DateKey day = MakeDateKey(2024, 1, 1);
  EXPECT_EQ(compiled->Check("0000000", day), CodeMembership::kNotEffective);
  EXPECT_EQ(compiled->Check("0000000", MakeDateKey(2019, 1, 1)),
            CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("0999999", day), CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("0500001", day), CodeMembership::kMember);
  EXPECT_EQ(compiled->Check("1000000", day), CodeMembership::kNotInList);
  EXPECT_EQ(LookupCode(*compiled, "名称123457", day), "0123457");
  EXPECT_EQ(compiled->LookupName("名称1000000", day).kind,
            MapLookup::kNotFound);
}

}  // namespace
}  // namespace shuyuan::codec
