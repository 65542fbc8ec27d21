#include "codec/code_list_index.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/definition_error.h"
#include "codec/definition_resolver.h"
#include "common/status_macros.h"

namespace shuyuan::codec {
namespace {

// InvalidArgument "code list ID: entries[i] (code 'C'): WHAT", sited at
// entries[i].FIELD.
absl::Status EntryError(const v1::CodeList& list, int index,
                        absl::string_view field, absl::string_view what) {
  return WithErrorSite(absl::InvalidArgumentError(absl::StrFormat(
                           "code list %s: entries[%d] (code '%s'): %s",
                           list.id(), index, list.entries(index).code(), what)),
                       {"code_list", list.id(),
                        absl::StrFormat("entries[%d].%s", index, field)});
}

// Parses an optional entry date; 0 when empty.
absl::Status ParseEntryDate(const v1::CodeList& list, int index,
                            absl::string_view field, absl::string_view text,
                            DateKey* out) {
  *out = 0;
  if (text.empty()) return absl::OkStatus();
  absl::CivilDay day;
  if (!ParseIsoDate(text, &day)) {
    return EntryError(list, index, field,
                      absl::StrFormat("%s '%s' is not a date written "
                                      "YYYY-MM-DD",
                                      field, text));
  }
  *out = MakeDateKey(day);
  return absl::OkStatus();
}

// A code of 1 to 7 bytes as one integer (its bytes, and its length in the
// top byte), so that the lists of short codes — all of the catalog's — are
// probed with an integer hash; false for other lengths.
inline bool PackCode(absl::string_view code, uint64_t* key) {
  if (code.empty() || code.size() > 7) return false;
  uint64_t bytes = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    bytes |= uint64_t{static_cast<unsigned char>(code[i])} << (8 * i);
  }
  *key = bytes | (uint64_t{code.size()} << 56);
  return true;
}

std::string FormatDateKey(DateKey key) {
  return absl::StrFormat("%04d-%02d-%02d", key / 10000, key / 100 % 100,
                         key % 100);
}

}  // namespace

