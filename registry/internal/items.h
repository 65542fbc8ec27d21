// Kind-generic access to an item held in a v1::DefinitionDocument: its kind,
// id, version_info, summary and the references it holds. The registry keeps
// every kind in that one envelope, so that storage, pinning, audit and
// listing are written once.
//
//   v1::ItemKind kind = KindOf(document);            // DATA_ELEMENT
//   const std::string& id = IdOf(document);          // "GMSFHM"
//   MutableVersionInfo(&document)->set_version(2);
//   for (ReferenceSlot slot : ReferencesOf(&document)) { ... *slot.ref ... }
//
// Functions are pure or mutate only their argument; thread-compatible.
#ifndef SHUYUAN_REGISTRY_INTERNAL_ITEMS_H_
#define SHUYUAN_REGISTRY_INTERNAL_ITEMS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"
#include "shuyuan/v1/registry_service.pb.h"

namespace shuyuan::registry_internal {

// ITEM_KIND_UNSPECIFIED when the document holds nothing.
v1::ItemKind KindOf(const v1::DefinitionDocument& document);
const std::string& IdOf(const v1::DefinitionDocument& document);
const v1::VersionInfo& VersionInfoOf(const v1::DefinitionDocument& document);
v1::VersionInfo* MutableVersionInfo(v1::DefinitionDocument* document);

// "data_element", "code_list", "record_schema", "term", "coding_rule": the
// document key and the ErrorSite kind.
const char* DocumentKey(v1::ItemKind kind);
// "data element", "code list", "record schema", "term": for messages.
const char* KindWords(v1::ItemKind kind);

// The summary of a stored version.
v1::ItemSummary Summarize(const v1::DefinitionDocument& document);

// The content hash (codec/content_hash.h) of the item in `document`.
std::string ContentHashOf(const v1::DefinitionDocument& document);

// A reference held by an item: where it is, what kind it points to, and the
// string to read or pin.
struct ReferenceSlot {
  std::string field;  // path in the item: "value_domain.code_list"
  v1::ItemKind target;
  std::string* ref;
  // Pinned on registration (SPEC §2.1). Term-to-term links (broader,
  // related) are checked but kept as written: a thesaurus has cycles.
  bool pin = true;
};
std::vector<ReferenceSlot> ReferencesOf(v1::DefinitionDocument* document);

}  // namespace shuyuan::registry_internal

#endif  // SHUYUAN_REGISTRY_INTERNAL_ITEMS_H_
