#include "codec/date_time.h"

#include <algorithm>
#include <atomic>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace shuyuan::codec {
namespace {

// Reads `n` ASCII digits at `p`; false if any is not a digit.
bool ReadDigits(const char* p, int n, int* out) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const unsigned d = static_cast<unsigned char>(p[i]) - '0';
    if (d > 9) return false;
    v = v * 10 + static_cast<int>(d);
  }
  *out = v;
  return true;
}

// Writes `value` as `width` digits at `*p` and advances it.
void PutPadded(int value, int width, char** p) {
  for (int i = width - 1; i >= 0; --i) {
    (*p)[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  *p += width;
}

// Date part: 8 digits, or YYYY-MM-DD with `sep`.
bool ReadDate(const char* p, bool separated, DateTimeFields* f) {
  if (!separated) {
    return ReadDigits(p, 4, &f->year) && ReadDigits(p + 4, 2, &f->month) &&
           ReadDigits(p + 6, 2, &f->day);
  }
  return ReadDigits(p, 4, &f->year) && p[4] == '-' &&
         ReadDigits(p + 5, 2, &f->month) && p[7] == '-' &&
         ReadDigits(p + 8, 2, &f->day);
}

bool ReadTime(const char* p, bool separated, DateTimeFields* f) {
  if (!separated) {
    return ReadDigits(p, 2, &f->hour) && ReadDigits(p + 2, 2, &f->minute) &&
           ReadDigits(p + 4, 2, &f->second);
  }
  return ReadDigits(p, 2, &f->hour) && p[2] == ':' &&
         ReadDigits(p + 3, 2, &f->minute) && p[5] == ':' &&
         ReadDigits(p + 6, 2, &f->second);
}

}  // namespace

DateTimeLayout DateTimeLayoutFromName(absl::string_view name) {
  if (name == "YYYYMMDD" || name == "D8") return DateTimeLayout::kYyyymmdd;
  if (name == "YYYY-MM-DD") return DateTimeLayout::kYyyy_Mm_Dd;
  if (name == "YYYYMMDDhhmmss" || name == "DT14") {
    return DateTimeLayout::kYyyymmddhhmmss;
  }
  if (name == "YYYY-MM-DDThh:mm:ss") {
    return DateTimeLayout::kYyyy_Mm_DdThh_mm_ss;
  }
  if (name == "hhmmss" || name == "T6") return DateTimeLayout::kHhmmss;
  if (name == "hh:mm:ss") return DateTimeLayout::kHh_mm_ss;
  return DateTimeLayout::kNone;
}

absl::string_view DateTimeLayoutName(DateTimeLayout layout) {
  switch (layout) {
    case DateTimeLayout::kNone:
      return "";
    case DateTimeLayout::kYyyymmdd:
      return "YYYYMMDD";
    case DateTimeLayout::kYyyy_Mm_Dd:
      return "YYYY-MM-DD";
    case DateTimeLayout::kYyyymmddhhmmss:
      return "YYYYMMDDhhmmss";
    case DateTimeLayout::kYyyy_Mm_DdThh_mm_ss:
      return "YYYY-MM-DDThh:mm:ss";
    case DateTimeLayout::kHhmmss:
      return "hhmmss";
    case DateTimeLayout::kHh_mm_ss:
      return "hh:mm:ss";
  }
  return "";
}

bool LayoutHasDate(DateTimeLayout layout) {
  switch (layout) {
    case DateTimeLayout::kYyyymmdd:
    case DateTimeLayout::kYyyy_Mm_Dd:
    case DateTimeLayout::kYyyymmddhhmmss:
    case DateTimeLayout::kYyyy_Mm_DdThh_mm_ss:
      return true;
    default:
      return false;
  }
}

bool LayoutHasTime(DateTimeLayout layout) {
  switch (layout) {
    case DateTimeLayout::kYyyymmddhhmmss:
    case DateTimeLayout::kYyyy_Mm_DdThh_mm_ss:
    case DateTimeLayout::kHhmmss:
    case DateTimeLayout::kHh_mm_ss:
      return true;
    default:
      return false;
  }
}

bool IsRealDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  int limit = kDays[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
    limit = 29;
  }
  return day <= limit;
}

bool IsRealTime(int hour, int minute, int second) {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 &&
         second >= 0 && second <= 59;
}

