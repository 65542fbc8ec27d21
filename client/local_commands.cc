#include "client/local_commands.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "client/as_of_flag.h"
#include "client/internal/json_writer.h"
#include "client/local_definitions.h"
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

// The options the local commands share.
struct LocalOptions {
  std::string defs;
  std::string element;
  std::optional<std::string> as_of;  // unset: today
  std::vector<std::string> values;
  bool help = false;
};

constexpr char kCheckUsage[] =
    R"(usage: shuyuan check --defs DIR|BUNDLE --element ID [--as-of YYYY-MM-DD]
           VALUE...

Normalises and validates each VALUE with data element ID from local
definitions (every definition under DIR must load and compile). Prints one
JSON line per value: {"value", "valid", "normalized", "issues": [{"code",
"severity", "message", "message_zh", "rule", "element", "original_value",
"normalized_value"}], "normalizations"}.

  --as-of DATE  reference date for effective-date checks, exactly
                YYYY-MM-DD; default today (China Standard Time)
  --            what follows is a value, even when it starts with "--"

Exit codes: 0 done; 2 usage or definition error; 4 I/O failure.
)";

constexpr char kDecodeUsage[] =
    R"(usage: shuyuan decode --defs DIR|BUNDLE --element ID [--as-of YYYY-MM-DD]
           VALUE...

Splits each VALUE, after the element's normalisers, into the parts of its
structured code (GB 11643: address_code, birth_date, sequence, sex, check;
GB 32100: registration_authority, organization_type, division_code,
organization_code, check; GB 11714, LUHN, ISO 7064: body, check). Prints
one JSON line per value: {"value", "normalized", "valid", "parts", ...}.
The element must have a checksum.

  --as-of DATE  reference date ("today" for birth dates), exactly
                YYYY-MM-DD; default today (China Standard Time)
  --            what follows is a value, even when it starts with "--"

Exit codes: 0 done; 2 usage or definition error; 4 I/O failure.
)";

constexpr char kEncodeUsage[] =
    R"(usage: shuyuan encode --defs DIR|BUNDLE --element ID BODY...

Computes the check character of each BODY with the checksum of data element
ID and prints one JSON line per body: {"body", "code"} or {"body",
"error"}.

  --            what follows is a body, even when it starts with "--"

Exit codes: 0 done; 2 usage or definition error; 4 I/O failure.
)";

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
    if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--") {
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
  if (options.help) return options;
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

// Loads and compiles the definitions and finds the element; prints the
// error and sets `*exit_code` on failure.
struct LoadedElement {
  LocalDefinitions defs;
  std::shared_ptr<const CompiledElement> element;
};

std::optional<LoadedElement> LoadElement(const LocalOptions& options,
                                         std::ostream& err, int* exit_code) {
  absl::StatusOr<LocalDefinitions> defs = LocalDefinitions::Load(options.defs);
  if (!defs.ok()) {
    err << "error: " << defs.status().message() << "\n";
    *exit_code = defs.status().code() == absl::StatusCode::kInvalidArgument
                     ? kExitUsage
                     : kExitFailure;
    return std::nullopt;
  }
  absl::StatusOr<std::shared_ptr<const CompiledElement>> element =
      defs->Element(options.element);
  if (!element.ok()) {
    err << "error: " << element.status().message() << "\n";
    *exit_code = kExitUsage;
    return std::nullopt;
  }
  return LoadedElement{*std::move(defs), *std::move(element)};
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
// --help prints `usage` on `out` and exits 0.
std::optional<PreparedCommand> Prepare(absl::string_view command,
                                       absl::string_view usage,
                                       const std::vector<std::string>& args,
                                       bool takes_as_of, bool structured,
                                       std::ostream& out, std::ostream& err,
                                       int* exit_code) {
  *exit_code = kExitUsage;
  absl::StatusOr<LocalOptions> options =
      ParseLocalOptions(command, args, takes_as_of);
  if (!options.ok()) {
    err << "error: " << options.status().message() << "\n";
    return std::nullopt;
  }
  if (options->help) {
    out << usage;
    *exit_code = kExitOk;
    return std::nullopt;
  }
  absl::StatusOr<AsOf> as_of = ParseAsOfFlag(options->as_of);
  if (!as_of.ok()) {
    err << "error: " << command << ": " << as_of.status().message() << "\n";
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
  return PreparedCommand{*std::move(options), as_of->key, *std::move(loaded)};
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
      Prepare("check", kCheckUsage, args, /*takes_as_of=*/true,
              /*structured=*/false, out, err, &exit_code);
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
      Prepare("decode", kDecodeUsage, args, /*takes_as_of=*/true,
              /*structured=*/true, out, err, &exit_code);
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
      Prepare("encode", kEncodeUsage, args, /*takes_as_of=*/false,
              /*structured=*/true, out, err, &exit_code);
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
