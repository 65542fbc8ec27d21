#include "registry/compatibility.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "codec/date_time.h"
#include "codec/decimal.h"
#include "codec/format.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/unknown_field_set.h"
#include "google/protobuf/util/message_differencer.h"

namespace shuyuan::registry {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::UnknownFieldSet;
using ::google::protobuf::util::MessageDifferencer;
using Entries = std::vector<const v1::CodeEntry*>;

constexpr bool kBreaking = true;
constexpr bool kCompatible = false;

// ---------------------------------------------------------------------------
// Collecting lines.

// Collects change lines in order: keeps the first kMaxChangeLines and only
// counts the rest, so that a million changed codes cost no million strings.
// Lines are written under a prefix that nested comparisons extend
// (PrefixScope). Not thread-safe; one per Classify call.
class ChangeSink {
 public:
  // Records one change; its text is prefix + parts, built only when kept.
  template <typename... Parts>
  void Add(bool breaking, const Parts&... parts) {
    any_breaking_ = any_breaking_ || breaking;
    if (full()) {
      ++omitted_;
      omitted_breaking_ = omitted_breaking_ || breaking;
      return;
    }
    v1::Change& change = lines_.emplace_back();
    change.set_description(absl::StrCat(prefix_, parts...));
    change.set_breaking(breaking);
  }

  // True when further lines will only be counted.
  bool full() const { return lines_.size() >= kMaxChangeLines; }
  // How many more lines will be kept.
  size_t room() const { return kMaxChangeLines - lines_.size(); }
  // Changes recorded so far, kept or not.
  size_t count() const { return lines_.size() + omitted_; }

  // The verdict and the lines, the last one standing for the omitted ones.
  Classification Finish() && {
    Classification result;
    result.verdict = any_breaking_ ? v1::BREAKING : v1::COMPATIBLE;
    if (omitted_ > 0) {
      // Make room for the summary line within kMaxChangeLines.
      ++omitted_;
      omitted_breaking_ = omitted_breaking_ || lines_.back().breaking();
      lines_.pop_back();
      v1::Change& more = lines_.emplace_back();
      more.set_description(absl::StrCat("… and ", omitted_, " more changes"));
      more.set_breaking(omitted_breaking_);
    }
    result.changes = std::move(lines_);
    return result;
  }

 private:
  friend class PrefixScope;

  std::string prefix_;
  std::vector<v1::Change> lines_;
  size_t omitted_ = 0;
  bool omitted_breaking_ = false;
  bool any_breaking_ = false;
};

// Extends the sink's prefix for the lifetime of the scope: lines of a code
// read "code 330103: ...", lines of a nested list "code_list A@1 → @2: ...".
class PrefixScope {
 public:
  template <typename... Parts>
  explicit PrefixScope(ChangeSink& sink, const Parts&... parts)
      : sink_(sink), size_(sink.prefix_.size()) {
    absl::StrAppend(&sink_.prefix_, parts...);
  }
  PrefixScope(const PrefixScope&) = delete;
  PrefixScope& operator=(const PrefixScope&) = delete;
  ~PrefixScope() { sink_.prefix_.resize(size_); }

