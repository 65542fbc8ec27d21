#include "codec/definition_error.h"

#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"

namespace shuyuan::codec {
namespace {

// One payload: kind, id and field separated by '\n' (none of them can hold a
// newline: ids are [A-Za-z0-9_.-], paths are field names and indices).
constexpr absl::string_view kSiteUrl = "type.shuyuan.dev/shuyuan.ErrorSite";

}  // namespace

std::string ErrorSite::Path() const {
  if (field.empty()) return kind;
  if (kind.empty()) return field;
  return absl::StrCat(kind, ".", field);
}

absl::Status WithErrorSite(absl::Status status, const ErrorSite& site) {
  if (status.ok()) return status;
  ErrorSite merged = site;
  if (std::optional<ErrorSite> inner = ErrorSiteOf(status)) {
    if (!inner->kind.empty()) return status;  // the inner item's own error
    // Only a field path so far (from a component that does not know the
    // item): keep it when it refines ours.
    if (!inner->field.empty() &&
        (site.field.empty() || absl::StartsWith(inner->field, site.field))) {
      merged.field = inner->field;
    }
  }
  status.SetPayload(kSiteUrl,
                    absl::Cord(absl::StrCat(merged.kind, "\n", merged.id, "\n",
                                            merged.field)));
  return status;
}

std::optional<ErrorSite> ErrorSiteOf(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kSiteUrl);
  if (!payload.has_value()) return std::nullopt;
  const std::vector<std::string> parts =
      absl::StrSplit(std::string(*payload), absl::MaxSplits('\n', 2));
  ErrorSite site;
  if (parts.size() > 0) site.kind = parts[0];
  if (parts.size() > 1) site.id = parts[1];
  if (parts.size() > 2) site.field = parts[2];
  return site;
}

}  // namespace shuyuan::codec
