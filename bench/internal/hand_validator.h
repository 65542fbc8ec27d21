// The ceiling of issue 10: LEGAL_PERSON_BASIC and NATURAL_PERSON_BASIC
// validated and normalised by hand-written, hard-coded C++ — no registry, no
// definitions, no compiled rules; only the code lists come from the catalog
// (as data). It reaches the codec's verdict and primary issue (the first
// error the codec reports) on every record, and the codec's normalised
// values on valid ones, so bench/ceiling_benchmark.cc can time the codec's
// CompiledSchema::Validate against it on the same rows.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<HandValidator> hand,
//                            HandValidator::Create(definition_set));
//   HandRecord record;                           // one per thread
//   HandOutcome outcome = hand->ValidateLegalPerson(values, as_of, &record);
//   if (outcome.valid) use(record.value(0));      // "91330000MA27U9XH4A"
//
// `values` are in schema field order (catalog/record_schemas/*.yaml), as
// CompiledSchema::Validate takes them; shorter spans mean empty trailing
// fields. Validation stops at the first error: the primary issue is all a
// hand-written validator of this contract reports.
//
// HandValidator is immutable after Create and thread-safe; a HandRecord is
// one per thread, and its values view the input and its own buffers.
#ifndef SHUYUAN_BENCH_INTERNAL_HAND_VALIDATOR_H_
#define SHUYUAN_BENCH_INTERNAL_HAND_VALIDATOR_H_

#include <array>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "bench/internal/hand_code_lists.h"
#include "bench/internal/hand_elements.h"
#include "codec/definition_set.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::bench_internal {

// The verdict on one record.
struct HandOutcome {
  bool valid = true;
  // The first error (ISSUE_CODE_UNSPECIFIED when valid) and its field index
  // in schema order (-1 when valid).
  v1::IssueCode issue = v1::ISSUE_CODE_UNSPECIFIED;
  int field = -1;
  // A warning (an account number failing Luhn) on a valid record.
  bool warning = false;
};

// Per-thread state: normalised values and the buffers behind them.
class HandRecord {
 public:
  static constexpr int kMaxFields = 20;
  // The normalised value of field `i` of the last valid record.
  absl::string_view value(int i) const { return values_[i]; }

 private:
  friend class HandValidator;
  std::array<absl::string_view, kMaxFields> values_;
  std::array<FieldScratch, kMaxFields> scratch_;
};

class HandValidator {
 public:
  // Builds the code lists from the set's GB_T_2260, GB_T_2261_1, GB_T_3304,
  // GB_T_2659_1, GB_32100_DJGLBM, GB_T_4754_MLDM and JYZT; NotFound naming
  // a list the set lacks.
  static absl::StatusOr<std::unique_ptr<HandValidator>> Create(
      const codec::DefinitionSet& definitions);

  // LEGAL_PERSON_BASIC's 20 fields; `as_of` is the reference date
  // (yyyymmdd).
  HandOutcome ValidateLegalPerson(absl::Span<const absl::string_view> values,
                                  Day as_of, HandRecord* record) const;
  // NATURAL_PERSON_BASIC's 11 fields.
  HandOutcome ValidateNaturalPerson(absl::Span<const absl::string_view> values,
                                    Day as_of, HandRecord* record) const;

 private:
  HandValidator() = default;

  std::vector<std::unique_ptr<HandCodeList>> lists_;
  std::unique_ptr<HandElements> elements_;
};

}  // namespace shuyuan::bench_internal

#endif  // SHUYUAN_BENCH_INTERNAL_HAND_VALIDATOR_H_
