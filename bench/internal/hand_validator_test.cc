// The hand-written ceiling validator against the codec, record by record:
// the same verdict and primary issue, and the same normalised values on
// valid records. Records: the schemas' examples, the shipped legacy sample,
// and every single-field mutation of them from a fixed list of the edits
// legacy data shows (blanks, full-width digits, lower case, stray
// characters, other date forms, truncation …).
#include "bench/internal/hand_validator.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "bench/internal/truth_rows.h"
#include "codec/compiled_schema.h"
#include "codec/definition_set.h"
#include "codec/record_reader.h"
#include "gtest/gtest.h"

namespace shuyuan::bench_internal {
namespace {

constexpr Day kAsOf = 20240601;
using Record = std::vector<std::string>;

struct Fixture {
  codec::DefinitionSet defs;
  std::unique_ptr<HandValidator> hand;
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    f->defs = *codec::DefinitionSet::Load(std::string(SHUYUAN_SOURCE_DIR) +
                                          "/catalog");
    f->hand = *HandValidator::Create(f->defs);
    return f;
  }();
  return *fixture;
}

std::shared_ptr<const codec::CompiledSchema> Schema(absl::string_view id) {
  const Fixture& f = GetFixture();
  return *codec::CompiledSchema::Compile(*f.defs.FindSchema(id), f.defs);
}

// The schema's examples as records in field order.
std::vector<Record> Examples(const codec::CompiledSchema& schema) {
  std::vector<Record> records;
  for (const auto& example : schema.definition().examples()) {
    Record& r = records.emplace_back(schema.field_count());
    for (const auto& [column, value] : example.record()) {
      const int i = schema.FindField(column);
      if (i >= 0) r[i] = value;
    }
  }
  return records;
}

std::vector<Record> LegacySample(const codec::CompiledSchema& schema) {
  codec::RecordReaderOptions options;
  options.encoding = codec::TextEncoding::kAuto;
  auto reader = *codec::RecordReader::OpenFile(
      std::string(SHUYUAN_SOURCE_DIR) + "/examples/legacy_legal_persons.csv",
      options);
  std::vector<int> field_of;
  for (const std::string& column : reader->header()) {
    field_of.push_back(schema.FindField(column));
  }
  std::vector<Record> records;
  codec::InputRow row;
  while (reader->Next(&row)) {
    if (row.issue != v1::ISSUE_CODE_UNSPECIFIED) continue;
    Record& r = records.emplace_back(schema.field_count());
    for (size_t c = 0; c < row.values.size() && c < field_of.size(); ++c) {
      if (field_of[c] >= 0) r[field_of[c]] = row.values[c];
    }
  }
  return records;
}

// Edits legacy data shows, applied to one value.
std::vector<std::string> Mutations(const std::string& v) {
  std::vector<std::string> out = {"",
                                  " ",
                                  v + "X",
                                  v + "1",
                                  "1" + v,
                                  " " + v + "\t",
                                  v.substr(0, v.size() / 2),
                                  v + v,
                                  "\xE3\x80\x80" + v,
                                  v + "-",
                                  "0",
                                  "abc",
                                  "\xFF" + v,
                                  v + "\x01"};
  std::string lower = v, fullwidth;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  out.push_back(lower);
  for (const char c : v) {
    if (c >= '0' && c <= '9') {
      fullwidth += "\xEF\xBC";
      fullwidth += static_cast<char>(0x90 + (c - '0'));
    } else {
      fullwidth += c;
    }
  }
  out.push_back(fullwidth);
  if (v.size() == 8) {  // a date: other forms and impossible days
    out.push_back(
        absl::StrCat(v.substr(0, 4), "-", v.substr(4, 2), "-", v.substr(6, 2)));
    out.push_back(absl::StrCat(v.substr(0, 4), "年", v.substr(4, 2), "月",
                               v.substr(6, 2), "日"));
    out.push_back(absl::StrCat(v.substr(0, 4), "/3/8 0:00"));
    out.push_back(v.substr(0, 6) + "31");
    out.push_back(v.substr(0, 4) + "0229");
    out.push_back("18991231");
    out.push_back("30000101");
    out.push_back("42071");
  }
  if (v.size() == 18) {  // an ID or USCC: wrong check, 15 digits, lower x
    std::string wrong = v;
    wrong[17] = wrong[17] == '0' ? '1' : '0';
    out.push_back(wrong);
    out.push_back(v.substr(0, 6) + v.substr(8, 9));
    std::string x = v;
    x[17] = 'x';
    out.push_back(x);
    std::string other = v;
    other[3] = other[3] == '9' ? '8' : '9';
    out.push_back(other);
  }
  for (const char* extra : {"男",
                            "女",
                            "m",
                            "汉",
                            "汉族",
                            "在营",
                            "浙江省",
                            "西湖区",
                            "美国",
                            "台湾",
                            "156",
                            "i",
                            "制造业",
                            "0571-87654321",
                            "057187654321",
                            "(0571)87654321",
                            "+8613812345678",
                            "a@b.cn",
                            "a@b",
                            "1,000万元",
                            "-1",
                            "12.1234567",
                            "二〇一五年三月八日",
                            "张.三",
                            "约翰.史密斯",
                            "50000",
                            "310006",
                            "12812345678",
                            "0086 138 1234 5678",
                            "138-1234-5678",
                            "400-123-4567",
                            "010-12345678",
                            "010-1234567-123",
                            "95588",
                            "a.b@c-d.e.org",
                            "ab@c..cn",
                            "19000101",
                            "20240602",
                            "1.5",
                            "1234567890123456789",
                            "330103",
                            "110111",
                            "9",
                            "Y",
                            "I",
                            "U",
                            "CHN",
                            "USA",
                            "陈 ·  明"}) {
    out.push_back(extra);
  }
  return out;
}

// Compares one record; returns a description of the first difference.
std::string Compare(const codec::CompiledSchema& schema, bool legal,
                    const Record& record, codec::RecordResult* result,
                    HandRecord* hand_record) {
  const std::vector<absl::string_view> views(record.begin(), record.end());
  codec::ValidateOptions options;
  options.as_of = kAsOf;
  schema.Validate(views, options, result);
  const HandValidator& hand = *GetFixture().hand;
  const HandOutcome outcome =
      legal ? hand.ValidateLegalPerson(views, kAsOf, hand_record)
            : hand.ValidateNaturalPerson(views, kAsOf, hand_record);
  const v1::IssueCode codec_issue = PrimaryIssue(*result);
  const std::string where =
      absl::StrCat(" for [", absl::StrJoin(record, "|"), "]");
  if (outcome.valid != result->ok() || outcome.issue != codec_issue) {
    return absl::StrCat("codec ", v1::IssueCode_Name(codec_issue), ", hand ",
                        v1::IssueCode_Name(outcome.issue), " (field ",
                        outcome.field, ")", where);
  }
  if (!outcome.valid) return "";
  for (size_t i = 0; i < schema.field_count(); ++i) {
    if (result->value(i) != hand_record->value(i)) {
      return absl::StrCat("field ", schema.field(i).name, ": codec '",
                          result->value(i), "', hand '", hand_record->value(i),
                          "'", where);
    }
  }
  return "";
}

void CompareAll(absl::string_view id, const std::vector<Record>& seeds) {
  const auto schema = Schema(id);
  const bool legal = id == "LEGAL_PERSON_BASIC";
  codec::RecordResult result;
  auto hand_record = std::make_unique<HandRecord>();
  int compared = 0, invalid = 0;
  for (const Record& seed : seeds) {
    std::string diff =
        Compare(*schema, legal, seed, &result, hand_record.get());
    ASSERT_EQ(diff, "");
    for (size_t field = 0; field < seed.size(); ++field) {
      for (const std::string& value : Mutations(seed[field])) {
        Record mutated = seed;
        mutated[field] = value;
        diff = Compare(*schema, legal, mutated, &result, hand_record.get());
        ASSERT_EQ(diff, "");
        ++compared;
        invalid += !result.ok();
      }
    }
  }
  // The mutations reach both verdicts in numbers.
  EXPECT_GT(compared, 1000);
  EXPECT_GT(invalid, compared / 10);
  EXPECT_LT(invalid, compared);
}

TEST(HandValidatorTest, LegalPersonAgreesWithTheCodec) {
  const auto schema = Schema("LEGAL_PERSON_BASIC");
  std::vector<Record> seeds = Examples(*schema);
  const std::vector<Record> sample = LegacySample(*schema);
  ASSERT_GT(sample.size(), 100u);
  // Every 25th sample row as a seed keeps the mutations to some 100,000.
  for (size_t i = 0; i < sample.size(); i += 25) seeds.push_back(sample[i]);
  CompareAll("LEGAL_PERSON_BASIC", seeds);
}

TEST(HandValidatorTest, NaturalPersonAgreesWithTheCodec) {
  const auto schema = Schema("NATURAL_PERSON_BASIC");
  CompareAll("NATURAL_PERSON_BASIC", Examples(*schema));
}

}  // namespace
}  // namespace shuyuan::bench_internal
