// `shuyuan token hash --principal NAME [--roles ROLE,...]` (SPEC §4, §5):
// a new random bearer token, printed once for its holder, and the line to
// add to the server's tokens file: `SHA256_HEX PRINCIPAL ROLE[,ROLE...]`.
// The server keeps only the hash. Needs no server.
//
//   int exit_code = RunTokenHash({"--principal", "alice", "--roles",
//                                 "reader,registrant"}, globals, out, err);
//
// The token is "sy_" followed by 32 bytes from OpenSSL's RAND_bytes in
// unpadded URL-safe base64 (46 characters); the hash is codec::Sha256Hex of
// the whole token string. Returns 0, 2 for a usage error, 4 when no random
// bytes could be had. Thread-safe.
#ifndef SHUYUAN_CLIENT_TOKEN_COMMAND_H_
#define SHUYUAN_CLIENT_TOKEN_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "client/cli_options.h"

namespace shuyuan::client {

// A new random token ("sy_..."); Internal when the system has no entropy.
absl::StatusOr<std::string> NewToken();

// `args` are the words after "token hash".
int RunTokenHash(const std::vector<std::string>& args,
                 const GlobalOptions& globals, std::ostream& out,
                 std::ostream& err);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_TOKEN_COMMAND_H_
