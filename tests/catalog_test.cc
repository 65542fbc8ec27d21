// The standard catalog (catalog/) as the codec's conformance suite: every
// definition file loads, every element and schema compiles, every example
// behaves as written (a failure names the item and example), the code lists
// hold what their standards say, and the legacy legal-person sample
// normalises with exactly the rejects its generator planted.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "codec/coding_rule.h"
#include "codec/compiled_element.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "codec/examples_runner.h"
#include "codec/record_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "unicode/ucnv.h"
#include "unicode/ustring.h"

namespace shuyuan::codec {
namespace {

const std::string kCatalog = std::string(SHUYUAN_SOURCE_DIR) + "/catalog";

const DefinitionSet& Catalog() {
  static const DefinitionSet* defs = [] {
    absl::StatusOr<DefinitionSet> loaded = DefinitionSet::Load(kCatalog);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? new DefinitionSet(*std::move(loaded))
                       : new DefinitionSet();
  }();
  return *defs;
}

std::string Where(const SourceLocation* location) {
  return location == nullptr
             ? std::string("?")
             : location->file + ":" + std::to_string(location->line);
}

TEST(CatalogTest, LoadsWithEveryKind) {
  const DefinitionSet& defs = Catalog();
  EXPECT_GE(defs.elements().size(), 30u);
  EXPECT_GE(defs.code_lists().size(), 7u);
  EXPECT_GE(defs.schemas().size(), 3u);
  EXPECT_GE(defs.coding_rules().size(), 4u);
}

// The national codes and the provincial example as coding rules (SPEC
// §2.12): each compiles against the catalog and its examples behave.
TEST(CatalogTest, EveryCodingRuleCompilesAndItsExamplesBehave) {
  for (const char* id :
       {"GB_11643", "GB_11714", "GB_32100", "ZJ_CATALOG_CODE"}) {
    EXPECT_NE(Catalog().FindCodingRule(id), nullptr) << id;
  }
  for (const v1::CodingRule* rule : Catalog().coding_rules()) {
    SCOPED_TRACE(rule->id() + " at " +
                 Where(Catalog().CodingRuleLocation(rule->id())));
    EXPECT_FALSE(rule->name_zh().empty());
    EXPECT_FALSE(rule->name_en().empty());
    EXPECT_FALSE(rule->standard().empty());
    EXPECT_GE(rule->examples_size(), 4) << "needs at least 4 examples";
    bool has_valid = false, has_invalid = false;
    for (const v1::ElementExample& ex : rule->examples()) {
      has_valid |= ex.valid();
      has_invalid |= !ex.valid();
    }
    EXPECT_TRUE(has_valid && has_invalid) << "needs valid and invalid examples";
    absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> compiled =
        CompiledCodingRule::Compile(*rule, Catalog());
    ASSERT_TRUE(compiled.ok()) << compiled.status();
    const std::vector<std::string> failures = RunCodingRuleExamples(**compiled);
    EXPECT_THAT(failures, testing::IsEmpty()) << absl::StrJoin(failures, "\n");
  }
}

TEST(CatalogTest, EveryElementCompilesAndItsExamplesBehave) {
  for (const v1::DataElement* element : Catalog().elements()) {
    SCOPED_TRACE(element->id() + " at " +
                 Where(Catalog().ElementLocation(element->id())));
    EXPECT_FALSE(element->name_zh().empty());
    EXPECT_FALSE(element->name_en().empty());
    EXPECT_FALSE(element->definition().empty());
    EXPECT_FALSE(element->standard().empty() && element->remarks().empty())
        << "cites no standard";
    EXPECT_GE(element->examples_size(), 4) << "needs at least 4 examples";
    bool has_valid = false, has_invalid = false, has_normalizing = false;
    for (const v1::ElementExample& ex : element->examples()) {
      has_valid |= ex.valid();
      has_invalid |= !ex.valid();
      has_normalizing |= ex.has_normalized() && ex.normalized() != ex.value();
    }
    EXPECT_TRUE(has_valid && has_invalid && has_normalizing)
        << "needs valid, invalid and normalising examples";
    absl::StatusOr<std::shared_ptr<const CompiledElement>> compiled =
        CompiledElement::Compile(*element, Catalog());
    ASSERT_TRUE(compiled.ok()) << compiled.status();
    const std::vector<std::string> failures = RunElementExamples(**compiled);
    EXPECT_THAT(failures, testing::IsEmpty()) << absl::StrJoin(failures, "\n");
  }
}

TEST(CatalogTest, EverySchemaCompilesAndItsExamplesBehave) {
  for (const v1::RecordSchema* schema : Catalog().schemas()) {
    SCOPED_TRACE(schema->id() + " at " +
                 Where(Catalog().SchemaLocation(schema->id())));
    EXPECT_GE(schema->examples_size(), 2);
    absl::StatusOr<std::shared_ptr<const CompiledSchema>> compiled =
        CompiledSchema::Compile(*schema, Catalog());
    ASSERT_TRUE(compiled.ok()) << compiled.status();
    const std::vector<std::string> failures = RunSchemaExamples(**compiled);
    EXPECT_THAT(failures, testing::IsEmpty()) << absl::StrJoin(failures, "\n");
  }
}

TEST(CatalogTest, LegalPersonSchemaHasTwentyFields) {
  const v1::RecordSchema* schema = Catalog().FindSchema("LEGAL_PERSON_BASIC");
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->fields_size(), 20);
  std::set<v1::RecordRule::RuleCase> rules;
  for (const v1::RecordRule& rule : schema->rules())
    rules.insert(rule.rule_case());
  EXPECT_TRUE(rules.count(v1::RecordRule::kUsccOrgCode));
  EXPECT_TRUE(rules.count(v1::RecordRule::kUsccDivision));
  ASSERT_NE(Catalog().FindSchema("NATURAL_PERSON_BASIC"), nullptr);
  ASSERT_NE(Catalog().FindSchema("ADMIN_PENALTY"), nullptr);
}

// code → name_zh of a list's entries in force (no valid_to).
std::map<std::string, std::string> Codes(absl::string_view id) {
  std::map<std::string, std::string> out;
  const v1::CodeList* list = Catalog().FindCodeList(id);
  EXPECT_NE(list, nullptr) << id;
  if (list == nullptr) return out;
  for (const v1::CodeEntry& e : list->entries()) {
    if (e.valid_to().empty()) out[e.code()] = e.name_zh();
  }
  return out;
}

TEST(CatalogCodeListsTest, SexCodesAreGbT2261_1) {
  const auto codes = Codes("GB_T_2261_1");
  EXPECT_EQ(codes.size(), 4u);
  EXPECT_EQ(codes.at("0"), "未知的性别");
  EXPECT_EQ(codes.at("1"), "男性");
  EXPECT_EQ(codes.at("2"), "女性");
  EXPECT_EQ(codes.at("9"), "未说明的性别");
}

TEST(CatalogCodeListsTest, EthnicGroupsAreGbT3304) {
  const auto codes = Codes("GB_T_3304");
  EXPECT_EQ(codes.size(), 58u);
  for (int i = 1; i <= 56; ++i) {
    char code[3];
    snprintf(code, sizeof(code), "%02d", i);
    EXPECT_TRUE(codes.count(code)) << code;
  }
  EXPECT_EQ(codes.at("01"), "汉族");
  EXPECT_EQ(codes.at("02"), "蒙古族");
  EXPECT_EQ(codes.at("05"), "维吾尔族");
  EXPECT_EQ(codes.at("08"), "壮族");
  EXPECT_EQ(codes.at("56"), "基诺族");
  EXPECT_TRUE(codes.count("97"));
  EXPECT_TRUE(codes.count("98"));
}

TEST(CatalogCodeListsTest, ProvincesAreGbT2260) {
  const v1::CodeList* list = Catalog().FindCodeList("GB_T_2260");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->entries_size(), 34);
  const auto codes = Codes("GB_T_2260");
  EXPECT_EQ(codes.at("110000"), "北京市");
  EXPECT_EQ(codes.at("330000"), "浙江省");
  EXPECT_EQ(codes.at("500000"), "重庆市");
  EXPECT_EQ(codes.at("650000"), "新疆维吾尔自治区");
  EXPECT_EQ(codes.at("710000"), "台湾省");
  EXPECT_EQ(codes.at("810000"), "香港特别行政区");
  EXPECT_EQ(codes.at("820000"), "澳门特别行政区");
}

