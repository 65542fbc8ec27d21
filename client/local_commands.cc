#include "client/local_commands.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "client/internal/json_writer.h"
#include "codec/compiled_element.h"
#include "codec/date_time.h"
#include "codec/definition_set.h"
#include "codec/element_code.h"
#include "codec/issue.h"
#include "common/json_string.h"
#include "google/protobuf/util/json_util.h"
#include "shuyuan/v1/result.pb.h"

namespace shuyuan::client {
namespace {

using codec::CompiledElement;
using codec::DateKey;
using codec::DefinitionSet;

// The options the local commands share.
struct LocalOptions {
  std::string defs;
  std::string element;
  std::string as_of;
  std::vector<std::string> values;
};

absl::StatusOr<LocalOptions> ParseLocalOptions(
    absl::string_view command, const std::vector<std::string>& args,
    bool takes_as_of) {
  LocalOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value_of = [&](absl::string_view flag) -> absl::StatusOr<std::string> {
      const std::string prefix = absl::StrCat(flag, "=");
      if (absl::StartsWith(arg, prefix)) return arg.substr(prefix.size());
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat(command, ": ", flag, " needs a value"));
      }
      return args[++i];
    };
    auto is = [&](absl::string_view flag) {
      return arg == flag || absl::StartsWith(arg, absl::StrCat(flag, "="));
    };
    absl::StatusOr<std::string> v = std::string();
    if (arg == "--") {
      options.values.insert(options.values.end(), args.begin() + i + 1,
                            args.end());
      break;
    } else if (is("--defs")) {
      v = value_of("--defs");
      if (v.ok()) options.defs = *v;
    } else if (is("--element")) {
      v = value_of("--element");
      if (v.ok()) options.element = *v;
    } else if (takes_as_of && is("--as-of")) {
      v = value_of("--as-of");
      if (v.ok()) options.as_of = *v;
    } else if (absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(
          absl::StrCat(command, ": unknown flag '", arg, "'"));
    } else {
      options.values.push_back(arg);
    }
    if (!v.ok()) return v.status();
  }
  if (options.defs.empty() || options.element.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        command, ": --defs DIR and --element ID are required (usage: shuyuan ",
        command, " --defs DIR --element ID",
        takes_as_of ? " [--as-of DATE]" : "", " VALUE...)"));
  }
  if (options.values.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(command, ": give at least one value"));
  }
  return options;
}

