// The normalisers of SPEC §2.3, compiled once per data element and applied
// to millions of values. A Normalizer runs an element's `normalize` steps in
// order (width, nfc, trim, collapse_spaces, remove, replace, upper, lower,
// pad_left, date, map, id15to18, regex_replace) and reports which steps
// changed the value, so that provenance is never lost.
//
//   NormalizerOptions options;
//   options.date_layout = DateTimeLayout::kYyyymmdd;
//   absl::StatusOr<Normalizer> normalizer =
//       Normalizer::Compile(element.normalize(), options);
//   if (!normalizer.ok()) return normalizer.status();  // names the step
//
//   NormalizeScratch scratch;  // one per thread, reused for every value
//   NormalizeResult r = normalizer->Apply("2021年7月8日", as_of, &scratch);
//   // r.value == "20210708", r.changed_steps has the date step's bit.
//
// Apply never allocates for a value that is already canonical (each step
// only scans it) and, once the scratch buffers have grown, not for dirty
// values either, except that a regex_replace step allocates (inside RE2)
// when it rewrites a value its pattern matches. Steps work on UTF-8 and leave
// ill-formed bytes as they are.
#ifndef SHUYUAN_CODEC_NORMALIZER_H_
#define SHUYUAN_CODEC_NORMALIZER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/date_time.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {
class QuietText;
}

namespace shuyuan::codec {

// Result of the map step's lookup.
struct MapLookup {
  enum Kind { kNotFound, kFound, kAmbiguous };
  Kind kind = kNotFound;
  absl::string_view code;  // valid when kFound; owned by the mapper
};

// Looks up legacy values for the `map` step: code list names and aliases
// plus the element's own aliases, honouring effective dates. Implemented by
// the schema compiler. Implementations must be thread-safe, and the views
// they return must stay valid as long as the mapper lives.
class ValueMapper {
 public:
  virtual ~ValueMapper() = default;
  virtual MapLookup Lookup(absl::string_view value, DateKey as_of) const = 0;
};

struct NormalizerOptions {
  // The element's canonical datetime layout; the `date` step writes into it.
  // Default kNone; required (not kNone) when a `date` step exists.
  DateTimeLayout date_layout = DateTimeLayout::kNone;
  // Default nullptr; required when a `map` step exists. Not owned: must
  // outlive the Normalizer.
  const ValueMapper* mapper = nullptr;
};

// Reusable per-thread buffers so that Apply allocates nothing in steady
// state. Not thread-safe: one per thread. A NormalizeResult's value may
// point into it, so it must not be reused while that value is needed.
struct NormalizeScratch {
  std::string a;
  std::string b;
};

struct NormalizeResult {
  // The input itself when nothing changed, a sub-view of it (trim), a view
  // into the scratch, or a code owned by the mapper.
  absl::string_view value;
  uint32_t changed_steps = 0;  // bit i set when step i changed the value
  v1::IssueCode issue = v1::ISSUE_CODE_UNSPECIFIED;  // AMBIGUOUS_VALUE (map)
  int issue_step = -1;                               // the step that raised it
};

// A compiled list of normalisation steps. Immutable after Compile and
// thread-safe for concurrent Apply (each thread with its own scratch).
// Movable, not copyable.
class Normalizer {
 public:
  // At most this many steps (changed_steps is a 32-bit mask).
  static constexpr size_t kMaxSteps = 32;
  // pad_left widths above this are refused (they would only ever be typos).
  static constexpr uint32_t kMaxPadWidth = 1024;

  // Compiles `steps`. InvalidArgument naming the step, e.g.
  // "normalize[3] (date): unknown token 'Q' in input form 'YYYY-Q' ...",
  // for: an empty step, a bad date form (or one that cannot fill the
  // layout), pad_left with a fill that is not exactly one character or a
  // width of 0 or above kMaxPadWidth, remove with no chars, replace with no
  // pairs or an empty key, a date step without options.date_layout, a map
  // step without options.mapper, a regex_replace with an empty or invalid
  // pattern or a replacement naming a group the pattern lacks, and more
  // than kMaxSteps steps.
  static absl::StatusOr<Normalizer> Compile(
      const google::protobuf::RepeatedPtrField<v1::NormalizeStep>& steps,
      const NormalizerOptions& options);

  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;
  ~Normalizer();

  // Runs every step on `input`. `as_of` is the reference date for the map
  // step's effective dates. The result may view `input` and `*scratch`.
  NormalizeResult Apply(absl::string_view input, DateKey as_of,
                        NormalizeScratch* scratch) const;

  size_t step_count() const;
  // "width", "nfc", "trim", "collapse_spaces", "remove", "replace", "upper",
  // "lower", "pad_left", "date", "map", "id15to18" or "regex_replace".
  // i < step_count().
  absl::string_view step_name(size_t i) const;

 private:
  // Compile's work; sets `*failed_step` to the index of the step at fault.
  static absl::StatusOr<Normalizer> CompileSteps(
      const google::protobuf::RepeatedPtrField<v1::NormalizeStep>& steps,
      const NormalizerOptions& options, int* failed_step);

  struct Step;  // one compiled step; defined in normalizer.cc

  Normalizer();

  // Plans the fast path below from steps_.
  void PlanQuiet();

  // Immutable after Compile.
  std::vector<Step> steps_;
  // Whether every scanning step (width, nfc, trim, collapse_spaces, remove,
  // replace, upper, lower) would leave a value unchanged, in one pass
  // instead of one scan per step. Always set by Compile; a pointer keeps the
  // internal type out of this header.
  std::unique_ptr<const codec_internal::QuietText> quiet_;
  // The steps that are not scanning steps (pad_left, date, map, id15to18,
  // regex_replace): on a quiet value only these can act.
  std::vector<uint8_t> non_scanning_;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_NORMALIZER_H_
