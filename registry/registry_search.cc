// Search (SPEC §4, §2.11): ids, names, synonyms and terms, ranked.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "registry/internal/items.h"
#include "registry/internal/keys.h"
#include "registry/internal/registry_impl.h"
#include "registry/internal/search_index.h"
#include "registry/internal/search_tokens.h"
#include "registry/registry.h"

namespace shuyuan::registry {

using registry_internal::Family;
using registry_internal::FoldCase;

namespace {

constexpr uint32_t kDefaultHits = 20;
constexpr uint32_t kMaxHits = 200;
// Bounds on the work one query does, whatever the registry holds.
constexpr size_t kMaxPostingsPerToken = 20000;
constexpr size_t kMaxIdPrefixHits = 200;
constexpr size_t kMaxQueryBytes = 256;

// Ranks, best first (SPEC §4: exact id, then name prefix, then contains).
enum Rank {
  kExactId = 0,
  kIdPrefix = 1,
  kExactName = 2,
  kNamePrefix = 3,
  kSynonym = 4,
  kContains = 5,
};

const char* RankName(int rank) {
  switch (rank) {
    case kExactId:
      return "id";
    case kIdPrefix:
      return "id_prefix";
    case kExactName:
      return "name";
    case kNamePrefix:
      return "name_prefix";
    case kSynonym:
      return "synonym";
    default:
      return "contains";
  }
}

struct Candidate {
  int rank = 99;
  bool via_term = false;  // found through a term it cites
  v1::SearchHit hit;
};

using ItemKey = std::pair<int, std::string>;  // kind, id

}  // namespace

// One Search call.
class SearchRun {
 public:
  SearchRun(const Registry::Impl* impl, const v1::SearchRequest& request)
      : impl_(impl),
        request_(request),
        query_(absl::StripAsciiWhitespace(request.query())),
        folded_(FoldCase(query_)) {}

  absl::StatusOr<v1::SearchResponse> Run();

 private:
  bool Wanted(v1::ItemKind kind) const {
    return request_.kind() == v1::ITEM_KIND_UNSPECIFIED ||
           request_.kind() == kind;
  }
  void Offer(v1::ItemKind kind, const std::string& id, Candidate candidate);
  absl::StatusOr<std::optional<v1::DefinitionDocument>> Latest(
      v1::ItemKind kind, const std::string& id) const;
  absl::Status MatchIds();
  absl::Status MatchTokens();
  // How `document` matches the query by its designations; rank 99 = no.
  Candidate Judge(const v1::DefinitionDocument& document) const;
  absl::Status ExpandTerm(const v1::DefinitionDocument& term,
                          const Candidate& term_hit);

