// The county-level GB/T 2260 list, imported as catalog/README.md explains:
// a TSV (code, name_zh, valid_from, valid_to) turned into a definition file
// by scripts/codelist_tsv_to_yaml.py, replacing the catalog's province-level
// GB_T_2260. The real list comes from ../shared/data/gb2260/history.tsv.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_split.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace shuyuan::codec {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Codes(const v1::ValueResult& result) {
  std::vector<std::string> codes;
  for (const v1::Issue& issue : result.issues()) {
    codes.push_back(v1::IssueCode_Name(issue.code()));
  }
  return codes;
}

TEST(CountyListImportTest, ConvertedListReplacesTheProvinceLevelOne) {
  const fs::path history =
      fs::path(SHUYUAN_SHARED_DATA_DIR) / "gb2260" / "history.tsv";
  if (!fs::exists(history)) {
    GTEST_SKIP() << "no " << history << " (the shared GB/T 2260 data)";
  }
  const fs::path dir = fs::path(::testing::TempDir()) /
                       ("county_import_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(SHUYUAN_SOURCE_DIR) / "catalog", dir / "defs",
           fs::copy_options::recursive);
  fs::remove(dir / "defs" / "code_lists" / "GB_T_2260.yaml");

  // history.tsv: code, name, first_year, last_year (2024 = still in use).
  std::ifstream in(history);
  std::ofstream tsv(dir / "codes.tsv");
  tsv << "code\tname_zh\tvalid_from\tvalid_to\n";
  std::string line;
  std::getline(in, line);  // header
  int rows = 0;
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = absl::StrSplit(line, '\t');
    ASSERT_EQ(cells.size(), 4u) << line;
    tsv << cells[0] << '\t' << cells[1] << '\t' << cells[2] << "-01-01\t"
        << (cells[3] == "2024" ? "" : cells[3] + "-12-31") << '\n';
    ++rows;
  }
  tsv.close();
  ASSERT_GT(rows, 6000);

  const std::string command =
      "python3 " + std::string(SHUYUAN_SOURCE_DIR) +
      "/scripts/codelist_tsv_to_yaml.py --id GB_T_2260 --name-zh 行政区划代码 "
      "--standard 'GB/T 2260' -o " +
      (dir / "defs" / "code_lists" / "GB_T_2260.yaml").string() + " " +
      (dir / "codes.tsv").string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  absl::StatusOr<DefinitionSet> defs =
      DefinitionSet::Load((dir / "defs").string());
  ASSERT_TRUE(defs.ok()) << defs.status();
  EXPECT_EQ(defs->FindCodeList("GB_T_2260")->entries_size(), rows);
  absl::StatusOr<std::shared_ptr<const CompiledElement>> xzqhdm =
      CompiledElement::Compile(*defs->FindElement("XZQHDM"), *defs);
  ASSERT_TRUE(xzqhdm.ok()) << xzqhdm.status();
  v1::ValueResult result;
  (*xzqhdm)->CheckValue("330103", MakeDateKey(2020, 6, 1), &result);
  EXPECT_TRUE(result.valid()) << result.DebugString();
  (*xzqhdm)->CheckValue("330103", MakeDateKey(2022, 6, 1), &result);
  EXPECT_THAT(Codes(result), ::testing::ElementsAre("CODE_NOT_EFFECTIVE"));
  (*xzqhdm)->CheckValue("330106", MakeDateKey(2022, 6, 1), &result);
  EXPECT_TRUE(result.valid());

  // A county-registered company now validates with its division code.
  absl::StatusOr<std::shared_ptr<const CompiledSchema>> schema =
      CompiledSchema::Compile(*defs->FindSchema("LEGAL_PERSON_BASIC"), *defs);
  ASSERT_TRUE(schema.ok()) << schema.status();
  RecordResult record;
  ValidateOptions options;
  options.as_of = MakeDateKey(2024, 6, 1);
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"统一社会信用代码", "91330106MA2B00000U"},
      {"机构名称", "测试公司"},
      {"行政区划代码", "330106"},
      {"成立日期", "2020-01-01"},
      {"经营状态", "存续"}};
  (*schema)->ValidateNamed(columns, options, &record);
  v1::RecordResult proto;
  (*schema)->ToProto(record, &proto);
  EXPECT_EQ(proto.verdict(), v1::VALID) << proto.DebugString();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace shuyuan::codec
