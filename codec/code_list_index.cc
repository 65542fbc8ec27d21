#include "codec/code_list_index.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/definition_error.h"
#include "codec/definition_resolver.h"

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

std::string FormatDateKey(DateKey key) {
  return absl::StrFormat("%04d-%02d-%02d", key / 10000, key / 100 % 100,
                         key % 100);
}

}  // namespace

absl::StatusOr<std::shared_ptr<const CompiledCodeList>>
CompiledCodeList::Compile(const v1::CodeList& list) {
  const int n = list.entries_size();
  std::vector<Period> raw_periods(n);
  size_t code_bytes = 0;
  size_t name_bytes = 0;
  size_t name_count = 0;
  for (int i = 0; i < n; ++i) {
    const v1::CodeEntry& entry = list.entries(i);
    if (entry.code().empty()) {
      return EntryError(list, i, "code", "empty code: every entry needs one");
    }
    Period& p = raw_periods[i];
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
    code_bytes += entry.code().size();
    if (!entry.name_zh().empty()) {
      name_bytes += entry.name_zh().size();
      ++name_count;
    }
    for (const std::string& alias : entry.aliases()) {
      name_bytes += alias.size();
      ++name_count;
    }
  }

  // Entries ordered by (code, from); an open start sorts first.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const std::string& ca = list.entries(a).code();
    const std::string& cb = list.entries(b).code();
    if (ca != cb) return ca < cb;
    return raw_periods[a].from < raw_periods[b].from;
  });

  std::shared_ptr<CompiledCodeList> compiled(new CompiledCodeList());
  compiled->id_ = list.id();
  compiled->code_arena_.reserve(code_bytes);
  compiled->periods_.reserve(n);
  compiled->entry_code_.reserve(n);
  compiled->by_code_.reserve(n);
  for (int k = 0; k < n; ++k) {
    const uint32_t i = order[k];
    const std::string& code = list.entries(i).code();
    const Period& period = raw_periods[i];
    if (k > 0 && compiled->entry_code_.back() == code) {
      const Period& prev = compiled->periods_.back();
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
      compiled->entry_code_.push_back(compiled->entry_code_.back());
      compiled->by_code_[compiled->entry_code_.back()].count++;
    } else {
      const size_t at = compiled->code_arena_.size();
      compiled->code_arena_.append(code);
      absl::string_view view(compiled->code_arena_.data() + at, code.size());
      compiled->entry_code_.push_back(view);
      compiled->by_code_[view] = Span{static_cast<uint32_t>(k), 1};
    }
    compiled->periods_.push_back(period);
  }

  // Names and aliases → sorted entry indices.
  std::vector<std::pair<absl::string_view, uint32_t>> names;
  names.reserve(name_count);
  for (int k = 0; k < n; ++k) {
    const v1::CodeEntry& entry = list.entries(order[k]);
    if (!entry.name_zh().empty()) names.emplace_back(entry.name_zh(), k);
    for (const std::string& alias : entry.aliases()) {
      if (!alias.empty()) names.emplace_back(alias, k);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  compiled->name_arena_.reserve(name_bytes);
  compiled->name_entries_.reserve(names.size());
  compiled->by_name_.reserve(names.size());
  for (size_t k = 0; k < names.size(); ++k) {
    if (k > 0 && names[k].first == names[k - 1].first) {
      compiled->by_name_[names[k].first].count++;
    } else {
      const size_t at = compiled->name_arena_.size();
      compiled->name_arena_.append(names[k].first.data(),
                                   names[k].first.size());
      absl::string_view view(compiled->name_arena_.data() + at,
                             names[k].first.size());
      compiled->by_name_[view] = Span{static_cast<uint32_t>(k), 1};
    }
    compiled->name_entries_.push_back(names[k].second);
  }
  return std::shared_ptr<const CompiledCodeList>(std::move(compiled));
}

CodeMembership CompiledCodeList::Check(absl::string_view code,
                                       DateKey as_of) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return CodeMembership::kNotInList;
  const Span span = it->second;
  for (uint32_t i = span.begin; i < span.begin + span.count; ++i) {
    if (periods_[i].Covers(as_of)) return CodeMembership::kMember;
  }
  return CodeMembership::kNotEffective;
}

MapLookup CompiledCodeList::LookupName(absl::string_view value,
                                       DateKey as_of) const {
  MapLookup result;
  if (by_code_.contains(value)) return result;
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

std::array<bool, 256> CompiledCodeList::CodeBytes() const {
  std::array<bool, 256> bytes{};
  for (char c : code_arena_) bytes[static_cast<unsigned char>(c)] = true;
  return bytes;
}

std::string CompiledCodeList::DescribePeriods(absl::string_view code) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return "";
  std::string out;
  for (uint32_t i = it->second.begin; i < it->second.begin + it->second.count;
       ++i) {
    if (i != it->second.begin) out += ", ";
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
