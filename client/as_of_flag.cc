#include "client/as_of_flag.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace shuyuan::client {

absl::StatusOr<AsOf> ParseAsOfFlag(const std::optional<std::string>& text) {
  absl::CivilDay day = codec::Today();
  if (text.has_value() && !codec::ParseIsoDate(*text, &day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--as-of '", *text,
                     "' is not a real date written YYYY-MM-DD (e.g. "
                     "2023-01-01)"));
  }
  return AsOf{codec::MakeDateKey(day), absl::FormatCivilTime(day)};
}

}  // namespace shuyuan::client
