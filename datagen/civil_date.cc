#include "datagen/civil_date.h"

#include "absl/strings/str_cat.h"

namespace shuyuan::datagen {

// Howard Hinnant's days_from_civil / civil_from_days.
int32_t CivilDate::Days() const {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = month > 2 ? month - 3 : month + 9;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

bool IsRealDate(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

absl::StatusOr<CivilDate> ParseIsoDate(std::string_view text) {
  auto digits = [&](size_t at, size_t n, int* value) {
    *value = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      *value = *value * 10 + (text[i] - '0');
    }
    return true;
  };
  CivilDate date;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' &&
      digits(0, 4, &date.year) && digits(5, 2, &date.month) &&
      digits(8, 2, &date.day) && IsRealDate(date.year, date.month, date.day)) {
    return date;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "'", std::string(text), "' is not a date written YYYY-MM-DD"));
}

void AppendPadded(int value, int width, std::string* out) {
  char buf[12];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

namespace {

constexpr const char* kCnDigits[10] = {"〇", "一", "二", "三", "四",
                                       "五", "六", "七", "八", "九"};

// 1..31 in Chinese numerals: 八, 十, 十二, 二十, 三十一.
void AppendCnNumber(int n, std::string* out) {
  if (n >= 20) out->append(kCnDigits[n / 10]);
  if (n >= 10) out->append("十");
  if (n % 10 != 0 || n < 10) out->append(kCnDigits[n % 10]);
}

void AppendYmd(const CivilDate& d, char sep, std::string* out) {
  AppendPadded(d.year, 4, out);
  out->push_back(sep);
  AppendPadded(d.month, 1, out);
  out->push_back(sep);
  AppendPadded(d.day, 1, out);
}

}  // namespace

void AppendDate(const CivilDate& date, DateStyle style, std::string* out) {
  switch (style) {
    case DateStyle::kCompact:
      AppendPadded(date.Key(), 8, out);
      return;
    case DateStyle::kIso:
      AppendPadded(date.year, 4, out);
      out->push_back('-');
      AppendPadded(date.month, 2, out);
      out->push_back('-');
      AppendPadded(date.day, 2, out);
      return;
    case DateStyle::kDashShort:
      AppendYmd(date, '-', out);
      return;
    case DateStyle::kSlash:
      AppendYmd(date, '/', out);
      return;
    case DateStyle::kDot:
      AppendYmd(date, '.', out);
      return;
    case DateStyle::kChinese:
      AppendPadded(date.year, 4, out);
      out->append("年");
      AppendPadded(date.month, 1, out);
      out->append("月");
      AppendPadded(date.day, 1, out);
      out->append("日");
      return;
    case DateStyle::kCnNumeral:
      for (int p = 1000; p > 0; p /= 10) {
        out->append(kCnDigits[date.year / p % 10]);
      }
      out->append("年");
      AppendCnNumber(date.month, out);
      out->append("月");
      AppendCnNumber(date.day, out);
      out->append("日");
      return;
    case DateStyle::kExcelSerial:
      AppendPadded(date.Days() - CivilDate{1899, 12, 30}.Days(), 1, out);
      return;
    case DateStyle::kDashMidnight:
      AppendYmd(date, '-', out);
      out->append(" 0:00:00");
      return;
    case DateStyle::kSlashMidnight:
      AppendYmd(date, '/', out);
      out->append(" 0:00");
      return;
  }
}

}  // namespace shuyuan::datagen
