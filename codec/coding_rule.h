// CompiledCodingRule: a coding rule (编码规则, SPEC §2.12) compiled into a
// table-driven validator, decoder and encoder. A rule describes a code as
// segments in order (a charset, a small list of allowed values, a code from
// a code list, a date, a literal, a nested rule, a check character) plus
// derived parts, so a province's own codes work wherever the built-in
// national codes of codec/checksum.h do.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledCodingRule> rule,
//                            CompiledCodingRule::Compile(proto, resolver));
//   const CodingRuleOutcome outcome = rule->Verify(value, as_of);  // no alloc
//   if (!outcome.ok()) {
//     CodingRuleMessage m = rule->Describe(outcome, value, as_of, v1::L1);
//     // m.message: "ZJ_CATALOG_CODE: segment opened_on ('20210230') is not
//     //             a real date (YYYYMMDD)"
//   }
//   absl::StatusOr<DecodedCode> parts = rule->Decode(value, as_of);
//   absl::StatusOr<std::string> code = rule->Encode(body);  // adds checks
//
// Verify checks, in this order, and reports the first failure:
//  1. the length in characters (LENGTH_OUT_OF_RANGE);
//  2. every character against its segment (CHARSET_VIOLATION, naming the
//     segment and position): charsets, the characters of allowed values,
//     date digits and separators, literals, nested rules' own segments,
//     check characters' alphabets; a character outside printable ASCII
//     fails every segment;
//  3. each segment's meaning, in code order: allowed values and code-list
//     membership (CODE_NOT_IN_LIST; CODE_NOT_EFFECTIVE when the code exists
//     but is not in force on the reference date), real dates (INVALID_DATE)
//     not after the reference date where `not_future` (DATE_OUT_OF_RANGE),
//     nested rules (steps 3 and 4 of their own);
//  4. check characters, in code order (CHECKSUM_MISMATCH).
//
// Compile refuses definitions that cannot work with InvalidArgument carrying
// an ErrorSite {"coding_rule", id, "segments[3].check"}: lengths that do not
// add up, a check over a later segment or over characters outside its
// algorithm's alphabet, an unknown algorithm, a WEIGHTED check whose
// check_chars or weights do not fit, two variable-length segments, parts
// from unknown segments. A nested rule or code list the resolver does not
// know is NotFound, sited at the segment.
//
// Immutable and thread-safe after Compile. Verify and Part never allocate;
// Describe, Decode and Encode allocate their results.
#ifndef SHUYUAN_CODEC_CODING_RULE_H_
#define SHUYUAN_CODEC_CODING_RULE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "codec/date_time.h"
#include "codec/definition_resolver.h"
#include "codec/structured_code.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec_internal {
struct CodingRulePlan;
class CodingRuleCompiler;
}  // namespace shuyuan::codec_internal

namespace shuyuan::codec {

// The verdict of CompiledCodingRule::Verify: a plain value; copy freely.
// Describe turns it into messages.
struct CodingRuleOutcome {
  v1::IssueCode code = v1::ISSUE_CODE_UNSPECIFIED;  // UNSPECIFIED = passes
  int label = -1;       // the segment at fault; -1 = the whole value
  uint32_t offset = 0;  // byte offset of the bad character, or of the segment
  uint32_t length = 0;  // LENGTH_OUT_OF_RANGE: the value's length in
                        // characters; else the segment's
  bool ok() const { return code == v1::ISSUE_CODE_UNSPECIFIED; }
};

// An outcome in words, as an issue carries it.
struct CodingRuleMessage {
  std::string message;     // English
  std::string message_zh;  // Chinese
};

// Thread-safe; immutable after Compile.
class CompiledCodingRule {
 public:
  // Compiles `rule`, resolving nested rules and code lists through
  // `resolver` (code lists through resolver.CompileCodeList, so they are
  // shared). A rule nested several times compiles once. Errors: see above.
  static absl::StatusOr<std::shared_ptr<const CompiledCodingRule>> Compile(
      const v1::CodingRule& rule, const DefinitionResolver& resolver);

  ~CompiledCodingRule();
  CompiledCodingRule(const CompiledCodingRule&) = delete;
  CompiledCodingRule& operator=(const CompiledCodingRule&) = delete;

  // Checks `value` (already normalised) on the reference date `as_of`
  // (yyyymmdd; 0 skips `not_future` and effective dates). No allocation.
  CodingRuleOutcome Verify(absl::string_view value, DateKey as_of) const;

  // The outcome of Verify(value, as_of) in English and Chinese, naming the
  // rule, the segment and its value (masked per `sensitivity`, as issues
  // mask values of L3/L4 elements). Empty messages for a passing outcome.
  CodingRuleMessage Describe(const CodingRuleOutcome& outcome,
                             absl::string_view value, DateKey as_of,
                             v1::Sensitivity sensitivity) const;

  // The `rule` of an issue for `outcome`: "coding_rule ID segment PATH", or
  // "coding_rule ID" for the length.
  std::string IssueRule(const CodingRuleOutcome& outcome) const;

  // Every segment and part of `value` by name (CodePartNames order), with
  // the verdict of steps 3 and 4 in `outcome.code` and `message` /
  // `message_zh` (outcome.detail stays empty: the message names the
  // segment). InvalidArgument, with the message of steps 1 or 2, when the
  // value is not shaped as the code.
  absl::StatusOr<DecodedCode> Decode(absl::string_view value,
                                     DateKey as_of) const;

  // The code for `body`: the code without its check segments (nested
  // rules' check characters stay in the body). Computes the check
  // characters in code order. InvalidArgument naming the offset in the body
  // and the segment for a body of the wrong length or with a character its
  // segment does not take, and for a nested code whose own check fails.
  // Dates, lists and allowed values are not checked, so that test data for
  // those rules can be built; Verify reports them.
  absl::StatusOr<std::string> Encode(absl::string_view body) const;

  // Part names in decode order: segments in code order, each nested rule's
  // parts after its segment as "segment.part", then derived parts.
  absl::Span<const absl::string_view> part_names() const;
  // The index of part `name` in part_names(), or -1.
  int PartIndex(absl::string_view name) const;
  // Part `index` of a value that passed Verify's steps 1 and 2: a view into
  // `value`, or into the rule for parity parts. No allocation.
  absl::string_view Part(int index, absl::string_view value) const;
  // Part(PartIndex(name), value); empty for an unknown name.
  absl::string_view PartOf(absl::string_view value,
                           absl::string_view name) const;

  size_t min_length() const;
  size_t max_length() const;
  const std::string& id() const;
  const std::string& ref() const;  // "ID", or "ID@VERSION" when registered
  const v1::CodingRule& definition() const { return definition_; }

 private:
  friend class codec_internal::CodingRuleCompiler;
  CompiledCodingRule(
      v1::CodingRule definition,
      std::unique_ptr<const codec_internal::CodingRulePlan> plan);

  // Steps 3 and 4 (only the check characters, at every level, when
  // `checks_only`) on a value that passed steps 1 and 2.
  CodingRuleOutcome RunSteps(absl::string_view value, DateKey as_of,
                             bool checks_only) const;
  // The outcome for a value that failed step 1 or 2 and is not ASCII.
  CodingRuleOutcome NonAsciiOutcome(absl::string_view value) const;

  // Immutable after construction.
  v1::CodingRule definition_;
  std::unique_ptr<const codec_internal::CodingRulePlan> plan_;
};

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_CODING_RULE_H_
