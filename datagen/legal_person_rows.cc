#include "datagen/legal_person_rows.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "datagen/check_characters.h"
#include "datagen/internal/legal_person_layout.h"
#include "datagen/word_tables.h"

namespace shuyuan {
namespace datagen_internal {

const std::vector<datagen::Column>& LegalColumns() {
  static const auto* columns =
      new std::vector<datagen::Column>{{"统一社会信用代码", "tyshxydm"},
                                       {"组织机构代码", "zzjgdm"},
                                       {"企业名称", "jgmc"},
                                       {"登记管理部门代码", "djglbmdm"},
                                       {"行政区划代码", "xzqhdm"},
                                       {"法定代表人", "fddbrxm"},
                                       {"法定代表人身份证号", "fddbrzjhm"},
                                       {"法定代表人性别", "fddbrxbdm"},
                                       {"注册资本", "zczb"},
                                       {"成立日期", "clrq"},
                                       {"核准日期", "hzrq"},
                                       {"登记机关", "djjg"},
                                       {"经营范围", "jyfw"},
                                       {"住所", "zs"},
                                       {"行业门类", "hydm"},
                                       {"经营状态", "jyzt"},
                                       {"邮政编码", "yzbm"},
                                       {"联系电话", "gddhhm"},
                                       {"电子邮箱", "dzyx"},
                                       {"开户账号", "khyhzh"}};
  return *columns;
}

const std::vector<datagen::FaultKind>& LegalFaults() {
  static const auto* faults = new std::vector<datagen::FaultKind>{
      {"CHECKSUM_MISMATCH", "tyshxydm"},  {"CHECKSUM_MISMATCH", "tyshxydm"},
      {"FORMAT_MISMATCH", "tyshxydm"},    {"LENGTH_OUT_OF_RANGE", "tyshxydm"},
      {"REQUIRED_MISSING", "tyshxydm"},   {"CHECKSUM_MISMATCH", "zzjgdm"},
      {"CROSS_FIELD_MISMATCH", "zzjgdm"}, {"LENGTH_OUT_OF_RANGE", "zzjgdm"},
      {"CODE_NOT_IN_LIST", "xzqhdm"},     {"CODE_NOT_EFFECTIVE", "xzqhdm"},
      {"CROSS_FIELD_MISMATCH", "xzqhdm"}, {"AMBIGUOUS_VALUE", "xzqhdm"},
      {"CODE_NOT_IN_LIST", "djglbmdm"},   {"CROSS_FIELD_MISMATCH", "djglbmdm"},
      {"CHECKSUM_MISMATCH", "fddbrzjhm"}, {"FORMAT_MISMATCH", "fddbrzjhm"},
      {"FORMAT_MISMATCH", "fddbrzjhm"},   {"LENGTH_OUT_OF_RANGE", "fddbrzjhm"},
      {"INVALID_DATE", "fddbrzjhm"},      {"DATE_OUT_OF_RANGE", "fddbrzjhm"},
      {"CODE_NOT_IN_LIST", "fddbrzjhm"},  {"CODE_NOT_EFFECTIVE", "fddbrzjhm"},
      {"REQUIRED_MISSING", "fddbrxm"},    {"CROSS_FIELD_MISMATCH", "fddbrxbdm"},
      {"REQUIRED_MISSING", "jgmc"},       {"LENGTH_OUT_OF_RANGE", "jgmc"},
      {"REQUIRED_MISSING", "clrq"},       {"FORMAT_MISMATCH", "clrq"},
      {"INVALID_DATE", "clrq"},           {"DATE_OUT_OF_RANGE", "clrq"},
      {"FORMAT_MISMATCH", "hzrq"},        {"INVALID_DATE", "hzrq"},
      {"CROSS_FIELD_MISMATCH", "hzrq"},   {"TYPE_MISMATCH", "zczb"},
      {"VALUE_OUT_OF_RANGE", "zczb"},     {"SCALE_EXCEEDED", "zczb"},
      {"LENGTH_OUT_OF_RANGE", "zczb"},    {"LENGTH_OUT_OF_RANGE", "jyfw"},
      {"LENGTH_OUT_OF_RANGE", "zs"},      {"CODE_NOT_IN_LIST", "hydm"},
      {"CHARSET_VIOLATION", "hydm"},      {"CODE_NOT_IN_LIST", "jyzt"},
      {"REQUIRED_MISSING", "jyzt"},       {"PATTERN_MISMATCH", "yzbm"},
      {"LENGTH_OUT_OF_RANGE", "yzbm"},    {"CHARSET_VIOLATION", "yzbm"},
      {"PATTERN_MISMATCH", "gddhhm"},     {"PATTERN_MISMATCH", "gddhhm"},
      {"PATTERN_MISMATCH", "dzyx"},       {"LENGTH_OUT_OF_RANGE", "khyhzh"},
      {"CHARSET_VIOLATION", "khyhzh"},
  };
  return *faults;
}

std::string OrgCode(datagen::Rng& rng, bool modern) {
  std::string body;
  if (modern) {
    body = "MA";
    for (int i = 0; i < 6; ++i) {
      body.push_back(datagen::kGb32100Alphabet[rng.Below(
          datagen::kGb32100Alphabet.size())]);
    }
  } else {
    for (int i = 0; i < 8; ++i) body.push_back('0' + rng.Below(10));
  }
  body.push_back(datagen::Gb11714Check(body));
  return body;
}

std::string Uscc(std::string_view kind, std::string_view division,
                 std::string_view org_code) {
  std::string uscc(kind);
  uscc.append(division).append(org_code);
  uscc.push_back(datagen::Gb32100Check(uscc));
  return uscc;
}

}  // namespace datagen_internal

namespace datagen {
namespace {

using datagen_internal::LegalColumns;
using datagen_internal::LegalFaults;
using datagen_internal::OrganisationKind;
using datagen_internal::OrgCode;
using datagen_internal::Uscc;
using enum datagen_internal::LegalColumn;

// Organisation kinds with their share of rows and name endings.
constexpr OrganisationKind kKinds[] = {
    {"91", 70, {"", "", ""}},  // enterprises: industry word + legal form
    {"92", 8, {"便利店", "小吃店", "五金店"}},
    {"93", 3, {"果蔬专业合作社", "茶叶专业合作社", "养殖专业合作社"}},
    {"12", 4, {"数据资源管理中心", "疾病预防控制中心", "图书馆"}},
    {"11", 1, {"财政局", "教育局", "人民政府办公室"}},
    {"51", 3, {"行业协会", "商会", "促进会"}},
    {"52", 4, {"社会服务中心", "培训学校", "养老服务中心"}},
    {"53", 1, {"慈善基金会", "教育基金会", "公益基金会"}},
    {"54", 2, {"村民委员会", "村民委员会", "村民委员会"}},
    {"55", 1, {"社区居民委员会", "社区居民委员会", "社区居民委员会"}},
    {"31", 1, {"律师事务所", "律师事务所", "律师事务所"}},
    {"81", 1, {"有限公司工会委员会", "工会委员会", "联合工会委员会"}},
    {"N2", 1, {"股份经济合作社", "经济合作社", "股份经济合作社"}},
};

// Registration authorities by the USCC's first character.
const char* AuthorityOffice(char authority) {
  switch (authority) {
    case '1':
      return "机构编制委员会办公室";
    case '3':
      return "司法局";
    case '5':
      return "民政局";
    case '8':
      return "总工会";
    case 'N':
      return "农业农村局";
    default:
      return "市场监督管理局";
  }
}

// The USCC as legacy systems hold it: spaced in fours, hyphenated, in
// lower case, in full width or padded.
void AppendUscc(const std::string& uscc, Rng& rng, std::string* out) {
  const uint32_t style = rng.Below(100);
  if (style < 80) {
    out->append(uscc);
  } else if (style < 86) {
    for (size_t i = 0; i < uscc.size(); ++i) {
      if (i > 0 && i % 4 == 0) out->push_back(' ');
      out->push_back(uscc[i]);
    }
  } else if (style < 89) {
    out->append(uscc, 0, 8).append("-").append(uscc, 8, 9).append("-");
    out->push_back(uscc[17]);
  } else if (style < 93) {
    out->append(absl::AsciiStrToLower(uscc));
  } else if (style < 97) {
    AppendFullWidth(uscc, out);
  } else {
    out->append(uscc).append("  ");
  }
}

void AppendOrgCode(const std::string& code, Rng& rng, std::string* out) {
  const uint32_t style = rng.Below(100);
  if (style < 50) {
    out->append(code, 0, 8).append("-").push_back(code[8]);
  } else if (style < 95) {
    out->append(code);
  } else {
    AppendFullWidth(code, out);
  }
}

// A registered capital in 万元, written as legacy systems do.
void AppendCapital(Rng& rng, std::string* out) {
  static constexpr int kRound[] = {3,   10,   50,   100,  200,  300,
                                   500, 1000, 2000, 5000, 10000};
  const int amount =
      rng.Chance(2, 3) ? rng.Pick(kRound) : rng.Between(1, 200000);
  std::string digits;
  AppendPadded(amount, 1, &digits);
  const uint32_t style = rng.Below(100);
  if (style < 40) {
    out->append(digits);
  } else if (style < 55) {
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out->push_back(',');
      out->push_back(digits[i]);
    }
  } else if (style < 65) {
    out->append(digits).append("万");
  } else if (style < 75) {
    out->append(digits).append("万元");
  } else if (style < 80) {
    out->append("人民币").append(digits).append("万元");
  } else if (style < 85) {
    out->append("（人民币）").append(digits).append("万");
  } else if (style < 92) {
    out->append(digits).append(".").append(rng.Chance(1, 2) ? "00" : "5");
  } else {
    AppendFullWidth(digits, out);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<LegalPersonRows>> LegalPersonRows::Create(
    const CodeTables& tables, const ValueMakers& makers) {
  // The fault table and the fault numbers are written side by side.
  if (LegalFaults().size() != datagen_internal::kFaultCount) {
    return absl::InternalError("LegalFaults() and LegalFault disagree");
  }
  std::unique_ptr<LegalPersonRows> rows(new LegalPersonRows(makers));
  absl::StatusOr<const CodeList*> list = tables.Find("GB_32100_DJGLBM");
  if (!list.ok()) return list.status();
  rows->authorities_ = *list;
  list = tables.Find("JYZT");
  if (!list.ok()) return list.status();
  rows->statuses_ = (*list)->InForceOn(makers.as_of().Key());
  list = tables.Find("GB_T_4754_MLDM");
  if (!list.ok()) return list.status();
  rows->sections_ = *list;
  return rows;
}

const std::vector<Column>& LegalPersonRows::columns() const {
  return LegalColumns();
}

const std::vector<FaultKind>& LegalPersonRows::faults() const {
  return LegalFaults();
}

void LegalPersonRows::MakeRow(Rng& rng, int fault, bool messy,
                              GeneratedRow* row) const {
  row->Reset(kColumnCount);
  Facts f;
  MakeIdentity(rng, &f, row);
  MakeRepresentative(rng, &f, row);
  MakeRegistration(rng, messy, &f, row);
  MakeContacts(rng, f, row);
  if (fault < 0) return;
  const bool done = InjectIdentityFault(fault, rng, &f, row) ||
                    InjectCodeFault(fault, rng, &f, row) ||
                    InjectRepresentativeFault(fault, rng, &f, row) ||
                    InjectRegistrationFault(fault, rng, f, row) ||
                    InjectContactFault(fault, rng, row);
  if (done) {
    row->issue = LegalFaults()[fault].issue;
    row->field = LegalFaults()[fault].field;
  }
}

void LegalPersonRows::MakeIdentity(Rng& rng, Facts* f,
                                   GeneratedRow* row) const {
  uint32_t pick = rng.Below(100);
  f->kind = &kKinds[0];
  for (const OrganisationKind& kind : kKinds) {
    if (pick < static_cast<uint32_t>(kind.weight)) {
      f->kind = &kind;
      break;
    }
    pick -= kind.weight;
  }
  const Divisions& divisions = makers_.divisions();
  const uint32_t where = rng.Below(100);
  if (where < 91) {
    f->division = divisions.AnyCurrentCounty(rng).code;
  } else if (where < 97) {
    // Issued before the division was abolished: the code keeps it.
    f->division = divisions.AnyFormerCounty(rng).code;
    f->division_current = false;
  } else {
    f->division = divisions.AnyProvince(rng).code;
  }
  const int32_t as_of = makers_.as_of().Key();
  f->founded = makers_.DateBetween(rng, 19900101, as_of);
  const bool modern = f->kind->code[0] == '9' && f->founded.Key() >= 20151001;
  f->org_code = OrgCode(rng, modern);
  f->uscc = Uscc(f->kind->code, f->division, f->org_code);
  AppendUscc(f->uscc, rng, &row->values[kTyshxydm]);
  if (rng.Chance(2, 5)) AppendOrgCode(f->org_code, rng, &row->values[kZzjgdm]);
  if (f->division_current && rng.Chance(3, 10)) {
    const std::string_view name = divisions.AnyUniqueName(f->division, rng);
    if (!name.empty() && rng.Chance(1, 4)) {
      row->values[kXzqhdm] = name;
    } else {
      row->values[kXzqhdm] = f->division;
    }
  }
  if (rng.Chance(1, 10)) {
    const char authority = f->kind->code[0];
    for (const CodeEntry& e : authorities_->entries) {
      if (e.code[0] != authority) continue;
      const uint32_t form = rng.Below(3);
      row->values[kDjglbmdm] = form == 0 || e.aliases.empty() ? e.code
                               : form == 1                    ? e.name
                                                              : e.aliases[0];
    }
  }
}

void LegalPersonRows::MakeRepresentative(Rng& rng, Facts* f,
                                         GeneratedRow* row) const {
  const int32_t as_of = makers_.as_of().Key();
  f->rep = makers_.MakePerson(rng, 19500101, as_of - 200000);
  if (!rng.Chance(19, 20)) return;
  makers_.AppendPersonName(rng, &row->values[kFddbrxm]);
  const bool with_id = rng.Chance(17, 20);
  if (with_id) makers_.AppendIdNumber(f->rep, rng, &row->values[kFddbrzjhm]);
  if ((with_id && rng.Chance(1, 2)) || rng.Chance(1, 20)) {
    static constexpr const char* kMale[] = {"男", "男", "1", "男性", "M", "m"};
    static constexpr const char* kFemale[] = {"女",   "女", "2",
                                              "女性", "F",  "f"};
    row->values[kFddbrxbdm] = f->rep.male ? rng.Pick(kMale) : rng.Pick(kFemale);
  }
}

void LegalPersonRows::MakeRegistration(Rng& rng, bool messy, Facts* f,
                                       GeneratedRow* row) const {
  const Divisions& divisions = makers_.divisions();
  const int32_t as_of = makers_.as_of().Key();
  f->industry = &rng.Pick(kIndustries);
  const std::string prefecture = f->division.substr(0, 4) + "00";
  std::string_view place = divisions.NameOn(prefecture, as_of);
  if (place.empty()) place = divisions.NameOn(f->division, as_of);
  std::string& name = row->values[kJgmc];
  name.append(place);
  // Drawn whether messy or not, so that messy rows differ only by it.
  const bool quoted_name = rng.Chance(1, 100) && messy;
  if (quoted_name) name.push_back('"');
  name.append(rng.Pick(kTradeNameChars)).append(rng.Pick(kTradeNameChars));
  if (quoted_name) name.push_back('"');
  if (f->kind->code[0] == '9' && f->kind->code[1] == '1') {
    name.append(f->industry->name_word).append(rng.Pick(kCompanyForms));
    AppendCapital(rng, &row->values[kZczb]);
  } else {
    name.append(f->kind->suffixes[rng.Below(3)]);
  }
  makers_.AppendDate(f->founded, rng, &row->values[kClrq]);
  if (rng.Chance(4, 5)) {
    f->approved = makers_.DateBetween(rng, f->founded.Key(), as_of);
    makers_.AppendDate(f->approved, rng, &row->values[kHzrq]);
  } else {
    f->approved = f->founded;
  }
  std::string& office = row->values[kDjjg];
  office.append(divisions.NameOn(f->division, as_of));
  office.append(AuthorityOffice(f->kind->code[0]));
  std::string& scope = row->values[kJyfw];
  scope.append("一般项目：").append(f->industry->scope);
  if (rng.Chance(1, 20) && messy) scope.append("\n");
  scope.append("（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）");
  makers_.AppendAddress(f->division, rng, &row->values[kZs]);
  const uint32_t section = rng.Below(100);
  if (section < 60) {
    row->values[kHydm] = f->industry->section;
  } else if (section < 75) {
    row->values[kHydm] = absl::AsciiStrToLower(f->industry->section);
  } else {
    for (const CodeEntry& e : sections_->entries) {
      if (e.code == f->industry->section) row->values[kHydm] = e.name;
    }
  }
  const CodeEntry& status = rng.Chance(17, 20)
                                ? *statuses_.front()
                                : *statuses_[rng.Below(statuses_.size())];
  const uint32_t form = rng.Below(100);
  row->values[kJyzt] = form < 45 || status.aliases.empty() ? status.code
                       : form < 75
                           ? status.name
                           : status.aliases[rng.Below(status.aliases.size())];
}

void LegalPersonRows::MakeContacts(Rng& rng, const Facts& f,
                                   GeneratedRow* row) const {
  if (rng.Chance(3, 5))
    makers_.AppendPostcode(f.division, rng, &row->values[kYzbm]);
  if (rng.Chance(7, 10)) {
    makers_.AppendLandline(f.division, rng, &row->values[kGddhhm]);
  }
  if (rng.Chance(2, 5)) makers_.AppendEmail(rng, &row->values[kDzyx]);
  if (rng.Chance(1, 2)) makers_.AppendBankAccount(rng, &row->values[kKhyhzh]);
}

}  // namespace datagen
}  // namespace shuyuan
