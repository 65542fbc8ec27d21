// CompiledCodingRule's outcomes in words, English and Chinese, worded like
// the element issues of compiled_element.cc.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/coding_rule.h"
#include "codec/internal/coding_rule_plan.h"
#include "codec/issue.h"

namespace shuyuan::codec {
namespace {

std::string FormatIsoDate(DateKey key) {
  return absl::StrFormat("%04d-%02d-%02d", key / 10000, key / 100 % 100,
                         key % 100);
}

// The code point starting at byte `offset`.
absl::string_view CharAt(absl::string_view value, size_t offset) {
  size_t end = offset + 1;
  while (end < value.size() &&
         (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) {
    ++end;
  }
  return value.substr(offset, end - offset);
}

// 1-based character position of byte `offset`.
size_t PositionOf(absl::string_view value, size_t offset) {
  size_t position = 1;
  for (size_t i = 0; i < offset && i < value.size(); ++i) {
    position += (static_cast<unsigned char>(value[i]) & 0xC0) != 0x80;
  }
  return position;
}

std::string LengthText(size_t min, size_t max) {
  return min == max ? absl::StrCat(min) : absl::StrCat(min, " to ", max);
}

std::string LengthTextZh(size_t min, size_t max) {
  return min == max ? absl::StrCat(min) : absl::StrCat(min, " 至 ", max);
}

using codec_internal::SegmentLabel;

// What Describe's helpers need to know about the fault.
struct Fault {
  const std::string& rule;  // the rule's id
  const SegmentLabel& label;
  absl::string_view value;
  const CodingRuleOutcome& outcome;
  DateKey as_of;
  v1::Sensitivity sensitivity;

  absl::string_view segment() const {
    return value.substr(outcome.offset, outcome.length);
  }
  std::string masked_segment() const {
    return MaskValue(segment(), sensitivity);
  }
};

CodingRuleMessage CharsetMessage(const Fault& f) {
  const std::string ch =
      MaskValue(CharAt(f.value, f.outcome.offset), f.sensitivity);
  const size_t position = PositionOf(f.value, f.outcome.offset);
  return {absl::StrCat(f.rule, ": character '", ch, "' at position ", position,
                       " is not allowed in segment ", f.label.path,
                       " (expected ", f.label.expected, ")"),
          absl::StrCat(f.rule, "：第 ", position, " 位字符“", ch, "”不符合段“",
                       f.label.path_zh, "”（应为 ", f.label.expected, "）")};
}

CodingRuleMessage MembershipMessage(const Fault& f) {
  const std::string v = f.masked_segment();
  const SegmentLabel& label = f.label;
  if (f.outcome.code == v1::CODE_NOT_EFFECTIVE) {
    const std::string date = FormatIsoDate(f.as_of);
    const std::string periods = label.code_list->DescribePeriods(f.segment());
    return {absl::StrCat(f.rule, ": segment ", label.path, ": code '", v,
                         "' of ", label.code_list_ref, " is not in force on ",
                         date, " (valid ", periods, ")"),
            absl::StrCat(f.rule, "：段“", label.path_zh, "”的代码“", v, "”（",
                         label.code_list_ref, "）在 ", date,
                         " 不在有效期内（有效期 ", periods, "）")};
  }
  if (label.code_list != nullptr) {
    return {absl::StrCat(f.rule, ": segment ", label.path, " ('", v,
                         "') is not a code of ", label.code_list_ref),
            absl::StrCat(f.rule, "：段“", label.path_zh, "”的值“", v,
                         "”不是代码集 ", label.code_list_ref, " 中的代码")};
  }
  return {absl::StrCat(f.rule, ": segment ", label.path, " ('", v,
                       "') is not one of: ", label.allowed),
          absl::StrCat(f.rule, "：段“", label.path_zh, "”的值“", v,
                       "”不在允许值中：", label.allowed_zh)};
}

CodingRuleMessage DateMessage(const Fault& f) {
  const std::string v = f.masked_segment();
  const SegmentLabel& label = f.label;
  if (f.outcome.code == v1::DATE_OUT_OF_RANGE) {
    const std::string date = FormatIsoDate(f.as_of);
    return {absl::StrCat(f.rule, ": segment ", label.path, " ('", v,
                         "') is after the reference date ", date),
            absl::StrCat(f.rule, "：段“", label.path_zh, "”的日期“", v,
                         "”晚于参照日期 ", date)};
  }
  return {absl::StrCat(
              f.rule, ": segment ", label.path, " ('", v, "') is not a real ",
              label.date_has_day ? "date" : "time", " (", label.date_form, ")"),
          absl::StrCat(f.rule, "：段“", label.path_zh, "”的值“", v,
                       "”不是有效的", label.date_has_day ? "日期" : "时间",
                       "（", label.date_form, "）")};
}

CodingRuleMessage CheckMessage(const Fault& f) {
  const bool one = f.label.check_length == 1;
  return {absl::StrCat(f.rule, ": the check character", one ? "" : "s",
                       " of segment ", f.label.path, one ? " does" : " do",
                       " not match ", f.label.algorithm),
          absl::StrCat(f.rule, "：段“", f.label.path_zh, "”的校验码不符合 ",
                       f.label.algorithm)};
}

}  // namespace

CodingRuleMessage CompiledCodingRule::Describe(
    const CodingRuleOutcome& outcome, absl::string_view value, DateKey as_of,
    v1::Sensitivity sensitivity) const {
  const std::string& rule = plan_->id;
  if (outcome.ok()) return CodingRuleMessage();
  if (outcome.code == v1::LENGTH_OUT_OF_RANGE || outcome.label < 0) {
    const size_t min = plan_->min_length, max = plan_->max_length;
    return {absl::StrCat(rule, ": the code has ", outcome.length, " character",
                         outcome.length == 1 ? "" : "s",
                         "; the coding rule takes ", LengthText(min, max)),
            absl::StrCat(rule, "：编码长度为 ", outcome.length,
                         " 个字符，编码规则要求 ", LengthTextZh(min, max),
                         " 个字符")};
  }
  const Fault fault{
      rule, plan_->labels[outcome.label], value, outcome, as_of, sensitivity};
  switch (outcome.code) {
    case v1::CHARSET_VIOLATION:
      return CharsetMessage(fault);
    case v1::CODE_NOT_IN_LIST:
    case v1::CODE_NOT_EFFECTIVE:
      return MembershipMessage(fault);
    case v1::INVALID_DATE:
    case v1::DATE_OUT_OF_RANGE:
      return DateMessage(fault);
    default:
      return CheckMessage(fault);
  }
}

std::string CompiledCodingRule::IssueRule(
    const CodingRuleOutcome& outcome) const {
  if (outcome.label < 0) return absl::StrCat("coding_rule ", plan_->ref);
  return absl::StrCat("coding_rule ", plan_->ref, " segment ",
                      plan_->labels[outcome.label].path);
}

}  // namespace shuyuan::codec
