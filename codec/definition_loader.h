// Loading definition files (SPEC §2.10): YAML or JSON text holding one or
// more `---`-separated documents, each with exactly one of `data_element`,
// `code_list`, `record_schema`, `term` or `coding_rule`, in the protobuf
// JSON mapping of v1::DefinitionDocument (snake_case or lowerCamelCase field
// names, enums by name).
//
//   absl::StatusOr<std::vector<LoadedDocument>> documents =
//       LoadDefinitionFile("catalog/data_elements/XBDM.yaml");
//   if (!documents.ok()) {
//     // "catalog/data_elements/XBDM.yaml:6: field 'data_element.data_type':
//     //  'STRNG' is not one of STRING, INTEGER, ... (did you mean 'STRING'?)"
//     return documents.status();
//   }
//   for (const LoadedDocument& d : *documents) {
//     if (d.document.has_data_element()) ...  // d.location: file and line
//   }
//
// Scalars are typed by the field they fill, so `code: 01` in a code list
// stays "01". A YAML document may also be a list of items
// (`- code_list: ...`), which is how one JSON file holds several. Unknown
// fields, wrong types, unknown enum names, duplicate keys, two items in one
// document, YAML anchors/aliases, control characters and `version_info` (the
// registry assigns versions, SPEC §2.1) are refused with InvalidArgument naming
// FILE:LINE and the field path. protobuf's JSON parser has the final word on
// every document.
//
// A binary bundle (v1::Bundle) is read with LoadBundleFile.
//
// All functions are thread-safe.
#ifndef SHUYUAN_CODEC_DEFINITION_LOADER_H_
#define SHUYUAN_CODEC_DEFINITION_LOADER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

// Where a definition was written.
struct SourceLocation {
  std::string file;
  // 1-based line of the document's item key (`data_element:`); 0 when the
  // item came from a binary bundle, which has no lines.
  int line = 0;
  // Line of each field key by path from the document root
  // ("data_element.value_domain.pattern"); shared, as locations are copied.
  std::shared_ptr<const absl::flat_hash_map<std::string, int>> field_lines;

  // The line of the field at `path` (e.g. from ErrorSite::Path()): its own
  // key's line, else the first line of a field below it, else that of the
  // nearest enclosing field, else the document's line.
  int LineOf(absl::string_view path) const;
};

struct LoadedDocument {
  v1::DefinitionDocument document;
  SourceLocation location;
};

// Parses a YAML or JSON text of one or more `---`-separated documents, in
// input order. Empty documents are skipped. `file_name` is used in messages
// and locations only. InvalidArgument on any error, starting "FILE:LINE: "
// ("FILE:LINE:COL: bad YAML: " for syntax errors).
absl::StatusOr<std::vector<LoadedDocument>> ParseDefinitionText(
    absl::string_view text, absl::string_view file_name);

// Reads and parses the file at `path` (named as given in messages). NotFound
// naming the path when it does not exist; PermissionDenied or another
// errno-derived code when it cannot be read; as ParseDefinitionText
// otherwise.
absl::StatusOr<std::vector<LoadedDocument>> LoadDefinitionFile(
    const std::string& path);

// Reads a binary bundle file (a serialized v1::Bundle, as written by
// `shuyuan bundle export`). NotFound naming the path when it does not exist;
// InvalidArgument naming the path when it does not hold a bundle.
absl::StatusOr<v1::Bundle> LoadBundleFile(const std::string& path);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_DEFINITION_LOADER_H_
