// Issue: one finding of validation (SPEC §3.2), in the compact form the
// codec produces on its hot path; CompiledSchema::ToProto turns it into a
// v1::Issue with field names, element refs and masked values.
//
//   std::vector<Issue> issues;
//   if (!element.Check(value, as_of, field, &issues)) { ... }
//   for (const Issue& issue : issues) std::cout << IssueCodeName(issue.code);
//
// Also: masking of sensitive values (L3/L4) for anything that leaves the
// codec. The functions are pure and thread-safe; an Issue is a plain value.
#ifndef SHUYUAN_CODEC_ISSUE_H_
#define SHUYUAN_CODEC_ISSUE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {

// One issue as the codec finds it, before ToProto names its field.
struct Issue {
  int field = -1;  // schema field index; -1 = the record (or a lone value)
  v1::IssueCode code = v1::ISSUE_CODE_UNSPECIFIED;
  v1::Severity severity = v1::ERROR;
  std::string message;     // English
  std::string message_zh;  // Chinese
  std::string rule;    // the check or record rule, e.g. "checksum", "id_sex"
  std::string column;  // with field == -1: the input column concerned
};

// Appends an issue on schema field `field` (-1: the record or lone value).
void AddIssue(std::vector<Issue>* issues, int field, v1::IssueCode code,
              v1::Severity severity, std::string message,
              std::string message_zh, absl::string_view rule);

// "CHECKSUM_MISMATCH" etc.
absl::string_view IssueCodeName(v1::IssueCode code);

// Parses a stable issue code name; ISSUE_CODE_UNSPECIFIED when unknown.
v1::IssueCode IssueCodeFromName(absl::string_view name);

// Characters of a value that an issue quotes (in its messages and in its
// original and normalised values): a longer value is cut there, so that
// one huge field cannot make huge issues, reports or reject lines.
inline constexpr size_t kMaxQuotedChars = 256;

// The value as it may leave the codec: unchanged up to L2; for L3/L4 all but
// the first 3 and last 2 characters (code points) become '*', and values of
// 5 characters or fewer are masked whole. When the value has more than
// `max_chars` characters (0: no limit), only the first `max_chars` of the
// masked value are kept, followed by "…[N chars]" with N its full length;
// the work is bounded by the value's length, without copying it.
std::string MaskValue(absl::string_view value, v1::Sensitivity sensitivity,
                      size_t max_chars = kMaxQuotedChars);

// `text` as it may go into a protobuf string field, which must hold UTF-8:
// unchanged when well-formed, else with each ill-formed sequence replaced by
// U+FFFD. Values reach the codec from files and RPCs, so anything that
// quotes them passes through here.
std::string ToValidUtf8(absl::string_view text);

}  // namespace shuyuan::codec

#endif  // SHUYUAN_CODEC_ISSUE_H_
