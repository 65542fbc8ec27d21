// ValueMakers: the values both record generators share, each in the clean
// canonical form and in the legacy spellings that the catalog's
// normalisers turn back into it: citizen ID numbers (with 15-digit,
// lower-case x, × and full-width forms), Chinese names, dates in ten
// styles, addresses built from GB/T 2260 names, mobile and landline
// numbers, postal codes, e-mail addresses and bank account numbers.
//
//   ValueMakers makers(divisions, as_of);
//   Person p = makers.MakePerson(rng, 19500101, 20051231);
//   std::string cell;
//   makers.AppendIdNumber(p, rng, &cell);      // "330106850615123", ...
//   makers.AppendDate(p.birth, rng, &cell);    // "1985年6月15日", ...
//
// Immutable after construction; thread-safe. Keeps a reference to
// `divisions`, which must outlive it.
#ifndef SHUYUAN_DATAGEN_VALUE_MAKERS_H_
#define SHUYUAN_DATAGEN_VALUE_MAKERS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "datagen/civil_date.h"
#include "datagen/divisions.h"
#include "datagen/rng.h"

namespace shuyuan::datagen {

// A citizen as GB 11643 encodes them.
struct Person {
  std::string id;  // the 18-character canonical number
  CivilDate birth;
  bool male = true;
};

// The 18-character GB 11643 number of a body made of `address` (6 digits),
// `birth` and the 3-digit `sequence` (odd for men), with its check.
std::string MakeIdNumber(std::string_view address, const CivilDate& birth,
                         int sequence);

// Appends `ascii` with every printable ASCII character in its full-width
// form (U+FF01–FF5E), as the `width` normaliser undoes.
void AppendFullWidth(std::string_view ascii, std::string* out);

class ValueMakers {
 public:
  ValueMakers(const Divisions& divisions, CivilDate as_of)
      : divisions_(divisions), as_of_(as_of) {}

  const Divisions& divisions() const { return divisions_; }
  const CivilDate& as_of() const { return as_of_; }

  // A uniformly drawn date in [from, to] (YYYYMMDD keys, from <= to).
  CivilDate DateBetween(Rng& rng, int32_t from, int32_t to) const;

  // A person born in [born_from, born_to] whose address code was in force
  // on the birth date (or, born before the list starts, is listed). Draws
  // until a county's period meets the range.
  Person MakePerson(Rng& rng, int32_t born_from, int32_t born_to) const;

  // The person's number as a legacy system holds it: mostly canonical, also
  // 15 digits (born in the 1900s), lower-case x, ×, full-width digits or
  // surrounding spaces.
  void AppendIdNumber(const Person& person, Rng& rng, std::string* out) const;

  // A date in one of the legacy styles (civil_date.h), mostly compact or
  // ISO.
  void AppendDate(const CivilDate& date, Rng& rng, std::string* out) const;

  // A Han name of two to four characters; now and then a minority name
  // whose interpunct is written "·", "." or "•".
  void AppendPersonName(Rng& rng, std::string* out) const;

  // 浙江省杭州市西湖区文三路478号 for `county`, now and then with full-width
  // digits.
  void AppendAddress(std::string_view county, Rng& rng, std::string* out) const;

  // 13812345678 in the ways people write it: spaced, dashed, +86, 0086.
  void AppendMobile(Rng& rng, std::string* out) const;

  // A landline under the area code of `county`'s province: 0571-87654321,
  // (0571) 87654321, 057187654321, with an extension now and then.
  void AppendLandline(std::string_view county, Rng& rng,
                      std::string* out) const;

  // A postal code of `county`'s province; written without its leading zero
  // now and then (a spreadsheet ate it).
  void AppendPostcode(std::string_view county, Rng& rng,
                      std::string* out) const;

  // zhangwei88@163.com; a full-width ＠ now and then.
  void AppendEmail(Rng& rng, std::string* out) const;

  // A 16 to 19 digit Luhn-valid account, spaced in fours now and then; one
  // in 20 fails Luhn, which is only a warning.
  void AppendBankAccount(Rng& rng, std::string* out) const;

 private:
  const Divisions& divisions_;
  const CivilDate as_of_;
};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_VALUE_MAKERS_H_
