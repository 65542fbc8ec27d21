// Divisions: the GB/T 2260 administrative division list seen from one
// reference date, as the generator needs it: county codes in force then,
// codes abolished before it, codes that came into force only after the
// list's first date (for identity numbers whose address code did not yet
// exist when their holder was born), names that map to exactly one code and
// names shared by several, and codes the list never had.
//
//   SHUYUAN_ASSIGN_OR_RETURN(Divisions divisions,
//                            Divisions::Build(*gb2260, as_of));
//   const CodeEntry& county = divisions.AnyCurrentCounty(rng);
//   std::string address;
//   divisions.AppendFullName(county.code, as_of.Key(), &address);
//
// Immutable after Build; thread-safe to read. Points into the CodeList it
// was built from, which must outlive it.
#ifndef SHUYUAN_DATAGEN_DIVISIONS_H_
#define SHUYUAN_DATAGEN_DIVISIONS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "datagen/civil_date.h"
#include "datagen/code_tables.h"
#include "datagen/rng.h"

namespace shuyuan::datagen {

// Hashing and equality of std::string keys that std::string_view can look
// up without a copy (Debian's Abseil has its own string_view).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>()(s);
  }
};
struct TextEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const {
    return a == b;
  }
};

class Divisions {
 public:
  // FailedPrecondition when the list lacks what the generator draws from
  // (county codes in force on `as_of`, abolished ones, later ones, names
  // shared by several codes).
  static absl::StatusOr<Divisions> Build(const CodeList& gb2260,
                                         CivilDate as_of);

  // The earliest valid_from of the list: a birth date before it is checked
  // for membership only.
  int32_t earliest() const { return earliest_; }

  // Mainland county-level entries in force on the reference date.
  const CodeEntry& AnyCurrentCounty(Rng& rng) const {
    return *current_counties_[rng.Below(current_counties_.size())];
  }
  // Any mainland county-level entry, whatever its period.
  const CodeEntry& AnyCounty(Rng& rng) const {
    return *all_counties_[rng.Below(all_counties_.size())];
  }
  // A county-level code no entry of which is in force on the reference
  // date (abolished before it).
  const CodeEntry& AnyFormerCounty(Rng& rng) const {
    return *former_counties_[rng.Below(former_counties_.size())];
  }
  // A county entry that starts after earliest(), by the reference date, and
  // whose code has no entry in force on the day before it starts.
  const CodeEntry& AnyLateCounty(Rng& rng) const {
    return *late_counties_[rng.Below(late_counties_.size())];
  }
  // A province-level entry in force on the reference date.
  const CodeEntry& AnyProvince(Rng& rng) const {
    return *provinces_[rng.Below(provinces_.size())];
  }
  // A name (or alias) that several codes in force on the reference date
  // share: the map step finds it ambiguous.
  std::string_view AnySharedName(Rng& rng) const {
    return shared_names_[rng.Below(shared_names_.size())];
  }
  // A six-digit code under a mainland province that the list never had.
  std::string UnlistedCode(Rng& rng) const;

  bool Listed(std::string_view code) const { return by_code_.contains(code); }
  // True when an entry of `code` covers `day`.
  bool InForce(std::string_view code, int32_t day) const;
  // The name of `code` on `day` (or of its nearest entry); empty if unlisted.
  std::string_view NameOn(std::string_view code, int32_t day) const;
  // A name or alias that maps to `code` alone on the reference date; empty
  // when there is none.
  std::string_view AnyUniqueName(std::string_view code, Rng& rng) const;
  // Province, prefecture (when listed) and county names of `code` on `day`:
  // 浙江省杭州市西湖区.
  void AppendFullName(std::string_view code, int32_t day,
                      std::string* out) const;

 private:
  int32_t as_of_ = 0;
  int32_t earliest_ = 0;
  absl::flat_hash_map<std::string, std::vector<const CodeEntry*>, TextHash,
                      TextEq>
      by_code_;
  absl::flat_hash_map<std::string, std::vector<std::string>, TextHash, TextEq>
      unique_names_;
  std::vector<const CodeEntry*> all_counties_;
  std::vector<const CodeEntry*> current_counties_;
  std::vector<const CodeEntry*> former_counties_;
  std::vector<const CodeEntry*> late_counties_;
  std::vector<const CodeEntry*> provinces_;
  std::vector<std::string> shared_names_;
};

// True for the first two digits of a mainland province-level code that
// GB 11643 accepts (11-15, 21-23, 31-37, 41-46, 50-54, 61-65).
bool IsMainlandProvince(std::string_view code);

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_DIVISIONS_H_
