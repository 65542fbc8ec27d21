#include "registry/registry.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "codec/reference.h"
#include "common/status_macros.h"
#include "registry/internal/items.h"
#include "registry/internal/keys.h"
#include "registry/internal/registry_impl.h"
#include "registry/internal/store.h"

namespace shuyuan::registry {

using registry_internal::Family;
using registry_internal::Head;
using registry_internal::IdOf;
using registry_internal::KindWords;
using registry_internal::Store;
using registry_internal::VersionInfoOf;

namespace {

bool IsCurrentStandard(v1::RegistrationStatus status) {
  return status == v1::STANDARD || status == v1::PREFERRED_STANDARD;
}

absl::Status CheckKind(v1::ItemKind kind) {
  if (kind == v1::ITEM_KIND_UNSPECIFIED || !v1::ItemKind_IsValid(kind)) {
    return absl::InvalidArgumentError(
        "kind: say which kind of item (DATA_ELEMENT, CODE_LIST, "
        "RECORD_SCHEMA, TERM or CODING_RULE)");
  }
  return absl::OkStatus();
}

}  // namespace

// --- Impl: store reads ------------------------------------------------------

Registry::Impl::Impl(RegistryOptions options, std::unique_ptr<Store> store,
                     uint64_t last_seq)
    : options_(std::move(options)),
      store_(std::move(store)),
      next_seq_(last_seq + 1),
      last_seq_(last_seq) {}

absl::StatusOr<std::optional<Head>> Registry::Impl::ReadHead(
    v1::ItemKind kind, absl::string_view id) const {
  SHUYUAN_ASSIGN_OR_RETURN(
      std::optional<std::string> bytes,
      store_->Get(Family::kIndex, registry_internal::HeadKey(kind, id)));
  if (!bytes.has_value()) return std::optional<Head>();
  std::optional<Head> head = registry_internal::DecodeHead(*bytes);
  if (!head.has_value()) {
    return absl::DataLossError(absl::StrCat("the store's head record of ",
                                            KindWords(kind), " ", id,
                                            " is corrupt"));
  }
  return head;
}

namespace {

absl::StatusOr<v1::DefinitionDocument> ParseDocument(absl::string_view bytes,
                                                     absl::string_view what) {
  v1::DefinitionDocument document;
  if (!document.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(
        absl::StrCat("the store's record of ", what, " is corrupt"));
  }
  return document;
}

}  // namespace

absl::StatusOr<std::optional<v1::DefinitionDocument>>
Registry::Impl::ReadVersion(v1::ItemKind kind, absl::string_view id,
                            uint32_t version) const {
  SHUYUAN_ASSIGN_OR_RETURN(
      std::optional<std::string> bytes,
      store_->Get(Family::kItems,
                  registry_internal::ItemKey(kind, id, version)));
  if (!bytes.has_value()) return std::optional<v1::DefinitionDocument>();
  SHUYUAN_ASSIGN_OR_RETURN(
      v1::DefinitionDocument document,
      ParseDocument(*bytes, codec::PinnedRef(id, version)));
  return std::optional<v1::DefinitionDocument>(std::move(document));
}

absl::StatusOr<std::vector<v1::DefinitionDocument>>
Registry::Impl::ReadVersions(v1::ItemKind kind, absl::string_view id) const {
  std::vector<v1::DefinitionDocument> versions;
  absl::Status parse_error;
  SHUYUAN_RETURN_IF_ERROR(store_->Scan(
      Family::kItems, registry_internal::ItemIdPrefix(kind, id), "",
      [&](absl::string_view, absl::string_view value) {
        absl::StatusOr<v1::DefinitionDocument> d = ParseDocument(value, id);
        if (!d.ok()) {
          parse_error = d.status();
          return false;
        }
        versions.push_back(*std::move(d));
        return true;
      }));
  SHUYUAN_RETURN_IF_ERROR(parse_error);
  return versions;
}

absl::Status Registry::Impl::ReadEntries(absl::string_view id, uint32_t version,
                                         v1::CodeList* list) const {
  absl::Status parse_error;
  SHUYUAN_RETURN_IF_ERROR(
      store_->Scan(Family::kChunks, registry_internal::ChunkPrefix(id, version),
                   "", [&](absl::string_view, absl::string_view value) {
                     v1::CodeList chunk;
                     if (!chunk.ParseFromArray(
                             value.data(), static_cast<int>(value.size()))) {
                       parse_error = absl::DataLossError(absl::StrCat(
                           "the store's entries of code list ",
                           codec::PinnedRef(id, version), " are corrupt"));
                       return false;
                     }
                     for (v1::CodeEntry& entry : *chunk.mutable_entries()) {
                       *list->add_entries() = std::move(entry);
                     }
                     return true;
                   }));
  return parse_error;
}

absl::StatusOr<v1::DefinitionDocument> Registry::Impl::ResolveRef(
    v1::ItemKind kind, absl::string_view ref) const {
  SHUYUAN_RETURN_IF_ERROR(CheckKind(kind));
  SHUYUAN_ASSIGN_OR_RETURN(codec::Reference parsed, codec::ParseReference(ref));
  SHUYUAN_ASSIGN_OR_RETURN(std::optional<Head> head, ReadHead(kind, parsed.id));
  if (!head.has_value()) {
    return absl::NotFoundError(
        absl::StrCat(KindWords(kind), " '", parsed.id, "' is not registered"));
  }
  std::optional<v1::DefinitionDocument> found;
  switch (parsed.form) {
    case codec::Reference::Form::kVersion: {
      SHUYUAN_ASSIGN_OR_RETURN(found,
                               ReadVersion(kind, parsed.id, parsed.version));
      if (!found.has_value()) {
        return absl::NotFoundError(absl::StrCat(
            KindWords(kind), " '", ref, "' does not exist (the latest is ",
            codec::PinnedRef(parsed.id, head->latest), ")"));
      }
      break;
    }
    case codec::Reference::Form::kLatest: {
      SHUYUAN_ASSIGN_OR_RETURN(found,
                               ReadVersion(kind, parsed.id, head->latest));
      break;
    }
    case codec::Reference::Form::kBare: {
      absl::Status parse_error;
      SHUYUAN_RETURN_IF_ERROR(store_->ScanReverse(
          Family::kItems, registry_internal::ItemIdPrefix(kind, parsed.id),
          [&](absl::string_view, absl::string_view value) {
            absl::StatusOr<v1::DefinitionDocument> d =
                ParseDocument(value, parsed.id);
            if (!d.ok()) {
              parse_error = d.status();
              return false;
            }
            if (IsCurrentStandard(VersionInfoOf(*d).registration_status())) {
              found = *std::move(d);
              return false;
            }
            return true;
          }));
      SHUYUAN_RETURN_IF_ERROR(parse_error);
      if (!found.has_value()) {
        return absl::NotFoundError(absl::StrCat(
            KindWords(kind), " '", parsed.id,
            "' has no STANDARD or PREFERRED_STANDARD version; name one with "
            "'",
            parsed.id, "@latest' (", codec::PinnedRef(parsed.id, head->latest),
            ") or '", parsed.id, "@N', or promote a version"));
      }
      break;
    }
  }
  if (!found.has_value()) {
    return absl::DataLossError(
        absl::StrCat("the store lost ", KindWords(kind), " ", ref));
  }
  return *std::move(found);
}

// --- Registry ----------------------------------------------------------------

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::~Registry() = default;

absl::StatusOr<std::unique_ptr<Registry>> Registry::Open(
    const RegistryOptions& options) {
  SHUYUAN_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                           Store::Open(options.data_dir));
  SHUYUAN_ASSIGN_OR_RETURN(
      std::optional<std::string> seq,
      store->Get(Family::kDefault, registry_internal::kAuditSeqKey));
  uint64_t last_seq = 0;
  if (seq.has_value()) {
    if (seq->size() != 8) {
      return absl::DataLossError(absl::StrCat(
          options.data_dir, ": the store's audit_seq record is corrupt"));
    }
    last_seq = registry_internal::DecodeFixed64(*seq);
  }
  return std::unique_ptr<Registry>(new Registry(
      std::make_unique<Impl>(options, std::move(store), last_seq)));
}

