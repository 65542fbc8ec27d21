#include "codec/internal/date_forms.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "codec/internal/unicode_text.h"

namespace shuyuan::codec_internal {
namespace {

using codec::DateTimeFields;

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLetter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Chinese numerals: 〇○零 = 0, 一..九 = 1..9; -1 otherwise.
int CnDigit(char32_t cp) {
  switch (cp) {
    case 0x3007:  // 〇
    case 0x25CB:  // ○
    case 0x96F6:  // 零
      return 0;
    case 0x4E00:  // 一
      return 1;
    case 0x4E8C:  // 二
      return 2;
    case 0x4E09:  // 三
      return 3;
    case 0x56DB:  // 四
      return 4;
    case 0x4E94:  // 五
      return 5;
    case 0x516D:  // 六
      return 6;
    case 0x4E03:  // 七
      return 7;
    case 0x516B:  // 八
      return 8;
    case 0x4E5D:  // 九
      return 9;
    default:
      return -1;
  }
}

constexpr char32_t kCnTen = 0x5341;    // 十
constexpr char32_t kCnYear = 0x5E74;   // 年
constexpr char32_t kCnMonth = 0x6708;  // 月
constexpr char32_t kCnDay = 0x65E5;    // 日
constexpr char32_t kCnHao = 0x53F7;    // 号

// Reads a Chinese number 1..99 written the usual way (八, 十, 十二, 二十,
// 三十一) at `*p`, advancing `*p`. False when there is none.
bool ReadCnNumber(const char** p, const char* end, int* value) {
  const char* q = *p;
  if (q >= end) return false;
  Utf8Char c = DecodeUtf8(q, end);
  int tens = 0;
  int units = 0;
  if (c.cp == kCnTen) {
    tens = 1;
    q += c.length;
  } else {
    const int d = CnDigit(c.cp);
    if (d <= 0) return false;
    q += c.length;
    if (q < end && DecodeUtf8(q, end).cp == kCnTen) {
      if (d < 2) return false;  // 一十 is not how dates are written
      tens = d;
      q += DecodeUtf8(q, end).length;
    } else {
      *value = d;
      *p = q;
      return true;
    }
  }
  // After 十: an optional units digit 1..9.
  if (q < end) {
    c = DecodeUtf8(q, end);
    const int d = CnDigit(c.cp);
    if (d > 0) {
      units = d;
      q += c.length;
    }
  }
  *value = tens * 10 + units;
  *p = q;
  return true;
}

bool ReadChar(const char** p, const char* end, char32_t want) {
  if (*p >= end) return false;
  const Utf8Char c = DecodeUtf8(*p, end);
  if (c.cp != want) return false;
  *p += c.length;
  return true;
}

// Reads exactly `n` ASCII digits.
inline bool ReadFixed(const char* p, const char* end, int n, int* out) {
  if (end - p < n) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!IsDigit(p[i])) return false;
    v = v * 10 + (p[i] - '0');
  }
  *out = v;
  return true;
}

bool IsReal(const DateTimeFields& f, bool has_date, bool has_time) {
  if (has_date && !codec::IsRealDate(f.year, f.month, f.day)) return false;
  if (has_time && !codec::IsRealTime(f.hour, f.minute, f.second)) return false;
  return true;
}

}  // namespace

bool MatchCnNumeralDate(absl::string_view value, DateTimeFields* f) {
  const char* p = value.data();
  const char* const end = p + value.size();
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (p >= end) return false;
    const Utf8Char c = DecodeUtf8(p, end);
    const int d = CnDigit(c.cp);
    if (d < 0) return false;
    year = year * 10 + d;
    p += c.length;
  }
  int month = 0;
  int day = 0;
  if (!ReadChar(&p, end, kCnYear) || !ReadCnNumber(&p, end, &month) ||
      !ReadChar(&p, end, kCnMonth) || !ReadCnNumber(&p, end, &day)) {
    return false;
  }
  if (!ReadChar(&p, end, kCnDay) && !ReadChar(&p, end, kCnHao)) return false;
  if (p != end) return false;
  *f = DateTimeFields();
  f->year = year;
  f->month = month;
  f->day = day;
  return true;
}

