// Descriptor-driven YAML → protobuf-JSON conversion for definition files
// (SPEC §2.10).
//
// Definition files are protobuf messages in the protobuf JSON mapping, written
// as YAML (or JSON, which YAML parses too). Handing yaml-cpp's generic node
// tree to a JSON printer would lose what users need: YAML types a plain `01`
// as a number, and protobuf's JSON parser reports errors without a file line.
// So this converter walks yaml-cpp's event stream alongside the message
// Descriptor, types every scalar by the field it fills (a string field keeps
// `01` as "01"), and refuses unknown fields, wrong types, bad enum names,
// duplicate keys and alternatives given together, each with FILE:LINE and the
// field path. Control characters (which yaml-cpp mishandles), aliases and
// nesting deeper than a bound are refused too. It streams (no YAML node tree),
// so a code list of a million entries costs one pass and one JSON string.
//
//   YamlToJsonOptions options;
//   options.required_oneof = "item";
//   absl::Status status = ConvertYamlToJson(
//       text, "defs/sex.yaml", *v1::DefinitionDocument::descriptor(), options,
//       [&](JsonDocument document) -> absl::Status {
//         return ToStatus(google::protobuf::util::JsonStringToMessage(
//             document.json, &message));
//       });
//
// The JSON produced uses proto field names and is accepted by
// google::protobuf::util::JsonStringToMessage for the same descriptor, which
// remains the final authority on the content.
#ifndef SHUYUAN_CODEC_INTERNAL_YAML_TO_JSON_H_
#define SHUYUAN_CODEC_INTERNAL_YAML_TO_JSON_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace shuyuan::codec_internal {

struct YamlToJsonOptions {
  // Name of a oneof of the root message that every document must set exactly
  // once (for v1::DefinitionDocument: "item"). Empty (the default): no such
  // check.
  std::string required_oneof;

  // Field names (in any message) that must never appear in the input, with
  // the reason given in the error. Default: none. Definition files refuse
  // `version_info`, which the registry assigns.
  absl::flat_hash_map<std::string, std::string> refused_fields;

  // Deepest nesting of YAML collections accepted. Definition files need about
  // eight levels; the bound keeps hostile input from exhausting the stack of
  // yaml-cpp's recursive parser. Default 64.
  int max_depth = 64;

  // Whether the root of a YAML document may be a sequence of root messages
  // (`- data_element: ...`), each becoming its own JsonDocument. This is how a
  // JSON file, which has no `---` separators, holds several items. Default
  // true.
  bool allow_document_lists = true;
};

// One converted root message.
struct JsonDocument {
  // The message in protobuf JSON mapping, keyed by proto field names.
  std::string json;
  // 1-based line of the document: the key of the required oneof's field when
  // `required_oneof` is set, else the start of the root mapping.
  int line = 0;
  // Line of each field key, by field path from the document root
  // ("data_element.value_domain.pattern", "data_element.normalize[3].date"),
  // for the first kMaxFieldLines keys of the document: enough for every
  // element and schema, while a million-entry code list does not pay for a
  // path per entry.
  std::vector<std::pair<std::string, int>> field_lines;
  static constexpr size_t kMaxFieldLines = 4096;
};

// Converts every document of the YAML `text` to JSON for `root`, calling
// `on_document` once per root message in input order. Documents that are
// empty (only comments, or `---` alone) are skipped. Stops at the first error
// and returns it: InvalidArgument with a message starting "FILE:LINE: " (or
// "FILE:LINE:COL: bad YAML: " for syntax errors), where FILE is `file_name`;
// or the first non-OK status returned by `on_document`.
//
// Thread-safe: keeps no state between calls.
absl::Status ConvertYamlToJson(
    absl::string_view text, absl::string_view file_name,
    const google::protobuf::Descriptor& root, const YamlToJsonOptions& options,
    absl::FunctionRef<absl::Status(JsonDocument)> on_document);

// Optimal-string-alignment edit distance (insertions, deletions,
// substitutions and adjacent transpositions each cost 1), ASCII
// case-insensitive. Used to suggest the name a user probably meant.
int EditDistance(absl::string_view a, absl::string_view b);

}  // namespace shuyuan::codec_internal

#endif  // SHUYUAN_CODEC_INTERNAL_YAML_TO_JSON_H_
