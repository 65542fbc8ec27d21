// The read commands of the registry: get, list, search, history, diff.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/internal/online_command.h"
#include "client/online_commands.h"
#include "client/registry_client.h"

namespace shuyuan::client {
namespace {

using client_internal::FinishOutput;
using client_internal::OnlineCommand;

constexpr char kGetUsage[] = R"(usage: shuyuan get KIND REF

Shows one version of an item: its registration status, content hash, who
created it and when, the compatibility policy of its id, who pins or cites
it, and the definition itself (as in a definition file).

  KIND   element, codelist, schema, term or rule (coding rule)
  REF    ID (the current STANDARD version), ID@N, or ID@latest

Needs the reader role. Exit codes: 0 done; 2 no such item or a bad
reference; 4 server unreachable or auth failure.
)";

constexpr char kListUsage[] =
    R"(usage: shuyuan list KIND [--status S] [--prefix P] [--all-versions]

Lists the items of a kind: by default the latest version of each id.

  KIND             element, codelist, schema, term or rule
  --status S       only versions in status S (INCOMPLETE, CANDIDATE,
                   RECORDED, QUALIFIED, STANDARD, PREFERRED_STANDARD,
                   SUPERSEDED, RETIRED; any case)
  --prefix P       only ids starting with P
  --all-versions   every version, not only the latest of each id

Follows the server's pages to the end. Needs the reader role.
)";

constexpr char kSearchUsage[] =
    R"(usage: shuyuan search QUERY [--kind K] [--limit N]

Finds items by Chinese or English name, synonym or id prefix; Chinese text
needs no spaces (身份 finds 公民身份号码). A query that matches a term also
finds the elements citing it; a deprecated term says which to use instead.

  --kind K    only this kind (element, codelist, schema, term, rule)
  --limit N   at most N hits (default: the server's, 20)

Needs the reader role.
)";

constexpr char kHistoryUsage[] = R"(usage: shuyuan history KIND ID

Lists every version of an id, oldest first, with its status, creation and
content hash, and the id's compatibility policy. Needs the reader role.
)";

constexpr char kDiffUsage[] = R"(usage: shuyuan diff KIND REF_A REF_B

Compares two versions: the compatibility of REF_B against REF_A (COMPATIBLE
or BREAKING) and one line per change ("max_length 50 → 30: narrows").
Needs the reader role.
)";

std::string Created(const v1::ItemSummary& item) {
  if (item.created_by().empty()) return item.created_at();
  return absl::StrCat(item.created_at(), " by ", item.created_by());
}

// The id, names and version info of whichever item `document` holds.
struct ItemHeader {
  std::string id, name_zh, name_en;
  v1::VersionInfo info;
};

ItemHeader HeaderOf(const v1::DefinitionDocument& document) {
  auto header = [](const auto& item) {
    return ItemHeader{item.id(), item.name_zh(), item.name_en(),
                      item.version_info()};
  };
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return header(document.data_element());
    case v1::DefinitionDocument::kCodeList:
      return header(document.code_list());
    case v1::DefinitionDocument::kRecordSchema:
      return header(document.record_schema());
    case v1::DefinitionDocument::kTerm:
      return header(document.term());
    case v1::DefinitionDocument::kCodingRule:
      return header(document.coding_rule());
    default:
      return {};
  }
}

// The definition without its version info, as a definition file holds it.
std::string DefinitionYaml(v1::DefinitionDocument document) {
  switch (document.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      document.mutable_data_element()->clear_version_info();
      break;
    case v1::DefinitionDocument::kCodeList:
      document.mutable_code_list()->clear_version_info();
      break;
    case v1::DefinitionDocument::kRecordSchema:
      document.mutable_record_schema()->clear_version_info();
      break;
    case v1::DefinitionDocument::kTerm:
      document.mutable_term()->clear_version_info();
      break;
    case v1::DefinitionDocument::kCodingRule:
      document.mutable_coding_rule()->clear_version_info();
      break;
    default:
      break;
  }
  return MessageToYaml(document, /*include_defaults=*/false);
}

