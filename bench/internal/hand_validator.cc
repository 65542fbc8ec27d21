#include "bench/internal/hand_validator.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace shuyuan::bench_internal {
namespace {

using Code = v1::IssueCode;
constexpr Code kOk = v1::ISSUE_CODE_UNSPECIFIED;

// LEGAL_PERSON_BASIC's fields in schema order.
enum LegalField {
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
};

// NATURAL_PERSON_BASIC's fields in schema order.
enum NaturalField {
  kGmsfhm,
  kXm,
  kXbdm,
  kCsrq,
  kMzdm,
  kGjdqdm,
  kZz,
  kYddhhm,
  kGddhhmN,
  kDzyxN,
  kYzbmN,
};

// Records the first error; true when `code` is one.
bool Failed(Code code, int field, HandOutcome* out) {
  if (code == kOk) return false;
  out->valid = false;
  out->issue = code;
  out->field = field;
  return true;
}

// A required field that normalised to nothing.
bool Missing(absl::string_view value, int field, HandOutcome* out) {
  return value.empty() && Failed(v1::REQUIRED_MISSING, field, out);
}

// A derived field: a given value must equal the part; a missing one takes
// it and is checked by `check` (membership only, day 0).
template <typename Check>
bool Derived(absl::string_view part, int field, absl::string_view* value,
             Check check, HandOutcome* out) {
  if (!value->empty()) {
    return *value != part && Failed(v1::CROSS_FIELD_MISMATCH, field, out);
  }
  *value = part;
  return Failed(check(part), field, out);
}

absl::string_view SexOf(absl::string_view id) {
  return (id[16] - '0') % 2 == 1 ? "1" : "2";
}

}  // namespace

absl::StatusOr<std::unique_ptr<HandValidator>> HandValidator::Create(
    const codec::DefinitionSet& definitions) {
  std::unique_ptr<HandValidator> hand(new HandValidator());
  HandCodeLists lists;
  const std::pair<const HandCodeList**, absl::string_view> wanted[] = {
      {&lists.divisions, "GB_T_2260"},
      {&lists.sexes, "GB_T_2261_1"},
      {&lists.ethnic_groups, "GB_T_3304"},
      {&lists.countries, "GB_T_2659_1"},
      {&lists.authorities, "GB_32100_DJGLBM"},
      {&lists.industries, "GB_T_4754_MLDM"},
      {&lists.business_state, "JYZT"},
  };
  for (const auto& [slot, id] : wanted) {
    const v1::CodeList* list = definitions.FindCodeList(id);
    if (list == nullptr) {
      return absl::NotFoundError(absl::StrCat(
          "hand validator: the definitions have no code list ", id));
    }
    hand->lists_.push_back(std::make_unique<HandCodeList>(*list));
    *slot = hand->lists_.back().get();
  }
  hand->elements_ = std::make_unique<HandElements>(lists);
  return hand;
}

HandOutcome HandValidator::ValidateLegalPerson(
    absl::Span<const absl::string_view> values, Day as_of,
    HandRecord* record) const {
  const HandElements& e = *elements_;
  auto raw = [&](int i) {
    return i < static_cast<int>(values.size()) ? values[i]
                                               : absl::string_view();
  };
  auto& v = record->values_;
  FieldScratch* s = record->scratch_.data();
  HandOutcome out;
  // Plain fields, in schema order.
  if (Failed(e.Uscc(raw(kTyshxydm), as_of, &s[0], &v[kTyshxydm]), kTyshxydm,
             &out) ||
      Missing(v[kTyshxydm], kTyshxydm, &out) ||
      Failed(e.OrganisationName(raw(kJgmc), &s[kJgmc], &v[kJgmc]), kJgmc,
             &out) ||
      Missing(v[kJgmc], kJgmc, &out) ||
      Failed(e.RepresentativeName(raw(kFddbrxm), &s[kFddbrxm], &v[kFddbrxm]),
             kFddbrxm, &out) ||
      Failed(e.IdNumber(raw(kFddbrzjhm), as_of, &s[kFddbrzjhm], &v[kFddbrzjhm]),
             kFddbrzjhm, &out) ||
      Failed(e.Capital(raw(kZczb), &s[kZczb], &v[kZczb]), kZczb, &out) ||
      Failed(e.RegistrationDate(raw(kClrq), &s[kClrq], &v[kClrq]), kClrq,
             &out) ||
      Missing(v[kClrq], kClrq, &out) ||
      Failed(e.RegistrationDate(raw(kHzrq), &s[kHzrq], &v[kHzrq]), kHzrq,
             &out) ||
      Failed(e.PlainText(raw(kDjjg), 2, 100, &s[kDjjg], &v[kDjjg]), kDjjg,
             &out) ||
      Failed(e.BusinessScope(raw(kJyfw), &s[kJyfw], &v[kJyfw]), kJyfw, &out) ||
      Failed(e.PlainText(raw(kZs), 4, 200, &s[kZs], &v[kZs]), kZs, &out) ||
      Failed(e.Industry(raw(kHydm), as_of, &s[kHydm], &v[kHydm]), kHydm,
             &out) ||
      Failed(e.BusinessState(raw(kJyzt), as_of, &s[kJyzt], &v[kJyzt]), kJyzt,
             &out) ||
      Missing(v[kJyzt], kJyzt, &out) ||
      Failed(e.PostCode(raw(kYzbm), &s[kYzbm], &v[kYzbm]), kYzbm, &out) ||
      Failed(e.Landline(raw(kGddhhm), &s[kGddhhm], &v[kGddhhm]), kGddhhm,
             &out) ||
      Failed(e.Email(raw(kDzyx), &s[kDzyx], &v[kDzyx]), kDzyx, &out) ||
      Failed(
          e.BankAccount(raw(kKhyhzh), &s[kKhyhzh], &v[kKhyhzh], &out.warning),
          kKhyhzh, &out)) {
    return out;
  }
  // Fields derived from the USCC and the representative's ID number.
  const absl::string_view uscc = v[kTyshxydm];
  if (Failed(e.OrgCode(raw(kZzjgdm), as_of, &s[kZzjgdm], &v[kZzjgdm]), kZzjgdm,
             &out) ||
      Derived(
          uscc.substr(8, 9), kZzjgdm, &v[kZzjgdm],
          [&](absl::string_view p) { return e.CheckOrgCode(p); }, &out) ||
      Failed(e.Authority(raw(kDjglbmdm), as_of, &s[kDjglbmdm], &v[kDjglbmdm]),
             kDjglbmdm, &out) ||
      Derived(
          uscc.substr(0, 1), kDjglbmdm, &v[kDjglbmdm],
          [&](absl::string_view p) { return e.CheckAuthority(p, 0); }, &out) ||
      Failed(e.Division(raw(kXzqhdm), as_of, &s[kXzqhdm], &v[kXzqhdm]), kXzqhdm,
             &out) ||
      Derived(
          uscc.substr(2, 6), kXzqhdm, &v[kXzqhdm],
          [&](absl::string_view p) { return e.CheckDivision(p, 0); }, &out) ||
      Failed(e.Sex(raw(kFddbrxbdm), as_of, &s[kFddbrxbdm], &v[kFddbrxbdm]),
             kFddbrxbdm, &out)) {
    return out;
  }
  const absl::string_view id = v[kFddbrzjhm];
  if (!id.empty() &&
      Derived(
          SexOf(id), kFddbrxbdm, &v[kFddbrxbdm],
          [&](absl::string_view p) { return e.CheckSex(p, 0); }, &out)) {
    return out;
  }
  // Record rules. The derived parts already agree with the USCC (and the
  // sex with the ID), so uscc_org_code, uscc_division and id_sex hold.
  if (!v[kClrq].empty() && !v[kHzrq].empty() && v[kClrq] > v[kHzrq] &&
      Failed(v1::CROSS_FIELD_MISMATCH, kHzrq, &out)) {
    return out;
  }
  if (v[kFddbrxm].empty() && !id.empty()) {
    Failed(v1::REQUIRED_MISSING, kFddbrxm, &out);
  }
  return out;
}

