// `shuyuan bundle export --schema REF -o FILE`: a schema version with every
// item it pins, as one serialized v1::Bundle for offline use (`shuyuan
// normalize --bundle FILE`, `--defs FILE`).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/internal/online_command.h"
#include "client/internal/output_file.h"
#include "client/online_commands.h"
#include "client/registry_client.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace shuyuan::client {
namespace {

using client_internal::OnlineCommand;

constexpr char kBundleExportUsage[] =
    R"(usage: shuyuan bundle export --schema REF -o FILE

Writes the record schema version REF denotes, with every element, code
list and coding rule it pins (each with its version, status and content hash), as one
protobuf file (shuyuan.v1.Bundle). The file appears under its name only
when complete (written as a temporary file, then renamed).

  --schema REF     ID (the STANDARD version), ID@N or ID@latest
  -o, --out FILE   the bundle file ("-": standard output)

Use it offline with `shuyuan normalize --bundle FILE` (or --defs FILE).
Needs the reader role. Exit codes: 0 done; 2 an unknown schema; 4 server
unreachable, I/O or auth failure.
)";

}  // namespace

int RunBundleExport(const std::vector<std::string>& args,
                    const GlobalOptions& globals, std::ostream& out,
                    std::ostream& err) {
  OnlineCommand command({"bundle export", "reader", kBundleExportUsage},
                        globals, out, err);
  std::string schema;
  std::string path;
  CommandLine line("bundle export");
  // -o names the file here, not the output form.
  line.Value({"--schema"}, &schema).Value({"-o", "--out"}, &path);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 0, 0)) return command.exit_code();
  if (schema.empty()) {
    return command.Usage("bundle export: --schema REF is required");
  }
  if (path.empty()) return command.Usage("bundle export: -o FILE is required");
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  v1::ExportBundleRequest request;
  request.set_schema(schema);
  absl::StatusOr<v1::Bundle> bundle =
      RegistryClient(connection).ExportBundle(request);
  if (!bundle.ok()) return command.Fail(bundle.status());

  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    bundle->SerializeToCodedStream(&coded);
  }
  absl::StatusOr<std::unique_ptr<client_internal::OutputFile>> file =
      client_internal::OutputFile::Create(path);
  absl::Status written = file.ok() ? (*file)->Write(bytes) : file.status();
  if (written.ok()) written = client_internal::CommitOutputs({file->get()});
  if (!written.ok()) {
    err << "error: " << written.message() << "\n";
    return 4;
  }
  const v1::VersionInfo& info = bundle->schema().version_info();
  err << "bundle export: " << bundle->schema().id() << "@" << info.version()
      << " (" << v1::RegistrationStatus_Name(info.registration_status()) << ", "
      << bundle->elements_size() << " elements, " << bundle->code_lists_size()
      << " code lists, " << bundle->coding_rules_size() << " coding rules) → "
      << (path == "-" ? "<stdout>" : path) << ", " << bytes.size()
      << " bytes\n";
  return 0;
}

}  // namespace shuyuan::client
