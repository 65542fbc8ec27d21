// The faults of LegalPersonRows: each rewrites a clean row so that exactly
// one field fails, with the first ERROR issue its FaultKind names. Why each
// yields that issue and no other follows the catalog's definitions and the
// codec's check order (SPEC §2.5, §2.7; README "Decisions"): a field that
// fails its own checks is neither derived from nor judged by record rules.

#include "datagen/check_characters.h"
#include "datagen/id_number_faults.h"
#include "datagen/internal/legal_person_layout.h"
#include "datagen/legal_person_rows.h"

namespace shuyuan::datagen {
namespace {

using datagen_internal::OrgCode;
using datagen_internal::Uscc;
using enum datagen_internal::LegalColumn;
using enum datagen_internal::LegalFault;

void AppendDigits(Rng& rng, int n, std::string* out) {
  for (int i = 0; i < n; ++i) out->push_back('0' + rng.Below(10));
}

// A day that does not exist, in `year`.
CivilDate UnrealDate(Rng& rng, int year) {
  static constexpr CivilDate kUnreal[] = {{0, 2, 30}, {0, 2, 31}, {0, 4, 31},
                                          {0, 6, 31}, {0, 9, 31}, {0, 11, 31}};
  CivilDate date = rng.Pick(kUnreal);
  date.year = year;
  return date;
}

// A day that does not exist, written as a legacy system might.
void AppendUnrealDate(Rng& rng, int year, std::string* out) {
  static constexpr DateStyle kStyles[] = {DateStyle::kCompact, DateStyle::kIso,
                                          DateStyle::kChinese,
                                          DateStyle::kSlash};
  AppendDate(UnrealDate(rng, year), rng.Pick(kStyles), out);
}

// The ID-number fault that `fault` plants in the representative's number.
bool RepresentativeIdFault(int fault, IdNumberFault* out) {
  switch (fault) {
    case kRepIdCheck:
      *out = IdNumberFault::kCheck;
      return true;
    case kRepIdLetter:
      *out = IdNumberFault::kLetter;
      return true;
    case kRepIdProvince:
      *out = IdNumberFault::kProvince;
      return true;
    case kRepIdShort:
      *out = IdNumberFault::kShort;
      return true;
    case kRepIdBirthNotReal:
      *out = IdNumberFault::kBirthNotReal;
      return true;
    case kRepIdFutureBirth:
      *out = IdNumberFault::kFutureBirth;
      return true;
    case kRepIdAddressNotInList:
      *out = IdNumberFault::kAddressNotInList;
      return true;
    case kRepIdAddressLater:
      *out = IdNumberFault::kAddressLater;
      return true;
    default:
      return false;
  }
}

}  // namespace

void LegalPersonRows::EnsureRepresentative(Rng& rng, Facts* f,
                                           GeneratedRow* row) const {
  if (row->values[kFddbrxm].empty()) {
    makers_.AppendPersonName(rng, &row->values[kFddbrxm]);
  }
  row->values[kFddbrzjhm] = f->rep.id;
}

bool LegalPersonRows::InjectIdentityFault(int fault, Rng& rng, Facts* f,
                                          GeneratedRow* row) const {
  std::string& uscc = row->values[kTyshxydm];
  std::string& org = row->values[kZzjgdm];
  switch (fault) {
    case kUsccCheck: {
      uscc = f->uscc;
      char other;
      do {
        other = kGb32100Alphabet[rng.Below(kGb32100Alphabet.size())];
      } while (other == uscc[17]);
      uscc[17] = other;
      return true;
    }
    case kUsccEmbeddedOrgCheck: {
      // The USCC's own check is right; positions 9-17 fail GB 11714.
      std::string bad_org = f->org_code;
      bad_org[8] = OtherDigitOrX(rng, bad_org[8]);
      uscc = Uscc(f->kind->code, f->division, bad_org);
      return true;
    }
    case kUsccLetterO: {
      uscc = f->uscc;
      size_t at = uscc.find('0', 2);
      if (at == std::string::npos || at >= 17) at = 9;
      uscc[at] = 'O';  // a letter GB 32100 leaves out
      return true;
    }
    case kUsccShort:
      uscc = f->uscc.substr(0, 17);
      return true;
    case kUsccMissing:
      uscc.clear();
      return true;
    case kOrgCodeCheck:
      org = f->org_code;
      org[8] = OtherDigitOrX(rng, org[8]);
      if (rng.Chance(1, 2)) org.insert(8, "-");
      return true;
    case kOrgCodeDiffers:
      do {
        org = OrgCode(rng, rng.Chance(1, 2));
      } while (org == f->org_code);
      return true;
    case kOrgCodeShort:
      org = f->org_code.substr(0, 8);
      return true;
    default:
      return false;
  }
}

bool LegalPersonRows::InjectCodeFault(int fault, Rng& rng, Facts* f,
                                      GeneratedRow* row) const {
  const Divisions& divisions = makers_.divisions();
  std::string& division = row->values[kXzqhdm];
  std::string& authority = row->values[kDjglbmdm];
  switch (fault) {
    case kDivisionNotInList:
      division = divisions.UnlistedCode(rng);
      return true;
    case kDivisionAbolished:
      // A USCC issued in a division abolished since, and that division
      // given as the current one.
      f->division = divisions.AnyFormerCounty(rng).code;
      f->uscc = Uscc(f->kind->code, f->division, f->org_code);
      row->values[kTyshxydm] = f->uscc;
      division = f->division;
      return true;
    case kDivisionDiffers:
      do {
        division = divisions.AnyCurrentCounty(rng).code;
      } while (division == f->division);
      return true;
    case kDivisionAmbiguous:
      division = divisions.AnySharedName(rng);
      return true;
    case kAuthorityNotInList:
      authority = rng.Chance(1, 2) ? "Z" : "x";
      return true;
    case kAuthorityDiffers: {
      const CodeEntry* other;
      do {
        other = &authorities_->entries[rng.Below(authorities_->entries.size())];
      } while (other->code[0] == f->kind->code[0]);
      authority = other->code;
      return true;
    }
    default:
      return false;
  }
}

bool LegalPersonRows::InjectRepresentativeFault(int fault, Rng& rng, Facts* f,
                                                GeneratedRow* row) const {
  IdNumberFault id_fault;
  if (RepresentativeIdFault(fault, &id_fault)) {
    EnsureRepresentative(rng, f, row);
    row->values[kFddbrzjhm] = FaultyIdNumber(id_fault, f->rep, makers_, rng);
    return true;
  }
  switch (fault) {
    case kRepNameMissing:
      EnsureRepresentative(rng, f, row);
      row->values[kFddbrxm].clear();
      return true;
    case kRepSexDiffers:
      EnsureRepresentative(rng, f, row);
      if (f->rep.male) {
        row->values[kFddbrxbdm] = rng.Chance(1, 2) ? "女" : "2";
      } else {
        row->values[kFddbrxbdm] = rng.Chance(1, 2) ? "男" : "1";
      }
      return true;
    default:
      return false;
  }
}

bool LegalPersonRows::InjectRegistrationFault(int fault, Rng& rng,
                                              const Facts& f,
                                              GeneratedRow* row) const {
  std::string& founded = row->values[kClrq];
  std::string& approved = row->values[kHzrq];
  std::string& capital = row->values[kZczb];
  switch (fault) {
    case kNameMissing:
      row->values[kJgmc].clear();
      return true;
    case kNameShort:
      row->values[kJgmc] = "某";
      return true;
    case kFoundedMissing:
      founded.clear();
      return true;
    case kFoundedShape:  // no day
      founded.clear();
      AppendPadded(f.founded.year, 4, &founded);
      founded.append("年");
      AppendPadded(f.founded.month, 1, &founded);
      founded.append("月");
      return true;
    case kFoundedNotReal:
      founded.clear();
      AppendUnrealDate(rng, f.founded.year, &founded);
      return true;
    case kFoundedTooEarly:  // before the element's min_date 1900-01-01
      founded.clear();
      AppendDate(CivilDate{rng.Between(1850, 1899), rng.Between(1, 12),
                           rng.Between(1, 28)},
                 rng.Chance(1, 2) ? DateStyle::kCompact : DateStyle::kIso,
                 &founded);
      return true;
    case kApprovedShape:  // a two-digit year is never guessed
      approved.clear();
      AppendPadded(f.approved.year % 100, 2, &approved);
      approved.push_back('-');
      AppendPadded(f.approved.month, 1, &approved);
      approved.push_back('-');
      AppendPadded(f.approved.day, 1, &approved);
      return true;
    case kApprovedNotReal:
      approved.clear();
      AppendUnrealDate(rng, f.approved.year, &approved);
      return true;
    case kApprovedBeforeFounded:
      approved.clear();
      makers_.AppendDate(
          CivilDate::FromDays(f.founded.Days() - rng.Between(1, 2000)), rng,
          &approved);
      return true;
    case kCapitalCurrency:
      capital.clear();
      AppendPadded(rng.Between(1, 5000), 1, &capital);
      capital.append(rng.Chance(1, 2) ? "万美元" : "万港元");
      return true;
    case kCapitalNegative:
      capital = "-";
      AppendPadded(rng.Between(1, 5000), 1, &capital);
      return true;
    case kCapitalScale:
      capital.clear();
      AppendPadded(rng.Between(1, 5000), 1, &capital);
      capital.append(".1234567");
      return true;
    case kCapitalTooLong:
      capital = "1";
      AppendDigits(rng, 18, &capital);
      return true;
    default:
      return InjectTextFault(fault, rng, row);
  }
}

bool LegalPersonRows::InjectTextFault(int fault, Rng& rng,
                                      GeneratedRow* row) const {
  switch (fault) {
    case kScopeShort:
      row->values[kJyfw] = "无";
      return true;
    case kAddressShort:
      row->values[kZs] = "不详";
      return true;
    case kIndustryNotInList:
      row->values[kHydm] = std::string(1, 'U' + rng.Below(6));  // U-Z
      return true;
    case kIndustryDigit:
      row->values[kHydm] = std::string(1, '1' + rng.Below(9));
      return true;
    case kStatusNotInList:
      row->values[kJyzt] = "8";
      return true;
    case kStatusMissing:
      row->values[kJyzt].clear();
      return true;
    default:
      return false;
  }
}

bool LegalPersonRows::InjectContactFault(int fault, Rng& rng,
                                         GeneratedRow* row) const {
  std::string& postcode = row->values[kYzbm];
  std::string& landline = row->values[kGddhhm];
  std::string& account = row->values[kKhyhzh];
  switch (fault) {
    case kPostcodePattern: {
      static constexpr const char* kUnassigned[] = {"99", "00", "08", "09",
                                                    "90"};
      postcode = rng.Pick(kUnassigned);
      AppendDigits(rng, 4, &postcode);
      return true;
    }
    case kPostcodeLong:
      postcode = "31";
      AppendDigits(rng, 5, &postcode);
      return true;
    case kPostcodeLetters:
      postcode = "31OO";  // letters O for zeros
      AppendDigits(rng, 2, &postcode);
      return true;
    case kLandlineService:
      landline = rng.Chance(1, 2) ? "400" : "95";
      AppendDigits(rng, landline.size() == 3 ? 7 : 3, &landline);
      return true;
    case kLandlineMobile:
      landline = "13";
      AppendDigits(rng, 9, &landline);
      return true;
    case kEmailPattern:
      row->values[kDzyx] =
          rng.Chance(1, 2) ? "zhangwei@163" : "zhangwei.163.com";
      return true;
    case kAccountShort:
      account.clear();
      AppendDigits(rng, 7, &account);
      return true;
    case kAccountLetter:
      account = "6228";
      AppendDigits(rng, 6, &account);
      account.push_back('A' + rng.Below(26));
      AppendDigits(rng, 8, &account);
      return true;
    default:
      return false;
  }
}

}  // namespace shuyuan::datagen
