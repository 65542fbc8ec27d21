#include "codec/reference.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace shuyuan::codec {

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  if (!absl::ascii_isalpha(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin() + 1, id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           c == '.' || c == '-';
  });
}

Reference Reference::Pinned(absl::string_view id, uint32_t version) {
  Reference ref;
  ref.id = std::string(id);
  ref.form = Form::kVersion;
  ref.version = version;
  return ref;
}

std::string Reference::ToString() const {
  switch (form) {
    case Form::kBare:
      return id;
    case Form::kLatest:
      return absl::StrCat(id, "@latest");
    case Form::kVersion:
      return PinnedRef(id, version);
  }
  return id;
}

absl::StatusOr<Reference> ParseReference(absl::string_view text) {
  const size_t at = text.find('@');
  Reference ref;
  ref.id = std::string(text.substr(0, at));
  if (!IsValidId(ref.id)) {
    return absl::InvalidArgumentError(
        absl::StrCat("reference '", text, "': '", ref.id,
                     "' is not a valid id ([A-Za-z][A-Za-z0-9_.-]{0,63})"));
  }
  if (at == absl::string_view::npos) return ref;
  const absl::string_view suffix = text.substr(at + 1);
  if (suffix == "latest") {
    ref.form = Reference::Form::kLatest;
    return ref;
  }
  const bool digits = !suffix.empty() && suffix.size() <= 10 &&
                      suffix[0] != '0' &&
                      std::all_of(suffix.begin(), suffix.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  uint32_t version = 0;
  if (!digits || !absl::SimpleAtoi(suffix, &version) || version == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "reference '", text,
        "': the version must be a positive integer or 'latest' (ID, ID@N, "
        "ID@latest)"));
  }
  ref.form = Reference::Form::kVersion;
  ref.version = version;
  return ref;
}

std::string PinnedRef(absl::string_view id, uint32_t version) {
  return absl::StrCat(id, "@", version);
}

}  // namespace shuyuan::codec
