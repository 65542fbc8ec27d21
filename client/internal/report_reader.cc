#include "client/internal/report_reader.h"

#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "simdjson.h"

namespace shuyuan::client_internal {
namespace {

using client::BatchReport;
using client::CodeSamples;
using client::ColumnBinding;
using client::DefinitionDigest;
using client::FieldCounts;
using client::FieldLayout;
using client::IssueSample;
using client::NamedCounts;
using client::ReportRange;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// simdjson's keys as Abseil's string_view (Debian's Abseil has its own).
absl::string_view View(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

// Reads typed keys of one JSON object; errors name the report and the key
// path ("issues.GMSFHM").
class ObjectReader {
 public:
  ObjectReader(object value, std::string where)
      : object_(value), where_(std::move(where)) {}

  absl::StatusOr<element> Get(std::string_view key) const {
    element value;
    if (object_.at_key(key).get(value) != simdjson::SUCCESS) {
      return Error(key, "is missing");
    }
    return value;
  }
  bool Has(std::string_view key) const {
    element value;
    return object_.at_key(key).get(value) == simdjson::SUCCESS;
  }
  absl::Status String(std::string_view key, std::string* out) const {
    SHUYUAN_ASSIGN_OR_RETURN(element value, Get(key));
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
      return Error(key, "is not a string");
    }
    out->assign(text.data(), text.size());
    return absl::OkStatus();
  }
  absl::Status Uint(std::string_view key, uint64_t* out) const {
    SHUYUAN_ASSIGN_OR_RETURN(element value, Get(key));
    if (value.get_uint64().get(*out) != simdjson::SUCCESS) {
      return Error(key, "is not a count");
    }
    return absl::OkStatus();
  }
  absl::Status Double(std::string_view key, double* out) const {
    SHUYUAN_ASSIGN_OR_RETURN(element value, Get(key));
    if (value.get_double().get(*out) != simdjson::SUCCESS) {
      return Error(key, "is not a number");
    }
    return absl::OkStatus();
  }
  absl::StatusOr<ObjectReader> Object(std::string_view key) const {
    SHUYUAN_ASSIGN_OR_RETURN(element value, Get(key));
    object inner;
    if (value.get_object().get(inner) != simdjson::SUCCESS) {
      return Error(key, "is not an object");
    }
    return ObjectReader(inner, absl::StrCat(where_, View(key), "."));
  }
  absl::StatusOr<array> Array(std::string_view key) const {
    SHUYUAN_ASSIGN_OR_RETURN(element value, Get(key));
    array items;
    if (value.get_array().get(items) != simdjson::SUCCESS) {
      return Error(key, "is not an array");
    }
    return items;
  }
  // {"name": count, ...} in order.
  absl::Status Counts(std::string_view key, NamedCounts* out) const {
    SHUYUAN_ASSIGN_OR_RETURN(ObjectReader counts, Object(key));
    for (auto [name, value] : counts.object_) {
      uint64_t n = 0;
      if (value.get_uint64().get(n) != simdjson::SUCCESS) {
        return counts.Error(name, "is not a count");
      }
      out->emplace_back(std::string(name), n);
    }
    return absl::OkStatus();
  }
  // {"field": {"name": count}, ...} in order; "(row)" is the field "".
  absl::Status FieldTable(std::string_view key,
                          std::vector<FieldCounts>* out) const {
    SHUYUAN_ASSIGN_OR_RETURN(ObjectReader table, Object(key));
    for (auto [field, value] : table.object_) {
      (void)value;
      FieldCounts counts;
      counts.field = field == "(row)" ? "" : std::string(field);
      SHUYUAN_RETURN_IF_ERROR(table.Counts(field, &counts.counts));
      out->push_back(std::move(counts));
    }
    return absl::OkStatus();
  }
  template <typename Each>
  absl::Status ForEachObject(std::string_view key, Each each) const {
    SHUYUAN_ASSIGN_OR_RETURN(array items, Array(key));
    size_t i = 0;
    for (element item : items) {
      object inner;
      const std::string where = absl::StrCat(where_, View(key), "[", i++, "].");
      if (item.get_object().get(inner) != simdjson::SUCCESS) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, " is not an object"));
      }
      SHUYUAN_RETURN_IF_ERROR(each(ObjectReader(inner, where)));
    }
    return absl::OkStatus();
  }
  absl::Status Strings(std::string_view key,
                       std::vector<std::string>* out) const {
    SHUYUAN_ASSIGN_OR_RETURN(array items, Array(key));
    for (element item : items) {
      std::string_view text;
      if (item.get_string().get(text) != simdjson::SUCCESS) {
        return Error(key, "holds a value that is not a string");
      }
      out->emplace_back(text);
    }
    return absl::OkStatus();
  }
  absl::Status Error(std::string_view key, std::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(
        where_, View(key), " ", View(what), " (not a shuyuan report?)"));
  }
  const object& value() const { return object_; }

 private:
  object object_;
  std::string where_;
};

