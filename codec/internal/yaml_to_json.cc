#include "codec/internal/yaml_to_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <istream>
#include <limits>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "codec/internal/text_decoder.h"
#include "common/json_string.h"
#include "google/protobuf/descriptor.h"
#include "yaml-cpp/anchor.h"
#include "yaml-cpp/emitterstyle.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/exceptions.h"
#include "yaml-cpp/mark.h"
#include "yaml-cpp/parser.h"

namespace shuyuan::codec_internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::OneofDescriptor;

// Thrown by the event handler to stop yaml-cpp's parser at the first error.
// Caught in ConvertYamlToJson; never crosses the API.
struct ConversionError {
  absl::Status status;
};

// An istream source over caller-owned text, so the input is not copied.
class ViewStreamBuf : public std::streambuf {
 public:
  explicit ViewStreamBuf(absl::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// What a YAML event holds in a value position.
enum class NodeKind { kNull, kScalar, kSequence, kMapping };

// Definition files must be UTF-8 (protobuf strings are).
bool IsValidUtf8(absl::string_view s) {
  return FindInvalidUtf8(s) == absl::string_view::npos;
}

using ::shuyuan::AppendJsonString;

// A scalar as shown in error messages: quoted, and cut short when long.
std::string Shown(absl::string_view value) {
  constexpr size_t kMax = 60;
  if (value.size() <= kMax) return absl::StrCat("'", value, "'");
  size_t cut = kMax;
  // Do not split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return absl::StrCat("'", value.substr(0, cut), "...'");
}

std::string Found(NodeKind kind, absl::string_view scalar) {
  switch (kind) {
    case NodeKind::kNull:
      return "nothing";
    case NodeKind::kScalar:
      return Shown(scalar);
    case NodeKind::kSequence:
      return "a list";
    case NodeKind::kMapping:
      return "a mapping";
  }
  return "";
}

// YAML 1.2 core-schema booleans.
bool ParseBool(absl::string_view s, bool* value) {
  if (s == "true" || s == "True" || s == "TRUE") {
    *value = true;
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    *value = false;
    return true;
  }
  return false;
}

bool IsDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

absl::string_view IntegerTypeName(FieldDescriptor::CppType type) {
  switch (type) {
    case FieldDescriptor::CPPTYPE_INT32:
      return "int32";
    case FieldDescriptor::CPPTYPE_INT64:
      return "int64";
    case FieldDescriptor::CPPTYPE_UINT32:
      return "uint32";
    default:
      return "uint64";
  }
}

// Parses a decimal integer for a field of integer `type` into its canonical
// decimal text. On failure returns false and sets `error`.
bool ParseInteger(absl::string_view s, FieldDescriptor::CppType type,
                  std::string* canonical, std::string* error) {
  const bool is_signed = type == FieldDescriptor::CPPTYPE_INT32 ||
                         type == FieldDescriptor::CPPTYPE_INT64;
  absl::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (!IsDigits(digits)) {
    *error = absl::StrCat("expected an integer (", IntegerTypeName(type),
                          "), found ", Shown(s));
    return false;
  }
  bool in_range = true;
  if (is_signed) {
    int64_t v = 0;
    in_range = absl::SimpleAtoi(absl::StrCat(negative ? "-" : "", digits), &v);
    if (in_range && type == FieldDescriptor::CPPTYPE_INT32) {
      in_range = v >= std::numeric_limits<int32_t>::min() &&
                 v <= std::numeric_limits<int32_t>::max();
    }
    if (in_range) *canonical = absl::StrCat(v);
  } else {
    uint64_t v = 0;
    in_range = absl::SimpleAtoi(digits, &v);
    if (in_range && negative) in_range = v == 0;
    if (in_range && type == FieldDescriptor::CPPTYPE_UINT32) {
      in_range = v <= std::numeric_limits<uint32_t>::max();
    }
    if (in_range) *canonical = absl::StrCat(v);
  }
  if (!in_range) {
    *error =
        absl::StrCat(Shown(s), " is out of range for ", IntegerTypeName(type));
  }
  return in_range;
}

// Parses a YAML float (decimal, exponent, .inf, .nan) into JSON text.
bool ParseFloat(absl::string_view s, std::string* json) {
  std::string lower = absl::AsciiStrToLower(s);
  if (lower == ".inf" || lower == "+.inf") {
    *json = "\"Infinity\"";
    return true;
  }
  if (lower == "-.inf") {
    *json = "\"-Infinity\"";
    return true;
  }
  if (lower == ".nan") {
    *json = "\"NaN\"";
    return true;
  }
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != s.npos) {
    return false;
  }
  double value = 0;
  if (!absl::SimpleAtod(s, &value) || !std::isfinite(value)) return false;
  *json = absl::StrFormat("%.17g", value);
  return true;
}

bool IsUnspecifiedEnumValue(const EnumValueDescriptor& value) {
  return absl::EndsWith(value.name(), "_UNSPECIFIED");
}

// Messages whose protobuf JSON form is not an object of their fields
// (Timestamp as a string, Struct as any JSON value, ...). Definition messages
// use none of them; refusing them keeps the conversion exact.
bool HasSpecialJsonForm(const Descriptor& message) {
  const std::string& file = message.file()->name();
  return file == "google/protobuf/any.proto" ||
         file == "google/protobuf/timestamp.proto" ||
         file == "google/protobuf/duration.proto" ||
         file == "google/protobuf/field_mask.proto" ||
         file == "google/protobuf/struct.proto" ||
         file == "google/protobuf/wrappers.proto";
}

// Fields of one message, by proto name and JSON name.
using FieldIndex = absl::flat_hash_map<std::string, const FieldDescriptor*>;

// The converter proper: a yaml-cpp event handler that keeps a stack of the
// collections being converted and writes JSON as events arrive.
class JsonWriter : public YAML::EventHandler {
 public:
  JsonWriter(absl::string_view file_name, const Descriptor& root,
             const YamlToJsonOptions& options)
      : file_name_(file_name), root_(root), options_(options) {
    if (!options_.required_oneof.empty()) {
      required_oneof_ = root_.FindOneofByName(options_.required_oneof);
    }
  }

