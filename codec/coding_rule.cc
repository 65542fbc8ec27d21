// The validator, decoder and encoder of a compiled coding rule; the
// messages are in coding_rule_messages.cc, the compiler in
// internal/coding_rule_compiler.cc.
#include "codec/coding_rule.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "codec/internal/coding_rule_compiler.h"
#include "codec/internal/coding_rule_plan.h"
#include "codec/internal/text_decoder.h"

namespace shuyuan::codec {
namespace {

using codec_internal::CodingRulePlan;
using codec_internal::kMaxCodeLength;
using codec_internal::Slot;
using codec_internal::Step;

CodingRuleOutcome Fail(v1::IssueCode code, int label, size_t offset,
                       size_t length) {
  CodingRuleOutcome outcome;
  outcome.code = code;
  outcome.label = label;
  outcome.offset = static_cast<uint32_t>(offset);
  outcome.length = static_cast<uint32_t>(length);
  return outcome;
}

bool IsAscii(absl::string_view value) {
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

size_t CountCodePoints(absl::string_view value) {
  size_t n = 0;
  for (char c : value) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The characters a check step reads: one view, or the listed segments
// gathered into `buffer` (kMaxCodeLength bytes).
absl::string_view CheckInput(const Step& step, absl::string_view value,
                             char* buffer) {
  if (step.prefix) return value.substr(0, step.slot.Begin(value.size()));
  if (step.over.size() == 1) return step.over[0].Of(value);
  size_t n = 0;
  for (const Slot& slot : step.over) {
    const absl::string_view piece = slot.Of(value);
    piece.copy(buffer + n, piece.size());
    n += piece.size();
  }
  return absl::string_view(buffer, n);
}

// Whether the check characters of `step` in `value` are right.
bool CheckPasses(const Step& step, absl::string_view value) {
  char buffer[kMaxCodeLength];
  char computed[2];
  step.method->Compute(CheckInput(step, value, buffer), computed);
  const absl::string_view actual = step.slot.Of(value);
  return actual == absl::string_view(computed, actual.size());
}

}  // namespace

CompiledCodingRule::CompiledCodingRule(
    v1::CodingRule definition,
    std::unique_ptr<const codec_internal::CodingRulePlan> plan)
    : definition_(std::move(definition)), plan_(std::move(plan)) {}

CompiledCodingRule::~CompiledCodingRule() = default;

absl::StatusOr<std::shared_ptr<const CompiledCodingRule>>
CompiledCodingRule::Compile(const v1::CodingRule& rule,
                            const DefinitionResolver& resolver) {
  codec_internal::CodingRuleCompiler compiler(resolver);
  return compiler.Compile(rule);
}

CodingRuleOutcome CompiledCodingRule::Verify(absl::string_view value,
                                             DateKey as_of) const {
  const CodingRulePlan& plan = *plan_;
  const size_t size = value.size();
  if (size < plan.min_length || size > plan.max_length) {
    return NonAsciiOutcome(value);
  }
  for (const codec_internal::ShapeRun& run : plan.runs) {
    const size_t begin = run.slot.Begin(size);
    const size_t end = begin + run.slot.Length(size);
    const codec_internal::ByteSet& table = *run.table;
    for (size_t i = begin; i < end; ++i) {
      if (!table[static_cast<unsigned char>(value[i])]) {
        if (!IsAscii(value)) return NonAsciiOutcome(value);
        return Fail(v1::CHARSET_VIOLATION, run.label, i, 1);
      }
    }
  }
  return RunSteps(value, as_of, /*checks_only=*/false);
}

CodingRuleOutcome CompiledCodingRule::NonAsciiOutcome(
    absl::string_view value) const {
  const CodingRulePlan& plan = *plan_;
  const size_t length = CountCodePoints(value);
  if (length < plan.min_length || length > plan.max_length) {
    return Fail(v1::LENGTH_OUT_OF_RANGE, -1, 0, length);
  }
  // As many characters as the rule takes, but not all ASCII: the first
  // character beyond ASCII is the fault, in the segment at its position.
  size_t offset = 0;
  size_t position = 0;
  while (static_cast<unsigned char>(value[offset]) < 0x80) {
    ++offset;
    ++position;
  }
  int label = -1;
  for (size_t s = 0; s < plan.segments.size(); ++s) {
    const Slot& slot = plan.segments[s].slot;
    const size_t begin = slot.Begin(length);
    if (begin <= position && position < begin + slot.Length(length)) {
      label = plan.segments[s].label;
      break;
    }
  }
  return Fail(v1::CHARSET_VIOLATION, label, offset, 1);
}

CodingRuleOutcome CompiledCodingRule::RunSteps(absl::string_view value,
                                               DateKey as_of,
                                               bool checks_only) const {
  for (const Step& step : plan_->steps) {
    const size_t begin = step.slot.Begin(value.size());
    const absl::string_view segment = step.slot.Of(value);
    switch (step.kind) {
      case Step::Kind::kAllowed:
        if (!checks_only &&
            !std::binary_search(step.allowed.begin(), step.allowed.end(),
                                codec_internal::PackKey(segment))) {
          return Fail(v1::CODE_NOT_IN_LIST, step.label, begin, segment.size());
        }
        break;
      case Step::Kind::kCodeList:
        if (checks_only) break;
        switch (step.code_list->Check(segment, as_of)) {
          case CodeMembership::kMember:
            break;
          case CodeMembership::kNotInList:
            return Fail(v1::CODE_NOT_IN_LIST, step.label, begin,
                        segment.size());
          case CodeMembership::kNotEffective:
            return Fail(v1::CODE_NOT_EFFECTIVE, step.label, begin,
                        segment.size());
        }
        break;
      case Step::Kind::kDate: {
        if (checks_only) break;
        DateTimeFields fields;
        // The shape pass proved digits and separators, so a failure here
        // is a date or time that does not exist.
        if (ParseDateTime(segment, step.layout, &fields) !=
            DateTimeParse::kOk) {
          return Fail(v1::INVALID_DATE, step.label, begin, segment.size());
        }
        if (step.not_future && as_of != 0 && MakeDateKey(fields) > as_of) {
          return Fail(v1::DATE_OUT_OF_RANGE, step.label, begin, segment.size());
        }
        break;
      }
      case Step::Kind::kNested: {
        CodingRuleOutcome inner =
            step.nested->RunSteps(segment, as_of, checks_only);
        if (!inner.ok()) {
          inner.label += step.label_base;
          inner.offset += static_cast<uint32_t>(begin);
          return inner;
        }
        break;
      }
      case Step::Kind::kCheck:
        if (!CheckPasses(step, value)) {
          return Fail(v1::CHECKSUM_MISMATCH, step.label, begin, segment.size());
        }
        break;
    }
  }
  return CodingRuleOutcome();
}

absl::StatusOr<DecodedCode> CompiledCodingRule::Decode(absl::string_view value,
                                                       DateKey as_of) const {
  CodingRuleOutcome outcome = Verify(value, as_of);
  if (outcome.code == v1::LENGTH_OUT_OF_RANGE ||
      outcome.code == v1::CHARSET_VIOLATION) {
    return absl::InvalidArgumentError(
        Describe(outcome, value, as_of, v1::L1).message);
  }
  DecodedCode decoded;
  for (size_t i = 0; i < plan_->parts.size(); ++i) {
    decoded.parts.push_back(CodePart{
        plan_->parts[i].name, std::string(Part(static_cast<int>(i), value))});
  }
  decoded.outcome.code = outcome.code;
  if (!outcome.ok()) {
    CodingRuleMessage message = Describe(outcome, value, as_of, v1::L1);
    decoded.message = std::move(message.message);
    decoded.message_zh = std::move(message.message_zh);
  }
  return decoded;
}

absl::StatusOr<std::string> CompiledCodingRule::Encode(
    absl::string_view body) const {
  const CodingRulePlan& plan = *plan_;
  const size_t size = body.size() + plan.check_total;
  if (size < plan.min_length || size > plan.max_length) {
    const size_t min = plan.min_length - plan.check_total;
    const size_t max = plan.max_length - plan.check_total;
    return absl::InvalidArgumentError(absl::StrCat(
        plan.ref, ": a body (the code without its check segments) has ",
        min == max ? absl::StrCat(min) : absl::StrCat(min, " to ", max),
        " characters, got ", CountCodePoints(body)));
  }
  // The code with its check characters still blank; body_offset[i] maps a
  // code position back to the body.
  std::string code(size, '\0');
  int body_offset[kMaxCodeLength];
  size_t taken = 0;
  for (size_t s = 0; s < plan.segments.size(); ++s) {
    const codec_internal::TopSegment& segment = plan.segments[s];
    const size_t begin = segment.slot.Begin(size);
    const size_t length = segment.slot.Length(size);
    for (size_t k = 0; k < length; ++k) {
      body_offset[begin + k] = segment.is_check ? -1 : static_cast<int>(taken);
      if (!segment.is_check) code[begin + k] = body[taken++];
    }
  }
  for (const codec_internal::ShapeRun& run : plan.runs) {
    if (plan.segments[run.top_segment].is_check) continue;
    const size_t begin = run.slot.Begin(size);
    const size_t end = begin + run.slot.Length(size);
    for (size_t i = begin; i < end; ++i) {
      if (!(*run.table)[static_cast<unsigned char>(code[i])]) {
        const codec_internal::SegmentLabel& label = plan.labels[run.label];
        return absl::InvalidArgumentError(absl::StrCat(
            plan.ref, ": expected ", label.expected, " (segment ", label.path,
            ") at offset ", body_offset[i], " of the body, found '",
            absl::CHexEscape(code.substr(i, 1)), "'"));
      }
    }
  }
  // Nested codes keep their check characters; they must be right, or the
  // code would fail its own check. Then the checks, in code order (a check
  // may cover an earlier one).
  for (const Step& step : plan.steps) {
    if (step.kind == Step::Kind::kNested) {
      const CodingRuleOutcome inner =
          step.nested->RunSteps(step.slot.Of(code), 0, /*checks_only=*/true);
      if (!inner.ok()) {
        const absl::string_view segment = step.slot.Of(code);
        return absl::InvalidArgumentError(absl::StrCat(
            plan.ref, ": segment ", plan.labels[step.label].path, " ('",
            absl::CHexEscape(segment), "') fails the check characters of ",
            step.nested->ref(), " (segment ",
            plan.labels[step.label_base + inner.label].path, ")"));
      }
    } else if (step.kind == Step::Kind::kCheck) {
      char buffer[kMaxCodeLength];
      char computed[2];
      step.method->Compute(CheckInput(step, code, buffer), computed);
      const size_t begin = step.slot.Begin(size);
      code.replace(begin, step.slot.Length(size), computed,
                   step.slot.Length(size));
    }
  }
  return code;
}

absl::Span<const absl::string_view> CompiledCodingRule::part_names() const {
  return plan_->part_names;
}

int CompiledCodingRule::PartIndex(absl::string_view name) const {
  for (size_t i = 0; i < plan_->part_names.size(); ++i) {
    if (plan_->part_names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

absl::string_view CompiledCodingRule::Part(int index,
                                           absl::string_view value) const {
  if (index < 0 || index >= static_cast<int>(plan_->parts.size()) ||
      value.size() < plan_->min_length || value.size() > plan_->max_length) {
    return {};
  }
  const codec_internal::PartPlan& part = plan_->parts[index];
  const absl::string_view slice = part.slot.Of(value);
  if (!part.parity) return slice;
  if (slice.empty()) return {};
  return ((slice.back() - '0') & 1) != 0 ? absl::string_view(part.odd)
                                         : absl::string_view(part.even);
}

absl::string_view CompiledCodingRule::PartOf(absl::string_view value,
                                             absl::string_view name) const {
  return Part(PartIndex(name), value);
}

size_t CompiledCodingRule::min_length() const { return plan_->min_length; }
size_t CompiledCodingRule::max_length() const { return plan_->max_length; }
const std::string& CompiledCodingRule::id() const { return plan_->id; }
const std::string& CompiledCodingRule::ref() const { return plan_->ref; }

}  // namespace shuyuan::codec
