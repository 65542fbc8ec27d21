#include "codec/definition_set.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "codec/content_hash.h"
#include "codec/definition_error.h"
#include "codec/definition_loader.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "shuyuan/v1/model.pb.h"

namespace shuyuan::codec {
namespace {

namespace fs = std::filesystem;

// DataLoss when `item` carries a content hash that its content does not
// hash to: a bundle altered or damaged after export.
template <typename Message>
absl::Status CheckContentHash(const Message& item, absl::string_view kind,
                              absl::string_view file) {
  const std::string& written = item.version_info().content_hash();
  if (written.empty()) return absl::OkStatus();
  const std::string actual = ContentHash(item);
  if (actual == written) return absl::OkStatus();
  return absl::DataLossError(absl::StrCat(
      file, ": ", kind, " ", item.id(), "@", item.version_info().version(),
      " does not match its content hash (the bundle says ", written,
      ", its content hashes to ", actual, "); export the bundle again"));
}

std::string Where(const SourceLocation& location) {
  if (location.line <= 0) return location.file;
  return absl::StrCat(location.file, ":", location.line);
}

bool IsBundlePath(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".pb" || extension == ".bundle";
}

bool IsDefinitionPath(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

}  // namespace

absl::StatusOr<DefinitionSet> DefinitionSet::Load(const std::string& path) {
  DefinitionSet set;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    if (!error || error == std::errc::no_such_file_or_directory) {
      return absl::NotFoundError(
          absl::StrCat(path, ": no such file or directory"));
    }
    return absl::ErrnoToStatus(error.value(), path);
  }
  if (!fs::is_directory(status)) {
    SHUYUAN_RETURN_IF_ERROR(set.AddFile(path));
    return set;
  }
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(path, error);
  for (; !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    const fs::path& entry = it->path();
    if (entry.filename().string().rfind('.', 0) == 0) {
      // Hidden files and folders (.git, editor swap files) are not
      // definitions.
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (IsDefinitionPath(entry) && it->is_regular_file(error)) {
      files.push_back(entry.string());
    }
    if (error) break;
  }
  if (error) {
    return absl::ErrnoToStatus(error.value(),
                               absl::StrCat(path, ": cannot list folder"));
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    SHUYUAN_RETURN_IF_ERROR(set.AddFile(file));
  }
  return set;
}

absl::Status DefinitionSet::AddFile(const std::string& path) {
  if (IsBundlePath(path)) {
    SHUYUAN_ASSIGN_OR_RETURN(v1::Bundle bundle, LoadBundleFile(path));
    return AddBundle(bundle, path);
  }
  SHUYUAN_ASSIGN_OR_RETURN(std::vector<LoadedDocument> documents,
                           LoadDefinitionFile(path));
  for (LoadedDocument& document : documents) {
    SHUYUAN_RETURN_IF_ERROR(Add(std::move(document)));
  }
  return absl::OkStatus();
}

absl::Status DefinitionSet::Add(LoadedDocument document) {
  v1::DefinitionDocument& item = document.document;
  switch (item.item_case()) {
    case v1::DefinitionDocument::kDataElement:
      return AddTo(elements_, "data_element",
                   std::move(*item.mutable_data_element()),
                   std::move(document.location));
    case v1::DefinitionDocument::kCodeList:
      return AddTo(code_lists_, "code_list",
                   std::move(*item.mutable_code_list()),
                   std::move(document.location));
    case v1::DefinitionDocument::kRecordSchema:
      return AddTo(schemas_, "record_schema",
                   std::move(*item.mutable_record_schema()),
                   std::move(document.location));
    case v1::DefinitionDocument::kTerm:
      return AddTo(terms_, "term", std::move(*item.mutable_term()),
                   std::move(document.location));
    case v1::DefinitionDocument::kCodingRule:
      return AddTo(coding_rules_, "coding_rule",
                   std::move(*item.mutable_coding_rule()),
                   std::move(document.location));
    case v1::DefinitionDocument::ITEM_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(Where(document.location),
                   ": the document holds no data_element, code_list, "
                   "record_schema, term or coding_rule"));
}

absl::Status DefinitionSet::AddBundle(const v1::Bundle& bundle,
                                      absl::string_view file) {
  if (bundle.format_version() > 1) {
    return absl::FailedPreconditionError(
        absl::StrCat(file, ": bundle format_version ", bundle.format_version(),
                     " is newer than this shuyuan reads (1)"));
  }
  SHUYUAN_RETURN_IF_ERROR(
      CheckContentHash(bundle.schema(), "record schema", file));
  for (const v1::CodeList& code_list : bundle.code_lists()) {
    SHUYUAN_RETURN_IF_ERROR(CheckContentHash(code_list, "code list", file));
  }
  for (const v1::DataElement& element : bundle.elements()) {
    SHUYUAN_RETURN_IF_ERROR(CheckContentHash(element, "data element", file));
  }
  for (const v1::CodingRule& rule : bundle.coding_rules()) {
    SHUYUAN_RETURN_IF_ERROR(CheckContentHash(rule, "coding rule", file));
  }
  const SourceLocation location{std::string(file), 0, nullptr};
  if (bundle.has_schema()) {
    SHUYUAN_RETURN_IF_ERROR(
        AddTo(schemas_, "record_schema", bundle.schema(), location));
  }
  for (const v1::CodeList& code_list : bundle.code_lists()) {
    SHUYUAN_RETURN_IF_ERROR(
        AddTo(code_lists_, "code_list", code_list, location));
  }
  for (const v1::DataElement& element : bundle.elements()) {
    SHUYUAN_RETURN_IF_ERROR(
        AddTo(elements_, "data_element", element, location));
  }
  for (const v1::CodingRule& rule : bundle.coding_rules()) {
    SHUYUAN_RETURN_IF_ERROR(
        AddTo(coding_rules_, "coding_rule", rule, location));
  }
  return absl::OkStatus();
}

template <typename Message>
absl::Status DefinitionSet::AddTo(Kind<Message>& kind,
                                  absl::string_view kind_name, Message message,
                                  SourceLocation location) {
  const std::string& id = message.id();
  if (id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        Where(location), ": field '", kind_name, ".id': an id is required"));
  }
  if (!IsValidId(id)) {
    return absl::InvalidArgumentError(
        absl::StrCat(Where(location), ": field '", kind_name, ".id': '", id,
                     "' is not a valid id ([A-Za-z][A-Za-z0-9_.-]{0,63})"));
  }
  const uint32_t version = message.version_info().version();
  auto existing = kind.by_id.find(id);
  if (existing != kind.by_id.end()) {
    for (const Item<Message>* other : existing->second) {
      const uint32_t other_version = other->message.version_info().version();
      if (version == 0 || other_version == 0 || version == other_version) {
        const std::string what =
            version != 0 && version == other_version
                ? absl::StrCat(kind_name, " '", id, "@", version, "'")
                : absl::StrCat(kind_name, " '", id, "'");
        return absl::InvalidArgumentError(
            absl::StrCat(Where(location), ": duplicate ", what,
                         ": already defined at ", Where(other->location)));
      }
    }
  }
  std::string key = id;
  kind.items.push_back(Item<Message>{std::move(message), std::move(location)});
  const Item<Message>* added = &kind.items.back();
  auto& same_id = kind.by_id[key];
  auto position =
      std::upper_bound(same_id.begin(), same_id.end(), version,
                       [](uint32_t v, const Item<Message>* item) {
                         return v < item->message.version_info().version();
                       });
  same_id.insert(position, added);
  return absl::OkStatus();
}

