// The registry's search index (SPEC §4, §2.11): postings from tokens
// (registry/internal/search_tokens.h) of the latest version of each item's
// designations — id, Chinese and English names, synonyms, and for terms
// their deprecated forms and abbreviations — to the item. Kept in the same
// write as the version it describes.
//
//   UpdateSearchIndex(previous_latest, new_version, &batch);
//   std::vector<std::string> texts = Designations(document);
//
// Pure functions over their arguments; thread-compatible.
#ifndef SHUYUAN_REGISTRY_INTERNAL_SEARCH_INDEX_H_
#define SHUYUAN_REGISTRY_INTERNAL_SEARCH_INDEX_H_

#include <optional>
#include <string>
#include <vector>

#include "registry/internal/store.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::registry_internal {

// What an item is called, by how well a hit on it ranks.
struct Designations {
  std::vector<std::string> names;       // name_zh, name_en
  std::vector<std::string> synonyms;    // synonyms, abbreviations
  std::vector<std::string> deprecated;  // a term's deprecated forms
  std::vector<std::string> All() const;
};
Designations DesignationsOf(const v1::DefinitionDocument& document);

// Replaces the postings of `previous` (the id's latest version before this
// write, if any) with those of `document`.
void UpdateSearchIndex(const std::optional<v1::DefinitionDocument>& previous,
                       const v1::DefinitionDocument& document,
                       StoreBatch* batch);

}  // namespace shuyuan::registry_internal

#endif  // SHUYUAN_REGISTRY_INTERNAL_SEARCH_INDEX_H_