TEST(CatalogCodeListsTest, IndustrySectionsAreGbT4754_2017) {
  const auto codes = Codes("GB_T_4754_MLDM");
  EXPECT_EQ(codes.size(), 20u);
  for (char c = 'A'; c <= 'T'; ++c) {
    EXPECT_TRUE(codes.count(std::string(1, c))) << c;
  }
  EXPECT_EQ(codes.at("A"), "农、林、牧、渔业");
  EXPECT_EQ(codes.at("I"), "信息传输、软件和信息技术服务业");
  EXPECT_EQ(codes.at("T"), "国际组织");
}

TEST(CatalogCodeListsTest, RegistrationAuthoritiesAreGb32100) {
  const auto codes = Codes("GB_32100_DJGLBM");
  for (const char* code : {"1", "5", "9", "Y"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  EXPECT_EQ(codes.at("9").find("工商") != std::string::npos ||
                codes.at("9").find("市场监") != std::string::npos,
            true)
      << codes.at("9");
  const auto types = Codes("GB_32100_JGLB");
  EXPECT_TRUE(types.count("91"));  // 企业
  EXPECT_TRUE(types.count("92"));  // 个体工商户
  EXPECT_TRUE(types.count("93"));  // 农民专业合作社
  EXPECT_TRUE(types.count("51"));  // 社会团体
}

// The legacy sample through LEGAL_PERSON_BASIC: every row lands in exactly
// one of clean and rejected, with the counts its generator planted.
TEST(CatalogLegacySampleTest, NormalisesWithTheExpectedRejects) {
  const v1::RecordSchema* proto = Catalog().FindSchema("LEGAL_PERSON_BASIC");
  ASSERT_NE(proto, nullptr);
  absl::StatusOr<std::shared_ptr<const CompiledSchema>> schema =
      CompiledSchema::Compile(*proto, Catalog());
  ASSERT_TRUE(schema.ok()) << schema.status();
  RecordReaderOptions options;  // encoding auto: the file is GB18030
  absl::StatusOr<std::unique_ptr<RecordReader>> reader = RecordReader::OpenFile(
      std::string(SHUYUAN_SOURCE_DIR) + "/examples/legacy_legal_persons.csv",
      options);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->encoding(), TextEncoding::kGb18030);
  std::vector<int> column_field;
  for (const std::string& name : (*reader)->header()) {
    const int field = (*schema)->FindField(name);
    EXPECT_GE(field, 0) << "legacy column " << name << " maps to no field";
    column_field.push_back(field);
  }
  int rows = 0, clean = 0, warnings = 0, rejected = 0, malformed = 0;
  std::map<std::string, int> reject_codes;
  InputRow row;
  RecordResult result;
  while ((*reader)->Next(&row)) {
    ++rows;
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) {
      ++rejected;
      ++malformed;
      ++reject_codes[v1::IssueCode_Name(row.issue)];
      continue;
    }
    std::vector<absl::string_view> values((*schema)->field_count());
    for (size_t c = 0; c < row.values.size() && c < column_field.size(); ++c) {
      if (column_field[c] >= 0) values[column_field[c]] = row.values[c];
    }
    (*schema)->Validate(values, ValidateOptions(), &result);
    if (!result.ok()) {
      ++rejected;
      for (const Issue& issue : result.issues()) {
        if (issue.severity == v1::ERROR) {
          ++reject_codes[v1::IssueCode_Name(issue.code)];
          break;
        }
      }
      continue;
    }
    ++clean;
    warnings += result.verdict() == v1::VALID_WITH_WARNINGS;
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status();
  EXPECT_EQ(rows, 2400);
  EXPECT_EQ(rows, clean + rejected);
  EXPECT_EQ(clean, 2251);
  EXPECT_EQ(warnings, 83);
  EXPECT_EQ(rejected, 149);
  EXPECT_EQ(malformed, 5);
  EXPECT_EQ(reject_codes["INVALID_ENCODING"], 1);
  EXPECT_GE(reject_codes["MALFORMED_ROW"], 4);
  EXPECT_GE(reject_codes["CROSS_FIELD_MISMATCH"], 13 * 3);
  EXPECT_GE(reject_codes["CHECKSUM_MISMATCH"], 13 * 2);
}

// Every row's outcome as text: the verdict and the normalised values, or the
// reader's issue.
std::vector<std::string> NormalisedRows(const CompiledSchema& schema,
                                        const std::string& path,
                                        TextEncoding* encoding) {
  std::vector<std::string> out;
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      RecordReader::OpenFile(path, RecordReaderOptions());
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return out;
  *encoding = (*reader)->encoding();
  std::vector<int> column_field;
  for (const std::string& name : (*reader)->header()) {
    column_field.push_back(schema.FindField(name));
  }
  InputRow row;
  RecordResult result;
  ValidateOptions options;
  options.as_of = MakeDateKey(2025, 1, 1);
  while ((*reader)->Next(&row)) {
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) {
      out.push_back(std::string(v1::IssueCode_Name(row.issue)));
      continue;
    }
    std::vector<absl::string_view> values(schema.field_count());
    for (size_t c = 0; c < row.values.size() && c < column_field.size(); ++c) {
      if (column_field[c] >= 0) values[column_field[c]] = row.values[c];
    }
    schema.Validate(values, options, &result);
    std::string line(v1::Verdict_Name(result.verdict()));
    for (size_t i = 0; i < schema.field_count(); ++i) {
      const absl::string_view v = result.value(static_cast<int>(i));
      line.append("|").append(v.data(), v.size());
    }
    out.push_back(std::move(line));
  }
  return out;
}

