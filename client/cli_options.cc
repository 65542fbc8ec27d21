#include "client/cli_options.h"

#include <cstdlib>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/grpc_status.h"

namespace shuyuan::client {
namespace {

std::optional<std::string> Env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

// Splits "--flag=value" into name and value.
std::pair<std::string, std::optional<std::string>> SplitFlag(
    const std::string& arg) {
  const size_t eq = arg.find('=');
  if (absl::StartsWith(arg, "-") && eq != std::string::npos) {
    return {arg.substr(0, eq), arg.substr(eq + 1)};
  }
  return {arg, std::nullopt};
}

// The value of the flag at args[*i]: inline, or the next word.
absl::StatusOr<std::string> TakeValue(
    const std::vector<std::string>& args, size_t* i, const std::string& name,
    const std::optional<std::string>& inline_value) {
  if (inline_value.has_value()) return *inline_value;
  if (*i + 1 >= args.size()) {
    return absl::InvalidArgumentError(absl::StrCat(name, " needs a value"));
  }
  return args[++*i];
}

}  // namespace

ConnectionOptions GlobalOptions::Connection() const {
  ConnectionOptions options;
  if (std::optional<std::string> v = server ? server : Env("SHUYUAN_SERVER")) {
    options.server = *v;
  }
  if (std::optional<std::string> v = token ? token : Env("SHUYUAN_TOKEN")) {
    options.token = *v;
  }
  if (std::optional<std::string> v = tls_ca ? tls_ca : Env("SHUYUAN_TLS_CA")) {
    options.tls_ca_file = *v;
  }
  options.tls = tls;
  return options;
}

std::vector<std::string> GlobalOptions::ConnectionWords() const {
  std::vector<std::string> words;
  if (server) words.insert(words.end(), {"--server", *server});
  if (token) words.insert(words.end(), {"--token", *token});
  if (tls_ca) words.insert(words.end(), {"--tls-ca", *tls_ca});
  if (tls) words.push_back("--tls");
  return words;
}

absl::StatusOr<bool> ParseGlobalFlag(const std::vector<std::string>& args,
                                     size_t* i, GlobalOptions* globals) {
  const auto [name, inline_value] = SplitFlag(args[*i]);
  std::optional<std::string>* target = nullptr;
  if (name == "--server") {
    target = &globals->server;
  } else if (name == "--token") {
    target = &globals->token;
  } else if (name == "--tls-ca") {
    target = &globals->tls_ca;
  } else if (name == "--tls" && !inline_value) {
    globals->tls = true;
    return true;
  } else if (name == "-o" || name == "--output") {
    absl::StatusOr<std::string> value = TakeValue(args, i, name, inline_value);
    if (!value.ok()) return value.status();
    absl::StatusOr<OutputFormat> format = ParseOutputFormat(*value);
    if (!format.ok()) return format.status();
    globals->output = *format;
    return true;
  } else {
    return false;
  }
  absl::StatusOr<std::string> value = TakeValue(args, i, name, inline_value);
  if (!value.ok()) return value.status();
  *target = *std::move(value);
  return true;
}

CommandLine& CommandLine::Value(std::initializer_list<const char*> names,
                                std::string* target) {
  flags_.push_back({{names.begin(), names.end()}, Type::kValue, target});
  return *this;
}

CommandLine& CommandLine::Number(std::initializer_list<const char*> names,
                                 uint64_t* target) {
  flags_.push_back({{names.begin(), names.end()}, Type::kNumber, target});
  return *this;
}

CommandLine& CommandLine::Switch(std::initializer_list<const char*> names,
                                 bool* target) {
  flags_.push_back({{names.begin(), names.end()}, Type::kSwitch, target});
  return *this;
}

const CommandLine::Flag* CommandLine::Find(absl::string_view name) const {
  for (const Flag& flag : flags_) {
    for (const std::string& n : flag.names) {
      if (n == name) return &flag;
    }
  }
  return nullptr;
}

absl::Status CommandLine::Parse(const std::vector<std::string>& args,
                                GlobalOptions* globals,
                                std::vector<std::string>* positional) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      positional->insert(positional->end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg == "--help" || arg == "-h") {
      help_ = true;
      return absl::OkStatus();
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional->push_back(arg);
      continue;
    }
    const auto [name, inline_value] = SplitFlag(arg);
    const Flag* flag = Find(name);
    if (flag == nullptr) {
      absl::StatusOr<bool> global = ParseGlobalFlag(args, &i, globals);
      if (!global.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(command_, ": ", global.status().message()));
      }
      if (!*global) {
        return absl::InvalidArgumentError(
            absl::StrCat(command_, ": unknown flag '", name, "' (see shuyuan ",
                         command_, " --help)"));
      }
      continue;
    }
    const std::string& shown = flag->names.front();
    if (flag->type == Type::kSwitch) {
      if (inline_value) {
        return absl::InvalidArgumentError(
            absl::StrCat(command_, ": ", shown, " takes no value"));
      }
      *static_cast<bool*>(flag->target) = true;
      continue;
    }
    absl::StatusOr<std::string> value = TakeValue(args, &i, name, inline_value);
    if (!value.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(command_, ": ", value.status().message()));
    }
    if (flag->type == Type::kValue) {
      *static_cast<std::string*>(flag->target) = *std::move(value);
    } else if (!absl::SimpleAtoi(*value,
                                 static_cast<uint64_t*>(flag->target))) {
      return absl::InvalidArgumentError(absl::StrCat(
          command_, ": ", shown, " '", *value, "' is not a whole number"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::ItemKind> ParseKind(absl::string_view name) {
  if (name == "element") return v1::DATA_ELEMENT;
  if (name == "codelist") return v1::CODE_LIST;
  if (name == "schema") return v1::RECORD_SCHEMA;
  if (name == "term") return v1::TERM;
  if (name == "rule") return v1::CODING_RULE;
  return absl::InvalidArgumentError(absl::StrCat(
      "kind '", name, "' is not one of element, codelist, schema, term, rule"));
}

absl::string_view KindName(v1::ItemKind kind) {
  switch (kind) {
    case v1::DATA_ELEMENT:
      return "element";
    case v1::CODE_LIST:
      return "codelist";
    case v1::RECORD_SCHEMA:
      return "schema";
    case v1::TERM:
      return "term";
    case v1::CODING_RULE:
      return "rule";
    default:
      return "?";
  }
}

absl::StatusOr<v1::RegistrationStatus> ParseStatus(absl::string_view name) {
  v1::RegistrationStatus status;
  if (v1::RegistrationStatus_Parse(absl::AsciiStrToUpper(name), &status) &&
      status != v1::REGISTRATION_STATUS_UNSPECIFIED) {
    return status;
  }
  std::vector<std::string> names;
  for (int s = v1::INCOMPLETE; s <= v1::RETIRED; ++s) {
    names.push_back(
        v1::RegistrationStatus_Name(static_cast<v1::RegistrationStatus>(s)));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "status '", name, "' is not one of ", absl::StrJoin(names, ", ")));
}

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return 0;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kResourceExhausted:
      return 2;
    default:
      return 4;
  }
}

