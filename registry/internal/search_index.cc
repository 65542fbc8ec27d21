#include "registry/internal/search_index.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "registry/internal/items.h"
#include "registry/internal/keys.h"
#include "registry/internal/search_tokens.h"

namespace shuyuan::registry_internal {

std::vector<std::string> Designations::All() const {
  std::vector<std::string> all = names;
  all.insert(all.end(), synonyms.begin(), synonyms.end());
  all.insert(all.end(), deprecated.begin(), deprecated.end());
  return all;
}

Designations DesignationsOf(const v1::DefinitionDocument& document) {
  Designations d;
  v1::ItemSummary summary = Summarize(document);
  for (const std::string* name : {&summary.name_zh(), &summary.name_en()}) {
    if (!name->empty()) d.names.push_back(*name);
  }
  if (document.has_data_element()) {
    for (const std::string& s : document.data_element().synonyms()) {
      d.synonyms.push_back(s);
    }
  } else if (document.has_term()) {
    const v1::Term& term = document.term();
    d.synonyms.assign(term.synonyms().begin(), term.synonyms().end());
    d.synonyms.insert(d.synonyms.end(), term.abbreviations().begin(),
                      term.abbreviations().end());
    d.deprecated.assign(term.deprecated().begin(), term.deprecated().end());
  }
  return d;
}

void UpdateSearchIndex(const std::optional<v1::DefinitionDocument>& previous,
                       const v1::DefinitionDocument& document,
                       StoreBatch* batch) {
  const v1::ItemKind kind = KindOf(document);
  const std::string& id = IdOf(document);
  std::vector<std::string> now = IndexTokens(DesignationsOf(document).All());
  if (previous.has_value()) {
    for (const std::string& token :
         IndexTokens(DesignationsOf(*previous).All())) {
      if (!std::binary_search(now.begin(), now.end(), token)) {
        batch->Delete(Family::kIndex, PostingKey(token, kind, id));
      }
    }
  }
  for (const std::string& token : now) {
    batch->Put(Family::kIndex, PostingKey(token, kind, id), "");
  }
}

}  // namespace shuyuan::registry_internal
