#include "client/internal/html_report.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace shuyuan::client_internal {
namespace {

using client::BatchReport;
using client::FieldCounts;

constexpr char kStyle[] = R"(
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;
  margin:2em auto;max-width:1100px;color:#1d2733;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #d5dbe3}
.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #d5dbe3;border-radius:6px;padding:.6em 1em;min-width:9em}
.card b{display:block;font-size:1.6em}
.ok b{color:#1b7f3b}.warn b{color:#a86b00}.bad b{color:#b3261e}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #e6eaf0;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f4f6f9}code{font-size:12px}
svg text{font:12px system-ui,"Noto Sans CJK SC",sans-serif;fill:#1d2733}
.muted{color:#6b7785}
)";

struct Bar {
  std::string label;
  uint64_t value;
};

// A horizontal bar chart: one row per bar, largest first (at most 40).
void AppendBarChart(std::vector<Bar> bars, absl::string_view color,
                    std::string* out) {
  if (bars.empty()) {
    out->append("<p class=\"muted\">none</p>\n");
    return;
  }
  std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
    return a.value > b.value;
  });
  if (bars.size() > 40) bars.resize(40);
  constexpr int kLabelWidth = 300, kBarWidth = 560, kRow = 22;
  const uint64_t max = std::max<uint64_t>(1, bars.front().value);
  const int height = static_cast<int>(bars.size()) * kRow + 4;
  absl::StrAppendFormat(
      out,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
      "role=\"img\">\n",
      kLabelWidth + kBarWidth + 80, height);
  for (size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * kRow + 2;
    const int width = std::max<int>(
        1,
        static_cast<int>(static_cast<double>(bars[i].value) / max * kBarWidth));
    out->append("<text x=\"0\" y=\"");
    absl::StrAppend(out, y + 15, "\">");
    AppendHtmlEscaped(bars[i].label, out);
    absl::StrAppendFormat(
        out,
        "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        "fill=\"%s\"/><text x=\"%d\" y=\"%d\">%d</text>\n",
        kLabelWidth, y + 3, width, kRow - 6, color, kLabelWidth + width + 6,
        y + 15, bars[i].value);
  }
  out->append("</svg>\n");
}

std::vector<Bar> PerField(const std::vector<FieldCounts>& fields) {
  std::vector<Bar> bars;
  for (const FieldCounts& field : fields) {
    uint64_t total = 0;
    for (const auto& [name, count] : field.counts) total += count;
    bars.push_back({field.field.empty() ? "(row)" : field.field, total});
  }
  return bars;
}

void AppendCard(absl::string_view css, absl::string_view label, uint64_t value,
                std::string* out) {
  absl::StrAppend(out, "<div class=\"card ", css, "\"><b>", value, "</b>");
  AppendHtmlEscaped(label, out);
  out->append("</div>");
}

void AppendCell(absl::string_view text, std::string* out) {
  out->append("<td>");
  AppendHtmlEscaped(text, out);
  out->append("</td>");
}

// A part of a split run: its range; a merged run: a table of its parts.
void AppendSplit(const BatchReport& report, std::string* out) {
  if (report.range.has_value()) {
    absl::StrAppendFormat(out,
                          "<p class=\"muted\">part: bytes %d–%d of %d, "
                          "from line %d</p>\n",
                          report.range->start, report.range->end,
                          report.range->input_size, report.range->first_line);
  }
  if (report.parts.empty()) return;
  out->append(
      "<h2>Parts · 分片</h2>\n<table><tr><th>report</th><th>bytes</th>"
      "<th>first line</th><th>rows</th><th>SHA-256 of the bytes</th></tr>\n");
  for (const client::ReportPart& part : report.parts) {
    out->append("<tr>");
    AppendCell(part.report, out);
    AppendCell(absl::StrCat(part.range.start, "–", part.range.end), out);
    AppendCell(absl::StrCat(part.range.first_line), out);
    AppendCell(absl::StrCat(part.rows_in), out);
    AppendCell(part.input_sha256, out);
    out->append("</tr>\n");
  }
  out->append("</table>\n");
}

}  // namespace