absl::Status Registry::Restore(const std::string& backup_dir,
                               const std::string& data_dir) {
  return Store::Restore(backup_dir, data_dir);
}

const std::string& Registry::data_dir() const { return impl_->store().dir(); }

absl::StatusOr<v1::DefinitionDocument> Registry::Resolve(
    v1::ItemKind kind, absl::string_view ref) const {
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument document,
                           impl_->ResolveRef(kind, ref));
  if (document.has_code_list()) {
    const v1::VersionInfo& info = document.code_list().version_info();
    SHUYUAN_RETURN_IF_ERROR(impl_->ReadEntries(document.code_list().id(),
                                               info.version(),
                                               document.mutable_code_list()));
  }
  return document;
}

absl::StatusOr<v1::GetItemResponse> Registry::Get(
    const v1::GetItemRequest& request) const {
  SHUYUAN_ASSIGN_OR_RETURN(v1::DefinitionDocument document,
                           Resolve(request.kind(), request.ref()));
  v1::GetItemResponse response;
  const std::string id = IdOf(document);
  const uint32_t version = VersionInfoOf(document).version();
  *response.mutable_item()->mutable_definition() = std::move(document);
  SHUYUAN_ASSIGN_OR_RETURN(std::optional<Head> head,
                           impl_->ReadHead(request.kind(), id));
  response.set_policy(head.has_value() ? head->policy : v1::BACKWARD);
  // Who pins this version; for a term, who cites any of its versions.
  const std::string prefix =
      request.kind() == v1::TERM
          ? registry_internal::PinTargetIdPrefix(request.kind(), id)
          : registry_internal::PinTargetPrefix(request.kind(), id, version);
  std::vector<registry_internal::ParsedPinKey> pins;
  SHUYUAN_RETURN_IF_ERROR(
      impl_->store().Scan(Family::kIndex, prefix, "",
                          [&](absl::string_view key, absl::string_view) {
                            std::optional<registry_internal::ParsedPinKey> pin =
                                registry_internal::ParsePinKey(key);
                            if (pin.has_value())
                              pins.push_back(*std::move(pin));
                            return true;
                          }));
  for (const registry_internal::ParsedPinKey& pin : pins) {
    SHUYUAN_ASSIGN_OR_RETURN(
        std::optional<v1::DefinitionDocument> source,
        impl_->ReadVersion(pin.source_kind, pin.source_id, pin.source_version));
    if (source.has_value()) {
      *response.add_cited_by() = registry_internal::Summarize(*source);
    }
  }
  return response;
}