  // Documents completed since the last call, in input order.
  std::vector<JsonDocument> TakeDocuments() {
    std::vector<JsonDocument> documents;
    documents.swap(documents_);
    return documents;
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp can report empty documents forever without consuming input
    // (seen by fuzzing); a document never legitimately starts where the
    // previous one did.
    if (mark.pos == last_document_pos_) {
      throw ConversionError{absl::InvalidArgumentError(
          absl::StrCat(file_name_, ":", Line(mark), ":", mark.column + 1,
                       ": bad YAML: the parser made no progress"))};
    }
    last_document_pos_ = mark.pos;
    stack_.clear();
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    if (AtKey()) FailKey(mark, "a field name or key is required");
    Value(NodeKind::kNull, mark, "");
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Fail(Line(mark), Path(),
         "aliases (*name) are not supported in definition files; write the "
         "value out");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    // yaml-cpp tags plain scalars "?"; quoted ones "!" or an explicit tag.
    plain_ = tag == "?";
    if (AtKey()) {
      Key(mark, value);
    } else {
      Value(NodeKind::kScalar, mark, value);
    }
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&,
                       YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (AtKey()) FailKey(mark, "a field name or key must be a scalar");
    Value(NodeKind::kSequence, mark, "");
  }

  void OnSequenceEnd() override {
    const bool is_list = stack_.back().kind == FrameKind::kList;
    if (is_list) json_.push_back(']');
    Pop();
  }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    if (AtKey()) FailKey(mark, "a field name or key must be a scalar");
    Value(NodeKind::kMapping, mark, "");
  }

  void OnMapEnd() override {
    Frame& top = stack_.back();
    if (top.is_root && required_oneof_ != nullptr) {
      std::vector<std::string> found;
      for (const auto& [number, line] : top.seen) {
        const FieldDescriptor* field = root_.FindFieldByNumber(number);
        if (field->real_containing_oneof() == required_oneof_) {
          found.push_back(field->name());
        }
      }
      if (found.size() != 1) FailOneof(top.line, found);
    }
    json_.push_back('}');
    const bool is_root = top.is_root;
    Pop();
    if (is_root) {
      documents_.push_back(JsonDocument{std::move(json_), document_line_,
                                        std::move(field_lines_)});
      json_ = std::string();
      field_lines_.clear();
    }
  }