// Parses each entry's validity period (entries[i] → (*periods)[i]); sums
// the bytes the arenas will need.
absl::Status CompiledCodeList::ReadPeriods(const v1::CodeList& list,
                                           std::vector<Period>* periods,
                                           size_t* code_bytes,
                                           size_t* name_bytes) {
  periods->resize(list.entries_size());
  for (int i = 0; i < list.entries_size(); ++i) {
    const v1::CodeEntry& entry = list.entries(i);
    if (entry.code().empty()) {
      return EntryError(list, i, "code", "empty code: every entry needs one");
    }
    Period& p = (*periods)[i];
    absl::Status s =
        ParseEntryDate(list, i, "valid_from", entry.valid_from(), &p.from);
    if (s.ok())
      s = ParseEntryDate(list, i, "valid_to", entry.valid_to(), &p.to);
    if (!s.ok()) return s;
    if (p.from != 0 && p.to != 0 && p.from > p.to) {
      return EntryError(list, i, "valid_from",
                        absl::StrFormat("valid_from %s is after valid_to %s",
                                        entry.valid_from(), entry.valid_to()));
    }
    *code_bytes += entry.code().size();
    *name_bytes += entry.name_zh().size();
    for (const std::string& alias : entry.aliases())
      *name_bytes += alias.size();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const CompiledCodeList>>
CompiledCodeList::Compile(const v1::CodeList& list) {
  std::vector<Period> periods;
  size_t code_bytes = 0;
  size_t name_bytes = 0;
  SHUYUAN_RETURN_IF_ERROR(
      ReadPeriods(list, &periods, &code_bytes, &name_bytes));
  // Entries ordered by (code, from); an open start sorts first.
  std::vector<uint32_t> order(list.entries_size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const std::string& ca = list.entries(a).code();
    const std::string& cb = list.entries(b).code();
    if (ca != cb) return ca < cb;
    return periods[a].from < periods[b].from;
  });
  std::shared_ptr<CompiledCodeList> compiled(new CompiledCodeList());
  compiled->id_ = list.id();
  SHUYUAN_RETURN_IF_ERROR(
      compiled->IndexCodes(list, order, periods, code_bytes));
  compiled->PackShortCodes();
  compiled->IndexNames(list, order, name_bytes);
  return std::shared_ptr<const CompiledCodeList>(std::move(compiled));
}

absl::Status CompiledCodeList::IndexCodes(const v1::CodeList& list,
                                          const std::vector<uint32_t>& order,
                                          const std::vector<Period>& periods,
                                          size_t code_bytes) {
  const size_t n = order.size();
  code_arena_.reserve(code_bytes);
  periods_.reserve(n);
  entry_code_.reserve(n);
  by_code_.reserve(n);
  // An open start (0) is the smallest start of all.
  earliest_valid_from_ = n == 0 ? 0 : periods[0].from;
  for (const Period& p : periods) {
    earliest_valid_from_ = std::min(earliest_valid_from_, p.from);
  }
  for (size_t k = 0; k < n; ++k) {
    const uint32_t i = order[k];
    const std::string& code = list.entries(i).code();
    const Period& period = periods[i];
    if (k > 0 && entry_code_.back() == code) {
      const Period& prev = periods_.back();
      // Sorted by start: the periods overlap unless the previous one ends
      // before this one starts.
      if (prev.to == 0 || period.from == 0 || prev.to >= period.from) {
        return EntryError(
            list, static_cast<int>(i), "valid_from",
            absl::StrFormat(
                "its validity period (%s..%s) overlaps another entry of the "
                "same code (%s..%s); a code may appear in several entries "
                "only when their periods do not overlap",
                period.from ? FormatDateKey(period.from) : "",
                period.to ? FormatDateKey(period.to) : "",
                prev.from ? FormatDateKey(prev.from) : "",
                prev.to ? FormatDateKey(prev.to) : ""));
      }
      entry_code_.push_back(entry_code_.back());
      by_code_[entry_code_.back()].count++;
    } else {
      const size_t at = code_arena_.size();
      code_arena_.append(code);
      absl::string_view view(code_arena_.data() + at, code.size());
      entry_code_.push_back(view);
      by_code_[view] = Span{static_cast<uint32_t>(k), 1};
    }
    periods_.push_back(period);
  }
  return absl::OkStatus();
}

void CompiledCodeList::IndexNames(const v1::CodeList& list,
                                  const std::vector<uint32_t>& order,
                                  size_t name_bytes) {
  // Names and aliases → sorted entry indices.
  std::vector<std::pair<absl::string_view, uint32_t>> names;
  for (size_t k = 0; k < order.size(); ++k) {
    const v1::CodeEntry& entry = list.entries(order[k]);
    if (!entry.name_zh().empty()) names.emplace_back(entry.name_zh(), k);
    for (const std::string& alias : entry.aliases()) {
      if (!alias.empty()) names.emplace_back(alias, k);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  name_arena_.reserve(name_bytes);
  name_entries_.reserve(names.size());
  by_name_.reserve(names.size());
  for (size_t k = 0; k < names.size(); ++k) {
    if (k > 0 && names[k].first == names[k - 1].first) {
      by_name_[names[k].first].count++;
    } else {
      const size_t at = name_arena_.size();
      name_arena_.append(names[k].first.data(), names[k].first.size());
      absl::string_view view(name_arena_.data() + at, names[k].first.size());
      by_name_[view] = Span{static_cast<uint32_t>(k), 1};
    }
    name_entries_.push_back(names[k].second);
  }
  // Each entry's own name, as the view the name index keeps of it.
  entry_name_.resize(order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    const std::string& name = list.entries(order[k]).name_zh();
    if (name.empty()) continue;
    entry_name_[k] = by_name_.find(name)->first;
  }
}

void CompiledCodeList::PackShortCodes() {
  uint64_t key;
  for (const auto& [code, span] : by_code_) {
    if (!PackCode(code, &key)) return;  // a long code: keep the string keys
  }
  by_short_code_.reserve(by_code_.size());
  for (const auto& [code, span] : by_code_) {
    PackCode(code, &key);
    by_short_code_[key] = span;
  }
  short_codes_ = true;
}

const CompiledCodeList::Span* CompiledCodeList::FindCode(
    absl::string_view code) const {
  if (short_codes_) {
    uint64_t key;
    if (!PackCode(code, &key)) return nullptr;
    const auto it = by_short_code_.find(key);
    return it == by_short_code_.end() ? nullptr : &it->second;
  }
  const auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &it->second;
}

CodeMembership CompiledCodeList::Check(absl::string_view code,
                                       DateKey as_of) const {
  const Span* found = FindCode(code);
  if (found == nullptr) return CodeMembership::kNotInList;
  const Span span = *found;
  for (uint32_t i = span.begin; i < span.begin + span.count; ++i) {
    if (periods_[i].Covers(as_of)) return CodeMembership::kMember;
  }
  return CodeMembership::kNotEffective;
}

MapLookup CompiledCodeList::LookupName(absl::string_view value,
                                       DateKey as_of) const {
  MapLookup result;
  if (FindCode(value) != nullptr) return result;
  auto it = by_name_.find(value);
  if (it == by_name_.end()) return result;
  const Span span = it->second;
  // Pass 0: entries in force on as_of. Pass 1: any entry.
  for (int pass = 0; pass < 2; ++pass) {
    absl::string_view found;
    bool ambiguous = false;
    for (uint32_t k = span.begin; k < span.begin + span.count; ++k) {
      const uint32_t entry = name_entries_[k];
      if (pass == 0 && !periods_[entry].Covers(as_of)) continue;
      if (found.empty()) {
        found = entry_code_[entry];
      } else if (found != entry_code_[entry]) {
        ambiguous = true;
      }
    }
    if (ambiguous) {
      result.kind = MapLookup::kAmbiguous;
      return result;
    }
    if (!found.empty()) {
      result.kind = MapLookup::kFound;
      result.code = found;
      return result;
    }
  }
  return result;
}

absl::string_view CompiledCodeList::NameOn(absl::string_view code,
                                           DateKey day) const {
  const Span* found = FindCode(code);
  if (found == nullptr) return absl::string_view();
  const Span span = *found;
  // Entries of a code are sorted by start and do not overlap.
  for (uint32_t i = span.begin; i < span.begin + span.count; ++i) {
    if (periods_[i].Covers(day) || periods_[i].from > day) {
      return entry_name_[i];
    }
  }
  return entry_name_[span.begin + span.count - 1];
}

std::array<bool, 256> CompiledCodeList::CodeBytes() const {
  std::array<bool, 256> bytes{};
  for (char c : code_arena_) bytes[static_cast<unsigned char>(c)] = true;
  return bytes;
}

std::string CompiledCodeList::DescribePeriods(absl::string_view code) const {
  const Span* found = FindCode(code);
  if (found == nullptr) return "";
  std::string out;
  for (uint32_t i = found->begin; i < found->begin + found->count; ++i) {
    if (i != found->begin) out += ", ";
    const Period& p = periods_[i];
    absl::StrAppend(&out, p.from ? FormatDateKey(p.from) : "", "..",
                    p.to ? FormatDateKey(p.to) : "");
  }
  return out;
}

}  // namespace shuyuan::codec

namespace shuyuan::codec {

// DefinitionResolver's default, here beside the compiler it calls.
absl::StatusOr<std::shared_ptr<const CompiledCodeList>>
DefinitionResolver::CompileCodeList(const v1::CodeList& list) const {
  return CompiledCodeList::Compile(list);
}

}  // namespace shuyuan::codec
