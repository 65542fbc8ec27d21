#include "client/definition_source.h"

#include <memory>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/registry_client.h"

namespace shuyuan::client {

absl::StatusOr<bool> DefinitionSource::ParseFlag(
    const std::vector<std::string>& args, size_t* i) {
  const std::string& arg = args[*i];
  for (auto [flag, target] :
       {std::pair<const char*, std::string*>{"--defs", &defs},
        {"--bundle", &bundle}}) {
    const std::string prefix = absl::StrCat(flag, "=");
    if (absl::StartsWith(arg, prefix)) {
      *target = arg.substr(prefix.size());
      return true;
    }
    if (arg == flag) {
      if (*i + 1 >= args.size()) {
        return absl::InvalidArgumentError(absl::StrCat(flag, " needs a value"));
      }
      *target = args[++*i];
      return true;
    }
  }
  // The connection flags of every online command; -o is not one here.
  if (arg == "-o" || absl::StartsWith(arg, "--output") ||
      absl::StartsWith(arg, "-o=")) {
    return false;
  }
  return ParseGlobalFlag(args, i, &server);
}

absl::Status DefinitionSource::Check() const {
  const int given = !defs.empty() + !bundle.empty() + online();
  if (given == 1) return absl::OkStatus();
  return absl::InvalidArgumentError(
      given == 0 ? "give the definitions: --defs DIR|BUNDLE, --bundle FILE or "
                   "--server HOST:PORT"
                 : "give only one of --defs, --bundle and --server");
}

std::string DefinitionSource::Describe() const {
  if (!bundle.empty()) return absl::StrCat("bundle ", bundle);
  if (online()) return absl::StrCat("server ", server.Connection().server);
  return defs;
}

absl::StatusOr<LocalDefinitions> LoadDefinitions(
    const DefinitionSource& source, const std::string& schema_ref) {
  if (!source.online()) {
    return LocalDefinitions::Load(source.bundle.empty() ? source.defs
                                                        : source.bundle);
  }
  const ConnectionOptions options = source.server.Connection();
  absl::StatusOr<std::shared_ptr<const Connection>> connection =
      Connection::Open(options);
  if (!connection.ok()) return connection.status();
  v1::ExportBundleRequest request;
  request.set_schema(schema_ref);
  absl::StatusOr<v1::Bundle> bundle =
      RegistryClient(*connection).ExportBundle(request);
  if (!bundle.ok()) {
    const CommandContext context{"normalize --server", "reader", options.server,
                                 !options.token.empty()};
    std::string message = absl::StrCat("server ", options.server, ": ",
                                       bundle.status().message());
    const std::string hint = FailureHint(context, bundle.status());
    if (!hint.empty()) absl::StrAppend(&message, "\n  ", hint);
    // A request the server refused is the caller's error (exit 2), as for
    // local definitions.
    return absl::Status(ExitCodeFor(bundle.status()) == 2
                            ? absl::StatusCode::kInvalidArgument
                            : bundle.status().code(),
                        message);
  }
  const std::string name =
      absl::StrCat("bundle of ", schema_ref, " from ", options.server);
  codec::DefinitionSet defs;
  absl::Status added = defs.AddBundle(*bundle, name);
  if (!added.ok()) return added;
  return LocalDefinitions::Adopt(std::move(defs), name);
}

}  // namespace shuyuan::client