 private:
  ChangeSink& sink_;
  const size_t size_;
};

// How an attribute moved from the old version to the new one, weakest
// first: Stronger() of two is their std::max.
enum class Shift {
  kSame,     // written otherwise, accepts the same values
  kWidens,   // accepts a superset
  kNarrows,  // something accepted before is refused now
  kChanged,  // neither contains the other
};

Shift Stronger(Shift a, Shift b) { return std::max(a, b); }

bool IsBreaking(Shift shift) {
  return shift == Shift::kNarrows || shift == Shift::kChanged;
}

absl::string_view ShiftWord(Shift shift) {
  switch (shift) {
    case Shift::kSame:
      return "same meaning";
    case Shift::kWidens:
      return "widens";
    case Shift::kNarrows:
      return "narrows";
    case Shift::kChanged:
      break;
  }
  return "changed";
}

// The shift of a lower bound (`upper` false) or an upper bound, from the
// three-way comparison of the new bound with the old one.
Shift BoundShift(int new_vs_old, bool upper) {
  if (new_vs_old == 0) return Shift::kSame;
  return (new_vs_old < 0) == upper ? Shift::kNarrows : Shift::kWidens;
}

template <typename T>
int ThreeWay(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// "<name> <new> added: <word>", "<name> <old> removed: <word>" or
// "<name> <old> → <new>: <word>"; an empty text means absent.
void AddShift(ChangeSink& sink, absl::string_view name,
              absl::string_view old_text, absl::string_view new_text,
              Shift shift) {
  const bool breaking = IsBreaking(shift);
  if (old_text.empty()) {
    sink.Add(breaking, name, " ", new_text, " added: ", ShiftWord(shift));
  } else if (new_text.empty()) {
    sink.Add(breaking, name, " ", old_text, " removed: ", ShiftWord(shift));
  } else {
    sink.Add(breaking, name, " ", old_text, " → ", new_text, ": ",
             ShiftWord(shift));
  }
}

// How to word the values of a set-like attribute that were removed or added.
struct SetWording {
  absl::string_view lead;   // "allowed value ", "synonyms: "
  absl::string_view quote;  // "'" or ""
  bool removal_breaks;
  bool addition_breaks;
};

// One line per value of `old_values` missing from `new_values` (in old
// order), then per value new in `new_values` (in new order); duplicates
// count once.
template <typename OldRange, typename NewRange>
void CompareValueSets(ChangeSink& sink, const OldRange& old_values,
                      const NewRange& new_values, const SetWording& wording) {
  absl::flat_hash_set<absl::string_view> old_set(old_values.begin(),
                                                 old_values.end());
  absl::flat_hash_set<absl::string_view> new_set(new_values.begin(),
                                                 new_values.end());
  absl::flat_hash_set<absl::string_view> reported;
  for (absl::string_view value : old_values) {
    if (!new_set.contains(value) && reported.insert(value).second) {
      sink.Add(wording.removal_breaks, wording.lead, wording.quote, value,
               wording.quote, " removed");
    }
  }
  for (absl::string_view value : new_values) {
    if (!old_set.contains(value) && reported.insert(value).second) {
      sink.Add(wording.addition_breaks, wording.lead, wording.quote, value,
               wording.quote, " added");
    }
  }
}

// ---------------------------------------------------------------------------
// Attributes without a rule of their own, found by reflection so that a
// field added to the model later is still compared.

bool FieldEqual(const Message& a, const Message& b,
                const FieldDescriptor* field) {
  MessageDifferencer differencer;
  return differencer.CompareWithFields(a, b, {field}, {field});
}

// "<path><field> changed" when `field` differs.
void CompareWhole(ChangeSink& sink, const Message& a, const Message& b,
                  const FieldDescriptor* field, absl::string_view path,
                  bool breaking) {
  if (!FieldEqual(a, b, field)) {
    sink.Add(breaking, path, field->name(), " changed");
  }
}

// Each field number of `fields` → its wire bytes, in number order.
std::map<int, std::string> WireBytesByNumber(const UnknownFieldSet& fields) {
  std::map<int, std::string> bytes;
  for (int i = 0; i < fields.field_count(); ++i) {
    UnknownFieldSet one;
    one.AddField(fields.field(i));
    std::string serialized;
    one.SerializeToString(&serialized);
    bytes[fields.field(i).number()] += serialized;
  }
  return bytes;
}

// Fields that only the wire format carries (written with a newer model than
// this build knows): "<path>#<number> changed" for each that differs.
void CompareWireOnlyFields(ChangeSink& sink, const Message& a, const Message& b,
                           absl::string_view path, bool breaking) {
  const UnknownFieldSet& a_fields = a.GetReflection()->GetUnknownFields(a);
  const UnknownFieldSet& b_fields = b.GetReflection()->GetUnknownFields(b);
  if (a_fields.empty() && b_fields.empty()) return;
  std::map<int, std::string> a_bytes = WireBytesByNumber(a_fields);
  std::map<int, std::string> b_bytes = WireBytesByNumber(b_fields);
  std::map<int, bool> differs;
  for (const auto& [number, bytes] : a_bytes) {
    auto it = b_bytes.find(number);
    differs[number] = it == b_bytes.end() || it->second != bytes;
  }
  for (const auto& [number, bytes] : b_bytes) {
    if (!a_bytes.contains(number)) differs[number] = true;
  }
  for (const auto& [number, changed] : differs) {
    if (changed) sink.Add(breaking, path, "#", number, " changed");
  }
}

// ---------------------------------------------------------------------------
// References and loading.

// Parses a reference written in `field`; InvalidArgument naming the field.
absl::StatusOr<codec::Reference> ParseRef(absl::string_view field,
                                          absl::string_view text) {
  absl::StatusOr<codec::Reference> ref = codec::ParseReference(text);
  if (!ref.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", ref.status().message()));
  }
  return ref;
}

absl::Status RequirePinned(absl::string_view field,
                           const codec::Reference& ref) {
  if (ref.pinned()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, " '", ref.ToString(),
                   "' is not pinned: classify registered versions, whose "
                   "references read ID@N"));
}

// The loader's answer, its error prefixed with what was being loaded.
template <typename T>
absl::StatusOr<T> Loaded(absl::StatusOr<T> loaded, absl::string_view kind,
                         absl::string_view ref) {
  if (loaded.ok()) return loaded;
  return absl::Status(loaded.status().code(),
                      absl::StrCat("loading ", kind, " '", ref,
                                   "': ", loaded.status().message()));
}

// ---------------------------------------------------------------------------
// Code lists.

// A date of `code`'s `attribute` as a day number; an empty date is the open
// end `open`. InvalidArgument when the text is not YYYY-MM-DD.
absl::StatusOr<int64_t> DayNumber(absl::string_view text, int64_t open,
                                  absl::string_view code,
                                  absl::string_view attribute) {
  if (text.empty()) return open;
  absl::CivilDay day;
  if (!codec::ParseIsoDate(text, &day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("code ", code, ": ", attribute, " '", text,
                     "' is not a date written YYYY-MM-DD"));
  }
  return day - absl::CivilDay(1970, 1, 1);
}

constexpr int64_t kOpenFrom = std::numeric_limits<int64_t>::min();
constexpr int64_t kOpenTo = std::numeric_limits<int64_t>::max();

// An inclusive range of day numbers; kOpenFrom / kOpenTo for open ends.
struct Period {
  int64_t from = kOpenFrom;
  int64_t to = kOpenTo;
  friend bool operator==(const Period&, const Period&) = default;
};

// "2021-12-31", or "" for an open end.
std::string DayText(int64_t day) {
  if (day == kOpenFrom || day == kOpenTo) return "";
  return absl::FormatCivilTime(absl::CivilDay(1970, 1, 1) + day);
}

// The days on which a code is valid, as sorted, disjoint, non-adjacent
// periods: the union of its entries' periods.
absl::StatusOr<std::vector<Period>> PeriodUnion(absl::string_view code,
                                                const Entries& entries) {
  std::vector<Period> periods;
  for (const v1::CodeEntry* entry : entries) {
    Period p;
    SHUYUAN_ASSIGN_OR_RETURN(
        p.from, DayNumber(entry->valid_from(), kOpenFrom, code, "valid_from"));
    SHUYUAN_ASSIGN_OR_RETURN(
        p.to, DayNumber(entry->valid_to(), kOpenTo, code, "valid_to"));
    if (p.from <= p.to) periods.push_back(p);
  }
  std::sort(periods.begin(), periods.end(),
            [](const Period& x, const Period& y) { return x.from < y.from; });
  std::vector<Period> merged;
  for (const Period& p : periods) {
    if (!merged.empty() &&
        (merged.back().to == kOpenTo || p.from <= merged.back().to + 1)) {
      merged.back().to = std::max(merged.back().to, p.to);
    } else {
      merged.push_back(p);
    }
  }
  return merged;
}

// True when every day of `inner` lies in `outer` (both as PeriodUnion
// returns them).
bool Covers(const std::vector<Period>& outer,
            const std::vector<Period>& inner) {
  size_t j = 0;
  for (const Period& p : inner) {
    while (j < outer.size() && outer[j].to < p.from) ++j;
    if (j == outer.size() || outer[j].from > p.from || outer[j].to < p.to) {
      return false;
    }
  }
  return true;
}

// "2000-01-01..2010-12-31, 2015-01-01..open", or "never".
std::string PeriodsText(const std::vector<Period>& periods) {
  if (periods.empty()) return "never";
  return absl::StrJoin(periods, ", ", [](std::string* out, const Period& p) {
    const std::string from = DayText(p.from);
    const std::string to = DayText(p.to);
    absl::StrAppend(out, from.empty() ? "open" : from, "..",
                    to.empty() ? "open" : to);
  });
}

// Validity lines of one code (under the prefix "code X: ").
absl::Status CompareValidity(ChangeSink& sink, absl::string_view code,
                             const Entries& before, const Entries& after) {
  if (before.size() == 1 && after.size() == 1 &&
      before[0]->valid_from() == after[0]->valid_from() &&
      before[0]->valid_to() == after[0]->valid_to()) {
    return absl::OkStatus();
  }
  SHUYUAN_ASSIGN_OR_RETURN(std::vector<Period> a, PeriodUnion(code, before));
  SHUYUAN_ASSIGN_OR_RETURN(std::vector<Period> b, PeriodUnion(code, after));
  if (a == b) return absl::OkStatus();
  if (a.size() == 1 && b.size() == 1) {
    if (a[0].from != b[0].from) {
      AddShift(sink, "valid_from", DayText(a[0].from), DayText(b[0].from),
               BoundShift(ThreeWay(b[0].from, a[0].from), /*upper=*/false));
    }
    if (a[0].to != b[0].to) {
      AddShift(sink, "valid_to", DayText(a[0].to), DayText(b[0].to),
               BoundShift(ThreeWay(b[0].to, a[0].to), /*upper=*/true));
    }
    return absl::OkStatus();
  }
  const Shift shift = Covers(b, a) ? Shift::kWidens : Shift::kNarrows;
  if (sink.full()) {
    sink.Add(IsBreaking(shift));  // counted only: skip building the text
  } else {
    sink.Add(IsBreaking(shift), "validity ", PeriodsText(a), " → ",
             PeriodsText(b), ": ", ShiftWord(shift));
  }
  return absl::OkStatus();
}

// A text attribute of a code's entries: "name_zh '上城区' → '上城新区'";
// the values of several entries are joined in period order.
template <typename Get>
void CompareEntryText(ChangeSink& sink, absl::string_view name,
                      const Entries& before, const Entries& after, Get get) {
  auto all_empty = [&get](const Entries& entries) {
    return std::all_of(
        entries.begin(), entries.end(),
        [&get](const v1::CodeEntry* e) { return get(*e).empty(); });
  };
  if (all_empty(before) && all_empty(after)) return;
  if (before.size() == 1 && after.size() == 1) {
    if (get(*before[0]) != get(*after[0])) {
      sink.Add(kCompatible, name, " '", get(*before[0]), "' → '",
               get(*after[0]), "'");
    }
    return;
  }
  auto join = [&get](const Entries& entries) {
    return absl::StrJoin(entries, "; ",
                         [&get](std::string* out, const v1::CodeEntry* e) {
                           absl::StrAppend(out, get(*e));
                         });
  };
  const std::string old_text = join(before);
  const std::string new_text = join(after);
  if (old_text != new_text) {
    sink.Add(kCompatible, name, " '", old_text, "' → '", new_text, "'");
  }
}

// The aliases of a code, over all its entries.
void CompareEntryAliases(ChangeSink& sink, const Entries& before,
                         const Entries& after) {
  static constexpr SetWording kWording = {"alias ", "'", kBreaking,
                                          kCompatible};
  std::vector<absl::string_view> old_aliases;
  std::vector<absl::string_view> new_aliases;
  for (const v1::CodeEntry* e : before) {
    old_aliases.insert(old_aliases.end(), e->aliases().begin(),
                       e->aliases().end());
  }
  for (const v1::CodeEntry* e : after) {
    new_aliases.insert(new_aliases.end(), e->aliases().begin(),
                       e->aliases().end());
  }
  if (old_aliases == new_aliases) return;
  CompareValueSets(sink, old_aliases, new_aliases, kWording);
}

// CodeEntry fields that have no rule here (added to the model later).
const std::vector<const FieldDescriptor*>& OtherEntryFields() {
  static const auto* const fields = [] {
    auto* list = new std::vector<const FieldDescriptor*>;
    const auto* descriptor = v1::CodeEntry::descriptor();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      switch (descriptor->field(i)->number()) {
        case v1::CodeEntry::kCodeFieldNumber:
        case v1::CodeEntry::kNameZhFieldNumber:
        case v1::CodeEntry::kNameEnFieldNumber:
        case v1::CodeEntry::kParentFieldNumber:
        case v1::CodeEntry::kValidFromFieldNumber:
        case v1::CodeEntry::kValidToFieldNumber:
        case v1::CodeEntry::kAliasesFieldNumber:
          break;
        default:
          list->push_back(descriptor->field(i));
      }
    }
    return list;
  }();
  return *fields;
}