 private:
  enum class FrameKind { kDocumentList, kMessage, kList, kMap };

  // One open YAML collection.
  struct Frame {
    FrameKind kind = FrameKind::kMessage;
    // The repeated, map or message field this collection is the value of;
    // nullptr for a root message and for a document list.
    const FieldDescriptor* field = nullptr;
    const Descriptor* message = nullptr;  // kMessage: its type
    bool is_root = false;                 // kMessage: a document's root
    int line = 0;                         // 1-based line where it starts
    bool wrote_any = false;        // a member or element was written to JSON
    bool expecting_value = false;  // kMessage, kMap: a key was read
    // kMessage: the field of the key read last, until its value is done.
    const FieldDescriptor* current = nullptr;
    // kMessage: fields given so far, as (number, line of the key).
    absl::InlinedVector<std::pair<int, int>, 8> seen;
    int index = -1;           // kList: index of the current element
    std::string current_key;  // kMap: the key read last (its JSON text)
    absl::flat_hash_map<std::string, int> keys;  // kMap: key → line
  };

  static int Line(const YAML::Mark& mark) { return mark.line + 1; }

  bool AtKey() const {
    if (stack_.empty()) return false;
    const Frame& top = stack_.back();
    return (top.kind == FrameKind::kMessage || top.kind == FrameKind::kMap) &&
           !top.expecting_value;
  }

  // The field path of the current position, e.g.
  // "data_element.normalize[3].replace.pairs".
  std::string Path() const {
    std::string path;
    for (const Frame& frame : stack_) {
      switch (frame.kind) {
        case FrameKind::kDocumentList:
          break;
        case FrameKind::kMessage:
          if (frame.current != nullptr) {
            if (!path.empty()) path.push_back('.');
            path.append(frame.current->name());
          }
          break;
        case FrameKind::kList:
          if (frame.index >= 0) absl::StrAppend(&path, "[", frame.index, "]");
          break;
        case FrameKind::kMap:
          if (frame.expecting_value) {
            path.push_back('[');
            AppendJsonString(frame.current_key, &path);
            path.push_back(']');
          }
          break;
      }
    }
    return path;
  }

  static std::string Join(absl::string_view path, absl::string_view name) {
    return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
  }

  [[noreturn]] void Fail(int line, absl::string_view path,
                         absl::string_view message) const {
    if (path.empty()) FailAt(line, message);
    FailAt(line, absl::StrCat("field '", path, "': ", message));
  }

  [[noreturn]] void FailAt(int line, absl::string_view message) const {
    throw ConversionError{absl::InvalidArgumentError(
        absl::StrCat(file_name_, ":", line, ": ", message))};
  }

  [[noreturn]] void FailKey(const YAML::Mark& mark, absl::string_view message) {
    Fail(Line(mark), Path(), message);
  }

  [[noreturn]] void FailOneof(int line, const std::vector<std::string>& found) {
    std::vector<std::string> names;
    for (int i = 0; i < required_oneof_->field_count(); ++i) {
      names.push_back(required_oneof_->field(i)->name());
    }
    FailAt(line, absl::StrCat(
                     "a document must hold exactly one of ",
                     absl::StrJoin(names, ", "), " (found: ",
                     found.empty() ? "none" : absl::StrJoin(found, ", "), ")"));
  }

  std::string DocumentShape() const {
    if (required_oneof_ == nullptr) return "a document must be a mapping";
    std::vector<std::string> names;
    for (int i = 0; i < required_oneof_->field_count(); ++i) {
      names.push_back(required_oneof_->field(i)->name());
    }
    return absl::StrCat("a document must be a mapping holding one of ",
                        absl::StrJoin(names, ", "));
  }

