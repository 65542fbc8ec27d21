#include "server/auth.h"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "codec/sha256.h"
#include "common/status_macros.h"

namespace shuyuan::server {
namespace {

bool IsHexDigest(absl::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::StatusOr<uint8_t> ParseRoles(absl::string_view text,
                                   absl::string_view where) {
  uint8_t roles = 0;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    name = absl::StripAsciiWhitespace(name);
    bool known = false;
    for (Role role :
         {Role::kReader, Role::kRegistrant, Role::kSteward, Role::kAdmin}) {
      if (name == RoleName(role)) {
        roles |= static_cast<uint8_t>(role);
        known = true;
      }
    }
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": unknown role '", name,
                       "' (roles: reader, registrant, steward, admin)"));
    }
  }
  return roles;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kRegistrant:
      return "registrant";
    case Role::kSteward:
      return "steward";
    case Role::kAdmin:
      return "admin";
  }
  return "reader";
}

absl::StatusOr<TokenTable> ParseTokenFile(absl::string_view text,
                                          absl::string_view file_name) {
  TokenTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    const size_t hash_mark = line.find('#');
    if (hash_mark != absl::string_view::npos) line = line.substr(0, hash_mark);
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    const std::string where = absl::StrCat(file_name, ":", line_number);
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (fields.size() != 3) {
      return absl::InvalidArgumentError(absl::StrCat(
          where,
          ": expected 'SHA256_HEX PRINCIPAL ROLE[,ROLE...]' (make one "
          "with `shuyuan token hash`)"));
    }
    if (!IsHexDigest(fields[0])) {
      return absl::InvalidArgumentError(absl::StrCat(
          where,
          ": the first column must be the 64-digit hex SHA-256 of a "
          "token, never the token itself"));
    }
    SHUYUAN_ASSIGN_OR_RETURN(uint8_t roles, ParseRoles(fields[2], where));
    const std::string hash = absl::AsciiStrToLower(fields[0]);
    if (!table.emplace(hash, Principal{std::string(fields[1]), roles}).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": this token hash is listed twice"));
    }
  }
  return table;
}

std::unique_ptr<Authenticator> Authenticator::Open() {
  return std::unique_ptr<Authenticator>(new Authenticator(""));
}

absl::StatusOr<std::unique_ptr<Authenticator>> Authenticator::FromFile(
    const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError("--tokens: empty path");
  }
  std::unique_ptr<Authenticator> auth(new Authenticator(path));
  SHUYUAN_RETURN_IF_ERROR(auth->Reload());
  return auth;
}

absl::Status Authenticator::Reload() {
  if (path_.empty()) return absl::OkStatus();
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("--tokens ", path_, ": cannot read the file"));
  }
  std::stringstream text;
  text << in.rdbuf();
  SHUYUAN_ASSIGN_OR_RETURN(TokenTable table, ParseTokenFile(text.str(), path_));
  auto shared = std::make_shared<const TokenTable>(std::move(table));
  absl::MutexLock lock(&mu_);
  table_ = std::move(shared);
  return absl::OkStatus();
}

size_t Authenticator::token_count() const {
  absl::MutexLock lock(&mu_);
  return table_ == nullptr ? 0 : table_->size();
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    absl::string_view authorization) const {
  constexpr uint8_t kAll = 0xF;
  if (path_.empty()) return Principal{"local", kAll};
  if (authorization.empty()) {
    return absl::UnauthenticatedError(
        "no credentials: send 'authorization: Bearer TOKEN' (shuyuan "
        "--token or SHUYUAN_TOKEN)");
  }
  if (!absl::StartsWithIgnoreCase(authorization, "Bearer ")) {
    return absl::UnauthenticatedError(
        "the authorization metadata must be 'Bearer TOKEN'");
  }
  const absl::string_view token =
      absl::StripAsciiWhitespace(authorization.substr(7));
  const std::string hash = codec::Sha256Hex(token);
  std::shared_ptr<const TokenTable> table;
  {
    absl::MutexLock lock(&mu_);
    table = table_;
  }
  auto it = table->find(hash);
  if (it == table->end()) {
    return absl::UnauthenticatedError(
        "the token is not valid on this server (unknown, or revoked from "
        "the tokens file)");
  }
  return it->second;
}

}  // namespace shuyuan::server
