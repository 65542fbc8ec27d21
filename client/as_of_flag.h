// `--as-of DATE`, the reference date of effective-date checks (SPEC §3.3),
// read the same way by every command that takes it: exactly YYYY-MM-DD, a
// real date. Without the flag, the date is today in China Standard Time
// (codec::Today). "20230101" and "" are usage errors, never today.
//
//   std::optional<std::string> flag = ...;     // unset: not given
//   SHUYUAN_ASSIGN_OR_RETURN(AsOf as_of, ParseAsOfFlag(flag));
//   element.CheckValue(value, as_of.key, &result);
//
// Pure and thread-safe.
#ifndef SHUYUAN_CLIENT_AS_OF_FLAG_H_
#define SHUYUAN_CLIENT_AS_OF_FLAG_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "codec/date_time.h"

namespace shuyuan::client {

struct AsOf {
  codec::DateKey key = 0;  // 20230101
  std::string iso;         // "2023-01-01", for reports
};

// InvalidArgument naming the flag and the text when `text` is given but is
// not a real date written YYYY-MM-DD.
absl::StatusOr<AsOf> ParseAsOfFlag(const std::optional<std::string>& text);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_AS_OF_FLAG_H_
