// Calendar dates and times in the canonical layouts of the format notation
// (SPEC §2.2): parsing a value strictly in a layout, writing fields back out,
// and the date keys used for effective-date checks.
//
//   DateTimeLayout layout = DateTimeLayoutFromName("YYYYMMDD");
//   DateTimeFields f;
//   switch (ParseDateTime("20210230", layout, &f)) {
//     case DateTimeParse::kOk: ...
//     case DateTimeParse::kBadShape: ...   // FORMAT_MISMATCH
//     case DateTimeParse::kNotReal: ...    // INVALID_DATE (Feb 30)
//   }
//
// All functions are pure and thread-safe; none allocates except Append*.
#ifndef SHUYUAN_CODEC_DATE_TIME_H_
#define SHUYUAN_CODEC_DATE_TIME_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace shuyuan::codec {

// The canonical datetime layouts a format may name.
enum class DateTimeLayout {
  kNone,
  kYyyymmdd,             // "YYYYMMDD", "D8"
  kYyyy_Mm_Dd,           // "YYYY-MM-DD"
  kYyyymmddhhmmss,       // "YYYYMMDDhhmmss", "DT14"
  kYyyy_Mm_DdThh_mm_ss,  // "YYYY-MM-DDThh:mm:ss"
  kHhmmss,               // "hhmmss", "T6"
  kHh_mm_ss,             // "hh:mm:ss"
};

// The layout a datetime format names (exact, case-sensitive as in SPEC
// §2.2), or kNone when `name` is not one.
DateTimeLayout DateTimeLayoutFromName(absl::string_view name);

// The canonical name of a layout ("YYYYMMDD", ...); "" for kNone.
absl::string_view DateTimeLayoutName(DateTimeLayout layout);

bool LayoutHasDate(DateTimeLayout layout);
bool LayoutHasTime(DateTimeLayout layout);

// Broken-down date and time. Fields a layout lacks stay 0.
struct DateTimeFields {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

enum class DateTimeParse {
  kOk,
  kBadShape,  // wrong length, separators or non-digits: FORMAT_MISMATCH
  kNotReal,   // right shape, but no such date or time: INVALID_DATE
};

// Parses `value` strictly in `layout` into `*out`.
DateTimeParse ParseDateTime(absl::string_view value, DateTimeLayout layout,
                            DateTimeFields* out);

// Appends `fields` written in `layout` to `*out` (zero-padded).
void AppendDateTime(const DateTimeFields& fields, DateTimeLayout layout,
                    std::string* out);

// True when y-m-d is a day of the proleptic Gregorian calendar, 1 ≤ y ≤ 9999.
bool IsRealDate(int year, int month, int day);
// True when h:m:s is a time of day (00:00:00 to 23:59:59).
bool IsRealTime(int hour, int minute, int second);

// A date as a sortable integer yyyymmdd (20210708). 0 means "no date".
using DateKey = int32_t;
inline DateKey MakeDateKey(int year, int month, int day) {
  return year * 10000 + month * 100 + day;
}
inline DateKey MakeDateKey(absl::CivilDay day) {
  return MakeDateKey(static_cast<int>(day.year()), day.month(), day.day());
}
inline DateKey MakeDateKey(const DateTimeFields& f) {
  return MakeDateKey(f.year, f.month, f.day);
}

// Parses a definition-file date "YYYY-MM-DD" (SPEC §2.4). False when the
// text is not exactly that shape or not a real date.
bool ParseIsoDate(absl::string_view text, absl::CivilDay* day);

// Today in China Standard Time (UTC+8; China has kept no daylight saving
// time since 1991): the default reference date. The data are Chinese, so
// "today" is Beijing's date whatever zone the server runs in (containers
// usually run in UTC, which would be a day behind for eight hours a day).
absl::CivilDay Today();

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DATE_TIME_H_
