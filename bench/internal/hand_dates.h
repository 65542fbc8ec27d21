// Dates for the hand-written ceiling validator (hand_validator.h): the
// canonical YYYYMMDD check and the legacy input forms the catalog's date
// elements accept (SPEC §2.3 `date`): YYYY-M-D, YYYY/M/D, YYYY.M.D,
// YYYY年M月D日, the first two and YYYY/M/D with a time of day, Chinese
// numerals (二〇一五年三月八日) and spreadsheet serials (42071).
//
//   std::string buf;
//   if (bench_internal::LegacyDate("2015年3月8日", &buf)) { buf == "20150308" }
//   bench_internal::Day day;
//   bench_internal::ParseYyyymmdd("20150230", &day);  // DateShape::kNotReal
//
// Pure and thread-safe.
#ifndef SHUYUAN_BENCH_INTERNAL_HAND_DATES_H_
#define SHUYUAN_BENCH_INTERNAL_HAND_DATES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "bench/internal/hand_code_lists.h"

namespace shuyuan::bench_internal {

enum class DateShape { kOk, kBadShape, kNotReal };

// Eight digits forming a real date: kOk and `*day`; eight digits that do not:
// kNotReal; anything else kBadShape.
DateShape ParseYyyymmdd(absl::string_view value, Day* day);

// Rewrites a value in one of the legacy forms as YYYYMMDD into `*out`; false
// when no form matches (and for the canonical eight digits).
bool LegacyDate(absl::string_view value, std::string* out);

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_HAND_DATES_H_