template <typename Message>
const DefinitionSet::Item<Message>* DefinitionSet::Find(
    const Kind<Message>& kind, absl::string_view ref) {
  absl::StatusOr<Reference> parsed = ParseReference(ref);
  if (!parsed.ok()) return nullptr;
  auto it = kind.by_id.find(parsed->id);
  if (it == kind.by_id.end() || it->second.empty()) return nullptr;
  const auto& same_id = it->second;
  if (!parsed->pinned()) return same_id.back();
  for (const Item<Message>* item : same_id) {
    const uint32_t version = item->message.version_info().version();
    if (version == 0 || version == parsed->version) return item;
  }
  return nullptr;
}

template <typename Message>
std::vector<const Message*> DefinitionSet::All(const Kind<Message>& kind) {
  std::vector<const Message*> all;
  all.reserve(kind.items.size());
  for (const Item<Message>& item : kind.items) all.push_back(&item.message);
  return all;
}

const v1::DataElement* DefinitionSet::FindElement(absl::string_view ref) const {
  const auto* item = Find(elements_, ref);
  return item == nullptr ? nullptr : &item->message;
}

const v1::CodeList* DefinitionSet::FindCodeList(absl::string_view ref) const {
  const auto* item = Find(code_lists_, ref);
  return item == nullptr ? nullptr : &item->message;
}