// Entry fields without a rule, compared pair by pair in period order (an
// entry missing on one side compares with an empty one): breaking.
void CompareOtherEntryFields(ChangeSink& sink, const Entries& before,
                             const Entries& after) {
  const size_t n = std::max(before.size(), after.size());
  const v1::CodeEntry& none = v1::CodeEntry::default_instance();
  for (const FieldDescriptor* field : OtherEntryFields()) {
    for (size_t i = 0; i < n; ++i) {
      const v1::CodeEntry& a = i < before.size() ? *before[i] : none;
      const v1::CodeEntry& b = i < after.size() ? *after[i] : none;
      if (!FieldEqual(a, b, field)) {
        sink.Add(kBreaking, field->name(), " changed");
        break;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    CompareWireOnlyFields(sink, i < before.size() ? *before[i] : none,
                          i < after.size() ? *after[i] : none, "", kBreaking);
  }
}

// True when two single entries of a code say the same (the fast path that
// skips unchanged codes of big lists without allocating).
bool SameEntry(const v1::CodeEntry& a, const v1::CodeEntry& b) {
  if (a.valid_from() != b.valid_from() || a.valid_to() != b.valid_to() ||
      a.name_zh() != b.name_zh() || a.name_en() != b.name_en() ||
      a.parent() != b.parent() || a.aliases_size() != b.aliases_size()) {
    return false;
  }
  for (int i = 0; i < a.aliases_size(); ++i) {
    if (a.aliases(i) != b.aliases(i)) return false;
  }
  for (const FieldDescriptor* field : OtherEntryFields()) {
    if (!FieldEqual(a, b, field)) return false;
  }
  return a.GetReflection()->GetUnknownFields(a).empty() &&
         b.GetReflection()->GetUnknownFields(b).empty();
}

void SortByPeriod(Entries& entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const v1::CodeEntry* x, const v1::CodeEntry* y) {
                     // "" (open) sorts first; YYYY-MM-DD sorts by date.
                     return x->valid_from() < y->valid_from();
                   });
}

// All lines of one code. `before` or `after` is empty when the code is new
// or gone.
absl::Status CompareCode(ChangeSink& sink, absl::string_view code,
                         Entries& before, Entries& after) {
  if (before.empty()) {
    sink.Add(kCompatible, "code ", code, " added");
    return absl::OkStatus();
  }
  if (after.empty()) {
    sink.Add(kBreaking, "code ", code, " removed");
    return absl::OkStatus();
  }
  SortByPeriod(before);
  SortByPeriod(after);
  PrefixScope scope(sink, "code ", code, ": ");
  SHUYUAN_RETURN_IF_ERROR(CompareValidity(sink, code, before, after));
  CompareEntryText(
      sink, "name_zh", before, after,
      [](const v1::CodeEntry& e) -> absl::string_view { return e.name_zh(); });
  CompareEntryText(
      sink, "name_en", before, after,
      [](const v1::CodeEntry& e) -> absl::string_view { return e.name_en(); });
  CompareEntryText(
      sink, "parent", before, after,
      [](const v1::CodeEntry& e) -> absl::string_view { return e.parent(); });
  CompareEntryAliases(sink, before, after);
  CompareOtherEntryFields(sink, before, after);
  return absl::OkStatus();
}

// Hashes and compares entries of one code list, named by their index, by
// their code; also looks codes up as text. Keeping indices rather than
// string_views in the table makes it a sixth of the size, which matters at
// a million codes.
class CodeKey {
 public:
  using is_transparent = void;

  explicit CodeKey(const v1::CodeList* list) : list_(list) {}

  size_t operator()(uint32_t i) const { return (*this)(code(i)); }
  size_t operator()(absl::string_view code) const {
    return absl::Hash<absl::string_view>()(code);
  }
  bool operator()(uint32_t i, uint32_t j) const { return code(i) == code(j); }
  bool operator()(uint32_t i, absl::string_view code) const {
    return this->code(i) == code;
  }
  bool operator()(absl::string_view code, uint32_t i) const {
    return this->code(i) == code;
  }

 private:
  absl::string_view code(uint32_t i) const { return list_->entries(i).code(); }

  const v1::CodeList* list_;
};

using CodeSet = absl::flat_hash_set<uint32_t, CodeKey, CodeKey>;

constexpr uint32_t kNoEntry = std::numeric_limits<uint32_t>::max();

// The entries of two versions of a code list grouped by code, without
// copying. Only the old list's codes are hashed; each new entry is attached
// to the old code it matches, and new codes are grouped among themselves.
// Entries of one code form a chain: the first one, then next[i].
class CodeMatch {
 public:
  CodeMatch(const v1::CodeList& a, const v1::CodeList& b)
      : a_(a),
        b_(b),
        old_next_(a.entries_size(), kNoEntry),
        new_next_(b.entries_size(), kNoEntry),
        new_first_(a.entries_size(), kNoEntry),
        old_codes_(a.entries_size(), CodeKey(&a), CodeKey(&a)),
        new_codes_(0, CodeKey(&b), CodeKey(&b)) {
    for (uint32_t i = 0; i < static_cast<uint32_t>(a.entries_size()); ++i) {
      auto [it, inserted] = old_codes_.insert(i);
      if (inserted) {
        old_firsts_.push_back(i);
      } else {
        Chain(*it, i, old_next_);
      }
    }
    for (uint32_t j = 0; j < static_cast<uint32_t>(b.entries_size()); ++j) {
      auto it = old_codes_.find(b.entries(j).code());
      if (it != old_codes_.end()) {
        if (new_first_[*it] == kNoEntry) {
          new_first_[*it] = j;
        } else {
          Chain(new_first_[*it], j, new_next_);
        }
        continue;
      }
      auto [added, inserted] = new_codes_.insert(j);
      if (inserted) {
        added_firsts_.push_back(j);
      } else {
        Chain(*added, j, new_next_);
      }
    }
  }

