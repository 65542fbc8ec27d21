// Where `shuyuan normalize` takes its definitions from (SPEC §5): local
// files (--defs DIR|BUNDLE), a bundle file (--bundle FILE, as written by
// `shuyuan bundle export`), or the registry (--server HOST:PORT: the bundle
// of the schema version, fetched with ExportBundle). Bundle items carry
// their registry versions and content hashes, so the batch report's
// `definitions` names exactly what was used.
//
//   DefinitionSource source;
//   for (size_t i = 0; i < args.size(); ++i) {
//     SHUYUAN_ASSIGN_OR_RETURN(bool taken, source.ParseFlag(args, &i));
//     if (taken) continue;
//     ...
//   }
//   SHUYUAN_RETURN_IF_ERROR(source.Check());
//   SHUYUAN_ASSIGN_OR_RETURN(LocalDefinitions defs,
//                            LoadDefinitions(source, "LEGAL_PERSON_BASIC"));
//
// The definitions come back compiled (client/local_definitions.h), every
// item of the set, as for --defs.
//
// Thread-compatible: a DefinitionSource is plain data.
#ifndef SHUYUAN_CLIENT_DEFINITION_SOURCE_H_
#define SHUYUAN_CLIENT_DEFINITION_SOURCE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/cli_options.h"
#include "client/local_definitions.h"

namespace shuyuan::client {

struct DefinitionSource {
  std::string defs;      // --defs DIR|BUNDLE
  std::string bundle;    // --bundle FILE
  GlobalOptions server;  // --server, --token, --tls-ca, --tls as given

  // Takes args[*i] (and its value, advancing *i) when it is --defs,
  // --bundle, --server, --token, --tls-ca or --tls, "--flag=value" or
  // "--flag value"; false for any other word. InvalidArgument for a
  // missing value.
  absl::StatusOr<bool> ParseFlag(const std::vector<std::string>& args,
                                 size_t* i);
  // InvalidArgument unless exactly one of --defs, --bundle and --server
  // was given.
  absl::Status Check() const;
  bool online() const { return server.server.has_value(); }
  // "DIR", "bundle FILE" or "server HOST:PORT", for messages.
  std::string Describe() const;
};

// Loads and compiles the definitions `source` names. For --server, fetches
// the bundle of `schema_ref` (the token and TLS settings as for every
// online command; env SHUYUAN_TOKEN / SHUYUAN_TLS_CA apply). Errors: as
// LocalDefinitions::Load for files (a bundle whose content hashes do not
// match its items is DataLoss); for the server, InvalidArgument when the
// server refused the request (unknown schema, bad reference), else the
// call's code (UNAVAILABLE, UNAUTHENTICATED, ...), messages saying what to
// do.
absl::StatusOr<LocalDefinitions> LoadDefinitions(const DefinitionSource& source,
                                                 const std::string& schema_ref);

}  // namespace shuyuan::client

#endif  // SHUYUAN_CLIENT_DEFINITION_SOURCE_H_