absl::Status ReadRange(const ObjectReader& in, ReportRange* range) {
  SHUYUAN_RETURN_IF_ERROR(in.Uint("start", &range->start));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("end", &range->end));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("first_line", &range->first_line));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("input_size", &range->input_size));
  return in.Uint("data_start", &range->data_start);
}

absl::Status ReadContext(const ObjectReader& in, BatchReport* report) {
  SHUYUAN_RETURN_IF_ERROR(in.String("schema", &report->schema_ref));
  SHUYUAN_RETURN_IF_ERROR(in.String("input", &report->input));
  SHUYUAN_RETURN_IF_ERROR(in.String("input_format", &report->input_format));
  SHUYUAN_RETURN_IF_ERROR(in.String("encoding", &report->encoding));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("input_bytes", &report->input_bytes));
  SHUYUAN_RETURN_IF_ERROR(in.String("input_sha256", &report->input_sha256));
  SHUYUAN_RETURN_IF_ERROR(in.String("as_of", &report->as_of));
  uint64_t threads = 0;
  SHUYUAN_RETURN_IF_ERROR(in.Uint("threads", &threads));
  report->threads = static_cast<int>(threads);
  SHUYUAN_ASSIGN_OR_RETURN(ObjectReader outputs, in.Object("outputs"));
  SHUYUAN_RETURN_IF_ERROR(outputs.String("clean", &report->clean_output));
  SHUYUAN_RETURN_IF_ERROR(outputs.String("rejects", &report->rejects_output));
  if (in.Has("range")) {
    SHUYUAN_ASSIGN_OR_RETURN(ObjectReader range, in.Object("range"));
    report->range.emplace();
    SHUYUAN_RETURN_IF_ERROR(ReadRange(range, &*report->range));
  }
  SHUYUAN_RETURN_IF_ERROR(in.ForEachObject(
      "definitions", [report](const ObjectReader& item) -> absl::Status {
        DefinitionDigest def;
        SHUYUAN_RETURN_IF_ERROR(item.String("kind", &def.kind));
        SHUYUAN_RETURN_IF_ERROR(item.String("id", &def.id));
        SHUYUAN_ASSIGN_OR_RETURN(element version, item.Get("version"));
        uint64_t number = 0;
        if (!version.is_null()) {
          SHUYUAN_RETURN_IF_ERROR(item.Uint("version", &number));
          def.version = static_cast<uint32_t>(number);
        }
        SHUYUAN_RETURN_IF_ERROR(item.String("ref", &def.ref));
        SHUYUAN_RETURN_IF_ERROR(item.String("sha256", &def.sha256));
        report->definitions.push_back(std::move(def));
        return absl::OkStatus();
      }));
  return in.Double("elapsed_s", &report->elapsed_s);
}

