#include "bench/internal/hand_code_lists.h"

#include <algorithm>

namespace shuyuan::bench_internal {
namespace {

// "YYYY-MM-DD" → yyyymmdd; 0 when empty (the catalog's dates are valid).
Day ParseDay(absl::string_view text) {
  if (text.size() != 10) return 0;
  Day day = 0;
  for (const char c : text) {
    if (c != '-') day = day * 10 + static_cast<Day>(c - '0');
  }
  return day;
}

}  // namespace

HandCodeList::HandCodeList(const v1::CodeList& list) {
  bool open_start = list.entries().empty();
  Day earliest = UINT32_MAX;
  for (const v1::CodeEntry& entry : list.entries()) {
    const Period period{ParseDay(entry.valid_from()),
                        ParseDay(entry.valid_to())};
    if (period.from == 0) open_start = true;
    earliest = std::min(earliest, period.from);
    codes_[entry.code()].push_back(period);
    if (!entry.name_zh().empty()) {
      names_[entry.name_zh()].push_back({entry.code(), period});
    }
    for (const std::string& alias : entry.aliases()) {
      if (!alias.empty()) names_[alias].push_back({entry.code(), period});
    }
  }
  earliest_ = open_start ? 0 : earliest;
}

HandMembership HandCodeList::Check(absl::string_view code, Day day) const {
  const auto it = codes_.find(code);
  if (it == codes_.end()) return HandMembership::kNotInList;
  for (const Period& period : it->second) {
    if (period.Covers(day)) return HandMembership::kMember;
  }
  return HandMembership::kNotEffective;
}

HandLookup HandCodeList::Lookup(absl::string_view name, Day day,
                                absl::string_view* code) const {
  const auto it = names_.find(name);
  if (it == names_.end() || codes_.contains(name)) return HandLookup::kNotFound;
  for (const bool in_force_only : {true, false}) {
    const std::string* found = nullptr;
    for (const Named& named : it->second) {
      if (in_force_only && !named.period.Covers(day)) continue;
      if (found == nullptr) {
        found = &named.code;
      } else if (*found != named.code) {
        return HandLookup::kAmbiguous;
      }
    }
    if (found != nullptr) {
      *code = *found;
      return HandLookup::kFound;
    }
  }
  return HandLookup::kNotFound;
}

}  // namespace shuyuan::bench_internal