  // First entries of the old codes, in list order.
  const std::vector<uint32_t>& old_firsts() const { return old_firsts_; }
  // First entries of the codes only the new list has, in list order.
  const std::vector<uint32_t>& added_firsts() const { return added_firsts_; }
  // The first new entry of the old code whose first entry is `old_first`.
  uint32_t NewFirst(uint32_t old_first) const { return new_first_[old_first]; }
  bool OldHasOne(uint32_t first) const { return old_next_[first] == kNoEntry; }
  bool NewHasOne(uint32_t first) const { return new_next_[first] == kNoEntry; }
  const v1::CodeEntry& old_entry(uint32_t i) const { return a_.entries(i); }
  const v1::CodeEntry& new_entry(uint32_t j) const { return b_.entries(j); }

  // Replaces `*out` with the chain from `first` (none for kNoEntry).
  void CollectOld(uint32_t first, Entries* out) const {
    Collect(a_, old_next_, first, out);
  }
  void CollectNew(uint32_t first, Entries* out) const {
    Collect(b_, new_next_, first, out);
  }

 private:
  // Links `entry` into the chain that starts at `first`.
  static void Chain(uint32_t first, uint32_t entry,
                    std::vector<uint32_t>& next) {
    next[entry] = next[first];
    next[first] = entry;
  }
  static void Collect(const v1::CodeList& list,
                      const std::vector<uint32_t>& next, uint32_t first,
                      Entries* out) {
    out->clear();
    for (uint32_t i = first; i != kNoEntry; i = next[i]) {
      out->push_back(&list.entries(i));
    }
  }

  const v1::CodeList& a_;
  const v1::CodeList& b_;
  std::vector<uint32_t> old_next_;
  std::vector<uint32_t> new_next_;
  std::vector<uint32_t> new_first_;  // by old first entry
  std::vector<uint32_t> old_firsts_;
  std::vector<uint32_t> added_firsts_;
  CodeSet old_codes_;
  CodeSet new_codes_;  // codes only the new list has
};

// A code that may have changed, with its first entry on each side
// (kNoEntry where it is absent).
struct CodeCandidate {
  absl::string_view code;
  uint32_t old_first = kNoEntry;
  uint32_t new_first = kNoEntry;
};

// The codes whose entries differ, in no particular order.
std::vector<CodeCandidate> ChangedCodes(const CodeMatch& match) {
  std::vector<CodeCandidate> changed;
  for (uint32_t first : match.old_firsts()) {
    const uint32_t other = match.NewFirst(first);
    if (other != kNoEntry && match.OldHasOne(first) && match.NewHasOne(other) &&
        SameEntry(match.old_entry(first), match.new_entry(other))) {
      continue;
    }
    changed.push_back({match.old_entry(first).code(), first, other});
  }
  for (uint32_t first : match.added_firsts()) {
    changed.push_back({match.new_entry(first).code(), kNoEntry, first});
  }
  return changed;
}

// The entry lines of two code lists, in code order. Only as many changed
// codes are sorted as can still be shown; the others are only counted.
absl::Status CompareEntries(ChangeSink& sink, const v1::CodeList& a,
                            const v1::CodeList& b) {
  const CodeMatch match(a, b);
  std::vector<CodeCandidate> changed = ChangedCodes(match);
  Entries old_entries;
  Entries new_entries;
  auto compare = [&](const CodeCandidate& c) {
    match.CollectOld(c.old_first, &old_entries);
    match.CollectNew(c.new_first, &new_entries);
    return CompareCode(sink, c.code, old_entries, new_entries);
  };
  auto by_code = [](const CodeCandidate& x, const CodeCandidate& y) {
    return x.code < y.code;
  };
  size_t done = 0;
  // Each changed code gives at least one line as a rule, so sorting the next
  // room() codes fills the sink; a code whose entries were only regrouped
  // gives none, hence the loop.
  while (done < changed.size() && !sink.full()) {
    const size_t end = std::min(changed.size(), done + sink.room());
    std::partial_sort(changed.begin() + done, changed.begin() + end,
                      changed.end(), by_code);
    for (; done < end; ++done) SHUYUAN_RETURN_IF_ERROR(compare(changed[done]));
  }
  for (; done < changed.size(); ++done) {
    SHUYUAN_RETURN_IF_ERROR(compare(changed[done]));
  }
  return absl::OkStatus();
}

