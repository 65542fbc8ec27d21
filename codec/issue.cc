#include "codec/issue.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
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

namespace {

// The end of the code point starting at byte `i`: its lead byte and the
// continuation bytes after it.
size_t CharEnd(absl::string_view text, size_t i) {
  size_t j = i + 1;
  while (j < text.size() &&
         (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) {
    ++j;
  }
  return j;
}

}  // namespace

std::string MaskValue(absl::string_view value, v1::Sensitivity sensitivity,
                      size_t max_chars) {
  const bool mask = sensitivity == v1::L3 || sensitivity == v1::L4;
  // A code point takes at least one byte: short values need no counting.
  if (!mask && (max_chars == 0 || value.size() <= max_chars)) {
    return ToValidUtf8(value);
  }
  size_t chars = 0;
  for (size_t i = 0; i < value.size(); i = CharEnd(value, i)) ++chars;
  constexpr size_t kKeepHead = 3;
  constexpr size_t kKeepTail = 2;
  const bool whole = chars <= kKeepHead + kKeepTail;
  const bool cut = max_chars > 0 && chars > max_chars;
  std::string out;
  size_t k = 0;
  for (size_t i = 0; i < value.size() && !(cut && k == max_chars); ++k) {
    const size_t end = CharEnd(value, i);
    if (!mask || (!whole && (k < kKeepHead || k >= chars - kKeepTail))) {
      out.append(value.data() + i, end - i);
    } else {
      out.push_back('*');
    }
    i = end;
  }
  if (cut) absl::StrAppend(&out, "…[", chars, " chars]");
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