  const FieldIndex& IndexOf(const Descriptor& message) {
    auto [it, inserted] = field_indexes_.try_emplace(&message);
    if (inserted) {
      for (int i = 0; i < message.field_count(); ++i) {
        const FieldDescriptor* field = message.field(i);
        it->second.emplace(field->name(), field);
        it->second.emplace(field->json_name(), field);
      }
    }
    return it->second;
  }

  std::string UnknownField(const Descriptor& message, absl::string_view key) {
    const FieldDescriptor* best = nullptr;
    int best_distance = std::numeric_limits<int>::max();
    for (int i = 0; i < message.field_count(); ++i) {
      const FieldDescriptor* field = message.field(i);
      for (const std::string& name : {field->name(), field->json_name()}) {
        const int distance = EditDistance(key, name);
        if (distance < best_distance) {
          best_distance = distance;
          best = field;
        }
      }
    }
    const int allowed = key.size() <= 4 ? 1 : key.size() <= 8 ? 2 : 3;
    if (best != nullptr && best_distance <= allowed) {
      return absl::StrCat("unknown field (did you mean '", best->name(), "'?)");
    }
    std::vector<std::string> names;
    for (int i = 0; i < message.field_count(); ++i) {
      names.push_back(message.field(i)->name());
    }
    return absl::StrCat("unknown field (", message.name(), " has ",
                        absl::StrJoin(names, ", "), ")");
  }

