#include "client/batch_report.h"

#include "client/internal/json_writer.h"

namespace shuyuan::client {
namespace {

using client_internal::JsonWriter;

void WriteNamedCounts(const NamedCounts& counts, JsonWriter* json) {
  json->BeginObject();
  for (const auto& [name, count] : counts) json->Key(name).Uint(count);
  json->EndObject();
}

void WriteFieldCounts(const std::vector<FieldCounts>& fields,
                      JsonWriter* json) {
  json->BeginObject();
  for (const FieldCounts& field : fields) {
    json->Key(field.field.empty() ? "(row)" : field.field);
    WriteNamedCounts(field.counts, json);
  }
  json->EndObject();
}

void WriteRange(const ReportRange& range, JsonWriter* json) {
  json->BeginObject();
  json->Key("start").Uint(range.start);
  json->Key("end").Uint(range.end);
  json->Key("first_line").Uint(range.first_line);
  json->Key("input_size").Uint(range.input_size);
  json->Key("data_start").Uint(range.data_start);
  json->EndObject();
}

// Where a split run's parts come from: a part's range, or a merged
// report's parts.
void WriteSplit(const BatchReport& report, JsonWriter* json) {
  if (report.range.has_value()) {
    json->Key("range");
    WriteRange(*report.range, json);
  }
  if (report.parts.empty()) return;
  json->Key("parts").BeginArray();
  for (const ReportPart& part : report.parts) {
    json->BeginObject();
    json->Key("report").String(part.report);
    json->Key("range");
    WriteRange(part.range, json);
    json->Key("input_sha256").String(part.input_sha256);
    json->Key("rows").Uint(part.rows_in);
    json->EndObject();
  }
  json->EndArray();
}

void WriteLayout(const std::vector<FieldLayout>& layout, JsonWriter* json) {
  json->BeginArray();
  for (const FieldLayout& field : layout) {
    json->BeginObject();
    json->Key("field").String(field.field);
    json->Key("steps").BeginArray();
    for (const std::string& step : field.steps) json->String(step);
    json->EndArray();
    json->EndObject();
  }
  json->EndArray();
}

}  // namespace

std::string RenderReportJson(const BatchReport& report) {
  std::string out;
  JsonWriter json(&out, 2);
  json.BeginObject();
  json.Key("schema").String(report.schema_ref);
  json.Key("input").String(report.input);
  json.Key("input_format").String(report.input_format);
  json.Key("encoding").String(report.encoding);
  json.Key("input_bytes").Uint(report.input_bytes);
  if (report.parts.empty()) {
    json.Key("input_sha256").String(report.input_sha256);
  } else {
    json.Key("input_sha256").Null();
  }
  WriteSplit(report, &json);
  json.Key("as_of").String(report.as_of);
  json.Key("threads").Int(report.threads);
  json.Key("outputs").BeginObject();
  json.Key("clean").String(report.clean_output);
  json.Key("rejects").String(report.rejects_output);
  json.EndObject();

  json.Key("rows_in").Uint(report.rows_in);
  json.Key("rows_clean").Uint(report.rows_clean);
  json.Key("rows_with_warnings").Uint(report.rows_with_warnings);
  json.Key("rows_rejected").Uint(report.rows_rejected);
  json.Key("lines_in").Uint(report.lines_in);

  json.Key("columns").BeginArray();
  for (const ColumnBinding& column : report.columns) {
    json.BeginObject();
    json.Key("column").String(column.column);
    if (column.field.empty()) {
      json.Key("field").Null();
    } else {
      json.Key("field").String(column.field);
    }
    json.Key("by").String(column.how);
    json.EndObject();
  }
  json.EndArray();
  json.Key("unknown_columns").BeginArray();
  for (const std::string& column : report.unknown_columns) json.String(column);
  json.EndArray();

  json.Key("issues");
  WriteFieldCounts(report.issues, &json);
  json.Key("issues_by_code");
  WriteNamedCounts(report.issues_by_code, &json);
  json.Key("rejects_by_code");
  WriteNamedCounts(report.rejects_by_code, &json);
  json.Key("normalized");
  WriteFieldCounts(report.normalized, &json);

  json.Key("samples").BeginObject();
  for (const CodeSamples& code : report.samples) {
    json.Key(code.code).BeginArray();
    for (const IssueSample& sample : code.samples) {
      json.BeginObject();
      json.Key("line").Uint(sample.line);
      json.Key("field").String(sample.field);
      json.Key("severity").String(sample.severity);
      json.Key("original_value").String(sample.original_value);
      json.Key("normalized_value").String(sample.normalized_value);
      json.Key("message").String(sample.message);
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();

  json.Key("definitions").BeginArray();
  for (const DefinitionDigest& def : report.definitions) {
    json.BeginObject();
    json.Key("kind").String(def.kind);
    json.Key("id").String(def.id);
    json.Key("version");
    if (def.version.has_value()) {
      json.Uint(*def.version);
    } else {
      json.Null();
    }
    json.Key("ref").String(def.ref);
    json.Key("sha256").String(def.sha256);
    json.EndObject();
  }
  json.EndArray();

  const double elapsed = report.elapsed_s > 0 ? report.elapsed_s : 1e-9;
  json.Key("elapsed_s").Double(report.elapsed_s, 4);
  json.Key("rows_per_s").Double(report.rows_in / elapsed, 6);
  json.Key("mb_per_s").Double(report.input_bytes / 1e6 / elapsed, 4);
  if (!report.layout.empty()) {
    json.Key("layout");
    WriteLayout(report.layout, &json);
  }
  json.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace shuyuan::client
