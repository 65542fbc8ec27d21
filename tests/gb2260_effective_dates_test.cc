// Effective-dated membership on the real GB/T 2260 history (1980s to 2024),
// through the whole path a user's definition takes: a code list with one
// entry per period of a code, a data element whose value domain names it,
// the `map` step from division names, and CompiledElement::CheckValue.
//
// The data lives in the shared folder (SHUYUAN_SHARED_DATA_DIR) and is never
// copied into the repository; the test skips when the folder is absent.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "codec/code_list_index.h"
#include "codec/compiled_element.h"
#include "codec/date_time.h"
#include "codec/definition_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan {
namespace {

using codec::CompiledElement;
using codec::MakeDateKey;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kHistory[] = SHUYUAN_SHARED_DATA_DIR "/gb2260/history.tsv";
// Rows still listed in the newest table have no end date.
constexpr int kNewestYear = 2024;

// history.tsv: "code\tname\tfirst_year\tlast_year" with a header row.
bool LoadHistory(const std::string& path, v1::CodeList* list,
                 std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = absl::StrCat("cannot open ", path);
    return false;
  }
  list->set_id("GB_T_2260");
  list->set_name_zh("中华人民共和国行政区划代码");
  list->set_standard("GB/T 2260");
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 || line.empty()) continue;
    const std::vector<absl::string_view> cells = absl::StrSplit(line, '\t');
    int first_year = 0;
    int last_year = 0;
    if (cells.size() != 4 || !absl::SimpleAtoi(cells[2], &first_year) ||
        !absl::SimpleAtoi(cells[3], &last_year)) {
      *error =
          absl::StrCat(path, ":", line_number, ": malformed row '", line, "'");
      return false;
    }
    v1::CodeEntry* entry = list->add_entries();
    entry->set_code(std::string(cells[0]));
    entry->set_name_zh(std::string(cells[1]));
    entry->set_valid_from(absl::StrCat(first_year, "-01-01"));
    if (last_year != kNewestYear) {
      entry->set_valid_to(absl::StrCat(last_year, "-12-31"));
    }
  }
  return true;
}

class Gb2260EffectiveDatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kHistory)) return;
    v1::CodeList list;
    std::string error;
    if (!LoadHistory(kHistory, &list, &error)) {
      load_error_ = new std::string(error);
      return;
    }
    entries_ = list.entries_size();
    defs_ = new codec::DefinitionSet();
    codec::LoadedDocument code_list;
    *code_list.document.mutable_code_list() = std::move(list);
    code_list.location = {kHistory, 0};
    absl::Status added = defs_->Add(std::move(code_list));
    if (!added.ok()) {
      load_error_ = new std::string(added.ToString());
      return;
    }
    v1::DataElement element;
    element.set_id("XZQHDM");
    element.set_name_zh("行政区划代码");
    element.set_data_type(v1::STRING);
    element.set_format("n6");
    element.mutable_value_domain()->set_code_list("GB_T_2260");
    element.add_normalize()->mutable_trim();
    element.add_normalize()->mutable_map();
    absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
        CompiledElement::Compile(element, *defs_);
    if (!compiled.ok()) {
      load_error_ = new std::string(compiled.status().ToString());
      return;
    }
    element_ = new std::shared_ptr<const CompiledElement>(*compiled);
  }

  static void TearDownTestSuite() {
    delete element_;
    delete defs_;
    delete load_error_;
    element_ = nullptr;
    defs_ = nullptr;
    load_error_ = nullptr;
  }

  void SetUp() override {
    if (!std::filesystem::exists(kHistory)) {
      GTEST_SKIP() << "GB/T 2260 history not found at " << kHistory
                   << " (set -DSHUYUAN_SHARED_DATA_DIR=... to the folder "
                      "holding gb2260/)";
    }
    ASSERT_EQ(load_error_, nullptr) << *load_error_;
    ASSERT_NE(element_, nullptr);
  }

  static v1::ValueResult Check(absl::string_view value, int y, int m, int d) {
    v1::ValueResult result;
    (*element_)->CheckValue(value, MakeDateKey(y, m, d), &result);
    return result;
  }

  static std::vector<std::string> Codes(const v1::ValueResult& result) {
    std::vector<std::string> codes;
    for (const v1::Issue& issue : result.issues()) {
      codes.push_back(v1::IssueCode_Name(issue.code()));
    }
    return codes;
  }

  static codec::DefinitionSet* defs_;
  static std::shared_ptr<const CompiledElement>* element_;
  static std::string* load_error_;
  static int entries_;
};

