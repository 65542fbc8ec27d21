// The layout of LegalPersonRows shared by its clean-row and fault files:
// column and fault numbers, the facts a row is built from, and the code
// builders both use. Internal to datagen.
#ifndef SHUYUAN_DATAGEN_INTERNAL_LEGAL_PERSON_LAYOUT_H_
#define SHUYUAN_DATAGEN_INTERNAL_LEGAL_PERSON_LAYOUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "datagen/legal_person_rows.h"
#include "datagen/rng.h"
#include "datagen/value_makers.h"
#include "datagen/word_tables.h"

namespace shuyuan::datagen_internal {

// Columns, in the order of LegalColumns().
enum LegalColumn {
  kTyshxydm,
  kZzjgdm,
  kJgmc,
  kDjglbmdm,
  kXzqhdm,
  kFddbrxm,
  kFddbrzjhm,
  kFddbrxbdm,
  kZczb,
  kClrq,
  kHzrq,
  kDjjg,
  kJyfw,
  kZs,
  kHydm,
  kJyzt,
  kYzbm,
  kGddhhm,
  kDzyx,
  kKhyhzh,
  kColumnCount,
};

// The field faults, in the order of LegalFaults().
enum LegalFault {
  // Identity: the USCC and what derives from it.
  kUsccCheck,
  kUsccEmbeddedOrgCheck,
  kUsccLetterO,
  kUsccShort,
  kUsccMissing,
  kOrgCodeCheck,
  kOrgCodeDiffers,
  kOrgCodeShort,
  kDivisionNotInList,
  kDivisionAbolished,
  kDivisionDiffers,
  kDivisionAmbiguous,
  kAuthorityNotInList,
  kAuthorityDiffers,
  // The legal representative.
  kRepIdCheck,
  kRepIdLetter,
  kRepIdProvince,
  kRepIdShort,
  kRepIdBirthNotReal,
  kRepIdFutureBirth,
  kRepIdAddressNotInList,
  kRepIdAddressLater,
  kRepNameMissing,
  kRepSexDiffers,
  // Registration facts.
  kNameMissing,
  kNameShort,
  kFoundedMissing,
  kFoundedShape,
  kFoundedNotReal,
  kFoundedTooEarly,
  kApprovedShape,
  kApprovedNotReal,
  kApprovedBeforeFounded,
  kCapitalCurrency,
  kCapitalNegative,
  kCapitalScale,
  kCapitalTooLong,
  kScopeShort,
  kAddressShort,
  kIndustryNotInList,
  kIndustryDigit,
  kStatusNotInList,
  kStatusMissing,
  // Contacts.
  kPostcodePattern,
  kPostcodeLong,
  kPostcodeLetters,
  kLandlineService,
  kLandlineMobile,
  kEmailPattern,
  kAccountShort,
  kAccountLetter,
  kFaultCount,
};

const std::vector<datagen::Column>& LegalColumns();
// One entry per LegalFault, in its order.
const std::vector<datagen::FaultKind>& LegalFaults();

// An organisation kind: the USCC's authority and type (positions 1-2), how
// often it occurs, and how its names end.
struct OrganisationKind {
  const char* code;
  int weight;  // in percent
  const char* suffixes[3];
};

// A GB 11714 organisation code (9 characters with its check): MA and six
// GB 32100 characters when `modern`, else eight digits.
std::string OrgCode(datagen::Rng& rng, bool modern);
// The USCC of `kind` (2 characters), `division` and `org_code`.
std::string Uscc(std::string_view kind, std::string_view division,
                 std::string_view org_code);

}  // namespace shuyuan::datagen_internal

namespace shuyuan::datagen {

// What a legal-person row was built from, for its faults.
struct LegalPersonRows::Facts {
  const datagen_internal::OrganisationKind* kind = nullptr;
  std::string division;
  bool division_current = true;
  std::string org_code;
  std::string uscc;
  const Industry* industry = nullptr;
  Person rep;
  CivilDate founded;
  CivilDate approved;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_INTERNAL_LEGAL_PERSON_LAYOUT_H_
