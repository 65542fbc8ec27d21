// The code lists of the hand-written ceiling validator (hand_validator.h):
// plain hash tables built once from the catalog's code-list data, answering
// membership on a reference date and the `map` step's legacy-name lookups
// (SPEC §2.3, §2.4) the way a hand-written validator would.
//
//   HandCodeList sexes(*defs.FindCodeList("GB_T_2261_1"));
//   sexes.Check("1", MakeDateKey(2024, 6, 1));     // HandMembership::kMember
//   absl::string_view code;
//   sexes.Lookup("男", as_of, &code);              // HandLookup::kFound, "1"
//
// Immutable after construction; thread-safe.
#ifndef SHUYUAN_BENCH_INTERNAL_HAND_CODE_LISTS_H_
#define SHUYUAN_BENCH_INTERNAL_HAND_CODE_LISTS_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::bench_internal {

// yyyymmdd as an integer; 0 = no date.
using Day = uint32_t;

enum class HandMembership { kMember, kNotEffective, kNotInList };
enum class HandLookup { kNotFound, kFound, kAmbiguous };

class HandCodeList {
 public:
  explicit HandCodeList(const v1::CodeList& list);

  // Membership of `code` on `day` (0 = any period).
  HandMembership Check(absl::string_view code, Day day) const;
  // Legacy name or alias → code: entries in force on `day` first, then any
  // entry; a value that is itself a code is not mapped.
  HandLookup Lookup(absl::string_view name, Day day,
                    absl::string_view* code) const;
  // The earliest valid_from of any entry (0 when some entry has none).
  Day earliest() const { return earliest_; }

 private:
  struct Period {
    Day from = 0;
    Day to = 0;
    bool Covers(Day day) const {
      return day == 0 || ((from == 0 || from <= day) && (to == 0 || day <= to));
    }
  };
  struct Named {
    std::string code;
    Period period;
  };
  // Filled by the constructor, never changed after: views stay valid.
  absl::flat_hash_map<std::string, absl::InlinedVector<Period, 1>> codes_;
  absl::flat_hash_map<std::string, absl::InlinedVector<Named, 1>> names_;
  Day earliest_ = 0;
};

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_HAND_CODE_LISTS_H_
