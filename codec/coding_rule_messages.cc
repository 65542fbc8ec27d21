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

}  // namespace

CodingRuleMessage CompiledCodingRule::Describe(
    const CodingRuleOutcome& outcome, absl::string_view value, DateKey as_of,
    v1::Sensitivity sensitivity) const {
  CodingRuleMessage out;
  if (outcome.ok()) return out;
  const std::string& rule = plan_->id;
  if (outcome.code == v1::LENGTH_OUT_OF_RANGE || outcome.label < 0) {
    if (outcome.code == v1::LENGTH_OUT_OF_RANGE) {
      out.message = absl::StrCat(
          rule, ": the code has ", outcome.length, " character",
          outcome.length == 1 ? "" : "s", "; the coding rule takes ",
          LengthText(plan_->min_length, plan_->max_length));
      out.message_zh = absl::StrCat(
          rule, "：编码长度为 ", outcome.length, " 个字符，编码规则要求 ",
          LengthTextZh(plan_->min_length, plan_->max_length), " 个字符");
    } else {
      out.message = absl::StrCat(rule, ": ", IssueCodeName(outcome.code));
      out.message_zh = out.message;
    }
    return out;
  }
  const codec_internal::SegmentLabel& label = plan_->labels[outcome.label];
  const std::string segment =
      MaskValue(value.substr(outcome.offset, outcome.length), sensitivity);
  const std::string& path = label.path;
  const std::string& path_zh = label.path_zh;
  switch (outcome.code) {
    case v1::CHARSET_VIOLATION: {
      const std::string ch =
          MaskValue(CharAt(value, outcome.offset), sensitivity);
      const size_t position = PositionOf(value, outcome.offset);
      out.message = absl::StrCat(rule, ": character '", ch, "' at position ",
                                 position, " is not allowed in segment ", path,
                                 " (expected ", label.expected, ")");
      out.message_zh =
          absl::StrCat(rule, "：第 ", position, " 位字符“", ch, "”不符合段“",
                       path_zh, "”（应为 ", label.expected, "）");
      break;
    }
    case v1::CODE_NOT_IN_LIST:
      if (label.code_list != nullptr) {
        out.message = absl::StrCat(rule, ": segment ", path, " ('", segment,
                                   "') is not a code of ", label.code_list_ref);
        out.message_zh =
            absl::StrCat(rule, "：段“", path_zh, "”的值“", segment,
                         "”不是代码集 ", label.code_list_ref, " 中的代码");
      } else {
        out.message = absl::StrCat(rule, ": segment ", path, " ('", segment,
                                   "') is not one of: ", label.allowed);
        out.message_zh = absl::StrCat(rule, "：段“", path_zh, "”的值“", segment,
                                      "”不在允许值中：", label.allowed_zh);
      }
      break;
    case v1::CODE_NOT_EFFECTIVE: {
      const std::string date = FormatIsoDate(as_of);
      const std::string periods = label.code_list->DescribePeriods(
          value.substr(outcome.offset, outcome.length));
      out.message =
          absl::StrCat(rule, ": segment ", path, ": code '", segment, "' of ",
                       label.code_list_ref, " is not in force on ", date,
                       " (valid ", periods, ")");
      out.message_zh = absl::StrCat(rule, "：段“", path_zh, "”的代码“", segment,
                                    "”（", label.code_list_ref, "）在 ", date,
                                    " 不在有效期内（有效期 ", periods, "）");
      break;
    }
    case v1::INVALID_DATE:
      out.message = absl::StrCat(
          rule, ": segment ", path, " ('", segment, "') is not a real ",
          label.date_has_day ? "date" : "time", " (", label.date_form, ")");
      out.message_zh = absl::StrCat(
          rule, "：段“", path_zh, "”的值“", segment, "”不是有效的",
          label.date_has_day ? "日期" : "时间", "（", label.date_form, "）");
      break;
    case v1::DATE_OUT_OF_RANGE: {
      const std::string date = FormatIsoDate(as_of);
      out.message = absl::StrCat(rule, ": segment ", path, " ('", segment,
                                 "') is after the reference date ", date);
      out.message_zh = absl::StrCat(rule, "：段“", path_zh, "”的日期“", segment,
                                    "”晚于参照日期 ", date);
      break;
    }
    case v1::CHECKSUM_MISMATCH:
      out.message = absl::StrCat(
          rule, ": the check character", label.check_length == 1 ? "" : "s",
          " of segment ", path, label.check_length == 1 ? " does" : " do",
          " not match ", label.algorithm);
      out.message_zh = absl::StrCat(rule, "：段“", path_zh, "”的校验码不符合 ",
                                    label.algorithm);
      break;
    default:
      out.message = absl::StrCat(rule, ": segment ", path, ": ",
                                 IssueCodeName(outcome.code));
      out.message_zh = absl::StrCat(rule, "：段“", path_zh, "”：",
                                    IssueCodeName(outcome.code));
      break;
  }
  return out;
}

std::string CompiledCodingRule::IssueRule(
    const CodingRuleOutcome& outcome) const {
  if (outcome.label < 0) return absl::StrCat("coding_rule ", plan_->ref);
  return absl::StrCat("coding_rule ", plan_->ref, " segment ",
                      plan_->labels[outcome.label].path);
}

}  // namespace shuyuan::codec