std::string FailureHint(const CommandContext& context,
                        const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kUnauthenticated:
      if (!context.sent_token) {
        return "no token was sent: pass one with --token or SHUYUAN_TOKEN "
               "(`shuyuan token hash` makes a new token and its tokens-file "
               "line)";
      }
      return absl::StrCat(
          "the server at ", context.server,
          " did not accept the token: pass a valid one with --token or "
          "SHUYUAN_TOKEN (`shuyuan token hash` makes a new token and its "
          "tokens-file line)");
    case absl::StatusCode::kPermissionDenied:
      return absl::StrCat("`shuyuan ", context.command,
                          "` needs a token with the ", context.role,
                          " role (or admin)");
    case absl::StatusCode::kUnavailable:
      return absl::StrCat("could not reach shuyuan-server at ", context.server,
                          " (--server HOST:PORT or SHUYUAN_SERVER; is it "
                          "running?)");
    case absl::StatusCode::kDeadlineExceeded:
      return absl::StrCat("the server at ", context.server,
                          " did not answer in time");
    default:
      return "";
  }
}

int ReportFailure(const CommandContext& context, const absl::Status& status,
                  std::ostream& err) {
  err << "error: " << status.message() << "\n";
  // The server's field violations, unless its message already says them.
  for (const auto& [field, description] : FieldViolations(status)) {
    if (!absl::StrContains(status.message(), description)) {
      err << "  " << field << ": " << description << "\n";
    }
  }
  const std::string hint = FailureHint(context, status);
  if (!hint.empty()) err << "  " << hint << "\n";
  return ExitCodeFor(status);
}

}  // namespace shuyuan::client