codec::DefinitionSet* Gb2260EffectiveDatesTest::defs_ = nullptr;
std::shared_ptr<const CompiledElement>* Gb2260EffectiveDatesTest::element_ =
    nullptr;
std::string* Gb2260EffectiveDatesTest::load_error_ = nullptr;
int Gb2260EffectiveDatesTest::entries_ = 0;

TEST_F(Gb2260EffectiveDatesTest, WholeHistoryCompiles) {
  // Thousands of divisions, hundreds of them in several periods.
  EXPECT_GT(entries_, 6000);
  auto list =
      codec::CompiledCodeList::Compile(*defs_->FindCodeList("GB_T_2260"));
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ((*list)->entry_count(), static_cast<size_t>(entries_));
}

TEST_F(Gb2260EffectiveDatesTest, AbolishedDivision) {
  // 330103 下城区 (Hangzhou) was merged away in 2021.
  v1::ValueResult in_2020 = Check("330103", 2020, 6, 1);
  EXPECT_TRUE(in_2020.valid()) << in_2020.DebugString();
  EXPECT_THAT(in_2020.issues(), IsEmpty());

  v1::ValueResult in_2022 = Check("330103", 2022, 6, 1);
  EXPECT_FALSE(in_2022.valid());
  EXPECT_THAT(Codes(in_2022), ElementsAre("CODE_NOT_EFFECTIVE"));
  EXPECT_THAT(in_2022.issues(0).message(), HasSubstr("1983-01-01..2020-12-31"));

  // Its name maps to it; validation then reports it out of force.
  v1::ValueResult by_name = Check("下城区", 2022, 6, 1);
  EXPECT_EQ(by_name.normalized(), "330103");
  EXPECT_THAT(Codes(by_name), ElementsAre("CODE_NOT_EFFECTIVE"));
  EXPECT_TRUE(Check("下城区", 2019, 1, 1).valid());
}

TEST_F(Gb2260EffectiveDatesTest, CodeNeverListed) {
  v1::ValueResult result = Check("339999", 2020, 6, 1);
  EXPECT_FALSE(result.valid());
  EXPECT_THAT(Codes(result), ElementsAre("CODE_NOT_IN_LIST"));
  EXPECT_THAT(Codes(Check("000000", 1990, 1, 1)),
              ElementsAre("CODE_NOT_IN_LIST"));
}

TEST_F(Gb2260EffectiveDatesTest, RenamedDivisionMapsBothNames) {
  // 120110: 东郊区 until 1991, 东丽区 from 1992.
  for (const char* name : {"东郊区", "东丽区"}) {
    for (int year : {1985, 2020}) {
      v1::ValueResult result = Check(name, year, 6, 1);
      EXPECT_EQ(result.normalized(), "120110") << name << " in " << year;
      EXPECT_TRUE(result.valid()) << name << " in " << year;
    }
  }
  EXPECT_TRUE(Check("120110", 1985, 6, 1).valid());
  EXPECT_TRUE(Check("120110", 2024, 6, 1).valid());
  EXPECT_THAT(Codes(Check("120110", 1970, 1, 1)),
              ElementsAre("CODE_NOT_EFFECTIVE"));
}

TEST_F(Gb2260EffectiveDatesTest, ReusedCodeInBothPeriodsAndTheGap) {
  // 130107 井陉矿区: 1983-1988, then again from 1992.
  EXPECT_TRUE(Check("130107", 1985, 6, 1).valid());
  EXPECT_TRUE(Check("130107", 1988, 12, 31).valid());
  v1::ValueResult gap = Check("130107", 1990, 6, 1);
  EXPECT_FALSE(gap.valid());
  EXPECT_THAT(Codes(gap), ElementsAre("CODE_NOT_EFFECTIVE"));
  EXPECT_THAT(gap.issues(0).message(),
              HasSubstr("1983-01-01..1988-12-31, 1992-01-01.."));
  EXPECT_TRUE(Check("130107", 1992, 1, 1).valid());
  EXPECT_TRUE(Check("130107", 2024, 6, 1).valid());
}

}  // namespace
}  // namespace shuyuan
