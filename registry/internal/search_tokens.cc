#include "registry/internal/search_tokens.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace shuyuan::registry_internal {
namespace {

// ASCII words index their prefixes up to this length; queries use at most
// that much of a word, and candidates are then checked against the text.
constexpr size_t kMaxPrefix = 24;

// Length of the UTF-8 sequence starting with `lead`; 1 for stray bytes, so
// that ill-formed text still advances.
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0 && lead < 0xF0) return 3;
  if (lead >= 0xC2 && lead < 0xE0) return 2;
  return 1;
}

// Splits `text` into runs: ASCII words ([A-Za-z0-9]+, folded) and runs of
// non-ASCII characters (one string per character). Everything else (spaces,
// punctuation, controls) separates runs.
struct Runs {
  std::vector<std::string> words;
  std::vector<std::vector<std::string>> wide;  // characters of each run
};

Runs SplitRuns(absl::string_view text) {
  Runs runs;
  std::string word;
  std::vector<std::string> wide;
  auto flush = [&] {
    if (!word.empty()) runs.words.push_back(std::move(word));
    word.clear();
    if (!wide.empty()) runs.wide.push_back(std::move(wide));
    wide.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (absl::ascii_isalnum(c)) {
        if (!wide.empty()) flush();
        word.push_back(absl::ascii_tolower(c));
      } else {
        flush();
      }
      ++i;
      continue;
    }
    if (!word.empty()) flush();
    const size_t n = std::min(SequenceLength(c), text.size() - i);
    const absl::string_view ch = text.substr(i, n);
    // Full-width and ideographic spaces and punctuation separate like
    // ASCII ones: U+3000-303F, U+FF00-FF0F, U+00B7 (·).
    const bool separator = ch == "\u3000" || ch == "\u00b7" ||
                           (n == 3 && c == 0xE3 && text[i + 1] == '\x80') ||
                           (n == 3 && c == 0xEF && text[i + 1] == '\xBC' &&
                            static_cast<unsigned char>(text[i + 2]) < 0x90);
    if (separator) {
      flush();
    } else {
      wide.emplace_back(ch);
    }
    i += n;
  }
  flush();
  return runs;
}

void SortUnique(std::vector<std::string>* tokens) {
  std::sort(tokens->begin(), tokens->end());
  tokens->erase(std::unique(tokens->begin(), tokens->end()), tokens->end());
}

}  // namespace

std::vector<std::string> IndexTokens(absl::Span<const std::string> texts) {
  std::vector<std::string> tokens;
  for (const std::string& text : texts) {
    Runs runs = SplitRuns(text);
    for (const std::string& word : runs.words) {
      const size_t prefixes = std::min(word.size(), kMaxPrefix);
      for (size_t n = 1; n <= prefixes; ++n)
        tokens.push_back(word.substr(0, n));
    }
    for (const std::vector<std::string>& run : runs.wide) {
      for (size_t i = 0; i < run.size(); ++i) {
        tokens.push_back(run[i]);
        if (i + 1 < run.size()) tokens.push_back(run[i] + run[i + 1]);
      }
    }
  }
  SortUnique(&tokens);
  return tokens;
}

std::vector<std::string> QueryTokens(absl::string_view query) {
  std::vector<std::string> tokens;
  Runs runs = SplitRuns(query);
  for (const std::string& word : runs.words) {
    tokens.push_back(word.substr(0, kMaxPrefix));
  }
  for (const std::vector<std::string>& run : runs.wide) {
    if (run.size() == 1) tokens.push_back(run[0]);
    for (size_t i = 0; i + 1 < run.size(); ++i) {
      tokens.push_back(run[i] + run[i + 1]);
    }
  }
  SortUnique(&tokens);
  return tokens;
}

std::string FoldCase(absl::string_view text) {
  return absl::AsciiStrToLower(text);
}

}  // namespace shuyuan::registry_internal