// Accepts YYYY-MM-DD (and YYYYMMDD) for --as-of; today when empty.
absl::StatusOr<DateKey> ParseAsOf(const std::string& text) {
  if (text.empty()) return codec::MakeDateKey(codec::Today());
  absl::CivilDay day;
  if (codec::ParseIsoDate(text, &day)) return codec::MakeDateKey(day);
  codec::DateTimeFields f;
  if (codec::ParseDateTime(text, codec::DateTimeLayout::kYyyymmdd, &f) ==
      codec::DateTimeParse::kOk) {
    return codec::MakeDateKey(f);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--as-of '", text, "' is not a real date written YYYY-MM-DD"));
}

// Loads the definitions and compiles the element; prints the error and
// returns the exit code on failure.
struct LoadedElement {
  DefinitionSet defs;
  std::shared_ptr<const CompiledElement> element;
};

std::optional<LoadedElement> LoadElement(const LocalOptions& options,
                                         std::ostream& err, int* exit_code) {
  absl::StatusOr<DefinitionSet> defs = DefinitionSet::Load(options.defs);
  if (!defs.ok()) {
    err << "error: " << defs.status().message() << "\n";
    *exit_code = defs.status().code() == absl::StatusCode::kInvalidArgument
                     ? kExitUsage
                     : kExitFailure;
    return std::nullopt;
  }
  LoadedElement loaded{*std::move(defs), nullptr};
  const v1::DataElement* proto = loaded.defs.FindElement(options.element);
  if (proto == nullptr) {
    err << "error: no data element '" << options.element << "' in "
        << options.defs << " (" << loaded.defs.elements().size()
        << " elements loaded)\n";
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  absl::StatusOr<std::shared_ptr<const CompiledElement>> element =
      CompiledElement::Compile(*proto, loaded.defs);
  if (!element.ok()) {
    err << "error: " << loaded.defs.Describe(element.status()) << "\n";
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  loaded.element = *std::move(element);
  return loaded;
}

std::string ToJsonLine(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  // Our own messages always serialise; a failure would be a bug, shown as
  // an error object rather than silently dropped.
  const auto status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    std::string error = "{\"error\":";
    AppendJsonString(status.message().as_string(), &error);
    return error + "}";
  }
  return json;
}

// Everything a local command needs before its first value: parsed flags,
// the reference date, the definitions and the compiled element.
struct PreparedCommand {
  LocalOptions options;
  DateKey as_of = 0;
  LoadedElement loaded;
  const CompiledElement& element() const { return *loaded.element; }
};

// Parses, loads and compiles for `command`; on failure prints the error and
// sets `*exit_code`. `structured` commands need an element with a checksum.
std::optional<PreparedCommand> Prepare(absl::string_view command,
                                       const std::vector<std::string>& args,
                                       bool takes_as_of, bool structured,
                                       std::ostream& err, int* exit_code) {
  *exit_code = kExitUsage;
  absl::StatusOr<LocalOptions> options =
      ParseLocalOptions(command, args, takes_as_of);
  if (!options.ok()) {
    err << "error: " << options.status().message() << "\n";
    return std::nullopt;
  }
  absl::StatusOr<DateKey> as_of = ParseAsOf(options->as_of);
  if (!as_of.ok()) {
    err << "error: " << as_of.status().message() << "\n";
    return std::nullopt;
  }
  std::optional<LoadedElement> loaded = LoadElement(*options, err, exit_code);
  if (!loaded) return std::nullopt;
  if (structured && !codec::IsStructuredCode(*loaded->element)) {
    err << "error: data element " << loaded->element->ref()
        << " is not a structured code (its value_domain has no checksum or "
           "coding_rule)\n";
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  *exit_code = kExitOk;
  return PreparedCommand{*std::move(options), *as_of, *std::move(loaded)};
}

int Finish(std::ostream& out) {
  out.flush();
  return out.good() ? kExitOk : kExitFailure;
}

}  // namespace

int RunCheck(const std::vector<std::string>& args, std::ostream& out,
             std::ostream& err) {
  int exit_code;
  std::optional<PreparedCommand> command =
      Prepare("check", args, /*takes_as_of=*/true, /*structured=*/false, err,
              &exit_code);
  if (!command) return exit_code;
  v1::ValueResult result;
  for (const std::string& value : command->options.values) {
    command->element().CheckValue(value, command->as_of, &result);
    out << ToJsonLine(result) << "\n";
  }
  return Finish(out);
}

int RunDecode(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  int exit_code;
  std::optional<PreparedCommand> command =
      Prepare("decode", args, /*takes_as_of=*/true, /*structured=*/true, err,
              &exit_code);
  if (!command) return exit_code;
  const CompiledElement& element = command->element();
  const DateKey as_of = command->as_of;
  for (const std::string& value : command->options.values) {
    // Decode what validation sees: the normalised value.
    codec::NormalizeScratch scratch;
    const codec::NormalizeResult normalized =
        element.Normalize(value, as_of, &scratch);
    std::string line;
    client_internal::JsonWriter json(&line);
    json.BeginObject();
    json.Key("value").String(codec::ToValidUtf8(value));
    json.Key("normalized").String(codec::ToValidUtf8(normalized.value));
    absl::StatusOr<codec::DecodedCode> decoded =
        codec::DecodeStructuredCode(element, normalized.value, as_of);
    if (!decoded.ok()) {
      json.Key("valid").Bool(false);
      json.Key("error").String(codec::ToValidUtf8(decoded.status().message()));
    } else {
      json.Key("valid").Bool(decoded->outcome.ok());
      json.Key("parts").BeginObject();
      for (const codec::CodePart& part : decoded->parts) {
        json.Key(part.name).String(part.value);
      }
      json.EndObject();
      if (!decoded->outcome.ok()) {
        json.Key("issue").String(v1::IssueCode_Name(decoded->outcome.code));
        json.Key("message").String(codec::ToValidUtf8(decoded->message));
        json.Key("message_zh").String(codec::ToValidUtf8(decoded->message_zh));
      }
    }
    json.EndObject();
    out << line << "\n";
  }
  return Finish(out);
}

int RunEncode(const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err) {
  int exit_code;
  std::optional<PreparedCommand> command =
      Prepare("encode", args, /*takes_as_of=*/false, /*structured=*/true, err,
              &exit_code);
  if (!command) return exit_code;
  const CompiledElement& element = command->element();
  for (const std::string& body : command->options.values) {
    std::string line;
    client_internal::JsonWriter json(&line);
    json.BeginObject();
    json.Key("body").String(codec::ToValidUtf8(body));
    absl::StatusOr<std::string> code =
        codec::EncodeStructuredCode(element, body);
    if (code.ok()) {
      json.Key("code").String(*code);
    } else {
      json.Key("error").String(codec::ToValidUtf8(code.status().message()));
    }
    json.EndObject();
    out << line << "\n";
  }
  return Finish(out);
}

}  // namespace shuyuan::client
