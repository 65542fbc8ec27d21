#include "bench/internal/hand_dates.h"

#include <cstdint>

#include "absl/time/civil_time.h"
#include "bench/internal/hand_text.h"

namespace shuyuan::bench_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsRealDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && leap ? 29 : kDays[month - 1]);
}

void WriteDate(int year, int month, int day, std::string* out) {
  char text[8];
  for (int i = 3; i >= 0; --i, year /= 10) text[i] = '0' + year % 10;
  text[4] = '0' + month / 10 % 10;
  text[5] = '0' + month % 10;
  text[6] = '0' + day / 10 % 10;
  text[7] = '0' + day % 10;
  out->assign(text, 8);
}

// Reads 1 or 2 digits at `*p` (exactly `n` when n > 0).
bool ReadNumber(const char** p, const char* end, int n, int* value) {
  const char* q = *p;
  int v = 0;
  const int max = n > 0 ? n : 2;
  int count = 0;
  while (count < max && q < end && IsDigit(*q)) {
    v = v * 10 + (*q++ - '0');
    ++count;
  }
  if (count == 0 || (n > 0 && count != n)) return false;
  *value = v;
  *p = q;
  return true;
}

bool ReadLiteral(const char** p, const char* end, absl::string_view lit) {
  if (static_cast<size_t>(end - *p) < lit.size() ||
      absl::string_view(*p, lit.size()) != lit) {
    return false;
  }
  *p += lit.size();
  return true;
}

// The times of day a separated form may carry after a space.
enum class Times { kNone, kHms, kHmsOrHm };

// YYYY<sep1>M<sep2>D<last>, then " h:mm:ss" (or " h:mm") as `times` allows.
bool MatchSeparated(absl::string_view v, absl::string_view sep1,
                    absl::string_view sep2, absl::string_view last, Times times,
                    std::string* out) {
  const char* p = v.data();
  const char* const end = p + v.size();
  int year, month, day, unused;
  if (!ReadNumber(&p, end, 4, &year) || !ReadLiteral(&p, end, sep1) ||
      !ReadNumber(&p, end, 0, &month) || !ReadLiteral(&p, end, sep2) ||
      !ReadNumber(&p, end, 0, &day) || !ReadLiteral(&p, end, last)) {
    return false;
  }
  if (p != end) {
    if (times == Times::kNone || !ReadLiteral(&p, end, " ") ||
        !ReadNumber(&p, end, 0, &unused) || !ReadLiteral(&p, end, ":") ||
        !ReadNumber(&p, end, 2, &unused)) {
      return false;
    }
    if (p == end) {
      if (times != Times::kHmsOrHm) return false;
    } else if (!ReadLiteral(&p, end, ":") || !ReadNumber(&p, end, 2, &unused) ||
               p != end) {
      return false;
    }
  }
  WriteDate(year, month, day, out);
  return true;
}

int CnDigit(char32_t cp) {
  switch (cp) {
    case 0x3007:
    case 0x25CB:
    case 0x96F6:
      return 0;
    case 0x4E00:
      return 1;
    case 0x4E8C:
      return 2;
    case 0x4E09:
      return 3;
    case 0x56DB:
      return 4;
    case 0x4E94:
      return 5;
    case 0x516D:
      return 6;
    case 0x4E03:
      return 7;
    case 0x516B:
      return 8;
    case 0x4E5D:
      return 9;
    default:
      return -1;
  }
}

char32_t Next(const char** p, const char* end) {
  if (*p >= end) return kBadByte;
  const Char c = Decode(*p, end);
  *p += c.length;
  return c.cp;
}

// 1..99 as 八, 十, 十二, 二十, 二十三.
bool ReadCnNumber(const char** p, const char* end, int* value) {
  const char* q = *p;
  const char32_t first = Next(&q, end);
  int tens = 0;
  if (first == 0x5341) {
    tens = 1;
  } else {
    const int d = CnDigit(first);
    if (d <= 0) return false;
    const char* r = q;
    if (Next(&r, end) != 0x5341) {
      *value = d;
      *p = q;
      return true;
    }
    if (d < 2) return false;
    tens = d;
    q = r;
  }
  const char* r = q;
  const int units = CnDigit(Next(&r, end));
  if (units > 0) q = r;
  *value = tens * 10 + (units > 0 ? units : 0);
  *p = q;
  return true;
}

bool MatchCnNumeral(absl::string_view v, std::string* out) {
  const char* p = v.data();
  const char* const end = p + v.size();
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    const int d = CnDigit(Next(&p, end));
    if (d < 0) return false;
    year = year * 10 + d;
  }
  int month, day;
  if (Next(&p, end) != 0x5E74 || !ReadCnNumber(&p, end, &month) ||
      Next(&p, end) != 0x6708 || !ReadCnNumber(&p, end, &day)) {
    return false;
  }
  const char32_t close = Next(&p, end);
  if ((close != 0x65E5 && close != 0x53F7) || p != end) return false;
  WriteDate(year, month, day, out);
  return true;
}

bool MatchExcelSerial(absl::string_view v, std::string* out) {
  size_t i = 0;
  int64_t serial = 0;
  while (i < v.size() && IsDigit(v[i])) {
    if (i == 7) return false;
    serial = serial * 10 + (v[i++] - '0');
  }
  if (i == 0 || v[0] == '0' || serial > 2958465 || serial == 60) return false;
  int64_t seconds = 0;
  if (i < v.size()) {
    if (v[i] != '.' || i + 1 == v.size()) return false;
    int64_t numerator = 0, denominator = 1;
    for (++i; i < v.size(); ++i) {
      if (!IsDigit(v[i])) return false;
      if (denominator < 1000000000000LL) {
        numerator = numerator * 10 + (v[i] - '0');
        denominator *= 10;
      }
    }
    seconds = (numerator * 86400 + denominator / 2) / denominator;
  }
  absl::CivilDay day = (serial < 60 ? absl::CivilDay(1899, 12, 31)
                                    : absl::CivilDay(1899, 12, 30)) +
                       serial;
  if (seconds == 86400) day += 1;
  if (day.year() > 9999) return false;
  WriteDate(static_cast<int>(day.year()), day.month(), day.day(), out);
  return true;
}

}  // namespace

DateShape ParseYyyymmdd(absl::string_view value, Day* day) {
  if (value.size() != 8) return DateShape::kBadShape;
  Day d = 0;
  for (const char c : value) {
    if (!IsDigit(c)) return DateShape::kBadShape;
    d = d * 10 + static_cast<Day>(c - '0');
  }
  if (!IsRealDate(static_cast<int>(d / 10000), static_cast<int>(d / 100 % 100),
                  static_cast<int>(d % 100))) {
    return DateShape::kNotReal;
  }
  *day = d;
  return DateShape::kOk;
}

bool LegacyDate(absl::string_view value, std::string* out) {
  Day day;
  if (ParseYyyymmdd(value, &day) != DateShape::kBadShape) return false;
  // The catalog's order: YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYY年M月D日, then
  // the same with times, Chinese numerals, spreadsheet serials.
  return MatchSeparated(value, "-", "-", "", Times::kHms, out) ||
         MatchSeparated(value, "/", "/", "", Times::kHmsOrHm, out) ||
         MatchSeparated(value, ".", ".", "", Times::kNone, out) ||
         MatchSeparated(value, "年", "月", "日", Times::kNone, out) ||
         MatchCnNumeral(value, out) || MatchExcelSerial(value, out);
}

}  // namespace shuyuan::bench_internal
