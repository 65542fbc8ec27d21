#include "client/output_format.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/json_string.h"
#include "google/protobuf/util/json_util.h"

namespace shuyuan::client {
namespace {

int CodePointWidth(UChar32 c) {
  const int category = u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
      category == U_FORMAT_CHAR) {
    return 0;  // combining marks, U+200B, U+FEFF
  }
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

// True when YAML would read `text`, written plain, as something other than
// this string: a number, a boolean, null, or nothing.
bool NeedsQuotes(const std::string& text) {
  if (text.empty()) return true;
  const char first = text[0];
  if (absl::ascii_isdigit(static_cast<unsigned char>(first)) || first == '+' ||
      first == '-' || first == '.' || first == '~') {
    return true;
  }
  const std::string lower = absl::AsciiStrToLower(text);
  for (const char* word :
       {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}) {
    if (lower == word) return true;
  }
  return false;
}

// Writes a node parsed from JSON: quoted JSON scalars (tag "!") are strings,
// plain ones (numbers, booleans) are written as they were.
void EmitJsonNode(const YAML::Node& node, YAML::Emitter& out) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      // An empty map reads best inline: `- width: {}`.
      if (node.size() == 0) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        out << YAML::Key << entry.first.Scalar() << YAML::Value;
        EmitJsonNode(entry.second, out);
      }
      out << YAML::EndMap;
      return;
    case YAML::NodeType::Sequence:
      if (node.size() == 0) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node) EmitJsonNode(item, out);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!" && NeedsQuotes(node.Scalar())) {
        out << YAML::DoubleQuoted << node.Scalar();
      } else {
        out << node.Scalar();
      }
      return;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out << YAML::Null;
      return;
  }
}

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "yaml") return OutputFormat::kYaml;
  if (name == "json") return OutputFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("-o '", name, "' is not one of table, yaml, json"));
}

int DisplayWidth(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int width = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    width += c < 0 ? 1 : CodePointWidth(c);
  }
  return width;
}

std::string PadToWidth(absl::string_view text, int width) {
  std::string padded(text);
  const int missing = width - DisplayWidth(text);
  if (missing > 0) padded.append(static_cast<size_t>(missing), ' ');
  return padded;
}

Table::Table(std::vector<std::string> header) : header_(std::move(header)) {}

void Table::AddRow(std::vector<std::string> row) {
  rows_.push_back(std::move(row));
}

void Table::Print(std::ostream& out) const {
  std::vector<int> widths;
  auto measure = [&widths](const std::vector<std::string>& row) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "  ";
      line += i + 1 < row.size() ? PadToWidth(row[i], widths[i]) : row[i];
    }
    // A last cell that is empty leaves the previous padding behind.
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print(header_);
  for (const auto& row : rows_) print(row);
}

std::string MessageToJson(const google::protobuf::Message& message, bool pretty,
                          bool include_defaults) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = include_defaults;
  options.add_whitespace = pretty;
  std::string json;
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    // Only a message with an unresolvable Any fails; ours have none. Say so
    // in the output rather than print nothing.
    std::string error = "{\"error\":";
    AppendJsonString(std::string(status.message()), &error);
    return error + "}";
  }
  while (!json.empty() && json.back() == '\n') json.pop_back();
  return json;
}

std::string MessageToYaml(const google::protobuf::Message& message,
                          bool include_defaults) {
  YAML::Emitter out;
  out.SetIndent(2);
  try {
    EmitJsonNode(
        YAML::Load(MessageToJson(message, /*pretty=*/false, include_defaults)),
        out);
  } catch (const YAML::Exception& e) {
    // JSON is YAML; a parse failure would be a bug, shown, not hidden.
    return absl::StrCat("error: ", e.what());
  }
  return out.c_str();
}

void PrintMessage(const google::protobuf::Message& message, OutputFormat format,
                  std::ostream& out) {
  if (format == OutputFormat::kYaml) {
    out << MessageToYaml(message) << "\n";
  } else {
    out << MessageToJson(message) << "\n";
  }
}

}  // namespace shuyuan::client
