#include "codec/issue.h"

#include <utility>
#include <vector>

#include "codec/internal/text_decoder.h"

namespace shuyuan::codec {

void AddIssue(std::vector<Issue>* issues, int field, v1::IssueCode code,
              v1::Severity severity, std::string message,
              std::string message_zh, absl::string_view rule) {
  Issue& issue = issues->emplace_back();
  issue.field = field;
  issue.code = code;
  issue.severity = severity;
  issue.message = std::move(message);
  issue.message_zh = std::move(message_zh);
  issue.rule = std::string(rule);
}

absl::string_view IssueCodeName(v1::IssueCode code) {
  return v1::IssueCode_Name(code);
}

v1::IssueCode IssueCodeFromName(absl::string_view name) {
  v1::IssueCode code = v1::ISSUE_CODE_UNSPECIFIED;
  if (!v1::IssueCode_Parse(std::string(name), &code)) {
    return v1::ISSUE_CODE_UNSPECIFIED;
  }
  return code;
}

std::string MaskValue(absl::string_view value, v1::Sensitivity sensitivity) {
  if (sensitivity != v1::L3 && sensitivity != v1::L4) return ToValidUtf8(value);
  // Split into code points (a lead byte plus its continuation bytes).
  std::vector<absl::string_view> chars;
  for (size_t i = 0; i < value.size();) {
    size_t j = i + 1;
    while (j < value.size() &&
           (static_cast<unsigned char>(value[j]) & 0xC0) == 0x80) {
      ++j;
    }
    chars.push_back(value.substr(i, j - i));
    i = j;
  }
  constexpr size_t kKeepHead = 3;
  constexpr size_t kKeepTail = 2;
  std::string out;
  out.reserve(value.size());
  const bool whole = chars.size() <= kKeepHead + kKeepTail;
  for (size_t k = 0; k < chars.size(); ++k) {
    const bool keep =
        !whole && (k < kKeepHead || k >= chars.size() - kKeepTail);
    if (keep) {
      out.append(chars[k].data(), chars[k].size());
    } else {
      out.push_back('*');
    }
  }
  return ToValidUtf8(out);
}

std::string ToValidUtf8(absl::string_view text) {
  if (codec_internal::FindInvalidUtf8(text) == absl::string_view::npos) {
    return std::string(text);
  }
  std::string repaired;
  codec_internal::AppendRepairedUtf8(text, &repaired);
  return repaired;
}

}  // namespace shuyuan::codec