absl::Status CompareCodeLists(ChangeSink& sink, const v1::CodeList& a,
                              const v1::CodeList& b) {
  const auto* descriptor = v1::CodeList::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    switch (field->number()) {
      case v1::CodeList::kIdFieldNumber:
      case v1::CodeList::kVersionInfoFieldNumber:
        break;
      case v1::CodeList::kEntriesFieldNumber:
        SHUYUAN_RETURN_IF_ERROR(CompareEntries(sink, a, b));
        break;
      case v1::CodeList::kNameZhFieldNumber:
      case v1::CodeList::kNameEnFieldNumber:
      case v1::CodeList::kStandardFieldNumber:
      case v1::CodeList::kRemarksFieldNumber:
        CompareWhole(sink, a, b, field, "", kCompatible);
        break;
      default:
        CompareWhole(sink, a, b, field, "", kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kBreaking);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Data elements: the value domain.

// A reference that moved, to another version of the same id or to another
// id: `noun` names its target in lines ("code_list", "element"), `field`
// its place in errors; `load` fetches a pinned version and `compare`
// compares the two under a "NOUN OLD → @N: " prefix.
template <typename Load, typename Compare>
absl::Status CompareMovedRef(ChangeSink& sink, absl::string_view field,
                             absl::string_view noun, absl::string_view another,
                             absl::string_view kind_words,
                             absl::string_view old_ref,
                             absl::string_view new_ref, const Load& load,
                             const Compare& compare) {
  SHUYUAN_ASSIGN_OR_RETURN(codec::Reference a, ParseRef(field, old_ref));
  SHUYUAN_ASSIGN_OR_RETURN(codec::Reference b, ParseRef(field, new_ref));
  if (a.id != b.id) {
    sink.Add(kBreaking, noun, " ", old_ref, " → ", new_ref, ": ", another);
    return absl::OkStatus();
  }
  SHUYUAN_RETURN_IF_ERROR(RequirePinned(field, a));
  SHUYUAN_RETURN_IF_ERROR(RequirePinned(field, b));
  SHUYUAN_ASSIGN_OR_RETURN(const auto before,
                           Loaded(load(old_ref), kind_words, old_ref));
  SHUYUAN_ASSIGN_OR_RETURN(const auto after,
                           Loaded(load(new_ref), kind_words, new_ref));
  PrefixScope scope(sink, noun, " ", old_ref, " → @", b.version, ": ");
  const size_t count = sink.count();
  SHUYUAN_RETURN_IF_ERROR(compare(before, after));
  if (sink.count() == count) sink.Add(kCompatible, "same content");
  return absl::OkStatus();
}

// An element's code list reference moved: another list, or the same list at
// another version compared entry by entry.
absl::Status CompareCodeListRefs(ChangeSink& sink, absl::string_view old_ref,
                                 absl::string_view new_ref,
                                 const VersionLoader& loader) {
  if (old_ref == new_ref) return absl::OkStatus();
  if (old_ref.empty()) {
    sink.Add(kBreaking, "code_list ", new_ref, " added");
    return absl::OkStatus();
  }
  if (new_ref.empty()) {
    sink.Add(kCompatible, "code_list ", old_ref, " removed");
    return absl::OkStatus();
  }
  return CompareMovedRef(
      sink, "value_domain.code_list", "code_list", "another list", "code list",
      old_ref, new_ref,
      [&](absl::string_view ref) { return loader.LoadCodeList(ref); },
      [&](const v1::CodeList& before, const v1::CodeList& after) {
        return CompareCodeLists(sink, before, after);
      });
}

// min_length / max_length; absent reads as 0 / unbounded.
void CompareLengthBound(ChangeSink& sink, absl::string_view name, bool upper,
                        std::optional<uint32_t> old_bound,
                        std::optional<uint32_t> new_bound) {
  if (old_bound == new_bound) return;
  const uint32_t unbounded = upper ? std::numeric_limits<uint32_t>::max() : 0;
  const uint32_t old_value = old_bound.value_or(unbounded);
  const uint32_t new_value = new_bound.value_or(unbounded);
  // "min_length 0 added" narrows nothing: same meaning.
  AddShift(sink, name, old_bound ? absl::StrCat(*old_bound) : "",
           new_bound ? absl::StrCat(*new_bound) : "",
           BoundShift(ThreeWay(new_value, old_value), upper));
}

// The three-way comparison of the new bound with the old one, or nullopt
// when either does not parse.
using BoundOrder = std::optional<int> (*)(absl::string_view old_text,
                                          absl::string_view new_text);

std::optional<int> DecimalOrder(absl::string_view old_text,
                                absl::string_view new_text) {
  codec::DecimalParts a;
  codec::DecimalParts b;
  if (!codec::ParseDecimal(old_text, /*allow_fraction=*/true, &a) ||
      !codec::ParseDecimal(new_text, /*allow_fraction=*/true, &b)) {
    return std::nullopt;
  }
  return codec::CompareDecimal(b, a);
}

std::optional<int> DateOrder(absl::string_view old_text,
                             absl::string_view new_text) {
  absl::CivilDay a;
  absl::CivilDay b;
  if (!codec::ParseIsoDate(old_text, &a) ||
      !codec::ParseIsoDate(new_text, &b)) {
    return std::nullopt;
  }
  return ThreeWay(b, a);
}

// A bound written as text (min_value, max_date, ...): added narrows,
// removed widens, moved as `order` says.
void CompareTextBound(ChangeSink& sink, absl::string_view name, bool upper,
                      absl::string_view old_text, absl::string_view new_text,
                      BoundOrder order) {
  if (old_text == new_text) return;
  Shift shift = Shift::kWidens;
  if (old_text.empty()) {
    shift = Shift::kNarrows;
  } else if (!new_text.empty()) {
    const std::optional<int> cmp = order(old_text, new_text);
    shift = cmp.has_value() ? BoundShift(*cmp, upper) : Shift::kChanged;
  }
  AddShift(sink, name, old_text, new_text, shift);
}

void ComparePattern(ChangeSink& sink, absl::string_view a,
                    absl::string_view b) {
  if (a == b) return;
  if (a.empty()) {
    sink.Add(kBreaking, "pattern added");
  } else if (b.empty()) {
    sink.Add(kCompatible, "pattern removed");
  } else {
    sink.Add(kBreaking, "pattern changed");
  }
}

void CompareChecksum(ChangeSink& sink, v1::ChecksumAlgorithm a,
                     v1::ChecksumAlgorithm b) {
  if (a == b) return;
  if (a == v1::CHECKSUM_NONE) {
    sink.Add(kBreaking, "checksum ", v1::ChecksumAlgorithm_Name(b), " added");
  } else if (b == v1::CHECKSUM_NONE) {
    sink.Add(kCompatible, "checksum ", v1::ChecksumAlgorithm_Name(a),
             " removed");
  } else {
    sink.Add(kBreaking, "checksum ", v1::ChecksumAlgorithm_Name(a), " → ",
             v1::ChecksumAlgorithm_Name(b));
  }
}

// WARNING → ERROR refuses values that passed with a warning, unless there is
// no checksum left to fail.
void CompareChecksumSeverity(ChangeSink& sink, const v1::ValueDomain& a,
                             const v1::ValueDomain& b) {
  if (a.checksum_severity() == b.checksum_severity()) return;
  Shift shift = Shift::kChanged;
  if (b.checksum_severity() == v1::WARNING) {
    shift = Shift::kWidens;
  } else if (b.checksum_severity() == v1::ERROR) {
    shift = b.checksum() == v1::CHECKSUM_NONE ? Shift::kSame : Shift::kNarrows;
  }
  AddShift(sink, "checksum_severity", v1::Severity_Name(a.checksum_severity()),
           v1::Severity_Name(b.checksum_severity()), shift);
}

// An empty list allows any value, so introducing one narrows and dropping
// it widens; otherwise values are compared one by one.
void CompareAllowedValues(ChangeSink& sink, const v1::ValueDomain& a,
                          const v1::ValueDomain& b) {
  static constexpr SetWording kWording = {"allowed value ", "'", kBreaking,
                                          kCompatible};
  if (a.allowed_values().empty() && !b.allowed_values().empty()) {
    sink.Add(kBreaking, "allowed_values added: narrows");
  } else if (!a.allowed_values().empty() && b.allowed_values().empty()) {
    sink.Add(kCompatible, "allowed_values removed: widens");
  } else {
    CompareValueSets(sink, a.allowed_values(), b.allowed_values(), kWording);
  }
}

// The bounds of a value domain: lengths, values and dates.
void CompareBound(ChangeSink& sink, const FieldDescriptor* field,
                  const v1::ValueDomain& a, const v1::ValueDomain& b) {
  auto length = [](const v1::ValueDomain& d,
                   bool upper) -> std::optional<uint32_t> {
    if (upper && d.has_max_length()) return d.max_length();
    if (!upper && d.has_min_length()) return d.min_length();
    return std::nullopt;
  };
  const std::string& name = field->name();
  switch (field->number()) {
    case v1::ValueDomain::kMinLengthFieldNumber:
      return CompareLengthBound(sink, name, false, length(a, false),
                                length(b, false));
    case v1::ValueDomain::kMaxLengthFieldNumber:
      return CompareLengthBound(sink, name, true, length(a, true),
                                length(b, true));
    case v1::ValueDomain::kMinValueFieldNumber:
      return CompareTextBound(sink, name, false, a.min_value(), b.min_value(),
                              DecimalOrder);
    case v1::ValueDomain::kMaxValueFieldNumber:
      return CompareTextBound(sink, name, true, a.max_value(), b.max_value(),
                              DecimalOrder);
    case v1::ValueDomain::kMinDateFieldNumber:
      return CompareTextBound(sink, name, false, a.min_date(), b.min_date(),
                              DateOrder);
    case v1::ValueDomain::kMaxDateFieldNumber:
      return CompareTextBound(sink, name, true, a.max_date(), b.max_date(),
                              DateOrder);
  }
}

absl::Status CompareValueDomains(ChangeSink& sink, const v1::ValueDomain& a,
                                 const v1::ValueDomain& b,
                                 const VersionLoader& loader) {
  const auto* descriptor = v1::ValueDomain::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    switch (field->number()) {
      case v1::ValueDomain::kCodeListFieldNumber:
        SHUYUAN_RETURN_IF_ERROR(
            CompareCodeListRefs(sink, a.code_list(), b.code_list(), loader));
        break;
      case v1::ValueDomain::kMinLengthFieldNumber:
      case v1::ValueDomain::kMaxLengthFieldNumber:
      case v1::ValueDomain::kMinValueFieldNumber:
      case v1::ValueDomain::kMaxValueFieldNumber:
      case v1::ValueDomain::kMinDateFieldNumber:
      case v1::ValueDomain::kMaxDateFieldNumber:
        CompareBound(sink, field, a, b);
        break;
      case v1::ValueDomain::kPatternFieldNumber:
        ComparePattern(sink, a.pattern(), b.pattern());
        break;
      case v1::ValueDomain::kChecksumFieldNumber:
        CompareChecksum(sink, a.checksum(), b.checksum());
        break;
      case v1::ValueDomain::kChecksumSeverityFieldNumber:
        CompareChecksumSeverity(sink, a, b);
        break;
      case v1::ValueDomain::kAllowedValuesFieldNumber:
        CompareAllowedValues(sink, a, b);
        break;
      default:  // address_codes and whatever comes later
        CompareWhole(sink, a, b, field, "value_domain.", kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, "value_domain.", kBreaking);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Data elements: the other attributes.

// Whether every value of class `inner` is one of class `outer`.
bool ClassContains(codec::CharClass outer, codec::CharClass inner) {
  using codec::CharClass;
  if (outer == inner || outer == CharClass::kAny) return true;
  return outer == CharClass::kAlphaNumeric &&
         (inner == CharClass::kAlpha || inner == CharClass::kNumeric);
}

Shift ClassShift(codec::CharClass from, codec::CharClass to) {
  if (from == to) return Shift::kSame;
  if (ClassContains(to, from)) return Shift::kWidens;
  if (ClassContains(from, to)) return Shift::kNarrows;
  return Shift::kChanged;  // a ↔ n
}

Shift FormatShift(const codec::Format& a, const codec::Format& b) {
  if (a.layout != codec::DateTimeLayout::kNone ||
      b.layout != codec::DateTimeLayout::kNone) {
    return a.layout == b.layout ? Shift::kSame : Shift::kChanged;
  }
  Shift shift = ClassShift(a.char_class, b.char_class);
  shift = Stronger(shift, BoundShift(ThreeWay(b.min_length, a.min_length),
                                     /*upper=*/false));
  shift = Stronger(shift, BoundShift(ThreeWay(b.max_length, a.max_length),
                                     /*upper=*/true));
  // The codec reads an absent scale as 0: no fraction digits.
  return Stronger(shift,
                  BoundShift(ThreeWay(b.scale.value_or(0), a.scale.value_or(0)),
                             /*upper=*/true));
}

void CompareFormat(ChangeSink& sink, absl::string_view a, absl::string_view b) {
  if (a == b) return;
  Shift shift = Shift::kChanged;
  if (a.empty()) {
    shift = Shift::kNarrows;
  } else if (b.empty()) {
    shift = Shift::kWidens;
  } else {
    absl::StatusOr<codec::Format> old_format = codec::ParseFormat(a);
    absl::StatusOr<codec::Format> new_format = codec::ParseFormat(b);
    if (old_format.ok() && new_format.ok()) {
      shift = FormatShift(*old_format, *new_format);
    }
  }
  AddShift(sink, "format", a, b, shift);
}

// Legacy value → code, in key order: removing or remapping an alias breaks.
void CompareElementAliases(ChangeSink& sink, const v1::DataElement& a,
                           const v1::DataElement& b) {
  std::vector<absl::string_view> keys;
  for (const auto& [key, code] : a.aliases()) keys.push_back(key);
  for (const auto& [key, code] : b.aliases()) {
    if (!a.aliases().contains(key)) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  for (absl::string_view key : keys) {
    const auto old_it = a.aliases().find(std::string(key));
    const auto new_it = b.aliases().find(std::string(key));
    if (new_it == b.aliases().end()) {
      sink.Add(kBreaking, "alias '", key, "' removed");
    } else if (old_it == a.aliases().end()) {
      sink.Add(kCompatible, "alias '", key, "' added");
    } else if (old_it->second != new_it->second) {
      sink.Add(kBreaking, "alias '", key, "': ", old_it->second, " → ",
               new_it->second);
    }
  }
}

absl::string_view StepName(const v1::NormalizeStep& step) {
  const FieldDescriptor* field =
      step.GetDescriptor()->FindFieldByNumber(step.step_case());
  return field == nullptr ? absl::string_view("(empty step)")
                          : absl::string_view(field->name());
}

// Steps only added (the old ones a subsequence of the new) are compatible;
// any other change of the pipeline breaks.
void CompareNormalize(ChangeSink& sink, const v1::DataElement& a,
                      const v1::DataElement& b) {
  const auto& old_steps = a.normalize();
  const auto& new_steps = b.normalize();
  int matched = 0;
  std::vector<int> added;
  for (int j = 0; j < new_steps.size(); ++j) {
    if (matched < old_steps.size() &&
        MessageDifferencer::Equals(old_steps[matched], new_steps[j])) {
      ++matched;
    } else {
      added.push_back(j);
    }
  }
  if (matched < old_steps.size()) {
    sink.Add(kBreaking, "normalize: steps changed");
    return;
  }
  for (int j : added) {
    sink.Add(kCompatible, "normalize: ", StepName(new_steps[j]), " added");
  }
}

absl::Status CompareElements(ChangeSink& sink, const v1::DataElement& a,
                             const v1::DataElement& b,
                             const VersionLoader& loader) {
  using E = v1::DataElement;
  const auto* descriptor = E::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    switch (field->number()) {
      case E::kIdFieldNumber:
      case E::kVersionInfoFieldNumber:
        break;
      case E::kDataTypeFieldNumber:
        if (a.data_type() != b.data_type()) {
          sink.Add(kBreaking, "data_type ", v1::DataType_Name(a.data_type()),
                   " → ", v1::DataType_Name(b.data_type()));
        }
        break;
      case E::kFormatFieldNumber:
        CompareFormat(sink, a.format(), b.format());
        break;
      case E::kValueDomainFieldNumber:
        SHUYUAN_RETURN_IF_ERROR(CompareValueDomains(sink, a.value_domain(),
                                                    b.value_domain(), loader));
        break;
      case E::kLengthUnitFieldNumber:
        if (a.length_unit() != b.length_unit()) {
          sink.Add(kBreaking, "length_unit ",
                   v1::LengthUnit_Name(a.length_unit()), " → ",
                   v1::LengthUnit_Name(b.length_unit()));
        }
        break;
      case E::kAliasesFieldNumber:
        CompareElementAliases(sink, a, b);
        break;
      case E::kNormalizeFieldNumber:
        CompareNormalize(sink, a, b);
        break;
      case E::kNameZhFieldNumber:
      case E::kNameEnFieldNumber:
      case E::kDefinitionFieldNumber:
      case E::kSynonymsFieldNumber:
      case E::kObjectClassFieldNumber:
      case E::kPropertyFieldNumber:
      case E::kRepresentationTermFieldNumber:
      case E::kUnitFieldNumber:
      case E::kSensitivityFieldNumber:
      case E::kSourceOrgFieldNumber:
      case E::kApplicationFieldNumber:
      case E::kRemarksFieldNumber:
      case E::kStandardFieldNumber:
      case E::kExamplesFieldNumber:
      case E::kTermsFieldNumber:
        CompareWhole(sink, a, b, field, "", kCompatible);
        break;
      default:
        CompareWhole(sink, a, b, field, "", kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kBreaking);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Record schemas.

// A field's element reference moved: another element, or the same element
// at another version compared attribute by attribute.
absl::Status CompareElementRefs(ChangeSink& sink, absl::string_view old_ref,
                                absl::string_view new_ref,
                                const VersionLoader& loader) {
  if (old_ref == new_ref) return absl::OkStatus();
  if (old_ref.empty() || new_ref.empty()) {
    sink.Add(kBreaking, "element '", old_ref, "' → '", new_ref,
             "': another element");
    return absl::OkStatus();
  }
  return CompareMovedRef(
      sink, "element", "element", "another element", "element", old_ref,
      new_ref, [&](absl::string_view ref) { return loader.LoadElement(ref); },
      [&](const v1::DataElement& before, const v1::DataElement& after) {
        return CompareElements(sink, before, after, loader);
      });
}

std::string DerivationText(const v1::Derivation& derive) {
  return absl::StrCat(derive.from(), ".", derive.part());
}

// default: a value that filled a missing column now leaves it missing.
void CompareDefault(ChangeSink& sink, const v1::SchemaField& a,
                    const v1::SchemaField& b) {
  if (a.has_default_() == b.has_default_() && a.default_() == b.default_()) {
    return;
  }
  if (!b.has_default_()) {
    sink.Add(kBreaking, "default '", a.default_(), "' removed");
  } else if (!a.has_default_()) {
    sink.Add(kCompatible, "default '", b.default_(), "' added");
  } else {
    sink.Add(kCompatible, "default '", a.default_(), "' → '", b.default_(),
             "'");
  }
}

// derive: only losing it on a required field can refuse a record.
void CompareDerive(ChangeSink& sink, const v1::SchemaField& a,
                   const v1::SchemaField& b) {
  if (a.has_derive() == b.has_derive() &&
      MessageDifferencer::Equals(a.derive(), b.derive())) {
    return;
  }
  if (!b.has_derive()) {
    sink.Add(b.required(), "derive ", DerivationText(a.derive()), " removed");
  } else if (!a.has_derive()) {
    sink.Add(kCompatible, "derive ", DerivationText(b.derive()), " added");
  } else {
    sink.Add(kCompatible, "derive ", DerivationText(a.derive()), " → ",
             DerivationText(b.derive()));
  }
}

// One field present in both versions (under the prefix "field x: ").
absl::Status CompareSchemaField(ChangeSink& sink, const v1::SchemaField& a,
                                const v1::SchemaField& b,
                                const VersionLoader& loader) {
  using F = v1::SchemaField;
  static constexpr SetWording kAliasWording = {"alias ", "'", kBreaking,
                                               kCompatible};
  const auto* descriptor = F::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    switch (field->number()) {
      case F::kNameFieldNumber:
        break;
      case F::kElementFieldNumber:
        SHUYUAN_RETURN_IF_ERROR(
            CompareElementRefs(sink, a.element(), b.element(), loader));
        break;
      case F::kRequiredFieldNumber:
        if (a.required() != b.required()) {
          sink.Add(b.required(), "required ", a.required() ? "true" : "false",
                   " → ", b.required() ? "true" : "false");
        }
        break;
      case F::kAliasesFieldNumber:
        CompareValueSets(sink, a.aliases(), b.aliases(), kAliasWording);
        break;
      case F::kDefaultFieldNumber:
        CompareDefault(sink, a, b);
        break;
      case F::kDeriveFieldNumber:
        CompareDerive(sink, a, b);
        break;
      default:
        CompareWhole(sink, a, b, field, "", kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kBreaking);
  return absl::OkStatus();
}

// Fields matched by name: the old version's in its order (removed or
// compared), then the new version's additions in its order.
absl::Status CompareSchemaFields(ChangeSink& sink, const v1::RecordSchema& a,
                                 const v1::RecordSchema& b,
                                 const VersionLoader& loader) {
  absl::flat_hash_map<absl::string_view, const v1::SchemaField*> old_fields;
  absl::flat_hash_map<absl::string_view, const v1::SchemaField*> new_fields;
  for (const v1::SchemaField& f : a.fields()) old_fields.emplace(f.name(), &f);
  for (const v1::SchemaField& f : b.fields()) new_fields.emplace(f.name(), &f);
  for (const v1::SchemaField& f : a.fields()) {
    auto it = new_fields.find(f.name());
    if (it == new_fields.end()) {
      sink.Add(kBreaking, "field ", f.name(), " removed");
      continue;
    }
    PrefixScope scope(sink, "field ", f.name(), ": ");
    SHUYUAN_RETURN_IF_ERROR(CompareSchemaField(sink, f, *it->second, loader));
  }
  for (const v1::SchemaField& f : b.fields()) {
    if (old_fields.contains(f.name())) continue;
    if (f.required() && !f.has_default_() && !f.has_derive()) {
      sink.Add(kBreaking, "field ", f.name(), " added: required");
    } else {
      sink.Add(kCompatible, "field ", f.name(), " added");
    }
  }
  return absl::OkStatus();
}

// "id_sex(gmsfhm, xbdm)": the rule's kind and its arguments.
std::string RuleText(const v1::RecordRule& rule) {
  const FieldDescriptor* kind =
      rule.GetDescriptor()->FindFieldByNumber(rule.rule_case());
  if (kind == nullptr) return "(unknown rule)";
  const Message& body = rule.GetReflection()->GetMessage(rule, kind);
  std::vector<std::string> args;
  const auto* descriptor = body.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    std::string arg;
    if (field->type() == FieldDescriptor::TYPE_STRING &&
        !field->is_repeated()) {
      arg = body.GetReflection()->GetString(body, field);
    } else {
      google::protobuf::TextFormat::PrintFieldValueToString(body, field, -1,
                                                            &arg);
    }
    args.push_back(std::move(arg));
  }
  return absl::StrCat(kind->name(), "(", absl::StrJoin(args, ", "), ")");
}

// Rules as a multiset: a new rule may refuse records, a dropped one cannot.
void CompareRules(ChangeSink& sink, const v1::RecordSchema& a,
                  const v1::RecordSchema& b) {
  absl::flat_hash_map<std::string, int> unmatched_new;
  absl::flat_hash_map<std::string, int> unmatched_old;
  for (const v1::RecordRule& r : b.rules())
    ++unmatched_new[r.SerializeAsString()];
  for (const v1::RecordRule& r : a.rules())
    ++unmatched_old[r.SerializeAsString()];
  for (const v1::RecordRule& r : a.rules()) {
    int& left = unmatched_new[r.SerializeAsString()];
    if (left > 0) {
      --left;
    } else {
      sink.Add(kCompatible, "rule ", RuleText(r), " removed");
    }
  }
  for (const v1::RecordRule& r : b.rules()) {
    int& left = unmatched_old[r.SerializeAsString()];
    if (left > 0) {
      --left;
    } else {
      sink.Add(kBreaking, "rule ", RuleText(r), " added");
    }
  }
}

absl::Status CompareSchemas(ChangeSink& sink, const v1::RecordSchema& a,
                            const v1::RecordSchema& b,
                            const VersionLoader& loader) {
  using S = v1::RecordSchema;
  const auto* descriptor = S::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    switch (field->number()) {
      case S::kIdFieldNumber:
      case S::kVersionInfoFieldNumber:
        break;
      case S::kFieldsFieldNumber:
        SHUYUAN_RETURN_IF_ERROR(CompareSchemaFields(sink, a, b, loader));
        break;
      case S::kRulesFieldNumber:
        CompareRules(sink, a, b);
        break;
      case S::kNameZhFieldNumber:
      case S::kNameEnFieldNumber:
      case S::kDescriptionFieldNumber:
      case S::kExamplesFieldNumber:
      case S::kStandardFieldNumber:
      case S::kRemarksFieldNumber:
        CompareWhole(sink, a, b, field, "", kCompatible);
        break;
      default:
        CompareWhole(sink, a, b, field, "", kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kBreaking);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Terms and items of kinds without rules.

std::vector<std::string> RepeatedStrings(const Message& message,
                                         const FieldDescriptor* field) {
  const auto* reflection = message.GetReflection();
  std::vector<std::string> values;
  for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
    values.push_back(reflection->GetRepeatedString(message, field, i));
  }
  return values;
}

// Every line compatible (SPEC §2.11); lists of strings name each value.
void CompareTerms(ChangeSink& sink, const v1::Term& a, const v1::Term& b) {
  const auto* descriptor = v1::Term::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->number() == v1::Term::kIdFieldNumber ||
        field->number() == v1::Term::kVersionInfoFieldNumber) {
      continue;
    }
    if (field->is_repeated() && field->type() == FieldDescriptor::TYPE_STRING) {
      const std::string lead = absl::StrCat(field->name(), ": ");
      const SetWording wording = {lead, "", kCompatible, kCompatible};
      CompareValueSets(sink, RepeatedStrings(a, field),
                       RepeatedStrings(b, field), wording);
    } else {
      CompareWhole(sink, a, b, field, "", kCompatible);
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kCompatible);
}

// Coding rules (SPEC §2.12): a segment whose shape, meaning or check
// changed breaks (a code valid before may be refused now); an allowed value
// added widens; a part removed breaks the fields derived from it.
void CompareSegment(ChangeSink& sink, const v1::CodingSegment& a,
                    const v1::CodingSegment& b, absl::string_view path) {
  const auto* descriptor = v1::CodingSegment::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    switch (field->number()) {
      case v1::CodingSegment::kNameZhFieldNumber:
      case v1::CodingSegment::kRemarksFieldNumber:
        CompareWhole(sink, a, b, field, path, kCompatible);
        break;
      case v1::CodingSegment::kAllowedFieldNumber: {
        const std::string lead = absl::StrCat(path, "allowed value ");
        const SetWording wording = {lead, "'", kBreaking, kCompatible};
        CompareValueSets(sink, a.allowed(), b.allowed(), wording);
        break;
      }
      default:
        CompareWhole(sink, a, b, field, path, kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, path, kBreaking);
}

void CompareCodingRules(ChangeSink& sink, const v1::CodingRule& a,
                        const v1::CodingRule& b) {
  const auto* descriptor = v1::CodingRule::descriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const int number = field->number();
    if (number == v1::CodingRule::kIdFieldNumber ||
        number == v1::CodingRule::kVersionInfoFieldNumber ||
        number == v1::CodingRule::kSegmentsFieldNumber ||
        number == v1::CodingRule::kPartsFieldNumber) {
      continue;
    }
    CompareWhole(sink, a, b, field, "", kCompatible);  // descriptive
  }
  if (a.segments_size() != b.segments_size()) {
    sink.Add(kBreaking, "segments: ", a.segments_size(), " → ",
             b.segments_size());
  }
  for (int i = 0; i < std::min(a.segments_size(), b.segments_size()); ++i) {
    CompareSegment(sink, a.segments(i), b.segments(i),
                   absl::StrCat("segment ", a.segments(i).name(), ": "));
  }
  absl::flat_hash_map<absl::string_view, const v1::CodingPart*> new_parts;
  for (const v1::CodingPart& part : b.parts()) new_parts[part.name()] = &part;
  absl::flat_hash_set<absl::string_view> old_names;
  for (const v1::CodingPart& part : a.parts()) {
    old_names.insert(part.name());
    auto it = new_parts.find(part.name());
    if (it == new_parts.end()) {
      sink.Add(kBreaking, "part ", part.name(), " removed");
    } else if (!google::protobuf::util::MessageDifferencer::Equals(
                   part, *it->second)) {
      sink.Add(kBreaking, "part ", part.name(), " changed");
    }
  }
  for (const v1::CodingPart& part : b.parts()) {
    if (!old_names.contains(part.name())) {
      sink.Add(kCompatible, "part ", part.name(), " added");
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kBreaking);
}

// A kind added to the model after this build: every difference breaks
// until it has rules of its own.
void CompareOtherItems(ChangeSink& sink, const Message& a, const Message& b) {
  const auto* descriptor = a.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->name() != "id" && field->name() != "version_info") {
      CompareWhole(sink, a, b, field, "", kBreaking);
    }
  }
  CompareWireOnlyFields(sink, a, b, "", kBreaking);
}

// The item a document holds and its kind ("data_element"), or nullptr.
const Message* ItemOf(const v1::DefinitionDocument& document,
                      std::string* kind) {
  const FieldDescriptor* field =
      document.GetDescriptor()->FindFieldByNumber(document.item_case());
  if (field == nullptr) return nullptr;
  *kind = field->name();
  return &document.GetReflection()->GetMessage(document, field);
}

std::string ItemId(const Message& item) {
  const FieldDescriptor* field = item.GetDescriptor()->FindFieldByName("id");
  if (field == nullptr || field->is_repeated() ||
      field->type() != FieldDescriptor::TYPE_STRING) {
    return "";
  }
  return item.GetReflection()->GetString(item, field);
}

absl::Status CheckSameItem(const v1::DefinitionDocument& before,
                           const v1::DefinitionDocument& after) {
  std::string before_kind;
  std::string after_kind;
  const Message* a = ItemOf(before, &before_kind);
  const Message* b = ItemOf(after, &after_kind);
  if (a == nullptr || b == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot classify: the ", a == nullptr ? "previous" : "new",
        " document holds no item (data_element, code_list, record_schema, "
        "term)"));
  }
  if (before_kind != after_kind) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot classify a ", after_kind, " against a ",
                     before_kind, ": versions of one item have one kind"));
  }
  if (ItemId(*a) != ItemId(*b)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot classify ", after_kind, " '", ItemId(*b), "' against '",
        ItemId(*a), "': versions of one item share its id"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Classification> Classify(const v1::DefinitionDocument& before,
                                        const v1::DefinitionDocument& after,
                                        const VersionLoader& loader) {
  SHUYUAN_RETURN_IF_ERROR(CheckSameItem(before, after));
  ChangeSink sink;
  switch (before.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      SHUYUAN_RETURN_IF_ERROR(CompareElements(sink, before.data_element(),
                                              after.data_element(), loader));
      break;
    case v1::DefinitionDocument::kCodeList:
      SHUYUAN_RETURN_IF_ERROR(
          CompareCodeLists(sink, before.code_list(), after.code_list()));
      break;
    case v1::DefinitionDocument::kRecordSchema:
      SHUYUAN_RETURN_IF_ERROR(CompareSchemas(sink, before.record_schema(),
                                             after.record_schema(), loader));
      break;
    case v1::DefinitionDocument::kTerm:
      CompareTerms(sink, before.term(), after.term());
      break;
    case v1::DefinitionDocument::kCodingRule:
      CompareCodingRules(sink, before.coding_rule(), after.coding_rule());
      break;
    default: {
      std::string kind;
      CompareOtherItems(sink, *ItemOf(before, &kind), *ItemOf(after, &kind));
    }
  }
  return std::move(sink).Finish();
}

}  // namespace shuyuan::registry