absl::Status ReadCounts(const ObjectReader& in, BatchReport* report) {
  SHUYUAN_RETURN_IF_ERROR(in.Uint("rows_in", &report->rows_in));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("rows_clean", &report->rows_clean));
  SHUYUAN_RETURN_IF_ERROR(
      in.Uint("rows_with_warnings", &report->rows_with_warnings));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("rows_rejected", &report->rows_rejected));
  SHUYUAN_RETURN_IF_ERROR(in.Uint("lines_in", &report->lines_in));
  SHUYUAN_RETURN_IF_ERROR(in.ForEachObject(
      "columns", [report](const ObjectReader& item) -> absl::Status {
        ColumnBinding column;
        SHUYUAN_RETURN_IF_ERROR(item.String("column", &column.column));
        SHUYUAN_ASSIGN_OR_RETURN(element field, item.Get("field"));
        if (!field.is_null()) {
          SHUYUAN_RETURN_IF_ERROR(item.String("field", &column.field));
        }
        SHUYUAN_RETURN_IF_ERROR(item.String("by", &column.how));
        report->columns.push_back(std::move(column));
        return absl::OkStatus();
      }));
  SHUYUAN_RETURN_IF_ERROR(
      in.Strings("unknown_columns", &report->unknown_columns));
  SHUYUAN_RETURN_IF_ERROR(in.FieldTable("issues", &report->issues));
  SHUYUAN_RETURN_IF_ERROR(in.Counts("issues_by_code", &report->issues_by_code));
  SHUYUAN_RETURN_IF_ERROR(
      in.Counts("rejects_by_code", &report->rejects_by_code));
  return in.FieldTable("normalized", &report->normalized);
}

absl::Status ReadSamples(const ObjectReader& in, BatchReport* report) {
  SHUYUAN_ASSIGN_OR_RETURN(ObjectReader samples, in.Object("samples"));
  for (auto [code, value] : samples.value()) {
    (void)value;
    CodeSamples entry;
    entry.code = std::string(code);
    SHUYUAN_RETURN_IF_ERROR(samples.ForEachObject(
        code, [&entry](const ObjectReader& item) -> absl::Status {
          IssueSample sample;
          SHUYUAN_RETURN_IF_ERROR(item.Uint("line", &sample.line));
          SHUYUAN_RETURN_IF_ERROR(item.String("field", &sample.field));
          SHUYUAN_RETURN_IF_ERROR(item.String("severity", &sample.severity));
          SHUYUAN_RETURN_IF_ERROR(
              item.String("original_value", &sample.original_value));
          SHUYUAN_RETURN_IF_ERROR(
              item.String("normalized_value", &sample.normalized_value));
          SHUYUAN_RETURN_IF_ERROR(item.String("message", &sample.message));
          entry.samples.push_back(std::move(sample));
          return absl::OkStatus();
        }));
    report->samples.push_back(std::move(entry));
  }
  if (!in.Has("layout")) return absl::OkStatus();
  return in.ForEachObject(
      "layout", [report](const ObjectReader& item) -> absl::Status {
        FieldLayout field;
        SHUYUAN_RETURN_IF_ERROR(item.String("field", &field.field));
        SHUYUAN_RETURN_IF_ERROR(item.Strings("steps", &field.steps));
        report->layout.push_back(std::move(field));
        return absl::OkStatus();
      });
}

}  // namespace

absl::StatusOr<BatchReport> ReadReportJson(absl::string_view json,
                                           absl::string_view source) {
  simdjson::dom::parser parser;
  element root;
  if (auto error = parser.parse(json.data(), json.size()).get(root);
      error != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not JSON: ", simdjson::error_message(error)));
  }
  object top;
  if (root.get_object().get(top) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not a JSON object (not a shuyuan report?)"));
  }
  const ObjectReader in(top, absl::StrCat(source, ": "));
  if (in.Has("parts")) {
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": is a merged report; merge the part reports themselves"));
  }
  BatchReport report;
  SHUYUAN_RETURN_IF_ERROR(ReadContext(in, &report));
  SHUYUAN_RETURN_IF_ERROR(ReadCounts(in, &report));
  SHUYUAN_RETURN_IF_ERROR(ReadSamples(in, &report));
  return report;
}

absl::StatusOr<BatchReport> ReadReportFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError(absl::StrCat("cannot read report '", path, "'"));
  }
  std::ostringstream text;
  text << file.rdbuf();
  return ReadReportJson(text.str(), path);
}

}  // namespace shuyuan::client_internal