// The GB18030 sample and its UTF-8 twin normalise to the same output.
TEST(CatalogLegacySampleTest, Gb18030AndUtf8TwinNormaliseAlike) {
  const v1::RecordSchema* proto = Catalog().FindSchema("LEGAL_PERSON_BASIC");
  ASSERT_NE(proto, nullptr);
  absl::StatusOr<std::shared_ptr<const CompiledSchema>> schema =
      CompiledSchema::Compile(*proto, Catalog());
  ASSERT_TRUE(schema.ok()) << schema.status();
  const std::string gb_path =
      std::string(SHUYUAN_SOURCE_DIR) + "/examples/legacy_legal_persons.csv";
  std::ifstream in(gb_path, std::ios::binary);
  const std::string gb((std::istreambuf_iterator<char>(in)),
                       std::istreambuf_iterator<char>());
  ASSERT_FALSE(gb.empty());
  // Convert with ICU, keeping the one planted invalid byte sequence invalid
  // in the twin too (as a lone 0xFF, which is never valid UTF-8).
  UErrorCode status = U_ZERO_ERROR;
  UConverter* from = ucnv_open("gb18030", &status);
  ASSERT_TRUE(U_SUCCESS(status));
  std::string utf8;
  size_t start = 0;
  while (start < gb.size()) {
    size_t bad = gb.find('\xFF', start);
    const size_t end = bad == std::string::npos ? gb.size() : bad;
    std::vector<UChar> u16((end - start) * 2 + 2);
    status = U_ZERO_ERROR;
    const int32_t n16 = ucnv_toUChars(from, u16.data(), u16.size(),
                                      gb.data() + start, end - start, &status);
    ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    std::vector<char> u8(n16 * 3 + 4);
    int32_t n8 = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(u8.data(), u8.size(), &n8, u16.data(), n16, &status);
    ASSERT_TRUE(U_SUCCESS(status));
    utf8.append(u8.data(), n8);
    if (bad == std::string::npos) break;
    utf8.push_back('\xFF');
    start = bad + 1;
  }
  ucnv_close(from);
  const std::string utf8_path = testing::TempDir() + "/legacy_utf8_twin.csv";
  std::ofstream(utf8_path, std::ios::binary) << utf8;

  TextEncoding gb_encoding, utf8_encoding;
  const std::vector<std::string> from_gb =
      NormalisedRows(**schema, gb_path, &gb_encoding);
  const std::vector<std::string> from_utf8 =
      NormalisedRows(**schema, utf8_path, &utf8_encoding);
  std::remove(utf8_path.c_str());
  EXPECT_EQ(gb_encoding, TextEncoding::kGb18030);
  EXPECT_EQ(utf8_encoding, TextEncoding::kUtf8);
  ASSERT_EQ(from_gb.size(), 2400u);
  EXPECT_EQ(from_gb, from_utf8);
}

}  // namespace
}  // namespace shuyuan::codec
