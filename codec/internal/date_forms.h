// The input forms of the `date` normaliser (SPEC §2.3), compiled once from
// their text and matched against many values without allocating.
//
// A pattern form is a sequence of tokens and literal characters:
//   YYYY          exactly four digits (two-digit years are never guessed:
//                 "YY" is a compile error)
//   MM, DD        exactly two digits;  M, D  one or two digits
//   hh, mm, ss    exactly two digits (hour, minute, second);  h  one or two
//                 digits (spreadsheets write 2015/3/8 0:00:00)
//   [.f]          an optional fraction: '.' and one or more digits, ignored
//   T             the literal letter T (as in 2021-07-08T12:30:00)
// Every other ASCII letter is an unknown token (a compile error: "HH",
// "yyyy" and "Q" are mistakes, not literals); any other character is a
// literal matched byte for byte ("年", "-", "/", " "). The whole value must
// match. Adjacent variable-width tokens ("YYYYMD") are matched by
// backtracking; among the ways a value matches, the first whose date and
// time are real wins, else the first match (so "2021年2月30日" still yields
// 2021-02-30 for validation to report INVALID_DATE).
//
// Named forms: "cn_numeral" (二〇二一年七月八日: four digits of 〇○零一…九, 年,
// a month and a day in Chinese numerals up to 九十九, 月, 日 or 号) and
// "excel_serial" (the Excel 1900 date system: 1 = 1900-01-01, 59 =
// 1900-02-28, 61 = 1900-03-01; 60 is Excel's fictitious 1900-02-29 and does
// not match; digits 1..2958465 without sign or leading zero, an optional
// fraction giving the time of day rounded to the second).
//
//   absl::StatusOr<DateForm> form = DateForm::Compile("YYYY年M月D日");
//   codec::DateTimeFields f;
//   if (form->Match("2021年7月8日", &f)) { ... f.year == 2021 ... }
//
// Thread-safe: a DateForm is immutable after Compile.
#ifndef SHUYUAN_CODEC_INTERNAL_DATE_FORMS_H_
#define SHUYUAN_CODEC_INTERNAL_DATE_FORMS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/date_time.h"

namespace shuyuan::codec_internal {

class DateForm {
 public:
  enum class Kind { kPattern, kCnNumeral, kExcelSerial };

  // Compiles a form. InvalidArgument, naming the form, for unknown tokens,
  // two-digit years, a repeated field, an incomplete date (YYYY and M but
  // no D), minutes without hours, seconds without minutes, or no field.
  static absl::StatusOr<DateForm> Compile(absl::string_view form);

  // True when the whole of `value` matches; then `*fields` holds what the
  // form carries (fields it lacks are 0). Never allocates.
  bool Match(absl::string_view value, codec::DateTimeFields* fields) const;

  Kind kind() const { return kind_; }
  // True when a match yields year, month and day.
  bool has_date() const { return has_date_; }
  // True when a match may yield a time of day.
  bool has_time() const { return has_time_; }
  // The form as written.
  const std::string& text() const { return text_; }

 private:
  struct Token {
    enum Type {
      kYear4,
      kMonth2,
      kMonth12,
      kDay2,
      kDay12,
      kHour2,
      kHour12,
      kMinute2,
      kSecond2,
      kFraction,
      kLiteral,
    };
    Type type;
    std::string literal;  // kLiteral only
  };
  struct MatchState;

  DateForm() = default;

  // Sets the prefilter below from tokens_.
  void PlanPrefilter();
  bool MatchPattern(absl::string_view value,
                    codec::DateTimeFields* fields) const;
  bool MatchFrom(size_t token, const char* p, const char* end,
                 MatchState* state) const;

  // Immutable after Compile.
  Kind kind_ = Kind::kPattern;
  std::string text_;
  std::vector<Token> tokens_;
  bool has_date_ = false;
  bool has_time_ = false;
  // Pattern forms: the byte lengths a match can have, and the first literal
  // whose offset is fixed (after YYYY in "YYYY-M-D"); "" when none.
  size_t min_size_ = 0;
  size_t max_size_ = 0;
  std::string anchor_;
  size_t anchor_offset_ = 0;
};

// The Chinese-numeral form alone (exposed for tests).
bool MatchCnNumeralDate(absl::string_view value, codec::DateTimeFields* f);

// The Excel-serial form alone (exposed for tests).
bool MatchExcelSerial(absl::string_view value, codec::DateTimeFields* f);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_DATE_FORMS_H_