  const Registry::Impl* impl_;
  const v1::SearchRequest& request_;
  const std::string query_;
  const std::string folded_;
  absl::flat_hash_map<ItemKey, Candidate> best_;
};

void SearchRun::Offer(v1::ItemKind kind, const std::string& id,
                      Candidate candidate) {
  auto [it, inserted] =
      best_.try_emplace(ItemKey{static_cast<int>(kind), id}, candidate);
  if (!inserted && std::tie(candidate.rank, candidate.via_term) <
                       std::tie(it->second.rank, it->second.via_term)) {
    it->second = std::move(candidate);
  }
}

absl::StatusOr<std::optional<v1::DefinitionDocument>> SearchRun::Latest(
    v1::ItemKind kind, const std::string& id) const {
  SHUYUAN_ASSIGN_OR_RETURN(std::optional<registry_internal::Head> head,
                           impl_->ReadHead(kind, id));
  if (!head.has_value()) return std::optional<v1::DefinitionDocument>();
  return impl_->ReadVersion(kind, id, head->latest);
}

absl::Status SearchRun::MatchIds() {
  const std::string upper = absl::AsciiStrToUpper(query_);
  for (v1::ItemKind kind : {v1::DATA_ELEMENT, v1::CODE_LIST, v1::RECORD_SCHEMA,
                            v1::TERM, v1::CODING_RULE}) {
    if (!Wanted(kind)) continue;
    for (const std::string& prefix : {query_, upper}) {
      size_t seen = 0;
      std::vector<std::string> ids;
      SHUYUAN_RETURN_IF_ERROR(impl_->store().Scan(
          Family::kIndex, registry_internal::HeadKey(kind, prefix), "",
          [&](absl::string_view key, absl::string_view) {
            ids.emplace_back(key.substr(2));
            return ++seen < kMaxIdPrefixHits;
          }));
      for (const std::string& id : ids) {
        SHUYUAN_ASSIGN_OR_RETURN(std::optional<v1::DefinitionDocument> d,
                                 Latest(kind, id));
        if (!d.has_value()) continue;
        Candidate c;
        c.rank = id == query_ || id == upper ? kExactId : kIdPrefix;
        c.hit.set_matched_text(id);
        *c.hit.mutable_item() = registry_internal::Summarize(*d);
        Offer(kind, id, std::move(c));
      }
    }
  }
  return absl::OkStatus();
}

Candidate SearchRun::Judge(const v1::DefinitionDocument& document) const {
  const registry_internal::Designations d =
      registry_internal::DesignationsOf(document);
  Candidate c;
  auto consider = [&](const std::string& text, int exact, int prefix,
                      int contains) {
    const std::string folded = FoldCase(text);
    int rank = 99;
    if (folded == folded_) {
      rank = exact;
    } else if (absl::StartsWith(folded, folded_)) {
      rank = prefix;
    } else if (absl::StrContains(folded, folded_)) {
      rank = contains;
    }
    if (rank < c.rank) {
      c.rank = rank;
      c.hit.set_matched_text(text);
    }
  };
  for (const std::string& name : d.names) {
    consider(name, kExactName, kNamePrefix, kContains);
  }
  for (const std::string& synonym : d.synonyms) {
    consider(synonym, kSynonym, kSynonym, kContains);
  }
  const int before_deprecated = c.rank;
  for (const std::string& old : d.deprecated) {
    consider(old, kSynonym, kSynonym, kContains);
  }
  if (c.rank < before_deprecated) {
    // Only a deprecated designation matched (best): say what to use.
    c.hit.set_use_instead(document.term().name_zh());
  }
  c.hit.set_match(RankName(c.rank));
  *c.hit.mutable_item() = registry_internal::Summarize(document);
  return c;
}

absl::Status SearchRun::MatchTokens() {
  const std::vector<std::string> tokens =
      registry_internal::QueryTokens(query_);
  if (tokens.empty()) return absl::OkStatus();
  std::optional<absl::flat_hash_set<ItemKey>> candidates;
  for (const std::string& token : tokens) {
    absl::flat_hash_set<ItemKey> postings;
    SHUYUAN_RETURN_IF_ERROR(impl_->store().Scan(
        Family::kIndex, registry_internal::PostingTokenPrefix(token), "",
        [&](absl::string_view key, absl::string_view) {
          auto parsed = registry_internal::ParsePostingKey(key);
          if (parsed.has_value() &&
              (!candidates.has_value() ||
               candidates->contains(
                   ItemKey{static_cast<int>(parsed->kind), parsed->id}))) {
            postings.insert(
                ItemKey{static_cast<int>(parsed->kind), parsed->id});
          }
          return postings.size() < kMaxPostingsPerToken;
        }));
    candidates = std::move(postings);
    if (candidates->empty()) return absl::OkStatus();
  }
  for (const ItemKey& key : *candidates) {
    const v1::ItemKind kind = static_cast<v1::ItemKind>(key.first);
    if (!Wanted(kind) && kind != v1::TERM) continue;
    SHUYUAN_ASSIGN_OR_RETURN(std::optional<v1::DefinitionDocument> d,
                             Latest(kind, key.second));
    if (!d.has_value()) continue;
    Candidate c = Judge(*d);
    if (c.rank == 99) continue;
    if (kind == v1::TERM) SHUYUAN_RETURN_IF_ERROR(ExpandTerm(*d, c));
    if (Wanted(kind)) Offer(kind, key.second, std::move(c));
  }
  return absl::OkStatus();
}

// A term hit finds every data element citing the term (SPEC §2.11).
absl::Status SearchRun::ExpandTerm(const v1::DefinitionDocument& term,
                                   const Candidate& term_hit) {
  if (!Wanted(v1::DATA_ELEMENT)) return absl::OkStatus();
  const std::string& term_id = term.term().id();
  absl::flat_hash_set<std::string> citing;
  SHUYUAN_RETURN_IF_ERROR(impl_->store().Scan(
      Family::kIndex, registry_internal::PinTargetIdPrefix(v1::TERM, term_id),
      "", [&](absl::string_view key, absl::string_view) {
        auto pin = registry_internal::ParsePinKey(key);
        if (pin.has_value() && pin->source_kind == v1::DATA_ELEMENT) {
          citing.insert(pin->source_id);
        }
        return true;
      }));
  for (const std::string& id : citing) {
    SHUYUAN_ASSIGN_OR_RETURN(std::optional<v1::DefinitionDocument> element,
                             Latest(v1::DATA_ELEMENT, id));
    if (!element.has_value()) continue;
    // Only elements whose latest version still cites the term.
    bool cites = false;
    for (const std::string& ref : element->data_element().terms()) {
      cites |= ref.substr(0, ref.find('@')) == term_id;
    }
    if (!cites) continue;
    Candidate c;
    c.rank = term_hit.rank;
    c.via_term = true;
    c.hit.set_match("term");
    c.hit.set_matched_text(term_hit.hit.matched_text());
    c.hit.set_via_term(term_id);
    c.hit.set_use_instead(term_hit.hit.use_instead());
    *c.hit.mutable_item() = registry_internal::Summarize(*element);
    Offer(v1::DATA_ELEMENT, id, std::move(c));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::SearchResponse> SearchRun::Run() {
  if (query_.empty()) {
    return absl::InvalidArgumentError("query: say what to search for");
  }
  if (query_.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "query: ", query_.size(), " bytes; at most ", kMaxQueryBytes));
  }
  SHUYUAN_RETURN_IF_ERROR(MatchIds());
  SHUYUAN_RETURN_IF_ERROR(MatchTokens());
  std::vector<Candidate> ranked;
  ranked.reserve(best_.size());
  for (auto& [key, candidate] : best_) {
    if (candidate.hit.match().empty()) {
      candidate.hit.set_match(RankName(candidate.rank));
    }
    ranked.push_back(std::move(candidate));
  }
  std::sort(ranked.begin(), ranked.end(),
            [](const Candidate& a, const Candidate& b) {
              return std::make_tuple(a.rank, a.via_term, a.hit.item().kind(),
                                     a.hit.item().id()) <
                     std::make_tuple(b.rank, b.via_term, b.hit.item().kind(),
                                     b.hit.item().id());
            });
  uint32_t limit =
      request_.page_size() == 0 ? kDefaultHits : request_.page_size();
  limit = std::min(limit, kMaxHits);
  v1::SearchResponse response;
  for (Candidate& c : ranked) {
    if (static_cast<uint32_t>(response.hits_size()) >= limit) break;
    *response.add_hits() = std::move(c.hit);
  }
  return response;
}

absl::StatusOr<v1::SearchResponse> Registry::Search(
    const v1::SearchRequest& request) const {
  SearchRun run(impl_.get(), request);
  return run.Run();
}

}  // namespace shuyuan::registry