  // A scalar in key position of the top frame.
  void Key(const YAML::Mark& mark, const std::string& key) {
    Frame& top = stack_.back();
    const int line = Line(mark);
    if (top.kind == FrameKind::kMessage) {
      const FieldIndex& index = IndexOf(*top.message);
      auto it = index.find(key);
      if (it == index.end()) {
        Fail(line, Join(Path(), key), UnknownField(*top.message, key));
      }
      const FieldDescriptor* field = it->second;
      auto refused = options_.refused_fields.find(field->name());
      if (refused != options_.refused_fields.end()) {
        Fail(line, Join(Path(), field->name()), refused->second);
      }
      const OneofDescriptor* oneof = field->real_containing_oneof();
      for (const auto& [number, first_line] : top.seen) {
        if (number == field->number()) {
          Fail(line, Join(Path(), field->name()),
               absl::StrCat("given twice (first on line ", first_line, ")"));
        }
        const FieldDescriptor* other = top.message->FindFieldByNumber(number);
        if (oneof != nullptr && other->real_containing_oneof() == oneof) {
          if (top.is_root && oneof == required_oneof_) {
            FailOneof(top.line, {other->name(), field->name()});
          }
          Fail(line, Join(Path(), field->name()),
               absl::StrCat("'", other->name(), "' (line ", first_line,
                            ") and '", field->name(),
                            "' are alternatives: give one per item"));
        }
      }
      top.seen.emplace_back(field->number(), line);
      if (top.is_root && oneof != nullptr && oneof == required_oneof_) {
        document_line_ = line;
      }
      top.current = field;
      if (field_lines_.size() < JsonDocument::kMaxFieldLines) {
        field_lines_.emplace_back(Path(), line);
      }
      top.expecting_value = true;
      return;
    }
    // A map key, typed by the map's key field.
    const FieldDescriptor* key_field = top.field->message_type()->map_key();
    std::string text = key;
    std::string error;
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (!IsValidUtf8(key)) Fail(line, Path(), "a key is not valid UTF-8");
        break;
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool value = false;
        if (!ParseBool(key, &value)) {
          Fail(
              line, Path(),
              absl::StrCat("expected a key true or false, found ", Shown(key)));
        }
        text = value ? "true" : "false";
        break;
      }
      default:
        if (!ParseInteger(key, key_field->cpp_type(), &text, &error)) {
          Fail(line, Path(), absl::StrCat("key: ", error));
        }
    }
    auto [it, inserted] = top.keys.try_emplace(text, line);
    if (!inserted) {
      Fail(line, Path(),
           absl::StrCat("key ", Shown(text), " given twice (first on line ",
                        it->second, ")"));
    }
    top.current_key = std::move(text);
    top.expecting_value = true;
  }

  // Writes the separator and, in a mapping, the key before a value.
  void BeginMember(Frame& top) {
    if (top.wrote_any) json_.push_back(',');
    top.wrote_any = true;
    if (top.kind == FrameKind::kMessage) {
      json_.push_back('"');
      json_.append(top.current->name());
      json_.append("\":");
    } else if (top.kind == FrameKind::kMap) {
      AppendJsonString(top.current_key, &json_);
      json_.push_back(':');
    }
  }

  void Push(Frame frame) {
    if (static_cast<int>(stack_.size()) >= options_.max_depth) {
      Fail(frame.line, Path(),
           absl::StrCat("nested deeper than ", options_.max_depth, " levels"));
    }
    stack_.push_back(std::move(frame));
  }

  // Closes the top frame and finishes the value it was in its parent.
  void Pop() {
    stack_.pop_back();
    if (stack_.empty()) return;
    Frame& parent = stack_.back();
    if (parent.kind == FrameKind::kMessage) parent.current = nullptr;
    if (parent.kind != FrameKind::kList) parent.expecting_value = false;
  }

  // A value event (null, scalar or the start of a collection).
  void Value(NodeKind kind, const YAML::Mark& mark, const std::string& scalar) {
    const int line = Line(mark);
    if (stack_.empty() || stack_.back().kind == FrameKind::kDocumentList) {
      RootValue(kind, line);
      return;
    }
    Frame& top = stack_.back();
    const FieldDescriptor* field = nullptr;
    bool whole = false;  // the value of the whole (repeated or map) field
    switch (top.kind) {
      case FrameKind::kMessage:
        field = top.current;
        whole = true;
        break;
      case FrameKind::kList:
        ++top.index;
        field = top.field;
        break;
      case FrameKind::kMap:
        field = top.field->message_type()->map_value();
        break;
      case FrameKind::kDocumentList:
        break;
    }
    if (kind == NodeKind::kNull) {
      if (top.kind == FrameKind::kList) {
        Fail(line, Path(), "a list item may not be empty");
      }
      if (top.kind == FrameKind::kMap) {
        Fail(line, Path(), "a value is required");
      }
      // An empty field is left unset, except a message alternative
      // (`- trim:`), where being there is the whole content.
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          !field->is_repeated() && field->real_containing_oneof() != nullptr) {
        BeginMember(top);
        json_.append("{}");
      }
      if (top.kind == FrameKind::kMessage) top.current = nullptr;
      top.expecting_value = false;
      return;
    }
    if (whole && field->is_map()) {
      if (kind != NodeKind::kMapping) {
        Fail(line, Path(),
             absl::StrCat("expected a mapping of keys to values, found ",
                          Found(kind, scalar)));
      }
      BeginMember(top);
      json_.push_back('{');
      Frame frame;
      frame.kind = FrameKind::kMap;
      frame.field = field;
      frame.line = line;
      Push(std::move(frame));
      return;
    }
    if (whole && field->is_repeated()) {
      if (kind != NodeKind::kSequence) {
        Fail(line, Path(),
             absl::StrCat("expected a list, found ", Found(kind, scalar)));
      }
      BeginMember(top);
      json_.push_back('[');
      Frame frame;
      frame.kind = FrameKind::kList;
      frame.field = field;
      frame.line = line;
      Push(std::move(frame));
      return;
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const Descriptor& message = *field->message_type();
      if (kind != NodeKind::kMapping) {
        std::string hint;
        if (kind == NodeKind::kScalar) {
          const FieldDescriptor* named = message.FindFieldByName(scalar);
          if (named != nullptr &&
              named->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
            hint = absl::StrCat(" (write '", scalar, ": {}')");
          }
        }
        Fail(line, Path(),
             absl::StrCat("expected a mapping, found ", Found(kind, scalar),
                          hint));
      }
      if (HasSpecialJsonForm(message)) {
        Fail(line, Path(),
             absl::StrCat(message.full_name(),
                          " values are not supported in definition files"));
      }
      BeginMember(top);
      json_.push_back('{');
      Frame frame;
      frame.kind = FrameKind::kMessage;
      frame.field = field;
      frame.message = &message;
      frame.line = line;
      Push(std::move(frame));
      return;
    }
    if (kind != NodeKind::kScalar) {
      Fail(line, Path(),
           absl::StrCat("expected ", ExpectedScalar(*field), ", found ",
                        Found(kind, scalar)));
    }
    std::string json_value = ScalarJson(*field, scalar, line);
    BeginMember(top);
    json_.append(json_value);
    if (top.kind == FrameKind::kMessage) top.current = nullptr;
    top.expecting_value = false;
  }

  void RootValue(NodeKind kind, int line) {
    switch (kind) {
      case NodeKind::kNull:
        // An empty document; an empty item of a document list is an error.
        if (!stack_.empty()) FailAt(line, DocumentShape());
        return;
      case NodeKind::kScalar:
        FailAt(line, DocumentShape());
      case NodeKind::kSequence: {
        if (!stack_.empty() || !options_.allow_document_lists) {
          FailAt(line, DocumentShape());
        }
        Frame frame;
        frame.kind = FrameKind::kDocumentList;
        frame.line = line;
        Push(std::move(frame));
        return;
      }
      case NodeKind::kMapping: {
        json_.clear();
        json_.push_back('{');
        document_line_ = line;
        Frame frame;
        frame.kind = FrameKind::kMessage;
        frame.message = &root_;
        frame.is_root = true;
        frame.line = line;
        Push(std::move(frame));
        return;
      }
    }
  }

  static std::string ExpectedScalar(const FieldDescriptor& field) {
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return "a string";
      case FieldDescriptor::CPPTYPE_BOOL:
        return "true or false";
      case FieldDescriptor::CPPTYPE_ENUM:
        return absl::StrCat("a name of ", field.enum_type()->name());
      case FieldDescriptor::CPPTYPE_FLOAT:
      case FieldDescriptor::CPPTYPE_DOUBLE:
        return "a number";
      default:
        return absl::StrCat("an integer (", IntegerTypeName(field.cpp_type()),
                            ")");
    }
  }

  std::string EnumError(const EnumDescriptor& type, absl::string_view value) {
    std::vector<std::string> names;
    const EnumValueDescriptor* best = nullptr;
    int best_distance = std::numeric_limits<int>::max();
    for (int i = 0; i < type.value_count(); ++i) {
      const EnumValueDescriptor* candidate = type.value(i);
      if (IsUnspecifiedEnumValue(*candidate)) continue;
      names.push_back(candidate->name());
      const int distance = EditDistance(value, candidate->name());
      if (distance < best_distance) {
        best_distance = distance;
        best = candidate;
      }
    }
    std::string message = absl::StrCat(Shown(value), " is not one of ",
                                       absl::StrJoin(names, ", "));
    const int allowed =
        std::max<int>(1, best == nullptr ? 0 : best->name().size() / 3);
    if (best != nullptr && best_distance <= allowed) {
      absl::StrAppend(&message, " (did you mean '", best->name(), "'?)");
    }
    return message;
  }

  // The JSON text of a scalar for a singular field, or a failure.
  std::string ScalarJson(const FieldDescriptor& field, const std::string& value,
                         int line) {
    std::string json;
    std::string error;
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (field.type() == FieldDescriptor::TYPE_STRING &&
            !IsValidUtf8(value)) {
          Fail(line, Path(), "not valid UTF-8");
        }
        AppendJsonString(value, &json);
        return json;
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool b = false;
        if (!plain_ || !ParseBool(value, &b)) {
          Fail(
              line, Path(),
              absl::StrCat("expected true or false, found ",
                           plain_ ? Shown(value)
                                  : absl::StrCat("the string ", Shown(value))));
        }
        return b ? "true" : "false";
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const EnumValueDescriptor* named =
            field.enum_type()->FindValueByName(value);
        if (named == nullptr) {
          Fail(line, Path(), EnumError(*field.enum_type(), value));
        }
        AppendJsonString(named->name(), &json);
        return json;
      }
      case FieldDescriptor::CPPTYPE_FLOAT:
      case FieldDescriptor::CPPTYPE_DOUBLE:
        if (!ParseFloat(value, &json)) {
          Fail(line, Path(),
               absl::StrCat("expected a number, found ", Shown(value)));
        }
        return json;
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_UINT32:
        if (!ParseInteger(value, field.cpp_type(), &json, &error)) {
          Fail(line, Path(), error);
        }
        return json;
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT64: {
        // 64-bit integers are JSON strings in the protobuf mapping.
        std::string digits;
        if (!ParseInteger(value, field.cpp_type(), &digits, &error)) {
          Fail(line, Path(), error);
        }
        return absl::StrCat("\"", digits, "\"");
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        break;
    }
    Fail(line, Path(), "expected a mapping");
  }

  const std::string file_name_;
  const Descriptor& root_;
  const YamlToJsonOptions& options_;
  const OneofDescriptor* required_oneof_ = nullptr;

  std::vector<Frame> stack_;
  std::string json_;  // the document being written
  // Field key lines of the current document (JsonDocument::field_lines).
  std::vector<std::pair<std::string, int>> field_lines_;
  int document_line_ = 0;       // its line
  bool plain_ = false;          // the scalar being handled was written plain
  int last_document_pos_ = -1;  // stream offset of the last document start
  std::vector<JsonDocument> documents_;
  absl::flat_hash_map<const Descriptor*, FieldIndex> field_indexes_;
};