DateTimeParse ParseDateTime(absl::string_view value, DateTimeLayout layout,
                            DateTimeFields* out) {
  *out = DateTimeFields();
  const char* p = value.data();
  bool shape_ok = false;
  switch (layout) {
    case DateTimeLayout::kNone:
      return DateTimeParse::kBadShape;
    case DateTimeLayout::kYyyymmdd:
      shape_ok = value.size() == 8 && ReadDate(p, false, out);
      break;
    case DateTimeLayout::kYyyy_Mm_Dd:
      shape_ok = value.size() == 10 && ReadDate(p, true, out);
      break;
    case DateTimeLayout::kYyyymmddhhmmss:
      shape_ok = value.size() == 14 && ReadDate(p, false, out) &&
                 ReadTime(p + 8, false, out);
      break;
    case DateTimeLayout::kYyyy_Mm_DdThh_mm_ss:
      shape_ok = value.size() == 19 && ReadDate(p, true, out) && p[10] == 'T' &&
                 ReadTime(p + 11, true, out);
      break;
    case DateTimeLayout::kHhmmss:
      shape_ok = value.size() == 6 && ReadTime(p, false, out);
      break;
    case DateTimeLayout::kHh_mm_ss:
      shape_ok = value.size() == 8 && ReadTime(p, true, out);
      break;
  }
  if (!shape_ok) return DateTimeParse::kBadShape;
  if (LayoutHasDate(layout) && !IsRealDate(out->year, out->month, out->day)) {
    return DateTimeParse::kNotReal;
  }
  if (LayoutHasTime(layout) &&
      !IsRealTime(out->hour, out->minute, out->second)) {
    return DateTimeParse::kNotReal;
  }
  return DateTimeParse::kOk;
}

void AppendDateTime(const DateTimeFields& f, DateTimeLayout layout,
                    std::string* out) {
  const bool separated = layout == DateTimeLayout::kYyyy_Mm_Dd ||
                         layout == DateTimeLayout::kYyyy_Mm_DdThh_mm_ss ||
                         layout == DateTimeLayout::kHh_mm_ss;
  // Composed in place and appended once: this runs for every date a
  // normaliser rewrites.
  char text[20];
  char* p = text;
  if (LayoutHasDate(layout)) {
    PutPadded(f.year, 4, &p);
    if (separated) *p++ = '-';
    PutPadded(f.month, 2, &p);
    if (separated) *p++ = '-';
    PutPadded(f.day, 2, &p);
  }
  if (layout == DateTimeLayout::kYyyy_Mm_DdThh_mm_ss) *p++ = 'T';
  if (LayoutHasTime(layout)) {
    PutPadded(f.hour, 2, &p);
    if (separated) *p++ = ':';
    PutPadded(f.minute, 2, &p);
    if (separated) *p++ = ':';
    PutPadded(f.second, 2, &p);
  }
  out->append(text, static_cast<size_t>(p - text));
}

bool ParseIsoDate(absl::string_view text, absl::CivilDay* day) {
  DateTimeFields f;
  if (ParseDateTime(text, DateTimeLayout::kYyyy_Mm_Dd, &f) !=
      DateTimeParse::kOk) {
    return false;
  }
  *day = absl::CivilDay(f.year, f.month, f.day);
  return true;
}

absl::CivilDay Today() {
  // Converting to civil time in the local zone costs far more than reading
  // the clock, and validation asks for today once per record: remember the
  // answer until a minute has passed or local midnight, whichever is first.
  // Packed in one word so that it is lock-free: expiry (Unix seconds) in the
  // high bits, the yyyymmdd key in the low 27.
  static std::atomic<int64_t> cache{0};
  constexpr int kKeyBits = 27;
  const absl::Time now = absl::Now();
  const int64_t now_s = absl::ToUnixSeconds(now);
  int64_t packed = cache.load(std::memory_order_relaxed);
  if (now_s >= (packed >> kKeyBits)) {
    static const absl::TimeZone zone = absl::FixedTimeZone(8 * 60 * 60);
    const absl::CivilSecond civil_now = absl::ToCivilSecond(now, zone);
    const absl::CivilDay today(civil_now);
    const int64_t to_midnight = absl::CivilSecond(today + 1) - civil_now;
    const int64_t valid_until = now_s + std::min<int64_t>(60, to_midnight);
    packed = (valid_until << kKeyBits) | MakeDateKey(today);
    cache.store(packed, std::memory_order_relaxed);
  }
  const int key = static_cast<int>(packed & ((int64_t{1} << kKeyBits) - 1));
  return absl::CivilDay(key / 10000, key / 100 % 100, key % 100);
}

}  // namespace shuyuan::codec
