// The data elements of LEGAL_PERSON_BASIC and NATURAL_PERSON_BASIC written
// out by hand for the ceiling benchmark (hand_validator.h): each element's
// normalisers (catalog/data_elements/*.yaml, SPEC §2.3) and checks (format,
// value domain, checksum, code list; SPEC §2.2, §2.5) as straight-line code,
// reporting the first issue the codec would report for the value.
//
//   const HandElements elements(code_lists);  // once
//   FieldScratch scratch;                     // one per field and thread
//   absl::string_view value;
//   v1::IssueCode issue =
//       elements.Uscc(" 9111 0000 6000 3734 1l", as_of, &scratch, &value);
//   // issue == ISSUE_CODE_UNSPECIFIED, value == "91110000600037341L"
//
// Every element function normalises `raw` into `*value` (a view of `raw`,
// of `*scratch` or of a code list) and, when the value is not empty, checks
// it; it returns the issue or ISSUE_CODE_UNSPECIFIED. An empty `*value`
// means missing. Elements that schemas derive from a structured code also
// have a separate Check (derived values are checked with day 0: membership
// only). Immutable after construction; thread-safe.
#ifndef SHUYUAN_BENCH_INTERNAL_HAND_ELEMENTS_H_
#define SHUYUAN_BENCH_INTERNAL_HAND_ELEMENTS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "bench/internal/hand_code_lists.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::bench_internal {

// Two buffers that the normalising steps of one value write alternately.
struct FieldScratch {
  std::string a;
  std::string b;
};

// The code lists the elements use, by catalog id.
struct HandCodeLists {
  const HandCodeList* divisions;       // GB_T_2260
  const HandCodeList* sexes;           // GB_T_2261_1
  const HandCodeList* ethnic_groups;   // GB_T_3304
  const HandCodeList* countries;       // GB_T_2659_1
  const HandCodeList* authorities;     // GB_32100_DJGLBM
  const HandCodeList* industries;      // GB_T_4754_MLDM
  const HandCodeList* business_state;  // JYZT
};

class HandElements {
 public:
  using Code = v1::IssueCode;
  explicit HandElements(const HandCodeLists& lists);

  // Codes and numbers.
  Code Uscc(absl::string_view raw, Day as_of, FieldScratch* s,
            absl::string_view* value) const;
  Code OrgCode(absl::string_view raw, Day as_of, FieldScratch* s,
               absl::string_view* value) const;
  Code CheckOrgCode(absl::string_view value) const;
  Code IdNumber(absl::string_view raw, Day as_of, FieldScratch* s,
                absl::string_view* value) const;
  Code CheckId(absl::string_view value, Day as_of) const;
  Code BankAccount(absl::string_view raw, FieldScratch* s,
                   absl::string_view* value, bool* warning) const;
  Code Capital(absl::string_view raw, FieldScratch* s,
               absl::string_view* value) const;

  // Code-list elements; `Check*` take day 0 for derived values.
  Code Authority(absl::string_view raw, Day as_of, FieldScratch* s,
                 absl::string_view* value) const;
  Code CheckAuthority(absl::string_view value, Day day) const;
  Code Division(absl::string_view raw, Day as_of, FieldScratch* s,
                absl::string_view* value) const;
  Code CheckDivision(absl::string_view value, Day day) const;
  Code Sex(absl::string_view raw, Day as_of, FieldScratch* s,
           absl::string_view* value) const;
  Code CheckSex(absl::string_view value, Day day) const;
  Code Country(absl::string_view raw, Day as_of, FieldScratch* s,
               absl::string_view* value) const;
  Code CheckCountry(absl::string_view value, Day day) const;
  // The country code a numeric code (156, 840) maps to, else `digits`.
  absl::string_view CountryOfNumeric(absl::string_view digits, Day as_of) const;
  Code Ethnicity(absl::string_view raw, Day as_of, FieldScratch* s,
                 absl::string_view* value) const;
  Code Industry(absl::string_view raw, Day as_of, FieldScratch* s,
                absl::string_view* value) const;
  Code BusinessState(absl::string_view raw, Day as_of, FieldScratch* s,
                     absl::string_view* value) const;

  // Dates (YYYYMMDD): from 1900 for CLRQ / HZRQ; CSRQ from 1800, not after
  // the reference date (0 = unchecked).
  Code RegistrationDate(absl::string_view raw, FieldScratch* s,
                        absl::string_view* value) const;
  Code BirthDate(absl::string_view raw, Day as_of, FieldScratch* s,
                 absl::string_view* value) const;
  Code CheckBirthDate(absl::string_view value, Day as_of) const;

  // Names and free text.
  Code OrganisationName(absl::string_view raw, FieldScratch* s,
                        absl::string_view* value) const;
  Code RepresentativeName(absl::string_view raw, FieldScratch* s,
                          absl::string_view* value) const;
  Code PersonName(absl::string_view raw, FieldScratch* s,
                  absl::string_view* value) const;
  // DJJG (at least 2, at most 100), ZS (4, 200), ZZ (4, 200).
  Code PlainText(absl::string_view raw, size_t min, size_t max, FieldScratch* s,
                 absl::string_view* value) const;
  Code BusinessScope(absl::string_view raw, FieldScratch* s,
                     absl::string_view* value) const;

  // Contact details.
  Code PostCode(absl::string_view raw, FieldScratch* s,
                absl::string_view* value) const;
  Code Landline(absl::string_view raw, FieldScratch* s,
                absl::string_view* value) const;
  Code Mobile(absl::string_view raw, FieldScratch* s,
              absl::string_view* value) const;
  Code Email(absl::string_view raw, FieldScratch* s,
             absl::string_view* value) const;

 private:
  HandCodeLists lists_;
  absl::flat_hash_map<std::string, std::string> country_aliases_;
};

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_HAND_ELEMENTS_H_
