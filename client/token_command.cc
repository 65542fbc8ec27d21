#include "client/token_command.h"

#include <openssl/rand.h>
#include <yaml-cpp/yaml.h>

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/internal/json_writer.h"
#include "codec/sha256.h"
#include "re2/re2.h"

namespace shuyuan::client {
namespace {

constexpr char kTokenUsage[] =
    R"(usage: shuyuan token hash --principal NAME [--roles ROLE[,ROLE...]]

Makes a new random token for the server's tokens file (--tokens FILE).
Prints the token once — give it to its holder, who passes it with --token
or SHUYUAN_TOKEN — and the line to append to the tokens file:

  SHA256_HEX PRINCIPAL ROLE[,ROLE...]

The server stores and compares only the SHA-256 of the token; send it
SIGHUP to re-read the file.

  --principal NAME   who holds the token: letters, digits and _ . @ -
                     (recorded in the audit log)
  --roles LIST       comma-separated: reader (get, list, search, validate),
                     registrant (apply, import), steward (promote, retire,
                     --allow-breaking), admin (all, backup); default reader

Needs no server. -o json / -o yaml print token, sha256, principal, roles
and tokens_file_line.
)";

constexpr const char* kRoles[] = {"reader", "registrant", "steward", "admin"};

absl::StatusOr<std::vector<std::string>> ParseRoles(const std::string& list) {
  std::vector<std::string> roles;
  for (absl::string_view role : absl::StrSplit(list, ',')) {
    bool known = false;
    for (const char* r : kRoles) known = known || role == r;
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("token hash: role '", role, "' is not one of ",
                       absl::StrJoin(kRoles, ", ")));
    }
    roles.emplace_back(role);
  }
  return roles;
}

void PrintToken(OutputFormat format, const std::string& token,
                const std::string& hash, const std::string& principal,
                const std::vector<std::string>& roles, std::ostream& out) {
  const std::string line =
      absl::StrCat(hash, " ", principal, " ", absl::StrJoin(roles, ","));
  if (format == OutputFormat::kJson) {
    std::string json;
    client_internal::JsonWriter writer(&json, 2);
    writer.BeginObject();
    writer.Key("token").String(token);
    writer.Key("sha256").String(hash);
    writer.Key("principal").String(principal);
    writer.Key("roles").BeginArray();
    for (const std::string& role : roles) writer.String(role);
    writer.EndArray();
    writer.Key("tokens_file_line").String(line);
    writer.EndObject();
    out << json << "\n";
  } else if (format == OutputFormat::kYaml) {
    YAML::Emitter yaml;
    yaml << YAML::BeginMap << YAML::Key << "token" << YAML::Value << token
         << YAML::Key << "sha256" << YAML::Value << YAML::DoubleQuoted << hash
         << YAML::Key << "principal" << YAML::Value << principal << YAML::Key
         << "roles" << YAML::Value << roles << YAML::Key << "tokens_file_line"
         << YAML::Value << YAML::DoubleQuoted << line << YAML::EndMap;
    out << yaml.c_str() << "\n";
  } else {
    out << "token (give it to " << principal << "; it is not shown again):\n  "
        << token
        << "\ntokens-file line (append it to the server's --tokens file, "
           "then send the server SIGHUP):\n  "
        << line << "\n";
  }
}

}  // namespace

absl::StatusOr<std::string> NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return absl::InternalError("token hash: no random bytes from OpenSSL");
  }
  std::string encoded;
  absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)),
      &encoded);
  return absl::StrCat("sy_", encoded);
}

int RunTokenHash(const std::vector<std::string>& args,
                 const GlobalOptions& globals, std::ostream& out,
                 std::ostream& err) {
  GlobalOptions options = globals;
  std::string principal;
  std::string roles_text = "reader";
  CommandLine line("token hash");
  line.Value({"--principal"}, &principal).Value({"--roles"}, &roles_text);
  std::vector<std::string> words;
  absl::Status parsed = line.Parse(args, &options, &words);
  if (parsed.ok() && line.help()) {
    out << kTokenUsage;
    return 0;
  }
  if (parsed.ok() && !words.empty()) {
    parsed = absl::InvalidArgumentError(
        absl::StrCat("token hash: unexpected argument '", words[0], "'"));
  }
  if (parsed.ok() && !RE2::FullMatch(principal, R"([A-Za-z0-9_.@-]+)")) {
    parsed = absl::InvalidArgumentError(
        principal.empty()
            ? "token hash: --principal NAME is required"
            : absl::StrCat("token hash: --principal '", principal,
                           "' may hold letters, digits and _ . @ - only"));
  }
  absl::StatusOr<std::vector<std::string>> roles =
      parsed.ok() ? ParseRoles(roles_text) : parsed;
  if (!roles.ok()) {
    err << "error: " << roles.status().message()
        << "\n(see shuyuan token hash --help)\n";
    return 2;
  }
  absl::StatusOr<std::string> token = NewToken();
  if (!token.ok()) {
    err << "error: " << token.status().message() << "\n";
    return 4;
  }
  PrintToken(options.format(), *token, codec::Sha256Hex(*token), principal,
             *roles, out);
  out.flush();
  return out.good() ? 0 : 4;
}

}  // namespace shuyuan::client
