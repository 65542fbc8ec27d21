// Calendar dates for the generator: day numbers for arithmetic, and the
// ways legacy systems write a date (2015年3月8日, 2015/3/8, 二〇一五年三月八日,
// the spreadsheet serial 42071 ...), each of which the catalog's `date`
// normalisers read back as 20150308.
//
//   CivilDate d = CivilDate::FromDays(CivilDate{2015, 3, 8}.Days() + 1);
//   std::string out;
//   AppendDate(d, DateStyle::kChinese, &out);   // "2015年3月9日"
//   absl::StatusOr<CivilDate> as_of = ParseIsoDate("2024-06-01");
//
// Pure functions and a value type.
#ifndef SHUYUAN_DATAGEN_CIVIL_DATE_H_
#define SHUYUAN_DATAGEN_CIVIL_DATE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace shuyuan::datagen {

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Days since 1970-01-01 (proleptic Gregorian; negative before).
  int32_t Days() const;
  static CivilDate FromDays(int32_t days);
  // YYYYMMDD as a number, e.g. 20150308: ordered like the dates.
  int32_t Key() const { return year * 10000 + month * 100 + day; }
  static CivilDate FromKey(int32_t key) {
    return {key / 10000, key / 100 % 100, key % 100};
  }
};

// True when year-month-day exists in the Gregorian calendar.
bool IsRealDate(int year, int month, int day);

// "YYYY-MM-DD" (as definition files and flags write dates). InvalidArgument
// naming the text otherwise.
absl::StatusOr<CivilDate> ParseIsoDate(std::string_view text);

// The ways a date is written in the generated data.
enum class DateStyle {
  kCompact,        // 20150308 (the canonical form)
  kIso,            // 2015-03-08
  kDashShort,      // 2015-3-8
  kSlash,          // 2015/3/8
  kDot,            // 2015.3.8
  kChinese,        // 2015年3月8日
  kCnNumeral,      // 二〇一五年三月八日
  kExcelSerial,    // 42071 (days since 1899-12-30; dates from 1900-03-01)
  kDashMidnight,   // 2015-3-8 0:00:00
  kSlashMidnight,  // 2015/3/8 0:00
};
inline constexpr int kDateStyleCount = 10;

// Appends `date` written in `style` to `*out`.
void AppendDate(const CivilDate& date, DateStyle style, std::string* out);

// Appends a zero-padded number of `width` digits.
void AppendPadded(int value, int width, std::string* out);

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_CIVIL_DATE_H_