void PrintItem(v1::ItemKind kind, const v1::GetItemResponse& response,
               std::ostream& out) {
  const ItemHeader item = HeaderOf(response.item().definition());
  Table fields({"FIELD", "VALUE"});
  fields.AddRow({"kind", std::string(KindName(kind))});
  fields.AddRow({"id", item.id});
  fields.AddRow({"version", absl::StrCat(item.info.version())});
  fields.AddRow(
      {"status", v1::RegistrationStatus_Name(item.info.registration_status())});
  fields.AddRow({"name_zh", item.name_zh});
  fields.AddRow({"name_en", item.name_en});
  fields.AddRow({"content_hash", item.info.content_hash()});
  fields.AddRow({"created", item.info.created_by().empty()
                                ? item.info.created_at()
                                : absl::StrCat(item.info.created_at(), " by ",
                                               item.info.created_by())});
  fields.AddRow({"policy", v1::CompatibilityPolicy_Name(response.policy())});
  fields.Print(out);
  if (!response.cited_by().empty()) {
    out << "\npinned or cited by:\n";
    Table cited({"KIND", "REF", "STATUS", "NAME"});
    for (const v1::ItemSummary& by : response.cited_by()) {
      cited.AddRow({std::string(KindName(by.kind())),
                    absl::StrCat(by.id(), "@", by.version()),
                    v1::RegistrationStatus_Name(by.registration_status()),
                    by.name_zh()});
    }
    cited.Print(out);
  }
  out << "\ndefinition:\n"
      << DefinitionYaml(response.item().definition()) << "\n";
}

}  // namespace

int RunGet(const std::vector<std::string>& args, const GlobalOptions& globals,
           std::ostream& out, std::ostream& err) {
  OnlineCommand command({"get", "reader", kGetUsage}, globals, out, err);
  CommandLine line("get");
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 2, 2)) return command.exit_code();
  absl::StatusOr<v1::ItemKind> kind = ParseKind(words[0]);
  if (!kind.ok()) return command.Usage(kind.status().message());
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  v1::GetItemRequest request;
  request.set_kind(*kind);
  request.set_ref(words[1]);
  absl::StatusOr<v1::GetItemResponse> response =
      RegistryClient(connection).GetItem(request);
  if (!response.ok()) return command.Fail(response.status());
  if (command.format() == OutputFormat::kTable) {
    PrintItem(*kind, *response, out);
  } else {
    PrintMessage(*response, command.format(), out);
  }
  return FinishOutput(out, err);
}

int RunList(const std::vector<std::string>& args, const GlobalOptions& globals,
            std::ostream& out, std::ostream& err) {
  OnlineCommand command({"list", "reader", kListUsage}, globals, out, err);
  std::string status;
  std::string prefix;
  bool all_versions = false;
  CommandLine line("list");
  line.Value({"--status"}, &status)
      .Value({"--prefix"}, &prefix)
      .Switch({"--all-versions"}, &all_versions);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 1, 1)) return command.exit_code();
  v1::ListItemsRequest request;
  absl::StatusOr<v1::ItemKind> kind = ParseKind(words[0]);
  if (!kind.ok()) return command.Usage(kind.status().message());
  request.set_kind(*kind);
  if (!status.empty()) {
    absl::StatusOr<v1::RegistrationStatus> parsed = ParseStatus(status);
    if (!parsed.ok()) return command.Usage(parsed.status().message());
    request.set_status(*parsed);
  }
  request.set_id_prefix(prefix);
  request.set_all_versions(all_versions);
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  absl::StatusOr<v1::ListItemsResponse> response =
      RegistryClient(connection).ListAllItems(request);
  if (!response.ok()) return command.Fail(response.status());
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*response, command.format(), out);
    return FinishOutput(out, err);
  }
  Table table({"ID", "VERSION", "STATUS", "NAME_ZH", "NAME_EN", "CREATED"});
  for (const v1::ItemSummary& item : response->items()) {
    table.AddRow({item.id(), absl::StrCat(item.version()),
                  v1::RegistrationStatus_Name(item.registration_status()),
                  item.name_zh(), item.name_en(), Created(item)});
  }
  table.Print(out);
  return FinishOutput(out, err);
}