absl::StatusOr<v1::HistoryResponse> Registry::History(
    const v1::HistoryRequest& request) const {
  SHUYUAN_RETURN_IF_ERROR(CheckKind(request.kind()));
  SHUYUAN_ASSIGN_OR_RETURN(std::optional<Head> head,
                           impl_->ReadHead(request.kind(), request.id()));
  if (!head.has_value()) {
    return absl::NotFoundError(absl::StrCat(
        KindWords(request.kind()), " '", request.id(), "' is not registered"));
  }
  SHUYUAN_ASSIGN_OR_RETURN(std::vector<v1::DefinitionDocument> versions,
                           impl_->ReadVersions(request.kind(), request.id()));
  v1::HistoryResponse response;
  for (const v1::DefinitionDocument& d : versions) {
    *response.add_versions() = registry_internal::Summarize(d);
  }
  response.set_policy(head->policy);
  return response;
}

absl::StatusOr<v1::ItemOutcome> Registry::CreateVersion(
    const v1::CreateVersionRequest& request, const Actor& actor) {
  v1::ApplyRequest apply;
  *apply.add_items() = request.item();
  apply.set_allow_breaking(request.allow_breaking());
  apply.set_dry_run(request.dry_run());
  SHUYUAN_ASSIGN_OR_RETURN(v1::ApplyResponse response, Apply(apply, actor));
  if (response.items_size() != 1) {
    return absl::InternalError("apply of one item gave no single outcome");
  }
  return response.items(0);
}

absl::StatusOr<std::shared_ptr<const codec::CompiledSchema>>
Registry::CompileSchema(absl::string_view ref) const {
  return impl_->CompileSchema(ref);
}

absl::StatusOr<std::shared_ptr<const codec::CompiledElement>>
Registry::CompileElement(absl::string_view ref) const {
  return impl_->CompileElement(ref);
}

uint64_t Registry::last_audit_seq() const { return impl_->last_seq(); }

bool Registry::WaitForAudit(uint64_t seq, absl::Time deadline) const {
  return impl_->WaitForAudit(seq, deadline);
}

int Registry::AddAuditListener(std::function<void(uint64_t)> listener) {
  return impl_->AddListener(std::move(listener));
}

void Registry::RemoveAuditListener(int handle) {
  impl_->RemoveListener(handle);
}

}  // namespace shuyuan::registry