const v1::RecordSchema* DefinitionSet::FindSchema(absl::string_view ref) const {
  const auto* item = Find(schemas_, ref);
  return item == nullptr ? nullptr : &item->message;
}

const v1::Term* DefinitionSet::FindTerm(absl::string_view ref) const {
  const auto* item = Find(terms_, ref);
  return item == nullptr ? nullptr : &item->message;
}

const v1::CodingRule* DefinitionSet::FindCodingRule(
    absl::string_view ref) const {
  const auto* item = Find(coding_rules_, ref);
  return item == nullptr ? nullptr : &item->message;
}

template <typename Message>
absl::StatusOr<const Message*> DefinitionSet::Resolve(
    const Kind<Message>& kind, absl::string_view kind_name,
    absl::string_view ref) {
  absl::StatusOr<Reference> parsed = ParseReference(ref);
  if (!parsed.ok()) return parsed.status();
  const auto* item = Find(kind, ref);
  if (item == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(kind_name, " '", ref, "' is not defined"));
  }
  return &item->message;
}

absl::StatusOr<const v1::DataElement*> DefinitionSet::ResolveElement(
    absl::string_view ref) const {
  return Resolve(elements_, "data element", ref);
}

absl::StatusOr<const v1::CodeList*> DefinitionSet::ResolveCodeList(
    absl::string_view ref) const {
  return Resolve(code_lists_, "code list", ref);
}

absl::StatusOr<const v1::RecordSchema*> DefinitionSet::ResolveSchema(
    absl::string_view ref) const {
  return Resolve(schemas_, "record schema", ref);
}

absl::StatusOr<const v1::CodingRule*> DefinitionSet::ResolveCodingRule(
    absl::string_view ref) const {
  return Resolve(coding_rules_, "coding rule", ref);
}

const SourceLocation* DefinitionSet::ElementLocation(
    absl::string_view id) const {
  const auto* item = Find(elements_, id);
  return item == nullptr ? nullptr : &item->location;
}

const SourceLocation* DefinitionSet::CodeListLocation(
    absl::string_view id) const {
  const auto* item = Find(code_lists_, id);
  return item == nullptr ? nullptr : &item->location;
}

const SourceLocation* DefinitionSet::SchemaLocation(
    absl::string_view id) const {
  const auto* item = Find(schemas_, id);
  return item == nullptr ? nullptr : &item->location;
}

const SourceLocation* DefinitionSet::TermLocation(absl::string_view id) const {
  const auto* item = Find(terms_, id);
  return item == nullptr ? nullptr : &item->location;
}

const SourceLocation* DefinitionSet::CodingRuleLocation(
    absl::string_view id) const {
  const auto* item = Find(coding_rules_, id);
  return item == nullptr ? nullptr : &item->location;
}

std::vector<const v1::DataElement*> DefinitionSet::elements() const {
  return All(elements_);
}

std::vector<const v1::CodeList*> DefinitionSet::code_lists() const {
  return All(code_lists_);
}

std::vector<const v1::RecordSchema*> DefinitionSet::schemas() const {
  return All(schemas_);
}

std::vector<const v1::Term*> DefinitionSet::terms() const {
  return All(terms_);
}

std::vector<const v1::CodingRule*> DefinitionSet::coding_rules() const {
  return All(coding_rules_);
}

size_t DefinitionSet::size() const {
  return elements_.items.size() + code_lists_.items.size() +
         schemas_.items.size() + terms_.items.size() +
         coding_rules_.items.size();
}

std::string DefinitionSet::Describe(const absl::Status& status) const {
  const std::string message(status.message());
  const std::optional<ErrorSite> site = ErrorSiteOf(status);
  if (!site.has_value()) return message;
  const SourceLocation* where = nullptr;
  if (site->kind == "data_element") where = ElementLocation(site->id);
  if (site->kind == "code_list") where = CodeListLocation(site->id);
  if (site->kind == "record_schema") where = SchemaLocation(site->id);
  if (site->kind == "term") where = TermLocation(site->id);
  if (site->kind == "coding_rule") where = CodingRuleLocation(site->id);
  if (where == nullptr || where->line == 0) return message;
  return absl::StrCat(where->file, ":", where->LineOf(site->Path()), ": ",
                      message);
}

}  // namespace shuyuan::codec
