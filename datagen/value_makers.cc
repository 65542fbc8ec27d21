#include "datagen/value_makers.h"

#include <algorithm>

#include "datagen/check_characters.h"
#include "datagen/word_tables.h"

namespace shuyuan::datagen {

std::string MakeIdNumber(std::string_view address, const CivilDate& birth,
                         int sequence) {
  std::string id(address);
  AppendPadded(birth.Key(), 8, &id);
  AppendPadded(sequence, 3, &id);
  id.push_back(Gb11643Check(id));
  return id;
}

void AppendFullWidth(std::string_view ascii, std::string* out) {
  for (char c : ascii) {
    if (c < 0x21 || c > 0x7E) {
      out->push_back(c);
      continue;
    }
    const unsigned cp = 0xFF01 + static_cast<unsigned>(c - 0x21);
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

void AppendDigits(Rng& rng, int n, std::string* out) {
  for (int i = 0; i < n; ++i) out->push_back('0' + rng.Below(10));
}

// The row of a by-province table for the province of `county`, or the
// first row when the table lacks it.
template <typename Row, size_t N>
const Row& ForProvince(const Row (&table)[N], std::string_view county) {
  for (const Row& row : table) {
    if (county.substr(0, 2) == row.province) return row;
  }
  return table[0];
}

}  // namespace

CivilDate ValueMakers::DateBetween(Rng& rng, int32_t from, int32_t to) const {
  const int32_t a = CivilDate::FromKey(from).Days();
  const int32_t b = CivilDate::FromKey(to).Days();
  return CivilDate::FromDays(rng.Between(a, b));
}

Person ValueMakers::MakePerson(Rng& rng, int32_t born_from,
                               int32_t born_to) const {
  while (true) {
    const CodeEntry& county = rng.Chance(4, 5)
                                  ? divisions_.AnyCurrentCounty(rng)
                                  : divisions_.AnyCounty(rng);
    // Born before the list starts: membership only, so any date will do.
    int32_t lo = born_from;
    if (county.valid_from > divisions_.earliest()) {
      lo = std::max(lo, county.valid_from);
    }
    const int32_t hi =
        county.valid_to != 0 ? std::min(born_to, county.valid_to) : born_to;
    if (lo > hi) continue;
    Person person;
    person.birth = DateBetween(rng, lo, hi);
    person.male = rng.Chance(1, 2);
    int sequence = static_cast<int>(rng.Below(500)) * 2 + (person.male ? 1 : 0);
    if (sequence == 0) sequence = 2;
    person.id = MakeIdNumber(county.code, person.birth, sequence);
    return person;
  }
}

void ValueMakers::AppendIdNumber(const Person& person, Rng& rng,
                                 std::string* out) const {
  const std::string& id = person.id;
  const uint32_t style = rng.Below(100);
  const bool x_check = id.back() == 'X';
  if (style < 10 && person.birth.year >= 1900 && person.birth.year <= 1999) {
    out->append(id, 0, 6);  // first generation: 2-digit year, no check
    out->append(id, 8, 9);
  } else if (style < 16 && x_check) {
    out->append(id, 0, 17);
    out->append(style < 13 ? "x" : "×");
  } else if (style < 19) {
    AppendFullWidth(id, out);
  } else if (style < 22) {
    out->append(style < 21 ? " " : "　");
    out->append(id);
    out->push_back(' ');
  } else {
    out->append(id);
  }
}

void ValueMakers::AppendDate(const CivilDate& date, Rng& rng,
                             std::string* out) const {
  // Cumulative percentages of the styles, in DateStyle order.
  static constexpr uint32_t kUpTo[kDateStyleCount] = {30, 55, 63, 73, 77,
                                                      89, 92, 95, 98, 100};
  const uint32_t p = rng.Below(100);
  int style = 0;
  while (p >= kUpTo[style]) ++style;
  datagen::AppendDate(date, static_cast<DateStyle>(style), out);
}

void ValueMakers::AppendPersonName(Rng& rng, std::string* out) const {
  if (rng.Chance(1, 20)) {
    static constexpr const char* kSeparators[] = {"·", "·", "·", ".", "•"};
    out->append(rng.Pick(kMinorityGivenNames));
    out->append(rng.Pick(kSeparators));
    out->append(rng.Pick(kMinorityGivenNames));
    return;
  }
  out->append(rng.Pick(kSurnames));
  out->append(rng.Pick(kGivenNameChars));
  if (rng.Chance(2, 3)) out->append(rng.Pick(kGivenNameChars));
}

void ValueMakers::AppendAddress(std::string_view county, Rng& rng,
                                std::string* out) const {
  divisions_.AppendFullName(county, as_of_.Key(), out);
  out->append(rng.Pick(kStreetWords));
  out->append(rng.Pick(kStreetWords));
  out->append(rng.Pick(kStreetSuffixes));
  std::string number;
  AppendPadded(rng.Between(1, 999), 1, &number);
  if (rng.Chance(1, 20)) {
    AppendFullWidth(number, out);
  } else {
    out->append(number);
  }
  out->append("号");
  out->append(rng.Pick(kBuildingSuffixes));
}

void ValueMakers::AppendMobile(Rng& rng, std::string* out) const {
  std::string number = rng.Pick(kMobilePrefixes);
  AppendDigits(rng, 8, &number);
  const uint32_t style = rng.Below(100);
  if (style < 70) {
    out->append(number);
  } else if (style < 88) {
    const char sep = style < 80 ? ' ' : '-';
    out->append(number, 0, 3);
    out->push_back(sep);
    out->append(number, 3, 4);
    out->push_back(sep);
    out->append(number, 7, 4);
  } else {
    static constexpr const char* kCountryPrefixes[] = {"+86 ", "+86", "0086 ",
                                                       "86"};
    out->append(rng.Pick(kCountryPrefixes));
    out->append(number);
  }
}

void ValueMakers::AppendLandline(std::string_view county, Rng& rng,
                                 std::string* out) const {
  const std::string_view area = ForProvince(kAreaCodes, county).code;
  std::string local(1, static_cast<char>('2' + rng.Below(7)));
  AppendDigits(rng, area.size() == 3 || rng.Chance(3, 4) ? 7 : 6, &local);
  const uint32_t style = rng.Below(100);
  if (style < 60) {
    out->append(area).append("-").append(local);
  } else if (style < 75) {
    out->append("(").append(area).append(style < 70 ? ") " : ")");
    out->append(local);
  } else if (style < 85) {
    out->append(area).append(" ").append(local);
  } else if (style < 95) {
    out->append(area).append(local);
  } else {
    out->append(area).append("-").append(local);
    out->append(style < 98 ? "转" : "-");
    AppendDigits(rng, 3, out);
  }
}

void ValueMakers::AppendPostcode(std::string_view county, Rng& rng,
                                 std::string* out) const {
  std::string code = ForProvince(kPostalPrefixes, county).prefix;
  AppendDigits(rng, 4, &code);
  if (code[0] == '0' && rng.Chance(1, 5)) code.erase(0, 1);
  out->append(code);
}

void ValueMakers::AppendEmail(Rng& rng, std::string* out) const {
  out->append(rng.Pick(kPinyin));
  if (rng.Chance(1, 2)) out->append(rng.Pick(kPinyin));
  if (rng.Chance(1, 2)) AppendDigits(rng, rng.Between(2, 4), out);
  out->append(rng.Chance(1, 30) ? "＠" : "@");
  out->append(rng.Pick(kMailDomains));
}

void ValueMakers::AppendBankAccount(Rng& rng, std::string* out) const {
  std::string account = rng.Pick(kBankPrefixes);
  AppendDigits(rng, rng.Between(9, 12), &account);
  char check = LuhnCheck(account);
  if (rng.Chance(1, 20))
    check = static_cast<char>('0' + (check - '0' + 1) % 10);
  account.push_back(check);
  if (!rng.Chance(3, 20)) {
    out->append(account);
    return;
  }
  for (size_t i = 0; i < account.size(); ++i) {
    if (i > 0 && i % 4 == 0) out->push_back(' ');
    out->push_back(account[i]);
  }
}

}  // namespace shuyuan::datagen