bool MatchExcelSerial(absl::string_view value, DateTimeFields* f) {
  // Largest serial: 9999-12-31.
  constexpr int64_t kMaxSerial = 2958465;
  size_t i = 0;
  int64_t serial = 0;
  while (i < value.size() && IsDigit(value[i])) {
    if (i == 7) return false;  // more than 7 digits
    serial = serial * 10 + (value[i] - '0');
    ++i;
  }
  if (i == 0 || value[0] == '0') return false;
  if (serial > kMaxSerial || serial == 60) return false;
  int64_t seconds = 0;
  if (i < value.size()) {
    if (value[i] != '.' || i + 1 == value.size()) return false;
    ++i;
    // Seconds = round(fraction × 86400); twelve digits are more than enough
    // for second precision and keep the arithmetic within 64 bits.
    int64_t numerator = 0;
    int64_t denominator = 1;
    for (; i < value.size(); ++i) {
      if (!IsDigit(value[i])) return false;
      if (denominator < 1000000000000LL) {
        numerator = numerator * 10 + (value[i] - '0');
        denominator *= 10;
      }
    }
    seconds = (numerator * 86400 + denominator / 2) / denominator;
  }
  // Serials up to 59 count from 1899-12-31; above 60 Excel's day count
  // includes the fictitious 1900-02-29, so they count from 1899-12-30.
  const absl::CivilDay base =
      serial < 60 ? absl::CivilDay(1899, 12, 31) : absl::CivilDay(1899, 12, 30);
  absl::CivilDay day = base + serial;
  if (seconds == 86400) {
    day += 1;
    seconds = 0;
  }
  if (day.year() > 9999) return false;
  *f = DateTimeFields();
  f->year = static_cast<int>(day.year());
  f->month = day.month();
  f->day = day.day();
  f->hour = static_cast<int>(seconds / 3600);
  f->minute = static_cast<int>(seconds / 60 % 60);
  f->second = static_cast<int>(seconds % 60);
  return true;
}

absl::StatusOr<DateForm> DateForm::Compile(absl::string_view form) {
  DateForm out;
  out.text_ = std::string(form);
  if (form == "cn_numeral") {
    out.kind_ = Kind::kCnNumeral;
    out.has_date_ = true;
    return out;
  }
  if (form == "excel_serial") {
    out.kind_ = Kind::kExcelSerial;
    out.has_date_ = true;
    out.has_time_ = true;
    return out;
  }
  auto error = [&](absl::string_view what, absl::string_view hint = "") {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " in input form '", form, "'", hint));
  };
  if (form.empty()) {
    return absl::InvalidArgumentError(
        "empty input form; write a pattern such as 'YYYY-M-D' or a named "
        "form ('cn_numeral', 'excel_serial')");
  }
  // Per Token::Type: how many times it occurs, to reject repeats.
  int seen[Token::kLiteral + 1] = {};
  size_t i = 0;
  while (i < form.size()) {
    const char c = form[i];
    if (IsAsciiLetter(c) && c != 'T') {
      size_t run = 1;
      while (i + run < form.size() && form[i + run] == c) ++run;
      const absl::string_view token = form.substr(i, run);
      Token::Type type;
      if (c == 'Y' && run == 4) {
        type = Token::kYear4;
      } else if (c == 'Y' && run == 2) {
        return error("two-digit year 'YY'",
                     " (years are never guessed; write YYYY)");
      } else if (c == 'M' && run <= 2) {
        type = run == 2 ? Token::kMonth2 : Token::kMonth12;
      } else if (c == 'D' && run <= 2) {
        type = run == 2 ? Token::kDay2 : Token::kDay12;
      } else if (c == 'h' && run <= 2) {
        type = run == 2 ? Token::kHour2 : Token::kHour12;
      } else if (c == 'm' && run == 2) {
        type = Token::kMinute2;
      } else if (c == 's' && run == 2) {
        type = Token::kSecond2;
      } else {
        return error(absl::StrCat("unknown token '", token, "'"),
                     " (tokens: YYYY MM M DD D hh h mm ss [.f]; literal T)");
      }
      out.tokens_.push_back(Token{type, ""});
      ++seen[type];
      i += run;
      continue;
    }
    if (c == '[') {
      if (form.substr(i, 4) != "[.f]") {
        return error("unknown token '['",
                     " (the only bracketed token is [.f])");
      }
      out.tokens_.push_back(Token{Token::kFraction, ""});
      ++seen[Token::kFraction];
      i += 4;
      continue;
    }
    // A literal character (all bytes of a UTF-8 sequence together).
    const Utf8Char ch = DecodeUtf8(form.data() + i, form.data() + form.size());
    if (out.tokens_.empty() || out.tokens_.back().type != Token::kLiteral) {
      out.tokens_.push_back(Token{Token::kLiteral, ""});
    }
    out.tokens_.back().literal.append(form.data() + i, ch.length);
    i += ch.length;
  }
  for (int t = 0; t < Token::kLiteral; ++t) {
    if (seen[t] > 1) return error("a field appears more than once");
  }
  const bool year = seen[Token::kYear4] > 0;
  const bool month = seen[Token::kMonth2] + seen[Token::kMonth12] > 0;
  const bool day = seen[Token::kDay2] + seen[Token::kDay12] > 0;
  if (seen[Token::kMonth2] + seen[Token::kMonth12] > 1 ||
      seen[Token::kDay2] + seen[Token::kDay12] > 1) {
    return error("a field appears more than once");
  }
  if ((year || month || day) && !(year && month && day)) {
    return error("incomplete date (a date needs YYYY, M or MM, and D or DD)");
  }
  if (seen[Token::kHour2] + seen[Token::kHour12] > 1) {
    return error("a field appears more than once");
  }
  const bool hour = seen[Token::kHour2] + seen[Token::kHour12] > 0;
  const bool minute = seen[Token::kMinute2] > 0;
  const bool second = seen[Token::kSecond2] > 0;
  if (minute && !hour) return error("minutes 'mm' without hours 'hh'");
  if (second && !minute) return error("seconds 'ss' without minutes 'mm'");
  if (!year && !hour) {
    return error("no date or time field (tokens: YYYY MM M DD D hh mm ss)");
  }
  out.has_date_ = year;
  out.has_time_ = hour;
  out.PlanPrefilter();
  return out;
}

