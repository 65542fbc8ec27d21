#include "datagen/natural_person_rows.h"

#include "datagen/id_number_faults.h"
#include "datagen/word_tables.h"

namespace shuyuan::datagen {
namespace {

enum NaturalColumn {
  kGmsfhm,
  kXm,
  kXbdm,
  kCsrq,
  kMzdm,
  kGjdqdm,
  kZz,
  kYddhhm,
  kGddhhm,
  kDzyx,
  kYzbm,
  kColumnCount,
};

// The first eight are the IdNumberFault values, in their order.
enum NaturalFault {
  kIdCheck,
  kIdLetter,
  kIdProvince,
  kIdShort,
  kIdBirthNotReal,
  kIdFutureBirth,
  kIdAddressNotInList,
  kIdAddressLater,
  kIdMissing,
  kNameMissing,
  kNameDigit,
  kNameLong,
  kSexDiffers,
  kSexNotInList,
  kBirthDiffers,
  kBirthNotReal,
  kBirthShape,
  kBirthFuture,
  kEthnicNotInList,
  kNationalityDiffers,
  kNationalityNotInList,
  // Contacts.
  kAddressMissing,
  kAddressShort,
  kMobilePattern,
  kMobileLetter,
  kMobileShort,
  kLandlinePattern,
  kEmailPattern,
  kPostcodePattern,
  kPostcodeLong,
  kPostcodeLetters,
  kFaultCount,
};
constexpr int kIdNumberFaults = kIdMissing;

const std::vector<FaultKind>& NaturalFaults() {
  static const auto* faults = [] {
    auto* f = new std::vector<FaultKind>;
    for (int k = 0; k < kIdNumberFaults; ++k) {
      f->push_back(
          {IdNumberFaultIssue(static_cast<IdNumberFault>(k)), "gmsfhm"});
    }
    f->insert(
        f->end(),
        {{"REQUIRED_MISSING", "gmsfhm"},   {"REQUIRED_MISSING", "xm"},
         {"CHARSET_VIOLATION", "xm"},      {"LENGTH_OUT_OF_RANGE", "xm"},
         {"CROSS_FIELD_MISMATCH", "xbdm"}, {"CODE_NOT_IN_LIST", "xbdm"},
         {"CROSS_FIELD_MISMATCH", "csrq"}, {"INVALID_DATE", "csrq"},
         {"FORMAT_MISMATCH", "csrq"},      {"DATE_OUT_OF_RANGE", "csrq"},
         {"CODE_NOT_IN_LIST", "mzdm"},     {"CROSS_FIELD_MISMATCH", "gjdqdm"},
         {"CODE_NOT_IN_LIST", "gjdqdm"},   {"REQUIRED_MISSING", "zz"},
         {"LENGTH_OUT_OF_RANGE", "zz"},    {"PATTERN_MISMATCH", "yddhhm"},
         {"CHARSET_VIOLATION", "yddhhm"},  {"LENGTH_OUT_OF_RANGE", "yddhhm"},
         {"PATTERN_MISMATCH", "gddhhm"},   {"PATTERN_MISMATCH", "dzyx"},
         {"PATTERN_MISMATCH", "yzbm"},     {"LENGTH_OUT_OF_RANGE", "yzbm"},
         {"CHARSET_VIOLATION", "yzbm"}});
    return f;
  }();
  return *faults;
}

void AppendDigits(Rng& rng, int n, std::string* out) {
  for (int i = 0; i < n; ++i) out->push_back('0' + rng.Below(10));
}

// Foreign nationalities of permanent residents, by alpha-3 code.
constexpr const char* kForeignCodes[] = {"USA", "JPN", "KOR", "DEU", "GBR",
                                         "FRA", "RUS", "CAN", "AUS", "SGP"};

// The numeric code of a GB_T_2659_1 entry (a three-digit alias); empty
// when it has none.
std::string NumericCode(const CodeEntry& entry) {
  for (const std::string& alias : entry.aliases) {
    if (alias.size() == 3 &&
        alias.find_first_not_of("0123456789") == std::string::npos) {
      return alias;
    }
  }
  return "";
}

}  // namespace

struct NaturalPersonRows::Facts {
  Person person;
  const Nationality* nationality = nullptr;
  std::string county;  // where they live
};

absl::StatusOr<std::unique_ptr<NaturalPersonRows>> NaturalPersonRows::Create(
    const CodeTables& tables, const ValueMakers& makers) {
  // The fault table and the fault numbers are written side by side.
  if (NaturalFaults().size() != kFaultCount) {
    return absl::InternalError("NaturalFaults() and NaturalFault disagree");
  }
  std::unique_ptr<NaturalPersonRows> rows(new NaturalPersonRows(makers));
  absl::StatusOr<const CodeList*> list = tables.Find("GB_T_3304");
  if (!list.ok()) return list.status();
  rows->ethnic_groups_ = (*list)->InForceOn(makers.as_of().Key());
  list = tables.Find("GB_T_2659_1");
  if (!list.ok()) return list.status();
  for (const CodeEntry& e : (*list)->entries) {
    const std::string numeric = NumericCode(e);
    if (numeric.empty()) continue;
    if (e.code == "CHN") rows->china_ = {&e, numeric};
    for (const char* code : kForeignCodes) {
      if (e.code == code) rows->foreign_.push_back({&e, numeric});
    }
  }
  if (rows->china_.entry == nullptr || rows->foreign_.empty() ||
      rows->ethnic_groups_.empty()) {
    return absl::FailedPreconditionError(
        "GB_T_3304 has no ethnic groups in force, or GB_T_2659_1 lacks CHN "
        "or the usual foreign nationalities with their numeric codes");
  }
  return rows;
}

const std::vector<Column>& NaturalPersonRows::columns() const {
  static const auto* columns = new std::vector<Column>{
      {"身份证号", "gmsfhm"}, {"姓名", "xm"},         {"性别", "xbdm"},
      {"出生日期", "csrq"},   {"民族", "mzdm"},       {"国籍", "gjdqdm"},
      {"住址", "zz"},         {"手机号码", "yddhhm"}, {"固定电话", "gddhhm"},
      {"电子邮箱", "dzyx"},   {"邮政编码", "yzbm"}};
  return *columns;
}

const std::vector<FaultKind>& NaturalPersonRows::faults() const {
  return NaturalFaults();
}

void NaturalPersonRows::MakeRow(Rng& rng, int fault, bool messy,
                                GeneratedRow* row) const {
  row->Reset(kColumnCount);
  Facts f;
  MakeIdentity(rng, &f, row);
  MakeOrigin(rng, f, row);
  MakeContacts(rng, messy, f, row);
  if (fault < 0) return;
  if (InjectIdentityFault(fault, rng, f, row) ||
      InjectContactFault(fault, rng, row)) {
    row->issue = NaturalFaults()[fault].issue;
    row->field = NaturalFaults()[fault].field;
  }
}

void NaturalPersonRows::MakeIdentity(Rng& rng, Facts* f,
                                     GeneratedRow* row) const {
  const int32_t as_of = makers_.as_of().Key();
  f->county = makers_.divisions().AnyCurrentCounty(rng).code;
  if (rng.Chance(1, 200)) {
    // A foreigner's permanent residence ID card: 9, the province that
    // issued it, the holder's nationality.
    f->nationality = &foreign_[rng.Below(foreign_.size())];
    f->person.birth = makers_.DateBetween(rng, 19500101, as_of - 180000);
    f->person.male = rng.Chance(1, 2);
    const std::string body =
        "9" + f->county.substr(0, 2) + f->nationality->numeric;
    f->person.id = MakeIdNumber(
        body, f->person.birth,
        static_cast<int>(rng.Below(499)) * 2 + (f->person.male ? 1 : 2));
    row->values[kGmsfhm] = f->person.id;
    std::string& name = row->values[kXm];
    name.append(rng.Pick(kForeignGivenNames)).append("·");
    name.append(rng.Pick(kForeignFamilyNames));
    return;
  }
  f->nationality = &china_;
  f->person = makers_.MakePerson(rng, 19400101, as_of);
  makers_.AppendIdNumber(f->person, rng, &row->values[kGmsfhm]);
  makers_.AppendPersonName(rng, &row->values[kXm]);
}

void NaturalPersonRows::MakeOrigin(Rng& rng, const Facts& f,
                                   GeneratedRow* row) const {
  if (rng.Chance(3, 5)) {
    static constexpr const char* kMale[] = {"男", "男", "1", "男性", "M"};
    static constexpr const char* kFemale[] = {"女", "女", "2", "女性", "F"};
    row->values[kXbdm] = f.person.male ? rng.Pick(kMale) : rng.Pick(kFemale);
  }
  if (rng.Chance(3, 5))
    makers_.AppendDate(f.person.birth, rng, &row->values[kCsrq]);
  if (f.nationality == &china_ && rng.Chance(7, 10)) {
    const CodeEntry& group =
        rng.Chance(9, 10) ? *ethnic_groups_.front()
                          : *ethnic_groups_[rng.Below(ethnic_groups_.size())];
    const uint32_t form = rng.Below(100);
    std::string& value = row->values[kMzdm];
    if (form < 40) {
      value = group.code;
    } else if (form < 55 && group.code[0] == '0') {
      value = group.code.substr(1);  // a spreadsheet ate the zero
    } else if (form < 85 || group.aliases.empty()) {
      value = group.name;
    } else {
      value = group.aliases[0];
    }
  }
  if (rng.Chance(3, 10)) {
    const Nationality& n = *f.nationality;
    const uint32_t form = rng.Below(4);
    row->values[kGjdqdm] = form == 0   ? n.entry->code
                           : form == 1 ? n.entry->name
                           : form == 2 ? n.numeric
                                       : n.entry->aliases.back();
  }
}

void NaturalPersonRows::MakeContacts(Rng& rng, bool messy, const Facts& f,
                                     GeneratedRow* row) const {
  const bool broken_address = rng.Chance(1, 20) && messy;
  if (rng.Chance(9, 10)) {
    std::string& address = row->values[kZz];
    makers_.AppendAddress(f.county, rng, &address);
    if (broken_address) {
      // A line break at a character boundary near the middle.
      size_t at = address.size() / 2;
      while (at > 0 &&
             (static_cast<unsigned char>(address[at]) & 0xC0) == 0x80) {
        --at;
      }
      address.insert(at, "\n");
    }
    if (rng.Chance(2, 5)) {
      makers_.AppendPostcode(f.county, rng, &row->values[kYzbm]);
    }
  }
  if (rng.Chance(7, 10)) makers_.AppendMobile(rng, &row->values[kYddhhm]);
  if (rng.Chance(1, 5)) {
    makers_.AppendLandline(f.county, rng, &row->values[kGddhhm]);
  }
  if (rng.Chance(3, 10)) makers_.AppendEmail(rng, &row->values[kDzyx]);
}

bool NaturalPersonRows::InjectIdentityFault(int fault, Rng& rng, const Facts& f,
                                            GeneratedRow* row) const {
  if (fault < kIdNumberFaults) {
    row->values[kGmsfhm] = FaultyIdNumber(static_cast<IdNumberFault>(fault),
                                          f.person, makers_, rng);
    return true;
  }
  std::string& birth = row->values[kCsrq];
  switch (fault) {
    case kIdMissing:
      row->values[kGmsfhm].clear();
      return true;
    case kNameMissing:
      row->values[kXm].clear();
      return true;
    case kNameDigit:
      row->values[kXm].push_back('1' + rng.Below(9));
      return true;
    case kNameLong:
      row->values[kXm].clear();
      for (int i = 0; i < 51; ++i) {
        row->values[kXm].append(rng.Pick(kGivenNameChars));
      }
      return true;
    case kSexDiffers:
      row->values[kGmsfhm] = f.person.id;
      row->values[kXbdm] = f.person.male ? "女" : "男";
      return true;
    case kSexNotInList:
      row->values[kXbdm] = rng.Chance(1, 2) ? "3" : "5";
      return true;
    case kBirthDiffers:
      row->values[kGmsfhm] = f.person.id;
      birth.clear();
      makers_.AppendDate(
          CivilDate::FromDays(f.person.birth.Days() - rng.Between(1, 400)), rng,
          &birth);
      return true;
    case kBirthNotReal:
      birth.clear();
      AppendDate(CivilDate{f.person.birth.year, 2, 30},
                 rng.Chance(1, 2) ? DateStyle::kChinese : DateStyle::kCompact,
                 &birth);
      return true;
    case kBirthShape:  // a two-digit year is never guessed
      birth.clear();
      AppendPadded(f.person.birth.year % 100, 2, &birth);
      birth.push_back('.');
      AppendPadded(f.person.birth.month, 1, &birth);
      birth.push_back('.');
      AppendPadded(f.person.birth.day, 1, &birth);
      return true;
    case kBirthFuture:
      birth.clear();
      makers_.AppendDate(
          CivilDate::FromDays(makers_.as_of().Days() + rng.Between(1, 1000)),
          rng, &birth);
      return true;
    case kEthnicNotInList:
      row->values[kMzdm] = rng.Chance(1, 2) ? "99" : "57";
      return true;
    case kNationalityDiffers:
      row->values[kGmsfhm] = f.person.id;
      row->values[kGjdqdm] = f.nationality == &china_ ? "USA" : "中国";
      return true;
    case kNationalityNotInList:
      row->values[kGjdqdm] = "ZZZ";
      return true;
    default:
      return false;
  }
}

bool NaturalPersonRows::InjectContactFault(int fault, Rng& rng,
                                           GeneratedRow* row) const {
  std::string& address = row->values[kZz];
  std::string& postcode = row->values[kYzbm];
  std::string& mobile = row->values[kYddhhm];
  const bool postcode_fault = fault >= kPostcodePattern;
  if (postcode_fault && address.empty())
    address = "浙江省杭州市西湖区文三路478号";
  switch (fault) {
    case kAddressMissing:
      address.clear();
      if (postcode.empty()) postcode = "310012";
      return true;
    case kAddressShort:
      address = "不详";
      return true;
    case kMobilePattern:
      mobile = "12";
      AppendDigits(rng, 9, &mobile);
      return true;
    case kMobileLetter:
      mobile = "138l";  // a lower-case L for a one
      AppendDigits(rng, 7, &mobile);
      return true;
    case kMobileShort:
      mobile = "139";
      AppendDigits(rng, 7, &mobile);
      return true;
    case kLandlinePattern:
      row->values[kGddhhm] = "4008";
      AppendDigits(rng, 6, &row->values[kGddhhm]);
      return true;
    case kEmailPattern:
      row->values[kDzyx] = rng.Chance(1, 2) ? "li.na@qq" : "li.na#qq.com";
      return true;
    case kPostcodePattern:
      postcode = rng.Chance(1, 2) ? "990000" : "080012";
      return true;
    case kPostcodeLong:
      postcode = "3100120";
      return true;
    case kPostcodeLetters:
      postcode = "31OO12";
      return true;
    default:
      return false;
  }
}

}  // namespace shuyuan::datagen