// YAML allows no C0 control characters but tab, line feed and carriage
// return (YAML 1.2 §5.1), and yaml-cpp mishandles them: it drops U+0004 from
// scalars and can loop on U+0000. Returns the first offending offset, or npos.
size_t FindControlCharacter(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return i;
    }
  }
  return absl::string_view::npos;
}

}  // namespace

int EditDistance(absl::string_view a, absl::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // Three rows of the optimal-string-alignment table.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    const char ai = absl::ascii_tolower(static_cast<unsigned char>(a[i - 1]));
    for (size_t j = 1; j <= m; ++j) {
      const char bj = absl::ascii_tolower(static_cast<unsigned char>(b[j - 1]));
      const int cost = ai == bj ? 0 : 1;
      int best = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 &&
          ai == absl::ascii_tolower(static_cast<unsigned char>(b[j - 2])) &&
          absl::ascii_tolower(static_cast<unsigned char>(a[i - 2])) == bj) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

absl::Status ConvertYamlToJson(
    absl::string_view text, absl::string_view file_name,
    const google::protobuf::Descriptor& root, const YamlToJsonOptions& options,
    absl::FunctionRef<absl::Status(JsonDocument)> on_document) {
  if (!options.required_oneof.empty() &&
      root.FindOneofByName(options.required_oneof) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        root.full_name(), " has no oneof '", options.required_oneof, "'"));
  }
  if (const size_t bad = FindControlCharacter(text);
      bad != absl::string_view::npos) {
    const absl::string_view before = text.substr(0, bad);
    const size_t line_start = before.rfind('\n');
    const size_t column =
        line_start == absl::string_view::npos ? bad + 1 : bad - line_start;
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:%d:%d: bad YAML: control character U+%04X is not allowed "
        "(definition files are UTF-8 text)",
        file_name, std::count(before.begin(), before.end(), '\n') + 1, column,
        static_cast<unsigned char>(text[bad])));
  }
  ViewStreamBuf buffer(text);
  std::istream input(&buffer);
  JsonWriter writer(file_name, root, options);
  try {
    YAML::Parser parser(input);
    while (parser.HandleNextDocument(writer)) {
      for (JsonDocument& document : writer.TakeDocuments()) {
        absl::Status status = on_document(std::move(document));
        if (!status.ok()) return status;
      }
    }
  } catch (const ConversionError& error) {
    return error.status;
  } catch (const YAML::Exception& error) {
    if (error.mark.is_null()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file_name, ": bad YAML: ", error.msg));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ":", error.mark.line + 1, ":",
                     error.mark.column + 1, ": bad YAML: ", error.msg));
  } catch (const std::exception& error) {
    return absl::InternalError(
        absl::StrCat(file_name, ": YAML parser failed: ", error.what()));
  }
  return absl::OkStatus();
}

}  // namespace shuyuan::codec_internal
