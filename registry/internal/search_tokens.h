// Tokens of the registry's search index (SPEC §4: Chinese text needs no
// spaces to match; 身份 finds 公民身份号码). Chinese and other non-ASCII text
// is indexed as character unigrams and bigrams, so any substring of two or
// more characters is found by intersecting the postings of its bigrams;
// ASCII text as lower-cased words and every prefix of each word, so "cit"
// finds "Citizen identity number".
//
//   std::vector<std::string> tokens = IndexTokens({"公民身份号码", "Citizen"});
//   std::vector<std::string> query = QueryTokens("身份");  // {"身份"}
//
// Pure functions; thread-safe.
#ifndef SHUYUAN_REGISTRY_INTERNAL_SEARCH_TOKENS_H_
#define SHUYUAN_REGISTRY_INTERNAL_SEARCH_TOKENS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace shuyuan::registry_internal {

// Distinct tokens of `texts`, sorted.
std::vector<std::string> IndexTokens(absl::Span<const std::string> texts);

// The tokens every match of `query` must have in the index: the bigrams of
// each non-ASCII run (its unigram when the run is one character) and each
// ASCII word (matched as a prefix). Empty when the query has no word.
std::vector<std::string> QueryTokens(absl::string_view query);

// `text` with ASCII letters lower-cased, for case-insensitive comparison.
std::string FoldCase(absl::string_view text);

}  // namespace shuyuan::registry_internal

#endif  // SHUYUAN_REGISTRY_INTERNAL_SEARCH_TOKENS_H_