int RunSearch(const std::vector<std::string>& args,
              const GlobalOptions& globals, std::ostream& out,
              std::ostream& err) {
  OnlineCommand command({"search", "reader", kSearchUsage}, globals, out, err);
  std::string kind_name;
  uint64_t limit = 0;
  CommandLine line("search");
  line.Value({"--kind"}, &kind_name).Number({"--limit"}, &limit);
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 1, 1)) return command.exit_code();
  v1::SearchRequest request;
  request.set_query(words[0]);
  if (!kind_name.empty()) {
    absl::StatusOr<v1::ItemKind> kind = ParseKind(kind_name);
    if (!kind.ok()) return command.Usage(kind.status().message());
    request.set_kind(*kind);
  }
  request.set_page_size(
      static_cast<uint32_t>(std::min<uint64_t>(limit, 1u << 30)));
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  absl::StatusOr<v1::SearchResponse> response =
      RegistryClient(connection).Search(request);
  if (!response.ok()) return command.Fail(response.status());
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*response, command.format(), out);
    return FinishOutput(out, err);
  }
  Table table({"KIND", "REF", "STATUS", "NAME_ZH", "NAME_EN", "MATCH", "NOTE"});
  for (const v1::SearchHit& hit : response->hits()) {
    const v1::ItemSummary& item = hit.item();
    std::string note;
    if (!hit.use_instead().empty()) {
      note = absl::StrCat("deprecated term; use ", hit.use_instead());
    } else if (!hit.via_term().empty()) {
      note = absl::StrCat("via term ", hit.via_term());
    }
    table.AddRow({std::string(KindName(item.kind())),
                  absl::StrCat(item.id(), "@", item.version()),
                  v1::RegistrationStatus_Name(item.registration_status()),
                  item.name_zh(), item.name_en(),
                  hit.matched_text().empty()
                      ? hit.match()
                      : absl::StrCat(hit.match(), ": ", hit.matched_text()),
                  note});
  }
  table.Print(out);
  return FinishOutput(out, err);
}

int RunHistory(const std::vector<std::string>& args,
               const GlobalOptions& globals, std::ostream& out,
               std::ostream& err) {
  OnlineCommand command({"history", "reader", kHistoryUsage}, globals, out,
                        err);
  CommandLine line("history");
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 2, 2)) return command.exit_code();
  absl::StatusOr<v1::ItemKind> kind = ParseKind(words[0]);
  if (!kind.ok()) return command.Usage(kind.status().message());
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  v1::HistoryRequest request;
  request.set_kind(*kind);
  request.set_id(words[1]);
  absl::StatusOr<v1::HistoryResponse> response =
      RegistryClient(connection).History(request);
  if (!response.ok()) return command.Fail(response.status());
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*response, command.format(), out);
    return FinishOutput(out, err);
  }
  Table table({"VERSION", "STATUS", "CREATED", "CONTENT_HASH", "NAME_ZH"});
  for (const v1::ItemSummary& item : response->versions()) {
    table.AddRow({absl::StrCat(item.version()),
                  v1::RegistrationStatus_Name(item.registration_status()),
                  Created(item), item.content_hash(), item.name_zh()});
  }
  table.Print(out);
  out << "policy: " << v1::CompatibilityPolicy_Name(response->policy()) << "\n";
  return FinishOutput(out, err);
}

int RunDiff(const std::vector<std::string>& args, const GlobalOptions& globals,
            std::ostream& out, std::ostream& err) {
  OnlineCommand command({"diff", "reader", kDiffUsage}, globals, out, err);
  CommandLine line("diff");
  std::vector<std::string> words;
  if (!command.Parse(&line, args, &words, 3, 3)) return command.exit_code();
  absl::StatusOr<v1::ItemKind> kind = ParseKind(words[0]);
  if (!kind.ok()) return command.Usage(kind.status().message());
  std::shared_ptr<const Connection> connection = command.Connect();
  if (connection == nullptr) return command.exit_code();
  v1::DiffRequest request;
  request.set_kind(*kind);
  request.set_ref_a(words[1]);
  request.set_ref_b(words[2]);
  absl::StatusOr<v1::DiffResponse> response =
      RegistryClient(connection).Diff(request);
  if (!response.ok()) return command.Fail(response.status());
  if (command.format() != OutputFormat::kTable) {
    PrintMessage(*response, command.format(), out);
    return FinishOutput(out, err);
  }
  out << response->ref_a() << " → " << response->ref_b() << ": "
      << (response->compatibility() == v1::COMPATIBILITY_UNSPECIFIED
              ? "no changes"
              : v1::Compatibility_Name(response->compatibility()))
      << "\n";
  for (const v1::Change& change : response->changes()) {
    out << "  " << (change.breaking() ? "! " : "  ") << change.description()
        << "\n";
  }
  return FinishOutput(out, err);
}

}  // namespace shuyuan::client