void DateForm::PlanPrefilter() {
  bool fixed = true;  // every token so far has one width
  for (const Token& token : tokens_) {
    size_t min = 0, max = 0;
    switch (token.type) {
      case Token::kYear4:
        min = max = 4;
        break;
      case Token::kMonth2:
      case Token::kDay2:
      case Token::kHour2:
      case Token::kMinute2:
      case Token::kSecond2:
        min = max = 2;
        break;
      case Token::kMonth12:
      case Token::kDay12:
      case Token::kHour12:
        min = 1;
        max = 2;
        break;
      case Token::kFraction:
        max = SIZE_MAX / 2;  // optional, any number of digits
        break;
      case Token::kLiteral:
        min = max = token.literal.size();
        if (fixed && anchor_.empty()) {
          anchor_ = token.literal;
          anchor_offset_ = min_size_;
        }
        break;
    }
    fixed &= min == max;
    min_size_ += min;
    max_size_ = std::min(SIZE_MAX / 2, max_size_ + max);
  }
}

struct DateForm::MatchState {
  DateTimeFields current;
  DateTimeFields first;  // the first shape match, used when none is real
  bool have_first = false;
};

bool DateForm::Match(absl::string_view value, DateTimeFields* fields) const {
  switch (kind_) {
    case Kind::kCnNumeral:
      return MatchCnNumeralDate(value, fields);
    case Kind::kExcelSerial:
      return MatchExcelSerial(value, fields);
    case Kind::kPattern:
      break;
  }
  return MatchPattern(value, fields);
}

bool DateForm::MatchPattern(absl::string_view value,
                            DateTimeFields* fields) const {
  // Most values are in another form: reject on length or on the first
  // literal at a fixed offset ("-" after YYYY) before matching.
  if (value.size() < min_size_ || value.size() > max_size_ ||
      (!anchor_.empty() &&
       value.substr(anchor_offset_, anchor_.size()) != anchor_)) {
    return false;
  }
  MatchState state;
  if (MatchFrom(0, value.data(), value.data() + value.size(), &state)) {
    *fields = state.current;
    return true;
  }
  if (state.have_first) {
    *fields = state.first;
    return true;
  }
  return false;
}

// Depth-first over the tokens; variable-width choices (M, D: two digits
// before one; [.f]: present before absent) are retried on failure. Returns
// true once a match with a real date and time is found; shape-only matches
// are remembered in `state->first`. At most 2^3 paths: each variable token
// occurs once.
bool DateForm::MatchFrom(size_t t, const char* p, const char* end,
                         MatchState* state) const {
  if (t == tokens_.size()) {
    if (p != end) return false;
    if (IsReal(state->current, has_date_, has_time_)) return true;
    if (!state->have_first) {
      state->first = state->current;
      state->have_first = true;
    }
    return false;
  }
  const Token& token = tokens_[t];
  DateTimeFields& f = state->current;
  int v = 0;
  switch (token.type) {
    case Token::kLiteral: {
      const size_t n = token.literal.size();
      if (static_cast<size_t>(end - p) < n ||
          std::memcmp(p, token.literal.data(), n) != 0) {
        return false;
      }
      return MatchFrom(t + 1, p + n, end, state);
    }
    case Token::kYear4:
      if (!ReadFixed(p, end, 4, &v)) return false;
      f.year = v;
      return MatchFrom(t + 1, p + 4, end, state);
    case Token::kMonth2:
    case Token::kDay2:
    case Token::kHour2:
    case Token::kMinute2:
    case Token::kSecond2: {
      if (!ReadFixed(p, end, 2, &v)) return false;
      int* field = token.type == Token::kMonth2    ? &f.month
                   : token.type == Token::kDay2    ? &f.day
                   : token.type == Token::kHour2   ? &f.hour
                   : token.type == Token::kMinute2 ? &f.minute
                                                   : &f.second;
      *field = v;
      return MatchFrom(t + 1, p + 2, end, state);
    }
    case Token::kMonth12:
    case Token::kDay12:
    case Token::kHour12: {
      int* field = token.type == Token::kMonth12 ? &f.month
                   : token.type == Token::kDay12 ? &f.day
                                                 : &f.hour;
      if (ReadFixed(p, end, 2, &v)) {
        *field = v;
        if (MatchFrom(t + 1, p + 2, end, state)) return true;
      }
      if (ReadFixed(p, end, 1, &v)) {
        *field = v;
        return MatchFrom(t + 1, p + 1, end, state);
      }
      return false;
    }
    case Token::kFraction: {
      if (p < end && *p == '.' && p + 1 < end && IsDigit(p[1])) {
        const char* q = p + 1;
        while (q < end && IsDigit(*q)) ++q;
        if (MatchFrom(t + 1, q, end, state)) return true;
      }
      return MatchFrom(t + 1, p, end, state);
    }
  }
  return false;
}

}  // namespace shuyuan::codec_internal
