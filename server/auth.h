// Who may call what (SPEC §4): bearer tokens, a tokens file of their
// SHA-256 hashes, and four roles.
//
// The tokens file has one line per token, `SHA256_HEX PRINCIPAL
// ROLE[,ROLE...]`, and `#` comments. The server never sees or stores a
// token in clear: it hashes the `authorization: Bearer <token>` it receives
// and looks the hash up.
//
//   SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<Authenticator> auth,
//                            Authenticator::FromFile("tokens.txt"));
//   absl::StatusOr<Principal> who = auth->Authenticate("Bearer s3cr3t");
//   if (who.ok() && who->Has(Role::kSteward)) { ... }
//   auth->Reload();  // on SIGHUP
//
// Without a tokens file (Authenticator::Open()) every caller is the
// principal "local" with every role; the server allows that only on a
// loopback address.
//
// Roles: reader (get, list, search, history, diff, audit, watch, bundles,
// validate, decode, encode), registrant (create versions), steward (status
// moves, policies, allow_breaking), admin (everything, backup). Every role
// may read.
//
// Thread-safe.
#ifndef SHUYUAN_SERVER_AUTH_H_
#define SHUYUAN_SERVER_AUTH_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace shuyuan::server {

enum class Role : uint8_t {
  kReader = 1,
  kRegistrant = 2,
  kSteward = 4,
  kAdmin = 8,
};

// The caller of one RPC.
struct Principal {
  std::string name;
  uint8_t roles = 0;  // bits of Role
  // Admins hold every role, and every role may read.
  bool Has(Role role) const {
    if ((roles & static_cast<uint8_t>(Role::kAdmin)) != 0) return true;
    if (role == Role::kReader) return roles != 0;
    return (roles & static_cast<uint8_t>(role)) != 0;
  }
};

// "reader", "registrant", "steward", "admin".
const char* RoleName(Role role);

// The parsed tokens file: token hash → principal.
using TokenTable = absl::flat_hash_map<std::string, Principal>;

// Parses a tokens file's text. InvalidArgument naming FILE:LINE for a bad
// hash, a missing principal, an unknown role or a duplicate hash.
absl::StatusOr<TokenTable> ParseTokenFile(absl::string_view text,
                                          absl::string_view file_name);

class Authenticator {
 public:
  // Open access: everyone is "local" with every role.
  static std::unique_ptr<Authenticator> Open();
  // Tokens from `path`; errors as ParseTokenFile, or the read error.
  static absl::StatusOr<std::unique_ptr<Authenticator>> FromFile(
      const std::string& path);

  // The principal of an `authorization` metadata value ("Bearer TOKEN").
  // Unauthenticated without a valid one; the message never repeats the
  // token.
  absl::StatusOr<Principal> Authenticate(absl::string_view authorization) const;

  // Re-reads the tokens file; on error keeps the old table and returns the
  // error. OK and nothing done for open access.
  absl::Status Reload();

  bool open_access() const { return path_.empty(); }
  size_t token_count() const;

 private:
  explicit Authenticator(std::string path) : path_(std::move(path)) {}

  const std::string path_;  // empty for open access
  mutable absl::Mutex mu_;
  std::shared_ptr<const TokenTable> table_ ABSL_GUARDED_BY(mu_);
};

}  // namespace shuyuan::server

#endif  // SHUYUAN_SERVER_AUTH_H_