HandOutcome HandValidator::ValidateNaturalPerson(
    absl::Span<const absl::string_view> values, Day as_of,
    HandRecord* record) const {
  const HandElements& e = *elements_;
  auto raw = [&](int i) {
    return i < static_cast<int>(values.size()) ? values[i]
                                               : absl::string_view();
  };
  auto& v = record->values_;
  FieldScratch* s = record->scratch_.data();
  HandOutcome out;
  if (Failed(e.IdNumber(raw(kGmsfhm), as_of, &s[kGmsfhm], &v[kGmsfhm]), kGmsfhm,
             &out) ||
      Missing(v[kGmsfhm], kGmsfhm, &out) ||
      Failed(e.PersonName(raw(kXm), &s[kXm], &v[kXm]), kXm, &out) ||
      Missing(v[kXm], kXm, &out) ||
      Failed(e.Ethnicity(raw(kMzdm), as_of, &s[kMzdm], &v[kMzdm]), kMzdm,
             &out) ||
      Failed(e.PlainText(raw(kZz), 4, 200, &s[kZz], &v[kZz]), kZz, &out) ||
      Failed(e.Mobile(raw(kYddhhm), &s[kYddhhm], &v[kYddhhm]), kYddhhm, &out) ||
      Failed(e.Landline(raw(kGddhhmN), &s[kGddhhmN], &v[kGddhhmN]), kGddhhmN,
             &out) ||
      Failed(e.Email(raw(kDzyxN), &s[kDzyxN], &v[kDzyxN]), kDzyxN, &out) ||
      Failed(e.PostCode(raw(kYzbmN), &s[kYzbmN], &v[kYzbmN]), kYzbmN, &out)) {
    return out;
  }
  // Sex, birth date and nationality from the ID number.
  const absl::string_view id = v[kGmsfhm];
  const absl::string_view nationality = e.CountryOfNumeric(
      id[0] == '9' ? id.substr(3, 3) : absl::string_view("156"), as_of);
  if (Failed(e.Sex(raw(kXbdm), as_of, &s[kXbdm], &v[kXbdm]), kXbdm, &out) ||
      Derived(
          SexOf(id), kXbdm, &v[kXbdm],
          [&](absl::string_view p) { return e.CheckSex(p, 0); }, &out) ||
      Failed(e.BirthDate(raw(kCsrq), as_of, &s[kCsrq], &v[kCsrq]), kCsrq,
             &out) ||
      Derived(
          id.substr(6, 8), kCsrq, &v[kCsrq],
          [&](absl::string_view p) { return e.CheckBirthDate(p, 0); }, &out) ||
      Failed(e.Country(raw(kGjdqdm), as_of, &s[kGjdqdm], &v[kGjdqdm]), kGjdqdm,
             &out) ||
      Derived(
          nationality, kGjdqdm, &v[kGjdqdm],
          [&](absl::string_view p) { return e.CheckCountry(p, 0); }, &out)) {
    return out;
  }
  // required_if(zz, yzbm); id_birth_date and id_sex hold by derivation.
  if (v[kZz].empty() && !v[kYzbmN].empty()) {
    Failed(v1::REQUIRED_MISSING, kZz, &out);
  }
  return out;
}

}  // namespace shuyuan::bench_internal