void AppendHtmlEscaped(absl::string_view text, std::string* out) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string RenderHtmlReport(const BatchReport& report) {
  std::string out;
  out.append(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<title>shuyuan normalize: ");
  AppendHtmlEscaped(report.input, &out);
  absl::StrAppend(&out, "</title><style>", kStyle, "</style></head><body>\n");
  out.append("<h1>数据规范化报告 · Normalisation report</h1>\n<p>");
  AppendHtmlEscaped(report.input, &out);
  out.append(" → ");
  AppendHtmlEscaped(report.schema_ref, &out);
  absl::StrAppendFormat(
      &out,
      " <span class=\"muted\">(%s, %s, %d bytes, as of %s, %d threads, "
      "%.3f s, %.1f MB/s)</span></p>\n",
      report.input_format, report.encoding, report.input_bytes, report.as_of,
      report.threads, report.elapsed_s,
      report.elapsed_s > 0 ? report.input_bytes / 1e6 / report.elapsed_s : 0.0);
  if (report.parts.empty()) {
    out.append("<p class=\"muted\">input SHA-256 <code>");
    AppendHtmlEscaped(report.input_sha256, &out);
    out.append("</code></p>\n");
  }
  AppendSplit(report, &out);
  out.append("<div class=\"cards\">");
  AppendCard("", "rows in · 输入行", report.rows_in, &out);
  AppendCard("ok", "clean · 合格", report.rows_clean, &out);
  AppendCard("warn", "with warnings · 含警告", report.rows_with_warnings, &out);
  AppendCard("bad", "rejected · 拒绝", report.rows_rejected, &out);
  AppendCard("", "lines in · 输入物理行", report.lines_in, &out);
  out.append("</div>\n");

  out.append("<h2>Issues per field · 各字段问题数</h2>\n");
  AppendBarChart(PerField(report.issues), "#b3261e", &out);
  out.append("<h2>Issues per code · 各问题代码数</h2>\n");
  std::vector<Bar> codes;
  for (const auto& [code, count] : report.issues_by_code) {
    codes.push_back({code, count});
  }
  AppendBarChart(codes, "#d9822b", &out);
  out.append("<h2>Normalisations per field · 各字段规范化数</h2>\n");
  std::vector<Bar> steps;
  for (const FieldCounts& field : report.normalized) {
    for (const auto& [step, count] : field.counts) {
      steps.push_back({absl::StrCat(field.field, " · ", step), count});
    }
  }
  AppendBarChart(steps, "#2f6fb3", &out);

  out.append(
      "<h2>Samples · 样例（敏感值已脱敏）</h2>\n<table><tr><th>code</th>"
      "<th>line</th><th>field</th><th>original</th><th>normalised</th>"
      "<th>message</th></tr>\n");
  for (const client::CodeSamples& code : report.samples) {
    for (const client::IssueSample& sample : code.samples) {
      out.append("<tr>");
      AppendCell(code.code, &out);
      AppendCell(absl::StrCat(sample.line), &out);
      AppendCell(sample.field, &out);
      AppendCell(sample.original_value, &out);
      AppendCell(sample.normalized_value, &out);
      AppendCell(sample.message, &out);
      out.append("</tr>\n");
    }
  }
  out.append("</table>\n");

  if (!report.unknown_columns.empty()) {
    out.append("<h2>Unknown columns · 未识别的列</h2>\n<p>");
    for (size_t i = 0; i < report.unknown_columns.size(); ++i) {
      if (i > 0) out.append(", ");
      AppendHtmlEscaped(report.unknown_columns[i], &out);
    }
    out.append("</p>\n");
  }

  out.append(
      "<h2>Definitions · 所用定义</h2>\n<table><tr><th>kind</th><th>ref</th>"
      "<th>SHA-256</th></tr>\n");
  for (const client::DefinitionDigest& def : report.definitions) {
    out.append("<tr>");
    AppendCell(def.kind, &out);
    AppendCell(def.ref, &out);
    out.append("<td><code>");
    AppendHtmlEscaped(def.sha256, &out);
    out.append("</code></td></tr>\n");
  }
  out.append("</table>\n</body></html>\n");
  return out;
}

}  // namespace shuyuan::client_internal
