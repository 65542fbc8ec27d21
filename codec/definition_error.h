// Where in a definition an error lies. Compiling a definition can fail deep
// inside (a code list's 12th entry, an element's 4th normaliser step); the
// error's absl::Status carries its site as a payload, so that each caller
// can say where in its own terms: the CLI as FILE:LINE of the field
// (DefinitionSet knows the lines), the service as a google.rpc.BadRequest
// field violation.
//
//   absl::Status s = absl::InvalidArgumentError("pattern is not valid RE2");
//   s = WithErrorSite(s, {"data_element", "YZBM", "value_domain.pattern"});
//   std::optional<ErrorSite> site = ErrorSiteOf(s);
//   // site->Path() == "data_element.value_domain.pattern"
//
// All functions are pure and thread-safe.
#ifndef SHUYUAN_CODEC_DEFINITION_ERROR_H_
#define SHUYUAN_CODEC_DEFINITION_ERROR_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace shuyuan::codec {

struct ErrorSite {
  std::string kind;   // "data_element", "code_list", "record_schema",
                      // "term" or "coding_rule"
  std::string id;     // the item's id; empty while not yet known
  std::string field;  // path inside the item: "value_domain.pattern",
                      // "normalize[3]", "entries[12].valid_from"; may be ""

  // "data_element.value_domain.pattern": the path from a definition
  // document's root, as in definition-file errors.
  std::string Path() const;
};

// `status` with `site` attached. A site already attached wins where it is
// more specific: an error found while compiling an element's code list stays
// the code list's, and a field path set by an inner component (the
// normaliser's "normalize[3]") is kept when `site.field` is empty or a
// prefix of it. OK statuses are returned unchanged.
absl::Status WithErrorSite(absl::Status status, const ErrorSite& site);

// The site attached to `status`, if any.
std::optional<ErrorSite> ErrorSiteOf(const absl::Status& status);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DEFINITION_ERROR_H_
