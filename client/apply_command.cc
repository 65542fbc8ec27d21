// `shuyuan apply -f FILE_OR_DIR [--dry-run] [--allow-breaking]`: one Apply
// call with every item of the files, and one report per item.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/internal/item_outcome_text.h"
#include "client/internal/online_command.h"
#include "client/online_commands.h"
#include "client/registry_client.h"
#include "codec/definition_set.h"

namespace shuyuan::client {
namespace {

using client_internal::OnlineCommand;

constexpr char kApplyUsage[] =
    R"(usage: shuyuan apply -f FILE_OR_DIR [--dry-run] [--allow-breaking]

Registers the definitions in FILE_OR_DIR (a YAML/JSON definition file, or a
directory: every *.yaml, *.yml and *.json below it) as one set: every item
gets its new version, or nothing is written. Bare references between the
items resolve within the set first, then in the registry, and are pinned.

Prints one line per item: created vN / unchanged vN / refused, with the
pinned references (written → pinned), the compatibility verdict against the
previous version with one line per change, and for a refusal each problem
with FILE:LINE of the field at fault.

  -f, --file PATH    the definitions (required)
  --dry-run          check and report everything, write nothing
  --allow-breaking   accept BREAKING versions (needs the steward role)

Needs the registrant role. Exit codes: 0 applied (or a clean dry run);
2 a definition error or anything refused (nothing written); 4 server
unreachable, I/O or auth failure.
)";

// Where the item of `kind` and `id` was written; nullptr when unknown.
const codec::SourceLocation* LocationOf(const codec::DefinitionSet& defs,
                                        v1::ItemKind kind,
                                        const std::string& id) {
  switch (kind) {
    case v1::DATA_ELEMENT:
      return defs.ElementLocation(id);
    case v1::CODE_LIST:
      return defs.CodeListLocation(id);
    case v1::RECORD_SCHEMA:
      return defs.SchemaLocation(id);
    case v1::TERM:
      return defs.TermLocation(id);
    case v1::CODING_RULE:
      return defs.CodingRuleLocation(id);
    default:
      return nullptr;
  }
}

// "FILE:LINE: " of `field` (a path from the document root), or "FILE: " for
// a bundle, or "" when the item is unknown.
std::string Site(const codec::SourceLocation* where, const std::string& field) {
  if (where == nullptr) return "";
  const int line = where->LineOf(field);
  return line > 0 ? absl::StrCat(where->file, ":", line, ": ")
                  : absl::StrCat(where->file, ": ");
}

// Every item of `defs` in one request.
v1::ApplyRequest ApplyRequestOf(const codec::DefinitionSet& defs) {
  v1::ApplyRequest request;
  for (const v1::CodeList* item : defs.code_lists()) {
    *request.add_items()->mutable_code_list() = *item;
  }
  for (const v1::Term* item : defs.terms()) {
    *request.add_items()->mutable_term() = *item;
  }
  for (const v1::CodingRule* item : defs.coding_rules()) {
    *request.add_items()->mutable_coding_rule() = *item;
  }
  for (const v1::DataElement* item : defs.elements()) {
    *request.add_items()->mutable_data_element() = *item;
  }
  for (const v1::RecordSchema* item : defs.schemas()) {
    *request.add_items()->mutable_record_schema() = *item;
  }
  return request;
}

// One block per item, problems sited in the files, then a summary line.
// Returns the number of refused items.
int PrintApplyTable(const v1::ApplyResponse& response,
                    const codec::DefinitionSet& defs, bool dry_run,
                    std::ostream& out) {
  int created = 0, unchanged = 0, refused = 0;
  for (const v1::ItemOutcome& item : response.items()) {
    created += item.action() == v1::ItemOutcome::CREATED;
    unchanged += item.action() == v1::ItemOutcome::UNCHANGED;
    refused += item.action() == v1::ItemOutcome::REFUSED;
    const codec::SourceLocation* where =
        LocationOf(defs, item.kind(), item.id());
    client_internal::PrintItemOutcome(
        item, dry_run,
        [where](const std::string& field) { return Site(where, field); }, out);
  }
  if (refused > 0) {
    out << "refused: " << refused << " of " << response.items_size()
        << " items; nothing written\n";
  } else if (dry_run) {
    out << "dry run: " << created << " would be created, " << unchanged
        << " unchanged; nothing written\n";
  } else {
    out << "applied: " << created << " created, " << unchanged
        << " unchanged\n";
  }
  return refused;
}

}  // namespace

int RunApply(const std::vector<std::string>& args, const GlobalOptions& globals,
             std::ostream& out, std::ostream& err) {
  OnlineCommand command({"apply", "registrant", kApplyUsage}, globals, out,
                        err);
  std::string path;
  bool dry_run = false;
  bool allow_breaking = false;
  CommandLine line("apply");
  line.Value({"-f", "--file"}, &path)
      .Switch({"--dry-run"}, &dry_run)
      .Switch({"--allow-breaking"}, &allow_breaking);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 0, 0)) return command.exit_code();
  if (path.empty()) return command.Usage("apply: -f FILE_OR_DIR is required");

  absl::StatusOr<codec::DefinitionSet> defs = codec::DefinitionSet::Load(path);
  if (!defs.ok()) {
    err << "error: " << defs.status().message() << "\n";
    return defs.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 4;
  }
  v1::ApplyRequest request = ApplyRequestOf(*defs);
  if (request.items().empty()) {
    return command.Usage(absl::StrCat("apply: no definitions in ", path));
  }
  request.set_dry_run(dry_run);
  request.set_allow_breaking(allow_breaking);

  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  absl::StatusOr<v1::ApplyResponse> response =
      RegistryClient(connection).Apply(request);
  if (!response.ok()) return command.Fail(response.status());
  bool refused = false;
  if (command.format() == OutputFormat::kTable) {
    refused = PrintApplyTable(*response, *defs, dry_run, out) > 0;
  } else {
    PrintMessage(*response, command.format(), out);
    for (const v1::ItemOutcome& item : response->items()) {
      refused = refused || item.action() == v1::ItemOutcome::REFUSED;
    }
  }
  const int written = client_internal::FinishOutput(out, err);
  return refused ? 2 : written;
}

}  // namespace shuyuan::client
