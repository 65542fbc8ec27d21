// The batch report as one self-contained HTML page for people (SPEC §6):
// the row counts, bar charts (inline SVG) of issues per field and per code
// and of normalisations per field, the masked samples and the definitions
// used. Inline CSS, no scripts, no external assets: it opens from a mail
// attachment or an air-gapped share.
//
//   std::string html = client_internal::RenderHtmlReport(report);
//
// Pure and thread-safe.
#ifndef SHUYUAN_CLIENT_INTERNAL_HTML_REPORT_H_
#define SHUYUAN_CLIENT_INTERNAL_HTML_REPORT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "client/batch_report.h"

namespace shuyuan::client_internal {

// Appends `text` with &, <, >, " and ' escaped.
void AppendHtmlEscaped(absl::string_view text, std::string* out);

// A complete HTML5 document (UTF-8).
std::string RenderHtmlReport(const client::BatchReport& report);

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_HTML_REPORT_H_
